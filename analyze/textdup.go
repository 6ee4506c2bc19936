package analyze

import (
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"

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
	// chars are the tokens' characters one after the other, full-width forms as their ASCII
	// ones (２０２４ is 2024); token k is chars[ends[k-1]:ends[k]]. A run of Latin letters or
	// digits is one token.
	chars := make([]rune, 0, len(text)/3+1)
	ends := make([]int32, 0, len(text)/3+1)
	inRun := false
	for _, r := range text {
		switch {
		case r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'),
			r >= 0x80 && !wide(r) && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			chars = append(chars, foldWidth(r))
			if inRun {
				ends[len(ends)-1]++
				continue
			}
			inRun = true
			ends = append(ends, int32(len(chars)))
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			inRun = false
			chars = append(chars, foldWidth(r))
			ends = append(ends, int32(len(chars)))
		default:
			inRun = false
		}
	}
	fp := Fingerprint{Tokens: len(ends)}
	if len(ends) < shingleK {
		return fp
	}
	hs := make([]uint32, 0, len(ends)-shingleK+1)
	for k := 0; k+shingleK <= len(ends); k++ {
		// FNV-1a over the shingle's characters, each token followed by a separator, folded
		// to 32 bits.
		h := uint64(14695981039346656037)
		from := int32(0)
		if k > 0 {
			from = ends[k-1]
		}
		for _, to := range ends[k : k+shingleK] {
			for _, r := range chars[from:to] {
				h = (h ^ uint64(r)) * 1099511628211
			}
			h = (h ^ 0x1f) * 1099511628211
			from = to
		}
		hs = append(hs, uint32(h)^uint32(h>>32))
	}
	sortUint32(hs)
	fp.Shingles = slices.Clip(slices.Compact(hs))
	return fp
}

// foldWidth is a full-width form (Ａ, ２, ！) as its ASCII one, any other character as it is.
func foldWidth(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFEE0
	}
	return r
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

// dupCluster is one cluster of near-identical sections of different departments, seen
// from the report that holds its finding: the first of its reports by path.
type dupCluster struct {
	others           []int // the cluster's other reports, by path
	heading, otherHd string
	text, otherText  string
	jaccard          float64 // of the holder's section and its closest match
	sections         int     // the holder's sections in the cluster
	members          string  // the other reports, by path: clusters of the same reports are one finding
}

