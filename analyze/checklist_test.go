package analyze

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
)

// TestChecksSort checks that the compact list orders checks as sorting the checks themselves
// by path, rule and report id does (stable), reports sharing a path included, and that
// what goes in comes out.
func TestChecksSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	paths := []string{"b.docx", "a.docx", "c/d.txt", "a.docx"}
	ids := []string{"id2", "id1", "id3", "id0"}
	rules := []string{"sum.income", "peer.outlier", "text.duplicate", "sum.expenditure"}
	var cs []Check
	for k := range 200 {
		r := rng.IntN(len(paths))
		cs = append(cs, Check{ReportID: ids[r], Path: paths[r], Rule: rules[rng.IntN(len(rules))],
			Outcome: outcomes[rng.IntN(len(outcomes))], Detail: string(rune('a' + k%26))})
	}
	list := ChecksOf(cs)
	if got := list.Slice(); !reflect.DeepEqual(got, cs) {
		t.Fatal("ChecksOf(cs).Slice() differs from cs")
	}
	want := append([]Check(nil), cs...)
	sort.SliceStable(want, func(i, j int) bool {
		a, b := want[i], want[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.ReportID < b.ReportID
	})
	list.Sort()
	if got := list.Slice(); !reflect.DeepEqual(got, want) {
		t.Error("Checks.Sort differs from a stable sort by path, rule, report id")
	}
	var chunked []Check
	if err := list.Chunks(7, func(part []Check) error { chunked = append(chunked, part...); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(chunked, want) {
		t.Error("Chunks gave other checks than the list holds")
	}
	list.Keep(func(c Check) bool { return c.Path == "a.docx" })
	for i := range list.Len() {
		if c := list.At(i); c.Path != "a.docx" {
			t.Fatalf("Keep left %+v", c)
		}
	}
	if list.Len() == 0 || list.Len() == len(cs) {
		t.Errorf("Keep left %d of %d checks", list.Len(), len(cs))
	}
}
