package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/parse"
)

// A table copied out of a PDF or a web page often arrives as one cell per line: first the
// header cells, then the cells of each row. flatTables finds such runs of short lines and
// rebuilds their grid so the table reader can read them like any other table.

// declaresUnit reports whether text declares the unit of a table (单位：万元).
func declaresUnit(text string) bool {
	return mayDeclareUnit(text) && unitDecl.MatchString(normalizeString(text))
}

// isCellLine reports whether a paragraph could be one cell of a flattened table.
func isCellLine(b parse.Block) bool {
	t := strings.TrimSpace(b.Text)
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 25 || strings.ContainsAny(t, "。；;！？") {
		return false
	}
	if strings.ContainsAny(t, "，,") && !isNumericCell(t) { // 1,253,050.37 is a cell; a clause is not
		return false
	}
	if l := parse.HeadingLevel(t); l > 0 && l != 3 && !decimalStart.MatchString(t) {
		// 一、 （一） （1） open sections; 1． may label a row of a flattened table
		return false
	}
	return true
}

// flatCell is one cell of a flattened table with the paragraph it came from.
type flatCell struct {
	text string
	loc  string
	num  bool
}

// flatTable is a rebuilt table: its grid, the location of each cell, and its caption; and,
// for a header over rows of values only, the header's cells and the rows as they came.
type flatTable struct {
	block   parse.Block
	locs    [][]string
	caption string
	header  []flatCell
	values  [][]flatCell
}

// flatTables finds runs of one-cell-per-line paragraphs holding at least two numbers and
// rebuilds them as tables.
func (lx *Lexicon) flatTables(blocks []parse.Block) []flatTable {
	var out []flatTable
	var caption []string
	for i := 0; i < len(blocks); {
		b := blocks[i]
		if b.Kind != parse.Paragraph || !isCellLine(b) || declaresUnit(b.Text) {
			if b.Kind == parse.Paragraph {
				caption = append(caption, b.Text)
				if len(caption) > 3 {
					caption = caption[1:]
				}
			} else {
				caption = nil
			}
			i++
			continue
		}
		j := i
		var cells []flatCell
		for j < len(blocks) && blocks[j].Kind == parse.Paragraph && isCellLine(blocks[j]) && !declaresUnit(blocks[j].Text) {
			t := strings.TrimSpace(blocks[j].Text)
			if pageNumber.MatchString(t) {
				j++ // a page break inside the table
				continue
			}
			_, _, num := cellValue(t)
			if !num && len(cells) > 0 && cells[len(cells)-1].num && parse.HeadingLevel(t) > 0 && nextIsText(blocks, j+1) {
				break // 5．三公经费支出情况 / 项目 …: a numbered heading over the next table's header
			}
			cells = append(cells, flatCell{text: t, loc: blocks[j].Location(), num: num})
			j++
		}
		if t, ok := lx.rebuild(cells, strings.Join(caption, "\n")); ok {
			out = append(out, t)
		}
		caption = nil
		i = j
	}
	return out
}

// nextIsText reports whether blocks[j], past page numbers, is a cell line holding no number.
func nextIsText(blocks []parse.Block, j int) bool {
	for j < len(blocks) && blocks[j].Kind == parse.Paragraph && pageNumber.MatchString(strings.TrimSpace(blocks[j].Text)) {
		j++
	}
	if j >= len(blocks) || blocks[j].Kind != parse.Paragraph || !isCellLine(blocks[j]) {
		return false
	}
	_, _, num := cellValue(strings.TrimSpace(blocks[j].Text))
	return !num
}

