package review

import (
	"errors"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
)

// PageTablesMax is the most self-evaluation tables report.html shows: a section each, with
// its indicators and funds rows, would make the page of a large batch too heavy to open.
// The indicators sheet of anomalies.xlsx shows at most IndicatorRowsMax rows.
const (
	PageTablesMax    = 300
	IndicatorRowsMax = 50_000
)

// evalTable is one self-evaluation table of a report with the findings about it: those
// beside one of its rows (a row's score above its weight, a funds row's rate) and those
// about the table as a whole (its total, its grade).
type evalTable struct {
	rep    *Report
	ev     *extract.Evaluation
	table  []*analyze.Finding
	rows   map[int][]*analyze.Finding // by indicator
	funds  map[int][]*analyze.Finding // by funds row
	anchor string
}

// evalTables lists the self-evaluation tables of r's reports in report order, each with its
// findings.
func (r *run) evalTables() []*evalTable {
	rules := map[string]bool{}
	for _, id := range analyze.EvaluationRules {
		rules[id] = true
	}
	byReport := map[string][]*analyze.Finding{}
	for _, f := range r.findings {
		if rules[f.Rule] && f.ReportID != "" {
			byReport[f.ReportID] = append(byReport[f.ReportID], f)
		}
	}
	var out []*evalTable
	for _, rep := range r.reports {
		for k := range rep.Evaluations {
			ev := &rep.Evaluations[k]
			t := &evalTable{rep: rep, ev: ev, rows: map[int][]*analyze.Finding{}, funds: map[int][]*analyze.Finding{},
				anchor: "e" + strconv.Itoa(len(out)+1)}
			name := analyze.EvaluationName(ev)
			for _, f := range byReport[rep.ReportID] {
				if !strings.HasPrefix(f.Message, name) {
					continue
				}
				switch {
				case attach(t.rows, f, len(ev.Indicators), func(i int) string { return ev.Indicators[i].Raw }):
				case attach(t.funds, f, len(ev.Funds), func(i int) string { return ev.Funds[i].Raw }):
				default:
					t.table = append(t.table, f)
				}
			}
			out = append(out, t)
		}
	}
	return out
}

// attach puts a finding beside the row whose raw text is its evidence (the findings about
// one row quote that row alone); false when no row is.
func attach(m map[int][]*analyze.Finding, f *analyze.Finding, n int, raw func(int) string) bool {
	ev := strings.TrimSpace(f.Evidence)
	for i := range n {
		if r := strings.TrimSpace(raw(i)); r != "" && (ev == r || strings.TrimSuffix(ev, "…") != ev && strings.HasPrefix(r, strings.TrimSuffix(ev, "…"))) {
			m[i] = append(m[i], f)
			return true
		}
	}
	return false
}

// evalView is a self-evaluation table as report.html shows it.
type evalView struct {
	Anchor, Department, Year, Path, Name, ReportAnchor string
	Meta                                               []metaPart
	Findings                                           []findingView
	Funds                                              []fundsView
	Indicators                                         []indicatorView
}

type fundsView struct {
	Label, Source                       string
	Initial, Adjusted, Executed         string
	Rate, Weight, Score                 string
	InitialSort, AdjustedSort, ExecSort string
	Findings                            []findingView
}

type indicatorView struct {
	Level1, Level2, Name, Target, Actual, Weight, Score, Met, MetClass string
	Findings                                                           []findingView
}

var sourceLabel = map[string]string{extract.SourceTotal: "合计", extract.SourceFiscal: "财政拨款", extract.SourceCarryover: "上年结转", extract.SourceOther: "其他资金"}

