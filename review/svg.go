package review

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"sort"
	"strings"

	"github.com/jixiao/jixiao/analyze"
	"github.com/shopspring/decimal"
)

// Chart geometry (SVG user units; the SVG scales to the page width).
const (
	chartW     = 880.0
	labelW     = 220.0 // row labels, right-aligned at labelW-8
	valueW     = 80.0  // room right of the plot for value labels
	chartTop   = 36.0  // legend
	axisH      = 22.0  // tick labels below the plot
	labelWidth = 32    // display units (CJK = 2) of a row label; longer ones are cut with …
)

// buildCharts draws the four charts of the page from the reports' resolved values.
func buildCharts(r *run) []chart {
	var ok []*Report
	for _, rep := range r.reports {
		if rep.Status != StatusFailed {
			ok = append(ok, rep)
		}
	}
	return []chart{
		incomeSpendingChart(ok),
		splitChart(ok),
		threePublicChart(ok),
		yoyChart(ok),
	}
}

// svgWriter accumulates SVG markup. Every text that comes from a report goes through esc.
type svgWriter struct{ b strings.Builder }

func (w *svgWriter) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

func esc(s string) string { return html.EscapeString(s) }

// open starts an SVG of the given height with an accessible title.
func (w *svgWriter) open(height float64, title string) {
	w.printf(`<svg class="chart" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s">`,
		chartW, height, chartW, height, esc(title))
}

func (w *svgWriter) close() template.HTML {
	w.b.WriteString(`</svg>`)
	return template.HTML(w.b.String()) // built from escaped text only
}

// legend draws swatches with their labels left to right; kind "bar" or "line".
func (w *svgWriter) legend(items ...[3]string) {
	x := labelW
	for _, it := range items {
		class, label, kind := it[0], it[1], it[2]
		if kind == "line" {
			w.printf(`<line class="%s" x1="%.1f" y1="8" x2="%.1f" y2="22"/>`, class, x+5, x+5)
		} else {
			w.printf(`<rect class="%s" x="%.1f" y="9" width="12" height="12" rx="2"/>`, class, x)
		}
		w.printf(`<text class="legend" x="%.1f" y="19">%s</text>`, x+18, esc(label))
		x += 18 + float64(textWidth(label))*6.5 + 24
	}
}

// rowLabel draws a right-aligned label with the full text as tooltip.
func (w *svgWriter) rowLabel(y float64, label, full, class string) {
	w.printf(`<text class="%s" x="%.1f" y="%.1f" text-anchor="end"><title>%s</title>%s</text>`,
		class, labelW-8, y, esc(full), esc(label))
}

// axis draws vertical grid lines with tick labels below the plot.
func (w *svgWriter) axis(x0, x1, top, bottom float64, ticks []float64, lo, hi float64, format func(float64) string) {
	for _, t := range ticks {
		x := x0 + (t-lo)/(hi-lo)*(x1-x0)
		class := "grid"
		if t == 0 {
			class = "grid zero"
		}
		w.printf(`<line class="%s" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, class, x, top, x, bottom)
		w.printf(`<text class="tick" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x, bottom+15, esc(format(t)))
	}
}

// niceTicks returns round tick values from 0 to at least max, about four steps.
func niceTicks(max float64) []float64 {
	if !(max > 0) || math.IsInf(max, 0) {
		max = 1
	}
	raw := max / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			step = m * mag
			break
		}
	}
	var ticks []float64
	for i := 0; ; i++ {
		t := float64(i) * step
		ticks = append(ticks, t)
		if t >= max-1e-9 {
			break
		}
	}
	return ticks
}

func trimNum(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// reportLabel is "隆回县科学技术协会 2024", the name shortened with … so that the label fits
// the label column; the full label is its tooltip.
func reportLabel(rep *Report) (label, full string) {
	name := rep.Department
	if name == "" {
		name = rep.Path
	}
	year := ""
	if rep.Year > 0 {
		year = fmt.Sprintf(" %d", rep.Year)
	}
	return shorten(name, labelWidth-textWidth(year)) + year, name + year
}

// shorten cuts s to at most width display units (CJK counting 2), ending it with … when cut.
func shorten(s string, width int) string {
	if textWidth(s) <= width {
		return s
	}
	w := 0
	for i, r := range s {
		if w+runeWidth(r)+2 > width {
			return s[:i] + "…"
		}
		w += runeWidth(r)
	}
	return s
}

func value(rep *Report, metric string) (decimal.Decimal, bool) {
	v, ok := rep.Values[metric]
	return v, ok
}

// maxChartRows bounds a chart's rows (or year-over-year blocks): a chart of thousands of
// bars says nothing, and the page must stay light enough to open.
const maxChartRows = 300

// capRows returns n capped at maxChartRows and a note saying what was left out.
func capRows(n int) (int, string) {
	if n <= maxChartRows {
		return n, ""
	}
	return maxChartRows, fmt.Sprintf("共%d项，只显示按部门名称排序的前%d项。", n, maxChartRows)
}

// joinNotes joins the non-empty notes.
func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "")
}

