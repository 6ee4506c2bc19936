package extract

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// The rows of an indicator table in a token stream are found by dynamic programming: every
// span of tokens is scored as a row — its tokens put in the columns of the header, in
// order, each column taking one token (a number run together may fill several, a name or a
// text cut at white space may take several tokens), a column left empty or a token passed
// over costing points — and the stream is cut into the rows and stray tokens of the best
// total. The costs below say what is likely: a weight and a score are numbers of at most
// 100, a 一级/二级 indicator is a word of the lexicon, a row of a |-table starts a line.

// slot is one column of an indicator row.
type slot struct {
	role colRole
	pre  bool // before the name: 序号, 一级, 二级
}

// fill is what a row puts in one slot: a span of tokens [a, b), or a number or text cut
// out of one token; a < 0 when the slot is empty.
type fill struct {
	a, b int
	num  *evalNum
	text string
	cut  bool
}

// record is one row found: its tokens [start, end) and the fill of each slot.
type record struct {
	start, end int
	fills      []fill
	score      float64
}

// rowReader reads the rows of one indicator table body.
type rowReader struct {
	el       *evalLexicon
	toks     []etok
	slots    []slot
	lines    []streamLine
	cellMode bool // line breaks mean rows
	atEnd    bool // the body runs to the end of the document: its last row may be cut off
	serials  bool // the header has a 序号 column
}

// newRowReader makes the reader of a body under header h.
func newRowReader(el *evalLexicon, s *stream, body []etok, h header, atEnd bool) *rowReader {
	rr := &rowReader{el: el, toks: body, lines: s.lines, cellMode: s.cellMode, atEnd: atEnd}
	named := false
	for _, c := range h.cols {
		if c == colName {
			named = true
		}
	}
	pre := true
	rr.serials = h.has(colSerial)
	for _, c := range h.cols {
		switch {
		case c == colName:
			rr.slots = append(rr.slots, slot{role: c})
			pre = false
		case pre && named && (c == colLevel1 || c == colLevel2 || c == colSerial):
			rr.slots = append(rr.slots, slot{role: c, pre: true})
		case pre && named:
			// a column before the name that is no level (指标解释 before 三级指标): read as a level
			rr.slots = append(rr.slots, slot{role: c, pre: true})
		case !named && (c == colLevel1 || c == colLevel2):
			rr.slots = append(rr.slots, slot{role: c, pre: true})
		default:
			rr.slots = append(rr.slots, slot{role: c})
		}
	}
	if !named {
		// no name column (一级 | 二级 | 指标值 …): the last level is the name
		for k := len(rr.slots) - 1; k >= 0; k-- {
			if rr.slots[k].pre {
				rr.slots[k] = slot{role: colName}
				break
			}
		}
	}
	return rr
}

// maxRecordTokens bounds the tokens of one row.
const maxRecordTokens = 24

type dpCell struct {
	score        float64
	ok           bool
	prevS, prevP int
	fills        []fill
}

// read returns the rows of the body and the tokens passed over, in order.
func (rr *rowReader) read() []record {
	n := len(rr.toks)
	best := make([]float64, n+1)
	from := make([]int, n+1) // start of the record ending here, or -1 for a skipped token
	recs := make([]*record, n+1)
	for j := 1; j <= n; j++ {
		best[j] = math.Inf(-1)
	}
	ends := make([][]*record, n+1) // records by end
	for i := 0; i < n; i++ {
		for _, rec := range rr.recordsFrom(i) {
			ends[rec.end] = append(ends[rec.end], rec)
		}
	}
	for j := 1; j <= n; j++ {
		best[j] = best[j-1] + rr.skipCost(j-1)
		from[j] = -1
		for _, rec := range ends[j] {
			if s := best[rec.start] + rec.score; s > best[j]+1e-9 {
				best[j], from[j], recs[j] = s, rec.start, rec
			}
		}
	}
	var out []record
	for j := n; j > 0; {
		if from[j] < 0 {
			j--
			continue
		}
		out = append(out, *recs[j])
		j = from[j]
	}
	for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
		out[a], out[b] = out[b], out[a]
	}
	return out
}

// skipCost is what passing over a token costs.
func (rr *rowReader) skipCost(p int) float64 {
	t := &rr.toks[p]
	switch {
	case t.is(tkBlank | tkDash | tkHead | tkLevel | tkField | tkTitle):
		return 0
	case t.is(tkNum | tkQty):
		return -1.0
	}
	return -0.8
}