type dupIndex struct {
	eligible map[int]bool         // reports with at least one section long enough
	held     map[int][]dupCluster // the clusters a report holds the finding of
	holder   map[int]int          // the holder of the cluster another report is in (the first by path)
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// duplicates computes (once) the clusters of near-identical sections of different
// departments of a region.
//
// Sections of at least DuplicateMinTokens tokens are cut into shingles of 5 tokens.
// Shingles that more than half of the departments of the batch, or of the section's region,
// write are template boilerplate (headings, the standard 基本支出 definition, the problems
// and measures a county hands its departments to write) and are dropped, when there are 4
// or more such departments; a section left with fewer than DuplicateMinTokens−4 shingles is
// ignored. Within each region, pairs of sections of different departments are compared by
// exact Jaccard similarity of their shingle sets — every pair for up to exactPairsMax
// sections, else the candidates of a deterministic MinHash (64 hashes, 16 bands of 4) —
// and pairs at or above DuplicateThreshold are matches. Matches join sections into
// clusters; each cluster is one finding, held by the first of its reports by path.
//
// It runs once per batch; callers on other goroutines wait for it.
func (b *Batch) duplicates() *dupIndex {
	b.dupOnce.Do(func() { b.dup = b.findDuplicates() })
	return b.dup
}

func (b *Batch) findDuplicates() *dupIndex {
	idx, err := b.findDuplicatesFrom(nil)
	if err != nil {
		panic("analyze: sections in memory cannot fail to load: " + err.Error())
	}
	return idx
}

// findDuplicatesFrom finds the clusters of near-identical sections (see duplicates) a region
// at a time: the sections of reports whose bulk is in a Spill (spilled[i] non-nil) are read
// back for their region and let go once it is matched, so that a national batch holds the
// sections of a few regions at a time (one a core, eachRegion). spilled may be nil or
// shorter than the batch.
//
// The template shingles of the batch are found without the whole batch in memory. A shingle
// more than half of the batch's departments write is written by more than half of the
// departments of at least one region (else it would be at most half in every region, and so
// in the batch); so a first pass over the regions lists those shingles of each region, a
// second counts the departments that write them across the batch, and the third matches each
// region with the batch's template shingles dropped — what dropping them from every section
// at once did.
func (b *Batch) findDuplicatesFrom(spilled []*spilledParts) (*dupIndex, error) {
	idx := &dupIndex{eligible: map[int]bool{}, held: map[int][]dupCluster{}, holder: map[int]int{}}
	regions := b.dupRegions(spilled)
	boiler, local, err := b.batchBoilerplate(regions, spilled)
	if err != nil {
		return nil, err
	}
	minShingles := b.cfg.DuplicateMinTokens - shingleK + 1
	type matched struct {
		kept   []*dupSection
		groups [][]dupEdge
	}
	err = eachRegion(b, regions, spilled, func(r int, rs []*dupSection) matched {
		// The batch's template shingles and the region's own (more than half of its
		// departments, when it has 4 or more) are dropped, in place: the batch owns its
		// fingerprints (Finish takes them out of the prepared reports, whose copies are
		// their own) and lets them go once the clusters are made.
		if len(boiler) > 0 || len(local[r]) > 0 {
			for _, s := range rs {
				s.shingles = slices.DeleteFunc(s.shingles, func(h uint32) bool {
					_, own := slices.BinarySearch(local[r], h)
					return own || boiler[h]
				})
			}
		}
		kept := rs[:0]
		for _, s := range rs {
			if len(s.shingles) >= minShingles {
				kept = append(kept, s)
			}
		}
		return matched{kept, b.matchRegion(kept)}
	}, func(_ int, m matched) {
		for _, s := range m.kept {
			idx.eligible[s.report] = true
		}
		for _, g := range m.groups {
			b.addCluster(idx, m.kept, g)
		}
	})
	if err != nil {
		return nil, err
	}
	// The clusters are all the rule needs from here on; the fingerprints, the larger part of
	// what a batch holds for it, can go before the findings are made.
	b.fingerprints = nil
	return idx, nil
}

// deptKey is the department and region of report i, as text.duplicate tells departments apart.
func (b *Batch) deptKey(i int) string { return b.dept(i) + "\x00" + b.region(i) }

// dupRegions groups the readable reports with a section long enough for text.duplicate by
// region: each group in index order, the groups in order of their first report.
func (b *Batch) dupRegions(spilled []*spilledParts) [][]int {
	return groupsInOrder(len(b.Reports), func(i int) (string, bool) {
		return b.region(i), !b.failed(i) && b.hasLongSection(i, spilledOf(spilled, i))
	})
}

// hasLongSection reports whether report i has a section of at least DuplicateMinTokens
// (sp: where its sections are in a Spill, or nil).
func (b *Batch) hasLongSection(i int, sp *spilledParts) bool {
	if sp != nil {
		return sp.nsecs > 0 // slim keeps only the long ones
	}
	for si := range b.Reports[i].Sections {
		if b.sectionTokens(i, si) >= b.cfg.DuplicateMinTokens {
			return true
		}
	}
	return false
}

// sectionTokens is the number of tokens of section si of report i.
func (b *Batch) sectionTokens(i, si int) int {
	if fps := b.fingerprintsOf(i); len(fps) == len(b.Reports[i].Sections) {
		return fps[si].Tokens
	}
	return SectionFingerprint(b.Reports[i].Sections[si].Text).Tokens
}

// fingerprintsOf is report i's fingerprints, when the batch has them.
func (b *Batch) fingerprintsOf(i int) []Fingerprint {
	if i < len(b.fingerprints) {
		return b.fingerprints[i]
	}
	return nil
}

// batchBoilerplate returns the shingles that more than half of the batch's departments
// write, when it has 4 or more departments (see findDuplicatesFrom), reading each region's
// sections twice; and, by region, the sorted shingles that more than half of the region's
// departments write, when it has 4 or more (its own template, found in the first pass).
func (b *Batch) batchBoilerplate(regions [][]int, spilled []*spilledParts) (boiler map[uint32]bool, local [][]uint32, err error) {
	depts := 0
	for _, reps := range regions {
		depts += len(groupsInOrder(len(reps), func(k int) (string, bool) { return b.deptKey(reps[k]), true }))
	}
	local = make([][]uint32, len(regions))
	if depts < 4 {
		return nil, local, nil // and so no region has 4 departments either
	}
	// Pass 1: the shingles more than half of some region's departments write, sorted.
	var candidates []uint32
	err = eachRegion(b, regions, spilled, func(_ int, rs []*dupSection) regionRuns {
		return newRegionRuns(rs, b.deptKey)
	}, func(r int, runs regionRuns) {
		var over []uint32
		for k, h := range runs.hs {
			if 2*int(runs.counts[k]) > runs.depts {
				over = append(over, h)
			}
		}
		candidates = append(candidates, over...)
		if runs.depts >= 4 {
			local[r] = slices.Clip(over)
		}
	})
	if err != nil || len(candidates) == 0 {
		return nil, local, err
	}
	sortUint32(candidates)
	candidates = slices.Compact(candidates)
	// Pass 2: their departments across the batch.
	total := make([]int, len(candidates))
	err = eachRegion(b, regions, spilled, func(_ int, rs []*dupSection) regionRuns {
		return newRegionRuns(rs, b.deptKey)
	}, func(_ int, runs regionRuns) {
		for k, h := range runs.hs {
			if x, ok := slices.BinarySearch(candidates, h); ok {
				total[x] += int(runs.counts[k])
			}
		}
	})
	if err != nil {
		return nil, nil, err
	}
	boiler = map[uint32]bool{}
	for x, h := range candidates {
		if 2*total[x] > depts {
			boiler[h] = true
		}
	}
	return boiler, local, nil
}

// eachRegion calls work with the sections of each region (as regionSections lists them)
// and then apply with its result, apply in region order on the calling goroutine. As many
// regions as there are cores are worked on at once; those read back from the Spill are let
// go after their apply.
func eachRegion[R any](b *Batch, regions [][]int, spilled []*spilledParts, work func(r int, rs []*dupSection) R, apply func(r int, res R)) error {
	step := max(1, runtime.GOMAXPROCS(0))
	res := make([]R, step)
	errs := make([]error, step)
	for from := 0; from < len(regions); from += step {
		n := min(step, len(regions)-from)
		var wg sync.WaitGroup
		for k := range n {
			wg.Go(func() {
				var rs []*dupSection
				if rs, errs[k] = b.regionSections(regions[from+k], spilled); errs[k] == nil {
					res[k] = work(from+k, rs)
				}
			})
		}
		wg.Wait()
		if err := errors.Join(errs[:n]...); err != nil {
			return err
		}
		for k := range n {
			apply(from+k, res[k])
			var zero R
			res[k] = zero
		}
	}
	return nil
}

// regionSections lists the sections of the reports long enough for text.duplicate, reading
// back those in a Spill. Their shingles are the batch's own copies: text.duplicate may
// trim them.
func (b *Batch) regionSections(reps []int, spilled []*spilledParts) ([]*dupSection, error) {
	read := make([][]*dupSection, len(reps))
	errs := make([]error, len(reps))
	parallel(len(reps), func(k int) {
		if sp := spilledOf(spilled, reps[k]); sp != nil {
			read[k], errs[k] = sp.sections(reps[k])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var secs []*dupSection
	for k, i := range reps {
		if spilledOf(spilled, i) != nil {
			secs = append(secs, read[k]...)
			continue
		}
		r := &b.Reports[i]
		for si, s := range r.Sections {
			var fp Fingerprint
			if fps := b.fingerprintsOf(i); len(fps) == len(r.Sections) {
				fp = fps[si]
			} else {
				fp = SectionFingerprint(s.Text)
			}
			if fp.Tokens < b.cfg.DuplicateMinTokens {
				continue
			}
			secs = append(secs, &dupSection{report: i, heading: s.Heading, text: s.Text, shingles: fp.Shingles})
		}
	}
	return secs, nil
}

// spilledOf is where report i's bulk is in a Spill, or nil.
func spilledOf(spilled []*spilledParts, i int) *spilledParts {
	if i < len(spilled) {
		return spilled[i]
	}
	return nil
}

// regionRuns are the distinct shingles of a region's sections, sorted, with the number of
// departments (by deptKey) that write each, and the number of departments.
type regionRuns struct {
	hs     []uint32
	counts []int32
	depts  int
}

// newRegionRuns returns the regionRuns of secs. A shingle's count is the length of its run
// in the sorted list of every department's distinct shingles.
func newRegionRuns(secs []*dupSection, deptKey func(int) string) regionRuns {
	byDept := groupsInOrder(len(secs), func(k int) (string, bool) { return deptKey(secs[k].report), true })
	n := 0
	for _, s := range secs {
		n += len(s.shingles)
	}
	all := make([]uint32, 0, n)
	for _, g := range byDept {
		start := len(all)
		for _, k := range g {
			all = append(all, secs[k].shingles...)
		}
		sortUint32(all[start:])
		all = append(all[:start], slices.Compact(all[start:])...)
	}
	sortUint32(all)
	runs := regionRuns{depts: len(byDept)}
	for x := 0; x < len(all); {
		y := x + 1
		for y < len(all) && all[y] == all[x] {
			y++
		}
		runs.hs = append(runs.hs, all[x])
		runs.counts = append(runs.counts, int32(y-x))
		x = y
	}
	return runs
}

// dupEdge is a matched pair of sections (indexes into a region's sections).
type dupEdge struct {
	x, y    int32
	jaccard float64
}

// matchRegion matches the sections of one region: the matched pairs of each cluster, the
// clusters in the order of their first section.
func (b *Batch) matchRegion(secs []*dupSection) [][]dupEdge {
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
	parent := make([]int32, len(secs))
	for x := range parent {
		parent[x] = int32(x)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	var edges []dupEdge
	for _, p := range pairs {
		a, c := secs[p[0]], secs[p[1]]
		if b.deptKey(a.report) == b.deptKey(c.report) {
			continue
		}
		j := jaccard(a.shingles, c.shingles)
		if j < b.cfg.DuplicateThreshold {
			continue
		}
		edges = append(edges, dupEdge{p[0], p[1], j})
		if ra, rc := find(p[0]), find(p[1]); ra != rc {
			parent[max(ra, rc)] = min(ra, rc)
		}
	}
	if len(edges) == 0 {
		return nil
	}
	byRoot := groupsInOrder(len(edges), func(k int) (int32, bool) { return find(edges[k].x), true })
	clusters := make([][]dupEdge, len(byRoot))
	for c, g := range byRoot {
		for _, k := range g {
			clusters[c] = append(clusters[c], edges[k])
		}
	}
	return clusters
}

// addCluster records the cluster of the matched pairs es: its holder (the first report by
// path), the holder's section with the closest match, the other reports.
func (b *Batch) addCluster(idx *dupIndex, secs []*dupSection, es []dupEdge) {
	path := func(i int) string { return b.Reports[i].Path }
	holder := -1
	var members []int
	for _, e := range es {
		for _, x := range []int32{e.x, e.y} {
			i := secs[x].report
			members = append(members, i)
			if holder < 0 || path(i) < path(holder) || path(i) == path(holder) && i < holder {
				holder = i
			}
		}
	}
	slices.SortFunc(members, func(i, j int) int { return cmp.Or(cmp.Compare(path(i), path(j)), cmp.Compare(i, j)) })
	members = slices.Compact(members)
	c := dupCluster{jaccard: -1}
	own := map[int32]bool{}
	for _, e := range es {
		for _, pair := range [][2]int32{{e.x, e.y}, {e.y, e.x}} {
			mine, other := secs[pair[0]], secs[pair[1]]
			if mine.report != holder {
				continue
			}
			own[pair[0]] = true
			if e.jaccard > c.jaccard || e.jaccard == c.jaccard && path(other.report) < path(c.others[0]) {
				c.heading, c.otherHd, c.text, c.otherText, c.jaccard = mine.heading, other.heading, mine.text, other.text, e.jaccard
				c.others = []int{other.report}
			}
		}
	}
	closest := c.others[0]
	c.sections = len(own)
	c.others = c.others[:0]
	c.others = append(c.others, closest)
	var key strings.Builder
	for _, i := range members {
		if i != holder && i != closest {
			c.others = append(c.others, i)
		}
		if i != holder {
			idx.holder[i] = holder
			fmt.Fprintf(&key, "%d,", i)
		}
	}
	c.members = key.String()
	held := idx.held[holder]
	for k := range held {
		if held[k].members != c.members {
			continue
		}
		// The same reports share another section (problems and measures both copied): one
		// finding, its closest pair the closer of the two.
		c.sections += held[k].sections
		if held[k].jaccard >= c.jaccard {
			held[k].sections = c.sections
		} else {
			held[k] = c
		}
		return
	}
	idx.held[holder] = append(held, c)
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
	cs := idx.held[i]
	if len(cs) == 0 {
		if h, ok := idx.holder[i]; ok {
			return Verdict{Outcome: OutcomePassed, Detail: fmt.Sprintf("与其他部门雷同的段落已记在%s报告（%s）的发现中", b.Reports[h].Department, b.Reports[h].Path)}
		}
		return passed()
	}
	fs := make([]Finding, 0, len(cs))
	for _, c := range cs {
		fs = append(fs, b.duplicateFinding(c))
	}
	return Verdict{Findings: fs}
}

// duplicateFinding is the finding of one cluster: the holder's section and its closest
// match in the message and evidence, every other report of the cluster in Related.
func (b *Batch) duplicateFinding(c dupCluster) Finding {
	closest := &b.Reports[c.others[0]]
	more := ""
	if c.sections > 1 {
		more = fmt.Sprintf("等%d处", c.sections)
	}
	who := closest.Department + "报告"
	if len(c.others) > 1 {
		who = fmt.Sprintf("%s等%d份报告", closest.Department, len(c.others))
	}
	related := make([]string, len(c.others))
	for k, j := range c.others {
		related[k] = b.Reports[j].ReportID
	}
	return Finding{
		Related:  related,
		Expected: decPtr(decimal.NewFromFloat(b.cfg.DuplicateThreshold).Round(4)),
		Actual:   decPtr(decimal.NewFromFloat(c.jaccard).Round(4)),
		Message: fmt.Sprintf("“%s”部分与%s的“%s”部分%s文字高度雷同（相似度%.2f）。", headingOr(c.heading), who,
			headingOr(c.otherHd), more, c.jaccard),
		Evidence: joinEvidence([]string{c.text, c.otherText}),
		key:      strings.Join(related, ","),
		// the other reports are in Related: the key names nothing a resubmission keeps
		keyVolatile: true,
	}
}

func headingOr(h string) string {
	if strings.TrimSpace(h) == "" {
		return "正文"
	}
	return strings.TrimSpace(h)
}
