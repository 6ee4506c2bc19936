package parse

import (
	"bytes"
	"context"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// xlsxWorkbook is the member every .xlsx holds.
const xlsxWorkbook = "xl/workbook.xml"

// readXLSX reads an .xlsx workbook into doc: each sheet a table, in the workbook's order,
// its cells as Excel shows them (numbers in their number format: 98.5%), merged cells
// expanded (every position of a merge repeats the text of its top-left cell, Merged set
// on all but that one). Empty sheets are left out, and each table loses its empty
// trailing rows and columns.
//
// Before anything is decompressed the member sizes the zip declares are checked against
// the limits, as for .docx; excelize is given the same limits for what it unzips.
func readXLSX(ctx context.Context, doc *Document, data []byte, lim Limits) error {
	zr, err := openZip(data)
	if err != nil {
		return failCause(ErrCorrupt, "truncated or damaged zip archive", err)
	}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(lim.MaxZipMember) {
			return limitError("max-zip-member", lim.MaxZipMember)
		}
		total += f.UncompressedSize64
		if total > uint64(lim.MaxZipTotal) {
			return limitError("max-zip-total", lim.MaxZipTotal)
		}
	}
	wb, err := openWorkbook(data, lim)
	if err != nil {
		return err
	}
	defer wb.Close()
	doc.Format = FormatXLSX
	budget := lim.MaxChars
	tables := 0
	for _, sheet := range wb.GetSheetList() {
		if err := ctx.Err(); err != nil {
			return err
		}
		grid, used, err := sheetGrid(ctx, wb, sheet, budget)
		if err != nil {
			return err
		}
		if len(grid) == 0 {
			continue
		}
		budget -= used
		tables++
		doc.Blocks = append(doc.Blocks, Block{Kind: Table, Index: tables, Cells: grid})
	}
	return nil
}

// openWorkbook opens the workbook with excelize, turning its failures (and panics: it is not
// hardened against every damaged file) into ErrCorrupt or ErrEncrypted.
func openWorkbook(data []byte, lim Limits) (wb *excelize.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, failCause(ErrCorrupt, "damaged workbook", fmt.Errorf("excelize: %v", r))
		}
	}()
	wb, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: lim.MaxZipTotal, UnzipXMLSizeLimit: lim.MaxZipMember,
	})
	if err != nil {
		if err == excelize.ErrWorkbookFileFormat {
			return nil, failCause(ErrNotDocument, "zip archive that is no workbook", err)
		}
		return nil, failCause(ErrCorrupt, "damaged workbook", err)
	}
	return wb, nil
}

// sheetGrid reads one sheet as a padded grid with its merges expanded. budget is how many
// characters (text plus one per grid position) the document may still hold; used is what
// the sheet takes of it.
func sheetGrid(ctx context.Context, wb *excelize.File, sheet string, budget int64) (grid [][]Cell, used int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			grid, used, err = nil, 0, failCause(ErrCorrupt, "damaged worksheet", fmt.Errorf("excelize: %v", r))
		}
	}()
	rows, err := wb.Rows(sheet)
	if err != nil {
		return nil, 0, failCause(ErrCorrupt, "damaged worksheet", err)
	}
	defer rows.Close()
	var text [][]string
	width := 0
	var chars int64
	for rows.Next() {
		if len(text)%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		cols, err := rows.Columns()
		if err != nil {
			return nil, 0, failCause(ErrCorrupt, "damaged worksheet", err)
		}
		for _, c := range cols {
			chars += int64(len([]rune(c)))
		}
		text = append(text, cols)
		width = max(width, len(cols))
		if chars+int64(len(text))*int64(width) > budget {
			return nil, 0, limitError("max-chars", budget)
		}
	}
	if err := rows.Error(); err != nil {
		return nil, 0, failCause(ErrCorrupt, "damaged worksheet", err)
	}
	merges, err := wb.GetMergeCells(sheet, true)
	if err != nil {
		return nil, 0, failCause(ErrCorrupt, "damaged worksheet", err)
	}
	// merges may reach beyond the cells written
	type span struct{ r0, c0, r1, c1 int }
	var spans []span
	height := len(text)
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r0 > r1 || c0 > c1 {
			continue
		}
		spans = append(spans, span{r0 - 1, c0 - 1, r1 - 1, c1 - 1})
		if r0 <= height { // a merge below the last row holds nothing
			width = max(width, c1)
			height = max(height, min(r1, len(text)))
		}
	}
	if int64(height)*int64(width)+chars > budget {
		return nil, 0, limitError("max-chars", budget)
	}
	grid = make([][]Cell, height)
	for r := range grid {
		grid[r] = make([]Cell, width)
		if r < len(text) {
			for c, s := range text[r] {
				grid[r][c].Text = s
			}
		}
	}
	for _, s := range spans {
		if s.r0 >= height || s.c0 >= width {
			continue
		}
		origin := grid[s.r0][s.c0].Text
		for r := s.r0; r <= s.r1 && r < height; r++ {
			for c := s.c0; c <= s.c1 && c < width; c++ {
				if r == s.r0 && c == s.c0 {
					continue
				}
				grid[r][c] = Cell{Text: origin, Merged: true}
			}
		}
	}
	grid = trimGrid(grid)
	if len(grid) == 0 {
		return nil, 0, nil
	}
	return grid, chars + int64(len(grid))*int64(len(grid[0])), nil
}

// trimGrid drops the empty trailing rows and columns of a grid (a sheet's formatting reaches
// further than its text), keeping it rectangular; an empty grid gives nil.
func trimGrid(grid [][]Cell) [][]Cell {
	h := len(grid)
	for h > 0 && rowEmpty(grid[h-1]) {
		h--
	}
	grid = grid[:h]
	if h == 0 {
		return nil
	}
	w := 0
	for _, row := range grid {
		for c := len(row) - 1; c >= w; c-- {
			if row[c].Text != "" {
				w = c + 1
				break
			}
		}
	}
	for r := range grid {
		grid[r] = grid[r][:w]
	}
	return grid
}

func rowEmpty(row []Cell) bool {
	for _, c := range row {
		if c.Text != "" {
			return false
		}
	}
	return true
}
