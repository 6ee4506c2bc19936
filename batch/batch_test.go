package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/parse"
	"github.com/jixiao/jixiao/tables"
)

// fakeExtractor reads test documents written in a tiny language, one command per paragraph:
//
//	FIG metric basis value [item]   a figure
//	IDENT department year           the identity
//	PANIC                           panics
//	HANG                            blocks until the test ends, ignoring ctx
type fakeExtractor struct {
	release chan struct{}
}

func (f *fakeExtractor) Extract(ctx context.Context, doc *parse.Document) (*extract.Result, error) {
	res := &extract.Result{}
	for _, b := range doc.Blocks {
		fields := strings.Fields(b.Text)
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "FIG":
			fig := extract.Figure{Metric: fields[1], Basis: extract.Basis(fields[2]), Value: decimal.RequireFromString(fields[3]),
				Unit: extract.UnitYuan, UnitText: "元", Raw: b.Text, Location: b.Location(), Method: extract.MethodProse}
			if len(fields) > 4 {
				fig.Item = fields[4]
			}
			res.Figures = append(res.Figures, fig)
		case "IDENT":
			var year int
			fmt.Sscan(fields[2], &year)
			res.Identity = extract.Identity{Department: fields[1], Year: year, Title: b.Text}
		case "PANIC":
			panic("boom")
		case "HANG":
			<-f.release
		}
	}
	return res, nil
}

func newFake(t *testing.T) *fakeExtractor {
	f := &fakeExtractor{release: make(chan struct{})}
	t.Cleanup(func() { close(f.release) })
	return f
}

const okReport = "IDENT 隆回县科学技术协会 2024\nFIG income.total actual 2147800\nFIG expenditure.total actual 2147800.00\nFIG expenditure.basic budget 100\n"

// writeTree creates files (path → content) under a new temporary folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func idOf(content string) string {
	h := sha256.Sum256([]byte(content))
	return hex.EncodeToString(h[:])[:16]
}

func run(t *testing.T, cfg Config) (Summary, []tables.ReportRow, []tables.FigureRow) {
	t.Helper()
	if cfg.Out == "" {
		cfg.Out = filepath.Join(t.TempDir(), "out")
	}
	if cfg.Extractor == nil {
		cfg.Extractor = newFake(t)
	}
	sum, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	reports, err := tables.ReadReports(filepath.Join(cfg.Out, tables.ReportsFile))
	if err != nil {
		t.Fatal(err)
	}
	figures, err := tables.ReadFigures(filepath.Join(cfg.Out, tables.FiguresFile))
	if err != nil {
		t.Fatal(err)
	}
	return sum, reports, figures
}

