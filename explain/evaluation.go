package explain

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/extract"
)

// Evaluation is one self-evaluation table of the report: its rows as the indicators and
// funds tables hold them, and its totals as the evaluations table does.
type Evaluation struct {
	No          int              `json:"table_no"`
	Table       string           `json:"table"`
	Scope       string           `json:"scope"`
	TotalWeight *decimal.Decimal `json:"total_weight,omitempty"`
	TotalScore  *decimal.Decimal `json:"total_score,omitempty"`
	Grade       string           `json:"grade,omitempty"`
	Scoring     string           `json:"execution_scoring,omitempty"`
	Fragment    bool             `json:"fragment,omitempty"`
	Location    string           `json:"location"`
	Funds       []FundsRow       `json:"funds"`
	Indicators  []Indicator      `json:"indicators"`
}

// FundsRow is one row of the table's funds block, amounts in yuan.
type FundsRow struct {
	Source   string           `json:"source"`
	Label    string           `json:"label"`
	Initial  *decimal.Decimal `json:"initial,omitempty"`
	Adjusted *decimal.Decimal `json:"adjusted,omitempty"`
	Executed *decimal.Decimal `json:"executed,omitempty"`
	Rate     *decimal.Decimal `json:"rate,omitempty"`
	Weight   *decimal.Decimal `json:"weight,omitempty"`
	Score    *decimal.Decimal `json:"score,omitempty"`
	Cut      bool             `json:"cut,omitempty"`
	Location string           `json:"location"`
	Raw      string           `json:"raw"`
}

// Indicator is one indicator row of the table.
type Indicator struct {
	Level1   string           `json:"level1"`
	Level2   string           `json:"level2"`
	Name     string           `json:"name"`
	Target   string           `json:"target"`
	Actual   string           `json:"actual"`
	Weight   *decimal.Decimal `json:"weight,omitempty"`
	Score    *decimal.Decimal `json:"score,omitempty"`
	Met      *bool            `json:"met,omitempty"`
	Cut      bool             `json:"cut,omitempty"`
	Location string           `json:"location"`
}

func evaluationsOf(evs []extract.Evaluation) []Evaluation {
	var out []Evaluation
	for _, ev := range evs {
		e := Evaluation{No: ev.No, Table: ev.Table, Scope: ev.Scope, TotalWeight: ev.TotalWeight, TotalScore: ev.TotalScore,
			Grade: ev.Grade, Scoring: ev.ExecutionScoring, Fragment: ev.Fragment, Location: ev.Location,
			Funds: []FundsRow{}, Indicators: []Indicator{}}
		for _, f := range ev.Funds {
			e.Funds = append(e.Funds, FundsRow{Source: f.Source, Label: f.Label, Initial: f.Initial, Adjusted: f.Adjusted,
				Executed: f.Executed, Rate: f.Rate, Weight: f.Weight, Score: f.Score, Cut: f.Cut, Location: f.Location, Raw: f.Raw})
		}
		for _, in := range ev.Indicators {
			e.Indicators = append(e.Indicators, Indicator{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target,
				Actual: in.Actual, Weight: in.Weight, Score: in.Score, Met: in.Met, Cut: in.Cut, Location: in.Location})
		}
		out = append(out, e)
	}
	return out
}

// writeEvaluations writes the self-evaluation tables for people: each table's funds rows
// (amounts in 万元) and indicators, one a line.
func writeEvaluations(p func(string, ...any), e *Explanation) {
	if len(e.Evaluations) == 0 {
		return
	}
	p("\n== 绩效自评表 evaluations：%d 张 ==\n", len(e.Evaluations))
	d := func(v *decimal.Decimal) string {
		if v == nil {
			return "—"
		}
		return v.String()
	}
	w := func(v *decimal.Decimal) string {
		if v == nil {
			return "—"
		}
		return v.Shift(-4).StringFixed(2)
	}
	for _, ev := range e.Evaluations {
		name := ev.Table
		if name == "" {
			name = "部门整体"
		}
		p("\n  表%d %s（%s）总分 %s/%s", ev.No, name, ev.Scope, d(ev.TotalScore), d(ev.TotalWeight))
		if ev.Grade != "" {
			p(" 等级 %s", ev.Grade)
		}
		if ev.Scoring != "" {
			p(" 执行率计分 %s", ev.Scoring)
		}
		if ev.Fragment {
			p(" 表头缺失（片段）")
		}
		p("  %s\n", ev.Location)
		for _, f := range ev.Funds {
			cut := ""
			if f.Cut {
				cut = "  拆分"
			}
			p("    资金 %s %s：年初 %s 全年 %s 执行 %s 万元，执行率 %s，分值 %s 得分 %s  %s%s\n", f.Source, f.Label,
				w(f.Initial), w(f.Adjusted), w(f.Executed), d(f.Rate), d(f.Weight), d(f.Score), f.Location, cut)
		}
		for _, in := range ev.Indicators {
			met := "—"
			if in.Met != nil {
				met = map[bool]string{true: "达成", false: "未达成"}[*in.Met]
			}
			levels := strings.Trim(in.Level1+" / "+in.Level2, " /")
			p("    指标 %s｜%s｜目标 %s｜实际 %s｜分值 %s 得分 %s｜%s  %s\n", orDash(levels), in.Name, orDash(in.Target),
				orDash(in.Actual), d(in.Weight), d(in.Score), met, in.Location)
		}
	}
	if e.Grade != "" {
		p("\n  自评等级 %s\n", e.Grade)
	}
}
