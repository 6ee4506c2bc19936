package review

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.html")

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func decp(s string) *decimal.Decimal {
	d := dec(s)
	return &d
}

func values(kv ...string) map[string]decimal.Decimal {
	m := map[string]decimal.Decimal{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = dec(kv[i+1])
	}
	return m
}

const xss = `<script>alert(1)</script>`

// sampleInput is a small run: two years of one department, a clean report, a partial and a
// failed file, findings of every severity (one about no report at all), a few checks.
func sampleInput() Input {
	reports := []Report{
		{ReportID: "kx2024", Path: "2024/隆回县科学技术协会2024年部门整体支出绩效自评报告.docx", Format: "docx", Status: StatusOK,
			Department: "隆回县科学技术协会", Region: "隆回县", Year: 2024,
			Values: values("income.total", "2293700", "expenditure.total", "2293700", "expenditure.basic", "1055700",
				"expenditure.project", "1138000", "three_public.total", "212700")},
		{ReportID: "kx2023", Path: "2023/县科协2023年自评报告.txt", Format: "txt", Status: StatusOK,
			Department: "县科协", Region: "隆回县", Year: 2023,
			Values: values("income.total", "1800000", "expenditure.total", "1750000", "expenditure.basic", "1000000",
				"expenditure.project", "750000", "three_public.total", "15000")},
		{ReportID: "fl2024", Path: "2024/隆回县妇女联合会.docx", Format: "docx", Status: StatusOK,
			Department: "隆回县妇女联合会", Region: "隆回县", Year: 2024,
			Values: values("income.total", "850000", "expenditure.total", "905000", "expenditure.basic", "600000",
				"expenditure.project", "305000", "three_public.total", "12000")},
		{ReportID: "rs2024", Path: "2024/隆回县人力资源和社会保障局.docx", Format: "docx", Status: StatusOK,
			Department: "隆回县人力资源和社会保障局", Region: "隆回县", Year: 2024,
			Values: values("income.total", "5120000", "expenditure.total", "5080000", "expenditure.basic", "3900000",
				"expenditure.project", "1180000", "three_public.total", "48000", "staff.in_service", "41")},
		{ReportID: "lkx2024", Path: "2024/老科协.md", Format: "md", Status: StatusPartial, Error: "未找到支出合计、基本支出、项目支出",
			Department: "隆回县老科学技术工作者协会", Region: "隆回县", Year: 2024, Values: values("income.total", "200000")},
		{ReportID: "bad0001", Path: "2024/损坏/财政局" + xss + ".docx", Format: "docx", Status: StatusFailed,
			Error: "文件已加密，无法读取（" + xss + "）"},
	}
	findings := []analyze.Finding{
		{AnomalyID: "a000000000000001", Rule: "yoy.swing", Severity: analyze.SeverityInfo, ReportID: "kx2024", Path: reports[0].Path,
			Related: []string{"kx2023"}, Metrics: []string{"expenditure.project"}, Expected: decp("750000"), Actual: decp("1138000"),
			Message: "项目支出由75.00万元增至113.80万元，增长51.73%。", Evidence: "项目支出113.80万元 / 项目支出75.00万元"},
		{AnomalyID: "a000000000000002", Rule: "sum.expenditure", Severity: analyze.SeverityError, ReportID: "kx2024", Path: reports[0].Path,
			Metrics: []string{"expenditure.total", "expenditure.basic", "expenditure.project"}, Expected: decp("2193700"), Actual: decp("2293700"),
			Message:  "支出合计229.37万元与基本支出105.57万元、项目支出113.80万元之和219.37万元不符，相差10.00万元。",
			Evidence: "2024年度支出合计229.37万元，其中基本支出105.57万元，项目支出113.80万元。"},
		{AnomalyID: "a000000000000003", Rule: "balance.deficit", Severity: analyze.SeverityWarning, ReportID: "fl2024", Path: reports[2].Path,
			Metrics: []string{"expenditure.total", "income.total", "income.carryover"}, Expected: decp("850000"), Actual: decp("905000"),
			Message:  "支出合计90.50万元超过收入合计85.00万元与上年结转之和，超支5.50万元。",
			Evidence: "本年收入85万元，支出214.78万元" + xss + "，支出合计90.5万元"},
		{AnomalyID: "a000000000000004", Rule: "text.duplicate", Severity: analyze.SeverityInfo, ReportID: "fl2024", Path: reports[2].Path,
			Related: []string{"kx2024"}, Expected: decp("0.8"), Actual: decp("0.9412"),
			Message: "“存在的问题”一节与隆回县科学技术协会的报告高度雷同（相似度0.94）。", Evidence: "预算编制不够科学，年度预算执行偏差较大。"},
		{AnomalyID: "a000000000000005", Rule: "percent.mismatch", Severity: analyze.SeverityError, ReportID: "fl2024", Path: reports[2].Path,
			Metrics: []string{"expenditure.project", "expenditure.total"}, Expected: decp("33.7017"), Actual: decp("40"),
			Message: "称项目支出占支出合计40%，按所列数字计算为33.70%。", Evidence: "项目支出30.5万元，占总支出的40%。"},
		{AnomalyID: "a000000000000006", Rule: "peer.outlier", Severity: analyze.SeverityWarning, ReportID: "kx2024", Path: reports[0].Path,
			Related: []string{"fl2024", "rs2024"}, Metrics: []string{"three_public.total", "expenditure.total"}, Expected: decp("0.0133"), Actual: decp("0.0927"),
			Message: "“三公”经费占支出合计的比例为9.27%，同地区同年度3个部门的中位数为1.33%。", Evidence: "“三公”经费21.27万元"},
		{AnomalyID: "a000000000000007", Rule: "staff.over_authorized", Severity: analyze.SeverityWarning, ReportID: "rs2024", Path: reports[3].Path,
			Metrics: []string{"staff.in_service", "staff.authorized"}, Expected: decp("38"), Actual: decp("41"),
			Message: "在职人员41人，超过编制38人。", Evidence: "编制人数38人，在职人员41人。"},
		{AnomalyID: "a000000000000008", Rule: "submission.missing", Severity: analyze.SeverityWarning,
			Message: "名单上的隆回县财政局未提交2024年报告。"},
		{AnomalyID: "a000000000000009", Rule: "missing.disclosure", Severity: analyze.SeverityWarning, ReportID: "lkx2024", Path: reports[4].Path,
			Metrics: []string{"expenditure.total"}, Message: "报告未说明支出合计。"},
	}
	var checks []analyze.Check
	for _, r := range reports {
		for _, rule := range []string{"sum.expenditure", "balance.deficit", "peer.outlier"} {
			c := analyze.Check{ReportID: r.ReportID, Path: r.Path, Rule: rule, Outcome: analyze.OutcomePassed}
			switch {
			case r.Status == StatusFailed:
				c.Outcome, c.Detail = analyze.OutcomeInsufficient, "report could not be read (status failed)"
			case r.ReportID == "kx2024" && rule == "sum.expenditure":
				c.Outcome, c.Detail = analyze.OutcomeFlagged, "a000000000000002"
			case r.ReportID == "lkx2024":
				c.Outcome, c.Detail = analyze.OutcomeNotApplicable, "no figure stated"
			}
			checks = append(checks, c)
		}
	}
	return Input{Reports: reports, Findings: findings, Checks: checks}
}

