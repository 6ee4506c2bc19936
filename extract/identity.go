package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/parse"
	"github.com/jixiao/jixiao/unitname"
)

// How a report's unit and year are read, most certain source first:
//
//  1. a form's label (单位名称：…, 评价单位（公章）：…, 部门 | … in a table, 评价年度：2024);
//  2. the title, found past what a web page puts before it (breadcrumbs, 发布日期, 索引号,
//     a 目录): 隆回县科协2024年部门整体支出绩效自评报告, 2021年度五华区区级“三公”经费决算
//     情况说明, a title over two or three lines;
//  3. a project table's 实施单位, then its 主管部门;
//  4. the unit the text itself is about: a name of a unit that sentences start with
//     (北京市人民政府研究室行政编制65人), the region a 汇总 document covers (经绵竹市财政局汇总，
//     全市…);
//  5. for the year, the year the statements are written for.
//
// Names are matched on the normalised text (繁体 read as simplified) and returned as written.

// idLine is one line of the document as identity reads it: a paragraph, or a table row
// with its cells joined by " | ".
type idLine struct {
	raw   string
	light []rune // raw with each rune narrowed and simplified: the same length as raw
	nt    normText
}

func newIDLine(raw string) idLine {
	raw = strings.TrimSpace(raw)
	rs := []rune(raw)
	light := make([]rune, len(rs))
	for i, r := range rs {
		light[i] = simplified(narrow(r))
	}
	return idLine{raw: raw, light: light, nt: normalize(raw)}
}

// idLimit is how many lines identity reads from the top of a document; the body-subject
// search reads idBodyLimit.
const (
	idLimit     = 60
	idBodyLimit = 400
)

// identityLines lists the document's first paragraphs and table rows in order.
func identityLines(doc *parse.Document, limit int) []idLine {
	var out []idLine
	for _, b := range doc.Blocks {
		if len(out) >= limit {
			break
		}
		switch b.Kind {
		case parse.Paragraph:
			if t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(b.Text), "#")); t != "" {
				out = append(out, newIDLine(t))
			}
		case parse.Table:
			for _, row := range b.Cells {
				var cells []string
				for _, c := range row {
					if t := strings.TrimSpace(c.Text); t != "" && (len(cells) == 0 || cells[len(cells)-1] != t) {
						cells = append(cells, t)
					}
				}
				if len(cells) > 0 {
					out = append(out, newIDLine(strings.Join(cells, " | ")))
				}
			}
		}
	}
	return out
}

// readIdentity finds the title, department, region and year of a report; lines are the
// document's first identityLines.
func (lx *Lexicon) readIdentity(doc *parse.Document, lines []idLine) Identity {
	var id Identity
	labels := lx.labelFields(lines)
	t := lx.findTitle(lines)
	if t.text == "" {
		t = lx.headingTitle(lines)
	}
	id.Title = t.text
	switch {
	case labels.unit != "":
		id.Department = labels.unit
	case t.dept != "":
		id.Department = t.dept
	case labels.implementer != "":
		id.Department = labels.implementer
	case labels.supervisor != "":
		id.Department = labels.supervisor
	}
	var body []idLine // read only when the title and the labels leave something open
	if id.Department == "" || labels.year == 0 && t.year == 0 {
		body = identityLines(doc, idBodyLimit)
	}
	if id.Department == "" {
		id.Department = lx.bodyUnit(body, t.regionWide)
	}
	if id.Department == "" && !t.regionWide {
		id.Department = lx.soleUnit(doc)
	}
	if id.Department == "" && labels.publisher != "" && !t.regionWide && !lx.regionWide(body) {
		id.Department = labels.publisher
	}
	switch {
	case labels.year != 0:
		id.Year = labels.year
	case t.year != 0:
		id.Year = t.year
	default:
		id.Year = statedYear(body)
	}
	if id.Title == "" && len(lines) > 0 {
		id.Title = lines[0].raw
	}
	id.Department = cleanDepartment(lx.breadcrumbUnit(id.Department))
	n := normalizeString(id.Department)
	id.Region = unitname.Region(n)
	if id.Region == "" && wholeRegion(n) {
		id.Region = n // a region's summary: 鹿寨县
	}
	return id
}

