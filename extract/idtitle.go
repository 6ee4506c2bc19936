package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/parse"
	"github.com/jixiao/jixiao/unitname"
)

// titleInfo is what a report's title says.
type titleInfo struct {
	text string
	dept string // the unit as written, or ""
	year int
	// strongYear: the year stands right before the kind of report or the unit (…协会2024年度
	// 部门整体支出…), not inside a project's name (隆阳区2021年中央化肥…项目).
	strongYear bool
	// regionWide: the title names a region's summary (鹿寨县“三公”经费, 五华区区级…).
	regionWide bool
}

// titleScan is how many lines from the top a title is looked for in.
const titleScan = 40

// findTitle finds the report's title among the first lines: the first title that names a
// unit gives the unit, the first with a strong year (else any year) gives the year.
func (lx *Lexicon) findTitle(lines []idLine) titleInfo {
	var first, best titleInfo
	yearSet := false
	for i := 0; i < len(lines) && i < titleScan; i++ {
		text, ok := lx.titleAt(lines, i)
		if !ok {
			continue
		}
		t := lx.readTitle(text)
		if t.dept == "" {
			t.dept = lx.unitBelow(lines, i)
		}
		if first.text == "" {
			first = t
		}
		if best.dept == "" && t.dept != "" {
			best.text, best.dept, best.regionWide = t.text, t.dept, t.regionWide
		}
		if t.year != 0 && (!yearSet || (t.strongYear && !best.strongYear)) {
			best.year, best.strongYear, yearSet = t.year, t.strongYear, true
		}
		if y, ok := bracketYear(lines, i+1); ok && (!yearSet || !best.strongYear) {
			best.year, best.strongYear, yearSet = y, true, true
		}
		if best.dept != "" && best.strongYear {
			break
		}
	}
	if best.text == "" {
		best.text = first.text
	}
	return best
}

// headingTitle stands in for the title of a text that has lost it (an excerpt that opens
// at 一、单位概况): the first numbered heading among the first lines that, its number taken
// off, reads as a title naming its unit and year (三、贵州省某协会2015年度部门决算情况说明).
func (lx *Lexicon) headingTitle(lines []idLine) titleInfo {
	for i := 0; i < len(lines) && i < titleScan; i++ {
		p := strings.TrimSpace(lines[i].raw)
		if parse.HeadingLevel(p) == 0 && !startsPart(p) {
			continue
		}
		rest := strings.TrimSpace(headingNumber.ReplaceAllString(p, ""))
		if rest == p || utf8.RuneCountInString(rest) > 60 || !lx.isTitleLine(rest) {
			continue
		}
		if t := lx.readTitle(rest); t.dept != "" && t.year != 0 {
			return t
		}
	}
	return titleInfo{}
}

// headingNumber is the numbering that opens a heading: 第三部分, 三、, （三）, 3．.
var headingNumber = regexp.MustCompile(`^\s*(?:第[一二三四五六七八九十]+部分[:：、\s]*|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|[0-9]{1,2}\s*[、.．])\s*`)

// unitBelow returns a unit's name on one of the two lines under a title that names none
// (部门整体支出绩效自评报告 / （2024年度） / 隆回县财政局), or "".
func (lx *Lexicon) unitBelow(lines []idLine, i int) string {
	for k := i + 1; k < len(lines) && k <= i+2; k++ {
		next := lines[k].raw
		if isNameLine(next) && !lx.isChrome(lines[k]) && !lx.startsFormLabel(lines[k].light, 0) &&
			lx.endsLikeUnit(normalizeString(next)) && lx.validTitleUnit(normalizeString(next)) {
			return next
		}
	}
	return ""
}

// titleAt returns the title standing on line i, joined with up to two name lines above it
// (隆回县科学技术协会 / 2024年部门整体支出绩效自评报告), or false when line i is no title.
func (lx *Lexicon) titleAt(lines []idLine, i int) (string, bool) {
	p, ok := lx.titleText(lines[i])
	if !ok {
		return "", false
	}
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		prev := strings.TrimSpace(lines[k].raw)
		if !isNameLine(cleanYearDigits(prev)) || attachmentLine(prev) || lx.isChrome(lines[k]) || lx.endsTitle(prev) || lx.isLabelLine(lines[k]) {
			break // a title of its own stands above
		}
		p = prev + p
	}
	// …2017年度一般公共预算财政拨款 / “三公”经费决算情况说明: the kind of report on the next line.
	for k := i + 1; k < len(lines) && k <= i+2 && !lx.endsTitle(p); k++ {
		next := strings.TrimSpace(lines[k].raw)
		if !isNameLine(next) || lx.isChrome(lines[k]) || !lx.isTitleLine(next) || utf8.RuneCountInString(p+next) > 80 {
			break
		}
		p += next
	}
	return p, true
}

