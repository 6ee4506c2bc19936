package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"
)

// ReportLine is the JSON line WriteLines writes for a file: its row of the reports table,
// with the resolved values by metric ID. Amounts are decimal strings, as in the tables.
type ReportLine struct {
	Table      string                     `json:"table"` // "reports"
	ReportID   string                     `json:"report_id"`
	Path       string                     `json:"path"`
	Format     string                     `json:"format"`
	Status     string                     `json:"status"`
	Error      string                     `json:"error"`
	Department string                     `json:"department"`
	Region     string                     `json:"region"`
	Year       int32                      `json:"year"`
	Title      string                     `json:"title"`
	Chars      int64                      `json:"chars"`
	Grade      string                     `json:"grade"`
	Values     map[string]decimal.Decimal `json:"values"`
}

// FigureLine is the JSON line WriteLines writes for a figure: its row of the figures table.
type FigureLine struct {
	Table    string          `json:"table"` // "figures"
	ReportID string          `json:"report_id"`
	Path     string          `json:"path"`
	Metric   string          `json:"metric"`
	Basis    string          `json:"basis"`
	Item     string          `json:"item"`
	Value    decimal.Decimal `json:"value"`
	Unit     string          `json:"unit"`
	UnitText string          `json:"unit_text"`
	Raw      string          `json:"raw"`
	Location string          `json:"location"`
	Method   string          `json:"method"`
	Year     int32           `json:"year"`
}

// WriteLines reads the input files as Run does (cfg.Out is not written and may be empty)
// and writes to w, instead of tables, one JSON object a line: for each file in the tables'
// order its ReportLine, then a FigureLine for each of its figures. It is the output for a
// pipe (`jixiao run --files-from - --jsonl`, Spark's RDD.pipe): no analysis runs; analyse
// the tables the lines make, or run jixiao on the files.
func WriteLines(ctx context.Context, cfg Config, w io.Writer) (Summary, error) {
	start := time.Now()
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Summary{}, err
	}
	files, junk, err := cfg.inputs()
	if err != nil {
		return Summary{}, err
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	sum := Summary{Skipped: junk}
	err = cfg.stream(ctx, files, func(r *Report) error {
		sum.add(r)
		return writeReportLines(enc, r)
	})
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return Summary{}, fmt.Errorf("write JSON lines: %w", err)
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// writeReportLines writes r's ReportLine and FigureLines.
func writeReportLines(enc *json.Encoder, r *Report) error {
	row := r.Row()
	line := ReportLine{Table: "reports", ReportID: row.ReportID, Path: row.Path, Format: row.Format, Status: row.Status,
		Error: row.Error, Department: row.Department, Region: row.Region, Year: row.Year, Title: row.Title,
		Chars: row.Chars, Grade: row.Grade, Values: row.Values}
	if line.Values == nil {
		line.Values = map[string]decimal.Decimal{}
	}
	if err := enc.Encode(line); err != nil {
		return err
	}
	for _, f := range r.FigureRows() {
		err := enc.Encode(FigureLine{Table: "figures", ReportID: f.ReportID, Path: f.Path, Metric: f.Metric, Basis: f.Basis,
			Item: f.Item, Value: f.Value, Unit: f.Unit, UnitText: f.UnitText, Raw: f.Raw, Location: f.Location,
			Method: f.Method, Year: f.Year})
		if err != nil {
			return err
		}
	}
	return nil
}
