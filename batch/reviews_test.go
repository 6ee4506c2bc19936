package batch_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/batch"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/review"
	"github.com/jixiao/jixiao/tables"
)

// reviewOut, when set, receives the output folder of TestReviewSurvivesResubmission's
// second run (the README's screenshots of the page are of it).
var reviewOut = flag.String("review-out", "", "copy the output of TestReviewSurvivesResubmission's second run into this folder")

// selfReport is a short 部门整体支出绩效自评报告 of a made-up county unit: its staff, its
// income and spending (万元), and its “三公” costs with their three parts.
func selfReport(unit string, authorized, staff int, income, fiscal, other, total, basic, project, tp, reception, vehicle string) string {
	return fmt.Sprintf(`示例县%s
2024年部门整体支出绩效自评报告

一、部门概况
我单位编制人数为%d人，实际在职%d人。
二、部门整体支出情况
2024年度收入%s万元，其中：县财政预算安排%s万元，其他收入%s万元。2024年部门整体支出%s万元，其中：基本支出%s万元，项目支出%s万元。
三、“三公”经费情况
2024年“三公”经费支出%s万元。其中：
1．因公出国（境）费用0万元；
2．公务接待费%s万元；
3．公务用车购置及运行费%s万元。
四、存在的问题
工作台账不够规范。
`, unit, authorized, staff, income, fiscal, other, total, basic, project, tp, reception, vehicle)
}

var (
	// 档案馆: spending 320 is not basic 200 + project 100, and above income 300.
	archives = selfReport("档案馆", 12, 10, "300.00", "290.00", "10.00", "320.00", "200.00", "100.00", "2.00", "0.50", "1.50")
	// its corrected resubmission: spending 300; but now its “三公” total 2.50 ≠ 0.50 + 1.50.
	archivesFixed = selfReport("档案馆", 12, 10, "300.00", "290.00", "10.00", "300.00", "200.00", "100.00", "2.50", "0.50", "1.50")
	// 气象局: spending above income, no carry-over.
	weather = selfReport("气象局", 20, 18, "500.00", "480.00", "20.00", "540.00", "340.00", "200.00", "3.00", "1.00", "2.00")
	// 图书馆: 17 in service for 15 posts.
	library = selfReport("图书馆", 15, 17, "260.00", "255.00", "5.00", "250.00", "150.00", "100.00", "1.00", "0.40", "0.60")
	// 文化馆, new in the second batch: spending above income.
	culture = selfReport("文化馆", 10, 9, "180.00", "175.00", "5.00", "190.00", "120.00", "70.00", "0.80", "0.30", "0.50")
)

