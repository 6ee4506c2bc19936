package parse

import (
	"math"
	"regexp"
	"strings"
)

// This file lays the pages of a PDF out one after the other, so that a table a page break
// cuts is read as one: its last row's label wrapped onto the next page joins that row, and
// the rows there keep the header of the first page.

// Thresholds of a table going on across a page break.
const (
	pdfPageGap    = 1.0  // the rows of the next page are set this many font sizes below the last
	pdfPageSizes  = 0.15 // the font sizes of the two parts differ by at most this share
	pdfPageLead   = 3    // at most this many single-cell lines (a wrapped label) before the first row
	pdfCellInside = 0.5  // a wrapped line lies within this many font sizes of its cell's edges
	pdfHeadOut    = 2    // a header's cells reach at most this many font sizes past its table's
)

// layoutPages lays the lines of each page out as text lines and tables. When a page ends in
// a table, or in a table's header, and the next page starts with rows in its columns (after
// its page number, if any), the two parts are one table, the page numbers between them left
// out.
func layoutPages(pages [][]pdfLine) [][]pdfItem {
	out := make([][]pdfItem, len(pages))
	var carry *pdfTail      // what the last page handed on
	var carryFoot []pdfLine // and the page number below it
	for p, lines := range pages {
		head, body, foot := pageMarks(lines)
		if carry != nil {
			if rest, ok := continuesTable(carry.lines, carry.head, body); ok {
				body = append(append([]pdfLine(nil), carry.lines...), shiftBelow(rest, carry.lines[len(carry.lines)-1])...)
				head = nil
			} else {
				out[p-1] = endTable(out[p-1], carry, carryFoot)
			}
			carry, carryFoot = nil, nil
		}
		items, tail := layoutLines(body)
		out[p] = append(appendLines(out[p], head), items...)
		if tail != nil {
			carry, carryFoot = tail, foot
			continue
		}
		out[p] = appendLines(out[p], foot)
	}
	if carry != nil {
		n := len(pages) - 1
		out[n] = endTable(out[n], carry, carryFoot)
	}
	return out
}

// endTable appends a tail no page goes on with, and the page number below it: a header
// line alone as text, a table without the label line that waited for the next page.
func endTable(items []pdfItem, t *pdfTail, foot []pdfLine) []pdfItem {
	if t.head {
		items = appendLines(items, t.lines)
	} else {
		items = append(items, pdfItem{table: buildTable(t.lines[:t.firm])})
		items = appendLines(items, t.lines[t.firm:])
	}
	return appendLines(items, foot)
}

// appendLines appends lines as text items.
func appendLines(items []pdfItem, lines []pdfLine) []pdfItem {
	for _, l := range lines {
		items = append(items, pdfItem{text: chunksText(l)})
	}
	return items
}

// bareNumber is a page number without marks around it.
var bareNumber = regexp.MustCompile(`^\d{1,4}$`)

// pageMarks splits off a page's page numbers: lines at its top and foot that read as one
// (—1—, 第1页 共3页, or a bare number standing apart from the text).
func pageMarks(lines []pdfLine) (head, body, foot []pdfLine) {
	isMark := func(i, near int) bool {
		t := chunksText(lines[i])
		if pageMark.MatchString(t) {
			return true
		}
		if !bareNumber.MatchString(strings.TrimSpace(t)) {
			return false
		}
		if near < 0 || near >= len(lines) {
			return true
		}
		return math.Abs(lines[i].y-lines[near].y) > pdfRowPitch*lineSize(lines[i], lines[near])
	}
	start, end := 0, len(lines)
	for start < end && start < 2 && isMark(start, start+1) {
		start++
	}
	for end > start && len(lines)-end < 2 && isMark(end-1, end-2) {
		end--
	}
	return lines[:start], lines[start:end], lines[end:]
}

