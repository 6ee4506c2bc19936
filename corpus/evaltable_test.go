package corpus

import (
	"bytes"
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/corpus/wordml"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/parse"
)

// TestSelfEvalTables reads generated self-evaluation tables back, in every format (a .docx
// table with merged cells, |-rows, one cell per line, cells run together with spaces, a
// table cut by a page, Markdown, an .xlsx sheet), and wants exactly what was written: every
// indicator and funds row, the total, the grade, the figures; and from the analysis exactly
// the injected inconsistency among the self-evaluation rules.
func TestSelfEvalTables(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reports := SelfEvalTables(TableOptions{N: 400, Seed: 12, InjectRate: 0.6})
	formats := map[string]int{}
	for _, rep := range reports {
		formats[rep.Ext]++
		t.Run(rep.Name+"."+rep.Ext, func(t *testing.T) {
			res := readOneTable(t, ex, rep.Name+"."+rep.Ext, rep.Data, rep.text)
			sameTable(t, rep.Gold, &res.Evaluations[0], rep.text)
			sameFigures(t, rep.Gold, res.Figures)
			if res.Grade != rep.Gold.Grade {
				t.Errorf("report grade %q, want %q", res.Grade, rep.Gold.Grade)
			}
			sameFindings(t, rep.Gold, res)
		})
	}
	for _, f := range []string{FormatDocx, FormatTxt, FormatMd, FormatXLSX} {
		if formats[f] < 10 {
			t.Errorf("only %d tables as %s", formats[f], f)
		}
	}
}

func goldNum(s string) *decimal.Decimal {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	if s == "" {
		return nil
	}
	d := decimal.RequireFromString(s)
	return &d
}

