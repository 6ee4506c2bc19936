package analyze

import (
	"cmp"
	"slices"
)

// Checks is a list of checks kept compactly: a national year has some six million, and as
// Check values (five strings, 80 bytes) they were the largest thing an analysis held at its
// end. Of each check it keeps its report's place among the list's reports, its rule's and
// outcome's places among the names it has seen, and its detail: 24 bytes.
//
// The zero Checks is an empty list ready to use. A Checks is not safe for concurrent
// writes.
type Checks struct {
	owners  []checkOwner
	ownerAt map[checkOwner]int32 // made on the first Add
	names   []string             // rule IDs and outcomes
	nameAt  map[string]uint16
	rows    []checkRec
}

type checkOwner struct{ reportID, path string }

type checkRec struct {
	owner         int32
	rule, outcome uint16
	detail        string
}

// ChecksOf returns the checks cs as a Checks.
func ChecksOf(cs []Check) *Checks {
	c := &Checks{rows: make([]checkRec, 0, len(cs))}
	for _, ch := range cs {
		c.Add(ch)
	}
	return c
}

// Len is the number of checks.
func (c *Checks) Len() int {
	if c == nil {
		return 0
	}
	return len(c.rows)
}

// At returns check i.
func (c *Checks) At(i int) Check {
	r := &c.rows[i]
	o := &c.owners[r.owner]
	return Check{ReportID: o.reportID, Path: o.path, Rule: c.names[r.rule], Outcome: c.names[r.outcome], Detail: r.detail}
}

// Slice returns every check as a Check.
func (c *Checks) Slice() []Check {
	out := make([]Check, c.Len())
	for i := range out {
		out[i] = c.At(i)
	}
	return out
}

// Chunks calls f with the checks in order, at most n at a time, in a slice f must not keep.
func (c *Checks) Chunks(n int, f func([]Check) error) error {
	buf := make([]Check, 0, min(n, c.Len()))
	for i := range c.Len() {
		buf = append(buf, c.At(i))
		if len(buf) == n || i == c.Len()-1 {
			if err := f(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	return nil
}

// Add appends ch.
func (c *Checks) Add(ch Check) {
	if c.ownerAt == nil {
		c.ownerAt = make(map[checkOwner]int32, len(c.owners))
		for k, o := range c.owners {
			c.ownerAt[o] = int32(k)
		}
	}
	o := checkOwner{ch.ReportID, ch.Path}
	k, ok := c.ownerAt[o]
	if !ok {
		k = c.owner(ch.ReportID, ch.Path)
		c.ownerAt[o] = k
	}
	c.add(k, ch.Rule, ch.Outcome, ch.Detail)
}

// owner adds a report whose checks follow (add) and returns its place.
func (c *Checks) owner(reportID, path string) int32 {
	c.owners = append(c.owners, checkOwner{reportID, path})
	return int32(len(c.owners) - 1)
}

// add appends a check of the report at place owner.
func (c *Checks) add(owner int32, rule, outcome, detail string) {
	c.rows = append(c.rows, checkRec{owner: owner, rule: c.name(rule), outcome: c.name(outcome), detail: detail})
}

// name is the place of s among the names.
func (c *Checks) name(s string) uint16 {
	if k, ok := c.nameAt[s]; ok {
		return k
	}
	if c.nameAt == nil {
		c.nameAt = map[string]uint16{}
	}
	if len(c.names) == 1<<16 {
		panic("analyze: more than 65,536 rule and outcome names in one list of checks")
	}
	k := uint16(len(c.names))
	c.names = append(c.names, s)
	c.nameAt[s] = k
	return k
}

// AddAll appends the checks of o.
func (c *Checks) AddAll(o *Checks) {
	for i := range o.Len() {
		c.Add(o.At(i))
	}
}

// Keep keeps only the checks for which keep is true, in order.
func (c *Checks) Keep(keep func(Check) bool) {
	if c == nil {
		return
	}
	c.rows = slices.DeleteFunc(c.rows, func(r checkRec) bool {
		o := &c.owners[r.owner]
		return !keep(Check{ReportID: o.reportID, Path: o.path, Rule: c.names[r.rule], Outcome: c.names[r.outcome], Detail: r.detail})
	})
}

// Sort orders the checks as Run does: by path, rule, report id; checks equal in all three
// keep their order.
func (c *Checks) Sort() {
	if c.Len() < 2 {
		return
	}
	// places of the owners by path and by report id, and of the names by text: comparing
	// them compares the strings
	byPath, byID := c.ownerRanks()
	nameRank := ranks(len(c.names), func(a, b int) int { return cmp.Compare(c.names[a], c.names[b]) })
	// A stable counting sort by path (a national year has millions of checks, a few dozen a
	// path), then a stable sort of each path's checks by rule and report id.
	start := make([]int, len(c.owners)+1)
	for _, r := range c.rows {
		start[byPath[r.owner]+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	// Each row's place, then the rows moved there in place, cycle by cycle (4 bytes a row
	// beside them, not a second copy).
	dest := make([]int32, len(c.rows))
	next := slices.Clone(start)
	for i, r := range c.rows {
		p := byPath[r.owner]
		dest[i] = int32(next[p])
		next[p]++
	}
	for i := range c.rows {
		for int(dest[i]) != i {
			d := dest[i]
			c.rows[i], c.rows[d] = c.rows[d], c.rows[i]
			dest[i], dest[d] = dest[d], d
		}
	}
	for k := 0; k+1 < len(start); k++ {
		slices.SortStableFunc(c.rows[start[k]:start[k+1]], func(a, b checkRec) int {
			return cmp.Or(cmp.Compare(nameRank[a.rule], nameRank[b.rule]), cmp.Compare(byID[a.owner], byID[b.owner]))
		})
	}
}

// ownerRanks returns each owner's rank by path and by report id (equal texts, equal ranks).
func (c *Checks) ownerRanks() (byPath, byID []int32) {
	byPath = ranks(len(c.owners), func(a, b int) int { return cmp.Compare(c.owners[a].path, c.owners[b].path) })
	byID = ranks(len(c.owners), func(a, b int) int { return cmp.Compare(c.owners[a].reportID, c.owners[b].reportID) })
	return byPath, byID
}

// ranks returns the rank of each of n items ordered by compare, equal items the same rank.
func ranks(n int, compare func(a, b int) int) []int32 {
	order := make([]int32, n)
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order, func(a, b int32) int { return compare(int(a), int(b)) })
	rank := make([]int32, n)
	r := int32(0)
	for k, x := range order {
		if k > 0 && compare(int(order[k-1]), int(x)) != 0 {
			r++
		}
		rank[x] = r
	}
	return rank
}
