package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/parse"
)

// A self-evaluation table that is not a clean grid — a table copied out of a web page or a
// PDF: one cell per line, |-rows that lose their merged cells, cells run together with or
// without spaces — is read as a stream of tokens: each cell of a table or |-line is one
// token, and a line of plain text is cut into tokens at white space, at the table's own
// words (一级指标, 数量指标, 年度资金总额 …) and where numbers meet text. The readers of
// evalstream.go then find the headers in the stream and parse the rows under them.

// tokKind is what a token looks like; a token may be several kinds at once.
type tokKind uint16

const (
	tkBlank tokKind = 1 << iota // an empty cell
	tkNum                       // a bare number (12, 12.5), or a number of points (12分)
	tkQty                       // a number with a unit, a comparator or a percent sign
	tkPct                       // a percentage (95%)
	tkText                      // anything else
	tkLevel                     // a 一级 or 二级 indicator as tables write them (level says which)
	tkHead                      // a column header (col says which)
	tkFunds                     // a funds row label (src says which)
	tkField                     // a label of the form's head (src says which)
	tkTotal                     // the label of the total row
	tkGrade                     // a grade (优, 良, 中, 差)
	tkDash                      // a placeholder: —, -, /, 无
	tkTitle                     // the title of a self-evaluation table
	tkNote                      // a line on how points are given (评分说明): no name, no value
)

// etok is one token of the stream.
type etok struct {
	raw   string // as written
	n     string // normalised (evalLexicon.norm)
	kind  tokKind
	col   colRole // tkHead
	level int     // tkLevel: 1, 2 or 3 (both)
	src   string  // tkFunds: the source; tkField: the field; tkGrade: the grade; tkTitle: the scope
	q     evalNum // tkNum, tkQty, tkPct
	loc   string
	line  int  // the line (or table row) it came from
	first bool // the first token of its line
	run   bool // cut out of run-together text: its neighbours on the line may belong to one cell
	// cuts are the ways a number of run-together text may be cut into the numbers of
	// several cells (see numCuts); nil for a cell.
	cuts [][]evalNum
	// glued is set when the number is none as it stands (12.512.5, 90%10): it must be cut.
	glued bool
	// pos and end are the token's rune offsets in its line's raw text (run tokens), so that a
	// span of tokens reads back as written, spaces included.
	pos, end int
}

func (t *etok) is(k tokKind) bool { return t.kind&k != 0 }

// evalNum is the number a token states: its value, decimals, comparator and unit.
type evalNum struct {
	v    decimal.Decimal
	dec  int
	cmp  string // >=, <=, =, >, <, or ""
	unit string // as written: %, 万元, 个 …; "" when bare
	ok   bool
	// digits is the number as written without separators, for splitting numbers run together.
	digits string
}

// evalLine is one line of the stream: its raw text (run lines) and tokens.
type streamLine struct {
	raw  []rune
	toks []etok
}

// stream is the token stream of a document and the lines it came from.
type stream struct {
	toks  []etok
	lines []streamLine
	// cellLines is the share of lines that were split into cells (| rows, tables): their
	// line breaks mean rows; in a stream of single cells per line they mean nothing.
	cellMode bool
}

// buildStream makes the token stream of a document's blocks.
func (el *evalLexicon) buildStream(blocks []parse.Block) *stream {
	s := &stream{}
	cells, lines := 0, 0
	for _, b := range blocks {
		switch b.Kind {
		case parse.Table:
			for r, row := range b.Cells {
				var toks []etok
				for c, cell := range row {
					if cell.Merged {
						continue
					}
					toks = append(toks, el.cellToken(cell.Text, parse.CellLocation(b.Index, r+1, c+1)))
				}
				toks = trimBlanks(toks)
				if len(toks) > 0 {
					s.addLine(nil, toks)
					cells += len(toks)
					lines++
				}
			}
		case parse.Paragraph:
			text := strings.TrimSpace(b.Text)
			if text == "" || pageNumber.MatchString(text) {
				continue // a page mark between two rows of a table cut by a page
			}
			loc := b.Location()
			var toks []etok
			if strings.Contains(text, "|") {
				parts := strings.Split(text, "|")
				if strings.HasPrefix(text, "|") {
					parts = parts[1:]
				}
				for _, p := range parts {
					toks = append(toks, el.cellToken(p, loc))
				}
				toks = trimBlanks(toks)
				cells += len(toks)
				lines++
				s.addLine(nil, toks)
				continue
			}
			raw := []rune(text)
			if note := el.ruleNote(text); note || proseLike(text, len(raw)) {
				// a sentence of the report with no word of a table, or a note on scoring: one
				// token, not cut
				kind := tkText
				if note {
					kind |= tkNote
				}
				s.addLine(raw, []etok{{raw: text, n: el.norm(text), kind: kind, loc: loc, run: true, end: len(raw)}})
				continue
			}
			toks = el.lexRun(raw, loc)
			s.addLine(raw, toks)
		}
	}
	s.cellMode = lines > 0 && cells >= 2*lines
	s.joinSplitWords(el)
	s.fuzzyHeaders(el)
	return s
}