// cleanDepartment trims what is not part of a unit's name.
func cleanDepartment(d string) string {
	d = strings.TrimSpace(d)
	d = strings.Trim(d, "“”\"《》 　|")
	for _, s := range []string{"（盖章）", "(盖章)", "（公章）", "(公章)"} {
		d = strings.TrimSuffix(d, s)
	}
	// a form's tag after the name: 汨罗市中医院[单户表]
	if i := strings.LastIndexAny(d, "[【"); i > 0 && (strings.HasSuffix(d, "]") || strings.HasSuffix(d, "】")) {
		d = d[:i]
	}
	// a bracket the text cut before it closed: …集中区(管委会
	if strings.Count(d, "(") == strings.Count(d, ")")+1 {
		d += ")"
	} else if strings.Count(d, "（") == strings.Count(d, "）")+1 {
		d += "）"
	}
	return strings.TrimSpace(d)
}

// breadcrumbUnit takes the unit out of a web page's breadcrumb taken for a name
// (> 南漳县招商服务中心 > 法定主动公开内容 > 财政资金): the first part that ends like a unit.
func (lx *Lexicon) breadcrumbUnit(d string) string {
	if !strings.ContainsAny(d, ">»›") {
		return d
	}
	for _, p := range strings.FieldsFunc(d, func(r rune) bool { return strings.ContainsRune(">»›", r) }) {
		if p = strings.TrimSpace(p); lx.endsLikeUnit(p) {
			return p
		}
	}
	return d
}

// docBasis is budget for budget documents (部门预算说明) and actual for everything else: the
// title says so, or, without one that does, the text names a budget document's parts
// (部门预算, 收入预算) and never a 决算 or an evaluation.
func (lx *Lexicon) docBasis(title string, lines []idLine) Basis {
	n := normalizeString(title)
	// 一般公共预算 and 政府性基金预算 name funds, not a budget: …一般公共预算“三公”经费决算.
	n = strings.NewReplacer("一般公共预算", "", "政府性基金预算", "").Replace(n)
	if lx.isTitleLine(title) && lx.contains(kindReportKind, "", n) {
		if strings.Contains(n, "预算") && !strings.ContainsAny(n, "决执评") {
			return Budget
		}
		if strings.ContainsAny(n, "决执评") {
			return Actual
		}
	}
	budget, actual := 0, 0
	for _, l := range lines {
		t := outsideBooks(string(l.nt.r))
		for _, w := range lx.phraseList(kindDocBasis, string(Budget)) {
			budget += strings.Count(t, w)
		}
		for _, w := range lx.phraseList(kindDocBasis, string(Actual)) {
			actual += strings.Count(t, w)
		}
	}
	if budget >= 2 && actual == 0 {
		return Budget
	}
	return Actual
}

// outsideBooks drops the names of documents (《…》) from a text.
func outsideBooks(t string) string {
	if !strings.Contains(t, "《") {
		return t
	}
	var b strings.Builder
	depth := 0
	for _, r := range t {
		switch {
		case r == '《':
			depth++
		case r == '》' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isTitleLine reports whether a line looks like a report title: short, no clause of a
// sentence, no amount, and a word that titles have (报告, 说明, 预算 …).
func (lx *Lexicon) isTitleLine(p string) bool {
	if utf8.RuneCountInString(p) > 80 || strings.ContainsAny(p, "。；，,：:、") || len(strings.Fields(p)) > 4 {
		return false
	}
	n := normalizeString(p)
	return lx.contains(kindTitleWord, "", n) && len(scanQuantities([]rune(n))) == 0
}