func emptyChart(id, title, note string) chart {
	return chart{ID: id, Title: title, Note: note}
}

// incomeSpendingChart: per report, 收入合计 and 支出合计 as two bars (万元).
func incomeSpendingChart(reps []*Report) chart {
	const id, title = "chart-income", "收入与支出（万元）"
	type row struct {
		label, full      string
		inc, exp         decimal.Decimal
		hasInc, hasSpend bool
	}
	var rows []row
	max := 0.0
	for _, rep := range reps {
		inc, a := value(rep, "income.total")
		exp, b := value(rep, "expenditure.total")
		if !a && !b {
			continue
		}
		label, full := reportLabel(rep)
		rows = append(rows, row{label, full, wan(inc), wan(exp), a, b})
		max = math.Max(max, math.Max(wan(inc).InexactFloat64(), wan(exp).InexactFloat64()))
	}
	if len(rows) == 0 {
		return emptyChart(id, title, "没有报告同时说明收入或支出合计。")
	}
	n, capNote := capRows(len(rows))
	rows = rows[:n]
	const rowH = 30.0
	ticks := niceTicks(max)
	hi := ticks[len(ticks)-1]
	x0, x1 := labelW, chartW-valueW
	bottom := chartTop + float64(len(rows))*rowH
	var w svgWriter
	w.open(bottom+axisH+4, title)
	w.legend([3]string{"c-inc", "收入合计", "bar"}, [3]string{"c-exp", "支出合计", "bar"})
	w.axis(x0, x1, chartTop, bottom, ticks, 0, hi, trimNum)
	for i, rw := range rows {
		y := chartTop + float64(i)*rowH
		w.rowLabel(y+rowH/2+4, rw.label, rw.full, "label")
		bar := func(v decimal.Decimal, has bool, dy float64, class, name string) {
			if !has {
				w.printf(`<text class="value muted" x="%.1f" y="%.1f">未说明</text>`, x0+4, y+dy+8)
				return
			}
			bw := v.InexactFloat64() / hi * (x1 - x0)
			w.printf(`<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="10"><title>%s %s万元</title></rect>`,
				class, x0, y+dy, math.Max(bw, 0), esc(name), v.StringFixed(2))
			w.printf(`<text class="value" x="%.1f" y="%.1f">%s</text>`, x0+math.Max(bw, 0)+4, y+dy+9, v.StringFixed(2))
		}
		bar(rw.inc, rw.hasInc, 4, "c-inc", "收入合计")
		bar(rw.exp, rw.hasSpend, 16, "c-exp", "支出合计")
	}
	return chart{ID: id, Title: title, SVG: w.close(), Note: capNote}
}

// splitChart: per report, 基本支出 and 项目支出 as shares of their sum, stacked to 100 %.
func splitChart(reps []*Report) chart {
	const id, title = "chart-split", "基本支出与项目支出构成"
	type row struct {
		label, full    string
		basic, project decimal.Decimal
	}
	var rows []row
	for _, rep := range reps {
		b, ok1 := value(rep, "expenditure.basic")
		p, ok2 := value(rep, "expenditure.project")
		if ok1 && ok2 && b.Add(p).IsPositive() && !b.IsNegative() && !p.IsNegative() {
			label, full := reportLabel(rep)
			rows = append(rows, row{label, full, b, p})
		}
	}
	if len(rows) == 0 {
		return emptyChart(id, title, "没有报告同时说明基本支出和项目支出。")
	}
	n, capNote := capRows(len(rows))
	rows = rows[:n]
	const rowH = 26.0
	x0, x1 := labelW, chartW-valueW
	bottom := chartTop + float64(len(rows))*rowH
	var w svgWriter
	w.open(bottom+axisH+4, title)
	w.legend([3]string{"c-basic", "基本支出", "bar"}, [3]string{"c-proj", "项目支出", "bar"})
	w.axis(x0, x1, chartTop, bottom, []float64{0, 25, 50, 75, 100}, 0, 100, func(t float64) string { return trimNum(t) + "%" })
	for i, rw := range rows {
		y := chartTop + float64(i)*rowH
		w.rowLabel(y+rowH/2+4, rw.label, rw.full, "label")
		sum := rw.basic.Add(rw.project)
		share := rw.basic.Div(sum).Shift(2) // percent
		bw := share.InexactFloat64() / 100 * (x1 - x0)
		w.printf(`<rect class="c-basic" x="%.1f" y="%.1f" width="%.1f" height="16"><title>基本支出 %s万元（%s%%）</title></rect>`,
			x0, y+5, bw, wan(rw.basic).StringFixed(2), share.StringFixed(1))
		w.printf(`<rect class="c-proj" x="%.1f" y="%.1f" width="%.1f" height="16"><title>项目支出 %s万元（%s%%）</title></rect>`,
			x0+bw, y+5, (x1-x0)-bw, wan(rw.project).StringFixed(2), decimal.NewFromInt(100).Sub(share).StringFixed(1))
		if bw >= 44 {
			w.printf(`<text class="inbar" x="%.1f" y="%.1f">%s%%</text>`, x0+6, y+17, share.StringFixed(1))
		}
		if (x1-x0)-bw >= 44 {
			w.printf(`<text class="inbar" x="%.1f" y="%.1f" text-anchor="end">%s%%</text>`, x1-6, y+17,
				decimal.NewFromInt(100).Sub(share).StringFixed(1))
		}
	}
	return chart{ID: id, Title: title, SVG: w.close(), Note: capNote}
}