// rebuild turns a run of cells into a grid: the leading text cells are the header; the
// rest splits into rows, a new row starting at a text cell that follows a number (a row
// number just before it belongs to the new row). Rows are right-aligned under the header
// so the value columns meet their headers even when a merged super-header (资金情况) or a
// row number column makes the header longer than a row.
func (lx *Lexicon) rebuild(cells []flatCell, caption string) (flatTable, bool) {
	// Text after the last number holds no value: it is what follows the table (a heading
	// 2．年度重点工作任务), not a row — read as one, it would make the last value a row number.
	for len(cells) > 0 && !cells[len(cells)-1].num {
		cells = cells[:len(cells)-1]
	}
	nums := 0
	for _, c := range cells {
		if c.num {
			nums++
		}
	}
	if len(cells) < 4 || nums < 2 {
		return flatTable{}, false
	}
	h := 0
	for h < len(cells) && !cells[h].num {
		h++
	}
	header, body := cells[:h], cells[h:]
	// A row number followed by a text cell opens a row; so does a text cell after a number.
	var rows [][]flatCell
	var cur []flatCell
	nextSerial := 1 // row numbers count 1, 2, 3 …; any other integer is a value
	serialOpened := false
	for k, c := range body {
		opens, serial := false, false
		switch {
		case !c.num && k > 0 && body[k-1].num:
			opens = true
		case c.num && strings.TrimSpace(c.text) == strconv.Itoa(nextSerial) && k+1 < len(body) && !body[k+1].num && (k == 0 || body[k-1].num):
			opens, serial = true, true
			nextSerial++
		}
		if opens && len(cur) > 0 {
			// a row number already opened this row
			if !(len(cur) == 1 && serialOpened && !c.num) {
				rows = append(rows, cur)
				cur = nil
			}
		}
		if opens {
			serialOpened = serial
		}
		cur = append(cur, c)
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	// The first row's label was read as the last header cell when the header and the label
	// are both text: 项目 / 预算数 / 决算数 / 收入合计 / 398.80 / 368.91.
	if len(rows) >= 2 && len(header) > 0 && len(rows[0]) < len(rows[1]) && allNumeric(rows[0]) {
		rows[0] = append([]flatCell{header[len(header)-1]}, rows[0]...)
		header = header[:len(header)-1]
	}
	// A unit named in a header cell that reorderHeader drops (资金情况（元）) holds for the table.
	for _, h := range header {
		if m := unitParen.FindString(normalizeString(h.text)); m != "" {
			caption += "\n" + m
		}
	}
	fullHeader := header
	header = lx.reorderHeader(header)
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	if width < 2 && len(header) == 0 {
		return flatTable{}, false
	}
	// Column-major key/value (编制数 / 实有人数 / 28 / 40): one row of values under the labels.
	if len(rows) == 1 && len(header) == len(rows[0]) {
		width = len(header)
	}
	if len(header) > width {
		header = header[len(header)-width:]
	}
	grid := make([][]parse.Cell, 0, len(rows)+1)
	locs := make([][]string, 0, len(rows)+1)
	if len(header) > 0 {
		row, loc := pad(header, width)
		grid, locs = append(grid, row), append(locs, loc)
	}
	for _, r := range rows {
		row, loc := pad(r, width)
		grid, locs = append(grid, row), append(locs, loc)
	}
	ft := flatTable{block: parse.Block{Kind: parse.Table, Cells: grid}, locs: locs, caption: caption}
	if valuesOnly(rows) {
		ft.header, ft.values = fullHeader, rows
	}
	return ft, true
}

// valuesOnly reports whether every row holds numbers only.
func valuesOnly(rows [][]flatCell) bool {
	for _, r := range rows {
		if !allNumeric(r) {
			return false
		}
	}
	return len(rows) > 0
}

// pad right-aligns cells in a row of the given width.
func pad(cells []flatCell, width int) ([]parse.Cell, []string) {
	row := make([]parse.Cell, width)
	loc := make([]string, width)
	off := width - len(cells)
	for k, c := range cells {
		row[off+k] = parse.Cell{Text: c.text}
		loc[off+k] = c.loc
	}
	return row, loc
}

// reorderHeader undoes the reading order of a two-level header flattened row by row:
// 项目 / 金额 / 执行率 / 年初预算数 / 决算数 was the grid 项目 | 年初预算数 | 决算数 | 执行率,
// where 金额 spanned the two budget columns. The spanning cell gives its place to the
// basis cells that sat under it; a spanning cell right before its sub-cells simply goes.
func (lx *Lexicon) reorderHeader(h []flatCell) []flatCell {
	for i, c := range h {
		if !lx.superHeader.MatchString(normalizeString(c.text)) {
			continue
		}
		if i+1 < len(h) && lx.contains(kindFlatBasis, "", normalizeString(h[i+1].text)) {
			return append(append([]flatCell{}, h[:i]...), h[i+1:]...)
		}
		k := len(h)
		for k > i+1 && lx.contains(kindFlatBasis, "", normalizeString(h[k-1].text)) {
			k--
		}
		if k == len(h) {
			return append(append([]flatCell{}, h[:i]...), h[i+1:]...)
		}
		out := append([]flatCell{}, h[:i]...)
		out = append(out, h[k:]...)
		return append(out, h[i+1:k]...)
	}
	return h
}

func allNumeric(cells []flatCell) bool {
	for _, c := range cells {
		if !c.num {
			return false
		}
	}
	return true
}
