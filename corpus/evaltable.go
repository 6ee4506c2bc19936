package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// A generated 项目支出绩效自评表 is the national template's table: 项目名称, 主管部门 and 实施单位,
// the funds block (项目资金（万元）: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, rows
// 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金), the year's goals, the indicators
// (一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施, 一级 and 二级
// merged down) and the 总分 row with the grade. It is written as a .docx table, as text
// (|-rows, one cell per line, cells run together with spaces, a table cut by a page), as
// Markdown and as an .xlsx sheet; an injected inconsistency is recorded in its gold.

// Formats SelfEvalTables writes besides docx, txt and md.
const (
	FormatXLSX = "xlsx"
)

// GoldIndicator is one expected indicator row, as realdev's gold writes it.
type GoldIndicator struct {
	Level1 string `json:"level1"`
	Level2 string `json:"level2"`
	Name   string `json:"name"`
	Target string `json:"target"`
	Actual string `json:"actual"`
	Weight string `json:"weight"`
	Score  string `json:"score"`
}

// GoldBudgetRow is one expected funds row, amounts in 万元 as written.
type GoldBudgetRow struct {
	Row      string `json:"row"`
	Initial  string `json:"initial"`
	Adjusted string `json:"adjusted"`
	Executed string `json:"executed"`
	Rate     string `json:"rate"`
	Weight   string `json:"weight"`
	Score    string `json:"score"`
}

// TableOptions configure SelfEvalTables.
type TableOptions struct {
	// N is the number of tables, Seed makes them reproducible.
	N    int
	Seed uint64
	// InjectRate is the share of tables with one injected inconsistency.
	InjectRate float64
	// Formats restricts the formats (docx, txt, md, xlsx); empty means all four.
	Formats []string
	// Prefix starts every file name; empty means "tbl".
	Prefix string
}

// evalRow is one indicator of a generated table, as written.
type evalRow struct {
	t              indTemplate
	target, actual string
	weight         int
	score          string // "" blank
	note           string
	missed         bool // the actual falls short of the target
}

// fundsLine is one funds row as written; amounts in hundredths of 万元, -1 blank.
type fundsLine struct {
	label, source               string
	initial, adjusted, executed int64
	rate, weight, score         string
}

// evalSpec is everything decided about one table.
type evalSpec struct {
	project, dept, unit string
	year                int
	funds               []fundsLine
	rows                []evalRow
	total, grade        string
	banded              bool
	blank               bool
	anoms               []GoldAnomaly
}

// SelfEvalTables builds opts.N self-evaluation tables with their gold.
func SelfEvalTables(opts TableOptions) []Report {
	prefix := opts.Prefix
	if prefix == "" {
		prefix = "tbl"
	}
	out := make([]Report, 0, opts.N)
	for i := range opts.N {
		r := rand.New(rand.NewPCG(opts.Seed, 0x7a8b6c5d^uint64(i)))
		reg := pick(r, regions)
		kind := pick(r, deptKinds)
		s := newEvalSpec(r, kind, reg)
		if chance(r, opts.InjectRate) {
			s.inject(r)
		}
		format := pickTableFormat(r, opts.Formats)
		name := fmt.Sprintf("%s-%03d-%s-%s-%d", prefix, i+1, reg.Slug, kind.Slug, s.year)
		out = append(out, s.render(r, name, format))
	}
	return out
}

func pickTableFormat(r *rand.Rand, allowed []string) string {
	if len(allowed) == 0 {
		allowed = []string{FormatDocx, FormatTxt, FormatMd, FormatXLSX}
	}
	return pick(r, allowed)
}

// hundredths of 万元
func wanText(v int64) string {
	return decimal.New(v, -2).StringFixed(2)
}

// rateText is executed ÷ budget in percent with two decimals.
func rateText(executed, budget int64) string {
	if budget <= 0 {
		return ""
	}
	return decimal.NewFromInt(executed).Div(decimal.NewFromInt(budget)).Mul(decimal.NewFromInt(100)).StringFixed(2) + "%"
}

