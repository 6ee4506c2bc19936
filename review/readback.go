package review

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/unitname"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Headers of the review columns, as the workbook and the page's CSV write them and as they
// are read back (by name, wherever the column is).
const (
	HeaderKey       = "核实编号" // the review key
	HeaderAnomalyID = "问题编号" // the anomaly id
	HeaderStatus    = "处理状态"
	HeaderComment   = "核实意见"
	HeaderReviewer  = "核实人"
	HeaderDate      = "核实日期"
	HeaderChange    = "变化" // 新增, or empty
	headerRule      = "规则"
	headerSeverity  = "严重程度"
	headerDept      = "部门"
	headerYear      = "年度"
	headerPath      = "文件路径"
	headerMessage   = "问题说明"
)

// Marks of the change column.
const (
	MarkNew     = "新增"  // not in the previous list
	MarkCleared = "已消除" // in the previous list, no longer arising
)

// maxReviewBytes bounds a review file: a workbook of 50,000 findings is some 10 MB.
const maxReviewBytes = 256 << 20

// Field flags: which of a disposition's fields a row's sheet or file has.
const (
	hasStatus = 1 << iota
	hasComment
	hasReviewer
	hasDate
)

// Edit is one row of review input: a finding, by its review key or its anomaly id, and
// what the analyst wrote beside it.
type Edit struct {
	Key, AnomalyID string
	Disposition
	// Has says which of the four fields the row's sheet or file has (hasStatus …): a column
	// that is not there leaves the value as it was.
	Has int
	// BadStatus is the state word as written when it is no state (Status is then "").
	BadStatus string
	// Listed is set for a row of a workbook's finding sheet: the finding was on that list;
	// OnCleared for a row of its 已消除 sheet.
	Listed, OnCleared bool
	// Carried is set for a row of the sheet of review input not used before
	// (SheetProblems): it applies only to a finding no other row of its file names.
	Carried bool
	// Finding is the finding as the row shows it.
	Finding Details
	// Where is the row: "问题清单 第12行".
	Where string
}

// Details are what the views show of a finding no longer on the list.
type Details struct {
	AnomalyID, Rule, Severity, Department string
	Year                                  int
	Path, Message                         string
}

// Problem is review input that could not be used as it was, and why. The row's values are
// kept, so that nothing an analyst typed is lost: the views list them.
type Problem struct {
	// Source is the file; Where the sheet and row ("" for the whole file).
	Source, Where  string
	Key, AnomalyID string
	Disposition
	Reason string
}

// Source is what one review file gave: its rows and what could not be read.
type Source struct {
	Name     string // the file as given
	Edits    []Edit
	Problems []Problem
}

// ReadSource reads the dispositions of a review file: a workbook (anomalies.xlsx as jixiao
// wrote it and as Excel, WPS or LibreOffice saved it after an analyst's edits) or a CSV
// (the page's export, or a sheet saved as CSV in UTF-8, GB18030 or UTF-16). Columns are
// found by their headers wherever they are, rows by their key; a file that is no workbook
// or CSV, or cannot be read, is a Problem, never an error: a run goes on without it.
func ReadSource(path string) Source {
	src := Source{Name: path}
	b, err := readLimited(path)
	if err != nil {
		src.fail(err.Error())
		return src
	}
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		src.readWorkbook(b)
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		src.fail("Excel 97-2003 .xls 格式或加密的工作簿，无法读取：请在 Excel 或 WPS 中另存为 .xlsx（不设密码）后再用 --review 指定")
	case looksLike(b, "<?mso-application", "<Workbook", "<html", "MIME-Version:"):
		src.fail("Excel 2003 XML 表格或网页格式（WPS、Excel“另存为”时可能生成），无法读取：请另存为 .xlsx 后再用 --review 指定")
	default:
		src.readCSV(b)
	}
	return src
}

// looksLike reports whether the first kilobyte of b holds one of the markers.
func looksLike(b []byte, markers ...string) bool {
	head := b[:min(len(b), 1024)]
	for _, m := range markers {
		if bytes.Contains(head, []byte(m)) {
			return true
		}
	}
	return false
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("无法打开（%w）", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxReviewBytes+1))
	if err != nil {
		return nil, fmt.Errorf("无法读取（%w）", err)
	}
	if len(b) > maxReviewBytes {
		return nil, fmt.Errorf("文件超过 %d MB，不是问题清单", maxReviewBytes>>20)
	}
	return b, nil
}

