package batch_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/batch"
	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/review"
	"github.com/jixiao/jixiao/tables"
)

// viewPage is report.html parsed, with what the structure checks look at.
type viewPage struct {
	root *html.Node
	// byID are the elements with an id attribute.
	byID map[string]*html.Node
}

func parseViewPage(t *testing.T, path string) viewPage {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	root, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	p := viewPage{root: root, byID: map[string]*html.Node{}}
	walkNodes(root, func(n *html.Node) {
		if id := attr(n, "id"); n.Type == html.ElementNode && id != "" {
			p.byID[id] = n
		}
	})
	return p
}

func walkNodes(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkNodes(c, visit)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is the text content of n, as a browser shows it without the markup (entities
// decoded, <mark> segments joined).
func textOf(n *html.Node) string {
	var b strings.Builder
	walkNodes(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// elements are the elements of n (itself included) with tag name and, when class is set,
// that class.
func elements(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	walkNodes(n, func(c *html.Node) {
		if c.Type == html.ElementNode && c.Data == tag && (class == "" || hasClass(c, class)) {
			out = append(out, c)
		}
	})
	return out
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// findingRows maps each finding row of the findings section (<tr data-sev>) to its text,
// by the anomaly id in it.
func (p viewPage) findingRows(t *testing.T) map[string]string {
	t.Helper()
	sec := p.byID["findings"]
	if sec == nil {
		t.Fatal("no #findings section")
	}
	rows := map[string]string{}
	id := regexp.MustCompile(`编号 ([0-9a-f]{16})`)
	for _, tr := range elements(sec, "tr", "") {
		if attr(tr, "data-sev") == "" {
			continue
		}
		text := textOf(tr)
		m := id.FindStringSubmatch(text)
		if m == nil {
			t.Errorf("finding row without an anomaly id: %s", text)
			continue
		}
		rows[m[1]] = text
	}
	return rows
}

// checkSelfContained fails on anything that would make the page load or link to something
// outside itself: src attributes, links other than #anchors, external URLs anywhere, and a
// Content-Security-Policy that is not default-src 'none'.
func checkSelfContained(t *testing.T, p viewPage) {
	t.Helper()
	external := regexp.MustCompile(`(?i)https?:|//cdn|\burl\(\s*['"]?(?:[a-z]+:|//)|@import`)
	var csp string
	walkNodes(p.root, func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if external.MatchString(n.Data) {
				t.Errorf("external reference in the text of <%s>: %q", parentTag(n), excerpt(n.Data, external))
			}
		case html.ElementNode:
			switch n.Data {
			case "link", "iframe", "object", "embed", "base", "img", "audio", "video", "source":
				t.Errorf("<%s> element in a self-contained page", n.Data)
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "src" || a.Key == "srcset" || a.Key == "action" || a.Key == "xlink:href" || a.Namespace == "xlink":
					t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				case a.Key == "href" && !strings.HasPrefix(a.Val, "#"):
					t.Errorf("<%s href=%q>: only #anchors may be linked", n.Data, a.Val)
				case external.MatchString(a.Val):
					t.Errorf("<%s %s=%q>: external reference", n.Data, a.Key, a.Val)
				}
			}
			if n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "Content-Security-Policy") {
				csp = attr(n, "content")
			}
		}
	})
	if !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q, want default-src 'none'", csp)
	}
}

func parentTag(n *html.Node) string {
	if n.Parent != nil {
		return n.Parent.Data
	}
	return ""
}

func excerpt(s string, re *regexp.Regexp) string {
	loc := re.FindStringIndex(s)
	return s[max(0, loc[0]-40):min(len(s), loc[1]+40)]
}

