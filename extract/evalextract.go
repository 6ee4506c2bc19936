package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/parse"
)

// evaluations reads the self-evaluation tables of a document, and returns with them the
// blocks they were read from (p12, t3), which are then no prose and no money table.
func (e *Extractor) evaluations(doc *parse.Document) ([]Evaluation, map[string]bool) {
	blocks := evalWindows(doc.Blocks)
	if len(blocks) == 0 {
		return nil, nil
	}
	s := e.eval.buildStream(blocks)
	r := &streamReader{el: e.eval, s: s, toks: s.toks, readable: e.readableName}
	r.scan()
	used := map[string]bool{}
	for _, sp := range r.spans {
		for p := sp[0]; p < sp[1] && p < len(s.toks); p++ {
			used[blockOf(s.toks[p].loc)] = true
		}
	}
	return r.out, used
}

// readableName reports whether a name of four or more ideographs reads as words: the
// segmenter finds at least one word of two characters in it. An OCR misreading
// (碟令薯樽轴示施) falls apart into single characters; a real name (县级储备粮: 县级 储备 粮)
// does not. Shorter names are taken as read.
func (e *Extractor) readableName(name string) bool {
	if hanCount(name) < 4 {
		return true
	}
	for _, w := range e.seg.Cut(name) {
		if hanCount(w) >= 2 {
			return true
		}
	}
	return false
}

// reportGrade is the grade a report states: its first table's, else the first 自评等级 of
// its text followed by a grade (自评等级为“优”, 绩效等级：良好).
func (el *evalLexicon) reportGrade(evs []Evaluation, doc *parse.Document) string {
	for _, ev := range evs {
		if ev.Grade != "" {
			return ev.Grade
		}
	}
	for _, b := range doc.Blocks {
		if b.Kind != parse.Paragraph {
			continue
		}
		if g := el.proseGrade(b.Text); g != "" {
			return g
		}
	}
	return ""
}

// proseGrade finds a grade label followed by a grade in a paragraph: of the labels that are,
// the one written first (评价结果为良好，自评等级为优 is 良), whatever order the lexicon lists them.
func (el *evalLexicon) proseGrade(text string) string {
	if !strings.ContainsAny(text, gradeLabelEnds) {
		return "" // no label: every one ends in 级 or 果
	}
	n := el.norm(text)
	best, grade := -1, ""
	for _, lb := range el.gradeLabels {
		for at := 0; at < len(n) && (best < 0 || at < best); {
			k := strings.Index(n[at:], lb)
			if k < 0 || best >= 0 && at+k >= best {
				break
			}
			if g := el.gradeAfter(n[at+k+len(lb):]); g != "" {
				best, grade = at+k, g
				break
			}
			at += k + len(lb)
		}
	}
	return grade
}

// gradeLabelEnds are the last characters of every grade label (自评等级, 评价结果), simplified
// and traditional: a text without one states no grade.
const gradeLabelEnds = "级級果"

// gradeAfter reads the grade right after a grade label (为“优”, :良好), or "".
func (el *evalLexicon) gradeAfter(rest string) string {
	rest = strings.TrimLeft(rest, ":")
	for _, glue := range []string{"评定为", "被评为", "评为", "为", "是", "达到"} {
		rest = strings.TrimPrefix(rest, glue)
	}
	rest = strings.TrimLeft(rest, "“”\"「」『』[(")
	for _, w := range []string{"优秀", "良好", "中等", "较差", "优", "良", "中", "差"} {
		if !strings.HasPrefix(rest, w) {
			continue
		}
		if g := el.grades[w]; g != "" {
			tail := strings.TrimPrefix(rest, w)
			// 优化, 良性, 中央: a word, not a grade
			if r, _ := utf8.DecodeRuneInString(tail); tail == "" || !isHan(r) || r == '级' || r == '等' {
				return g
			}
		}
	}
	return ""
}

// rowLocation is the location of a table row (t2r5) from the location of its first cell.
func rowLocation(loc string) string {
	if i := strings.LastIndexByte(loc, 'c'); i > 0 && loc[0] == 't' && strings.Contains(loc, "r") {
		return loc[:i]
	}
	return loc
}

// evalMarks are words of the headers of self-evaluation tables (simplified and traditional);
// the blocks around one are read for tables, the rest of a document is not. 年初预算数 and
// 全年预算数 are no marks: a 决算 statement's money tables have them too.
var evalMarks = []string{"三级指标", "三級指標", "指标名称", "指標名稱", "年度指标值", "实际完成值", "實際完成值", "一级指标", "一級指標",
	"全年执行数", "全年執行數", "自评表", "自評表", "评价表", "評價表", "年度资金总额", "資金總額",
	"产出指标", "產出指標"}

