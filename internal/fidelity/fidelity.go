// Package fidelity measures how well jixiao reads the same reports as different writers save
// them: each folder of a fixture tree holds one producer's or one construct's files, named
// like the generator's gold files (NAME.docx, NAME.pdf ↔ NAME.gold.json), and its figures are
// scored against the gold as the extraction test scores the generated corpus: a figure counts
// when metric, basis, item and value (to the cent) agree.
package fidelity

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/parse"
)

// Score counts one folder's files and figures.
type Score struct {
	// Files is the number of files scored; Failed how many of them parse or extract refused.
	Files, Failed int
	// TP, FP and FN count figures found in the gold, found but not in the gold, and missed.
	TP, FP, FN int
	// Misses lists "file: missing KEY" and "file: extra KEY ← location raw" lines, and the
	// error of every failed file.
	Misses []string
}

// F1 is the harmonic mean of precision and recall (1 for a folder without figures).
func (s Score) F1() float64 {
	if s.TP+s.FP+s.FN == 0 {
		return 1
	}
	return 2 * float64(s.TP) / float64(2*s.TP+s.FP+s.FN)
}

// String prints the score in one line.
func (s Score) String() string {
	return fmt.Sprintf("%d files, %d failed, tp %d fp %d fn %d, F1 %.3f", s.Files, s.Failed, s.TP, s.FP, s.FN, s.F1())
}

// ReadGolds reads every NAME.gold.json of dir, keyed by NAME.
func ReadGolds(dir string) (map[string]corpus.Gold, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	golds := map[string]corpus.Gold{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var g corpus.Gold
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		golds[strings.TrimSuffix(filepath.Base(p), ".gold.json")] = g
	}
	return golds, nil
}

// ScoreDir reads every file of dir that has a gold, extracts its figures and adds them up.
// A file without a gold is an error: the fixture tree is out of step with its golds.
func ScoreDir(ctx context.Context, e *extract.Extractor, dir string, golds map[string]corpus.Gold) (Score, error) {
	var s Score
	entries, err := os.ReadDir(dir)
	if err != nil {
		return s, err
	}
	for _, ent := range entries {
		if ent.IsDir() || strings.HasPrefix(ent.Name(), ".") || strings.HasSuffix(ent.Name(), ".json") {
			continue
		}
		name := ent.Name()
		g, ok := golds[strings.TrimSuffix(name, filepath.Ext(name))]
		if !ok {
			return s, fmt.Errorf("%s: no gold for %s", dir, name)
		}
		if err := s.add(ctx, e, filepath.Join(dir, name), g); err != nil {
			return s, err
		}
	}
	return s, nil
}

// add scores one file against its gold.
func (s *Score) add(ctx context.Context, e *extract.Extractor, path string, g corpus.Gold) error {
	s.Files++
	name := filepath.Base(path)
	want := map[string]bool{}
	for _, f := range g.Figures {
		v, err := decimal.NewFromString(f.Value)
		if err != nil {
			return fmt.Errorf("%s: gold value %q: %w", name, f.Value, err)
		}
		want[key(f.Metric, f.Basis, f.Item, v)] = true
	}
	got := map[string]string{}
	doc, err := parse.ReadFile(ctx, path, parse.DefaultLimits())
	if err == nil {
		var res *extract.Result
		if res, err = e.Extract(ctx, doc); err == nil {
			for _, f := range res.Figures {
				got[key(f.Metric, string(f.Basis), f.Item, f.Value)] = f.Location + " " + f.Raw
			}
		}
	}
	if err != nil {
		s.Failed++
		s.Misses = append(s.Misses, fmt.Sprintf("%s: failed: %s", name, parse.Message(err)))
	}
	for k := range want {
		if _, ok := got[k]; ok {
			s.TP++
		} else {
			s.FN++
			s.Misses = append(s.Misses, fmt.Sprintf("%s: missing %s", name, k))
		}
	}
	for k, src := range got {
		if !want[k] {
			s.FP++
			s.Misses = append(s.Misses, fmt.Sprintf("%s: extra %s ← %.70s", name, k, src))
		}
	}
	sort.Strings(s.Misses)
	return nil
}

// key is a figure as scored: metric, basis, item and value to the cent.
func key(metric, basis, item string, v decimal.Decimal) string {
	return metric + "|" + basis + "|" + item + "|" + v.StringFixed(2)
}
