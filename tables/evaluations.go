package tables

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/shopspring/decimal"
)

// File names of the self-evaluation tables. indicators and funds are SPEC's; evaluations is
// an addition: one row per self-evaluation table, with what its 总分 row states, so that
// `jixiao analyze` can run the score checks from the tables alone.
const (
	IndicatorsFile  = "indicators.parquet"
	FundsFile       = "funds.parquet"
	EvaluationsFile = "evaluations.parquet"
)

// IndicatorRow is one row of the indicators table: one performance indicator (绩效指标) of a
// self-evaluation table.
type IndicatorRow struct {
	ReportID string
	Path     string
	// Table is the project the table evaluates (项目名称), empty for a department-wide table.
	Table string
	// Level1 and Level2 are the 一级 and 二级 indicator as written, without their points.
	Level1, Level2 string
	// Name is the 三级指标 as written.
	Name string
	// Target is the 年度指标值 as written, comparator, number and unit joined (≥95%).
	Target string
	// Actual is the 实际完成值 as written, empty when blank.
	Actual string
	// Comparator is >=, <=, =, >, < or empty.
	Comparator string
	// TargetValue and ActualValue are the numbers in Target and Actual, in the unit written.
	TargetValue, ActualValue *decimal.Decimal
	// UnitText is the unit of the target as written (%, 个, 万元), or its 度量单位 cell.
	UnitText string
	// Weight is the 分值, Score the 得分; nil when blank.
	Weight, Score *decimal.Decimal
	// Met says whether Actual meets Target; nil unless both are numbers in the same unit.
	Met *bool
	// Raw is the row's cells joined by " | "; Location is t2r5, or p40 for a flattened table.
	Raw, Location string
	// TableNo numbers the report's self-evaluation tables from 1, so that the rows of two
	// tables of one project, or of two department-wide tables, stay apart. An added column.
	TableNo int32
	// ActualUnit is the unit of the actual value as written. An added column.
	ActualUnit string
	// WeightDecimals and ScoreDecimals are the decimals Weight and Score were written with,
	// for the rounding tolerance of the score checks. Added columns.
	WeightDecimals, ScoreDecimals int32
	// Cut is set when a value of the row was cut out of numbers run together in the text.
	// An added column.
	Cut bool
}

// FundsRow is one row of the funds table: one source row of a self-evaluation table's funds
// block (资金情况).
type FundsRow struct {
	ReportID string
	Path     string
	// Table is the project, as in the indicators table.
	Table string
	// Source is total, fiscal, carryover or other.
	Source string
	// Label is the row's label as written.
	Label string
	// Initial, Adjusted and Executed are 年初预算数, 全年预算数 and 全年执行数 in 元 (yuan).
	Initial, Adjusted, Executed *decimal.Decimal
	// Rate is the stated 执行率 in percent; Weight and Score the row's 分值 and 得分.
	Rate, Weight, Score *decimal.Decimal
	Raw, Location       string
	// TableNo is as in the indicators table. An added column.
	TableNo int32
	// UnitText is the unit the block's amounts were written in (万元, 元) and Decimals the most
	// decimals an amount had in it; RateDecimals, WeightDecimals and ScoreDecimals likewise.
	// Added columns, for the rounding tolerance of sum.funds and the rate checks.
	UnitText                                              string
	Decimals, RateDecimals, WeightDecimals, ScoreDecimals int32
	// Cut is set when the values were cut out of numbers run together in the text; the
	// cut is the reader's best guess. An added column.
	Cut bool
	// Block is the title of the sub-block the row belongs to when a table lists the funds
	// of several (each with its own 年度资金总额), else empty. An added column.
	Block string
}

// EvaluationRow is one row of the evaluations table (an addition to SPEC): one
// self-evaluation table of a report and the totals it states.
type EvaluationRow struct {
	ReportID string
	Path     string
	// TableNo numbers the report's self-evaluation tables from 1, in reading order.
	TableNo int32
	// Table is the project the table evaluates, empty for a department-wide table.
	Table string
	// Scope is project or department.
	Scope string
	// TotalWeight and TotalScore are the 总分 row's weight (usually 100) and score; nil when
	// not stated. TotalDecimals is how many decimals the score was written with.
	TotalWeight, TotalScore *decimal.Decimal
	TotalDecimals           int32
	// Grade is the stated 自评等级 (优, 良, 中, 差), empty when none.
	Grade string
	// ExecutionScoring is linear or banded when the table says how budget execution is
	// scored, else empty.
	ExecutionScoring string
	// Raw is the total row as written; Location where the table starts.
	Raw, Location string
	// Fragment is set when the indicator rows were read without their header (a copy that cut
	// the table): rows may be missing, and the totals are not judged.
	Fragment bool
}

// optBoolCol is a nullable boolean column held in a *bool.
func optBoolCol[R any](name string, f func(*R) **bool) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
		put: func(b array.Builder, r *R) error {
			if p := *f(r); p != nil {
				b.(*array.BooleanBuilder).Append(*p)
			} else {
				b.AppendNull()
			}
			return nil
		},
		get: func(a arrow.Array, i int, r *R) error {
			v, ok := a.(*array.Boolean)
			if !ok {
				return fmt.Errorf("column %s: want bool, file has %s", name, a.DataType())
			}
			if v.IsValid(i) {
				b := v.Value(i)
				*f(r) = &b
			}
			return nil
		},
	}
}

