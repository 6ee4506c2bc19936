package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// blockKind is the kind of a document block.
type blockKind int

const (
	bTitle blockKind = iota
	bHeading
	bPara
	bTable
)

// block is one paragraph, heading or table of a document, independent of format.
type block struct {
	kind  blockKind
	level int // heading level 1..3
	text  string
	tbl   [][]cell
}

// cell is one table cell; span > 1 merges columns, vm 1 starts and 2 continues a vertical merge.
type cell struct {
	text string
	span int
	vm   int
}

// composer writes a plan's document as blocks, recording each figure it states.
type composer struct {
	r      *rand.Rand
	p      *plan
	f      *finance
	ns     numStyle
	figs   *figSet
	blocks []block
	ctx    expandCtx
	self   string // 我单位, 我局, 本部门
	h1n    int
	h2n    int
	h2sty  int
	y      string
	saved  map[string]string // paragraphs kept for verbatim restatement
}

func newComposer(r *rand.Rand, p *plan) *composer {
	c := &composer{r: r, p: p, f: p.f, figs: newFigSet(), saved: map[string]string{}}
	c.ns = newNumStyle(r, p.unit)
	c.ctx = expandCtx{Region: p.reg.Name, Short: p.short, Level: p.reg.level(), Abbr: p.reg.abbr(),
		DocAbbr: p.kind.DocAbbr, City: p.reg.City, Year: p.year}
	c.y = strconv.Itoa(p.year)
	c.self = pick(r, []string{"我单位", "本单位", "本部门", p.short, selfName(p.short)})
	c.h2sty = r.IntN(5)
	return c
}

// selfName is how a department calls itself: 我局, 我馆, 我中心, 我会 (科协), 我委.
func selfName(short string) string {
	rs := []rune(short)
	last := string(rs[len(rs)-1])
	switch {
	case strings.HasSuffix(short, "中心"):
		return "我中心"
	case last == "协":
		return "我会"
	}
	return "我" + last
}

// --- figures ---------------------------------------------------------------

func (c *composer) amt(metric, basis, item string, v money) string {
	c.figs.add(GoldFigure{Metric: metric, Basis: basis, Item: item, Value: moneyValue(v)})
	return c.ns.formatMoney(c.r, v)
}

// amtCell records a figure stated in a table cell and returns the cell text.
func (c *composer) amtCell(metric, basis, item string, v money, unit unitKind, th bool) string {
	c.figs.add(GoldFigure{Metric: metric, Basis: basis, Item: item, Value: moneyValue(v)})
	return cellMoney(c.r, v, unit, th)
}

func (c *composer) cnt(metric string, n int, unit string) string {
	c.figs.add(GoldFigure{Metric: metric, Basis: "actual", Value: strconv.Itoa(n)})
	return c.ns.formatCount(c.r, n, unit)
}

// part writes n, one part of metric's count, and records it as an item of the metric.
func (c *composer) part(metric, name string, n int) string {
	c.figs.add(GoldFigure{Metric: metric + ".item", Item: name, Basis: "actual", Value: strconv.Itoa(n)})
	return strconv.Itoa(n)
}

func (c *composer) pctFig(metric, p string) string {
	c.figs.add(GoldFigure{Metric: metric, Basis: "actual", Value: plainValue(p)})
	return c.ns.formatPercent(c.r, p)
}

func (c *composer) scoreFig(s string) string {
	c.figs.add(GoldFigure{Metric: "score.self_evaluation", Basis: "actual", Value: plainValue(s)})
	if chance(c.r, c.ns.fullwidth) {
		return toFullwidth(s) + "分"
	}
	return s + "分"
}

// money written without recording (changes, distractors).
func (c *composer) plain(v money) string { return c.ns.formatMoney(c.r, v) }

func (c *composer) label(metric string) string {
	return expand(c.r, pick(c.r, labels[metric]), c.ctx)
}

func (c *composer) verb() string { return pick(c.r, verbs) }

func (c *composer) person() string {
	if c.ns.personMing {
		return "名"
	}
	return "人"
}

func (c *composer) car() string {
	if c.ns.carTai {
		return "台"
	}
	return "辆"
}

