package review

import (
	"cmp"
	"fmt"
	"slices"
)

// Record is one row of the reviews table: a finding's disposition across runs, with the
// finding as last seen.
type Record struct {
	Key string
	Disposition
	// FirstSeen and LastSeen are the dates (YYYY-MM-DD) of the first and the last run whose
	// list held the finding; LastSeen is empty for a finding known only from a workbook.
	FirstSeen, LastSeen string
	// Cleared is set for a finding of an earlier list that this run's no longer holds.
	Cleared bool
	Details
	// JustCleared is set for a Cleared finding that was on the previous list (not stored).
	JustCleared bool
}

// Review is a finding's review in this run.
type Review struct {
	Key string
	Disposition
	// New is set for a finding not on the previous list (there being one).
	New bool
	// FirstSeen is the date of the first run whose list held it.
	FirstSeen string
}

// Ledger carries the analysts' dispositions to this run's findings: the reviews table of
// the previous run (AddPrevious), then the review files in the order given (AddSource: the
// workbook in OUT, then --review files), each overriding what came before it for the
// findings it names. Rows that match no finding are Problems, kept with what they said.
type Ledger struct {
	today   string
	keys    []string // this run's findings' review keys, in the anomalies table's order
	ids     []string // their anomaly ids
	index   map[string]int32
	byID    map[string]int32 // anomaly id → finding, -1 for an id two findings share; made when needed
	disp    []int32          // finding → 1 + index in dispositions, 0 for none
	dispos  []Disposition
	first   []string // finding → first seen, "" for today
	listed  []bool   // finding was on the previous list
	hasPrev bool     // there is a previous list
	table   bool     // a previous reviews table gave a row
	old     map[string]*Record
	oldByID map[string]*Record // made when needed
	dates   map[string]string  // interned dates
	probs   []Problem
	stats   LedgerStats
}

// LedgerStats counts what a Ledger did.
type LedgerStats struct {
	Carried  int // this run's findings with a disposition
	New      int // this run's findings not on the previous list
	Cleared  int // findings of the previous list no longer arising
	Problems int // review input that could not be used as it was (Problems)
}

// NewLedger starts the reviews of a run whose findings have the review keys keys (distinct:
// Disambiguate) and the anomaly ids ids, on the date today (YYYY-MM-DD).
func NewLedger(today string, keys, ids []string) *Ledger {
	l := &Ledger{today: today, keys: keys, ids: ids, index: make(map[string]int32, len(keys)),
		disp: make([]int32, len(keys)), first: make([]string, len(keys)), listed: make([]bool, len(keys)),
		old: map[string]*Record{}, dates: map[string]string{}}
	for i, k := range keys {
		l.index[k] = int32(i)
	}
	return l
}

func (l *Ledger) intern(s string) string {
	if v, ok := l.dates[s]; ok {
		return v
	}
	l.dates[s] = s
	return s
}

// AddPrevious adds one row of the previous run's reviews table.
func (l *Ledger) AddPrevious(r Record) {
	l.table = true
	if !r.Cleared {
		l.hasPrev = true
	}
	if i, ok := l.index[r.Key]; ok {
		l.first[i] = l.intern(r.FirstSeen)
		l.listed[i] = l.listed[i] || !r.Cleared
		if !r.Disposition.IsZero() {
			l.setDisposition(i, r.Disposition)
		}
		return
	}
	// A finding no longer listed: kept if it was on the previous list, or has a disposition
	// (which comes back if the finding does).
	if r.Cleared && r.Disposition.IsZero() {
		return
	}
	rec := r
	rec.JustCleared = !r.Cleared
	rec.Cleared = true
	l.old[r.Key] = &rec
}

// Note adds a problem found outside any review file (a reviews table that cannot be read).
func (l *Ledger) Note(p Problem) { l.probs = append(l.probs, p) }

func (l *Ledger) disposition(i int32) Disposition {
	if k := l.disp[i]; k > 0 {
		return l.dispos[k-1]
	}
	return Disposition{}
}

func (l *Ledger) setDisposition(i int32, d Disposition) {
	if k := l.disp[i]; k > 0 {
		l.dispos[k-1] = d
		return
	}
	l.dispos = append(l.dispos, d)
	l.disp[i] = int32(len(l.dispos))
}

// AddSource applies the rows of one review file, in order; a later row for the same
// finding overrides an earlier one (a Problem says so when they differ).
func (l *Ledger) AddSource(src Source) {
	l.probs = append(l.probs, src.Problems...)
	seen := map[string]Edit{} // finding → the row that last set it
	for _, e := range src.Edits {
		if !e.Carried {
			l.apply(src.Name, e, seen)
		}
	}
	for _, e := range src.Edits {
		if e.Carried {
			l.apply(src.Name, e, seen)
		}
	}
}

