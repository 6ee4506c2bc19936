package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jixiao/jixiao/batch"
	"github.com/jixiao/jixiao/explain"
	"github.com/jixiao/jixiao/parse"
)

const explainUse = `Usage: jixiao explain FILE [--json] [--reference FILE]

Shows what jixiao made of one report: its unit, region, year and title; every figure,
grouped by metric, beside the sentence or table cell it was read from (the number in
【】, ★ on the value the reports table takes); the shares, changes and transfers it
states; and every rule's outcome with its findings' messages and evidence. The report is
checked alone: rules that compare reports (peer.outlier, yoy.swing …) have nothing to
compare it with. Anomaly ids are those of "jixiao run" over the same file.

Exit codes: 0 done, 1 the file cannot be read, 2 usage error, 3 output not writable.
`

func explainCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("explain")
	asJSON := fs.Bool("json", false, "write the explanation as JSON")
	reference := fs.String("reference", "", "the finance bureau's own figures (CSV: department, year, metric, basis, value)")
	lim := limitFlags(fs)
	timeout := fs.Duration("file-timeout", batch.DefaultFileTimeout, "most time spent on the file")
	if code, done := parseFlags(fs, explainUse, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() != 1 {
		return usageError(stderr, "explain", "give exactly one FILE")
	}
	path := fs.Arg(0)
	ex, acfg, code := loadTools(stderr, "explain", analysisInputs{reference: reference, expected: new(string)})
	if code != exitOK {
		return code
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	e, err := explain.File(ctx, path, explain.Options{Limits: *lim, Extractor: ex, Analysis: acfg})
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: %s: %s\n", path, parse.Message(err))
		if errors.Is(err, context.Canceled) {
			return exitRun
		}
		return exitFailed
	}
	if *asJSON {
		err = explain.WriteJSON(stdout, e)
	} else {
		err = explain.WriteText(stdout, e)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: write: %v\n", err)
		return exitRun
	}
	return exitOK
}
