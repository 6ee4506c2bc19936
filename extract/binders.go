package extract

import (
	"strings"

	"github.com/shopspring/decimal"
)

// How one sentence is bound, quantity by quantity:
//
//  1. Words without a number only open or close context: a breakdown (其中) gives its parts
//     the basis of the total before it, 项目支出中 opens the project's items, 结转 is a claim.
//  2. For each quantity, the term it belongs to is the nearest word of its unit family before
//     it in its clause (findTerm).
//  3. The claim binders come first: money passed on (转拨) is noted, and a change (增加/减少)
//     or a share (占…的x%) is a claim, never a figure.
//  4. Then the figure binders, in order; the first whose shape the quantity has decides
//     (figureBinders). Each owns one way departments write a figure.

// sentenceCtx is what the binders of one sentence share.
type sentenceCtx struct {
	w   *walker
	lp  logicalPara
	s   sentence
	raw string
	// bound lists the figures bound so far in the sentence, for clauses that refer back.
	bound []boundFig
	// partsBasis and parents are the basis and metrics of the figures whose breakdowns (其中…)
	// are open, for their parts.
	partsBasis Basis
	parents    []int // a stack of w.figs indices: a breakdown word opens one, a semicolon closes the innermost
	// projectOpen is set once a project figure is bound: a breakdown word opens its items.
	projectOpen bool
	// paired holds the figures of amounts listed after 分别 / 均为, by span index.
	paired map[int][]Figure
	// free is the last amount of money outside brackets that no claim took, bound or not: a
	// change stated after it is of that amount when no figure came before.
	free *freeAmount
	// changeAt is the span of the last stated change, or -1.
	changeAt int
}

// freeAmount is an amount of money as written, with its clause and span.
type freeAmount struct {
	fig          Figure // Value, UnitText, Decimals only
	clause, span int
}

// noteFree records the quantity as the sentence's last free amount when it may be what a
// change after it is of: money outside brackets, and no reference it is compared with (较
// 2016年决算4.08万元, 上年为…) — fig is what it was bound to, or nil.
func (sc *sentenceCtx) noteFree(qa *quantityAt, fig *Figure) {
	if qa.q.family != UnitYuan || sc.s.spans[qa.i].depth > 0 || qa.aside || fig != nil && fig.Basis == Prior {
		return
	}
	for _, j := range qa.gap {
		if sc.s.spans[j].hasKind(kindCompare) {
			return
		}
	}
	sc.free = &freeAmount{fig: Figure{Value: qa.q.value, UnitText: qa.q.unitText, Decimals: qa.q.decimals}, clause: qa.clause, span: qa.i}
}

// quantityAt is one quantity of the sentence with the term search's result.
type quantityAt struct {
	i       int // span index
	q       *quantity
	clause  int
	termIdx int  // span of the term the quantity belongs to, or -1
	blocked bool // a shield word (聘用人员, 专项资金) stands between
	gap     []int
	loc     string
	year    int    // the year the value is stated for, 0 when the text does not say
	part    string // the part of its metric the term names (离休人员, 行政 of 行政在职人数)
	aside   bool   // the figure is what another is compared with (比年初预算的2621万元)
	// metric, when set, is the metric the term stands for here instead of its own: a bare
	// 支出 under a “三公” heading, 本年收入 in a sentence about 财政拨款.
	metric string
}

// verdict is a figure binder's answer.
type verdict int

const (
	notMine verdict = iota // the quantity does not have the binder's shape: ask the next one
	made                   // the binder made the figure
	dropped                // the shape is the binder's, and it makes no figure of it
)

// figureBinder makes a figure of a quantity written in one shape.
type figureBinder struct {
	name string
	bind func(sc *sentenceCtx, qa *quantityAt) (Figure, verdict)
}

// figureBinders are tried in order for every quantity that is no claim.
var figureBinders = []figureBinder{
	{"term", bindTerm},
	{"turn", bindTurn},
	{"compared-reference", bindComparedReference},
	{"restated-basis", bindRestatedBasis},
	{"prior-year-clause", bindPriorYearClause},
	{"budget-beside-rate", bindBudgetBesideRate},
	{"project-item", bindProjectItem},
	{"pending-term", bindPendingTerm},
}

