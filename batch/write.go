package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/tables"
)

// closer is the part of a tables.Writer that Write needs to finish or discard it.
type closer interface {
	Path() string
	Finish() error
	Close() error
	Abort() error
}

// Write writes the tables of a run into the folder out, creating it if
// missing: reports.parquet and figures.parquet, and anomalies.parquet and
// checks.parquet when analysis is not nil. Rows are written in the order given
// (Collect's order). Each table is written to a temporary file and renamed
// into place only after every table has been written in full; on any error,
// or when ctx ends, the temporary files are removed, no table of this run is
// left behind, and the error is returned.
func Write(ctx context.Context, out string, reports []Report, analysis *Analysis) (err error) {
	ts, err := newTableSet(out, Shard{})
	if err != nil {
		return errors.Join(err, ts.abort())
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, ts.abort())
		}
	}()
	for i := range reports {
		if i%1000 == 0 {
			if err := interrupted(ctx); err != nil {
				return err
			}
		}
		if err := ts.add(&reports[i]); err != nil {
			return err
		}
	}
	if err := ts.addAnalysis(analysis); err != nil {
		return err
	}
	return ts.commit(ctx)
}

// tableSet writes the tables of one run as their rows come, report by report: each table
// streams its rows to a temporary file in row groups of tables.RowGroupRows (or
// tables.RowGroupBytes of text), so a run holds at most a row group per table, not the
// tables; finish completes the files on disk as soon as their rows are all written. Nothing
// is renamed into place before commit, and abort removes every temporary file.
//
// Unsharded, the tables are the files of the output folder (OUT/figures.parquet). Sharded
// (Shard K/N), each table is a Hive-style partitioned folder, one file per report year and
// shard: OUT/figures/report_year=2024/part-K.parquet, which DuckDB, Spark and Trino read
// as one dataset with the others shards' parts.
type tableSet struct {
	out   string
	shard Shard

	reports     partitioned[tables.ReportRow]
	figures     partitioned[tables.FigureRow]
	claims      partitioned[tables.ClaimRow]
	sections    partitioned[tables.SectionRow]
	evaluations partitioned[tables.EvaluationRow]
	indicators  partitioned[tables.IndicatorRow]
	funds       partitioned[tables.FundsRow]
	open        []closer // every writer not yet finished, in the order opened
	finished    []closer // every writer finished (complete on disk), not yet renamed into place
	written     []string // the files of the tables, once renamed into place
}

// partitioned is one table of a tableSet: one writer per partition, opened when its first
// row comes ("" when the run is not sharded).
type partitioned[R tables.Row] struct {
	writers map[string]*tables.Writer[R]
}

func newTableSet(out string, shard Shard) (*tableSet, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("create the output folder: %w", err)
	}
	ts := &tableSet{out: out, shard: shard}
	if shard.Sharded() {
		return ts, nil
	}
	// The flat tables exist even when empty (a run over no files).
	return ts, errors.Join(
		openPart(ts, &ts.reports, ""), openPart(ts, &ts.figures, ""),
		openPart(ts, &ts.claims, ""), openPart(ts, &ts.sections, ""),
		openPart(ts, &ts.evaluations, ""), openPart(ts, &ts.indicators, ""), openPart(ts, &ts.funds, ""))
}

// partition is the partition of a report's rows: its year, or tables.DefaultPartition.
func (ts *tableSet) partition(r *Report) string {
	if !ts.shard.Sharded() {
		return ""
	}
	if r.Result != nil && r.Result.Identity.Year > 0 {
		return strconv.Itoa(r.Result.Identity.Year)
	}
	return tables.DefaultPartition
}

// openPart returns the writer of p's partition part, opening it if needed.
func openPart[R tables.Row](ts *tableSet, p *partitioned[R], part string) error {
	_, err := writerOf(ts, p, part)
	return err
}

