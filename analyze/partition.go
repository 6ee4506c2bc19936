package analyze

import (
	"cmp"
	"hash/fnv"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/extract"
)

// RegionKey is the region the rules group a report by: the region the report states, else
// the one its department's name begins with (RegionOf), cleaned. Peer groups are the reports
// of one RegionKey and year. It is "" when neither names a region, and a bare level word
// (县, 市, 区, 省) when the name only says "the county's".
func RegionKey(department, region string) string {
	if region == "" {
		region = RegionOf(department)
	}
	return cleanName(region)
}

// openRegion reports whether a region key can denote any region (regionsCompatible): empty,
// or a bare level word.
func openRegion(key string) bool { return utf8.RuneCountInString(key) <= 1 }

// MergeRules are the rules that an analysis shard (Plan) does not run and the merge of the
// shards runs over the whole batch, because they compare reports of different regions:
// text.duplicate compares every section with every other department's (and counts a template's
// departments over the batch), and submission.missing looks for each expected unit in
// the whole batch.
var MergeRules = []string{ruleTextDuplicate.ID, ruleSubmissionMissing.ID}

// MergeRule reports whether the rule with this ID runs in the merge of the analysis shards,
// not in the shards (MergeRules).
func MergeRule(id string) bool { return slices.Contains(MergeRules, id) }

// ShardRule reports whether the rule with this ID runs in the analysis shards.
func ShardRule(id string) bool { return !MergeRule(id) }

// Plan shares the reports of a batch among n analysis shards by region, so that each shard
// runs every rule but MergeRules over the reports it owns and gets the findings and checks
// a whole batch gives them.
//
// Reports are owned by region family: the region keys (RegionKey) that the rules take for
// the same place (one ending the other, 邵阳市隆回县 and 隆回县) form one family, and each
// key that names no region ("" or a bare 县) is a family of its own. A family goes to the
// shard FNV-1a 64 of its shortest key (the least, among equally short ones) modulo n.
// Besides its own reports a shard reads those their rules look at in other families
// (Needs): every report whose region is open (it may be any region's department), and for
// an owned report of open region its department's reports of every region and every
// possible receiver of its transfers.
type Plan struct {
	n     int
	keys  []string // RegionKey of each report
	shard []int    // owning shard of each report
}

// NewPlan shares the reports (only their identities are read) among n shards.
func NewPlan(reports []Report, n int) *Plan {
	p := &Plan{n: max(n, 1), keys: make([]string, len(reports)), shard: make([]int, len(reports))}
	for i := range reports {
		p.keys[i] = RegionKey(reports[i].Department, reports[i].Region)
	}
	rep := familyRepresentatives(p.keys)
	for i, k := range p.keys {
		p.shard[i] = shardOf(rep[k], p.n)
	}
	return p
}

// Owner returns the shard that owns report i.
func (p *Plan) Owner(i int) int { return p.shard[i] }

// Key returns report i's region key.
func (p *Plan) Key(i int) string { return p.keys[i] }

// shardOf is FNV-1a 64 of key modulo n.
func shardOf(key string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(key))
	return int(h.Sum64() % uint64(n))
}

// familyRepresentatives maps each region key to its family's representative: the shortest
// (then least) key of the keys connected by one ending the other. Open keys are their own.
func familyRepresentatives(keys []string) map[string]string {
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		for parent[k] != k {
			parent[k] = parent[parent[k]]
			k = parent[k]
		}
		return k
	}
	better := func(a, b string) bool {
		return cmp.Or(cmp.Compare(utf8.RuneCountInString(a), utf8.RuneCountInString(b)), strings.Compare(a, b)) < 0
	}
	union := func(a, b string) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if better(rb, ra) {
			ra, rb = rb, ra
		}
		parent[rb] = ra
	}
	for _, k := range keys {
		parent[k] = k
	}
	for k := range parent {
		if openRegion(k) {
			continue
		}
		// Every proper suffix of k of two runes or more that is a key is compatible with it.
		for off := range k {
			if off == 0 {
				continue
			}
			s := k[off:]
			if _, ok := parent[s]; ok && !openRegion(s) {
				union(k, s)
			}
		}
	}
	rep := make(map[string]string, len(parent))
	for k := range parent {
		rep[k] = find(k)
	}
	return rep
}

// Needs returns which reports shard k reads: those it owns, and those the rules about
// them look at (see Plan). Of the owned reports of open region, it reads the transfer
// claims (extract.ClaimTransfer), so that every report their transfers may go to is read.
func (p *Plan) Needs(k int, reports []Report) []bool {
	need := make([]bool, len(reports))
	depts := map[string]bool{}
	type transfer struct {
		year         int
		from, target string
	}
	var transfers []transfer
	for i := range reports {
		if p.shard[i] != k {
			continue
		}
		need[i] = true
		if !openRegion(p.keys[i]) {
			continue // its department's other reports and its receivers are of its family or of open region
		}
		if reports[i].Department != "" {
			depts[NormalizeDepartment(reports[i].Department)] = true
		}
		for _, c := range reports[i].Claims {
			if c.Kind == extract.ClaimTransfer {
				transfers = append(transfers, transfer{reports[i].Year, p.keys[i], cleanName(RegionOf(c.Target))})
			}
		}
	}
	for j := range reports {
		switch {
		case need[j]:
		case openRegion(p.keys[j]):
			need[j] = true
		case reports[j].Department != "" && depts[NormalizeDepartment(reports[j].Department)]:
			need[j] = true
		default:
			for _, t := range transfers {
				if reports[j].Year == t.year && regionsCompatible(t.target, p.keys[j]) && regionsCompatible(t.from, p.keys[j]) {
					need[j] = true
					break
				}
			}
		}
	}
	return need
}

// Order returns the department findings are ordered by after their severity (see Run): the
// report's as written, or for a finding of no report the unit it names. A partial analysis
// keeps it beside the finding, for the merge.
func (f *Finding) Order() string { return f.department }

// SetOrder sets the department f is ordered by: a finding read back from a partial analysis
// (Order).
func (f *Finding) SetOrder(department string) { f.department = department }

// SortFindings orders findings as Run does: by severity (error, warning, info), department,
// path, rule, anomaly id, and then by the rest of the row, so that the findings of the parts
// of a batch, joined, are in the order of the whole batch's.
func SortFindings(fs []Finding) { sortFindings(fs) }
