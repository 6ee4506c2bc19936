package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/batch"
	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/tables"
)

// TestFilesFromJSONLines pipes a list of files into "jixiao run --files-from - --jsonl", as
// Spark's RDD.pipe does, and compares the lines with the tables "jixiao run" writes for
// the same files: one report line per file with its row's identity and values, and one
// figure line per row of the figures table.
func TestFilesFromJSONLines(t *testing.T) {
	dir := t.TempDir()
	var list []string
	for _, r := range corpus.Generate(corpus.Options{N: 8, Seed: 4}) {
		p := filepath.Join(dir, r.Name+"."+r.Ext)
		if err := os.WriteFile(p, r.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		list = append(list, p)
	}
	listFile := filepath.Join(t.TempDir(), "list.txt")
	if err := os.WriteFile(listFile, []byte(strings.Join(list, "\n")+"\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(context.Background(), "run", "--files-from", listFile, "-o", out, "-q"); code != exitOK {
		t.Fatalf("run --files-from FILE: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLIWith(context.Background(), strings.Join(list, "\r\n"), "run", "--files-from", "-", "--jsonl", "-q")
	if code != exitOK {
		t.Fatalf("run --files-from - --jsonl: exit %d: %s", code, stderr)
	}
	var reports []batch.ReportLine
	var figures []batch.FigureLine
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		var head struct{ Table string }
		if err := json.Unmarshal([]byte(line), &head); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		switch head.Table {
		case "reports":
			var r batch.ReportLine
			err := json.Unmarshal([]byte(line), &r)
			reports = append(reports, r)
			if err != nil {
				t.Fatal(err)
			}
		case "figures":
			var f batch.FigureLine
			err := json.Unmarshal([]byte(line), &f)
			figures = append(figures, f)
			if err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("line of table %q", head.Table)
		}
	}
	wantR := readRows[tables.ReportRow](t, filepath.Join(out, tables.ReportsFile))
	wantF := readRows[tables.FigureRow](t, filepath.Join(out, tables.FiguresFile))
	if len(reports) != len(list) || len(reports) != len(wantR) || len(figures) != len(wantF) || len(figures) == 0 {
		t.Fatalf("%d report lines, %d figure lines; the tables have %d reports, %d figures, of %d files",
			len(reports), len(figures), len(wantR), len(wantF), len(list))
	}
	for i, w := range wantR {
		g := reports[i]
		if g.ReportID != w.ReportID || g.Path != w.Path || g.Status != w.Status || g.Department != w.Department ||
			g.Year != w.Year || len(g.Values) != len(w.Values) {
			t.Errorf("report line %d: %+v, want the row %+v", i, g, w)
		}
		for m, v := range w.Values {
			if !g.Values[m].Equal(v) {
				t.Errorf("report line %d: %s = %s, want %s", i, m, g.Values[m], v)
			}
		}
	}
	for i, w := range wantF {
		g := figures[i]
		if g.ReportID != w.ReportID || g.Metric != w.Metric || g.Basis != w.Basis || !g.Value.Equal(w.Value) || g.Location != w.Location {
			t.Errorf("figure line %d: %+v, want the row %+v", i, g, w)
			break
		}
	}

	if code, stdout, _ := runCLIWith(context.Background(), "", "run", "--files-from", "-", "--jsonl"); code != exitOK || stdout != "" {
		t.Errorf("an empty list: exit %d, %q; want 0 and no lines", code, stdout)
	}
	if code, _, stderr := runCLI(context.Background(), "run", "--files-from", listFile, "--jsonl", "-o", out); code != exitUsage {
		t.Errorf("--jsonl with -o: exit %d, %s; want a usage error", code, stderr)
	}
	if code, _, stderr := runCLI(context.Background(), "run", "--files-from", filepath.Join(dir, "none.txt"), "-o", out); code != exitUsage {
		t.Errorf("--files-from a missing file: exit %d, %s; want a usage error", code, stderr)
	}
}
