package parse

import (
	"math"
	"slices"
	"unicode/utf8"
)

// This file splits a table's chunks where two cells stood too close to tell apart in their
// own line: a column as wide as its widest cell, then a gap of one font size (ReportLab,
// pango), or a cell ending just before a tab stop, or tab stops counted in characters
// (CUPS texttopdf). The pieces a chunk was joined from are kept as breaks, and the other
// rows of the table tell which breaks are cells.

// pdfBreak is where two pieces of a chunk meet: a space (the byte at in the chunk's text),
// or, soft, no space (the next piece starts at at; the pieces stood apart by less than a
// space). x0 and x1 are where the piece before ends and the piece after starts.
type pdfBreak struct {
	at     int
	soft   bool
	x0, x1 float64
}

// next is where the text of the piece after b starts.
func (b pdfBreak) next() int {
	if b.soft {
		return b.at
	}
	return b.at + 1
}

// cuttable reports whether a chunk may be cut at its k'th break: a soft break between two
// characters of a number is not (a figure drawn in pieces).
func (c pdfChunk) cuttable(k int) bool {
	b := c.breaks[k]
	return !b.soft || b.at == 0 || b.at >= len(c.text) || !(numberByte(c.text[b.at-1]) && numberByte(c.text[b.at]))
}

// numberByte reports whether a byte is a digit, a decimal point or a thousands separator.
func numberByte(c byte) bool { return '0' <= c && c <= '9' || c == '.' || c == ',' }

// piece returns the text of the piece after the k'th break (k = -1: the first piece).
func (c pdfChunk) piece(k int) string {
	from, to := 0, len(c.text)
	if k >= 0 {
		from = c.breaks[k].next()
	}
	if k+1 < len(c.breaks) {
		to = c.breaks[k+1].at
	}
	return c.text[from:to]
}

// besideNumber reports whether the k'th break of c has a number on either side.
func (c pdfChunk) besideNumber(k int) bool {
	return isNumberText(c.piece(k-1)) || isNumberText(c.piece(k))
}

// split cuts a chunk at the breaks cut says, giving the cells it holds, each with the
// breaks it keeps.
func (c pdfChunk) split(cut func(k int) bool, out []pdfChunk) []pdfChunk {
	piece := pdfChunk{x0: c.x0}
	from := 0
	for k, b := range c.breaks {
		if !cut(k) {
			b.at -= from
			piece.breaks = append(piece.breaks, b)
			continue
		}
		piece.x1, piece.text = b.x0, c.text[from:b.at]
		out = append(out, piece)
		from = b.next()
		piece = pdfChunk{x0: b.x1}
	}
	piece.x1, piece.text = c.x1, c.text[from:]
	return append(out, piece)
}

// splitAtColumnGaps splits the chunks of a table's lines at the breaks that fall in a gap
// between two cells of another line. The lines are copied, not changed.
func splitAtColumnGaps(lines []pdfLine) []pdfLine {
	type gap struct {
		line   int
		x0, x1 float64
	}
	var gaps []gap
	breaks := false
	for i, l := range lines {
		for k, c := range l.chunks {
			if k > 0 {
				gaps = append(gaps, gap{i, l.chunks[k-1].x1, c.x0})
			}
			breaks = breaks || len(c.breaks) > 0
		}
	}
	if !breaks || len(gaps) == 0 {
		return lines
	}
	out := make([]pdfLine, len(lines))
	for i, l := range lines {
		out[i] = l
		var chunks []pdfChunk
		for _, c := range l.chunks {
			chunks = c.split(func(k int) bool {
				b := c.breaks[k]
				if !c.cuttable(k) {
					return false
				}
				for _, g := range gaps {
					if g.line != i && max(g.x0, b.x0) < min(g.x1, b.x1) {
						return true
					}
				}
				return false
			}, chunks)
		}
		if len(chunks) > len(l.chunks) {
			out[i].chunks = chunks
		}
	}
	return out
}