func TestRun(t *testing.T) {
	files := map[string]string{
		"a.txt":              okReport,
		"b.txt":              "FIG income.total actual 5\n",
		"sub/c.txt":          "no figures here\n",
		"sub/deeper/d.txt":   "FIG expenditure.total actual 7\n",
		"损坏的报告.docx":         "PK\x03\x04\x14\x00\x00\x00\x08\x00",
		"image.jpg":          "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x00\x00",
		"empty.txt":          "",
		"panic.txt":          "PANIC\n",
		"~$a.docx":           "lock",
		".DS_Store":          "junk",
		"Thumbs.db":          "junk",
		".hidden/e.txt":      okReport,
		"sub/~WRL0001.tmp":   "junk",
		"__MACOSX/._a.txt":   "junk",
		"sub/Desktop.ini":    "junk",
		"sub/deeper/.secret": "junk",
	}
	dir := writeTree(t, files)
	sum, reports, figures := run(t, Config{Inputs: []string{dir}, Jobs: 3})

	type want struct {
		path, status, format, errPart string
	}
	wants := []want{
		{"a.txt", "ok", "txt", ""},
		{"b.txt", "partial", "txt", "未找到支出合计 (expenditure.total not found)"},
		{"empty.txt", "failed", "txt", "(文件无内容)"},
		{"image.jpg", "failed", "", "(不是可读取的文档)"},
		{"panic.txt", "failed", "txt", "internal error while reading this file: boom; please report it"},
		{"sub/c.txt", "partial", "txt", "未找到收入合计/支出合计 (income.total, expenditure.total not found)"},
		{"sub/deeper/d.txt", "partial", "txt", "未找到收入合计 (income.total not found)"},
		{"损坏的报告.docx", "failed", "", "(文件已损坏)"},
	}
	if len(reports) != len(wants) {
		var paths []string
		for _, r := range reports {
			paths = append(paths, r.Path)
		}
		t.Fatalf("%d report rows %q, want %d", len(reports), paths, len(wants))
	}
	for i, w := range wants {
		r := reports[i]
		if r.Path != w.path || r.Status != w.status || !strings.Contains(r.Error, w.errPart) {
			t.Errorf("row %d: %s %s %q, want %s %s containing %q", i, r.Path, r.Status, r.Error, w.path, w.status, w.errPart)
		}
		if w.format != "" && r.Format != w.format {
			t.Errorf("%s: format %q, want %q", r.Path, r.Format, w.format)
		}
		if r.Status == "ok" && r.Error != "" {
			t.Errorf("%s: ok with error %q", r.Path, r.Error)
		}
		if r.ReportID != idOf(files[w.path]) {
			t.Errorf("%s: report_id %s, want %s", r.Path, r.ReportID, idOf(files[w.path]))
		}
	}
	a := reports[0]
	if a.Department != "隆回县科学技术协会" || a.Year != 2024 || a.Chars == 0 {
		t.Errorf("a.txt: %+v", a)
	}
	if v := a.Values["income.total"]; v.StringFixed(4) != "2147800.0000" {
		t.Errorf("a.txt income_total = %s", v.StringFixed(4))
	}
	if _, ok := a.Values["expenditure.basic"]; ok {
		t.Error("a budget figure was resolved into the reports table")
	}
	if len(figures) != 3+1+1 {
		t.Errorf("%d figure rows, want 5", len(figures))
	}
	if f := figures[0]; f.Path != "a.txt" || f.ReportID != a.ReportID || f.Location != "p2" || f.Method != "prose" {
		t.Errorf("first figure %+v", f)
	}
	wantSum := Summary{Files: 8, OK: 1, Partial: 3, Failed: 4, Skipped: 6, Figures: 5} // junk folders (.hidden, __MACOSX) are not counted
	sum.Elapsed = 0
	if sum != wantSum {
		t.Errorf("summary %#v, want %#v", sum, wantSum)
	}
}

