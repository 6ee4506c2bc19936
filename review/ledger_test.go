package review

import (
	"strings"
	"testing"
)

func edit(key, status, comment string) Edit {
	return Edit{Key: key, Disposition: Disposition{Status: status, Comment: comment}, Has: hasStatus | hasComment, Where: "问题清单 第2行"}
}

// TestLedgerAcrossRuns: dispositions are carried by key; findings not on the previous list
// are new; those of the previous list no longer arising are cleared with their
// dispositions; older cleared ones are kept only with a disposition, and come back with it.
func TestLedgerAcrossRuns(t *testing.T) {
	keys := []string{testKey(1), testKey(2), testKey(3), testKey(5)}
	l := NewLedger("2025-03-09", keys, []string{"id1", "id2", "id3", "id5"})
	prev := []Record{
		{Key: testKey(1), Disposition: Disposition{Status: StateConfirmed}, FirstSeen: "2025-03-01", LastSeen: "2025-03-01"},
		{Key: testKey(2), FirstSeen: "2025-03-01", LastSeen: "2025-03-01"},
		{Key: testKey(4), Disposition: Disposition{Status: StateReturned, Comment: "退回"}, FirstSeen: "2025-03-01", LastSeen: "2025-03-01",
			Details: Details{Rule: "sum.expenditure", Message: "不符"}},
		{Key: testKey(6), FirstSeen: "2025-03-01", LastSeen: "2025-03-01"},                                                                  // on the list, no disposition
		{Key: testKey(7), Cleared: true, FirstSeen: "2025-02-01", LastSeen: "2025-02-01"},                                                   // cleared long ago, nothing said
		{Key: testKey(8), Cleared: true, Disposition: Disposition{Status: StateCorrected}, FirstSeen: "2025-02-01", LastSeen: "2025-02-01"}, // kept
		{Key: testKey(5), Cleared: true, Disposition: Disposition{Status: StateFalseAlarm, Comment: "口径"}, FirstSeen: "2025-02-01", LastSeen: "2025-02-01"},
	}
	for _, r := range prev {
		l.AddPrevious(r)
	}
	l.AddSource(Source{Name: "anomalies.xlsx", Edits: []Edit{edit(testKey(2), StatePending, "待查")}})
	reviews := map[int]Review{
		0: {Key: testKey(1), Disposition: Disposition{Status: StateConfirmed}, FirstSeen: "2025-03-01"},
		1: {Key: testKey(2), Disposition: Disposition{Status: StatePending, Comment: "待查"}, FirstSeen: "2025-03-01"},
		2: {Key: testKey(3), New: true, FirstSeen: "2025-03-09"},
		3: {Key: testKey(5), Disposition: Disposition{Status: StateFalseAlarm, Comment: "口径"}, New: true, FirstSeen: "2025-02-01"}, // back
	}
	for i, want := range reviews {
		if got := l.Review(i); got != want {
			t.Errorf("review %d = %+v, want %+v", i, got, want)
		}
	}
	var cleared []string
	for _, c := range l.Cleared() {
		cleared = append(cleared, c.Key+" "+c.Status)
		if !c.Cleared {
			t.Errorf("%s: not marked cleared", c.Key)
		}
		if want := c.Key != testKey(8); c.JustCleared != want {
			t.Errorf("%s: just cleared %v, want %v", c.Key, c.JustCleared, want)
		}
	}
	if got, want := strings.Join(cleared, ","), testKey(6)+" ,"+testKey(8)+" 已整改,"+testKey(4)+" 已退回修改"; got != want { // by rule: "" first
		t.Errorf("cleared %s, want %s", got, want)
	}
	if st := l.Stats(); st != (LedgerStats{Carried: 3, New: 2, Cleared: 2}) {
		t.Errorf("stats %+v", st)
	}
}

// TestLedgerFirstRun: with no previous list, nothing is new.
func TestLedgerFirstRun(t *testing.T) {
	l := NewLedger("2025-03-09", []string{testKey(1)}, []string{"id1"})
	if rv := l.Review(0); rv.New || rv.FirstSeen != "2025-03-09" {
		t.Errorf("first run: %+v", rv)
	}
	// a page's CSV gives no list either
	l.AddSource(Source{Name: "marks.csv", Edits: []Edit{edit(testKey(1), StateConfirmed, "")}})
	if rv := l.Review(0); rv.New || rv.Status != StateConfirmed {
		t.Errorf("after a CSV: %+v", rv)
	}
}

