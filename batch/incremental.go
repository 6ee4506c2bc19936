package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jixiao/jixiao/tables"
)

// previous is what an incremental run takes over from the earlier run in its output
// folder: its readable reports (ok or partial) by report_id and path. A failed file is
// always read again: its failure may have been a limit or a timeout that this run's
// settings change.
type previous struct {
	byKey map[string]*Report
}

// loadPrevious reads the tables an earlier run wrote into out in the layout this run
// writes: the flat tables, or this shard's parts of the partitioned ones. No earlier
// tables is no error: every file is read.
func loadPrevious(out string, shard Shard) (*previous, error) {
	tf, err := runFiles(out, shard)
	if err != nil {
		return nil, err
	}
	p := &previous{byKey: map[string]*Report{}}
	if len(tf.reports) == 0 {
		return p, nil
	}
	reports, err := loadFiles(tf)
	if err != nil {
		return nil, err
	}
	for i := range reports {
		r := &reports[i]
		if r.Status == StatusFailed || r.ID == "" {
			continue
		}
		r.reused = true
		p.byKey[resultKey(r.ID, r.Path)] = r
	}
	return p, nil
}

// lookup returns the earlier run's report of the file with this content and path, or nil.
func (p *previous) lookup(id, path string) *Report {
	if p == nil || id == "" {
		return nil
	}
	return p.byKey[resultKey(id, path)]
}

// runFiles lists the data tables' files a run with this shard writes into out.
func runFiles(out string, shard Shard) (tf tableFiles, err error) {
	var errs [7]error
	tf.reports, errs[0] = runTableFiles[tables.ReportRow](out, shard)
	tf.figures, errs[1] = runTableFiles[tables.FigureRow](out, shard)
	tf.claims, errs[2] = runTableFiles[tables.ClaimRow](out, shard)
	tf.sections, errs[3] = runTableFiles[tables.SectionRow](out, shard)
	tf.evaluations, errs[4] = runTableFiles[tables.EvaluationRow](out, shard)
	tf.indicators, errs[5] = runTableFiles[tables.IndicatorRow](out, shard)
	tf.funds, errs[6] = runTableFiles[tables.FundsRow](out, shard)
	return tf, errors.Join(errs[:]...)
}

// runTableFiles lists R's table as a run with this shard writes it into out: out/figures.parquet
// unsharded, out/figures/report_year=*/part-K.parquet for shard K.
func runTableFiles[R tables.Row](out string, shard Shard) ([]string, error) {
	if !shard.Sharded() {
		p := filepath.Join(out, tables.FileName[R]())
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		return []string{p}, nil
	}
	files, err := filepath.Glob(filepath.Join(out, tables.Name[R](), tables.PartitionKey+"=*", shardFile(shard)))
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", out, err)
	}
	return files, nil
}

// shardFile is the file name of shard's part in each partition.
func shardFile(shard Shard) string { return fmt.Sprintf("part-%d.parquet", shard.K) }

// removeStale deletes this shard's parts that the run did not write: partitions (years)
// that held rows of this shard in an earlier run and hold none now.
func (ts *tableSet) removeStale() error {
	written := map[string]bool{}
	for _, p := range ts.written {
		written[p] = true
	}
	var errs []error
	for _, list := range []func() ([]string, error){
		func() ([]string, error) { return runTableFiles[tables.ReportRow](ts.out, ts.shard) },
		func() ([]string, error) { return runTableFiles[tables.FigureRow](ts.out, ts.shard) },
		func() ([]string, error) { return runTableFiles[tables.ClaimRow](ts.out, ts.shard) },
		func() ([]string, error) { return runTableFiles[tables.SectionRow](ts.out, ts.shard) },
		func() ([]string, error) { return runTableFiles[tables.EvaluationRow](ts.out, ts.shard) },
		func() ([]string, error) { return runTableFiles[tables.IndicatorRow](ts.out, ts.shard) },
		func() ([]string, error) { return runTableFiles[tables.FundsRow](ts.out, ts.shard) },
	} {
		files, err := list()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range files {
			if !written[f] {
				if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
					errs = append(errs, err)
				}
			}
		}
	}
	return errors.Join(errs...)
}
