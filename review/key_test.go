package review

import (
	"slices"
	"testing"
)

func TestKey(t *testing.T) {
	base := Subject{Rule: "sum.expenditure", Department: "隆回县科学技术协会", Path: "2024/科协.docx", Year: 2024,
		Metrics: []string{"expenditure.total", "expenditure.basic", "expenditure.project"}, Item: "actual"}
	k := Key(base)
	if len(k) != 16 || !validKey(k) {
		t.Fatalf("key %q is not 16 hex digits", k)
	}
	var keyer Keyer
	for range 2 { // the second time, its units remembered
		if got := keyer.Key(base); got != k {
			t.Errorf("Keyer.Key = %s, Key = %s", got, k)
		}
	}
	same := map[string]func(s *Subject){
		"another path":               func(s *Subject) { s.Path = "2024/科协（修改稿）.docx" },
		"the department abbreviated": func(s *Subject) { s.Department = "隆回县科协" },
		"the department with spaces": func(s *Subject) { s.Department = "隆回县 科学技术协会（本级）" },
	}
	for name, change := range same {
		s := base
		change(&s)
		if got := Key(s); got != k {
			t.Errorf("%s: key %s, want %s", name, got, k)
		}
	}
	differ := map[string]func(s *Subject){
		"another rule":       func(s *Subject) { s.Rule = "sum.basic" },
		"another year":       func(s *Subject) { s.Year = 2023 },
		"another department": func(s *Subject) { s.Department = "隆回县妇女联合会" },
		"another county":     func(s *Subject) { s.Department = "新化县科学技术协会" },
		"other metrics":      func(s *Subject) { s.Metrics = s.Metrics[:2] },
		"another item":       func(s *Subject) { s.Item = "budget" },
		"no department":      func(s *Subject) { s.Department = "" },
		"another report":     func(s *Subject) { s.Others = []Party{{Department: "县妇联", Year: 2024}} },
	}
	for name, change := range differ {
		s := base
		s.Metrics = slices.Clone(base.Metrics)
		change(&s)
		if got := Key(s); got == k {
			t.Errorf("%s: the same key %s", name, got)
		}
	}
	// no department: the path stands for it, so two files differ
	a, b := base, base
	a.Department, b.Department, b.Path = "", "", "other.docx"
	if Key(a) == Key(b) {
		t.Error("two reports without a department, two paths: one key")
	}
	// the other reports: their order and how they are written do not count
	x, y := base, base
	x.Rule, y.Rule = "yoy.swing", "yoy.swing"
	x.Others = []Party{{"县科协", 2023}, {"县妇联", 2023}}
	y.Others = []Party{{"隆回县妇女联合会", 2023}, {"隆回县科学技术协会", 2023}}
	if Key(x) == Key(y) {
		t.Error("县妇联 is 隆回县妇女联合会 only when the region is the same: 县 is no region, the keys must differ")
	}
	y.Others = []Party{{"县妇女联合会", 2023}, {"县科学技术协会", 2023}}
	if Key(x) != Key(y) {
		t.Error("the other reports in another order, written out in full: another key")
	}
	// peer.outlier: who else is in the peer group is no part of the finding
	p, q := base, base
	p.Rule, q.Rule = "peer.outlier", "peer.outlier"
	p.Others = []Party{{"县妇联", 2024}}
	q.Others = []Party{{"县妇联", 2024}, {"县人社局", 2024}}
	if Key(p) != Key(q) {
		t.Error("peer.outlier: a new peer changed the key")
	}
}

func TestDisambiguate(t *testing.T) {
	keys := []string{"a", "b", "a", "a", "c", "b"}
	Disambiguate(keys)
	if want := []string{"a", "b", "a-2", "a-3", "c", "b-2"}; !slices.Equal(keys, want) {
		t.Errorf("got %q, want %q", keys, want)
	}
}

func TestParseState(t *testing.T) {
	for in, want := range map[string]string{"属实": StateConfirmed, " 误 报 ": StateFalseAlarm, "已退回修改": StateReturned,
		"已整改\u3000": StateCorrected, "待核實": StatePending, "屬實": StateConfirmed, "": ""} {
		if got, ok := ParseState(in); !ok || got != want {
			t.Errorf("ParseState(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"属是", "已退回", "confirmed", "整改", "OK"} {
		if got, ok := ParseState(bad); ok {
			t.Errorf("ParseState(%q) = %q, want no state", bad, got)
		}
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]string{"2025-03-05": "2025-03-05", "2025/3/5": "2025-03-05", "2025.3.5": "2025-03-05",
		"2025年3月5日": "2025-03-05", " 2025 年 12 月 1 日 ": "2025-12-01", "2025-02-30": "2025-02-30", "三月五日": "三月五日", "": ""} {
		if got := normDate(in); got != want {
			t.Errorf("normDate(%q) = %q, want %q", in, got, want)
		}
	}
	if got, ok := serialDate(45721, false); !ok || got != "2025-03-05" {
		t.Errorf("serial 45721 = %q, %v; want 2025-03-05", got, ok)
	}
	if got, ok := serialDate(45721.75, false); !ok || got != "2025-03-05" {
		t.Errorf("serial 45721.75 = %q, %v; want 2025-03-05 (the time of day dropped)", got, ok)
	}
	if got, ok := serialDate(44259, true); !ok || got != "2025-03-05" {
		t.Errorf("serial 44259 in the 1904 system = %q, %v; want 2025-03-05", got, ok)
	}
	for _, v := range []float64{0, 12, 2024, 1e9} {
		if got, ok := serialDate(v, false); ok {
			t.Errorf("serial %v = %q, want no date", v, got)
		}
	}
}

func BenchmarkKey(b *testing.B) {
	s := Subject{Rule: "yoy.swing", Department: "隆回县科学技术协会", Path: "2024/科协.docx", Year: 2024,
		Metrics: []string{"expenditure.project"}, Item: "expenditure.project", Others: []Party{{"县科协", 2023}}}
	b.Run("Key", func(b *testing.B) {
		for b.Loop() {
			Key(s)
		}
	})
	b.Run("Keyer", func(b *testing.B) {
		var k Keyer
		for b.Loop() {
			k.Key(s)
		}
	})
}
