package extract

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

//go:embed data/lexicon.txt
var lexiconText string

// termKind tells how a lexicon wording is used.
type termKind int

const (
	kindMetric    termKind = iota + 1
	kindWeak               // counts only when no other term precedes it in the clause
	kindGrand              // a grand total incl. carry-over: the metric only without a stated carry-over
	kindInBasic            // counts only inside a breakdown of basic spending
	kindShield             // not a metric, blocks association
	kindBasis              // basis marker
	kindTurn               // authorized → actual marker
	kindChange             // change verb
	kindCompare            // comparison word
	kindShare              // share word
	kindBreakdown          // opens a breakdown
	kindTransfer           // transfer verb
	kindCarryover          // mentions a carry-over
	kindGlue               // may stand between a term and its value (为, 支出, 决算数)
	kindLead               // may stand before a bare term at the start of its clause (全年, 部门)
	kindPart               // a term of a part of the metric (离休, 行政编制): a figure only without the whole

	// Phrase kinds: wordings read inside longer texts (a table header, a title, a label),
	// never words of the segmentation dictionary.
	kindColumn        // a column header word: what the column holds (serial, points, skip, rate)
	kindColBasis      // a column header word that gives the basis of the column's values
	kindColVeto       // a column header word that rules out a basis (预算执行数 is no budget)
	kindSuperHeader   // a header cell spanning the basis cells under it (金额, 资金情况)
	kindFlatBasis     // a header cell that sits under a spanning cell (预算数, 决算数)
	kindScoreTotal    // the label of an indicator table's total row (合计, 总分)
	kindTitleWord     // a word that makes a line a report's title (报告, 说明)
	kindReportKind    // where a title stops naming the unit and starts naming the report
	kindUnitLabel     // a form's label whose value names the unit or the year (单位名称：…)
	kindFormLabel     // any other label of a form: where a labelled value ends (联系电话)
	kindChrome        // what starts a line of a web page's frame (当前位置, 发布日期, 索引号)
	kindTitleLabel    // a label whose value is the title (标题, 名称)
	kindUnitSuffix    // how a unit's name ends (局, 中心, 研究室)
	kindGenericUnit   // a word that stands for a unit without naming it (部门, 本单位)
	kindScopeWord     // a title's words after a region that say it covers its units (区级, 本级)
	kindNameLead      // a verb or preposition before a unit's name (设立, 纳入)
	kindSubjectMarker // what follows a unit's name when it is a sentence's subject (是, 内设)
	kindOrgPrefix     // how a national organisation's name starts (中国, 中共)
	kindRegionWide    // words of a document that sums a region's units (市本级, 经汇总)
	kindTitleEnd      // how a title ends (报告, 说明, 表)
	kindScopePart     // a word before a term that narrows its scope to a part (区直, 本级)
	kindUnitColumn    // the header of a column of units' names (机构名称)
	kindFundColumn    // a column of one fund beside a 合计 column (一般公共预算, 政府性基金)
	kindPreferred     // a metric's wording preferred where another gives it a different value
	kindZeroPart      // a part whose 0 beside a part that is not is template filler (离休)
	kindQualifier     // a word before a term that makes a part of it (行政 在职人数, 事业单位 在职人数)
	kindFoundingLead  // a lead verb that names the report's own unit (设立X, 组建X)
	kindDocBasis      // words that mark a budget document (部门预算) or a report of the outcome (决算)
	kindBudgetTerm    // a metric's wording that names its budget, whatever the document (收入总预算)
	kindSignOff       // what starts a closing line after a report's text (联系人, 特此报告, 附件)
	kindAttached      // words that say figures are in attached tables (详见附表)
	kindFooter        // words of a web page's footer line, wherever they stand in it (ICP备, 主办)
	kindFundScope     // words of a share's base that narrow it to one fund (财政拨款, 一般公共预算)
)

// isPhraseKind reports whether wordings of kind k are phrases rather than dictionary words.
func isPhraseKind(k termKind) bool { return k >= kindColumn }

