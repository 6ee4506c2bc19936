package tables

import (
	"fmt"
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/shopspring/decimal"
)

// decimalType is the Arrow type of every amount column: decimal(20,4).
func decimalType() *arrow.Decimal128Type {
	return &arrow.Decimal128Type{Precision: Precision, Scale: Scale}
}

// column maps one field of a row type to one Arrow column, both ways.
type column[R any] struct {
	field arrow.Field
	// put appends the row's value to the column's builder.
	put func(b array.Builder, r *R) error
	// get sets the row's field from element i of the column.
	get func(a arrow.Array, i int, r *R) error
}

// table describes one output table: its file name and its columns in order.
type table[R any] struct {
	file    string
	columns []column[R]
	// plain names the columns written without a dictionary: values nearly all distinct
	// (keys, ids, messages), for which a dictionary costs time and saves nothing.
	plain []string
}

func (t table[R]) schema() *arrow.Schema {
	fields := make([]arrow.Field, len(t.columns))
	for i, c := range t.columns {
		fields[i] = c.field
	}
	return arrow.NewSchema(fields, nil)
}

// stringValues is implemented by Arrow's String and LargeString arrays.
type stringValues interface {
	arrow.Array
	Value(int) string
}

// validUTF8 returns s with any invalid UTF-8 replaced by U+FFFD: Parquet string
// columns must hold UTF-8, and readers reject anything else.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func stringCol[R any](name string, f func(*R) *string) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.BinaryTypes.String},
		put: func(b array.Builder, r *R) error {
			b.(*array.StringBuilder).Append(validUTF8(*f(r)))
			return nil
		},
		get: func(a arrow.Array, i int, r *R) error {
			s, ok := a.(stringValues)
			if !ok {
				return fmt.Errorf("column %s: want string, file has %s", name, a.DataType())
			}
			if s.IsValid(i) {
				*f(r) = s.Value(i)
			}
			return nil
		},
	}
}

// int32Col writes 0 as null and reads null as 0.
func int32Col[R any](name string, f func(*R) *int32) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		put: func(b array.Builder, r *R) error {
			if v := *f(r); v != 0 {
				b.(*array.Int32Builder).Append(v)
			} else {
				b.AppendNull()
			}
			return nil
		},
		get: func(a arrow.Array, i int, r *R) error {
			v, ok := a.(*array.Int32)
			if !ok {
				return fmt.Errorf("column %s: want int32, file has %s", name, a.DataType())
			}
			if v.IsValid(i) {
				*f(r) = v.Value(i)
			}
			return nil
		},
	}
}

func int64Col[R any](name string, f func(*R) *int64) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int64},
		put: func(b array.Builder, r *R) error {
			b.(*array.Int64Builder).Append(*f(r))
			return nil
		},
		get: func(a arrow.Array, i int, r *R) error {
			v, ok := a.(*array.Int64)
			if !ok {
				return fmt.Errorf("column %s: want int64, file has %s", name, a.DataType())
			}
			if v.IsValid(i) {
				*f(r) = v.Value(i)
			}
			return nil
		},
	}
}

// decimalCol is a non-null decimal(20,4) column.
func decimalCol[R any](name string, f func(*R) *decimal.Decimal) column[R] {
	return nullDecimalCol(name, false,
		func(r *R) (decimal.Decimal, bool) { return *f(r), true },
		func(r *R, d decimal.Decimal) { *f(r) = d })
}

// optDecimalCol is a nullable decimal(20,4) column held in a *decimal.Decimal.
func optDecimalCol[R any](name string, f func(*R) **decimal.Decimal) column[R] {
	return nullDecimalCol(name, true,
		func(r *R) (decimal.Decimal, bool) {
			if p := *f(r); p != nil {
				return *p, true
			}
			return decimal.Decimal{}, false
		},
		func(r *R, d decimal.Decimal) { *f(r) = &d })
}

func nullDecimalCol[R any](name string, nullable bool, load func(*R) (decimal.Decimal, bool), store func(*R, decimal.Decimal)) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: decimalType(), Nullable: nullable},
		put: func(b array.Builder, r *R) error {
			d, ok := load(r)
			if !ok {
				b.AppendNull()
				return nil
			}
			n, err := toNum(d)
			if err != nil {
				return fmt.Errorf("column %s: %w", name, err)
			}
			b.(*array.Decimal128Builder).Append(n)
			return nil
		},
		get: func(a arrow.Array, i int, r *R) error {
			v, ok := a.(*array.Decimal128)
			if !ok {
				return fmt.Errorf("column %s: want %s, file has %s", name, decimalType(), a.DataType())
			}
			if !v.IsValid(i) {
				return nil
			}
			scale := v.DataType().(*arrow.Decimal128Type).Scale
			store(r, decimal.NewFromBigInt(v.Value(i).BigInt(), -scale))
			return nil
		},
	}
}

