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