// recordsFrom returns the best row starting at toks[i] for every end it may have.
func (rr *rowReader) recordsFrom(i int) []*record {
	n := len(rr.toks)
	L := min(maxRecordTokens, n-i)
	S := len(rr.slots)
	dp := make([][]dpCell, S+1)
	for s := range dp {
		dp[s] = make([]dpCell, L+1)
	}
	dp[0][0] = dpCell{ok: true, score: rr.startBonus(i)}
	relax := func(s, p int, score float64, ps, pp int, fills []fill) {
		c := &dp[s][p]
		if !c.ok || score > c.score+1e-9 {
			*c = dpCell{score: score, ok: true, prevS: ps, prevP: pp, fills: fills}
		}
	}
	for s := 0; s < S; s++ {
		for p := 0; p <= L; p++ {
			c := dp[s][p]
			if !c.ok {
				continue
			}
			at := i + p
			// the slot left empty
			if rr.slots[s].role != colName {
				relax(s+1, p, c.score+rr.blankCost(s, at), s, p, []fill{{a: -1}})
			}
			if p == L {
				continue
			}
			// a span of tokens
			for q := p + 1; q <= L && q-p <= rr.maxSpan(s, at); q++ {
				if q > p+1 && rr.toks[i+q-1].line != rr.toks[at].line && rr.slots[s].role != colNote && rr.slots[s].role != colExplain {
					break // a name or a value is on one line; a remark or an explanation may run on
				}
				sc, ok := rr.spanScore(s, at, i+q)
				if !ok {
					break
				}
				sc += rr.crossCost(i, at, i+q)
				relax(s+1, q, c.score+sc, s, p, []fill{{a: at, b: i + q}})
			}
			// one token cut into several slots
			for _, cf := range rr.cutFills(s, at) {
				relax(s+len(cf.fills), p+1, c.score+cf.score+rr.crossCost(i, at, at+1), s, p, cf.fills)
			}
		}
	}
	var out []*record
	for p := 1; p <= L; p++ {
		c := dp[S][p]
		if !c.ok {
			continue
		}
		fills := make([]fill, S)
		s, q := S, p
		for s > 0 {
			cell := dp[s][q]
			copy(fills[cell.prevS:s], cell.fills)
			s, q = cell.prevS, cell.prevP
		}
		if !rr.valid(fills, i+p) {
			continue
		}
		out = append(out, &record{start: i, end: i + p, fills: fills, score: c.score})
	}
	return out
}

// startBonus favours rows that start where a line (or a |-row) starts.
func (rr *rowReader) startBonus(i int) float64 {
	t := &rr.toks[i]
	if !rr.cellMode || t.run {
		return 0
	}
	if t.first {
		return 1.0
	}
	return -1.2
}

// crossCost is what taking tokens [a, b) of a row that starts at start costs for the line
// breaks it crosses.
func (rr *rowReader) crossCost(start, a, b int) float64 {
	if !rr.cellMode {
		return 0
	}
	c := 0.0
	for p := a; p < b; p++ {
		if p > start && rr.toks[p].first && !rr.toks[p].run {
			c -= 0.5
		}
	}
	return c
}

// valid reports whether the fills make a row: a name and some value, or a name alone where
// the document ends (a row cut off).
func (rr *rowReader) valid(fills []fill, end int) bool {
	named, valued := false, false
	for k, f := range fills {
		if f.a < 0 && !f.cut {
			continue
		}
		switch rr.slots[k].role {
		case colName:
			named = true
		case colTarget, colActual, colWeight, colScore, colTargetAdj, colCoef:
			if f.cut || !rr.toks[f.a].is(tkBlank|tkDash) && !rr.wrappedText(f) {
				valued = true
			}
		}
	}
	if !named {
		return false
	}
	if valued {
		return true
	}
	if rr.atEnd && end == len(rr.toks) {
		return true
	}
	// a line of a |-table that holds only a name: its other cells are blank or merged
	start := -1
	for _, f := range fills {
		if f.a >= 0 {
			start = f.a
			break
		}
	}
	return rr.cellMode && start >= 0 && rr.toks[start].first && !rr.toks[start].run && !rr.toks[start].is(tkLevel) &&
		(end == len(rr.toks) || rr.toks[end].first) && end == start+1
}

