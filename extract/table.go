package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/parse"
)

var (
	unitDecl  = regexp.MustCompile(`(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|元)`)
	unitParen = regexp.MustCompile(`[（(]\s*(亿元|万元|千元|元)\s*[)）]`)
)

var unitScales = map[string]int64{"亿元": 100000000, "万元": 10000, "千元": 1000, "元": 1}

// column is what a table column's header says about the numbers below it.
type column struct {
	basis    Basis  // "" when the header does not say
	unitText string // unit named in the header, e.g. 万元
	skip     bool   // a column of changes, shares or notes, not of figures
	rate     bool   // a column of rates (执行率)
	points   bool   // a column of indicator weights or scores (分值, 得分): an indicator table
	serial   bool   // a column of row numbers (序号)
	label    string // header text, for evidence
}

// tableCtx is what the tables of a document are read with: the document's basis and year,
// and the figures its prose states (which tell the basis of a table's columns when its
// header does not).
type tableCtx struct {
	defBasis Basis
	year     int
	prose    []Figure
}

// tables extracts the figures of every table in the document.
func (e *Extractor) tables(doc *parse.Document, tc tableCtx) []Figure {
	var out []Figure
	for bi := 0; bi < len(doc.Blocks); bi++ {
		b := doc.Blocks[bi]
		if b.Kind != parse.Table || len(b.Cells) == 0 {
			continue
		}
		caption := ""
		for k := bi - 1; k >= 0 && k >= bi-3; k-- {
			if doc.Blocks[k].Kind != parse.Paragraph {
				break
			}
			caption = doc.Blocks[k].Text + "\n" + caption
		}
		merged, locs, next := continuedTable(doc.Blocks, bi)
		if locs == nil {
			if at, title := e.lex.captionRow(b.Cells); at > 0 {
				// a page's metadata grid above a table's own title row: two tables
				upper, lower := splitRows(b, 0, at), splitRows(b, at, len(b.Cells))
				out = append(out, e.table(upper.block, caption, tc, upper.locs)...)
				out = append(out, e.table(lower.block, title, tc, lower.locs)...)
				bi = next - 1
				continue
			}
		}
		out = append(out, e.table(merged, caption, tc, locs)...)
		bi = next - 1
	}
	for _, ft := range e.lex.spacedTables(doc.Blocks) {
		out = append(out, e.table(ft.block, ft.caption, tc, ft.locs)...)
	}
	for _, ft := range e.lex.flatTables(doc.Blocks) {
		if ft.header != nil {
			if b, locs, ok := e.metricHeader(hcells(ft.header), hrows(ft.values)); ok {
				out = append(out, e.table(b, ft.caption, tc, locs)...)
				continue
			}
		}
		out = append(out, e.table(ft.block, ft.caption, tc, ft.locs)...)
	}
	return out
}

// captionRow finds, below the first row of a table, a row that is a table's own title: one
// cell written, in the first column, that reads as a title (2024年X镇“三公”经费预算财政拨款
// 情况统计表). The rows above it are another table, a web page's metadata grid
// (索引号 | … | 发布机构 | …) that a copy ran into it. It returns the row's index and text,
// or 0.
func (lx *Lexicon) captionRow(rows [][]parse.Cell) (int, string) {
	for r := 1; r < len(rows) && r <= maxCaptionRow; r++ {
		row := rows[r]
		if len(row) < 2 || strings.TrimSpace(row[0].Text) == "" {
			continue
		}
		alone := true
		for _, c := range row[1:] {
			if !c.Merged && strings.TrimSpace(c.Text) != "" && c.Text != row[0].Text {
				alone = false
				break
			}
		}
		t := strings.TrimSpace(row[0].Text)
		if alone && lx.endsTitle(t) && utf8.RuneCountInString(t) >= 8 && lx.isTitleLine(t) {
			return r, t
		}
	}
	return 0, ""
}

// maxCaptionRow is the lowest row captionRow looks at: a metadata grid is a few rows.
const maxCaptionRow = 6

// rowSpan is rows [a, b) of a table as a table of their own, with each cell's location in
// the table they came from.
type rowSpan struct {
	block parse.Block
	locs  [][]string
}

func splitRows(b parse.Block, a, e int) rowSpan {
	out := rowSpan{block: parse.Block{Kind: parse.Table, Index: 0, Cells: b.Cells[a:e]}}
	for r := a; r < e; r++ {
		loc := make([]string, len(b.Cells[r]))
		for c := range loc {
			loc[c] = parse.CellLocation(b.Index, r+1, c+1)
		}
		out.locs = append(out.locs, loc)
	}
	return out
}

func hcells(cs []flatCell) []hcell {
	out := make([]hcell, len(cs))
	for i, c := range cs {
		out[i] = hcell{text: c.text, loc: c.loc}
	}
	return out
}

