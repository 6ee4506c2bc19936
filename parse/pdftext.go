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
	// drawn keys the glyphs of the page by text and position (to the point), so that text
	// drawn again a fraction of a point away (fake bold) is read once
	drawn map[pdfDrawn]bool
}

// pdfDrawn is a glyph drawn at a position, to the point, for drawnNear.
type pdfDrawn struct {
	text string
	x, y int32
}

// drawnNear reports whether the same text was drawn within a point of (x, y) on this page,
// and records it.
func (ex *pdfExtract) drawnNear(text string, x, y float64) bool {
	if ex.drawn == nil {
		ex.drawn = map[pdfDrawn]bool{}
	}
	qx, qy := int32(math.Round(x)), int32(math.Round(y))
	for dx := int32(-1); dx <= 1; dx++ {
		for dy := int32(-1); dy <= 1; dy++ {
			if ex.drawn[pdfDrawn{text, qx + dx, qy + dy}] {
				return true
			}
		}
	}
	if len(ex.drawn) < 1<<20 {
		ex.drawn[pdfDrawn{text, qx, qy}] = true
	}
	return false
}

// page returns the lines of text of one page, top to bottom.
func (ex *pdfExtract) page(p pdfPage) ([]pdfLine, error) {
	ex.runs = ex.runs[:0]
	clear(ex.drawn)
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
		args    []any
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
			v, _ := l.object(t, 0)
			if len(args) < pdfMaxStack {
				args = append(args, v)
			}
			continue
		}
		op := t.str
		nums := func(n int) ([]float64, bool) {
			if len(args) < n {
				return nil, false
			}
			out := make([]float64, n)
			for i, a := range args[len(args)-n:] {
				f, ok := a.(float64)
				if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
					return nil, false
				}
				out[i] = f
			}
			return out, true
		}
		switch op {
		case "q":
			if len(stack) < pdfMaxStack {
				stack = append(stack, st)
			}
		case "Q":
			if len(stack) > 0 {
				st = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if m, ok := nums(6); ok {
				st.ctm = pdfMatrix(m).mul(st.ctm)
			}
		case "BT":
			tm, tlm = pdfIdentity, pdfIdentity
		case "Tf":
			if len(args) >= 2 {
				if name, ok := args[len(args)-2].(pdfName); ok {
					st.font = r.font(res, name)
				}
				if size, ok := args[len(args)-1].(float64); ok {
					st.size = size
				}
			}
		case "Tc":
			if v, ok := nums(1); ok {
				st.charSp = v[0]
			}
		case "Tw":
			if v, ok := nums(1); ok {
				st.wordSp = v[0]
			}
		case "Tz":
			if v, ok := nums(1); ok {
				st.scale = v[0] / 100
			}
		case "TL":
			if v, ok := nums(1); ok {
				st.leading = v[0]
			}
		case "Ts":
			if v, ok := nums(1); ok {
				st.rise = v[0]
			}
		case "Td", "TD":
			if v, ok := nums(2); ok {
				if op == "TD" {
					st.leading = -v[1]
				}
				tlm = tlm.translate(v[0], v[1])
				tm = tlm
			}
		case "Tm":
			if m, ok := nums(6); ok {
				tlm = pdfMatrix(m)
				tm = tlm
			}
		case "T*":
			tlm = tlm.translate(0, -st.leading)
			tm = tlm
		case "Tj", "'", "\"":
			if op == "\"" {
				if v, ok := nums(3); ok {
					st.wordSp, st.charSp = v[0], v[1]
				}
			}
			if op != "Tj" {
				tlm = tlm.translate(0, -st.leading)
				tm = tlm
			}
			if len(args) > 0 {
				if s, ok := args[len(args)-1].(pdfString); ok {
					if err := ex.show(string(s), &st, &tm); err != nil {
						return err
					}
				}
			}
		case "TJ":
			if len(args) > 0 {
				arr, _ := args[len(args)-1].(pdfArray)
				for _, v := range arr {
					switch v := v.(type) {
					case pdfString:
						if err := ex.show(string(v), &st, &tm); err != nil {
							return err
						}
					case float64:
						tm = tm.translate(-v/1000*st.size*st.scale, 0)
					}
				}
			}
		case "Do":
			if len(args) > 0 && len(forms) < pdfMaxForms {
				if name, ok := args[len(args)-1].(pdfName); ok {
					if err := ex.form(res, name, st, forms); err != nil {
						return err
					}
				}
			}
		case "BI":
			skipInlineImage(&l)
		}
		args = args[:0]
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
	for _, g := range ex.buf {
		ex.glyphs++
		if !g.mapped {
			ex.unmapped++
		}
		m := tm.mul(st.ctm)
		size := math.Abs(st.size) * math.Hypot(m[2], m[3])
		adv := g.width/1000*st.size + st.charSp
		if g.space {
			adv += st.wordSp
		}
		adv *= st.scale
		x, y := m[4], m[5]
		x1 := x + adv*math.Hypot(m[0], m[1])
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
// widened. In a line of two chunks or more, two numbers a space apart are two chunks too.
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
		}
		if len(chunks) > 0 {
			out = append(out, pdfLine{y: runs[i].y, size: size, chunks: chunks})
		}
		i = j
	}
	return out
}

// lineChunks joins the runs of a line, left to right, into chunks; splitNumbers makes two
// numbers a space apart two chunks.
func lineChunks(line []*pdfRun, splitNumbers bool) []pdfChunk {
	var chunks []pdfChunk
	var b strings.Builder
	var cur pdfChunk
	end := func() {
		if t := strings.TrimSpace(b.String()); t != "" {
			cur.text = t
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
			b.WriteByte(' ')
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