var kindNames = map[string]termKind{
	"metric": kindMetric, "weak": kindWeak, "grand": kindGrand,
	"inbasic": kindInBasic, "shield": kindShield, "basis": kindBasis, "turn": kindTurn,
	"change": kindChange, "compare": kindCompare, "share": kindShare,
	"breakdown": kindBreakdown, "transfer": kindTransfer, "carryover": kindCarryover,
	"glue": kindGlue, "lead": kindLead, "part": kindPart, "qualifier": kindQualifier, "zeropart": kindZeroPart, "preferred": kindPreferred, "fundcolumn": kindFundColumn, "unitcolumn": kindUnitColumn, "scopepart": kindScopePart, "budgetterm": kindBudgetTerm, "signoff": kindSignOff, "attached": kindAttached, "footer": kindFooter, "fundscope": kindFundScope,
	"column": kindColumn, "colbasis": kindColBasis, "colveto": kindColVeto, "superheader": kindSuperHeader,
	"flatbasis": kindFlatBasis, "scoretotal": kindScoreTotal, "titleword": kindTitleWord,
	"reportkind": kindReportKind, "unitlabel": kindUnitLabel, "formlabel": kindFormLabel,
	"chrome": kindChrome, "titlelabel": kindTitleLabel, "unitsuffix": kindUnitSuffix,
	"genericunit": kindGenericUnit, "scopeword": kindScopeWord, "namelead": kindNameLead,
	"subjectmarker": kindSubjectMarker, "orgprefix": kindOrgPrefix, "regionwide": kindRegionWide, "titleend": kindTitleEnd, "docbasis": kindDocBasis, "foundinglead": kindFoundingLead,
}

// unitLabelKeys are the keys of kindUnitLabel: what a labelled value names.
var unitLabelKeys = []string{"unit", "implementer", "supervisor", "publisher", "year"}

// columnKeys are the keys of kindColumn: what a column holds instead of figures of a basis.
var columnKeys = []string{"serial", "points", "skip", "rate"}

// entry is what one normalised wording means. A wording may carry several roles
// (实有 is a staff term and a turn marker).
type entry struct {
	roles []role
}

type role struct {
	kind termKind
	key  string // metric ID, basis, or change direction
}

// Lexicon maps normalised wordings to their meaning, and metrics to their unit family.
type Lexicon struct {
	words map[string]*entry
	// phrases holds the wordings of the phrase kinds, by kind and key, in lexicon order;
	// phraseAll those of every key of a kind; phraseKeyList the keys of each kind, sorted.
	phrases       map[termKind]map[string][]string
	phraseAll     map[termKind][]string
	phraseKeyList map[termKind][]string
	// unitLabels and formLabels index the labels of a form by their first character: every
	// unitlabel, and the formlabel and unitlabel wordings of three characters or more.
	unitLabels, formLabels map[rune][]labelWord
	// threePublic lists the wordings of the “三公” metrics.
	threePublic []string
	// superHeader matches a spanning header cell, with an optional unit in brackets.
	superHeader *regexp.Regexp
	// eval holds the wordings of self-evaluation tables (kinds eval…), read by evalLexicon:
	// they name table headers and row labels and are no words of the segmentation dictionary.
	eval []evalLine
}

// metricFamily is the unit family a metric takes its values in.
func metricFamily(metric string) string {
	switch {
	case strings.HasPrefix(metric, "staff."):
		return UnitPerson
	case strings.HasPrefix(metric, "vehicles."):
		return UnitVehicle
	case strings.HasPrefix(metric, "rate."):
		return UnitPercent
	case strings.HasPrefix(metric, "score."):
		return UnitPoint
	default:
		return UnitYuan
	}
}

// Metrics lists every metric ID of the vocabulary, in SPEC order.
var Metrics = []string{
	"income.total", "income.fiscal", "income.fund", "income.other", "income.carryover",
	"expenditure.total", "expenditure.basic", "expenditure.basic.personnel",
	"expenditure.basic.goods_services", "expenditure.basic.household", "expenditure.basic.capital",
	"expenditure.project", "expenditure.project.item",
	"three_public.total", "three_public.abroad", "three_public.reception", "three_public.vehicle",
	"three_public.vehicle.purchase", "three_public.vehicle.operation",
	"staff.authorized", "staff.actual", "staff.in_service", "staff.retired",
	"staff.authorized.item", "staff.actual.item", "staff.in_service.item", "staff.retired.item",
	"vehicles.authorized", "vehicles.actual",
	"rate.budget_execution", "score.self_evaluation",
}

