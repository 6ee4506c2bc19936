package extract

import (
	"cmp"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// walker reads the prose of one document, paragraph by paragraph, keeping the context
// that crosses sentence and paragraph boundaries (an open breakdown of project spending).
type walker struct {
	e        *Extractor
	docBasis Basis
	year     int // the report's year, 0 when unknown
	figs     []Figure
	claims   []Claim
	// itemParent is the project-spending figure whose named items are being listed, or nil.
	itemParent *Figure
	// listCarry is true while a breakdown continues over list paragraphs (1．… 2．…).
	listCarry bool
	// prevSubject is the first money metric of the previous sentence of the paragraph: the
	// parent of a breakdown that opens the next sentence (基本支出137.15万元。其中…).
	prevSubject string
	// prevSubjectPos is that figure's index in figs, plus one (0: none).
	prevSubjectPos int
	// paraFund is the fund (income.fiscal, income.fund) a sentence of the paragraph is about
	// (一般公共预算财政拨款本年收入…): a later sentence's bare 本年支出 is that fund's.
	paraFund string
	// headMetric is the “三公” metric the current section's heading names (1.因公出国（境）
	// 支出): a bare 支出 under it is that metric's, not the department's.
	headMetric string
}

// boundFig is a figure bound in the current sentence, for clauses that refer back to it.
type boundFig struct {
	fig    Figure
	clause int
	span   int
	idx    int  // its index in walker.figs
	aside  bool // only compared with: no total a breakdown after it breaks down
}

func (sp span) hasKind(k termKind) bool {
	for _, r := range sp.roles {
		if r.kind == k {
			return true
		}
	}
	return false
}

func (sp span) roleKey(k termKind) string {
	for _, r := range sp.roles {
		if r.kind == k {
			return r.key
		}
	}
	return ""
}

// metricRole returns the metric role of a word for a quantity of the given family.
func (sp span) metricRole(fam string) (role, bool) {
	for _, r := range sp.roles {
		switch r.kind {
		case kindMetric, kindWeak, kindGrand, kindInBasic, kindPart:
			if metricFamily(r.key) == fam {
				return r, true
			}
		}
	}
	return role{}, false
}

// isTerm reports whether the word names any metric.
func (sp span) isTerm() bool {
	for _, r := range sp.roles {
		switch r.kind {
		case kindMetric, kindWeak, kindGrand, kindInBasic, kindPart:
			return true
		}
	}
	return false
}

// paragraph extracts the figures and claims of one logical paragraph.
//
// cutAtStart says the paragraph is the first of a text cut off before it (an excerpt that
// opens …19816.81元，项目支出0元。): its first sentence has lost its subject, and what its
// figures are figures of is unknown, so they are not read.
func (w *walker) paragraph(lp logicalPara, nextStartsList, cutAtStart bool) {
	if lp.level > 0 && !lp.list {
		w.itemParent = nil
	}
	if w.itemParent != nil && !w.listCarry {
		w.itemParent = nil
	}
	if w.itemParent != nil && !lp.list && !startsWithItem(lp.nt.r) {
		w.itemParent = nil
	}
	if !w.e.lex.opensWithBreakdown(lp.nt.r) {
		// 2019年基本支出6016524.17元。⏎其中工资福利支出…: a paragraph that opens with 其中
		// breaks down the last one's subject; any other starts afresh.
		w.prevSubject, w.prevSubjectPos = "", 0
	}
	w.paraFund = ""
	first := len(w.figs)
	defer func() { w.figs = w.settle(w.figs, first) }()
	sentences := splitSentences(lp.nt.r)
	if w.headingLike(lp, sentences) {
		w.headMetric = w.e.headingMetric(lp.nt.r)
	}
	if cutAtStart && len(sentences) > 0 {
		sentences = sentences[1:]
	}
	for _, se := range sentences {
		rs := lp.nt.r[se[0]:se[1]]
		qs, ok := mayState(rs)
		if !ok {
			continue // narrative without an amount: nothing to bind, no need to segment it
		}
		w.sentence(lp, w.e.analyse(rs, se[0], qs))
	}
	w.listCarry = w.itemParent != nil && (lp.endsCol || nextStartsList)
}

// cutAtStart returns the index of the paragraph that opens a text cut off before it — the
// first paragraph with words (page numbers passed over) begins with an amount, as no title
// or sentence does (19816.81 元，项目支出 0元。) — or -1.
func cutAtStart(paras []logicalPara) int {
	for i, lp := range paras {
		t := strings.TrimSpace(string(lp.nt.r))
		if t == "" || isPageNumberLine(t) {
			continue
		}
		if openingAmount.MatchString(t) {
			return i
		}
		return -1
	}
	return -1
}

// openingAmount is an amount with its unit at the start of a text: 19816.81 元，….
var openingAmount = regexp.MustCompile(`^(?:[0-9]{1,3}\s+)?[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:元|万元|亿元|%|人|辆)`)

// isPageNumberLine reports whether a line is a page number alone (7, - 7 -, 第7页).
func isPageNumberLine(t string) bool {
	return pageNumberLine.MatchString(t)
}

var pageNumberLine = regexp.MustCompile(`^(?:[-—–\s]*[0-9]{1,3}[-—–\s]*|第\s*[0-9]{1,3}\s*页(?:\s*共\s*[0-9]{1,3}\s*页)?)$`)

// cutOff notes the breakdowns the last paragraph leaves open when the text stops in the middle
// of a sentence (an excerpt cut at 上年结): each parent of a part among figs[first:].
func (w *walker) cutOff(lp logicalPara, first int) {
	r := lp.nt.r
	if len(r) == 0 || !(unicode.Is(unicode.Han, r[len(r)-1]) || unicode.IsDigit(r[len(r)-1])) {
		return
	}
	raw := strings.TrimSpace(lp.nt.rawSpan(max(0, len(r)-40), len(r)))
	seen := map[string]bool{}
	note := func(metric string, basis Basis) {
		if !seen[metric+string(basis)] {
			seen[metric+string(basis)] = true
			w.addClaim(Claim{Kind: ClaimCutOff, Metric: metric, Basis: basis, Raw: raw, Location: lp.locationAt(len(r) - 1)})
		}
	}
	for _, f := range w.figs[first:] {
		if f.parent != "" {
			note(f.parent, f.Basis)
		}
	}
	if w.itemParent != nil {
		note("expenditure.project", w.itemParent.Basis) // a list of project items still open
	}
}

// textCutOff notes a text that stops where its last paragraph does not end (…七、政府;
// …其中：一般公共财政预算拨): the paragraphs after the text that close a report — a
// signature, a date, 联系人：…, a web page's frame, the cells of a flattened table — are
// passed over first.
func (w *walker) textCutOff(paras []logicalPara) {
	for k := len(paras) - 1; k >= 0; k-- {
		lp := paras[k]
		t := strings.TrimSpace(string(lp.nt.r))
		if t == "" || isSignOff(t) || w.e.lex.startsWithPhrase(kindSignOff, t) || w.e.lex.startsWithPhrase(kindChrome, t) ||
			utf8.RuneCountInString(t) <= maxFooterRunes && w.e.lex.contains(kindFooter, "", t) ||
			lp.level == 0 && utf8.RuneCountInString(t) <= 25 && !strings.ContainsAny(t, "，。；、,;：:") {
			continue // a closing line, or a cell of a table flattened one cell to a line (95.5)
		}
		last, _ := utf8.DecodeLastRuneInString(t)
		if !strings.ContainsRune("。！？!?；;：:…”’」』）)】]》", last) { // a colon opens a table

			raw := strings.TrimSpace(lp.nt.rawSpan(max(0, len(lp.nt.r)-40), len(lp.nt.r)))
			w.addClaim(Claim{Kind: ClaimCutOff, Raw: raw, Location: lp.locationAt(len(lp.nt.r) - 1)})
		}
		return
	}
}

// maxFooterRunes is the longest paragraph read as a web page's footer (蜀ICP备…, X主办 Y承办);
// its lines are joined into one when they end in no punctuation.
const maxFooterRunes = 200

// noteAttached records, once, that the report says its figures are in attached tables.
func (w *walker) noteAttached(lp logicalPara) {
	for _, c := range w.claims {
		if c.Kind == ClaimAttached {
			return
		}
	}
	raw := strings.TrimSpace(lp.nt.rawSpan(0, min(len(lp.nt.r), 80)))
	w.addClaim(Claim{Kind: ClaimAttached, Raw: raw, Location: lp.locationAt(0)})
}

// keepParts settles the parts among the figures a paragraph gave (figs[first:]): a part of a
// metric is no figure where the paragraph states the whole (离退休人员16人，其中：离休0人，
// 退休16人), nor where it breaks down another count of staff (工作人员73人，其中行政编制25人);
// without a whole each part is one (离休人员291人，退休人员10724人), except a zeropart of the
// lexicon that is 0 beside a part that is not.
// settle applies what only the whole paragraph tells to the figures it gave (figs[first:]):
// which parts are figures (keepParts), and which totals are grand totals by their breakdown
// (dropGrandByParts).
func (w *walker) settle(figs []Figure, first int) []Figure {
	figs = dropNotMetric(figs, first)
	figs = dropGrandByParts(figs, first)
	return w.keepParts(figs, first)
}

// dropNotMetric leaves out the figures of figs[first:] marked notMetric.
func dropNotMetric(figs []Figure, first int) []Figure {
	out := figs[:first]
	for _, f := range figs[first:] {
		if !f.notMetric {
			out = append(out, f)
		}
	}
	return out
}

// dropGrandByParts leaves out a total whose breakdown names this year's total or a
// carry-over that is not 0: 总收入581.45万元，其中本年收入390.55万元 and 部门收入预算919543.7
// 万元，其中：…上年结转27471.1万元 state a grand total, not the year's.
func dropGrandByParts(figs []Figure, first int) []Figure {
	grand := map[int]bool{}
	for _, f := range figs[first:] {
		pi := f.parentPos - 1
		if pi < first || pi >= len(figs) {
			continue
		}
		p := figs[pi]
		if p.Metric != "income.total" && p.Metric != "expenditure.total" {
			continue
		}
		if f.Metric == p.Metric || p.Metric == "income.total" && f.Metric == "income.carryover" && !f.Value.IsZero() {
			grand[pi] = true
		}
	}
	if len(grand) == 0 {
		return figs
	}
	out := figs[:first]
	for i := first; i < len(figs); i++ {
		if !grand[i] {
			out = append(out, figs[i])
		}
	}
	return out
}

// keepParts settles the parts among the figures of a paragraph (figs[first:]).
func (w *walker) keepParts(figs []Figure, first int) []Figure {
	whole := map[string]bool{}
	nonzero := map[string]bool{}
	for _, f := range figs[first:] {
		if f.Part == "" {
			whole[f.Metric] = true
		} else if !f.Value.IsZero() {
			nonzero[f.Metric] = true
		}
	}
	out := figs[:first]
	for _, f := range figs[first:] {
		if f.Part != "" && whole[f.Metric] && !breaksDownOther(f) && directPart(figs, f) {
			// 编制人数42，其中：行政编制19、事业编制23: a part of a count stated right in its
			// breakdown is an item of it, kept so that the parts can be added up.
			f.Metric, f.Item = f.Metric+".item", cmp.Or(f.partName, f.Part)
			out = append(out, f)
			continue
		}
		if f.Part != "" && (whole[f.Metric] || breaksDownOther(f)) || inOtherBreakdown(f) {
			continue
		}
		if f.Part != "" && f.Value.IsZero() && nonzero[f.Metric] && w.e.lex.isPhrase(kindZeroPart, normalizeString(f.Term)) {
			continue // 离休人员0人，退休人员51人: a category long empty, written by the template
		}
		out = append(out, f)
	}
	return out
}

// directPart reports whether part f of a count is stated in the breakdown of the whole
// count itself (编制人数42，其中：行政编制19), not of another part (事业编制23，其中全额15).
func directPart(figs []Figure, f Figure) bool {
	if metricFamily(f.Metric) != UnitPerson || f.parentPos <= 0 || f.parentPos > len(figs) {
		return false
	}
	p := figs[f.parentPos-1]
	return p.Metric == f.Metric && p.Part == ""
}

// inOtherBreakdown reports whether a part of basic spending is stated in the breakdown of
// project spending (项目支出0元…其中：商品和服务支出预算0元): the economic class of the
// projects' spending, not of the basic.
func inOtherBreakdown(f Figure) bool {
	return f.parent == "expenditure.project" && strings.HasPrefix(f.Metric, "expenditure.basic.")
}

// headingLike reports whether a paragraph is a heading of its own: marked as one, or a short
// numbered line with no amount (1.因公出国（境）支出, （1）公务用车购置).
func (w *walker) headingLike(lp logicalPara, sentences [][2]int) bool {
	if len(lp.nt.r) > 30 || len(sentences) > 1 {
		return false
	}
	if lp.level == 0 && !lp.list {
		return false
	}
	qs, _ := mayState(lp.nt.r)
	return len(qs) == 0
}

// headingMetric is the one “三公” metric a heading names, or "".
func (e *Extractor) headingMetric(rs []rune) string {
	if !e.lex.mentionsThreePublic(string(rs)) {
		return "" // the common case, without segmenting the heading
	}
	found := ""
	for _, word := range e.seg.Cut(string(rs)) {
		sp := span{roles: e.lex.lookup(word), text: word}
		if r, ok := sp.metricRole(UnitYuan); ok {
			if !strings.HasPrefix(r.key, "three_public.") || found != "" && found != r.key {
				return ""
			}
			found = r.key
		}
	}
	return found
}

// breaksDownOther reports whether a part is stated in the breakdown of a count it is no
// part of (实有人数73人，其中行政编制25人: 25 of the 73 hold such posts); the in-service and
// retired are parts of the actual staff (实有人数151人，其中…退休人员51人).
func breaksDownOther(f Figure) bool {
	if f.parent == "" || f.parent == f.Metric || metricFamily(f.parent) != metricFamily(f.Metric) {
		return false
	}
	return !(f.parent == "staff.actual" && (f.Metric == "staff.in_service" || f.Metric == "staff.retired"))
}

// mayState reports whether a sentence can give a figure or a claim: it holds an amount or
// a count, mentions a carry-over (a claim even without an amount), or opens the items of
// project spending (项目支出中：). Only such sentences are segmented. It returns the
// sentence's quantities, digits and Chinese-numeral counts merged, for analyse.
func mayState(rs []rune) ([]quantity, bool) {
	qs := mergeQuantities(mergeQuantities(scanQuantities(rs), scanChineseCounts(rs)), scanBareCounts(rs))
	return qs, len(qs) > 0 || mentionsClaim(rs)
}

// mentionsClaim reports whether rs holds 结转, 结余 or 项目支出中.
func mentionsClaim(rs []rune) bool {
	for i, r := range rs {
		switch {
		case r == '结' && i+1 < len(rs) && (rs[i+1] == '转' || rs[i+1] == '余'):
			return true
		case r == '项' && hasRunePrefix(rs[i:], "项目支出中"):
			return true
		}
	}
	return false
}

// hasRunePrefix reports whether rs starts with the runes of prefix.
func hasRunePrefix(rs []rune, prefix string) bool {
	i := 0
	for _, r := range prefix {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// startsWithItem reports whether a paragraph starts like a line of a breakdown: a name
// followed by an amount, with no heading numbering.
func startsWithItem(rs []rune) bool {
	qs := scanQuantities(rs)
	return len(qs) > 0 && qs[0].start < 40
}

// itemLabel cleans the name of a project line item: numbering, breakdown words and glue
// are dropped, the rest stays as written.
//
// trimLead drops ^(?:[\s　，,；;：:、。]|以下项目|以下|如下|其中|包括|主要包括|主要用于|用于|具体为|
// 分别为|分别是|主要是|是|\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[)）]|[（(]?[一二三四五六七八九十]{1,3}[)）、]|
// [①-⑳]|(?:19|20)\d\d\s*年(?:度)?)+, trimTrail (?:[\s，,；;：:]|为|共计|合计|共|计|达|约|金额)+$.
func itemLabel(raw string) string {
	// Control characters (a NUL or a Word field mark left in the text) are no part of a
	// name, and an item must never begin like grandMark.
	s := strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return ' '
		}
		return r
	}, raw))
	for {
		t := trimTrail(trimLead(s))
		if strings.HasSuffix(t, "支出") && utf8.RuneCountInString(t) >= 6 {
			r := []rune(t)
			t = string(r[:len(r)-2]) // 办公用房维修经费支出 → 办公用房维修经费
		}
		t = strings.Trim(t, " \t　")
		if strings.HasPrefix(t, "“") && !strings.Contains(t, "”") {
			t = strings.TrimPrefix(t, "“")
		}
		if t == s {
			break
		}
		s = t
	}
	return s
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if isHan(r) {
			n++
		}
	}
	return n
}

