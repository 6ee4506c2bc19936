package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"

	"github.com/jixiao/jixiao/parse"
)

// TestRealdev measures extraction on the real published documents of ../shared/realdev
// (when that folder exists, or $JIXIAO_REALDEV names it) the way ../shared/tools/score does
// — figures as distinct (metric, basis, item, value) tuples, department and year where the
// gold states them — and fails when a score falls below testdata/realdev-baseline.txt, a
// ratchet raised as extraction improves. $JIXIAO_REALDEV_REPORT=FILE writes every miss and
// false figure, file by file.
func TestRealdev(t *testing.T) {
	dir := os.Getenv("JIXIAO_REALDEV")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "realdev")
	}
	if _, err := os.Stat(filepath.Join(dir, "gold", "_manifest.json")); err != nil {
		t.Skipf("no realdev folder at %s", dir)
	}
	e := newTestExtractor(t)
	golds := readRealdevGold(t, dir)
	var rs realdevScore
	var report strings.Builder
	for _, g := range golds {
		doc, err := parse.ReadFile(context.Background(), filepath.Join(dir, "docs", filepath.FromSlash(g.Path)), parse.DefaultLimits())
		var res *Result
		if err == nil {
			res, err = e.Extract(context.Background(), doc)
		}
		if err != nil {
			res = &Result{}
		}
		rs.add(g, res, &report)
	}
	if p := os.Getenv("JIXIAO_REALDEV_REPORT"); p != "" {
		if err := os.WriteFile(p, []byte(rs.summary()+"\n"+report.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Log(rs.summary())
	for name, floor := range readBaseline(t, "testdata/realdev-baseline.txt") {
		if got := rs.value(name); got < floor-0.00005 { // the baseline is written to 4 decimals
			t.Errorf("realdev %s = %.4f, below the baseline %.4f", name, got, floor)
		}
	}
}

// realdevGold is one gold file of realdev (only what extraction is scored on).
type realdevGold struct {
	Path       string `json:"path"`
	Department string `json:"department"`
	Year       int    `json:"year"`
	Status     string `json:"status"`
	Figures    []struct {
		Metric string `json:"metric"`
		Basis  string `json:"basis"`
		Item   string `json:"item"`
		Value  string `json:"value"`
	} `json:"figures"`
	// Indicators is nil in a gold file that scores no indicators.
	Indicators *[]struct {
		Name   string          `json:"name"`
		Weight json.RawMessage `json:"weight"`
		Score  json.RawMessage `json:"score"`
	} `json:"indicators"`
}

func readRealdevGold(t *testing.T, dir string) []realdevGold {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "gold", "_manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var man []struct {
		Path string `json:"path"`
	}
	if err := json.Unmarshal(b, &man); err != nil {
		t.Fatal(err)
	}
	var out []realdevGold
	for _, m := range man {
		b, err := os.ReadFile(filepath.Join(dir, "gold", filepath.FromSlash(m.Path)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var g realdevGold
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", m.Path, err)
		}
		out = append(out, g)
	}
	return out
}

// realdevTuple is one distinct figure as the scorer counts it.
type realdevTuple struct {
	key   string // metric|basis|item
	value float64
	where string // location and raw text, for the report
}

// realdevScore adds up figure matches and identity agreement over the files.
type realdevScore struct {
	gold, out, matched                        int
	depChecked, depAgree, yearChecked, yearOK int
	indGold, indOut, indMatched               int
}

func (rs *realdevScore) add(g realdevGold, res *Result, w *strings.Builder) {
	var gold []realdevTuple
	for _, f := range g.Figures {
		v, err := strconv.ParseFloat(f.Value, 64)
		if err != nil {
			continue
		}
		gold = appendDistinct(gold, realdevTuple{key: tupleKey(f.Metric, f.Basis, f.Item), value: v})
	}
	var out []realdevTuple
	for _, f := range res.Figures {
		if !scoredMetric[f.Metric] {
			continue // the scorer scores SPEC's vocabulary only
		}
		v, _ := f.Value.Float64()
		out = appendDistinct(out, realdevTuple{key: tupleKey(f.Metric, string(f.Basis), f.Item), value: v,
			where: f.Location + " " + truncateRunes(f.Raw, 60)})
	}
	usedG := make([]bool, len(gold))
	usedO := make([]bool, len(out))
	for gi, gt := range gold {
		for oi, ot := range out {
			if !usedO[oi] && gt.key == ot.key && math.Abs(gt.value-ot.value) <= tupleTolerance(gt.key) {
				usedG[gi], usedO[oi] = true, true
				rs.matched++
				break
			}
		}
	}
	rs.gold += len(gold)
	rs.out += len(out)
	lines := rs.addIndicators(g, res)
	if g.Department != "" {
		rs.depChecked++
		if realdevName(res.Identity.Department) == realdevName(g.Department) {
			rs.depAgree++
		} else {
			lines = append(lines, fmt.Sprintf("  department: gold %s, out %s", g.Department, res.Identity.Department))
		}
	}
	if g.Year != 0 {
		rs.yearChecked++
		if res.Identity.Year == g.Year {
			rs.yearOK++
		} else {
			lines = append(lines, fmt.Sprintf("  year: gold %d, out %d", g.Year, res.Identity.Year))
		}
	}
	for gi, gt := range gold {
		if !usedG[gi] {
			lines = append(lines, fmt.Sprintf("  miss  %s = %.2f", gt.key, gt.value))
		}
	}
	for oi, ot := range out {
		if !usedO[oi] {
			lines = append(lines, fmt.Sprintf("  false %s = %.2f  ← %s", ot.key, ot.value, ot.where))
		}
	}
	if len(lines) > 0 {
		fmt.Fprintf(w, "%s\n%s\n", g.Path, strings.Join(lines, "\n"))
	}
}

// addIndicators matches the gold indicator rows of a file with the rows read, one to one and
// greedily in gold order, as the scorer does: the same name after normalisation, weight and
// score equal (±0.005) or both blank. It returns the misses for the report.
func (rs *realdevScore) addIndicators(g realdevGold, res *Result) []string {
	if g.Indicators == nil {
		return nil
	}
	var out []Indicator
	for _, ev := range res.Evaluations {
		out = append(out, ev.Indicators...)
	}
	used := make([]bool, len(out))
	var lines []string
	for _, gi := range *g.Indicators {
		found := false
		for oi, o := range out {
			if !used[oi] && realdevCell(gi.Name) == realdevCell(o.Name) &&
				sameIndicatorNumber(gi.Weight, o.Weight) && sameIndicatorNumber(gi.Score, o.Score) {
				used[oi], found = true, true
				rs.indMatched++
				break
			}
		}
		if !found {
			lines = append(lines, fmt.Sprintf("  miss indicator %s", gi.Name))
		}
	}
	rs.indGold += len(*g.Indicators)
	rs.indOut += len(out)
	return lines
}

// realdevCell normalises an indicator cell as the scorer does: NFKC, then spaces, | and
// punctuation dropped, except a decimal point between digits.
func realdevCell(s string) string {
	rs := []rune(norm.NFKC.String(s))
	var b strings.Builder
	for i, r := range rs {
		switch {
		case r == '.' && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]):
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '|' || unicode.IsPunct(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sameIndicatorNumber compares a gold weight or score (a JSON string or number, "" when
// blank) with the one read (nil when blank), ±0.005.
func sameIndicatorNumber(raw json.RawMessage, o *decimal.Decimal) bool {
	g := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	if g == "" || g == "null" {
		return o == nil
	}
	gv, err := strconv.ParseFloat(norm.NFKC.String(g), 64)
	if err != nil || o == nil {
		return false
	}
	ov, _ := o.Float64()
	return math.Abs(gv-ov) <= 0.005
}

func appendDistinct(ts []realdevTuple, t realdevTuple) []realdevTuple {
	for _, o := range ts {
		if o.key == t.key && math.Abs(o.value-t.value) <= tupleTolerance(t.key) {
			return ts
		}
	}
	return append(ts, t)
}

// scoredMetric is the vocabulary ../shared/tools/score scores: SPEC's metrics, without the
// items of staff counts jixiao adds.
var scoredMetric = func() map[string]bool {
	m := map[string]bool{}
	for _, x := range Metrics {
		if !strings.HasPrefix(x, "staff.") || !strings.HasSuffix(x, ".item") {
			m[x] = true
		}
	}
	return m
}()

func tupleKey(metric, basis, item string) string {
	if !strings.HasSuffix(metric, ".item") {
		item = ""
	}
	return metric + "|" + basis + "|" + realdevName(item)
}

func tupleTolerance(key string) float64 {
	for _, p := range []string{"staff.", "vehicles.", "rate.", "score."} {
		if strings.HasPrefix(key, p) {
			return 0.005
		}
	}
	return 0.5
}

var realdevEnum = regexp.MustCompile(`^\s*(?:[（(]\s*[0-9０-９一二三四五六七八九十]+\s*[)）]|[0-9０-９]+\s*[.．、,，]|[一二三四五六七八九十]+\s*[、.．]|[①-⑳])\s*`)

// realdevName compares names as the scorer does: numbering, spaces, punctuation and symbols dropped.
func realdevName(s string) string {
	s = realdevEnum.ReplaceAllString(s, "")
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func truncateRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (rs realdevScore) value(name string) float64 {
	p, r := ratio(rs.matched, rs.out), ratio(rs.matched, rs.gold)
	switch name {
	case "figures_precision":
		return p
	case "figures_recall":
		return r
	case "figures_f1":
		if p+r == 0 {
			return 0
		}
		return 2 * p * r / (p + r)
	case "department":
		return ratio(rs.depAgree, rs.depChecked)
	case "year":
		return ratio(rs.yearOK, rs.yearChecked)
	case "indicators_f1":
		ip, ir := ratio(rs.indMatched, rs.indOut), ratio(rs.indMatched, rs.indGold)
		if ip+ir == 0 {
			return 0
		}
		return 2 * ip * ir / (ip + ir)
	}
	return math.NaN()
}

func (rs realdevScore) summary() string {
	var parts []string
	for _, n := range []string{"figures_f1", "figures_precision", "figures_recall", "department", "year", "indicators_f1"} {
		parts = append(parts, fmt.Sprintf("%s %.4f", n, rs.value(n)))
	}
	return fmt.Sprintf("%s (gold %d, out %d, matched %d; department %d/%d, year %d/%d; indicators gold %d, out %d, matched %d)",
		strings.Join(parts, "  "), rs.gold, rs.out, rs.matched, rs.depAgree, rs.depChecked, rs.yearOK, rs.yearChecked,
		rs.indGold, rs.indOut, rs.indMatched)
}

// readBaseline reads "name value" lines (# comments) into the floors the scores must keep.
func readBaseline(t *testing.T, path string) map[string]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, val, ok := strings.Cut(line, " ")
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if !ok || err != nil || math.IsNaN(realdevScore{}.value(name)) {
			t.Fatalf("%s: bad line %q", path, line)
		}
		out[name] = v
	}
	return out
}