func (s *Source) fail(reason string) {
	s.Problems = append(s.Problems, Problem{Source: s.Name, Reason: reason})
}

// columns is where a sheet's or a CSV's header puts each field, -1 when absent.
type columns struct {
	key, anomaly, status, comment, reviewer, date int
	rule, severity, dept, year, path, message     int
}

// findHeader looks for the header row among a sheet's first rows: the row naming the key or
// the anomaly id column. ok is false when there is none.
func findHeader(row []string) (columns, bool) {
	c := columns{key: -1, anomaly: -1, status: -1, comment: -1, reviewer: -1, date: -1,
		rule: -1, severity: -1, dept: -1, year: -1, path: -1, message: -1}
	byName := map[string]*int{
		HeaderKey: &c.key, HeaderAnomalyID: &c.anomaly, HeaderStatus: &c.status, HeaderComment: &c.comment,
		HeaderReviewer: &c.reviewer, HeaderDate: &c.date, headerRule: &c.rule, headerSeverity: &c.severity,
		headerDept: &c.dept, headerYear: &c.year, headerPath: &c.path, headerMessage: &c.message,
	}
	for j, cell := range row {
		if dst := byName[unitname.Clean(cell)]; dst != nil && *dst < 0 {
			*dst = j
		}
	}
	// A header an analyst lengthened (处理状态（下拉选择）) names its column when no header
	// is exactly the name.
	for name, dst := range byName {
		for j := 0; j < len(row) && *dst < 0; j++ {
			if h := unitname.Clean(row[j]); strings.HasPrefix(h, name) && byName[h] == nil {
				*dst = j
			}
		}
	}
	return c, c.key >= 0 || c.anomaly >= 0
}

// has is the field flags of the disposition columns c holds.
func (c columns) has() int {
	n := 0
	for _, f := range []struct{ col, flag int }{{c.status, hasStatus}, {c.comment, hasComment}, {c.reviewer, hasReviewer}, {c.date, hasDate}} {
		if f.col >= 0 {
			n |= f.flag
		}
	}
	return n
}

// headerRows is how many rows of a sheet may come before its header (a title an analyst
// put above it).
const headerRows = 10

// cellReader gives a row's cell j as text; date reads a date column (a serial number in a
// workbook).
type cellReader struct {
	row      []string
	date1904 bool
	workbook bool
}

func (r cellReader) text(j int) string {
	if j < 0 || j >= len(r.row) {
		return ""
	}
	return strings.TrimSpace(r.row[j])
}

func (r cellReader) date(j int) string {
	s := r.text(j)
	if r.workbook {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			if d, ok := serialDate(v, r.date1904); ok {
				return d
			}
		}
	}
	return normDate(s)
}

// edit makes the Edit of one data row; ok is false for a row with nothing in it.
func (c columns) edit(r cellReader, where string) (Edit, bool) {
	e := Edit{Key: r.text(c.key), AnomalyID: r.text(c.anomaly), Has: c.has(), Where: where}
	e.Comment, e.Reviewer, e.Date = r.text(c.comment), r.text(c.reviewer), r.date(c.date)
	word := r.text(c.status)
	if st, ok := ParseState(word); ok {
		e.Status = st
	} else {
		e.BadStatus = word
	}
	e.Finding = Details{AnomalyID: e.AnomalyID, Rule: r.text(c.rule), Severity: severityKey(r.text(c.severity)),
		Department: r.text(c.dept), Path: r.text(c.path), Message: r.text(c.message)}
	e.Finding.Year, _ = strconv.Atoi(r.text(c.year))
	empty := e.Key == "" && e.AnomalyID == "" && e.Disposition.IsZero() && e.BadStatus == ""
	return e, !empty
}

// severityKey is the severity of a label (错误 → error), or the text itself.
func severityKey(label string) string {
	for k, v := range severityLabel {
		if v == label {
			return k
		}
	}
	return label
}

