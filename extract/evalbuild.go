package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// indicators turns the rows found into Indicators: levels carried down from the rows above
// (and from a level passed over on its own, a merged cell's text), values read as numbers.
func (rr *rowReader) indicators(recs []record) []Indicator {
	var out []Indicator
	l1, l2 := "", ""
	setLevel := func(t *etok) {
		switch {
		case t.level == 1:
			l1, l2 = stripPoints(t.raw), ""
		case t.level == 2:
			l2 = stripPoints(t.raw)
		case t.level == 3:
			l2 = stripPoints(t.raw)
		}
	}
	p := 0
	for _, rec := range recs {
		for ; p < rec.start; p++ {
			if t := &rr.toks[p]; t.is(tkLevel) {
				// a level on its own: the next level may be its second level
				if t.level == 3 && p+1 < len(rr.toks) && rr.toks[p+1].is(tkLevel) {
					l1, l2 = stripPoints(t.raw), ""
					continue
				}
				setLevel(t)
			}
		}
		p = rec.end
		rv := rr.rowValues(rec, &l1, &l2)
		ind := rv.ind
		target := rv.target
		ind.Name = rr.trimGlued(ind.Name, rec, target)
		if target == "" && ind.Actual == "" && rr.toks[rec.start].run {
			// a target and an actual that read the same, glued to the name (管理制度健全性高高)
			if name, v, ok := doubledTail(ind.Name); ok && rr.hasRoles(colTarget) {
				ind.Name, target, ind.Actual = name, v, v
				ind.Name = rr.trimGlued(ind.Name, rec, target)
			}
		}
		if rr.toks[rec.start].run && rulePoints.MatchString(ind.Name) {
			// the scoring rule of the row before, its column read out of order, ahead of the
			// name (…1 分；财务制度): the name is the last phrase
			f := strings.Fields(ind.Name)
			ind.Name = f[len(f)-1]
			if rulePoints.MatchString(ind.Name) || strings.ContainsAny(ind.Name, "。；;") || hanCount(ind.Name) < 2 {
				continue
			}
		}
		if rr.toks[rec.start].run {
			// a merged 二级 cell glued before a name that starts with its words (财务管理财务管理制度有效性)
			if head, name, ok := doubledHead(ind.Name); ok {
				ind.Name = name
				if l2 == "" {
					l2 = head
				}
			}
		}
		ind.Level1, ind.Level2 = unwrap(l1), unwrap(l2)
		rr.el.setTarget(&ind, rv.dir, target, rv.unit, rv.tnum, rv.tok)
		if rv.aok {
			v := rv.anum.v
			ind.ActualValue, ind.ActualUnit = &v, rv.anum.unit
		} else if n, ok := numOf(ind.Actual); ok {
			v := n.v
			ind.ActualValue, ind.ActualUnit = &v, n.unit
		}
		ind.Met = rr.el.met(&ind)
		if ind.Cut && coefConfirms(&ind, rv.coef) {
			ind.Cut = false
		}
		ind.Raw = strings.Join(rv.cells, " | ")
		ind.Location = rowLocation(rr.toks[rec.start].loc)
		ownLevel2 := false
		for k, f := range rec.fills {
			if rr.slots[k].role == colLevel2 && f.a >= 0 && !rr.toks[f.a].is(tkBlank) {
				ownLevel2 = true
			}
		}
		if !keepName(ind.Name) || rec.end == len(rr.toks) && !ownLevel2 && rr.el.levelPrefix(ind.Name) || headerWrap(&ind, rv.cells) {
			continue
		}
		out = append(out, ind)
	}
	return out
}

// rowValues are what one row's slots hold: name, actual, weight and score in an Indicator,
// the rest beside it (the target, the 调整指标值 where the target is blank).
type rowValues struct {
	ind        Indicator
	dir, unit  string
	target     string
	tnum, anum evalNum
	tok, aok   bool
	coef       *decimal.Decimal
	cells      []string
}

