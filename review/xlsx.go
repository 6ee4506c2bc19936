package review

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/jixiao/jixiao/analyze"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Sheet names of anomalies.xlsx.
const (
	SheetFindings = "问题清单"
	SheetReports  = "报告汇总"
	SheetChecks   = "检查情况"
	// SheetIndicators lists the indicators of the self-evaluation tables, one a row, with the
	// findings about each; it is there only when a report has such a table.
	SheetIndicators = "绩效指标"
	// SheetNotes says what the workbook leaves out, and what came of the review input; it
	// is there only when there is something to say.
	SheetNotes = "说明"
	// SheetCleared lists the findings of earlier lists that no longer arise, with their
	// dispositions; it is there only when there are some.
	SheetCleared = "已消除"
	// SheetProblems lists the review input that could not be used as it was, and why; it is
	// there only when there is some.
	SheetProblems = "未能对应的核实意见"
)

// fixedTime is the workbook's created and modified time: a constant, so that two writes of
// the same Input give the same bytes.
const fixedTime = "2000-01-01T00:00:00Z"

// Column widths, in Excel character units.
const (
	minColWidth  = 6
	maxWideWidth = 60 // wide text columns are capped here and wrapped
	maxColWidth  = 40 // other columns
	lineHeight   = 15 // points per wrapped line
)

// WriteXLSX writes anomalies.xlsx to path, atomically (a temporary file in the same
// directory renamed over path). Sheets:
//
//   - 问题清单: one row per finding, sorted by severity (错误, 警告, 提示), department, path
//     and rule, with the expected and actual values and their difference as numbers in 万元
//     (format 0.00). Findings whose two sides are not money (percentages, staff counts,
//     similarity) keep their own unit, shown by the cell's number format (12.50%, 8人).
//   - 报告汇总: one row per input file with its status, key figures in 万元 and the number
//     of findings of each severity.
//   - 检查情况: one row per report and rule: 发现问题, 通过, 不适用 or 信息不足, and why.
//
// Every sheet has a frozen, filtered, styled header row and column widths fitted to the
// content (CJK characters count double; long text is wrapped at about 60 characters).
func WriteXLSX(path string, in Input) error {
	f, err := buildWorkbook(newRun(in))
	if err != nil {
		return fmt.Errorf("review: %s: %w", path, err)
	}
	buf, err := f.WriteToBuffer()
	// The workbook is in buf: the sheets' stream buffers go before it is copied out.
	f.Close()
	if err != nil {
		return fmt.Errorf("review: %s: %w", path, err)
	}
	return writeAtomic(path, func(w *os.File) error {
		return sortZip(w, buf.Bytes())
	})
}