// respectively pairs the terms or years listed before 分别 with the amounts listed after it,
// in order: 基本支出、项目支出分别为105.57万元、113.8万元, and 2023年、2024年三公经费分别为
// 1.5万元、1.27万元; after 均为 every term takes the one amount. It returns the figures of
// each amount by the amount's span index.
func (w *walker) respectively(lp logicalPara, s sentence, raw string) map[int][]Figure {
	var out map[int][]Figure
	for k, sp := range s.spans {
		all := sp.text == "均" || sp.text == "均为" || sp.text == "均是" || sp.text == "都为" || sp.text == "都是"
		if sp.q != nil || !(strings.HasPrefix(sp.text, "分别") || all) {
			continue
		}
		c := sp.clause
		var terms []int
		start := k
		for j := k - 1; j >= 0 && s.spans[j].clause == c && s.spans[j].q == nil; j-- {
			if s.spans[j].isTerm() {
				terms = append([]int{j}, terms...)
			}
			start = j
		}
		var qs []int
		for j := k + 1; j < len(s.spans); j++ {
			t := s.spans[j]
			if t.q != nil {
				qs = append(qs, j)
				continue
			}
			if t.text == "、" || t.text == "，" || t.text == "," || t.text == "和" || t.text == "与" || t.text == "及" || t.hasKind(kindGlue) {
				continue
			}
			break
		}
		var years []int
		for _, m := range s.years {
			if m.pos >= s.spans[start].start && m.pos < sp.start {
				years = append(years, m.year)
			}
		}
		basis := w.docBasis
		for j := start; j < k; j++ {
			if b := s.spans[j].roleKey(kindBasis); b != "" {
				basis = Basis(b)
			}
		}
		make1 := func(term, qi, year int) (Figure, bool) {
			q := s.spans[qi].q
			r, ok := s.spans[term].metricRole(q.family)
			if !ok || r.kind == kindInBasic || r.kind == kindGrand {
				return Figure{}, false
			}
			b := basis
			if q.family == UnitPerson || q.family == UnitVehicle {
				b = Actual
			}
			return Figure{Metric: r.key, Basis: b, Term: s.spans[term].text, Value: q.value, Unit: q.family, UnitText: q.unitText,
				Raw: raw, Location: lp.locationAt(s.off + q.start), Method: MethodProse, Year: year, Decimals: q.decimals}, true
		}
		var figs []Figure
		switch {
		case all && len(terms) >= 2 && len(qs) >= 1:
			// 因公出国（境）费、公务用车购置费均为0万元: one amount for every term.
			for _, t := range terms {
				f, ok := make1(t, qs[0], clauseYear(s, qs[0], s.spans[qs[0]].clause))
				if !ok {
					figs = nil
					break
				}
				figs = append(figs, f)
			}
			if figs != nil {
				if out == nil {
					out = map[int][]Figure{}
				}
				out[qs[0]] = figs
			}
			continue
		case all:
		case len(terms) >= 2 && len(qs) >= len(terms):
			for n, t := range terms {
				f, ok := make1(t, qs[n], clauseYear(s, qs[n], s.spans[qs[n]].clause))
				if !ok {
					figs = nil
					break
				}
				figs = append(figs, f)
			}
		case len(terms) == 1 && len(years) >= 2 && len(qs) >= len(years):
			for n, y := range years {
				f, ok := make1(terms[0], qs[n], y)
				if !ok {
					figs = nil
					break
				}
				figs = append(figs, f)
			}
		}
		for n, f := range figs {
			if out == nil {
				out = map[int][]Figure{}
			}
			out[qs[n]] = []Figure{f}
		}
	}
	return out
}

