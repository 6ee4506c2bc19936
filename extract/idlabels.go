package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/parse"
	"github.com/jixiao/jixiao/unitname"
)

// labelFieldsFound is what a report's form labels name.
type labelFieldsFound struct {
	unit        string // 单位名称, 填报单位, 评价单位, 部门 …
	implementer string // 实施单位, 项目实施单位
	supervisor  string // 主管部门
	publisher   string // 发布机构, 来源: the publisher, not always the unit
	year        int    // 评价年度, 报告年度
}

// labelFields reads the labelled fields of the first lines: 单位名称：XX局, 评价单位（公章）：
// XX局, 项目实施单位 XX馆 项目负责人 …, 部门 | XX中心 |, and fields run together by an OCR
// copy (主管部门XX局实施单位XX局). The first value of each kind wins.
func (lx *Lexicon) labelFields(lines []idLine) labelFieldsFound {
	var f labelFieldsFound
	for i, l := range lines {
		fields := lx.fieldsOf(l)
		if len(fields) == 0 && i+1 < len(lines) {
			// a table flattened one cell to a line: 实施单位 / 乐亭县市场监督管理局
			if key, end, ok := lx.labelAt(l.light, 0); ok && end == len(l.light) && len(lx.fieldsOf(lines[i+1])) == 0 {
				if _, _, isLabel := lx.labelAt(lines[i+1].light, 0); !isLabel {
					fields = []field{{key: key, value: cleanFieldValue(lines[i+1].raw)}}
				}
			}
		}
		for _, fl := range fields {
			fl.value = lx.unitPrefix(fl.value)
			switch fl.key {
			case "unit":
				if f.unit == "" && lx.unitValue(fl.value, false) {
					f.unit = fl.value
				}
			case "implementer":
				if f.implementer == "" && lx.unitValue(fl.value, true) {
					f.implementer = fl.value
				}
			case "supervisor":
				if f.supervisor == "" && lx.unitValue(fl.value, true) {
					f.supervisor = fl.value
				}
			case "publisher":
				if f.publisher == "" && lx.unitValue(fl.value, true) {
					f.publisher = fl.value
				}
			case "year":
				if f.year == 0 {
					if ys := findYears([]rune(normalizeString(fl.value + "年"))); len(ys) > 0 && ys[0].pos == 0 {
						f.year = ys[0].year
					}
				}
			}
		}
	}
	return f
}

// unitPrefix returns the first word of a value when it alone names a unit: a line of fields
// copied without their borders goes on after the value (稷山县翟店镇卫生院 全年预算数 …).
func (lx *Lexicon) unitPrefix(v string) string {
	if f := strings.Fields(v); len(f) > 1 && lx.unitValue(f[0], true) {
		return f[0]
	}
	return v
}

// field is one labelled value of a line: key is the unitlabel's key, value as written.
type field struct {
	key, value string
}

// fieldsOf finds the labelled fields of one line.
func (lx *Lexicon) fieldsOf(l idLine) []field {
	var out []field
	for i := 0; i < len(l.light); i++ {
		key, end, ok := lx.labelAt(l.light, i)
		if !ok {
			continue
		}
		vs, ve := valueSpan(l.light, end, lx)
		if ve > vs {
			out = append(out, field{key: key, value: cleanFieldValue(string([]rune(l.raw)[vs:ve]))})
		}
		i = max(ve, end) - 1
	}
	return out
}

// labelAt reads a unit label starting at rs[i]: one of the lexicon's unitlabel wordings,
// spaces allowed between its characters (名 称). A label of fewer than four characters
// (单位, 部门) must open a field: stand at the start or after a space or a cell border, and be
// followed by a colon, a cell border or a space; a longer one may stand anywhere, as in fields
// an OCR copy ran together. It returns the label's key and where it ends.
func (lx *Lexicon) labelAt(rs []rune, i int) (key string, end int, ok bool) {
	if isSpace(rs[i]) {
		return "", 0, false
	}
	bestLen := 0
	for _, lw := range lx.unitLabels[rs[i]] {
		n := len(lw.rs)
		if n <= bestLen {
			continue
		}
		e, m := matchSpacedRunes(rs, i, lw.rs)
		if !m || n < 4 && !(opensField(rs, i) && closesLabel(rs, e)) {
			continue
		}
		key, end, ok, bestLen = lw.key, e, true, n
	}
	return key, end, ok
}