// runViews runs the whole pipeline as `jixiao run` does, with the analysis and the views,
// and returns the output folder and the summary.
func runViews(t *testing.T, ex *extract.Extractor, inputs ...string) (string, batch.Summary) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	sum, err := batch.Run(context.Background(), batch.Config{
		Inputs:    inputs,
		Out:       out,
		Jobs:      2,
		Extractor: ex,
		Analyze:   batch.Rules(analyze.Config{}),
		Views:     true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, sum
}

// checkFindings checks that every row of anomalies.parquet is a finding row of the page,
// with its message and evidence, and returns the rows.
func checkFindings(t *testing.T, out string, p viewPage) []tables.AnomalyRow {
	t.Helper()
	anomalies, err := tables.ReadAnomalies(filepath.Join(out, tables.AnomaliesFile))
	if err != nil {
		t.Fatal(err)
	}
	rows := p.findingRows(t)
	if len(rows) != len(anomalies) {
		t.Errorf("%d finding rows on the page, %d anomalies in the table", len(rows), len(anomalies))
	}
	for _, a := range anomalies {
		text, ok := rows[a.AnomalyID]
		switch {
		case !ok:
			t.Errorf("anomaly %s (%s, %s) is not on the page", a.AnomalyID, a.Rule, a.Path)
		case !strings.Contains(text, a.Message):
			t.Errorf("anomaly %s: message %q not in its row: %s", a.AnomalyID, a.Message, text)
		case !strings.Contains(text, a.Evidence):
			t.Errorf("anomaly %s: evidence %q not in its row: %s", a.AnomalyID, a.Evidence, text)
		case !strings.Contains(text, a.Rule):
			t.Errorf("anomaly %s: rule %s not in its row", a.AnomalyID, a.Rule)
		}
	}
	return anomalies
}

// TestReportHTML runs the README's command on testdata/reports and checks the structure of
// report.html: the summary's counts, every anomaly of anomalies.parquet with its message and
// evidence, the seed's finding, the failed files with their messages, and nothing external.
func TestReportHTML(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, sum := runViews(t, ex, "../testdata/reports")
	p := parseViewPage(t, filepath.Join(out, batch.HTMLFile))
	checkSelfContained(t, p)

	// The summary cards: files by status, findings.
	cards := map[string]string{}
	for _, card := range elements(p.root, "div", "card") {
		k, v, s := elements(card, "div", "card-k"), elements(card, "div", "card-v"), elements(card, "div", "card-s")
		if len(k) == 1 && len(v) == 1 && len(s) == 1 {
			cards[textOf(k[0])] = textOf(v[0]) + " " + strings.Join(strings.Fields(textOf(s[0])), " ")
		}
	}
	reports, err := tables.ReadReports(filepath.Join(out, tables.ReportsFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ card, want string }{
		{"读取文件", strings.Join([]string{strconv.Itoa(len(reports)), "正常", strconv.Itoa(sum.OK), "· 部分读取", strconv.Itoa(sum.Partial), "· 读取失败", strconv.Itoa(sum.Failed)}, " ")},
		{"发现问题", strconv.Itoa(sum.Anomalies) + " "},
	} {
		if !strings.HasPrefix(cards[c.card], c.want) {
			t.Errorf("card %s: %q, want it to start with %q", c.card, cards[c.card], c.want)
		}
	}
	if sum.Failed == 0 || sum.Anomalies == 0 {
		t.Errorf("summary %s: the sample has broken files and the seed's finding", sum)
	}

	anomalies := checkFindings(t, out, p)

	// The seed's known finding, on both renderings of the seed, with its evidence.
	rows := p.findingRows(t)
	for _, path := range []string{"longhui-kexie-2024.docx", "longhui-kexie-2024.txt"} {
		found := false
		for _, a := range anomalies {
			if a.Path != path || a.Rule != "balance.deficit" {
				continue
			}
			found = true
			text := rows[a.AnomalyID]
			for _, want := range []string{"支出合计219.37万元超过收入合计214.78万元", "2024年度收入214.78万元", "2024年部门整体支出219.37万元"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: balance.deficit row lacks %q: %s", path, want, text)
				}
			}
		}
		if !found {
			t.Errorf("%s: no balance.deficit finding", path)
		}
	}
	for _, g := range elements(p.byID["findings"], "section", "dept") {
		if h := elements(g, "h3", ""); len(h) == 1 && strings.Contains(textOf(h[0]), "隆回县科学技术协会") {
			if !strings.Contains(textOf(g), "longhui-kexie-2024") {
				t.Errorf("the seed's group does not name its file: %s", textOf(g))
			}
		}
	}

	// The files that could not be read, each with its message.
	unread := p.byID["unread"]
	if unread == nil {
		t.Fatal("no #unread section")
	}
	listed := map[string]string{}
	for _, tr := range elements(unread, "tr", "") {
		if td := elements(tr, "td", "path"); len(td) == 1 {
			listed[strings.TrimSpace(textOf(td[0]))] = textOf(tr)
		}
	}
	var failed int
	for _, r := range reports {
		if r.Status == string(batch.StatusOK) {
			continue
		}
		failed++
		text, ok := listed[r.Path]
		if !ok {
			t.Errorf("%s (%s) is not listed among the unread files", r.Path, r.Status)
			continue
		}
		if !strings.Contains(text, r.Error) {
			t.Errorf("%s: message %q not shown: %s", r.Path, r.Error, text)
		}
	}
	if failed != len(listed) {
		t.Errorf("%d unread files listed, %d in the reports table", len(listed), failed)
	}

	// Every report is a row of the reports table at the end.
	if n := len(elements(p.byID["reports"], "tr", "report-row")); n != len(reports) {
		t.Errorf("%d rows in 报告一览, %d reports", n, len(reports))
	}
}

// TestReportHTMLCounty runs the pipeline over a generated county (a dozen departments over
// two years with inconsistencies injected within and across reports) and checks that every
// injected inconsistency the analysis found is on the page with its message and evidence.
func TestReportHTMLCounty(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	reports := corpus.CountyBatch(1)
	for _, r := range reports { // the reports only: a .gold.json would be an input too
		if err := os.WriteFile(filepath.Join(dir, r.Name+"."+r.Ext), r.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := runViews(t, ex, dir)
	p := parseViewPage(t, filepath.Join(out, batch.HTMLFile))
	checkSelfContained(t, p)
	anomalies := checkFindings(t, out, p)

	rows := p.findingRows(t)
	var injected, shown int
	for _, r := range reports {
		for _, g := range r.Gold.Anomalies {
			injected++
			for _, a := range anomalies {
				if a.Path != r.Gold.Path || a.Rule != g.Rule {
					continue
				}
				shown++
				if text, ok := rows[a.AnomalyID]; !ok || !strings.Contains(text, a.Message) {
					t.Errorf("%s: injected %s (%s) found as %s but not shown on the page", r.Gold.Path, g.Rule, g.Note, a.AnomalyID)
				}
			}
		}
	}
	if injected == 0 || shown == 0 {
		t.Fatalf("county 1: %d anomalies injected, %d found: the test checks nothing", injected, shown)
	}
	t.Logf("county 1: %d reports, %d injected, %d findings shown for them, %d findings in all", len(reports), injected, shown, len(anomalies))
}

// TestViewsCapFindings checks a batch with more findings than the views show: the workbook
// lists ViewRowsMax of them, the page PageFindingsMax, and the page says how many it leaves
// out of its total.
func TestViewsCapFindings(t *testing.T) {
	n := batch.ViewRowsMax + 7
	a := &batch.Analysis{Anomalies: make([]tables.AnomalyRow, n)}
	for i := range a.Anomalies {
		a.Anomalies[i] = tables.AnomalyRow{AnomalyID: strconv.Itoa(i), Rule: "text.duplicate", Severity: analyze.SeverityInfo,
			Message: "雷同", Evidence: "文字"}
	}
	out := t.TempDir()
	if err := batch.WriteViews(out, nil, a); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, batch.HTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"本页只列出前 " + strconv.Itoa(batch.PageFindingsMax) + " 条问题",
		"其余 " + strconv.Itoa(n-batch.PageFindingsMax) + " 条见 anomalies.parquet",
		`<div class="card-v">` + strconv.Itoa(n) + `</div>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if got := strings.Count(string(page), `<tr data-sev="info"`); got != batch.PageFindingsMax {
		t.Errorf("page lists %d findings, want %d", got, batch.PageFindingsMax)
	}
	wb, err := excelize.OpenFile(filepath.Join(out, batch.XLSXFile))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	notes, err := wb.GetRows(review.SheetNotes)
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0][0], "另有 7 条未列出") {
		t.Errorf("notes sheet = %q, %v", notes, err)
	}
}
