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

	// Phrase kinds: wordings read inside longer texts (a table header, a title, a label),
	// never words of the segmentation dictionary.
	kindColumn      // a column header word: what the column holds (serial, points, skip, rate)
	kindColBasis    // a column header word that gives the basis of the column's values
	kindColVeto     // a column header word that rules out a basis (预算执行数 is no budget)
	kindSuperHeader // a header cell spanning the basis cells under it (金额, 资金情况)
	kindFlatBasis   // a header cell that sits under a spanning cell (预算数, 决算数)
	kindScoreTotal  // the label of an indicator table's total row (合计, 总分)
	kindTitleWord   // a word that makes a line a report's title (报告, 说明)
	kindReportKind  // where a title stops naming the unit and starts naming the report
	kindUnitLabel   // a label whose value is the reporting unit (单位名称：…)
)

// isPhraseKind reports whether wordings of kind k are phrases rather than dictionary words.
func isPhraseKind(k termKind) bool { return k >= kindColumn }

var kindNames = map[string]termKind{
	"metric": kindMetric, "weak": kindWeak, "grand": kindGrand,
	"inbasic": kindInBasic, "shield": kindShield, "basis": kindBasis, "turn": kindTurn,
	"change": kindChange, "compare": kindCompare, "share": kindShare,
	"breakdown": kindBreakdown, "transfer": kindTransfer, "carryover": kindCarryover,
	"glue": kindGlue, "lead": kindLead,
	"column": kindColumn, "colbasis": kindColBasis, "colveto": kindColVeto, "superheader": kindSuperHeader,
	"flatbasis": kindFlatBasis, "scoretotal": kindScoreTotal, "titleword": kindTitleWord,
	"reportkind": kindReportKind, "unitlabel": kindUnitLabel,
}

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
	// phraseAll those of every key of a kind.
	phrases   map[termKind]map[string][]string
	phraseAll map[termKind][]string
	// unitLine matches a line that names the reporting unit (单位名称：XX局), built from the
	// unitlabel wordings.
	unitLine *regexp.Regexp
	// superHeader matches a spanning header cell, with an optional unit in brackets.
	superHeader *regexp.Regexp
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
		kind, ok := kindNames[hf[0]]
		if !ok {
			return nil, fmt.Errorf("lexicon line %d: unknown kind %q", n+1, hf[0])
		}
		key := hf[1]
		switch kind {
		case kindMetric, kindWeak, kindGrand, kindInBasic:
			if !slices.Contains(Metrics, key) {
				return nil, fmt.Errorf("lexicon line %d: %q is not a vocabulary metric", n+1, key)
			}
		case kindColumn:
			if !slices.Contains(columnKeys, key) {
				return nil, fmt.Errorf("lexicon line %d: column must be one of %v, got %q", n+1, columnKeys, key)
			}
		case kindBasis, kindTurn, kindColBasis, kindColVeto:
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
	for _, m := range Metrics {
		if m == "expenditure.project.item" {
			continue
		}
		if !lx.hasMetric(m) {
			return nil, fmt.Errorf("lexicon: metric %s has no wording", m)
		}
	}
	return lx, nil
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
		m[key] = append(m[key], normalizeString(w))
	}
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
	for k, m := range lx.phrases {
		keys := make([]string, 0, len(m))
		for key := range m {
			keys = append(keys, key)
		}
		slices.Sort(keys)
		for _, key := range keys {
			lx.phraseAll[k] = append(lx.phraseAll[k], m[key]...)
		}
	}
	quoted := func(k termKind) string {
		var qs []string
		for _, w := range lx.phraseList(k, "") {
			qs = append(qs, regexp.QuoteMeta(w))
		}
		return strings.Join(qs, "|")
	}
	var err error
	lx.unitLine, err = regexp.Compile(`^(?:` + quoted(kindUnitLabel) + `)(?:（盖章）|\(盖章\)|（公章）)?[:：]\s*(.+)$`)
	if err != nil {
		return fmt.Errorf("lexicon: unitlabel wordings: %w", err)
	}
	lx.superHeader, err = regexp.Compile(`^(?:` + quoted(kindSuperHeader) + `)(?:[（(].*[)）])?$`)
	if err != nil {
		return fmt.Errorf("lexicon: superheader wordings: %w", err)
	}
	return nil
}

// phraseList returns the wordings of a phrase kind with key, or of every key when key is "".
func (lx *Lexicon) phraseList(k termKind, key string) []string {
	if key != "" {
		return lx.phrases[k][key]
	}
	return lx.phraseAll[k]
}

// contains reports whether normalised text n holds a wording of phrase kind k (and key).
func (lx *Lexicon) contains(k termKind, key, n string) bool {
	for _, w := range lx.phraseList(k, key) {
		if strings.Contains(n, w) {
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