// continuesTable reports whether the lines of a page go on with the table of carry: at
// most pdfPageLead single-cell lines, each within a column or a text cell of the table,
// then a row whose cells fall in the table's columns and that holds
// a number, in a font of the same size. A first row that repeats the table's first row
// (a header repeated on every page) is dropped. rest is the lines that go on.
func continuesTable(carry []pdfLine, head bool, lines []pdfLine) (rest []pdfLine, ok bool) {
	if head || !anyNumber(carry) {
		return lines, headContinues(carry, lines)
	}
	k := 0
	for k < len(lines) && k <= pdfPageLead && len(lines[k].chunks) < 2 {
		k++
	}
	if k >= len(lines) || k > pdfPageLead {
		return nil, false
	}
	last := carry[len(carry)-1]
	for _, l := range carry {
		if len(l.chunks) >= 2 {
			last = l
		}
	}
	row := lines[k]
	if math.Abs(row.size-last.size) > pdfPageSizes*max(row.size, last.size) {
		return nil, false
	}
	if !hasNumber(row) {
		if !sameTexts(row, firstRow(carry)) {
			return nil, false
		}
		lines = append(append([]pdfLine(nil), lines[:k]...), lines[k+1:]...)
	}
	cols, positional := tableColumns(splitAtColumnGaps(carry))
	if !positional {
		return lines, len(row.chunks) <= len(cols)
	}
	seen := map[int]bool{}
	for _, c := range row.chunks {
		i := columnOf(cols, c)
		if seen[i] || min(c.x1, cols[i].x1)-max(c.x0, cols[i].x0) <= 0 {
			return nil, false
		}
		seen[i] = true
	}
	for _, l := range lines[:min(k, len(lines))] {
		if len(l.chunks) == 1 && !inColumn(l.chunks[0], cols, l.size) && !inCell(l.chunks[0], carry, l.size) {
			return nil, false
		}
	}
	return lines, true
}

// inCell reports whether a chunk lies within a text cell of the lines.
func inCell(c pdfChunk, lines []pdfLine, size float64) bool {
	tol := pdfCellInside * max(size, 1)
	for _, l := range lines {
		for _, cell := range l.chunks {
			if !isNumberText(cell.text) && c.x0 >= cell.x0-tol && c.x1 <= cell.x1+tol {
				return true
			}
		}
	}
	return false
}

// headContinues reports whether a page starts with the table whose header ended the page
// before: after at most pdfPageLead lines of one cell (a label above its numbers), a line
// of cells, in a font of the header's size, and the header's cells
// lie within the table's width (a header cell wider than the numbers under it reaching a
// little past them).
func headContinues(header, lines []pdfLine) bool {
	k := 0
	for k < len(lines) && k <= pdfPageLead && len(lines[k].chunks) < 2 {
		k++
	}
	if k >= len(lines) || k > pdfPageLead {
		return false
	}
	first, last := lines[k], header[len(header)-1]
	if math.Abs(first.size-last.size) > pdfPageSizes*max(first.size, last.size) {
		return false
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range lines[k:] {
		if l.y < first.y-4*pdfRowPitch*first.size {
			break
		}
		if len(l.chunks) >= 2 {
			lo, hi = min(lo, l.chunks[0].x0), max(hi, l.chunks[len(l.chunks)-1].x1)
		}
	}
	tol := pdfHeadOut * max(last.size, 1)
	for _, h := range header {
		if h.chunks[0].x0 < lo-tol || h.chunks[len(h.chunks)-1].x1 > hi+tol {
			return false
		}
	}
	return true
}

// anyNumber reports whether a line of lines has a chunk that is a number.
func anyNumber(lines []pdfLine) bool {
	for _, l := range lines {
		if hasNumber(l) {
			return true
		}
	}
	return false
}

// firstRow is the first line of a table with two cells or more.
func firstRow(lines []pdfLine) pdfLine {
	for _, l := range lines {
		if len(l.chunks) >= 2 {
			return l
		}
	}
	return pdfLine{}
}

// sameTexts reports whether two lines have the same cells.
func sameTexts(a, b pdfLine) bool {
	if len(a.chunks) != len(b.chunks) {
		return false
	}
	for i := range a.chunks {
		if a.chunks[i].text != b.chunks[i].text {
			return false
		}
	}
	return true
}

// inColumn reports whether a chunk lies within one of the columns.
func inColumn(c pdfChunk, cols []pdfChunk, size float64) bool {
	tol := pdfCellInside * max(size, 1)
	for _, col := range cols {
		if c.x0 >= col.x0-tol && c.x1 <= col.x1+tol {
			return true
		}
	}
	return false
}

// shiftBelow moves lines up or down the page so that the first stands pdfPageGap font sizes
// below last, keeping their distances: the rows of the next page are laid out as if the
// page went on.
func shiftBelow(lines []pdfLine, last pdfLine) []pdfLine {
	if len(lines) == 0 {
		return nil
	}
	dy := last.y - pdfPageGap*lineSize(last, lines[0]) - lines[0].y
	out := make([]pdfLine, len(lines))
	for i, l := range lines {
		l.y += dy
		out[i] = l
	}
	out[0].pageTop = true
	return out
}