func hrows(rows [][]flatCell) [][]hcell {
	out := make([][]hcell, len(rows))
	for i, r := range rows {
		out[i] = hcells(r)
	}
	return out
}

// continuedTable joins a table with the tables that continue it after a page break: the
// next table has the same width and no header of its own (its first row holds numbers),
// and at most two scraps of text stand between (a cell's tail such as 0%, a page mark).
// It returns the joined table, the location of every cell, and the index of the first
// block after it. A table that is not continued comes back as it is, with nil locations.
func continuedTable(blocks []parse.Block, i int) (parse.Block, [][]string, int) {
	b := blocks[i]
	width := len(b.Cells[0])
	j := i + 1
	var parts []parse.Block
	for {
		k := j
		for k < len(blocks) && k-j < 2 && blocks[k].Kind == parse.Paragraph && utf8.RuneCountInString(strings.TrimSpace(blocks[k].Text)) <= 8 {
			k++
		}
		if k >= len(blocks) || blocks[k].Kind != parse.Table || len(blocks[k].Cells) == 0 ||
			len(blocks[k].Cells[0]) != width || !rowHasNumber(blocks[k].Cells[0]) {
			break
		}
		parts = append(parts, blocks[k])
		j = k + 1
	}
	if len(parts) == 0 {
		return b, nil, i + 1
	}
	joined := parse.Block{Kind: parse.Table, Index: 0}
	var locs [][]string
	for _, part := range append([]parse.Block{b}, parts...) {
		for r, row := range part.Cells {
			joined.Cells = append(joined.Cells, row)
			loc := make([]string, len(row))
			for c := range row {
				loc[c] = parse.CellLocation(part.Index, r+1, c+1)
			}
			locs = append(locs, loc)
		}
	}
	return joined, locs, j
}

func rowHasNumber(row []parse.Cell) bool {
	for _, c := range row {
		if isNumericCell(c.Text) {
			return true
		}
	}
	return false
}

// tableUnit finds the unit a table's amounts are in from its caption or any cell that
// declares it (单位：万元, 金额单位：元, a title ending in （万元）).
func tableUnit(caption string, cells [][]parse.Cell) string {
	if u := findUnit(unitDecl, caption); u != "" {
		return u
	}
	for _, row := range cells {
		for _, c := range row {
			if u := findUnit(unitDecl, c.Text); u != "" {
				return u
			}
		}
	}
	if u := findUnit(unitParen, caption); u != "" {
		return u
	}
	// A unit in one header cell (资金情况（万元） spanning 预算数 | 实际支出) holds for the table.
	for r := 0; r < len(cells) && r < 3; r++ {
		for _, c := range cells[r] {
			if u := findUnit(unitParen, c.Text); u != "" {
				return u
			}
		}
	}
	return ""
}

// findUnit returns the unit that re (unitDecl or unitParen) finds in the normalised text, or "".
func findUnit(re *regexp.Regexp, text string) string {
	if !mayDeclareUnit(text) {
		return ""
	}
	if m := re.FindStringSubmatch(normalizeString(text)); m != nil {
		return m[1]
	}
	return ""
}

// cellValue reads a numeric cell: a bare number, or a number with its unit.
func cellValue(text string) (q quantity, bare, ok bool) {
	n := strings.TrimSpace(normalizeString(text))
	if n == "" || isEmptyCell(n) {
		return quantity{}, false, false
	}
	if isBareNumber(n) {
		rs := []rune(strings.TrimPrefix(n, "-"))
		digits, _, decimals, _ := parseNumber(rs, 0)
		v, err := decimal.NewFromString(digits)
		if err != nil {
			return quantity{}, false, false
		}
		if strings.HasPrefix(n, "-") {
			v = v.Neg()
		}
		return quantity{value: v, decimals: decimals}, true, true
	}
	rs := []rune(n)
	qs := scanQuantities(rs)
	if len(qs) == 1 && qs[0].start == 0 && qs[0].end == len(rs) {
		return qs[0], false, true
	}
	return quantity{}, false, false
}

// headerInfo reads a header text into a column description, with the column words of the
// lexicon.
func (lx *Lexicon) headerInfo(h string, reportYear int) column {
	n := normalizeString(h)
	col := column{label: strings.TrimSpace(h)}
	if mayDeclareUnit(n) {
		if m := unitParen.FindStringSubmatch(n); m != nil {
			col.unitText = m[1]
		} else if m := unitDecl.FindStringSubmatch(n); m != nil {
			col.unitText = m[1]
		}
	}
	switch {
	case lx.contains(kindColumn, "serial", n):
		col.serial, col.skip = true, true
	case lx.contains(kindColumn, "points", n):
		col.points, col.skip = true, true
	case lx.contains(kindColumn, "skip", n):
		col.skip = true
	case lx.contains(kindColumn, "rate", n):
		col.rate = true
	}
	col.basis = lx.columnBasis(n)
	if ys := findYears([]rune(n)); len(ys) > 0 && reportYear != 0 {
		switch {
		case ys[0].year == reportYear-1:
			col.basis = Prior // 2022年预算数 in a 2023 budget: last year's
		case ys[0].year == reportYear && col.basis == "":
			col.basis = Actual
		}
	}
	return col
}

