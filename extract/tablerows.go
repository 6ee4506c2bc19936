package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/parse"
)

// tableReader reads the figures of one table. A row is read as label → values, with the
// basis and unit of each value column from the header rows; rows that alternate label and
// value cells (编制人数 | 7 | 实有人数 | 11) are read pairwise; rows under 项目支出 whose labels
// are not terms (and every row of a 项目名称 table) are project line items.
type tableReader struct {
	e        *Extractor
	b        parse.Block
	defBasis Basis
	year     int
	tunit    string // the unit the table's amounts are in (单位：万元), or ""
	labels   *labelMemo
	width    int
	// headerRows is the number of leading rows with no numeric cell.
	headerRows int
	cols       []column
	// projectTable: every row is a project line item (项目名称 | 金额, 项目支出明细表).
	projectTable bool
	// capMetric is what a 合计 row totals: the metric the caption or the sibling rows name.
	capMetric string
	// scoring: an indicator table (指标 | 分值 | 得分), whose only figure is the total score.
	scoring bool
	// projectOpen: the rows below a 项目支出 row are its items.
	projectOpen bool
	out         []Figure
}

// table extracts the figures of one table. locs, when not nil, gives the location of each
// cell (a table rebuilt from one-cell lines points at the paragraphs it came from).
func (e *Extractor) table(b parse.Block, caption string, defBasis Basis, year int, locs [][]string) []Figure {
	tr := &tableReader{e: e, b: b, defBasis: defBasis, year: year, tunit: tableUnit(caption, b.Cells), labels: &labelMemo{e: e}}
	for _, r := range b.Cells {
		tr.width = max(tr.width, len(r))
	}
	tr.headerRows = leadingHeaderRows(b.Cells)
	if tr.headerRows == len(b.Cells) {
		return nil
	}
	tr.readHeader(caption)
	for r := tr.headerRows; r < len(b.Cells); r++ {
		tr.row(r)
	}
	if locs != nil {
		relocate(tr.out, locs)
	}
	return tr.out
}

// leadingHeaderRows counts the leading rows with no numeric cell.
func leadingHeaderRows(cells [][]parse.Cell) int {
	n := 0
	for _, row := range cells {
		for _, c := range row {
			if _, _, ok := cellValue(c.Text); ok && !c.Merged {
				return n
			}
		}
		n++
	}
	return n
}

// readHeader reads what each column holds from the header rows, and what the table as a
// whole lists from its caption and rows.
func (tr *tableReader) readHeader(caption string) {
	b := tr.b
	tr.cols = make([]column, tr.width)
	tr.projectTable = strings.Contains(caption, "项目支出") && strings.Contains(caption, "明细")
	for c := 0; c < tr.width; c++ {
		var h []string
		for r := 0; r < tr.headerRows; r++ {
			if c < len(b.Cells[r]) {
				t := strings.TrimSpace(b.Cells[r][c].Text)
				if t != "" && (len(h) == 0 || h[len(h)-1] != t) {
					h = append(h, t)
				}
			}
		}
		tr.cols[c] = tr.e.lex.headerInfo(strings.Join(h, " "), tr.year)
		if strings.Contains(strings.Join(h, ""), "项目名称") {
			tr.projectTable = true
		}
	}
	tr.capMetric = tr.e.captionMetric(caption)
	if tr.capMetric == "" {
		tr.capMetric = siblingsParent(b.Cells[tr.headerRows:], tr.labels)
	}
	for _, col := range tr.cols {
		if col.points {
			tr.scoring = true
		}
	}
	tr.projectOpen = tr.projectTable
}

// relocate points each figure of a rebuilt table, which has no index of its own, at the
// paragraph its cell came from.
func relocate(out []Figure, locs [][]string) {
	for i := range out {
		var r, c int
		if _, err := fmt.Sscanf(out[i].Location, "t0r%dc%d", &r, &c); err == nil && r-1 < len(locs) && c-1 < len(locs[r-1]) {
			out[i].Location = locs[r-1][c-1]
		}
	}
}

