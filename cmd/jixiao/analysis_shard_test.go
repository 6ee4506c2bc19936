package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/tables"
)

// TestIndexedJobStages runs the commands of the three stages of docs/scale.md's Kubernetes
// Indexed Job, in sequence, with JOB_COMPLETION_INDEX set as the pods have it: 3 extract
// shards, 3 analysis shards, the merge. The merged tables and views are, byte for byte,
// those of one "jixiao analyze" over the same dataset.
func TestIndexedJobStages(t *testing.T) {
	in := t.TempDir()
	for _, r := range corpus.Generate(corpus.Options{N: 60, Seed: 9}) {
		if err := os.WriteFile(filepath.Join(in, r.Name+"."+r.Ext), r.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a county's batch beside them: inconsistencies within and across its reports
	if err := corpus.Write(in, corpus.CountyBatch(9)); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	stage := func(args ...string) {
		t.Helper()
		for k := range 3 {
			t.Setenv("JOB_COMPLETION_INDEX", fmt.Sprint(k))
			if code, _, stderr := runCLI(context.Background(), args...); code != exitOK {
				t.Fatalf("%q with index %d: exit %d: %s", args, k, code, stderr)
			}
		}
	}
	stage("run", in, "-o", out, "--shard", "auto/3", "-q")
	stage("analyze", out, "--shard", "auto/3", "-q")
	one := filepath.Join(t.TempDir(), "one") // the same dataset, analysed on one machine
	if err := os.CopyFS(one, os.DirFS(out)); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(context.Background(), "analyze", out, "--merge", "-q"); code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(context.Background(), "analyze", one, "-q"); code != exitOK {
		t.Fatalf("analyze: exit %d: %s", code, stderr)
	}
	for _, name := range []string{tables.AnomaliesFile, tables.ChecksFile, tables.ReviewsFile, "anomalies.xlsx", "report.html"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(one, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("merged %s (%d bytes) differs from one analyze's (%d bytes)", name, len(got), len(want))
		}
	}
	if rows := readRows[tables.AnomalyRow](t, filepath.Join(out, tables.AnomaliesFile)); len(rows) == 0 {
		t.Error("the merged analysis has no findings: nothing was compared")
	}
}

func readRows[R tables.Row](t *testing.T, path string) []R {
	t.Helper()
	rows, err := tables.Read[R](path)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestAnalysisShardFlags checks the command lines that mix the two steps or give an input
// to the wrong one: usage errors, and a merge without shards: a run error.
func TestAnalysisShardFlags(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(context.Background(), "run", folder(t, nil), "-o", out, "-q"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	ref := filepath.Join(t.TempDir(), "ref.csv")
	if err := os.WriteFile(ref, []byte("department,year,metric,value\n县科协,2024,income.total,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--shard", "0/2", "--merge"}, exitUsage, "two steps"},
		{[]string{"--shard", "0/2", "--expected", ref}, exitUsage, "go with --merge"},
		{[]string{"--shard", "0/2", "--review", ref}, exitUsage, "go with --merge"},
		{[]string{"--merge", "--reference", ref}, exitUsage, "goes with the shards"},
		{[]string{"--shard", "2/2"}, exitUsage, "K must be"},
		{[]string{"--merge"}, exitRun, "no analysis folder"},
	}
	for _, tc := range tests {
		code, _, stderr := runCLI(context.Background(), append([]string{"analyze", out}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("analyze %q: exit %d, %q; want exit %d saying %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}
