package analyze

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

const (
	shingleK      = 5   // characters per shingle
	minHashes     = 64  // MinHash signature length
	lshRows       = 4   // rows per LSH band (16 bands)
	exactPairsMax = 300 // up to this many sections, compare every pair exactly
)

// Fingerprint is what text.duplicate needs of one section besides its heading and a snippet
// of its text: how many characters it has and the distinct hashes of its shingles. A
// pipeline that reads reports on several workers computes it there with SectionFingerprint
// and passes it in Report.Fingerprints.
type Fingerprint struct {
	// Tokens counts the section's characters, as text.duplicate counts them: each Chinese
	// character is one, and so is each run of Latin letters or digits (2024, GDP);
	// punctuation and spaces are not counted.
	Tokens int
	// Shingles are the 32-bit hashes of every 5 consecutive such characters, distinct and
	// sorted.
	Shingles []uint32
}

// SectionFingerprint returns the Fingerprint of a section's text. Copied text is compared
// by characters, not words: a copy is a copy whatever a segmenter makes of it, and
// characters cost nothing to find (segmenting every section was a sixth of a run's time).
func SectionFingerprint(text string) Fingerprint {
	// toks holds each character's span in text; a run of Latin letters or digits is one.
	var spans [64][2]int32
	toks := spans[:0]
	inRun := false
	for i, r := range text {
		switch {
		case r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'),
			r >= 0x80 && !wide(r) && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if inRun {
				toks[len(toks)-1][1] = int32(i + utf8.RuneLen(r))
				continue
			}
			inRun = true
			toks = append(toks, [2]int32{int32(i), int32(i + utf8.RuneLen(r))})
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			inRun = false
			toks = append(toks, [2]int32{int32(i), int32(i + utf8.RuneLen(r))})
		default:
			inRun = false
		}
	}
	fp := Fingerprint{Tokens: len(toks)}
	if len(toks) < shingleK {
		return fp
	}
	hs := make([]uint32, 0, len(toks)-shingleK+1)
	for k := 0; k+shingleK <= len(toks); k++ {
		// FNV-1a over the shingle's characters (full-width forms as their ASCII ones: ２０２４
		// is 2024), each token followed by a separator, folded to 32 bits.
		h := uint64(14695981039346656037)
		for _, t := range toks[k : k+shingleK] {
			for _, r := range text[t[0]:t[1]] {
				if r >= 0xFF01 && r <= 0xFF5E {
					r -= 0xFEE0
				}
				h = (h ^ uint64(r)) * 1099511628211
			}
			h = (h ^ 0x1f) * 1099511628211
		}
		hs = append(hs, uint32(h)^uint32(h>>32))
	}
	slices.Sort(hs)
	fp.Shingles = slices.Clip(slices.Compact(hs))
	return fp
}

// wide reports whether r belongs to a script written without spaces between words (Chinese,
// Japanese kana, Korean), whose characters are tokens on their own; full-width Latin letters
// and digits (２０２４) are runs like their ASCII forms.
func wide(r rune) bool {
	if r >= 0xFF10 && r <= 0xFF5A { // full-width digits and Latin letters
		return false
	}
	return r >= 0x2E80
}

type dupSection struct {
	report   int
	heading  string
	text     string
	shingles []uint32 // distinct, sorted
}

// dupMatch is one near-duplicate pair seen from one report.
type dupMatch struct {
	other            int
	heading, otherHd string
	text, otherText  string
	jaccard          float64
}

