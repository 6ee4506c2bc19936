package review

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// testKey is the review key of the sample's i-th finding.
func testKey(i int) string { return fmt.Sprintf("%016x", 0xabc000+i) }

// reviewedInput is the sample with a review per finding: the first two findings carry a
// disposition from an earlier run, the third is new.
func reviewedInput() Input {
	in := sampleInput()
	in.Reviews = make([]Review, len(in.Findings))
	for i := range in.Findings {
		in.Reviews[i] = Review{Key: testKey(i), FirstSeen: "2025-03-01"}
	}
	in.Reviews[0].Disposition = Disposition{Status: StateConfirmed, Comment: "已电话核实", Reviewer: "王", Date: "2025-03-02"}
	in.Reviews[1].Disposition = Disposition{Status: StateReturned, Comment: "退回科协重新填报", Reviewer: "王", Date: "2025-03-02"}
	in.Reviews[2].New = true
	in.Compared = true
	in.ReviewStats = LedgerStats{Carried: 2, New: 1, Cleared: 1}
	in.Cleared = []Record{{Key: testKey(99), Disposition: Disposition{Status: StateReturned, Comment: "已退回"}, Cleared: true, JustCleared: true,
		LastSeen: "2025-03-01", Details: Details{AnomalyID: "b000000000000099", Rule: "sum.basic", Severity: "error",
			Department: "隆回县科学技术协会", Year: 2024, Path: "2024/隆回县科学技术协会2024年部门整体支出绩效自评报告.docx",
			Message: "基本支出与明细不符。"}}}
	return in
}

// sheetRows reads a sheet of path as text.
func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// column is the index of header in a header row.
func colOf(t *testing.T, header []string, name string) int {
	t.Helper()
	j := slices.Index(header, name)
	if j < 0 {
		t.Fatalf("no column %s in %q", name, header)
	}
	return j
}

// editsByKey indexes a source's edits by key.
func editsByKey(src Source) map[string]Edit {
	m := map[string]Edit{}
	for _, e := range src.Edits {
		m[e.Key] = e
	}
	return m
}

