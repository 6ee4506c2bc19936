package analyze

import (
	"slices"
	"strings"
	"testing"
)

// resubmitted is the batch as departments would send it again unchanged in substance: every
// file has new bytes (a new report id) and every figure, claim and section moved (another
// location).
func resubmitted(reports []Report) []Report {
	out := make([]Report, len(reports))
	for i, r := range reports {
		r.ReportID += "-v2"
		r.Figures = slices.Clone(r.Figures)
		for k := range r.Figures {
			r.Figures[k].Location = "p9" + r.Figures[k].Location
		}
		r.Claims = slices.Clone(r.Claims)
		for k := range r.Claims {
			r.Claims[k].Location = "p9" + r.Claims[k].Location
		}
		r.Sections = slices.Clone(r.Sections)
		for k := range r.Sections {
			r.Sections[k].Location = "p9" + r.Sections[k].Location
		}
		out[i] = r
	}
	return out
}

// TestItemSurvivesResubmission runs every scenario of every rule, and again over the same
// reports resubmitted with new report ids and moved texts: each finding's Item is the same
// (the anomaly ids are not), and no Item holds a report id or a location.
func TestItemSurvivesResubmission(t *testing.T) {
	items := func(fs []Finding) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Rule+" "+strings.Join(f.Metrics, ",")+" "+f.Item)
		}
		slices.Sort(out)
		return out
	}
	tested := 0
	for _, rule := range Rules() {
		for _, sc := range rule.Scenarios {
			before, _ := Run(sc.Reports, sc.Config)
			after, _ := Run(resubmitted(sc.Reports), sc.Config)
			if a, b := items(before), items(after); !slices.Equal(a, b) {
				t.Errorf("%s / %s: items %q, after resubmission %q", rule.ID, sc.Name, a, b)
			}
			for _, f := range append(before, after...) {
				for _, r := range append(slices.Clone(sc.Reports), resubmitted(sc.Reports)...) {
					if r.ReportID != "" && strings.Contains(f.Item, r.ReportID) {
						t.Errorf("%s / %s: item %q holds report id %q", rule.ID, sc.Name, f.Item, r.ReportID)
					}
				}
				if strings.Contains(f.Item, "@") || strings.Contains(f.Item, "p9") {
					t.Errorf("%s / %s: item %q holds a location", rule.ID, sc.Name, f.Item)
				}
			}
			tested += len(before)
		}
	}
	if tested < 20 {
		t.Errorf("only %d findings in all scenarios: the test checks too little", tested)
	}
}
