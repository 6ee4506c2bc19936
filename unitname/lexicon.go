package unitname

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/internal/tsv"
)

//go:embed data/*.tsv
var dataFS embed.FS

// lx holds the embedded word tables, loaded and validated once at package initialisation
// and never written afterwards.
var lx = mustLoad()

// Abbreviation is one row of data/abbreviations.tsv: a way a unit is written and its
// canonical full form.
type Abbreviation struct {
	Written   string // 科协
	Canonical string // 科学技术协会
}

// Tables is a copy of the word tables Normalize and Region read, for documentation.
type Tables struct {
	Abbreviations []Abbreviation // data/abbreviations.tsv, as listed
	Prefixes      []string       // stripped from the start of a name (中国共产党, 中共), as listed
	Suffixes      []string       // stripped from the end of a name, repeatedly, longest first
	Protected     []string       // a name starting with one keeps its first character (市场)
	NotRegionEnds []string       // a candidate region ending with one is not a region (工业园区)
	NotRegions    []string       // a candidate region equal to one is not a region (城市)
	Organisations []string       // written before their region (共青团隆回县委员会)
	Kinds         []KindEnding   // data/kinds.tsv, longest ending first
}

// KindEnding is one row of data/kinds.tsv: a name ending with Ending is a unit of Kind.
type KindEnding struct {
	Kind   string // 医疗卫生机构
	Ending string // 卫生院
}

type lexicon struct {
	abbrev map[string]string // written form → canonical form
	Tables
}

// Lexicon returns a copy of the word tables.
func Lexicon() Tables {
	t := lx.Tables
	t.Abbreviations = append([]Abbreviation(nil), t.Abbreviations...)
	t.Kinds = append([]KindEnding(nil), t.Kinds...)
	for _, p := range []*[]string{&t.Prefixes, &t.Suffixes, &t.Protected, &t.NotRegionEnds, &t.NotRegions, &t.Organisations} {
		*p = append([]string(nil), (*p)...)
	}
	return t
}

func mustLoad() *lexicon {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		panic("unitname: embedded data: " + err.Error())
	}
	l, err := load(sub)
	if err != nil {
		panic("unitname: embedded data: " + err.Error())
	}
	return l
}

// readTSV reads a data file (internal/tsv) whose every cell must be in clean form.
func readTSV(fsys fs.FS, name string, cols int) ([][]string, error) {
	rows, err := tsv.Read(fsys, name, cols)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		for _, cell := range r {
			if c := Clean(cell); c != cell {
				return nil, fmt.Errorf("%s: %q is not in clean form (%q)", name, cell, c)
			}
		}
	}
	return rows, nil
}

// load reads and validates abbreviations.tsv, region_words.tsv and suffixes.tsv of fsys.
func load(fsys fs.FS) (*lexicon, error) {
	l := &lexicon{abbrev: map[string]string{}}
	rows, err := readTSV(fsys, "abbreviations.tsv", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if _, dup := l.abbrev[r[0]]; dup {
			return nil, fmt.Errorf("abbreviations.tsv: %s listed twice", r[0])
		}
		l.abbrev[r[0]] = r[1]
		l.Abbreviations = append(l.Abbreviations, Abbreviation{Written: r[0], Canonical: r[1]})
	}
	for _, a := range l.Abbreviations {
		if c, ok := l.abbrev[a.Canonical]; ok && c != a.Canonical {
			return nil, fmt.Errorf("abbreviations.tsv: %s → %s, but %s → %s: canonical forms must map to themselves", a.Written, a.Canonical, a.Canonical, c)
		}
	}

	rows, err = readTSV(fsys, "region_words.tsv", 2)
	if err != nil {
		return nil, err
	}
	seen := map[[2]string]bool{}
	for _, r := range rows {
		k := [2]string{r[0], r[1]}
		if seen[k] {
			return nil, fmt.Errorf("region_words.tsv: %s %s listed twice", r[0], r[1])
		}
		seen[k] = true
		switch r[0] {
		case "protect":
			if first, _ := utf8.DecodeRuneInString(r[1]); !strings.ContainsRune(bareLevels, first) {
				return nil, fmt.Errorf("region_words.tsv: protect %s: does not start with one of %s", r[1], bareLevels)
			}
			l.Protected = append(l.Protected, r[1])
		case "not_region_end":
			l.NotRegionEnds = append(l.NotRegionEnds, r[1])
		case "not_region":
			if _, ok := suffixLevel(r[1]); !ok {
				return nil, fmt.Errorf("region_words.tsv: not_region %s: does not end with a region suffix", r[1])
			}
			l.NotRegions = append(l.NotRegions, r[1])
		case "organisation":
			l.Organisations = append(l.Organisations, r[1])
		default:
			return nil, fmt.Errorf("region_words.tsv: unknown kind %q", r[0])
		}
	}
	// Longest first, so 中国共产主义青年团 is not read as 中国 + ….
	sort.SliceStable(l.Organisations, func(i, j int) bool { return len(l.Organisations[i]) > len(l.Organisations[j]) })

	rows, err = readTSV(fsys, "suffixes.tsv", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		switch r[0] {
		case "prefix":
			l.Prefixes = append(l.Prefixes, r[1])
		case "suffix":
			l.Suffixes = append(l.Suffixes, r[1])
		default:
			return nil, fmt.Errorf("suffixes.tsv: unknown kind %q", r[0])
		}
	}
	// Longest first, so 机关本级 is tried before 本级.
	sort.SliceStable(l.Suffixes, func(i, j int) bool { return len(l.Suffixes[i]) > len(l.Suffixes[j]) })
	return l, loadKinds(fsys, l)
}

// loadKinds reads kinds.tsv into l.Kinds, longest ending first.
func loadKinds(fsys fs.FS, l *lexicon) error {
	rows, err := readTSV(fsys, "kinds.tsv", 2)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r[1]] {
			return fmt.Errorf("kinds.tsv: %s listed twice", r[1])
		}
		seen[r[1]] = true
		l.Kinds = append(l.Kinds, KindEnding{Kind: r[0], Ending: r[1]})
	}
	sort.SliceStable(l.Kinds, func(i, j int) bool { return len(l.Kinds[i].Ending) > len(l.Kinds[j].Ending) })
	if len(rows) > 0 && !slices.ContainsFunc(l.Kinds, func(k KindEnding) bool { return k.Kind == KindTownship }) {
		return fmt.Errorf("kinds.tsv: no ending of kind %s", KindTownship)
	}
	return nil
}
