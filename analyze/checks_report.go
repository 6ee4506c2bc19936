package analyze

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// bases are checked in this order by the rules that apply to every basis.
var bases = []extract.Basis{extract.Actual, extract.Budget, extract.Prior}

// combine merges the verdicts of several independent parts of one check (bases, claims):
// flagged beats passed beats insufficient beats not_applicable; details are joined.
func combine(vs ...Verdict) Verdict {
	var out Verdict
	rank := map[string]int{OutcomeFlagged: 4, OutcomePassed: 3, OutcomeInsufficient: 2, OutcomeNotApplicable: 1, "": 0}
	var insuff, na []string
	for _, v := range vs {
		out.Findings = append(out.Findings, v.Findings...)
		if rank[v.Outcome] > rank[out.Outcome] {
			out.Outcome = v.Outcome
		}
		switch v.Outcome {
		case OutcomeInsufficient:
			insuff = append(insuff, v.Detail)
		case OutcomeNotApplicable:
			na = append(na, v.Detail)
		}
	}
	switch out.Outcome {
	case OutcomeInsufficient:
		out.Detail = strings.Join(nonEmpty(insuff), "；")
	case OutcomeNotApplicable, "":
		out.Outcome = OutcomeNotApplicable
		out.Detail = strings.Join(sortedUnique(na), "；")
	}
	return out
}

func nonEmpty(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func na(detail string) Verdict { return Verdict{Outcome: OutcomeNotApplicable, Detail: detail} }
func insufficient(detail string) Verdict {
	return Verdict{Outcome: OutcomeInsufficient, Detail: detail}
}
func passed() Verdict { return Verdict{Outcome: OutcomePassed} }

// basisWord is how a message names a basis before a metric: 预算, 上年, or nothing for actual.
func basisWord(b extract.Basis) string {
	switch b {
	case extract.Budget:
		return "预算"
	case extract.Prior:
		return "上年"
	}
	return ""
}

// metricName names a metric for a check's detail: its Chinese label and its ID.
func metricName(b extract.Basis, metric string) string {
	if l := label(metric); l != metric {
		return basisWord(b) + l + "（" + metric + "）"
	}
	return basisWord(b) + metric
}

// missingDetail says a figure a check needs is not stated.
func missingDetail(b extract.Basis, metric string) string { return "未列出" + metricName(b, metric) }

// conflictDetail says a figure a check needs is stated with different values.
func conflictDetail(b extract.Basis, metric string) string {
	return metricName(b, metric) + "前后所列数值不一，无法判断"
}

// basisTag opens a detail about the budget or prior-year figures: 预算数：, 上年数：.
func basisTag(b extract.Basis) string {
	if w := basisWord(b); w != "" {
		return w + "数："
	}
	return ""
}

// metricNames names metrics for a detail, joined with 、.
func metricNames(ms []string) string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = metricName(extract.Actual, m)
	}
	return strings.Join(out, "、")
}

// joinParts writes "A、B与C".
func joinParts(ss []string) string {
	if len(ss) <= 1 {
		return strings.Join(ss, "")
	}
	return strings.Join(ss[:len(ss)-1], "、") + "与" + ss[len(ss)-1]
}

// ---- sums ----

// sumSpec is a total and the parts it must equal.
type sumSpec struct {
	total string
	// parts are required (all must be stated) unless minParts > 0, when any minParts of
	// them suffice ("the sum of its stated parts").
	parts    []string
	optional []string // added when stated (资本性支出 within basic)
	minParts int
	// derive gives parts that may be computed from sub-parts when not stated themselves.
	derive map[string][]string
	// optionalBreakdown: reports need not break the total down, so a total stated without
	// any part is not_applicable rather than insufficient.
	optionalBreakdown bool
	// open, when set, says why parts falling short of the total may be no error: the
	// breakdown may list only some of them (see incomeBreakdownOpen).
	open func(fx *facts, r *Report, basis extract.Basis, short amount) string
}

func (s sumSpec) check(b *Batch, i int) Verdict {
	var vs []Verdict
	for _, basis := range bases {
		v := s.onBasis(b.facts[i], basis)
		if len(v.Findings) == 1 && v.Findings[0].short.v.IsPositive() && cutOff(&b.Reports[i], s.total, basis) {
			v = insufficient(basisTag(basis) + "原文在" + label(s.total) + "的分项中途截断，分项可能未列全")
		}
		if s.open != nil && len(v.Findings) == 1 && v.Findings[0].short.v.IsPositive() {
			if why := s.open(b.facts[i], &b.Reports[i], basis, v.Findings[0].short); why != "" {
				v = insufficient(basisTag(basis) + why)
			}
		}
		vs = append(vs, v)
	}
	return combine(vs...)
}

// part resolves a part, derived from its sub-parts when not stated.
func (s sumSpec) part(fx *facts, m string, basis extract.Basis) (amount, state) {
	a, st := fx.get(m, basis, "")
	if st != absent {
		return a, st
	}
	subs, ok := s.derive[m]
	if !ok {
		return a, absent
	}
	var as []amount
	for _, sm := range subs {
		x, xs := fx.get(sm, basis, "")
		if xs != known {
			return amount{}, absent
		}
		as = append(as, x)
	}
	return sumAmounts(as...), known
}

