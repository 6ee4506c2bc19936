package parse

import (
	"context"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file lays out a page's lines as paragraphs and tables. A table is a run of lines with
// cells standing apart (two or more chunks), with the single-chunk lines between and just
// around them that belong to it (a label wrapped in its cell, a header centred across two
// rows). Its columns come from where the cells of all its rows stand, not from the gaps
// within one line, so an empty cell keeps its place and a header over two columns lands in
// the first; lines of one row (a label wrapped beside numbers centred on it) join that row.

// Thresholds of the table layout, in units of the font size.
const (
	pdfRowSame    = 0.75 // lines closer than this are parts of one table row
	pdfRowWrap    = 1.45 // a text-only line closer than this may continue the row above
	pdfRowPitch   = 3.6  // lines of one table are closer than this
	pdfDataPitch  = 5    // or, from a row with numbers to the next, closer than this
	pdfHeadAbove  = 1.05 // a single cell this close above a table's first line is its header
	pdfNarrowCell = 0.6  // a single-chunk line of a table spans at most this share of its width
)

// pdfChunk is a cell's worth of a line: text whose pieces stand closer than pdfCellGap.
type pdfChunk struct {
	x0, x1 float64
	text   string
	breaks []pdfBreak // where two pieces of the text meet (pdfcells.go)
}

// pdfLine is a line of a page: its baseline, font size and chunks left to right.
type pdfLine struct {
	y, size float64
	chunks  []pdfChunk
	// pageTop marks the first line of a page laid out below the last of the page before
	// (a table going on across the break): its distance to the line above says nothing
	pageTop bool
}

// pdfItem is a text line of a page or a table.
type pdfItem struct {
	text  string
	table [][]string
}

// pdfTail is what a page may hand on to the next: the lines of a table that runs to its
// foot (the first firm of them sure to be the table's, the others a label line that only
// the next page's rows make part of it), or a header line (head).
type pdfTail struct {
	lines []pdfLine
	firm  int
	head  bool
}

// layoutLines turns lines of a page into text lines and tables. A table that runs to the
// last line is not laid out but returned as the tail, for the next page may go on with it;
// so is a last line of cells without a number that is no part of a table (a table's header,
// its rows on the next page).
func layoutLines(lines []pdfLine) (items []pdfItem, tail *pdfTail) {
	for i := 0; i < len(lines); {
		if start, end, ok := tableAt(lines, i); ok {
			for _, l := range lines[i:start] {
				items = append(items, pdfItem{text: chunksText(l)})
			}
			if _, footEnd, _ := tableFrom(lines, i, true); footEnd == len(lines) {
				return items, &pdfTail{lines: lines[start:], firm: end - start}
			}
			items = append(items, pdfItem{table: buildTable(lines[start:end])})
			i = end
			continue
		}
		if l := lines[i]; i == len(lines)-1 && len(l.chunks) >= 2 && !hasNumber(l) {
			return items, &pdfTail{lines: lines[i:], head: true}
		}
		items = append(items, pdfItem{text: chunksText(lines[i])})
		i++
	}
	return items, nil
}

// chunksText is a line as text: its chunks joined with tabs.
func chunksText(l pdfLine) string {
	parts := make([]string, len(l.chunks))
	for i, c := range l.chunks {
		parts[i] = c.text
	}
	return strings.Join(parts, "\t")
}

// tableAt finds the table whose first tabular line is lines[i], if lines[i] starts one:
// it returns the lines start..end the table takes (start may be i-1 for a header line
// above it, already emitted lines are never taken back, so start ≥ i).
func tableAt(lines []pdfLine, i int) (start, end int, ok bool) {
	return tableFrom(lines, i, false)
}

// tableFrom is tableAt; atFoot lets the table take a last line of the page that only
// stands over a text cell of it (a label going on on the next page).
func tableFrom(lines []pdfLine, i int, atFoot bool) (start, end int, ok bool) {
	// a header cell just above the first tabular line
	first := i
	if len(lines[i].chunks) < 2 {
		if i+1 >= len(lines) || len(lines[i+1].chunks) < 2 || !narrow(lines[i], lines[i+1:i+2]) ||
			lines[i].y-lines[i+1].y > pdfHeadAbove*lineSize(lines[i], lines[i+1]) {
			return 0, 0, false
		}
		first = i + 1
	}
	tabular := 1
	end = first + 1
	for end < len(lines) {
		l, prev := lines[end], lines[end-1]
		pitch := pdfRowPitch
		if hasNumber(prev) && dataRowStart(lines, end) {
			pitch = pdfDataPitch // rows of numbers in cells with room around them
		}
		if prev.y-l.y > pitch*lineSize(prev, l) {
			break
		}
		if len(l.chunks) >= 2 {
			tabular++
			end++
			continue
		}
		// a single chunk: part of the table when narrow and followed by a tabular line (after
		// at most pdfPageLead more lines of a label), or
		// close enough to continue the row above; the last line of a page, a text over a
		// text cell of the table, may go on with the rows on the next page
		nextTab := tabularAhead(lines, end)
		sameRow := prev.y-l.y < pdfRowSame*lineSize(prev, l)
		wrap := prev.y-l.y < pdfRowWrap*lineSize(prev, l) && continuesCell(l, lines[first:end])
		foot := atFoot && end+1 == len(lines) && overTextCell(l.chunks[0], lines[first:end])
		if !narrow(l, lines[first:min(end+2, len(lines))]) || !(nextTab || sameRow || wrap || foot) {
			break
		}
		end++
	}
	if tabular < 2 {
		return 0, 0, false
	}
	return i, end, true
}

// continuesCell reports whether a single-chunk line may be the wrapped end of a text cell
// of the last row of rows (its lines within pdfRowSame of each other): it lies within that
// cell's edges, as a line wrapped in a cell does, left-aligned, centred or right-aligned.
func continuesCell(l pdfLine, rows []pdfLine) bool {
	c := l.chunks[0]
	tol := pdfCellInside * max(l.size, 1)
	for k := len(rows) - 1; k >= 0; k-- {
		for _, cell := range rows[k].chunks {
			if !isNumberText(cell.text) && c.x0 >= cell.x0-tol && c.x1 <= cell.x1+tol {
				return true
			}
		}
		if k == 0 || rows[k-1].y-rows[k].y >= pdfRowSame*lineSize(rows[k-1], rows[k]) {
			break
		}
	}
	return false
}

// tabularAhead reports whether the single-chunk line i is followed by a line of cells, within
// pdfRowPitch, after at most pdfPageLead more single-chunk lines each within pdfRowWrap of
// the one before (a label of several lines above its numbers).
func tabularAhead(lines []pdfLine, i int) bool {
	for k := i + 1; k < len(lines) && k <= i+1+pdfPageLead; k++ {
		prev, l := lines[k-1], lines[k]
		if len(l.chunks) >= 2 {
			return prev.y-l.y <= pdfRowPitch*lineSize(prev, l)
		}
		if prev.y-l.y >= pdfRowWrap*lineSize(prev, l) {
			return false
		}
	}
	return false
}

// dataRowStart reports whether line i starts a row with a number: it has one, or it is a
// label line within pdfRowSame above a line that has.
func dataRowStart(lines []pdfLine, i int) bool {
	if hasNumber(lines[i]) {
		return true
	}
	return i+1 < len(lines) && hasNumber(lines[i+1]) && lines[i].y-lines[i+1].y < pdfRowSame*lineSize(lines[i], lines[i+1])
}

// overTextCell reports whether a chunk of text stands over a text cell of the lines.
func overTextCell(c pdfChunk, lines []pdfLine) bool {
	if isNumberText(c.text) {
		return false
	}
	for _, l := range lines {
		for _, cell := range l.chunks {
			if !isNumberText(cell.text) && min(c.x1, cell.x1) > max(c.x0, cell.x0) {
				return true
			}
		}
	}
	return false
}

// lineSize is the larger font size of two lines, at least 1.
func lineSize(a, b pdfLine) float64 { return max(a.size, b.size, 1) }

// narrow reports whether a single-chunk line is narrow beside the tabular lines of rows.
func narrow(l pdfLine, rows []pdfLine) bool {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		if len(r.chunks) < 2 {
			continue
		}
		lo, hi = min(lo, r.chunks[0].x0), max(hi, r.chunks[len(r.chunks)-1].x1)
	}
	c := l.chunks[0]
	return hi > lo && c.x1-c.x0 <= pdfNarrowCell*(hi-lo) && c.x1 > lo && c.x0 < hi
}

