package parse

import (
	"bytes"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// This file interprets a page's content streams for the text they show (ISO 32000-1 section
// 9.4), following text and graphics state so that every piece of text has a position, and
// lays the pieces out in lines.

// Layout thresholds, in units of the font size.
const (
	pdfSameLine = 0.4 // baselines closer than this are one line
	pdfSpaceGap = 0.3 // a gap wider than this between two pieces of a line is a space
	pdfCellGap  = 1.2 // a gap wider than this separates two table cells: a tab
	pdfJoinGap  = 0.1 // a piece starting closer than this to where the last ended continues it
	pdfMaxForms = 8   // the deepest nesting of form XObjects followed
	pdfMaxStack = 256 // the most graphics states saved (q) and operands held
)

// pdfMatrix is a PDF transformation matrix [a b c d e f].
type pdfMatrix [6]float64

var pdfIdentity = pdfMatrix{1, 0, 0, 1, 0, 0}

// mul returns m × n.
func (m pdfMatrix) mul(n pdfMatrix) pdfMatrix {
	return pdfMatrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// translate returns the translation by (x, y) × m.
func (m pdfMatrix) translate(x, y float64) pdfMatrix {
	return pdfMatrix{1, 0, 0, 1, x, y}.mul(m)
}

// pdfRun is a piece of text on one baseline: from x to x1 at height y, in device space.
// spaced tells that a space glyph stood before it.
type pdfRun struct {
	x, x1, y, size float64
	spaced         bool
	text           strings.Builder
}

// pdfState is the graphics and text state the interpreter follows.
type pdfState struct {
	ctm                         pdfMatrix
	font                        *pdfFont
	size, charSp, wordSp, scale float64
	leading, rise               float64
}

// pdfExtract interprets content streams and collects the text runs of a page.
type pdfExtract struct {
	r        *pdfReader
	runs     []*pdfRun
	glyphs   int64 // codes shown
	unmapped int64 // codes shown that map to no text
	chars    int64 // runes of text shown, against MaxChars (so the runs held are bounded)
	buf      []pdfGlyph
	spaced   bool // the last glyph shown was a space: the next one starts a run
	// drawn holds the glyphs of the page by text and 2-point cell, so that text drawn again
	// within a point (fake bold) is read once
	drawn pdfDrawnSet
}

// pdfDrawnSet is a hash set of glyphs drawn (open addressing, linear probing): each entry
// keys a text and a 2-point cell (never 0, the empty entry) and holds the position.
type pdfDrawnSet struct {
	entries []pdfDrawnEntry
	n       int
}

// pdfDrawnEntry is one glyph of a pdfDrawnSet.
type pdfDrawnEntry struct {
	key  uint64
	x, y float32
}

// reset empties the set, keeping its room.
func (s *pdfDrawnSet) reset() {
	clear(s.entries)
	s.n = 0
}

// slot returns the index of key's entry, or of the empty entry where it would go.
func (s *pdfDrawnSet) slot(key uint64) int {
	mask := len(s.entries) - 1
	i := int((key*0x9E3779B97F4A7C15)>>32) & mask
	for s.entries[i].key != 0 && s.entries[i].key != key {
		i = (i + 1) & mask
	}
	return i
}

// get returns the entry recorded for key.
func (s *pdfDrawnSet) get(key uint64) (pdfDrawnEntry, bool) {
	if s.n == 0 {
		return pdfDrawnEntry{}, false
	}
	e := s.entries[s.slot(key)]
	return e, e.key == key
}

// put records the position of key, growing the table to stay at most half full.
func (s *pdfDrawnSet) put(key uint64, x, y float32) {
	if 2*(s.n+1) > len(s.entries) {
		old := s.entries
		s.entries, s.n = make([]pdfDrawnEntry, max(512, 2*len(old))), 0
		for _, e := range old {
			if e.key != 0 {
				s.put(e.key, e.x, e.y)
			}
		}
	}
	i := s.slot(key)
	if s.entries[i].key == 0 {
		s.n++
	}
	s.entries[i] = pdfDrawnEntry{key, x, y}
}

// drawnCell keys a glyph's text and the 2-point cell (cx, cy) it is drawn in: a one-rune
// text by its rune, a longer one by a hash of it (a collision only costs a comparison of
// positions); the top bit is set, so no key is 0.
func drawnCell(text string, cx, cy int64) uint64 {
	r, n := utf8.DecodeRuneInString(text)
	key := uint64(r)
	if n != len(text) {
		key = 14695981039346656037
		for i := 0; i < len(text); i++ {
			key = (key ^ uint64(text[i])) * 1099511628211
		}
		key >>= 43 // 21 bits, like a rune's
	}
	return 1<<63 | (key&(1<<21-1))<<42 | uint64(cx&(1<<21-1))<<21 | uint64(cy&(1<<21-1))
}

// drawnNear reports whether the same text was drawn within a point of (x, y) on this page,
// and records it.
func (ex *pdfExtract) drawnNear(text string, x, y float64) bool {
	fx, fy := float32(x), float32(y)
	for cx := int64(math.Floor((x - 1) / 2)); cx <= int64(math.Floor((x+1)/2)); cx++ {
		for cy := int64(math.Floor((y - 1) / 2)); cy <= int64(math.Floor((y+1)/2)); cy++ {
			if e, ok := ex.drawn.get(drawnCell(text, cx, cy)); ok && abs32(e.x-fx) <= 1 && abs32(e.y-fy) <= 1 {
				return true
			}
		}
	}
	if ex.drawn.n < 1<<20 {
		ex.drawn.put(drawnCell(text, int64(math.Floor(x/2)), int64(math.Floor(y/2))), fx, fy)
	}
	return false
}

// abs32 is |v|.
func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// page returns the lines of text of one page, top to bottom.
func (ex *pdfExtract) page(p pdfPage) ([]pdfLine, error) {
	ex.runs = ex.runs[:0]
	ex.drawn.reset()
	content, err := ex.r.contents(p.dict["Contents"])
	if err != nil {
		return nil, err
	}
	st := pdfState{ctm: pdfIdentity, scale: 1}
	if err := ex.run(content, p.resources, st, nil); err != nil {
		return nil, err
	}
	return ex.lines(), nil
}

// pdfOperand is an operand of a content stream operator, held without boxing: a number, a
// name or string (str), an array (its elements elems[lo:hi] of the operand list), or another
// object (kind tokDictOpen, its value dropped).
type pdfOperand struct {
	kind   pdfTokenKind
	num    float64
	str    string
	lo, hi int
}

// pdfOperands holds the operands of the operator being read and the elements of array
// operands.
type pdfOperands struct {
	args, elems []pdfOperand
}

// read reads the operand that token t starts; an array's numbers and strings go to elems.
func (o *pdfOperands) read(l *pdfLexer, t pdfToken) {
	op := pdfOperand{kind: t.kind, num: t.num, str: t.str}
	switch t.kind {
	case tokNumber, tokName, tokString:
	case tokArrayOpen:
		op.lo = len(o.elems)
		for {
			e := l.next()
			if e.kind == tokArrayClose || e.kind == tokEOF {
				break
			}
			switch e.kind {
			case tokNumber, tokString:
				if len(o.elems) < 1<<16 {
					o.elems = append(o.elems, pdfOperand{kind: e.kind, num: e.num, str: e.str})
				}
			default:
				l.object(e, 1)
			}
		}
		op.hi = len(o.elems)
	default:
		l.object(t, 0)
		op.kind = tokDictOpen
	}
	if len(o.args) < pdfMaxStack {
		o.args = append(o.args, op)
	}
}

// nums returns the last n operands, which must be finite numbers.
func (o *pdfOperands) nums(n int) (v [6]float64, ok bool) {
	if len(o.args) < n {
		return v, false
	}
	for i, a := range o.args[len(o.args)-n:] {
		if a.kind != tokNumber || math.IsNaN(a.num) || math.IsInf(a.num, 0) {
			return v, false
		}
		v[i] = a.num
	}
	return v, true
}

// last returns the last operand, or one of no kind.
func (o *pdfOperands) last() pdfOperand {
	if len(o.args) == 0 {
		return pdfOperand{}
	}
	return o.args[len(o.args)-1]
}

// run interprets one content stream with its resources. forms are the form XObjects being
// interpreted, outermost first.
func (ex *pdfExtract) run(content []byte, res pdfDict, st pdfState, forms []*pdfStream) error {
	r := ex.r
	if r.work += int64(len(content)); r.work > r.lim.MaxZipTotal {
		return &LimitError{Name: "max-zip-total", Limit: r.lim.MaxZipTotal, what: "PDF"}
	}
	var (
		stack   []pdfState
		tm, tlm = pdfIdentity, pdfIdentity
		ops     pdfOperands
		count   int
	)
	l := pdfLexer{data: content}
	for {
		if count++; count%4096 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		t := l.next()
		if t.kind == tokEOF {
			return nil
		}
		if t.kind != tokKeyword {
			ops.read(&l, t)
			continue
		}
		if err := ex.operator(t.str, &ops, &l, res, &st, &stack, &tm, &tlm, forms); err != nil {
			return err
		}
		ops.args, ops.elems = ops.args[:0], ops.elems[:0]
	}
}

// operator applies one operator of a content stream to the state.
func (ex *pdfExtract) operator(op string, ops *pdfOperands, l *pdfLexer, res pdfDict, st *pdfState, stack *[]pdfState, tm, tlm *pdfMatrix, forms []*pdfStream) error {
	switch op {
	case "q":
		if len(*stack) < pdfMaxStack {
			*stack = append(*stack, *st)
		}
	case "Q":
		if n := len(*stack); n > 0 {
			*st = (*stack)[n-1]
			*stack = (*stack)[:n-1]
		}
	case "cm":
		if m, ok := ops.nums(6); ok {
			st.ctm = pdfMatrix(m).mul(st.ctm)
		}
	case "BT":
		*tm, *tlm = pdfIdentity, pdfIdentity
	case "Tf":
		if n := len(ops.args); n >= 2 {
			if a := ops.args[n-2]; a.kind == tokName {
				st.font = ex.r.font(res, pdfName(a.str))
			}
			if a := ops.args[n-1]; a.kind == tokNumber {
				st.size = a.num
			}
		}
	case "Tc", "Tw", "Tz", "TL", "Ts":
		if v, ok := ops.nums(1); ok {
			st.setParam(op, v[0])
		}
	case "Td", "TD":
		if v, ok := ops.nums(2); ok {
			if op == "TD" {
				st.leading = -v[1]
			}
			*tlm = tlm.translate(v[0], v[1])
			*tm = *tlm
		}
	case "Tm":
		if m, ok := ops.nums(6); ok {
			*tlm = pdfMatrix(m)
			*tm = *tlm
		}
	case "T*":
		*tlm = tlm.translate(0, -st.leading)
		*tm = *tlm
	case "Tj", "'", "\"":
		if op == "\"" {
			if v, ok := ops.nums(3); ok {
				st.wordSp, st.charSp = v[0], v[1]
			}
		}
		if op != "Tj" {
			*tlm = tlm.translate(0, -st.leading)
			*tm = *tlm
		}
		if a := ops.last(); a.kind == tokString {
			return ex.show(a.str, st, tm)
		}
	case "TJ":
		if a := ops.last(); a.kind == tokArrayOpen {
			for _, e := range ops.elems[a.lo:a.hi] {
				switch e.kind {
				case tokString:
					if err := ex.show(e.str, st, tm); err != nil {
						return err
					}
				case tokNumber:
					*tm = tm.translate(-e.num/1000*st.size*st.scale, 0)
				}
			}
		}
	case "Do":
		if a := ops.last(); a.kind == tokName && len(forms) < pdfMaxForms {
			return ex.form(res, pdfName(a.str), *st, forms)
		}
	case "BI":
		skipInlineImage(l)
	}
	return nil
}

// setParam sets a text state parameter from its operator: Tc, Tw, Tz, TL or Ts.
func (st *pdfState) setParam(op string, v float64) {
	switch op {
	case "Tc":
		st.charSp = v
	case "Tw":
		st.wordSp = v
	case "Tz":
		st.scale = v / 100
	case "TL":
		st.leading = v
	case "Ts":
		st.rise = v
	}
}

// skipInlineImage moves past an inline image's data, to after its EI.
func skipInlineImage(l *pdfLexer) {
	i := bytes.Index(l.data[l.pos:], []byte("ID"))
	if i < 0 {
		l.pos = len(l.data)
		return
	}
	l.pos += i + 2
	for {
		k := bytes.Index(l.data[l.pos:], []byte("EI"))
		if k < 0 {
			l.pos = len(l.data)
			return
		}
		at := l.pos + k
		l.pos = at + 2
		if at > 0 && isPDFSpace(l.data[at-1]) && (l.pos == len(l.data) || isPDFSpace(l.data[l.pos])) {
			return
		}
	}
}

// form interprets the form XObject a resource dictionary names.
func (ex *pdfExtract) form(res pdfDict, name pdfName, st pdfState, forms []*pdfStream) error {
	xobjs := ex.r.dict(res["XObject"])
	s, ok := ex.r.resolve(xobjs[name]).(*pdfStream)
	if !ok || s.dict.name("Subtype") != "Form" {
		return nil
	}
	for _, f := range forms {
		if f == s {
			return nil // a form that draws itself
		}
	}
	content, err := ex.r.contents(s)
	if err != nil {
		return err
	}
	if m, ok := ex.r.resolve(s.dict["Matrix"]).(pdfArray); ok && len(m) == 6 {
		var mat pdfMatrix
		for i, v := range m {
			mat[i], _ = ex.r.resolve(v).(float64)
		}
		st.ctm = mat.mul(st.ctm)
	}
	if fr := ex.r.dict(s.dict["Resources"]); fr != nil {
		res = fr
	}
	return ex.run(content, res, st, append(forms, s))
}

// show records the text of a shown string and advances the text matrix.
func (ex *pdfExtract) show(s string, st *pdfState, tm *pdfMatrix) error {
	f := st.font
	if f == nil {
		f = ex.r.loadFont(nil)
		st.font = f
	}
	ex.buf = f.glyphs(s, ex.buf[:0])
	// the text matrix only moves along the string, so the scales of the glyphs are the same
	m := tm.mul(st.ctm)
	size := math.Abs(st.size) * math.Hypot(m[2], m[3])
	xScale := math.Hypot(m[0], m[1])
	for _, g := range ex.buf {
		ex.glyphs++
		if !g.mapped {
			ex.unmapped++
		}
		m := tm.mul(st.ctm)
		adv := g.width/1000*st.size + st.charSp
		if g.space {
			adv += st.wordSp
		}
		adv *= st.scale
		x, y := m[4], m[5]
		x1 := x + adv*xScale
		*tm = tm.translate(adv, 0)
		if g.text == "" {
			continue
		}
		if strings.TrimSpace(g.text) == "" { // a space: the text goes on in a new run
			ex.spaced = true
			continue
		}
		if ex.drawnNear(g.text, x, y) {
			continue
		}
		spaced := ex.spaced
		ex.spaced = false
		if ex.chars += int64(utf8.RuneCountInString(g.text)); ex.chars > ex.r.lim.MaxChars {
			return limitError("max-chars", ex.r.lim.MaxChars)
		}
		if n := len(ex.runs); n > 0 {
			last := ex.runs[n-1]
			tol := pdfJoinGap * max(size, last.size, 1)
			if !spaced && math.Abs(last.y-y) < tol && math.Abs(x-last.x1) < tol {
				last.text.WriteString(g.text)
				last.x1 = max(last.x1, x1)
				continue
			}
		}
		run := &pdfRun{x: x, x1: x1, y: y, size: size, spaced: spaced}
		run.text.WriteString(g.text)
		ex.runs = append(ex.runs, run)
	}
	return nil
}

// lines groups the runs of a page into lines, top to bottom, each left to right in chunks:
// a gap wider than pdfCellGap font sizes ends a chunk, a narrower one wider than pdfSpaceGap
// (or a space glyph) is a space, but for a gap at a decimal point that justified text
// widened. In a line of two chunks or more, two numbers a space apart are two chunks too,
// and so in a line that splits so into three or more (a label and its numbers, each a
// space from the next: ReportLab's columns as wide as their widest cells).
func (ex *pdfExtract) lines() []pdfLine {
	runs := ex.runs
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].y > runs[j].y })
	var out []pdfLine
	for i := 0; i < len(runs); {
		j := i + 1
		size := max(runs[i].size, 1)
		for j < len(runs) && runs[i].y-runs[j].y < pdfSameLine*size {
			j++
		}
		line := runs[i:j]
		sort.SliceStable(line, func(a, b int) bool { return line[a].x < line[b].x })
		chunks := lineChunks(line, false)
		if len(chunks) >= 2 {
			chunks = lineChunks(line, true)
		} else if numberRuns(line) >= 2 {
			if split := lineChunks(line, true); len(split) >= 3 {
				chunks = split
			}
		}
		chunks = pipeRowChunk(chunks)
		if len(chunks) > 0 {
			out = append(out, pdfLine{y: runs[i].y, size: size, chunks: chunks})
		}
		i = j
	}
	return out
}

