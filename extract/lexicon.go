package extract

import (
	_ "embed"
	"fmt"
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
)

var kindNames = map[string]termKind{
	"metric": kindMetric, "weak": kindWeak, "grand": kindGrand,
	"inbasic": kindInBasic, "shield": kindShield, "basis": kindBasis, "turn": kindTurn,
	"change": kindChange, "compare": kindCompare, "share": kindShare,
	"breakdown": kindBreakdown, "transfer": kindTransfer, "carryover": kindCarryover,
	"glue": kindGlue, "lead": kindLead,
}

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
	"vehicles.authorized", "vehicles.actual",
	"rate.budget_execution", "score.self_evaluation",
}

// loadLexicon parses the embedded lexicon and validates it against the vocabulary.
func loadLexicon(text string) (*Lexicon, error) {
	lx := &Lexicon{words: map[string]*entry{}}
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
		case kindMetric, kindWeak, kindGrand, kindInBasic:
			if !slices.Contains(Metrics, key) {
				return nil, fmt.Errorf("lexicon line %d: %q is not a vocabulary metric", n+1, key)
			}
		case kindBasis, kindTurn:
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
