package review

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// chromium returns the headless browser, or skips the test when there is none. CI
// (.ci/run) installs it and sets JIXIAO_BROWSER=1, which makes a missing browser a failure.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("JIXIAO_BROWSER") != "" {
		t.Fatal("JIXIAO_BROWSER is set but no chromium is installed")
	}
	t.Skip("no chromium: the page's script is not run (CI runs it)")
	return ""
}

// markScript plays an analyst on the page: it marks the balance.deficit finding 误报 with a
// comment holding a comma and quotes, marks the cleared finding 已整改, then filters the
// list to 误报 only and exports. It records what it saw in the body's data-test attribute.
const markScript = `(function () {
  var d = document, out = {};
  function cell(key) { return d.querySelector('td.rv[data-key="' + key + '"]'); }
  d.getElementById('reviewer').value = '李';
  function mark(key, state, comment) {
    var td = cell(key);
    td.click();
    var ed = td.querySelector('.editor');
    ed.querySelector('select').value = state;
    ed.querySelector('textarea').value = comment;
    ed.querySelector('.save').click();
  }
  mark('KEY2', '误报', '口径不同, 含"转拨"');
  mark('KEY99', '已整改', '');
  out.cell = cell('KEY2').textContent;
  out.rowState = cell('KEY2').parentNode.getAttribute('data-state');
  out.marks = d.getElementById('nmarks').textContent;
  Array.prototype.forEach.call(d.querySelectorAll('.state-filter'), function (c) {
    if (c.value !== '误报') { c.checked = false; c.dispatchEvent(new Event('change')); }
  });
  out.visible = Array.prototype.filter.call(d.querySelectorAll('section.dept tr[data-sev]'), function (tr) { return !tr.hidden; }).length;
  out.count = d.getElementById('count').textContent;
  d.getElementById('export').click();
  out.href = d.getElementById('download').getAttribute('href').slice(0, 30);
  out.csv = d.getElementById('csv').value;
  d.body.setAttribute('data-test', JSON.stringify(out));
})();`

// TestPageMarksExport runs the page in headless Chromium with a script that marks two
// findings, filters and exports; the exported CSV reads back (ReadSource) as those marks.
func TestPageMarksExport(t *testing.T) {
	browser := chromium(t)
	in := reviewedPage()
	var buf bytes.Buffer
	if err := renderHTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	script := strings.NewReplacer("KEY2", testKey(2), "KEY99", testKey(99)).Replace(markScript)
	sum := sha256.Sum256([]byte(script))
	hash := "&#39;sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "&#39;"
	page := buf.String()
	// the page's CSP allows its own script only: the test's is added to it, nothing else
	csp := strings.Index(page, "script-src ")
	if csp < 0 {
		t.Fatal("no script-src in the page's CSP")
	}
	page = page[:csp] + "script-src " + hash + " " + page[csp+len("script-src "):]
	page = strings.Replace(page, "</body>", "<script>"+script+"</script>\n</body>", 1)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	doc, err := html.Parse(bytes.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	var result string
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "body" {
			for _, a := range n.Attr {
				if a.Key == "data-test" {
					result = a.Val
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if result == "" {
		t.Fatalf("the test script did not run (CSP?); chromium said:\n%s", stderr.String())
	}
	var out struct{ Cell, RowState, Marks, Count, Href, CSV string }
	if err := json.Unmarshal([]byte(result), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.Cell, "误报") || !strings.Contains(out.Cell, `口径不同, 含"转拨"`) || !strings.Contains(out.Cell, "李") {
		t.Errorf("the marked cell shows %q", out.Cell)
	}
	if out.RowState != StateFalseAlarm || out.Marks != "2" {
		t.Errorf("row state %q, %s marks; want 误报, 2", out.RowState, out.Marks)
	}
	if out.Count != "显示 1 / 9 条问题，已消除 0 条" {
		t.Errorf("filtered to 误报: %q", out.Count)
	}
	if !strings.HasPrefix(out.Href, "data:text/csv;charset=utf-8,") {
		t.Errorf("download link %q", out.Href)
	}
	csv := filepath.Join(dir, "marks.csv")
	if err := os.WriteFile(csv, []byte(out.CSV), 0o644); err != nil {
		t.Fatal(err)
	}
	src := ReadSource(csv)
	if len(src.Problems) != 0 || len(src.Edits) != 2 {
		t.Fatalf("the export read back: %d edits, problems %+v\n%s", len(src.Edits), src.Problems, out.CSV)
	}
	e := editsByKey(src)
	today := time.Now().Format(time.DateOnly)
	if got := e[testKey(2)]; got.Status != StateFalseAlarm || got.Comment != `口径不同, 含"转拨"` || got.Reviewer != "李" ||
		got.AnomalyID != in.Findings[2].AnomalyID || (got.Date != today && got.Date == "") {
		t.Errorf("the export's first mark: %+v", got)
	}
	if got := e[testKey(99)]; got.Status != StateCorrected || got.AnomalyID != "b000000000000099" {
		t.Errorf("the export's mark of the cleared finding: %+v", got)
	}
}
