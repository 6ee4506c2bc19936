package tables

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

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
	var rows []R
	err := Scan(path, func(batch []R) error {
		rows = append(rows, batch...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []R{}
	}
	return rows, nil
}

// scanBatchRows is the most rows Scan reads at a time.
const scanBatchRows = 8192

// Scan reads the rows of R's table from the Parquet file at path as Read does, but a
// batch of rows at a time, and calls fn with each batch, in file order: a caller that
// turns rows into something smaller holds one batch, not the table. fn may keep the slice;
// an error from fn stops the scan and is returned.
func Scan[R Row](path string, fn func([]R) error) error {
	t := tableOf[R]()
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer pf.Close()
	mem := memory.NewGoAllocator()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: scanBatchRows}, mem)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rr, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer rr.Release()

	// where[j] is the file's column index of t.columns[j], or -1.
	where := make([]int, len(t.columns))
	for j, c := range t.columns {
		where[j] = -1
		if idx := rr.Schema().FieldIndices(c.field.Name); len(idx) > 0 {
			where[j] = idx[0]
		}
	}
	for rr.Next() {
		rec := rr.RecordBatch()
		rows := make([]R, rec.NumRows())
		for j, c := range t.columns {
			if where[j] < 0 {
				continue
			}
			col := rec.Column(where[j])
			for i := range rows {
				if err := c.get(col, i, &rows[i]); err != nil {
					return fmt.Errorf("read %s: %w", path, err)
				}
			}
		}
		if err := fn(rows); err != nil {
			return err
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
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

// ReadIndicators reads an indicators table (indicators.parquet).
func ReadIndicators(path string) ([]IndicatorRow, error) { return Read[IndicatorRow](path) }

// ReadFunds reads a funds table (funds.parquet).
func ReadFunds(path string) ([]FundsRow, error) { return Read[FundsRow](path) }

// ReadEvaluations reads an evaluations table (evaluations.parquet).
func ReadEvaluations(path string) ([]EvaluationRow, error) { return Read[EvaluationRow](path) }

// PartitionKey is the Hive-style partition column of a partitioned dataset: the fiscal year
// of the report a row belongs to. It is not named year because the reports and figures tables
// have a year column of their own (and a figure's year may differ from its report's), which a
// reader that adds partition columns (DuckDB, Spark, Trino) would otherwise overwrite.
const PartitionKey = "report_year"

// DefaultPartition is the partition of rows whose report has no known year, the name Hive,
// Spark and DuckDB read as null.
const DefaultPartition = "__HIVE_DEFAULT_PARTITION__"

// DatasetFiles lists the files of R's table in the folder dir, in lexical order: the single
// file of an unpartitioned run (dir/figures.parquet) and the parts of a partitioned dataset
// (dir/figures/report_year=2024/part-0.parquet, any depth, any *.parquet). A folder holding
// both is an error: two runs would be read as one. No file at all gives an empty list.
func DatasetFiles[R Row](dir string) ([]string, error) {
	var files []string
	flat := filepath.Join(dir, tableOf[R]().file)
	if _, err := os.Stat(flat); err == nil {
		files = append(files, flat)
	}
	root := filepath.Join(dir, Name[R]())
	var parts []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) && !strings.Contains(name, "=") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".parquet") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_") {
			parts = append(parts, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", root, err)
	}
	if len(files) > 0 && len(parts) > 0 {
		return nil, fmt.Errorf("%s holds both %s and a partitioned %s folder: %w", dir, tableOf[R]().file, Name[R](), ErrMixedLayout)
	}
	sort.Strings(parts)
	return append(files, parts...), nil
}

// ErrMixedLayout marks an output folder that holds a table both as one file and as a
// partitioned folder.
var ErrMixedLayout = errors.New("an unpartitioned and a partitioned table in one folder")

// ReadDataset reads every file of R's table in dir (see DatasetFiles), one after the other.
func ReadDataset[R Row](dir string) ([]R, error) {
	files, err := DatasetFiles[R](dir)
	if err != nil {
		return nil, err
	}
	var rows []R
	for _, f := range files {
		part, err := Read[R](f)
		if err != nil {
			return nil, err
		}
		rows = append(rows, part...)
	}
	return rows, nil
}
