package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// fundsDraft is one funds row as found: its label and value tokens.
type fundsDraft struct {
	label    string
	src      string
	labelTok int
	vals     []int // token positions
	group    string
}

// readFunds reads the funds block under header h (年初预算数 | 全年预算数 | 全年执行数 | 分值 |
// 执行率 | 得分): each row a label of the lexicon (年度资金总额, 其中：当年财政拨款 …) and the values
// after it, put in the header's columns by type and by the rate they must agree with. It
// returns the position after the block.
func (r *streamReader) readFunds(h header) int {
	toks := r.toks
	cols := fundsCols(h.cols)
	unitText, scale := r.fundsUnit(h)
	points := h.points
	for k := h.start - 1; k >= 0 && k >= h.start-2 && points == nil; k-- {
		if m := pointsBracket.FindStringSubmatch(toks[k].n); m != nil {
			if d, err := decimal.NewFromString(m[1]); err == nil {
				points = &d
			}
		}
		if linearFormula.MatchString(toks[k].n) {
			h.linear = true
		}
	}
	if h.linear && r.cur.ev.ExecutionScoring == "" {
		r.cur.ev.ExecutionScoring = ExecutionLinear
	}
	var rows []fundsDraft
	block := ""
	i := h.end
	// header cells the lexicon does not know, on the header's line
	for i < len(toks) && !toks[i].first && toks[i].is(tkText) && !isFundsLabel(&toks[i]) && i < h.end+2 && i > 0 && toks[i].line == toks[h.end-1].line {
		i++
	}
	// a headerless block whose title stands before its first label, on its line
	// (计划生育转移支付资金合计（万元） 年度预算资金总额：1084.25)
	if k := h.start - 1; h.headerless && k >= 0 && blockTitle(&toks[k]) && toks[k].line == toks[h.start].line {
		title := toks[k].raw
		if p := k - 1; p >= 0 && toks[p].line == toks[k].line && toks[p].is(tkText) && !isFundsLabel(&toks[p]) && !punctOnly(toks[p].n) {
			title = toks[p].raw + title
		}
		block = blockName(title)
	}
	prefix := ""
	if h.lead > 0 {
		d := fundsDraft{label: toks[h.lead-1].raw, src: labelSource(r.el, &toks[h.lead-1]), labelTok: h.lead - 1, vals: h.leadVals}
		for _, k := range h.leadVals {
			toks[k].cuts, toks[k].glued = nil, false // a value set apart by header words is one value
		}
		for i < len(toks) && !isFundsLabel(&toks[i]) && isFundsValue(&toks[i]) && !r.fundsEnd(i, 1) {
			d.vals = append(d.vals, i)
			i++
		}
		rows = append(rows, d)
	}
	for i < len(toks) {
		t := &toks[i]
		if r.fundsEnd(i, len(rows)) {
			break
		}
		if t.is(tkBlank|tkDash) || t.n == "其中" || t.n == "其中:" || t.is(tkText) && punctOnly(t.n) {
			if t.n == "其中" || t.n == "其中:" {
				prefix = t.raw
			}
			i++
			continue
		}
		// the title of a sub-block: 农村部分计划生育家庭奖励扶助制度补助资金（万元）, or a label
		// followed by the block's total (计划生育转移支付 资金合计（万元） 年度预算资金总额)
		if h.headerless && blockTitle(t) && (!isFundsLabel(t) || i+1 < len(toks) && isFundsLabel(&toks[i+1])) {
			title := t.raw
			if k := i - 1; k >= 0 && toks[k].line == t.line && toks[k].is(tkText) && !isFundsLabel(&toks[k]) && !punctOnly(toks[k].n) {
				title = toks[k].raw + title
			}
			block, prefix = blockName(title), ""
			i++
			continue
		}
		if !isFundsLabel(t) {
			if h.headerless && i+1 < len(toks) && blockTitle(&toks[i+1]) && t.line == toks[i+1].line {
				i++ // the first half of a title cut in two (计划生育转移支付 | 资金合计（万元）)
				continue
			}
			if k := remarkEnd(toks, i, cols); k > i && len(rows) > 0 {
				i = k // a row's 得分计算方法 or remark before the next row
				continue
			}
			break
		}
		d := fundsDraft{label: prefix + t.raw, src: labelSource(r.el, t), labelTok: i, group: block}
		prefix = ""
		j := i + 1
		for j < len(toks) && !isFundsLabel(&toks[j]) && (isFundsValue(&toks[j]) || toks[j].is(tkText) && punctOnly(toks[j].n)) && !r.fundsEnd(j, 1) {
			if isFundsValue(&toks[j]) {
				d.vals = append(d.vals, j)
			}
			j++
		}
		rows = append(rows, d)
		i = j
	}
	var total *FundsRow
	for _, d := range rows {
		row := r.alignFunds(d, cols, scale, unitText, total, points, h.percent)
		if h.headerless && row.blank() {
			continue // a placeholder row of a template block left empty
		}
		if row.Source == SourceTotal && total == nil {
			total = &row
			if row.Weight == nil && points != nil {
				w := *points
				row.Weight = &w
				total.Weight = &w
			}
		}
		r.cur.ev.Funds = append(r.cur.ev.Funds, row)
	}
	return i
}

