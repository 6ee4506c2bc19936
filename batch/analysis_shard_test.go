package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/tables"
	"github.com/shopspring/decimal"
)

// regionsCorpus writes a batch of many regions: 90 generated reports, and two county
// batches (two years of a dozen departments each, with peers, year-on-year changes, stated
// prior-year figures, transfers and copied text). In the first county three UTF-8 reports
// are changed: two name their unit without the county (an open region: it may be any
// county's department), one in each year, and one with a prefecture before the county
// (邵阳市安溪县 beside 安溪县: one region family).
func regionsCorpus(t *testing.T) (dir string) {
	t.Helper()
	dir = t.TempDir()
	write := func(sub string, reports []corpus.Report) {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, r := range reports {
			if err := os.WriteFile(filepath.Join(dir, sub, r.Name+"."+r.Ext), r.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	write("gen", corpus.Generate(corpus.Options{N: 90, Seed: 21}))
	// The changes, in turn: an open region in the first year (the second year's report looks
	// back to it), one in the second year (it looks back to a named region), a prefecture.
	type change struct {
		first bool
		name  func(unit, region string) string
	}
	changes := []change{
		{true, func(unit, region string) string { return strings.TrimPrefix(unit, region) }},
		{false, func(unit, region string) string { return strings.TrimPrefix(unit, region) }},
		{false, func(unit, region string) string { return "邵阳市" + unit }},
	}
	for _, seed := range []uint64{3, 8} {
		county := corpus.CountyBatch(seed)
		changes = changeUnits(county, changes, func(c change) (bool, func(string, string) string) { return c.first, c.name })
		write(fmt.Sprintf("county%d", seed), county)
	}
	if len(changes) > 0 {
		t.Fatalf("the county batches have too few UTF-8 text reports: %d changes left", len(changes))
	}
	return dir
}

// TestAnalysisShardsEqualOneAnalysis analyses one dataset of many regions whole
// (Reanalyze) and as N analysis shards joined by MergeShards, for N = 1, 2, 3 and 5, with a
// --reference: the anomalies and checks tables are the same bytes.
func TestAnalysisShardsEqualOneAnalysis(t *testing.T) {
	in := regionsCorpus(t)
	out := filepath.Join(t.TempDir(), "out")
	cfg := realConfig(t, in, out)
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	reports, err := Load(out)
	if err != nil {
		t.Fatal(err)
	}
	var ref []analyze.ReferenceRow
	keys := map[string]bool{}
	openDepts, placedDepts := map[string]bool{}, map[string]bool{}
	for _, r := range reports {
		if r.Result == nil {
			continue
		}
		id := r.Result.Identity
		key := analyze.RegionKey(id.Department, id.Region)
		keys[key] = true
		if d := analyze.NormalizeDepartment(id.Department); id.Department != "" && key == "" {
			openDepts[d] = true
		} else if id.Department != "" {
			placedDepts[d] = true
		}
		if len(ref) < 3 {
			ref = append(ref, analyze.ReferenceRow{Department: id.Department, Year: id.Year, Metric: "expenditure.total",
				Basis: "actual", Value: decimal.NewFromInt(12345), Line: len(ref) + 2})
		}
	}
	both := 0
	for d := range openDepts {
		if placedDepts[d] {
			both++
		}
	}
	longer := 0
	for k := range keys {
		if strings.HasPrefix(k, "邵阳市") {
			longer++
		}
	}
	if both == 0 || longer == 0 || len(keys) < 20 {
		t.Fatalf("the dataset has %d region keys, %d departments of open and of named region, %d keys of a prefecture and county", len(keys), both, longer)
	}
	acfg := analyze.Config{Reference: ref}
	if _, _, err := Reanalyze(context.Background(), out, acfg); err != nil {
		t.Fatal(err)
	}
	wantA := readBytes(t, filepath.Join(out, tables.AnomaliesFile))
	wantC := readBytes(t, filepath.Join(out, tables.ChecksFile))
	rules := map[string]int{}
	for _, f := range readTable[tables.AnomalyRow](t, filepath.Join(out, tables.AnomaliesFile)) {
		rules[f.Rule]++
	}
	for _, r := range []string{"peer.outlier", "yoy.swing", "prior.mismatch", "transfer.unmatched", "text.duplicate", "reference.mismatch"} {
		if rules[r] == 0 {
			t.Errorf("the whole analysis has no %s finding: the comparison would not show that rule shards right (%v)", r, rules)
		}
	}
	for _, n := range []int{1, 2, 3, 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(out, AnalysisDir)); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{tables.AnomaliesFile, tables.ChecksFile} {
				os.Remove(filepath.Join(out, name))
			}
			owned := 0
			for k := range n {
				m, err := AnalyzeShard(context.Background(), out, acfg, Shard{K: k, N: n})
				if err != nil {
					t.Fatalf("shard %d/%d: %v", k, n, err)
				}
				owned += m.Owned
				if n > 1 && (m.Owned == 0 || m.Read >= len(reports)) {
					t.Errorf("shard %d/%d owns %d and reads %d of %d reports", k, n, m.Owned, m.Read, len(reports))
				}
			}
			if owned != len(reports) {
				t.Errorf("the shards own %d reports, the dataset has %d", owned, len(reports))
			}
			if _, _, err := MergeShards(context.Background(), out, analyze.Config{}); err != nil {
				t.Fatal(err)
			}
			if got := readBytes(t, filepath.Join(out, tables.AnomaliesFile)); !bytes.Equal(got, wantA) {
				t.Errorf("merged anomalies.parquet (%d bytes) differs from the whole analysis's (%d bytes)", len(got), len(wantA))
			}
			if got := readBytes(t, filepath.Join(out, tables.ChecksFile)); !bytes.Equal(got, wantC) {
				t.Errorf("merged checks.parquet (%d bytes) differs from the whole analysis's (%d bytes)", len(got), len(wantC))
			}
		})
	}
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMergeRefusesBadShards breaks the analysis shards of a small dataset in one way each:
// the merge says what is wrong and writes nothing.
func TestMergeRefusesBadShards(t *testing.T) {
	in := generated(t, 40, 5)
	base := filepath.Join(t.TempDir(), "base")
	if _, err := Run(context.Background(), realConfig(t, in, base)); err != nil {
		t.Fatal(err)
	}
	shardAll := func(t *testing.T, out string, n int, cfg analyze.Config) {
		for k := range n {
			if _, err := AnalyzeShard(context.Background(), out, cfg, Shard{K: k, N: n}); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name  string
		spoil func(t *testing.T, out string)
		want  string
	}{
		{"no shards", func(t *testing.T, out string) {}, "no analysis folder"},
		{"a shard missing", func(t *testing.T, out string) {
			shardAll(t, out, 3, analyze.Config{})
			os.RemoveAll(shardDir(out, Shard{K: 1, N: 3}))
		}, "shard 1/3 is missing"},
		{"shards of two N", func(t *testing.T, out string) {
			shardAll(t, out, 3, analyze.Config{})
			shardAll(t, out, 2, analyze.Config{})
		}, "shards of 2 and of 3"},
		{"a shard unfinished", func(t *testing.T, out string) {
			shardAll(t, out, 2, analyze.Config{})
			os.Remove(filepath.Join(shardDir(out, Shard{K: 0, N: 2}), ManifestFile))
		}, "has not finished"},
		{"a shard of another dataset", func(t *testing.T, out string) {
			shardAll(t, out, 2, analyze.Config{})
			rows := readTable[tables.ReportRow](t, filepath.Join(out, tables.ReportsFile))
			w, err := tables.Create[tables.ReportRow](out)
			if err != nil {
				t.Fatal(err)
			}
			if err := errors.Join(w.Write(rows[1:]...), w.Close()); err != nil {
				t.Fatal(err)
			}
		}, "read other tables"},
		{"shards with different --reference", func(t *testing.T, out string) {
			shardAll(t, out, 2, analyze.Config{})
			ref := []analyze.ReferenceRow{{Department: "x", Year: 2024, Metric: "income.total", Value: decimal.NewFromInt(1), Line: 2}}
			if _, err := AnalyzeShard(context.Background(), out, analyze.Config{Reference: ref}, Shard{K: 1, N: 2}); err != nil {
				t.Fatal(err)
			}
		}, "different --reference"},
		{"a report's checks given twice", func(t *testing.T, out string) {
			shardAll(t, out, 2, analyze.Config{})
			// shard 1's checks replaced by shard 0's: shard 0's reports are checked twice
			a, b := shardDir(out, Shard{K: 0, N: 2}), shardDir(out, Shard{K: 1, N: 2})
			if err := os.WriteFile(filepath.Join(b, tables.ChecksFile), readBytes(t, filepath.Join(a, tables.ChecksFile)), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "two analysis shards checked"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(out, os.DirFS(base)); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(out, tables.AnomaliesFile))
			tc.spoil(t, out)
			_, _, err := MergeShards(context.Background(), out, analyze.Config{})
			if !errors.Is(err, ErrShards) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("merge: %v, want ErrShards saying %q", err, tc.want)
			}
			if _, err := os.Stat(filepath.Join(out, tables.AnomaliesFile)); err == nil {
				t.Error("a refused merge wrote anomalies.parquet")
			}
		})
	}
}

// changeUnits makes the changes, in turn, to the unit names of the UTF-8 text reports of a
// county batch, each to another department: first says whether a change is for the batch's
// first year, name makes the new unit name from the old and its region. It returns the
// changes left.
func changeUnits[C any](county []corpus.Report, changes []C, of func(C) (first bool, name func(unit, region string) string)) []C {
	year1 := "9999"
	for _, r := range county {
		year1 = min(year1, r.Name[len(r.Name)-4:])
	}
	changed := map[string]bool{} // the departments changed, by file name without the year
	for i := range county {
		r := &county[i]
		dept := r.Name[:len(r.Name)-4]
		if len(changes) == 0 || r.Ext == "docx" || !utf8.Valid(r.Data) || changed[dept] {
			continue
		}
		first, name := of(changes[0])
		if first != strings.HasSuffix(r.Name, year1) {
			continue
		}
		text := string(bytes.TrimPrefix(r.Data, []byte("\ufeff")))
		unit, _, _ := strings.Cut(text, "\n")
		unit = strings.TrimSpace(unit)
		region := analyze.RegionOf(unit)
		if r, _ := utf8.DecodeRuneInString(unit); !unicode.Is(unicode.Han, r) || region == "" || !strings.HasPrefix(unit, region) {
			continue
		}
		r.Data = []byte(strings.Replace(text, unit, name(unit, region), 1))
		changed[dept] = true
		changes = changes[1:]
	}
	return changes
}