// TestWorkbookReadsBack writes the workbook, edits it as an analyst would in excelize (a
// state picked, a comment, a reviewer, a date typed into a date cell) and reads it back.
func TestWorkbookReadsBack(t *testing.T) {
	in := reviewedInput()
	path := filepath.Join(t.TempDir(), "anomalies.xlsx")
	if err := WriteXLSX(path, in); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(sheetList(t, path), ","); got != "问题清单,已消除,报告汇总,检查情况,说明" {
		t.Errorf("sheets %s", got)
	}
	rows := sheetRows(t, path, SheetFindings)
	h := rows[0]
	key, st := colOf(t, h, HeaderKey), colOf(t, h, HeaderStatus)
	// the dispositions are in the workbook, the new finding marked
	byKey := map[string][]string{}
	for _, r := range rows[1:] {
		byKey[r[key]] = r
	}
	if r := byKey[testKey(0)]; r[st] != StateConfirmed || r[colOf(t, h, HeaderComment)] != "已电话核实" {
		t.Errorf("finding 0: %q", r)
	}
	if r := byKey[testKey(2)]; r[colOf(t, h, HeaderChange)] != MarkNew {
		t.Errorf("finding 2 is not marked new: %q", r)
	}
	if n := len(byKey); n != len(in.Findings) {
		t.Errorf("%d keys in the sheet, want %d", n, len(in.Findings))
	}
	cleared := sheetRows(t, path, SheetCleared)
	if len(cleared) != 2 || cleared[1][colOf(t, cleared[0], HeaderKey)] != testKey(99) ||
		cleared[1][colOf(t, cleared[0], HeaderStatus)] != StateReturned || cleared[1][colOf(t, cleared[0], HeaderChange)] != MarkCleared {
		t.Errorf("已消除 = %q", cleared)
	}
	// the drop-down
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dvs, err := f.GetDataValidations(SheetFindings)
	if err != nil || len(dvs) != 1 || dvs[0].Type != "list" || !strings.Contains(dvs[0].Formula1, "已退回修改") ||
		dvs[0].Sqref != fmt.Sprintf("H2:H%d", len(in.Findings)+1) {
		t.Errorf("data validations %+v, %v", dvs, err)
	}
	// the analyst's edits
	row := func(k string) int {
		for i, r := range rows {
			if len(r) > key && r[key] == k {
				return i + 1
			}
		}
		t.Fatalf("no row of %s", k)
		return 0
	}
	set := func(k, col string, v any) {
		cell, _ := excelize.CoordinatesToCellName(colOf(t, h, col)+1, row(k))
		if err := f.SetCellValue(SheetFindings, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set(testKey(2), HeaderStatus, StateFalseAlarm)
	set(testKey(2), HeaderComment, "口径不同，不是问题")
	set(testKey(2), HeaderReviewer, "李")
	set(testKey(2), HeaderDate, time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC))
	set(testKey(0), HeaderStatus, "")
	set(testKey(0), HeaderComment, "")
	edited := filepath.Join(t.TempDir(), "edited.xlsx")
	if err := f.SaveAs(edited); err != nil {
		t.Fatal(err)
	}
	f.Close()
	src := ReadSource(edited)
	if len(src.Problems) != 0 {
		t.Errorf("problems %+v", src.Problems)
	}
	got := editsByKey(src)
	want := map[string]Disposition{
		testKey(0): {Reviewer: "王", Date: "2025-03-02"},
		testKey(1): {Status: StateReturned, Comment: "退回科协重新填报", Reviewer: "王", Date: "2025-03-02"},
		testKey(2): {Status: StateFalseAlarm, Comment: "口径不同，不是问题", Reviewer: "李", Date: "2025-03-05"},
		testKey(3): {},
	}
	for k, d := range want {
		e, ok := got[k]
		if !ok || e.Disposition != d || !e.Listed || e.Has != hasStatus|hasComment|hasReviewer|hasDate {
			t.Errorf("%s: %+v (found %v), want %+v, listed, all four fields", k, e, ok, d)
		}
	}
	if e := got[testKey(99)]; !e.OnCleared || e.Listed || e.Status != StateReturned {
		t.Errorf("the 已消除 row: %+v", e)
	}
	if len(src.Edits) != len(in.Findings)+1 {
		t.Errorf("%d edits, want one per finding and one cleared", len(src.Edits))
	}
}

func sheetList(t *testing.T, path string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return f.GetSheetList()
}

// rewrite writes the findings sheet of the workbook at path again as another tool would
// save it after an analyst's work: columns in the order of perm (headers included), rows
// in a shuffled order, rows for which drop returns true left out, cells edited by edit,
// with a title row above the header; as shared strings, in a new workbook at out.
func rewrite(t *testing.T, path, out string, perm []int, drop func(r []string) bool, edit func(h, r []string)) {
	t.Helper()
	rows := sheetRows(t, path, SheetFindings)
	h := rows[0]
	body := slices.Clone(rows[1:])
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetFindings); err != nil {
		t.Fatal(err)
	}
	put := func(rowNum int, r []string) {
		for j, from := range perm {
			v := ""
			if from < len(r) {
				v = r[from]
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, rowNum)
			if err := f.SetCellStr(SheetFindings, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SetCellStr(SheetFindings, "A1", "2025年第一批自评报告审核（王、李）"); err != nil {
		t.Fatal(err)
	}
	put(2, h)
	n := 3
	for _, r := range body {
		if drop(r) {
			continue
		}
		r = slices.Clone(r)
		edit(h, r)
		put(n, r)
		n++
	}
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
}

// TestBadReviewInputLosesNothing: a workbook saved with its columns moved, its rows sorted,
// a row deleted and a state misspelt gives every disposition it holds; with the previous
// run's reviews, the deleted row's disposition is kept and the misspelt one's state too,
// and the misspelling is listed with the reason.
func TestBadReviewInputLosesNothing(t *testing.T) {
	in := reviewedInput()
	dir := t.TempDir()
	path := filepath.Join(dir, "anomalies.xlsx")
	if err := WriteXLSX(path, in); err != nil {
		t.Fatal(err)
	}
	n := len(findingColumns)
	perm := make([]int, n)
	for j := range perm {
		perm[j] = n - 1 - j // every column moved: reversed
	}
	h := sheetRows(t, path, SheetFindings)[0]
	key, st, cm := colOf(t, h, HeaderKey), colOf(t, h, HeaderStatus), colOf(t, h, HeaderComment)
	out := filepath.Join(dir, "moved.xlsx")
	rewrite(t, path, out, perm,
		func(r []string) bool { return r[key] == testKey(1) }, // deleted
		func(h, r []string) {
			switch r[key] {
			case testKey(0):
				r[st], r[cm] = "属是", "口径已核对" // misspelt
			case testKey(3):
				r[st], r[cm] = "已整改", "已于3月改正"
			}
		})
	src := ReadSource(out)
	if len(src.Problems) != 0 {
		t.Errorf("reading: problems %+v", src.Problems)
	}
	keys := make([]string, len(in.Findings))
	ids := make([]string, len(in.Findings))
	for i, f := range in.Findings {
		keys[i], ids[i] = testKey(i), f.AnomalyID
	}
	l := NewLedger("2025-03-09", keys, ids)
	for i, rv := range in.Reviews { // the previous run's reviews table
		l.AddPrevious(Record{Key: rv.Key, Disposition: rv.Disposition, FirstSeen: "2025-03-01", LastSeen: "2025-03-01", Details: Details{AnomalyID: ids[i]}})
	}
	l.AddSource(src)
	want := map[int]Disposition{
		0: {Status: StateConfirmed, Comment: "口径已核对", Reviewer: "王", Date: "2025-03-02"}, // the state kept, the comment taken
		1: in.Reviews[1].Disposition,                                                     // its row deleted: kept
		3: {Status: StateCorrected, Comment: "已于3月改正"},
	}
	for i := range in.Findings {
		if got := l.Review(i).Disposition; got != want[i] {
			t.Errorf("finding %d: %+v, want %+v", i, got, want[i])
		}
		if l.Review(i).New {
			t.Errorf("finding %d is new; all were on the previous list", i)
		}
	}
	probs := l.Problems()
	if len(probs) != 1 || !strings.Contains(probs[0].Reason, "属是") || !strings.Contains(probs[0].Reason, "保留原处理状态“属实”") ||
		probs[0].Key != testKey(0) || probs[0].Status != "属是" || probs[0].Comment != "口径已核对" || !strings.Contains(probs[0].Where, "第") {
		t.Errorf("problems %+v, want the misspelt state, with its row", probs)
	}
}

// TestColumnsWithoutKey: a sheet whose key column was deleted is matched by anomaly id; a
// sheet without a state column keeps the states.
func TestColumnsWithoutKey(t *testing.T) {
	in := reviewedInput()
	dir := t.TempDir()
	path := filepath.Join(dir, "anomalies.xlsx")
	if err := WriteXLSX(path, in); err != nil {
		t.Fatal(err)
	}
	h := sheetRows(t, path, SheetFindings)[0]
	var perm []int
	for j, name := range h {
		if name != HeaderKey && name != HeaderStatus {
			perm = append(perm, j)
		}
	}
	cm := colOf(t, h, HeaderComment)
	id := colOf(t, h, HeaderAnomalyID)
	out := filepath.Join(dir, "nokey.xlsx")
	rewrite(t, path, out, perm, func([]string) bool { return false }, func(h, r []string) {
		if r[id] == in.Findings[4].AnomalyID {
			r[cm] = "核实中"
		}
	})
	src := ReadSource(out)
	if len(src.Problems) != 1 || !strings.Contains(src.Problems[0].Reason, "没有“处理状态”列") {
		t.Errorf("problems %+v, want one: no state column", src.Problems)
	}
	keys := make([]string, len(in.Findings))
	ids := make([]string, len(in.Findings))
	for i, f := range in.Findings {
		keys[i], ids[i] = testKey(i), f.AnomalyID
	}
	l := NewLedger("2025-03-09", keys, ids)
	for _, rv := range in.Reviews {
		l.AddPrevious(Record{Key: rv.Key, Disposition: rv.Disposition, FirstSeen: "2025-03-01"})
	}
	l.AddSource(src)
	if got := l.Review(4).Comment; got != "核实中" {
		t.Errorf("finding 4 matched by anomaly id: comment %q", got)
	}
	if got := l.Review(0).Status; got != StateConfirmed {
		t.Errorf("finding 0: state %q, want 属实 kept (the sheet has no state column)", got)
	}
}

// TestNotAWorkbook: files that are no review input are one Problem each, never an error.
func TestNotAWorkbook(t *testing.T) {
	dir := t.TempDir()
	var docx bytes.Buffer
	zw := zip.NewWriter(&docx)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()
	files := map[string][]byte{
		"report.docx": docx.Bytes(),
		"scan.pdf":    []byte("%PDF-1.4\n\x00\x01\x02 binary"),
		"old.xls":     append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...),
		"notes.txt":   []byte("这是一份说明，不是问题清单。\n第二行"),
		"empty.csv":   nil,
		"cut.xlsx":    []byte("PK\x03\x04\x14\x00truncated"),
		"xml2003.xls": []byte(`<?xml version="1.0"?>` + "\n" + `<?mso-application progid="Excel.Sheet"?>` + "\n<Workbook>核实编号</Workbook>"),
		"page.xls":    []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n核实编号,处理状态"),
	}
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		src := ReadSource(p)
		if len(src.Edits) != 0 || len(src.Problems) != 1 || src.Problems[0].Reason == "" || src.Problems[0].Source != p {
			t.Errorf("%s: %d edits, problems %+v; want one problem", name, len(src.Edits), src.Problems)
		}
	}
	src := ReadSource(filepath.Join(dir, "missing.xlsx"))
	if len(src.Problems) != 1 || !strings.Contains(src.Problems[0].Reason, "无法打开") {
		t.Errorf("a missing file: %+v", src.Problems)
	}
}

// TestReadCSV reads the page's export and sheets saved as CSV by Excel in UTF-8 with a BOM,
// GB18030, and UTF-16 tab-separated text.
func TestReadCSV(t *testing.T) {
	text := "核实编号,问题编号,处理状态（请从下拉列表选择）,核实意见,核实人,核实日期,规则名称,规则,问题说明\r\n" +
		testKey(0) + ",a000000000000001,误报,\"口径不同，含\"\"转拨\"\"\",李,2025/3/5,年度间大幅变动,yoy.swing,项目支出增长\r\n" +
		testKey(1) + ",,已 整改,,李,2025年3月6日,,,\r\n" +
		",,属实,没有编号的一行,,,,,\r\n"
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	tsv := strings.ReplaceAll(strings.ReplaceAll(text, ",\"口径不同，含\"\"转拨\"\"\"", "\t口径不同，含\"转拨\""), ",", "\t")
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(tsv)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, b := range map[string]string{"page.csv": "\ufeff" + text, "gbk.csv": gbk, "unicode.txt": utf16} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
		src := ReadSource(p)
		got := editsByKey(src)
		if e := got[testKey(0)]; e.Status != StateFalseAlarm || e.Comment != `口径不同，含"转拨"` || e.Date != "2025-03-05" ||
			e.AnomalyID != "a000000000000001" || e.Listed || e.Finding.Rule != "yoy.swing" {
			t.Errorf("%s: row 2 = %+v", name, e)
		}
		if e := got[testKey(1)]; e.Status != StateCorrected || e.Date != "2025-03-06" {
			t.Errorf("%s: row 3 = %+v", name, e)
		}
		if len(src.Problems) != 1 || src.Problems[0].Comment != "没有编号的一行" || !strings.Contains(src.Problems[0].Where, "第4行") {
			t.Errorf("%s: problems %+v, want the row without a key", name, src.Problems)
		}
	}
}

// FuzzReadSource: whatever the bytes of a review file, ReadSource returns edits or problems,
// never panics, and a file it cannot use is a problem. Seeded from the workbooks of
// testdata/readback and CSVs as the page and Excel write them.
func FuzzReadSource(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "readback", "*.xlsx"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("\ufeff核实编号,问题编号,处理状态,核实意见,核实人,核实日期\r\n" + testKey(1) + ",a1,误报,\"x,\"\"y\"\"\",李,2025/3/5\r\n"))
	f.Add([]byte("核实编号\t处理状态\n" + testKey(2) + "\t属是\n"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0})
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "review")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		src := ReadSource(p)
		for _, e := range src.Edits {
			if e.Key == "" && e.AnomalyID == "" {
				t.Errorf("an edit without key or id: %+v", e)
			}
			if e.BadStatus == "" {
				if _, ok := ParseState(e.Status); !ok {
					t.Errorf("an edit with state %q and no bad state", e.Status)
				}
			}
		}
		for _, pr := range src.Problems {
			if pr.Reason == "" || pr.Source != p {
				t.Errorf("a problem without reason or source: %+v", pr)
			}
		}
	})
}