func (l *Ledger) apply(source string, e Edit, seen map[string]Edit) {
	problem := func(reason string) {
		l.probs = append(l.probs, Problem{Source: source, Where: e.Where, Key: e.Key, AnomalyID: e.AnomalyID,
			Disposition: withBadStatus(e), Reason: reason})
	}
	i, rec, how := l.match(e)
	switch {
	case i < 0 && rec == nil && (e.Listed || e.OnCleared) && !l.table && validKey(e.Key):
		// A workbook's list with no reviews table beside it (a workbook given with --review
		// to a new output folder): its findings no longer arising are cleared here.
		rec = &Record{Key: e.Key, Cleared: true, JustCleared: e.Listed, Details: e.Finding}
		l.old[e.Key] = rec
	case i < 0 && rec == nil:
		problem(fmt.Sprintf("%s“%s”%s不在本次问题清单中，也不在以往的核实记录中", HeaderKey, e.Key, idNote(e)))
		return
	}
	var target string
	if i >= 0 {
		target = l.keys[i]
	} else {
		target = rec.Key
	}
	if _, dup := seen[target]; dup && e.Carried {
		return // the finding's own row says what it is now
	}
	if how != "" {
		problem(how)
	}
	if prev, dup := seen[target]; dup && prev.Disposition != e.Disposition {
		problem(fmt.Sprintf("与%s重复（同一问题），采用本行", prev.Where))
	}
	seen[target] = e
	if e.Listed {
		l.hasPrev = true
		if i >= 0 {
			l.listed[i] = true
		} else {
			rec.JustCleared = true
		}
	}
	var d Disposition
	if i >= 0 {
		d = l.disposition(i)
	} else {
		d = rec.Disposition
	}
	d = merge(d, e, problem)
	if i >= 0 {
		l.setDisposition(i, d)
	} else {
		rec.Disposition = d
	}
}

func idNote(e Edit) string {
	if e.AnomalyID == "" {
		return ""
	}
	return "（" + HeaderAnomalyID + "“" + e.AnomalyID + "”）"
}

// match finds the finding of an edit: this run's (i ≥ 0) or an earlier one (rec), by review
// key, else by anomaly id; how is a note when the key did not match but the id did.
func (l *Ledger) match(e Edit) (i int32, rec *Record, how string) {
	if e.Key != "" {
		if i, ok := l.index[e.Key]; ok {
			return i, nil, ""
		}
		if r, ok := l.old[e.Key]; ok {
			return -1, r, ""
		}
	}
	if e.AnomalyID == "" {
		return -1, nil, ""
	}
	note := ""
	if e.Key != "" {
		note = fmt.Sprintf("%s“%s”未找到，已按%s“%s”对应", HeaderKey, e.Key, HeaderAnomalyID, e.AnomalyID)
	}
	if l.byID == nil {
		l.byID = make(map[string]int32, len(l.ids))
		for i, id := range l.ids {
			if _, dup := l.byID[id]; dup {
				l.byID[id] = -1
			} else {
				l.byID[id] = int32(i)
			}
		}
	}
	if i, ok := l.byID[e.AnomalyID]; ok && i >= 0 {
		return i, nil, note
	}
	if l.oldByID == nil {
		l.oldByID = map[string]*Record{}
		for _, r := range l.old {
			if r.AnomalyID != "" {
				l.oldByID[r.AnomalyID] = r
			}
		}
	}
	if r, ok := l.oldByID[e.AnomalyID]; ok {
		return -1, r, note
	}
	return -1, nil, ""
}

// merge applies the fields an edit's sheet has to d; a state word that is no state keeps
// d's state, and problem says so.
func merge(d Disposition, e Edit, problem func(string)) Disposition {
	if e.Has&hasStatus != 0 {
		if e.BadStatus != "" {
			problem(badState(e.BadStatus, d.Status))
		} else {
			d.Status = e.Status
		}
	}
	if e.Has&hasComment != 0 {
		d.Comment = e.Comment
	}
	if e.Has&hasReviewer != 0 {
		d.Reviewer = e.Reviewer
	}
	if e.Has&hasDate != 0 {
		d.Date = e.Date
	}
	return d
}

// withBadStatus is an edit's disposition with the state as written, for a Problem.
func withBadStatus(e Edit) Disposition {
	d := e.Disposition
	if e.BadStatus != "" {
		d.Status = e.BadStatus
	}
	return d
}

// validKey reports whether k looks like a review key (16 hex digits, maybe "-n").
func validKey(k string) bool {
	if len(k) < 16 {
		return false
	}
	for _, c := range k[:16] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return len(k) == 16 || k[16] == '-'
}

// Review is this run's i-th finding's review.
func (l *Ledger) Review(i int) Review {
	first := l.first[i]
	if first == "" {
		first = l.today
	}
	return Review{Key: l.keys[i], Disposition: l.disposition(int32(i)), New: l.hasPrev && !l.listed[i], FirstSeen: first}
}

// Compared reports whether there was a previous list (a reviews table, or a workbook's
// finding sheet): only then are findings new or cleared.
func (l *Ledger) Compared() bool { return l.hasPrev }

// Today is the date of the run.
func (l *Ledger) Today() string { return l.today }

// Cleared returns the findings of earlier lists that this run's no longer holds and that are
// kept: those of the previous list, and older ones with a disposition. They are sorted by
// severity, department, path, rule and key.
func (l *Ledger) Cleared() []Record {
	out := make([]Record, 0, len(l.old))
	for _, r := range l.old {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b Record) int {
		return cmp.Or(cmp.Compare(rankOf(a.Severity), rankOf(b.Severity)), cmp.Compare(a.Department, b.Department),
			cmp.Compare(a.Path, b.Path), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// Problems returns the review input that could not be used as it was, in the order found.
func (l *Ledger) Problems() []Problem { return l.probs }

// Stats counts what the ledger did.
func (l *Ledger) Stats() LedgerStats {
	s := LedgerStats{Problems: len(l.probs)}
	for i := range l.keys {
		if l.disp[i] > 0 && !l.dispos[l.disp[i]-1].IsZero() {
			s.Carried++
		}
		if l.hasPrev && !l.listed[i] {
			s.New++
		}
	}
	for _, r := range l.old {
		if r.JustCleared {
			s.Cleared++
		}
	}
	return s
}
