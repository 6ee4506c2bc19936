package parse

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A table copied out of a web page often arrives one cell to a line with its borders on lines
// of their own: "|" between the cells, a line of pipes "||||||" where a row ends, or each cell
// with its border at the end of its line ("项目 |"). pipeCellTable rebuilds the grid of such a
// run of lines.
//
// Two styles are told apart. Where the run opens with a border line, each row is written
// "| cell | cell |", and two borders in a row close one row and open the next. Otherwise each
// cell is followed by its border, a border with no cell before it is an empty cell, and a line
// of two pipes or more ends the row; without such lines the rows are cut to the width of the
// header (the leading text cells, less the first row's label, or with a row number after it).

// pipeLineKind is what one line of a pipe-cell run is.
type pipeLineKind int

const (
	pipeNone   pipeLineKind = iota
	pipeBorder              // only pipes: "|", "||||||"
	pipeCell                // one cell and its border: "项目 |"
	pipeText                // a line of a cell, no border on it
)

// maxCellLines bounds the lines one cell may run over inside a pipe-cell run.
const maxCellLines = 8

func pipeLine(line string) (pipeLineKind, string, int) {
	t := strings.TrimSpace(line)
	switch {
	case t == "":
		return pipeNone, "", 0
	case strings.Trim(t, "| \t") == "":
		return pipeBorder, "", strings.Count(t, "|")
	case strings.HasSuffix(t, "|") && strings.Count(t, "|") == 1:
		return pipeCell, strings.TrimSpace(strings.TrimSuffix(t, "|")), 1
	case !strings.Contains(t, "|"):
		return pipeText, t, 0
	}
	return pipeNone, "", 0
}

// pipeCellRun returns the end (exclusive) of a pipe-cell run starting at lines[i], or i when
// none starts there: a run opens with a border, a bordered cell or a cell right before a
// border, holds at least six lines, three of them borders or bordered cells, and every text
// line in it is followed by a border within maxCellLines lines. Blank lines are skipped.
func pipeCellRun(lines []string, i int) int {
	k, _, _ := pipeLine(lines[i])
	if k == pipeNone || k == pipeText && !borderNext(lines, i) {
		return i // a run opens with a border, a bordered cell or a cell right before a border
	}
	end, bordered, n := i, 0, 0
	for j := i; j < len(lines); j++ {
		kind, _, _ := pipeLine(lines[j])
		if strings.TrimSpace(lines[j]) == "" {
			continue
		}
		if kind == pipeNone || kind == pipeText && !borderAhead(lines, j) {
			break
		}
		if kind != pipeText {
			bordered++
		}
		n++
		end = j + 1
	}
	if n < 6 || bordered < 3 {
		return i
	}
	return end
}

// borderNext reports whether the next line that is not blank is a border of its own.
func borderNext(lines []string, i int) bool {
	for j := i + 1; j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == "" {
			continue
		}
		k, _, _ := pipeLine(lines[j])
		return k == pipeBorder
	}
	return false
}

// borderAhead reports whether a border follows the text line at lines[i] within the lines a
// cell may take.
func borderAhead(lines []string, i int) bool {
	for j, seen := i+1, 0; j < len(lines) && seen < maxCellLines; j++ {
		if strings.TrimSpace(lines[j]) == "" {
			continue
		}
		switch k, _, _ := pipeLine(lines[j]); k {
		case pipeBorder, pipeCell:
			return true
		case pipeNone:
			return false
		}
		seen++
	}
	return false
}

// pipeToken is one cell of a run, or a border, with whether a border line ends a row.
type pipeToken struct {
	cell    bool
	text    string
	rowEnd  bool // a line of two pipes or more
	newLine bool // the border stands on a line of its own
}