// wrappedText reports whether a fill is a long phrase of run-together text without a
// digit: likelier the wrapped end of a name than a value, it makes no row on its own.
func (rr *rowReader) wrappedText(f fill) bool {
	if f.b != f.a+1 {
		return false
	}
	t := &rr.toks[f.a]
	return t.run && t.is(tkText) && !hasDigit(t.n) && utf8.RuneCountInString(t.n) > 6
}

// maxSpan is how many tokens a slot may take at toks[p]: one cell, or several tokens of
// run-together text for a name or a text value.
func (rr *rowReader) maxSpan(s, p int) int {
	if !rr.toks[p].run {
		return 1
	}
	switch rr.slots[s].role {
	case colLevel1, colLevel2:
		return 2
	case colName:
		return 8
	case colTarget, colActual, colTargetAdj:
		return 3
	case colNote, colExplain:
		return 6
	}
	return 1
}

// blankCost is what leaving slot s empty costs when the row's next token is toks[p].
func (rr *rowReader) blankCost(s, p int) float64 {
	sl := rr.slots[s]
	if sl.pre {
		return 0
	}
	if rr.atEnd && p == len(rr.toks) {
		return 0
	}
	trailing := p == len(rr.toks) || rr.cellMode && rr.toks[p].first && !rr.toks[p].run
	// of two columns one of which is empty, the later is the likelier: a table not filled in
	// leaves its actual values and scores blank
	late := -0.02 * float64(len(rr.slots)-s)
	switch sl.role {
	case colWeight, colScore:
		// a weight alone is a plan not yet scored, a score alone is rarer still
		w := 0.0
		if sl.role == colWeight {
			w = -0.05
		}
		if trailing {
			return -0.3 + w + late
		}
		return -1.0 + w + late
	case colTarget, colActual:
		if trailing {
			return -0.2 + late
		}
		if rr.toks[min(p, len(rr.toks)-1)].run {
			return -0.5 + late
		}
		return -0.8 + late
	}
	if trailing || rr.toks[min(p, len(rr.toks)-1)].run {
		return -0.05
	}
	return -0.3
}

// noValue reports whether a token can be no value of an indicator: a table word.
func noValue(t *etok) bool {
	if t.is(tkLevel | tkField | tkTotal | tkTitle | tkFunds) {
		return true
	}
	return t.is(tkHead) && !t.col.fundsCol() && t.col != colNone
}

// nameNumbering is how a name of an indicator may begin: 指标3, 指标12:.
var nameNumbering = regexp.MustCompile(`^指标\d{1,2}(?::|$|\p{Han})`)

var pointsSuffix = regexp.MustCompile(`[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$`)

