package batch

import (
	"cmp"
	"slices"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/tables"
)

// EvaluationRows returns the report's rows of the evaluations table: one per
// self-evaluation table.
func (r *Report) EvaluationRows() []tables.EvaluationRow {
	if r.Result == nil {
		return nil
	}
	rows := make([]tables.EvaluationRow, len(r.Result.Evaluations))
	for i, ev := range r.Result.Evaluations {
		rows[i] = tables.EvaluationRow{
			ReportID: r.ID, Path: r.Path, TableNo: int32(ev.No), Table: ev.Table, Scope: ev.Scope,
			TotalWeight: ev.TotalWeight, TotalScore: ev.TotalScore, TotalDecimals: int32(ev.TotalDecimals),
			Grade: ev.Grade, ExecutionScoring: ev.ExecutionScoring, Raw: ev.Raw, Location: ev.Location, Fragment: ev.Fragment,
		}
	}
	return rows
}

// IndicatorRows returns the report's rows of the indicators table, table by table.
func (r *Report) IndicatorRows() []tables.IndicatorRow {
	if r.Result == nil {
		return nil
	}
	var rows []tables.IndicatorRow
	for _, ev := range r.Result.Evaluations {
		for _, in := range ev.Indicators {
			rows = append(rows, tables.IndicatorRow{
				ReportID: r.ID, Path: r.Path, Table: ev.Table, Level1: in.Level1, Level2: in.Level2, Name: in.Name,
				Target: in.Target, Actual: in.Actual, Comparator: in.Comparator, TargetValue: in.TargetValue,
				ActualValue: in.ActualValue, UnitText: in.UnitText, Weight: in.Weight, Score: in.Score, Met: in.Met,
				Raw: in.Raw, Location: in.Location, TableNo: int32(ev.No), ActualUnit: in.ActualUnit,
				WeightDecimals: int32(in.WeightDecimals), ScoreDecimals: int32(in.ScoreDecimals), Cut: in.Cut,
			})
		}
	}
	return rows
}

// FundsRows returns the report's rows of the funds table, table by table.
func (r *Report) FundsRows() []tables.FundsRow {
	if r.Result == nil {
		return nil
	}
	var rows []tables.FundsRow
	for _, ev := range r.Result.Evaluations {
		for _, f := range ev.Funds {
			rows = append(rows, tables.FundsRow{
				ReportID: r.ID, Path: r.Path, Table: ev.Table, Source: f.Source, Label: f.Label,
				Initial: f.Initial, Adjusted: f.Adjusted, Executed: f.Executed, Rate: f.Rate, Weight: f.Weight, Score: f.Score,
				Raw: f.Raw, Location: f.Location, TableNo: int32(ev.No), UnitText: f.UnitText, Decimals: int32(f.Decimals),
				RateDecimals: int32(f.RateDecimals), WeightDecimals: int32(f.WeightDecimals), ScoreDecimals: int32(f.ScoreDecimals),
				Cut: f.Cut, Block: f.Block,
			})
		}
	}
	return rows
}

// evaluationOf returns the report's self-evaluation table numbered no, adding it (with
// table and scope) when the tables read so far have not.
func evaluationOf(res *extract.Result, no int32, table string) *extract.Evaluation {
	for k := range res.Evaluations {
		if res.Evaluations[k].No == int(no) {
			return &res.Evaluations[k]
		}
	}
	res.Evaluations = append(res.Evaluations, extract.Evaluation{No: int(no), Table: table})
	return &res.Evaluations[len(res.Evaluations)-1]
}

func addEvaluation(res *extract.Result, e *tables.EvaluationRow) {
	ev := evaluationOf(res, e.TableNo, e.Table)
	ev.Scope, ev.TotalWeight, ev.TotalScore, ev.TotalDecimals = e.Scope, e.TotalWeight, e.TotalScore, int(e.TotalDecimals)
	ev.Grade, ev.ExecutionScoring, ev.Raw, ev.Location, ev.Fragment = e.Grade, e.ExecutionScoring, e.Raw, e.Location, e.Fragment
}

func addIndicator(res *extract.Result, in *tables.IndicatorRow) {
	ev := evaluationOf(res, in.TableNo, in.Table)
	ev.Indicators = append(ev.Indicators, extract.Indicator{
		Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target, Actual: in.Actual, Comparator: in.Comparator,
		TargetValue: in.TargetValue, ActualValue: in.ActualValue, UnitText: in.UnitText, ActualUnit: in.ActualUnit,
		Weight: in.Weight, Score: in.Score, WeightDecimals: int(in.WeightDecimals), ScoreDecimals: int(in.ScoreDecimals),
		Met: in.Met, Cut: in.Cut, Raw: in.Raw, Location: in.Location,
	})
}

func addFunds(res *extract.Result, f *tables.FundsRow) {
	ev := evaluationOf(res, f.TableNo, f.Table)
	ev.Funds = append(ev.Funds, extract.FundsRow{
		Source: f.Source, Label: f.Label, Initial: f.Initial, Adjusted: f.Adjusted, Executed: f.Executed,
		Decimals: int(f.Decimals), UnitText: f.UnitText, Rate: f.Rate, RateDecimals: int(f.RateDecimals),
		Weight: f.Weight, Score: f.Score, WeightDecimals: int(f.WeightDecimals), ScoreDecimals: int(f.ScoreDecimals),
		Cut: f.Cut, Block: f.Block, Raw: f.Raw, Location: f.Location,
	})
}

// sortEvaluations puts the tables of every report read back in their order.
func sortEvaluations(reports []Report) {
	for i := range reports {
		if res := reports[i].Result; res != nil && len(res.Evaluations) > 1 {
			slices.SortStableFunc(res.Evaluations, func(a, b extract.Evaluation) int { return cmp.Compare(a.No, b.No) })
		}
	}
}