// --- blocks ----------------------------------------------------------------

func (c *composer) para(s string) {
	if s != "" {
		c.blocks = append(c.blocks, block{kind: bPara, text: s})
	}
}

func (c *composer) title(s string) { c.blocks = append(c.blocks, block{kind: bTitle, text: s}) }

func (c *composer) h1(section string) {
	c.h1n++
	c.h2n = 0
	t := expand(c.r, pick(c.r, headings[section]), c.ctx)
	c.blocks = append(c.blocks, block{kind: bHeading, level: 1, text: cnNum[c.h1n-1] + "、" + t})
}

func (c *composer) h2(section string) {
	c.h2n++
	t := expand(c.r, pick(c.r, headings[section]), c.ctx)
	n := cnNum[min(c.h2n, len(cnNum))-1]
	var num string
	switch c.h2sty {
	case 0, 1:
		num = "（" + n + "）"
	case 2:
		num = "(" + n + ")"
	case 3:
		num = strconv.Itoa(c.h2n) + "．"
	default: // the seed's mix: （一） then （2）
		if c.h2n == 1 {
			num = "（一）"
		} else {
			num = "（" + strconv.Itoa(c.h2n) + "） "
		}
	}
	c.blocks = append(c.blocks, block{kind: bHeading, level: 2, text: num + t})
}

func (c *composer) table(rows [][]cell) { c.blocks = append(c.blocks, block{kind: bTable, tbl: rows}) }

// unitCaption writes the unit line before a table, or returns the header suffix to use instead.
func (c *composer) unitCaption(caption string, unit unitKind) string {
	if caption != "" {
		c.para(caption)
	}
	u := "万元"
	if unit == unitYuan {
		u = "元"
	}
	switch c.r.IntN(4) {
	case 0:
		return "（" + u + "）"
	case 1:
		c.para("金额单位：" + u)
	default:
		c.para("单位：" + u)
	}
	return ""
}

// --- sentence parts --------------------------------------------------------

type part struct {
	metric, item, label string
	v                   money
}

// list writes parts as "A N万元，B N万元" with one separator for the list.
func (c *composer) list(parts []part, basis string) string {
	sep := pick(c.r, []string{"，", "，", "、", "；"})
	out := make([]string, len(parts))
	for i, pt := range parts {
		v := ""
		if c.r.IntN(5) == 0 {
			v = "为"
		}
		out[i] = pt.label + v + c.amt(pt.metric, basis, pt.item, pt.v)
	}
	return strings.Join(out, sep)
}

// shareList writes parts each with its share of whole: "A N万元，占x%".
func (c *composer) shareList(parts []part, whole money, of string) string {
	dec := 1 + c.r.IntN(2)
	out := make([]string, len(parts))
	for i, pt := range parts {
		out[i] = pt.label + c.amt(pt.metric, "actual", pt.item, pt.v) + "，占" + of + c.ns.formatPercent(c.r, pct(pt.v, whole, dec))
	}
	return strings.Join(out, "；")
}

// change writes a prior-year comparison for metric: nothing, a change (not a figure),
// or the prior amount written out (a prior figure).
func (c *composer) change(metric string, cur, prior money) string {
	if v, ok := c.p.forcePrior[metric]; ok {
		return "，" + expand(c.r, pick(c.r, priorWords), c.ctx) + c.amt(metric, "prior", "", v)
	}
	if c.p.forcePrior != nil { // only the forced comparison, so a wrong prior breaks no prior-basis sum
		return ""
	}
	if prior <= 0 {
		return ""
	}
	d := cur - prior
	up, down := "增加", "增长"
	if d < 0 {
		d, up, down = -d, "减少", "下降"
	}
	switch c.r.IntN(6) {
	case 0, 1:
		if d == 0 {
			return "，与上年持平"
		}
		return "，较上年" + up + c.plain(d) + "，" + down + c.ns.formatPercent(c.r, pct(d, prior, 1+c.r.IntN(2)))
	case 2:
		return "，" + expand(c.r, pick(c.r, priorWords), c.ctx) + c.amt(metric, "prior", "", prior)
	case 3:
		if d == 0 {
			return ""
		}
		return "，比上年的" + c.amt(metric, "prior", "", prior) + up + c.plain(d)
	}
	return ""
}

