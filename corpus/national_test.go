package corpus

import (
	"bytes"
	"strings"
	"testing"
)

func TestNationalCounty(t *testing.T) {
	for _, tc := range []struct {
		seed   uint64
		county int
	}{{16, 0}, {16, 1}, {16, 57}, {3, 1230}} {
		reps := NationalCounty(tc.seed, tc.county)
		region := reps[0].Gold.Region
		byDept := map[string][]Gold{}
		formats := map[string]int{}
		rules := map[string]int{}
		for _, rep := range reps {
			g := rep.Gold
			if g.Region != region {
				t.Fatalf("county %d: %s is in %s, not %s", tc.county, g.Path, g.Region, region)
			}
			byDept[g.Department] = append(byDept[g.Department], g)
			formats[rep.Ext]++
			for _, a := range g.Anomalies {
				rules[a.Rule]++
			}
		}
		if n := len(byDept); n < 50 || n > 80 {
			t.Errorf("county %d: %d departments, want 50–80", tc.county, n)
		}
		years := len(byDept[reps[0].Gold.Department])
		for dept, gs := range byDept {
			if len(gs) != years || years < 2 || years > 3 {
				t.Errorf("county %d: %s reports %d years, want the county's %d (2–3)", tc.county, dept, len(gs), years)
			}
			for y := 1; y < len(gs); y++ {
				checkPrior(t, gs[y-1], gs[y])
			}
		}
		if 2*formats[FormatDocx] < len(reps) {
			t.Errorf("county %d: formats %v, want mostly docx", tc.county, formats)
		}
		for _, rule := range []string{"prior.mismatch", "yoy.swing", "transfer.unmatched", "text.duplicate", "sum.expenditure"} {
			if rules[rule] != 1 {
				t.Errorf("county %d: %d %s injected, want 1", tc.county, rules[rule], rule)
			}
		}
		again := NationalCounty(tc.seed, tc.county)
		for i := range reps {
			if !bytes.Equal(reps[i].Data, again[i].Data) {
				t.Fatalf("county %d: %s differs between two runs", tc.county, reps[i].Name)
			}
		}
	}
}

// checkPrior checks that a report's stated prior-year spending is last year's, unless the
// report has prior.mismatch injected.
func checkPrior(t *testing.T, last, this Gold) {
	t.Helper()
	for _, a := range this.Anomalies {
		if a.Rule == "prior.mismatch" {
			return
		}
	}
	prior, actual := goldValue(this, "expenditure.total", "prior"), goldValue(last, "expenditure.total", "actual")
	if prior != "" && actual != "" && prior != actual {
		t.Errorf("%s states prior expenditure %s, %s stated %s", this.Path, prior, last.Path, actual)
	}
}

func goldValue(g Gold, metric, basis string) string {
	for _, f := range g.Figures {
		if f.Metric == metric && f.Basis == basis && f.Item == "" {
			return f.Value
		}
	}
	return ""
}

func TestNationalRegionsDistinct(t *testing.T) {
	seen := map[string]int{}
	for i := range 2970 {
		name := nationalRegion(i).Name
		if j, ok := seen[name]; ok {
			t.Fatalf("counties %d and %d are both %s", j, i, name)
		}
		if strings.ContainsAny(strings.TrimSuffix(name, "县"), "省市县区旗州盟") {
			t.Fatalf("county %d: %s has a level character in its stem", i, name)
		}
		seen[name] = i
	}
}
