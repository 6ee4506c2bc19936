package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/unitname"
)

// bodyUnit finds the unit a report's text is about when no title or label names it: for a
// region's summary, the region its finance bureau summed (经绵竹市财政局汇总，全市…); else the
// unit name that sentences open with most often (北京市人民政府研究室行政编制65人), written
// with its region.
func (lx *Lexicon) bodyUnit(lines []idLine, titleWide bool) string {
	if titleWide || lx.regionWide(lines) {
		return summedRegion(lines)
	}
	score := map[string]int{}
	raws := map[string]string{}
	var order []string
	text := 0
	for _, l := range lines {
		for _, c := range lx.unitNames(l) {
			if score[c.norm] == 0 {
				order = append(order, c.norm)
				raws[c.norm] = c.raw
			}
			score[c.norm] += c.weight
			if text < 5 {
				score[c.norm]++ // the opening lines say whose the report is
			}
		}
		if !lx.isChrome(l) {
			text++
		}
	}
	// A longer name holds a shorter one (天津市武清区河西务镇人民政府, 河西务镇人民政府): its
	// score is the shorter one's too.
	total := map[string]int{}
	top := 0
	for _, n := range order {
		c := score[n]
		for _, m := range order {
			if m != n && strings.HasSuffix(n, m) {
				c += score[m]
			}
		}
		total[n] = c
		top = max(top, c)
	}
	if top < 2 {
		return ""
	}
	// A unit is named in full once and then shortened (中国民主建国会北京市委员会, 民建北京市委):
	// the longest name of the same region scored within one of the best.
	best := ""
	for _, n := range order {
		if total[n] == top && (best == "" || utf8.RuneCountInString(n) > utf8.RuneCountInString(best)) {
			best = n
		}
	}
	region := unitname.Region(best)
	for _, n := range order {
		if total[n] >= top-1 && utf8.RuneCountInString(n) > utf8.RuneCountInString(best) && region != "" && unitname.Region(n) == region {
			best = n
		}
	}
	return raws[best]
}

// nameAt is a unit name found in the text; weight is 2 where the text states something of
// it in the way only a report's own unit is written of (设立X, X2020年度…), else 1.
type nameAt struct {
	norm, raw string
	weight    int
}