func newEvalSpec(r *rand.Rand, kind deptKind, reg region) *evalSpec {
	s := &evalSpec{year: 2020 + r.IntN(5)}
	s.unit = strings.ReplaceAll(kind.Full, "{R}", reg.Name)
	s.dept = s.unit
	if r.IntN(3) == 0 {
		s.dept = reg.Name + "财政局"
	}
	s.project = pick(r, kind.Items)
	// funds: the budget, executed 85 % to 100 %; a fiscal row and sometimes other money
	adjusted := int64(500+r.IntN(80000)) * 10 // 50.00 to 8050.00 万元 in steps of 0.1
	initial := adjusted
	if r.IntN(3) == 0 {
		initial = adjusted - int64(r.IntN(int(adjusted/5)))
	}
	executed := adjusted - int64(r.IntN(int(adjusted*15/100)+1))
	rate := rateText(executed, adjusted)
	rateV := decimal.NewFromInt(executed).Div(decimal.NewFromInt(adjusted)).Mul(decimal.NewFromInt(100))
	s.banded = r.IntN(4) == 0
	execScore := rateV.Div(decimal.NewFromInt(10)).Round(2) // 10 × rate
	if s.banded && rateV.GreaterThanOrEqual(decimal.NewFromInt(90)) {
		execScore = decimal.NewFromInt(10)
	}
	total := fundsLine{label: "年度资金总额", source: "total", initial: initial, adjusted: adjusted, executed: executed,
		rate: rate, weight: "10", score: execScore.String()}
	s.funds = append(s.funds, total)
	if r.IntN(3) == 0 {
		// part of it other money
		oa := adjusted / int64(4+r.IntN(6))
		oe := min(oa, executed/5)
		oi := min(oa, initial)
		s.funds = append(s.funds,
			fundsLine{label: "其中：当年财政拨款", source: "fiscal", initial: initial - oi, adjusted: adjusted - oa, executed: executed - oe, rate: "—", weight: "—", score: "—"},
			fundsLine{label: "上年结转资金", source: "carryover", initial: -1, adjusted: -1, executed: -1, rate: "—", weight: "—", score: "—"},
			fundsLine{label: "其他资金", source: "other", initial: oi, adjusted: oa, executed: oe, rate: "—", weight: "—", score: "—"})
	} else {
		s.funds = append(s.funds,
			fundsLine{label: "其中：当年财政拨款", source: "fiscal", initial: initial, adjusted: adjusted, executed: executed, rate: "—", weight: "—", score: "—"},
			fundsLine{label: "上年结转资金", source: "carryover", initial: -1, adjusted: -1, executed: -1, rate: "—", weight: "—", score: "—"},
			fundsLine{label: "其他资金", source: "other", initial: -1, adjusted: -1, executed: -1, rate: "—", weight: "—", score: "—"})
	}
	s.rows = pickIndicators(r, executed)
	s.setTotal()
	return s
}

// pickIndicators draws the indicators: 产出 50 points, 效益 30, 满意度 10 (the 10 of budget
// execution make 100), each scored in full when met and in proportion, to one decimal, when
// missed.
func pickIndicators(r *rand.Rand, executed int64) []evalRow {
	byLevel := map[string][]indTemplate{}
	var order []string
	for _, t := range indicatorPool {
		if _, ok := byLevel[t.level1]; !ok {
			order = append(order, t.level1)
		}
		byLevel[t.level1] = append(byLevel[t.level1], t)
	}
	points := map[string]int{"产出指标": 50, "效益指标": 30, "满意度指标": 10}
	counts := map[string]int{"产出指标": 4 + r.IntN(3), "效益指标": 2 + r.IntN(2), "满意度指标": 1 + r.IntN(2)}
	var rows []evalRow
	for _, l1 := range order {
		pool := append([]indTemplate(nil), byLevel[l1]...)
		r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		picked := pool[:min(counts[l1], len(pool))]
		// keep the template's order of 二级 levels: rows of one 二级 stay together
		var sorted []indTemplate
		for _, t := range byLevel[l1] {
			for _, p := range picked {
				if p.name == t.name {
					sorted = append(sorted, t)
				}
			}
		}
		weights := splitPoints(r, points[l1], len(sorted))
		for k, t := range sorted {
			rows = append(rows, newEvalRow(r, t, weights[k], executed))
		}
	}
	return rows
}

// splitPoints divides total points into n weights of whole points, none below 2.
func splitPoints(r *rand.Rand, total, n int) []int {
	w := make([]int, n)
	for i := range w {
		w[i] = 2
	}
	for left := total - 2*n; left > 0; left-- {
		w[r.IntN(n)]++
	}
	return w
}

