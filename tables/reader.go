package tables

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// Read reads the rows of R's table from the Parquet file at path, in file
// order. Columns are matched by name: a column of R's table that the file
// lacks (a metric added after the file was written) reads as zero or null,
// and columns R does not know are ignored. A column of the wrong type is an
// error.
func Read[R Row](path string) ([]R, error) {
	t := tableOf[R]()
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer pf.Close()
	mem := memory.NewGoAllocator()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer tbl.Release()

	// where[j] is the file's column index of t.columns[j], or -1.
	where := make([]int, len(t.columns))
	for j, c := range t.columns {
		where[j] = -1
		if idx := tbl.Schema().FieldIndices(c.field.Name); len(idx) > 0 {
			where[j] = idx[0]
		}
	}

	rows := make([]R, 0, tbl.NumRows())
	tr := array.NewTableReader(tbl, 0)
	defer tr.Release()
	for tr.Next() {
		rec := tr.RecordBatch()
		base := len(rows)
		rows = append(rows, make([]R, rec.NumRows())...)
		for j, c := range t.columns {
			if where[j] < 0 {
				continue
			}
			col := rec.Column(where[j])
			for i := 0; i < int(rec.NumRows()); i++ {
				if err := c.get(col, i, &rows[base+i]); err != nil {
					return nil, fmt.Errorf("read %s: %w", path, err)
				}
			}
		}
	}
	if err := tr.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return rows, nil
}

// ReadReports reads a reports table (reports.parquet).
func ReadReports(path string) ([]ReportRow, error) { return Read[ReportRow](path) }

// ReadFigures reads a figures table (figures.parquet).
func ReadFigures(path string) ([]FigureRow, error) { return Read[FigureRow](path) }

// ReadAnomalies reads an anomalies table (anomalies.parquet).
func ReadAnomalies(path string) ([]AnomalyRow, error) { return Read[AnomalyRow](path) }

// ReadChecks reads a checks table (checks.parquet).
func ReadChecks(path string) ([]CheckRow, error) { return Read[CheckRow](path) }

// ReadClaims reads a claims table (claims.parquet).
func ReadClaims(path string) ([]ClaimRow, error) { return Read[ClaimRow](path) }

// ReadSections reads a sections table (sections.parquet).
func ReadSections(path string) ([]SectionRow, error) { return Read[SectionRow](path) }