// columnBasis is the basis a header's words give, prior first, then budget, then actual.
func (lx *Lexicon) columnBasis(n string) Basis {
	for _, b := range []Basis{Prior, Budget, Actual} {
		if lx.contains(kindColBasis, string(b), n) && !lx.contains(kindColVeto, string(b), n) {
			return b
		}
	}
	return ""
}

// labelMemo keeps what the row labels of one table read as: a table asks about a label for
// every value in its row and for several unit families, and normalising and segmenting
// the label is the expensive part.
type labelMemo struct {
	e      *Extractor
	labels map[string]*labelText
}

// labelText is a row label normalised after itemLabel, and its words once they are cut.
type labelText struct {
	n     string
	words []string
	cut   bool
}

func (m *labelMemo) text(label string) *labelText {
	if t := m.labels[label]; t != nil {
		return t
	}
	t := &labelText{n: normalizeString(itemLabel(label))}
	if m.labels == nil {
		m.labels = map[string]*labelText{}
	}
	m.labels[label] = t
	return t
}

func (m *labelMemo) words(t *labelText) []string {
	if !t.cut {
		t.words, t.cut = m.e.seg.Cut(t.n), true
	}
	return t.words
}

// metric reads a row label: a single metric term (after numbering and 其中), and
// whether the label is a term at all.
func (m *labelMemo) metric(label, fam string) (role, bool) {
	t := m.text(label)
	n := t.n
	if n == "" {
		return role{}, false
	}
	lex := m.e.lex
	if rs := lex.lookup(n); rs != nil {
		for _, r := range rs {
			if r.kind == kindShield {
				return role{kind: kindShield}, true
			}
		}
		sp := span{roles: rs}
		if r, ok := sp.metricRole(fam); ok {
			return r, true
		}
	}
	var found role
	ok := false
	other := 0 // characters that are neither the term nor glue: 国土空间规划编制经费 is no 编制
	for _, w := range m.words(t) {
		sp := span{roles: lex.lookup(w), text: w}
		if r, isM := sp.metricRole(fam); isM {
			if ok && r.key != found.key {
				return role{}, false // two different metrics: not a plain label
			}
			found, ok = r, true
			continue
		}
		if sp.hasKind(kindShield) {
			return role{kind: kindShield}, true
		}
		if !sp.hasKind(kindGlue) && !sp.hasKind(kindLead) && !sp.hasKind(kindBreakdown) && !sp.hasKind(kindBasis) {
			other += hanCount(w)
		}
	}
	if other > 2 {
		return role{}, false
	}
	if ok && (fam == UnitPerson || fam == UnitVehicle) && moneyWord.MatchString(n) {
		return role{}, false // 离退休人员经费 is money, not a head count
	}
	return found, ok
}

// siblingsParent is what a 合计 row totals when the table's title does not say: the nearest
// parent the metrics its other rows name share (因公出国（境）费, 公务接待费, 公务用车运行维护费 …
// → three_public.total, 公务用车运行维护费 being under three_public.vehicle), provided it is
// not a row of its own.
func siblingsParent(rows [][]parse.Cell, labels *labelMemo) string {
	var common []string // the ancestors all rows so far share, nearest first
	named := map[string]bool{}
	n := 0
	for _, row := range rows {
		for _, c := range row {
			t := strings.TrimSpace(c.Text)
			if t == "" || isNumericCell(t) {
				continue
			}
			if r, ok := labels.metric(t, UnitYuan); ok && r.kind == kindMetric {
				named[r.key] = true
				anc := ancestors(r.key)
				if n == 0 {
					common = anc
				} else {
					common = shared(common, anc)
				}
				n++
			}
			break // only the row's first label
		}
	}
	if n < 2 || len(common) == 0 || named[common[0]] {
		return ""
	}
	return common[0]
}

// ancestors lists a metric's parents, nearest first.
func ancestors(m string) []string {
	var out []string
	for p := parentOf(m); p != ""; p = parentOf(p) {
		out = append(out, p)
	}
	return out
}