func (s sumSpec) onBasis(fx *facts, basis extract.Basis) Verdict {
	total, ts := fx.get(s.total, basis, "")
	type got struct {
		m string
		a amount
	}
	var stated []got
	var missing, conflicts []string
	anyPart := false
	all := append(append([]string{}, s.parts...), s.optional...)
	for j, m := range all {
		a, st := s.part(fx, m, basis)
		required := j < len(s.parts) && s.minParts == 0
		switch st {
		case known:
			stated = append(stated, got{m, a})
			anyPart = true
		case conflicting:
			conflicts = append(conflicts, m)
			anyPart = true
		case absent:
			if required {
				missing = append(missing, m)
			}
		}
	}
	if ts == absent && !anyPart {
		return na("")
	}
	if !anyPart && s.optionalBreakdown {
		return na("未列出" + metricName(extract.Actual, s.total) + "的分项")
	}
	tag := basisTag(basis)
	if ts == conflicting {
		conflicts = append([]string{s.total}, conflicts...)
	}
	if len(conflicts) > 0 {
		return insufficient(tag + metricNames(conflicts) + "前后所列数值不一，无法判断")
	}
	if ts == absent {
		return insufficient(tag + "未列出" + metricName(extract.Actual, s.total))
	}
	var names []string
	var amounts []amount
	var metrics []string
	for _, g := range stated {
		names = append(names, label(g.m)+wan(g.a.v))
		amounts = append(amounts, g.a)
		metrics = append(metrics, g.m)
	}
	sum := sumAmounts(amounts...)
	diff := total.v.Sub(sum.v)
	tol := total.tol.Add(sum.tol)
	complete := len(missing) == 0 && (s.minParts == 0 || len(stated) >= s.minParts)
	ev := evidence(append(append([]*extract.Figure{}, total.figs...), sum.figs...))
	f := Finding{
		Metrics:  append([]string{s.total}, metrics...),
		Expected: decPtr(sum.v),
		Actual:   decPtr(total.v),
		Evidence: ev,
		key:      string(basis),
	}
	if diff.GreaterThan(tol) {
		f.short = amount{v: diff, tol: tol} // the parts fall short of the total
	}
	if complete {
		if diff.Abs().LessThanOrEqual(tol) {
			return passed()
		}
		f.Message = fmt.Sprintf("%s%s之和为%s，与%s%s不符，相差%s。", basisPrefix(basis), joinParts(names), wan(sum.v), label(s.total), wan(total.v), wan(diff.Abs()))
		return Verdict{Findings: []Finding{f}}
	}
	// Incomplete: the stated parts alone may already exceed the total.
	if len(stated) > 0 && sum.v.Sub(total.v).GreaterThan(tol) {
		f.Message = fmt.Sprintf("%s已列明的%s之和为%s，已超过%s%s，相差%s。", basisPrefix(basis), joinParts(names), wan(sum.v), label(s.total), wan(total.v), wan(diff.Abs()))
		return Verdict{Findings: []Finding{f}}
	}
	if len(missing) > 0 {
		return insufficient(tag + "未列出" + metricNames(missing))
	}
	return insufficient(fmt.Sprintf("%s%s只列出%d个分项，至少需要%d个", tag, metricName(extract.Actual, s.total), len(stated), s.minParts))
}

var (
	sumExpenditureSpec = sumSpec{total: "expenditure.total", parts: []string{"expenditure.basic", "expenditure.project"}}
	sumBasicSpec       = sumSpec{total: "expenditure.basic", parts: []string{"expenditure.basic.personnel", "expenditure.basic.goods_services", "expenditure.basic.household"}, optional: []string{"expenditure.basic.capital"}, optionalBreakdown: true}
	sumIncomeSpec      = sumSpec{total: "income.total", parts: []string{"income.fiscal", "income.fund", "income.other"}, minParts: 2, optionalBreakdown: true, open: incomeBreakdownOpen}
	sumThreePublicSpec = sumSpec{total: "three_public.total", parts: []string{"three_public.abroad", "three_public.reception", "three_public.vehicle"},
		derive: map[string][]string{"three_public.vehicle": {"three_public.vehicle.purchase", "three_public.vehicle.operation"}}}
	sumVehicleSpec = sumSpec{total: "three_public.vehicle", parts: []string{"three_public.vehicle.purchase", "three_public.vehicle.operation"}, optionalBreakdown: true}
)

// incomeBreakdownOpen says why income parts short of the total may be no error: the total may
// add the carry-over the report mentions without its amount, or that it states and the
// shortfall equals (收入合计 of a form that lists 上年结转 among its parts); or the breakdown
// stops before the line that closes it (其他收入: 财政拨款…、上级补助收入…、事业收入… and no
// more, as a report cut short or leaving lines out writes). "" when the breakdown is closed
// and the shortfall is an error.
func incomeBreakdownOpen(fx *facts, r *Report, basis extract.Basis, short amount) string {
	co, st := fx.get("income.carryover", basis, "")
	if st == known && short.v.Sub(co.v).Abs().LessThanOrEqual(short.tol.Add(co.tol)) {
		return "各分项加上年结转正好等于收入合计：合计含结转，不是分项漏计"
	}
	if st == absent {
		for _, c := range r.Claims {
			if c.Kind == extract.ClaimCarryover {
				return "报告提到结转结余但未列金额：收入合计可能含结转"
			}
		}
	}
	x := fx.lookup(figKey{"income.other", basis, ""})
	if x >= 0 {
		for _, f := range fx.stated(x) {
			if slices.Contains(lexicon.closing["income.total"], f.Term) {
				return ""
			}
		}
	}
	return "收入分项未列“其他收入”等收尾项：可能只列了部分来源"
}

func checkProjectItems(b *Batch, i int) Verdict {
	fx := b.facts[i]
	var vs []Verdict
	for _, basis := range bases {
		v := projectItemsOnBasis(fx, basis)
		if len(v.Findings) == 1 && v.Findings[0].short.v.IsPositive() && cutOff(&b.Reports[i], "expenditure.project", basis) {
			v = insufficient(basisTag(basis) + "原文在项目明细中途截断，明细可能未列全")
		}
		vs = append(vs, v)
	}
	return combine(vs...)
}

// cutOff reports whether the report's text stops in the middle of metric's breakdown on
// basis (an extract.ClaimCutOff): parts falling short of the total may be parts not shown.
func cutOff(r *Report, metric string, basis extract.Basis) bool {
	for _, c := range r.Claims {
		if c.Kind == extract.ClaimCutOff && c.Metric == metric && normBasis(c.Basis) == basis {
			return true
		}
	}
	return false
}