func stringListCol[R any](name string, f func(*R) *[]string) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.ListOf(arrow.BinaryTypes.String)},
		put: func(b array.Builder, r *R) error {
			lb := b.(*array.ListBuilder)
			lb.Append(true)
			vb := lb.ValueBuilder().(*array.StringBuilder)
			for _, s := range *f(r) {
				vb.Append(validUTF8(s))
			}
			return nil
		},
		get: func(a arrow.Array, i int, r *R) error {
			l, ok := a.(*array.List)
			if !ok {
				return fmt.Errorf("column %s: want list<string>, file has %s", name, a.DataType())
			}
			if !l.IsValid(i) {
				return nil
			}
			vals, ok := l.ListValues().(stringValues)
			if !ok {
				return fmt.Errorf("column %s: want list<string>, file has %s", name, a.DataType())
			}
			start, end := l.ValueOffsets(i)
			if start == end {
				return nil
			}
			out := make([]string, 0, end-start)
			for j := start; j < end; j++ {
				out = append(out, vals.Value(int(j)))
			}
			*f(r) = out
			return nil
		},
	}
}

// Fits reports whether d can be written to a decimal(20,4) column: its absolute
// value, rounded to four decimals, is below 10^16.
func Fits(d decimal.Decimal) bool {
	_, ok := unscaled(d)
	return ok
}

// toNum converts an exact decimal to the unscaled 128-bit integer of a
// decimal(20,4), rounding half away from zero to four decimals.
func toNum(d decimal.Decimal) (decimal128.Num, error) {
	c, ok := unscaled(d)
	if !ok {
		return decimal128.Num{}, fmt.Errorf("value %s does not fit decimal(%d,%d)", d, Precision, Scale)
	}
	return decimal128.FromBigInt(c), nil
}

// maxUnscaled is 10^Precision, the least unscaled value a decimal(20,4) cannot hold. Read only.
var maxUnscaled = new(big.Int).Exp(big.NewInt(10), big.NewInt(Precision), nil)

// unscaled returns d rounded half away from zero to Scale decimals as an integer of
// 10^-Scale (Round leaves the exponent at -Scale, so it is the coefficient), and whether
// it fits a decimal(Precision, Scale).
func unscaled(d decimal.Decimal) (*big.Int, bool) {
	c := d.Round(Scale).Coefficient()
	return c, c.CmpAbs(maxUnscaled) < 0
}

func reportsTable() table[ReportRow] {
	cols := []column[ReportRow]{
		stringCol("report_id", func(r *ReportRow) *string { return &r.ReportID }),
		stringCol("path", func(r *ReportRow) *string { return &r.Path }),
		stringCol("format", func(r *ReportRow) *string { return &r.Format }),
		stringCol("status", func(r *ReportRow) *string { return &r.Status }),
		stringCol("error", func(r *ReportRow) *string { return &r.Error }),
		stringCol("department", func(r *ReportRow) *string { return &r.Department }),
		stringCol("region", func(r *ReportRow) *string { return &r.Region }),
		int32Col("year", func(r *ReportRow) *int32 { return &r.Year }),
		stringCol("title", func(r *ReportRow) *string { return &r.Title }),
		int64Col("chars", func(r *ReportRow) *int64 { return &r.Chars }),
		stringCol("grade", func(r *ReportRow) *string { return &r.Grade }),
	}
	for _, m := range Metrics {
		cols = append(cols, nullDecimalCol(MetricColumn(m), true,
			func(r *ReportRow) (decimal.Decimal, bool) {
				d, ok := r.Values[m]
				return d, ok
			},
			func(r *ReportRow, d decimal.Decimal) {
				if r.Values == nil {
					r.Values = make(map[string]decimal.Decimal)
				}
				r.Values[m] = d
			}))
	}
	return table[ReportRow]{file: ReportsFile, columns: cols}
}

func figuresTable() table[FigureRow] {
	return table[FigureRow]{file: FiguresFile, columns: []column[FigureRow]{
		stringCol("report_id", func(r *FigureRow) *string { return &r.ReportID }),
		stringCol("path", func(r *FigureRow) *string { return &r.Path }),
		stringCol("metric", func(r *FigureRow) *string { return &r.Metric }),
		stringCol("basis", func(r *FigureRow) *string { return &r.Basis }),
		stringCol("item", func(r *FigureRow) *string { return &r.Item }),
		decimalCol("value", func(r *FigureRow) *decimal.Decimal { return &r.Value }),
		stringCol("unit", func(r *FigureRow) *string { return &r.Unit }),
		stringCol("unit_text", func(r *FigureRow) *string { return &r.UnitText }),
		stringCol("raw", func(r *FigureRow) *string { return &r.Raw }),
		stringCol("location", func(r *FigureRow) *string { return &r.Location }),
		stringCol("method", func(r *FigureRow) *string { return &r.Method }),
		stringCol("term", func(r *FigureRow) *string { return &r.Term }),
		int32Col("year", func(r *FigureRow) *int32 { return &r.Year }),
		int32Col("decimals", func(r *FigureRow) *int32 { return &r.Decimals }),
		stringCol("basis_text", func(r *FigureRow) *string { return &r.BasisText }),
		stringCol("part", func(r *FigureRow) *string { return &r.Part }),
	}}
}