// rowValues reads the slots of one row; a level the row writes in its own cells updates *l1
// and *l2.
func (rr *rowReader) rowValues(rec record, l1, l2 *string) rowValues {
	var rc rowValues
	targetAdj := ""
	ind := &rc.ind
	for k, f := range rec.fills {
		if f.cut {
			ind.Cut = true
		}
		text := rr.fillText(f)
		if f.a >= 0 && !(k > 0 && rec.fills[k-1].cut && f.cut && rec.fills[k-1].a == f.a && f.num == nil && f.text == "") {
			rc.cells = append(rc.cells, text)
		}
		switch rr.slots[k].role {
		case colLevel1:
			if text != "" {
				*l1, *l2 = stripPoints(text), ""
			}
		case colLevel2:
			if text != "" {
				*l2 = stripPoints(text)
			}
		case colName:
			ind.Name = text
		case colTarget:
			rc.target = text
			rc.tnum, rc.tok = rr.fillNum(f)
		case colTargetAdj:
			targetAdj = text
		case colActual:
			ind.Actual = text
			rc.anum, rc.aok = rr.fillNum(f)
		case colWeight:
			if n, ok := rr.fillNum(f); ok && pointsValue(n) {
				v := n.v
				ind.Weight, ind.WeightDecimals = &v, n.dec
			}
		case colScore:
			if n, ok := rr.fillNum(f); ok && pointsValue(n) {
				v := n.v
				ind.Score, ind.ScoreDecimals = &v, n.dec
			}
		case colDirection:
			rc.dir = text
		case colNature:
			if c, l := comparatorAt([]rune(rr.el.norm(text)), 0); c != "" && l == len([]rune(rr.el.norm(text))) {
				rc.dir = text // a comparator in the 指标性质 column
			}
		case colUnit:
			rc.unit = text
		case colCoef:
			if n, ok := rr.fillNum(f); ok && n.unit == "%" {
				rc.coef = &n.v
			}
		}
	}
	if rc.target == "" && targetAdj != "" {
		rc.target = targetAdj
		rc.tnum, rc.tok = numOf(targetAdj)
	}
	return rc
}

// trimGlued cuts off a name what run-together text glued to it from the columns beside it:
// the unit (%) and 指标性质 (定量指标) of an empty column after the name, and the 是否核心指标
// (是, 否) of the row before, the last column.
func (rr *rowReader) trimGlued(name string, rec record, target string) string {
	if len(rec.fills) == 0 || !rr.toks[rec.start].run {
		return name
	}
	has := map[colRole]bool{}
	blank := map[colRole]bool{}
	nameAt := -1
	for k, sl := range rr.slots {
		has[sl.role] = true
		if sl.role == colName {
			nameAt = k
		}
		if rec.fills[k].a < 0 && !rec.fills[k].cut {
			blank[sl.role] = true
		}
	}
	if nameAt < 0 {
		return name
	}
	last := rr.slots[len(rr.slots)-1].role
	for _, v := range rr.el.values[last] {
		if strings.HasPrefix(name, v) && utf8.RuneCountInString(name) > utf8.RuneCountInString(v)+1 && has[last] {
			name = strings.TrimPrefix(name, v)
			break
		}
	}
	for changed := true; changed; {
		changed = false
		for _, role := range []colRole{colNature, colDirection} {
			if !has[role] || !blank[role] {
				continue
			}
			for _, v := range rr.el.values[role] {
				if strings.HasSuffix(name, v) && utf8.RuneCountInString(name) > utf8.RuneCountInString(v)+1 {
					name, changed = strings.TrimSuffix(name, v), true
				}
			}
		}
		if has[colUnit] && blank[colUnit] {
			units := []string{"%", "％"}
			if q, ok := numOf(target); ok && q.unit != "" {
				units = append(units, q.unit) // 党性教育培训次数次 over 26次
			}
			for _, u := range units {
				if strings.HasSuffix(name, u) && utf8.RuneCountInString(name) > utf8.RuneCountInString(u)+2 {
					name, changed = strings.TrimSuffix(name, u), true
				}
			}
		}
	}
	return rr.trimGarbledTail(name, has[colUnit] && blank[colUnit], has[colNature], target)
}