// sentence binds the quantities of one sentence to metrics.
func (w *walker) sentence(lp logicalPara, s sentence) {
	sc := &sentenceCtx{w: w, lp: lp, s: s, raw: strings.TrimSpace(lp.nt.rawSpan(s.off, s.off+len(s.rs))), changeAt: -1}
	if f := sc.fundScope(); f != "" {
		w.paraFund = f
	}
	sc.paired = w.respectively(lp, s, sc.raw)
	var gap []int // reused for each quantity
	for i := range s.spans {
		if fs, ok := sc.paired[i]; ok {
			for _, f := range fs {
				sc.add(f, i)
			}
			continue
		}
		sp := s.spans[i]
		if sp.q == nil {
			sc.word(i)
			continue
		}
		if sp.q.family == "" {
			continue
		}
		qa := sc.findTerm(i, gap[:0])
		gap = qa.gap
		if sc.claim(qa) {
			continue
		}
		if !sc.mayBind(qa) {
			sc.noteFree(qa, nil)
			continue
		}
		fig, ok := sc.bindFigure(qa)
		if !ok {
			sc.noteFree(qa, nil)
			continue
		}
		sc.noteFree(qa, &fig)
		if sc.unitAcrossLines(qa) {
			sc.finish(&fig, qa)
			// no figure, but what follows may still refer to it (…252.5⏎元，较上年231.5万元)
			sc.bound = append(sc.bound, boundFig{fig: fig, clause: qa.clause, span: qa.i, idx: -1})
			continue
		}
		sc.finish(&fig, qa)
		sc.record(fig, qa)
	}
	for _, b := range sc.bound {
		if b.fig.Unit == UnitYuan {
			w.prevSubject, w.prevSubjectPos = b.fig.Metric, b.idx+1
			return
		}
	}
}

// add records a figure bound at span i.
func (sc *sentenceCtx) add(f Figure, i int) { sc.addAside(f, i, false) }

// addAside records a figure bound at span i, aside when it is only compared with.
func (sc *sentenceCtx) addAside(f Figure, i int, aside bool) {
	sc.w.figs = append(sc.w.figs, f)
	sc.bound = append(sc.bound, boundFig{fig: f, clause: sc.s.spans[i].clause, span: i, idx: len(sc.w.figs) - 1, aside: aside})
}

// word handles a span without a number: the context it opens for the quantities after it.
func (sc *sentenceCtx) word(i int) {
	s, w := sc.s, sc.w
	sp := s.spans[i]
	if sp.hasKind(kindBreakdown) {
		// The parts of a budget total are budget figures: 预算收入合计X，其中：财政拨款收入Y.
		// The total is the last money figure outside brackets that is not a prior-year
		// aside: 支出250.56万元（年初预算262.59万元），其中… breaks down the actual.
		for k := len(sc.bound) - 1; k >= 0; k-- {
			b := sc.bound[k]
			if b.fig.Unit == UnitYuan && s.spans[b.span].depth == 0 && b.fig.Basis != Prior && !b.aside {
				sc.partsBasis = b.fig.Basis
				break
			}
		}
		if n := len(sc.bound); n > 0 {
			sc.parents = append(sc.parents, sc.bound[n-1].idx)
		} else if w.prevSubjectPos > 0 {
			// 项目支出120.10万元。其中：…: the breakdown of the sentence before
			sc.parents = append(sc.parents, w.prevSubjectPos-1)
		}
	}
	if (sp.text == "；" || sp.text == ";") && len(sc.parents) > 0 {
		// 其中在职人员48人，包括行政人员22人…；退休人员15人: the inner breakdown ends here
		sc.parents = sc.parents[:len(sc.parents)-1]
	}
	if sp.text == "中" && i > 0 && w.itemParent == nil && s.spans[i-1].roleKey(kindMetric) == "expenditure.project" &&
		i+1 < len(s.spans) && (s.spans[i+1].text == "，" || s.spans[i+1].text == "," || s.spans[i+1].text == "：") {
		// 项目支出中，A 50万元，B 10万元: the items of project spending follow.
		w.itemParent = &Figure{Metric: "expenditure.project", Basis: w.docBasis}
	}
	if sp.hasKind(kindBreakdown) && sc.projectOpen && w.itemParent == nil {
		// The items belong to the sentence's subject, the first project figure
		// (2021年项目支出X元，比上年的Y增加Z，其中：…), not to a prior-year aside.
		for _, b := range sc.bound {
			if b.fig.Metric == "expenditure.project" {
				f := b.fig
				w.itemParent = &f
				break
			}
		}
	}
	if sp.hasKind(kindCarryover) {
		w.addClaim(Claim{Kind: ClaimCarryover, Raw: sc.raw, Location: sc.lp.locationAt(s.off + sp.start)})
	}
}