// gridRow reports whether a funds row's values are the cells of its label's row of a table
// (a .docx, .xlsx or |-table): each in its column, the empty ones included.
func (r *streamReader) gridRow(d fundsDraft) bool {
	if !r.s.cellMode {
		return false
	}
	label := &r.toks[d.labelTok]
	if label.run {
		return false
	}
	for _, v := range d.vals {
		if t := &r.toks[v]; t.run || t.line != label.line {
			return false
		}
	}
	return true
}

// remarkEnd returns where the text at toks[i] ends when it is a remark of the row before
// (得分计算方法, 备注: a block with such a column) and the next funds row follows it, else i.
func remarkEnd(toks []etok, i int, cols []colRole) int {
	if !slices.Contains(cols, colExplain) && !slices.Contains(cols, colNote) {
		return i
	}
	for k := i; k < len(toks) && k < i+8; k++ {
		t := &toks[k]
		if isFundsLabel(t) {
			return k
		}
		if t.is(tkNum|tkQty|tkTitle|tkField|tkLevel) || t.is(tkHead) && t.col.fundsCol() && t.col != colRate {
			return i
		}
	}
	return i
}

// blockTitle reports whether a token is the title of a sub-block of funds: it names the
// amounts' unit in a bracket (…补助资金（万元）).
func blockTitle(t *etok) bool {
	return t.is(tkText) && (strings.HasSuffix(t.n, "(万元)") || strings.HasSuffix(t.n, "(元)")) && utf8.RuneCountInString(t.n) > 5
}

// blockName is a sub-block's title without its unit and punctuation.
func blockName(title string) string {
	n := strings.TrimSpace(title)
	for _, u := range []string{"（万元）", "(万元)", "（元）", "(元)"} {
		n = strings.TrimSuffix(n, u)
	}
	n = strings.TrimPrefix(strings.TrimPrefix(n, "其中："), "其中:")
	return strings.TrimSpace(n)
}

// fundsCols keeps the roles a funds row fills.
func fundsCols(cols []colRole) []colRole {
	var out []colRole
	for _, c := range cols {
		switch c {
		case colInitial, colAdjusted, colExecuted, colRate, colWeight, colScore, colNote, colExplain:
			out = append(out, c)
		}
	}
	return out
}

// fundsUnit finds the unit of a funds block: 项目资金（万元）, 预算执行情况（元）, 单位：万元 in the
// table's text before the header, else 万元, the unit the national template prints.
func (r *streamReader) fundsUnit(h header) (string, decimal.Decimal) {
	from := h.start - 6
	if r.cur != nil && r.cur.start < from {
		from = max(r.cur.start, h.start-40)
	}
	for k := h.end - 1; k >= max(0, from); k-- {
		n := r.toks[k].n
		for _, u := range []string{"亿元", "万元", "千元", "元"} {
			if strings.Contains(n, "("+u+")") || strings.Contains(n, "单位:"+u) || strings.Contains(n, "(万兀)") && u == "万元" {
				return u, decimal.NewFromInt(unitScales[u])
			}
		}
	}
	return "万元", decimal.NewFromInt(10000)
}

// isFundsLabel reports whether a token labels a funds row.
func isFundsLabel(t *etok) bool {
	if t.is(tkFunds) {
		return true
	}
	return strings.HasPrefix(t.n, "其中:") && utf8.RuneCountInString(t.n) > 3 && !t.is(tkNum|tkQty)
}

// labelSource is the source a funds label names; an unknown 其中 row is other money.
func labelSource(el *evalLexicon, t *etok) string {
	if t.is(tkFunds) {
		return t.src
	}
	if s := el.fundsSource(strings.TrimPrefix(t.n, "其中:")); s != "" {
		return s
	}
	return SourceOther
}

// isFundsValue reports whether a token can be a value of a funds row.
func isFundsValue(t *etok) bool {
	if t.is(tkBlank | tkDash | tkNum | tkPct) {
		return true
	}
	return t.is(tkQty) && (t.q.unit == "万元" || t.q.unit == "元" || t.q.unit == "亿元" || t.q.unit == "万" || len(t.cuts) > 0)
}