func TestSameInputSameBytes(t *testing.T) {
	files := map[string]string{"damaged.docx": "PK\x03\x04"}
	for i := range 40 {
		files[fmt.Sprintf("r%02d.txt", i)] = fmt.Sprintf("FIG income.total actual %d\nFIG expenditure.total actual %d.5\n", i, i)
	}
	dir := writeTree(t, files)
	var outs []string
	for _, jobs := range []int{1, 4, 7} {
		out := filepath.Join(t.TempDir(), "out")
		run(t, Config{Inputs: []string{dir}, Out: out, Jobs: jobs})
		outs = append(outs, out)
	}
	for _, name := range []string{tables.ReportsFile, tables.FiguresFile} {
		first, err := os.ReadFile(filepath.Join(outs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		for _, out := range outs[1:] {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, b) {
				t.Errorf("%s differs between runs with different -j", name)
			}
		}
	}
}

func TestInputs(t *testing.T) {
	dir := writeTree(t, map[string]string{"x/one.txt": okReport, "x/two.txt": okReport + "\n"})
	tests := []struct {
		name   string
		inputs []string
		paths  []string
	}{
		{"single file is its base name", []string{filepath.Join(dir, "x", "one.txt")}, []string{"one.txt"}},
		{"folder", []string{filepath.Join(dir, "x")}, []string{"one.txt", "two.txt"}},
		{"parent folder", []string{dir}, []string{"x/one.txt", "x/two.txt"}},
		{"several inputs", []string{filepath.Join(dir, "x", "two.txt"), filepath.Join(dir, "x")}, []string{"one.txt", "two.txt", "two.txt"}},
		{"empty folder", []string{t.TempDir()}, nil},
		{"junk named directly is read", []string{writeTree(t, map[string]string{"~$lock.docx": okReport}) + "/~$lock.docx"}, []string{"~$lock.docx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, reports, _ := run(t, Config{Inputs: tt.inputs})
			var paths []string
			for _, r := range reports {
				paths = append(paths, r.Path)
			}
			if !slices.Equal(paths, tt.paths) {
				t.Errorf("paths %q, want %q", paths, tt.paths)
			}
		})
	}
}

func TestSymlinks(t *testing.T) {
	dir := writeTree(t, map[string]string{"in/a.txt": okReport, "elsewhere/b.txt": okReport + "x\n"})
	in := filepath.Join(dir, "in")
	links := map[string]string{
		"loop":       in,                                       // a folder link back to the root: not followed
		"b-link.txt": filepath.Join(dir, "elsewhere", "b.txt"), // a file link: read
		"gone.txt":   filepath.Join(dir, "nothing-here"),       // broken: a failed row
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(in, name)); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	_, reports, _ := run(t, Config{Inputs: []string{in}})
	got := map[string]string{}
	for _, r := range reports {
		got[r.Path] = r.Status
	}
	want := map[string]string{"a.txt": "ok", "b-link.txt": "ok", "gone.txt": "failed"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}

	// A link given as the input folder is walked.
	link := filepath.Join(dir, "in-link")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	_, reports, _ = run(t, Config{Inputs: []string{link}})
	if len(reports) != 3 {
		t.Errorf("walking a linked input folder: %d rows, want 3", len(reports))
	}
}

func TestNonUTF8FileName(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs a file system that stores names as bytes")
	}
	dir := writeTree(t, nil)
	name := "\xb1\xa8\xb8\xe6-报告.txt" // 报告 in GBK, then in UTF-8
	if err := os.WriteFile(filepath.Join(dir, name), []byte(okReport), 0o644); err != nil {
		t.Skipf("cannot create a non-UTF-8 name: %v", err)
	}
	_, reports, _ := run(t, Config{Inputs: []string{dir}})
	if len(reports) != 1 || reports[0].Path != `\xb1\xa8\xb8\xe6-报告.txt` || reports[0].Status != "ok" {
		t.Errorf("got %+v", reports)
	}
}

func TestOverFileLimit(t *testing.T) {
	content := okReport + strings.Repeat("填充", 1000)
	dir := writeTree(t, map[string]string{"big.txt": content})
	_, reports, _ := run(t, Config{Inputs: []string{dir}, Limits: parse.Limits{MaxFileBytes: 100}})
	r := reports[0]
	if r.Status != "failed" || !strings.Contains(r.Error, "max-file-bytes") {
		t.Errorf("got %s %q", r.Status, r.Error)
	}
	if r.ReportID != idOf(content) {
		t.Errorf("report_id %s is not the hash of the whole file (%s)", r.ReportID, idOf(content))
	}
	if r.Format != "txt" {
		t.Errorf("format %q, want txt (from the first bytes)", r.Format)
	}
}

func TestFileTimeout(t *testing.T) {
	dir := writeTree(t, map[string]string{"hang.txt": "HANG\n", "ok.txt": okReport})
	start := time.Now()
	sum, reports, _ := run(t, Config{Inputs: []string{dir}, FileTimeout: 200 * time.Millisecond, Jobs: 1})
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("run took %s", took)
	}
	r := reports[0]
	if r.Path != "hang.txt" || r.Status != "failed" || !strings.HasPrefix(r.Error, "took longer than 200ms") {
		t.Errorf("got %s %s %q", r.Path, r.Status, r.Error)
	}
	if r.ReportID != idOf("HANG\n") || r.Format != "txt" {
		t.Errorf("timed-out row lost its id or format: %+v", r)
	}
	if sum.OK != 1 || sum.Failed != 1 {
		t.Errorf("summary %+v", sum)
	}
}