func (s *Source) readWorkbook(b []byte) {
	// A damaged workbook may trip the library reading it: that is a problem of this file.
	defer func() {
		if r := recover(); r != nil {
			s.fail(fmt.Sprintf("工作簿已损坏，无法读取（%v）：请在 Excel 或 WPS 中打开并另存为 .xlsx", r))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: 1 << 30})
	if err != nil {
		s.fail(fmt.Sprintf("不是可读取的 .xlsx 工作簿（%v）", err))
		return
	}
	defer f.Close()
	props, _ := f.GetWorkbookProps()
	date1904 := props.Date1904 != nil && *props.Date1904
	found := false
	for _, sheet := range f.GetSheetList() {
		ok, err := s.readSheet(f, sheet, date1904)
		if err != nil {
			s.Problems = append(s.Problems, Problem{Source: s.Name, Where: sheet, Reason: fmt.Sprintf("工作表无法读取（%v）", err)})
		}
		found = found || ok
	}
	if !found {
		s.fail("工作簿中没有带“" + HeaderKey + "”或“" + HeaderAnomalyID + "”列的工作表，不是问题清单")
	}
}

// readSheet reads the edits of one sheet; ok is false when it has no header of review
// columns (a sheet of reports or checks), which is passed over after its first rows.
func (s *Source) readSheet(f *excelize.File, sheet string, date1904 bool) (ok bool, err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var cols columns
	n := 0
	for rows.Next() {
		n++
		row, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return ok, err
		}
		if !ok {
			if cols, ok = findHeader(row); !ok && n >= headerRows {
				return false, nil
			}
			if ok {
				s.checkColumns(sheet, cols)
			}
			continue
		}
		where := fmt.Sprintf("%s 第%d行", sheet, n)
		if e, any := cols.edit(cellReader{row: row, date1904: date1904, workbook: true}, where); any {
			e.Listed = sheet == SheetFindings
			e.OnCleared = sheet == SheetCleared
			e.Carried = sheet == SheetProblems
			s.add(e)
		}
	}
	return ok, rows.Error()
}

// checkColumns notes a review sheet without a state column: its states are not read.
func (s *Source) checkColumns(where string, c columns) {
	if c.status < 0 && (c.key >= 0 || c.anomaly >= 0) && (where == SheetFindings || where == SheetCleared) {
		s.Problems = append(s.Problems, Problem{Source: s.Name, Where: where,
			Reason: "没有“" + HeaderStatus + "”列：该表的处理状态未读取，沿用上次的处理状态"})
	}
}

func (s *Source) add(e Edit) {
	if e.Key == "" && e.AnomalyID == "" {
		if !e.Disposition.IsZero() || e.BadStatus != "" {
			s.Problems = append(s.Problems, Problem{Source: s.Name, Where: e.Where, Disposition: e.Disposition,
				Reason: "该行没有" + HeaderKey + "和" + HeaderAnomalyID + "，无法对应到问题"})
		}
		return
	}
	s.Edits = append(s.Edits, e)
}

// readCSV reads a CSV (or tab-separated) export: UTF-8 with or without a BOM, GB18030 as
// Excel saves CSV on Chinese Windows, or UTF-16 as Excel saves "Unicode text".
func (s *Source) readCSV(b []byte) {
	text, err := decodeText(b)
	if err != nil {
		s.fail("既不是 .xlsx 工作簿也不是文本 CSV：" + err.Error())
		return
	}
	first, _, _ := strings.Cut(text, "\n")
	r := csv.NewReader(strings.NewReader(text))
	if strings.Count(first, "\t") > strings.Count(first, ",") {
		r.Comma = '\t'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var cols columns
	ok := false
	for n := 1; ; n++ {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.Problems = append(s.Problems, Problem{Source: s.Name, Where: fmt.Sprintf("第%d行", n), Reason: "CSV 格式错误，其后各行未读取（" + err.Error() + "）"})
			break
		}
		if !ok {
			if cols, ok = findHeader(row); !ok && n >= headerRows {
				break
			}
			continue
		}
		if e, any := cols.edit(cellReader{row: row}, fmt.Sprintf("第%d行", n)); any {
			s.add(e)
		}
	}
	if !ok {
		s.fail("不是问题清单：既不是 .xlsx 工作簿，也不是带“" + HeaderKey + "”或“" + HeaderAnomalyID + "”列的 CSV")
	}
}

// decodeText decodes a text file's bytes to UTF-8.
func decodeText(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, _, err := transform.Bytes(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder(), b)
		if err != nil {
			return "", fmt.Errorf("UTF-16 文本无法解码（%w）", err)
		}
		b = out
	case !utf8.Valid(b):
		out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b)
		if err != nil {
			return "", fmt.Errorf("文本编码无法识别（%w）", err)
		}
		b = out
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", errors.New("含有二进制内容")
	}
	return string(b), nil
}
