package parse

import (
	"context"
	"strings"
	"testing"
)

// TestPipeCellTables reads tables a web page copy leaves one cell to a line with their borders
// on lines of their own.
func TestPipeCellTables(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // rows joined with " / ", cells with "|"
	}{
		{"rows opened and closed by borders",
			"|\n项 目\n|\n预 算 数\n|\n|\n合 计\n|\n8.6\n|\n|\n公务接待费\n|\n5.10\n|\n|\n公务用车购置及运行费\n|\n3.50\n|",
			"项 目|预 算 数 / 合 计|8.6 / 公务接待费|5.10 / 公务用车购置及运行费|3.50"},
		{"cells with their border, an empty cell, rows cut to the header",
			"项 目 |\n预 算 数 |\n决 算 数 |\n合 计 |\n30.2 |\n6.10 |\n因公出国(境)费 |\n12 |\n|\n公务接待费 |\n18.2 |\n6.10 |",
			"项 目|预 算 数|决 算 数 / 合 计|30.2|6.10 / 因公出国(境)费|12| / 公务接待费|18.2|6.10"},
		{"a row number after the header",
			"序号\n|\n单位名称\n|\n单位性质\n|\n1\n|\n平川县审计局\n|\n行政单位\n|",
			"序号|单位名称|单位性质 / 1|平川县审计局|行政单位"},
		{"rows ended by a line of pipes, a cell over lines",
			"人员编制\n|\n21\n|\n实有人数\n|\n20\n|\n|||||||\n工作内容\n|\n任务1：完成道路养护。\n任务2：完成桥梁检测。\n|\n||||||||\n机构名称\n|\n收入合计\n|\n其他收入\n|\n||||||\n汇总\n|\n120.5\n|\n|\n|||||||",
			"人员编制|21|实有人数|20 / 工作内容|任务1：完成道路养护。\n任务2：完成桥梁检测。|| / 机构名称|收入合计|其他收入| / 汇总|120.5||"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), "t.txt", []byte(tt.text), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			var tables []string
			for _, b := range doc.Blocks {
				if b.Kind != Table {
					t.Errorf("unexpected paragraph %q", b.Text)
					continue
				}
				var rows []string
				for _, r := range b.Cells {
					var cells []string
					for _, c := range r {
						cells = append(cells, c.Text)
					}
					rows = append(rows, strings.Join(cells, "|"))
				}
				tables = append(tables, strings.Join(rows, " / "))
			}
			if got := strings.Join(tables, " // "); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