func TestOutputInsideInput(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": okReport})
	out := filepath.Join(dir, "out")
	for range 2 {
		_, reports, _ := run(t, Config{Inputs: []string{dir}, Out: out})
		if len(reports) != 1 {
			t.Fatalf("%d rows: the output folder was read as input", len(reports))
		}
	}
}

func TestRunErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": okReport, "not-a-folder": "x"})
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		cfg     Config
		wantErr error
	}{
		{"no inputs", context.Background(), Config{Out: filepath.Join(dir, "out")}, ErrConfig},
		{"missing input", context.Background(), Config{Inputs: []string{filepath.Join(dir, "nope")}, Out: filepath.Join(dir, "out")}, ErrConfig},
		{"no output", context.Background(), Config{Inputs: []string{dir}}, ErrConfig},
		{"output is a file", context.Background(), Config{Inputs: []string{dir}, Out: filepath.Join(dir, "not-a-folder", "out")}, nil},
		{"cancelled", cancelled, Config{Inputs: []string{dir}, Out: filepath.Join(dir, "out")}, context.Canceled},
		{"analysis fails", context.Background(), Config{Inputs: []string{dir}, Out: filepath.Join(dir, "out"),
			Analyze: AnalyzeFunc(func(context.Context, []Report) (*Analysis, error) { return nil, errors.New("no") })}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Extractor = newFake(t)
			_, err := Run(tt.ctx, tt.cfg)
			if err == nil {
				t.Fatal("Run succeeded")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if ents, _ := os.ReadDir(filepath.Join(dir, "out")); len(ents) > 0 {
				t.Errorf("output folder holds %d entries after a failed run", len(ents))
			}
		})
	}
}

