package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/parse"
)

// dumpEvaluations writes evaluations one row a line, for golden files and debugging.
func dumpEvaluations(evs []Evaluation) string {
	var b strings.Builder
	d := func(p *decimal.Decimal) string {
		if p == nil {
			return "-"
		}
		return p.String()
	}
	for _, ev := range evs {
		fmt.Fprintf(&b, "table %d %s %q total %s/%s grade %q scoring %q at %s\n", ev.No, ev.Scope, ev.Table, d(ev.TotalScore), d(ev.TotalWeight), ev.Grade, ev.ExecutionScoring, ev.Location)
		for _, f := range ev.Funds {
			fmt.Fprintf(&b, "  funds %s %q: %s / %s / %s rate %s w %s s %s (%s)\n", f.Source, f.Label, d(f.Initial), d(f.Adjusted), d(f.Executed), d(f.Rate), d(f.Weight), d(f.Score), f.UnitText)
		}
		for _, in := range ev.Indicators {
			met := "-"
			if in.Met != nil {
				met = fmt.Sprint(*in.Met)
			}
			fmt.Fprintf(&b, "  ind %s | %s | %s | %s | %s | w %s s %s | cmp %s unit %s met %s @%s\n", in.Level1, in.Level2, in.Name, in.Target, in.Actual, d(in.Weight), d(in.Score), in.Comparator, in.UnitText, met, in.Location)
		}
	}
	return b.String()
}

func TestEvalDebug(t *testing.T) {
	path := os.Getenv("EVAL_DEBUG")
	if path == "" {
		t.Skip("EVAL_DEBUG not set")
	}
	e := newTestExtractor(t)
	for _, p := range strings.Fields(path) {
		doc, err := parse.ReadFile(context.Background(), p, parse.DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Extract(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("=====", p)
		if os.Getenv("EVAL_TOKENS") != "" {
			st := e.eval.buildStream(doc.Blocks)
			for k, t := range st.toks {
				fl := ""
				if t.first {
					fl = "^"
				}
				fmt.Printf("  %4d %s%q kind=%b col=%d lvl=%d src=%s cuts=%d line=%d\n", k, fl, t.raw, t.kind, t.col, t.level, t.src, len(t.cuts), t.line)
			}
		}
		fmt.Print(dumpEvaluations(res.Evaluations))
		if j := os.Getenv("EVAL_JSON"); j != "" {
			b, _ := json.Marshal(res.Evaluations)
			f, _ := os.OpenFile(j, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			fmt.Fprintf(f, "%s\t%s\n", p, b)
			f.Close()
		}
		for _, f := range res.Figures {
			if strings.HasPrefix(f.Metric, "rate") || strings.HasPrefix(f.Metric, "score") || strings.HasSuffix(f.Metric, ".item") || f.Metric == "expenditure.total" {
				fmt.Printf("  fig %s %s %q %s\n", f.Metric, f.Basis, f.Item, f.Value)
			}
		}
	}
}