// evalInput is sampleInput with a self-evaluation table in the 人社局's report: a finding on
// a row, one on a funds row, one on the table.
func evalInput() Input {
	in := sampleInput()
	reports, findings := in.Reports, in.Findings
	// a self-evaluation table with a finding on a row, one on a funds row, one on the table
	yes, no := true, false
	reports[3].Evaluations = []extract.Evaluation{{No: 1, Table: "就业见习补贴" + xss, Scope: extract.ScopeProject,
		TotalWeight: decp("100"), TotalScore: decp("97"), Grade: "优", Location: "t3",
		Funds: []extract.FundsRow{{Source: extract.SourceTotal, Label: "年度资金总额", Adjusted: decp("600000"), Executed: decp("552000"),
			Rate: decp("96"), Weight: decp("10"), Score: decp("10"), Raw: "年度资金总额 | 60 | 55.2 | 10 | 96% | 10", Location: "t3r4"}},
		Indicators: []extract.Indicator{
			{Level1: "产出指标", Level2: "数量指标", Name: "见习人数" + xss, Target: "≥120人", Actual: "131人", Weight: decp("40"), Score: decp("40"),
				Met: &yes, Raw: "见习人数 | ≥120人 | 131人 | 40 | 40", Location: "t3r9"},
			{Level1: "产出指标", Level2: "质量指标", Name: "见习留用率", Target: "≥30%", Actual: "26%", Weight: decp("20"), Score: decp("22"),
				Met: &no, Raw: "见习留用率 | ≥30% | 26% | 20 | 22", Location: "t3r10"},
			{Level1: "满意度指标", Level2: "服务对象满意度指标", Name: "见习人员满意度", Target: "≥90%", Actual: "93%", Weight: decp("30"), Score: decp("29"),
				Met: &yes, Raw: "见习人员满意度 | ≥90% | 93% | 30 | 29", Location: "t3r11"},
		}}}
	table := "“就业见习补贴" + xss + "”自评表"
	findings = append(findings,
		analyze.Finding{AnomalyID: "a000000000000010", Rule: "score.over_weight", Severity: analyze.SeverityError, ReportID: "rs2024", Path: reports[3].Path,
			Metrics: []string{"score.self_evaluation"}, Expected: decp("20"), Actual: decp("22"),
			Message: table + "指标“见习留用率”得分22分，超过其分值20分。", Evidence: "见习留用率 | ≥30% | 26% | 20 | 22"},
		analyze.Finding{AnomalyID: "a000000000000011", Rule: "score.sum", Severity: analyze.SeverityError, ReportID: "rs2024", Path: reports[3].Path,
			Metrics: []string{"score.self_evaluation"}, Expected: decp("101"), Actual: decp("97"),
			Message: table + "4项指标得分（含预算执行）合计101分，与表中总分97分不符，相差4分。", Evidence: "总分 | 100 | 97 / 见习人数 | ≥120人 | 131人 | 40 | 40"},
		analyze.Finding{AnomalyID: "a000000000000012", Rule: "percent.mismatch", Severity: analyze.SeverityError, ReportID: "rs2024", Path: reports[3].Path,
			Metrics: []string{"rate.budget_execution"}, Expected: decp("92"), Actual: decp("96"),
			Message: table + "资金情况“年度资金总额”行：执行数55.20万元为预算数60.00万元的92.00%，表中执行率填96%。", Evidence: "年度资金总额 | 60 | 55.2 | 10 | 96% | 10"},
	)
	in.Reports, in.Findings = reports, findings
	return in
}