func TestWriteInterrupted(t *testing.T) {
	out := t.TempDir()
	reports := []Report{{ID: "1", Path: "a.txt", Status: StatusOK, Result: &extract.Result{}}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, out, reports, &Analysis{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Write: %v, want context.Canceled", err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("%d files left after an interrupted write", len(ents))
	}
}

// TestAnalysisFails checks that a run whose analysis fails leaves no table behind, though
// the data tables were already complete on disk when the analysis began.
func TestAnalysisFails(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": okReport})
	out := filepath.Join(t.TempDir(), "out")
	boom := errors.New("boom")
	var before []string
	cfg := Config{Inputs: []string{dir}, Out: out, Views: true, Analyze: AnalyzeFunc(func(ctx context.Context, reports []Report) (*Analysis, error) {
		ents, _ := os.ReadDir(out)
		for _, e := range ents {
			before = append(before, e.Name())
		}
		return nil, boom
	})}
	if _, err := Run(context.Background(), cfg); !errors.Is(err, boom) {
		t.Fatalf("Run: %v, want the analysis's error", err)
	}
	if len(before) != 7 {
		t.Errorf("while analysing, out held %q; want the seven data tables' temporary files", before)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("left in out after the failed run: %q", names)
	}
}

func TestAnalyzeHook(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": okReport, "b.txt": "x\n"})
	out := filepath.Join(t.TempDir(), "out")
	var seen []string
	sum, _, _ := run(t, Config{Inputs: []string{dir}, Out: out, Analyze: AnalyzeFunc(func(ctx context.Context, reports []Report) (*Analysis, error) {
		for _, r := range reports {
			seen = append(seen, r.Path)
		}
		return &Analysis{
			Anomalies: []tables.AnomalyRow{{AnomalyID: "x", Rule: "missing.disclosure", ReportID: reports[1].ID, Path: reports[1].Path}},
			Checks:    analyze.ChecksOf([]tables.CheckRow{{ReportID: reports[0].ID, Path: reports[0].Path, Rule: "sum.expenditure", Outcome: "insufficient"}}),
		}, nil
	})})
	if !slices.Equal(seen, []string{"a.txt", "b.txt"}) {
		t.Errorf("analysis saw %q", seen)
	}
	anomalies, err := tables.ReadAnomalies(filepath.Join(out, tables.AnomaliesFile))
	if err != nil || len(anomalies) != 1 || anomalies[0].Path != "b.txt" {
		t.Errorf("anomalies %+v, %v", anomalies, err)
	}
	checks, err := tables.ReadChecks(filepath.Join(out, tables.ChecksFile))
	if err != nil || len(checks) != 1 {
		t.Errorf("checks %+v, %v", checks, err)
	}
	if sum.Anomalies != 1 {
		t.Errorf("summary counts %d anomalies", sum.Anomalies)
	}
}

func TestResolve(t *testing.T) {
	fig := func(metric string, basis extract.Basis, value, item string) extract.Figure {
		return extract.Figure{Metric: metric, Basis: basis, Value: decimal.RequireFromString(value), Item: item}
	}
	tests := []struct {
		name string
		figs []extract.Figure
		want map[string]string
	}{
		{"none", nil, map[string]string{}},
		{"first actual wins", []extract.Figure{
			fig("income.total", extract.Budget, "1", ""),
			fig("income.total", extract.Actual, "2", ""),
			fig("income.total", extract.Actual, "3", ""),
		}, map[string]string{"income.total": "2"}},
		{"prior and budget never resolve", []extract.Figure{
			fig("expenditure.total", extract.Prior, "1", ""),
			fig("expenditure.basic", extract.Budget, "1", ""),
		}, map[string]string{}},
		{"items excluded", []extract.Figure{
			fig("expenditure.project.item", extract.Actual, "5", "科普行动计划经费"),
			fig("expenditure.project", extract.Actual, "9", ""),
		}, map[string]string{"expenditure.project": "9"}},
		{"unknown metrics ignored", []extract.Figure{fig("made.up", extract.Actual, "1", "")}, map[string]string{}},
		{"explicit zero kept", []extract.Figure{fig("three_public.abroad", extract.Actual, "0", "")}, map[string]string{"three_public.abroad": "0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Resolve(tt.figs)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for m, v := range tt.want {
				if g, ok := got[m]; !ok || !g.Equal(decimal.RequireFromString(v)) {
					t.Errorf("%s = %v, want %s", m, g, v)
				}
			}
		})
	}
}

func TestPathColumn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a.txt", "a.txt"},
		{filepath.Join("2024", "隆回县", "科协.docx"), "2024/隆回县/科协.docx"},
		{"\xb1\xa8\xb8\xe6.doc", `\xb1\xa8\xb8\xe6.doc`},
		{"ok-\xff-报告", `ok-\xff-报告`},
		{`back\slash.txt`, `back\slash.txt`},
	}
	for _, tt := range tests {
		if got := PathColumn(tt.in); got != tt.want {
			t.Errorf("PathColumn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJunk(t *testing.T) {
	tests := []struct {
		name string
		junk bool
	}{
		{"~$报告.docx", true},
		{".DS_Store", true},
		{"._报告.docx", true},
		{"Thumbs.db", true},
		{"thumbs.db", true},
		{"desktop.ini", true},
		{"~WRL0001.tmp", true},
		{"__MACOSX", true},
		{"报告.docx", false},
		{"~报告.docx", false},
		{"report.tmp", false},
		{"数据.xlsx", false},
	}
	for _, tt := range tests {
		if got := Junk(tt.name); got != tt.junk {
			t.Errorf("Junk(%q) = %v, want %v", tt.name, got, tt.junk)
		}
	}
}

func TestSummaryString(t *testing.T) {
	s := Summary{Files: 12, OK: 10, Partial: 1, Failed: 1, Figures: 240, Anomalies: 3, Elapsed: 812 * time.Millisecond}
	if got, want := s.String(), "12 files: 10 ok, 1 partial, 1 failed; 240 figures; 3 findings; 0.8s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