// splitToWidth splits the chunks of a table's lines of fewer than width cells (but two or
// more) at their breaks when that gives exactly width cells: at every break, or else at
// the breaks beside a number. It is for tables whose rows do not line up, where only the
// count of cells tells a cell one space from the next. The lines are copied, not changed.
func splitToWidth(lines []pdfLine, width int) []pdfLine {
	out := lines
	copied := false
	for i, l := range lines {
		n := len(l.chunks)
		if n < 2 || n >= width {
			continue
		}
		all, num := 0, 0
		for _, c := range l.chunks {
			for k := range c.breaks {
				if c.cuttable(k) {
					all++
					if c.besideNumber(k) {
						num++
					}
				}
			}
		}
		var numbersOnly bool
		switch width {
		case n + all:
		case n + num:
			numbersOnly = true
		default:
			continue
		}
		var chunks []pdfChunk
		for _, c := range l.chunks {
			chunks = c.split(func(k int) bool { return c.cuttable(k) && (!numbersOnly || c.besideNumber(k)) }, chunks)
		}
		if !copied {
			out, copied = append([]pdfLine(nil), lines...), true
		}
		out[i].chunks = chunks
	}
	return out
}

// Tables laid out with tab characters (a text file printed): pango sets every cell after a
// tab at a stop of a fixed grid, so the stops before a cell tell its column, an empty cell
// included; CUPS texttopdf counts its stops in characters, so only a row's leading tabs
// (the empty cells under a merged header) tell theirs.
const (
	pdfTabTolerance = 0.6 // a cell starts at a stop when it is this close to it, in points
	pdfTabEvidence  = 4   // cells that must start at stops before a grid is believed
	pdfTabChars     = 8   // characters to a tab stop in a monospaced layout
	pdfTabMin       = 1.5 // tab stops stand at least this many font sizes apart
	pdfTabAfter     = 1.5 // a stop this close after a cell's text, in points, is passed over
)

// tabGrid finds the tab stops of a table whose cells after the first of each row all
// start at stops left + k·width, width at least pdfTabMin font sizes (pango's tabs). A grid
// the cells' own widths fit too is a monospaced layout's grid of characters, not of tabs.
func tabGrid(lines []pdfLine) (left, width float64, ok bool) {
	left = math.Inf(1)
	size := 0.0
	for _, l := range lines {
		if len(l.chunks) >= 2 {
			left, size = min(left, l.chunks[0].x0), max(size, l.size)
		}
	}
	var ds []float64
	for _, l := range lines {
		if len(l.chunks) < 2 {
			continue
		}
		for _, c := range l.chunks[1:] {
			if d := c.x0 - left; d > 1 {
				ds = append(ds, d)
			}
		}
	}
	if len(ds) < pdfTabEvidence {
		return 0, 0, false
	}
	var widths []float64
	for _, l := range lines {
		for _, c := range l.chunks {
			widths = append(widths, c.x1-c.x0)
		}
	}
	dmin := slices.Min(ds)
	for k := 1; k <= 8; k++ {
		w := dmin / float64(k)
		if w < pdfTabMin*max(size, 1) {
			break
		}
		if onGrid(ds, w) {
			fit := 0
			for _, cw := range widths {
				if onGrid([]float64{cw}, w) {
					fit++
				}
			}
			return left, w, 2*fit < len(widths)
		}
	}
	return 0, 0, false
}

// onGrid reports whether every distance is a multiple of w.
func onGrid(ds []float64, w float64) bool {
	for _, d := range ds {
		if math.Abs(d-math.Round(d/w)*w) > pdfTabTolerance {
			return false
		}
	}
	return true
}

// monoTabs finds the tab stops of a monospaced table: every pdfTabChars characters, the
// width of a character told by the cells of ASCII text (numbers), all alike.
func monoTabs(lines []pdfLine) (left, width float64, ok bool) {
	left = math.Inf(1)
	size := 0.0
	var ws []float64
	for _, l := range lines {
		left, size = min(left, l.chunks[0].x0), max(size, l.size)
		for _, c := range l.chunks {
			if n := len(c.text); n >= 3 && isASCII(c.text) {
				ws = append(ws, (c.x1-c.x0)/float64(n))
			}
		}
	}
	if len(ws) < pdfTabEvidence {
		return 0, 0, false
	}
	lo, hi := slices.Min(ws), slices.Max(ws)
	if hi-lo > 0.02*hi {
		return 0, 0, false
	}
	width = pdfTabChars * (lo + hi) / 2
	return left, width, width >= 2*max(size, 1)
}

