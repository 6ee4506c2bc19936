package analyze

import (
	"slices"

	"embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/internal/tsv"
	"github.com/jixiao/jixiao/unitname"
)

//go:embed data/metrics.tsv data/closing.tsv data/reportkinds.tsv
var dataFS embed.FS

// lexicon is the embedded metric data the messages use, loaded and validated once at package
// initialisation. The unit-name tables live in package unitname.
var lexicon = mustLoadLexicon()

type lexiconData struct {
	metricLabel   map[string]string // metric ID → Chinese label
	metricKind    map[string]string // metric ID → money, count, percent, point
	metricOrdered []string
	metricID      map[string]string   // metric ID → the vocabulary's own string of it
	closing       map[string][]string // total → the wordings of the line that closes its breakdown
	reportKinds   map[string][]string // project, whole, three_public → wordings of a title
}

// own returns the vocabulary's own string of the metric ID m, or a copy of m when it is not
// in the vocabulary: never a part of a longer text.
func (lx *lexiconData) own(m string) string {
	if id, ok := lx.metricID[m]; ok {
		return id
	}
	return strings.Clone(m)
}

func mustLoadLexicon() *lexiconData {
	lx, err := loadLexicon()
	if err != nil {
		panic("analyze: embedded data: " + err.Error())
	}
	return lx
}

func loadLexicon() (*lexiconData, error) {
	lx := &lexiconData{metricLabel: map[string]string{}, metricKind: map[string]string{}, metricID: map[string]string{}, closing: map[string][]string{},
		reportKinds: map[string][]string{}}
	kinds, err := tsv.Read(dataFS, "data/reportkinds.tsv", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range kinds {
		switch r[0] {
		case "project", "form", "whole", "three_public", "final", "selfeval":
			lx.reportKinds[r[0]] = append(lx.reportKinds[r[0]], r[1])
		default:
			return nil, fmt.Errorf("reportkinds.tsv: unknown kind %q", r[0])
		}
	}
	closing, err := tsv.Read(dataFS, "data/closing.tsv", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range closing {
		lx.closing[r[0]] = append(lx.closing[r[0]], r[1])
	}
	rows, err := tsv.Read(dataFS, "data/metrics.tsv", 3)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		switch r[2] {
		case "money", "count", "percent", "point":
		default:
			return nil, fmt.Errorf("metrics.tsv: %s: unknown kind %q", r[0], r[2])
		}
		lx.metricLabel[r[0]] = r[1]
		lx.metricKind[r[0]] = r[2]
		lx.metricOrdered = append(lx.metricOrdered, r[0])
		lx.metricID[r[0]] = r[0]
	}
	// The vocabulary is extract.Metrics; this file only names its metrics.
	if !slices.Equal(lx.metricOrdered, extract.Metrics) {
		return nil, fmt.Errorf("metrics.tsv lists %v, want the vocabulary %v in its order", lx.metricOrdered, extract.Metrics)
	}
	return lx, nil
}

// titleSays reports whether a title holds a wording of report kind k (reportkinds.tsv).
func titleSays(title, k string) bool {
	for _, w := range lexicon.reportKinds[k] {
		if strings.Contains(title, w) {
			return true
		}
	}
	return false
}

// label is the Chinese name of a metric for messages; the metric ID when unknown.
func label(metric string) string {
	if l, ok := lexicon.metricLabel[metric]; ok {
		return l
	}
	return metric
}

// MetricLabel returns the Chinese name of a vocabulary metric as the findings' messages
// write it (支出合计 for expenditure.total), or the metric ID itself when the vocabulary
// does not know it. The names are data/metrics.tsv, the one list every view uses.
func MetricLabel(metric string) string { return label(metric) }

// MetricKind returns what a vocabulary metric measures: money (in yuan), count, percent
// or point; "" when the vocabulary does not know the metric.
func MetricKind(metric string) string { return lexicon.metricKind[metric] }

// Metrics returns the IDs of the metric vocabulary in its order (income, expenditure and
// its parts, “三公” funds, staff, vehicles, rates, scores), a new slice each call.
func Metrics() []string { return append([]string(nil), lexicon.metricOrdered...) }

// cleanName folds full-width ASCII and brackets to half-width and drops whitespace and
// quotation marks (unitname.Clean).
func cleanName(name string) string { return unitname.Clean(name) }

// RegionOf returns the region prefix of a unit name (隆回县 for 隆回县科学技术协会), or the bare
// level word standing for the writer's own county when it has none (县 for 县科协), or "" when
// the name starts with neither. It is unitname.Split's Region, else its Level; the region
// column of a report holds unitname.Region, which has no bare level words.
func RegionOf(name string) string {
	p := unitname.Split(name)
	if p.Region != "" {
		return p.Region
	}
	return p.Level
}

// NormalizeDepartment returns the canonical form of a unit name, used to match the same
// department across reports, years, the --reference and the --expected lists. It is
// unitname.Normalize: cleaned, affixes (unitname/data/suffixes.tsv) and the leading region or
// bare 县/市/区/省 stripped, abbreviations (unitname/data/abbreviations.tsv) expanded.
//
// So 县科协, 县科学技术协会 and 隆回县科学技术协会 all normalise to 科学技术协会. The region is
// not part of the result: callers compare regions separately with RegionOf (two names match
// when their normalised forms are equal and their regions are compatible — equal, or one of
// them empty or a bare 县/市/区).
func NormalizeDepartment(name string) string { return unitname.Normalize(name) }

// regionsCompatible reports whether two region prefixes can denote the same place: equal,
// either empty or a bare level word (县, 市 …), or one ending the other (邵阳市隆回县 / 隆回县).
func regionsCompatible(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	bare := func(s string) bool { return utf8.RuneCountInString(s) == 1 }
	if bare(a) || bare(b) {
		return true
	}
	return strings.HasSuffix(a, b) || strings.HasSuffix(b, a)
}

// sameDepartment reports whether two unit names (with the regions the reports state, which may
// be empty) denote the same department.
func sameDepartment(nameA, regionA, nameB, regionB string) bool {
	if NormalizeDepartment(nameA) != NormalizeDepartment(nameB) {
		return false
	}
	ra, rb := regionA, regionB
	if ra == "" {
		ra = RegionOf(nameA)
	}
	if rb == "" {
		rb = RegionOf(nameB)
	}
	return regionsCompatible(cleanName(ra), cleanName(rb))
}
