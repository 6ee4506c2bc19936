package fidelity

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/extract"
)

// writersDir is the fixture tree: gold/ (the generator's gold files), source/ and txt/ (the
// generated files), docx-<construct>/ and pdf-<producer>/. The committed one is small;
// parse/testdata/writers/regen.sh writes a larger one to score with -writers.
var writersDir = flag.String("writers", "../../parse/testdata/writers", "folder of the fixture tree to score")

// textSourced are the producers that print the generated .txt rather than the .docx.
var textSourced = map[string]bool{"pango-cairo": true, "cups-texttopdf": true, "reportlab-cid": true, "reportlab-ttf": true}

// TestWriters scores every folder of the fixture tree and holds each to its target: a .docx
// construct F1 ≥ 0.99 with no file failed; a PDF producer F1 within 0.01 of the same
// reports' source files, with no file failed. Run it with
//
//	go test ./internal/fidelity -run Writers -v [-args -writers DIR]
func TestWriters(t *testing.T) {
	dir := *writersDir
	golds, err := ReadGolds(filepath.Join(dir, "gold"))
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) == 0 {
		t.Fatalf("%s/gold holds no gold files", dir)
	}
	e, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	folders, err := filepath.Glob(filepath.Join(dir, "*-*"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(folders)
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-22s %5s %6s %5s %5s %5s %6s %9s\n", "folder", "files", "failed", "tp", "fp", "fn", "F1", "source F1")
	for _, folder := range folders {
		name := filepath.Base(folder)
		kind, what, _ := strings.Cut(name, "-")
		if kind != "docx" && kind != "pdf" {
			continue
		}
		s, err := ScoreDir(ctx, e, folder, golds)
		if err != nil {
			t.Fatal(err)
		}
		src, err := sourceScore(ctx, e, dir, what, folder, golds)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&table, "%-22s %5d %6d %5d %5d %5d %6.3f %9.3f\n", name, s.Files, s.Failed, s.TP, s.FP, s.FN, s.F1(), src.F1())
		for _, m := range s.Misses {
			t.Logf("%s: %s", name, m)
		}
		switch {
		case s.Failed > 0:
			t.Errorf("%s: %d of %d files failed", name, s.Failed, s.Files)
		case kind == "docx" && s.F1() < 0.99:
			t.Errorf("%s: F1 %.3f, want ≥ 0.99", name, s.F1())
		case kind == "pdf" && s.F1() < src.F1()-0.01:
			t.Errorf("%s: F1 %.3f, want within 0.01 of the source files' %.3f", name, s.F1(), src.F1())
		}
	}
	t.Log(table.String())
}

// sourceScore scores the source files of the reports in folder: the generated .txt for the
// producers that print text, the generated .docx for the others.
func sourceScore(ctx context.Context, e *extract.Extractor, dir, producer, folder string, golds map[string]corpus.Gold) (Score, error) {
	src, ext := "source", ".docx"
	if textSourced[producer] {
		src, ext = "txt", ".txt"
	}
	entries, err := os.ReadDir(folder)
	if err != nil {
		return Score{}, err
	}
	var s Score
	for _, ent := range entries {
		stem := strings.TrimSuffix(ent.Name(), filepath.Ext(ent.Name()))
		g, ok := golds[stem]
		if !ok {
			continue
		}
		if err := s.add(ctx, e, filepath.Join(dir, src, stem+ext), g); err != nil {
			return s, err
		}
	}
	return s, nil
}
