package batch

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/jixiao/jixiao/tables"
)

// closer is the part of a tables.Writer that Write needs to finish or discard it.
type closer interface {
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
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create the output folder: %w", err)
	}
	var open []closer
	defer func() {
		if err != nil {
			for _, w := range open {
				err = errors.Join(err, w.Abort())
			}
		}
	}()

	rw, err := tables.Create[tables.ReportRow](out)
	if err != nil {
		return err
	}
	open = append(open, rw)
	fw, err := tables.Create[tables.FigureRow](out)
	if err != nil {
		return err
	}
	open = append(open, fw)
	clw, err := tables.Create[tables.ClaimRow](out)
	if err != nil {
		return err
	}
	open = append(open, clw)
	sw, err := tables.Create[tables.SectionRow](out)
	if err != nil {
		return err
	}
	open = append(open, sw)
	for i := range reports {
		if i%1000 == 0 {
			if err := interrupted(ctx); err != nil {
				return err
			}
		}
		if err := rw.Write(reports[i].Row()); err != nil {
			return err
		}
		if err := fw.Write(reports[i].FigureRows()...); err != nil {
			return err
		}
		if err := clw.Write(reports[i].ClaimRows()...); err != nil {
			return err
		}
		if err := sw.Write(reports[i].SectionRows()...); err != nil {
			return err
		}
	}
	if analysis != nil {
		aw, err := tables.Create[tables.AnomalyRow](out)
		if err != nil {
			return err
		}
		open = append(open, aw)
		if err := aw.Write(analysis.Anomalies...); err != nil {
			return err
		}
		cw, err := tables.Create[tables.CheckRow](out)
		if err != nil {
			return err
		}
		open = append(open, cw)
		if err := cw.Write(analysis.Checks...); err != nil {
			return err
		}
	}
	if err := interrupted(ctx); err != nil {
		return err
	}
	for _, w := range open {
		if err := w.Finish(); err != nil {
			return err
		}
	}
	// Every table is complete on disk: only the renames remain.
	for len(open) > 0 {
		if err := open[0].Close(); err != nil {
			open = open[1:]
			return err
		}
		open = open[1:]
	}
	return nil
}

func interrupted(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("run interrupted, no tables written: %w", err)
	}
	return nil
}
