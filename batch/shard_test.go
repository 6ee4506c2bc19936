package batch

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/tables"
)

var sharedExtractor = sync.OnceValues(func() (*extract.Extractor, error) { return extract.New(extract.Options{}) })

// generated writes n generated reports (no gold files) into a new folder.
func generated(t *testing.T, n int, seed uint64) string {
	t.Helper()
	dir := t.TempDir()
	for _, r := range corpus.Generate(corpus.Options{N: n, Seed: seed}) {
		if err := os.WriteFile(filepath.Join(dir, r.Name+"."+r.Ext), r.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// realConfig is the configuration jixiao run uses: the real extractor, the analysis, the
// fingerprints on the workers.
func realConfig(t *testing.T, in, out string) Config {
	t.Helper()
	ex, err := sharedExtractor()
	if err != nil {
		t.Fatal(err)
	}
	acfg := analyze.Config{}
	return Config{Inputs: []string{in}, Out: out, Jobs: 2, Extractor: ex, Analyze: Rules(acfg)}
}

func sortedFigures(t *testing.T, dir string) []tables.FigureRow {
	t.Helper()
	rows, err := tables.ReadDataset[tables.FigureRow](dir)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortStableFunc(rows, func(a, b tables.FigureRow) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.ReportID, b.ReportID), cmp.Compare(a.Location, b.Location),
			cmp.Compare(a.Metric, b.Metric), cmp.Compare(a.Basis, b.Basis), cmp.Compare(a.Item, b.Item), a.Value.Cmp(b.Value))
	})
	return rows
}

func readTable[R tables.Row](t *testing.T, path string) []R {
	t.Helper()
	rows, err := tables.Read[R](path)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestParseShard(t *testing.T) {
	env := map[string]string{"JOB_COMPLETION_INDEX": "2"}
	getenv := func(k string) string { return env[k] }
	for _, tc := range []struct {
		in   string
		want Shard
		err  bool
	}{
		{in: "0/1", want: Shard{0, 1}},
		{in: "3/4", want: Shard{3, 4}},
		{in: "auto/3", want: Shard{2, 3}},
		{in: "auto/2", err: true}, // index 2 of 2
		{in: "4/4", err: true},
		{in: "-1/4", err: true},
		{in: "1/0", err: true},
		{in: "1", err: true},
		{in: "a/b", err: true},
	} {
		got, err := ParseShard(tc.in, getenv)
		if (err != nil) != tc.err || (!tc.err && got != tc.want) {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
	if _, err := ParseShard("auto/3", func(string) string { return "" }); err == nil {
		t.Error("auto without an index in the environment: no error")
	}
}

// TestShardsMergeToOneRun runs a generated batch once whole and as 3 shards into one
// dataset folder, then analyses the dataset: its figures, reports and findings are the
// whole run's.
func TestShardsMergeToOneRun(t *testing.T) {
	in := generated(t, 60, 11)
	whole := filepath.Join(t.TempDir(), "whole")
	if _, err := Run(context.Background(), realConfig(t, in, whole)); err != nil {
		t.Fatal(err)
	}
	dataset := filepath.Join(t.TempDir(), "dataset")
	files := 0
	for k := range 3 {
		cfg := realConfig(t, in, dataset)
		cfg.Shard = Shard{K: k, N: 3}
		sum, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatalf("shard %d: %v", k, err)
		}
		if sum.Files == 0 || sum.Files == 60 {
			t.Errorf("shard %d read %d of 60 files", k, sum.Files)
		}
		files += sum.Files
	}
	if files != 60 {
		t.Errorf("the shards read %d files in all, want 60", files)
	}
	parts, err := filepath.Glob(filepath.Join(dataset, "figures", tables.PartitionKey+"=*", "part-*.parquet"))
	if err != nil || len(parts) < 3 {
		t.Fatalf("partitioned figures: %v, %v", parts, err)
	}
	for _, name := range []string{tables.FiguresFile, tables.AnomaliesFile} {
		if _, err := os.Stat(filepath.Join(dataset, name)); err == nil {
			t.Errorf("a shard wrote %s", name)
		}
	}

	if got, want := sortedFigures(t, dataset), sortedFigures(t, whole); !reflect.DeepEqual(got, want) {
		t.Errorf("the shards' figures (%d rows) differ from the whole run's (%d rows)", len(got), len(want))
	}
	a, reports, err := Reanalyze(context.Background(), dataset, analyze.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 60 {
		t.Errorf("analyze read %d reports, want 60", len(reports))
	}
	wantReports := readTable[tables.ReportRow](t, filepath.Join(whole, tables.ReportsFile))
	for i := range min(len(reports), len(wantReports)) {
		if got := reports[i].Row(); !reflect.DeepEqual(got, wantReports[i]) {
			t.Errorf("report %d: %+v, want %+v", i, got, wantReports[i])
			break
		}
	}
	if want := readTable[tables.AnomalyRow](t, filepath.Join(whole, tables.AnomaliesFile)); !reflect.DeepEqual(a.Anomalies, want) {
		t.Errorf("the dataset's findings (%d) differ from the whole run's (%d)", len(a.Anomalies), len(want))
	}
	if want := readTable[tables.CheckRow](t, filepath.Join(whole, tables.ChecksFile)); !reflect.DeepEqual(a.Checks.Slice(), want) {
		t.Errorf("the dataset's checks (%d) differ from the whole run's (%d)", a.Checks.Len(), len(want))
	}
}

// TestShardRerunReplacesItsParts runs a shard twice after its files moved to another year:
// the second run leaves no part of the first behind.
func TestShardRerunReplacesItsParts(t *testing.T) {
	in := writeTree(t, map[string]string{"a.txt": "IDENT 甲单位 2023\n", "b.txt": "IDENT 乙单位 2023\n"})
	out := t.TempDir()
	cfg := Config{Inputs: []string{in}, Out: out, Extractor: newFake(t), Shard: Shard{K: 0, N: 1}}
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(in, name), []byte("IDENT 甲单位 2024\n"+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	files, err := tables.DatasetFiles[tables.ReportRow](out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(out, "reports", tables.PartitionKey+"=2024", "part-0.parquet")}
	if !slices.Equal(files, want) {
		t.Errorf("reports parts %q, want %q", files, want)
	}
}

// TestShardOfIsStable pins the hash, so that shards of a batch run by different versions
// still partition it the same way.
func TestShardOfIsStable(t *testing.T) {
	got := fmt.Sprint(ShardOf("a.docx", 7), ShardOf("部门/隆回县科协.docx", 7), ShardOf("", 7))
	if want := "2 5 2"; got != want {
		t.Errorf("ShardOf = %s, want %s", got, want)
	}
	if !(Shard{}).Has("x") || !(Shard{K: 0, N: 1}).Has("x") {
		t.Error("an unsharded run must have every file")
	}
	if strings.Contains(Shard{K: 1, N: 3}.String(), " ") {
		t.Error("Shard.String")
	}
}