// row reads one body row.
func (tr *tableReader) row(r int) {
	row := tr.b.Cells[r]
	if rowIsHeader(row) {
		tr.restateHeader(row)
		return
	}
	label, labelCol := tr.rowLabel(row)
	switch {
	case tr.scoring:
		if f, ok := tr.e.scoreRow(tr.b.Index, r, row, label, labelCol, tr.cols); ok {
			tr.out = append(tr.out, f)
		}
	case labelCol < 0:
		tr.headerNamedRow(r, row)
	default:
		tr.labelledRow(r, row, label, labelCol)
	}
}

// restateHeader reads a row of labels inside the body (预算数 | 决算数) as the header of the
// rows below it.
func (tr *tableReader) restateHeader(row []parse.Cell) {
	for c := range row {
		if c < tr.width {
			if info := tr.e.lex.headerInfo(row[c].Text, tr.year); info.basis != "" || info.skip || info.rate {
				tr.cols[c] = info
			}
		}
	}
}

// rowLabel finds the label of a row: the last text cell before its first value, skipping
// row numbers.
func (tr *tableReader) rowLabel(row []parse.Cell) (string, int) {
	label, labelCol := "", -1
	for c, cell := range row {
		if tr.cols[c].serial && isNumericCell(cell.Text) {
			continue // a row number; a 合计 written in the 序号 column is a label
		}
		if q, bare, ok := cellValue(cell.Text); ok {
			// a leading row number (1 | 科普经费 | 16) is numbering, not a value
			if bare && labelCol < 0 && q.decimals == 0 && q.value.IsInteger() && q.value.LessThan(decimal.NewFromInt(1000)) &&
				c+1 < len(row) && !isNumericCell(row[c+1].Text) {
				continue
			}
			break
		}
		if t := strings.TrimSpace(cell.Text); t != "" && !isNumberingOnly(t) {
			if labelCol >= 0 && isTotalLabel(t) && !isTotalLabel(label) && t != label {
				// A group label to the left names what the 合计 totals: 收入 | 合计 is 收入合计.
				if _, ok := tr.labels.metric(label+normalizeString(t), UnitYuan); ok {
					t = label + t
				}
			}
			label, labelCol = t, c
		}
	}
	return label, labelCol
}

// headerNamedRow reads a row without a label, whose header names each column
// (编制数 | 实有人数 over 28 | 40).
func (tr *tableReader) headerNamedRow(r int, row []parse.Cell) {
	if tr.headerRows == 0 {
		return
	}
	for c, cell := range row {
		if cell.Merged || c >= tr.width || tr.cols[c].skip {
			continue
		}
		q, _, ok := cellValue(cell.Text)
		if !ok {
			continue
		}
		hl := strings.TrimSpace(tr.b.Cells[tr.headerRows-1][c].Text)
		var r0 role
		found := false
		for _, f := range []string{q.family, UnitPerson, UnitVehicle, UnitYuan, UnitPercent, UnitPoint} {
			if f == "" {
				continue
			}
			if r0, found = tr.labels.metric(hl, f); found {
				break
			}
		}
		if !found || r0.kind == kindShield {
			continue
		}
		if f, ok := tr.e.tableFigure(tr.b.Index, r, c, cell.Text, hl, r0, tr.defBasis, column{}, tr.tunit); ok {
			tr.out = append(tr.out, f)
		}
	}
}

// labelledRow reads the values of a row after its label; a text cell further right labels
// the values after it (收入 | 金额 | 支出 | 金额; 编制人数 | 7 | 实有人数 | 11).
func (tr *tableReader) labelledRow(r int, row []parse.Cell, label string, labelCol int) {
	for c := labelCol + 1; c < len(row); c++ {
		cell := row[c]
		if cell.Merged || (c < tr.width && tr.cols[c].serial) {
			continue
		}
		q, _, ok := cellValue(cell.Text)
		if !ok {
			if t := strings.TrimSpace(cell.Text); t != "" && !isNumberingOnly(t) {
				label = t
			}
			continue
		}
		if tr.cols[c].skip {
			continue
		}
		if !tr.valueCell(r, c, label, q) {
			break
		}
	}
}