// spanScore scores tokens [a, b) in slot s; ok is false when they cannot go there.
func (rr *rowReader) spanScore(s, a, b int) (float64, bool) {
	t := &rr.toks[a]
	role := rr.slots[s].role
	one := b == a+1
	switch role {
	case colSerial:
		if one && rr.isSerial(a) {
			return 1.0, true
		}
		return 0, one && t.is(tkBlank)
	case colLevel1, colLevel2:
		if b == a+2 && t.is(tkLevel) && rr.toks[a+1].is(tkQty) && rr.toks[a+1].q.unit == "分" {
			return 1.5, true // a level and its points in a cell of their own (项目决策 | 2分)
		}
		if !one {
			return 0, false
		}
		bit := 1
		if role == colLevel2 {
			bit = 2
		}
		switch {
		case t.is(tkBlank):
			return 0, true
		case t.is(tkLevel) && t.level&bit != 0:
			if t.level == 3 {
				return 1.3, true
			}
			return 1.5, true
		case t.is(tkText) && pointsSuffix.MatchString(t.raw) && !t.is(tkHead|tkField):
			return 1.0, true
		case role == colLevel2 && rr.afterLevel1Cell(a):
			return 1.0, true // 满意度指标(10分) | 读者 | …: the 二级 cell after its 一级
		case rr.cellMode && !t.run && t.is(tkText) && !t.is(tkLevel|tkHead|tkField|tkFunds|tkTotal) &&
			utf8.RuneCountInString(t.n) <= 15 && !hasDigit(t.n) && hasHan(t.n):
			return 0.1, true
		}
		return 0, false
	case colName:
		sc := 1.2
		if one && t.is(tkLevel) && t.level == 2 && !t.is(tkHead|tkField|tkFunds|tkTotal) && !pointsSuffix.MatchString(t.raw) {
			return 0.6, true // an indicator named like a 二级 (服务对象满意度)
		}
		for p := a; p < b; p++ {
			u := &rr.toks[p]
			if u.is(tkBlank|tkNote) || noValue(u) && !(p > a && u.is(tkHead)) {
				return 0, false
			}
			if p > a && !(u.run && u.line == rr.toks[p-1].line && u.pos == rr.toks[p-1].end+1) {
				sc -= 0.1 // a single space inside a name is a cell's line wrapping
			}
		}
		if !hasHan(t.n) && !hasLetter(t.n) && !(b > a+1) {
			return 0, false
		}
		if t.is(tkDash) || one && t.is(tkNum|tkQty) {
			return 0, false // a quantity (0起, 15万元) is a value, not a name
		}
		raw := rr.spanRaw(a, b)
		if rr.el.scoringRule(rr.clauseOf(a, b, raw)) {
			return 0, false // 达到指标值，记满分: how points are given, no indicator
		}
		return sc - nameLengthCost(raw), true
	case colTarget, colActual, colTargetAdj:
		if one && t.is(tkBlank) {
			return 0, true
		}
		sc := 0.0
		for p := a; p < b; p++ {
			u := &rr.toks[p]
			if u.is(tkBlank|tkNote) || noValue(u) {
				return 0, false
			}
		}
		if one && slices.Contains(rr.el.values[colNature], t.n) {
			return 0, false // 定量指标 is the 指标性质 column's, no value
		}
		switch {
		case one && t.is(tkNum|tkQty|tkDash):
			sc = 1.0
		case one && t.run && !hasDigit(t.n) && rr.el.endsLikeName(t.n):
			sc = 0.1 // 保障率, 安全性: the wrapped end of a name
		case one && t.run && !hasDigit(t.n) && utf8.RuneCountInString(t.n) > 6:
			sc = 0.3 // a long phrase of run-together text: likelier the end of a name
		case one && t.run && !hasDigit(t.n) && utf8.RuneCountInString(t.n) > 4:
			sc = 0.8 // a phrase of run-together text: as likely the end of a name
		case one && utf8.RuneCountInString(t.n) <= 12:
			sc = 1.0
		default:
			sc = 0.6
		}
		sc -= 0.25 * float64(b-a-1)
		return sc, true
	case colWeight, colScore:
		if !one || rr.isSerial(a) {
			return 0, false
		}
		if t.is(tkBlank | tkDash) {
			return 0, true
		}
		if t.is(tkNum) && pointsValue(t.q) {
			return 1.8, true
		}
		return 0, false
	case colCoef:
		if one && t.is(tkBlank|tkDash) {
			return 0, true
		}
		return 0.4, one && t.is(tkNum|tkPct)
	case colNature:
		if one && t.is(tkBlank|tkDash) {
			return 0, true
		}
		return 0.5, one && t.is(tkText) && utf8.RuneCountInString(t.n) <= 6 && !hasDigit(t.n) && !noValue(t)
	case colDirection:
		if one && t.is(tkBlank|tkDash) {
			return 0, true
		}
		if c, l := comparatorAt([]rune(t.n), 0); one && c != "" && l == utf8.RuneCountInString(t.n) || one && (t.n == "正向" || t.n == "反向") {
			return 0.6, true
		}
		return 0, false
	case colUnit:
		if one && t.is(tkBlank|tkDash) {
			return 0, true
		}
		if one && t.is(tkText) && (unitAt([]rune(t.n), 0) == t.n || utf8.RuneCountInString(t.n) <= 4 && !hasDigit(t.n)) && !noValue(t) {
			return 0.5, true
		}
		if one && t.n == "%" {
			return 0.5, true
		}
		return 0, false
	default: // note, explain, core
		if one && t.is(tkBlank) {
			return 0, true
		}
		for p := a; p < b; p++ {
			if noValue(&rr.toks[p]) || rr.toks[p].is(tkBlank) || p > a && nameNumbering.MatchString(rr.toks[p].n) {
				return 0, false
			}
		}
		if role == colNote && nameNumbering.MatchString(t.n) {
			return 0, false // 指标9：… opens the next row, it is no remark
		}
		sc := 0.2 - 0.05*float64(b-a-1)
		if role == colExplain && utf8.RuneCountInString(rr.spanRaw(a, b)) > 20 {
			sc += 0.6
		}
		if role == colNote && t.run && !t.is(tkDash) {
			sc = -0.2 // in run-together text a remark is rare; the next row's name is not
		}
		return sc, true
	}
}