// numberRuns counts the runs of a line that are numbers.
func numberRuns(line []*pdfRun) int {
	n := 0
	for _, r := range line {
		if isNumberText(r.text.String()) {
			n++
		}
	}
	return n
}

// pipeRowChunk makes the chunks of a row of a pipe table (| 项目 | 金额 |, a text file's
// table printed) one chunk, their texts a space apart, for the text layout reads such rows
// (textBlocks).
func pipeRowChunk(chunks []pdfChunk) []pdfChunk {
	if len(chunks) < 2 || !strings.HasPrefix(chunks[0].text, "|") {
		return chunks
	}
	parts := make([]string, len(chunks))
	for i, c := range chunks {
		parts[i] = c.text
	}
	return []pdfChunk{{x0: chunks[0].x0, x1: chunks[len(chunks)-1].x1, text: strings.Join(parts, " ")}}
}

// lineChunks joins the runs of a line, left to right, into chunks; splitNumbers makes two
// numbers a space apart two chunks.
func lineChunks(line []*pdfRun, splitNumbers bool) []pdfChunk {
	var chunks []pdfChunk
	var b strings.Builder
	var cur pdfChunk
	end := func() {
		s := b.String()
		if t := strings.TrimSpace(s); t != "" {
			cur.text = t
			lead := len(s) - len(strings.TrimLeft(s, " \t\n\r\v\f"))
			for i := range cur.breaks {
				cur.breaks[i].at -= lead
			}
			chunks = append(chunks, cur)
		}
		b.Reset()
	}
	var prev *pdfRun
	for _, run := range line {
		text := run.text.String()
		if prev == nil {
			cur = pdfChunk{x0: run.x, x1: run.x1}
			b.WriteString(text)
			prev = run
			continue
		}
		gap := run.x - prev.x1
		sz := max(run.size, prev.size, 1)
		prevText := prev.text.String()
		space := gap > pdfSpaceGap*sz || (run.spaced && gap > pdfJoinGap*sz)
		switch {
		case gap > pdfCellGap*sz || (splitNumbers && space && isNumberText(prevText) && isNumberText(text)):
			end()
			cur = pdfChunk{x0: run.x, x1: run.x1}
		case space && !(gap < sz && decimalJoin(prevText, text)):
			cur.breaks = append(cur.breaks, pdfBreak{at: b.Len(), x0: prev.x1, x1: run.x})
			b.WriteByte(' ')
		case gap > pdfJoinGap*sz:
			cur.breaks = append(cur.breaks, pdfBreak{at: b.Len(), soft: true, x0: prev.x1, x1: run.x})
		}
		b.WriteString(text)
		cur.x1 = max(cur.x1, run.x1)
		prev = run
	}
	if prev != nil {
		end()
	}
	return chunks
}

// decimalJoin reports whether a gap between a and b falls at a decimal point (1479. 28).
func decimalJoin(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	la, fb := a[len(a)-1], b[0]
	return (la == '.' && '0' <= fb && fb <= '9') || ('0' <= la && la <= '9' && fb == '.')
}