func projectItemsOnBasis(fx *facts, basis extract.Basis) Verdict {
	names := fx.items.of(basis)
	project, ps := fx.get("expenditure.project", basis, "")
	tag := basisTag(basis)
	if len(names) == 0 {
		return na("")
	}
	var items []amount
	for _, n := range names {
		a, st := fx.get("expenditure.project.item", basis, n)
		if st == conflicting {
			return insufficient(tag + "项目明细“" + n + "”前后所列数值不一，无法判断")
		}
		items = append(items, a)
	}
	switch ps {
	case absent:
		return insufficient(tag + "未列出" + metricName(extract.Actual, "expenditure.project"))
	case conflicting:
		return insufficient(tag + conflictDetail(extract.Actual, "expenditure.project"))
	}
	sum := sumAmounts(items...)
	diff := project.v.Sub(sum.v)
	tol := project.tol.Add(sum.tol)
	f := Finding{
		Metrics:  []string{"expenditure.project", "expenditure.project.item"},
		Expected: decPtr(sum.v),
		Actual:   decPtr(project.v),
		Evidence: evidence(append(append([]*extract.Figure{}, project.figs...), sum.figs...)),
		key:      string(basis),
	}
	if diff.GreaterThan(tol) {
		f.short = amount{v: diff, tol: tol} // the items fall short of the total
	}
	if len(items) == 1 {
		if sum.v.Sub(project.v).GreaterThan(tol) {
			f.Message = fmt.Sprintf("%s项目明细“%s”%s已超过项目支出%s，相差%s。", basisPrefix(basis), names[0], wan(sum.v), wan(project.v), wan(diff.Abs()))
			return Verdict{Findings: []Finding{f}}
		}
		return insufficient(tag + "只列出一个项目，不构成项目明细")
	}
	if diff.Abs().LessThanOrEqual(tol) {
		return passed()
	}
	f.Message = fmt.Sprintf("%s%d个项目明细之和为%s，与项目支出%s不符，相差%s。", basisPrefix(basis), len(items), wan(sum.v), wan(project.v), wan(diff.Abs()))
	return Verdict{Findings: []Finding{f}}
}

// ---- restatements ----

func checkRestated(b *Batch, i int) Verdict {
	fx := b.facts[i]
	checked := false
	var fs []Finding
	for x, k := range fx.keys() {
		if fx.start[x+1]-fx.start[x] < 2 {
			continue
		}
		checked = true
		if !fx.conflict[x] {
			continue
		}
		st := fx.stated(x)
		first := st[0]
		var other *extract.Figure
		for _, g := range st[1:] {
			if !agree(first, g) {
				other = g
				break
			}
		}
		if other == nil { // the first agrees with each, but two later ones disagree
			for x := 1; x < len(st) && other == nil; x++ {
				for _, g := range st[x+1:] {
					if !agree(st[x], g) {
						first, other = st[x], g
						break
					}
				}
			}
		}
		name := label(k.metric)
		if k.item != "" {
			name += "“" + k.item + "”"
		}
		fs = append(fs, Finding{
			Metrics:  []string{k.metric},
			Expected: decPtr(first.Value),
			Actual:   decPtr(other.Value),
			Message: fmt.Sprintf("%s%s先后表述为%s和%s，相差%s。", basisPrefix(k.basis), name,
				fmtValue(k.metric, first.Value), fmtValue(k.metric, other.Value), fmtValue(k.metric, first.Value.Sub(other.Value).Abs())),
			Evidence: evidence(st),
			key:      string(k.basis) + "\x00" + k.item,
		})
	}
	if len(fs) > 0 {
		return Verdict{Findings: fs}
	}
	if checked {
		return passed()
	}
	return na("没有重复表述的数据")
}

// ---- percentages ----

// claimExecution is a budget-execution claim (预算执行率 x%): Metric's actual over Of's budget.
// extract has no such kind yet; rate.budget_execution figures are checked the same way.
const claimExecution extract.ClaimKind = "execution"

var hundred = decimal.NewFromInt(100)

// pctTol is the tolerance of a percentage printed with d decimals, plus the rounding
// propagated from the amounts of the ratio num/den: 100 × (Δnum/den + num·Δden/den²).
func pctTol(d int, num, den amount) decimal.Decimal {
	if d < 0 {
		d = 0
	}
	// one unit of the last decimal printed, not half: writers round from amounts in 元 or
	// from rounded intermediate shares (45.31% for 930.28/2053.57 = 45.30%)
	t := decimal.New(1, int32(-d))
	if den.v.IsZero() {
		return t
	}
	prop := num.tol.Div(den.v.Abs()).Add(num.v.Abs().Mul(den.tol).Div(den.v.Mul(den.v)))
	return t.Add(prop.Mul(hundred))
}

// claimItem sets the Item of the findings of a claim's check: the claim's kind and metrics
// in place of its position (key, a prefix of their keys), which a resubmission may move.
func claimItem(v Verdict, c extract.Claim, key string) Verdict {
	for k := range v.Findings {
		f := &v.Findings[k]
		f.Item = string(c.Kind) + ":" + c.Metric + "/" + c.Of + strings.TrimPrefix(f.key, key)
	}
	return v
}

func pctString(p decimal.Decimal, d int) string {
	if d < 0 {
		d = 0
	}
	return p.StringFixed(int32(d)) + "%"
}

func checkPercent(b *Batch, i int) Verdict {
	fx := b.facts[i]
	r := &b.Reports[i]
	var vs []Verdict
	for ci, c := range r.Claims {
		key := fmt.Sprintf("claim%d@%s", ci, c.Location)
		switch c.Kind {
		case extract.ClaimShare:
			vs = append(vs, claimItem(checkShare(fx, c, key), c, key))
		case extract.ClaimChange:
			vs = append(vs, claimItem(checkChange(fx, c, key), c, key))
		case claimExecution:
			if c.Percent == nil {
				vs = append(vs, insufficient("执行率陈述没有百分比"))
				continue
			}
			metric := c.Metric
			if metric == "" {
				metric = "expenditure.total"
			}
			of := c.Of
			if of == "" || of == "budget" {
				of = metric
			}
			vs = append(vs, claimItem(checkExecution(fx, metric, of, *c.Percent, c.PercentDecimals, c.Raw, key), c, key))
		}
	}
	// A funds row's 执行率 is checked against its own amounts (fundsRates), not again here.
	byRow := fundsRateLocations(r)
	for _, k := range fx.keys() {
		if k.metric != "rate.budget_execution" || k.basis == extract.Prior {
			continue
		}
		a, st := fx.get(k.metric, k.basis, k.item)
		if st == conflicting {
			vs = append(vs, insufficient(conflictDetail(extract.Actual, "rate.budget_execution")))
			continue
		}
		if a.figs[0].Method == extract.MethodTable && byRow[a.figs[0].Location] {
			continue
		}
		vs = append(vs, checkExecution(fx, "expenditure.total", "expenditure.total", a.v, a.figs[0].Decimals, a.figs[0].Raw, "rate@"+a.figs[0].Location))
	}
	vs = append(vs, fundsRates(r)...)
	if len(vs) == 0 {
		return na("未陈述占比、增减幅度或执行率")
	}
	return combine(vs...)
}