// fundsEnd reports whether toks[i] ends a funds block with rows rows read so far.
func (r *streamReader) fundsEnd(i, rows int) bool {
	t := &r.toks[i]
	switch {
	case t.is(tkFunds):
		return false
	case t.is(tkTitle) && !t.is(tkHead):
		return true
	case t.is(tkField) && !t.is(tkHead):
		return true
	case t.is(tkHead):
		h, ok := r.el.readHeader(r.toks, i)
		return ok && (h.indicatorHeader() || h.fundsHeader())
	case t.is(tkText) && utf8.RuneCountInString(t.n) > 30:
		return true
	}
	return false
}

// fundsPart is one value of a funds row once numbers run together are cut.
type fundsPart struct {
	n     evalNum
	blank bool // an empty cell or a dash: fills its column with nothing
	cut   bool // cut out of the number before it
}

// alignFunds puts a funds row's values in the block's columns: every way of placing them in
// order (columns may be left empty where a copied table lost a cell) is scored by the type of
// each value (a rate has a percent sign, a weight is at most 100), by the rate agreeing with
// executed ÷ budget, and by the amounts of a sub-row not exceeding the total's.
func (r *streamReader) alignFunds(d fundsDraft, cols []colRole, scale decimal.Decimal, unitText string, total *FundsRow, points *decimal.Decimal, percent bool) FundsRow {
	row := FundsRow{Source: d.src, Label: strings.TrimRight(strings.TrimSpace(d.label), ":："), UnitText: unitText, Location: rowLocation(r.toks[d.labelTok].loc), Block: d.group}
	var raw []string
	raw = append(raw, row.Label)
	for _, v := range d.vals {
		raw = append(raw, r.toks[v].raw)
	}
	row.Raw = strings.Join(raw, " | ")
	if len(cols) == 0 || len(d.vals) == 0 {
		return row
	}
	// every combination of cuts (bounded), then every placement
	var seqs [][]fundsPart
	var walk func(k int, cur []fundsPart)
	walk = func(k int, cur []fundsPart) {
		if len(seqs) >= 256 {
			return
		}
		if k == len(d.vals) {
			seqs = append(seqs, append([]fundsPart(nil), cur...))
			return
		}
		t := &r.toks[d.vals[k]]
		if t.is(tkBlank | tkDash) {
			walk(k+1, append(cur, fundsPart{blank: true}))
			return
		}
		if len(t.cuts) > 0 {
			for _, c := range t.cuts {
				next := cur
				for x, n := range c {
					next = append(next, fundsPart{n: n, cut: x > 0})
				}
				walk(k+1, next)
			}
			return
		}
		walk(k+1, append(cur, fundsPart{n: t.q}))
	}
	walk(0, nil)
	best, bestScore := []int(nil), -1e9
	var bestSeq []fundsPart
	// the cells of a grid row stand in their columns: empty ones are cells too
	positional := false
	if r.gridRow(d) && len(seqs) == 1 && len(seqs[0]) <= len(cols) {
		at := make([]int, len(seqs[0]))
		for k := range at {
			at[k] = k
		}
		if _, ok := r.fundsScore(seqs[0], at, cols, scale, total, points, true); ok {
			best, bestSeq, positional = at, seqs[0], true
		}
	}
	for _, seq := range seqs {
		if positional {
			break
		}
		if len(seq) > len(cols)+2 {
			continue
		}
		placements(len(seq), len(cols), func(at []int) {
			sc, ok := r.fundsScore(seq, at, cols, scale, total, points, percent)
			if ok && sc > bestScore+1e-9 {
				bestScore, best, bestSeq = sc, append([]int(nil), at...), seq
			}
		})
	}
	if best == nil {
		return row
	}
	for k, c := range best {
		if c < 0 || bestSeq[k].blank {
			continue
		}
		if bestSeq[k].cut {
			row.Cut = true
		}
		n := bestSeq[k].n
		switch cols[c] {
		case colInitial, colAdjusted, colExecuted:
			v := n.v
			if n.unit != "万元" && n.unit != "元" && n.unit != "亿元" {
				v = v.Mul(scale)
			} else {
				v = v.Mul(decimal.NewFromInt(unitScales[n.unit]))
			}
			row.Decimals = max(row.Decimals, n.dec)
			switch cols[c] {
			case colInitial:
				row.Initial = &v
			case colAdjusted:
				row.Adjusted = &v
			default:
				row.Executed = &v
			}
		case colRate:
			v := n.v
			row.Rate, row.RateDecimals = &v, n.dec
		case colWeight:
			v := n.v
			row.Weight, row.WeightDecimals = &v, n.dec
		case colScore:
			v := n.v
			row.Score, row.ScoreDecimals = &v, n.dec
		}
	}
	return row
}