// joinSplitWords joins a table word a line break cut in two (经济效益 / 指标, 满意度 / 指标):
// two short tokens of consecutive lines that read as a level or a header together.
func (s *stream) joinSplitWords(el *evalLexicon) {
	out := s.toks[:0]
	for k := 0; k < len(s.toks); k++ {
		t := s.toks[k]
		if k+1 < len(s.toks) {
			u := &s.toks[k+1]
			if u.first && u.line == t.line+1 && t.is(tkText) && u.is(tkText) &&
				utf8.RuneCountInString(t.n) <= 6 && utf8.RuneCountInString(u.n) <= 4 {
				j := el.cellToken(t.raw+u.raw, t.loc)
				if j.is(tkLevel | tkHead) {
					j.line, j.first, j.run, j.pos, j.end = t.line, t.first, false, t.pos, t.end
					out = append(out, j)
					k++
					continue
				}
			}
		}
		out = append(out, t)
	}
	s.toks = out
}

func (s *stream) addLine(raw []rune, toks []etok) {
	if len(toks) == 0 {
		return
	}
	n := len(s.lines)
	for i := range toks {
		toks[i].line = n
		toks[i].first = i == 0
	}
	s.lines = append(s.lines, streamLine{raw: raw, toks: toks})
	s.toks = append(s.toks, toks...)
}

// tableWords are words that one cell or another of a self-evaluation table has; a long line
// of sentences without any of them is prose.
var tableWords = []string{"指标", "指標", "分值", "得分", "资金总额", "資金總額", "执行数", "执行率", "總分", "总分",
	"项目名称", "項目名稱", "完成值", "满意度", "滿意度"}

