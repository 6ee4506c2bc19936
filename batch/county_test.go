package batch

import (
	"context"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/extract"
)

// TestCountyBatch runs the whole pipeline over generated counties (a dozen departments,
// two years, inconsistencies injected within and across reports) and checks that every
// injected inconsistency is found on the report it was put in, and that no report raises
// an error or warning that was not injected. $JIXIAO_COUNTY_SEEDS=FROM-TO runs fresh seeds
// instead of the committed ones.
func TestCountyBatch(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range countySeeds(t) {
		dir := t.TempDir()
		reports := corpus.CountyBatch(seed)
		if err := corpus.Write(dir, reports); err != nil {
			t.Fatal(err)
		}
		col, err := Collect(context.Background(), Config{Inputs: []string{dir}, Out: t.TempDir(), Jobs: 2, Extractor: ex})
		if err != nil {
			t.Fatal(err)
		}
		var inputs []Report
		for _, r := range col.Reports {
			if !strings.HasSuffix(r.Path, ".gold.json") {
				inputs = append(inputs, r)
			}
		}
		a, err := Rules(analyze.Config{}).Analyze(context.Background(), inputs)
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{} // path + rule
		paths := map[string]string{}
		for _, r := range inputs {
			paths[r.ID] = r.Path
		}
		for _, f := range a.Anomalies {
			found[f.Path+" "+f.Rule] = true
			if f.Rule == "text.duplicate" {
				// One finding per cluster of copies, held by its first report by path: the
				// copy is found when it holds it or is among the related reports.
				for _, id := range f.Related {
					found[paths[id]+" "+f.Rule] = true
				}
			}
		}
		want := map[string]bool{}
		for _, r := range reports {
			for _, g := range r.Gold.Anomalies {
				want[r.Gold.Path+" "+g.Rule] = true
				if !found[r.Gold.Path+" "+g.Rule] {
					t.Errorf("seed %d: %s: injected %s not found (%s)", seed, r.Gold.Path, g.Rule, g.Note)
				}
			}
		}
		var extra []string
		for _, f := range a.Anomalies {
			if f.Severity != analyze.SeverityInfo && !want[f.Path+" "+f.Rule] {
				extra = append(extra, f.Path+" "+f.Rule+": "+f.Message)
			}
		}
		sort.Strings(extra)
		for _, x := range extra {
			t.Errorf("seed %d: not injected: %s", seed, x)
		}
		t.Logf("seed %d: %d reports, %d injected, %d findings", seed, len(inputs), len(want), len(a.Anomalies))
	}
}

// countySeeds are the seeds TestCountyBatch runs: 1–8, or $JIXIAO_COUNTY_SEEDS (FROM-TO).
func countySeeds(t *testing.T) []uint64 {
	env := os.Getenv("JIXIAO_COUNTY_SEEDS")
	if env == "" {
		return []uint64{1, 2, 3, 4, 5, 6, 7, 8}
	}
	from, to, _ := strings.Cut(env, "-")
	a, err1 := strconv.ParseUint(from, 10, 64)
	b, err2 := strconv.ParseUint(to, 10, 64)
	if err1 != nil || err2 != nil || b < a {
		t.Fatalf("JIXIAO_COUNTY_SEEDS=%q: want FROM-TO", env)
	}
	var seeds []uint64
	for s := a; s <= b; s++ {
		seeds = append(seeds, s)
	}
	return seeds
}
