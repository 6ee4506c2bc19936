package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestDeterministic(t *testing.T) {
	a := Generate(Options{N: 40, Seed: 5, InjectRate: 0.3})
	b := Generate(Options{N: 40, Seed: 5, InjectRate: 0.3})
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("report %d differs between runs with the same seed", i)
		}
		ga, _ := MarshalGold(a[i].Gold)
		gb, _ := MarshalGold(b[i].Gold)
		if !bytes.Equal(ga, gb) {
			t.Fatalf("gold %d differs between runs with the same seed", i)
		}
	}
	c := Generate(Options{N: 40, Seed: 6})
	if bytes.Equal(a[0].Data, c[0].Data) && bytes.Equal(a[1].Data, c[1].Data) {
		t.Error("different seeds gave the same reports")
	}
	ca, cb := CountyBatch(9), CountyBatch(9)
	for i := range ca {
		if !bytes.Equal(ca[i].Data, cb[i].Data) {
			t.Fatalf("county report %d differs between runs", i)
		}
	}
}

func TestDocxWellFormed(t *testing.T) {
	n := 0
	for _, rep := range Generate(Options{N: 80, Seed: 11, InjectRate: 0.2, Formats: []string{FormatDocx}}) {
		n++
		zr, err := zip.NewReader(bytes.NewReader(rep.Data), int64(len(rep.Data)))
		if err != nil {
			t.Fatalf("%s: %v", rep.Gold.Path, err)
		}
		seen := map[string]bool{}
		for _, f := range zr.File {
			seen[f.Name] = true
			rc, err := f.Open()
			if err != nil {
				t.Fatalf("%s %s: %v", rep.Gold.Path, f.Name, err)
			}
			dec := xml.NewDecoder(rc)
			for {
				_, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s %s: %v", rep.Gold.Path, f.Name, err)
				}
			}
			rc.Close()
		}
		for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml"} {
			if !seen[want] {
				t.Errorf("%s: no %s", rep.Gold.Path, want)
			}
		}
	}
	if n == 0 {
		t.Fatal("no docx generated")
	}
}

// stated indexes a gold's figures: metric|basis|item → values.
func stated(g Gold) map[string][]decimal.Decimal {
	m := map[string][]decimal.Decimal{}
	for _, f := range g.Figures {
		k := f.Metric + "|" + f.Basis + "|" + f.Item
		m[k] = append(m[k], decimal.RequireFromString(f.Value))
	}
	return m
}

