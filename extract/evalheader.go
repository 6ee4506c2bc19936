package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// header is what a header run of a self-evaluation table says: the role of each column,
// in order, and what its wordings tell about scoring.
type header struct {
	cols []colRole
	// start and end are the stream positions of the run ([start, end)).
	start, end int
	// points is the weight a header states in a bracket (预算执行情况（20分）, 分值（10分）).
	points *decimal.Decimal
	// linear is set when a header says the score is the rate times the weight (得分（20分*执行率）).
	linear bool
	// percent is set when the rate column's header says its values are percentages (执行率（%）).
	percent bool
	raw     []string
	// headerless is set for a funds block read without a header (年度预算资金总额：1084.25):
	// titles of its sub-blocks may stand between its rows.
	headerless bool
	// lead, when above zero, is one past the position of a funds label standing before the
	// header (年度资金总额 年初预算数 调整预算数 … 64.8 64.8): the first row, its values after
	// the header.
	lead int
	// leadVals are the lead row's values when they stand among the header's words
	// (年度资金总额 全年预算数(A) 300 全年执行数(B) 执行率(B/A)).
	leadVals []int
}

func (h header) has(r colRole) bool {
	for _, c := range h.cols {
		if c == r {
			return true
		}
	}
	return false
}

// indicatorHeader reports whether the roles name the columns of an indicator table: the
// indicator's name and two of its values, or the two levels and one value.
func (h header) indicatorHeader() bool {
	vals := 0
	for _, r := range []colRole{colTarget, colActual, colWeight, colScore} {
		if h.has(r) {
			vals++
		}
	}
	if h.has(colName) {
		return vals >= 2 || vals >= 1 && (h.has(colLevel1) || h.has(colLevel2))
	}
	return (h.has(colLevel1) || h.has(colLevel2)) && vals >= 2
}

// fundsHeader reports whether the roles name the columns of a funds block: two of 年初预算数,
// 全年预算数, 全年执行数 and 执行率.
func (h header) fundsHeader() bool {
	n := 0
	for _, r := range []colRole{colInitial, colAdjusted, colExecuted, colRate} {
		if h.has(r) {
			n++
		}
	}
	return n >= 2 && !h.has(colName) && !h.has(colLevel1)
}

var (
	pointsBracket = regexp.MustCompile(`\((\d+(?:\.\d+)?)分`)
	linearFormula = regexp.MustCompile(`分[*×xX]执行率|执行率[*×xX]|[*×xX]执行率|执行率乘以|分值乘以执行率`)
)

// readHeader reads the header run that starts at toks[i]: column headers, possibly with
// blanks, stray letters and block labels between them (绩效指标, 项目资金（万元）). It returns
// false when toks[i] starts no run of at least two headers.
func (el *evalLexicon) readHeader(toks []etok, i int) (header, bool) {
	if !toks[i].is(tkHead) {
		return header{}, false
	}
	h := header{start: i}
	gap := 0
	j := i
	for ; j < len(toks); j++ {
		t := &toks[j]
		if t.is(tkHead) && t.col.fundsCol() && h.indicatorsOnly() {
			break // 指标名称 … 是否核心指标 预算执行率: the first row's name, no column of funds
		}
		if t.is(tkHead) && !(t.is(tkLevel) && len(h.cols) > 0 && !isLevelHeader(t.col)) && !t.is(tkFunds) {
			h.cols = append(h.cols, t.col)
			h.raw = append(h.raw, t.raw)
			el.headerNotes(&h, t.n)
			gap = 0
			continue
		}
		if t.is(tkBlank) || t.is(tkDash) && t.n != "无" {
			continue
		}
		// a stray piece between headers: 绩 效 指 标, (A), 项目资金（万元）
		if gap < 2 && len(h.cols) > 0 && (utf8.RuneCountInString(t.n) <= 2 && !t.is(tkNum|tkQty) && !particle(t.n) || t.is(tkField) && !t.is(tkFunds) ||
			utf8.RuneCountInString(t.n) <= 8 && t.is(tkText) && !t.is(tkLevel|tkFunds) && nextIsHead(toks, j+1)) {
			gap++
			continue
		}
		break
	}
	for j > i && (toks[j-1].is(tkBlank) || !toks[j-1].is(tkHead)) {
		j-- // the run ends at its last header
	}
	h.end = j
	if len(h.cols) < 2 {
		return header{}, false
	}
	h.cols = mergeLevels(h.cols)
	return h, true
}

// indicatorsOnly reports whether the columns read so far are an indicator table's (a name, no
// funds column): a funds header after them is a word of the first row.
func (h *header) indicatorsOnly() bool {
	name := false
	for _, c := range h.cols {
		if c.fundsCol() {
			return false
		}
		name = name || c == colName
	}
	return name
}

// particle reports whether a short piece is a word of a sentence (的, 和, 为), which never
// stands between the cells of a header.
func particle(n string) bool {
	return strings.ContainsAny(n, "的和与及或为是等在,，、。;；")
}

// nextIsHead reports whether the first token from toks[j] that is not blank is a header.
func nextIsHead(toks []etok, j int) bool {
	for ; j < len(toks); j++ {
		if !toks[j].is(tkBlank) {
			return toks[j].is(tkHead)
		}
	}
	return false
}

// isLevelHeader reports whether a role is one a 一级/二级 word could never be mistaken for.
func isLevelHeader(r colRole) bool { return r == colLevel1 || r == colLevel2 }

// headerNotes reads what a header's wording says besides its role.
func (el *evalLexicon) headerNotes(h *header, n string) {
	if m := pointsBracket.FindStringSubmatch(n); m != nil && h.points == nil {
		if d, err := decimal.NewFromString(m[1]); err == nil {
			h.points = &d
		}
	}
	if linearFormula.MatchString(n) {
		h.linear = true
	}
	if strings.Contains(n, "执行率") && strings.Contains(n, "%") {
		h.percent = true
	}
}

// mergeLevels puts a two-row header flattened row by row back in column order. The first
// row names the groups (年度指标值 | 实际完成值 | 分值 | 得分), the second the levels, the name
// and the sub-columns of a group (一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位):
// the columns are the second row's levels and name, then the first row's groups with the
// group of the target replaced by its sub-columns.
func mergeLevels(cols []colRole) []colRole {
	// two rows that both name the columns from the name on (指标名称 | 指标解释 … over 一级指标 |
	// 二级指标 | 三级指标 | 自评内容 | 完成情况): the row of the levels is the grid's
	for k := 1; k < len(cols); k++ {
		if cols[k] == colLevel1 && slices.Contains(cols[:k], colName) {
			return mergeLevels(cols[k:])
		}
	}
	first := -1
	for k, c := range cols {
		if c == colLevel1 || c == colLevel2 || c == colName {
			first = k
			break
		}
	}
	if first <= 0 {
		return cols
	}
	groups, second := cols[:first], cols[first:]
	nameAt := -1
	for k, c := range second {
		if c == colName {
			nameAt = k
		}
	}
	if nameAt < 0 {
		return cols
	}
	subs := second[nameAt+1:]
	out := append([]colRole{}, second[:nameAt+1]...)
	used := false
	for _, g := range groups {
		if g == colTarget && len(subs) > 0 && !used {
			out = append(out, subs...)
			used = true
			continue
		}
		out = append(out, g)
	}
	if !used {
		out = append(out, subs...)
	}
	return out
}
