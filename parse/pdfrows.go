package parse

import (
	"math"
	"sort"
)

// pdfFullLine is how much narrower, in font sizes, than its column's widest text a wrapped
// label's first line may be: it broke where the next character did not fit.
const pdfFullLine = 1.2

// This file lays a table's lines out in rows. Lines within pdfRowSame of each other are one
// band (a row whose cells stand at different heights: a label of two lines beside numbers
// centred on it). A band with a number anchors a row; a band without one is the wrapped part
// of a text cell of the row above or below (a label of three lines centred on its numbers
// starts above them, one left-aligned at the top ends below them), or a row of its own (a
// header). Between two rows, the wrapped parts go up to the first and down to the second
// on either side of the widest gap, where one row ends and the next starts.

// pdfBand is a band of a table's lines: its lines, its text per column, and whether it
// holds a number.
type pdfBand struct {
	lines  []pdfLine
	cells  []string
	number bool
}

// top and bottom are the baselines of the band's first and last line.
func (b *pdfBand) top() float64    { return b.lines[0].y }
func (b *pdfBand) bottom() float64 { return b.lines[len(b.lines)-1].y }

// tableBands splits a table's lines into bands: start and end indexes of runs of lines each
// within pdfRowSame of the one above.
func tableBands(lines []pdfLine) [][2]int {
	var out [][2]int
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && lines[j-1].y-lines[j].y < pdfRowSame*lineSize(lines[j-1], lines[j]) {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// bandWidth counts the cells of a band: its chunks, those that overlap counted once.
func bandWidth(lines []pdfLine) int {
	var spans []pdfChunk
	for _, l := range lines {
		spans = append(spans, l.chunks...)
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a].x0 < spans[b].x0 })
	n, end := 0, 0.0
	for i, s := range spans {
		if i == 0 || s.x0 > end {
			n++
			end = s.x1
			continue
		}
		end = max(end, s.x1)
	}
	return n
}

// buildTable lays the lines of a table out in a grid.
func buildTable(lines []pdfLine) [][]string {
	lines = splitAtColumnGaps(lines)
	cols, positional := tableColumns(lines)
	width := len(cols)
	var places [][]int // the column of each chunk of a table laid out with tabs
	if !positional {
		if left, w, ok := tabGrid(lines); ok {
			lines = splitAtStops(lines, left, w)
			places = tabPlaces(lines, left, w, true)
		} else {
			lines = splitToWidth(lines, width)
			if left, w, ok := monoTabs(lines); ok {
				places = monoPlaces(lines, left, w/pdfTabChars)
			}
		}
		for _, p := range places {
			if len(p) > 0 {
				width = max(width, p[len(p)-1]+1)
			}
		}
	}
	var bands []pdfBand
	for _, r := range tableBands(lines) {
		b := pdfBand{lines: lines[r[0]:r[1]], cells: make([]string, width)}
		for i, l := range b.lines {
			for k, c := range l.chunks {
				col := k
				switch {
				case positional:
					col = columnOf(cols, c)
				case places != nil:
					col = places[r[0]+i][k]
				}
				col = min(col, width-1)
				b.cells[col] = joinCell(b.cells[col], c.text)
				b.number = b.number || isNumberText(c.text)
			}
		}
		bands = append(bands, b)
	}
	return assembleRows(bands)
}

// pdfAlign is how a table's cells stand in their rows, as far as its rows tell.
type pdfAlign int

const (
	alignUnknown pdfAlign = iota
	alignTop              // a label starts on the line of its row's numbers and wraps below
	alignMiddle           // a label stands above and below the line of its numbers
)

// tableAlign tells how the table's cells stand: by its rows whose label wraps below the line
// of their numbers only (top) or above and below it (middle), a band of lines as it stands
// or with the bands that join it across no page break.
func tableAlign(bands []pdfBand) pdfAlign {
	top, middle := 0, 0
	for i, b := range bands {
		if !b.number {
			continue
		}
		above, below := textAround(b)
		if j := i + 1; j < len(bands) && !bands[j].number && !bands[j].lines[0].pageTop {
			k := j
			for k < len(bands) && !bands[k].number {
				k++
			}
			var next *pdfBand
			if k < len(bands) {
				next = &bands[k]
			}
			if up, _ := splitText(&bands[i], bands[j:k], next, alignUnknown); up > 0 {
				below = true
			}
		}
		switch {
		case above && below:
			middle++
		case below:
			top++
		}
	}
	switch {
	case top > middle:
		return alignTop
	case middle > top:
		return alignMiddle
	}
	return alignUnknown
}

// textAround reports whether a band with a number has lines of text but no number above
// and below its first line with a number.
func textAround(b pdfBand) (above, below bool) {
	at := -1
	for i, l := range b.lines {
		if hasNumber(l) {
			at = i
			break
		}
	}
	for i, l := range b.lines {
		if i != at && !hasNumber(l) {
			above, below = above || i < at, below || i > at
		}
	}
	return above, below
}

