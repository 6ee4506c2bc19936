package parse

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"
)

// lineKind classifies a line of a text file.
type lineKind int

const (
	lineBlank lineKind = iota
	lineText
	linePipe // a row of a pipe table: | a | b |, or a | b
	lineTab  // two or more non-empty fields separated by tabs
)

// textBlocks splits decoded text into blocks. Line breaks are normalised (CRLF and CR become
// LF); every non-blank line is a paragraph, kept as written (full-width characters, leading
// spaces and Markdown marks included), with Level from a Markdown heading mark (# to ######)
// or else from HeadingLevel. A run of two or more consecutive lines with | separators (a
// Markdown pipe table; its |---| line is dropped) or with two or more tab-separated fields
// becomes a table block, its cells trimmed and its rows padded to one width. Blank lines are
// no blocks and are not counted.
func textBlocks(ctx context.Context, text string, lim Limits) ([]Block, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	kinds := make([]lineKind, len(lines))
	for i, l := range lines {
		kinds[i] = classifyLine(l)
	}
	chars := int64(utf8.RuneCountInString(text)) // grid positions are counted on top of the text
	var blocks []Block
	paras, tables := 0, 0
	for i := 0; i < len(lines); {
		if i%10000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if e := pipeCellRun(lines, i); e > i {
			if rows := pipeCellTable(lines[i:e]); rows != nil {
				grid := padGrid(rows)
				if n := int64(len(grid)) * int64(len(grid[0])); n > lim.MaxChars-chars {
					return nil, limitError("max-chars", lim.MaxChars)
				} else {
					chars += n
				}
				tables++
				blocks = append(blocks, Block{Kind: Table, Index: tables, Cells: grid})
				i = e
				continue
			}
		}
		k := kinds[i]
		j := i + 1
		for j < len(lines) && (kinds[j] == k || (k == lineTab && isTabTail(lines[j])) ||
			((k == lineTab || k == linePipe) && pageMark.MatchString(lines[j]) && j+1 < len(lines) &&
				(kinds[j+1] == k || k == lineTab && isTabTail(lines[j+1])))) {
			if k == lineText && pipeCellRun(lines, j) > j {
				break // a table of pipe-bordered cells starts here
			}
			j++
		}
		if (k == linePipe || k == lineTab) && j-i >= 2 {
			grid, ok := textGrid(lines[i:j], k, lim.MaxChars-chars)
			if !ok {
				return nil, limitError("max-chars", lim.MaxChars)
			}
			if len(grid) > 0 {
				chars += int64(len(grid)) * int64(len(grid[0]))
				tables++
				blocks = append(blocks, Block{Kind: Table, Index: tables, Cells: grid})
				i = j
				continue
			}
		}
		for ; i < j; i++ {
			if k == lineBlank {
				continue
			}
			paras++
			blocks = append(blocks, Block{Kind: Paragraph, Index: paras, Text: lines[i], Level: lineLevel(lines[i])})
		}
	}
	return blocks, nil
}

// lineLevel is the heading level of a text line: its Markdown heading mark, or its numbering.
func lineLevel(line string) int {
	s := strings.TrimLeft(line, " ")
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if 1 <= n && n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t') {
		return n
	}
	return HeadingLevel(line)
}

// classifyLine tells blank lines, table rows and other lines apart.
func classifyLine(line string) lineKind {
	t := strings.TrimSpace(line)
	switch {
	case t == "":
		return lineBlank
	case isPipeRow(t):
		return linePipe
	case isTabRow(t):
		return lineTab
	}
	return lineText
}

// isPipeRow reports whether a trimmed line is a row of a pipe table: it starts with | or has
// at least two |-separated fields.
func isPipeRow(t string) bool {
	if !strings.Contains(t, "|") {
		return false
	}
	return strings.HasPrefix(t, "|") || len(pipeFields(t)) >= 2
}

// isTabRow reports whether a line has at least two non-empty tab-separated fields.
func isTabRow(t string) bool {
	if !strings.Contains(t, "\t") {
		return false
	}
	n := 0
	for _, f := range strings.Split(t, "\t") {
		if strings.TrimSpace(f) != "" {
			n++
		}
	}
	return n >= 2
}