// loadLexicon parses the embedded lexicon and validates it against the vocabulary.
func loadLexicon(text string) (*Lexicon, error) {
	lx := &Lexicon{words: map[string]*entry{}, phrases: map[termKind]map[string][]string{}}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, body, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("lexicon line %d: no ':' in %q", n+1, line)
		}
		hf := strings.Fields(head)
		if len(hf) != 2 {
			return nil, fmt.Errorf("lexicon line %d: want 'KIND KEY :', got %q", n+1, head)
		}
		if strings.HasPrefix(hf[0], "eval") {
			lx.eval = append(lx.eval, evalLine{line: n + 1, kind: hf[0], key: hf[1], words: strings.Fields(body)})
			continue
		}
		kind, ok := kindNames[hf[0]]
		if !ok {
			return nil, fmt.Errorf("lexicon line %d: unknown kind %q", n+1, hf[0])
		}
		key := hf[1]
		switch kind {
		case kindMetric, kindWeak, kindGrand, kindInBasic, kindPart:
			if !slices.Contains(Metrics, key) {
				return nil, fmt.Errorf("lexicon line %d: %q is not a vocabulary metric", n+1, key)
			}
		case kindColumn:
			if !slices.Contains(columnKeys, key) {
				return nil, fmt.Errorf("lexicon line %d: column must be one of %v, got %q", n+1, columnKeys, key)
			}
		case kindUnitLabel:
			if !slices.Contains(unitLabelKeys, key) {
				return nil, fmt.Errorf("lexicon line %d: unitlabel must be one of %v, got %q", n+1, unitLabelKeys, key)
			}
		case kindBasis, kindTurn, kindColBasis, kindColVeto, kindDocBasis:
			if key != string(Actual) && key != string(Budget) && key != string(Prior) {
				return nil, fmt.Errorf("lexicon line %d: unknown basis %q", n+1, key)
			}
		case kindChange:
			if key != "up" && key != "down" {
				return nil, fmt.Errorf("lexicon line %d: change must be up or down, got %q", n+1, key)
			}
		}
		words := strings.Fields(body)
		if len(words) == 0 {
			return nil, fmt.Errorf("lexicon line %d: no wordings", n+1)
		}
		if isPhraseKind(kind) {
			lx.addPhrases(kind, key, words)
			continue
		}
		for _, w := range words {
			nw := normalizeString(w)
			e := lx.words[nw]
			if e == nil {
				e = &entry{}
				lx.words[nw] = e
			}
			e.roles = append(e.roles, role{kind: kind, key: key})
		}
	}
	if err := lx.compilePhrases(); err != nil {
		return nil, err
	}
	for _, w := range lx.Words() {
		for _, r := range lx.words[w].roles {
			if r.kind == kindMetric && strings.HasPrefix(r.key, "three_public.") {
				lx.threePublic = append(lx.threePublic, w)
				break
			}
		}
	}
	for _, m := range Metrics {
		if strings.HasSuffix(m, ".item") {
			continue // items are named by the report, not by the lexicon
		}
		if !lx.hasMetric(m) {
			return nil, fmt.Errorf("lexicon: metric %s has no wording", m)
		}
	}
	return lx, nil
}

// startsWithPhrase reports whether normalised text n starts with a wording of phrase kind k.
func (lx *Lexicon) startsWithPhrase(k termKind, n string) bool {
	n = strings.TrimLeft(n, "•·[]【】|-—*>（(")
	for _, w := range lx.phraseList(k, "") {
		if strings.HasPrefix(n, w) {
			return true
		}
	}
	return false
}

// namesRate reports whether a name is a wording of rate.budget_execution (预算执行率, 预算完成率).
func (lx *Lexicon) namesRate(name string) bool {
	return lx.has(normalizeString(strings.TrimSpace(name)), kindMetric, "rate.budget_execution")
}

func (lx *Lexicon) hasMetric(m string) bool {
	for _, e := range lx.words {
		for _, r := range e.roles {
			if r.key == m {
				return true
			}
		}
	}
	return false
}

