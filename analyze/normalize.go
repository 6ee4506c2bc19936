package analyze

import (
	"bufio"
	"embed"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.tsv
var dataFS embed.FS

// lexicon is the embedded data NormalizeDepartment and the messages use, loaded and
// validated once at package initialisation.
var lexicon = mustLoadLexicon()

type lexiconData struct {
	abbrev        map[string]string // short or variant form → canonical full form
	abbrevOrder   [][2]string       // as listed, for the docs
	protect       []string          // names starting with these keep their first character
	notRegionEnd  []string          // a candidate region ending with these is not a region
	prefixes      []string          // stripped from the start
	suffixes      []string          // stripped from the end
	metricLabel   map[string]string // metric ID → Chinese label
	metricKind    map[string]string // metric ID → money, count, percent, point
	metricOrdered []string
}

func mustLoadLexicon() *lexiconData {
	lx, err := loadLexicon()
	if err != nil {
		panic("analyze: embedded data: " + err.Error())
	}
	return lx
}

func readTSV(name string, cols int) ([][]string, error) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		parts := strings.Split(t, "\t")
		if len(parts) != cols {
			return nil, fmt.Errorf("%s:%d: want %d tab-separated columns, got %d", name, line, cols, len(parts))
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
			if parts[i] == "" {
				return nil, fmt.Errorf("%s:%d: empty column %d", name, line, i+1)
			}
		}
		rows = append(rows, parts)
	}
	return rows, sc.Err()
}

func loadLexicon() (*lexiconData, error) {
	lx := &lexiconData{abbrev: map[string]string{}, metricLabel: map[string]string{}, metricKind: map[string]string{}}
	rows, err := readTSV("abbreviations.tsv", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if _, dup := lx.abbrev[r[0]]; dup {
			return nil, fmt.Errorf("abbreviations.tsv: %s listed twice", r[0])
		}
		lx.abbrev[r[0]] = r[1]
		lx.abbrevOrder = append(lx.abbrevOrder, [2]string{r[0], r[1]})
	}
	rows, err = readTSV("region_words.tsv", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		switch r[0] {
		case "protect":
			lx.protect = append(lx.protect, r[1])
		case "not_region_end":
			lx.notRegionEnd = append(lx.notRegionEnd, r[1])
		default:
			return nil, fmt.Errorf("region_words.tsv: unknown kind %q", r[0])
		}
	}
	rows, err = readTSV("suffixes.tsv", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		switch r[0] {
		case "prefix":
			lx.prefixes = append(lx.prefixes, r[1])
		case "suffix":
			lx.suffixes = append(lx.suffixes, r[1])
		default:
			return nil, fmt.Errorf("suffixes.tsv: unknown kind %q", r[0])
		}
	}
	// Longest first, so 机关本级 is tried before 本级.
	sort.SliceStable(lx.suffixes, func(i, j int) bool { return len(lx.suffixes[i]) > len(lx.suffixes[j]) })
	rows, err = readTSV("metrics.tsv", 3)
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
	}
	return lx, nil
}

// label is the Chinese name of a metric for messages; the metric ID when unknown.
func label(metric string) string {
	if l, ok := lexicon.metricLabel[metric]; ok {
		return l
	}
	return metric
}

// cleanName folds full-width ASCII and brackets to half-width and drops whitespace and
// quotation marks, so that the same name written differently compares equal.
func cleanName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsSpace(r), r == '\u3000', r == '\ufeff':
			continue
		case strings.ContainsRune("\"'“”‘’「」『』《》〈〉", r):
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case r >= '！' && r <= '～':
			r = r - '！' + '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// regionSuffixes end an administrative region name, longest first.
var regionSuffixes = []string{"自治县", "自治旗", "自治州", "自治区", "地区", "省", "市", "州", "盟", "县", "区", "旗"}

// isRegionChar reports whether r can end a region name; a region name's stem holds none.
func isRegionChar(r rune) bool { return strings.ContainsRune("省市县区旗州盟", r) }

