package corpus

import (
	"bytes"
	"slices"

	"github.com/xuri/excelize/v2"
)

// renderXLSX writes blocks as an .xlsx workbook of one sheet, as 自评表 are submitted in
// Excel: each paragraph a row merged across the table's width, the table's cells with their
// spans and vertical merges as merged ranges.
func renderXLSX(blocks []block) []byte {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "自评表"
	must := func(err error) {
		if err != nil {
			panic("corpus: " + err.Error()) // a workbook built in memory from fixed parts
		}
	}
	must(f.SetSheetName("Sheet1", sheet))
	must(f.SetDocProps(&excelize.DocProperties{Creator: "jixiao-corpus", Created: "2025-03-01T09:00:00Z", Modified: "2025-03-01T09:00:00Z"}))
	width := 1
	for _, b := range blocks {
		if b.kind == bTable && len(b.tbl) > 0 {
			w := 0
			for _, c := range b.tbl[0] {
				w += max(c.span, 1)
			}
			width = max(width, w)
		}
	}
	name := func(col, row int) string {
		s, err := excelize.CoordinatesToCellName(col, row)
		must(err)
		return s
	}
	row := 1
	for _, b := range blocks {
		if b.kind != bTable {
			must(f.SetCellStr(sheet, name(1, row), b.text))
			if width > 1 {
				must(f.MergeCell(sheet, name(1, row), name(width, row)))
			}
			row++
			continue
		}
		// vertical merges: a restart opens a range closed where the column's continuation ends
		open := map[int]int{} // column → row of the restart
		for _, cells := range b.tbl {
			col := 1
			for _, c := range cells {
				sp := max(c.span, 1)
				switch c.vm {
				case 2:
				default:
					// a cell ends the vertical merges open in every column it covers
					for k := col; k < col+sp; k++ {
						if start, ok := open[k]; ok {
							if row-1 > start {
								must(f.MergeCell(sheet, name(k, start), name(k, row-1)))
							}
							delete(open, k)
						}
					}
					if c.text != "" {
						must(f.SetCellStr(sheet, name(col, row), c.text))
					}
					if c.vm == 1 {
						open[col] = row
					} else if sp > 1 {
						must(f.MergeCell(sheet, name(col, row), name(col+sp-1, row)))
					}
				}
				col += sp
			}
			row++
		}
		cols := make([]int, 0, len(open))
		for col := range open {
			cols = append(cols, col)
		}
		slices.Sort(cols) // the same merges in the same order: the same bytes
		for _, col := range cols {
			if start := open[col]; row-1 > start {
				must(f.MergeCell(sheet, name(col, start), name(col, row-1)))
			}
		}
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}