func endsWithColon(rs []rune) bool {
	for i := len(rs) - 1; i >= 0; i-- {
		if isSpace(rs[i]) {
			continue
		}
		return rs[i] == '：' || rs[i] == ':'
	}
	return false
}

// grandMark marks a grand total (收入总计) until the report is known to state no carry-over.
const grandMark = "\x00grand"

// opensWithBreakdown reports whether a sentence starts with a breakdown word (其中…).
func opensWithBreakdown(spans []span) bool {
	for _, sp := range spans {
		if hanCount(sp.text) == 0 {
			continue
		}
		return sp.hasKind(kindBreakdown)
	}
	return false
}

// opensWithBreakdown reports whether text, past spaces and punctuation, opens with a
// breakdown word (其中, 包括).
func (lx *Lexicon) opensWithBreakdown(rs []rune) bool {
	i := 0
	for i < len(rs) && !isHan(rs[i]) {
		i++
	}
	for n := 2; n <= 4 && i+n <= len(rs); n++ {
		if lx.has(string(rs[i:i+n]), kindBreakdown, "") {
			return true
		}
	}
	return false
}

// termBefore reports whether metric is named before span j in the sentence
// (资本性支出 counts as basic spending only in a breakdown of 基本支出).
func termBefore(spans []span, j int, metric string) bool {
	for k := j - 1; k >= 0; k-- {
		for _, r := range spans[k].roles {
			if r.key == metric {
				return true
			}
		}
	}
	return false
}