func resolveFor(fx *facts, metric string, basis extract.Basis) (amount, string) {
	a, st := fx.get(metric, basis, "")
	switch st {
	case absent:
		return a, missingDetail(basis, metric)
	case conflicting:
		return a, conflictDetail(basis, metric)
	}
	return a, ""
}

func checkShare(fx *facts, c extract.Claim, key string) Verdict {
	if c.Percent == nil || c.Metric == "" || c.Of == "" {
		return insufficient("占比陈述缺少百分比或所占对象：" + trimRunes(c.Raw, 60))
	}
	basis := normBasis(c.Basis)
	num, miss1 := shareNumerator(fx, c, basis)
	den, miss2 := resolveFor(fx, c.Of, basis)
	if miss1 != "" || miss2 != "" {
		return insufficient(strings.Join(nonEmpty([]string{miss1, miss2}), "，"))
	}
	if !den.v.IsPositive() {
		return insufficient(metricName(basis, c.Of) + "为零")
	}
	computed := num.v.Div(den.v).Mul(hundred)
	tol := pctTol(c.PercentDecimals, num, den)
	if computed.Sub(*c.Percent).Abs().LessThanOrEqual(tol) {
		return passed()
	}
	return Verdict{Findings: []Finding{{
		Metrics:  []string{c.Metric, c.Of},
		Expected: decPtr(computed.Round(4)),
		Actual:   decPtr(*c.Percent),
		Message: fmt.Sprintf("%s%s%s占%s%s的%s，与报告所述%s不符。", basisPrefix(basis), label(c.Metric), wan(num.v), label(c.Of), wan(den.v),
			pctString(computed, 2), pctString(*c.Percent, c.PercentDecimals)),
		Evidence: evidence(append(num.figs, den.figs...), c.Raw),
		key:      key,
	}}}
}

// shareNumerator is the amount a share is of: the figure the sentence states right before it
// (its value is in the claim: 事业收入730.05万元，占54.78% is a share of 事业收入 alone), else the
// resolved metric.
func shareNumerator(fx *facts, c extract.Claim, basis extract.Basis) (amount, string) {
	return claimBase(fx, c, basis)
}

// claimBase is the amount a claim is about: the statement of its metric the sentence gives
// right before it (Claim.Base) — when that statement is no figure of the metric (财政拨款收入
// that adds the government funds, where 一般公共预算财政拨款收入 is the metric), the claim is
// of something else and not checked — else the metric resolved.
func claimBase(fx *facts, c extract.Claim, basis extract.Basis) (amount, string) {
	if c.Base == nil {
		return resolveFor(fx, c.Metric, basis)
	}
	if x := fx.lookup(figKey{c.Metric, basis, ""}); x >= 0 {
		for _, f := range fx.stated(x) {
			if f.Value.Equal(*c.Base) {
				return amount{v: f.Value, tol: halfUnit(f), figs: []*extract.Figure{f}}, ""
			}
		}
	}
	return amount{}, "陈述所跟的金额不是" + metricName(basis, c.Metric) + "的数据，所述比例另有所指，不作比较"
}

func checkChange(fx *facts, c extract.Claim, key string) Verdict {
	if c.Percent == nil && c.Amount == nil {
		return insufficient("增减陈述既无百分比也无金额：" + trimRunes(c.Raw, 60))
	}
	curBasis := normBasis(c.Basis)
	refBasis := extract.Prior
	if c.Of == string(extract.Budget) {
		refBasis = extract.Budget
	}
	cur, ref, derived, why := changeSides(fx, c, curBasis, refBasis)
	if why != "" {
		return insufficient(why)
	}
	var fs []Finding
	if f, ok := changeAmountFinding(c, cur, ref, refBasis, derived, key); ok {
		fs = append(fs, f)
	}
	if f, ok := changePercentFinding(c, cur, ref, refBasis, derived, key); ok {
		fs = append(fs, f)
	}
	if len(fs) > 0 {
		return Verdict{Findings: fs}
	}
	return passed()
}

// changeSides resolves the two amounts a stated change compares: this year's (the statement
// the claim follows, else the metric) and the reference (the metric's prior or budget
// figure). When the report states no reference, it follows from the stated change
// (支出116433.12元，同比增加16803.36元，增长14.43%: last year 99629.76元) — derived — and
// then the sentence alone is judged, whether or not its amount is a figure of a metric.
func changeSides(fx *facts, c extract.Claim, curBasis, refBasis extract.Basis) (cur, ref amount, derived bool, why string) {
	selfStated := c.Base != nil && c.Amount != nil && c.Percent != nil && c.Direction != 0
	var miss string
	if c.Metric != "" {
		cur, miss = claimBase(fx, c, curBasis)
	}
	if c.Metric == "" || miss != "" {
		if !selfStated {
			if miss == "" {
				miss = "增减陈述未指明所述金额：" + trimRunes(c.Raw, 60)
			}
			return cur, ref, false, miss
		}
		cur = amount{v: *c.Base, tol: c.BaseTol}
	} else {
		var rs state
		ref, rs = fx.get(c.Metric, refBasis, "")
		switch {
		case rs == conflicting:
			return cur, ref, false, conflictDetail(refBasis, c.Metric)
		case rs == known:
			return cur, ref, false, ""
		case !selfStated:
			return cur, ref, false, missingDetail(refBasis, c.Metric)
		}
	}
	dir := decimal.NewFromInt(int64(c.Direction))
	ref = amount{v: cur.v.Sub(c.Amount.Mul(dir)), tol: cur.tol.Add(c.AmountTol)}
	return cur, ref, true, ""
}

// changeAmountFinding compares a stated change amount with the two amounts stated; a derived
// reference was made from that amount, so there is nothing to compare.
func changeAmountFinding(c extract.Claim, cur, ref amount, refBasis extract.Basis, derived bool, key string) (Finding, bool) {
	if c.Amount == nil || derived {
		return Finding{}, false
	}
	delta := cur.v.Sub(ref.v)
	stated := *c.Amount
	computed := delta
	if c.Direction != 0 {
		stated = stated.Mul(decimal.NewFromInt(int64(c.Direction)))
	} else {
		computed = delta.Abs()
	}
	tol := cur.tol.Add(ref.tol).Add(decimal.Max(cur.tol, ref.tol, c.AmountTol))
	if computed.Sub(stated).Abs().LessThanOrEqual(tol) {
		return Finding{}, false
	}
	return Finding{
		Metrics: []string{c.Metric}, Expected: decPtr(computed), Actual: decPtr(stated),
		Message: fmt.Sprintf("%s由%s%s变为%s，%s%s，与报告所述%s%s不符。", changeSubject(c), refWord(refBasis), wan(ref.v), wan(cur.v),
			upDown(delta, "增加", "减少"), wan(delta.Abs()), upDown(stated, "增加", "减少"), wan(stated.Abs())),
		Evidence: evidence(append(cur.figs, ref.figs...), c.Raw), key: key + "/amount",
	}, true
}