func (c *composer) incomeParts() []part {
	f := c.f
	ps := []part{{metric: "income.fiscal", label: c.label("income.fiscal"), v: f.Fiscal}}
	if f.HasFund {
		ps = append(ps, part{metric: "income.fund", label: c.label("income.fund"), v: f.Fund})
	}
	if f.HasOther {
		l := c.label("income.other")
		ps = append(ps, part{metric: "income.other", label: l, v: f.Other})
	}
	return ps
}

// incomeStatement states income.total and its parts (and the carry-over).
func (c *composer) incomeStatement() string {
	f := c.f
	parts := c.incomeParts()
	transferNote := ""
	if c.p.transferIn != nil {
		transferNote = "（其中" + c.p.transferIn.Other + "转拨经费" + c.plainNoRecord(c.p.transferIn.Amount) + "）"
	}
	var s string
	carryStated := false
	switch v := c.r.IntN(7); {
	case v == 0 && f.HasCarry:
		carryStated = true
		s = c.y + "年收入总计" + c.plain(f.IncomeTotal+f.Carryover) + "，其中：" + c.label("income.total") + c.amt("income.total", "actual", "", f.IncomeTotal) +
			"，" + c.label("income.carryover") + c.amt("income.carryover", "actual", "", f.Carryover) + "。本年收入中，" + c.list(parts, "actual") + transferNote + "。"
	case v == 1 && !f.HasCarry:
		s = c.y + "年收入总计" + c.amt("income.total", "actual", "", f.IncomeTotal) + "，其中" + c.list(parts, "actual") + transferNote + "。"
	case v == 2 && len(parts) > 1:
		s = "全年" + c.label("income.total") + c.amt("income.total", "actual", "", f.IncomeTotal) + c.change("income.total", f.IncomeTotal, f.IncomeP) +
			"。其中" + c.shareList(parts, f.IncomeTotal, "") + transferNote + "。"
	case v == 3:
		s = c.y + "年度部门收入情况：全年共收到各项资金，" + c.label("income.total") + c.amt("income.total", "actual", "", f.IncomeTotal) +
			"，包括" + c.list(parts, "actual") + transferNote + "。"
	case v == 4:
		s = c.y + "年" + pick(c.r, []string{"年初预算收入", "全年收入预算", "收入预算数"}) + c.amt("income.total", "budget", "", f.IncomeB) + "，" + c.label("income.total") +
			c.verb() + c.amt("income.total", "actual", "", f.IncomeTotal) + "，其中：" + c.list(parts, "actual") + transferNote + "。"
	default:
		s = c.y + "年度收入" + c.amt("income.total", "actual", "", f.IncomeTotal) + c.change("income.total", f.IncomeTotal, f.IncomeP) +
			"，其中：" + c.list(parts, "actual") + transferNote + "。"
	}
	if f.HasCarry && !carryStated {
		s += "另有" + c.label("income.carryover") + c.amt("income.carryover", "actual", "", f.Carryover) + "。"
	}
	return s
}

// plainNoRecord writes an amount that is not a figure (a transfer note).
func (c *composer) plainNoRecord(v money) string { return c.plain(v) }