func lastBoundAny(b []boundFig) *boundFig {
	if len(b) == 0 {
		return nil
	}
	return &b[len(b)-1]
}

// weakTermOK reports whether a bare term (收入, 支出, 得分) at span j names the value: it
// opens its clause (only a year, 全年 or 部门 before it) and only glue stands between it and
// the value, so 三公经费支出 and 全年共支出科普经费53.93万元 do not count as total spending.
func weakTermOK(spans []span, j, c int, gap []int) bool {
	for k := j - 1; k >= 0 && spans[k].clause == c; k-- {
		sp := spans[k]
		if sp.q != nil || sp.isTerm() {
			return false
		}
		if !sp.hasKind(kindLead) && !sp.hasKind(kindGlue) && hanCount(sp.text) > 0 && !sp.hasKind(kindBasis) {
			return false
		}
	}
	return allGlue(spans, gap)
}

// gapOK reports whether the words between a term and its value are glue (为, 支出, 决算数,
// a year), allowing at most two other characters: the value belongs to the term.
func gapOK(spans []span, gap []int) bool {
	other := 0
	for _, j := range gap {
		sp := spans[j]
		if isSourceQualifier(spans, j) {
			continue
		}
		if sp.hasKind(kindBasis) || sp.hasKind(kindTurn) || sp.hasKind(kindGlue) || hanCount(sp.text) == 0 {
			continue
		}
		if sp.hasKind(kindBreakdown) || sp.hasKind(kindTransfer) {
			return false
		}
		other += hanCount(sp.text)
	}
	return other <= 2
}