// changePercentFinding compares a stated rate of change with the one the two amounts give,
// at the precision the rate was printed to. Against a derived reference the finding is a
// warning: the reference is not written, only implied.
func changePercentFinding(c extract.Claim, cur, ref amount, refBasis extract.Basis, derived bool, key string) (Finding, bool) {
	if c.Percent == nil || !ref.v.IsPositive() {
		return Finding{}, false
	}
	delta := amount{v: cur.v.Sub(ref.v), tol: cur.tol.Add(ref.tol)}
	if derived {
		delta = amount{v: c.Amount.Mul(decimal.NewFromInt(int64(c.Direction))), tol: c.AmountTol}
	}
	stated := *c.Percent
	computed := delta.v.Div(ref.v).Mul(hundred)
	if c.Direction != 0 {
		stated = stated.Abs().Mul(decimal.NewFromInt(int64(c.Direction)))
	} else {
		computed = computed.Abs()
	}
	if computed.Sub(stated).Abs().LessThanOrEqual(pctTol(c.PercentDecimals, delta, ref)) {
		return Finding{}, false
	}
	f := Finding{
		Metrics: []string{c.Metric}, Expected: decPtr(computed.Round(4)), Actual: decPtr(stated),
		Message: fmt.Sprintf("%s由%s%s变为%s，%s%s，与报告所述%s%s不符。", changeSubject(c), refWord(refBasis), wan(ref.v), wan(cur.v),
			upDown(delta.v, "增长", "下降"), pctString(computed.Abs(), 2), upDown(stated, "增长", "下降"), pctString(stated.Abs(), c.PercentDecimals)),
		Evidence: evidence(append(cur.figs, ref.figs...), c.Raw), key: key + "/percent",
	}
	if derived {
		f.Severity = SeverityWarning
		f.Message = fmt.Sprintf("%s%s，较%s%s%s，%s应为%s，%s%s，与报告所述%s%s不符（%s数未直接列出，由本年数与增减额推得）。",
			changeSubject(c), wan(cur.v), refWord(refBasis), upDown(delta.v, "增加", "减少"), wan(delta.v.Abs()), refWord(refBasis), wan(ref.v),
			upDown(delta.v, "增长", "下降"), pctString(computed.Abs(), 2), upDown(stated, "增长", "下降"), pctString(stated.Abs(), c.PercentDecimals), refWord(refBasis))
		if c.Metric == "" {
			f.Metrics = nil
		}
	}
	return f, true
}

// changeSubject names what a change is stated of: the metric, or the amount as the sentence
// writes it when it is no metric's.
func changeSubject(c extract.Claim) string {
	if c.Metric == "" {
		return "所述金额"
	}
	return label(c.Metric)
}

func refWord(b extract.Basis) string {
	if b == extract.Budget {
		return "预算"
	}
	return "上年"
}

func upDown(d decimal.Decimal, up, down string) string {
	if d.IsNegative() {
		return down
	}
	return up
}

func checkExecution(fx *facts, metric, of string, stated decimal.Decimal, decimals int, raw, key string) Verdict {
	num, miss1 := resolveFor(fx, metric, extract.Actual)
	den, miss2 := resolveFor(fx, of, extract.Budget)
	if miss1 != "" || miss2 != "" {
		return insufficient("预算执行率：" + strings.Join(nonEmpty([]string{miss1, miss2}), "，"))
	}
	// Execution is sometimes measured against budget plus carry-over: accept either.
	dens := []amount{den}
	if co, st := fx.get("income.carryover", extract.Actual, ""); st == known {
		dens = append(dens, sumAmounts(den, co))
	}
	var first decimal.Decimal
	for j, d := range dens {
		if !d.v.IsPositive() {
			continue
		}
		computed := num.v.Div(d.v).Mul(hundred)
		if j == 0 {
			first = computed
		}
		if computed.Sub(stated).Abs().LessThanOrEqual(pctTol(decimals, num, d)) {
			return passed()
		}
	}
	if !den.v.IsPositive() {
		return insufficient(metricName(extract.Budget, of) + "为零")
	}
	return Verdict{Findings: []Finding{{
		Metrics: []string{"rate.budget_execution", metric, of}, Expected: decPtr(first.Round(4)), Actual: decPtr(stated),
		Message:  fmt.Sprintf("%s%s为预算数%s的%s，与报告所述预算执行率%s不符。", label(metric), wan(num.v), wan(den.v), pctString(first, 2), pctString(stated, decimals)),
		Evidence: evidence(append(num.figs, den.figs...), raw),
		key:      key,
	}}}
}

// ---- staff and vehicles ----

func checkStaffSum(b *Batch, i int) Verdict {
	vs := []Verdict{staffTotals(b.facts[i])}
	for _, m := range staffWholes {
		vs = append(vs, staffItems(b.facts[i], m))
	}
	return combine(vs...)
}

// staffWholes are the counts whose breakdowns (其中：行政编制19、事业编制23) staff.sum adds up.
var staffWholes = []string{"staff.authorized", "staff.actual", "staff.in_service", "staff.retired"}

// staffItems checks that the parts a count's own breakdown lists (metric.item) do not add up
// to more than the count. Fewer is no error: 其中 may name only some of them.
func staffItems(fx *facts, metric string) Verdict {
	var items []amount
	var names []string
	for _, k := range fx.keys() {
		if k.metric != metric+".item" || k.basis != extract.Actual {
			continue
		}
		a, st := fx.get(k.metric, k.basis, k.item)
		if st != known {
			return insufficient(metricName(extract.Actual, metric) + "的分项“" + k.item + "”前后所列数值不一，无法判断")
		}
		items = append(items, a)
		if !a.v.IsZero() {
			names = append(names, k.item+a.v.String()+"人")
		}
	}
	if len(items) < 2 {
		return na("")
	}
	whole, st := fx.get(metric, extract.Actual, "")
	switch st {
	case conflicting:
		return insufficient(conflictDetail(extract.Actual, metric))
	case absent:
		return na("")
	}
	sum := sumAmounts(items...)
	if sum.v.LessThanOrEqual(whole.v) {
		return passed()
	}
	return Verdict{Findings: []Finding{{
		Metrics: []string{metric, metric + ".item"}, Expected: decPtr(sum.v), Actual: decPtr(whole.v),
		Message: fmt.Sprintf("%s%s人，其中所列%s之和为%s人，超过%s%s人。", label(metric), whole.v, joinParts(names), sum.v,
			label(metric), whole.v),
		Evidence: evidence(append(append([]*extract.Figure{}, whole.figs...), sum.figs...)),
		key:      "items/" + metric,
	}}}
}