// trimGarbledTail cuts off a name the few characters a misread column glued to it, where the
// name ends like one (…次数, …健全性) and what follows is of an empty column beside it: the
// unit of the target with a misread character (次到 before 0次) or letters (tot扁 for 篇) where
// the unit column is empty, or the characters of a 指标性质 scrambled (性标定指 for 定性指标)
// where the table has that column.
func (rr *rowReader) trimGarbledTail(name string, unitBlank, hasNature bool, target string) string {
	if !unitBlank && !hasNature {
		return name
	}
	unit := ""
	if q, ok := numOf(target); ok {
		unit = q.unit
	}
	rs := []rune(name)
	for k := minTrimmedName; k < len(rs); k++ {
		tail := rs[k:]
		if len(tail) > maxGarbledTail || !rr.el.endsLikeName(string(rs[:k])) {
			continue
		}
		switch {
		case unitBlank && unit != "" && isHan(tail[0]) && strings.HasPrefix(string(tail), unit),
			unitBlank && tail[0] < utf8.RuneSelf && unicode.IsLetter(tail[0]),
			hasNature && len(tail) >= 2 && rr.el.ofValueRunes(colNature, tail):
			return string(rs[:k])
		}
	}
	return name
}

// minTrimmedName and maxGarbledTail bound trimGarbledTail: the name it leaves has at least
// four characters, the tail it cuts at most four.
const (
	minTrimmedName = 4
	maxGarbledTail = 4
)

// coefConfirms reports whether a row's 得分系数 confirms how its numbers run together were
// cut (100%72.74%100%22 → 100% | 72.74% | 100% | 2 | 2): the score is the weight times the
// coefficient at the score's decimals, and the target and actual, when both stated, are
// percentages, which their percent signs delimit. A cut so confirmed is a reading.
func coefConfirms(ind *Indicator, coef *decimal.Decimal) bool {
	if coef == nil || ind.Weight == nil || ind.Score == nil || !ind.Weight.IsPositive() {
		return false
	}
	for _, v := range []string{ind.Target, ind.Actual} {
		if strings.TrimSpace(v) != "" && !strings.HasSuffix(strings.TrimSpace(v), "%") {
			return false
		}
	}
	want := ind.Weight.Mul(*coef).Div(decimal.NewFromInt(100)).Round(int32(ind.ScoreDecimals))
	return want.Equal(*ind.Score)
}

// hasRoles reports whether the header has every one of the roles.
func (rr *rowReader) hasRoles(roles ...colRole) bool {
	for _, r := range roles {
		found := false
		for _, sl := range rr.slots {
			if sl.role == r {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// doubledTail finds a name ending in a word written twice (…合规性好好, …公开性高高): the name
// before it and the word.
func doubledTail(name string) (string, string, bool) {
	rs := []rune(name)
	for n := 1; n <= 4 && 2*n+2 <= len(rs); n++ {
		a, b := string(rs[len(rs)-2*n:len(rs)-n]), string(rs[len(rs)-n:])
		if a == b && hanCount(a) == n {
			return string(rs[:len(rs)-2*n]), a, true
		}
	}
	return "", "", false
}

// rulePoints is the points of a scoring rule's sentence (2 分，没有不得分).
var rulePoints = regexp.MustCompile(`\d\s*分[,;。，；、]`)

// doubledHead finds a name that starts with a word written twice (财务管理财务管理制度有效性):
// the word, and the name from its second writing on.
func doubledHead(name string) (string, string, bool) {
	rs := []rune(name)
	for n := 4; n >= 2; n-- {
		if 2*n+2 > len(rs) {
			continue
		}
		a, b := string(rs[:n]), string(rs[n:2*n])
		if a == b && hanCount(a) == n {
			return a, string(rs[n:]), true
		}
	}
	return "", "", false
}

// headerWrap reports whether a row is the wrapped rest of the header above it, not an
// indicator: every cell it has reads the same word (名称 | 名称 | 名称, the second line of
// 一级指标 / 名称), or its only cell begins with a conjunction (及改进, of 偏差原因分析及改进措施).
func headerWrap(ind *Indicator, cells []string) bool {
	var words []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			words = append(words, c)
		}
	}
	if len(words) >= 2 && !slices.ContainsFunc(words, func(w string) bool { return w != words[0] }) && !hasDigit(words[0]) {
		return true
	}
	if ind.Target != "" || ind.Actual != "" || ind.Weight != nil || ind.Score != nil || len(words) > 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(ind.Name))
	return strings.ContainsRune(conjunctions, r)
}

// conjunctions are the characters that join two words and so begin no name (及, 和, 与).
const conjunctions = "及和与或并"

// keepName reports whether a row's name is an indicator's: more than a bare numbering
// (指标1：) left by a table cut off.
func keepName(name string) bool {
	n := numberingPrefix.ReplaceAllString(name, "")
	return hanCount(n) >= 2 || hasLetter(n) && len(n) >= 2
}

var numberingPrefix = regexp.MustCompile(`^\s*(?:指标\s*\d*\s*[:：]?|[0-9]+\s*[、.．]|[（(]\s*[0-9一二三四五六七八九十]+\s*[)）])`)

// stripPoints drops the points a level carries (产出指标（50分） → 产出指标).
func stripPoints(s string) string {
	s = strings.TrimSpace(pointsSuffix.ReplaceAllString(strings.TrimSpace(s), ""))
	if t := strings.TrimSpace(spacedPoints.ReplaceAllString(s, "")); hanCount(t) >= 2 {
		s = t // 项目决策 2 分
	}
	return s
}

var spacedPoints = regexp.MustCompile(`\s+\d+(?:\.\d+)?\s*分$`)

// numOf reads a cell that is one number.
func numOf(text string) (evalNum, bool) {
	n := strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return narrow(r)
	}, text)
	return parseEvalNum(n)
}

