package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/parse"
)

// tableDoc builds a document of a caption paragraph and one table from rows of "|"-separated cells.
func tableDoc(caption string, rows ...string) *parse.Document {
	doc := &parse.Document{}
	if caption != "" {
		doc.Blocks = append(doc.Blocks, parse.Block{Kind: parse.Paragraph, Index: 1, Text: caption})
	}
	var cells [][]parse.Cell
	for _, r := range rows {
		var row []parse.Cell
		for _, c := range strings.Split(r, "|") {
			row = append(row, parse.Cell{Text: strings.TrimSpace(c)})
		}
		cells = append(cells, row)
	}
	doc.Blocks = append(doc.Blocks, parse.Block{Kind: parse.Table, Index: 1, Cells: cells})
	return doc
}

func TestTables(t *testing.T) {
	tests := []struct {
		name string
		doc  *parse.Document
		want []string
	}{
		{"caption unit, budget and actual columns", tableDoc("单位：万元",
			"项目 | 预算数 | 决算数",
			"收入合计 | 220.00 | 214.78",
			"财政拨款收入 | 210 | 208.63",
			"支出合计 | 220 | 219.37",
			"基本支出 | 100 | 105.57"),
			[]string{"income.total|budget||2200000.00", "income.total|actual||2147800.00", "income.fiscal|budget||2100000.00", "income.fiscal|actual||2086300.00",
				"expenditure.total|budget||2200000.00", "expenditure.total|actual||2193700.00", "expenditure.basic|budget||1000000.00", "expenditure.basic|actual||1055700.00"}},
		{"unit in header, change column skipped", tableDoc("",
			"项目 | 金额（元） | 较上年增减",
			"三公经费 | 12,700.00 | -500.00",
			"公务接待费 | 2,600.00 | 100"),
			[]string{"three_public.total|actual||12700.00", "three_public.reception|actual||2600.00"}},
		{"no unit anywhere: money is not guessed", tableDoc("",
			"项目 | 金额",
			"基本支出 | 105.57"), nil},
		{"key-value pairs", tableDoc("",
			"编制人数 | 7 | 实有人数 | 11",
			"车辆编制数 | 1 | 实有车辆 | 1"),
			[]string{"staff.authorized|actual||7.00", "staff.actual|actual||11.00", "vehicles.authorized|actual||1.00", "vehicles.actual|actual||1.00"}},
		{"project items under project row", tableDoc("金额单位：万元",
			"项目 | 金额",
			"项目支出 | 26.77",
			"科普行动计划经费 | 16",
			"换届选举经费 | 10.77",
			"合计 | 26.77"),
			// the 合计 row restates project spending: a figure stated twice gives two rows
			[]string{"expenditure.project|actual||267700.00", "expenditure.project|actual||267700.00", "expenditure.project.item|actual|科普行动计划经费|160000.00", "expenditure.project.item|actual|换届选举经费|107700.00"}},
		{"label cell never zero; dashes are empty", tableDoc("单位：万元",
			"项目 | 决算数",
			"因公出国（境）费 | —",
			"公务接待费 | 0.26"),
			[]string{"three_public.reception|actual||2600.00"}},
		{"indicator table gives only the total score", tableDoc("",
			"一级指标 | 二级指标 | 分值 | 得分",
			"投入 | 预算执行率 | 10 | 9.5",
			"产出 | 项目完成率 | 20 | 20",
			"合计 | | 100 | 95.5"),
			[]string{"score.self_evaluation|actual||95.50"}},
		{"row numbers are not values", tableDoc("单位：万元",
			"序号 | 项目名称 | 金额",
			"1 | 科普行动计划经费 | 16",
			"2 | 换届选举经费 | 10.77"),
			[]string{"expenditure.project.item|actual|科普行动计划经费|160000.00", "expenditure.project.item|actual|换届选举经费|107700.00"}},
		{"row numbers without a header", tableDoc("单位：万元",
			"项目 | 名称 | 决算数",
			"1 | 基本支出 | 105.57"),
			[]string{"expenditure.basic|actual||1055700.00"}},
		{"targets are not figures", tableDoc("",
			"指标 | 年度目标值 | 实际完成值",
			"预算执行率 | 100% | 98.5%"),
			[]string{"rate.budget_execution|actual||98.50"}},
		{"group labels on the left", tableDoc("单位：万元",
			"类别 | 项目 | 年初预算 | 全年执行",
			"收入 | 合计 | 220 | 214.78",
			"收入 | 财政拨款收入 | 210 | 208.63",
			"支出 | 合计 | 220 | 219.37",
			"支出 | 基本支出 | 100 | 105.57"),
			[]string{"income.total|budget||2200000.00", "income.total|actual||2147800.00", "income.fiscal|budget||2100000.00", "income.fiscal|actual||2086300.00",
				"expenditure.total|budget||2200000.00", "expenditure.total|actual||2193700.00", "expenditure.basic|budget||1000000.00", "expenditure.basic|actual||1055700.00"}},
		{"transposed: metrics across, bases down", tableDoc("单位：万元",
			"项目 | 收入合计 | 支出合计 | 基本支出",
			"预算数 | 220 | 220 | 100",
			"决算数 | 214.78 | 219.37 | 105.57"),
			[]string{"income.total|budget||2200000.00", "income.total|actual||2147800.00", "expenditure.total|budget||2200000.00",
				"expenditure.total|actual||2193700.00", "expenditure.basic|budget||1000000.00", "expenditure.basic|actual||1055700.00"}},
		{"year columns", tableDoc("单位：万元",
			"项目 | 2023年 | 2024年",
			"支出合计 | 200 | 219.37"),
			[]string{"expenditure.total|actual||2193700.00", "expenditure.total|prior||2000000.00"}},
	}
	e := newTestExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs := e.tables(tt.doc, tableCtx{defBasis: Actual, year: 2024})
			figs = e.resolve(figs, nil, 2024, false)
			got := figKeys(figs)
			for _, f := range figs {
				if f.Method != MethodTable || !strings.HasPrefix(f.Location, "t1r") {
					t.Errorf("figure %s has method %q location %q", f.Metric, f.Method, f.Location)
				}
			}
			sameFigures(t, got, tt.want)
		})
	}
	_ = context.Background
}