// compounded reports whether the term at span j is glued to a content word before it in its
// clause (聘用+人员经费, 义务教育+公用经费), making a longer name of something else.
func compounded(spans []span, j, c int) bool {
	if j == 0 || spans[j-1].clause != c {
		return false
	}
	p := spans[j-1]
	if p.q != nil || hanCount(p.text) == 0 || p.hasKind(kindGlue) || p.hasKind(kindLead) || p.hasKind(kindBasis) ||
		p.hasKind(kindBreakdown) || p.hasKind(kindTurn) || p.isTerm() {
		return false
	}
	return true
}

// isSourceQualifier reports whether the income term at span j names the funding source of
// the spending after it (三公经费财政拨款支出决算为…), not an income.
func isSourceQualifier(spans []span, j int) bool {
	if j+1 >= len(spans) || !strings.HasPrefix(spans[j+1].text, "支出") {
		return false
	}
	for _, r := range spans[j].roles {
		if strings.HasPrefix(r.key, "income.") {
			return true
		}
	}
	return false
}

// pendingTerm finds a metric named at the end of the previous clause and left without a
// value (本年支出合计，共计219.37万元), for the quantity at span qi in clause c.
func pendingTerm(spans []span, qi, c int, fam string) int {
	if c == 0 {
		return -1
	}
	for k := qi - 1; k >= 0 && spans[k].clause >= c-1; k-- {
		if spans[k].q != nil {
			return -1
		}
		if spans[k].clause == c-1 {
			if _, ok := spans[k].metricRole(fam); ok {
				return k
			}
			if spans[k].isTerm() {
				return -1
			}
		}
	}
	return -1
}