// staffTotals checks 实有人数 = 在职 + 离退休.
func staffTotals(fx *facts) Verdict {
	act, s1 := fx.get("staff.actual", extract.Actual, "")
	ins, s2 := fx.get("staff.in_service", extract.Actual, "")
	ret, s3 := fx.get("staff.retired", extract.Actual, "")
	if s1 == absent && s2 == absent && s3 == absent {
		return na("")
	}
	var miss []string
	for _, x := range []struct {
		m  string
		st state
	}{{"staff.actual", s1}, {"staff.in_service", s2}, {"staff.retired", s3}} {
		switch x.st {
		case absent:
			miss = append(miss, missingDetail(extract.Actual, x.m))
		case conflicting:
			miss = append(miss, conflictDetail(extract.Actual, x.m))
		}
	}
	if len(miss) > 0 {
		return insufficient(strings.Join(miss, "，"))
	}
	sum := ins.v.Add(ret.v)
	// Some reports count 实有人数 as in-service staff only and list retirees beside it.
	if act.v.Equal(sum) || act.v.Equal(ins.v) {
		return passed()
	}
	return Verdict{Findings: []Finding{{
		Metrics: []string{"staff.actual", "staff.in_service", "staff.retired"}, Expected: decPtr(sum), Actual: decPtr(act.v),
		Message:  fmt.Sprintf("在职%s人与离退休%s人之和为%s人，与实有人数%s人不符。", ins.v, ret.v, sum, act.v),
		Evidence: evidence(append(append(act.figs, ins.figs...), ret.figs...)),
	}}}
}

func checkStaffOver(b *Batch, i int) Verdict {
	fx := b.facts[i]
	auth, sa := fx.get("staff.authorized", extract.Actual, "")
	ins, si := fx.get("staff.in_service", extract.Actual, "")
	act, sc := fx.get("staff.actual", extract.Actual, "")
	ret, sr := fx.get("staff.retired", extract.Actual, "")
	if sa == absent && si == absent && sc == absent {
		return na("")
	}
	if sa != known {
		if sa == conflicting {
			return insufficient(conflictDetail(extract.Actual, "staff.authorized"))
		}
		return insufficient(missingDetail(extract.Actual, "staff.authorized"))
	}
	var count amount
	var how string
	switch {
	case si == known:
		count, how = ins, "在职人数"
	case si == conflicting:
		return insufficient(conflictDetail(extract.Actual, "staff.in_service"))
	case sc == known && act.v.LessThanOrEqual(auth.v):
		return passed() // in service ≤ actual ≤ authorized
	case sc == known && sr == known:
		count = amount{v: act.v.Sub(ret.v), figs: append(append([]*extract.Figure{}, act.figs...), ret.figs...)}
		how = fmt.Sprintf("实有%s人扣除离退休%s人后的在职人数", act.v, ret.v)
	case sc == known:
		return insufficient("实有人数超过编制人数，但未列出在职人数和离退休人数，无法判断是否超编")
	default:
		return insufficient(missingDetail(extract.Actual, "staff.in_service"))
	}
	if count.v.LessThanOrEqual(auth.v) {
		return passed()
	}
	return Verdict{Findings: []Finding{{
		Metrics: []string{"staff.in_service", "staff.authorized"}, Expected: decPtr(auth.v), Actual: decPtr(count.v),
		Message:  fmt.Sprintf("%s%s人，超过编制人数%s人，超编%s人。", how, count.v, auth.v, count.v.Sub(auth.v)),
		Evidence: evidence(append(append([]*extract.Figure{}, count.figs...), auth.figs...)),
	}}}
}

func checkVehiclesOver(b *Batch, i int) Verdict {
	fx := b.facts[i]
	auth, sa := fx.get("vehicles.authorized", extract.Actual, "")
	act, sc := fx.get("vehicles.actual", extract.Actual, "")
	if sa == absent && sc == absent {
		return na("")
	}
	if sc == conflicting || sa == conflicting {
		return insufficient("车辆数前后所列数值不一，无法判断")
	}
	if sc == absent {
		return insufficient(missingDetail(extract.Actual, "vehicles.actual"))
	}
	if sa == absent {
		if act.v.IsZero() {
			return passed()
		}
		return insufficient(missingDetail(extract.Actual, "vehicles.authorized"))
	}
	if act.v.LessThanOrEqual(auth.v) {
		return passed()
	}
	return Verdict{Findings: []Finding{{
		Metrics: []string{"vehicles.actual", "vehicles.authorized"}, Expected: decPtr(auth.v), Actual: decPtr(act.v),
		Message:  fmt.Sprintf("实有车辆%s辆，超过车辆编制数%s辆，超编%s辆。", act.v, auth.v, act.v.Sub(auth.v)),
		Evidence: evidence(append(act.figs, auth.figs...)),
	}}}
}

// ---- balance ----

