package analyze

import (
	"cmp"
	"iter"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// figKey identifies what a figure states: the same key stated twice is a restatement.
type figKey struct {
	metric string
	basis  extract.Basis
	item   string
}

// facts is the resolved view of one report's figures.
//
// Which value a rule uses when a metric is stated several times: the first statement in
// document order. When the statements of a metric+basis+item disagree beyond rounding,
// restated.conflict reports it and every other rule treats the metric as not known
// (outcome insufficient, detail "… stated with conflicting values"), never as certain.
//
// The figures are the report's own (figs), or the compact copy a batch keeps of them for
// the rules across reports (slim, see slimFigures); the facts index them by position.
type facts struct {
	figs []extract.Figure // the figures, when the facts were built from them
	slim *slimFigures     // else their compact copy, grouped by key

	start    []int32 // key x's figures are at positions group[start[x]:start[x+1]]
	group    []int32 // figure positions grouped by key, keys in order; nil: 0, 1, 2 … (slim)
	conflict []bool  // conflict[x]: two statements of key x differ beyond their combined rounding
	index    []int32 // keys sorted by figKey (lookup)
	items    itemsByBasis
}

// Keys are numbered in the document order of their first statement; each key's figures
// are in document order.

// keyCount is the number of distinct keys.
func (fx *facts) keyCount() int { return max(len(fx.start)-1, 0) }

// pos is the position of the k-th figure of key x.
func (fx *facts) pos(x, k int) int32 {
	p := fx.start[x] + int32(k)
	if fx.group != nil {
		return fx.group[p]
	}
	return p
}

// fig returns the figure at position p: the report's own, or one made from the compact copy.
func (fx *facts) fig(p int32) *extract.Figure {
	if fx.slim != nil {
		return fx.slim.figure(p)
	}
	return &fx.figs[p]
}

// key is key x.
func (fx *facts) key(x int) figKey {
	p := fx.pos(x, 0)
	if fx.slim != nil {
		return fx.slim.key(p)
	}
	f := &fx.figs[p]
	return figKey{metric: f.Metric, basis: factBasis(f.Basis, f.BasisText), item: f.Item}
}

// keys ranges over the keys in order: x and key x.
func (fx *facts) keys() iter.Seq2[int, figKey] {
	return func(yield func(int, figKey) bool) {
		for x := range fx.keyCount() {
			if !yield(x, fx.key(x)) {
				return
			}
		}
	}
}

// stated returns every figure of key x, in document order.
func (fx *facts) stated(x int) []*extract.Figure {
	n := int(fx.start[x+1] - fx.start[x])
	out := make([]*extract.Figure, n)
	for k := range n {
		out[k] = fx.fig(fx.pos(x, k))
	}
	return out
}

// itemsByBasis lists project item names per basis; a report has few bases, so a slice.
type itemsByBasis []struct {
	basis extract.Basis
	names []string
}

func (ib itemsByBasis) of(basis extract.Basis) []string {
	for _, e := range ib {
		if e.basis == basis {
			return e.names
		}
	}
	return nil
}

func normBasis(b extract.Basis) extract.Basis {
	if b == "" {
		return extract.Actual
	}
	return b
}

// priorBudgetBasis is the basis the rules give last year's budget (上年预算数, 2023年预算数 in
// a 2024 report): extract reads it as a prior-year figure, but it is no statement of what
// was spent last year — not to be compared with last year's outcome, added to it or checked
// against last year's report.
const priorBudgetBasis extract.Basis = "prior_budget"

// factBasis is the basis a figure is indexed under, from its basis and the wording that
// gave it: its own, or priorBudgetBasis.
func factBasis(basis extract.Basis, basisText string) extract.Basis {
	b := normBasis(basis)
	if b == extract.Prior && priorBudget(basisText) {
		return priorBudgetBasis
	}
	return b
}

func compareKeys(a, b figKey) int {
	return cmp.Or(strings.Compare(a.metric, b.metric), strings.Compare(string(a.basis), string(b.basis)), strings.Compare(a.item, b.item))
}

func buildFacts(figs []extract.Figure) *facts {
	fx := &facts{figs: figs}
	at := make(map[figKey]int32, len(figs)) // while building: the number of each key
	keyOf := make([]int32, len(figs))
	var count []int32
	for i := range figs {
		f := &figs[i]
		k := figKey{metric: f.Metric, basis: factBasis(f.Basis, f.BasisText), item: f.Item}
		x, ok := at[k]
		if !ok {
			x = int32(len(count))
			at[k] = x
			count = append(count, 0)
			if f.Metric == "expenditure.project.item" {
				fx.items.add(k.basis, f.Item)
			}
		}
		keyOf[i] = x
		count[x]++
	}
	fx.start = make([]int32, len(count)+1)
	for x, n := range count {
		fx.start[x+1] = fx.start[x] + n
	}
	fx.group = make([]int32, len(figs))
	next := slices.Clone(fx.start[:len(count)])
	for i, x := range keyOf {
		fx.group[next[x]] = int32(i)
		next[x]++
	}
	fx.conflict = make([]bool, len(count))
	for x := range count {
		n := int(count[x])
		for a := 0; a < n && !fx.conflict[x]; a++ {
			f := &figs[fx.pos(x, a)]
			for b := a + 1; b < n; b++ {
				if g := &figs[fx.pos(x, b)]; part(f) == part(g) && !agree(f, g) {
					fx.conflict[x] = true
					break
				}
			}
		}
	}
	fx.sortIndex()
	return fx
}

// sortIndex builds the lookup index of the keys.
func (fx *facts) sortIndex() {
	keys := make([]figKey, fx.keyCount())
	for x := range keys {
		keys[x] = fx.key(x)
	}
	fx.index = make([]int32, len(keys))
	for x := range fx.index {
		fx.index[x] = int32(x)
	}
	slices.SortFunc(fx.index, func(a, b int32) int { return compareKeys(keys[a], keys[b]) })
}

func (ib *itemsByBasis) add(basis extract.Basis, name string) {
	for x := range *ib {
		if (*ib)[x].basis == basis {
			(*ib)[x].names = append((*ib)[x].names, name)
			return
		}
	}
	*ib = append(*ib, struct {
		basis extract.Basis
		names []string
	}{basis, []string{name}})
}

// lookup returns the number of key k, or -1 when no figure states it.
func (fx *facts) lookup(k figKey) int {
	x, ok := slices.BinarySearchFunc(fx.index, k, func(x int32, k figKey) int { return compareKeys(fx.key(int(x)), k) })
	if !ok {
		return -1
	}
	return int(fx.index[x])
}

// part tells apart the named parts of one metric: 事业收入 and 其他收入 are both income.other,
// 离休人员 and 退休人员 both staff.retired (extract marks them with Figure.Part), and a report
// stating both states two parts, not one figure twice. For other metrics every statement is
// of the same thing.
func part(f *extract.Figure) string {
	switch {
	case f.Part != "":
		return "part " + f.Part // 离休人员 and 退休人员; 行政编制 and 事业编制
	case f.Metric == "income.other":
		return f.Term
	case normBasis(f.Basis) == extract.Budget && adjustedBudget(f.BasisText):
		// 年初预算 and 调整预算 (全年预算) are two budgets of one year, not one stated twice.
		return "adjusted"
	}
	return ""
}

// priorBudget reports whether the basis wording of a prior-year figure names last year's
// budget (上年预算数, 2023年预算数) rather than what was spent.
func priorBudget(text string) bool {
	return strings.Contains(text, "预算") && !strings.Contains(text, "决算") && !strings.Contains(text, "执行") && !strings.Contains(text, "实际")
}

// adjustedBudget reports whether a basis wording names the budget as adjusted during the
// year (调整预算, 调整后预算, 全年预算) rather than as first set (年初预算, 预算数).
func adjustedBudget(text string) bool {
	return strings.Contains(text, "调整") || strings.Contains(text, "全年预算") || strings.Contains(text, "变动后") || strings.Contains(text, "追加")
}

// agree reports whether two statements of the same key are consistent within rounding.
func agree(a, b *extract.Figure) bool {
	return a.Value.Sub(b.Value).Abs().LessThanOrEqual(halfUnit(a).Add(halfUnit(b)))
}

// state of a metric in a report.
type state int

const (
	absent state = iota
	known
	conflicting
)

// amount is a resolved value with the rounding it carries and the figures it rests on.
type amount struct {
	v    decimal.Decimal
	tol  decimal.Decimal
	figs []*extract.Figure
}

func (fx *facts) get(metric string, basis extract.Basis, item string) (amount, state) {
	x := fx.lookup(figKey{metric, basis, item})
	if x < 0 {
		return amount{}, absent
	}
	if fx.conflict[x] {
		return amount{figs: fx.stated(x)}, conflicting
	}
	if metric == "income.other" {
		return partsTotal(fx.stated(x)), known
	}
	if st := fx.stated(x); st[0].Part != "" || hasPart(st) {
		return wholeOrParts(st), known
	}
	// Of two budgets (年初 and 调整), the one stated first: each sum check then compares
	// figures of one statement.
	f := fx.fig(fx.pos(x, 0))
	return amount{v: f.Value, tol: halfUnit(f), figs: []*extract.Figure{f}}, known
}

// partsTotal adds up the parts of a metric: the first statement of each part (only
// income.other has several: 事业收入, 其他收入 …). The same amount under two names is one
// part written twice (a table's 其他收入 restating the text's 事业收入), and an amount that
// equals the others added up is their total, not one more part.
func partsTotal(figs []*extract.Figure) amount {
	var parts []*extract.Figure
	seen := map[string]bool{}
	for _, f := range figs {
		if seen[part(f)] {
			continue
		}
		seen[part(f)] = true
		dup := false
		for _, p := range parts {
			if agree(p, f) {
				dup = true
				break
			}
		}
		if !dup {
			parts = append(parts, f)
		}
	}
	one := func(f *extract.Figure) amount {
		return amount{v: f.Value, tol: halfUnit(f), figs: []*extract.Figure{f}}
	}
	if len(parts) > 2 {
		for k, p := range parts {
			var rest amount
			for j, q := range parts {
				if j != k {
					rest = sumAmounts(rest, one(q))
				}
			}
			if p.Value.Sub(rest.v).Abs().LessThanOrEqual(rest.tol.Add(halfUnit(p))) {
				return one(p)
			}
		}
	}
	var a amount
	for _, p := range parts {
		a = sumAmounts(a, one(p))
	}
	return a
}

// has reports whether the metric is stated at all under the basis (any item).
func (fx *facts) has(metric string, basis extract.Basis) bool {
	for _, k := range fx.keys() {
		if k.metric == metric && k.basis == basis {
			return true
		}
	}
	return false
}

func sumAmounts(as ...amount) amount {
	var s amount
	for _, a := range as {
		s.v = s.v.Add(a.v)
		s.tol = s.tol.Add(a.tol)
		s.figs = append(s.figs, a.figs...)
	}
	return s
}

// unitScale is the number of yuan one unit as written stands for.
func unitScale(unitText string) (decimal.Decimal, bool) {
	switch strings.TrimSpace(unitText) {
	case "元":
		return decimal.NewFromInt(1), true
	case "千元":
		return decimal.NewFromInt(1000), true
	case "万元", "万":
		return decimal.NewFromInt(10000), true
	case "百万元":
		return decimal.NewFromInt(1000000), true
	case "亿元", "亿":
		return decimal.NewFromInt(100000000), true
	}
	return decimal.Decimal{}, false
}

// halfUnit is the rounding a figure carries: half a unit of its last printed decimal, in the
// figure's normalised unit. 万元 with 2 decimals → 50 元, 万元 with 1 decimal → 500 元, integer
// 万元 → 5000 元, 元 with 2 decimals → 0.005 元. Money written without a known unit is assumed
// to be 万元 (the common unit of these reports, and the larger, more forgiving tolerance).
// Counts (persons, vehicles) are exact: 0. Percentages and points: half a unit of the last
// printed decimal. An explicit zero is exact.
func halfUnit(f *extract.Figure) decimal.Decimal {
	if f.Value.IsZero() {
		return decimal.Zero // an explicit zero (0万元) means nothing, not something rounded away
	}
	d := f.Decimals
	if d < 0 {
		d = 0
	}
	half := decimal.New(5, int32(-(d + 1))) // 0.5 × 10^-d
	switch f.Unit {
	case extract.UnitPerson, extract.UnitVehicle:
		return decimal.Zero
	case extract.UnitPercent, extract.UnitPoint:
		return half
	}
	scale, ok := unitScale(f.UnitText)
	if !ok {
		scale = decimal.NewFromInt(10000)
	}
	return half.Mul(scale)
}

var tenThousand = decimal.NewFromInt(10000)

// wan formats yuan as 万元 with two decimals: 219.37万元.
func wan(v decimal.Decimal) string {
	return v.Div(tenThousand).StringFixed(2) + "万元"
}

// fmtValue formats a value of a metric for a message: money in 万元, counts as integers.
func fmtValue(metric string, v decimal.Decimal) string {
	switch lexicon.metricKind[metric] {
	case "count":
		unit := "人"
		if strings.HasPrefix(metric, "vehicles.") {
			unit = "辆"
		}
		return v.String() + unit
	case "percent":
		return v.String() + "%"
	case "point":
		return v.String() + "分"
	}
	return wan(v)
}

// basisPrefix names the basis in a message: nothing for actual figures.
func basisPrefix(b extract.Basis) string {
	switch b {
	case extract.Budget:
		return "预算数中，"
	case extract.Prior:
		return "上年数中，"
	case priorBudgetBasis:
		return "上年预算数中，"
	}
	return ""
}

// evidence joins the raw text of the figures (deduplicated, each trimmed to ~300 runes).
func evidence(figs []*extract.Figure, extra ...string) string {
	var raws []string
	for _, f := range figs {
		if f != nil {
			raws = append(raws, f.Raw)
		}
	}
	raws = append(raws, extra...)
	return joinEvidence(raws)
}

func joinEvidence(raws []string) string {
	seen := map[string]bool{}
	var out []string
	for _, r := range raws {
		r = trimRunes(strings.TrimSpace(r), evidenceRunes)
		if r == "" || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, r)
	}
	return strings.Join(out, " / ")
}