// unitNames finds the names of units in a line that stand as a sentence's subject: at the
// start of a sentence or clause, or after a lead verb (设立, 纳入), a run of Chinese
// characters ending with a unit's suffix (局, 中心, 研究室, 人民政府) and followed by what is
// said of it (是, 内设, 行政编制, a year). The name starts with a region (天津市武清区), an
// organisation's prefix (中国, 中共) or a bare level (市卫生局), or is a whole region followed
// by a year (鄂城区2022年…).
func (lx *Lexicon) unitNames(l idLine) []nameAt {
	rs := l.nt.r
	var out []nameAt
	for i := 0; i < len(rs); {
		if !isHan(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && (isHan(rs[j]) || rs[j] == '（' || rs[j] == '）' || rs[j] == '(' || rs[j] == ')') {
			j++
		}
		subject := i == 0 || strings.ContainsRune("，,。；;：:、 .", rs[i-1])
		if c, ok := lx.unitInRun(rs[i:j], string(rs[j:]), subject); ok {
			raw := strings.TrimSpace(l.nt.rawSpan(i+c.start, i+c.end))
			if !strings.ContainsFunc(raw, isSpace) {
				out = append(out, nameAt{norm: c.norm, raw: raw, weight: c.weight})
			}
		}
		i = j
	}
	return out
}

// runName is a unit name inside a run of characters.
type runName struct {
	start, end int
	norm       string
	weight     int
}

// unitInRun finds a unit name at the start of a run (after a lead verb such as 设立), ending
// at the last unit suffix that a subject marker (是, 内设, 行政编制 …) or the run's end follows;
// after is the text after the run.
func (lx *Lexicon) unitInRun(run []rune, after string, subject bool) (runName, bool) {
	s := string(run)
	start, lead := 0, false
	for _, w := range lx.phraseList(kindNameLead, "") {
		if strings.HasPrefix(s, w) {
			start, subject, lead = utf8.RuneCountInString(w), true, true
			break
		}
	}
	if !subject {
		return runName{}, false
	}
	best, weight := -1, 0
	for e := start + 2; e <= len(run) && e-start <= 30; e++ {
		name := string(run[start:e])
		rest := string(run[e:])
		if rest == "" {
			rest = after
		}
		year := findYearsAt(rest)
		if !lx.endsLikeUnit(name) && !(year && wholeRegion(name)) {
			continue
		}
		if e == len(run) && lead || year || lx.subjectFollows(rest) {
			best, weight = e, 1
			if year || lead && lx.isPhrase(kindFoundingLead, string(run[:start])) {
				weight = 2
			}
			break // what is said of the unit starts here: a name does not go on past it
		}
	}
	if best < 0 {
		return runName{}, false
	}
	name := string(run[start:best])
	if rest := strings.TrimSuffix(name, "部门"); rest != name && lx.endsLikeUnit(rest) {
		best -= 2 // 上犹县史志研究室部门所属…
		name = rest
	}
	if lx.startsFormLabel([]rune(name), 0) || lx.isPhrase(kindGenericUnit, name) || lx.unitList(name) {
		return runName{}, false
	}
	p := unitname.Split(name)
	follows := lx.subjectFollows(string(run[best:]) + after)
	// A township's name carries its own place (南纪门街道办事处内设…, 桃洪镇人民政府是…).
	township := unitname.Kind(name) == unitname.KindTownship && utf8.RuneCountInString(name) >= 5 && follows
	if p.Region == "" && !wholeRegion(name) && !lx.hasOrgPrefix(name) && !township && (p.Level == "" || weight < 2 && !follows) {
		return runName{}, false
	}
	return runName{start: start, end: best, norm: name, weight: weight}, true
}

// unitList reports whether a name is a list of units rather than one: the subordinates a
// report lists (所属X中心和Y协会), or two names joined by 和 / 及 where the first already ends
// like a unit (X服务中心和Y协会; not 住房和城乡建设局, whose 住房 is no unit).
func (lx *Lexicon) unitList(name string) bool {
	if strings.HasPrefix(name, "所属") || strings.HasPrefix(name, "下属") {
		return true
	}
	for _, sep := range []string{"和", "及", "与"} {
		for i := strings.Index(name, sep); i > 0; {
			if lx.endsLikeUnit(name[:i]) && utf8.RuneCountInString(name[:i]) >= 4 {
				return true
			}
			j := strings.Index(name[i+len(sep):], sep)
			if j < 0 {
				break
			}
			i += len(sep) + j
		}
	}
	return false
}

// subjectFollows reports whether the text after a name makes the name a sentence's subject.
func (lx *Lexicon) subjectFollows(rest string) bool {
	for _, w := range lx.phraseList(kindSubjectMarker, "") {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return findYearsAt(rest)
}

// findYearsAt reports whether s starts with a year (2024年).
func findYearsAt(s string) bool {
	ys := findYears([]rune(s))
	return len(ys) > 0 && ys[0].pos == 0
}

// hasOrgPrefix reports whether a name starts like a national organisation's (中国, 中共).
func (lx *Lexicon) hasOrgPrefix(name string) bool {
	for _, w := range lx.phraseList(kindOrgPrefix, "") {
		if strings.HasPrefix(name, w) {
			return true
		}
	}
	return false
}

// regionWide reports whether the opening sentences say the document sums a region's units
// (全县, 市本级, 经…汇总).
func (lx *Lexicon) regionWide(lines []idLine) bool {
	n := 0
	for _, l := range lines {
		if n > 2000 {
			break
		}
		t := string(l.nt.r)
		n += len(t)
		if lx.contains(kindRegionWide, "", t) {
			return true
		}
	}
	return false
}

// summedRegion returns the region whose finance bureau summed the figures (经绵竹市财政局汇总
// → 绵竹市), or "".
func summedRegion(lines []idLine) string {
	for _, l := range lines {
		t := string(l.nt.r)
		i := strings.Index(t, "经")
		for i >= 0 {
			rest := t[i+len("经"):]
			if k := strings.Index(rest, "财政局"); k > 0 && k < 40 && strings.HasPrefix(rest[k+len("财政局"):], "汇总") {
				if r := unitname.Region(rest[:k] + "财政局"); r != "" {
					return r
				}
			}
			j := strings.Index(rest, "经")
			if j < 0 {
				break
			}
			i += len("经") + j
		}
	}
	return ""
}

// statedYear is the year a report's statements are written for when neither a title nor a
// label says: the year written most often (2019年度收入…), leaving out years inside the names
// of documents (《…（2022年修订）》), of foundings (成立于1952年) and the years compared with
// (比2018年减少…); on a tie, the later.
func statedYear(lines []idLine) int {
	count := map[int]int{}
	for _, l := range lines {
		rs := l.nt.r
		for _, m := range findYears(rs) { // outside the names of documents
			if !foundingBefore(rs, m.pos) && !comparedBefore(rs, m.pos) {
				count[m.year]++
			}
		}
	}
	best, bestN := 0, 0
	for y, n := range count {
		if n > bestN || n == bestN && y > best {
			best, bestN = y, n
		}
	}
	return best
}

// comparedBefore reports whether the year at rs[i] is what another year is compared with
// (比2018年, 较2020年度, 与2019年相比).
func comparedBefore(rs []rune, i int) bool {
	if i == 0 {
		return false
	}
	switch rs[i-1] {
	case '比', '较', '与', '同', '于':
		return true
	}
	return false
}

// foundingBefore reports whether the year at rs[i] is when something was founded (成立于,
// 始建于, 更名).
func foundingBefore(rs []rune, i int) bool {
	from := max(0, i-4)
	s := string(rs[from:i])
	return strings.Contains(s, "成立") || strings.Contains(s, "始建") || strings.Contains(s, "建于") || strings.Contains(s, "更名")
}