// findTerm finds the term the quantity at span i belongs to: the nearest word of its
// family before it in the clause, not hidden in a closed bracket, with no other quantity
// between. The words passed over are the gap.
func (sc *sentenceCtx) findTerm(i int, gap []int) *quantityAt {
	s := sc.s
	sp := s.spans[i]
	q := sp.q
	c := sp.clause
	qa := &quantityAt{i: i, q: q, clause: c, termIdx: -1, loc: sc.lp.locationAt(s.off + q.start), year: clauseYear(s, i, c)}
	for j := i - 1; j >= 0 && s.spans[j].clause == c; j-- {
		sj := s.spans[j]
		if sj.q != nil {
			break
		}
		if sj.depth > sp.depth {
			continue
		}
		if r, ok := sj.metricRole(q.family); ok {
			if isSourceQualifier(s.spans, j) || sourceAfterTerm(s.spans, j, c) {
				// 三公经费财政拨款支出决算为…: the funding source qualifies the spending.
				gap = append(gap, j)
				continue
			}
			if r.kind == kindWeak && !weakTermOK(s.spans, j, c, gap) {
				gap = append(gap, j)
				continue
			}
			// “三公”经费 + 支出合计: a generic total right after another term of the same
			// family totals that term, not the department's spending.
			if j > 0 && s.spans[j-1].clause == c && (r.key == "expenditure.total" || r.key == "income.total") {
				if r2, ok := s.spans[j-1].metricRole(q.family); ok && r2.key != r.key && r2.kind == kindMetric {
					if r.key == "expenditure.total" && strings.HasPrefix(r2.key, "income.") {
						// 一般公共预算财政拨款支出总计: one fund's spending, no metric of the vocabulary
						qa.blocked = true
						break
					}
					j--
				}
			}
			qa.termIdx = j
			if j > 0 && s.spans[j-1].clause == c && strings.HasSuffix(s.spans[j-1].text, "非") {
				qa.termIdx, qa.blocked = -1, true // 非在编职工 is no in-service count
			}
			break
		}
		if sj.hasKind(kindShield) {
			qa.blocked = true
			break
		}
		gap = append(gap, j)
	}
	qa.gap = gap
	if qa.termIdx >= 0 && q.family == UnitPerson {
		qa.termIdx, qa.part = sc.staffCompound(qa.termIdx)
	}
	if qa.termIdx >= 0 && q.family == UnitYuan {
		sc.scopeTerm(qa)
	}
	return qa
}

// scopeTerm reads a total's term in the scope its sentence or section sets: in a sentence
// about one fund (一般公共预算财政拨款本年收入979.53万元…；本年支出869.0万元) this year's
// income is that fund's and its spending no figure of the vocabulary; under a “三公” heading
// (1.因公出国（境）支出) a bare total is that heading's.
func (sc *sentenceCtx) scopeTerm(qa *quantityAt) {
	r, _ := sc.s.spans[qa.termIdx].metricRole(UnitYuan)
	if r.key != "income.total" && r.key != "expenditure.total" {
		return
	}
	src := sc.fundScope()
	if src == "" && sc.firstTerm() == qa.termIdx {
		src = sc.w.paraFund // the sentence goes on about the fund the paragraph opened with
	}
	if src != "" {
		if r.key == "income.total" {
			qa.metric = src
		} else {
			qa.termIdx, qa.blocked = -1, true
		}
		return
	}
	if r.key == "expenditure.total" && sc.w.headMetric != "" {
		qa.metric = sc.w.headMetric
	}
}

// firstTerm returns the index of the sentence's first metric term, or -1.
func (sc *sentenceCtx) firstTerm() int {
	for j, sp := range sc.s.spans {
		if sp.isTerm() {
			return j
		}
	}
	return -1
}

// fundScope returns the income metric of the fund a sentence is about (income.fiscal,
// income.fund) when it opens with the fund's term right before a total's (财政拨款本年收入,
// 政府性基金预算财政拨款本年收入), else "".
func (sc *sentenceCtx) fundScope() string {
	s := sc.s
	for j, sp := range s.spans {
		if !sp.isTerm() {
			continue
		}
		r, ok := sp.metricRole(UnitYuan)
		if !ok || (r.key != "income.fiscal" && r.key != "income.fund") || j+1 >= len(s.spans) {
			return ""
		}
		next, ok := s.spans[j+1].metricRole(UnitYuan)
		if ok && (next.key == "income.total" || next.key == "expenditure.total") {
			return r.key
		}
		return ""
	}
	return ""
}