func pipeTokens(lines []string) []pipeToken {
	var toks []pipeToken
	open := false // the last token is a cell that a text line may continue
	for _, l := range lines {
		kind, text, pipes := pipeLine(l)
		switch kind {
		case pipeBorder:
			toks = append(toks, pipeToken{rowEnd: pipes >= 2, newLine: true})
			open = false
		case pipeCell:
			if open {
				toks[len(toks)-1].text += "\n" + text
			} else {
				toks = append(toks, pipeToken{cell: true, text: text})
			}
			toks = append(toks, pipeToken{})
			open = false
		case pipeText:
			if open {
				toks[len(toks)-1].text += "\n" + text
			} else {
				toks = append(toks, pipeToken{cell: true, text: text})
				open = true
			}
		}
	}
	return toks
}

// pipeCellTable rebuilds the grid of a pipe-cell run, or returns nil when its rows cannot be
// told or it is no table: paragraphs each set off by borders (most rows one cell).
func pipeCellTable(lines []string) [][]string {
	toks := pipeTokens(lines)
	if len(toks) == 0 {
		return nil
	}
	var rows [][]string
	if !toks[0].cell {
		rows = leadingBorderRows(toks)
	} else if r, ended := trailingBorderRows(toks); ended {
		rows = r
	} else if len(r) == 1 {
		rows = cutToHeader(r[0])
	}
	single := 0
	for _, r := range rows {
		n := 0
		for _, c := range r {
			if strings.TrimSpace(c) != "" {
				n++
			}
		}
		if n <= 1 {
			single++
		}
	}
	if len(rows) == 0 || 2*single > len(rows) {
		return nil
	}
	return rows
}

// leadingBorderRows reads "| a | b |" rows: a border right after a border closes a row.
func leadingBorderRows(toks []pipeToken) [][]string {
	var rows [][]string
	var cur []string
	inRow := false
	for k, t := range toks {
		switch {
		case t.cell:
			cur = append(cur, t.text)
			inRow = true
		case t.rowEnd || k > 0 && !toks[k-1].cell:
			if inRow && len(cur) > 0 {
				rows = append(rows, cur)
			}
			cur, inRow = nil, false
		}
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// trailingBorderRows reads cells each followed by its border; a border with no cell before
// it is an empty cell; a line of pipes ends a row. ended reports whether any row was ended so.
func trailingBorderRows(toks []pipeToken) (rows [][]string, ended bool) {
	var cur []string
	pending := false // a cell waits for its border
	for _, t := range toks {
		switch {
		case t.cell:
			cur = append(cur, t.text)
			pending = true
		case t.rowEnd:
			if len(cur) > 0 {
				rows = append(rows, cur)
			}
			cur, pending, ended = nil, false, true
		case pending:
			pending = false
		default:
			cur = append(cur, "") // a border with no cell before it
		}
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows, ended
}

// cutToHeader cuts a run of cells into rows as wide as the header: the leading text cells,
// or one fewer when the last of them is the first row's label. A width is taken when every
// row after the header starts with text or with its row number (1, 2, 3 …).
func cutToHeader(cells []string) [][]string {
	h := 0
	for h < len(cells) && !isNumberCell(cells[h]) {
		h++
	}
	for _, w := range []int{h, h - 1} {
		if w < 2 || w >= len(cells) {
			continue
		}
		if rows, ok := rowsOfWidth(cells, w); ok {
			return rows
		}
	}
	return nil
}

func rowsOfWidth(cells []string, w int) ([][]string, bool) {
	var rows [][]string
	serial := 1
	for at := 0; at < len(cells); at += w {
		row := cells[at:min(at+w, len(cells))]
		if at > 0 {
			first := strings.TrimSpace(row[0])
			switch {
			case first == strconv.Itoa(serial):
				serial++
			case first == "" || isNumberCell(first):
				return nil, false
			}
		}
		rows = append(rows, row)
	}
	return rows, len(rows) >= 2
}

// isNumberCell reports whether a cell holds a number only (12, 1,253.50, 98.5%, -3).
func isNumberCell(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 24 {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			digits++
		case strings.ContainsRune(".,，%％-－ ", r):
		default:
			return false
		}
	}
	return digits > 0
}
