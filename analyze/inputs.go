package analyze

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// ReferenceRow is one row of the finance bureau's reference figures (--reference).
type ReferenceRow struct {
	// Department is the unit name as the bureau writes it; matched after NormalizeDepartment.
	Department string
	Year       int
	// Metric is a vocabulary ID.
	Metric string
	// Basis is actual or budget (actual when the column is absent or empty).
	Basis extract.Basis
	// Value is in yuan.
	Value decimal.Decimal
	// Line is the 1-based line of the file the row came from, for evidence and errors.
	Line int
}

// ExpectedRow is one unit that must submit a report for a year (--expected).
type ExpectedRow struct {
	Department string
	Year       int
	Line       int
}

// ErrParquetInput is returned for a --reference or --expected file in Parquet format when
// no RecordReader is given to read it.
var ErrParquetInput = errors.New("parquet input needs a Parquet reader")

// RecordReader reads a table file as a header and rows of text (tables.ReadRecords reads
// Parquet). analyze itself reads CSV; Parquet reading lives with the other Parquet code.
type RecordReader func(path string) (header []string, rows [][]string, err error)

// ErrInputFormat is wrapped by the errors of malformed --reference and --expected files.
var ErrInputFormat = errors.New("malformed input table")

// LoadReference reads a --reference CSV file: UTF-8 (optionally with a BOM), a header row
// naming the columns department, year, metric, basis (optional) and value, in any order and
// case. Value is a decimal in yuan (thousands separators allowed). A malformed file is an
// error naming the line. A Parquet file with the same columns is read with parquet
// (ErrParquetInput when it is nil).
func LoadReference(path string, parquet RecordReader) ([]ReferenceRow, error) {
	recs, cols, err := readTable(path, parquet, []string{"department", "year", "metric", "value"}, []string{"basis"})
	if err != nil {
		return nil, err
	}
	rows := make([]ReferenceRow, 0, len(recs))
	for _, rec := range recs {
		row := ReferenceRow{Department: rec.get(cols, "department"), Metric: rec.get(cols, "metric"), Line: rec.line}
		if row.Department == "" || row.Metric == "" {
			return nil, fmt.Errorf("%s:%d: empty department or metric: %w", path, rec.line, ErrInputFormat)
		}
		if _, ok := lexicon.metricLabel[row.Metric]; !ok {
			return nil, fmt.Errorf("%s:%d: unknown metric %q: %w", path, rec.line, row.Metric, ErrInputFormat)
		}
		if row.Year, err = parseYear(rec.get(cols, "year")); err != nil {
			return nil, fmt.Errorf("%s:%d: %v: %w", path, rec.line, err, ErrInputFormat)
		}
		switch b := strings.ToLower(rec.get(cols, "basis")); b {
		case "", "actual":
			row.Basis = extract.Actual
		case "budget":
			row.Basis = extract.Budget
		default:
			return nil, fmt.Errorf("%s:%d: basis %q is neither actual nor budget: %w", path, rec.line, b, ErrInputFormat)
		}
		v := strings.ReplaceAll(rec.get(cols, "value"), ",", "")
		if row.Value, err = decimal.NewFromString(v); err != nil {
			return nil, fmt.Errorf("%s:%d: value %q is not a decimal: %w", path, rec.line, v, ErrInputFormat)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// LoadExpected reads an --expected CSV file: UTF-8 (optionally with a BOM) with a header row
// naming the columns department and year; or a Parquet file with them, read with parquet.
func LoadExpected(path string, parquet RecordReader) ([]ExpectedRow, error) {
	recs, cols, err := readTable(path, parquet, []string{"department", "year"}, nil)
	if err != nil {
		return nil, err
	}
	rows := make([]ExpectedRow, 0, len(recs))
	for _, rec := range recs {
		row := ExpectedRow{Department: rec.get(cols, "department"), Line: rec.line}
		if row.Department == "" {
			return nil, fmt.Errorf("%s:%d: empty department: %w", path, rec.line, ErrInputFormat)
		}
		if row.Year, err = parseYear(rec.get(cols, "year")); err != nil {
			return nil, fmt.Errorf("%s:%d: %v: %w", path, rec.line, err, ErrInputFormat)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func parseYear(s string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSuffix(s, "年"))
	if err != nil || y < 1900 || y > 2200 {
		return 0, fmt.Errorf("year %q is not a year", s)
	}
	return y, nil
}

type record struct {
	fields []string
	line   int
}

func (r record) get(cols map[string]int, name string) string {
	i, ok := cols[name]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// readTable reads a CSV file with a header, or a Parquet file through parquet, checking the
// required columns are present.
func readTable(path string, parquet RecordReader, required, optional []string) ([]record, map[string]int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	if bytes.HasPrefix(data, []byte("PAR1")) || strings.HasSuffix(strings.ToLower(path), ".parquet") {
		if parquet == nil {
			return nil, nil, fmt.Errorf("%s: %w", path, ErrParquetInput)
		}
		header, rows, err := parquet(path)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v: %w", path, err, ErrInputFormat)
		}
		cols, err := headerColumns(path, header, required, optional)
		if err != nil {
			return nil, nil, err
		}
		recs := make([]record, 0, len(rows))
		for i, r := range rows {
			recs = append(recs, record{fields: r, line: i + 2}) // row 1 is the header, as in CSV
		}
		return recs, cols, nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(data)))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, fmt.Errorf("%s: empty file, want a header row: %w", path, ErrInputFormat)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v: %w", path, err, ErrInputFormat)
	}
	cols, err := headerColumns(path, header, required, optional)
	if err != nil {
		return nil, nil, err
	}
	var recs []record
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v: %w", path, err, ErrInputFormat)
		}
		line, _ := cr.FieldPos(0)
		empty := true
		for _, f := range fields {
			if strings.TrimSpace(f) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		recs = append(recs, record{fields: fields, line: line})
	}
	return recs, cols, nil
}

// headerColumns maps column names (any case) to their index, checking the required ones.
func headerColumns(path string, header, required, optional []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			return nil, fmt.Errorf("%s: header lacks column %q (want %s): %w", path, c, strings.Join(append(append([]string{}, required...), optional...), ", "), ErrInputFormat)
		}
	}
	return cols, nil
}