// clauseHasYear reports whether a year is written in the clause before the value at qi.
func clauseHasYear(s sentence, qi, c int) bool {
	start := s.spans[qi].start
	for k := qi - 1; k >= 0 && s.spans[k].clause == c; k-- {
		start = s.spans[k].start
	}
	for _, m := range s.years {
		if m.pos >= start && m.pos < s.spans[qi].start {
			return true
		}
	}
	return false
}

// sentenceHas reports whether the sentence names metric.
func sentenceHas(spans []span, metric string) bool {
	for _, sp := range spans {
		for _, r := range sp.roles {
			if r.key == metric {
				return true
			}
		}
	}
	return false
}

// clauseYear is the year a value is stated for: a year written in its own clause before
// it (2019年为…), else the year the sentence opens with (2020年度收入…，其中：…).
func clauseYear(s sentence, qi, c int) int {
	start := s.spans[qi].start
	for k := qi - 1; k >= 0 && s.spans[k].clause == c; k-- {
		start = s.spans[k].start
	}
	y := 0
	for _, m := range s.years {
		if m.pos >= start && m.pos < s.spans[qi].start {
			y = m.year
		}
	}
	if y == 0 && len(s.years) > 0 && s.years[0].pos < s.spans[qi].start {
		y = s.years[0].year
	}
	return y
}

// basisFor reads the basis of a figure from the words between its term and its value,
// then from the words before the term in the clause; then the basis of the total whose
// breakdown the figure is part of; the document's default otherwise.
func (w *walker) basisFor(spans []span, gap []int, termIdx, c int, parts Basis) Basis {
	for _, j := range gap { // nearest to the value first
		if b := spans[j].roleKey(kindBasis); b != "" {
			return Basis(b)
		}
	}
	for k := termIdx - 1; k >= 0 && spans[k].clause == c; k-- {
		if spans[k].q != nil || spans[k].isTerm() {
			break
		}
		if b := spans[k].roleKey(kindBasis); b != "" {
			return Basis(b)
		}
	}
	if w.e.lex.isPhrase(kindBudgetTerm, spans[termIdx].text) {
		return Budget
	}
	if parts != "" && parts != Prior {
		return parts
	}
	return w.docBasis
}

// basisWord returns the nearest word before the value at span qi, within its clause or the
// one before, that gives the basis b (年初预算, 调整预算数, 决算数), or "".
func basisWord(spans []span, qi, c int, b Basis) string {
	for k := qi - 1; k >= 0 && spans[k].clause >= c-1; k-- {
		if spans[k].roleKey(kindBasis) == string(b) {
			return spans[k].text
		}
	}
	return ""
}

// allGlue reports whether the gap words are only markers, glue, numbers and punctuation,
// so a clause such as 实际1台 or 上年为0.3万元 refers back to the figure before it.
func allGlue(spans []span, gap []int) bool {
	for _, j := range gap {
		sp := spans[j]
		if sp.hasKind(kindBasis) || sp.hasKind(kindTurn) || sp.hasKind(kindGlue) || hanCount(sp.text) == 0 {
			continue
		}
		return false
	}
	return true
}

// markersIn returns the turn and basis markers among the gap words, nearest first.
func markersIn(spans []span, gap []int) (turn string, basis Basis) {
	for _, j := range gap {
		if turn == "" {
			turn = spans[j].roleKey(kindTurn)
		}
		if basis == "" {
			basis = Basis(spans[j].roleKey(kindBasis))
		}
	}
	return turn, basis
}