type dupIndex struct {
	eligible map[int]bool // reports with at least one section long enough
	matches  map[int][]dupMatch
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// duplicates computes (once) the near-duplicate sections between different departments.
//
// Sections of at least DuplicateMinTokens tokens are cut into shingles of 5 tokens. When the
// batch has 4 or more departments with such sections, shingles found in more than half of
// the departments are template boilerplate (headings, the standard 基本支出 definition) and
// are dropped; a section left with fewer than DuplicateMinTokens−4 shingles is ignored. Pairs
// of sections of different departments are compared by exact Jaccard similarity of their
// shingle sets — every pair for small batches, else the candidates of a deterministic MinHash
// (64 hashes, 16 bands of 4) — and pairs at or above DuplicateThreshold are matches.
//
// It runs once per batch; callers on other goroutines wait for it.
func (b *Batch) duplicates() *dupIndex {
	b.dupOnce.Do(func() { b.dup = b.findDuplicates() })
	return b.dup
}

func (b *Batch) findDuplicates() *dupIndex {
	idx := &dupIndex{eligible: map[int]bool{}, matches: map[int][]dupMatch{}}
	var secs []*dupSection
	deptKey := func(i int) string { return b.dept(i) + "\x00" + b.region(i) }
	for i := range b.Reports {
		if b.failed(i) {
			continue
		}
		r := &b.Reports[i]
		for si, s := range r.Sections {
			var fp Fingerprint
			if fps := b.fingerprints[i]; len(fps) == len(r.Sections) {
				fp = fps[si]
			} else {
				fp = SectionFingerprint(s.Text)
			}
			if fp.Tokens < b.cfg.DuplicateMinTokens {
				continue
			}
			ds := &dupSection{report: i, heading: s.Heading, text: s.Text, shingles: fp.Shingles}
			secs = append(secs, ds)
		}
	}
	// Drop boilerplate shingles shared by more than half of the departments.
	depts := map[string]bool{}
	for _, s := range secs {
		depts[deptKey(s.report)] = true
	}
	if len(depts) >= 4 {
		// A shingle's department count is the length of its run in the sorted list of every
		// department's distinct shingles.
		byDept := map[string][]*dupSection{}
		var order []string
		for _, s := range secs {
			k := deptKey(s.report)
			if _, ok := byDept[k]; !ok {
				order = append(order, k)
			}
			byDept[k] = append(byDept[k], s)
		}
		var all []uint32
		for _, k := range order {
			start := len(all)
			for _, s := range byDept[k] {
				all = append(all, s.shingles...)
			}
			slices.Sort(all[start:])
			all = append(all[:start], slices.Compact(all[start:])...)
		}
		slices.Sort(all)
		boiler := map[uint32]bool{}
		for x := 0; x < len(all); {
			y := x + 1
			for y < len(all) && all[y] == all[x] {
				y++
			}
			if 2*(y-x) > len(depts) {
				boiler[all[x]] = true
			}
			x = y
		}
		all = nil
		if len(boiler) > 0 {
			for _, s := range secs {
				// In place: the batch owns its fingerprints (Finish takes them out of the
				// prepared reports, whose copies are their own) and lets them go below.
				s.shingles = slices.DeleteFunc(s.shingles, func(h uint32) bool { return boiler[h] })
			}
		}
	}
	minShingles := b.cfg.DuplicateMinTokens - shingleK + 1
	kept := secs[:0]
	for _, s := range secs {
		if len(s.shingles) >= minShingles {
			kept = append(kept, s)
			idx.eligible[s.report] = true
		}
	}
	secs = kept
	var pairs [][2]int32
	if len(secs) <= exactPairsMax {
		for x := range secs {
			for y := x + 1; y < len(secs); y++ {
				pairs = append(pairs, [2]int32{int32(x), int32(y)})
			}
		}
	} else {
		pairs = lshCandidates(secs)
	}
	for _, p := range pairs {
		a, c := secs[p[0]], secs[p[1]]
		if deptKey(a.report) == deptKey(c.report) {
			continue
		}
		j := jaccard(a.shingles, c.shingles)
		if j < b.cfg.DuplicateThreshold {
			continue
		}
		idx.matches[a.report] = append(idx.matches[a.report], dupMatch{c.report, a.heading, c.heading, a.text, c.text, j})
		idx.matches[c.report] = append(idx.matches[c.report], dupMatch{a.report, c.heading, a.heading, c.text, a.text, j})
	}
	// The matches are all the rule needs from here on; the fingerprints, the larger part of
	// what a batch holds for it, can go before the findings are made.
	b.fingerprints = nil
	return idx
}

// jaccard is the Jaccard similarity of two sorted sets.
func jaccard(a, c []uint32) float64 {
	inter := 0
	for x, y := 0, 0; x < len(a) && y < len(c); {
		switch {
		case a[x] == c[y]:
			inter++
			x++
			y++
		case a[x] < c[y]:
			x++
		default:
			y++
		}
	}
	union := len(a) + len(c) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// lshCandidates returns the pairs of sections that share a band of their MinHash signatures
// (64 hashes in 16 bands of 4), sorted. A band is keyed by a hash of its 4 values: two bands
// that collide only add a candidate, which the exact comparison then rejects. Near-copies
// share most of their bands: the pairs are made distinct after each band, so that a batch
// full of them holds each pair once, not up to 16 times.
func lshCandidates(secs []*dupSection) [][2]int32 {
	const bands = minHashes / lshRows
	type entry struct {
		key uint64
		x   int32
	}
	keys := make([]entry, 0, len(secs))
	var pairs, fresh [][2]int32
	var seeds [minHashes]uint64
	for k := range seeds {
		seeds[k] = splitmix(uint64(k + 1))
	}
	bandKeys := make([][bands]uint64, len(secs))
	parallel(len(secs), func(x int) {
		s := secs[x]
		var sig [minHashes]uint64
		for k := range sig {
			sig[k] = ^uint64(0)
		}
		for _, h := range s.shingles {
			for k := range sig {
				if v := splitmix(uint64(h) ^ seeds[k]); v < sig[k] {
					sig[k] = v
				}
			}
		}
		for band := range bands {
			key := uint64(band + 1)
			for _, v := range sig[band*lshRows : (band+1)*lshRows] {
				key = splitmix(key ^ v)
			}
			bandKeys[x][band] = key
		}
	})
	for band := range bands {
		keys = keys[:0]
		for x := range secs {
			keys = append(keys, entry{bandKeys[x][band], int32(x)})
		}
		slices.SortFunc(keys, func(a, b entry) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.x, b.x)) })
		for a := 0; a < len(keys); {
			c := a + 1
			for c < len(keys) && keys[c].key == keys[a].key {
				c++
			}
			for p := a; p < c; p++ {
				for q := p + 1; q < c; q++ {
					fresh = append(fresh, [2]int32{keys[p].x, keys[q].x})
				}
			}
			a = c
		}
		slices.SortFunc(fresh, comparePairs)
		pairs = mergePairs(pairs, slices.Compact(fresh))
		fresh = fresh[:0]
	}
	return slices.Clip(pairs)
}