// plainInt32Col is an int32 column that writes 0 as 0 (not null).
func plainInt32Col[R any](name string, f func(*R) *int32) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int32},
		put: func(b array.Builder, r *R) error {
			b.(*array.Int32Builder).Append(*f(r))
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

func indicatorsTable() table[IndicatorRow] {
	type R = IndicatorRow
	return table[R]{file: IndicatorsFile, columns: []column[R]{
		stringCol("report_id", func(r *R) *string { return &r.ReportID }),
		stringCol("path", func(r *R) *string { return &r.Path }),
		stringCol("table", func(r *R) *string { return &r.Table }),
		stringCol("level1", func(r *R) *string { return &r.Level1 }),
		stringCol("level2", func(r *R) *string { return &r.Level2 }),
		stringCol("name", func(r *R) *string { return &r.Name }),
		stringCol("target", func(r *R) *string { return &r.Target }),
		stringCol("actual", func(r *R) *string { return &r.Actual }),
		stringCol("comparator", func(r *R) *string { return &r.Comparator }),
		optDecimalCol("target_value", func(r *R) **decimal.Decimal { return &r.TargetValue }),
		optDecimalCol("actual_value", func(r *R) **decimal.Decimal { return &r.ActualValue }),
		stringCol("unit_text", func(r *R) *string { return &r.UnitText }),
		optDecimalCol("weight", func(r *R) **decimal.Decimal { return &r.Weight }),
		optDecimalCol("score", func(r *R) **decimal.Decimal { return &r.Score }),
		optBoolCol("met", func(r *R) **bool { return &r.Met }),
		stringCol("raw", func(r *R) *string { return &r.Raw }),
		stringCol("location", func(r *R) *string { return &r.Location }),
		plainInt32Col("table_no", func(r *R) *int32 { return &r.TableNo }),
		stringCol("actual_unit", func(r *R) *string { return &r.ActualUnit }),
		plainInt32Col("weight_decimals", func(r *R) *int32 { return &r.WeightDecimals }),
		plainInt32Col("score_decimals", func(r *R) *int32 { return &r.ScoreDecimals }),
		boolCol("cut", func(r *R) *bool { return &r.Cut }),
	}}
}

func fundsTable() table[FundsRow] {
	type R = FundsRow
	return table[R]{file: FundsFile, columns: []column[R]{
		stringCol("report_id", func(r *R) *string { return &r.ReportID }),
		stringCol("path", func(r *R) *string { return &r.Path }),
		stringCol("table", func(r *R) *string { return &r.Table }),
		stringCol("source", func(r *R) *string { return &r.Source }),
		stringCol("label", func(r *R) *string { return &r.Label }),
		optDecimalCol("initial", func(r *R) **decimal.Decimal { return &r.Initial }),
		optDecimalCol("adjusted", func(r *R) **decimal.Decimal { return &r.Adjusted }),
		optDecimalCol("executed", func(r *R) **decimal.Decimal { return &r.Executed }),
		optDecimalCol("rate", func(r *R) **decimal.Decimal { return &r.Rate }),
		optDecimalCol("weight", func(r *R) **decimal.Decimal { return &r.Weight }),
		optDecimalCol("score", func(r *R) **decimal.Decimal { return &r.Score }),
		stringCol("raw", func(r *R) *string { return &r.Raw }),
		stringCol("location", func(r *R) *string { return &r.Location }),
		plainInt32Col("table_no", func(r *R) *int32 { return &r.TableNo }),
		stringCol("unit_text", func(r *R) *string { return &r.UnitText }),
		plainInt32Col("decimals", func(r *R) *int32 { return &r.Decimals }),
		plainInt32Col("rate_decimals", func(r *R) *int32 { return &r.RateDecimals }),
		plainInt32Col("weight_decimals", func(r *R) *int32 { return &r.WeightDecimals }),
		plainInt32Col("score_decimals", func(r *R) *int32 { return &r.ScoreDecimals }),
		boolCol("cut", func(r *R) *bool { return &r.Cut }),
		stringCol("block", func(r *R) *string { return &r.Block }),
	}}
}

func evaluationsTable() table[EvaluationRow] {
	type R = EvaluationRow
	return table[R]{file: EvaluationsFile, columns: []column[R]{
		stringCol("report_id", func(r *R) *string { return &r.ReportID }),
		stringCol("path", func(r *R) *string { return &r.Path }),
		plainInt32Col("table_no", func(r *R) *int32 { return &r.TableNo }),
		stringCol("table", func(r *R) *string { return &r.Table }),
		stringCol("scope", func(r *R) *string { return &r.Scope }),
		optDecimalCol("total_weight", func(r *R) **decimal.Decimal { return &r.TotalWeight }),
		optDecimalCol("total_score", func(r *R) **decimal.Decimal { return &r.TotalScore }),
		plainInt32Col("total_decimals", func(r *R) *int32 { return &r.TotalDecimals }),
		stringCol("grade", func(r *R) *string { return &r.Grade }),
		stringCol("execution_scoring", func(r *R) *string { return &r.ExecutionScoring }),
		stringCol("raw", func(r *R) *string { return &r.Raw }),
		stringCol("location", func(r *R) *string { return &r.Location }),
		boolCol("fragment", func(r *R) *bool { return &r.Fragment }),
	}}
}