// changeIn finds a change verb before the value (增加/减少 …), introduced by a comparison
// word in the clause (较上年, 比预算) or standing right before the value.
func changeIn(spans []span, gap []int, c, qi int) (dir int, of string, ok bool) {
	for n, j := range gap {
		d := spans[j].roleKey(kindChange)
		if d == "" {
			continue
		}
		// A one-character verb (增, 减, 多, 少) counts only right before the amount and after a
		// comparison in its own clause: 较上年减5万元, not 少先队工作经费10.24万元.
		single := len([]rune(spans[j].text)) == 1
		if single && n != 0 {
			continue
		}
		from := c - 1
		if single {
			from = c
		}
		cmpAt := -1
		for k := j - 1; k >= 0 && spans[k].clause >= from; k-- {
			if spans[k].q != nil && spans[k].clause == c {
				break
			}
			if spans[k].hasKind(kindCompare) {
				cmpAt = k
				break
			}
		}
		if cmpAt < 0 && (single || n > 1) {
			continue
		}
		dir = 1
		if d == "down" {
			dir = -1
		}
		of = "prior"
		if cmpAt >= 0 {
			for k := cmpAt; k < qi; k++ {
				if b := spans[k].roleKey(kindBasis); b == string(Budget) || strings.Contains(spans[k].text, "预算") {
					of = "budget"
				}
			}
		}
		return dir, of, true
	}
	return 0, "", false
}

// shareWord returns the index of a share word (占, 占比) in clause c before span qi, or -1.
func shareWord(spans []span, c, qi int) int {
	for k := qi - 1; k >= 0 && spans[k].clause == c; k-- {
		if spans[k].hasKind(kindShare) {
			return k
		}
	}
	return -1
}

// changeClaim records a stated change of metric (with the basis it is stated on: 比上年预算
// 增加0.6万元 in a budget changes the budget); a percentage right after a stated amount joins it.
func (w *walker) changeClaim(metric string, basis Basis, base *Figure, dir int, of string, q *quantity, raw, loc string) {
	v := q.value
	if n := len(w.claims); n > 0 {
		last := &w.claims[n-1]
		if last.Kind == ClaimChange && last.Metric == metric && last.Raw == raw && last.Direction == dir {
			if q.family == UnitPercent && last.Percent == nil {
				last.Percent, last.PercentDecimals = &v, q.decimals
				return
			}
		}
	}
	if basis == "" || basis == Prior {
		basis = Actual
	}
	if basis == Budget && of == string(Budget) {
		of = string(Prior) // a budget 比上年预算增加…: last year's budget
	}
	cl := Claim{Kind: ClaimChange, Metric: metric, Basis: basis, Of: of, Direction: dir, Raw: raw, Location: loc}
	if base != nil {
		b := base.Value
		cl.Base, cl.BaseTol = &b, halfUnit(*base)
	}
	if q.family == UnitPercent {
		cl.Percent, cl.PercentDecimals = &v, q.decimals
	} else if q.family == UnitYuan {
		cl.Amount, cl.AmountTol = &v, halfUnit(Figure{UnitText: q.unitText, Decimals: q.decimals})
	} else {
		return
	}
	w.addClaim(cl)
}

// shareClaim records a stated share: 项目支出113.8万元，占总支出的51.9% or 基本支出占比48.1%.
// A share written after its amount is that figure's (its metric, basis, part and value:
// 事业收入730.05万元，占54.78% is a share of 事业收入, not of all income.other); written after
// a term alone, it is the term's metric's on the document's basis.
func (w *walker) shareClaim(s sentence, shareAt, qi int, bound []boundFig, q *quantity, raw, loc string) {
	c := s.spans[qi].clause
	metric, of := "", ""
	basis := w.docBasis
	var amount *decimal.Decimal
	termAt := -1
	for k := shareAt - 1; k >= 0 && s.spans[k].clause == c; k-- {
		if r, ok := s.spans[k].metricRole(UnitYuan); ok {
			metric, termAt = r.key, k
			break
		}
		if s.spans[k].q != nil {
			break
		}
	}
	// The figure just before, provided the last amount before the share was read as it
	// (资本性支出6.62万元，占4.8%: not 公用经费 before it).
	lastMoney := -1
	for k := shareAt - 1; k >= 0; k-- {
		if s.spans[k].q != nil && s.spans[k].q.family == UnitYuan {
			lastMoney = k
			break
		}
	}
	if lb := lastBoundAny(bound); lb != nil && lb.fig.Unit == UnitYuan && lb.span == lastMoney && lb.idx >= 0 && (termAt < 0 || termAt < lastMoney) {
		v := lb.fig.Value
		metric, basis, amount = lb.fig.Metric, lb.fig.Basis, &v
	}
	var base strings.Builder
	for k := shareAt; k < qi; k++ {
		if r, ok := s.spans[k].metricRole(UnitYuan); ok {
			of = r.key
		}
		base.WriteString(s.spans[k].text)
	}
	if metric == "" {
		return
	}
	if of == "expenditure.project" && strings.HasPrefix(metric, "expenditure.basic.") {
		// 商品和服务支出42.6万元，占项目支出预算90.73%: the economic class of project spending,
		// not of basic spending
		if f := w.shareSubject(bound, amount); f != nil {
			f.notMetric = true
		}
		return
	}
	if w.e.lex.contains(kindFundScope, "", base.String()) {
		// a share of one fund's spending (占一般公共预算财政拨款总支出的70.80%): the figure is that
		// fund's part of its metric, and the base is no figure of the vocabulary
		if f := w.shareSubject(bound, amount); f != nil && f.Part == "" {
			f.Part = fundScopePart
		}
		return
	}
	if of == "" {
		of = parentOf(metric)
	}
	if basis == Prior {
		return // a share of last year's figure is not checked against this year's
	}
	v := q.value
	w.addClaim(Claim{Kind: ClaimShare, Metric: metric, Basis: basis, Of: of, Percent: &v, PercentDecimals: q.decimals, Base: amount, Raw: raw, Location: loc})
}

