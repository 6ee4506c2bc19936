package extract

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// evalLine is one line of the lexicon with an eval… kind, as loadLexicon keeps it.
type evalLine struct {
	line      int
	kind, key string
	words     []string
}

// Roles of the columns of an indicator or funds table (kind evalcol of the lexicon).
type colRole uint8

const (
	colNone colRole = iota
	colLevel1
	colLevel2
	colName
	colTarget
	colTargetAdj
	colActual
	colWeight
	colScore
	colCoef
	colNote
	colNature
	colDirection
	colUnit
	colExplain
	colCore
	colSerial
	colInitial
	colAdjusted
	colExecuted
	colRate
)

var colRoleNames = map[string]colRole{
	"level1": colLevel1, "level2": colLevel2, "name": colName, "target": colTarget, "targetadj": colTargetAdj,
	"actual": colActual, "weight": colWeight, "score": colScore, "coef": colCoef, "note": colNote,
	"nature": colNature, "direction": colDirection, "unit": colUnit, "explain": colExplain, "core": colCore,
	"serial": colSerial, "initial": colInitial, "adjusted": colAdjusted, "executed": colExecuted, "rate": colRate,
}

// fundsCol reports whether a role is a column of a funds block only.
func (r colRole) fundsCol() bool { return r >= colInitial }

// Fields of the form's head (kind evalfield).
const (
	fieldProject = "project"
	fieldDept    = "dept"
	fieldUnit    = "unit"
	fieldOther   = "other"
)

// evalLexicon holds the wordings of self-evaluation tables, normalised by evalNorm.
type evalLexicon struct {
	cols map[string]colRole
	// colWords are the keys of cols in order, for the loose matching of misread headers
	colWords []string
	level1   map[string]bool
	level2   map[string]bool
	funds    map[string]string // label → source
	fields   map[string]string // label → field
	totals   map[string]bool
	grades   map[string]string // wording → 优/良/中/差
	gradeLb  map[string]bool
	// gradeLabels are the grade labels, longest first (自评等级 before 等级)
	gradeLabels []string
	reverse     []string             // words of a name that say lower is better
	nameEnds    []string             // how a name ends (率, 性): text so ending is a name, not a value
	rules       []string             // words of a scoring rule (记满分, 扣分): text holding one is no name
	degrees     []string             // words of degree before a comparator word (基本达到): an outcome
	values      map[colRole][]string // the words a column of few words holds
	// runWords are the wordings found inside run-together text, longest first: headers,
	// levels of four or more characters, funds labels and fields; byFirst indexes them by
	// their first character (as runes, longest first).
	runWords []string
	byFirst  map[rune][][]rune
}