// expenditureStatement states expenditure.total, basic and project.
func (c *composer) expenditureStatement() string {
	f := c.f
	bl, pl := c.label("expenditure.basic"), c.label("expenditure.project")
	tl := c.label("expenditure.total")
	mark := c.figs.mark()
	head := c.y + "年" + tl + c.verb() + c.amt("expenditure.total", "actual", "", f.ExpTotal)
	if c.r.IntN(5) == 0 {
		head = c.y + "年" + tl + c.amt("expenditure.total", "actual", "", f.ExpTotal) + "（" + pick(c.r, budgetWords) + c.amt("expenditure.total", "budget", "", f.ExpB) + "）"
	}
	head += c.change("expenditure.total", f.ExpTotal, f.ExpP)
	if c.p.wrongShare != "" {
		return head + "，其中：基本支出" + c.amt("expenditure.basic", "actual", "", f.Basic) + "，占总支出的" + c.ns.formatPercent(c.r, c.p.wrongShare) +
			"；项目支出" + c.amt("expenditure.project", "actual", "", f.Project) + "。"
	}
	switch c.r.IntN(5) {
	case 0:
		return head + "。其中" + c.shareList([]part{{metric: "expenditure.basic", label: bl, v: f.Basic}, {metric: "expenditure.project", label: pl, v: f.Project}}, f.ExpTotal, pick(c.r, []string{"", "总支出的", "支出总额的"})) + "。"
	case 1:
		return head + "。按支出性质分：" + c.list([]part{{metric: "expenditure.basic", label: bl, v: f.Basic}, {metric: "expenditure.project", label: pl, v: f.Project}}, "actual") + "。"
	case 2:
		if (f.HasCarry || f.IncomeTotal > f.ExpTotal) && c.p.forcePrior == nil { // a forced prior must be written
			c.figs.rollback(mark) // head is not written: neither are its figures
			end := f.IncomeTotal + f.Carryover - f.ExpTotal
			return c.y + "年支出总计" + c.plain(f.ExpTotal+end) + "，其中" + tl + c.amt("expenditure.total", "actual", "", f.ExpTotal) + "，年末结转和结余" + c.plain(end) +
				"。" + tl + "中，" + c.list([]part{{metric: "expenditure.basic", label: bl, v: f.Basic}, {metric: "expenditure.project", label: pl, v: f.Project}}, "actual") + "。"
		}
	}
	return head + "，其中：" + c.list([]part{{metric: "expenditure.basic", label: bl, v: f.Basic}, {metric: "expenditure.project", label: pl, v: f.Project}}, "actual") + "。"
}

// basicStatement states basic and its parts, with personnel and goods in one of two wordings.
func (c *composer) basicStatement() string {
	f := c.f
	head := c.y + "年基本支出" + c.amt("expenditure.basic", "actual", "", f.Basic) + c.change("expenditure.basic", f.Basic, f.BasicP)
	var parts []part
	if c.r.IntN(3) == 0 { // 人员经费 + 公用经费
		parts = []part{{metric: "expenditure.basic.personnel", label: c.label("expenditure.basic.personnel2"), v: f.Personnel + f.Household},
			{metric: "expenditure.basic.goods_services", label: c.label("expenditure.basic.goods2"), v: f.Goods}}
	} else {
		parts = []part{{metric: "expenditure.basic.personnel", label: c.label("expenditure.basic.personnel"), v: f.Personnel},
			{metric: "expenditure.basic.goods_services", label: c.label("expenditure.basic.goods_services"), v: f.Goods},
			{metric: "expenditure.basic.household", label: c.label("expenditure.basic.household"), v: f.Household}}
	}
	if f.HasCapital {
		parts = append(parts, part{metric: "expenditure.basic.capital", label: c.label("expenditure.basic.capital"), v: f.Capital})
	}
	if c.r.IntN(4) == 0 {
		return head + "。其中" + c.shareList(parts, f.Basic, pick(c.r, []string{"", "基本支出的"})) + "。"
	}
	return head + "，其中：" + c.list(parts, "actual") + "。"
}