// setTarget fills an indicator's target, comparator, number and unit from its cells: the
// comparator of 指标方向 (or 指标性质) and the unit of 度量单位 are joined to the value as
// written (≥ | 735 | 人次 → ≥735人次).
func (el *evalLexicon) setTarget(ind *Indicator, dir, target, unit string, tnum evalNum, tok bool) {
	cmp := ""
	if c, l := comparatorAt([]rune(el.norm(dir)), 0); l > 0 {
		cmp = c
	} else {
		dir = ""
	}
	if !tok {
		tnum, tok = numOf(target)
	}
	if tok && tnum.cmp != "" {
		cmp = tnum.cmp
		dir = ""
	}
	ind.Target = dir + target
	if unit != "" && tok && tnum.unit == "" {
		ind.Target += unit
		tnum.unit = el.norm(unit)
	}
	ind.Comparator = cmp
	if tok {
		v := tnum.v
		ind.TargetValue = &v
		ind.UnitText = tnum.unit
	} else if unit != "" {
		ind.UnitText = unit
	}
}

// met says whether an indicator's actual meets its target: both numbers in the same unit (a
// bare actual is in the target's unit), compared by the comparator; without one, the target
// is a floor, or a ceiling when the name says lower is better. Nil when it cannot be told.
func (el *evalLexicon) met(ind *Indicator) *bool {
	if ind.TargetValue == nil || ind.ActualValue == nil {
		return nil
	}
	if ind.ActualUnit != "" && ind.ActualUnit != ind.UnitText {
		return nil
	}
	t, a := *ind.TargetValue, *ind.ActualValue
	cmp := ind.Comparator
	if cmp == "" {
		cmp = ">="
		if el.lowerIsBetter(ind.Name) {
			cmp = "<="
		}
	}
	var ok bool
	switch cmp {
	case ">=":
		ok = a.GreaterThanOrEqual(t)
	case "<=":
		ok = a.LessThanOrEqual(t)
	case ">":
		ok = a.GreaterThan(t)
	case "<":
		ok = a.LessThan(t)
	case "=":
		ok = a.Equal(t)
	default:
		return nil
	}
	return &ok
}

// decimalPtr returns a pointer to a copy of d.
func decimalPtr(d decimal.Decimal) *decimal.Decimal { return &d }

// unwrap drops the spaces a cell's line wrapping left between Chinese characters of a level
// (产出 指标 → 产出指标).
func unwrap(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && isHan(rs[i-1]) && isHan(rs[i+1]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
