package extract

import (
	"strings"

	"github.com/jixiao/jixiao/parse"
)

// A table copied from a PDF or a web page may keep one row to a line with its cells run
// together and set apart by spaces only:
//
//	项目及编号 2016年度 2017年度 2017比2016增减
//	增减值 增减%
//	(一) 收入总计 58596771.09 117154424.7 58557653.59 99.93%
//	1. 财政补助收入 6909800 55508400 48598600 703.33%
//
// spacedTables rebuilds such tables: runs of at least three lines each a label followed by
// the same number (two or more) of bare numbers, under a header line of as many words (the
// last of which may span a second line's words), in a document that declares the table's
// unit. A row with fewer numbers than the others is left out, its cells not being placed.

// spacedRow is one line of a spaced table: its label and values, as written.
type spacedRow struct {
	label  string
	values []string
	loc    string
}

// spacedRowOf reads a line as a label and its bare numbers, or false.
func spacedRowOf(text string) (spacedRow, bool) {
	t := strings.TrimRight(text, " \t\u3000")
	if t == "" || !isDigit(rune(t[len(t)-1])) && t[len(t)-1] != '%' || strings.Count(t, " ") < 2 {
		return spacedRow{}, false // a row ends with a number and has cells to set apart
	}
	fields := strings.Fields(text)
	k := len(fields)
	for k > 0 && isSpacedNumber(fields[k-1]) {
		k--
	}
	if k == 0 || len(fields)-k < 1 || isSpacedNumber(fields[k-1]) {
		return spacedRow{}, false
	}
	label := fields[k-1]
	if isNumberingOnly(label) || hanCount(label) == 0 {
		return spacedRow{}, false
	}
	return spacedRow{label: label, values: fields[k:]}, true
}

// isSpacedNumber reports whether a word is a bare number or percentage (58557653.59, 99.93%,
// -76.87%).
func isSpacedNumber(w string) bool {
	q, bare, ok := cellValue(w)
	return ok && (bare || q.family == UnitPercent)
}

// spacedTables finds the spaced tables of a document.
func (lx *Lexicon) spacedTables(blocks []parse.Block) []flatTable {
	var out []flatTable
	for i := 0; i < len(blocks); i++ {
		rows, end := spacedRun(blocks, i)
		if len(rows) < 3 {
			continue
		}
		if t, ok := lx.spacedTable(blocks, i, rows); ok {
			out = append(out, t)
		}
		i = end - 1
	}
	return out
}

// spacedRun collects the rows of a spaced table starting at blocks[i]: lines of a label and
// numbers, the most common count of numbers taken as the table's width; a line with fewer
// numbers (2. 科教项目收入 0) may stand between and is passed over.
func spacedRun(blocks []parse.Block, i int) ([]spacedRow, int) {
	var rows []spacedRow
	j := i
	for ; j < len(blocks) && blocks[j].Kind == parse.Paragraph; j++ {
		r, ok := spacedRowOf(blocks[j].Text)
		if !ok {
			break
		}
		r.loc = blocks[j].Location()
		rows = append(rows, r)
	}
	if len(rows) < 3 {
		return nil, j
	}
	count := map[int]int{}
	for _, r := range rows {
		count[len(r.values)]++
	}
	width, best := 0, 0
	for w, n := range count {
		if n > best || n == best && w > width {
			width, best = w, n
		}
	}
	if width < 2 || best < 3 {
		return nil, j
	}
	var kept []spacedRow
	for _, r := range rows {
		if len(r.values) == width {
			kept = append(kept, r)
		}
	}
	return kept, j
}

// spacedTable builds the grid of a spaced table whose rows start at blocks[i]: the header
// line above (and, above it, a line whose last word spans the header line's words), and the
// caption lines above those, which must declare the unit.
func (lx *Lexicon) spacedTable(blocks []parse.Block, i int, rows []spacedRow) (flatTable, bool) {
	width := len(rows[0].values)
	values, k := spacedHeader(blocks, i, width)
	if values == nil {
		return flatTable{}, false
	}
	caption := ""
	for c := k; c >= 0 && c >= k-3 && blocks[c].Kind == parse.Paragraph; c-- {
		caption = blocks[c].Text + "\n" + caption
	}
	if tableUnit(caption, nil) == "" {
		return flatTable{}, false // an amount whose unit nobody states is not a figure
	}
	grid := [][]parse.Cell{append([]parse.Cell{{Text: "项目"}}, cellsOf(values)...)}
	locs := [][]string{make([]string, width+1)}
	for _, r := range rows {
		grid = append(grid, append([]parse.Cell{{Text: r.label}}, cellsOf(r.values)...))
		loc := make([]string, width+1)
		for c := range loc {
			loc[c] = r.loc
		}
		locs = append(locs, loc)
	}
	return flatTable{block: parse.Block{Kind: parse.Table, Cells: grid}, locs: locs, caption: caption}, true
}

// spacedHeader reads the header of the value columns above blocks[i] and returns it with the
// index of the block above the header; nil when the lines above are no header of width words:
// a line of the label's header and width words (项目 2016年度 2017年度), a line of width
// words, or a line whose last word spans the words of the line under it (项目 2016年度
// 2017年度 增减 / 增减值 增减%).
func spacedHeader(blocks []parse.Block, i, width int) ([]string, int) {
	line := func(k int) []string {
		if k < 0 || blocks[k].Kind != parse.Paragraph {
			return nil
		}
		return strings.Fields(blocks[k].Text)
	}
	b := line(i - 1)
	switch {
	case len(b) == width+1:
		return b[1:], i - 2
	case len(b) == width:
		if a := line(i - 2); len(a) >= 3 {
			if span := append(append([]string{}, a[1:len(a)-1]...), b...); len(span) == width {
				return span, i - 3
			}
		}
		return b, i - 2
	}
	if a := line(i - 2); len(a) >= 3 && len(b) >= 2 {
		if span := append(append([]string{}, a[1:len(a)-1]...), b...); len(span) == width {
			return span, i - 3
		}
	}
	return nil, 0
}

func cellsOf(texts []string) []parse.Cell {
	out := make([]parse.Cell, len(texts))
	for i, t := range texts {
		out[i] = parse.Cell{Text: t}
	}
	return out
}