// shared keeps the ancestors of a that b has too, in a's order.
func shared(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// captionMetric is the one money metric a table's caption names (2024年度“三公”经费支出
// 情况表 → three_public.total), or "".
func (e *Extractor) captionMetric(caption string) string {
	title := ""
	lines := strings.Split(caption, "\n")
	for k := len(lines) - 1; k >= 0; k-- {
		l := strings.TrimSpace(lines[k])
		if l != "" && !(unitDecl.MatchString(normalizeString(l)) && len([]rune(l)) < 12) {
			title = l
			break
		}
	}
	if !strings.Contains(title, "表") {
		return "" // only a table title names what a 合计 row totals
	}
	found := ""
	for _, w := range e.seg.Cut(normalizeString(title)) {
		sp := span{roles: e.lex.lookup(w), text: w}
		if r, ok := sp.metricRole(UnitYuan); ok && r.kind == kindMetric {
			if found != "" && found != r.key {
				return ""
			}
			found = r.key
		}
	}
	return found
}

// moneyWord marks a label that names money, whatever staff or vehicle words it holds.
var moneyWord = regexp.MustCompile(`经费|费用|资金|支出|补助|收入|费$`)

func isNumericCell(t string) bool {
	_, _, ok := cellValue(t)
	return ok
}

// scoreRow reads the total row of an indicator table (合计 | 100 | 95): the score is in the
// last column whose header names a score (得分, 评分), not in the weight column (分值).
func (e *Extractor) scoreRow(t, r int, row []parse.Cell, label string, labelCol int, cols []column) (Figure, bool) {
	if labelCol < 0 || !e.lex.isPhrase(kindScoreTotal, strings.TrimSpace(normalizeString(label))) {
		return Figure{}, false
	}
	for c := len(row) - 1; c > labelCol; c-- {
		if c >= len(cols) || row[c].Merged {
			continue
		}
		h := normalizeString(cols[c].label)
		if !strings.Contains(h, "得分") && !strings.Contains(h, "评分") {
			continue
		}
		q, bare, ok := cellValue(row[c].Text)
		if !ok || (!bare && q.family != UnitPoint) {
			continue
		}
		raw := strings.TrimSpace(label) + " | " + cols[c].label + " | " + strings.TrimSpace(row[c].Text)
		return Figure{Metric: "score.self_evaluation", Basis: Actual, Value: q.value, Unit: UnitPoint, UnitText: "分",
			Raw: raw, Location: parse.CellLocation(t, r+1, c+1), Method: MethodTable, Decimals: q.decimals}, true
	}
	return Figure{}, false
}

func isTotalLabel(l string) bool {
	n := normalizeString(l)
	return n == "合计" || n == "总计" || n == "小计" || strings.HasSuffix(n, "合计") || strings.HasSuffix(n, "总计")
}

// rowIsHeader reports whether a row inside the body is a header row (all text, naming
// bases such as 预算数 / 决算数).
func rowIsHeader(row []parse.Cell) bool {
	n := 0
	for _, c := range row {
		if _, _, ok := cellValue(c.Text); ok {
			return false
		}
		t := normalizeString(c.Text)
		if strings.Contains(t, "预算数") || strings.Contains(t, "决算数") || strings.Contains(t, "执行数") {
			n++
		}
	}
	return n >= 2
}

// tableFigure makes a figure from one value cell.
func (e *Extractor) tableFigure(t, r, c int, cellText, label string, ro role, defBasis Basis, col column, tunit string) (Figure, bool) {
	q, bare, ok := cellValue(cellText)
	if !ok {
		return Figure{}, false
	}
	fam := metricFamily(ro.key)
	unitText := q.unitText
	if bare {
		switch fam {
		case UnitYuan:
			unitText = col.unitText
			if unitText == "" {
				unitText = tunit
			}
			if unitText == "" {
				return Figure{}, false // an amount whose unit nobody states is not a figure
			}
			q.value = q.value.Mul(decimal.NewFromInt(unitScales[unitText]))
		case UnitPerson, UnitVehicle:
			if !q.value.IsInteger() || q.value.IsNegative() {
				return Figure{}, false // 6.90 is no head count
			}
			unitText = "人"
			if fam == UnitVehicle {
				unitText = "辆"
			}
		case UnitPercent:
			unitText = "%"
		case UnitPoint:
			unitText = "分"
		}
	} else if q.family != fam {
		return Figure{}, false
	}
	basis := col.basis
	if basis == "" {
		basis = defBasis
	}
	switch fam {
	case UnitPerson, UnitVehicle:
		basis = Actual
	case UnitPercent, UnitPoint:
		if basis != Prior {
			basis = Actual
		}
	}
	raw := strings.TrimSpace(label)
	if col.label != "" {
		raw += " | " + col.label
	}
	raw += " | " + strings.TrimSpace(cellText)
	basisText := ""
	if col.basis != "" {
		basisText = col.label
	}
	return Figure{
		Metric: ro.key, Basis: basis, BasisText: basisText, Value: q.value, Unit: fam, UnitText: unitText, Term: normalizeString(itemLabel(label)),
		Raw: raw, Location: parse.CellLocation(t, r+1, c+1), Method: MethodTable, Decimals: q.decimals,
	}, true
}