// endsTitle reports whether a title ends with the word that names its kind (报告, 说明, 表 …).
func (lx *Lexicon) endsTitle(p string) bool {
	n := strings.TrimRight(normalizeString(p), "）)》 ")
	for _, w := range lx.phraseList(kindTitleEnd, "") {
		if strings.HasSuffix(n, w) {
			return true
		}
	}
	return false
}

// titleText returns the text of line l if it is a title: a short line naming a kind of
// report, not a page's chrome, a numbered heading or an entry of a 目录; a labelled title
// (标题：…, 名称：…) gives its value.
func (lx *Lexicon) titleText(l idLine) (string, bool) {
	p := l.raw
	if v, ok := lx.labelledTitle(l); ok {
		p = v
	} else if lx.isChrome(l) || lx.isLabelLine(l) {
		return "", false
	}
	p = strings.TrimSpace(strings.Trim(strings.TrimSpace(p), "|"))
	if strings.Contains(p, "|") {
		return "", false // a table's row
	}
	// A title names the kind of report in six characters or more: 预算数 is a table's header.
	if utf8.RuneCountInString(normalizeString(p)) < 6 || !lx.isTitleLine(p) || parse.HeadingLevel(p) > 0 || startsPart(p) {
		return "", false
	}
	return p, true
}

// isLabelLine reports whether a line opens with a form's label (预算编码 …, 单位名称：…).
func (lx *Lexicon) isLabelLine(l idLine) bool {
	if lx.startsFormLabel(l.light, 0) {
		return true
	}
	_, _, ok := lx.labelAt(l.light, 0)
	return ok
}

// startsPart reports whether a line opens a part of the report (第一部分 …), as 目录 entries do.
func startsPart(p string) bool {
	rs := []rune(strings.TrimSpace(p))
	if len(rs) < 3 || rs[0] != '第' {
		return false
	}
	for i := 1; i < len(rs) && i < 4; i++ {
		if rs[i] == '部' || rs[i] == '章' || rs[i] == '节' {
			return true
		}
		if !isNumeralRune(rs[i]) && !isDigit(rs[i]) {
			return false
		}
	}
	return false
}

// attachmentLine reports whether a line is a mark such as 附件2 above a title.
func attachmentLine(p string) bool {
	n := normalizeString(p)
	if !strings.HasPrefix(n, "附件") {
		return false
	}
	rest := strings.Trim(strings.TrimPrefix(n, "附件"), "0123456789:：")
	return rest == ""
}

// isNameLine reports whether a line could be a unit name standing above the title.
func isNameLine(p string) bool {
	p = strings.TrimSpace(p)
	n := len([]rune(p))
	return n >= 2 && n <= 40 && !strings.ContainsAny(p, "。，；：:,|") && hanCount(p) >= 2 && parse.HeadingLevel(p) == 0 &&
		len(strings.Fields(p)) <= 2
}

// readTitle reads the unit and the year out of a title. The unit ends where the year or the
// kind of report begins, whichever comes first (…协会2024年度部门整体支出…, …协会部门整体支出
// 绩效自评报告（2024年度））; a title that starts with its year names the unit after it
// (2022年度兴国县城市管理局部门整体支出…).
func (lx *Lexicon) readTitle(title string) titleInfo {
	t := titleInfo{text: title}
	nt := normalize(cleanYearDigits(title))
	n := nt.r
	start := titleLead(n)
	ys := findYears(n[start:])
	kind := -1
	if m := lx.firstPhrase(kindReportKind, string(n[start:])); m >= 0 {
		kind = start + len([]rune(string(n[start:])[:m]))
	}
	from, to := start, len(n)
	switch {
	case len(ys) > 0 && ys[0].pos > 0:
		to = start + ys[0].pos
		if kind >= 0 && kind < to {
			to = kind
		}
		// strong when the kind of report follows the year (…2024年度部门整体支出…), not a
		// project's name (隆阳区2021年中央化肥…项目补助资金绩效自评)
		after := start + ys[0].pos + 5
		if after < len(n) && n[after] == '度' {
			after++
		}
		t.strongYear = kind < 0 || kind < to || kind-after <= 1
	case kind > start && (len(ys) == 0 || kind < start+ys[0].pos):
		to = kind
	case len(ys) > 0: // the year first
		from = start + ys[0].pos + 5
		if from < len(n) && n[from] == '度' {
			from++
		}
		to = kind
		if to < from {
			to = from
		}
	default:
		to = start
	}
	if len(ys) > 0 {
		t.year = ys[0].year
		if ys[0].pos == 0 {
			// year first: strong when the kind or a unit follows it
			t.strongYear = to == from || lx.validTitleUnit(string(n[from:to]))
		}
	}
	name := strings.TrimSuffix(string(n[from:to]), "关于") // X关于2024年度…的报告
	name, t.regionWide = lx.stripScope(name)
	if rest := strings.TrimSuffix(name, "部门"); rest != name && lx.endsLikeUnit(rest) {
		name = rest // 安义县长均乡中心学校部门2020年度部门决算
	}
	if lx.validTitleUnit(name) && (lx.endsLikeUnit(name) || wholeRegion(name)) {
		// as written: the raw text of the same runes, less what stripScope dropped
		raw := nt.rawSpan(from, from+len([]rune(name)))
		t.dept = strings.TrimSpace(raw)
		t.regionWide = t.regionWide || wholeRegion(name)
	}
	return t
}

