package review

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/unitname"
)

// Subject is what a finding's review key is made of: what stays the same when a department
// sends a corrected report. The report's id (the hash of its bytes), its path and the
// positions of its texts all change then; its unit, its year and what the finding is about
// do not.
type Subject struct {
	Rule string
	// Department is the unit name of the finding's report as written; it is normalised
	// (unitname.Normalize: 县科协 = 隆回县科学技术协会) and its region kept beside it, so that
	// the same department of two counties in one batch has two keys. Path stands for the
	// unit when the report names none.
	Department, Path string
	Year             int
	Metrics          []string
	// Item is what within the report the finding is about (analyze.Finding.Item).
	Item string
	// Others are the other reports of a cross-report finding: last year's report, the
	// receiver of a transfer, the report copied from.
	Others []Party
}

// Party is one other report of a cross-report finding: its unit name as written and its
// year.
type Party struct {
	Department string
	Year       int
}

// groupRules are the rules whose related reports are the group a report is compared with
// (its peers), not a counterpart: who else submitted is no part of what the finding is.
var groupRules = map[string]bool{"peer.outlier": true}

// KeyVersion is the first element hashed into a review key: a change of what a key is made
// of changes it, so that keys of two recipes never meet.
const keyVersion = "review-key/1"

// Key is the review key of a finding: the first 16 hex characters of the SHA-256 of its
// subject. Two runs over a department's report and over its corrected resubmission give
// the finding that remains the same key, whatever the files' bytes and names.
func Key(s Subject) string { return new(Keyer).Key(s) }

// Keyer makes the review keys of a run, each unit name normalised once (a run's findings
// name a few thousand units, a hundred thousand times). The zero Keyer is ready to use; it
// is not safe for concurrent use.
type Keyer struct {
	units map[[2]string]string
}

// Key is Key(s), with the units normalised as before.
func (k *Keyer) Key(s Subject) string {
	h := sha256.New()
	write := func(parts ...string) {
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
	}
	write(keyVersion, s.Rule, k.unit(s.Department, s.Path), strconv.Itoa(s.Year))
	write(strings.Join(s.Metrics, ","), s.Item)
	if !groupRules[s.Rule] {
		others := make([]string, 0, len(s.Others))
		for _, o := range s.Others {
			others = append(others, k.unit(o.Department, "")+"\x01"+strconv.Itoa(o.Year))
		}
		slices.Sort(others)
		write(slices.Compact(others)...)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// unit is unit(department, path), remembered.
func (k *Keyer) unit(department, path string) string {
	if k.units == nil {
		k.units = map[[2]string]string{}
	}
	id := [2]string{department, path}
	if u, ok := k.units[id]; ok {
		return u
	}
	u := unit(department, path)
	k.units[id] = u
	return u
}

// unit is a unit name as the key holds it: its region and its normalised name, or the path
// when there is no name.
func unit(department, path string) string {
	if strings.TrimSpace(department) == "" {
		return "path:" + path
	}
	return unitname.Region(department) + "\x01" + unitname.Normalize(department)
}

// Disambiguate makes the keys of one run distinct, in place: the second finding with a key
// (two copies of one file in a batch, a report stating the same wrong share twice) gets the
// key with "-2" appended, the third "-3", in the order given (the anomalies table's).
func Disambiguate(keys []string) {
	seen := make(map[string]int, len(keys))
	for i, k := range keys {
		n := seen[k] + 1
		seen[k] = n
		if n > 1 {
			keys[i] = k + "-" + strconv.Itoa(n)
		}
	}
}