// afterLevel1Cell reports whether toks[a] is a short cell of words right after the 一级 cell
// that opens its row, its points written (满意度指标(10分) | 读者 | 在网络上设置…): where a 一级
// opens a row its 二级 cell follows, whatever it reads.
func (rr *rowReader) afterLevel1Cell(a int) bool {
	t := &rr.toks[a]
	if !rr.cellMode || t.run || a == 0 || !t.is(tkText) || t.is(tkLevel|tkHead|tkField|tkFunds|tkTotal) ||
		utf8.RuneCountInString(t.n) > maxLevel2Cell || hasDigit(t.n) || !hasHan(t.n) {
		return false
	}
	p := &rr.toks[a-1]
	if !p.first || p.line != t.line || !p.is(tkLevel) || p.level&1 == 0 || !pointsSuffix.MatchString(p.raw) {
		return false
	}
	return a+1 < len(rr.toks) && rr.toks[a+1].line == t.line
}

// maxLevel2Cell is the longest 二级 cell (in runes) afterLevel1Cell takes.
const maxLevel2Cell = 8

// isSerial reports whether toks[p] is a row number: a small whole number starting a line of
// a table whose header has a 序号 column.
func (rr *rowReader) isSerial(p int) bool {
	t := &rr.toks[p]
	if !rr.serials || !t.first || !t.is(tkNum) || t.run || !t.q.v.IsInteger() || t.q.dec > 0 {
		return false
	}
	if p+1 >= len(rr.toks) || rr.toks[p+1].first {
		return false // a number alone on its line is a cell that went on, not a row's number
	}
	return t.q.v.IsPositive() && t.q.v.LessThan(decimal.NewFromInt(1000))
}

// clauseOf is a name's tokens [a, b) with what follows them in their clause of run-together
// text, up to the next ；or 。 and at most a few characters on: 达到指标值，记满分； is a clause
// of a scoring rule whose words fall in different tokens. For cells it is the span's text.
func (rr *rowReader) clauseOf(a, b int, span string) string {
	const after = 6
	first, last := &rr.toks[a], &rr.toks[b-1]
	if !first.run || !last.run || first.line != last.line || first.line >= len(rr.lines) {
		return span
	}
	raw := rr.lines[first.line].raw
	if first.pos > last.end || last.end > len(raw) {
		return span
	}
	end := min(len(raw), last.end+after)
	for k := last.end; k < end; k++ {
		if raw[k] == '；' || raw[k] == ';' || raw[k] == '。' {
			end = k
			break
		}
	}
	return string(raw[first.pos:end])
}

// nameLengthCost is what a long name costs: an indicator's name is a phrase, not the
// sentences of a scoring rule.
func nameLengthCost(name string) float64 {
	n := utf8.RuneCountInString(name)
	c := 0.0
	if n > 30 {
		c += 0.05 * float64(n-30)
	}
	if strings.ContainsAny(name, "。；;") {
		c += 0.8
	}
	return c
}

// pointsValue reports whether a number can be a weight or a score: 0 to 100 points.
func pointsValue(q evalNum) bool {
	return q.ok && !q.v.IsNegative() && q.v.LessThanOrEqual(decimal.NewFromInt(100)) && (q.unit == "" || q.unit == "分")
}

type cutFill struct {
	fills []fill
	score float64
}