// checkSums returns the SPEC rules a gold's figures break.
func checkSums(g Gold) []string {
	m := stated(g)
	var broken []string
	one := func(metric, basis string) (decimal.Decimal, bool) {
		v := m[metric+"|"+basis+"|"]
		if len(v) == 0 {
			return decimal.Zero, false
		}
		return v[0], true
	}
	for k, vs := range m {
		if len(vs) > 1 {
			broken = append(broken, "restated.conflict:"+k)
		}
	}
	for _, basis := range []string{"actual", "budget", "prior"} {
		sumOf := func(parts ...string) (decimal.Decimal, int) {
			s, n := decimal.Zero, 0
			for _, p := range parts {
				if v, ok := one(p, basis); ok {
					s, n = s.Add(v), n+1
				}
			}
			return s, n
		}
		if t, ok := one("income.total", basis); ok {
			if s, n := sumOf("income.fiscal", "income.fund", "income.other"); n > 0 && !s.Equal(t) {
				broken = append(broken, "sum.income")
			}
		}
		if t, ok := one("expenditure.total", basis); ok {
			if s, n := sumOf("expenditure.basic", "expenditure.project"); n == 2 && !s.Equal(t) {
				broken = append(broken, "sum.expenditure")
			}
		}
		if t, ok := one("expenditure.basic", basis); ok {
			if s, n := sumOf("expenditure.basic.personnel", "expenditure.basic.goods_services", "expenditure.basic.household", "expenditure.basic.capital"); n >= 2 && !s.Equal(t) {
				broken = append(broken, "sum.basic")
			}
		}
		if t, ok := one("expenditure.project", basis); ok {
			s, n := decimal.Zero, 0
			for _, f := range g.Figures {
				if f.Metric == "expenditure.project.item" && f.Basis == basis {
					s, n = s.Add(decimal.RequireFromString(f.Value)), n+1
				}
			}
			if n > 0 && !s.Equal(t) {
				broken = append(broken, "sum.project_items")
			}
		}
		if t, ok := one("three_public.total", basis); ok {
			if s, n := sumOf("three_public.abroad", "three_public.reception", "three_public.vehicle"); n == 3 && !s.Equal(t) {
				broken = append(broken, "sum.three_public")
			}
		}
		if t, ok := one("three_public.vehicle", basis); ok {
			if s, n := sumOf("three_public.vehicle.purchase", "three_public.vehicle.operation"); n == 2 && !s.Equal(t) {
				broken = append(broken, "sum.vehicle")
			}
		}
	}
	if a, ok := one("staff.actual", "actual"); ok {
		i, ok1 := one("staff.in_service", "actual")
		r, ok2 := one("staff.retired", "actual")
		if ok1 && ok2 && !i.Add(r).Equal(a) {
			broken = append(broken, "staff.sum")
		}
	}
	if a, ok := one("staff.authorized", "actual"); ok {
		if i, ok := one("staff.in_service", "actual"); ok && i.GreaterThan(a) {
			broken = append(broken, "staff.over_authorized")
		}
	}
	if a, ok := one("vehicles.authorized", "actual"); ok {
		if v, ok := one("vehicles.actual", "actual"); ok && v.GreaterThan(a) {
			broken = append(broken, "vehicles.over_authorized")
		}
	}
	in, ok1 := one("income.total", "actual")
	ex, ok2 := one("expenditure.total", "actual")
	if ok1 && ok2 {
		carry, _ := one("income.carryover", "actual")
		if ex.GreaterThan(in.Add(carry)) {
			broken = append(broken, "balance.deficit")
		}
	}
	for _, need := range []string{"income.total", "expenditure.total", "expenditure.basic", "expenditure.project", "three_public.total"} {
		if _, ok := one(need, "actual"); !ok {
			broken = append(broken, "missing.disclosure")
		}
	}
	return broken
}

func TestCleanGoldAddsUp(t *testing.T) {
	for _, rep := range Generate(Options{N: 400, Seed: 21}) {
		g := rep.Gold
		if len(g.Anomalies) != 0 {
			t.Errorf("%s: clean report has anomalies %v", g.Path, g.Anomalies)
		}
		if b := checkSums(g); len(b) != 0 {
			t.Errorf("%s: clean report breaks %v", g.Path, b)
		}
		if g.Department == "" || g.Region == "" || g.Year < 2019 || g.Year > 2025 || g.Status != "ok" {
			t.Errorf("%s: bad identity %+v", g.Path, g)
		}
		for _, f := range g.Figures {
			if _, err := decimal.NewFromString(f.Value); err != nil {
				t.Errorf("%s: value %q: %v", g.Path, f.Value, err)
			}
			if strings.HasPrefix(f.Metric, "income") || strings.HasPrefix(f.Metric, "expenditure") || strings.HasPrefix(f.Metric, "three_public") {
				if i := strings.IndexByte(f.Value, '.'); i < 0 || len(f.Value)-i != 3 {
					t.Errorf("%s: money value %q not in yuan with two decimals", g.Path, f.Value)
				}
			}
		}
	}
}