// projectStatement states project and its items as prose, a numbered list or a table.
func (c *composer) projectStatement() {
	f := c.f
	intro := pick(c.r, projectIntros)
	head := intro + c.y + "年项目支出" + c.amt("expenditure.project", "actual", "", f.Project) + c.change("expenditure.project", f.Project, f.ProjectP)
	mode := c.r.IntN(10)
	if c.p.forceItems && mode >= 8 {
		mode = 0
	}
	switch {
	case mode < 4:
		ps := make([]part, len(f.Items))
		for i, it := range f.Items {
			ps[i] = part{metric: "expenditure.project.item", item: it.Name, label: it.Name, v: it.Actual}
		}
		c.para(head + "，" + pick(c.r, []string{"其中：", "主要包括：", "具体为", "其中"}) + c.list(ps, "actual") + "。")
	case mode < 6:
		c.para(head + "，主要用于以下项目：")
		for i, it := range f.Items {
			num := pick(c.r, []string{strconv.Itoa(i+1) + "．", strconv.Itoa(i+1) + ".", "（" + strconv.Itoa(i+1) + "）", circled[min(i, len(circled)-1)]})
			end := "；"
			if i == len(f.Items)-1 {
				end = "。"
			}
			c.para(num + it.Name + pick(c.r, []string{"", "", "支出"}) + c.amt("expenditure.project.item", "actual", it.Name, it.Actual) + end)
		}
	case mode < 8:
		c.para(head + "，各项目执行情况见下表。")
		c.itemTable()
	default: // names only: 包括A、B等 (no item figures)
		names := make([]string, len(f.Items))
		for i, it := range f.Items {
			names[i] = it.Name
		}
		c.para(head + "，主要包括" + strings.Join(names, "、") + "等。")
	}
}

