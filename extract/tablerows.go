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
	prose    []Figure // the document's prose figures
	tunit    string   // the unit the table's amounts are in (单位：万元), or ""
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
	// unitCols, when set, are the metrics of the columns of rows that each give one unit's
	// figures (机构名称 | 收入合计 | …): only the row summing them is the report's.
	unitCols []string
	// unitRowsUnit is the unit a line above such a header declares; unitHeader its row.
	unitRowsUnit string
	unitHeader   int
	out          []Figure
}

// table extracts the figures of one table. locs, when not nil, gives the location of each
// cell (a table rebuilt from one-cell lines points at the paragraphs it came from).
func (e *Extractor) table(b parse.Block, caption string, tc tableCtx, locs [][]string) []Figure {
	tr := &tableReader{e: e, b: b, defBasis: tc.defBasis, year: tc.year, prose: tc.prose, tunit: tableUnit(caption, b.Cells), labels: &labelMemo{e: e}}
	for _, r := range b.Cells {
		tr.width = max(tr.width, len(r))
	}
	tr.headerRows = leadingHeaderRows(b.Cells)
	if tr.headerRows == len(b.Cells) {
		return nil
	}
	if locs == nil && b.Index > 0 {
		if turned, tlocs, ok := tr.turnMetricHeader(); ok {
			if tr.tunit != "" {
				caption += "\n单位：" + tr.tunit // the unit a header cell declared
			}
			return e.table(turned, caption, tc, tlocs)
		}
	}
	tr.readHeader(caption)
	tr.findRowNumbers()
	if tr.tunit == "" && b.Index > 0 {
		tr.tunit = tr.unitByProse() // not for a grid rebuilt from one cell a line: its rows may be amiss
	}
	tr.voteBases()
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
	header := alignShortHeaders(b.Cells[:tr.headerRows], labelColumns(b.Cells[tr.headerRows:]), tr.width)
	for c := 0; c < tr.width; c++ {
		var h []string
		for r := range header {
			if t := strings.TrimSpace(header[r][c]); t != "" && (len(h) == 0 || h[len(h)-1] != t) {
				h = append(h, t)
			}
		}
		tr.cols[c] = tr.e.lex.headerInfo(strings.Join(h, " "), tr.year)
		if len(h) > 1 && tr.e.lex.isPhrase(kindFundColumn, normalizeString(h[len(h)-1])) && hasTotalSibling(header, c) {
			tr.cols[c].skip = true // 预算数 over 合计 | 一般公共预算 | 政府性基金: the funds are parts of the 合计
		}
		if strings.Contains(strings.Join(h, ""), "项目名称") {
			tr.projectTable = true
		}
	}
	for r := 0; r < tr.headerRows; r++ {
		if tr.unitCols != nil && r == tr.unitHeader+1 {
			continue // the second line of the header just read
		}
		if cols, ok := tr.metricColumns(r); ok {
			tr.unitCols, tr.unitHeader = cols, r // a header of units' rows
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
// paragraph its cell came from: a cell the rebuilding padded (no paragraph of its own) at
// the paragraph of the nearest cell before it that has one, in its row or the rows above.
func relocate(out []Figure, locs [][]string) {
	for i := range out {
		var r, c int
		if _, err := fmt.Sscanf(out[i].Location, "t0r%dc%d", &r, &c); err == nil && r >= 1 && c >= 1 && r-1 < len(locs) && c-1 < len(locs[r-1]) {
			if loc := cellOrBefore(locs, r-1, c-1); loc != "" {
				out[i].Location = loc
			}
		}
	}
}

// cellOrBefore is locs[r][c], or the first location found going back from it, row by row.
func cellOrBefore(locs [][]string, r, c int) string {
	for ; r >= 0; r-- {
		for ; c >= 0; c-- {
			if c < len(locs[r]) && locs[r][c] != "" {
				return locs[r][c]
			}
		}
		if r > 0 {
			c = len(locs[r-1]) - 1
		}
	}
	for _, row := range locs {
		for _, l := range row {
			if l != "" {
				return l
			}
		}
	}
	return ""
}

// row reads one body row.
func (tr *tableReader) row(r int) {
	row := tr.b.Cells[r]
	if rowIsHeader(row) {
		tr.restateHeader(row)
		tr.unitCols = nil
		return
	}
	if tr.unitCols != nil && r == tr.unitHeader+1 && !rowHasNumber(row) {
		return // the header's second line (上年结转 | 财政拨款 …), read with it
	}
	if cols, ok := tr.metricColumns(r); ok {
		tr.unitCols, tr.unitHeader = cols, r // 机构名称 | 收入合计 | 其中：… over one row per unit
		return
	}
	label, labelCol := tr.rowLabel(row)
	if tr.unitCols != nil {
		if labelCol < 0 || !rowHasNumber(row) {
			if !rowHasNumber(row) && labelCol >= 0 {
				return // a sub-header's own line (上年结转 | 财政拨款 …), read with the header
			}
			tr.unitCols = nil
		} else {
			tr.unitRow(r, row, label)
			return
		}
	}
	switch {
	case tr.scoring:
		if f, ok := tr.e.scoreRow(tr.b.Index, r, row, label, labelCol, tr.cols); ok {
			tr.out = append(tr.out, f)
		}
	case labelCol < 0 && r == 0 && tr.headerRows == 0 && tr.capMetric != "":
		// a table copied without its header: the first row, with no label, is the total
		tr.labelledRowAs(r, row, role{kind: kindMetric, key: tr.capMetric})
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

// turnMetricHeader reads a table whose header rows name the metrics over rows of values
// with no label (a 三公 table copied as |-rows, its merged cells lost) as metricHeader does.
func (tr *tableReader) turnMetricHeader() (parse.Block, [][]string, bool) {
	b := tr.b
	var rows [][]hcell
	for r := tr.headerRows; r < len(b.Cells); r++ {
		var row []hcell
		texts := 0
		for c, cell := range b.Cells[r] {
			t := strings.TrimSpace(cell.Text)
			if t == "" {
				continue
			}
			if !isNumericCell(t) {
				texts++
				continue
			}
			row = append(row, hcell{text: t, loc: parse.CellLocation(b.Index, r+1, c+1)})
		}
		switch {
		case texts == 1 && len(row) == 0:
			continue // a note under the table (注：…)
		case texts > 0:
			return parse.Block{}, nil, false // a labelled row: the table reads as it is
		case len(row) > 0:
			rows = append(rows, row)
		}
	}
	var header []hcell
	for r := 0; r < tr.headerRows; r++ {
		for c, cell := range b.Cells[r] {
			t := strings.TrimSpace(cell.Text)
			if t == "" || cell.Merged || len(header) > 0 && header[len(header)-1].text == t {
				continue
			}
			header = append(header, hcell{text: t, loc: parse.CellLocation(b.Index, r+1, c+1)})
		}
	}
	block, locs, ok := tr.e.metricHeader(header, rows)
	return block, locs, ok
}

// labelColumns counts the leading columns of the body that hold the rows' labels (text in
// most rows), 1 or 0 for a table of bare values.
func labelColumns(body [][]parse.Cell) int {
	text := 0
	for _, r := range body {
		if len(r) > 0 && strings.TrimSpace(r[0].Text) != "" && !isNumericCell(r[0].Text) {
			text++
		}
	}
	if 2*text >= len(body) {
		return 1
	}
	return 0
}

// alignShortHeaders lays the header rows of a table copied as text, whose merged cells were
// lost, over the columns again: a row as long as the value columns stands over them (合计 |
// 一般公共预算 | 政府性基金 | 合计 | …, under the label column's merged 项目), and a row that
// opens with the label column's header spreads its other cells evenly over the value columns
// (项目 | 预算数 | 决算数 over six columns), and a row as long as the last cell of the row
// above and the empty ones after it stands under that cell (比上年增减情况 | ∅ over 增减金额 |
// 增减幅度, a web page's merged cell lost). Only a row packed to the left moves: one that
// fills the width, as every row of a .docx table does, or keeps its empty cells in place,
// as a Markdown table does, stays as it is.
func alignShortHeaders(rows [][]parse.Cell, labelCols, width int) [][]string {
	out := make([][]string, len(rows))
	values := width - labelCols
	under := 0 // the span the row before left for this one
	for r, row := range rows {
		var cells []string
		last := -1
		for c, cell := range row {
			t := strings.TrimSpace(cell.Text)
			cells = append(cells, t)
			if t != "" {
				last = c
			}
		}
		for len(cells) < width {
			cells = append(cells, "")
		}
		out[r] = cells
		n := last + 1
		if last < 0 || n >= width || values <= 0 || !packed(cells[:n]) {
			continue // a row with its empty cells in place is where it belongs
		}
		if r+1 < len(rows) {
			if span := trailingSpan(cells); span > 0 && packedRow(rows[r+1]) == span {
				// the row under it belongs under its last cell, which spans to the end: both
				// stay, that cell spread over its columns (比上年增减情况 | ∅ over 增减金额 | 增减幅度)
				for c := width - span + 1; c < width; c++ {
					out[r][c] = out[r][width-span]
				}
				under = span
				continue
			}
		}
		if under > 0 && n == under {
			out[r], under = append(make([]string, width-n), cells[:n]...), 0
			continue
		}
		under = 0
		switch {
		case n == values && labelCols > 0: // under the label column's merged cell
			out[r] = append(make([]string, labelCols), cells[:n]...)
		case labelCols > 0 && n > 1 && values%(n-1) == 0 && values > n-1: // spread over the values
			span := values / (n - 1)
			spread := []string{cells[0]}
			for _, t := range cells[1:n] {
				for k := 0; k < span; k++ {
					spread = append(spread, t)
				}
			}
			out[r] = spread
		}
	}
	return out
}

// trailingSpan is how many columns the last written cell of a header row spans to the row's
// end, its empty cells after it counted (比上年增减情况 | ∅ over 增减金额 | 增减幅度): 0 when that
// cell stands in the first two columns or in the last.
func trailingSpan(row []string) int {
	for c := len(row) - 1; c >= 0; c-- {
		if row[c] != "" {
			if c < 2 || c == len(row)-1 {
				return 0
			}
			return len(row) - c
		}
	}
	return 0
}

// packedRow is the number of cells a row has written from its first one on with nothing
// written after them, or 0 when it has a gap.
func packedRow(row []parse.Cell) int {
	n := 0
	for n < len(row) && strings.TrimSpace(row[n].Text) != "" {
		n++
	}
	for _, c := range row[n:] {
		if strings.TrimSpace(c.Text) != "" {
			return 0
		}
	}
	return n
}

// packed reports whether none of the cells is empty.
func packed(cells []string) bool {
	for _, c := range cells {
		if c == "" {
			return false
		}
	}
	return true
}

// hasTotalSibling reports whether another column under the same top header as column c is a
// 合计 or 小计 (the whole whose parts the other columns are).
func hasTotalSibling(header [][]string, c int) bool {
	if len(header) < 2 {
		return false
	}
	top, bottom := header[0], header[len(header)-1]
	for k := range bottom {
		if k != c && top[k] == top[c] && isTotalLabel(bottom[k]) {
			return true
		}
	}
	return false
}

// labelledRowAs reads the values of a row with no label as figures of one metric.
func (tr *tableReader) labelledRowAs(r int, row []parse.Cell, ro role) {
	for c, cell := range row {
		if c >= tr.width || tr.cols[c].skip || strings.TrimSpace(cell.Text) == "" {
			continue
		}
		if f, ok := tr.e.tableFigure(tr.b.Index, r, c, cell.Text, "", ro, tr.defBasis, tr.cols[c], tr.tunit); ok {
			tr.out = append(tr.out, f)
		}
	}
}

// voteBases finds the bases of a table's two value columns when no header names them (a
// 三公 table copied without its 预算数 | 决算数 row): the figures the prose states vote — a
// cell other than 0 whose value the prose gives its row's metric with a basis votes for that
// basis, in the rows whose two values differ where there are such rows — and the columns
// take the bases voted for, the other one of the pair where a column's votes tie, budget
// before actual where all of them do. Columns left undecided (one without votes) are not
// read: a figure whose basis is not known is no figure.
func (tr *tableReader) voteBases() {
	var valueCols []int
	for c, col := range tr.cols {
		if col.basis != "" {
			return // the header says
		}
		if !col.skip && !col.rate && !col.serial && tr.numericColumn(c) {
			valueCols = append(valueCols, c)
		}
	}
	if len(valueCols) != 2 || valueCols[1] != valueCols[0]+1 || !tr.differs(valueCols) && len(tr.prose) == 0 {
		return // not one label's two values side by side (收入 | 金额 | 支出 | 金额 is two tables)
	}
	votes := [2]map[Basis]int{{}, {}}
	differing := tr.differs(valueCols)
	for r := tr.headerRows; r < len(tr.b.Cells); r++ {
		m := tr.rowMetric(r)
		row := tr.b.Cells[r]
		if m == "" || valueCols[1] >= len(row) {
			continue
		}
		if differing && strings.TrimSpace(row[valueCols[0]].Text) == strings.TrimSpace(row[valueCols[1]].Text) {
			continue // a row with one value in both columns tells them not apart
		}
		for k, c := range valueCols {
			q, bare, ok := cellValue(tr.b.Cells[r][c].Text)
			if !ok || !bare || tr.tunit == "" {
				continue
			}
			if q.value.IsZero() {
				continue // 0 is every metric's value somewhere
			}
			v := q.value.Mul(decimal.NewFromInt(unitScales[tr.tunit]))
			cell := Figure{Value: v, UnitText: tr.tunit, Decimals: q.decimals}
			for _, p := range tr.prose {
				if p.Metric == m && p.Item == "" && (p.Basis == Budget || p.Basis == Actual) && roundingEqual(p, cell) {
					votes[k][p.Basis]++
				}
			}
		}
	}
	b0, b1 := pick(votes[0]), pick(votes[1])
	switch {
	case !differing:
		b0, b1 = "", ""
		if votes[0][Budget] > 0 && votes[1][Actual] > 0 {
			b0, b1 = Budget, Actual // one value in both columns: the forms write 预算数 before 决算数
		}
	case b0 == "" && b1 == "":
		if votes[0][Budget] > 0 && votes[1][Actual] > 0 {
			b0, b1 = Budget, Actual // tied both ways: the forms write 预算数 before 决算数
		}
	case b0 == "" && len(votes[0]) > 0: // tied: the other of the pair
		b0 = other(b1)
	case b1 == "" && len(votes[1]) > 0:
		b1 = other(b0)
	}
	if b0 == "" || b0 == b1 {
		tr.cols[valueCols[0]].skip, tr.cols[valueCols[1]].skip = true, true
		return
	}
	tr.cols[valueCols[0]].basis, tr.cols[valueCols[1]].basis = b0, b1
}

// differs reports whether the two columns hold different values in some row.
func (tr *tableReader) differs(cols []int) bool {
	for r := tr.headerRows; r < len(tr.b.Cells); r++ {
		row := tr.b.Cells[r]
		if cols[1] < len(row) && strings.TrimSpace(row[cols[0]].Text) != strings.TrimSpace(row[cols[1]].Text) {
			return true
		}
	}
	return false
}

// rowMetric is the money metric a body row is of: its label's, or the caption's for a first
// row with no label.
func (tr *tableReader) rowMetric(r int) string {
	label, labelCol := tr.rowLabel(tr.b.Cells[r])
	if labelCol < 0 {
		if r == tr.headerRows {
			return tr.capMetric
		}
		return ""
	}
	if ro, ok := tr.labels.metric(label, UnitYuan); ok && (ro.kind == kindMetric || ro.kind == kindPart) {
		return ro.key
	}
	return ""
}

// pick returns the basis with the most votes, or "" when none or tied.
func pick(v map[Basis]int) Basis {
	switch {
	case v[Budget] > v[Actual]:
		return Budget
	case v[Actual] > v[Budget]:
		return Actual
	}
	return ""
}

// other is the other basis of the budget and actual pair.
func other(b Basis) Basis {
	if b == Budget {
		return Actual
	}
	return Budget
}

// numericColumn reports whether most body cells of column c that are not empty are numbers.
func (tr *tableReader) numericColumn(c int) bool {
	num, other := 0, 0
	for r := tr.headerRows; r < len(tr.b.Cells); r++ {
		row := tr.b.Cells[r]
		if c >= len(row) || strings.TrimSpace(row[c].Text) == "" {
			continue
		}
		if isNumericCell(row[c].Text) {
			num++
		} else {
			other++
		}
	}
	return num > other
}

// unitByProse finds the unit of a table that declares none from the prose: the unit in which
// at least two of its values are the prose's figures of their rows' metrics, no row of a
// metric the prose states disagrees with it in every value, and no other unit gives any.
// Else "": an amount whose unit nobody states is not a figure.
func (tr *tableReader) unitByProse() string {
	if len(tr.prose) == 0 {
		return ""
	}
	found, matches := "", 0
	for _, unit := range []string{"万元", "元"} {
		n, ok := tr.proseMatches(unit)
		switch {
		case !ok:
			continue
		case n > 0 && found != "":
			return "" // both units fit: no telling
		case n > 0:
			found, matches = unit, n
		}
	}
	if matches < 2 {
		return ""
	}
	return found
}

// proseMatches counts the table's values that are the prose's figures of their rows'
// metrics when read in unit; ok is false when a row of a metric the prose states has none.
func (tr *tableReader) proseMatches(unit string) (n int, ok bool) {
	for r := tr.headerRows; r < len(tr.b.Cells); r++ {
		m := tr.rowMetric(r)
		if m == "" {
			continue
		}
		stated, rowMatches, values := false, 0, 0
		for _, p := range tr.prose {
			stated = stated || p.Metric == m && p.Item == ""
		}
		for _, cell := range tr.b.Cells[r] {
			q, bare, isNum := cellValue(cell.Text)
			if !isNum || !bare || q.value.IsZero() {
				continue
			}
			values++
			v := Figure{Value: q.value.Mul(decimal.NewFromInt(unitScales[unit])), UnitText: unit, Decimals: q.decimals}
			for _, p := range tr.prose {
				if p.Metric == m && p.Item == "" && roundingEqual(p, v) {
					rowMatches++
					break
				}
			}
		}
		if stated && values > 0 && rowMatches == 0 {
			return 0, false
		}
		n += rowMatches
	}
	return n, true
}

// findRowNumbers marks as row numbers a column whose header says nothing and whose values are
// distinct whole numbers below 100 (a 行次 column that lost its header in a copy).
func (tr *tableReader) findRowNumbers() {
	for c := range tr.cols {
		col := &tr.cols[c]
		if col.label != "" || col.skip {
			continue
		}
		seen := map[string]bool{}
		n := 0
		for r := tr.headerRows; r < len(tr.b.Cells); r++ {
			row := tr.b.Cells[r]
			if c >= len(row) {
				continue
			}
			t := strings.TrimSpace(row[c].Text)
			if t == "" {
				continue
			}
			q, bare, ok := cellValue(t)
			if !ok || !bare || q.decimals > 0 || !q.value.IsInteger() || q.value.IsNegative() || q.value.GreaterThanOrEqual(decimal.NewFromInt(100)) || seen[t] {
				n = -1
				break
			}
			seen[t] = true
			n++
		}
		if n >= 3 {
			col.serial, col.skip = true, true
		}
	}
}

// metricColumns reads row r as the header of rows that each give one unit's figures: a row
// of text whose first cell heads the units' names (机构名称, 单位名称) and whose other cells
// name two money metrics or more (机构名称 | 收入合计 |
// 其中：), its 其中： spanning the next row's cells when that row is text too (上年结转 |
// 财政拨款 | 其他收入). It returns each column's metric ("" where none).
func (tr *tableReader) metricColumns(r int) ([]string, bool) {
	row := tr.b.Cells[r]
	if rowHasNumber(row) || r+1 >= len(tr.b.Cells) || len(row) == 0 || !tr.e.lex.isPhrase(kindUnitColumn, normalizeString(strings.TrimSpace(row[0].Text))) {
		return nil, false
	}
	cols := make([]string, tr.width)
	named := 0
	for c := 1; c < len(row) && c < tr.width; c++ {
		t := strings.TrimSpace(row[c].Text)
		if t == "" {
			continue
		}
		if tr.e.lex.has(normalizeString(strings.TrimRight(t, ":：")), kindBreakdown, "") && !rowHasNumber(tr.b.Cells[r+1]) {
			// 其中： spans the next row's cells from here on
			k := c
			for _, cell := range tr.b.Cells[r+1] {
				if sub := strings.TrimSpace(cell.Text); sub != "" && k < tr.width {
					if ro, ok := tr.labels.metric(sub, UnitYuan); ok && (ro.kind == kindMetric || ro.kind == kindWeak) {
						cols[k] = ro.key
						named++
					}
					k++
				}
			}
			break
		}
		if ro, ok := tr.labels.metric(t, UnitYuan); ok && (ro.kind == kindMetric || ro.kind == kindWeak) {
			cols[c] = ro.key
			named++
		}
	}
	if named >= 2 && tr.tunit == "" {
		for k := r - 1; k >= 0 && k >= r-2 && tr.unitRowsUnit == ""; k-- {
			tr.unitRowsUnit = tableUnit("", tr.b.Cells[k:k+1]) // -度收入情况（万元） above the header
		}
	}
	return cols, named >= 2
}

// unitRow reads a row of a table of units under metricColumns: the row that sums the units
// (汇总, 合计) gives the report's figures; a row of one unit (1、局机关) is a part, no figure.
func (tr *tableReader) unitRow(r int, row []parse.Cell, label string) {
	n := normalizeString(label)
	if !strings.Contains(n, "汇总") && !isTotalLabel(n) {
		return
	}
	for c, m := range tr.unitCols {
		if m == "" || c >= len(row) {
			continue
		}
		unit := tr.tunit
		if unit == "" {
			unit = tr.unitRowsUnit
		}
		if f, ok := tr.e.tableFigure(tr.b.Index, r, c, row[c].Text, label, role{kind: kindMetric, key: m}, tr.defBasis, column{}, unit); ok {
			tr.out = append(tr.out, f)
		}
	}
}