// staffCompound reads a head count's term together with the words before it: of staff terms
// written together, the first governs (核定编制在职人员 is authorized, 在职全额编制 in service),
// except a word that only says the count is actual (实有在职人员 is in service) or a part's
// term standing before another term (行政编制财政供养人员 is a part of 财政供养人员); a
// qualifier before the governing term (行政 在职人数, 事业单位 在职人数) makes the count a part.
func (sc *sentenceCtx) staffCompound(j int) (int, string) {
	s := sc.s
	c := s.spans[j].clause
	for k := j - 1; k >= 0 && s.spans[k].clause == c && s.spans[k].q == nil; k-- {
		if q, ok := sc.qualifierBefore(k + 1); ok {
			k = q + 1 // pass over the qualifier's words
			continue
		}
		sk := s.spans[k]
		r, ok := sk.metricRole(UnitPerson)
		if !ok || sk.hasKind(kindTurn) || r.kind == kindPart {
			break
		}
		j = k
	}
	if r, _ := s.spans[j].metricRole(UnitPerson); r.kind == kindPart {
		return j, s.spans[j].text
	}
	if q, ok := sc.qualifierBefore(j); ok {
		return j, sc.spansText(q+1, j)
	}
	if j > 0 && s.spans[j-1].clause == c {
		if r, ok := s.spans[j-1].metricRole(UnitPerson); ok && r.kind == kindPart {
			return j, s.spans[j-1].text
		}
	}
	return j, ""
}

// partName is the name a part's term has in its clause: its words back to the clause's
// start, a breakdown word or punctuation (其中：全部补助事业编制人数20 → 全部补助事业编制人数).
func (sc *sentenceCtx) partName(j int) string {
	s := sc.s
	k := j
	for k > 0 && s.spans[k-1].clause == s.spans[j].clause && s.spans[k-1].q == nil &&
		hanCount(s.spans[k-1].text) > 0 && !s.spans[k-1].hasKind(kindBreakdown) {
		k--
	}
	return sc.spansText(k, j+1)
}

// spansText joins the words of spans [a, b).
func (sc *sentenceCtx) spansText(a, b int) string {
	var t strings.Builder
	for k := a; k < b; k++ {
		t.WriteString(sc.s.spans[k].text)
	}
	return t.String()
}

// scopePart returns the narrower scope a word before the term sets in its clause (区直财政拨款
// 资金安排“三公”经费 is the district's own units', a part of the district's), or "".
func (sc *sentenceCtx) scopePart(qa *quantityAt) string {
	s := sc.s
	start := qa.termIdx
	for start > 0 && s.spans[start-1].clause == qa.clause {
		start--
	}
	before := []rune(sc.spansText(start, qa.termIdx))
	for _, w := range sc.w.e.lex.phraseList(kindScopePart, "") {
		wr := []rune(w)
		for i := 0; i+len(wr) <= len(before); i++ {
			if string(before[i:i+len(wr)]) != w {
				continue
			}
			// the scope opens the clause or follows its year (2022年区直…), not inside a
			// unit's name (宣城市直工委)
			if i == 0 || !isHan(before[i-1]) || before[i-1] == '年' || before[i-1] == '度' {
				return w
			}
		}
	}
	return ""
}

// qualifierBefore reports whether the words right before span j in its clause end with a
// qualifier (事业单位 before 在职人数, cut by the segmenter into 事业 / 单位), and returns the
// index of the span before the qualifier's first word.
func (sc *sentenceCtx) qualifierBefore(j int) (int, bool) {
	s, lx := sc.s, sc.w.e.lex
	if j == 0 {
		return 0, false
	}
	c := s.spans[j].clause
	text := ""
	for k := j - 1; k >= 0 && k >= j-6 && s.spans[k].clause == c && s.spans[k].q == nil; k-- {
		if s.spans[k].isTerm() && k == j-1 && !lx.isPhrase(kindQualifier, s.spans[k].text) {
			return 0, false
		}
		text = s.spans[k].text + text
		if lx.isPhrase(kindQualifier, text) {
			return k - 1, true
		}
	}
	return 0, false
}

// mayBind reports whether the quantity may become a figure once it is no claim: a shield
// word before it, or words between its term and it that name something else, keep it out.
func (sc *sentenceCtx) mayBind(qa *quantityAt) bool {
	w, s := sc.w, sc.s
	if qa.blocked && !(qa.q.family == UnitYuan && w.itemParent != nil) {
		return false // a shield word (聘用人员, 专项资金) may still be part of an item's name
	}
	if qa.termIdx >= 0 && !gapOK(s.spans, qa.gap) {
		return false // 项目支出中安排科普经费9万元: the amount belongs to what stands between
	}
	if qa.termIdx >= 0 && qa.q.family == UnitYuan && w.itemParent != nil && compounded(s.spans, qa.termIdx, qa.clause) {
		// In a list of project items, 聘用人员经费 or 义务教育公用经费 names an item: the word
		// before the term makes it something else than the department's 人员经费.
		qa.termIdx = -1
	}
	return true
}

