package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/tables"
)

// TestShardAndIncrementalFlags runs the command line as a batch scheduler would: two shards
// into one dataset, analyze over the dataset, then an incremental re-run.
func TestShardAndIncrementalFlags(t *testing.T) {
	in := folder(t, map[string]string{"copy.txt": "本文件只有文字，没有任何金额。\n"})
	dataset := filepath.Join(t.TempDir(), "dataset")
	for _, k := range []string{"0", "1"} {
		t.Setenv("JOB_COMPLETION_INDEX", k)
		if code, _, stderr := runCLI(context.Background(), "run", in, "-o", dataset, "--shard", "auto/2", "-q"); code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", k, code, stderr)
		}
	}
	files, err := tables.DatasetFiles[tables.ReportRow](dataset)
	if err != nil || len(files) != 2 {
		t.Fatalf("reports parts: %q, %v", files, err)
	}
	code, _, stderr := runCLI(context.Background(), "analyze", dataset)
	if code != exitOK || !strings.Contains(stderr, "2 reports") {
		t.Fatalf("analyze: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dataset, tables.AnomaliesFile)); err != nil {
		t.Error(err)
	}

	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(context.Background(), "run", in, "-o", out, "--incremental"); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	_, _, stderr = runCLI(context.Background(), "run", in, "-o", out, "--incremental")
	if !strings.Contains(stderr, "2 unchanged, 0 read") {
		t.Errorf("incremental re-run says %q", stderr)
	}

	for _, bad := range []string{"2/2", "x", "auto/0"} {
		if code, _, _ := runCLI(context.Background(), "run", in, "-o", out, "--shard", bad); code != exitUsage {
			t.Errorf("--shard %s: exit %d, want %d", bad, code, exitUsage)
		}
	}
}

// TestProfileFlags checks that --cpuprofile and --memprofile write profiles pprof can read
// (non-empty gzip files) and that --verbose logs the phases.
func TestProfileFlags(t *testing.T) {
	in := folder(t, map[string]string{"a.txt": "2024年度收入合计100万元。\n"})
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	code, _, stderr := runCLI(context.Background(), "run", in, "-o", filepath.Join(dir, "out"), "--verbose", "--cpuprofile", cpu, "--memprofile", mem)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, p := range []string{cpu, mem} {
		b, err := os.ReadFile(p)
		if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s: %d bytes, %v; want a gzipped profile", p, len(b), err)
		}
	}
	if !strings.Contains(stderr, "level=DEBUG") || !strings.Contains(stderr, "analysed") {
		t.Errorf("--verbose logged no phase: %s", stderr)
	}
	if code, _, _ := runCLI(context.Background(), "run", in, "-o", filepath.Join(dir, "out2"), "--cpuprofile", filepath.Join(dir, "no", "such", "dir", "cpu.prof")); code != exitRun {
		t.Errorf("unwritable --cpuprofile: exit %d, want %d", code, exitRun)
	}
}