func checkBalance(b *Batch, i int) Verdict {
	fx := b.facts[i]
	r := &b.Reports[i]
	exp, se := fx.get("expenditure.total", extract.Actual, "")
	inc, si := fx.get("income.total", extract.Actual, "")
	co, sco := fx.get("income.carryover", extract.Actual, "")
	if se == absent && si == absent {
		return na("")
	}
	var miss []string
	for _, x := range []struct {
		m  string
		st state
	}{{"expenditure.total", se}, {"income.total", si}, {"income.carryover", sco}} {
		switch {
		case x.st == conflicting:
			miss = append(miss, conflictDetail(extract.Actual, x.m))
		case x.st == absent && x.m != "income.carryover":
			miss = append(miss, missingDetail(extract.Actual, x.m))
		}
	}
	if len(miss) > 0 {
		return insufficient(strings.Join(miss, "，"))
	}
	avail := inc
	if sco == known {
		avail = sumAmounts(inc, co)
	}
	over := exp.v.Sub(avail.v)
	if over.LessThanOrEqual(exp.tol.Add(avail.tol)) {
		return passed()
	}
	f := Finding{
		Metrics:  []string{"expenditure.total", "income.total"},
		Expected: decPtr(avail.v), Actual: decPtr(exp.v),
		Evidence: evidence(append(append([]*extract.Figure{}, exp.figs...), avail.figs...)),
	}
	if sco == known {
		f.Metrics = append(f.Metrics, "income.carryover")
		f.Message = fmt.Sprintf("支出合计%s超过收入合计%s与上年结转结余%s之和%s。", wan(exp.v), wan(inc.v), wan(co.v), wan(over))
		return Verdict{Findings: []Finding{f}}
	}
	for _, c := range r.Claims {
		if c.Kind == extract.ClaimCarryover {
			return insufficient(fmt.Sprintf("支出合计超过收入合计%s，报告提到结转结余但未列其金额", wan(over)))
		}
	}
	if titleSays(r.Title, "final") && !titleSays(r.Title, "selfeval") {
		// final accounts balance through 年初结转和结余 by construction; the forms show it
		return insufficient(fmt.Sprintf("支出合计超过收入合计%s；决算收支由年初结转和结余平衡，说明中未列结转数，不作判断", wan(over)))
	}
	f.Message = fmt.Sprintf("支出合计%s超过收入合计%s%s，且未说明上年结转结余。", wan(exp.v), wan(inc.v), wan(over))
	return Verdict{Findings: []Finding{f}}
}

// ---- disclosure and year ----

var requiredMetrics = []string{"income.total", "expenditure.total", "expenditure.basic", "expenditure.project", "three_public.total"}

// checkMissing reports the required figures a report does not state. Which are required
// follows from what its title says it is (reportkinds.tsv): a department's whole report all
// of them, a statement of the “三公” costs alone those costs, a report on one project none;
// a title that says none of these, or a text cut off in mid-sentence, is not judged.
func checkMissing(b *Batch, i int) Verdict {
	r := &b.Reports[i]
	required := requiredMetrics
	switch {
	case titleSays(r.Title, "project"):
		return na("这是单个项目的报告，不是部门整体支出报告")
	case titleSays(r.Title, "form"):
		return na("这是一张绩效自评表，所列的是资金和指标，不是收支明细")
	case titleSays(r.Title, "three_public"):
		required = []string{"three_public.total"}
	case !titleSays(r.Title, "whole"):
		return na("标题未表明是部门整体支出报告或部门决算、预算，不判断漏报")
	}
	fx := b.facts[i]
	var miss []string
	for _, m := range required {
		if !disclosed(fx, m) {
			miss = append(miss, m)
		}
	}
	if len(miss) == 0 {
		return passed()
	}
	if textCutOff(r) {
		return insufficient("原文在句中截断，未列出的数据可能在截去的部分")
	}
	for _, c := range r.Claims {
		if c.Kind == extract.ClaimAttached {
			return insufficient("报告称数据详见附表，所读文件中没有列出：" + trimRunes(c.Raw, 40))
		}
	}
	var labels []string
	for _, m := range miss {
		labels = append(labels, label(m))
	}
	return Verdict{Findings: []Finding{{
		Metrics:  miss,
		Message:  fmt.Sprintf("报告未披露%s。", strings.Join(labels, "、")),
		Evidence: trimRunes(r.Title, 300),
	}}}
}

// disclosedByParts are the metrics a report discloses when it states each of their parts:
// the “三公” costs item by item, without their sum.
var disclosedByParts = map[string][]string{
	"three_public.total": {"three_public.abroad", "three_public.reception", "three_public.vehicle"},
}

// disclosed reports whether a report states metric m (actual or budget), itself or all of
// its parts (disclosedByParts).
func disclosed(fx *facts, m string) bool {
	stated := func(m string) bool { return fx.has(m, extract.Actual) || fx.has(m, extract.Budget) }
	if stated(m) {
		return true
	}
	parts := disclosedByParts[m]
	for _, p := range parts {
		if !stated(p) {
			return false
		}
	}
	return len(parts) > 0
}

// textCutOff reports whether the report's text stops in the middle of a sentence (an
// extract.ClaimCutOff without a metric).
func textCutOff(r *Report) bool {
	for _, c := range r.Claims {
		if c.Kind == extract.ClaimCutOff && c.Metric == "" {
			return true
		}
	}
	return false
}

func checkYear(b *Batch, i int) Verdict {
	r := &b.Reports[i]
	counts := map[int]int{}
	total := 0
	var raws []*extract.Figure
	for j := range r.Figures {
		f := &r.Figures[j]
		if f.Year == 0 || normBasis(f.Basis) == extract.Prior || f.Unit == extract.UnitPerson || f.Unit == extract.UnitVehicle {
			continue // head counts are taken at a date (截至2023年12月31日) a budget for 2024 cites
		}
		counts[f.Year]++
		total++
		raws = append(raws, f)
	}
	if r.Year == 0 && total == 0 {
		return na("")
	}
	if r.Year == 0 {
		return insufficient("标题未写年度")
	}
	if total == 0 {
		return insufficient("没有数据写明所属年度")
	}
	mode, modeN := 0, 0
	years := make([]int, 0, len(counts))
	for y := range counts {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		if counts[y] > modeN {
			mode, modeN = y, counts[y]
		}
	}
	if counts[r.Year] >= modeN {
		return passed()
	}
	if 2*modeN <= total {
		return insufficient("数据所写年度不一")
	}
	var ev []*extract.Figure
	for _, f := range raws {
		if f.Year == mode && len(ev) < 3 {
			ev = append(ev, f)
		}
	}
	return Verdict{Findings: []Finding{{
		Metrics:  nil,
		Expected: decPtr(decimal.NewFromInt(int64(r.Year))), Actual: decPtr(decimal.NewFromInt(int64(mode))),
		Message:  fmt.Sprintf("报告标题年度为%d年，但%d项标注年度的数据中有%d项为%d年。", r.Year, total, modeN, mode),
		Evidence: evidence(ev, r.Title),
	}}}
}

// ---- unit slips ----