// bindFigure asks the figure binders in order.
func (sc *sentenceCtx) bindFigure(qa *quantityAt) (Figure, bool) {
	for _, b := range figureBinders {
		f, v := b.bind(sc, qa)
		switch v {
		case made:
			return f, true
		case dropped:
			return Figure{}, false
		}
	}
	return Figure{}, false
}

// finish fills in what every figure of the sentence takes from its quantity.
func (sc *sentenceCtx) finish(fig *Figure, qa *quantityAt) {
	q := qa.q
	if fig.Basis != "" && fig.BasisText == "" {
		fig.BasisText = basisWord(sc.s.spans, qa.i, qa.clause, fig.Basis)
	}
	switch q.family {
	case UnitPerson, UnitVehicle:
		fig.Basis = Actual // SPEC: counts are always actual, also in budget documents
	case UnitPercent, UnitPoint:
		if fig.Basis != Prior {
			fig.Basis = Actual // a rate or score is an outcome: 全年预算执行率 is not a budget
		}
	}
	fig.Value = q.value
	fig.Unit = q.family
	fig.UnitText = q.unitText
	fig.Raw = sc.raw
	fig.Location = qa.loc
	fig.Method = MethodProse
	fig.Year = qa.year
	fig.Decimals = q.decimals
	if n := len(sc.parents); n > 0 && sc.parents[n-1] >= 0 && sc.parents[n-1] < len(sc.w.figs) {
		fig.parentPos = sc.parents[n-1] + 1
		fig.parent = sc.w.figs[sc.parents[n-1]].Metric
	}
}

// record adds the figure and updates the breakdowns it opens or closes.
func (sc *sentenceCtx) record(fig Figure, qa *quantityAt) {
	w := sc.w
	if n := len(sc.bound); n > 0 && fig.Part == "" && (fig.Metric == "staff.actual" || fig.Metric == "staff.in_service") {
		// 行政编制115人，实有人数107人；事业编制31人，实有人数26人: each count is its part's
		if p := sc.bound[n-1]; p.fig.Metric == "staff.authorized" && p.fig.Part != "" && p.clause == qa.clause-1 {
			fig.Part = p.fig.Part
		}
	}
	sc.addAside(fig, qa.i, qa.aside)
	if fig.Metric == "expenditure.project" && !sc.projectOpen {
		// the first project figure is the sentence's subject; 上年为… after it is an aside
		sc.projectOpen = true
		w.itemParent = nil
		if endsWithColon(sc.s.rs) {
			f := fig
			w.itemParent = &f
		}
	} else if fig.Unit == UnitYuan && fig.Metric != "expenditure.project.item" && qa.termIdx >= 0 {
		w.itemParent = nil
		sc.projectOpen = false
	}
}

// subject returns the figure a later clause is about: the last one bound outside brackets
// that is no prior-year or compared aside (支出1946.44万元（预算数2036.04万元），较上年减少…
// changes the 1946.44), else the last one bound, or nil.
func (sc *sentenceCtx) subject() *boundFig {
	for k := len(sc.bound) - 1; k >= 0; k-- {
		b := &sc.bound[k]
		if sc.s.spans[b.span].depth == 0 && b.fig.Basis != Prior && !b.aside {
			return b
		}
	}
	return lastBoundAny(sc.bound)
}

// lastBound returns the last figure of the sentence in unit family fam, or nil.
func (sc *sentenceCtx) lastBound(fam string) *boundFig {
	for k := len(sc.bound) - 1; k >= 0; k-- {
		if metricFamily(sc.bound[k].fig.Metric) == fam {
			return &sc.bound[k]
		}
	}
	return nil
}

// clauseStart returns the position where clause c's words start (after its separator).
func (sc *sentenceCtx) clauseStart(c int) int {
	for i, sp := range sc.s.spans {
		if sp.clause == c {
			if i > 0 || c > 0 {
				// the first span of a clause other than the first is its separator
				if isClauseSepWord(sp.text) || sp.text == "、" {
					return sp.end
				}
			}
			return sp.start
		}
	}
	return 0
}