// newEvalLexicon validates and indexes the eval… lines of the lexicon.
func newEvalLexicon(lines []evalLine) (*evalLexicon, error) {
	el := &evalLexicon{cols: map[string]colRole{}, level1: map[string]bool{}, level2: map[string]bool{},
		funds: map[string]string{}, fields: map[string]string{}, totals: map[string]bool{}, grades: map[string]string{},
		gradeLb: map[string]bool{}}
	run := map[string]bool{}
	for _, l := range lines {
		if len(l.words) == 0 {
			return nil, fmt.Errorf("lexicon line %d: no wordings", l.line)
		}
		for _, w := range l.words {
			n := el.norm(w)
			switch l.kind {
			case "evalcol":
				r, ok := colRoleNames[l.key]
				if !ok {
					return nil, fmt.Errorf("lexicon line %d: unknown column role %q", l.line, l.key)
				}
				if _, dup := el.cols[n]; !dup {
					el.colWords = append(el.colWords, n)
				}
				el.cols[n] = r
				if utf8.RuneCountInString(n) >= 2 {
					run[n] = true
				}
			case "evallevel":
				switch l.key {
				case "1":
					el.level1[n] = true
				case "2":
					el.level2[n] = true
				default:
					return nil, fmt.Errorf("lexicon line %d: evallevel must be 1 or 2, got %q", l.line, l.key)
				}
				if utf8.RuneCountInString(n) >= 4 {
					run[n] = true // a level not ending in 指标 only before its points (项目产出（40分）)
				}
			case "evalfunds":
				if !slices.Contains([]string{SourceTotal, SourceFiscal, SourceCarryover, SourceOther}, l.key) {
					return nil, fmt.Errorf("lexicon line %d: unknown funds source %q", l.line, l.key)
				}
				el.funds[n] = l.key
				if utf8.RuneCountInString(n) >= 4 {
					run[n] = true
				}
			case "evalfield":
				if !slices.Contains([]string{fieldProject, fieldDept, fieldUnit, fieldOther}, l.key) {
					return nil, fmt.Errorf("lexicon line %d: unknown field %q", l.line, l.key)
				}
				el.fields[n] = l.key
				if utf8.RuneCountInString(n) >= 4 {
					run[n] = true
				}
			case "evaltotal":
				el.totals[n] = true
				if utf8.RuneCountInString(n) >= 2 {
					run[n] = true
				}
			case "evalgrade":
				if !slices.Contains([]string{"优", "良", "中", "差"}, l.key) {
					return nil, fmt.Errorf("lexicon line %d: grade must be 优, 良, 中 or 差, got %q", l.line, l.key)
				}
				el.grades[n] = l.key
			case "evalgradelabel":
				el.gradeLb[n] = true
				el.gradeLabels = append(el.gradeLabels, n)
			case "evalreverse":
				el.reverse = append(el.reverse, n)
			case "evalnameend":
				el.nameEnds = append(el.nameEnds, n)
			case "evalrule":
				el.rules = append(el.rules, n)
			case "evaldegree":
				el.degrees = append(el.degrees, n)
			case "evalvalue":
				r, ok := colRoleNames[l.key]
				if !ok {
					return nil, fmt.Errorf("lexicon line %d: unknown column role %q", l.line, l.key)
				}
				if el.values == nil {
					el.values = map[colRole][]string{}
				}
				el.values[r] = append(el.values[r], w)
			default:
				return nil, fmt.Errorf("lexicon line %d: unknown kind %q", l.line, l.kind)
			}
		}
	}
	for w := range run {
		el.runWords = append(el.runWords, w)
	}
	slices.SortFunc(el.runWords, func(a, b string) int {
		if d := utf8.RuneCountInString(b) - utf8.RuneCountInString(a); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	slices.SortFunc(el.gradeLabels, func(a, b string) int {
		if d := len(b) - len(a); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	el.byFirst = map[rune][][]rune{}
	for _, w := range el.runWords {
		rs := []rune(w)
		el.byFirst[rs[0]] = append(el.byFirst[rs[0]], rs)
	}
	return el, nil
}

// pinyinGloss is the pinyin a converted 繁体 page puts after some characters: 產(chǎn), 標(biāo).
var pinyinGloss = regexp.MustCompile(`[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]`)

// norm normalises a cell for matching: full-width forms narrowed, brackets and colons made
// ASCII, white space, quotes and pinyin glosses dropped, traditional characters mapped to
// simplified ones.
func (el *evalLexicon) norm(s string) string {
	if strings.ContainsAny(s, "(（") {
		s = pinyinGloss.ReplaceAllString(s, "")
	}
	var b strings.Builder
	for _, r := range s {
		if isSpace(r) || isQuote(r) || r == '|' {
			continue
		}
		switch r {
		case '（':
			r = '('
		case '）':
			r = ')'
		case '：':
			r = ':'
		case '，':
			r = ','
		case '【':
			r = '['
		case '】':
			r = ']'
		}
		r = narrow(r)
		r = simplified(r)
		b.WriteRune(r)
	}
	return b.String()
}

// bracketTail is a trailing bracket a header or label may carry: (A), (B/A), (%), (分),
// (万元), (50分), (20分*执行率).
var bracketTail = regexp.MustCompile(`\([^()]{0,12}\)$`)

// bare strips what may surround a header or label: trailing brackets and colons, a leading
// 其中 or numbering, and a trailing 分 of points.
func bare(n string) string {
	for {
		m := bracketTail.FindStringIndex(n)
		if m == nil || m[0] == 0 {
			break
		}
		n = n[:m[0]]
	}
	n = strings.TrimRight(n, ":：;,.、")
	n = strings.TrimPrefix(n, "其中:")
	n = strings.TrimPrefix(n, "其中")
	n = strings.TrimLeft(n, ":")
	return n
}

// col returns the column role a header cell names, or colNone.
func (el *evalLexicon) col(cell string) colRole {
	n := el.norm(cell)
	if r, ok := el.cols[n]; ok {
		return r
	}
	return el.cols[bare(n)]
}

// level returns 1 or 2 when the cell is a 一级 or 二级 indicator as tables write them (a word
// of both, such as 成本指标 or 满意度指标, gives 3), else 0; points and brackets are ignored.
func (el *evalLexicon) level(cell string) int {
	n := bare(el.norm(cell))
	l := 0
	if el.level1[n] {
		l |= 1
	}
	if el.level2[n] {
		l |= 2
	}
	return l
}

// fundsSource returns the source a funds row label names, or "".
func (el *evalLexicon) fundsSource(cell string) string {
	n := el.norm(cell)
	if s, ok := el.funds[n]; ok {
		return s
	}
	return el.funds[bare(n)]
}

// field returns the head field a label names, or "".
func (el *evalLexicon) field(cell string) string {
	n := el.norm(cell)
	if f, ok := el.fields[n]; ok {
		return f
	}
	return el.fields[bare(n)]
}

// isTotal reports whether a cell is the label of the total row.
func (el *evalLexicon) isTotal(cell string) bool {
	n := el.norm(cell)
	return el.totals[n] || el.totals[bare(n)]
}

// grade returns 优, 良, 中 or 差 when the cell is a grade, else "".
func (el *evalLexicon) grade(cell string) string {
	n := strings.Trim(el.norm(cell), "()[]")
	return el.grades[n]
}

// levelPrefix reports whether a cut-off cell is the start of a 一级 or 二级 indicator (生态 of
// 生态效益指标).
func (el *evalLexicon) levelPrefix(cell string) bool {
	n := el.norm(cell)
	if n == "" {
		return false
	}
	for w := range el.level2 {
		if strings.HasPrefix(w, n) && w != n {
			return true
		}
	}
	for w := range el.level1 {
		if strings.HasPrefix(w, n) && w != n {
			return true
		}
	}
	return false
}

// lowerIsBetter reports whether an indicator's name says lower is better (控制率, 结余率).
func (el *evalLexicon) lowerIsBetter(name string) bool {
	return holdsAny(el.norm(name), el.reverse, strings.Contains)
}

// holdsAny reports whether n holds one of words by the test has (strings.Contains,
// strings.HasSuffix).
func holdsAny(n string, words []string, has func(s, w string) bool) bool {
	for _, w := range words {
		if has(n, w) {
			return true
		}
	}
	return false
}

// endsLikeName reports whether a text ends the way an indicator's name does (保障率, 安全性):
// in run-together text such a phrase is the wrapped end of a name, not a target or an actual
// value, which are numbers or words of an outcome (达到预期, 按时完成, 无).
func (el *evalLexicon) endsLikeName(text string) bool {
	n := el.norm(text)
	return utf8.RuneCountInString(n) >= 2 && holdsAny(n, el.nameEnds, strings.HasSuffix)
}

// scoringRule reports whether a text holds a word of a scoring rule (达到指标值，记满分): the
// explanation of how points are given, not the name of an indicator.
func (el *evalLexicon) scoringRule(text string) bool {
	return holdsAny(el.norm(text), el.rules, strings.Contains)
}

// ofValueRunes reports whether every character of rs is one of the words a column of the
// role holds (定性指标 for 指标性质): a cell of that column misread, its characters scrambled.
func (el *evalLexicon) ofValueRunes(role colRole, rs []rune) bool {
	for _, r := range rs {
		found := false
		for _, v := range el.values[role] {
			if strings.ContainsRune(v, r) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// valueHead cuts a text of run-together cells that opens with a one-character value of a yes
// or no column (是基本达到): the value and the rest, when the rest opens with a word of degree
// (基本, 未, 部分), as an actual value that qualifies the target does.
func (el *evalLexicon) valueHead(raw string) (string, string, bool) {
	for _, v := range el.values[colCore] {
		rest, ok := strings.CutPrefix(raw, v)
		if !ok || utf8.RuneCountInString(v) != 1 {
			continue
		}
		for _, d := range el.degrees {
			if strings.HasPrefix(rest, d) && utf8.RuneCountInString(rest) > utf8.RuneCountInString(d) {
				return v, rest, true
			}
		}
	}
	return "", "", false
}

// ruleNote reports whether a line is a note on how points are given (定量指标计算:完成值达到
// 指标值,记满分;未达到的按比例计分。): a sentence with a word of a scoring rule and few
// digits, unlike a row of a table that a column of rules runs through, which has its values.
func (el *evalLexicon) ruleNote(text string) bool {
	if !strings.ContainsAny(text, "；;。") || !el.scoringRule(text) {
		return false
	}
	digits := 0
	for _, r := range text {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			digits++
		}
	}
	return digits <= maxRuleNoteDigits && !strings.ContainsAny(text, "%％")
}

// maxRuleNoteDigits is the most digits a note on scoring holds (每少1项扣1分): a row of a
// table holds its values.
const maxRuleNoteDigits = 4

// isGradeLabel reports whether a cell is the label of a stated grade (自评等级).
func (el *evalLexicon) isGradeLabel(cell string) bool {
	n := el.norm(cell)
	return el.gradeLb[n] || el.gradeLb[bare(n)]
}