// flatDoc builds a document of one paragraph per line, as a flattened table arrives.
func TestFlattenedTables(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"column-major key/value", "单位：人、辆\n编制数\n实有人数\n在职人员\n离退休人员\n车辆编制\n实有车辆\n28\n40\n25\n15\n1\n1",
			[]string{"staff.authorized|actual||28.00", "staff.actual|actual||40.00", "staff.in_service|actual||25.00", "staff.retired|actual||15.00", "vehicles.authorized|actual||1.00", "vehicles.actual|actual||1.00"}},
		{"row-major with a super-header and row numbers", "2022年项目支出1502.46万元。\n单位：万元\n序号\n项目名称\n资金情况\n预算数\n实际支出\n执行率\n1\n公共机构节能经费\n1165.24\n1112.93\n95.51%\n2\n机关食堂运行经费\n408.23\n389.53\n95.42%\n合计\n1573.47\n1502.46\n95.49%",
			[]string{"expenditure.project|actual||15024600.00", "expenditure.project|actual||15024600.00", "expenditure.project|budget||15734700.00",
				"expenditure.project.item|budget|公共机构节能经费|11652400.00", "expenditure.project.item|actual|公共机构节能经费|11129300.00",
				"expenditure.project.item|budget|机关食堂运行经费|4082300.00", "expenditure.project.item|actual|机关食堂运行经费|3895300.00"}},
	}
	e := newTestExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.Extract(context.Background(), textDoc(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			got := figKeys(res.Figures)
			for _, f := range res.Figures {
				if f.Method == MethodTable && !strings.HasPrefix(f.Location, "p") {
					t.Errorf("%s: location %q, want the paragraph of the cell", f.Metric, f.Location)
				}
			}
			sameFigures(t, got, tt.want)
		})
	}
}
