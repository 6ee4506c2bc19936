package analyze

import (
	"slices"
	"strings"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// slimFigures is the compact copy of a report's figures that a batch keeps for the rules
// across reports: a fixed-size record per figure, its texts in one string, its value as a
// 64-bit coefficient and exponent. A figure as extract returns it takes some 240 bytes
// before its texts (eleven strings, a decimal and its big.Int); its record here 88, and
// a batch of 10,000 reports holds over 300,000 of them.
type slimFigures struct {
	text  string // every distinct text of the figures, one after the other
	figs  []slimFigure
	large map[int32]decimal.Decimal // values whose coefficient needs more than 64 bits, by position
	made  []*extract.Figure         // every figure, made at once (materialise), or nil
}

// span is a text of a slimFigures: text[off : off+n].
type span struct{ off, n uint32 }

// slimFigure is what the rules read of a figure (not its location or method).
type slimFigure struct {
	metric, basis, item, term, unit, unitText, raw, basisText, part span
	coef                                                            int64
	exp, year, decimals                                             int32
}

func (s *slimFigures) str(sp span) string { return s.text[sp.off : sp.off+sp.n] }

// key is the key of the figure at p.
func (s *slimFigures) key(p int32) figKey {
	g := &s.figs[p]
	return figKey{metric: s.str(g.metric), basis: factBasis(extract.Basis(s.str(g.basis)), s.str(g.basisText)), item: s.str(g.item)}
}

// figure returns the figure at p, its texts sharing the copy's: made at once by
// materialise, or built now.
func (s *slimFigures) figure(p int32) *extract.Figure {
	if s.made != nil {
		return s.made[p]
	}
	f := s.build(p)
	return &f
}

// build makes the figure at p.
func (s *slimFigures) build(p int32) extract.Figure {
	g := &s.figs[p]
	v, ok := s.large[p]
	if !ok {
		v = decimal.New(g.coef, g.exp)
	}
	return extract.Figure{
		Metric: s.str(g.metric), Basis: extract.Basis(s.str(g.basis)), Item: s.str(g.item), Term: s.str(g.term),
		Value: v, Unit: s.str(g.unit), UnitText: s.str(g.unitText), Raw: s.str(g.raw), BasisText: s.str(g.basisText), Part: s.str(g.part),
		Year: int(g.year), Decimals: int(g.decimals),
	}
}

// materialise makes every figure of the copy at once, for a copy read back from the spill
// to judge its region: the verdicts, which look a figure up many times (their own report's
// and their peers'), then share one instead of making one at each lookup — 390 MB of the
// allocation of a 10,297-report run, paid for in marking where the heap is near the
// limit. It must be called before any goroutine reads the copy.
func (s *slimFigures) materialise() {
	fs := make([]extract.Figure, len(s.figs))
	s.made = make([]*extract.Figure, len(s.figs))
	for p := range fs {
		fs[p] = s.build(int32(p))
		s.made[p] = &fs[p]
	}
}

// slimFacts makes the compact copy of the figures fx keeps: of each key (in fx's order)
// every statement when conflicting or the key is income.other (whose parts are summed),
// else the first — all that get and the other methods of facts read. The copy's facts
// answer as fx does.
func slimFacts(fx *facts) *facts {
	var picks []*extract.Figure
	s := &facts{start: make([]int32, 1, fx.keyCount()+1), conflict: make([]bool, fx.keyCount()), index: slices.Clone(fx.index)}
	for x, k := range fx.keys() {
		n := 1
		if fx.conflict[x] || k.metric == "income.other" {
			n = int(fx.start[x+1] - fx.start[x])
		}
		for j := range n {
			picks = append(picks, fx.fig(fx.pos(x, j)))
		}
		s.start = append(s.start, int32(len(picks)))
		s.conflict[x] = fx.conflict[x]
	}
	// The texts, each distinct one once.
	at := map[string]span{}
	var b strings.Builder
	var texts []string
	size := 0
	for _, f := range picks {
		for _, t := range [...]string{f.Metric, string(f.Basis), f.Item, f.Term, f.Unit, f.UnitText, f.Raw, f.BasisText, f.Part} {
			if _, ok := at[t]; !ok {
				at[t] = span{uint32(size), uint32(len(t))}
				texts = append(texts, t)
				size += len(t)
			}
		}
	}
	b.Grow(size)
	for _, t := range texts {
		b.WriteString(t)
	}
	sf := &slimFigures{text: b.String(), figs: make([]slimFigure, len(picks))}
	for p, f := range picks {
		g := &sf.figs[p]
		g.metric, g.basis, g.item, g.term = at[f.Metric], at[string(f.Basis)], at[f.Item], at[f.Term]
		g.unit, g.unitText, g.raw, g.basisText, g.part = at[f.Unit], at[f.UnitText], at[f.Raw], at[f.BasisText], at[f.Part]
		g.year, g.decimals = int32(f.Year), int32(f.Decimals)
		if c := f.Value.Coefficient(); c.IsInt64() {
			g.coef, g.exp = c.Int64(), f.Value.Exponent()
		} else {
			if sf.large == nil {
				sf.large = map[int32]decimal.Decimal{}
			}
			sf.large[int32(p)] = f.Value
		}
	}
	s.slim = sf
	// The names of the project items are copied, all into one string (one object for the
	// collector to mark, not one a name): they stay when the texts go into a Spill.
	var names strings.Builder
	for x, k := range s.keys() {
		if k.metric == "expenditure.project.item" {
			names.WriteString(sf.str(sf.figs[s.start[x]].item))
		}
	}
	all, from := names.String(), 0
	for x, k := range s.keys() {
		if k.metric == "expenditure.project.item" {
			n := len(sf.str(sf.figs[s.start[x]].item))
			s.items.add(ownBasis(k.basis), all[from:from+n])
			from += n
		}
	}
	return s
}

// ownBasis is b as a string of its own: one of the constants, or a copy.
func ownBasis(b extract.Basis) extract.Basis {
	for _, c := range [...]extract.Basis{extract.Actual, extract.Budget, extract.Prior} {
		if b == c {
			return c
		}
	}
	return extract.Basis(strings.Clone(string(b)))
}
