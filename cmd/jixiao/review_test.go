package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jixiao/jixiao/review"
	"github.com/jixiao/jixiao/tables"
)

// TestReviewFlag: the page's CSV given with --review to jixiao run and to jixiao analyze
// reaches the reviews table; --review with --shard is a usage error; a --review file that
// does not exist is listed, not fatal.
func TestReviewFlag(t *testing.T) {
	in := folder(t, nil)
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(context.Background(), "run", in, "-o", out, "-q"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	rows, err := tables.ReadReviews(filepath.Join(out, tables.ReviewsFile))
	if err != nil || len(rows) == 0 {
		t.Fatalf("reviews after the first run: %d rows, %v", len(rows), err)
	}
	key := rows[0].ReviewKey
	csv := filepath.Join(t.TempDir(), "核实标记.csv")
	mark := func(state, comment string) {
		text := "\ufeff核实编号,处理状态,核实意见,核实人,核实日期\r\n" + key + "," + state + "," + comment + ",李,2025-03-05\r\n"
		if err := os.WriteFile(csv, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	status := func() tables.ReviewRow {
		rows, err := tables.ReadReviews(filepath.Join(out, tables.ReviewsFile))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.ReviewKey == key {
				return r
			}
		}
		t.Fatalf("no review of %s", key)
		return tables.ReviewRow{}
	}
	mark(review.StateConfirmed, "已核实")
	if code, _, stderr := runCLI(context.Background(), "run", in, "-o", out, "-q", "--review", csv, "--review", filepath.Join(in, "没有这个文件.xlsx")); code != exitOK {
		t.Fatalf("run --review: exit %d: %s", code, stderr)
	}
	if r := status(); r.Status != review.StateConfirmed || r.Comment != "已核实" || r.Reviewer != "李" {
		t.Errorf("after run --review: %+v", r)
	}
	wb, err := excelize.OpenFile(filepath.Join(out, "anomalies.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	probs, err := wb.GetRows(review.SheetProblems)
	wb.Close()
	if err != nil || len(probs) != 2 || !strings.Contains(strings.Join(probs[1], " "), "没有这个文件.xlsx") {
		t.Errorf("the missing --review file is not listed: %q, %v", probs, err)
	}
	mark(review.StateCorrected, "已整改")
	code, _, stderr := runCLI(context.Background(), "analyze", out, "--review", csv)
	if code != exitOK {
		t.Fatalf("analyze --review: exit %d: %s", code, stderr)
	}
	if r := status(); r.Status != review.StateCorrected || r.Comment != "已整改" {
		t.Errorf("after analyze --review: %+v", r)
	}
	if !strings.Contains(stderr, "carried=1") {
		t.Errorf("analyze does not say what came of the review input: %s", stderr)
	}
	code, _, stderr = runCLI(context.Background(), "run", in, "-o", t.TempDir(), "--shard", "0/2", "--review", csv)
	if code != exitUsage || !strings.Contains(stderr, "--review") {
		t.Errorf("--review with --shard: exit %d: %s", code, stderr)
	}
}