func claimsTable() table[ClaimRow] {
	return table[ClaimRow]{file: ClaimsFile, columns: []column[ClaimRow]{
		stringCol("report_id", func(r *ClaimRow) *string { return &r.ReportID }),
		stringCol("path", func(r *ClaimRow) *string { return &r.Path }),
		stringCol("kind", func(r *ClaimRow) *string { return &r.Kind }),
		stringCol("metric", func(r *ClaimRow) *string { return &r.Metric }),
		stringCol("basis", func(r *ClaimRow) *string { return &r.Basis }),
		stringCol("of", func(r *ClaimRow) *string { return &r.Of }),
		optDecimalCol("percent", func(r *ClaimRow) **decimal.Decimal { return &r.Percent }),
		int32Col("percent_decimals", func(r *ClaimRow) *int32 { return &r.PercentDecimals }),
		optDecimalCol("amount", func(r *ClaimRow) **decimal.Decimal { return &r.Amount }),
		optDecimalCol("base", func(r *ClaimRow) **decimal.Decimal { return &r.Base }),
		optDecimalCol("amount_tolerance", func(r *ClaimRow) **decimal.Decimal { return &r.AmountTol }),
		optDecimalCol("base_tolerance", func(r *ClaimRow) **decimal.Decimal { return &r.BaseTol }),
		int32Col("direction", func(r *ClaimRow) *int32 { return &r.Direction }),
		stringCol("target", func(r *ClaimRow) *string { return &r.Target }),
		stringCol("raw", func(r *ClaimRow) *string { return &r.Raw }),
		stringCol("location", func(r *ClaimRow) *string { return &r.Location }),
	}}
}

func sectionsTable() table[SectionRow] {
	return table[SectionRow]{file: SectionsFile, columns: []column[SectionRow]{
		stringCol("report_id", func(r *SectionRow) *string { return &r.ReportID }),
		stringCol("path", func(r *SectionRow) *string { return &r.Path }),
		stringCol("heading", func(r *SectionRow) *string { return &r.Heading }),
		stringCol("text", func(r *SectionRow) *string { return &r.Text }),
		stringCol("location", func(r *SectionRow) *string { return &r.Location }),
	}}
}

func anomaliesTable() table[AnomalyRow] {
	return table[AnomalyRow]{file: AnomaliesFile, columns: []column[AnomalyRow]{
		stringCol("anomaly_id", func(r *AnomalyRow) *string { return &r.AnomalyID }),
		stringCol("rule", func(r *AnomalyRow) *string { return &r.Rule }),
		stringCol("severity", func(r *AnomalyRow) *string { return &r.Severity }),
		stringCol("report_id", func(r *AnomalyRow) *string { return &r.ReportID }),
		stringCol("path", func(r *AnomalyRow) *string { return &r.Path }),
		stringListCol("related", func(r *AnomalyRow) *[]string { return &r.Related }),
		stringListCol("metrics", func(r *AnomalyRow) *[]string { return &r.Metrics }),
		optDecimalCol("expected", func(r *AnomalyRow) **decimal.Decimal { return &r.Expected }),
		optDecimalCol("actual", func(r *AnomalyRow) **decimal.Decimal { return &r.Actual }),
		stringCol("message", func(r *AnomalyRow) *string { return &r.Message }),
		stringCol("evidence", func(r *AnomalyRow) *string { return &r.Evidence }),
		stringCol("review_key", func(r *AnomalyRow) *string { return &r.ReviewKey }),
	}, plain: []string{"review_key"}}
}

func checksTable() table[CheckRow] {
	return table[CheckRow]{file: ChecksFile, columns: []column[CheckRow]{
		stringCol("report_id", func(r *CheckRow) *string { return &r.ReportID }),
		stringCol("path", func(r *CheckRow) *string { return &r.Path }),
		stringCol("rule", func(r *CheckRow) *string { return &r.Rule }),
		stringCol("outcome", func(r *CheckRow) *string { return &r.Outcome }),
		stringCol("detail", func(r *CheckRow) *string { return &r.Detail }),
	}}
}

// tableOf returns the description of R's table.
func tableOf[R Row]() table[R] {
	var r R
	switch any(r).(type) {
	case ReportRow:
		return any(reportsTable()).(table[R])
	case FigureRow:
		return any(figuresTable()).(table[R])
	case AnomalyRow:
		return any(anomaliesTable()).(table[R])
	case ClaimRow:
		return any(claimsTable()).(table[R])
	case SectionRow:
		return any(sectionsTable()).(table[R])
	case IndicatorRow:
		return any(indicatorsTable()).(table[R])
	case FundsRow:
		return any(fundsTable()).(table[R])
	case EvaluationRow:
		return any(evaluationsTable()).(table[R])
	case ReviewRow:
		return any(reviewsTable()).(table[R])
	case PartialFindingRow:
		return any(partialFindingsTable()).(table[R])
	default:
		return any(checksTable()).(table[R])
	}
}

// Schema returns the Arrow schema of R's table, e.g. Schema[FigureRow]().
func Schema[R Row]() *arrow.Schema {
	return tableOf[R]().schema()
}

// FileName returns the file name of R's table in the output folder, e.g. reports.parquet.
func FileName[R Row]() string {
	return tableOf[R]().file
}