// bindTerm: the quantity has a term of its own (基本支出137.15万元, 编制人数7人).
func bindTerm(sc *sentenceCtx, qa *quantityAt) (Figure, verdict) {
	if qa.termIdx < 0 {
		return Figure{}, notMine
	}
	s := sc.s
	r, _ := s.spans[qa.termIdx].metricRole(qa.q.family)
	if qa.metric != "" {
		r = role{kind: kindMetric, key: qa.metric}
	}
	fig := Figure{Metric: r.key, Basis: sc.w.basisFor(s.spans, qa.gap, qa.termIdx, qa.clause, sc.partsBasis), Term: s.spans[qa.termIdx].text,
		Part: qa.part}
	if fig.Part == "" && r.kind == kindPart {
		fig.Part = s.spans[qa.termIdx].text
	}
	if fig.Part == "" {
		fig.Part = sc.scopePart(qa)
	} else {
		fig.partName = sc.partName(qa.termIdx)
	}
	switch r.kind {
	case kindGrand:
		fig.Item = grandMark
	case kindInBasic:
		if !termBefore(s.spans, qa.termIdx, "expenditure.basic") && !(sc.w.prevSubject == "expenditure.basic" && opensWithBreakdown(s.spans)) {
			return Figure{}, dropped
		}
	}
	return fig, made
}

// bindTurn: an authorized count followed by the actual one (编制1台，实有1台).
func bindTurn(sc *sentenceCtx, qa *quantityAt) (Figure, verdict) {
	turn, _ := markersIn(sc.s.spans, qa.gap)
	lb := sc.lastBound(qa.q.family)
	if !allGlue(sc.s.spans, qa.gap) || turn == "" || lb == nil || !strings.HasSuffix(lb.fig.Metric, ".authorized") {
		return Figure{}, notMine
	}
	return Figure{Metric: strings.TrimSuffix(lb.fig.Metric, ".authorized") + ".actual", Basis: Actual, Term: lb.fig.Term}, made
}

// bindRestatedBasis: the figure before restated with another basis, in a clause of its own
// or in brackets (上年为0.3万元; 支出合计479.44万元（年初预算492.31万元）).
func bindRestatedBasis(sc *sentenceCtx, qa *quantityAt) (Figure, verdict) {
	_, basis := markersIn(sc.s.spans, qa.gap)
	lb := sc.lastBound(qa.q.family)
	if !allGlue(sc.s.spans, qa.gap) || basis == "" || lb == nil || !(lb.clause != qa.clause || sc.s.spans[qa.i].depth > 0) {
		return Figure{}, notMine
	}
	return Figure{Metric: lb.fig.Metric, Item: lb.fig.Item, Basis: basis, Term: lb.fig.Term}, made
}

// bindPriorYearClause: the figure before, stated for the year before the report's in a
// clause of its own (2023年部门整体支出为5366.14万元，2022年为5263.59万元).
func bindPriorYearClause(sc *sentenceCtx, qa *quantityAt) (Figure, verdict) {
	w := sc.w
	lb := sc.lastBound(qa.q.family)
	if !allGlue(sc.s.spans, qa.gap) || lb == nil || lb.clause == qa.clause || w.year == 0 || qa.year != w.year-1 ||
		!clauseHasYear(sc.s, qa.i, qa.clause) {
		return Figure{}, notMine
	}
	return Figure{Metric: lb.fig.Metric, Item: lb.fig.Item, Basis: Prior, Term: lb.fig.Term}, made
}

// bindBudgetBesideRate: a budget and an actual amount with no term beside an execution rate
// are the department's spending (年初预算492.31万元，实际完成479.44万元，预算执行率97.39%).
func bindBudgetBesideRate(sc *sentenceCtx, qa *quantityAt) (Figure, verdict) {
	_, basis := markersIn(sc.s.spans, qa.gap)
	if !allGlue(sc.s.spans, qa.gap) || basis == "" || sc.lastBound(qa.q.family) != nil || qa.q.family != UnitYuan ||
		!sentenceHas(sc.s.spans, "rate.budget_execution") {
		return Figure{}, notMine
	}
	return Figure{Metric: "expenditure.total", Basis: basis}, made
}

