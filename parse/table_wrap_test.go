package parse

import (
	"context"
	"strings"
	"testing"
)

// TestTabTablesCopiedFromPDF reads tab-separated tables as a PDF copy leaves them: rows
// wrapped onto the next line and a page mark between two rows.
func TestTabTablesCopiedFromPDF(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // rows joined with " / ", cells with "|"
	}{
		{"row wrapped inside a cell", "序号\t项目名称\t预算数\t实际支出\t执行率\n1\t康复救助经费\t103,472.04\t93,050.4\n0\t89.93%\n2\t培训经费\t55,830.24\t55,830.24\t100.00%",
			"序号|项目名称|预算数|实际支出|执行率 / 1|康复救助经费|103,472.04|93,050.40|89.93% / 2|培训经费|55,830.24|55,830.24|100.00%"},
		{"numeric tail of a complete row", "项目\t预算数\t决算数\t执行率\n收入合计\t3785834.91\t3759236.82\t99.3\n0\n支出合计\t1\t2\t3",
			"项目|预算数|决算数|执行率 / 收入合计|3785834.91|3759236.82|99.30 / 支出合计|1|2|3"},
		{"a whole amount wrapped out of an empty last cell", "项目\t行次\t金额\t项目\t行次\t金额\n一、财政拨款收入\t1\t3150200.10\t基本支出\t3\t\n1804311.25\n三、其他收入\t2\t41020.00\t项目支出\t4\t1386908.85",
			"项目|行次|金额|项目|行次|金额 / 一、财政拨款收入|1|3150200.10|基本支出|3|1804311.25 / 三、其他收入|2|41020.00|项目支出|4|1386908.85"},
		{"page mark before the wrapped end of a row", "序号\t项目名称\t预算数\t实际支出\t执行率\n1\t档案数字化经费\t30.00\t30.00\t100.00\n第 1 页 共 2 页\n%\n2\t库房维护经费\t12.50\t11.80\t94.40%",
			"序号|项目名称|预算数|实际支出|执行率 / 1|档案数字化经费|30.00|30.00|100.00% / 2|库房维护经费|12.50|11.80|94.40%"},
		{"page mark between rows", "项目\t预算数\t决算数\n基本支出\t1230.15\t1186.26\n—1—\n项目支出\t426.11\t404.51",
			"项目|预算数|决算数 / 基本支出|1230.15|1186.26 / 项目支出|426.11|404.51"},
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
			if len(tables) != 1 || tables[0] != tt.want {
				t.Errorf("tables %q\nwant %q", tables, tt.want)
			}
		})
	}
}