// isASCII reports whether s is printable ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			return false
		}
	}
	return true
}

// splitAtStops splits chunks at the breaks whose next piece starts at a tab stop (a cell
// that ended just before the stop), two numbers that touch included. The lines are copied,
// not changed.
func splitAtStops(lines []pdfLine, left, width float64) []pdfLine {
	out := make([]pdfLine, len(lines))
	for i, l := range lines {
		out[i] = l
		var chunks []pdfChunk
		for _, c := range l.chunks {
			chunks = c.split(func(k int) bool {
				b := c.breaks[k]
				return stopsBetween(b.x0, b.x1, left, width) > 0 && onGrid([]float64{b.x1 - left}, width)
			}, chunks)
		}
		if len(chunks) > len(l.chunks) {
			out[i].chunks = chunks
		}
	}
	return out
}

// stopsBetween counts the tab stops after a and up to b; a stop within pdfTabAfter after a
// is passed over, as pango does.
func stopsBetween(a, b, left, width float64) int {
	return int(math.Floor((b+pdfTabTolerance-left)/width) - math.Floor((a+pdfTabAfter-left)/width))
}

// tabPlaces gives the column of every chunk of the lines: a row's first chunk at a stop
// after leading tabs, and each next one, when full, as many columns on as there are stops
// before it (else the next column).
func tabPlaces(lines []pdfLine, left, width float64, full bool) [][]int {
	out := make([][]int, len(lines))
	for i, l := range lines {
		cols := make([]int, len(l.chunks))
		for k, c := range l.chunks {
			switch {
			case k == 0:
				if d := c.x0 - left; d > pdfTabTolerance && onGrid([]float64{d}, width) {
					cols[k] = int(math.Round(d / width))
				}
			case full:
				cols[k] = cols[k-1] + max(1, stopsBetween(l.chunks[k-1].x1, c.x0, left, width))
			default:
				cols[k] = cols[k-1] + 1
			}
		}
		out[i] = cols
	}
	return out
}

// monoPlaces gives the column of every chunk of a monospaced table whose tab stops are
// counted in characters, as CUPS texttopdf expands tabs: a character takes one count and
// one cell or, wide, two cells; a tab moves the count to the next multiple of pdfTabChars
// in spaces. From the cells a chunk starts after the last one ends, and the count of
// characters so far, come the tabs between them. Leading cells that are a multiple of the
// tab width are tabs, others wide spaces (indentation). A gap no count of tabs explains
// is one column.
func monoPlaces(lines []pdfLine, left, char float64) [][]int {
	cell := func(x float64) (int, bool) {
		v := (x - left) / char
		r := math.Round(v)
		return int(r), math.Abs(v-r) < 0.1
	}
	out := make([][]int, len(lines))
	for i, l := range lines {
		cols := make([]int, len(l.chunks))
		count, known := 0, true
		for k, c := range l.chunks {
			start, ok := cell(c.x0)
			switch {
			case k == 0 && ok && start%pdfTabChars == 0:
				cols[k], count = start/pdfTabChars, start
			case k == 0:
				count, known = start/2, ok && start%2 == 0
			default:
				end, ok2 := cell(l.chunks[k-1].x1)
				gap, first := start-end, pdfTabChars-count%pdfTabChars
				tabs := 1
				if known && ok && ok2 && gap >= first && (gap-first)%pdfTabChars == 0 {
					tabs += (gap - first) / pdfTabChars
				}
				cols[k] = cols[k-1] + tabs
				count += gap
			}
			count += utf8.RuneCountInString(c.text)
		}
		out[i] = cols
	}
	return out
}