// bindProjectItem: a named amount in an open breakdown of project spending (其中：科普行动
// 计划经费16万元，换届选举经费10.77万元).
func bindProjectItem(sc *sentenceCtx, qa *quantityAt) (Figure, verdict) {
	w, s := sc.w, sc.s
	if qa.q.family != UnitYuan || w.itemParent == nil {
		return Figure{}, notMine
	}
	from := sc.clauseStart(qa.clause)
	for k := qa.i - 1; k >= 0 && s.spans[k].clause == qa.clause; k-- {
		if s.spans[k].hasKind(kindBreakdown) {
			from = s.spans[k].end // the name starts after 其中 / 主要为 …
			break
		}
	}
	label := itemLabel(sc.lp.nt.rawSpan(s.off+from, s.off+qa.q.start))
	if hanCount(label) < 2 || len([]rune(label)) > 40 {
		return Figure{}, dropped
	}
	fig := Figure{Metric: "expenditure.project.item", Item: label, Basis: w.itemParent.Basis, Term: label}
	if t := transferTarget(label, w.e.lex, w.e.seg); t != "" {
		v := qa.q.value
		w.addClaim(Claim{Kind: ClaimTransfer, Metric: fig.Metric, Basis: fig.Basis, Amount: &v, Target: t, Raw: sc.raw, Location: qa.loc})
	}
	return fig, made
}

// bindPendingTerm: a term at the end of the clause before, left without a value
// (本年支出合计，共计219.37万元; 项目支出中，专项业务费50万元 is no such case: the amount has
// a name of its own).
func bindPendingTerm(sc *sentenceCtx, qa *quantityAt) (Figure, verdict) {
	s := sc.s
	if !allGlue(s.spans, qa.gap) {
		return Figure{}, dropped
	}
	j := pendingTerm(s.spans, qa.i, qa.clause, qa.q.family)
	if j < 0 {
		return Figure{}, dropped
	}
	r, _ := s.spans[j].metricRole(qa.q.family)
	if r.kind != kindMetric {
		return Figure{}, dropped
	}
	return Figure{Metric: r.key, Basis: sc.w.basisFor(s.spans, qa.gap, j, s.spans[j].clause, sc.partsBasis), Term: s.spans[j].text}, made
}

// claim records what the quantity states about other figures and reports whether it is a
// claim and no figure: money passed to another unit is noted (the amount may still be a
// figure), a change against last year or the budget and a share are claims only.
func (sc *sentenceCtx) claim(qa *quantityAt) bool {
	w, s, q := sc.w, sc.s, qa.q
	if q.family == UnitYuan && w.itemParent == nil {
		if t, in := clauseTransfer(s, qa.i, qa.clause, w.e.lex); t != "" {
			v := q.value
			cl := Claim{Kind: ClaimTransfer, Metric: "expenditure.total", Basis: Actual, Amount: &v, Target: t, Raw: sc.raw, Location: qa.loc}
			if in {
				cl.Kind, cl.Metric = ClaimTransferIn, "income.total"
			}
			w.addClaim(cl)
		}
	}
	if dir, of, ok := changeIn(s.spans, qa.gap, qa.clause, qa.i); ok {
		metric, basis := "", Basis("")
		var base *Figure
		if qa.termIdx >= 0 {
			r, _ := s.spans[qa.termIdx].metricRole(q.family)
			metric, basis = r.key, w.basisFor(s.spans, qa.gap, qa.termIdx, qa.clause, sc.partsBasis)
		} else if j := moneyTermBefore(s.spans, qa.i, qa.clause); q.family == UnitPercent && j >= 0 {
			r, _ := s.spans[j].metricRole(UnitYuan) // 项目支出较上年增长5%: a rate of the amount named
			metric, basis = r.key, w.basisFor(s.spans, nil, j, qa.clause, sc.partsBasis)
		} else if lb := sc.subject(); lb != nil && (sc.free == nil || sc.free.span <= lb.span) {
			metric, basis = lb.fig.Metric, lb.fig.Basis
			base = &lb.fig
		} else if sc.free != nil && sc.free.clause < qa.clause {
			// 社会保障和就业支出类科目116433.12元，同比增加16803.36元; or an amount no metric
			// owns after the subject (财政拨款支出总计1870.91万元，…增加633.43万元)
			base = &sc.free.fig
		}
		w.changeClaim(metric, basis, base, dir, of, q, sc.raw, qa.loc)
		sc.changeAt = qa.i
		return true
	}
	if sc.bracketedChangePercent(qa) {
		return true
	}
	if q.family == UnitPercent {
		if shareAt := shareWord(s.spans, qa.clause, qa.i); shareAt >= 0 {
			w.shareClaim(s, shareAt, qa.i, sc.bound, q, sc.raw, qa.loc)
			return true
		}
	}
	return false
}

