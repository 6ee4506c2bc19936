package analyze

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

var update = flag.Bool("update", false, "rewrite golden files (docs/rules.md)")

// specRules is SPEC.md's rule table: ID → severity.
var specRules = map[string]string{
	"sum.expenditure": "error", "sum.basic": "error", "sum.project_items": "error", "sum.income": "error",
	"sum.three_public": "error", "sum.vehicle": "error", "restated.conflict": "error", "percent.mismatch": "error",
	"staff.sum": "error", "staff.over_authorized": "warning", "vehicles.over_authorized": "warning",
	"balance.deficit": "warning", "missing.disclosure": "warning", "year.mismatch": "warning", "unit.suspect": "warning",
	"peer.outlier": "warning", "yoy.swing": "info", "prior.mismatch": "error", "transfer.unmatched": "warning",
	"text.duplicate": "info", "reference.mismatch": "error", "submission.missing": "warning",
	"score.sum": "error", "score.over_weight": "error", "score.unmet_full": "warning", "score.grade": "error",
	"score.execution": "warning", "sum.funds": "error", "indicator.blank": "warning",
}

func TestRegistryMatchesSpec(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		sev, ok := specRules[r.ID]
		if !ok {
			t.Errorf("rule %s is not in SPEC", r.ID)
			continue
		}
		if seen[r.ID] {
			t.Errorf("rule %s declared twice", r.ID)
		}
		seen[r.ID] = true
		if r.Severity != sev {
			t.Errorf("%s: severity %s, SPEC says %s", r.ID, r.Severity, sev)
		}
		if r.Title == "" || r.Description == "" || r.Doc == "" || r.Check == nil || (r.Scope != ScopeReport && r.Scope != ScopeBatch) {
			t.Errorf("%s: incomplete declaration", r.ID)
		}
		kinds := map[string]bool{}
		for _, sc := range r.Scenarios {
			kinds[sc.Kind] = true
		}
		for _, k := range []string{"trips", "clean", "edge"} {
			if !kinds[k] {
				t.Errorf("%s: no %s scenario", r.ID, k)
			}
		}
	}
	for id := range specRules {
		if !seen[id] {
			t.Errorf("SPEC rule %s has no implementation", id)
		}
	}
}

// TestScenarios runs every rule's scenarios: the outcome on the first report and the number of
// the rule's findings are as declared, and every finding is well formed.
func TestScenarios(t *testing.T) {
	for _, r := range Rules() {
		for _, sc := range r.Scenarios {
			t.Run(r.ID+"/"+sc.Kind+"/"+sc.Name, func(t *testing.T) {
				findings, checks := Run(sc.Reports, sc.Config)
				got := ""
				for _, c := range checks {
					if c.Outcome != OutcomeFlagged && c.Detail != "" && !hasHan(c.Detail) {
						t.Errorf("%s: %s detail not in Chinese, as the analysts read it: %q", c.Rule, c.Outcome, c.Detail)
					}
					if c.Rule == r.ID && c.ReportID == sc.Reports[0].ReportID {
						got = c.Outcome
						if c.Outcome == OutcomeFlagged && c.Detail == "" {
							t.Errorf("flagged check without anomaly ids")
						}
						if c.Outcome == OutcomeInsufficient && c.Detail == "" {
							t.Errorf("insufficient check without detail")
						}
					}
				}
				if got != sc.Want {
					t.Errorf("outcome %q, want %q", got, sc.Want)
				}
				n := 0
				for _, f := range findings {
					if f.Rule != r.ID {
						continue
					}
					n++
					checkFinding(t, f)
					if sc.WantSeverity != "" && f.Severity != sc.WantSeverity {
						t.Errorf("finding of severity %s, want %s: %s", f.Severity, sc.WantSeverity, f.Message)
					}
				}
				if n != sc.WantFindings {
					t.Errorf("%d findings of %s, want %d", n, r.ID, sc.WantFindings)
					for _, f := range findings {
						t.Logf("  %s %s %s", f.Rule, f.Path, f.Message)
					}
				}
				if len(checks) != len(sc.Reports)*len(registry) {
					t.Errorf("%d checks, want %d reports × %d rules", len(checks), len(sc.Reports), len(registry))
				}
			})
		}
	}
}

func checkFinding(t *testing.T, f Finding) {
	t.Helper()
	if len(f.AnomalyID) != 16 || f.Severity == "" || f.Message == "" {
		t.Errorf("malformed finding %+v", f)
	}
	if !strings.HasSuffix(f.Message, "。") || strings.Count(f.Message, "。") != 1 {
		t.Errorf("message is not one sentence: %s", f.Message)
	}
	if f.Rule != "submission.missing" && (f.ReportID == "" || f.Path == "") {
		t.Errorf("finding without report: %+v", f)
	}
	if f.Evidence == "" {
		t.Errorf("finding without evidence: %s", f.Message)
	}
}

func TestRulesMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRulesMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("..", "docs", "rules.md")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./analyze -run TestRulesMarkdown -update)", err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		t.Errorf("docs/rules.md is out of date: run go test ./analyze -run TestRulesMarkdown -update and review the diff")
	}
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