// itemTable writes project items with budget, actual and execution rate.
func (c *composer) itemTable() {
	f := c.f
	unit := c.p.unit
	th := c.r.IntN(2) == 0
	suffix := c.unitCaption(pick(c.r, []string{"表2：项目支出执行情况表", "", "项目支出明细表"}), unit)
	var rows [][]cell
	if c.r.IntN(2) == 0 {
		rows = append(rows,
			[]cell{{text: "序号", vm: 1}, {text: "项目名称", vm: 1}, {text: "资金情况" + orDefault(suffix, ""), span: 3}},
			[]cell{{vm: 2}, {vm: 2}, {text: "预算数"}, {text: "实际支出"}, {text: "执行率"}})
	} else {
		rows = append(rows, []cell{{text: "序号"}, {text: "项目名称"}, {text: "预算数" + suffix}, {text: "决算数" + suffix}, {text: "执行率（%）"}})
	}
	for i, it := range f.Items {
		rows = append(rows, []cell{{text: strconv.Itoa(i + 1)}, {text: it.Name},
			{text: c.amtCell("expenditure.project.item", "budget", it.Name, it.Budget, unit, th)},
			{text: c.amtCell("expenditure.project.item", "actual", it.Name, it.Actual, unit, th)},
			{text: pct(it.Actual, it.Budget, 2) + "%"}})
	}
	rows = append(rows, []cell{{text: "合计", span: 2},
		{text: c.amtCell("expenditure.project", "budget", "", f.ProjectB, unit, th)},
		{text: c.amtCell("expenditure.project", "actual", "", f.Project, unit, th)},
		{text: pct(f.Project, f.ProjectB, 2) + "%"}})
	c.table(rows)
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// threePublicStatement states the 三公 figures in prose or as a table.
func (c *composer) threePublicStatement() {
	f := c.f
	tl := c.label("three_public.total")
	al, rl, vl := c.label("three_public.abroad"), c.label("three_public.reception"), c.label("three_public.vehicle")
	split := c.p.forceSplit || f.Purchase > 0 && c.r.IntN(2) == 0 || c.r.IntN(4) == 0
	vehicle := func() string { // called where the text is written, so figures keep their order
		s := vl + c.amt("three_public.vehicle", "actual", "", f.Vehicle)
		if split {
			s += "（其中" + c.label("three_public.vehicle.purchase") + c.amt("three_public.vehicle.purchase", "actual", "", f.Purchase) +
				"，" + c.label("three_public.vehicle.operation") + c.amt("three_public.vehicle.operation", "actual", "", f.Operation) + "）"
		}
		return s
	}
	tail := pick(c.r, threePublicTails)
	if c.p.tpBudgetSuspect {
		num := yuanString(f.TPB, false, false)
		c.figs.add(GoldFigure{Metric: "three_public.total", Basis: "budget", Value: moneyValue(f.TPB * 10000)})
		c.para(c.y + "年" + tl + "年初预算" + num + "万元，实际支出" + c.amt("three_public.total", "actual", "", f.TPTotal) + "，其中" + al +
			c.amt("three_public.abroad", "actual", "", f.Abroad) + "，" + rl + c.amt("three_public.reception", "actual", "", f.Reception) + "，" + vehicle() + "。" + tail)
		return
	}
	shape := c.r.IntN(6)
	if shape == 3 && split {
		shape = 4 // the table has no purchase/operation rows
	}
	switch shape {
	case 0, 1: // the seed's numbered paragraphs
		c.para(c.y + "年" + tl + "支出" + c.amt("three_public.total", "actual", "", f.TPTotal) + c.change("three_public.total", f.TPTotal, f.TPP) + "。其中：")
		sep := pick(c.r, []string{"．", ".", "、"})
		c.para("1" + sep + al + c.amt("three_public.abroad", "actual", "", f.Abroad) + "；")
		c.para("2" + sep + rl + c.amt("three_public.reception", "actual", "", f.Reception) + "；")
		c.para("3" + sep + vehicle() + "。")
		c.para(tail)
	case 2:
		c.para(tl + pick(c.r, budgetWords) + c.amt("three_public.total", "budget", "", f.TPB) + "，" + pick(c.r, actualWords) + c.amt("three_public.total", "actual", "", f.TPTotal) +
			"，其中：" + al + c.amt("three_public.abroad", "actual", "", f.Abroad) + "，" + rl + c.amt("three_public.reception", "actual", "", f.Reception) + "，" + vehicle() + "。" + tail)
	case 3:
		c.tpTable()
	default:
		c.para(c.y + "年度" + tl + "共计" + c.amt("three_public.total", "actual", "", f.TPTotal) + c.change("three_public.total", f.TPTotal, f.TPP) +
			"，其中" + al + c.amt("three_public.abroad", "actual", "", f.Abroad) + "、" + rl + c.amt("three_public.reception", "actual", "", f.Reception) + "、" + vehicle() + "。" + tail)
	}
}

// tpTable writes the 三公 budget and actuals as a table.
func (c *composer) tpTable() {
	f := c.f
	unit := c.p.unit
	th := c.r.IntN(2) == 0
	suffix := c.unitCaption(pick(c.r, []string{c.y + "年度“三公”经费支出情况表", ""}), unit)
	rows := [][]cell{{{text: "项目"}, {text: "预算数" + suffix}, {text: "决算数" + suffix}}}
	add := func(name, metric string, b, a money) {
		rows = append(rows, []cell{{text: name}, {text: c.amtCell(metric, "budget", "", b, unit, th)}, {text: c.amtCell(metric, "actual", "", a, unit, th)}})
	}
	add("合计", "three_public.total", f.TPB, f.TPTotal)
	add("1．因公出国（境）费", "three_public.abroad", f.AbroadB, f.Abroad)
	add("2．公务接待费", "three_public.reception", f.ReceptionB, f.Reception)
	add("3．公务用车购置及运行维护费", "three_public.vehicle", f.VehicleB, f.Vehicle)
	c.table(rows)
}

// staffStatement states staff and vehicles in one of several shapes.
func (c *composer) staffStatement() string {
	f := c.f
	pu := c.person()
	v := c.r.IntN(5)
	if c.p.forceStaff && v >= 2 {
		v = c.r.IntN(2)
	}
	var s string
	switch v {
	case 0: // the seed
		s = c.self + c.label("staff.authorized") + "为" + c.cnt("staff.authorized", f.Authorized, pu) + "，" + c.label("staff.actual") + c.cnt("staff.actual", f.Actual, pu) +
			"（其中" + c.label("staff.in_service") + c.cnt("staff.in_service", f.InService, pu) + "，" + c.label("staff.retired") + c.cnt("staff.retired", f.Retired, pu) + "）。"
	case 1:
		adm := f.Authorized / 2
		s = c.self + "核定编制" + c.cnt("staff.authorized", f.Authorized, pu) + "，其中行政编制" + c.part("staff.authorized", "行政编制", adm) + pu +
			"、事业编制" + c.part("staff.authorized", "事业编制", f.Authorized-adm) + pu +
			"；年末实有人数" + c.cnt("staff.actual", f.Actual, pu) + "，其中在职人员" + c.cnt("staff.in_service", f.InService, pu) + "，退休人员" + c.cnt("staff.retired", f.Retired, pu) + "。"
	case 2:
		s = c.self + "内设股室" + strconv.Itoa(3+c.r.IntN(6)) + "个，现有在职人员" + c.cnt("staff.in_service", f.InService, pu) + "，离退休人员" + c.cnt("staff.retired", f.Retired, pu) +
			"；" + c.label("staff.authorized") + c.cnt("staff.authorized", f.Authorized, pu) + "。"
	case 3:
		s = c.self + "为" + pick(c.r, []string{"正科级", "副科级", "参照公务员法管理的"}) + "单位，编制数" + c.cnt("staff.authorized", f.Authorized, pu) + "，实有人员" + c.cnt("staff.actual", f.Actual, pu) + "。"
	default:
		s = "全" + c.ctx.Level + "共有" + strconv.Itoa(5+c.r.IntN(40)) + "个乡镇（街道），" + c.self + "在职在编人员" + c.cnt("staff.in_service", f.InService, pu) + "。"
	}
	if f.CarsAuth == 0 && f.Cars == 0 && !c.p.forceVehicles {
		if c.r.IntN(2) == 0 {
			return s + c.self + "无公务用车。"
		}
	}
	switch c.r.IntN(3) {
	case 0:
		return s + "小车编制数" + c.cnt("vehicles.authorized", f.CarsAuth, c.car()) + "，实际" + c.cnt("vehicles.actual", f.Cars, c.car()) + "。"
	case 1:
		return s + "车辆编制" + c.cnt("vehicles.authorized", f.CarsAuth, "辆") + "，实有车辆" + c.cnt("vehicles.actual", f.Cars, "辆") + "。"
	default:
		if c.p.forceVehicles {
			return s + "核定公务用车编制" + c.cnt("vehicles.authorized", f.CarsAuth, "辆") + "，实有公务用车" + c.cnt("vehicles.actual", f.Cars, "辆") + "。"
		}
		return s + "现有公务用车" + c.cnt("vehicles.actual", f.Cars, "辆") + "。"
	}
}

// staffTable states staff and vehicles as a one-row table.
func (c *composer) staffTable() {
	f := c.f
	c.para(pick(c.r, []string{"人员及车辆情况如下：", "单位：人、辆"}))
	c.table([][]cell{
		{{text: "编制数"}, {text: "实有人数"}, {text: "在职人员"}, {text: "离退休人员"}, {text: "车辆编制"}, {text: "实有车辆"}},
		{{text: c.cntCell("staff.authorized", f.Authorized)}, {text: c.cntCell("staff.actual", f.Actual)}, {text: c.cntCell("staff.in_service", f.InService)},
			{text: c.cntCell("staff.retired", f.Retired)}, {text: c.cntCell("vehicles.authorized", f.CarsAuth)}, {text: c.cntCell("vehicles.actual", f.Cars)}},
	})
}

func (c *composer) cntCell(metric string, n int) string {
	c.figs.add(GoldFigure{Metric: metric, Basis: "actual", Value: strconv.Itoa(n)})
	return strconv.Itoa(n)
}

// budgetTable writes income and expenditure, budget against actual.
func (c *composer) budgetTable() {
	f := c.f
	unit := c.p.unit
	th := c.r.IntN(2) == 0
	suffix := c.unitCaption(pick(c.r, []string{"表1：" + c.y + "年度部门收支预算执行情况表", c.y + "年收支情况表", ""}), unit)
	var rows [][]cell
	if c.r.IntN(2) == 0 {
		rows = [][]cell{
			{{text: "项目", vm: 1}, {text: "金额" + orDefault(suffix, ""), span: 2}, {text: "执行率", vm: 1}},
			{{vm: 2}, {text: "年初预算数"}, {text: "决算数"}, {vm: 2}},
		}
	} else {
		rows = [][]cell{{{text: "项目"}, {text: "预算数" + suffix}, {text: "决算数" + suffix}, {text: "执行率（%）"}}}
	}
	add := func(name, metric string, b, a money) {
		rows = append(rows, []cell{{text: name}, {text: c.amtCell(metric, "budget", "", b, unit, th)}, {text: c.amtCell(metric, "actual", "", a, unit, th)}, {text: pct(a, b, 2)}})
	}
	add("收入合计", "income.total", f.IncomeB, f.IncomeTotal)
	add("其中：财政拨款收入", "income.fiscal", f.FiscalB, f.Fiscal)
	if f.HasFund {
		add("　　　政府性基金预算财政拨款收入", "income.fund", f.FundB, f.Fund)
	}
	if f.HasOther {
		add("　　　其他收入", "income.other", f.OtherB, f.Other)
	}
	add("支出合计", "expenditure.total", f.ExpB, f.ExpTotal)
	add("其中：基本支出", "expenditure.basic", f.BasicB, f.Basic)
	add("　　　项目支出", "expenditure.project", f.ProjectB, f.Project)
	c.table(rows)
}

// rateStatement states the budget execution rate, computed from the stated figures.
func (c *composer) rateStatement() string {
	f := c.f
	rate := pct(f.ExpTotal, f.ExpB, 2)
	if c.r.IntN(3) == 0 {
		return c.y + "年" + pick(c.r, budgetWords) + c.amt("expenditure.total", "budget", "", f.ExpB) + "，" + pick(c.r, actualWords) + c.amt("expenditure.total", "actual", "", f.ExpTotal) +
			"，" + c.label("rate.budget_execution") + c.pctFig("rate.budget_execution", rate) + "。"
	}
	return c.label("rate.budget_execution") + pick(c.r, []string{"为", "达", "达到", ""}) + c.pctFig("rate.budget_execution", rate) + "，" +
		pick(c.r, []string{"预算执行较好。", "较好地完成了年度预算执行目标。", "基本完成年度预算执行任务。"})
}

// scoreStatement states the self-evaluation score.
func (c *composer) scoreStatement(s string) string {
	g := grade(scoreFloat(s))
	switch c.r.IntN(3) {
	case 0:
		return "经综合评价，" + c.y + "年度部门整体支出绩效" + c.label("score.self_evaluation") + "为" + c.scoreFig(s) + "，评价等级为“" + g + "”。"
	case 1:
		return "根据部门整体支出绩效评价指标体系逐项打分，" + c.label("score.self_evaluation") + c.scoreFig(s) + "，自评等级为" + g + "。"
	}
	return c.self + c.y + "年度部门整体支出绩效自评" + pick(c.r, []string{"综合得分", "总得分", "得分"}) + c.scoreFig(s) + "，绩效等级“" + g + "”。"
}

// scoreTable writes the four first-level indicators and their scores, summing to s.
func (c *composer) scoreTable(s string) bool {
	halves := int(scoreFloat(s)*2 + 0.5)
	if float64(halves)/2 != scoreFloat(s) {
		return false
	}
	max := []int{20, 20, 30, 30}
	names := []string{"投入", "过程", "产出", "效益"}
	lost := 200 - halves
	got := make([]int, 4)
	for i := range got {
		got[i] = max[i] * 2
	}
	for lost > 0 {
		i := c.r.IntN(4)
		if got[i] > max[i] { // keep each at least half its weight
			got[i]--
			lost--
		}
	}
	rows := [][]cell{{{text: "一级指标"}, {text: "分值"}, {text: "得分"}}}
	for i := range names {
		rows = append(rows, []cell{{text: names[i]}, {text: strconv.Itoa(max[i])}, {text: halvesText(got[i])}})
	}
	c.figs.add(GoldFigure{Metric: "score.self_evaluation", Basis: "actual", Value: plainValue(s)})
	rows = append(rows, []cell{{text: "合计"}, {text: "100"}, {text: s}})
	c.para("绩效自评得分情况如下表：")
	c.table(rows)
	return true
}

func halvesText(h int) string {
	if h%2 == 0 {
		return strconv.Itoa(h / 2)
	}
	return strconv.Itoa(h/2) + ".5"
}

// work writes a narrative paragraph from a template.
func (c *composer) work(tpl string) string { return expand(c.r, tpl, c.ctx) }