// mentionsThreePublic reports whether normalised text holds a wording of a “三公” metric.
func (lx *Lexicon) mentionsThreePublic(n string) bool {
	for _, w := range lx.threePublic {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// lookup returns the roles of a normalised word, or nil.
func (lx *Lexicon) lookup(w string) []role {
	if e := lx.words[w]; e != nil {
		return e.roles
	}
	return nil
}

// has reports whether w has a role of kind k (and key, when key is not empty).
func (lx *Lexicon) has(w string, k termKind, key string) bool {
	for _, r := range lx.lookup(w) {
		if r.kind == k && (key == "" || r.key == key) {
			return true
		}
	}
	return false
}

// Words lists every wording, sorted, for the segmentation dictionary.
func (lx *Lexicon) Words() []string {
	out := make([]string, 0, len(lx.words))
	for w := range lx.words {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

func (lx *Lexicon) addPhrases(kind termKind, key string, words []string) {
	m := lx.phrases[kind]
	if m == nil {
		m = map[string][]string{}
		lx.phrases[kind] = m
	}
	for _, w := range words {
		if kind == kindUnitLabel || kind == kindFormLabel {
			w = lightString(w) // matched on lines as written, brackets and spaces kept
		} else {
			w = normalizeString(w)
		}
		m[key] = append(m[key], w)
	}
}

// lightString narrows and simplifies each rune of s and changes nothing else.
func lightString(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = simplified(narrow(r))
	}
	return string(rs)
}

// compilePhrases builds the patterns made of phrase wordings and checks every phrase kind
// the extractor reads has wordings.
func (lx *Lexicon) compilePhrases() error {
	for name, k := range kindNames {
		if isPhraseKind(k) && len(lx.phrases[k]) == 0 {
			return fmt.Errorf("lexicon: no %s wordings", name)
		}
	}
	lx.phraseAll = map[termKind][]string{}
	lx.phraseKeyList = map[termKind][]string{}
	for k, m := range lx.phrases {
		keys := make([]string, 0, len(m))
		for key := range m {
			keys = append(keys, key)
		}
		slices.Sort(keys)
		lx.phraseKeyList[k] = keys
		for _, key := range keys {
			lx.phraseAll[k] = append(lx.phraseAll[k], m[key]...)
		}
	}
	lx.indexLabels()
	quoted := func(k termKind) string {
		var qs []string
		for _, w := range lx.phraseList(k, "") {
			qs = append(qs, regexp.QuoteMeta(w))
		}
		return strings.Join(qs, "|")
	}
	var err error
	lx.superHeader, err = regexp.Compile(`^(?:` + quoted(kindSuperHeader) + `)(?:[（(].*[)）])?$`)
	if err != nil {
		return fmt.Errorf("lexicon: superheader wordings: %w", err)
	}
	return nil
}

// labelWord is a form's label as runes, with the key of its unitlabel line ("" for a formlabel).
type labelWord struct {
	key string
	rs  []rune
}

// indexLabels builds unitLabels and formLabels.
func (lx *Lexicon) indexLabels() {
	lx.unitLabels, lx.formLabels = map[rune][]labelWord{}, map[rune][]labelWord{}
	for _, k := range []termKind{kindUnitLabel, kindFormLabel} {
		for _, key := range lx.phraseKeyList[k] {
			for _, w := range lx.phrases[k][key] {
				lw := labelWord{rs: []rune(w)}
				if k == kindUnitLabel {
					lw.key = key
					lx.unitLabels[lw.rs[0]] = append(lx.unitLabels[lw.rs[0]], lw)
				}
				if len(lw.rs) >= 3 {
					lx.formLabels[lw.rs[0]] = append(lx.formLabels[lw.rs[0]], lw)
				}
			}
		}
	}
}

// phraseList returns the wordings of a phrase kind with key, or of every key when key is "".
func (lx *Lexicon) phraseList(k termKind, key string) []string {
	if key != "" {
		return lx.phrases[k][key]
	}
	return lx.phraseAll[k]
}

// phraseKeys returns the keys of a phrase kind, sorted.
func (lx *Lexicon) phraseKeys(k termKind) []string { return lx.phraseKeyList[k] }

// contains reports whether normalised text n holds a wording of phrase kind k (and key).
func (lx *Lexicon) contains(k termKind, key, n string) bool {
	for _, w := range lx.phraseList(k, key) {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// endsWithPhrase reports whether normalised text n ends with a wording of phrase kind k.
func (lx *Lexicon) endsWithPhrase(k termKind, n string) bool {
	for _, w := range lx.phraseList(k, "") {
		if strings.HasSuffix(n, w) {
			return true
		}
	}
	return false
}

// isPhrase reports whether normalised text n is exactly a wording of phrase kind k.
func (lx *Lexicon) isPhrase(k termKind, n string) bool {
	return slices.Contains(lx.phraseList(k, ""), n)
}

// firstPhrase returns the byte offset of the earliest wording of kind k in n, or -1.
func (lx *Lexicon) firstPhrase(k termKind, n string) int {
	at := -1
	for _, w := range lx.phraseList(k, "") {
		if i := strings.Index(n, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}
