package parse

import (
	"context"
	"strings"
	"testing"
)

// TestReadPDFTablePageBreak reads a table that a page break cuts as one: the label of the
// last row of the first page wrapped onto the next page joins that row, the rows there keep
// the header, the page numbers between the parts are dropped, and a text line right under a
// table is not read as a wrapped label.
func TestReadPDFTablePageBreak(t *testing.T) {
	var c cidCoder
	w := halfWidthDigits(&c)
	header := textAt(&c, 72, 200, "序号") + textAt(&c, 150, 200, "项目名称") + textAt(&c, 300, 200, "预算数") + textAt(&c, 400, 200, "决算数")
	page1 := textAt(&c, 72, 240, "项目支出情况如下。") + header +
		textAt(&c, 75, 186, "1") + textAt(&c, 140, 186, "老干部大学运") + textAt(&c, 300, 186, "2387947.63") + textAt(&c, 400, 186, "2387947.63") +
		textAt(&c, 290, 60, "—2—")
	page2 := textAt(&c, 290, 800, "—3—") +
		textAt(&c, 155, 760, "行经费") +
		textAt(&c, 140, 746, "老年体协工作") + textAt(&c, 75, 740, "2") + textAt(&c, 300, 740, "3853998.71") + textAt(&c, 400, 740, "3656544.81") + textAt(&c, 160, 734, "经费") +
		textAt(&c, 140, 720, "合计") + textAt(&c, 300, 720, "6241946.34") + textAt(&c, 400, 720, "6044492.44") +
		textAt(&c, 72, 708, "（五）三公经费")
	doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", page1, page2), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "p1 项目支出情况如下。\nt1 (4x4)\n" +
		"t1r1c1 序号\nt1r1c2 项目名称\nt1r1c3 预算数\nt1r1c4 决算数\n" +
		"t1r2c1 1\nt1r2c2 老干部大学运行经费\nt1r2c3 2387947.63\nt1r2c4 2387947.63\n" +
		"t1r3c1 2\nt1r3c2 老年体协工作经费\nt1r3c3 3853998.71\nt1r3c4 3656544.81\n" +
		"t1r4c1\nt1r4c2 合计\nt1r4c3 6241946.34\nt1r4c4 6044492.44\n" +
		"p2 [h2] （五）三公经费\n"
	if got := dumpBody(t, doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestReadPDFTablePageBreakNewTable keeps two tables apart when the second starts the next
// page with a header of its own, in the same columns.
func TestReadPDFTablePageBreakNewTable(t *testing.T) {
	var c cidCoder
	w := halfWidthDigits(&c)
	page1 := textAt(&c, 72, 200, "项目") + textAt(&c, 300, 200, "金额") +
		textAt(&c, 72, 186, "收入合计") + textAt(&c, 300, 186, "120.50") +
		textAt(&c, 72, 172, "支出合计") + textAt(&c, 300, 172, "118.00")
	page2 := textAt(&c, 72, 760, "科目") + textAt(&c, 300, 760, "金额") +
		textAt(&c, 72, 746, "基本支出") + textAt(&c, 300, 746, "80.00")
	doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", page1, page2), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	var tables int
	for _, b := range doc.Blocks {
		if b.Kind == Table {
			tables++
		}
	}
	if tables != 2 {
		t.Errorf("%d tables, want 2:\n%s", tables, dumpBody(t, doc))
	}
}

// TestReadPDFCellsTooClose splits cells that stood closer than a cell gap in their own line,
// told apart by the other rows: a column as wide as its widest cell then a gap of one font
// size (ReportLab), and tab stops counted in characters, whose rows do not line up (CUPS
// texttopdf); and places the cells of tables laid out with tabs by the stops before them,
// an empty cell included: pango's stops of a fixed grid (a cell ending just before a stop
// touching the next), texttopdf's counted in characters.
func TestReadPDFCellsTooClose(t *testing.T) {
	tests := []struct {
		name  string
		lines [][]pdfChunkAt // per line: text at x
		want  string
	}{
		{"column gap of one font size", [][]pdfChunkAt{
			{{72, "项目"}, {212, "预算数"}, {252, "决算数"}},
			{{72, "收入合计"}, {212, "571.03"}, {252, "553.60"}},
			{{72, "政府性基金预算财政拨款收入"}, {212, "56.68"}, {252, "58.13"}},
		}, "t1r1c1 项目\nt1r1c2 预算数\nt1r1c3 决算数\nt1r2c1 收入合计\nt1r2c2 571.03\nt1r2c3 553.60\n" +
			"t1r3c1 政府性基金预算财政拨款收入\nt1r3c2 56.68\nt1r3c3 58.13\n"},
		{"no header over the labels", [][]pdfChunkAt{
			{{212, "预算数"}, {252, "决算数"}, {320, "执行率"}},
			{{72, "收入合计"}, {212, "571.03"}, {252, "553.60"}, {320, "97.2"}},
			{{72, "其他收入"}, {212, "234.50"}, {252, "230.00"}, {320, "98.1"}},
		}, "t1r1c1\nt1r1c2 预算数\nt1r1c3 决算数\nt1r1c4 执行率\nt1r2c1 收入合计\nt1r2c2 571.03\nt1r2c3 553.60\nt1r2c4 97.2\n" +
			"t1r3c1 其他收入\nt1r3c2 234.50\nt1r3c3 230.00\nt1r3c4 98.1\n"},
		{"tab stops of a fixed grid", [][]pdfChunkAt{ // pango: stops every 32 points from 10
			{{10, "号"}, {42, "项目"}, {74, "预算数"}, {106, "决算数"}},
			{{10, "1"}, {42, "普法经费"}, {106, "722.49"}, {138, "700.00"}}, // the numbers touch
			{{10, "合计"}, {74, "722.49"}, {106, "700.00"}},               // 合计\t\t722.49\t700.00
			{{10, "2"}, {42, "人民调解员补贴经费"}, {138, "617.09"}, {170, "600.00"}},
		}, "t1r1c1 号\nt1r1c2 项目\nt1r1c3 预算数\nt1r1c4 决算数\nt1r2c1 1\nt1r2c2 普法经费\nt1r2c3 722.49\nt1r2c4 700.00\n" +
			"t1r3c1 合计\nt1r3c2\nt1r3c3 722.49\nt1r3c4 700.00\nt1r4c1 2\nt1r4c2 人民调解员补贴经费\nt1r4c3 617.09\nt1r4c4 600.00\n"},
		{"tab stops counted in characters", [][]pdfChunkAt{ // texttopdf: cells of 5 points from 20
			{{20, "序号"}, {70, "项目"}, {120, "预算数"}, {175, "决算数"}},
			{{20, "1"}, {60, "普法经费"}, {120, "722.49"}, {160, "700.00"}},
			{{20, "合计"}, {110, "722.49"}, {150, "700.00"}}, // 合计\t\t722.49\t700.00
		}, "t1r1c1 序号\nt1r1c2 项目\nt1r1c3 预算数\nt1r1c4 决算数\nt1r2c1 1\nt1r2c2 普法经费\nt1r2c3 722.49\nt1r2c4 700.00\n" +
			"t1r3c1 合计\nt1r3c2\nt1r3c3 722.49\nt1r3c4 700.00\n"},
		{"a row whose cells are all a space apart", [][]pdfChunkAt{ // ReportLab CID
			{{72, "项目"}, {172, "预算数"}, {212, "决算数"}, {252, "执行率"}},
			{{72, "收入合计"}, {172, "4635.43"}, {212, "4426.58"}, {252, "95.49"}},
			{{72, "其中：财政拨款收入"}, {172, "4635.43"}, {212, "4426.58"}, {252, "95.49"}},
			{{72, "支出合计"}, {172, "4635.43"}, {212, "4426.58"}, {252, "95.49"}},
		}, "t1r1c1 项目\nt1r1c2 预算数\nt1r1c3 决算数\nt1r1c4 执行率\nt1r2c1 收入合计\nt1r2c2 4635.43\nt1r2c3 4426.58\nt1r2c4 95.49\n" +
			"t1r3c1 其中：财政拨款收入\nt1r3c2 4635.43\nt1r3c3 4426.58\nt1r3c4 95.49\nt1r4c1 支出合计\nt1r4c2 4635.43\nt1r4c3 4426.58\nt1r4c4 95.49\n"},
		{"rows that do not line up", [][]pdfChunkAt{
			{{20, "项目"}, {70, "预算数"}, {125, "决算数"}},
			{{20, "收入合计"}, {80, "571.03"}, {120, "553.60"}},
			{{50, "其他收入"}, {95, "37.35"}, {135, "37.09"}},
			{{20, "支出合计"}, {80, "571.03"}, {120, "553.60"}},
		}, "t1r1c1 项目\nt1r1c2 预算数\nt1r1c3 决算数\nt1r2c1 收入合计\nt1r2c2 571.03\nt1r2c3 553.60\n" +
			"t1r3c1 其他收入\nt1r3c2 37.35\nt1r3c3 37.09\nt1r4c1 支出合计\nt1r4c2 571.03\nt1r4c3 553.60\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c cidCoder
			w := halfWidthDigits(&c)
			var content strings.Builder
			for i, l := range tt.lines {
				for _, ch := range l {
					content.WriteString(textAt(&c, ch.x, float64(700-14*i), ch.text))
				}
			}
			doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", content.String()), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			got := dumpBody(t, doc)
			if _, cells, _ := strings.Cut(got, "\n"); cells != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// pdfChunkAt is a text drawn at x.
type pdfChunkAt struct {
	x    float64
	text string
}

// TestReadPDFLabelRows joins the lines of a label to its row: a label of three lines centred
// on its numbers starts above them, nearer to them than to the row above; in a table whose
// labels start on the line of their numbers, a label's last line at the foot of a page
// stays with its row when the next page starts with the next row.
func TestReadPDFLabelRows(t *testing.T) {
	t.Run("centred", func(t *testing.T) {
		var c cidCoder
		w := halfWidthDigits(&c)
		content := textAt(&c, 72, 480, "序号") + textAt(&c, 150, 480, "项目名称") + textAt(&c, 300, 480, "预算数") +
			textAt(&c, 140, 453, "教育信息化建") + textAt(&c, 75, 447, "1") + textAt(&c, 300, 447, "2414.26") + textAt(&c, 155, 441, "设经费") +
			textAt(&c, 140, 428, "农村义务教育") +
			textAt(&c, 75, 415, "2") + textAt(&c, 140, 415, "学生营养改善") + textAt(&c, 300, 415, "634.95") +
			textAt(&c, 150, 402, "计划经费") +
			textAt(&c, 140, 389, "义务教育公用") + textAt(&c, 75, 383, "3") + textAt(&c, 300, 383, "16130.26") + textAt(&c, 160, 377, "经费")
		doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", content), DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		want := "t1 (4x3)\nt1r1c1 序号\nt1r1c2 项目名称\nt1r1c3 预算数\nt1r2c1 1\nt1r2c2 教育信息化建设经费\nt1r2c3 2414.26\n" +
			"t1r3c1 2\nt1r3c2 农村义务教育学生营养改善计划经费\nt1r3c3 634.95\nt1r4c1 3\nt1r4c2 义务教育公用经费\nt1r4c3 16130.26\n"
		if got := dumpBody(t, doc); got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("two lines above the numbers", func(t *testing.T) {
		var c cidCoder
		w := halfWidthDigits(&c)
		content := textAt(&c, 146, 480, "项目") + textAt(&c, 202, 480, "行次") + textAt(&c, 259, 480, "金额") +
			textAt(&c, 137, 453, "一、一般") + textAt(&c, 137, 443, "公共预算") +
			textAt(&c, 209, 438, "1") + textAt(&c, 252, 438, "1683.52") +
			textAt(&c, 137, 433, "财政拨款") + textAt(&c, 146, 423, "收入") +
			textAt(&c, 137, 396, "三、其他") + textAt(&c, 209, 391, "2") + textAt(&c, 257, 391, "71.98") + textAt(&c, 146, 386, "收入")
		doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", content), DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		want := "t1 (3x3)\nt1r1c1 项目\nt1r1c2 行次\nt1r1c3 金额\nt1r2c1 一、一般公共预算财政拨款收入\nt1r2c2 1\nt1r2c3 1683.52\n" +
			"t1r3c1 三、其他收入\nt1r3c2 2\nt1r3c3 71.98\n"
		if got := dumpBody(t, doc); got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("top-aligned across a page break", func(t *testing.T) {
		var c cidCoder
		w := halfWidthDigits(&c)
		page1 := textAt(&c, 72, 200, "序号") + textAt(&c, 150, 200, "项目名称") + textAt(&c, 300, 200, "预算数") +
			textAt(&c, 75, 186, "1") + textAt(&c, 140, 186, "教育信息化建") + textAt(&c, 300, 186, "2414.26") +
			textAt(&c, 155, 173, "设经费")
		page2 := textAt(&c, 75, 760, "2") + textAt(&c, 140, 760, "农村义务教育") + textAt(&c, 300, 760, "634.95") +
			textAt(&c, 140, 747, "学生营养改善") + textAt(&c, 150, 734, "计划经费") +
			textAt(&c, 75, 719, "3") + textAt(&c, 140, 719, "义务教育公用") + textAt(&c, 300, 719, "16130.26") +
			textAt(&c, 160, 706, "经费")
		doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", page1, page2), DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		want := "t1 (4x3)\nt1r1c1 序号\nt1r1c2 项目名称\nt1r1c3 预算数\nt1r2c1 1\nt1r2c2 教育信息化建设经费\nt1r2c3 2414.26\n" +
			"t1r3c1 2\nt1r3c2 农村义务教育学生营养改善计划经费\nt1r3c3 634.95\nt1r4c1 3\nt1r4c2 义务教育公用经费\nt1r4c3 16130.26\n"
		if got := dumpBody(t, doc); got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// TestReadPDFPipeRows leaves the rows of a printed pipe table (a text file's | a | b |), some
// drawn in pieces far apart, to the text layout, which reads them as a table.
func TestReadPDFPipeRows(t *testing.T) {
	var c cidCoder
	w := halfWidthDigits(&c)
	content := textAt(&c, 20, 700, "| 项目 | 金额 |") + textAt(&c, 150, 700, "| 执行率 |") +
		textAt(&c, 20, 686, "|") + textAt(&c, 40, 686, "| 预算数 | 决算数 |") + textAt(&c, 200, 686, "|") +
		textAt(&c, 20, 672, "| 收入合计 | 100.00 | 95.0 |") +
		textAt(&c, 20, 658, "|") + textAt(&c, 60, 658, "其他收入 | 20.00 | 90.0 |")
	doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", content), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "t1 (4x4)\nt1r1c1 项目\nt1r1c2 金额\nt1r1c3\nt1r1c4 执行率\nt1r2c1\nt1r2c2 预算数\nt1r2c3 决算数\nt1r2c4\n" +
		"t1r3c1 收入合计\nt1r3c2 100.00\nt1r3c3 95.0\nt1r3c4\nt1r4c1 其他收入\nt1r4c2 20.00\nt1r4c3 90.0\nt1r4c4\n"
	if got := dumpBody(t, doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestChunkSplit cuts a chunk at some of its breaks; each piece keeps the breaks it holds,
// so that a later cut (at a tab stop) can still be made.
func TestChunkSplit(t *testing.T) {
	c := pdfChunk{x0: 10, x1: 100, text: "标签 12.5013.75", breaks: []pdfBreak{
		{at: 6, x0: 30, x1: 40},              // the space after 标签
		{at: 12, soft: true, x0: 65, x1: 67}, // 12.50|13.75, touching
	}}
	got := c.split(func(k int) bool { return k == 0 }, nil)
	if len(got) != 2 || got[0].text != "标签" || got[1].text != "12.5013.75" || got[1].x0 != 40 {
		t.Fatalf("split = %+v", got)
	}
	if b := got[1].breaks; len(b) != 1 || b[0].at != 5 || !b[0].soft {
		t.Fatalf("second piece's breaks = %+v", b)
	}
	again := got[1].split(func(int) bool { return true }, nil)
	if len(again) != 2 || again[0].text != "12.50" || again[1].text != "13.75" || again[1].x0 != 67 {
		t.Errorf("second split = %+v", again)
	}
}

// TestReadPDFLabelColumn finds the label column of a table whose labels stand on lines of
// their own, above and below their numbers, and whose 合计 stands centred across two
// columns.
func TestReadPDFLabelColumn(t *testing.T) {
	var c cidCoder
	w := halfWidthDigits(&c)
	content := textAt(&c, 112, 500, "序号") + textAt(&c, 188, 500, "项目名称") + textAt(&c, 290, 500, "预算数") + textAt(&c, 380, 500, "执行率") +
		textAt(&c, 176, 481, "老年体协工作") + textAt(&c, 121, 475, "1") + textAt(&c, 290, 475, "45.42") + textAt(&c, 380, 475, "89.12%") + textAt(&c, 200, 469, "经费") +
		textAt(&c, 176, 455, "离退休干部活") + textAt(&c, 121, 449, "2") + textAt(&c, 290, 449, "62.28") + textAt(&c, 380, 449, "100.00%") + textAt(&c, 194, 443, "动经费") +
		textAt(&c, 156, 424, "合计") + textAt(&c, 290, 424, "107.70") + textAt(&c, 380, 424, "94.88%")
	doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", content), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "t1 (4x4)\nt1r1c1 序号\nt1r1c2 项目名称\nt1r1c3 预算数\nt1r1c4 执行率\n" +
		"t1r2c1 1\nt1r2c2 老年体协工作经费\nt1r2c3 45.42\nt1r2c4 89.12%\nt1r3c1 2\nt1r3c2 离退休干部活动经费\nt1r3c3 62.28\nt1r3c4 100.00%\n" +
		"t1r4c1\nt1r4c2 合计\nt1r4c3 107.70\nt1r4c4 94.88%\n"
	if got := dumpBody(t, doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestReadPDFTablePageBreakLabels goes on with a table across a page break where the next
// page starts with a label line: after a header alone at the foot of the page, and after a
// whole row, a line as wide as its column being the first line of the next row's label.
func TestReadPDFTablePageBreakLabels(t *testing.T) {
	var c cidCoder
	w := halfWidthDigits(&c)
	page1 := textAt(&c, 72, 300, "表2 项目支出") +
		textAt(&c, 300, 200, "资金情况") + textAt(&c, 72, 183, "序号") + textAt(&c, 150, 183, "项目名称") +
		textAt(&c, 260, 166, "预算数") + textAt(&c, 340, 166, "实际支出")
	page2 := textAt(&c, 140, 760, "老干部大学运") + textAt(&c, 75, 754, "1") + textAt(&c, 260, 754, "12.33") + textAt(&c, 340, 754, "12.10") + textAt(&c, 155, 748, "行经费") +
		textAt(&c, 75, 720, "2") + textAt(&c, 140, 720, "综治维稳经费") + textAt(&c, 260, 720, "66.57") + textAt(&c, 340, 720, "65.07")
	page3 := textAt(&c, 140, 780, "信息化建设经") + textAt(&c, 75, 769, "3") + textAt(&c, 165, 769, "费") + textAt(&c, 260, 769, "110.23") + textAt(&c, 340, 769, "101.22") +
		textAt(&c, 140, 735, "绩效考核奖励") + textAt(&c, 75, 729, "4") + textAt(&c, 260, 729, "49.67") + textAt(&c, 340, 729, "43.38") + textAt(&c, 160, 723, "经费")
	doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", page1, page2, page3), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "p1 表2 项目支出\np2 资金情况\nt1 (6x4)\nt1r1c1 序号\nt1r1c2 项目名称\nt1r1c3\nt1r1c4\nt1r2c1\nt1r2c2\nt1r2c3 预算数\nt1r2c4 实际支出\n" +
		"t1r3c1 1\nt1r3c2 老干部大学运行经费\nt1r3c3 12.33\nt1r3c4 12.10\nt1r4c1 2\nt1r4c2 综治维稳经费\nt1r4c3 66.57\nt1r4c4 65.07\n" +
		"t1r5c1 3\nt1r5c2 信息化建设经费\nt1r5c3 110.23\nt1r5c4 101.22\nt1r6c1 4\nt1r6c2 绩效考核奖励经费\nt1r6c3 49.67\nt1r6c4 43.38\n"
	if got := dumpBody(t, doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestReadPDFRoomyRows reads tables as LibreOffice and wkhtmltopdf set them: a number a
// narrow cell wrapped in two is whole again; rows of numbers with room around them (more
// than pdfRowPitch apart) stay one table; a label's first line at the foot of a page goes
// on with its row on the next.
func TestReadPDFRoomyRows(t *testing.T) {
	var c cidCoder
	w := halfWidthDigits(&c)
	page1 := textAt(&c, 72, 300, "单位：元") +
		textAt(&c, 72, 280, "序号") + textAt(&c, 140, 280, "项目名称") + textAt(&c, 264, 280, "预算数") + textAt(&c, 352, 280, "决算数") +
		textAt(&c, 140, 266, "卫生应急工作") + textAt(&c, 294, 266, "12") + textAt(&c, 385, 266, "1") +
		textAt(&c, 75, 260, "1") +
		textAt(&c, 160, 254, "经费") + textAt(&c, 267, 254, ",805,278.14") + textAt(&c, 352, 254, "2,805,278.14") +
		textAt(&c, 140, 217, "会员代表大会") + textAt(&c, 75, 212, "2") + textAt(&c, 270, 212, "14.60") + textAt(&c, 360, 212, "13.72") + textAt(&c, 160, 207, "经费") +
		textAt(&c, 140, 180, "“万企兴万")
	page2 := textAt(&c, 75, 800, "3") + textAt(&c, 140, 800, "村”行动经费") + textAt(&c, 270, 800, "25.61") + textAt(&c, 360, 800, "23.52")
	doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", page1, page2), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "p1 单位：元\nt1 (4x4)\nt1r1c1 序号\nt1r1c2 项目名称\nt1r1c3 预算数\nt1r1c4 决算数\n" +
		"t1r2c1 1\nt1r2c2 卫生应急工作经费\nt1r2c3 12,805,278.14\nt1r2c4 12,805,278.14\n" +
		"t1r3c1 2\nt1r3c2 会员代表大会经费\nt1r3c3 14.60\nt1r3c4 13.72\n" +
		"t1r4c1 3\nt1r4c2 “万企兴万村”行动经费\nt1r4c3 25.61\nt1r4c4 23.52\n"
	if got := dumpBody(t, doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestReadPDFHeaderLabelPageBreak joins the first line of the first row's label, alone at
// the foot of a page under the header, to that row on the next page.
func TestReadPDFHeaderLabelPageBreak(t *testing.T) {
	var c cidCoder
	w := halfWidthDigits(&c)
	page1 := textAt(&c, 72, 200, "序号") + textAt(&c, 140, 200, "项目名称") +
		textAt(&c, 264, 187, "预算数") + textAt(&c, 352, 187, "实际支出") +
		textAt(&c, 140, 161, "“万企兴万")
	page2 := textAt(&c, 75, 800, "1") + textAt(&c, 140, 800, "村”行动经费") + textAt(&c, 270, 800, "25.61") + textAt(&c, 360, 800, "23.52") +
		textAt(&c, 75, 774, "2") + textAt(&c, 140, 774, "商会建设经费") + textAt(&c, 270, 774, "31.37") + textAt(&c, 360, 774, "31.37")
	doc, err := Read(context.Background(), "r.pdf", pagesPDF(&c, cidFont(w), "", page1, page2), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "t1 (4x4)\nt1r1c1 序号\nt1r1c2 项目名称\nt1r1c3\nt1r1c4\nt1r2c1\nt1r2c2\nt1r2c3 预算数\nt1r2c4 实际支出\n" +
		"t1r3c1 1\nt1r3c2 “万企兴万村”行动经费\nt1r3c3 25.61\nt1r3c4 23.52\nt1r4c1 2\nt1r4c2 商会建设经费\nt1r4c3 31.37\nt1r4c4 31.37\n"
	if got := dumpBody(t, doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
