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
