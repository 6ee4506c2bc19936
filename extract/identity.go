package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/parse"
	"github.com/jixiao/jixiao/unitname"
)

var (
	leadAbout = regexp.MustCompile(`^(?:关于|附件\d*[:：]?)`)
	// attachment is a line such as 附件2 above a title.
	attachment = regexp.MustCompile(`^\s*附件\s*\d*\s*[:：]?\s*$`)
)

// readIdentity finds the title, department, region and year in the first paragraphs.
// It copes with titles split over two paragraphs (隆回县科学技术协会 / 2024年部门整体支出
// 绩效自评报告), years written as 2024年度 or 二〇二四年, and a leading 关于.
func (lx *Lexicon) readIdentity(doc *parse.Document) Identity {
	var id Identity
	paras := doc.Paragraphs(8)
	for i, p := range paras {
		p = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(p), "#"))
		if !lx.isTitleLine(p) {
			continue
		}
		// A title may be split over up to three lines: unit / year / kind of report.
		title := p
		for k := i - 1; k >= 0 && k >= i-2 && isNameLine(strings.TrimLeft(paras[k], "# ")) && !attachment.MatchString(paras[k]); k-- {
			title = strings.TrimSpace(strings.TrimLeft(paras[k], "# ")) + title
		}
		nt := []rune(normalizeString(title))
		ys := findYears(nt)
		// The unit ends where the year or the kind of report begins, whichever comes first:
		// …协会2024年度部门整体支出… and …协会部门整体支出绩效自评报告（2024年度）.
		cut := len(nt)
		if len(ys) > 0 {
			cut = ys[0].pos
		}
		if m := lx.firstPhrase(kindReportKind, string(nt)); m >= 0 {
			if k := len([]rune(string(nt)[:m])); k > 0 && k < cut {
				cut = k
			}
		}
		dept := ""
		if len(ys) > 0 || cut < len(nt) {
			dept = strings.Trim(strings.TrimSpace(string(nt[:cut])), "（(")
		}
		if len(ys) > 0 {
			id.Year = ys[0].year
		}
		// A title without the unit or the year may have them on the next lines:
		// 部门整体支出绩效自评报告 / （2024年度） / 隆回县财政局.
		for k := i + 1; k < len(paras) && k <= i+2 && (id.Year == 0 || dept == ""); k++ {
			next := strings.TrimSpace(paras[k])
			if ny := findYears([]rune(normalizeString(next))); id.Year == 0 && len(ny) > 0 && utf8.RuneCountInString(next) <= 12 {
				id.Year = ny[0].year
				continue
			}
			if dept == "" && isNameLine(next) && unitSuffix.MatchString(next) {
				dept = next
			}
		}
		dept = leadAbout.ReplaceAllString(dept, "")
		dept = strings.TrimSuffix(strings.TrimSpace(dept), "关于")
		if dept == "" && len(ys) > 0 {
			// Year first: 2022年度兴国县城市管理局部门整体支出绩效自评报告.
			after := strings.TrimPrefix(string(nt[ys[0].pos+5:]), "度")
			if m := lx.firstPhrase(kindReportKind, after); m > 0 {
				dept = after[:m]
			}
		}
		if dept == "" {
			dept = lx.unitFromLines(paras)
		}
		id.Title = title
		id.Department = cleanDepartment(dept)
		break
	}
	if id.Title == "" && len(paras) > 0 {
		id.Title = strings.TrimSpace(paras[0])
		if ys := findYears([]rune(normalizeString(id.Title))); len(ys) > 0 {
			id.Year = ys[0].year
		}
		id.Department = cleanDepartment(lx.unitFromLines(paras))
	}
	id.Region = unitname.Region(id.Department)
	return id
}

// isTitleLine reports whether a line looks like a report title.
func (lx *Lexicon) isTitleLine(p string) bool {
	if len([]rune(p)) > 80 || strings.ContainsAny(p, "。；，,") {
		return false
	}
	return lx.contains(kindTitleWord, "", p)
}

// isNameLine reports whether a line could be a unit name standing above the title.
func isNameLine(p string) bool {
	p = strings.TrimSpace(p)
	n := len([]rune(p))
	return n >= 2 && n <= 40 && !strings.ContainsAny(p, "。，；：:,") && hanCount(p) >= 2 && parse.HeadingLevel(p) == 0
}

// unitFromLines finds a unit named on a line such as 单位名称：XX局.
func (lx *Lexicon) unitFromLines(paras []string) string {
	for _, p := range paras {
		if m := lx.unitLine.FindStringSubmatch(strings.TrimSpace(p)); m != nil {
			return m[1]
		}
	}
	return ""
}

// cleanDepartment trims what is not part of a unit's name.
func cleanDepartment(d string) string {
	d = strings.TrimSpace(d)
	d = strings.Trim(d, "“”\"《》 　")
	d = strings.TrimSuffix(d, "（盖章）")
	d = strings.TrimSuffix(d, "(盖章)")
	return strings.TrimSpace(d)
}

// docBasis is budget for budget documents (部门预算说明) and actual for everything else.
func (lx *Lexicon) docBasis(title string) Basis {
	if lx.isTitleLine(title) && strings.Contains(title, "预算") && !strings.ContainsAny(title, "决执评") {
		return Budget
	}
	return Actual
}