// median of decimals (the mean of the middle two for an even count).
func median(vs []decimal.Decimal) decimal.Decimal {
	s := append([]decimal.Decimal(nil), vs...)
	sort.Slice(s, func(i, j int) bool { return s[i].LessThan(s[j]) })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return s[n/2-1].Add(s[n/2]).Div(decimal.NewFromInt(2))
}

// threePublicChart: per report, “三公”经费 as a percentage of 支出合计, with the median of the
// reports of the same region and year marked on each row.
func threePublicChart(reps []*Report) chart {
	const id, title = "chart-three-public", "“三公”经费占支出合计比例"
	type row struct {
		label, full, group string
		share              decimal.Decimal
	}
	var rows []row
	groups := map[string][]decimal.Decimal{}
	for _, rep := range reps {
		tp, ok1 := value(rep, "three_public.total")
		exp, ok2 := value(rep, "expenditure.total")
		if !ok1 || !ok2 || !exp.IsPositive() {
			continue
		}
		g := fmt.Sprintf("%s\x00%d", rep.Region, rep.Year)
		share := tp.Div(exp).Shift(2)
		label, full := reportLabel(rep)
		rows = append(rows, row{label, full, g, share})
		groups[g] = append(groups[g], share)
	}
	if len(rows) == 0 {
		return emptyChart(id, title, "没有报告同时说明“三公”经费和支出合计。")
	}
	n, capNote := capRows(len(rows))
	rows = rows[:n]
	medians := map[string]decimal.Decimal{}
	max := 0.0
	for _, g := range sortedKeys(groups) {
		if len(groups[g]) >= 2 {
			medians[g] = median(groups[g])
			max = math.Max(max, medians[g].InexactFloat64())
		}
	}
	for _, rw := range rows {
		max = math.Max(max, rw.share.InexactFloat64())
	}
	const rowH = 24.0
	ticks := niceTicks(max)
	hi := ticks[len(ticks)-1]
	x0, x1 := labelW, chartW-valueW
	bottom := chartTop + float64(len(rows))*rowH
	var w svgWriter
	w.open(bottom+axisH+4, title)
	w.legend([3]string{"c-tp", "“三公”经费 ÷ 支出合计", "bar"}, [3]string{"median", "同地区同年度中位数", "line"})
	w.axis(x0, x1, chartTop, bottom, ticks, 0, hi, func(t float64) string { return trimNum(t) + "%" })
	for i, rw := range rows {
		y := chartTop + float64(i)*rowH
		w.rowLabel(y+rowH/2+4, rw.label, rw.full, "label")
		bw := math.Max(0, rw.share.InexactFloat64()/hi*(x1-x0))
		w.printf(`<rect class="c-tp" x="%.1f" y="%.1f" width="%.1f" height="12"><title>%s%%</title></rect>`,
			x0, y+6, bw, rw.share.StringFixed(2))
		end := x0 + bw // the value label goes right of the bar and of the median mark
		if m, ok := medians[rw.group]; ok {
			mx := x0 + m.InexactFloat64()/hi*(x1-x0)
			w.printf(`<line class="median" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"><title>中位数 %s%%（%d个部门）</title></line>`,
				mx, y+2, mx, y+rowH-2, m.StringFixed(2), len(groups[rw.group]))
			end = math.Max(end, mx)
		}
		w.printf(`<text class="value" x="%.1f" y="%.1f">%s%%</text>`, end+6, y+16, rw.share.StringFixed(2))
	}
	return chart{ID: id, Title: title, SVG: w.close(),
		Note: joinNotes("中位数按地区和年度分组计算，同组不足2个部门时不标注。", capNote)}
}

// yoyMetrics are the totals compared between years.
var yoyMetrics = []struct{ id, label string }{
	{"income.total", "收入合计"}, {"expenditure.total", "支出合计"}, {"three_public.total", "三公经费"},
}