func comparePairs(p, q [2]int32) int { return cmp.Or(cmp.Compare(p[0], q[0]), cmp.Compare(p[1], q[1])) }

// mergePairs merges the sorted, distinct pairs b into the sorted, distinct pairs a, in
// place from the back (a grows once), and returns them sorted and distinct.
func mergePairs(a, b [][2]int32) [][2]int32 {
	n := len(a)
	a = slices.Grow(a, len(b))[:n+len(b)]
	i, j, k := n-1, len(b)-1, len(a)-1
	for j >= 0 {
		if i >= 0 && comparePairs(a[i], b[j]) > 0 {
			a[k] = a[i]
			i--
		} else {
			a[k] = b[j]
			j--
		}
		k--
	}
	return slices.Compact(a)
}

func checkDuplicate(b *Batch, i int) Verdict {
	idx := b.duplicates()
	if !idx.eligible[i] {
		return na(fmt.Sprintf("没有至少%d个字的叙述段落", b.cfg.DuplicateMinTokens))
	}
	others := false
	for j := range idx.eligible {
		if j != i && !b.sameDept(i, j) {
			others = true
			break
		}
	}
	if !others {
		return na("没有其他部门的叙述段落可比")
	}
	byOther := map[int][]dupMatch{}
	var order []int
	for _, m := range idx.matches[i] {
		if _, ok := byOther[m.other]; !ok {
			order = append(order, m.other)
		}
		byOther[m.other] = append(byOther[m.other], m)
	}
	if len(order) == 0 {
		return passed()
	}
	sort.Slice(order, func(x, y int) bool { return b.Reports[order[x]].Path < b.Reports[order[y]].Path })
	var fs []Finding
	for _, j := range order {
		ms := byOther[j]
		best := ms[0]
		for _, m := range ms {
			if m.jaccard > best.jaccard {
				best = m
			}
		}
		more := ""
		if len(ms) > 1 {
			more = fmt.Sprintf("等%d处", len(ms))
		}
		fs = append(fs, Finding{
			Related:  []string{b.Reports[j].ReportID},
			Expected: decPtr(decimal.NewFromFloat(b.cfg.DuplicateThreshold).Round(4)),
			Actual:   decPtr(decimal.NewFromFloat(best.jaccard).Round(4)),
			Message: fmt.Sprintf("“%s”部分与%s报告的“%s”部分%s文字高度雷同（相似度%.2f）。", headingOr(best.heading), b.Reports[j].Department,
				headingOr(best.otherHd), more, best.jaccard),
			Evidence: joinEvidence([]string{best.text, best.otherText}),
			key:      b.Reports[j].ReportID,
			// the other report is in Related: the key names nothing a resubmission keeps
			keyVolatile: true,
		})
	}
	return Verdict{Findings: fs}
}

func headingOr(h string) string {
	if strings.TrimSpace(h) == "" {
		return "正文"
	}
	return strings.TrimSpace(h)
}
