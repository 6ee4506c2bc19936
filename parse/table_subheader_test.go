package parse

import (
	"context"
	"strings"
	"testing"
)

// TestAlignSubHeaders: a second header row a web copy wrote from the left moves under the
// cell that spans it; a 其中 breakdown header and a row with numbers stay as written.
func TestAlignSubHeaders(t *testing.T) {
	tests := []struct {
		name, text string
		row        int
		want       []string
	}{
		{"under the span", "项目 | 2024年预算数 | 2025年预算数 | 比上年增减 | |\n增减金额 | 增减幅度 | | | |\n合计 | 10 | 12 | 2 | 20% |",
			1, []string{"项目", "2024年预算数", "2025年预算数", "增减金额", "增减幅度"}},
		{"其中 left as written", "机构 | 收入合计 | 其中： | |\n财政拨款 | 其他收入 | | |\n汇总 | 3 | 2 | 1 |",
			1, []string{"财政拨款", "其他收入", "", ""}},
		{"numbers are no header", "项目 | 预算数 | 增减 | |\n合计 | 12 | | |\n公务接待费 | 2 | 1 | 50% |",
			1, []string{"合计", "12", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, err := textBlocks(context.Background(), tt.text, DefaultLimits())
			if err != nil || len(blocks) != 1 || blocks[0].Kind != Table {
				t.Fatalf("blocks %v, err %v", blocks, err)
			}
			var got []string
			for _, c := range blocks[0].Cells[tt.row] {
				got = append(got, c.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("row %d = %q, want %q", tt.row, got, tt.want)
			}
		})
	}
}