// reviewRun runs jixiao over in into out, as `jixiao run` does, on the given date.
func reviewRun(t *testing.T, ex *extract.Extractor, in, out, date string, files ...string) {
	t.Helper()
	_, err := batch.Run(context.Background(), batch.Config{
		Inputs: []string{in}, Out: out, Jobs: 2, Extractor: ex, Analyze: batch.Rules(analyze.Config{}), Views: true,
		Reviews: batch.Reviews{Date: date, Files: files},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sheet is one sheet of a workbook: its header and its rows by the value of a key column.
type sheet struct {
	header []string
	rows   [][]string
}

func readSheet(t *testing.T, path, name string) sheet {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: empty", name)
	}
	return sheet{header: rows[0], rows: rows[1:]}
}

// get is the cell of column name in row r.
func (s sheet) get(t *testing.T, r []string, name string) string {
	t.Helper()
	j := slices.Index(s.header, name)
	if j < 0 {
		t.Fatalf("no column %s in %q", name, s.header)
	}
	if j >= len(r) {
		return ""
	}
	return r[j]
}

// find is the row whose department and rule are dept and rule.
func (s sheet) find(t *testing.T, dept, rule string) []string {
	t.Helper()
	for _, r := range s.rows {
		if strings.Contains(s.get(t, r, "部门"), dept) && s.get(t, r, "规则") == rule {
			return r
		}
	}
	return nil
}

// TestReviewSurvivesResubmission is the analysts' cycle: a run; the analyst's dispositions
// typed into anomalies.xlsx (saved by a spreadsheet program, here excelize); one department
// resubmits a corrected report under a new file name, another department's report joins the
// batch; a second run into the same folder. The corrected findings are 已消除 with their
// dispositions, the untouched ones keep theirs, the new ones say 新增, in the workbook, the
// reviews table and the page.
func TestReviewSurvivesResubmission(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := writeFiles(t, map[string]string{"档案馆2024.txt": archives, "气象局2024.txt": weather, "图书馆2024.txt": library})
	out := filepath.Join(t.TempDir(), "out")
	reviewRun(t, ex, in, out, "2025-03-01")
	book := filepath.Join(out, batch.XLSXFile)
	first := readSheet(t, book, review.SheetFindings)
	if len(first.rows) != 4 {
		t.Fatalf("first run: %d findings, want 4 (档案馆 sum.expenditure and balance.deficit, 气象局 balance.deficit, 图书馆 staff.over_authorized)", len(first.rows))
	}
	for _, r := range first.rows {
		if first.get(t, r, review.HeaderChange) != "" {
			t.Errorf("first run: %q is marked %q; nothing is new without a previous list", first.get(t, r, "问题说明"), first.get(t, r, review.HeaderChange))
		}
	}

	// The analyst's work, in the workbook.
	type disposition struct{ status, comment, reviewer, date string }
	decided := map[[2]string]disposition{
		{"档案馆", "sum.expenditure"}:       {review.StateReturned, "支出合计与明细不符，已退回档案馆修改", "王敏", "2025-03-03"},
		{"档案馆", "balance.deficit"}:       {review.StateReturned, "随支出合计一并退回", "王敏", "2025-03-03"},
		{"气象局", "balance.deficit"}:       {review.StateConfirmed, "气象局确认超支，由上年结余弥补", "李强", "2025-03-04"},
		{"图书馆", "staff.over_authorized"}: {review.StateFalseAlarm, "编制数未含两名聘用人员", "李强", "2025-03-04"},
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	for k, d := range decided {
		r := first.find(t, k[0], k[1])
		if r == nil {
			t.Fatalf("first run: no finding %s %s", k[0], k[1])
		}
		row := slices.IndexFunc(first.rows, func(x []string) bool { return slices.Equal(x, r) }) + 2
		for col, v := range map[string]string{review.HeaderStatus: d.status, review.HeaderComment: d.comment,
			review.HeaderReviewer: d.reviewer, review.HeaderDate: d.date} {
			cell, _ := excelize.CoordinatesToCellName(slices.Index(first.header, col)+1, row)
			if err := f.SetCellStr(review.SheetFindings, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// 档案馆 resubmits, corrected, under another name; 文化馆's report arrives.
	if err := os.Remove(filepath.Join(in, "档案馆2024.txt")); err != nil {
		t.Fatal(err)
	}
	writeInto(t, in, map[string]string{"档案馆2024（修改稿）.txt": archivesFixed, "文化馆2024.txt": culture})
	reviewRun(t, ex, in, out, "2025-03-10")
	if *reviewOut != "" {
		if err := os.CopyFS(*reviewOut, os.DirFS(out)); err != nil {
			t.Fatal(err)
		}
	}

	second := readSheet(t, book, review.SheetFindings)
	for _, k := range [][2]string{{"气象局", "balance.deficit"}, {"图书馆", "staff.over_authorized"}} {
		r, d := second.find(t, k[0], k[1]), decided[k]
		if r == nil {
			t.Fatalf("second run: %s %s is gone", k[0], k[1])
		}
		got := disposition{second.get(t, r, review.HeaderStatus), second.get(t, r, review.HeaderComment),
			second.get(t, r, review.HeaderReviewer), second.get(t, r, review.HeaderDate)}
		if got != d {
			t.Errorf("second run, %s %s: %+v, want the analyst's %+v", k[0], k[1], got, d)
		}
		if c := second.get(t, r, review.HeaderChange); c != "" {
			t.Errorf("second run, %s %s marked %q", k[0], k[1], c)
		}
	}
	for _, k := range [][2]string{{"档案馆", "sum.three_public"}, {"文化馆", "balance.deficit"}} {
		r := second.find(t, k[0], k[1])
		if r == nil {
			t.Fatalf("second run: no finding %s %s", k[0], k[1])
		}
		if c, st := second.get(t, r, review.HeaderChange), second.get(t, r, review.HeaderStatus); c != review.MarkNew || st != "" {
			t.Errorf("second run, %s %s: change %q, state %q; want 新增, not reviewed", k[0], k[1], c, st)
		}
	}
	if second.find(t, "档案馆", "sum.expenditure") != nil || second.find(t, "档案馆", "balance.deficit") != nil {
		t.Error("second run: the corrected findings are still listed")
	}
	if len(second.rows) != 4 {
		t.Errorf("second run: %d findings, want 4", len(second.rows))
	}
	cleared := readSheet(t, book, review.SheetCleared)
	if len(cleared.rows) != 2 {
		t.Fatalf("已消除: %d rows, want the two corrected findings", len(cleared.rows))
	}
	for _, k := range [][2]string{{"档案馆", "sum.expenditure"}, {"档案馆", "balance.deficit"}} {
		r, d := cleared.find(t, k[0], k[1]), decided[k]
		if r == nil {
			t.Fatalf("已消除 lacks %s %s", k[0], k[1])
		}
		got := disposition{cleared.get(t, r, review.HeaderStatus), cleared.get(t, r, review.HeaderComment),
			cleared.get(t, r, review.HeaderReviewer), cleared.get(t, r, review.HeaderDate)}
		if got != d || cleared.get(t, r, review.HeaderChange) != review.MarkCleared || cleared.get(t, r, "最后出现") != "2025-03-01" {
			t.Errorf("已消除 %s %s: %+v, change %q, last seen %q; want %+v, 已消除, 2025-03-01", k[0], k[1], got,
				cleared.get(t, r, review.HeaderChange), cleared.get(t, r, "最后出现"), d)
		}
	}

	// The reviews table.
	rows, err := tables.ReadReviews(filepath.Join(out, tables.ReviewsFile))
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string]tables.ReviewRow{}
	for _, r := range rows {
		byRule[r.Department+" "+r.Rule] = r
	}
	if len(rows) != 6 {
		t.Errorf("reviews: %d rows, want 4 listed and 2 cleared", len(rows))
	}
	if r := byRule["示例县档案馆 sum.expenditure"]; !r.Cleared || r.Status != review.StateReturned || r.LastSeen != "2025-03-01" {
		t.Errorf("reviews, the corrected finding: %+v", r)
	}
	if r := byRule["示例县气象局 balance.deficit"]; r.Cleared || r.Status != review.StateConfirmed || r.FirstSeen != "2025-03-01" || r.LastSeen != "2025-03-10" {
		t.Errorf("reviews, the untouched finding: %+v", r)
	}
	if r := byRule["示例县文化馆 balance.deficit"]; r.Cleared || r.Status != "" || r.FirstSeen != "2025-03-10" {
		t.Errorf("reviews, the new finding: %+v", r)
	}
	keys := map[string]bool{}
	anomalies, err := tables.ReadAnomalies(filepath.Join(out, tables.AnomaliesFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range anomalies {
		keys[a.ReviewKey] = true
	}
	for _, r := range rows {
		if keys[r.ReviewKey] == r.Cleared {
			t.Errorf("reviews: %s (cleared %v) and anomalies' review keys disagree", r.ReviewKey, r.Cleared)
		}
	}

	// The page.
	p := parseViewPage(t, filepath.Join(out, batch.HTMLFile))
	checkSelfContained(t, p)
	sec := p.byID["cleared"]
	if sec == nil {
		t.Fatal("the page has no 已消除 section")
	}
	text := textOf(sec)
	for _, want := range []string{"支出合计与明细不符，已退回档案馆修改", "随支出合计一并退回", review.StateReturned, "sum.expenditure"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page's 已消除 section lacks %q", want)
		}
	}
	findings := textOf(p.byID["findings"])
	for _, want := range []string{"气象局确认超支，由上年结余弥补", "编制数未含两名聘用人员", review.StateConfirmed, review.StateFalseAlarm} {
		if !strings.Contains(findings, want) {
			t.Errorf("the page's findings lack %q", want)
		}
	}
	news := 0
	for _, tr := range elements(p.byID["findings"], "tr", "") {
		if attr(tr, "data-change") == "new" {
			news++
			if s := textOf(tr); !strings.Contains(s, "新增") || !(strings.Contains(s, "“三公”经费") || strings.Contains(s, "190.00万元")) {
				t.Errorf("a new finding on the page: %s", s)
			}
		}
	}
	if news != 2 {
		t.Errorf("%d findings marked new on the page, want 2", news)
	}
}

// TestBadReviewFileDoesNotStopTheRun: a --review file that is no workbook, and one whose
// rows match nothing, are listed in the views; the run succeeds and the dispositions of
// the workbook in the output folder are carried over.
func TestBadReviewFileDoesNotStopTheRun(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := writeFiles(t, map[string]string{"气象局2024.txt": weather})
	out := filepath.Join(t.TempDir(), "out")
	reviewRun(t, ex, in, out, "2025-03-01")
	book := filepath.Join(out, batch.XLSXFile)
	s := readSheet(t, book, review.SheetFindings)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	cell, _ := excelize.CoordinatesToCellName(slices.Index(s.header, review.HeaderStatus)+1, 2)
	if err := f.SetCellStr(review.SheetFindings, cell, review.StateConfirmed); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dir := t.TempDir()
	notBook := filepath.Join(dir, "报告.docx")
	stray := filepath.Join(dir, "标记.csv")
	writeInto(t, dir, map[string]string{"报告.docx": "PK\x03\x04 not really", "标记.csv": "核实编号,处理状态,核实意见\r\n0000000000000000,误报,抄错的编号\r\n"})
	reviewRun(t, ex, in, out, "2025-03-02", notBook, stray)
	s = readSheet(t, book, review.SheetFindings)
	if got := s.get(t, s.rows[0], review.HeaderStatus); got != review.StateConfirmed {
		t.Errorf("the workbook's disposition: %q, want 属实 kept", got)
	}
	probs := readSheet(t, book, review.SheetProblems)
	if len(probs.rows) != 2 {
		t.Fatalf("未能对应的核实意见: %q, want two rows", probs.rows)
	}
	all := fmt.Sprint(probs.rows)
	for _, want := range []string{"不是可读取的 .xlsx 工作簿", "抄错的编号", "不在本次问题清单中", "0000000000000000"} {
		if !strings.Contains(all, want) {
			t.Errorf("未能对应的核实意见 lacks %q: %s", want, all)
		}
	}
	p := parseViewPage(t, filepath.Join(out, batch.HTMLFile))
	if sec := p.byID["problems"]; sec == nil || !strings.Contains(textOf(sec), "抄错的编号") {
		t.Error("the page does not list the review input that could not be used")
	}
	// a third run: the unmatched row is still listed (read back from its sheet), nothing else
	reviewRun(t, ex, in, out, "2025-03-03")
	probs = readSheet(t, book, review.SheetProblems)
	if len(probs.rows) != 1 || !strings.Contains(fmt.Sprint(probs.rows), "抄错的编号") {
		t.Errorf("third run: 未能对应的核实意见 = %q, want the unmatched row kept", probs.rows)
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeInto(t, dir, files)
	return dir
}

func writeInto(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUnchangedWorkbookNotRead: a re-run over a workbook no one saved since it was written
// takes the dispositions from the reviews table alone (a 50,000-row workbook takes seconds
// to read); once saved, the workbook is read.
func TestUnchangedWorkbookNotRead(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := writeFiles(t, map[string]string{"气象局2024.txt": weather, "图书馆2024.txt": library})
	out := filepath.Join(t.TempDir(), "out")
	run := func() string {
		var log bytes.Buffer
		_, err := batch.Run(context.Background(), batch.Config{
			Inputs: []string{in}, Out: out, Jobs: 2, Extractor: ex, Analyze: batch.Rules(analyze.Config{}), Views: true,
			Logger: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug})),
		})
		if err != nil {
			t.Fatal(err)
		}
		return log.String()
	}
	run()
	if log := run(); !strings.Contains(log, "unchanged since written") {
		t.Errorf("second run read the unchanged workbook:\n%s", log)
	}
	book := filepath.Join(out, batch.XLSXFile)
	s := readSheet(t, book, review.SheetFindings)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	cell, _ := excelize.CoordinatesToCellName(slices.Index(s.header, review.HeaderStatus)+1, 2)
	if err := f.SetCellStr(review.SheetFindings, cell, review.StateConfirmed); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if log := run(); strings.Contains(log, "unchanged since written") || !strings.Contains(log, "carried=1") {
		t.Errorf("third run, over the saved workbook:\n%s", log)
	}
	if log := run(); !strings.Contains(log, "unchanged since written") || !strings.Contains(log, "carried=1") {
		t.Errorf("fourth run, the disposition from the reviews table alone:\n%s", log)
	}
}