func newEvalRow(r *rand.Rand, t indTemplate, weight int, executed int64) evalRow {
	row := evalRow{t: t, weight: weight}
	miss := r.IntN(5) == 0 && (t.kind == indCount || t.kind == indRate || t.kind == indSatisfy)
	row.missed = miss
	full := strconv.Itoa(weight)
	row.score = full
	part := func(frac float64) string {
		v := decimal.NewFromFloat(float64(weight) * frac).Round(1)
		if v.GreaterThanOrEqual(decimal.NewFromInt(int64(weight))) {
			v = decimal.NewFromInt(int64(weight)).Sub(decimal.New(5, -1))
		}
		return v.String()
	}
	switch t.kind {
	case indCount:
		n := t.lo + r.IntN(t.hi-t.lo+1)
		row.target = "≥" + strconv.Itoa(n) + t.unit
		if miss {
			got := n * (80 + r.IntN(15)) / 100
			row.actual = strconv.Itoa(got) + t.unit
			row.score = part(float64(got) / float64(n))
			row.note = pick(r, deviationNotes)
		} else {
			row.actual = strconv.Itoa(n+r.IntN(n/5+1)) + t.unit
		}
	case indRate, indSatisfy:
		n := t.lo + r.IntN(t.hi-t.lo+1)
		row.target = "≥" + strconv.Itoa(n) + "%"
		if miss {
			got := decimal.NewFromInt(int64(n*10 - 10 - r.IntN(40))).Div(decimal.NewFromInt(10))
			row.actual = got.String() + "%"
			row.score = part(got.InexactFloat64() / float64(n))
			row.note = pick(r, deviationNotes)
		} else {
			got := decimal.NewFromInt(int64(n*10 + r.IntN((100-n)*10+1))).Div(decimal.NewFromInt(10))
			row.actual = got.String() + "%"
		}
	case indFull:
		row.target = "=100%"
		row.actual = "100%"
	case indCost:
		row.target = "≤" + decimal.New(executed, -2).Ceil().String() + "万元"
		row.actual = wanText(executed) + "万元"
	case indText:
		row.target = pick(r, textTargets).target
		row.actual = pick(r, textActuals)
	}
	return row
}

// setTotal writes the 总分 and the grade that follow from the scores.
func (s *evalSpec) setTotal() {
	sum := decimal.Zero
	for _, row := range s.rows {
		if row.score == "" {
			continue
		}
		sum = sum.Add(decimal.RequireFromString(row.score))
	}
	if sc := s.funds[0].score; sc != "" {
		sum = sum.Add(decimal.RequireFromString(sc))
	}
	s.total = sum.String()
	s.grade = gradeFor(sum)
}

func gradeFor(v decimal.Decimal) string {
	switch {
	case v.GreaterThanOrEqual(decimal.NewFromInt(90)):
		return "优"
	case v.GreaterThanOrEqual(decimal.NewFromInt(80)):
		return "良"
	case v.GreaterThanOrEqual(decimal.NewFromInt(60)):
		return "中"
	}
	return "差"
}