// TestLedgerUnmatched: rows whose key and id match nothing, rows twice for one finding and
// a key that matched by its anomaly id are listed; nothing else is affected.
func TestLedgerUnmatched(t *testing.T) {
	l := NewLedger("2025-03-09", []string{testKey(1), testKey(2)}, []string{"id1", "id2"})
	l.AddPrevious(Record{Key: testKey(1), Disposition: Disposition{Status: StateConfirmed}, FirstSeen: "2025-03-01"})
	wrong := edit("ffffffffffffffff", StateFalseAlarm, "编号抄错了")
	byID := edit("eeeeeeeeeeeeeeee", StateCorrected, "")
	byID.AnomalyID = "id2"
	first, second := edit(testKey(1), StateReturned, "一"), edit(testKey(1), StateReturned, "二")
	second.Where = "问题清单 第9行"
	l.AddSource(Source{Name: "x.xlsx", Edits: []Edit{wrong, byID, first, second}})
	if rv := l.Review(0); rv.Status != StateReturned || rv.Comment != "二" {
		t.Errorf("finding 1: %+v, want the later row", rv)
	}
	if rv := l.Review(1); rv.Status != StateCorrected {
		t.Errorf("finding 2: %+v, want matched by anomaly id", rv)
	}
	var reasons []string
	for _, p := range l.Problems() {
		reasons = append(reasons, p.Reason)
	}
	joined := strings.Join(reasons, "|")
	for _, want := range []string{"“ffffffffffffffff”不在本次问题清单中", "“eeeeeeeeeeeeeeee”未找到，已按问题编号“id2”对应", "与问题清单 第2行重复"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems %q lack %q", reasons, want)
		}
	}
	if len(reasons) != 3 {
		t.Errorf("%d problems, want 3: %q", len(reasons), reasons)
	}
	if p := l.Problems()[0]; p.Comment != "编号抄错了" || p.Source != "x.xlsx" {
		t.Errorf("the unmatched row's content is not kept: %+v", p)
	}
}

// TestLedgerCarriedRows: a row of the sheet of input not used before applies only to a
// finding its file names nowhere else.
func TestLedgerCarriedRows(t *testing.T) {
	l := NewLedger("2025-03-09", []string{testKey(1), testKey(2)}, []string{"id1", "id2"})
	main := edit(testKey(1), StateConfirmed, "主表")
	stale := edit(testKey(1), "", "旧的未匹配行")
	stale.Carried = true
	fixed := edit(testKey(2), StateReturned, "编号已改正")
	fixed.Carried = true
	still := edit("dddddddddddddddd", StateReturned, "仍未匹配")
	still.Carried = true
	// the carried rows come first in the file (their sheet may be anywhere)
	l.AddSource(Source{Name: "anomalies.xlsx", Edits: []Edit{stale, fixed, still, main}})
	if rv := l.Review(0); rv.Comment != "主表" {
		t.Errorf("finding 1: %+v, want its own row", rv)
	}
	if rv := l.Review(1); rv.Comment != "编号已改正" {
		t.Errorf("finding 2: %+v, want the corrected carried row", rv)
	}
	if ps := l.Problems(); len(ps) != 1 || ps[0].Comment != "仍未匹配" {
		t.Errorf("problems %+v, want the row still unmatched, again", ps)
	}
}

// TestLedgerWorkbookAlone: a workbook given without a reviews table (a new output folder)
// is the previous list: its findings no longer arising are cleared, with their details.
func TestLedgerWorkbookAlone(t *testing.T) {
	l := NewLedger("2025-03-09", []string{testKey(1), testKey(3)}, []string{"id1", "id3"})
	a, b := edit(testKey(1), StateConfirmed, ""), edit(testKey(2), StateReturned, "退回")
	a.Listed, b.Listed = true, true
	b.Finding = Details{Rule: "sum.basic", Department: "县科协", Year: 2024, Message: "基本支出不符"}
	l.AddSource(Source{Name: "old.xlsx", Edits: []Edit{a, b}})
	if rv := l.Review(1); !rv.New {
		t.Errorf("finding 3 is not new: %+v", rv)
	}
	if rv := l.Review(0); rv.New || rv.Status != StateConfirmed {
		t.Errorf("finding 1: %+v", rv)
	}
	c := l.Cleared()
	if len(c) != 1 || c[0].Key != testKey(2) || c[0].Status != StateReturned || c[0].Message != "基本支出不符" || !c[0].JustCleared {
		t.Errorf("cleared %+v", c)
	}
	if len(l.Problems()) != 0 {
		t.Errorf("problems %+v", l.Problems())
	}
}