// tableColumns finds a table's columns: the spans where the cells of its rows with numbers
// (the lines of their bands, a label beside its numbers included; of all its tabular lines,
// when fewer than two rows hold numbers) overlap. When the rows do not
// line up (text laid out with tab stops, a cell pushed past the next stop: more columns than
// any row has cells), positional is false and cells are taken in order.
func tableColumns(lines []pdfLine) (cols []pdfChunk, positional bool) {
	var spans []pdfChunk
	data, most := 0, 0
	bands := tableBands(lines)
	for _, b := range bands {
		most = max(most, bandWidth(lines[b[0]:b[1]]))
		if anyNumber(lines[b[0]:b[1]]) {
			data++
		}
	}
	for _, b := range bands {
		band := lines[b[0]:b[1]]
		if data >= 2 && anyNumber(band) {
			for _, l := range band {
				spans = append(spans, l.chunks...)
			}
			continue
		}
		for _, l := range band {
			if data < 2 && len(l.chunks) >= 2 {
				spans = append(spans, l.chunks...)
			}
		}
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a].x0 < spans[b].x0 })
	cols = mergeSpans(spans)
	if len(cols) > most || len(cols) < 2 {
		return make([]pdfChunk, most), false
	}
	// every tabular row's cells must fall in distinct columns
	for _, l := range lines {
		seen := map[int]bool{}
		for _, c := range l.chunks {
			k := columnOf(cols, c)
			if seen[k] && len(l.chunks) >= 2 {
				return make([]pdfChunk, most), false
			}
			seen[k] = true
		}
	}
	return cols, true
}