// inject puts one inconsistency into the table and records it.
func (s *evalSpec) inject(r *rand.Rand) {
	anom := func(rule, sev, note string) {
		s.anoms = append(s.anoms, GoldAnomaly{Rule: rule, Severity: sev, Note: note})
	}
	switch r.IntN(8) {
	case 0: // the total is not the sum
		old := decimal.RequireFromString(s.total)
		v := old.Add(decimal.NewFromInt(int64(pick(r, []int{-3, -2, 2, 3}))))
		s.total = v.String()
		s.grade = gradeFor(v)
		anom("score.sum", "error", "总分"+s.total+"分，各项得分合计"+old.String()+"分")
	case 1: // a score above its weight, on a row that met its target; another row gives the
		// points back, so that the total still adds up
		var met []int
		for k, row := range s.rows {
			if !row.missed {
				met = append(met, k)
			}
		}
		if len(met) < 2 {
			s.inject(r)
			return
		}
		k := pick(r, met)
		o := met[0]
		if o == k {
			o = met[1]
		}
		s.rows[k].score = strconv.Itoa(s.rows[k].weight + 2)
		s.rows[o].score = decimal.RequireFromString(s.rows[o].score).Sub(decimal.NewFromInt(2)).String()
		if s.rows[o].t.kind != indText && s.rows[o].t.kind != indFull && s.rows[o].t.kind != indCost {
			s.rows[o].note = "" // a partial score on a met target is no unmet_full, nothing to explain
		}
		s.setTotal()
		anom("score.over_weight", "error", s.rows[k].t.name+"得分高于分值")
	case 2: // a target missed with full marks
		k := s.numericRow(r)
		if k < 0 {
			s.inject(r)
			return
		}
		row := &s.rows[k]
		switch row.t.kind {
		case indCount:
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(row.target, "≥"), row.t.unit))
			row.actual = strconv.Itoa(n*9/10) + row.t.unit
		default:
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(row.target, "≥"), "%"))
			row.actual = strconv.Itoa(n-4) + "%"
		}
		row.score = strconv.Itoa(row.weight)
		row.note, row.missed = "", true
		s.setTotal()
		anom("score.unmet_full", "warning", row.t.name+"未完成目标却得满分")
	case 3: // a grade that the total does not give
		wrong := map[string]string{"优": "良", "良": "优", "中": "良", "差": "中"}[s.grade]
		s.grade = wrong
		anom("score.grade", "error", "总分"+s.total+"分，等级写“"+wrong+"”")
	case 4: // an execution score off the rate
		t := &s.funds[0]
		sc := decimal.RequireFromString(t.score).Sub(decimal.NewFromFloat(1.5))
		t.score = sc.String()
		s.banded = false
		s.setTotal()
		anom("score.execution", "warning", "预算执行得分"+t.score+"分，与执行率"+t.rate+"×10分不符")
	case 5: // a fiscal row that does not add up to the total
		f := &s.funds[1]
		f.adjusted += 300 // 3.00 万元
		anom("sum.funds", "error", "当年财政拨款与其他资金之和与年度资金总额不符")
	case 6: // a rate that the amounts do not give
		t := &s.funds[0]
		rv := decimal.RequireFromString(strings.TrimSuffix(t.rate, "%")).Sub(decimal.NewFromInt(int64(3 + r.IntN(5))))
		t.rate = rv.StringFixed(2) + "%"
		anom("percent.mismatch", "error", "年度资金总额执行率写作"+t.rate)
	default: // an unfilled template
		for k := range s.rows {
			s.rows[k].actual, s.rows[k].score, s.rows[k].note = "", "", ""
		}
		t := &s.funds[0]
		t.executed, t.rate, t.score = -1, "", ""
		for k := 1; k < len(s.funds); k++ {
			s.funds[k].executed = -1
		}
		s.total, s.grade, s.blank = "", "", true
		anom("indicator.blank", "warning", "指标未填写实际完成值和得分")
	}
}