func sameDec(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

func wanDec(s string) *decimal.Decimal {
	d := goldNum(s)
	if d == nil {
		return nil
	}
	v := d.Mul(decimal.NewFromInt(10000))
	return &v
}

func sameTable(t *testing.T, g Gold, ev *extract.Evaluation, text string) {
	t.Helper()
	if len(ev.Indicators) != len(g.Indicators) {
		t.Errorf("%d indicators, want %d\n%s", len(ev.Indicators), len(g.Indicators), text)
	}
	for k := 0; k < min(len(ev.Indicators), len(g.Indicators)); k++ {
		in, w := ev.Indicators[k], g.Indicators[k]
		if in.Level1 != w.Level1 || in.Level2 != w.Level2 || in.Name != w.Name || in.Target != w.Target || in.Actual != w.Actual ||
			!sameDec(in.Weight, goldNum(w.Weight)) || !sameDec(in.Score, goldNum(w.Score)) {
			t.Errorf("indicator %d: %s|%s|%s|%s|%s|%v|%v, want %+v", k, in.Level1, in.Level2, in.Name, in.Target, in.Actual, in.Weight, in.Score, w)
		}
	}
	if len(ev.Funds) != len(g.BudgetRows) {
		t.Errorf("%d funds rows, want %d", len(ev.Funds), len(g.BudgetRows))
	}
	for k := 0; k < min(len(ev.Funds), len(g.BudgetRows)); k++ {
		f, w := ev.Funds[k], g.BudgetRows[k]
		if f.Label != w.Row || !sameDec(f.Initial, wanDec(w.Initial)) || !sameDec(f.Adjusted, wanDec(w.Adjusted)) ||
			!sameDec(f.Executed, wanDec(w.Executed)) || !sameDec(f.Rate, goldNum(w.Rate)) || !sameDec(f.Weight, goldNum(w.Weight)) ||
			!sameDec(f.Score, goldNum(w.Score)) {
			t.Errorf("funds row %d: %q %v/%v/%v rate %v w %v s %v, want %+v", k, f.Label, f.Initial, f.Adjusted, f.Executed, f.Rate, f.Weight, f.Score, w)
		}
	}
	if !sameDec(ev.TotalScore, goldNum(g.TotalScore)) || ev.Grade != g.Grade {
		t.Errorf("total %v grade %q, want %s %q", ev.TotalScore, ev.Grade, g.TotalScore, g.Grade)
	}
	if ev.Table == "" || ev.Scope != extract.ScopeProject {
		t.Errorf("table %q scope %s", ev.Table, ev.Scope)
	}
}

func sameFigures(t *testing.T, g Gold, figs []extract.Figure) {
	t.Helper()
	for _, w := range g.Figures {
		want := decimal.RequireFromString(w.Value)
		found := slices.ContainsFunc(figs, func(f extract.Figure) bool {
			return f.Metric == w.Metric && string(f.Basis) == w.Basis && f.Item == w.Item && f.Value.Equal(want)
		})
		if !found {
			t.Errorf("figure %+v not read", w)
		}
	}
}

// sameFindings wants the analysis to flag exactly the injected rule among the rules of
// self-evaluation tables.
func sameFindings(t *testing.T, g Gold, res *extract.Result) {
	t.Helper()
	rep := analyze.Report{ReportID: "r", Path: g.Path, Status: "partial", Identity: res.Identity, Figures: res.Figures,
		Claims: res.Claims, Evaluations: res.Evaluations, Grade: res.Grade}
	findings, _ := analyze.Run([]analyze.Report{rep}, analyze.Config{})
	var got, want []string
	for _, f := range findings {
		if slices.Contains(analyze.EvaluationRules, f.Rule) && !slices.Contains(got, f.Rule) {
			got = append(got, f.Rule)
		}
	}
	for _, a := range g.Anomalies {
		want = append(want, a.Rule)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		var msgs bytes.Buffer
		for _, f := range findings {
			msgs.WriteString("\n  " + f.Rule + " " + f.Message)
		}
		t.Errorf("flagged %v, want %v%s", got, want, msgs.String())
	}
}

// TestSelfEvalTablesDeterministic: the same options give the same bytes, in every format.
func TestSelfEvalTablesDeterministic(t *testing.T) {
	a := SelfEvalTables(TableOptions{N: 24, Seed: 5, InjectRate: 0.5})
	b := SelfEvalTables(TableOptions{N: 24, Seed: 5, InjectRate: 0.5})
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s.%s differs between two runs", a[i].Name, a[i].Ext)
		}
	}
}

// TestSelfEvalTablesConstructs reads the .docx self-evaluation tables rewritten with each
// construct of real writers' files (tracked changes, content controls, text boxes, nested
// tables, fields, notes, headers, namespaces): every table reads as without it.
func TestSelfEvalTablesConstructs(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var docx []Report
	for _, rep := range SelfEvalTables(TableOptions{N: 120, Seed: 31, InjectRate: 0.5}) {
		if rep.Ext == FormatDocx {
			docx = append(docx, rep)
		}
	}
	if len(docx) < 10 {
		t.Fatalf("only %d .docx tables", len(docx))
	}
	for _, construct := range wordml.Constructs() {
		if construct == "all" {
			continue
		}
		for _, rep := range docx {
			t.Run(construct+"/"+rep.Name, func(t *testing.T) {
				data, err := wordml.Apply(rep.Data, construct)
				if err != nil {
					t.Fatal(err)
				}
				res := readOneTable(t, ex, rep.Name+".docx", data, rep.text)
				sameTable(t, rep.Gold, &res.Evaluations[0], rep.text)
				sameFigures(t, rep.Gold, res.Figures)
			})
		}
	}
}

// readOneTable reads a generated file that holds one self-evaluation table, failing the test
// when it cannot be read or holds another number of tables; text is the table as generated.
func readOneTable(t *testing.T, ex *extract.Extractor, name string, data []byte, text string) *extract.Result {
	t.Helper()
	doc, err := parse.Read(context.Background(), name, data, parse.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	res, err := ex.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Evaluations) != 1 {
		t.Fatalf("%d tables read, want 1\n%s", len(res.Evaluations), text)
	}
	return res
}
