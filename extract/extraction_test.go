package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/parse"
)

// corpusGold is the expected-figures file written beside every generated report.
type corpusGold struct {
	Path       string `json:"path"`
	Department string `json:"department"`
	Region     string `json:"region"`
	Year       int    `json:"year"`
	Figures    []struct {
		Metric string `json:"metric"`
		Basis  string `json:"basis"`
		Item   string `json:"item"`
		Value  string `json:"value"`
	} `json:"figures"`
}

type score struct{ tp, fp, fn int }

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// scorer adds up how extraction did on reports with known figures, per metric.
type scorer struct {
	per          map[string]*score
	total        score
	reports, ids int
}

func newScorer() *scorer { return &scorer{per: map[string]*score{}} }

func (sc *scorer) metric(m string) *score {
	s := sc.per[m]
	if s == nil {
		s = &score{}
		sc.per[m] = s
	}
	return s
}

// add compares one report's extraction with its gold, logging every miss and extra.
func (sc *scorer) add(t *testing.T, e *Extractor, name string, data []byte, g corpusGold) {
	t.Helper()
	sc.reports++
	doc, err := parse.Read(context.Background(), name, data, parse.DefaultLimits())
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	res, err := e.Extract(context.Background(), doc)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if res.Identity.Department == g.Department && res.Identity.Region == g.Region && res.Identity.Year == g.Year {
		sc.ids++
	} else {
		t.Logf("%s: identity %q %q %d, want %q %q %d", name, res.Identity.Department, res.Identity.Region, res.Identity.Year, g.Department, g.Region, g.Year)
	}
	want := map[string]string{}
	for _, f := range g.Figures {
		want[figKey(f.Metric, f.Basis, f.Item, decimal.RequireFromString(f.Value))] = f.Metric
	}
	got := map[string]Figure{}
	for _, f := range res.Figures {
		got[figKey(f.Metric, string(f.Basis), f.Item, f.Value)] = f
	}
	for k, m := range want {
		if _, ok := got[k]; ok {
			sc.metric(m).tp++
			sc.total.tp++
		} else {
			sc.metric(m).fn++
			sc.total.fn++
			t.Logf("%s: missing %s", name, k)
		}
	}
	for k, f := range got {
		if _, ok := want[k]; ok {
			continue
		}
		sc.metric(f.Metric).fp++
		sc.total.fp++
		t.Logf("%s: extra %s ← %s %.60q", name, k, f.Location, f.Raw)
	}
}

// report prints the per-metric table and fails on any missing or extra figure and any
// wrong identity: on generated reports extraction is exact.
func (sc *scorer) report(t *testing.T) {
	t.Helper()
	metrics := make([]string, 0, len(sc.per))
	for m := range sc.per {
		metrics = append(metrics, m)
	}
	sort.Strings(metrics)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-34s %6s %6s %6s %9s %7s\n", "metric", "tp", "fp", "fn", "precision", "recall")
	for _, m := range metrics {
		s := sc.per[m]
		fmt.Fprintf(&b, "%-34s %6d %6d %6d %9.3f %7.3f\n", m, s.tp, s.fp, s.fn, s.precision(), s.recall())
	}
	fmt.Fprintf(&b, "%-34s %6d %6d %6d %9.3f %7.3f\n", "overall", sc.total.tp, sc.total.fp, sc.total.fn, sc.total.precision(), sc.total.recall())
	fmt.Fprintf(&b, "identity (department, region, year) right in %d of %d reports\n", sc.ids, sc.reports)
	t.Log(b.String())
	if sc.total.fp > 0 || sc.total.fn > 0 {
		t.Errorf("overall precision %.3f recall %.3f (%d extra, %d missing), want both 1", sc.total.precision(), sc.total.recall(), sc.total.fp, sc.total.fn)
	}
	if sc.ids < sc.reports {
		t.Errorf("identity right in %d of %d reports", sc.ids, sc.reports)
	}
}

// TestExtraction scores extraction on the generated corpus in testdata/corpus (written by
// cmd/jixiao-corpus with its expected figures) and prints precision and recall per metric.
// Run it with: go test ./extract -run Extraction -v
func TestExtraction(t *testing.T) {
	golds, err := filepath.Glob("testdata/corpus/*.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) < 40 {
		t.Fatalf("testdata/corpus holds %d reports; regenerate it with go run ./cmd/jixiao-corpus -n 48 --seed 7 -o extract/testdata/corpus", len(golds))
	}
	e := newTestExtractor(t)
	sc := newScorer()
	for _, gp := range golds {
		var g corpusGold
		b, err := os.ReadFile(gp)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", gp, err)
		}
		data, err := os.ReadFile(filepath.Join("testdata/corpus", g.Path))
		if err != nil {
			t.Fatal(err)
		}
		sc.add(t, e, g.Path, data, g)
	}
	sc.report(t)
}

// TestExtractionFresh scores extraction on reports generated afresh in memory with seeds the
// committed corpus does not use, so that the score is not one of a corpus tuned against.
func TestExtractionFresh(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 60
	}
	e := newTestExtractor(t)
	sc := newScorer()
	for _, r := range corpus.Generate(corpus.Options{N: n, Seed: 2026}) {
		b, err := corpus.MarshalGold(r.Gold)
		if err != nil {
			t.Fatal(err)
		}
		var g corpusGold
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatal(err)
		}
		sc.add(t, e, r.Name+"."+r.Ext, r.Data, g)
	}
	sc.report(t)
}