// Windows of blocks around a mark: a table's title and 项目名称 come before its header, in a
// copy of one cell per line some dozens of lines before.
const (
	windowBefore = 40
	windowAfter  = 400
	// around a table of cells: its title, 项目名称 and unit lines before it, a table cut by a
	// page after it
	tableWindowBefore = 4
	tableWindowAfter  = 3
)

// evalWindows returns the blocks of a document that may hold a self-evaluation table: those
// around a block with a word of a table's header, in order; none when no block has one.
func evalWindows(blocks []parse.Block) []parse.Block {
	keep := make([]bool, len(blocks))
	any := false
	for i, b := range blocks {
		if !blockHasMark(b) {
			continue
		}
		any = true
		before, after := windowBefore, windowAfter
		if b.Kind == parse.Table {
			// a table of cells holds its rows; its title and 项目名称 are a few blocks before
			before, after = tableWindowBefore, tableWindowAfter
		}
		for k := max(0, i-before); k < min(len(blocks), i+after); k++ {
			keep[k] = true
		}
	}
	if !any {
		return nil
	}
	out := make([]parse.Block, 0, len(blocks))
	for i, b := range blocks {
		if keep[i] {
			out = append(out, b)
		}
	}
	return out
}

func blockHasMark(b parse.Block) bool {
	has := func(s string) bool {
		for _, m := range evalMarks {
			if strings.Contains(s, m) {
				return true
			}
		}
		return false
	}
	if has(b.Text) {
		if !strings.Contains(b.Text, "。") || utf8.RuneCountInString(b.Text) <= 40 {
			return true
		}
		// a sentence that names 产出指标 is prose; a table run together with sentences has
		// numbers beside its header's words
		for _, sentence := range strings.Split(b.Text, "。") {
			if has(sentence) && strings.ContainsAny(sentence, "0123456789") {
				return true
			}
		}
		return false
	}
	for _, row := range b.Cells {
		for _, c := range row {
			if !c.Merged && has(c.Text) {
				return true
			}
		}
	}
	return false
}

// blockOf is the block part of a location: t2 of t2r3c4, p12 of p12.
func blockOf(loc string) string {
	if i := strings.IndexByte(loc, 'r'); i > 0 && loc[0] == 't' {
		return loc[:i]
	}
	return loc
}

// withoutBlocks returns the document without the blocks in used.
func withoutBlocks(doc *parse.Document, used map[string]bool) *parse.Document {
	if len(used) == 0 {
		return doc
	}
	out := &parse.Document{Format: doc.Format, Encoding: doc.Encoding, Blocks: make([]parse.Block, 0, len(doc.Blocks))}
	for _, b := range doc.Blocks {
		if !used[b.Location()] {
			out.Blocks = append(out.Blocks, b)
		}
	}
	return out
}

// evalFigures are the figures the self-evaluation tables state (SPEC): a project table's
// total funds as expenditure.project.item of the project (budget = 全年预算数, or 年初预算数
// when that is all it states; actual = 全年执行数), a department-wide table's as
// expenditure.total; the 执行率 as rate.budget_execution and the 总分 as score.self_evaluation,
// each from the first table that states it.
func evalFigures(evs []Evaluation) []Figure {
	var out []Figure
	rateDone, scoreDone := false, false
	for _, ev := range evs {
		for _, total := range ev.fundsTotals() {
			metric, item := "expenditure.project.item", ev.Table
			if total.Block != "" {
				item = total.Block
			} else if ev.Scope == ScopeDepartment || ev.Table == "" {
				metric, item = "expenditure.total", ""
			}
			budget, basisText := total.Adjusted, "全年预算数"
			if budget == nil {
				budget, basisText = total.Initial, "年初预算数"
			}
			if budget != nil {
				out = append(out, fundsFigure(metric, Budget, item, *budget, total, basisText))
			}
			rateRow := total
			if total.Executed != nil {
				out = append(out, fundsFigure(metric, Actual, item, *total.Executed, total, "全年执行数"))
			} else if v, part := ev.partsExecuted(total); part != nil {
				// the total row leaves its 执行数 blank and the sources under it state theirs
				out = append(out, fundsFigure(metric, Actual, item, v, part, "全年执行数"))
				if total.Rate == nil {
					rateRow = part // and its 执行率 with them
				}
			}
			if rateRow.Rate != nil && !rateDone {
				rateDone = true
				out = append(out, Figure{Metric: "rate.budget_execution", Basis: Actual, Value: *rateRow.Rate, Unit: UnitPercent, UnitText: "%",
					Term: "执行率", Raw: rateRow.Raw, Location: rateRow.Location, Method: MethodTable, Decimals: rateRow.RateDecimals})
			}
		}
		if ev.TotalScore != nil && !scoreDone {
			scoreDone = true
			out = append(out, Figure{Metric: "score.self_evaluation", Basis: Actual, Value: *ev.TotalScore, Unit: UnitPoint, UnitText: "分",
				Term: "总分", Raw: ev.Raw, Location: ev.Location, Method: MethodTable, Decimals: ev.TotalDecimals})
		}
	}
	return out
}