// placements calls fn with every way of putting k values in order into m columns; when
// k > m, the values after the m-th are dropped (-1).
func placements(k, m int, fn func(at []int)) {
	j := min(k, m)
	at := make([]int, k)
	for x := j; x < k; x++ {
		at[x] = -1
	}
	var rec func(v, c int)
	rec = func(v, c int) {
		if v == j {
			fn(at)
			return
		}
		for cc := c; cc <= m-(j-v); cc++ {
			at[v] = cc
			rec(v+1, cc+1)
		}
	}
	rec(0, 0)
}

// fundsScore scores placing seq at columns at.
func (r *streamReader) fundsScore(seq []fundsPart, at []int, cols []colRole, scale decimal.Decimal, total *FundsRow, points *decimal.Decimal, bareRate bool) (float64, bool) {
	sc := 0.0
	var amt [3]*decimal.Decimal
	var rate, weight, score *decimal.Decimal
	filled := make([]bool, len(cols))
	hundred := decimal.NewFromInt(100)
	for k, c := range at {
		if c < 0 {
			sc -= 0.5
			continue
		}
		filled[c] = true
		p := seq[k]
		if p.cut {
			sc -= 0.6
			if p.n.v.IsZero() {
				sc -= 0.8 // a 0 cut out of a run is more likely a digit of a number
			}
		}
		if p.blank {
			continue
		}
		n := p.n
		switch cols[c] {
		case colInitial, colAdjusted, colExecuted:
			if n.unit == "%" || n.cmp != "" || n.unit != "" && n.unit != "万元" && n.unit != "元" && n.unit != "亿元" && n.unit != "万" {
				return 0, false
			}
			v := n.v
			amt[int(cols[c]-colInitial)] = &v
			sc += 0.6
		case colRate:
			switch {
			case n.unit == "%":
				sc += 1.5
			case n.unit == "" && n.v.LessThanOrEqual(decimal.NewFromInt(300)) && bareRate:
				sc += 0.3 // the header says the rates are percentages: 执行率（%）
			case n.unit == "" && p.cut:
				return 0, false // a rate cut out of numbers run together has its %
			case n.unit == "" && n.v.LessThanOrEqual(decimal.NewFromInt(300)):
				sc -= 0.3 // a bare number as a rate only where nothing else fits
			default:
				return 0, false
			}
			v := n.v
			rate = &v
		case colWeight, colScore:
			if !pointsValue(n) || n.dec > 2 {
				return 0, false
			}
			v := n.v
			if cols[c] == colWeight {
				weight = &v
				if points != nil && points.Equal(v) {
					sc += 0.5
				}
				sc += 0.05 // a weight alone is a plan not yet scored; a score alone is rarer
			} else {
				score = &v
			}
			sc += 0.8
		default:
			sc += 0.1
		}
		if n.dec > 4 {
			sc -= 1
		}
	}
	for c, f := range filled {
		if !f {
			if cols[c] == colInitial {
				sc -= 0.39 // a copy that loses a cell loses the first: a tie goes that way
			} else {
				sc -= 0.4
			}
		}
	}
	// the rate agrees with executed ÷ budget (a rate of 0 of nothing proves nothing)
	if rate != nil && amt[2] != nil && rate.IsPositive() && amt[2].IsPositive() {
		agreed := false
		for _, base := range []*decimal.Decimal{amt[1], amt[0]} {
			if base == nil || base.IsZero() {
				continue
			}
			got := amt[2].Div(*base).Mul(hundred)
			if got.Sub(*rate).Abs().LessThanOrEqual(decimal.NewFromFloat(0.6)) {
				sc += 3
				agreed = true
				break
			}
		}
		if !agreed && (amt[1] != nil || amt[0] != nil) {
			sc -= 1
		}
	}
	if weight != nil && score != nil && score.LessThanOrEqual(*weight) {
		sc += 0.3
	}
	if total != nil && (weight != nil || score != nil) {
		sc -= 2.0 // a sub-row seldom has a weight or a score of its own
	}
	if amt[0] != nil && amt[1] != nil && amt[0].Equal(*amt[1]) {
		sc += 0.3
	}
	// a sub-row holds no more than the total (unless the total is left at 0)
	if total != nil {
		for k, tv := range []*decimal.Decimal{total.Initial, total.Adjusted, total.Executed} {
			if tv == nil || amt[k] == nil || tv.IsZero() {
				continue
			}
			switch v := amt[k].Mul(scale); {
			case v.GreaterThan(tv.Add(decimal.NewFromInt(100))):
				sc -= 1.5
			case v.Sub(*tv).Abs().LessThanOrEqual(decimal.NewFromInt(100)):
				sc += 0.8 // the whole of the total from one source: the usual case of a cut
			default:
				sc += 0.3
			}
		}
	}
	return sc, true
}

func (f *FundsRow) blank() bool {
	return f.Initial == nil && f.Adjusted == nil && f.Executed == nil && f.Rate == nil && f.Weight == nil && f.Score == nil
}