func TestInjectedAreRecorded(t *testing.T) {
	seen := map[string]bool{}
	sumRules := map[string]bool{"sum.expenditure": true, "sum.basic": true, "sum.project_items": true, "sum.income": true,
		"sum.three_public": true, "sum.vehicle": true, "staff.sum": true, "staff.over_authorized": true,
		"vehicles.over_authorized": true, "balance.deficit": true, "missing.disclosure": true}
	for _, rep := range Generate(Options{N: 400, Seed: 3, InjectRate: 1}) {
		g := rep.Gold
		if len(g.Anomalies) != 1 {
			t.Fatalf("%s: want one injected anomaly, got %v", g.Path, g.Anomalies)
		}
		rule := g.Anomalies[0].Rule
		seen[rule] = true
		broken := checkSums(g)
		if sumRules[rule] && !contains(broken, rule) {
			t.Errorf("%s: injected %s but the figures do not show it (%v)", g.Path, rule, broken)
		}
		for _, b := range broken {
			if b != rule && !strings.HasPrefix(b, "restated.conflict") {
				t.Errorf("%s: injected %s but figures also break %s", g.Path, rule, b)
			}
			if strings.HasPrefix(b, "restated.conflict") && rule != "restated.conflict" {
				t.Errorf("%s: injected %s but figures also break %s", g.Path, rule, b)
			}
		}
	}
	for _, in := range injections {
		if !seen[in.Rule] {
			t.Errorf("rule %s never injected", in.Rule)
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestTextEncodingsRoundTrip(t *testing.T) {
	encs := map[string]int{}
	for _, rep := range Generate(Options{N: 200, Seed: 8, Formats: []string{FormatTxt}}) {
		encs[rep.Encoding]++
		got, err := DecodeText(rep.Data, rep.Encoding)
		if err != nil {
			t.Fatalf("%s (%s): %v", rep.Gold.Path, rep.Encoding, err)
		}
		if got != rep.text {
			t.Fatalf("%s (%s): decoded text differs from the text written", rep.Gold.Path, rep.Encoding)
		}
		if !strings.Contains(got, rep.Gold.Department) && !strings.Contains(strings.ReplaceAll(got, "\n", ""), rep.Gold.Department) {
			t.Errorf("%s: department %s not in text", rep.Gold.Path, rep.Gold.Department)
		}
	}
	for _, e := range []string{encUTF8, encUTF8BOM, encGB18030, encUTF16LE} {
		if encs[e] == 0 {
			t.Errorf("no %s file among 200", e)
		}
	}
}

func TestCountyBatch(t *testing.T) {
	reps := CountyBatch(4)
	if len(reps) != 24 {
		t.Fatalf("got %d reports, want 24", len(reps))
	}
	rules := map[string]int{}
	years := map[int]int{}
	byDeptYear := map[string]Gold{}
	for _, rep := range reps {
		g := rep.Gold
		if g.Region != reps[0].Gold.Region {
			t.Errorf("%s: region %s, want %s", g.Path, g.Region, reps[0].Gold.Region)
		}
		years[g.Year]++
		byDeptYear[g.Department+"|"+itoa(g.Year)] = g
		for _, a := range g.Anomalies {
			rules[a.Rule]++
		}
	}
	if len(years) != 2 {
		t.Errorf("years %v, want two consecutive", years)
	}
	for _, want := range []string{"prior.mismatch", "yoy.swing", "peer.outlier", "transfer.unmatched", "text.duplicate"} {
		if rules[want] == 0 {
			t.Errorf("no %s in the batch", want)
		}
	}
	// Every prior-year figure stated in year 2 matches year 1's report, except the injected one.
	for _, g := range byDeptYear {
		prev, ok := byDeptYear[g.Department+"|"+itoa(g.Year-1)]
		if !ok {
			continue
		}
		flagged := false
		for _, a := range g.Anomalies {
			flagged = flagged || a.Rule == "prior.mismatch"
		}
		pm := stated(prev)
		mismatch := false
		for _, f := range g.Figures {
			if f.Basis != "prior" {
				continue
			}
			last := pm[f.Metric+"|actual|"+f.Item]
			if len(last) > 0 && !last[0].Equal(decimal.RequireFromString(f.Value)) {
				mismatch = true
			}
		}
		if mismatch != flagged {
			t.Errorf("%s: prior mismatch %v but flagged %v", g.Path, mismatch, flagged)
		}
	}
	// Reports with no in-report anomaly are clean.
	for _, rep := range reps {
		inReport := false
		for _, a := range rep.Gold.Anomalies {
			for _, in := range injections {
				inReport = inReport || in.Rule == a.Rule
			}
		}
		if !inReport {
			if b := checkSums(rep.Gold); len(b) != 0 {
				t.Errorf("%s: breaks %v", rep.Gold.Path, b)
			}
		}
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func TestGoldFormatMatchesSeed(t *testing.T) {
	b, err := os.ReadFile("../testdata/expected/longhui-kexie-2024.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var g Gold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	out, err := MarshalGold(g)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(out)) != strings.TrimSpace(string(b)) {
		t.Errorf("MarshalGold does not reproduce the seed's gold format")
	}
}

func BenchmarkGenerate1000(b *testing.B) {
	for range b.N {
		Generate(Options{N: 1000, Seed: uint64(b.N)})
	}
}
