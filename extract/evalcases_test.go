package extract

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/parse"
	"github.com/shopspring/decimal"
)

var updateEvalCases = flag.Bool("update-evalcases", false, "rewrite testdata/evalcases/*/want.txt from what is read")

// TestEvalCases runs the self-evaluation regression cases in testdata/evalcases: each folder
// holds input.txt (or .md, .docx, .xlsx), a table in a shape a real copy once had, written
// anew, and want.txt, what must be read from it, one line each:
//
//	table|scope|project|total score|grade
//	ind|level1|level2|name|target|actual|weight|score
//	funds|block|label|initial|adjusted|executed|rate      (amounts in 元)
//	fig|metric|basis|item|value
//
// Every kind listed is compared as a set, exactly; a line "subset ind" (or funds, fig) makes
// the listed lines of that kind a subset the reading must hold: rows the case is not about.
func TestEvalCases(t *testing.T) {
	dirs, err := filepath.Glob("testdata/evalcases/*")
	if err != nil {
		t.Fatal(err)
	}
	e := newTestExtractor(t)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			inputs, _ := filepath.Glob(filepath.Join(dir, "input.*"))
			if len(inputs) != 1 {
				t.Fatalf("want one input.* in %s, have %v", dir, inputs)
			}
			doc, err := parse.ReadFile(context.Background(), inputs[0], parse.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			res, err := e.Extract(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			got := evalCaseLines(res)
			path := filepath.Join(dir, "want.txt")
			if *updateEvalCases {
				if err := os.WriteFile(path, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, subset := []string{}, map[string]bool{}
			for _, l := range strings.Split(string(b), "\n") {
				l = strings.TrimSpace(l)
				switch {
				case l == "" || strings.HasPrefix(l, "#"):
				case strings.HasPrefix(l, "subset "):
					subset[strings.TrimPrefix(l, "subset ")] = true
				default:
					want = append(want, l)
				}
			}
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %s", w)
				}
			}
			for _, g := range got {
				kind, _, _ := strings.Cut(g, "|")
				if !subset[kind] && !slices.Contains(want, g) {
					t.Errorf("extra %s", g)
				}
			}
		})
	}
}

func evalCaseLines(res *Result) []string {
	dec := func(d *decimal.Decimal) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	var out []string
	for _, ev := range res.Evaluations {
		out = append(out, strings.Join([]string{"table", ev.Scope, ev.Table, dec(ev.TotalScore), ev.Grade}, "|"))
		for _, in := range ev.Indicators {
			out = append(out, strings.Join([]string{"ind", in.Level1, in.Level2, in.Name, in.Target, in.Actual, dec(in.Weight), dec(in.Score)}, "|"))
		}
		for _, f := range ev.Funds {
			out = append(out, strings.Join([]string{"funds", f.Block, f.Label, dec(f.Initial), dec(f.Adjusted), dec(f.Executed), dec(f.Rate)}, "|"))
		}
	}
	for _, f := range res.Figures {
		if f.Method == MethodTable && (strings.HasPrefix(f.Metric, "score.") || strings.HasPrefix(f.Metric, "expenditure.project") ||
			f.Metric == "rate.budget_execution" || f.Metric == "expenditure.total") {
			out = append(out, strings.Join([]string{"fig", f.Metric, string(f.Basis), f.Item, f.Value.String()}, "|"))
		}
	}
	return out
}