// proseLike reports whether a line is a sentence of the report rather than a row or a cell of
// a table: long, with sentence punctuation, and none of tableWords.
func proseLike(text string, n int) bool {
	if n < 60 || !strings.Contains(text, "。") {
		return false
	}
	for _, w := range tableWords {
		if strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// pageChunk is the mark a document-sharing site puts before each page's text (1、 2、).
var pageChunk = regexp.MustCompile(`^\d{1,2}、`)

// trimBlanks drops the empty cells at the end of a row (the padding of a |-line) and the
// blank cell before its first |.
func trimBlanks(toks []etok) []etok {
	for len(toks) > 0 && toks[len(toks)-1].is(tkBlank) {
		toks = toks[:len(toks)-1]
	}
	return toks
}

// cellToken makes the token of one whole cell.
func (el *evalLexicon) cellToken(text, loc string) etok {
	raw := strings.TrimSpace(text)
	t := etok{raw: raw, n: el.norm(raw), loc: loc}
	el.classify(&t)
	return t
}

// classify sets a token's kinds from its text.
func (el *evalLexicon) classify(t *etok) {
	n := t.n
	if n == "" {
		t.kind = tkBlank
		return
	}
	if isDash(n) {
		t.kind = tkDash
		return
	}
	if q, ok := parseEvalNum(n); ok {
		t.q = q
		switch {
		case q.unit == "%":
			t.kind = tkQty | tkPct
		case q.unit == "分" && q.cmp == "":
			t.kind = tkNum | tkQty
		case q.unit == "" && q.cmp == "":
			t.kind = tkNum
		default:
			t.kind = tkQty
		}
		return
	}
	t.kind = tkText
	if l := el.level(n); l != 0 {
		t.kind |= tkLevel
		t.level = l
	}
	if c := el.col(n); c != colNone {
		t.kind |= tkHead
		t.col = c
	}
	if s := el.fundsSource(n); s != "" {
		t.kind |= tkFunds
		t.src = s
	}
	if f := el.field(n); f != "" {
		t.kind |= tkField
		t.src = f
	}
	if el.isTotal(n) {
		t.kind |= tkTotal
	}
	if g := el.grade(n); g != "" && utf8.RuneCountInString(n) <= 4 {
		t.kind |= tkGrade
		t.src = g
	}
	if sc := titleScope(n); sc != "" {
		t.kind |= tkTitle
		t.src = sc
	}
}

// titleScope tells a self-evaluation table's title (…项目支出绩效自评表, 部门整体支出绩效自评表):
// ScopeProject or ScopeDepartment, or "" when the text is no such title.
func titleScope(n string) string {
	if utf8.RuneCountInString(n) > 80 || !strings.Contains(n, "自评表") && !strings.Contains(n, "评价表") {
		return ""
	}
	if strings.Contains(n, "部门整体") || strings.Contains(n, "整体支出") || strings.Contains(n, "部门绩效") {
		return ScopeDepartment
	}
	return ScopeProject
}

// isDash reports whether a normalised cell is a placeholder for "none": —, --, /, 无.
func isDash(n string) bool {
	switch n {
	case "无", "/", "\\", "／":
		return true
	}
	for _, r := range n {
		if !strings.ContainsRune("-—–―_", r) {
			return false
		}
	}
	return true
}

// comparators are the signs and words before a target value, longest first, with the
// comparator they mean.
var comparators = []struct{ text, cmp string }{
	{"大于或等于", ">="}, {"小于或等于", "<="}, {"大于等于", ">="}, {"小于等于", "<="},
	{"不少于", ">="}, {"不低于", ">="}, {"不小于", ">="}, {"不多于", "<="}, {"不高于", "<="}, {"不超过", "<="}, {"不大于", "<="},
	{"至少", ">="}, {"达到", ">="}, {"大于", ">"}, {"小于", "<"}, {"高于", ">"}, {"低于", "<"}, {"等于", "="}, {"超过", ">"},
	{">=", ">="}, {"<=", "<="}, {"≥", ">="}, {"≤", "<="}, {"≧", ">="}, {"≦", "<="}, {"⩾", ">="}, {"⩽", "<="},
	{"＞", ">"}, {"＜", "<"}, {">", ">"}, {"<", "<"}, {"=", "="}, {"＝", "="}, {"═", "="}, {"==", "="},
}

// comparatorRunes are the comparators as runes, and the runes a comparator may start with.
var comparatorRunes, comparatorFirst = func() ([][]rune, map[rune]bool) {
	out := make([][]rune, len(comparators))
	first := map[rune]bool{}
	for k, c := range comparators {
		out[k] = []rune(c.text)
		first[out[k][0]] = true
	}
	return out, first
}()

// comparatorAt returns the comparator starting at rs[i] and its length in runes.
func comparatorAt(rs []rune, i int) (string, int) {
	if i >= len(rs) || !comparatorFirst[rs[i]] {
		return "", 0
	}
	for k, cr := range comparatorRunes {
		if i+len(cr) > len(rs) {
			continue
		}
		match := true
		for x, r := range cr {
			if rs[i+x] != r {
				match = false
				break
			}
		}
		if match {
			return comparators[k].cmp, len(cr)
		}
	}
	return "", 0
}

// evalUnits are the units of indicator values and amounts, longest first.
var evalUnits = func() []string {
	us := strings.Fields(`万人次 个百分点 百分点 百分比 平方公里 平方米 立方米 公里 千米 厘米 毫米 公斤 千克 万元 亿元 千元 元/人 元/亩 元/吨 万粒 万株 万亩 万人
		人次 户次 家次 课时 学时 小时 分钟 工作日 个月 % ‰ 元 人 个 次 户 件 篇 份 亩 吨 米 天 日 年 月 项 家 所 台 辆 套 组 批 场 期 本 册 株 头 只 座 处 条 张 种 类 例 名 位 间 粒 分 部 起 棵 片 栋 块 宗 幅 册 幢 周 轮 届 万 TB GB m km kg t`)
	return us
}()

// evalUnitRunes are evalUnits as runes.
var evalUnitRunes = func() [][]rune {
	out := make([][]rune, len(evalUnits))
	for k, u := range evalUnits {
		out[k] = []rune(u)
	}
	return out
}()

// unitAt returns the unit starting at rs[i], or "".
func unitAt(rs []rune, i int) string {
	for k, ur := range evalUnitRunes {
		if i+len(ur) > len(rs) || rs[i] != ur[0] {
			continue
		}
		match := true
		for x, r := range ur {
			if rs[i+x] != r {
				match = false
				break
			}
		}
		if match {
			return evalUnits[k]
		}
	}
	return ""
}

// parseEvalNum reads a normalised cell that is one number: an optional comparator, the
// number (with thousands separators), an optional unit. Dates (2023年12月) are no numbers.
func parseEvalNum(n string) (evalNum, bool) {
	rs := []rune(n)
	q, end, ok := scanEvalNum(rs, 0)
	if !ok || end != len(rs) {
		return evalNum{}, false
	}
	return q, true
}

// scanEvalNum reads a number starting at rs[i]: [comparator] digits [unit]. It returns the
// number and the position after it.
func scanEvalNum(rs []rune, i int) (evalNum, int, bool) {
	var q evalNum
	j := i
	if c, l := comparatorAt(rs, j); l > 0 {
		q.cmp = c
		j += l
	}
	for j < len(rs) && rs[j] == ' ' {
		j++
	}
	k := j
	neg := false
	if k < len(rs) && (rs[k] == '-' || rs[k] == '+') && k+1 < len(rs) && isDigit(rs[k+1]) && q.cmp == "" {
		neg = rs[k] == '-'
		k++
	}
	start := k
	var digits strings.Builder
	dot := -1
	for k < len(rs) {
		r := rs[k]
		switch {
		case isDigit(r):
			digits.WriteRune(r)
			k++
			continue
		case r == '.' && dot < 0 && k+1 < len(rs) && isDigit(rs[k+1]) && k > start:
			dot = digits.Len()
			digits.WriteRune('.')
			k++
			continue
		case r == ',' && k > start && k+3 < len(rs)+1 && threeDigits(rs, k+1) && dot < 0:
			k++ // a thousands separator
			continue
		}
		break
	}
	if k == start {
		return evalNum{}, i, false
	}
	ds := digits.String()
	v, err := decimal.NewFromString(ds)
	if err != nil {
		return evalNum{}, i, false
	}
	if neg {
		v = v.Neg()
	}
	q.v, q.ok, q.digits = v, true, ds
	if dot >= 0 {
		q.dec = len(ds) - dot - 1
	}
	for k < len(rs) && rs[k] == ' ' && k+1 < len(rs) && (rs[k+1] == '%' || unitAt(rs, k+1) != "") {
		k++
	}
	if u := unitAt(rs, k); u != "" {
		q.unit = u
		k += len([]rune(u))
	}
	return q, k, true
}

func threeDigits(rs []rune, i int) bool {
	if i+3 > len(rs) {
		return false
	}
	for k := i; k < i+3; k++ {
		if !isDigit(rs[k]) {
			return false
		}
	}
	return i+3 == len(rs) || !isDigit(rs[i+3])
}

// numberToken makes the token of the number nr[i:end] of run-together text, with the ways
// it may be cut into the numbers of several cells when it is glued to its neighbours.
func (el *evalLexicon) numberToken(raw, nr []rune, i, end int, loc string) etok {
	if end+1 < len(nr) && nr[end] == ' ' && nr[end+1] == '分' && (end+2 == len(nr) || nr[end+2] == ' ') && isDigit(nr[end-1]) {
		end += 2 // 项目决策 2 分: points with a space before their 分
	}
	t := el.runToken(raw, i, end, loc)
	// a number with white space (or the line's end) on both sides is a cell of its own; one
	// glued to its neighbours may be several
	spaced := (i == 0 || nr[i-1] == ' ') && (end == len(nr) || nr[end] == ' ')
	whole := t.is(tkNum | tkQty)
	if !whole || !spaced && mayBeGlued(nr[i:end], &t) {
		t.cuts = blobCuts(nr[i:end])
	}
	if len(t.cuts) == 0 {
		t.glued = false
	}
	if len(t.cuts) > 0 && !whole {
		// numbers run together: a number of its own only once it is cut
		t.kind = tkQty
		t.q = t.cuts[0][0]
		t.glued = true
	}
	return t
}

// runNorm is a line of run-together text normalised rune for rune, so that offsets are shared
// with raw: spaces as ' ', full-width brackets and colons as ASCII, forms narrowed and
// simplified, a pinyin gloss's runes as glossRune, a sharing site's page mark as spaces.
func runNorm(raw []rune) []rune {
	// norm of each rune, one for one, so offsets are shared with raw
	nr := make([]rune, len(raw))
	for i, r := range raw {
		switch {
		case isSpace(r):
			nr[i] = ' '
		case r == '（':
			nr[i] = '('
		case r == '）':
			nr[i] = ')'
		case r == '：':
			nr[i] = ':'
		default:
			r = narrow(r)
			r = simplified(r)
			nr[i] = r
		}
	}
	// pinyin glosses (產(chǎn)) are no part of the words: matched as if they were not there
	for _, m := range pinyinGloss.FindAllStringIndex(string(nr), -1) {
		a := utf8.RuneCountInString(string(nr)[:m[0]])
		b := a + utf8.RuneCountInString(string(nr)[m[0]:m[1]])
		for k := a; k < b; k++ {
			nr[k] = glossRune
		}
	}
	// 2、 before a long line: the mark a document-sharing site puts before each page's text
	if m := pageChunk.FindString(string(nr)); m != "" && len(nr) > 100 {
		for k := range utf8.RuneCountInString(m) {
			nr[k] = ' '
		}
	}
	return nr
}

// lexRun cuts a line of plain text into tokens: at white space, around the table's own
// words, and where a number (with its comparator and unit) meets text. Dates and the
// numbering of a name (指标1, 1、) stay in the text.
func (el *evalLexicon) lexRun(raw []rune, loc string) []etok {
	nr := runNorm(raw)
	words := el.findRunWords(nr)
	var toks []etok
	textStart := -1
	flush := func(end int) {
		if textStart >= 0 && textStart < end {
			for _, cut := range doubledCells(nr, textStart, end) {
				toks = append(toks, el.runToken(raw, cut[0], cut[1], loc))
			}
		}
		textStart = -1
	}
	for i := 0; i < len(nr); {
		r := nr[i]
		if w := words[i]; w > 0 {
			flush(i)
			end := i + w
			end = extendLabel(nr, end)
			toks = append(toks, el.runToken(raw, i, end, loc))
			i = end
			continue
		}
		if r == ' ' {
			flush(i)
			i++
			continue
		}
		if r == '%' && (i == 0 || !isDigit(nr[i-1]) && nr[i-1] != '.') && i+1 < len(nr) && isHan(nr[i+1]) {
			// 利用率%定量指标: the unit column's %, between a name and its 指标性质
			flush(i)
			toks = append(toks, el.runToken(raw, i, i+1, loc))
			i++
			continue
		}
		if e := pointsInRule(nr, i); e > i {
			// 计 2 分，没有不得分: the points of a scoring rule, words of its sentence
			if textStart < 0 {
				textStart = i
			}
			i = e
			continue
		}
		if startsNumber(nr, i) && el.outcomeComparator(nr, i) {
			// 基本达到7: 达到 is a word of the outcome 基本达到, the 7 a number of its own
			if textStart < 0 {
				textStart = i
			}
			_, l := comparatorAt(nr, i)
			i += l
			continue
		}
		if startsNumber(nr, i) && (numberInText(nr, i, textStart) || numbering(nr, i) || isRange(nr, i) ||
			textStart >= 0 && el.quantityInTextAt(nr, i, words, toks)) {
			// the whole number is text: 指标12, (2016年度), 1、
			if textStart < 0 {
				textStart = i
			}
			for i < len(nr) && (isDigit(nr[i]) || nr[i] == '.' && i+1 < len(nr) && isDigit(nr[i+1])) {
				i++
			}
			continue
		}
		if startsNumber(nr, i) {
			if d := dateEnd(nr, i); d > i {
				if textStart < 0 {
					textStart = i
				}
				i = d
				continue
			}
			if end := el.blobEnd(nr, i, words); end > i && (!el.quantityInText(nr, i, end, words) || repeats(toks, nr[i:end])) {
				flush(i)
				t := el.numberToken(raw, nr, i, end, loc)
				toks = append(toks, t)
				i = t.end
				continue
			}
		}
		if textStart < 0 {
			textStart = i
		}
		i++
	}
	flush(len(nr))
	for k := range toks {
		toks[k].run = true
	}
	return toks
}

// blobEnd returns the end of the number starting at nr[i] in run-together text: its
// comparator, every digit, point, comma and percent sign glued to it, and the unit after.
func (el *evalLexicon) blobEnd(nr []rune, i int, words map[int]int) int {
	k := i
	if _, l := comparatorAt(nr, k); l > 0 {
		k += l
		for k < len(nr) && nr[k] == ' ' && !isHan(nr[i]) {
			k++
		}
	}
	start := k
	for k < len(nr) && (isDigit(nr[k]) || nr[k] == '%' || (nr[k] == '.' || nr[k] == ',') && k+1 < len(nr) && isDigit(nr[k+1])) {
		k++
	}
	if k == start {
		return i
	}
	if u := unitAt(nr, k); u != "" && u != "%" && words[k] == 0 && el.runWordAt(nr, k) <= len([]rune(u)) {
		k += len([]rune(u)) // not the first character of a table word (10098项目名称, 4项目立项)
	}
	return k
}

// mayBeGlued reports whether a token that reads as one number may still be several run
// together: not a value after a comparator (≥266米), not a number of one or two digits.
func mayBeGlued(b []rune, t *etok) bool {
	if t.q.cmp != "" {
		return false
	}
	if len(b) >= 2 && b[0] == '0' && isDigit(b[1]) {
		t.glued = true // 00 is 0 and 0
		return true
	}
	digits := 0
	for _, r := range b {
		if isDigit(r) {
			digits++
		}
	}
	return digits >= 3
}

// blobCuts returns the ways a number of run-together text (comparator, digits, unit) may be
// cut into numbers, or nil when it is a single number that cannot be cut.
func blobCuts(b []rune) [][]evalNum {
	cmp, l := comparatorAt(b, 0)
	k := l
	for k < len(b) && b[k] == ' ' {
		k++
	}
	e := k
	for e < len(b) && (isDigit(b[e]) || b[e] == '%' || b[e] == '.' || b[e] == ',') {
		e++
	}
	unit := string(b[e:])
	cuts := numCuts(b[k:e], unit, cmp)
	if len(cuts) == 1 && len(cuts[0]) == 1 {
		return nil
	}
	return cuts
}

// findRunWords finds the table words of a line of run-together text: at each position the
// longest, left to right. A column header (指标值, 完成值) counts only beside another table
// word, as headers stand in a row: alone it is a word of a sentence (完成值达到指标值，记满分).
// It returns the length of the word starting at each position (0: none).
func (el *evalLexicon) findRunWords(nr []rune) map[int]int {
	type hit struct{ at, n int }
	var hits []hit
	for i := 0; i < len(nr); {
		if w := el.runWordAt(nr, i); w > 0 {
			// a word matched across a space, glued to the text before it, whose part after the
			// space is a word of its own: the part before ends that text (委托业务项目 主管部门);
			// not after a word (效益指标经济 效益 指标 is a level and its sub-level)
			if i > 0 && isHan(nr[i-1]) && !(len(hits) > 0 && hits[len(hits)-1].at+hits[len(hits)-1].n == i) {
				if sp := slices.Index(nr[i:i+w], ' '); sp > 0 {
					k := i + sp
					for k < i+w && nr[k] == ' ' {
						k++
					}
					if w2 := el.runWordAt(nr, k); k+w2 == i+w {
						i = k
						continue
					}
				}
			}
			hits = append(hits, hit{i, w})
			i += w
			continue
		}
		i++
	}
	headerOnly := func(h hit) bool {
		w := string(nr[h.at : h.at+h.n])
		_, col := el.cols[w]
		return col && !el.level1[w] && !el.level2[w] && el.funds[w] == "" && el.fields[w] == "" && !el.totals[w]
	}
	near := func(a, b hit) bool {
		gap := 0
		lo, hi := a.at+a.n, b.at
		if b.at < a.at {
			lo, hi = b.at+b.n, a.at
		}
		for k := lo; k < hi; k++ {
			if nr[k] != ' ' && nr[k] != '(' && nr[k] != ')' {
				gap++
			}
		}
		return gap <= 3
	}
	// a level that does not end in 指标 (项目产出) is a word of the text unless its points follow
	bareLevel := func(h hit) bool {
		w := string(nr[h.at : h.at+h.n])
		_, col := el.cols[w]
		return (el.level1[w] || el.level2[w]) && !strings.HasSuffix(w, "指标") && !col && el.funds[w] == "" && el.fields[w] == "" && !el.totals[w]
	}
	// gluedBoth reports whether hit k has text on both sides, ideographs of no other hit
	gluedBoth := func(k int, h hit) bool {
		left := h.at > 0 && isHan(nr[h.at-1]) && !(k > 0 && hits[k-1].at+hits[k-1].n == h.at)
		right := h.at+h.n < len(nr) && isHan(nr[h.at+h.n]) && !(k+1 < len(hits) && hits[k+1].at == h.at+h.n)
		return left && right
	}
	// a funds label glued to words on both sides is words of a sentence (收到上级资金后拨付)
	inSentence := func(k int, h hit) bool {
		w := string(nr[h.at : h.at+h.n])
		_, col := el.cols[w]
		if el.funds[w] == "" || col || el.level1[w] || el.level2[w] || el.fields[w] != "" || el.totals[w] {
			return false
		}
		return gluedBoth(k, h)
	}
	// a word both a level and a field of the form's head (绩效目标), glued to words on both
	// sides after the indicator header (三级指标…是否完成绩效目标申报表中…), is words of a name
	inBody := func(k int, h hit) bool {
		w := string(nr[h.at : h.at+h.n])
		if _, col := el.cols[w]; col || el.fields[w] == "" || !el.level1[w] && !el.level2[w] || el.funds[w] != "" || el.totals[w] {
			return false
		}
		if !gluedBoth(k, h) {
			return false
		}
		for _, p := range hits[:k] {
			if c, ok := el.cols[string(nr[p.at:p.at+p.n])]; ok && (c == colName || c == colLevel2) {
				return true
			}
		}
		return false
	}
	out := map[int]int{}
	for k, h := range hits {
		if headerOnly(h) && !(k > 0 && near(hits[k-1], h) || k+1 < len(hits) && near(h, hits[k+1])) {
			continue
		}
		if headerOnly(h) && el.inRuleClause(nr, h.at, h.at+h.n) {
			continue // 完成值达到指标值,记满分;: words of a scoring rule, no header
		}
		if bareLevel(h) && !levelPoints.MatchString(string(nr[h.at+h.n:min(len(nr), h.at+h.n+8)])) && !opensNumbered(nr, h.at+h.n) &&
			!(k > 0 && el.afterLevel1(nr, hits[k-1].at, hits[k-1].n, h.at) && el.level2[string(nr[h.at:h.at+h.n])]) {
			continue
		}
		if inSentence(k, h) || inBody(k, h) || inBrackets(nr, h.at, h.at+h.n) {
			continue
		}
		out[h.at] = h.n
	}
	return out
}

// inRuleClause reports whether nr[a:b] stands in a clause of a scoring rule: back to the
// last mark or number before it, on to the next ；or 。 (at most ruleClauseReach runes), a
// text holding a word of a rule (记满分, 扣分).
func (el *evalLexicon) inRuleClause(nr []rune, a, b int) bool {
	lo := a
	for lo > 0 && a-lo < ruleClauseReach && !strings.ContainsRune(",，;；。:：", nr[lo-1]) && !isDigit(nr[lo-1]) && nr[lo-1] != ' ' {
		lo--
	}
	hi, closed := b, false
	for hi < len(nr) && hi-b < ruleClauseReach {
		if strings.ContainsRune(";；。", nr[hi]) {
			closed = true
			break
		}
		hi++
	}
	return closed && el.scoringRule(string(nr[lo:hi]))
}

// ruleClauseReach bounds inRuleClause on each side, in runes.
const ruleClauseReach = 30

// afterLevel1 reports whether the word nr[at:at+n] is a 一级 level and the next word starts
// at next right after it and its points (项目决策(10分)项目目标完整性): the first row of a level
// writes its 二级 level next, so a level there is one even without 指标 or points.
func (el *evalLexicon) afterLevel1(nr []rune, at, n, next int) bool {
	if !el.level1[string(nr[at:at+n])] {
		return false
	}
	end := at + n
	if m := levelPoints.FindString(string(nr[end:min(len(nr), end+8)])); m != "" {
		end += utf8.RuneCountInString(m)
	}
	return end == next
}

// inBrackets reports whether nr[a:b] stands inside a bracket that qualifies the word before
// it, 结余率(计算方法为:结余数/预算数): the bracket opens right after an ideograph at most
// bracketReach runes before a and closes at most bracketReach runes after b, with no bracket
// between. A table word there is a word of the cell's text.
func inBrackets(nr []rune, a, b int) bool {
	open := -1
	for k := a - 1; k >= 0 && k >= a-bracketReach; k-- {
		if nr[k] == ')' {
			return false
		}
		if nr[k] == '(' {
			open = k
			break
		}
	}
	if open < 1 || !isHan(nr[open-1]) {
		return false
	}
	for k := b; k < len(nr) && k < b+bracketReach; k++ {
		switch nr[k] {
		case ')':
			return true
		case '(':
			return false
		}
	}
	return false
}

// bracketReach is how far inBrackets looks for the brackets around a word, in runes.
const bracketReach = 16

// levelPoints is a level's points right after it in run-together text: (40分).
var levelPoints = regexp.MustCompile(`^\s*\(\s*\d+(?:\.\d+)?\s*分\s*\)`)

// doubledCells cuts nr[a:b] of run-together text where it ends in one word written twice
// (高高, 合格合格, 已完成已完成): a target and an actual value that agree, two cells with no space
// between them; whatever stands before them is a cell of its own. It returns the spans of
// the cells, [a, b) itself when the text ends in no such pair.
func doubledCells(nr []rune, a, b int) [][2]int {
	for w := 1; w <= maxDoubled && b-2*w >= a; w++ {
		m := b - w
		if !slices.Equal(nr[m-w:m], nr[m:b]) || !allHan(nr[m:b]) {
			continue
		}
		if m-w > a {
			return [][2]int{{a, m - w}, {m - w, m}, {m, b}}
		}
		return [][2]int{{a, m}, {m, b}}
	}
	return [][2]int{{a, b}}
}

// maxDoubled is the longest value (in runes) doubledCells looks for written twice.
const maxDoubled = 6

// allHan reports whether rs are all ideographs.
func allHan(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// runToken makes the token of raw[a:b] cut out of run-together text.
func (el *evalLexicon) runToken(raw []rune, a, b int, loc string) etok {
	t := el.cellToken(string(raw[a:b]), loc)
	t.pos, t.end = a, b
	return t
}

// glossRune stands for the runes of a pinyin gloss in a line being cut: matching passes
// over them.
const glossRune = '\uFFFF'

// runWordAt returns the length in runes (glosses inside included) of the longest table word
// at nr[i], or 0.
func (el *evalLexicon) runWordAt(nr []rune, i int) int {
	if nr[i] == glossRune || nr[i] == ' ' {
		return 0
	}
	fallback := 0
	for _, w := range el.byFirst[nr[i]] {
		k := i
		match := true
		for _, r := range w {
			// glosses, and spaces a copied table put between the characters of a cell (数量 指标)
			for k < len(nr) && (nr[k] == glossRune || nr[k] == ' ' && k > i) {
				k++
			}
			if k >= len(nr) || nr[k] != r {
				match = false
				break
			}
			k++
		}
		if match {
			for k < len(nr) && nr[k] == glossRune {
				k++
			}
			if fallback == 0 && strings.HasSuffix(string(w), "指标") && numberedName(nr, k) {
				// 生态效益指标1病害减少: the 指标 opens a numbered name (指标1…) after a level
				// written without it; a shorter word, if any, is the level
				fallback = k - i
				continue
			}
			return k - i
		}
	}
	return fallback
}

// opensNumbered reports whether nr[k:] is a numbered name opened by 指标 (指标1病害减少): a
// level written without 指标 right before it is a level, not a word of the text.
func opensNumbered(nr []rune, k int) bool {
	return k+2 < len(nr) && nr[k] == '指' && nr[k+1] == '标' && numberedName(nr, k+2)
}

// numberedName reports whether nr[k:] goes on as the number of a name that 指标 before it
// opens: digits, then an ideograph or a colon (指标1病害减少, 指标12：).
func numberedName(nr []rune, k int) bool {
	d := k
	for d < len(nr) && d-k < 2 && nr[d] >= '0' && nr[d] <= '9' {
		d++
	}
	return d > k && d < len(nr) && (isHan(nr[d]) || nr[d] == ':' || nr[d] == '：')
}

// extendLabel extends a table word over the bracket and colon after it: 产出指标(50分),
// 执行率(B/A), 年度资金总额:.
func extendLabel(nr []rune, end int) int {
	for end < len(nr) {
		switch nr[end] {
		case '(':
			k := end + 1
			for k < len(nr) && k-end <= 12 && nr[k] != ')' && nr[k] != '(' {
				k++
			}
			if k < len(nr) && nr[k] == ')' {
				end = k + 1
				continue
			}
		case ':':
			end++
			continue
		}
		break
	}
	return end
}

// startsNumber reports whether a number (or a comparator before one) starts at nr[i].
func startsNumber(nr []rune, i int) bool {
	if isDigit(nr[i]) {
		return true
	}
	if c, l := comparatorAt(nr, i); c != "" {
		k := i + l
		for k < len(nr) && nr[k] == ' ' && !isHan(nr[i]) {
			k++ // a sign may stand apart from its number (≥ 95%), a word (达到) may not
		}
		return k < len(nr) && isDigit(nr[k])
	}
	return false
}

// outcomeComparator reports whether the comparator word at nr[i] (达到) follows a word of
// degree glued before it (基本达到, 未达到, 均达到): the words of an outcome, not the sign
// of the number after it.
func (el *evalLexicon) outcomeComparator(nr []rune, i int) bool {
	if !isHan(nr[i]) {
		return false
	}
	for _, d := range el.degrees {
		dr := []rune(d)
		if i >= len(dr) && string(nr[i-len(dr):i]) == d {
			return true
		}
	}
	return false
}

// numberInText reports whether the number at nr[i] belongs to the text before it: the
// numbering of an indicator (指标1, 指标12:), a number glued into a word after a hyphen
// (0-6岁), or a digit after a letter (5G, WIFI6).
// pointsInRule returns the end of the 分 after the number at nr[i] when a sentence's
// punctuation follows it (2 分，没有不得分; 扣 0.5 分；), else i.
func pointsInRule(nr []rune, i int) int {
	if !isDigit(nr[i]) || i > 0 && (isDigit(nr[i-1]) || nr[i-1] == '.') {
		return i
	}
	k := i
	for k < len(nr) && (isDigit(nr[k]) || nr[k] == '.' && k+1 < len(nr) && isDigit(nr[k+1])) {
		k++
	}
	for k < len(nr) && nr[k] == ' ' && k-i < 6 {
		k++
	}
	if k+1 < len(nr) && nr[k] == '分' && strings.ContainsRune(",;。，；、", nr[k+1]) {
		return k + 1
	}
	return i
}

func numberInText(nr []rune, i, textStart int) bool {
	if i == 0 || textStart < 0 {
		return false
	}
	prev := nr[i-1]
	if prev == '-' || prev == '~' || prev == '(' || unicode.IsLetter(prev) && prev < 0x80 {
		return true
	}
	if i >= 3 && nr[i-1] == ':' && isDigit(nr[i-2]) {
		// 指标9:0-6岁…: a number right after the numbering of a name
		k := i - 2
		for k > 0 && isDigit(nr[k-1]) {
			k--
		}
		if k >= 2 && string(nr[k-2:k]) == "指标" {
			return true
		}
	}
	if i >= 2 && string(nr[i-2:i]) == "指标" {
		// 指标1: or 指标1 followed by the name: the numbering of the row
		k := i
		for k < len(nr) && isDigit(nr[k]) && k-i < 2 {
			k++
		}
		return k < len(nr) && !isDigit(nr[k]) && (nr[k] == ':' || isHan(nr[k])) || yearAfterNumbering(nr, i)
	}
	return false
}

// yearAfterNumbering reports whether the digits at nr[i], right after 指标, are a one-digit
// numbering glued to a year that opens the name: 指标12021年11月底前完成 is 指标1, then
// 2021年….
func yearAfterNumbering(nr []rune, i int) bool {
	k := i + 1
	if k+4 >= len(nr) || nr[i] < '1' || nr[i] > '9' || nr[k+4] != '年' {
		return false
	}
	y := string(nr[k : k+4])
	return (strings.HasPrefix(y, "20") || strings.HasPrefix(y, "19")) && isDigit(nr[k+2]) && isDigit(nr[k+3])
}

// repeats reports whether the last token cut so far reads q: a target and an actual
// value that are the same (0起 0起) are two cells, whatever follows.
func repeats(toks []etok, q []rune) bool {
	return len(toks) > 0 && toks[len(toks)-1].n == string(q)
}

// isRange reports whether the number at nr[i] starts a range (0-6岁, 100-80%): text.
func isRange(nr []rune, i int) bool {
	k := i
	for k < len(nr) && (isDigit(nr[k]) || nr[k] == '.') {
		k++
	}
	return k > i && k+1 < len(nr) && (nr[k] == '-' || nr[k] == '~' || nr[k] == '—') && isDigit(nr[k+1])
}

// quantityInTextAt is quantityInText for the number starting at nr[i], unless it repeats the
// token before it (0起 0起: two cells).
func (el *evalLexicon) quantityInTextAt(nr []rune, i int, words map[int]int, toks []etok) bool {
	end := el.blobEnd(nr, i, words)
	return el.quantityInText(nr, i, end, words) && !repeats(toks, nr[i:end])
}

// quantityInText reports whether the quantity nr[i:end] is a word of the text it stands in:
// a count with a unit of Han characters, no comparator, and text right after it that is no
// table word (孕产妇7天访视数, 5000吨稻谷) — where a value would end its cell.
func (el *evalLexicon) quantityInText(nr []rune, i, end int, words map[int]int) bool {
	if end <= i || end >= len(nr) || !isHan(nr[end]) || words[end] > 0 {
		return false
	}
	if _, l := comparatorAt(nr, i); l > 0 {
		return false
	}
	k := i
	for k < end && (isDigit(nr[k]) || nr[k] == '.' || nr[k] == ',') {
		k++
	}
	if k == end || k == i {
		return false // a bare number (a score) before the next name
	}
	unit := string(nr[k:end])
	switch unit {
	case "万元", "元", "亿元", "千元", "%", "万":
		return false
	}
	for _, r := range unit {
		if !isHan(r) {
			return false
		}
	}
	// last, as it reads the clause: a value before a scoring rule's text (20场完成值达到指标值，
	// 记满分；) ends its cell
	return !el.inRuleClause(nr, end, end)
}

// numbering reports whether the digits at nr[i] number a point (1、, 2. followed by text).
func numbering(nr []rune, i int) bool {
	if i > 0 && nr[i-1] != ' ' {
		return false
	}
	k := i
	for k < len(nr) && isDigit(nr[k]) && k-i < 2 {
		k++
	}
	if k == i || k+1 >= len(nr) {
		return false
	}
	return (nr[k] == '、' || nr[k] == '.' || nr[k] == ')') && isHan(nr[k+1])
}

// dateEnd returns the end of a date starting at nr[i] (2023年, 2023年12月, 12月30日, 12月底),
// or i when there is none.
func dateEnd(nr []rune, i int) int {
	k := i
	for k < len(nr) && isDigit(nr[k]) {
		k++
	}
	n := k - i
	if k >= len(nr) {
		return i
	}
	switch {
	case n == 4 && nr[k] == '年' && (nr[i] == '1' || nr[i] == '2'):
		k++
	case n == 4 && (nr[k] == '.' || nr[k] == '-' || nr[k] == '/') && k+1 < len(nr) && isDigit(nr[k+1]):
		y, _ := strconv.Atoi(string(nr[i:k]))
		if y < 1990 || y > 2100 {
			return i
		}
		k++
		for k < len(nr) && (isDigit(nr[k]) || nr[k] == '.' || nr[k] == '-' || nr[k] == '/') {
			k++
		}
		return k
	case n <= 2 && nr[k] == '月':
		k++
	default:
		return i
	}
	// further parts: 12月, 30日, 底, 前
	for k < len(nr) {
		j := k
		for j < len(nr) && isDigit(nr[j]) && j-k < 2 {
			j++
		}
		if j > k && j < len(nr) && (nr[j] == '月' || nr[j] == '日' || nr[j] == '号') {
			k = j + 1
			continue
		}
		break
	}
	return k
}
