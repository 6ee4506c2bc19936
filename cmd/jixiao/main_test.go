package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/batch"
	"github.com/jixiao/jixiao/tables"
)

const seedTxt = "../../testdata/reports/longhui-kexie-2024.txt"

func runCLI(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	return runCLIWith(ctx, "", args...)
}

// runCLIWith is runCLI with stdin as the standard input.
func runCLIWith(ctx context.Context, stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(ctx, args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// folder makes a folder holding the seed report (ok) and the given extra files.
func folder(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	seed, err := os.ReadFile(seedTxt)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "seed.txt"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, content := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExitCodes(t *testing.T) {
	okDir := folder(t, nil)
	partialDir := folder(t, map[string]string{"说明.txt": "本文件只有文字，没有任何金额。\n"})
	failedDir := folder(t, map[string]string{"坏.docx": "PK\x03\x04\x14\x00"})
	notAFolder := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notAFolder, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	bg := context.Background()
	out := func() string { return filepath.Join(t.TempDir(), "out") }

	tests := []struct {
		name string
		ctx  context.Context
		args []string
		code int
		// stdout and stderr must match these (when set).
		stdout, stderr string
	}{
		{"no arguments", bg, nil, exitUsage, "", "Usage:"},
		{"unknown command", bg, []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"help", bg, []string{"help"}, exitOK, "Usage:", ""},
		{"--help", bg, []string{"--help"}, exitOK, "Usage:", ""},
		{"help run", bg, []string{"help", "run"}, exitOK, "--max-file-bytes", ""},
		{"run --help", bg, []string{"run", "--help"}, exitOK, "--file-timeout", ""},
		{"dump -h", bg, []string{"dump", "-h"}, exitOK, "--json", ""},
		{"version", bg, []string{"version"}, exitOK, "^jixiao ", ""},
		{"run without -o", bg, []string{"run", okDir}, exitUsage, "", "give -o OUT"},
		{"run without input", bg, []string{"run", "-o", out()}, exitUsage, "", "no INPUT"},
		{"run bad flag", bg, []string{"run", okDir, "-o", out(), "--frob"}, exitUsage, "", "unknown flag"},
		{"run bad jobs", bg, []string{"run", okDir, "-o", out(), "-j", "0"}, exitUsage, "", "--jobs"},
		{"run bad log format", bg, []string{"run", okDir, "-o", out(), "--log-format", "xml"}, exitUsage, "", "--log-format"},
		{"run missing input", bg, []string{"run", filepath.Join(okDir, "nope"), "-o", out()}, exitUsage, "", "does not exist"},
		{"run ok", bg, []string{"run", okDir, "-o", out()}, exitOK, "", `jixiao: 1 file: 1 ok, 0 partial, 0 failed; \d+ figures; \d+ findings; \d+\.\ds`},
		{"run partial", bg, []string{"run", partialDir, "-o", out()}, exitOK, "", "1 ok, 1 partial, 0 failed"},
		{"run partial --strict", bg, []string{"run", partialDir, "-o", out(), "--strict"}, exitFailed, "", "1 ok, 1 partial, 0 failed"},
		{"run failed", bg, []string{"run", failedDir, "-o", out()}, exitFailed, "", "1 ok, 0 partial, 1 failed"},
		{"run quiet", bg, []string{"run", failedDir, "-o", out(), "-q"}, exitFailed, "", "^$"},
		{"run json logs", bg, []string{"run", failedDir, "-o", out(), "--log-format", "json"}, exitFailed, "", `"msg":"file failed"`},
		{"run output not writable", bg, []string{"run", okDir, "-o", filepath.Join(notAFolder, "out")}, exitRun, "", "output folder"},
		{"run interrupted", cancelled, []string{"run", okDir, "-o", out()}, exitRun, "", "interrupted"},
		{"dump", bg, []string{"dump", seedTxt}, exitOK, "^format txt", ""},
		{"dump broken", bg, []string{"dump", filepath.Join(failedDir, "坏.docx")}, exitFailed, "", `坏.docx: .*\(文件已损坏\)`},
		{"dump without file", bg, []string{"dump"}, exitUsage, "", "exactly one FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.ctx, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if tt.stdout != "" && !regexp.MustCompile(tt.stdout).MatchString(stdout) {
				t.Errorf("stdout does not match %q:\n%s", tt.stdout, stdout)
			}
			if tt.stderr != "" && !regexp.MustCompile(tt.stderr).MatchString(stderr) {
				t.Errorf("stderr does not match %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}

// TestRunSampleBatch runs the README's command on testdata/reports: one row per file.
func TestRunSampleBatch(t *testing.T) {
	const in = "../../testdata/reports"
	ents, err := os.ReadDir(in)
	if err != nil {
		t.Fatal(err)
	}
	var files int
	for _, e := range ents {
		if !e.IsDir() && !batch.Junk(e.Name()) {
			files++
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(context.Background(), "run", in, "-o", out)
	if code != exitFailed { // the sample holds broken files on purpose
		t.Errorf("exit code %d, want %d\n%s", code, exitFailed, stderr)
	}
	reports, err := tables.ReadReports(filepath.Join(out, tables.ReportsFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != files {
		t.Errorf("%d report rows for %d files", len(reports), files)
	}
	status := map[string]string{}
	for _, r := range reports {
		status[r.Path] = r.Status
	}
	for path, want := range map[string]string{
		"longhui-kexie-2024.txt": "ok",
		"损坏的报告.docx":             "failed",
		"旧版格式.doc":               "failed",
	} {
		if status[path] != want {
			t.Errorf("%s: status %q, want %q", path, status[path], want)
		}
	}
	if _, err := tables.ReadFigures(filepath.Join(out, tables.FiguresFile)); err != nil {
		t.Error(err)
	}
	// Only the tables and the views are in the output folder (and the workbook's sum, hidden).
	outEnts, _ := os.ReadDir(out)
	var names []string
	for _, e := range outEnts {
		names = append(names, e.Name())
	}
	want := ".anomalies.xlsx.sha256 anomalies.parquet anomalies.xlsx checks.parquet claims.parquet evaluations.parquet figures.parquet funds.parquet indicators.parquet report.html reports.parquet reviews.parquet sections.parquet"
	if strings.Join(names, " ") != want {
		t.Errorf("output folder holds %q, want %s", names, want)
	}
	// The seed's one inconsistency, in each of its two copies, and nothing else: the
	// generated reports of the sample are clean.
	anomalies, err := tables.ReadAnomalies(filepath.Join(out, tables.AnomaliesFile))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range anomalies {
		got = append(got, a.Rule+" "+a.Path)
	}
	if w := "balance.deficit longhui-kexie-2024.docx balance.deficit longhui-kexie-2024.txt"; strings.Join(got, " ") != w {
		t.Errorf("anomalies %q, want %s", got, w)
	}

	// jixiao analyze re-runs the checks from the tables alone and finds the same.
	before, err := os.ReadFile(filepath.Join(out, tables.AnomaliesFile))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(context.Background(), "analyze", out); code != exitOK {
		t.Fatalf("analyze: exit %d\n%s", code, stderr)
	}
	after, err := os.ReadFile(filepath.Join(out, tables.AnomaliesFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("jixiao analyze wrote different anomalies than the run")
	}
}

func TestDumpJSON(t *testing.T) {
	code, stdout, stderr := runCLI(context.Background(), "dump", "--json", seedTxt)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Format string            `json:"format"`
		Blocks []json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.Format != "txt" || len(doc.Blocks) == 0 {
		t.Errorf("format %q, %d blocks", doc.Format, len(doc.Blocks))
	}
	if !strings.Contains(stdout, "隆回县科学技术协会") {
		t.Error("Chinese text escaped or missing in JSON")
	}
}
