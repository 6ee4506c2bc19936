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
	per := map[string]*score{}
	var total score
	idOK := 0
	for _, gp := range golds {
		var g corpusGold
		b, err := os.ReadFile(gp)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", gp, err)
		}
		doc, err := parse.ReadFile(context.Background(), filepath.Join("testdata/corpus", g.Path), parse.DefaultLimits())
		if err != nil {
			t.Errorf("%s: %v", g.Path, err)
			continue
		}
		res, err := e.Extract(context.Background(), doc)
		if err != nil {
			t.Errorf("%s: %v", g.Path, err)
			continue
		}
		if res.Identity.Department == g.Department && res.Identity.Region == g.Region && res.Identity.Year == g.Year {
			idOK++
		} else {
			t.Logf("%s: identity %q %q %d, want %q %q %d", g.Path, res.Identity.Department, res.Identity.Region, res.Identity.Year, g.Department, g.Region, g.Year)
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
			s := per[m]
			if s == nil {
				s = &score{}
				per[m] = s
			}
			if _, ok := got[k]; ok {
				s.tp++
				total.tp++
			} else {
				s.fn++
				total.fn++
				t.Logf("%s: missing %s", g.Path, k)
			}
		}
		for k, f := range got {
			if _, ok := want[k]; ok {
				continue
			}
			s := per[f.Metric]
			if s == nil {
				s = &score{}
				per[f.Metric] = s
			}
			s.fp++
			total.fp++
			t.Logf("%s: extra %s ← %s %.60q", g.Path, k, f.Location, f.Raw)
		}
	}
	metrics := make([]string, 0, len(per))
	for m := range per {
		metrics = append(metrics, m)
	}
	sort.Strings(metrics)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-34s %6s %6s %6s %9s %7s\n", "metric", "tp", "fp", "fn", "precision", "recall")
	for _, m := range metrics {
		s := per[m]
		fmt.Fprintf(&b, "%-34s %6d %6d %6d %9.3f %7.3f\n", m, s.tp, s.fp, s.fn, s.precision(), s.recall())
	}
	fmt.Fprintf(&b, "%-34s %6d %6d %6d %9.3f %7.3f\n", "overall", total.tp, total.fp, total.fn, total.precision(), total.recall())
	fmt.Fprintf(&b, "identity (department, region, year) right in %d of %d reports\n", idOK, len(golds))
	t.Log(b.String())
	if total.precision() < 0.98 || total.recall() < 0.98 {
		t.Errorf("overall precision %.3f recall %.3f, want both ≥ 0.98", total.precision(), total.recall())
	}
	if float64(idOK) < 0.98*float64(len(golds)) {
		t.Errorf("identity right in %d of %d reports", idOK, len(golds))
	}
}
