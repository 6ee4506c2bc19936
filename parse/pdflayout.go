package parse

import (
	"context"
	"math"
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
	pdfHeadAbove  = 1.05 // a single cell this close above a table's first line is its header
	pdfNarrowCell = 0.6  // a single-chunk line of a table spans at most this share of its width
)

// pdfChunk is a cell's worth of a line: text whose pieces stand closer than pdfCellGap.
type pdfChunk struct {
	x0, x1 float64
	text   string
}

// pdfLine is a line of a page: its baseline, font size and chunks left to right.
type pdfLine struct {
	y, size float64
	chunks  []pdfChunk
}

// pdfItem is a text line of a page or a table.
type pdfItem struct {
	text  string
	table [][]string
}

// layoutPage turns a page's lines into text lines and tables.
func layoutPage(lines []pdfLine) []pdfItem {
	var out []pdfItem
	for i := 0; i < len(lines); {
		if start, end, ok := tableAt(lines, i); ok {
			for _, l := range lines[i:start] {
				out = append(out, pdfItem{text: chunksText(l)})
			}
			out = append(out, pdfItem{table: buildTable(lines[start:end])})
			i = end
			continue
		}
		out = append(out, pdfItem{text: chunksText(lines[i])})
		i++
	}
	return out
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
		if prev.y-l.y > pdfRowPitch*lineSize(prev, l) {
			break
		}
		if len(l.chunks) >= 2 {
			tabular++
			end++
			continue
		}
		// a single chunk: part of the table when narrow and followed by a tabular line, or
		// close enough to continue the row above
		nextTab := end+1 < len(lines) && len(lines[end+1].chunks) >= 2 &&
			l.y-lines[end+1].y <= pdfRowPitch*lineSize(l, lines[end+1])
		if !narrow(l, lines[first:end]) || !(nextTab || prev.y-l.y < pdfRowWrap*lineSize(prev, l)) {
			break
		}
		end++
	}
	if tabular < 2 {
		return 0, 0, false
	}
	return i, end, true
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

// buildTable lays the lines of a table out in a grid. Lines within pdfRowSame of each other
// are one band (a row whose cells stand at different heights); a band without numbers that
// only goes on with the text cells of the band above, within pdfRowWrap, joins it too.
func buildTable(lines []pdfLine) [][]string {
	cols, positional := tableColumns(lines)
	var rows [][]string
	var texts [][]bool // per row and column: holds text that is not a number
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && lines[j-1].y-lines[j].y < pdfRowSame*lineSize(lines[j-1], lines[j]) {
			j++
		}
		cells := make([]string, len(cols))
		for _, l := range lines[i:j] {
			for k, c := range l.chunks {
				col := k
				if positional {
					col = columnOf(cols, c)
				}
				col = min(col, len(cols)-1)
				cells[col] = joinCell(cells[col], c.text)
			}
		}
		n := len(rows)
		if n > 0 && wrapsRow(lines[i-1], lines[i], cells, texts[n-1]) {
			for c, t := range cells {
				if t != "" {
					rows[n-1][c] = joinCell(rows[n-1][c], t)
				}
			}
		} else {
			isText := make([]bool, len(cols))
			for c, t := range cells {
				isText[c] = t != "" && !isNumberText(t)
			}
			rows, texts = append(rows, cells), append(texts, isText)
		}
		i = j
	}
	return rows
}

// wrapsRow reports whether a band whose first line is l and whose cells are cells goes on
// with the row above, whose last line is prev: it holds no number and only continues cells
// of that row that hold text (a wrapped label), within pdfRowWrap.
func wrapsRow(prev, l pdfLine, cells []string, rowText []bool) bool {
	if prev.y-l.y >= pdfRowWrap*lineSize(prev, l) {
		return false
	}
	for c, t := range cells {
		if t != "" && (isNumberText(t) || !rowText[c]) {
			return false
		}
	}
	return true
}

// tableColumns finds a table's columns: the spans where the cells of its rows with numbers
// (of all its tabular rows, when fewer than two hold numbers) overlap. When the rows do not
// line up (text laid out with tab stops, a cell pushed past the next stop), positional is
// false and cells are taken in order.
func tableColumns(lines []pdfLine) (cols []pdfChunk, positional bool) {
	var spans []pdfChunk
	data, most := 0, 0
	for _, l := range lines {
		most = max(most, len(l.chunks))
		if len(l.chunks) >= 2 && hasNumber(l) {
			data++
		}
	}
	for _, l := range lines {
		if len(l.chunks) >= 2 && (data < 2 || hasNumber(l)) {
			spans = append(spans, l.chunks...)
		}
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a].x0 < spans[b].x0 })
	for _, s := range spans {
		if n := len(cols); n > 0 && s.x0 <= cols[n-1].x1 {
			cols[n-1].x1 = max(cols[n-1].x1, s.x1)
			continue
		}
		cols = append(cols, pdfChunk{x0: s.x0, x1: s.x1})
	}
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
// (a label wrapped in its cell), else with a space.
func joinCell(cell, text string) string {
	if cell == "" {
		return text
	}
	a, _ := utf8.DecodeLastRuneInString(cell)
	b, _ := utf8.DecodeRuneInString(text)
	if wide(a) || wide(b) {
		return cell + text
	}
	return cell + " " + text
}

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