// matchSpacedRunes matches w at rs[i:], white space allowed between its characters.
func matchSpacedRunes(rs []rune, i int, w []rune) (int, bool) {
	j := i
	for _, r := range w {
		for j < len(rs) && isSpace(rs[j]) && j > i {
			j++
		}
		if j >= len(rs) || rs[j] != r {
			return 0, false
		}
		j++
	}
	return j, true
}

// opensField reports whether position i starts a field: the line's start, or after white
// space, a cell border, a bullet or a bracket.
func opensField(rs []rune, i int) bool {
	if i == 0 {
		return true
	}
	p := rs[i-1]
	return isSpace(p) || strings.ContainsRune("|｜•·[]【】", p)
}

// closesLabel reports whether a label ending at e is followed by its value's separator.
func closesLabel(rs []rune, e int) bool {
	if e >= len(rs) {
		return true
	}
	r := rs[e]
	return isSpace(r) || strings.ContainsRune(":：|｜(（", r)
}

// valueSpan returns the span of a label's value starting at rs[e]: past a stamp mark
// ((盖章), (公章)), a colon, white space and a cell border, up to a cell border, a wide gap,
// the next label of a form, or the end of the line.
func valueSpan(rs []rune, e int, lx *Lexicon) (int, int) {
	i := e
	for {
		for i < len(rs) && isSpace(rs[i]) {
			i++
		}
		switch {
		case i < len(rs) && (rs[i] == '(' || rs[i] == '（'):
			j := i + 1
			for j < len(rs) && j < i+6 && rs[j] != ')' && rs[j] != '）' {
				j++
			}
			if j < len(rs) && (rs[j] == ')' || rs[j] == '）') && isStampMark(string(rs[i+1:j])) {
				i = j + 1
				continue
			}
		case i < len(rs) && strings.ContainsRune(":：|｜", rs[i]):
			i++
			continue
		}
		break
	}
	if i < len(rs) && (rs[i] == '/' || rs[i] == '／') {
		// 项目实施单位/项目负责人 原州区农技中心/杨勃兴: two labels share the value
		j := i + 1
		if e, ok := lx.formLabelAt(rs, j); ok {
			j = e
		} else {
			for j < len(rs) && !isSpace(rs[j]) {
				j++
			}
		}
		for j < len(rs) && isSpace(rs[j]) {
			j++
		}
		i = j
	}
	start := i
	for i < len(rs) {
		r := rs[i]
		if r == '|' || r == '｜' || r == '\t' {
			break
		}
		if isSpace(r) && i+1 < len(rs) && (isSpace(rs[i+1]) || lx.startsFormLabel(rs, i+1) || labelledNext(rs, i+1)) {
			break
		}
		if i > start && lx.startsFormLabel(rs, i) {
			break
		}
		if i-start >= 40 {
			break
		}
		i++
	}
	return start, i
}

// labelledNext reports whether the text at rs[i] is another field: a short label and its colon
// (单位：元 after 单位：XX医院).
func labelledNext(rs []rune, i int) bool {
	for j := i; j < len(rs) && j < i+8; j++ {
		if rs[j] == ':' || rs[j] == '：' {
			return j > i
		}
		if isSpace(rs[j]) {
			return false
		}
	}
	return false
}

// isStampMark reports whether the text in brackets after a label is a stamp instruction.
func isStampMark(s string) bool {
	switch strings.TrimSpace(s) {
	case "盖章", "公章", "签章", "章":
		return true
	}
	return false
}

// startsFormLabel reports whether a label of a form (联系电话, 项目负责人, 实施单位 …) starts at rs[i].
func (lx *Lexicon) startsFormLabel(rs []rune, i int) bool {
	_, ok := lx.formLabelAt(rs, i)
	return ok
}

// formLabelAt matches a label of a form of three characters or more at rs[i] and returns
// where the longest one ends.
func (lx *Lexicon) formLabelAt(rs []rune, i int) (int, bool) {
	if i >= len(rs) {
		return 0, false
	}
	end, ok := 0, false
	for _, lw := range lx.formLabels[rs[i]] {
		if e, m := matchSpacedRunes(rs, i, lw.rs); m && e > end {
			end, ok = e, true
		}
	}
	return end, ok
}

