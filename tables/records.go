package tables

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// ReadRecords reads any flat Parquet file as text: the column names and, per row, each
// value as a string (numbers and decimals in plain notation, nulls as ""). It serves the
// finance bureau's own tables (--reference, --expected), whose columns jixiao does not fix.
func ReadRecords(path string) (header []string, rows [][]string, err error) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.NewGoAllocator())
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer tbl.Release()
	for _, f := range tbl.Schema().Fields() {
		header = append(header, f.Name)
	}
	tr := array.NewTableReader(tbl, 0)
	defer tr.Release()
	for tr.Next() {
		rec := tr.RecordBatch()
		for i := 0; i < int(rec.NumRows()); i++ {
			row := make([]string, rec.NumCols())
			for j := range row {
				col := rec.Column(j)
				if col.IsValid(i) {
					row[j] = col.ValueStr(i)
				}
			}
			rows = append(rows, row)
		}
	}
	if err := tr.Err(); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return header, rows, nil
}