// moneyTermBefore is the span of the money term in clause c before span i with no quantity
// between, or -1.
func moneyTermBefore(spans []span, i, c int) int {
	for k := i - 1; k >= 0 && spans[k].clause == c; k-- {
		if spans[k].q != nil {
			return -1
		}
		if r, ok := spans[k].metricRole(UnitYuan); ok && r.kind == kindMetric {
			return k
		}
	}
	return -1
}

// bracketedChangePercent joins a percentage in brackets right after a stated change to it
// (较上年减少1.5万元(42.86%)) and reports whether it did.
func (sc *sentenceCtx) bracketedChangePercent(qa *quantityAt) bool {
	s, w := sc.s, sc.w
	if qa.q.family != UnitPercent || sc.changeAt < 0 || s.spans[qa.i].depth == 0 || len(w.claims) == 0 {
		return false
	}
	last := &w.claims[len(w.claims)-1]
	if last.Kind != ClaimChange || last.Raw != sc.raw || last.Percent != nil || last.Amount == nil {
		return false
	}
	for k := sc.changeAt + 1; k < qa.i; k++ {
		if t := strings.TrimSpace(s.spans[k].text); t != "" && t != "(" && t != "（" {
			return false
		}
	}
	v := qa.q.value
	last.Percent, last.PercentDecimals = &v, qa.q.decimals
	return true
}

// bindComparedReference: the amount a figure is compared with, written out after 比 or 较
// (较上年231.5万元, 比年初预算的2621万元, 较2024年的2190万元, 比2022年年初预算数3683.76万元):
// the figure before it with the reference's basis — the year before the report's is prior
// whatever the basis word, else a budget word gives budget and 上年 prior.
func bindComparedReference(sc *sentenceCtx, qa *quantityAt) (Figure, verdict) {
	s, w := sc.s, sc.w
	lb := sc.lastBound(qa.q.family)
	if lb == nil || qa.q.family != UnitYuan {
		return Figure{}, notMine
	}
	compare, basis := -1, Basis("")
	for _, j := range qa.gap {
		sp := s.spans[j]
		if sp.hasKind(kindCompare) {
			compare = j
		}
		switch b := Basis(sp.roleKey(kindBasis)); {
		case b == Prior:
			basis = Prior // 比上年预算的X: last year's budget is a prior figure
		case b != "" && basis == "":
			basis = b
		case b != "", sp.hasKind(kindCompare), sp.hasKind(kindGlue), hanCount(sp.text) == 0:
		default:
			return Figure{}, notMine
		}
	}
	if compare < 0 {
		return Figure{}, notMine
	}
	if w.year != 0 && qa.year == w.year-1 && clauseHasYear(s, qa.i, qa.clause) {
		basis = Prior
	}
	if basis == "" || basis == Actual {
		return Figure{}, notMine
	}
	qa.aside = true
	return Figure{Metric: lb.fig.Metric, Item: lb.fig.Item, Basis: basis, Term: lb.fig.Term}, made
}

// sourceAfterTerm reports whether the income term at span j names the funding source of the
// money term right before it (“三公”经费财政拨款预算1.70万元), not an income.
func sourceAfterTerm(spans []span, j, c int) bool {
	if j == 0 || spans[j-1].clause != c || !spans[j-1].isTerm() {
		return false
	}
	r, ok := spans[j].metricRole(UnitYuan)
	if !ok || !strings.HasPrefix(r.key, "income.") {
		return false
	}
	prev, ok := spans[j-1].metricRole(UnitYuan)
	return ok && !strings.HasPrefix(prev.key, "income.")
}

// unitAcrossLines reports whether a quantity's unit is 元 on the line after its number
// while the sentence's other amounts are in 万元 (基本支出252.5⏎元 beside 252.5万元): a copy may
// have lost the 万 at the break, so the unit is not certain and the figure is left out.
func (sc *sentenceCtx) unitAcrossLines(qa *quantityAt) bool {
	q := qa.q
	if q.unitText != "元" || q.end-q.start < 2 {
		return false
	}
	lp, off := sc.lp, sc.s.off
	if lp.locationAt(off+q.end-2) == lp.locationAt(off+q.end-1) {
		return false
	}
	// Read in 元, the amount must be under a hundredth of a 万元 amount of the sentence for
	// the 万 to be missing (252.5元 beside 252.5万元); 576,300.00⏎元 beside 472.86万元 and
	// 6.23万元 is plainly in 元.
	hundred := decimal.NewFromInt(100)
	for _, sp := range sc.s.spans {
		if sp.q != nil && sp.q.unitText == "万元" && sp.q.value.IsPositive() && q.value.Mul(hundred).LessThan(sp.q.value) {
			return true
		}
	}
	return false
}