// cleanFieldValue trims a field's value: a leading code (219001-池州市…), what follows a
// slash (原州区农技中心/杨勃兴), a trailing stamp mark.
func cleanFieldValue(v string) string {
	v = strings.TrimSpace(v)
	rs := []rune(v)
	i := 0
	for i < len(rs) && (isDigit(rs[i]) || rs[i] >= 'A' && rs[i] <= 'Z') {
		i++
	}
	if i > 0 && i < len(rs) && (rs[i] == '-' || rs[i] == '－' || rs[i] == '—') {
		v = string(rs[i+1:])
	}
	if k := strings.IndexAny(v, "/／"); k > 0 {
		v = v[:k]
	}
	return cleanDepartment(v)
}

// unitValue reports whether a field's value names a unit: three Chinese characters or more,
// no date, amount or sentence, ending like a unit's name (局, 中心, 院 …) or, unless strict,
// starting with a region (徐闻县前山镇); a section of a unit (股, 科) or a table's unit
// (单位：人、辆) does not.
func (lx *Lexicon) unitValue(v string, strict bool) bool {
	n := normalizeString(v)
	if hanCount(n) < 3 || strings.ContainsAny(n, "0123456789。，；、") || lx.isPhrase(kindGenericUnit, n) {
		return false
	}
	if lx.endsLikeUnit(n) {
		return true
	}
	return !strict && unitname.Region(n) != ""
}

// endsLikeUnit reports whether a normalised name ends with a unit's suffix.
func (lx *Lexicon) endsLikeUnit(n string) bool {
	for _, s := range lx.phraseList(kindUnitSuffix, "") {
		if strings.HasSuffix(n, s) {
			return true
		}
	}
	return false
}

// isChrome reports whether a line is part of a web page's frame around the report
// (当前位置, 发布日期, 索引号, 字号 大 中 小 …), not its text.
func (lx *Lexicon) isChrome(l idLine) bool {
	n := strings.TrimLeft(string(l.nt.r), "•·[]【】|-—*>")
	for _, w := range lx.phraseList(kindChrome, "") {
		if strings.HasPrefix(n, w) {
			return true
		}
	}
	return false
}

// labelledTitle returns the value of a title's label (标题 …, 名称：…).
func (lx *Lexicon) labelledTitle(l idLine) (string, bool) {
	n := strings.TrimLeft(string(l.nt.r), "•·[]【】|")
	for _, w := range lx.phraseList(kindTitleLabel, "") {
		if strings.HasPrefix(n, w) {
			rest := strings.TrimLeft(strings.TrimPrefix(n, w), ":：| ")
			if rest != "" {
				// as written: the same number of runes from the end of the raw line
				rs := []rune(l.raw)
				k := len(l.nt.r) - utf8.RuneCountInString(rest)
				if k >= 0 && k < len(l.nt.idx) {
					return strings.TrimSpace(string(rs[l.nt.idx[k]:])), true
				}
			}
		}
	}
	return "", false
}

// soleUnit is the one unit a table of the report's units lists under its 单位名称 column
// (纳入本部门决算汇编范围的独立核算单位共1个: 序号 | 单位名称 | … / 1 | XX人民检察院 | …), or
// "" when no such table lists exactly one.
func (lx *Lexicon) soleUnit(doc *parse.Document) string {
	for n, b := range doc.Blocks {
		if n >= idBodyLimit {
			break
		}
		if b.Kind != parse.Table || len(b.Cells) < 2 {
			continue
		}
		if u := lx.soleUnitIn(b.Cells); u != "" {
			return u
		}
	}
	return ""
}

// soleUnitIn reads one table: a header row with a unit label cell, then exactly one row
// whose cell in that column names a unit.
func (lx *Lexicon) soleUnitIn(cells [][]parse.Cell) string {
	for r, row := range cells {
		col := -1
		for c, cell := range row {
			if slices.Contains(lx.phraseList(kindUnitLabel, "unit"), normalizeString(strings.TrimSpace(cell.Text))) {
				col = c
				break
			}
		}
		if col < 0 {
			continue
		}
		var names []string
		for _, below := range cells[r+1:] {
			if col < len(below) {
				if t := strings.TrimSpace(below[col].Text); t != "" {
					names = append(names, t)
				}
			}
		}
		if len(names) == 1 && lx.endsLikeUnit(normalizeString(names[0])) {
			return names[0]
		}
		return ""
	}
	return ""
}