// splitRegion splits a cleaned name into its leading region (湖南省邵阳市隆回县) and the rest.
// It reads up to three levels (province, city, county), each a stem of 1–8 characters holding
// no region character followed by a region suffix, and then a bare 县/市/区/省 standing for
// "this county/city" (县科协). A candidate that would leave nothing, or that ends with a word of
// region_words.tsv (工业园区), is not a region.
func splitRegion(s string) (region, rest string) {
	rest = s
	for level := 0; level < 3; level++ {
		r, ok := leadingRegion(rest)
		if !ok {
			break
		}
		region += r
		rest = rest[len(r):]
	}
	// 隆回县委组织部 is the county's 县委组织部: give the level word back to the unit name.
	if region != "" && strings.HasPrefix(rest, "委") {
		last, size := utf8.DecodeLastRuneInString(region)
		if last == '县' || last == '市' {
			rest = region[len(region)-size:] + rest
		}
	}
	// A bare level word: 县科协, 市财政局 — unless the name starts with a protected word.
	if first, size := utf8.DecodeRuneInString(rest); size > 0 && strings.ContainsRune("省市县区", first) && utf8.RuneCountInString(rest) > 2 {
		protected := false
		for _, p := range lexicon.protect {
			if strings.HasPrefix(rest, p) {
				protected = true
				break
			}
		}
		if !protected && !strings.HasPrefix(rest, "县委") && !strings.HasPrefix(rest, "市委") {
			region += string(first)
			rest = rest[size:]
		}
	}
	return region, rest
}

func leadingRegion(s string) (string, bool) {
	runes := []rune(s)
	for i := 1; i <= 8 && i < len(runes); i++ {
		if isRegionChar(runes[i-1]) {
			if i == 1 {
				return "", false
			}
			break
		}
		for _, suf := range regionSuffixes {
			sr := []rune(suf)
			if i+len(sr) >= len(runes) { // must leave something
				continue
			}
			if string(runes[i:i+len(sr)]) != suf {
				continue
			}
			cand := string(runes[:i+len(sr)])
			for _, w := range lexicon.notRegionEnd {
				if strings.HasSuffix(cand, w) {
					return "", false
				}
			}
			return cand, true
		}
	}
	return "", false
}

// RegionOf returns the region prefix of a unit name (隆回县 for 隆回县科学技术协会, 县 for
// 县科协), or "" when the name starts with none.
func RegionOf(name string) string {
	s := stripAffixes(cleanName(name))
	if _, ok := lexicon.abbrev[s]; ok {
		return ""
	}
	r, _ := splitRegion(s)
	return r
}

func stripAffixes(s string) string {
	for _, p := range lexicon.prefixes {
		s = strings.TrimPrefix(s, p)
	}
	for changed := true; changed; {
		changed = false
		for _, suf := range lexicon.suffixes {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s = strings.TrimSuffix(s, suf)
				changed = true
			}
		}
	}
	return s
}

// NormalizeDepartment returns the canonical form of a unit name, used to match the same
// department across reports, years, the --reference and the --expected lists:
//
//  1. whitespace, BOMs and quotation marks are removed; full-width ASCII and brackets become
//     half-width;
//  2. the prefixes 中国共产党/中共 and the suffixes (本级), 本级, 机关本级 and report-title
//     tails (部门整体支出绩效自评报告 …) are stripped (data/suffixes.tsv);
//  3. the leading region is stripped: up to three levels of "stem + 省/自治区/市/自治州/州/
//     地区/盟/县/自治县/区/旗" (湖南省邵阳市隆回县), then a bare 县/市/区/省 meaning "this
//     county" (县科协); names starting with 市场, 区域 … keep their first character and
//     candidates ending in 园区, 社区 … are not regions (data/region_words.tsv);
//  4. the whole name (团县委), else the remainder, when listed in data/abbreviations.tsv, is
//     replaced by its canonical full form
//     (科协 → 科学技术协会, 老科协 → 老科学技术工作者协会, 人社局 → 人力资源和社会保障局 …).
//
// So 县科协, 县科学技术协会 and 隆回县科学技术协会 all normalise to 科学技术协会. The region is
// not part of the result: callers compare regions separately with RegionOf (two names match
// when their normalised forms are equal and their regions are compatible — equal, or one of
// them empty or a bare 县/市/区).
func NormalizeDepartment(name string) string {
	s := stripAffixes(cleanName(name))
	if full, ok := lexicon.abbrev[s]; ok { // 团县委 is an abbreviation, not 团 + 县 + 委
		return full
	}
	_, rest := splitRegion(s)
	if rest == "" {
		rest = s
	}
	rest = stripAffixes(rest)
	if full, ok := lexicon.abbrev[rest]; ok {
		return full
	}
	return rest
}

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