func writerOf[R tables.Row](ts *tableSet, p *partitioned[R], part string) (*tables.Writer[R], error) {
	if w, ok := p.writers[part]; ok {
		return w, nil
	}
	var w *tables.Writer[R]
	var err error
	if !ts.shard.Sharded() {
		w, err = tables.Create[R](ts.out)
	} else {
		dir := filepath.Join(ts.out, tables.Name[R](), tables.PartitionKey+"="+part)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create %s: %w", dir, err)
		}
		w, err = tables.CreateAt[R](filepath.Join(dir, shardFile(ts.shard)))
	}
	if err != nil {
		return nil, err
	}
	if p.writers == nil {
		p.writers = map[string]*tables.Writer[R]{}
	}
	p.writers[part] = w
	ts.open = append(ts.open, w)
	return w, nil
}

func writeRows[R tables.Row](ts *tableSet, p *partitioned[R], part string, rows []R) error {
	if len(rows) == 0 && ts.shard.Sharded() {
		return nil
	}
	w, err := writerOf(ts, p, part)
	if err != nil {
		return err
	}
	return w.Write(rows...)
}

// add writes a report's rows to the reports, figures, claims and sections tables and to
// the self-evaluation tables (evaluations, indicators, funds).
func (ts *tableSet) add(r *Report) error {
	part := ts.partition(r)
	return errors.Join(
		writeRows(ts, &ts.reports, part, []tables.ReportRow{r.Row()}),
		writeRows(ts, &ts.figures, part, r.FigureRows()),
		writeRows(ts, &ts.claims, part, r.ClaimRows()),
		writeRows(ts, &ts.sections, part, r.SectionRows()),
		writeRows(ts, &ts.evaluations, part, r.EvaluationRows()),
		writeRows(ts, &ts.indicators, part, r.IndicatorRows()),
		writeRows(ts, &ts.funds, part, r.FundsRows()),
	)
}

// addAnalysis writes the anomalies and checks tables (always unpartitioned); nil writes none.
func (ts *tableSet) addAnalysis(a *Analysis) error {
	if a == nil {
		return nil
	}
	aw, err := tables.Create[tables.AnomalyRow](ts.out)
	if err != nil {
		return err
	}
	ts.open = append(ts.open, aw)
	if err := aw.Write(a.Anomalies...); err != nil {
		return err
	}
	cw, err := tables.Create[tables.CheckRow](ts.out)
	if err != nil {
		return err
	}
	ts.open = append(ts.open, cw)
	return writeChecks(cw, a.Checks)
}

// finish completes on disk every table opened so far (its last row group, its footer),
// without renaming it into place: a run finishes the data tables once the last report is
// read, so that their writers' buffers are let go before the analysis and the views.
func (ts *tableSet) finish() error {
	for len(ts.open) > 0 {
		w := ts.open[0]
		if err := w.Finish(); err != nil {
			return err
		}
		ts.open = ts.open[1:]
		ts.finished = append(ts.finished, w)
	}
	return nil
}

// commit finishes every table, then renames them all into place.
func (ts *tableSet) commit(ctx context.Context) error {
	if err := interrupted(ctx); err != nil {
		return err
	}
	if err := ts.finish(); err != nil {
		return err
	}
	// Every table is complete on disk: only the renames remain.
	for len(ts.finished) > 0 {
		w := ts.finished[0]
		ts.finished = ts.finished[1:]
		if err := w.Close(); err != nil {
			return err
		}
		ts.written = append(ts.written, w.Path())
	}
	return nil
}

// abort removes the temporary files of every table not yet renamed into place.
func (ts *tableSet) abort() error {
	if ts == nil {
		return nil
	}
	var err error
	for _, w := range append(ts.open, ts.finished...) {
		err = errors.Join(err, w.Abort())
	}
	ts.open, ts.finished = nil, nil
	return err
}

func interrupted(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("run interrupted, no tables written: %w", err)
	}
	return nil
}

// writeChecks writes the checks into w, a row group's worth at a time: a national year's
// millions are never all made into rows at once.
func writeChecks(w *tables.Writer[tables.CheckRow], checks *analyze.Checks) error {
	return checks.Chunks(tables.RowGroupRows, func(rows []tables.CheckRow) error { return w.Write(rows...) })
}
