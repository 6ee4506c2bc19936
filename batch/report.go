package batch

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/tables"
)

// Status is a report's status column: ok, partial or failed.
type Status string

// The statuses of the reports table.
const (
	// StatusOK: read, and the key figures (income.total and expenditure.total, basis actual) found.
	StatusOK Status = "ok"
	// StatusPartial: read, but a key figure is missing; Report.Error says which.
	StatusPartial Status = "partial"
	// StatusFailed: not read; Report.Error says why.
	StatusFailed Status = "failed"
)

// Report is what became of one input file: one row of the reports table and,
// through Result, its rows of the figures table.
type Report struct {
	// ID is the report_id: the first 16 hex characters of the SHA-256 of the
	// file's bytes, all of them even when the file is over --max-file-bytes.
	// It is empty only when the bytes could not be read at all.
	ID string
	// Path is relative to the input folder and '/'-separated; a file given as
	// an input by itself is its base name. Bytes of the name that are not
	// valid UTF-8 are written as \xNN.
	Path string
	// File is the file's path on this machine, as found (not in any table).
	File string
	// Format is the format parse recognised in the bytes (docx, txt, doc, unknown, …).
	Format string
	Status Status
	// Error is the message of the error column: empty when ok.
	Error string
	// Err is the error behind a failed report, for errors.Is; nil otherwise.
	Err error
	// Chars counts the characters of text read (0 when failed).
	Chars int64
	// Result is what extraction found; nil when the file failed.
	Result   *extract.Result
	values   map[string]decimal.Decimal // Resolve(Result.Figures), once computed
	kept     keptValues                 // the values of a retained report, compactly
	prepared *analyze.Prepared          // the analysis's part of it, done on the worker (Rules)
	reused   bool                       // taken over from the earlier run (Config.Incremental), not read
}

// keptValues are a report's resolved values as a run keeps them until its views: a map
// of decimals takes some 2 KB a report, these a sixth of it.
type keptValues struct {
	vs    []keptValue
	large map[string]decimal.Decimal // values whose coefficient needs more than 64 bits
}

type keptValue struct {
	metric uint8 // place in tables.Metrics
	exp    int32
	coef   int64
}

// metricIndex is the place of each metric in tables.Metrics.
var metricIndex = func() map[string]int {
	m := make(map[string]int, len(tables.Metrics))
	for i, id := range tables.Metrics {
		m[id] = i
	}
	return m
}()

func keepValues(values map[string]decimal.Decimal) keptValues {
	var k keptValues
	for m, d := range values {
		x, ok := metricIndex[m]
		if c := d.Coefficient(); ok && x < 256 && c.IsInt64() {
			k.vs = append(k.vs, keptValue{metric: uint8(x), exp: d.Exponent(), coef: c.Int64()})
			continue
		}
		if k.large == nil {
			k.large = map[string]decimal.Decimal{}
		}
		k.large[m] = d
	}
	slices.SortFunc(k.vs, func(a, b keptValue) int { return cmp.Compare(a.metric, b.metric) })
	return k
}

// values returns the kept values as a map, or nil when none were kept.
func (k keptValues) values() map[string]decimal.Decimal {
	if k.vs == nil && k.large == nil {
		return nil
	}
	m := make(map[string]decimal.Decimal, len(k.vs)+len(k.large))
	for _, v := range k.vs {
		m[tables.Metrics[v.metric]] = decimal.New(v.coef, v.exp)
	}
	maps.Copy(m, k.large)
	return m
}