// cutFills lists the ways token toks[p] of run-together text, cut into several numbers
// (or a repeated text into its halves), fills slots s, s+1, ….
func (rr *rowReader) cutFills(s, p int) []cutFill {
	t := &rr.toks[p]
	var out []cutFill
	for _, cut := range t.cuts {
		k := len(cut)
		if k < 2 || s+k > len(rr.slots) {
			continue
		}
		sc, ok := 0.0, true
		fills := make([]fill, k)
		for x, n := range cut {
			v, good := rr.numScore(s+x, n)
			if !good {
				ok = false
				break
			}
			sc += v + niceness(n)
			if n.v.IsZero() && x > 0 && !cut[0].v.IsZero() {
				sc -= 1.5 // a 0 cut out of a run is more likely a digit of a number
			}
			n := n
			fills[x] = fill{a: p, b: p + 1, num: &n, cut: true}
		}
		if !ok {
			continue
		}
		// equal neighbours (分值 = 得分, 指标值 = 完成值) are the usual case
		for x := 1; x < k; x++ {
			if cut[x].v.Equal(cut[x-1].v) {
				sc += 0.3
			}
		}
		per := 1.5 // a number that reads as one is seldom two cells
		if t.glued {
			per = 0.3 // one that does not must be cut
		}
		out = append(out, cutFill{fills: fills, score: sc - per*float64(k-1)})
	}
	if t.run && t.is(tkText) && s+2 <= len(rr.slots) {
		r0, r1 := rr.slots[s].role, rr.slots[s+1].role
		if h1, h2, ok := textHalves(t.raw); ok && r0 == colTarget && r1 == colActual {
			out = append(out, cutFill{fills: []fill{{a: p, b: p + 1, text: h1, cut: true}, {a: p, b: p + 1, text: h2, cut: true}}, score: 2.2})
		}
		if v, rest, ok := rr.el.valueHead(t.raw); ok && r0 == colTarget && r1 == colActual {
			// 是基本达到: the target 是 and the actual 基本达到, glued
			out = append(out, cutFill{fills: []fill{{a: p, b: p + 1, text: v, cut: true}, {a: p, b: p + 1, text: rest, cut: true}}, score: 2.0})
		}
	}
	return out
}

// numScore scores one number cut out of a token in slot s.
func (rr *rowReader) numScore(s int, n evalNum) (float64, bool) {
	switch rr.slots[s].role {
	case colWeight, colScore:
		if pointsValue(n) {
			return 1.8, true
		}
	case colTarget, colActual, colTargetAdj:
		return 1.0, true
	case colCoef:
		return 0.4, true
	}
	return 0, false
}

func hasDigit(s string) bool {
	for _, r := range s {
		if isDigit(r) {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !isHan(r) {
			return true
		}
	}
	return false
}

// spanRaw is tokens [a, b) as written: the text of their line between them when they were
// cut out of one line, else the cells joined.
func (rr *rowReader) spanRaw(a, b int) string {
	if b <= a {
		return ""
	}
	first, last := &rr.toks[a], &rr.toks[b-1]
	if first.run && last.run && first.line == last.line && first.line < len(rr.lines) {
		raw := rr.lines[first.line].raw
		if first.pos <= last.end && last.end <= len(raw) {
			return strings.TrimSpace(string(raw[first.pos:last.end]))
		}
	}
	var parts []string
	for p := a; p < b; p++ {
		if t := rr.toks[p].raw; t != "" {
			parts = append(parts, t)
		}
	}
	sep := ""
	if !first.run {
		sep = " "
	}
	return strings.Join(parts, sep)
}

// fillText is what a fill holds as written.
func (rr *rowReader) fillText(f fill) string {
	switch {
	case f.a < 0:
		return ""
	case f.text != "":
		return f.text
	case f.num != nil:
		return numText(*f.num)
	}
	return rr.spanRaw(f.a, f.b)
}

// numText writes a number cut out of a token back as text.
func numText(n evalNum) string {
	cmp := map[string]string{">=": "≥", "<=": "≤"}[n.cmp]
	if cmp == "" {
		cmp = n.cmp
	}
	return cmp + n.digits + n.unit
}

// fillNum is the number a fill holds, if it holds one token that is a number.
func (rr *rowReader) fillNum(f fill) (evalNum, bool) {
	switch {
	case f.a < 0 || f.text != "":
		return evalNum{}, false
	case f.num != nil:
		return *f.num, true
	case f.b == f.a+1 && rr.toks[f.a].is(tkNum|tkQty):
		t := &rr.toks[f.a]
		if t.cuts != nil && len(t.cuts[0]) > 1 {
			return evalNum{}, false
		}
		return t.q, t.q.ok
	}
	return evalNum{}, false
}