// pipeFields splits a trimmed pipe-table row into trimmed cells, dropping the empty fields
// outside a leading and a trailing |. An escaped \| stays in the cell as |.
func pipeFields(t string) []string {
	var fields []string
	var cur strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t) && t[i+1] == '|':
			cur.WriteByte('|')
			i++
		case t[i] == '|':
			fields = append(fields, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(t[i])
		}
	}
	fields = append(fields, strings.TrimSpace(cur.String()))
	if strings.HasPrefix(t, "|") {
		fields = fields[1:]
	}
	if len(fields) > 0 && strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) {
		fields = fields[:len(fields)-1]
	}
	return fields
}

// isDelimiterRow reports whether pipe cells form a Markdown delimiter row: |---|:--:|.
func isDelimiterRow(cells []string) bool {
	if len(cells) == 0 {
		return false
	}
	for _, c := range cells {
		c = strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// textGrid turns a run of table lines into a padded grid of trimmed cells, or nil when the
// run holds nothing but delimiter rows. A grid of more than budget positions is refused
// (ok false) before it is allocated.
func textGrid(lines []string, k lineKind, budget int64) (grid [][]Cell, ok bool) {
	var rows [][]string
	width := 0
	for _, l := range lines {
		if pageMark.MatchString(l) {
			continue // a page break inside the table
		}
		t := strings.TrimSpace(l)
		if k != linePipe {
			// Leading tabs are empty cells (a second header row under a merged cell), so
			// only spaces and indentation are trimmed.
			t = strings.Trim(l, " \r\u3000\u00a0")
		}
		var cells []string
		if k == linePipe {
			cells = pipeFields(t)
			if isDelimiterRow(cells) {
				continue
			}
		} else {
			cells = strings.Split(t, "\t")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			// A line wrapped inside a row (text copied from a PDF): its first field ends the
			// row's last cell and the rest are the row's next cells (93,050.4 / 0	89.93%).
			if n := len(rows); n > 0 && wraps(rows[n-1], cells, width) {
				last := rows[n-1]
				last[len(last)-1] += cells[0]
				rows[n-1] = append(last, cells[1:]...)
				width = max(width, len(rows[n-1]))
				continue
			}
		}
		rows = append(rows, cells)
		if len(rows) == 1 || k == linePipe {
			width = max(width, len(cells))
		}
	}
	for _, r := range rows {
		width = max(width, len(r))
	}
	if len(rows) == 0 || width == 0 {
		return nil, true
	}
	if int64(len(rows))*int64(width) > budget {
		return nil, false
	}
	grid = make([][]Cell, len(rows))
	for i, cells := range rows {
		grid[i] = make([]Cell, width)
		for j, c := range cells {
			grid[i][j].Text = c
		}
	}
	return grid, true
}

// pageMark is a page number copied from a PDF between two rows of a table: —1—, - 2 -,
// 第1页 共3页.
var pageMark = regexp.MustCompile(`^[\s\x{3000}]*(?:[-—–―－~·]+\s*\d{1,4}\s*[-—–―－~·]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)[\s\x{3000}]*$`)

// isTabTail reports whether a line that is no table row of its own may be the wrapped end of
// a tab-separated row: a numeric fragment (0, 7.15, 89.93%, or a whole amount 2502361.90 whose
// cell was left empty by the wrap) or a line of fields starting with a tab.
func isTabTail(line string) bool {
	t := strings.Trim(line, " \r\u3000\u00a0")
	if t == "" {
		return false
	}
	if strings.HasPrefix(t, "\t") {
		return true
	}
	return utf8.RuneCountInString(t) <= 18 && strings.Trim(t, "0123456789.,%％") == ""
}

// wraps reports whether cells continue row: the row is shorter than the table and the
// two together fit it (the first field joins the row's last cell), or the row is complete
// but cells is a lone numeric fragment of its last cell, numeric or empty (99.3 / 0).
func wraps(row, cells []string, width int) bool {
	if len(row) == 0 || width == 0 {
		return false
	}
	if len(row) < width && len(row)+len(cells)-1 <= width {
		return true
	}
	// The row is complete but its last cell is empty (a trailing tab) or numeric, and the line
	// is a lone numeric fragment: the cell went on on the next line.
	last := row[len(row)-1]
	return len(cells) == 1 && cells[0] != "" && strings.Trim(cells[0], "0123456789.,%％") == "" &&
		strings.Trim(last, "0123456789.,%％") == ""
}

// padGrid makes a grid of rows of cells, each row padded to the widest.
func padGrid(rows [][]string) [][]Cell {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	grid := make([][]Cell, len(rows))
	for i, r := range rows {
		grid[i] = make([]Cell, width)
		for j, c := range r {
			grid[i][j].Text = c
		}
	}
	return grid
}