// numericRow picks a row whose target is a number that can be missed, or -1.
func (s *evalSpec) numericRow(r *rand.Rand) int {
	var ks []int
	for k, row := range s.rows {
		if row.t.kind == indCount || row.t.kind == indRate || row.t.kind == indSatisfy {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return -1
	}
	return pick(r, ks)
}

// amountText is an amount cell: 万元 with two decimals, or a dash when blank.
func amountText(v int64, dash string) string {
	if v < 0 {
		return dash
	}
	return wanText(v)
}

// table is the table's grid: eight columns, merges as cell spans and vertical merges.
func (s *evalSpec) table() [][]cell {
	c := func(t string) cell { return cell{text: t} }
	span := func(t string, n int) cell { return cell{text: t, span: n} }
	var rows [][]cell
	rows = append(rows, []cell{c("项目名称"), span(s.project, 7)})
	rows = append(rows, []cell{c("主管部门"), span(s.dept, 3), c("实施单位"), span(s.unit, 3)})
	rows = append(rows, []cell{{text: "项目资金（万元）", vm: 1}, c(""), c("年初预算数"), c("全年预算数"), c("全年执行数"), c("分值"), c("执行率"), c("得分")})
	for _, f := range s.funds {
		rows = append(rows, []cell{{vm: 2}, c(f.label), c(amountText(f.initial, "—")), c(amountText(f.adjusted, "—")),
			c(amountText(f.executed, "—")), c(f.weight), c(f.rate), c(f.score)})
	}
	goal := pick(rand.New(rand.NewPCG(uint64(len(s.project)), uint64(s.year))), goalTexts)
	rows = append(rows, []cell{{text: "年度总体目标", vm: 1}, span("预期目标", 3), span("实际完成情况", 4)})
	rows = append(rows, []cell{{vm: 2}, span(strings.ReplaceAll(goal[0], "{P}", s.project), 3), span(strings.ReplaceAll(goal[1], "{P}", s.project), 4)})
	rows = append(rows, []cell{c("一级指标"), c("二级指标"), c("三级指标"), c("年度指标值"), c("实际完成值"), c("分值"), c("得分"), c("偏差原因分析及改进措施")})
	for k, row := range s.rows {
		l1, l2 := cell{text: row.t.level1, vm: 1}, cell{text: row.t.level2, vm: 1}
		if k > 0 && s.rows[k-1].t.level1 == row.t.level1 {
			l1 = cell{vm: 2}
			if s.rows[k-1].t.level2 == row.t.level2 {
				l2 = cell{vm: 2}
			}
		}
		rows = append(rows, []cell{l1, l2, c(row.t.name), c(row.target), c(row.actual), c(strconv.Itoa(row.weight)), c(row.score), c(row.note)})
	}
	rows = append(rows, []cell{span("总分", 5), c("100"), c(s.total), c(s.grade)})
	return rows
}

// blocks are the document: a title, the year, the table, and for banded scoring its note.
func (s *evalSpec) blocks(r *rand.Rand) []block {
	var out []block
	switch r.IntN(3) {
	case 0:
		out = append(out, block{kind: bTitle, text: "项目支出绩效自评表"}, block{kind: bPara, text: "（" + strconv.Itoa(s.year) + "年度）"})
	case 1:
		out = append(out, block{kind: bTitle, text: "项目支出绩效自评表（" + strconv.Itoa(s.year) + "年度）"})
	default:
		out = append(out, block{kind: bTitle, text: strconv.Itoa(s.year) + "年度项目支出绩效自评表"})
	}
	out = append(out, block{kind: bTable, tbl: s.table()})
	if s.banded {
		out = append(out, block{kind: bPara, text: "注：预算执行率90%（含）以上得满分，每低1个百分点扣0.5分。"})
	}
	return out
}

// gold is the table's expected reading.
func (s *evalSpec) gold(path string) Gold {
	g := Gold{Path: path, Department: s.unit, Year: s.year, Status: "partial", Anomalies: s.anoms}
	for _, row := range s.rows {
		g.Indicators = append(g.Indicators, GoldIndicator{Level1: row.t.level1, Level2: row.t.level2, Name: row.t.name,
			Target: row.target, Actual: row.actual, Weight: strconv.Itoa(row.weight), Score: row.score})
	}
	for _, f := range s.funds {
		b := GoldBudgetRow{Row: f.label, Initial: amountText(f.initial, ""), Adjusted: amountText(f.adjusted, ""),
			Executed: amountText(f.executed, ""), Rate: dashless(f.rate), Weight: dashless(f.weight), Score: dashless(f.score)}
		g.BudgetRows = append(g.BudgetRows, b)
	}
	g.TotalScore, g.Grade = s.total, s.grade
	t := s.funds[0]
	add := func(metric, basis, item, value string) {
		g.Figures = append(g.Figures, GoldFigure{Metric: metric, Basis: basis, Item: item, Value: value})
	}
	add("expenditure.project.item", "budget", s.project, decimal.New(t.adjusted, 2).StringFixed(2))
	if t.executed >= 0 {
		add("expenditure.project.item", "actual", s.project, decimal.New(t.executed, 2).StringFixed(2))
	}
	if t.rate != "" {
		add("rate.budget_execution", "actual", "", strings.TrimSuffix(t.rate, "%"))
	}
	if s.total != "" {
		add("score.self_evaluation", "actual", "", s.total)
	}
	return g
}

func dashless(s string) string {
	if s == "—" {
		return ""
	}
	return s
}

// render writes the table in a format, with its gold.
func (s *evalSpec) render(r *rand.Rand, name, format string) Report {
	blocks := s.blocks(r)
	var data []byte
	var text string
	switch format {
	case FormatDocx:
		data = renderDocx(r, blocks)
	case FormatXLSX:
		data = renderXLSX(blocks)
	case FormatMd:
		text = renderText(r, blocks, textStyle{md: true, blank: true})
		data = []byte(text)
	default:
		format = FormatTxt
		ts := textStyle{tableMode: r.IntN(4)}
		text = renderText(r, blocks, ts)
		if r.IntN(3) == 0 {
			text = cutByPage(r, text)
		}
		data = []byte(text)
	}
	path := name + "." + format
	return Report{Name: name, Ext: format, Data: data, text: text, Encoding: encUTF8, Gold: s.gold(path)}
}

// cutByPage puts a page mark (— 2 —, 第2页 共3页) between two lines of the table's indicators,
// as a table copied out of a PDF has.
func cutByPage(r *rand.Rand, text string) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	at := -1
	for k, l := range lines {
		if strings.Contains(l, "偏差原因分析及改进措施") {
			at = k + 2 + r.IntN(3)
			break
		}
	}
	if at < 0 || at >= len(lines)-1 {
		return text
	}
	mark := strings.NewReplacer("{n}", "1", "{m}", "2").Replace(pick(r, pageMarks))
	out := append(append(append([]string{}, lines[:at]...), mark), lines[at:]...)
	return strings.Join(out, "\n") + "\n"
}
