package analyze

import (
	"testing"

	"github.com/jixiao/jixiao/extract"
)

// TestIncomePartsAreNotRestatements: 事业收入 and 其他收入 are both income.other; a report
// stating both states two parts that add up, not one figure twice with different values.
func TestIncomePartsAreNotRestatements(t *testing.T) {
	withTerm := func(f extract.Figure, term string) extract.Figure { f.Term = term; return f }
	r := rep("r1", "隆回县科学技术协会", 2024,
		act("income.total", "100.00"), act("income.fiscal", "80.00"),
		withTerm(act("income.other", "15.00"), "事业收入"), withTerm(act("income.other", "5.00"), "其他收入"))
	findings, checks := Run([]Report{r}, Config{})
	for _, f := range findings {
		if f.Rule == "sum.income" || f.Rule == "restated.conflict" {
			t.Errorf("unexpected %s: %s", f.Rule, f.Message)
		}
	}
	for _, c := range checks {
		if c.Rule == "sum.income" && c.Outcome != OutcomePassed {
			t.Errorf("sum.income %s (%s), want passed", c.Outcome, c.Detail)
		}
	}
}

// TestIncomePartsWrittenTwice: the same amount under two names (the text's 事业收入 and the
// table's 其他收入) is one part, and an amount equal to the others added up is their total.
func TestIncomePartsWrittenTwice(t *testing.T) {
	withTerm := func(f extract.Figure, term string) extract.Figure { f.Term = term; return f }
	tests := []struct {
		name  string
		parts []extract.Figure
	}{
		{"same amount, two names", []extract.Figure{withTerm(act("income.other", "20.00"), "事业收入"), withTerm(act("income.other", "20.00"), "其他收入")}},
		{"a total of the parts", []extract.Figure{withTerm(act("income.other", "15.00"), "事业收入"), withTerm(act("income.other", "5.00"), "经营收入"), withTerm(act("income.other", "20.00"), "其他收入")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs := append([]extract.Figure{act("income.total", "100.00"), act("income.fiscal", "80.00")}, tt.parts...)
			_, checks := Run([]Report{rep("r1", "隆回县科学技术协会", 2024, anySlice(figs)...)}, Config{})
			for _, c := range checks {
				if (c.Rule == "sum.income" || c.Rule == "restated.conflict") && c.Outcome != OutcomePassed {
					t.Errorf("%s %s (%s), want passed", c.Rule, c.Outcome, c.Detail)
				}
			}
		})
	}
}

func anySlice(figs []extract.Figure) []any {
	out := make([]any, len(figs))
	for i, f := range figs {
		out[i] = f
	}
	return out
}

// TestProjectReportsDiscloseNoDepartmentTotals: a 项目支出绩效自评报告 is about one project.
func TestProjectReportsDiscloseNoDepartmentTotals(t *testing.T) {
	r := rep("r1", "隆回县科学技术协会", 2024, act("expenditure.project", "16.00"))
	r.Title = "隆回县科学技术协会2024年度科普行动计划项目支出绩效自评报告"
	_, checks := Run([]Report{r}, Config{})
	for _, c := range checks {
		if c.Rule == "missing.disclosure" && c.Outcome != OutcomeNotApplicable {
			t.Errorf("missing.disclosure %s, want not_applicable", c.Outcome)
		}
	}
}

// TestOlderYearsAreNotRestatements: a 2024 report recalling 2022's income states no second
// 2024 income.
func TestOlderYearsAreNotRestatements(t *testing.T) {
	inYear := func(f extract.Figure, y int) extract.Figure { f.Year = y; return f }
	r := rep("r1", "隆回县科学技术协会", 2024, inYear(act("income.total", "214.78"), 2024), inYear(act("income.total", "180.00"), 2022))
	_, checks := Run([]Report{r}, Config{})
	for _, c := range checks {
		if c.Rule == "restated.conflict" && c.Outcome == OutcomeFlagged {
			t.Errorf("restated.conflict flagged: %s", c.Detail)
		}
	}
}

// TestTwoBudgetsAreNotRestatements: a budget as first set and as adjusted are two figures.
func TestTwoBudgetsAreNotRestatements(t *testing.T) {
	withText := func(f extract.Figure, text string) extract.Figure { f.BasisText = text; return f }
	r := rep("r1", "隆回县科学技术协会", 2024,
		withText(bud("expenditure.total", "220.00"), "年初预算数"), withText(bud("expenditure.total", "230.00"), "全年预算数"),
		withText(bud("expenditure.basic", "100.00"), "年初预算数"), withText(bud("expenditure.project", "120.00"), "年初预算数"))
	_, checks := Run([]Report{r}, Config{})
	for _, c := range checks {
		if c.Rule == "restated.conflict" && c.Outcome == OutcomeFlagged {
			t.Errorf("restated.conflict flagged: %s", c.Detail)
		}
		if c.Rule == "sum.expenditure" && c.Outcome != OutcomePassed {
			t.Errorf("sum.expenditure %s (%s), want passed on the first budget", c.Outcome, c.Detail)
		}
	}
}