// mergeSpans merges overlapping spans, sorted by x0, into columns.
func mergeSpans(spans []pdfChunk) []pdfChunk {
	var cols []pdfChunk
	for _, s := range spans {
		if n := len(cols); n > 0 && s.x0 <= cols[n-1].x1 {
			cols[n-1].x1 = max(cols[n-1].x1, s.x1)
			continue
		}
		cols = append(cols, pdfChunk{x0: s.x0, x1: s.x1})
	}
	return cols
}

// hasNumber reports whether a line has a chunk that is a number.
func hasNumber(l pdfLine) bool {
	for _, c := range l.chunks {
		if isNumberText(c.text) {
			return true
		}
	}
	return false
}

// columnOf returns the column a chunk overlaps most, or the nearest.
func columnOf(cols []pdfChunk, c pdfChunk) int {
	best, bestOverlap, bestDist := 0, 0.0, math.Inf(1)
	mid := (c.x0 + c.x1) / 2
	for k, col := range cols {
		if o := min(c.x1, col.x1) - max(c.x0, col.x0); o > bestOverlap {
			best, bestOverlap = k, o
		}
		if bestOverlap == 0 {
			if d := math.Abs(mid - (col.x0+col.x1)/2); d < bestDist {
				best, bestDist = k, d
			}
		}
	}
	return best
}

// joinCell appends text to a cell's text: directly between two ideographs or punctuation
// (a label wrapped in its cell) and between the parts of a wrapped number, else with a space.
func joinCell(cell, text string) string {
	if cell == "" {
		return text
	}
	a, _ := utf8.DecodeLastRuneInString(cell)
	b, _ := utf8.DecodeRuneInString(text)
	if wide(a) || wide(b) || wrappedNumber.MatchString(cell+text) && strings.Trim(cell+text, "0123456789,.%") == "" {
		return cell + text
	}
	return cell + " " + text
}

// wrappedNumber is a number a narrow cell wrapped in two (12 / ,805,278.14; 67,298,850.8 /
// 3), whole again.
var wrappedNumber = regexp.MustCompile(`^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$`)

// wide reports whether r is an ideograph or full-width punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (0x3000 <= r && r <= 0x303F) || (0xFF00 <= r && r <= 0xFFEF)
}

// isNumberText reports whether a chunk is a number: digits with , . and an optional sign
// or percent sign.
func isNumberText(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(strings.TrimLeft(s, "-+−"), "%％")
	if s == "" {
		return false
	}
	digits := false
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			digits = true
		case r == ',' || r == '.':
		default:
			return false
		}
	}
	return digits
}

// pdfBlocks turns the pages' items into blocks: tables as they are, text lines as a text
// file's lines (textBlocks), a blank line between pages.
func pdfBlocks(ctx context.Context, pages [][]pdfItem, lim Limits) ([]Block, error) {
	var blocks []Block
	var text strings.Builder
	paras, tables := 0, 0
	chars := int64(0)
	flush := func() error {
		if text.Len() == 0 {
			return nil
		}
		bs, err := textBlocks(ctx, text.String(), Limits{MaxChars: lim.MaxChars - chars})
		text.Reset()
		if err != nil {
			return err
		}
		for _, b := range bs {
			if b.Kind == Table {
				tables++
				b.Index = tables
				chars += int64(len(b.Cells)) * int64(len(b.Cells[0]))
			} else {
				paras++
				b.Index = paras
			}
			blocks = append(blocks, b)
		}
		return nil
	}
	for p, items := range pages {
		if p > 0 {
			text.WriteByte('\n')
		}
		for _, it := range items {
			if it.table == nil {
				text.WriteString(it.text)
				text.WriteByte('\n')
				continue
			}
			if err := flush(); err != nil {
				return nil, err
			}
			if chars += int64(len(it.table)) * int64(len(it.table[0])); chars > lim.MaxChars {
				return nil, limitError("max-chars", lim.MaxChars)
			}
			grid := make([][]Cell, len(it.table))
			for r, row := range it.table {
				grid[r] = make([]Cell, len(row))
				for c, t := range row {
					grid[r][c].Text = t
				}
			}
			tables++
			blocks = append(blocks, Block{Kind: Table, Index: tables, Cells: grid})
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return blocks, nil
}
