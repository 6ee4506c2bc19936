package analyze

import (
	"fmt"
	"strings"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// The checks of a report's self-evaluation tables (绩效自评表): do the self-given scores add
// up, stay within their weights, follow from the execution rate, match the grade; do the
// funds rows add up and their rates follow from their amounts; was the table filled in.

// halfOf is half a unit of the last of d decimals: 0.5 for 0, 0.05 for 1.
func halfOf(d int) decimal.Decimal {
	if d < 0 {
		d = 0
	}
	return decimal.New(5, int32(-(d + 1)))
}

// pts formats points for a message: 9.5分.
func pts(v decimal.Decimal) string { return v.String() + "分" }

// EvaluationName is how the findings' messages name a self-evaluation table, at their start:
// “农村公路养护经费”自评表, or 部门整体自评表. The views find a table's findings by it.
func EvaluationName(ev *extract.Evaluation) string { return tableName(ev) }

// EvaluationRules are the rules whose findings concern a report's self-evaluation tables:
// the score checks, sum.funds, indicator.blank, and percent.mismatch for a funds row's rate.
var EvaluationRules = []string{"score.sum", "score.over_weight", "score.unmet_full", "score.grade", "score.execution",
	"sum.funds", "indicator.blank", "percent.mismatch"}

// tableName names a self-evaluation table in a message: “农村公路养护经费”自评表, or 部门整体自评表.
func tableName(ev *extract.Evaluation) string {
	if ev.Table != "" {
		return "“" + ev.Table + "”自评表"
	}
	return "部门整体自评表"
}

// evalKey identifies a finding within a report: its table and what in it.
func evalKey(ev *extract.Evaluation, what string) string {
	return fmt.Sprintf("t%d|%s|%s", ev.No, ev.Table, what)
}

// scoreMetric is the metric of a table's total score in findings.
var scoreMetrics = []string{"score.self_evaluation"}

// executionRow is the row that scores a table's budget execution: its funds total row when it
// states a weight or a score, else an indicator named 预算执行率.
type executionRow struct {
	weight, score    *decimal.Decimal
	wDec, sDec       int
	raw              string
	fromIndicators   bool
	indicator        int // when fromIndicators
	rate             *decimal.Decimal
	rateDec          int
	executed, budget *decimal.Decimal
	amountTol        decimal.Decimal
}

// executionOf finds how a table scores budget execution, and the rate it scores.
func executionOf(ev *extract.Evaluation) (executionRow, bool) {
	var x executionRow
	total := totalRow(ev)
	if total != nil {
		x.rate, x.rateDec = total.Rate, total.RateDecimals
		x.executed = total.Executed
		x.budget = total.Adjusted
		if x.budget == nil {
			x.budget = total.Initial
		}
		x.amountTol = amountTol(total)
	}
	if total != nil && (total.Weight != nil || total.Score != nil) {
		x.weight, x.score, x.wDec, x.sDec, x.raw = total.Weight, total.Score, total.WeightDecimals, total.ScoreDecimals, total.Raw
		return x, true
	}
	for k, in := range ev.Indicators {
		if isExecutionIndicator(in.Name) {
			x.weight, x.score, x.wDec, x.sDec, x.raw = in.Weight, in.Score, in.WeightDecimals, in.ScoreDecimals, in.Raw
			x.fromIndicators, x.indicator = true, k
			return x, true
		}
	}
	return x, false
}

// isExecutionIndicator reports whether an indicator scores budget execution (预算执行率).
func isExecutionIndicator(name string) bool {
	n := strings.TrimSpace(name)
	return strings.HasSuffix(n, "预算执行率") || strings.HasSuffix(n, "资金执行率") || n == "执行率"
}

// totalRow is a table's 年度资金总额 row (or its only funds row), nil when none.
func totalRow(ev *extract.Evaluation) *extract.FundsRow {
	for k := range ev.Funds {
		if ev.Funds[k].Source == extract.SourceTotal {
			return &ev.Funds[k]
		}
	}
	if len(ev.Funds) == 1 {
		return &ev.Funds[0]
	}
	return nil
}

// amountTol is the rounding a funds row's amounts carry: half a unit of their last decimal
// in the unit they were written in (万元 with two decimals: 50 元).
func amountTol(f *extract.FundsRow) decimal.Decimal {
	scale, ok := unitScale(f.UnitText)
	if !ok {
		scale = tenThousand
	}
	return halfOf(f.Decimals).Mul(scale)
}

// evalVerdicts runs fn on every self-evaluation table of report i and combines the verdicts;
// none gives not_applicable.
func evalVerdicts(b *Batch, i int, fn func(ev *extract.Evaluation) Verdict) Verdict {
	r := &b.Reports[i]
	if len(r.Evaluations) == 0 {
		return na("报告中没有绩效自评表")
	}
	var vs []Verdict
	for k := range r.Evaluations {
		vs = append(vs, fn(&r.Evaluations[k]))
	}
	return combine(vs...)
}

// ---- score.sum ----

func checkScoreSum(b *Batch, i int) Verdict {
	return evalVerdicts(b, i, scoreSum)
}

// scoreSum checks a table's scores against its 总分 and its weights against the total weight.
func scoreSum(ev *extract.Evaluation) Verdict {
	if ev.TotalScore == nil && ev.TotalWeight == nil {
		return na(tableName(ev) + "未写总分")
	}
	if ev.Fragment {
		return insufficient(tableName(ev) + "的指标行读取时缺少表头，表格可能不完整")
	}
	if len(ev.Indicators) == 0 {
		return insufficient(tableName(ev) + "写了总分，但没有读到指标行")
	}
	x, hasX := executionOf(ev)
	type part struct {
		v   *decimal.Decimal
		dec int
		raw string
	}
	var weights, scores []part
	for k, in := range ev.Indicators {
		if hasX && x.fromIndicators && x.indicator == k {
			continue // added below as the execution row
		}
		weights = append(weights, part{in.Weight, in.WeightDecimals, in.Raw})
		scores = append(scores, part{in.Score, in.ScoreDecimals, in.Raw})
	}
	if hasX {
		weights = append(weights, part{x.weight, x.wDec, x.raw})
		scores = append(scores, part{x.score, x.sDec, x.raw})
	}
	var vs []Verdict
	check := func(kind string, parts []part, total *decimal.Decimal, totalDec int, exact bool) Verdict {
		if total == nil {
			return na(map[string]string{"score": "未写总分", "weight": "未写总分值"}[kind])
		}
		sum, tol, blank := decimal.Zero, halfOf(totalDec), 0
		var blankWeights decimal.Decimal
		blankWeightsKnown := true
		for k, p := range parts {
			if p.v == nil {
				blank++
				if kind == "score" && weights[k].v != nil {
					blankWeights = blankWeights.Add(*weights[k].v)
				} else {
					blankWeightsKnown = false
				}
				continue
			}
			sum = sum.Add(*p.v)
			if !exact && p.dec > 0 {
				tol = tol.Add(halfOf(p.dec)) // a score with decimals may be rounded
			}
		}
		name := map[string]string{"score": "得分", "weight": "分值"}[kind]
		flag := func(expected decimal.Decimal, msg string) Verdict {
			return Verdict{Findings: []Finding{{
				Metrics: scoreMetrics, Expected: decPtr(expected), Actual: decPtr(*total),
				Message:  msg,
				Evidence: joinEvidence([]string{ev.Raw, trimRunes(joinRaws(parts, func(p part) string { return p.raw }), 280)}),
				key:      evalKey(ev, "sum|"+kind),
			}}}
		}
		totalName := map[string]string{"score": "总分", "weight": "总分值"}[kind]
		switch {
		case blank == 0 && sum.Sub(*total).Abs().GreaterThan(tol):
			with := ""
			if hasX {
				with = "（含预算执行）"
			}
			return flag(sum, fmt.Sprintf("%s%d项指标%s%s合计%s，与表中%s%s不符，相差%s。",
				tableName(ev), len(parts), name, with, pts(sum), totalName, pts(*total), pts(sum.Sub(*total).Abs())))
		case blank == 0:
			return passed()
		case sum.Sub(*total).GreaterThan(tol):
			return flag(sum, fmt.Sprintf("%s已填写的%d项指标%s合计%s，已超过表中%s%s。",
				tableName(ev), len(parts)-blank, name, pts(sum), totalName, pts(*total)))
		case kind == "score" && blankWeightsKnown && sum.Add(blankWeights).Add(tol).LessThan(*total):
			return flag(sum.Add(blankWeights), fmt.Sprintf("%s各项指标得分合计%s，未填得分的%d项即便按满分%s计也只有%s，低于表中总分%s。",
				tableName(ev), pts(sum), blank, pts(blankWeights), pts(sum.Add(blankWeights)), pts(*total)))
		case kind == "score" && !blankWeightsKnown:
			// rows without a weight: together they weigh at most what the stated weights leave
			// of the table's 总分值 (100 when the table does not state it)
			full, known := decimal.NewFromInt(100), decimal.Zero
			if ev.TotalWeight != nil {
				full = *ev.TotalWeight
			}
			for _, w := range weights {
				if w.v != nil {
					known = known.Add(*w.v)
				}
			}
			rest := full.Sub(known)
			for k, p := range parts {
				if p.v == nil && weights[k].v != nil {
					rest = rest.Add(*weights[k].v)
				}
			}
			if !rest.IsNegative() && sum.Add(rest).Add(tol).LessThan(*total) {
				return flag(sum.Add(rest), fmt.Sprintf("%s各项指标得分合计%s，未填得分的%d项按总分值%s余下的%s计也只有%s，低于表中总分%s。",
					tableName(ev), pts(sum), blank, pts(full), pts(rest), pts(sum.Add(rest)), pts(*total)))
			}
		}
		return insufficient(fmt.Sprintf("%s的%d项指标中有%d项未填%s，无法判断", tableName(ev), len(parts), blank, name))
	}
	vs = append(vs, check("score", scores, ev.TotalScore, ev.TotalDecimals, false))
	wDec := 0
	if ev.TotalWeight != nil {
		wDec = decimalsOf(*ev.TotalWeight)
	}
	vs = append(vs, check("weight", weights, ev.TotalWeight, wDec, true))
	return combine(vs...)
}

// decimalsOf is how many decimals a number has as it stands.
func decimalsOf(d decimal.Decimal) int {
	if e := d.Exponent(); e < 0 {
		return int(-e)
	}
	return 0
}

func joinRaws[T any](xs []T, f func(T) string) string {
	var out []string
	for _, x := range xs {
		if s := strings.TrimSpace(f(x)); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "；")
}

// ---- score.over_weight ----

func checkOverWeight(b *Batch, i int) Verdict {
	return evalVerdicts(b, i, func(ev *extract.Evaluation) Verdict {
		var fs []Finding
		pairs := 0
		for _, in := range ev.Indicators {
			if in.Weight == nil || in.Score == nil || in.Cut {
				continue // a value cut out of run-together numbers is a guess
			}
			pairs++
			if in.Score.GreaterThan(*in.Weight) {
				fs = append(fs, Finding{
					Metrics: scoreMetrics, Expected: decPtr(*in.Weight), Actual: decPtr(*in.Score),
					Message:  fmt.Sprintf("%s指标“%s”得分%s，超过其分值%s。", tableName(ev), in.Name, pts(*in.Score), pts(*in.Weight)),
					Evidence: joinEvidence([]string{in.Raw}), key: evalKey(ev, "over|"+in.Location+"|"+in.Name),
				})
			}
		}
		if t := totalRow(ev); t != nil && t.Weight != nil && t.Score != nil {
			pairs++
			if t.Score.GreaterThan(*t.Weight) {
				fs = append(fs, Finding{
					Metrics: []string{"rate.budget_execution", "score.self_evaluation"}, Expected: decPtr(*t.Weight), Actual: decPtr(*t.Score),
					Message:  fmt.Sprintf("%s预算执行率得分%s，超过其分值%s。", tableName(ev), pts(*t.Score), pts(*t.Weight)),
					Evidence: joinEvidence([]string{t.Raw}), key: evalKey(ev, "over|funds|"+t.Location),
				})
			}
		}
		if pairs == 0 {
			return na(tableName(ev) + "没有同时写明分值和得分的指标")
		}
		if len(fs) == 0 {
			return passed()
		}
		return Verdict{Findings: fs}
	})
}

// ---- score.unmet_full ----

func checkUnmetFull(b *Batch, i int) Verdict {
	return evalVerdicts(b, i, func(ev *extract.Evaluation) Verdict {
		var fs []Finding
		judged := 0
		for _, in := range ev.Indicators {
			if in.Met == nil || in.Weight == nil || in.Score == nil || in.Cut {
				continue
			}
			judged++
			if !*in.Met && in.Weight.IsPositive() && in.Score.GreaterThanOrEqual(*in.Weight) {
				fs = append(fs, Finding{
					Metrics: scoreMetrics, Expected: nil, Actual: decPtr(*in.Score),
					Message: fmt.Sprintf("%s指标“%s”目标%s、实际完成%s，未达到目标，却得满分%s。", tableName(ev), in.Name,
						orDash(in.Target), orDash(in.Actual), pts(*in.Score)),
					Evidence: joinEvidence([]string{in.Raw}), key: evalKey(ev, "unmet|"+in.Location+"|"+in.Name),
				})
			}
		}
		if judged == 0 {
			return na(tableName(ev) + "没有目标值、实际值、分值和得分都可比较的指标")
		}
		if len(fs) == 0 {
			return passed()
		}
		return Verdict{Findings: fs}
	})
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// ---- score.grade ----

// gradeOf is the grade SPEC gives a total score: 优 ≥ 90, 良 80 to under 90, 中 60 to under 80,
// 差 under 60.
func gradeOf(score decimal.Decimal) string {
	switch {
	case score.GreaterThanOrEqual(decimal.NewFromInt(90)):
		return "优"
	case score.GreaterThanOrEqual(decimal.NewFromInt(80)):
		return "良"
	case score.GreaterThanOrEqual(decimal.NewFromInt(60)):
		return "中"
	}
	return "差"
}

func checkGrade(b *Batch, i int) Verdict {
	r := &b.Reports[i]
	var vs []Verdict
	tableGrade := false
	for k := range r.Evaluations {
		ev := &r.Evaluations[k]
		if ev.Grade == "" {
			continue
		}
		tableGrade = true
		if ev.TotalScore == nil {
			vs = append(vs, insufficient(tableName(ev)+"写了等级，但未写总分"))
			continue
		}
		vs = append(vs, gradeVerdict(*ev.TotalScore, ev.Grade, tableName(ev), ev.Raw, evalKey(ev, "grade")))
	}
	if !tableGrade && r.Grade != "" {
		a, st := b.facts[i].get("score.self_evaluation", extract.Actual, "")
		switch st {
		case known:
			vs = append(vs, gradeVerdict(a.v, r.Grade, "报告", evidence(a.figs), "report|grade"))
		case conflicting:
			vs = append(vs, insufficient("自评总分前后写法不一致"))
		default:
			vs = append(vs, insufficient("写了自评等级，但未写总分"))
		}
	}
	if len(vs) == 0 {
		return na("未写自评等级")
	}
	return combine(vs...)
}

func gradeVerdict(score decimal.Decimal, grade, where, raw, key string) Verdict {
	want := gradeOf(score)
	if want == grade {
		return passed()
	}
	return Verdict{Findings: []Finding{{
		Metrics: scoreMetrics, Actual: decPtr(score),
		Message: fmt.Sprintf("%s自评得分%s，按优≥90分、良80至90分、中60至80分、差60分以下应为“%s”，却写“%s”。",
			where, pts(score), want, grade),
		Evidence: joinEvidence([]string{raw}), key: key,
	}}}
}

// ---- score.execution ----

// bandedFull is the rate from which a table that gives full marks scores in bands: a full
// execution score at a rate of 90 % or more is the usual band, not a linear score.
var bandedFull = decimal.NewFromInt(90)

func checkExecutionScore(b *Batch, i int) Verdict {
	return evalVerdicts(b, i, executionScore)
}

// executionScore checks a table's budget-execution score against 执行率 × its weight.
func executionScore(ev *extract.Evaluation) Verdict {
	x, ok := executionOf(ev)
	if !ok || x.score == nil {
		return na(tableName(ev) + "未写预算执行得分")
	}
	if x.weight == nil {
		return insufficient(tableName(ev) + "的预算执行得分未写分值")
	}
	if ev.ExecutionScoring == extract.ExecutionBanded {
		return passed() // the table says it scores in bands: 执行率 × 分值 does not apply
	}
	// the rate: from the amounts when the row states them (more exact), else as stated
	var rate decimal.Decimal
	rateTol := decimal.Zero
	switch {
	case x.executed != nil && x.budget != nil && x.budget.IsPositive():
		rate = x.executed.Div(*x.budget).Mul(hundred)
		rateTol = x.amountTol.Div(*x.budget).Add(x.executed.Mul(x.amountTol).Div(x.budget.Mul(*x.budget))).Mul(hundred)
	case x.rate != nil:
		rate, rateTol = *x.rate, halfOf(x.rateDec)
	default:
		return insufficient(tableName(ev) + "的预算执行得分未写执行率或金额")
	}
	w := *x.weight
	expected := rate.Div(hundred).Mul(w)
	if expected.GreaterThan(w) {
		expected = w // 最高不得超过分值上限
	}
	tol := halfOf(x.sDec).Add(rateTol.Div(hundred).Mul(w))
	if x.score.Sub(expected).Abs().LessThanOrEqual(tol) {
		return passed()
	}
	if x.score.Equal(w) && rate.GreaterThanOrEqual(bandedFull) && ev.ExecutionScoring != extract.ExecutionLinear {
		return passed() // full marks above 90 %: scored in bands
	}
	return Verdict{Findings: []Finding{{
		Metrics: []string{"rate.budget_execution", "score.self_evaluation"}, Expected: decPtr(expected.Round(4)), Actual: decPtr(*x.score),
		Message: fmt.Sprintf("%s预算执行率%s，按执行率×分值%s应得%s，表中得分%s。", tableName(ev), pctString(rate, 2), pts(w),
			pts(expected.Round(2)), pts(*x.score)),
		Evidence: joinEvidence([]string{x.raw}), key: evalKey(ev, "execution"),
	}}}
}

// ---- sum.funds ----

func checkSumFunds(b *Batch, i int) Verdict {
	return evalVerdicts(b, i, sumFunds)
}

// fundsColumns names the amount columns of a funds block.
var fundsColumns = []string{"年初预算数", "全年预算数", "全年执行数"}

func fundsAmount(f *extract.FundsRow, c int) *decimal.Decimal {
	switch c {
	case 0:
		return f.Initial
	case 1:
		return f.Adjusted
	}
	return f.Executed
}

// sumFunds checks each total row of a table's funds block against the source rows under it
// (up to the next total row), column by column.
func sumFunds(ev *extract.Evaluation) Verdict {
	metric := "expenditure.project.item"
	if ev.Scope == extract.ScopeDepartment {
		metric = "expenditure.total"
	}
	var vs []Verdict
	for k := 0; k < len(ev.Funds); k++ {
		t := &ev.Funds[k]
		if t.Source != extract.SourceTotal {
			continue
		}
		end := k + 1
		for end < len(ev.Funds) && ev.Funds[end].Source != extract.SourceTotal {
			end++
		}
		parts := ev.Funds[k+1 : end]
		if guessed(t, parts) {
			vs = append(vs, insufficient(tableName(ev)+"的资金数额在文本中连在一起，拆分只是推测"))
			continue
		}
		for c := range fundsColumns {
			tv := fundsAmount(t, c)
			sum, stated := decimal.Zero, 0
			tol := amountTol(t)
			var raws []string
			for p := range parts {
				if v := fundsAmount(&parts[p], c); v != nil {
					sum = sum.Add(*v)
					stated++
					tol = tol.Add(amountTol(&parts[p]))
					raws = append(raws, parts[p].Raw)
				}
			}
			if stated == 0 {
				continue
			}
			if tv == nil {
				vs = append(vs, insufficient(fmt.Sprintf("%s资金总额行的%s空白", tableName(ev), fundsColumns[c])))
				continue
			}
			if sum.Sub(*tv).Abs().LessThanOrEqual(tol) {
				vs = append(vs, passed())
				continue
			}
			vs = append(vs, Verdict{Findings: []Finding{{
				Metrics: []string{metric}, Expected: decPtr(sum), Actual: decPtr(*tv),
				Message: fmt.Sprintf("%s资金情况中，%s“%s”为%s，其下各资金来源之和为%s，相差%s。", tableName(ev), fundsColumns[c],
					blockLabel(t), wan(*tv), wan(sum), wan(sum.Sub(*tv).Abs())),
				Evidence: joinEvidence(append([]string{t.Raw}, raws...)),
				key:      evalKey(ev, fmt.Sprintf("funds|%s|%d", t.Location, c)),
			}}})
		}
	}
	if len(vs) == 0 {
		return na(tableName(ev) + "没有列出资金总额及其来源")
	}
	return combine(vs...)
}

// guessed reports whether a funds total or a row under it was cut out of numbers run together.
func guessed(t *extract.FundsRow, parts []extract.FundsRow) bool {
	if t.Cut {
		return true
	}
	for _, p := range parts {
		if p.Cut {
			return true
		}
	}
	return false
}

// ---- indicator.blank ----

func checkBlankIndicators(b *Batch, i int) Verdict {
	return evalVerdicts(b, i, func(ev *extract.Evaluation) Verdict {
		if len(ev.Indicators) < 2 {
			return na(tableName(ev) + "的指标行不足两行")
		}
		if ev.Fragment {
			return insufficient(tableName(ev) + "的指标行读取时缺少表头，表格可能不完整")
		}
		for _, in := range ev.Indicators {
			if strings.TrimSpace(in.Actual) != "" || in.Score != nil {
				return passed()
			}
		}
		return Verdict{Findings: []Finding{{
			Metrics:  scoreMetrics,
			Message:  fmt.Sprintf("%s的%d项绩效指标均未填写实际完成值和得分，疑为未填写的模板。", tableName(ev), len(ev.Indicators)),
			Evidence: joinEvidence([]string{trimRunes(joinRaws(ev.Indicators, func(in extract.Indicator) string { return in.Raw }), 280)}),
			key:      evalKey(ev, "blank"),
		}}}
	})
}

// ---- percent.mismatch: the funds rows' 执行率 ----

// fundsRates checks each funds row's stated 执行率 against executed ÷ budget (the 全年预算数,
// also accepted against the 年初预算数).
func fundsRates(r *Report) []Verdict {
	var vs []Verdict
	for e := range r.Evaluations {
		ev := &r.Evaluations[e]
		for k := range ev.Funds {
			f := &ev.Funds[k]
			if f.Rate == nil || f.Executed == nil || f.Adjusted == nil && f.Initial == nil || f.Cut {
				continue // a cut out of run-together numbers was chosen to agree with the rate
			}
			tol := amountTol(f)
			num := amount{v: *f.Executed, tol: tol}
			var first decimal.Decimal
			ok, tried := false, false
			for _, base := range []*decimal.Decimal{f.Adjusted, f.Initial} {
				if base == nil || !base.IsPositive() {
					continue
				}
				den := amount{v: *base, tol: tol}
				computed := num.v.Div(den.v).Mul(hundred)
				if !tried {
					first, tried = computed, true
				}
				if computed.Sub(*f.Rate).Abs().LessThanOrEqual(pctTol(f.RateDecimals, num, den)) {
					ok = true
					break
				}
			}
			switch {
			case !tried:
				continue // 0 of a budget of 0
			case ok:
				vs = append(vs, passed())
			default:
				vs = append(vs, Verdict{Findings: []Finding{{
					Metrics: []string{"rate.budget_execution"}, Expected: decPtr(first.Round(4)), Actual: decPtr(*f.Rate),
					Message: fmt.Sprintf("%s资金情况“%s”行：执行数%s为预算数%s的%s，表中执行率填%s。", tableName(ev), f.Label,
						wan(*f.Executed), wan(budgetOf(f)), pctString(first, 2), pctString(*f.Rate, f.RateDecimals)),
					Evidence: joinEvidence([]string{f.Raw}), key: evalKey(ev, "rate|"+f.Location+"|"+f.Label),
				}}})
			}
		}
	}
	return vs
}

func budgetOf(f *extract.FundsRow) decimal.Decimal {
	if f.Adjusted != nil && f.Adjusted.IsPositive() {
		return *f.Adjusted
	}
	return *f.Initial
}

// fundsRateLocations are the locations of funds rows whose rate fundsRates checks: their
// rate.budget_execution figures are not checked again against expenditure.total.
func fundsRateLocations(r *Report) map[string]bool {
	m := map[string]bool{}
	for e := range r.Evaluations {
		for _, f := range r.Evaluations[e].Funds {
			if f.Rate != nil {
				m[f.Location] = true
			}
		}
	}
	return m
}

// blockLabel is a funds row's label, after its sub-block's title when it has one.
func blockLabel(f *extract.FundsRow) string {
	if f.Block != "" {
		return f.Block + "：" + f.Label
	}
	return f.Label
}