// shuffled is in with every list reversed: the views must not depend on input order.
func shuffled(in Input) Input {
	out := Input{Generated: in.Generated}
	for i := len(in.Reports) - 1; i >= 0; i-- {
		out.Reports = append(out.Reports, in.Reports[i])
	}
	for i := len(in.Findings) - 1; i >= 0; i-- {
		out.Findings = append(out.Findings, in.Findings[i])
	}
	for i := len(in.Checks) - 1; i >= 0; i-- {
		out.Checks = append(out.Checks, in.Checks[i])
	}
	for i := len(in.Reviews) - 1; i >= 0; i-- {
		out.Reviews = append(out.Reviews, in.Reviews[i])
	}
	out.Compared, out.Cleared, out.Problems, out.ReviewStats = in.Compared, in.Cleared, in.Problems, in.ReviewStats
	return out
}

func TestWriteXLSX(t *testing.T) {
	in := sampleInput()
	dir := t.TempDir()
	path := filepath.Join(dir, "anomalies.xlsx")
	if err := WriteXLSX(path, in); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := strings.Join(f.GetSheetList(), ","), "问题清单,报告汇总,检查情况"; got != want {
		t.Fatalf("sheets = %s, want %s", got, want)
	}
	rows, err := f.GetRows(SheetFindings)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := "序号,严重程度,部门,年度,规则,规则名称,问题说明,处理状态,核实意见,核实人,核实日期,变化," +
		"预期值(万元),实际值(万元),差额(万元),涉及指标,相关报告,证据原文,文件路径,问题编号,核实编号"
	if got := strings.Join(rows[0], ","); got != wantHeader {
		t.Errorf("header = %s\nwant     %s", got, wantHeader)
	}
	if len(rows) != len(in.Findings)+1 {
		t.Fatalf("%d rows, want %d findings + header", len(rows), len(in.Findings))
	}
	// sorted by severity, then department, path, rule
	rank := map[string]int{"错误": 0, "警告": 1, "提示": 2}
	for i := 2; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		if rank[a[1]] > rank[b[1]] || rank[a[1]] == rank[b[1]] && a[2] > b[2] {
			t.Errorf("row %d (%s %s) sorts before row %d (%s %s)", i, a[1], a[2], i+1, b[1], b[2])
		}
	}
	if got := rows[1][19] + " " + rows[2][19]; got != "a000000000000005 a000000000000002" {
		t.Errorf("first findings = %s, want the two errors, 妇女联合会 before 科学技术协会 (byte order, as analyze sorts)", got)
	}
	var row int
	for i, r := range rows {
		if r[19] == "a000000000000002" {
			row = i + 1
		}
	}
	for cell, want := range map[string]string{"M": "219.37", "N": "229.37", "O": "10.00", "C": "隆回县科学技术协会", "F": "支出合计与基本、项目支出不符"} {
		if got, _ := f.GetCellValue(SheetFindings, cell+itoa(row)); got != want {
			t.Errorf("%s%d = %q, want %q", cell, row, got, want)
		}
	}
	if got, _ := f.GetCellValue(SheetFindings, "M"+itoa(row), excelize.Options{RawCellValue: true}); got != "219.37" {
		t.Errorf("raw M%d = %q, want the number 219.37", row, got)
	}
	if typ, _ := f.GetCellType(SheetFindings, "M"+itoa(row)); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("M%d has type %v, want a number", row, typ)
	}
	// non-money values keep their unit through the number format
	for id, want := range map[string]string{"a000000000000005": "40.00% +6.30个百分点", "a000000000000007": "41人 +3人",
		"a000000000000006": "9.27% +7.94个百分点"} {
		for i, r := range rows {
			if r[19] == id {
				act, _ := f.GetCellValue(SheetFindings, "N"+itoa(i+1))
				dif, _ := f.GetCellValue(SheetFindings, "O"+itoa(i+1))
				if got := act + " +" + dif; got != want {
					t.Errorf("%s actual, difference = %q, want %q", id, got, want)
				}
			}
		}
	}
	for _, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v, %v: want the header row frozen", sheet, panes, err)
		}
	}
	filters := 0
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters++
		}
	}
	if filters != 3 {
		t.Errorf("%d autofilters, want one per sheet", filters)
	}
	if xml := zipEntry(t, path, "xl/worksheets/sheet1.xml"); !strings.Contains(xml, `<autoFilter ref="$A$1:$U$10"`) {
		t.Errorf("sheet1 has no autofilter on A1:U10: %s", xml)
	}
	// 报告汇总: one row per report; 检查情况: one row per check
	reps, _ := f.GetRows(SheetReports)
	if len(reps) != len(in.Reports)+1 || reps[0][0] != "部门" {
		t.Errorf("报告汇总 has %d rows, header %v", len(reps), reps[0])
	}
	checks, _ := f.GetRows(SheetChecks)
	if len(checks) != len(in.Checks)+1 {
		t.Errorf("检查情况 has %d rows, want %d", len(checks), len(in.Checks)+1)
	}
	outcomes := map[string]bool{}
	for _, r := range checks[1:] {
		outcomes[r[5]] = true
	}
	for _, o := range []string{"发现问题", "通过", "不适用", "信息不足"} {
		if !outcomes[o] {
			t.Errorf("检查情况 lacks outcome %s", o)
		}
	}
}

func TestWriteXLSXDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	if err := WriteXLSX(a, sampleInput()); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(b, shuffled(sampleInput())); err != nil {
		t.Fatal(err)
	}
	ba, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ba, bb) {
		t.Fatal("two writes of the same input differ")
	}
	if core := zipEntry(t, a, "docProps/core.xml"); !strings.Contains(core, fixedTime) {
		t.Errorf("core.xml has no fixed time: %s", core)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteHTML(t *testing.T) {
	in := sampleInput()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := WriteHTML(path, in); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, f := range in.Findings {
		if n := strings.Count(page, f.AnomalyID); n != 1 {
			t.Errorf("anomaly %s appears %d times, want once", f.AnomalyID, n)
		}
	}
	for _, bad := range []string{"http://", "https://", "//cdn", "<script src", "<link href", "<link", "@import", "url("} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if strings.Contains(page, xss) {
		t.Error("untrusted <script> came out unescaped")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("untrusted <script> is not in the page, escaped")
	}
	if !strings.Contains(page, "<mark>214.78万元</mark>") || !strings.Contains(page, "<mark>105.57万元</mark>") {
		t.Error("evidence numbers not highlighted")
	}
	if strings.Contains(page, "<mark>2024") {
		t.Error("a year was highlighted as an amount")
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var unread, charts string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			counts[n.Data]++
			for _, a := range n.Attr {
				if (a.Key == "src" || a.Key == "href") && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("<%s %s=%q> refers outside the page", n.Data, a.Key, a.Val)
				}
				if a.Key == "id" && a.Val == "unread" {
					unread = textOf(n)
				}
				if a.Key == "id" && a.Val == "charts" {
					charts = textOf(n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if counts["script"] != 1 || counts["style"] != 1 {
		t.Errorf("%d <script>, %d <style>: want one inline each", counts["script"], counts["style"])
	}
	if counts["svg"] != 4 { // the score chart has no point in the sample: a note, no SVG
		t.Errorf("%d charts, want 4", counts["svg"])
	}
	if counts["section"] < 1+4 {
		t.Errorf("%d sections", counts["section"])
	}
	for _, r := range in.Reports {
		if r.Status == StatusFailed && (!strings.Contains(unread, r.Path) || !strings.Contains(unread, r.Error)) {
			t.Errorf("failed file %s is not listed with its error", r.Path)
		}
	}
	if !strings.Contains(charts, "2023→2024年") {
		t.Error("no year-over-year chart for the department present in two years")
	}
	for _, want := range []string{"支出合计与基本、项目支出不符", "错误", "警告", "提示", "219.37万元", "229.37万元", "&#43;10.00万元", "@page{size:A4;margin:15mm}"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "生成于") {
		t.Error("a time appears although Input.Generated is empty")
	}
}

// TestCSPMatchesInlineAssets guards the page's Content-Security-Policy: it allows exactly
// the inline stylesheet and script by hash, so the two must be inlined byte for byte.
func TestCSPMatchesInlineAssets(t *testing.T) {
	var buf bytes.Buffer
	if err := renderHTML(&buf, sampleInput()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, tag := range []string{"style", "script"} {
		start := strings.Index(page, "<"+tag+">")
		end := strings.Index(page, "</"+tag+">")
		if start < 0 || end < start {
			t.Fatalf("no inline <%s>", tag)
		}
		sum := sha256.Sum256([]byte(page[start+len(tag)+2 : end]))
		hash := "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
		if !strings.Contains(page, tag+"-src &#39;"+hash+"&#39;") {
			t.Errorf("CSP does not allow the inline <%s> (%s)", tag, hash)
		}
	}
}

func TestHTMLGolden(t *testing.T) {
	t.Run("plain", func(t *testing.T) { checkGolden(t, sampleInput(), "report.golden.html") })
	t.Run("reviewed", func(t *testing.T) { checkGolden(t, reviewedPage(), "report-review.golden.html") })
}

// reviewedPage is the reviewed sample with a problem of the review input.
func reviewedPage() Input {
	in := reviewedInput()
	in.Problems = []Problem{{Source: "标记.csv", Where: "第3行", Key: "ffffffffffffffff", Disposition: Disposition{Status: "属是", Comment: "已核"},
		Reason: "核实编号“ffffffffffffffff”不在本次问题清单中，也不在以往的核实记录中"}}
	return in
}

func checkGolden(t *testing.T, in Input, name string) {
	var a, b bytes.Buffer
	if err := renderHTML(&a, in); err != nil {
		t.Fatal(err)
	}
	if err := renderHTML(&b, shuffled(in)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the page depends on the order of the input")
	}
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, a.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./review/ -run TestHTMLGolden -update)", err)
	}
	if strings.Contains(a.String(), "<script>") != true {
		t.Fatal("no script")
	}
	if !bytes.Equal(a.Bytes(), want) {
		t.Errorf("report.html differs from %s (rerun with -update and review the diff)", golden)
	}
}

func TestGeneratedShown(t *testing.T) {
	in := sampleInput()
	in.Generated = "2025-03-01 14:30"
	var buf bytes.Buffer
	if err := renderHTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "生成于 2025-03-01 14:30") {
		t.Error("Generated not shown")
	}
}

func TestEmptyInput(t *testing.T) {
	dir := t.TempDir()
	if err := WriteHTML(filepath.Join(dir, "r.html"), Input{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(filepath.Join(dir, "a.xlsx"), Input{}); err != nil {
		t.Fatal(err)
	}
}

func TestHighlight(t *testing.T) {
	var marked []string
	for _, s := range highlight("2024年收入214.78万元，增长12.5%，在职41人，表内105.57，第3条") {
		if s.Mark {
			marked = append(marked, s.Text)
		}
	}
	if got, want := strings.Join(marked, "|"), "214.78万元|12.5%|41人|105.57"; got != want {
		t.Errorf("marked %s, want %s", got, want)
	}
}

func TestTextWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "部门": 4, "（万元）": 8, "a\n部门部门": 8} {
		if got := textWidth(s); got != want {
			t.Errorf("textWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestWriteFailsCleanly(t *testing.T) {
	if err := WriteHTML(filepath.Join(t.TempDir(), "missing", "r.html"), sampleInput()); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func zipEntry(t *testing.T, path, name string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			r.Close()
			return string(b)
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return ""
}

func itoa(i int) string { return decimal.NewFromInt(int64(i)).String() }

// FuzzUntrustedText puts arbitrary text wherever report content reaches the page (department,
// path, error, message, evidence) and checks that it can add no element that loads or runs
// anything, and that highlighting loses no text.
func FuzzUntrustedText(f *testing.F) {
	for _, s := range []string{xss, "支出214.78万元", `"><img src=x onerror=alert(1)>`, "</style><script>x</script>",
		"<svg/onload=alert(1)>", "javascript:alert(1)", "]]><!--", "12.5%，2024年", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var joined strings.Builder
		for _, seg := range highlight(s) {
			joined.WriteString(seg.Text)
		}
		if joined.String() != s {
			t.Fatalf("highlight(%q) lost text: %q", s, joined.String())
		}
		in := sampleInput()
		in.Reports[5].Department, in.Reports[5].Path, in.Reports[5].Error = s, s, s
		in.Findings[0].Message, in.Findings[0].Evidence = s, s
		var buf bytes.Buffer
		if err := renderHTML(&buf, in); err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(&buf)
		if err != nil {
			t.Fatal(err)
		}
		scripts := 0
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script":
					scripts++
				case "img", "iframe", "object", "embed", "link", "base", "form":
					t.Fatalf("text %q produced <%s>", s, n.Data)
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") || (a.Key == "src" || a.Key == "href") && !strings.HasPrefix(a.Val, "#") {
						t.Fatalf("text %q produced <%s %s=%q>", s, n.Data, a.Key, a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if scripts != 1 {
			t.Fatalf("text %q: %d <script> elements", s, scripts)
		}
	})
}

// TestPageSaysWhatIsLeftOut checks that a page given only part of a run's findings says how
// many it shows, how many it leaves out and where they are, and counts them in the total.
func TestPageSaysWhatIsLeftOut(t *testing.T) {
	in := sampleInput()
	shown := len(in.Findings)
	var buf bytes.Buffer
	if err := renderHTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "anomalies.parquet") {
		t.Error("a page with every finding mentions left-out ones")
	}
	in.OmittedFindings = 1234
	buf.Reset()
	if err := renderHTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		fmt.Sprintf("本页只列出前 %d 条问题", shown),
		"其余 1234 条见 anomalies.parquet",
		fmt.Sprintf(`<div class="card-v">%d</div>`, shown+1234),
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestEvaluationViews: a self-evaluation table gets a section of the page with each finding
// beside its row and the table's own above it, a point on the score chart, and its rows in
// the workbook's sheet of indicators with the findings beside them.
func TestEvaluationViews(t *testing.T) {
	dir := t.TempDir()
	in := evalInput()
	if err := WriteHTML(filepath.Join(dir, "r.html"), in); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "r.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	sec := page[strings.Index(page, `<section id="selfeval"`):]
	sec = sec[:strings.Index(sec, `<section id="unread"`)]
	if strings.Contains(sec, xss) || !strings.Contains(sec, "就业见习补贴&lt;script&gt;") {
		t.Error("the table's name is not escaped")
	}
	row := sec[strings.Index(sec, "见习留用率"):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, "超过其分值20分") {
		t.Errorf("score.over_weight is not beside its row: %s", row)
	}
	funds := sec[strings.Index(sec, `<table class="funds">`):]
	funds = funds[:strings.Index(funds, "</table>")]
	if !strings.Contains(funds, "表中执行率填96%") {
		t.Error("the funds row's finding is not beside it")
	}
	head := sec[:strings.Index(sec, "<table")]
	if !strings.Contains(head, "相差4分") || strings.Contains(head, "超过其分值") {
		t.Errorf("the table's findings above it: %s", head)
	}
	if !strings.Contains(page, `id="chart-score-rate"`) || !strings.Contains(page, `class="c-pt-flag"`) {
		t.Error("no flagged point on the score chart")
	}

	path := filepath.Join(dir, "a.xlsx")
	if err := WriteXLSX(path, in); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetIndicators)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][6] != "三级指标" {
		t.Fatalf("sheet %s: %d rows, header %q", SheetIndicators, len(rows), rows[0])
	}
	if !strings.Contains(rows[1][12], "score.sum") || !strings.Contains(rows[1][12], "percent.mismatch") {
		t.Errorf("the table's findings are not on its first row: %q", rows[1][12])
	}
	if !strings.Contains(rows[2][12], "score.over_weight") || rows[2][11] != "未达成" {
		t.Errorf("row of 见习留用率: %q", rows[2])
	}
}
