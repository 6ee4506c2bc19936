package extract

import "testing"

// TestMetricHeader reads flattened 三公 headers as their trees, and refuses one whose values
// do not add up the way the tree says (a column read in the wrong place).
func TestMetricHeader(t *testing.T) {
	e := newTestExtractor(t)
	cells := func(ts ...string) []hcell {
		var out []hcell
		for _, t := range ts {
			out = append(out, hcell{text: t})
		}
		return out
	}
	header := cells("合计", "因公出国（境）费", "公务用车费", "公务接待费", "小计", "公务用车运行维护费", "公务用车购置费")
	tests := []struct {
		name   string
		header []hcell
		values []string
		want   []string // row labels of the turned table, "" when refused
	}{
		{"adds up", header, []string{"9.5", "0", "6.5", "4.5", "2", "3"},
			[]string{"合计", "因公出国（境）费", "公务用车费", "公务用车运行维护费", "公务用车购置费", "公务接待费"}},
		{"does not add up", header, []string{"9.5", "0", "6.5", "3.0", "2", "3"}, nil},
		{"too few values", header, []string{"9.5", "0", "6.5"}, nil},
		{"budget and actual under every leaf",
			cells("一般公共预算财政拨款“三公”经费", "合计", "因公出国", "（境）费", "公务接待费", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"),
			[]string{"5", "3", "1", "0", "4", "3"},
			[]string{"合计", "因公出国（境）费", "公务接待费"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _, ok := e.metricHeader(tt.header, [][]hcell{cells(tt.values...)})
			if tt.want == nil {
				if ok {
					t.Fatalf("read %v, want it refused", b.Cells)
				}
				return
			}
			if !ok {
				t.Fatal("refused")
			}
			var got []string
			for _, r := range b.Cells[1:] {
				got = append(got, r[0].Text)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("rows %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("rows %q, want %q", got, tt.want)
				}
			}
		})
	}
}