// indicatorRate is the budget execution rate an indicator row states when the report states
// it nowhere else: a 预算执行率 (预算完成率) indicator's 实际完成值 in percent, read whole
// (not cut out of run-together numbers). isRate tells the metric's wordings.
func indicatorRate(evs []Evaluation, have []Figure, isRate func(string) bool) []Figure {
	for _, f := range have {
		if f.Metric == "rate.budget_execution" {
			return nil
		}
	}
	for _, ev := range evs {
		for _, in := range ev.Indicators {
			if in.ActualValue == nil || in.Cut || !strings.ContainsAny(in.Actual, "%％") || !isRate(in.Name) {
				continue
			}
			return []Figure{{Metric: "rate.budget_execution", Basis: Actual, Value: *in.ActualValue, Unit: UnitPercent, UnitText: "%",
				Term: in.Name, Raw: in.Raw, Location: in.Location, Method: MethodTable, Decimals: pointDecimals(in.Actual)}}
		}
	}
	return nil
}

// pointDecimals is the number of digits after the first decimal point of s.
func pointDecimals(s string) int {
	rs := []rune(s)
	for i, r := range rs {
		if r == '.' || r == '．' {
			n := 0
			for _, d := range rs[i+1:] {
				if !isDigit(narrow(d)) {
					break
				}
				n++
			}
			return n
		}
	}
	return 0
}

// fundsFigure is a funds row's amount as a figure.
func fundsFigure(metric string, basis Basis, item string, v decimal.Decimal, row *FundsRow, basisText string) Figure {
	return Figure{Metric: metric, Basis: basis, Item: item, Term: item, Value: v, Unit: UnitYuan, UnitText: row.UnitText,
		Raw: row.Raw, Location: row.Location, Method: MethodTable, BasisText: basisText, Decimals: row.Decimals}
}

// fundsTotals is the table's 年度资金总额 row (its only row when it has no total), or, when
// the table lists the funds of several sub-blocks, the total row of each.
func (ev *Evaluation) fundsTotals() []*FundsRow {
	var out []*FundsRow
	seen := map[string]bool{}
	for k := range ev.Funds {
		f := &ev.Funds[k]
		if f.Block != "" && f.Source == SourceTotal && !seen[f.Block] {
			seen[f.Block] = true
			out = append(out, f)
		}
	}
	if len(out) > 0 {
		return out
	}
	if t := ev.totalFunds(); t != nil {
		return []*FundsRow{t}
	}
	return nil
}

// partsExecuted is the sum of the 执行数 of the source rows under a total row whose own is
// blank, when every source row that states an amount states its 执行数; the row returned
// is the last of them (for the figure's evidence), nil when there is none.
func (ev *Evaluation) partsExecuted(total *FundsRow) (decimal.Decimal, *FundsRow) {
	at := -1
	for k := range ev.Funds {
		if &ev.Funds[k] == total {
			at = k
		}
	}
	if at < 0 {
		return decimal.Zero, nil
	}
	sum, last := decimal.Zero, (*FundsRow)(nil)
	for k := at + 1; k < len(ev.Funds) && ev.Funds[k].Source != SourceTotal && ev.Funds[k].Block == total.Block; k++ {
		f := &ev.Funds[k]
		if f.Initial == nil && f.Adjusted == nil && f.Executed == nil {
			continue
		}
		if f.Executed == nil {
			return decimal.Zero, nil
		}
		sum = sum.Add(*f.Executed)
		last = f
	}
	return sum, last
}

// totalFunds is the table's 年度资金总额 row, or its only row when it has no total.
func (ev *Evaluation) totalFunds() *FundsRow {
	for k := range ev.Funds {
		if ev.Funds[k].Source == SourceTotal {
			return &ev.Funds[k]
		}
	}
	if len(ev.Funds) == 1 {
		return &ev.Funds[0]
	}
	return nil
}