// retained is what a run keeps of a report once its rows are written: its row of the
// reports table and what the analysis and the views read. A report the analysis prepared
// (Rules) is kept as that and its identity; otherwise, with full, its whole Result.
func (r *Report) retained(full bool) Report {
	k := Report{
		ID: r.ID, Path: r.Path, Format: r.Format, Status: r.Status, Error: r.Error, Err: r.Err,
		Chars: r.Chars, prepared: r.prepared, reused: r.reused,
	}
	if v := r.Values(); v != nil {
		k.kept = keepValues(v)
		if k.kept.vs == nil && k.kept.large == nil {
			k.values = v // none resolved: an empty map, not a missing one
		}
	}
	switch {
	case r.Result == nil:
	case full && r.prepared == nil:
		k.Result = r.Result
	default:
		id := r.Result.Identity
		id.Title, id.Department, id.Region = strings.Clone(id.Title), strings.Clone(id.Department), strings.Clone(id.Region)
		k.Result = &extract.Result{Identity: id, Grade: strings.Clone(r.Result.Grade)}
	}
	return k
}

// Values returns the report's resolved metric values (see Resolve). Of a report a run
// retained, it makes a new map at each call.
func (r *Report) Values() map[string]decimal.Decimal {
	if m := r.kept.values(); m != nil {
		return m
	}
	if r.values == nil && r.Result != nil {
		r.values = Resolve(r.Result.Figures)
	}
	return r.values
}

// Row returns the report's row of the reports table.
func (r *Report) Row() tables.ReportRow {
	row := tables.ReportRow{
		ReportID: r.ID,
		Path:     r.Path,
		Format:   r.Format,
		Status:   string(r.Status),
		Error:    r.Error,
		Chars:    r.Chars,
	}
	if r.Result != nil {
		id := r.Result.Identity
		row.Department = id.Department
		row.Region = id.Region
		row.Year = int32(id.Year)
		row.Title = id.Title
		row.Grade = r.Result.Grade
		row.Values = r.Values()
	}
	return row
}

// FigureRows returns the report's rows of the figures table, one per figure, in the order extracted.
func (r *Report) FigureRows() []tables.FigureRow {
	if r.Result == nil {
		return nil
	}
	rows := make([]tables.FigureRow, len(r.Result.Figures))
	for i, f := range r.Result.Figures {
		rows[i] = tables.FigureRow{
			ReportID:  r.ID,
			Path:      r.Path,
			Metric:    f.Metric,
			Basis:     string(f.Basis),
			Item:      f.Item,
			Value:     f.Value,
			Unit:      f.Unit,
			UnitText:  f.UnitText,
			Raw:       f.Raw,
			Location:  f.Location,
			Method:    f.Method,
			Term:      f.Term,
			Year:      int32(f.Year),
			Decimals:  int32(f.Decimals),
			BasisText: f.BasisText,
			Part:      f.Part,
		}
	}
	return rows
}

// Resolve picks the one value per metric that the reports table shows. The
// rule: for each metric of tables.Metrics, the value of the first figure in
// figs — document order, as extract returns them — with basis actual and no
// item. Budget and prior-year figures, line items and metrics outside
// tables.Metrics are never resolved; a metric with no such figure is absent
// from the map (a null in the table). Later restatements of the same metric
// do not change the value; they are the analysis's restated.conflict rule.
func Resolve(figs []extract.Figure) map[string]decimal.Decimal {
	known := make(map[string]bool, len(tables.Metrics))
	for _, m := range tables.Metrics {
		known[m] = true
	}
	out := make(map[string]decimal.Decimal)
	for _, f := range figs {
		if f.Basis != extract.Actual || f.Item != "" || !known[f.Metric] {
			continue
		}
		if _, ok := out[f.Metric]; !ok {
			out[f.Metric] = f.Value
		}
	}
	return out
}

// partialReason says which key figures are missing from values, or "" when none is.
func partialReason(values map[string]decimal.Decimal) string {
	_, income := values["income.total"]
	_, spending := values["expenditure.total"]
	switch {
	case !income && !spending:
		return "未找到收入合计/支出合计 (income.total, expenditure.total not found)"
	case !income:
		return "未找到收入合计 (income.total not found)"
	case !spending:
		return "未找到支出合计 (expenditure.total not found)"
	}
	return ""
}