func optText(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func wanOpt(d *decimal.Decimal) (string, string) {
	if d == nil {
		return "", ""
	}
	return wan(*d).StringFixed(2), wan(*d).String()
}

// metText is how a view writes an indicator's met: 达成, 未达成, or nothing when unknown.
func metText(m *bool) (string, string) {
	switch {
	case m == nil:
		return "", ""
	case *m:
		return "达成", "st-ok"
	}
	return "未达成", "txt-error"
}

func (r *run) findingViews(fs []*analyze.Finding) []findingView {
	var out []findingView
	for _, f := range fs {
		out = append(out, findingViewOf(r, f))
	}
	return out
}

// evalViews makes the page's sections of self-evaluation tables: the first PageTablesMax
// tables, and how many are left out.
func evalViews(r *run, tables []*evalTable, anchors map[string]int) ([]evalView, int) {
	shown := min(len(tables), PageTablesMax)
	out := make([]evalView, 0, shown)
	for _, t := range tables[:shown] {
		ev, rep := t.ev, t.rep
		v := evalView{Anchor: t.anchor, Department: rep.Department, Year: yearText(rep.Year), Path: rep.Path, Name: ev.Table}
		if v.Department == "" {
			v.Department = "（未识别部门）"
		}
		if v.Name == "" {
			v.Name = "部门整体支出绩效自评表"
		}
		if i, ok := anchors[rep.Path]; ok {
			v.ReportAnchor = anchor(i)
		}
		v.Meta = append(v.Meta, metaPart{"文件", rep.Path, "path"})
		if ev.TotalScore != nil {
			total := ev.TotalScore.String() + "分"
			if ev.TotalWeight != nil {
				total += " / " + ev.TotalWeight.String() + "分"
			}
			v.Meta = append(v.Meta, metaPart{"总分", total, ""})
		}
		if ev.Grade != "" {
			v.Meta = append(v.Meta, metaPart{"自评等级", ev.Grade, ""})
		}
		if rate, ok := executionRate(ev); ok {
			v.Meta = append(v.Meta, metaPart{"预算执行率", rate.StringFixed(2) + "%", ""})
		}
		if ev.Fragment {
			v.Meta = append(v.Meta, metaPart{"", "表头缺失，按模板列读取", "muted"})
		}
		v.Findings = r.findingViews(t.table)
		for k, f := range ev.Funds {
			fv := fundsView{Label: f.Label, Source: labelOr(sourceLabel, f.Source), Rate: optText(f.Rate), Weight: optText(f.Weight),
				Score: optText(f.Score), Findings: r.findingViews(t.funds[k])}
			if fv.Rate != "" {
				fv.Rate += "%"
			}
			fv.Initial, fv.InitialSort = wanOpt(f.Initial)
			fv.Adjusted, fv.AdjustedSort = wanOpt(f.Adjusted)
			fv.Executed, fv.ExecSort = wanOpt(f.Executed)
			v.Funds = append(v.Funds, fv)
		}
		for k, in := range ev.Indicators {
			iv := indicatorView{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target, Actual: in.Actual,
				Weight: optText(in.Weight), Score: optText(in.Score), Findings: r.findingViews(t.rows[k])}
			iv.Met, iv.MetClass = metText(in.Met)
			v.Indicators = append(v.Indicators, iv)
		}
		out = append(out, v)
	}
	return out, len(tables) - shown
}

// executionRate is a table's budget execution rate: its funds total row's stated 执行率, else
// executed ÷ budget.
func executionRate(ev *extract.Evaluation) (decimal.Decimal, bool) {
	var total *extract.FundsRow
	for k := range ev.Funds {
		if ev.Funds[k].Source == extract.SourceTotal {
			total = &ev.Funds[k]
			break
		}
	}
	if total == nil && len(ev.Funds) == 1 {
		total = &ev.Funds[0]
	}
	if total == nil {
		return decimal.Decimal{}, false
	}
	if total.Rate != nil {
		return *total.Rate, true
	}
	budget := total.Adjusted
	if budget == nil {
		budget = total.Initial
	}
	if total.Executed != nil && budget != nil && budget.IsPositive() {
		return total.Executed.Div(*budget).Mul(decimal.NewFromInt(100)), true
	}
	return decimal.Decimal{}, false
}

// scorePoint is one report's point of the chart of score against execution rate: its first
// table that states both.
type scorePoint struct {
	label, full string
	rate, score float64
	flagged     bool
}

func scorePoints(r *run, tables []*evalTable) []scorePoint {
	var out []scorePoint
	done := map[*Report]bool{}
	for _, t := range tables {
		if done[t.rep] || t.ev.TotalScore == nil {
			continue
		}
		rate, ok := executionRate(t.ev)
		if !ok {
			continue
		}
		done[t.rep] = true
		label, full := reportLabel(t.rep)
		if t.ev.Table != "" {
			full += " · " + t.ev.Table
		}
		p := scorePoint{label: label, full: full, rate: rate.InexactFloat64(), score: t.ev.TotalScore.InexactFloat64()}
		p.flagged = len(t.table) > 0 || len(t.rows) > 0 || len(t.funds) > 0
		out = append(out, p)
	}
	return out
}

// scoreRateChart: each report's self-evaluation score against its budget execution rate, one
// point per report (its first table that states both), red where the table has a finding.
func scoreRateChart(points []scorePoint) chart {
	const id, title = "chart-score-rate", "自评总分与预算执行率"
	if len(points) == 0 {
		return emptyChart(id, title, "没有自评表同时写明总分和预算执行率。")
	}
	capNote := ""
	if len(points) > maxChartRows*4 {
		capNote = "共" + strconv.Itoa(len(points)) + "份报告，只画出按部门名称排序的前" + strconv.Itoa(maxChartRows*4) + "份。"
		points = points[:maxChartRows*4]
	}
	maxRate, minScore := 100.0, 100.0
	for _, p := range points {
		maxRate = max(maxRate, p.rate)
		minScore = min(minScore, p.score)
	}
	xTicks := niceTicks(maxRate)
	xHi := xTicks[len(xTicks)-1]
	yLo := 0.0
	if minScore >= 50 {
		yLo = 50 // most scores sit between 80 and 100: the lower half of the scale says nothing
	}
	const top, height, left = 36.0, 300.0, 70.0
	x0, x1, bottom := left, chartW-30, top+height
	var w svgWriter
	w.open(bottom+axisH+8, title)
	w.legend([3]string{"c-pt", "自评表", "bar"}, [3]string{"c-pt-flag", "有问题的自评表", "bar"})
	w.axis(x0, x1, top, bottom, xTicks, 0, xHi, func(t float64) string { return trimNum(t) + "%" })
	ys := func(v float64) float64 { return bottom - (v-yLo)/(100-yLo)*(bottom-top) }
	for _, t := range []float64{yLo, yLo + (100-yLo)/2, 90, 100} {
		class := "grid"
		if t == 90 {
			class = "grid zero" // 优 from 90
		}
		w.printf(`<line class="%s" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, class, x0, ys(t), x1, ys(t))
		w.printf(`<text class="tick" x="%.1f" y="%.1f" text-anchor="end">%s分</text>`, x0-6, ys(t)+4, trimNum(t))
	}
	for _, p := range points {
		class := "c-pt"
		if p.flagged {
			class = "c-pt-flag"
		}
		y := ys(max(yLo, min(100, p.score)))
		w.printf(`<circle class="%s" cx="%.1f" cy="%.1f" r="5"><title>%s：总分%s分，预算执行率%s%%</title></circle>`,
			class, x0+p.rate/xHi*(x1-x0), y, esc(p.full), trimNum(p.score), trimNum(p.rate))
	}
	return chart{ID: id, Title: title, SVG: w.close(),
		Note: joinNotes("每个点为一份报告的第一张同时写明总分和预算执行率的自评表；横线为90分（优）。执行率按执行数÷预算数线性计分时，点应落在同一条斜线附近。", capNote)}
}

// indicatorLine is one row of the sheet of indicators: an indicator of a table, with the
// findings about it (and, on its table's first row, those about the table).
type indicatorLine struct {
	rep      *Report
	ev       *extract.Evaluation
	in       *extract.Indicator
	findings string
}

// indicatorLines lists the indicators of every table of r (at most IndicatorRowsMax), in
// report order, with the findings beside each worded "规则：说明".
func indicatorLines(r *run) []indicatorLine {
	var out []indicatorLine
	word := func(fs []*analyze.Finding) []string {
		var s []string
		for _, f := range fs {
			s = append(s, labelOr(severityLabel, f.Severity)+" "+f.Rule+"："+f.Message)
		}
		return s
	}
	for _, t := range r.evalTables() {
		for k := range t.ev.Indicators {
			if len(out) == IndicatorRowsMax {
				return out
			}
			notes := word(t.rows[k])
			if k == 0 {
				notes = append(word(t.table), notes...)
				for _, fs := range t.funds {
					notes = append(notes, word(fs)...)
				}
			}
			out = append(out, indicatorLine{rep: t.rep, ev: t.ev, in: &t.ev.Indicators[k], findings: strings.Join(notes, "\n")})
		}
	}
	return out
}

// indicatorColumns are the columns of 绩效指标.
var indicatorColumns = []column{
	{header: "部门"}, {header: "年度"}, {header: "文件", wide: true}, {header: "项目", wide: true}, {header: "一级指标"},
	{header: "二级指标"}, {header: "三级指标", wide: true}, {header: "年度指标值"}, {header: "实际完成值"}, {header: "分值"},
	{header: "得分"}, {header: "是否达成"}, {header: "问题", wide: true}, {header: "位置"},
}

// indicatorCells makes the rows of 绩效指标.
func indicatorCells(st *styles, lines []indicatorLine) rowFunc {
	return func(i int, row []xcell) ([]xcell, error) {
		l := lines[i]
		w, err1 := st.numCell(kindPoint, l.in.Weight)
		s, err2 := st.numCell(kindPoint, l.in.Score)
		if err1 != nil || err2 != nil {
			return nil, errors.Join(err1, err2)
		}
		met, _ := metText(l.in.Met)
		table := l.ev.Table
		if table == "" {
			table = "部门整体"
		}
		return append(row, st.textCell(l.rep.Department, false), st.yearCell(l.rep.Year), st.textCell(l.rep.Path, true),
			st.textCell(table, true), st.textCell(l.in.Level1, false), st.textCell(l.in.Level2, false), st.textCell(l.in.Name, true),
			st.textCell(l.in.Target, false), st.textCell(l.in.Actual, false), w, s, st.textCell(met, false),
			st.textCell(l.findings, true), st.textCell(l.in.Location, false)), nil
	}
}