// wholeRegion reports whether a name is a region and nothing more (南安市, 乌鲁木齐市天山区).
func wholeRegion(name string) bool {
	return name != "" && unitname.Region(name+"财政局") == name
}

// cleanYearDigits joins a year that a PDF copy spread out (20 16 年, 2016 -度 where 年 was lost).
func cleanYearDigits(s string) string {
	rs := []rune(s)
	var out []rune
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isSpace(r) && len(out) > 0 && isDigit(out[len(out)-1]) && i+1 < len(rs) && isDigit(rs[i+1]) && digitRun(out) < 4 {
			continue
		}
		if (r == '-' || r == '－') && digitRun(out) == 4 && i+1 < len(rs) && rs[i+1] == '度' {
			out = append(out, '年')
			continue
		}
		if isSpace(r) && digitRun(out) == 4 && i+1 < len(rs) && (rs[i+1] == '-' || rs[i+1] == '－') {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// digitRun counts the digits that end rs.
func digitRun(rs []rune) int {
	n := 0
	for i := len(rs) - 1; i >= 0 && isDigit(rs[i]); i-- {
		n++
	}
	return n
}

// titleLead returns where a title's own words start, after 关于, 附件N：, a bracket.
func titleLead(n []rune) int {
	s := string(n)
	i := 0
	for {
		switch {
		case strings.HasPrefix(s[i:], "关于"):
			i += len("关于")
		case strings.HasPrefix(s[i:], "附件"):
			j := i + len("附件")
			for j < len(s) && (s[j] >= '0' && s[j] <= '9') {
				j++
			}
			if strings.HasPrefix(s[j:], "：") {
				j += len("：")
			} else if strings.HasPrefix(s[j:], ":") {
				j++
			}
			i = j
		case strings.HasPrefix(s[i:], "（"), strings.HasPrefix(s[i:], "("), strings.HasPrefix(s[i:], "《"):
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
		default:
			return len([]rune(s[:i]))
		}
	}
}

// stripScope drops the words that say a title covers a region's units (区级, 本级, 县直),
// and reports whether there were any.
func (lx *Lexicon) stripScope(name string) (string, bool) {
	name = strings.TrimSpace(strings.Trim(name, "（(）)《》"))
	wide := false
	for {
		cut := false
		for _, w := range lx.phraseList(kindScopeWord, "") {
			if strings.HasSuffix(name, w) && len(name) > len(w) {
				name, wide, cut = strings.TrimSuffix(name, w), true, true
			}
		}
		if !cut {
			return name, wide
		}
	}
}

// validTitleUnit reports whether a title's leading words name a unit: two Chinese
// characters or more, no digits, not a generic word such as 部门 or 单位, and no list of
// units (区环卫中心及二级单位).
func (lx *Lexicon) validTitleUnit(name string) bool {
	if hanCount(name) < 2 || strings.ContainsAny(name, "0123456789") || lx.isPhrase(kindGenericUnit, name) {
		return false
	}
	return !strings.Contains(name, "及") && !strings.Contains(name, "和所属")
}

// bracketYear reads a line that only gives the year, （2024年度） or 评价年度：2024 as a
// line of its own, at lines[i].
func bracketYear(lines []idLine, i int) (int, bool) {
	if i >= len(lines) {
		return 0, false
	}
	n := []rune(normalizeString(cleanYearDigits(lines[i].raw)))
	if len(n) > 12 {
		return 0, false
	}
	if ys := findYears(n); len(ys) > 0 {
		return ys[0].year, true
	}
	return 0, false
}