// shareSubject is the figure a share is of, when the share was pinned to the amount before
// it (amount set by shareClaim), or nil.
func (w *walker) shareSubject(bound []boundFig, amount *decimal.Decimal) *Figure {
	if lb := lastBoundAny(bound); amount != nil && lb != nil && lb.idx >= 0 && lb.idx < len(w.figs) {
		return &w.figs[lb.idx]
	}
	return nil
}

// fundScopePart is the Part of a figure stated as a share of one fund's spending.
const fundScopePart = "财政拨款"

// parentOf is the total a metric is a share of when the text does not say.
func parentOf(metric string) string {
	switch {
	case metric == "income.total" || metric == "expenditure.total" || metric == "three_public.total":
		return ""
	case strings.HasPrefix(metric, "three_public.vehicle."):
		return "three_public.vehicle"
	case strings.HasPrefix(metric, "income."):
		return "income.total"
	case strings.HasPrefix(metric, "expenditure.basic."):
		return "expenditure.basic"
	case strings.HasPrefix(metric, "three_public."):
		return "three_public.total"
	case strings.HasPrefix(metric, "expenditure."):
		return "expenditure.total"
	default:
		return ""
	}
}

func (w *walker) addClaim(c Claim) {
	if c.Kind == ClaimCarryover {
		for _, x := range w.claims {
			if x.Kind == ClaimCarryover && x.Raw == c.Raw {
				return
			}
		}
	}
	w.claims = append(w.claims, c)
}

// clauseTransfer finds money passed to another unit in prose: 向老科协拨付经费30.6万元,
// 转拨县老科协30.6万元. It returns the receiving unit as written, or "".
//
// incoming is true when the clause names the sender instead (其中雨花区应急管理局转拨经费
// 20.21万元, in the receiving unit's income): the unit stands before the verb and only
// the money's name after it.
func clauseTransfer(s sentence, qi, c int, lx *Lexicon) (unit string, incoming bool) {
	start := qi
	for start > 0 && s.spans[start-1].clause == c {
		start--
	}
	var words []string
	for k := start; k < qi; k++ {
		words = append(words, s.spans[k].text)
	}
	for k, w := range words {
		if !lx.has(w, kindTransfer, "") {
			continue
		}
		// 向X拨付 …: the unit stands between 向 and the verb, with no amount or 其中 in between
		// (其他收入为77.57万元（其中X转拨经费…: X is the sender).
		for j := k - 1; j >= 0; j-- {
			if s.spans[start+j].q != nil || lx.has(words[j], kindBreakdown, "") {
				break
			}
			if words[j] == "向" || words[j] == "给" || words[j] == "为" {
				if t := strings.Join(words[j+1:k], ""); hanCount(t) >= 2 {
					return t, false
				}
				break
			}
		}
		rest := strings.Join(words[k+1:], "")
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "给"), "至")
		rest = transferTail.ReplaceAllString(rest, "")
		if hanCount(rest) >= 2 {
			return rest, false
		}
		// X转拨经费N万元: X is the sender.
		from := 0
		for j := k - 1; j >= 0; j-- {
			if lx.has(words[j], kindBreakdown, "") || words[j] == "收到" || words[j] == "由" || hanCount(words[j]) == 0 {
				from = j + 1
				break
			}
		}
		if u := strings.Join(words[from:k], ""); unitSuffix.MatchString(u) && hanCount(u) >= 3 {
			return u, true
		}
	}
	return "", false
}

// unitSuffix is how the name of a government unit ends.
var unitSuffix = regexp.MustCompile(`(?:局|委|委员会|会|院|所|中心|馆|站|队|办|办公室|处|部|联|协|团|社|室|厅|署|园|校)$`)

var transferTail = regexp.MustCompile(`(?:的)?(?:预算资金|专项资金|项目资金|工作经费|经费|资金|款项|款)$`)

// transferTarget returns the unit a line item passes money to (转拨老科协预算资金 → 老科协).
func transferTarget(label string, lx *Lexicon, seg *Segmenter) string {
	ws := seg.Cut(normalizeString(label))
	for i, w := range ws {
		if !lx.has(w, kindTransfer, "") {
			continue
		}
		rest := strings.Join(ws[i+1:], "")
		rest = strings.TrimPrefix(rest, "给")
		rest = strings.TrimPrefix(rest, "至")
		rest = transferTail.ReplaceAllString(rest, "")
		if hanCount(rest) >= 2 {
			return rest
		}
	}
	return ""
}