// tenThousandOff reports whether a/b is within a factor of two of 10,000 (a is ×10,000 b) —
// the signature of 元 written as 万元 or the reverse.
func tenThousandOff(a, b decimal.Decimal) bool {
	if !a.IsPositive() || !b.IsPositive() {
		return false
	}
	r, _ := a.Div(b).Float64()
	l := math.Log10(r)
	return l >= 4-math.Log10(2) && l <= 4+math.Log10(2)
}

// crossCheckMetric are the totals unit.suspect compares across years and with peers: a slip
// of the whole report shows in them, and comparing every line would repeat one finding.
var crossCheckMetric = map[string]bool{"income.total": true, "expenditure.total": true}

// otherYearSuspect decides which of two years of a department, ×10,000 apart on metric, holds
// the slip: the one far (≥100×) from the peers' median when peers are enough to judge, else
// the later report (the newer submission is the one under review).
func (b *Batch) otherYearSuspect(i, j int, metric string, vi, vj decimal.Decimal) bool {
	vals := b.peerValues(i, metric)
	if len(vals) >= b.cfg.PeerMin {
		med := medianDecimal(vals)
		return farFrom(vi, med) && !farFrom(vj, med)
	}
	return b.Reports[i].Year > b.Reports[j].Year
}

// farFrom reports whether a and b differ by a factor of 100 or more.
func farFrom(a, b decimal.Decimal) bool {
	if !a.IsPositive() || !b.IsPositive() {
		return false
	}
	r, _ := a.Div(b).Float64()
	return math.Abs(math.Log10(r)) >= 2
}

// sumRelations are the totals and parts unit.suspect compares.
var sumRelations = []sumSpec{sumExpenditureSpec, sumBasicSpec, sumIncomeSpec, sumThreePublicSpec, sumVehicleSpec}

func checkUnit(b *Batch, i int) Verdict {
	fx := b.facts[i]
	checked := false
	var fs []Finding
	seen := map[string]bool{}
	flag := func(metric string, basis extract.Basis, suspect, ref amount, message string) {
		k := metric + "\x00" + string(basis)
		if seen[k] {
			return
		}
		seen[k] = true
		fs = append(fs, Finding{
			Metrics: []string{metric}, Expected: decPtr(ref.v), Actual: decPtr(suspect.v),
			Message: message, Evidence: evidence(append(append([]*extract.Figure{}, suspect.figs...), ref.figs...)),
			key: k,
		})
	}
	for _, basis := range bases {
		for _, rel := range append(sumRelations, sumSpec{total: "expenditure.project", parts: []string{}}) {
			total, ts := fx.get(rel.total, basis, "")
			if ts != known || !total.v.IsPositive() {
				continue
			}
			var parts []amount
			var partMetrics []string
			for _, m := range append(append([]string{}, rel.parts...), rel.optional...) {
				if a, st := fx.get(m, basis, ""); st == known {
					parts = append(parts, a)
					partMetrics = append(partMetrics, m)
				}
			}
			if rel.total == "expenditure.project" {
				for _, n := range fx.items.of(basis) {
					if a, st := fx.get("expenditure.project.item", basis, n); st == known {
						parts = append(parts, a)
						partMetrics = append(partMetrics, "expenditure.project.item")
					}
				}
			}
			if len(parts) == 0 {
				continue
			}
			checked = true
			partFlagged := false
			for j, p := range parts {
				if tenThousandOff(p.v, total.v) {
					partFlagged = true
					flag(partMetrics[j], basis, p, total, fmt.Sprintf("%s%s为%s，约为%s%s的一万倍，疑为单位“元”与“万元”混用。",
						basisPrefix(basis), label(partMetrics[j]), wan(p.v), label(rel.total), wan(total.v)))
				}
			}
			sum := sumAmounts(parts...)
			if !partFlagged && (tenThousandOff(total.v, sum.v) || tenThousandOff(sum.v, total.v)) {
				flag(rel.total, basis, total, sum, fmt.Sprintf("%s%s为%s，与分项之和%s相差约一万倍，疑为单位“元”与“万元”混用。",
					basisPrefix(basis), label(rel.total), wan(total.v), wan(sum.v)))
			}
		}
	}
	// The same metric across bases (actual vs budget) and against the department's other years.
	for _, k := range fx.keys() {
		if lexicon.metricKind[k.metric] != "money" || k.basis != extract.Actual {
			continue
		}
		a, st := fx.get(k.metric, k.basis, k.item)
		if st != known {
			continue
		}
		if bud, bs := fx.get(k.metric, extract.Budget, k.item); bs == known {
			checked = true
			if tenThousandOff(a.v, bud.v) || tenThousandOff(bud.v, a.v) {
				flag(k.metric, k.basis, a, bud, fmt.Sprintf("%s决算数%s与预算数%s相差约一万倍，疑为单位“元”与“万元”混用。", label(k.metric), wan(a.v), wan(bud.v)))
			}
		}
		if !crossCheckMetric[k.metric] {
			continue
		}
		for _, j := range b.sameDepartmentOtherYears(i) {
			o, os := b.facts[j].get(k.metric, extract.Actual, "")
			if os != known {
				continue
			}
			checked = true
			if (tenThousandOff(a.v, o.v) || tenThousandOff(o.v, a.v)) && b.otherYearSuspect(i, j, k.metric, a.v, o.v) {
				flag(k.metric, k.basis, a, o, fmt.Sprintf("%s为%s，与本部门%d年的%s相差约一万倍，疑为单位“元”与“万元”混用。",
					label(k.metric), wan(a.v), b.Reports[j].Year, wan(o.v)))
			}
		}
	}
	// Against the peers' median (same region and year).
	for _, m := range []string{"income.total", "expenditure.total"} {
		a, st := fx.get(m, extract.Actual, "")
		if st != known || !a.v.IsPositive() {
			continue
		}
		vals := b.peerValues(i, m)
		if len(vals) < b.cfg.PeerMin {
			continue
		}
		checked = true
		med := medianDecimal(vals)
		if tenThousandOff(a.v, med) || tenThousandOff(med, a.v) {
			flag(m, extract.Actual, a, amount{v: med}, fmt.Sprintf("%s为%s，与同地区同年度%d个部门的中位数%s相差约一万倍，疑为单位“元”与“万元”混用。",
				label(m), wan(a.v), len(vals), wan(med)))
		}
	}
	if len(fs) > 0 {
		return Verdict{Findings: fs}
	}
	if checked {
		return passed()
	}
	return na("没有可与分项、预算、其他年度或同类单位比较的合计数")
}