// assembleRows joins the bands into rows: each band with a number is a row; the runs of
// bands without one go to the row above or below, or stand as rows (splitText).
func assembleRows(bands []pdfBand) [][]string {
	align := tableAlign(bands)
	var rows [][]string
	for i := 0; i < len(bands); {
		if bands[i].number {
			rows = append(rows, bands[i].cells)
			i++
			continue
		}
		j := i
		for j < len(bands) && !bands[j].number {
			j++
		}
		var prev, below *pdfBand
		if i > 0 {
			prev = &bands[i-1]
		}
		if j < len(bands) {
			below = &bands[j]
		}
		up, down := splitText(prev, bands[i:j], below, align)
		for k := i; k < i+up; k++ {
			joinCells(prev.cells, bands[k].cells, false)
		}
		for k := i + up; k < j-down; k++ {
			rows = append(rows, bands[k].cells)
		}
		for k := j - 1; k >= j-down; k-- {
			joinCells(below.cells, bands[k].cells, true)
		}
		i = j
	}
	return rows
}

// joinCells joins the text of a band's cells to a row's: after it, or before it.
func joinCells(row, band []string, before bool) {
	for c, t := range band {
		switch {
		case t == "":
		case before:
			row[c] = joinCell(t, row[c])
		default:
			row[c] = joinCell(row[c], t)
		}
	}
}

// splitText decides where a run of bands without numbers goes: the first up of them to the
// row above (prev, when it has a number), the last down to the row below, the others stand
// as rows (a header, a row of text). The row boundary is the widest gap between the bands,
// the row above and the row below (the lowest on a tie); in a table whose cells stand in
// the middle, each band goes to the row whose numbers stand nearer. Above the boundary
// bands go up, below it down, each as far as it continues a text cell of that row and
// stands within pdfRowWrap of the line next to it that way. Without a row below, the
// boundary is below the run. A page break tells no distance: there the boundary is below
// the run in a table whose cells stand at the top, above it when there is no row above (a
// header above); a band alone goes down when it is as wide as its column (a label's first
// line) and up when narrower (its last); else the boundary is the widest other gap.
func splitText(prev *pdfBand, run []pdfBand, below *pdfBand, align pdfAlign) (up, down int) {
	n := len(run)
	// dist[k] is the distance above run[k]; dist[n] the distance above the row below
	dist := make([]float64, n+1)
	near := make([]bool, n+1) // within pdfRowWrap
	broken := false           // a page break falls in the run
	for k := range dist {
		var hi, lo *pdfBand
		if k > 0 {
			hi = &run[k-1]
		} else {
			hi = prev
		}
		if k < n {
			lo = &run[k]
		} else {
			lo = below
		}
		switch {
		case lo == nil:
			dist[k] = math.Inf(1)
		case hi == nil:
			dist[k] = math.Inf(-1)
		case lo.lines[0].pageTop:
			dist[k], near[k], broken = math.Inf(-1), true, true
		default:
			a, b := hi.lines[len(hi.lines)-1], lo.lines[0]
			dist[k] = a.y - b.y
			near[k] = dist[k] < pdfRowWrap*lineSize(a, b)
		}
	}
	boundary := 0
	for k := range dist {
		if dist[k] >= dist[boundary] {
			boundary = k
		}
	}
	switch {
	case broken && align == alignTop:
		boundary = n
	case broken && (prev == nil || !prev.number):
		boundary = 0 // before the first row, at a page break: the label of that row
	case broken && n == 1 && prev != nil && below != nil:
		// a label's last line is most often shorter than its column, its first as wide
		if fullLine(&run[0], prev, below) {
			boundary = 0
		} else {
			boundary = 1
		}
	case !broken && align == alignMiddle && prev != nil && prev.number && below != nil:
		// each band to the row whose numbers stand nearer
		hi, lo := numberLine(prev), numberLine(below)
		for boundary = 0; boundary < n && hi-run[boundary].top() < run[boundary].bottom()-lo; boundary++ {
		}
	}
	if prev != nil && prev.number {
		for up < boundary && near[up] && continuesText(run[up].cells, prev.cells) {
			up++
		}
	}
	if below != nil {
		for down < n-boundary && near[n-down] && continuesText(run[n-1-down].cells, below.cells) {
			down++
		}
	}
	return up, down
}

// fullLine reports whether a band of one text chunk is as wide as the widest text chunk in
// its column of the bands around it but for less than a character: the first line of a
// wrapped label rather than its last.
func fullLine(b, prev, below *pdfBand) bool {
	var c pdfChunk
	n := 0
	for _, l := range b.lines {
		for _, ch := range l.chunks {
			c, n = ch, n+1
		}
	}
	if n != 1 {
		return false
	}
	widest := 0.0
	for _, o := range []*pdfBand{prev, below} {
		for _, l := range o.lines {
			for _, ch := range l.chunks {
				if !isNumberText(ch.text) && min(ch.x1, c.x1) > max(ch.x0, c.x0) {
					widest = max(widest, ch.x1-ch.x0)
				}
			}
		}
	}
	return c.x1-c.x0 >= widest-pdfFullLine*max(b.lines[0].size, 1)
}

// numberLine is the baseline of a band's first line with a number.
func numberLine(b *pdfBand) float64 {
	for _, l := range b.lines {
		if hasNumber(l) {
			return l.y
		}
	}
	return b.top()
}

// continuesText reports whether a band's cells continue text cells of a row: it has text,
// and every non-empty cell of it is in a column where the row holds text that is no number.
func continuesText(band, row []string) bool {
	some := false
	for c, t := range band {
		if t == "" {
			continue
		}
		if row[c] == "" || isNumberText(row[c]) || isNumberText(t) {
			return false
		}
		some = true
	}
	return some
}