// sortZip copies the zip archive b to w with its entries sorted by name, in reverse (the
// order excelize writes the parts it holds in memory). excelize writes streamed sheets first,
// in map order; sorting makes the bytes the same from one write to the next. Entries are
// copied as they are, without recompressing.
func sortZip(w io.Writer, b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Name > files[j].Name })
	zw := zip.NewWriter(w)
	for _, zf := range files {
		if err := zw.Copy(zf); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeNotes adds the notes sheet when the workbook leaves findings or checks out.
func writeNotes(f *excelize.File, in Input) error {
	var lines []string
	if in.OmittedFindings > 0 {
		lines = append(lines, fmt.Sprintf("“%s”只列出前 %d 条问题（先错误、后警告、再提示），另有 %d 条未列出；全部问题见 anomalies.parquet。",
			SheetFindings, len(in.Findings), in.OmittedFindings))
	}
	if in.OmittedChecks > 0 {
		lines = append(lines, fmt.Sprintf("“%s”只列出 %d 条检查结果（先发现问题的、后资料不足的），另有 %d 条未列出；全部结果见 checks.parquet。",
			SheetChecks, len(in.Checks), in.OmittedChecks))
	}
	lines = append(lines, reviewNotes(in)...)
	if len(lines) == 0 {
		return nil
	}
	if _, err := f.NewSheet(SheetNotes); err != nil {
		return err
	}
	if err := f.SetColWidth(SheetNotes, "A", "A", 120); err != nil {
		return err
	}
	for i, l := range lines {
		if err := f.SetCellStr(SheetNotes, fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	return nil
}

// reviewNotes are the notes sheet's lines on the review input: what changed since the
// previous list, what could not be used, what is left out.
func reviewNotes(in Input) []string {
	var lines []string
	if in.Compared {
		st := in.ReviewStats
		lines = append(lines, fmt.Sprintf("与上次的问题清单相比：新增 %d 条（“%s”列标“%s”），已消除 %d 条（见“%s”）；沿用核实意见 %d 条。",
			st.New, HeaderChange, MarkNew, st.Cleared, SheetCleared, st.Carried))
	}
	if in.OmittedCleared > 0 {
		lines = append(lines, fmt.Sprintf("“%s”只列出 %d 条，另有 %d 条未列出；全部见 reviews.parquet。", SheetCleared, len(in.Cleared), in.OmittedCleared))
	}
	if n := len(in.Problems); n > 0 {
		lines = append(lines, fmt.Sprintf("有 %d 处核实意见未能按原样采用，原因见“%s”；其余核实意见均已沿用。", n, SheetProblems))
	}
	return lines
}

// column describes one column of a sheet.
type column struct {
	header string
	wide   bool    // long text: width capped at maxWideWidth, wrapped
	min    float64 // the least width, for a column an analyst fills in
	states bool    // the cells take a state (处理状态): a drop-down of States
}

// cellType is what an xcell holds.
type cellType uint8

const (
	cellEmpty  cellType = iota
	cellText            // xcell.text
	cellInt             // xcell.n
	cellNumber          // xcell.num, shown as xcell.kind
)

// xcell is one cell to write: its value and its style. A number keeps the value of the
// finding or report; it is formatted only to measure its width (formatValue) and converted
// only to write it (displayValue).
type xcell struct {
	typ   cellType
	text  string
	n     int
	num   decimal.Decimal
	kind  string
	style int
}

// width is the display width of the cell's text (textWidth).
func (c *xcell) width() int {
	switch c.typ {
	case cellText:
		return textWidth(c.text)
	case cellInt:
		var b [20]byte
		return len(strconv.AppendInt(b[:0], int64(c.n), 10))
	case cellNumber:
		return textWidth(formatValue(c.kind, c.num))
	}
	return 0
}

// value is the cell's value for the stream writer; nil leaves the cell empty.
func (c *xcell) value() any {
	switch c.typ {
	case cellText:
		if c.text != "" {
			return c.text
		}
	case cellInt:
		return c.n
	case cellNumber:
		d, _ := displayValue(c.kind, c.num)
		return d.InexactFloat64()
	}
	return nil
}

// styles are the workbook's cell styles, created once in a fixed order.
type styles struct {
	f                      *excelize.File
	header, text, wrap     int
	integer                int
	fill, fillWrap, mark   int // the columns an analyst fills in; the 新增 mark
	severity, outcome, sts map[string]int
	numFmt                 map[string]int
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{f: f, severity: map[string]int{}, outcome: map[string]int{}, sts: map[string]int{}, numFmt: map[string]int{}}
	top := &excelize.Alignment{Vertical: "top"}
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "1F2937"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2EC"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "7B8794", Style: 1}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	s.text = mk(&excelize.Style{Alignment: top})
	s.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.integer = mk(&excelize.Style{Alignment: top, NumFmt: 1})
	pale := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF8E1"}}
	s.fill = mk(&excelize.Style{Alignment: top, Fill: pale})
	s.fillWrap = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Fill: pale})
	s.mark = mk(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"},
		Font: &excelize.Font{Bold: true, Color: "1D4ED8"}})
	tone := func(fill, font string) *excelize.Style {
		return &excelize.Style{
			Font:      &excelize.Font{Color: font, Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"},
		}
	}
	s.severity[analyze.SeverityError] = mk(tone("FDE2E1", "9B1C1C"))
	s.severity[analyze.SeverityWarning] = mk(tone("FDF0D5", "8A4B08"))
	s.severity[analyze.SeverityInfo] = mk(tone("E4E9F0", "3E4C59"))
	s.outcome[analyze.OutcomeFlagged] = s.severity[analyze.SeverityError]
	s.outcome[analyze.OutcomePassed] = mk(tone("E3F4E8", "1F6B3A"))
	s.outcome[analyze.OutcomeInsufficient] = s.severity[analyze.SeverityWarning]
	s.outcome[analyze.OutcomeNotApplicable] = s.severity[analyze.SeverityInfo]
	s.sts[StatusOK] = s.outcome[analyze.OutcomePassed]
	s.sts[StatusPartial] = s.severity[analyze.SeverityWarning]
	s.sts[StatusFailed] = s.severity[analyze.SeverityError]
	return s, err
}

// number returns the style of a number cell with Excel number format code.
func (s *styles) number(code string) (int, error) {
	if id, ok := s.numFmt[code]; ok {
		return id, nil
	}
	c := code
	id, err := s.f.NewStyle(&excelize.Style{CustomNumFmt: &c, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return 0, err
	}
	s.numFmt[code] = id
	return id, nil
}

// numberFormat is the Excel format code of a value kind.
func numberFormat(kind string) string {
	switch kind {
	case kindMoney:
		return "0.00"
	case kindPerPerson:
		return `0.00"万元/人"`
	case kindFraction, kindPercent:
		return `0.00"%"`
	case kindPoints, kindPointsFraction:
		return `0.00"个百分点"`
	case kindPerson:
		return `0"人"`
	case kindVehicle:
		return `0"辆"`
	case kindPoint:
		return `0.00"分"`
	case kindYear:
		return "0"
	}
	return "0.0000"
}

// numCell is a number cell of the given kind, or an empty cell for nil.
func (s *styles) numCell(kind string, v *decimal.Decimal) (xcell, error) {
	if v == nil {
		return xcell{style: s.text}, nil
	}
	st, err := s.number(numberFormat(kind))
	return xcell{typ: cellNumber, num: *v, kind: kind, style: st}, err
}

// wanCell is a money cell in 万元, or an empty cell when the report does not state it.
func (s *styles) wanCell(values map[string]decimal.Decimal, metric string) (xcell, error) {
	v, ok := values[metric]
	if !ok {
		return xcell{style: s.text}, nil
	}
	return s.numCell(kindMoney, &v)
}

func (s *styles) textCell(t string, wide bool) xcell {
	if wide {
		return xcell{typ: cellText, text: t, style: s.wrap}
	}
	return xcell{typ: cellText, text: t, style: s.text}
}

// labelCell is a text cell with the label of key (labelOr) in the style styles gives key,
// or in the text style when styles gives it none.
func (s *styles) labelCell(labels map[string]string, styles map[string]int, key string) xcell {
	c := xcell{typ: cellText, text: labelOr(labels, key), style: styles[key]}
	if c.style == 0 {
		c.style = s.text
	}
	return c
}

// reviewCells are the cells of a disposition, in the order of reviewColumns.
func (s *styles) reviewCells(row []xcell, d Disposition) []xcell {
	return append(row, xcell{typ: cellText, text: d.Status, style: s.fill}, xcell{typ: cellText, text: d.Comment, style: s.fillWrap},
		xcell{typ: cellText, text: d.Reviewer, style: s.fill}, xcell{typ: cellText, text: d.Date, style: s.fill})
}

// markCell is the change column's cell: 新增, 已消除 or empty.
func (s *styles) markCell(mark string) xcell {
	return xcell{typ: cellText, text: mark, style: s.mark}
}

func (s *styles) intCell(n int) xcell {
	return xcell{typ: cellInt, n: n, style: s.integer}
}

func (s *styles) yearCell(y int) xcell {
	if y <= 0 {
		return xcell{style: s.text}
	}
	return s.intCell(y)
}

func buildWorkbook(r *run) (*excelize.File, error) {
	f := excelize.NewFile()
	ok := false
	defer func() {
		if !ok {
			f.Close()
		}
	}()
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "jixiao", LastModifiedBy: "jixiao", Title: "部门整体支出绩效自评报告审核：问题清单",
		Language: "zh-CN", Created: fixedTime, Modified: fixedTime,
	}); err != nil {
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", SheetFindings); err != nil {
		return nil, err
	}
	lines := indicatorLines(r)
	sheets := []string{SheetReports, SheetChecks}
	if len(lines) > 0 {
		sheets = append(sheets, SheetIndicators)
	}
	if len(r.in.Problems) > 0 {
		sheets = append([]string{SheetProblems}, sheets...)
	}
	if len(r.in.Cleared) > 0 {
		sheets = append([]string{SheetCleared}, sheets...)
	}
	for _, name := range sheets {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	if err := writeNotes(f, r.in); err != nil {
		return nil, err
	}
	// Before the sheets are streamed: on a streamed sheet excelize would parse the whole
	// sheet back into memory to mark it.
	f.SetActiveSheet(0)
	if err := writeSheet(f, st, SheetFindings, findingColumns, len(r.findings), findingCells(r, st)); err != nil {
		return nil, err
	}
	// The other sheets need no more of the findings than their counts (run.counts).
	r.findings, r.in.Findings, r.in.Reviews, r.rv = nil, nil, nil, nil
	if len(r.in.Cleared) > 0 {
		if err := writeSheet(f, st, SheetCleared, clearedColumns, len(r.in.Cleared), clearedCells(r, st)); err != nil {
			return nil, err
		}
	}
	if len(r.in.Problems) > 0 {
		if err := writeSheet(f, st, SheetProblems, problemColumns, len(r.in.Problems), problemCells(r, st)); err != nil {
			return nil, err
		}
	}
	if err := writeSheet(f, st, SheetReports, reportColumns(), len(r.reports), reportCells(r, st)); err != nil {
		return nil, err
	}
	checks := sortedChecks(r)
	if err := writeSheet(f, st, SheetChecks, checkColumns, len(checks), checkCells(r, st, checks)); err != nil {
		return nil, err
	}
	if len(lines) > 0 {
		if err := writeSheet(f, st, SheetIndicators, indicatorColumns, len(lines), indicatorCells(st, lines)); err != nil {
			return nil, err
		}
	}
	ok = true
	return f, nil
}

// rowFunc appends the cells of a sheet's row i, one per column, to row.
type rowFunc func(i int, row []xcell) ([]xcell, error)

// findingColumns are the columns of 问题清单.
var findingColumns = slices.Concat([]column{
	{header: "序号"}, {header: "严重程度"}, {header: headerDept}, {header: headerYear}, {header: headerRule},
	{header: "规则名称"}, {header: headerMessage, wide: true}}, reviewColumns, []column{{header: HeaderChange},
	{header: "预期值(万元)"}, {header: "实际值(万元)"},
	{header: "差额(万元)"}, {header: "涉及指标", wide: true}, {header: "相关报告", wide: true},
	{header: "证据原文", wide: true}, {header: headerPath, wide: true}, {header: HeaderAnomalyID}, {header: HeaderKey},
})

// reviewColumns are the columns an analyst fills in, on 问题清单 and 已消除.
var reviewColumns = []column{
	{header: HeaderStatus, min: 13, states: true}, {header: HeaderComment, wide: true, min: 30},
	{header: HeaderReviewer, min: 9}, {header: HeaderDate, min: 12},
}

// findingCells makes the rows of 问题清单, one per finding of r.
func findingCells(r *run, st *styles) rowFunc {
	return func(i int, row []xcell) ([]xcell, error) {
		f := r.findings[i]
		dept, year := "", 0
		if rep := r.report(f); rep != nil {
			dept, year = rep.Department, rep.Year
		}
		kind := valueKind(f)
		exp, err1 := st.numCell(kind, f.Expected)
		act, err2 := st.numCell(kind, f.Actual)
		dif, err3 := st.numCell(diffKind(kind), diff(f))
		for _, err := range []error{err1, err2, err3} {
			if err != nil {
				return nil, err
			}
		}
		rv := r.review(f)
		mark := ""
		if rv.New {
			mark = MarkNew
		}
		row = append(row,
			st.intCell(i+1), st.labelCell(severityLabel, st.severity, f.Severity), st.textCell(dept, false), st.yearCell(year),
			st.textCell(f.Rule, false), st.textCell(r.ruleTitle(f.Rule), false), st.textCell(f.Message, true))
		row = st.reviewCells(row, rv.Disposition)
		return append(row, st.markCell(mark),
			exp, act, dif,
			st.textCell(metrics(f, "；"), true), st.textCell(strings.Join(r.related(f), "；"), true),
			st.textCell(f.Evidence, true), st.textCell(f.Path, true), st.textCell(f.AnomalyID, false),
			st.textCell(rv.Key, false),
		), nil
	}
}

// clearedColumns are the columns of 已消除.
var clearedColumns = slices.Concat([]column{
	{header: "序号"}, {header: headerSeverity}, {header: headerDept}, {header: headerYear}, {header: headerRule},
	{header: "规则名称"}, {header: headerMessage, wide: true}}, reviewColumns, []column{{header: HeaderChange},
	{header: "最后出现"}, {header: "说明", wide: true}, {header: headerPath, wide: true}, {header: HeaderAnomalyID}, {header: HeaderKey},
})

// clearedCells makes the rows of 已消除, one per finding no longer arising.
func clearedCells(r *run, st *styles) rowFunc {
	return func(i int, row []xcell) ([]xcell, error) {
		c := &r.in.Cleared[i]
		mark := MarkCleared
		if !c.JustCleared {
			mark = "早前" + MarkCleared
		}
		row = append(row, st.intCell(i+1), st.labelCell(severityLabel, st.severity, c.Severity), st.textCell(c.Department, false),
			st.yearCell(c.Year), st.textCell(c.Rule, false), st.textCell(r.ruleTitle(c.Rule), false), st.textCell(c.Message, true))
		row = st.reviewCells(row, c.Disposition)
		return append(row, st.markCell(mark), st.textCell(c.LastSeen, false), st.textCell(r.clearedNote(c), true),
			st.textCell(c.Path, true), st.textCell(c.AnomalyID, false), st.textCell(c.Key, false)), nil
	}
}

// problemColumns are the columns of 未能对应的核实意见: where a row was, why it could not be
// used, and what it said.
var problemColumns = []column{
	{header: "来源", wide: true}, {header: "位置"}, {header: "原因", wide: true}, {header: HeaderKey}, {header: HeaderAnomalyID},
	{header: HeaderStatus, min: 13}, {header: HeaderComment, wide: true, min: 30}, {header: HeaderReviewer, min: 9}, {header: HeaderDate, min: 12},
}

// problemCells makes the rows of 未能对应的核实意见.
func problemCells(r *run, st *styles) rowFunc {
	return func(i int, row []xcell) ([]xcell, error) {
		p := &r.in.Problems[i]
		row = append(row, st.textCell(p.Source, true), st.textCell(p.Where, false), st.textCell(p.Reason, true),
			st.textCell(p.Key, false), st.textCell(p.AnomalyID, false))
		return st.reviewCells(row, p.Disposition), nil
	}
}

// summaryMetrics are the money columns of 报告汇总.
var summaryMetrics = []struct{ id, header string }{
	{"income.total", "收入合计(万元)"}, {"expenditure.total", "支出合计(万元)"},
	{"expenditure.basic", "基本支出(万元)"}, {"expenditure.project", "项目支出(万元)"},
	{"three_public.total", "三公经费(万元)"},
}

// reportColumns are the columns of 报告汇总.
func reportColumns() []column {
	cols := []column{{header: "部门"}, {header: "地区"}, {header: "年度"}, {header: "文件", wide: true},
		{header: "状态"}, {header: "错误信息", wide: true}}
	for _, m := range summaryMetrics {
		cols = append(cols, column{header: m.header})
	}
	return append(cols, column{header: "错误数"}, column{header: "警告数"}, column{header: "提示数"}, column{header: "报告编号"})
}

// reportCells makes the rows of 报告汇总, one per report of r in its order.
func reportCells(r *run, st *styles) rowFunc {
	return func(i int, row []xcell) ([]xcell, error) {
		rep := r.reports[i]
		row = append(row, st.textCell(rep.Department, false), st.textCell(rep.Region, false), st.yearCell(rep.Year),
			st.textCell(rep.Path, true), st.labelCell(statusLabel, st.sts, rep.Status), st.textCell(rep.Error, true))
		for _, m := range summaryMetrics {
			c, err := st.wanCell(rep.Values, m.id)
			if err != nil {
				return nil, err
			}
			row = append(row, c)
		}
		n := r.counts[rep.ReportID]
		return append(row, st.intCell(n[0]), st.intCell(n[1]), st.intCell(n[2]), st.textCell(rep.ReportID, false)), nil
	}
}

// checkColumns are the columns of 检查情况.
var checkColumns = []column{{header: "部门"}, {header: "年度"}, {header: "文件", wide: true}, {header: "规则"},
	{header: "规则名称"}, {header: "结果"}, {header: "说明", wide: true}, {header: "报告编号"}}

// sortedChecks returns the checks of r in report order (department, year, path), then
// registry order of the rule.
func sortedChecks(r *run) []*analyze.Check {
	pos := map[string]int{}
	for i, rep := range r.reports {
		if _, ok := pos[rep.ReportID]; !ok {
			pos[rep.ReportID] = i
		}
	}
	checks := make([]*analyze.Check, len(r.in.Checks))
	for i := range r.in.Checks {
		checks[i] = &r.in.Checks[i]
	}
	rank := func(c *analyze.Check) (int, int) {
		p, ok := pos[c.ReportID]
		if !ok {
			p = len(r.reports)
		}
		o, ok := r.order[c.Rule]
		if !ok {
			o = len(r.order)
		}
		return p, o
	}
	sortStable(checks, func(a, b *analyze.Check) bool {
		pa, oa := rank(a)
		pb, ob := rank(b)
		if pa != pb {
			return pa < pb
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if oa != ob {
			return oa < ob
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Detail < b.Detail
	})
	return checks
}

// checkCells makes the rows of 检查情况, one per check of checks.
func checkCells(r *run, st *styles, checks []*analyze.Check) rowFunc {
	return func(i int, row []xcell) ([]xcell, error) {
		c := checks[i]
		dept, year := "", 0
		if rep, ok := r.byID[c.ReportID]; ok {
			dept, year = rep.Department, rep.Year
		}
		return append(row, st.textCell(dept, false), st.yearCell(year), st.textCell(c.Path, true),
			st.textCell(c.Rule, false), st.textCell(r.ruleTitle(c.Rule), false), st.labelCell(outcomeLabel, st.outcome, c.Outcome),
			st.textCell(c.Detail, true), st.textCell(c.ReportID, false)), nil
	}
}

// writeSheet streams the header and the n rows of fill into sheet (excelize's StreamWriter,
// so that the workbook is not held as a DOM): it fits the column widths and row heights to
// the content, freezes the header row and puts an autofilter on it. The sheet must be empty.
//
// The rows are made twice: once to fit the column widths, which the stream writer needs
// before the first row, and once to write them; they are never all held in memory.
func writeSheet(f *excelize.File, st *styles, sheet string, cols []column, n int, fill rowFunc) error {
	widths := make([]float64, len(cols))
	for j, c := range cols {
		widths[j] = float64(textWidth(c.header) + 2)
	}
	row := make([]xcell, 0, len(cols))
	var err error
	for i := range n {
		if row, err = fill(i, row[:0]); err != nil {
			return err
		}
		for j := range row {
			if w := float64(row[j].width() + 2); w > widths[j] {
				widths[j] = w
			}
		}
	}
	for j, c := range cols {
		limit := float64(maxColWidth)
		if c.wide {
			limit = maxWideWidth
		}
		widths[j] = math.Max(math.Max(minColWidth, c.min), math.Min(widths[j], limit))
	}
	if err := addStateLists(f, sheet, cols, n); err != nil {
		return err
	}
	// The autofilter (its defined name, the sheet's filterMode and autoFilter elements) goes
	// on the worksheet before streaming: the stream writer writes those parts of the sheet
	// when it starts and when it is flushed.
	end, _ := excelize.CoordinatesToCellName(len(cols), n+1)
	if err := f.AutoFilter(sheet, "A1:"+end, nil); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for j := range cols {
		if err := sw.SetColWidth(j+1, j+1, widths[j]); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	values := make([]any, len(cols))
	for j, c := range cols {
		values[j] = excelize.Cell{StyleID: st.header, Value: c.header}
	}
	if err := sw.SetRow("A1", values, excelize.RowOpts{Height: 2 * lineHeight}); err != nil {
		return err
	}
	for i := range n {
		if row, err = fill(i, row[:0]); err != nil {
			return err
		}
		// rows whose wrapped text needs more than one line get a height that shows it all
		lines := 1
		for j := range row {
			c := &row[j]
			values[j] = excelize.Cell{StyleID: c.style, Value: c.value()}
			if !cols[j].wide {
				continue
			}
			if k := wrappedLines(c.text, widths[j]-1); k > lines {
				lines = k
			}
		}
		var opts []excelize.RowOpts
		if lines > 1 {
			opts = append(opts, excelize.RowOpts{Height: math.Min(409, float64(lines*lineHeight))})
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, values[:len(row)], opts...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// addStateLists puts the drop-down of States on the state columns of a sheet of n rows
// (before it is streamed: the stream writer writes the sheet's data validations when it is
// flushed). A value typed in that is no state is refused by Excel, WPS and LibreOffice
// alike; one pasted in is read back as a Problem.
func addStateLists(f *excelize.File, sheet string, cols []column, n int) error {
	for j, c := range cols {
		if !c.states {
			continue
		}
		col, _ := excelize.ColumnNumberToName(j + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, max(n, 1)+1)
		if err := dv.SetDropList(States); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "处理状态", "请从下拉列表中选择："+statesList+"；未处理的留空。")
		dv.SetInput("处理状态", "请选择："+statesList)
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// textWidth is the display width of s in Excel character units: East Asian wide and
// full-width characters count 2, others 1; for several lines, the widest.
func textWidth(s string) int {
	best := 0
	for line := range strings.SplitSeq(s, "\n") {
		w := 0
		for _, r := range line {
			w += runeWidth(r)
		}
		if w > best {
			best = w
		}
	}
	return best
}

func runeWidth(r rune) int {
	switch {
	case r < 0x1100:
		return 1
	case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs, the most common: no table lookup
		return 2
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hangul, r),
		unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
		r >= 0x2E80 && r <= 0x303F, // CJK radicals, punctuation (、。「」)
		r >= 0xFF01 && r <= 0xFF60, // full-width forms (，：（）)
		r >= 0xFFE0 && r <= 0xFFE6:
		return 2
	}
	return 1
}

// wrappedLines estimates the lines s takes in a wrapped column of the given width.
func wrappedLines(s string, width float64) int {
	if width < 1 {
		width = 1
	}
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		w := 0
		for _, r := range line {
			w += runeWidth(r)
		}
		n += int(math.Max(1, math.Ceil(float64(w)/width)))
	}
	return n
}
