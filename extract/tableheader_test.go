package extract

import (
	"strings"
	"testing"

	"github.com/jixiao/jixiao/parse"
)

// TestAlignShortHeaders: header rows of a table copied as text, their merged cells lost, laid
// over the columns again.
func TestAlignShortHeaders(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want []string // each row's cells joined with |
	}{
		{"a sub-header under the last cell, which spans to the end",
			[][]string{{"项目", "2024年预算数", "2025年预算数", "比上年增减", ""}, {"增减金额", "增减幅度", "", "", ""}},
			[]string{"项目|2024年预算数|2025年预算数|比上年增减|比上年增减", "|||增减金额|增减幅度"}},
		{"a row under a spanning 预算数, as long as the value columns",
			[][]string{{"项目", "预算数", "", ""}, {"合计", "一般公共预算", "政府性基金", ""}},
			[]string{"项目|预算数|预算数|预算数", "|合计|一般公共预算|政府性基金"}},
		{"a row that fills the width stays",
			[][]string{{"项目", "预算数", "决算数"}, {"", "万元", "万元"}},
			[]string{"项目|预算数|决算数", "|万元|万元"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rows [][]parse.Cell
			for _, r := range tt.rows {
				var row []parse.Cell
				for _, c := range r {
					row = append(row, parse.Cell{Text: c})
				}
				rows = append(rows, row)
			}
			got := alignShortHeaders(rows, 1, len(tt.rows[0]))
			for r := range got {
				if g := strings.Join(got[r], "|"); g != tt.want[r] {
					t.Errorf("row %d = %q, want %q", r, g, tt.want[r])
				}
			}
		})
	}
}