// evidenceRunes is the most characters of one text a finding's evidence shows.
const evidenceRunes = 300

func trimRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func decPtr(d decimal.Decimal) *decimal.Decimal { return &d }

func sortedUnique(ss []string) []string {
	m := map[string]bool{}
	var out []string
	for _, s := range ss {
		if s != "" && !m[s] {
			m[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// hasPart reports whether any of the figures is a part of its metric.
func hasPart(figs []*extract.Figure) bool {
	for _, f := range figs {
		if f.Part != "" {
			return true
		}
	}
	return false
}

// wholeOrParts resolves a metric stated in parts (离休人员291人，退休人员10724人; 行政编制115人，
// 事业编制31人): its first statement of the whole when there is one, else its parts added up,
// the first statement of each.
func wholeOrParts(figs []*extract.Figure) amount {
	for _, f := range figs {
		if f.Part == "" {
			return amount{v: f.Value, tol: halfUnit(f), figs: []*extract.Figure{f}}
		}
	}
	var sum amount
	seen := map[string]bool{}
	for _, f := range figs {
		if seen[f.Part] {
			continue
		}
		seen[f.Part] = true
		sum = sumAmounts(sum, amount{v: f.Value, tol: halfUnit(f), figs: []*extract.Figure{f}})
	}
	return sum
}