// valueCell reads one value cell of a labelled row. It returns false when the rest of the
// row is to be left alone (a shield label outside a project table).
func (tr *tableReader) valueCell(r, c int, label string, q quantity) bool {
	col := tr.cols[c]
	cellText := tr.b.Cells[r][c].Text
	fam := q.family
	if fam == "" {
		fam = UnitYuan
		if col.rate {
			fam = UnitPercent
		}
	}
	r0, isTerm := tr.labels.metric(label, fam)
	if !isTerm && fam == UnitYuan && q.family == "" {
		// counts may stand bare in a column: try the other families
		for _, alt := range []string{UnitPerson, UnitVehicle, UnitPercent, UnitPoint} {
			if ra, ok := tr.labels.metric(label, alt); ok && ra.kind != kindShield {
				r0, isTerm, fam = ra, true, alt
				break
			}
		}
	}
	if r0.kind == kindShield {
		if !(tr.projectOpen && fam == UnitYuan) {
			return false
		}
		// 聘用人员经费 in a project table is an item, whatever 聘用人员 means elsewhere
		r0, isTerm = role{}, false
	}
	if !isTerm && tr.transposed(r, c, label, fam, col) {
		return true
	}
	if !isTerm && fam == UnitYuan && isTotalLabel(label) {
		// 合计 row: the total of what the table lists (项目支出 under a project table,
		// 三公经费 under a table captioned “三公”经费支出情况表).
		total := tr.capMetric
		if tr.projectTable || tr.projectOpen {
			total = "expenditure.project"
		}
		if total != "" {
			r0, isTerm = role{kind: kindMetric, key: total}, true
		}
	}
	if !isTerm {
		tr.projectItem(r, c, label, fam, col)
		return true
	}
	f, ok := tr.e.tableFigure(tr.b.Index, r, c, cellText, label, r0, tr.defBasis, col, tr.tunit)
	if !ok {
		return true
	}
	if r0.kind == kindGrand {
		f.Item = grandMark
	}
	tr.out = append(tr.out, f)
	if f.Metric == "expenditure.project" {
		tr.projectOpen = true
	} else if f.Unit == UnitYuan && !tr.projectTable {
		tr.projectOpen = false
	}
	return true
}

// transposed reads a table whose header names the metrics and whose rows name the basis
// (项目 | 收入合计 | 支出合计 over 预算数 | 220 | 220 and 决算数 | …). It reports whether the
// cell was read so.
func (tr *tableReader) transposed(r, c int, label, fam string, col column) bool {
	if tr.headerRows == 0 {
		return false
	}
	rb := tr.e.lex.headerInfo(label, tr.year).basis
	if rb == "" || utf8.RuneCountInString(normalizeString(label)) > 6 {
		return false
	}
	hl := strings.TrimSpace(tr.b.Cells[tr.headerRows-1][c].Text)
	rh, ok := tr.labels.metric(hl, fam)
	if !ok || rh.kind == kindShield {
		return false
	}
	if f, ok := tr.e.tableFigure(tr.b.Index, r, c, tr.b.Cells[r][c].Text, hl, rh, tr.defBasis, column{basis: rb, label: label, unitText: col.unitText}, tr.tunit); ok {
		tr.out = append(tr.out, f)
	}
	return true
}

// projectItem reads a row under 项目支出 (or of a project table) whose label is no term as a
// project line item.
func (tr *tableReader) projectItem(r, c int, label, fam string, col column) {
	if !tr.projectOpen || fam != UnitYuan || hanCount(itemLabel(label)) < 2 || isTotalLabel(label) {
		return
	}
	f, ok := tr.e.tableFigure(tr.b.Index, r, c, tr.b.Cells[r][c].Text, label, role{kind: kindMetric, key: "expenditure.project.item"}, tr.defBasis, col, tr.tunit)
	if ok {
		f.Item = itemLabel(label)
		f.Term = f.Item
		tr.out = append(tr.out, f)
	}
}