// yoyChart: for each department with reports in two consecutive years (matched by
// analyze.NormalizeDepartment and region), the change of its totals in percent.
func yoyChart(reps []*Report) chart {
	const id, title = "chart-yoy", "年度间变动（同一部门相邻两年）"
	byKey := map[string]map[int]*Report{}
	for _, rep := range reps {
		if rep.Year <= 0 || rep.Department == "" {
			continue
		}
		region := rep.Region
		if region == "" {
			region = analyze.RegionOf(rep.Department)
		}
		k := analyze.NormalizeDepartment(rep.Department) + "\x00" + region
		if byKey[k] == nil {
			byKey[k] = map[int]*Report{}
		}
		if _, dup := byKey[k][rep.Year]; !dup { // reports come sorted: the first one wins
			byKey[k][rep.Year] = rep
		}
	}
	type bar struct {
		label string
		pct   decimal.Decimal
		ok    bool
	}
	type block struct {
		name, years string
		bars        []bar
	}
	var blocks []block
	max := 0.0
	for _, k := range sortedKeys(byKey) {
		years := byKey[k]
		var ys []int
		for y := range years {
			ys = append(ys, y)
		}
		sort.Ints(ys)
		for _, y := range ys {
			old, cur := years[y-1], years[y]
			if old == nil {
				continue
			}
			b := block{name: cur.Department, years: fmt.Sprintf("%d→%d年", y-1, y)}
			any := false
			for _, m := range yoyMetrics {
				o, ok1 := value(old, m.id)
				c, ok2 := value(cur, m.id)
				if !ok1 || !ok2 || !o.IsPositive() {
					b.bars = append(b.bars, bar{label: m.label})
					continue
				}
				pct := c.Sub(o).Div(o).Shift(2)
				b.bars = append(b.bars, bar{m.label, pct, true})
				max = math.Max(max, math.Abs(pct.InexactFloat64()))
				any = true
			}
			if any {
				blocks = append(blocks, b)
			}
		}
	}
	if len(blocks) == 0 {
		return emptyChart(id, title, "本批次没有同一部门相邻两个年度的报告。")
	}
	n, capNote := capRows(len(blocks))
	blocks = blocks[:n]
	const subH, gap = 16.0, 12.0
	blockH := float64(len(yoyMetrics))*subH + gap
	hi := niceTicks(math.Min(max, 100))
	lim := hi[len(hi)-1]
	var ticks []float64
	for i := len(hi) - 1; i > 0; i-- {
		ticks = append(ticks, -hi[i])
	}
	ticks = append(ticks, hi...)
	x0, x1 := labelW+72, chartW-valueW
	mid := (x0 + x1) / 2
	bottom := chartTop + float64(len(blocks))*blockH
	var w svgWriter
	w.open(bottom+axisH+4, title)
	w.legend([3]string{"c-up", "增加", "bar"}, [3]string{"c-down", "减少", "bar"})
	w.axis(x0, x1, chartTop, bottom, ticks, -lim, lim, func(t float64) string { return signedNum(t) + "%" })
	for i, b := range blocks {
		y := chartTop + float64(i)*blockH
		w.rowLabel(y+14, shorten(b.name, labelWidth), b.name, "label")
		w.rowLabel(y+30, b.years, b.years, "label muted")
		for j, br := range b.bars {
			sy := y + float64(j)*subH
			w.printf(`<text class="sublabel" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, x0-6, sy+12, esc(br.label))
			if !br.ok {
				w.printf(`<text class="value muted" x="%.1f" y="%.1f">无可比数据</text>`, mid+4, sy+12)
				continue
			}
			p := br.pct.InexactFloat64()
			clipped := math.Max(-lim, math.Min(lim, p))
			bw := math.Abs(clipped) / lim * (x1 - mid)
			class, x, tx, anchor := "c-up", mid, mid+bw+4, "start"
			if p < 0 {
				class, x, tx, anchor = "c-down", mid-bw, mid-bw-4, "end"
			}
			text := br.pct.StringFixed(1) + "%"
			if br.pct.IsPositive() {
				text = "+" + text
			}
			w.printf(`<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="11"><title>%s %s</title></rect>`,
				class, x, sy+3, bw, esc(br.label), esc(text))
			w.printf(`<text class="value" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, tx, sy+12, anchor, esc(text))
		}
	}
	return chart{ID: id, Title: title, SVG: w.close(),
		Note: joinNotes("按规范化部门名称和地区匹配同一部门；超过±100%的变动截断显示，数值标注为实际变动。", capNote)}
}

func signedNum(v float64) string {
	if v > 0 {
		return "+" + trimNum(v)
	}
	return trimNum(v)
}
