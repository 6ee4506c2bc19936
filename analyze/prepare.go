package analyze

import (
	"slices"
	"strings"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// Prepared is one report made ready for Finish: the verdicts of the rules that need only the
// report, and the little the other rules need of it. A run that reads reports on several
// workers prepares each one there, as soon as it is read, and keeps only its Prepared: the
// memory a batch holds then grows with the figures, not with the documents.
type Prepared struct {
	report   Report // what the rules across reports read of it (see slim)
	facts    *facts // its resolved figures
	findings []Finding
	checks   []checked     // one per rule that needs only the report, in registry order
	details  string        // the checks' details, one after the other
	spilled  *spilledParts // where its bulk is, when it is in a Spill (Config.Spill)
}

// checked is a check of a rule that needs only the report, as a prepared report keeps it
// until Finish: a batch holds some twenty per report, so it is kept in 8 bytes without a
// pointer (nothing for the collector to scan), its detail the next n bytes of
// Prepared.details.
type checked struct {
	rule    uint8 // the rule's place in the registry
	outcome uint8 // its place in outcomes
	n       uint32
}

// detailsShared is the longest run of a report's details kept once for the batch (in its
// Spill): the details of most reports are the same few sentences, while a long run is
// likely its own.
const detailsShared = 4096

// outcomes are the outcomes of a check, in the order checked numbers them.
var outcomes = [...]string{OutcomeFlagged, OutcomePassed, OutcomeNotApplicable, OutcomeInsufficient}

// outcomeCode is the place of outcome in outcomes.
func outcomeCode(outcome string) uint8 {
	for k, o := range outcomes {
		if o == outcome {
			return uint8(k)
		}
	}
	panic("analyze: unknown outcome " + outcome)
}

// Prepare runs on r every rule that needs only r and keeps what the rules across reports need
// of it. It is safe to call on several goroutines at once.
func Prepare(r Report, cfg Config) *Prepared {
	cfg = cfg.withDefaults()
	own := ofYear(r.Figures, r.Year)
	fx := buildFacts(own)
	p := &Prepared{}
	p.report, p.facts = slim(&r, fx, cfg)
	one := &Batch{Reports: []Report{r}, cfg: cfg, facts: []*facts{fx}, peerMemo: map[int][]int{}}
	p.checks = make([]checked, 0, aloneRules)
	// The details are copied, all into one string: a detail quoting the document would keep
	// all of it, and one string a report is one object for the collector where there were
	// a dozen.
	var details strings.Builder
	for x, rule := range registry {
		if !rule.alone() || !cfg.runs(rule) {
			continue
		}
		var c Check
		p.findings, c = rule.collect(rule.verdict(one, 0), &r, p.findings)
		p.checks = append(p.checks, checked{rule: uint8(x), outcome: outcomeCode(c.Outcome), n: uint32(len(c.Detail))})
		details.WriteString(c.Detail)
	}
	p.details = details.String()
	if cfg.Spill != nil && len(p.details) <= detailsShared {
		p.details = cfg.Spill.detail(p.details)
	}
	if cfg.Spill != nil {
		p.spillTo(cfg.Spill)
	}
	return p
}

// Finish runs the rules across reports over the prepared reports, in batch order, and returns
// every finding and check, ordered as Run orders them: Run(reports) is Finish of each report
// prepared. Finish empties ps, which serve no further call.
//
// The rules that read figures run first, a region at a time (see judgeByRegion); then the
// figures are let go, and copied text is matched and judged: the two never hold memory at
// once.
func Finish(ps []*Prepared, cfg Config) ([]Finding, *Checks, error) {
	cfg = cfg.withDefaults()
	b := &Batch{Reports: make([]Report, len(ps)), cfg: cfg, facts: make([]*facts, len(ps)), peerMemo: map[int][]int{},
		fingerprints: make([][]Fingerprint, len(ps))}
	nf, nc := 0, 0
	for _, p := range ps {
		nf += len(p.findings)
		nc += len(p.checks)
	}
	var across []*Rule
	for _, rule := range registry {
		if !rule.alone() && rule != &ruleTextDuplicate && cfg.runs(rule) {
			across = append(across, rule)
		}
	}
	if cfg.runs(&ruleTextDuplicate) {
		across = append(across, &ruleTextDuplicate)
	}
	findings := make([]Finding, 0, nf)
	checks := &Checks{rows: make([]checkRec, 0, nc+len(across)*len(ps)), owners: make([]checkOwner, 0, len(ps))}
	spilled := make([]*spilledParts, len(ps))
	for i, p := range ps {
		spilled[i] = p.spilled
		b.Reports[i], b.facts[i] = p.report, p.facts
		b.fingerprints[i], b.Reports[i].Fingerprints = p.report.Fingerprints, nil
		findings = append(findings, p.findings...)
		checks.owner(p.report.ReportID, p.report.Path) // at i, as b.Reports[i]
		from := 0
		for _, c := range p.checks {
			detail := p.details[from : from+int(c.n)]
			from += int(c.n)
			checks.add(int32(i), registry[c.rule].ID, outcomes[c.outcome], b.ownDetail(detail))
		}
		*p = Prepared{} // the batch holds what remains of it
	}
	dup := cfg.runs(&ruleTextDuplicate)
	figureRules := across
	if dup {
		figureRules = across[:len(across)-1] // copied text is judged last, on the sections
	}
	findings, err := b.judgeByRegion(figureRules, spilled, findings, checks)
	if err != nil {
		return nil, nil, err
	}
	// No rule left reads figures; copied text is matched a region at a time, its sections
	// read back from the Spill in their place.
	b.facts, b.ratios, b.totals = nil, nil, nil
	// Verdicts only read the batch (the copied sections are found once, here), so the
	// reports are judged on every core; the findings are then taken in report order.
	all := make([]int, len(ps))
	for i := range all {
		all[i] = i
	}
	if dup {
		idx, err := b.findDuplicatesFrom(spilled)
		if err != nil {
			return nil, nil, err
		}
		b.dupOnce.Do(func() { b.dup = idx })
		findings = b.judge([]*Rule{&ruleTextDuplicate}, all, findings, checks)
	}
	for _, rule := range across {
		if rule.Unreported != nil && (rule.Input == "" || rule.inputGiven(cfg)) {
			for _, f := range rule.Unreported(b) {
				findings = append(findings, rule.complete(f, nil))
			}
		}
	}
	sortFindings(findings)
	checks.Sort()
	return findings, checks, nil
}

// aloneRules is the number of rules that need only the report they judge.
var aloneRules = func() int {
	n := 0
	for _, rule := range registry {
		if rule.alone() {
			n++
		}
	}
	return n
}()

// alone reports whether the rule needs only the report it judges.
func (rule *Rule) alone() bool { return rule.Scope == ScopeReport && !rule.Peers }

// collect appends the verdict's findings, completed, and its check.
func (rule *Rule) collect(v Verdict, r *Report, findings []Finding) ([]Finding, Check) {
	var ids []string
	for _, f := range v.Findings {
		f = rule.complete(f, r)
		ids = append(ids, f.AnomalyID)
		findings = append(findings, f)
	}
	detail := v.Detail
	if v.Outcome == OutcomeFlagged {
		detail = strings.Join(sortedUnique(ids), ", ")
	}
	return findings, Check{ReportID: r.ReportID, Path: r.Path, Rule: rule.ID, Outcome: v.Outcome, Detail: detail}
}

// slim is what the rules across reports read of a report: its identity; the facts of its
// figures of its own year (fx, see ofYear) as a compact copy (slimFacts) — without their
// location and method; its transfers; and of its sections long enough for text.duplicate
// the heading, the evidence snippet and the fingerprint. Its strings are copied, so that it
// holds on to nothing of the document.
func slim(r *Report, fx *facts, cfg Config) (Report, *facts) {
	in := interner{}
	s := Report{ReportID: r.ReportID, Path: r.Path, Status: r.Status}
	s.Identity = extract.Identity{Title: in.str(r.Title), Department: in.str(r.Department), Region: in.str(r.Region), Year: r.Year}
	for _, c := range r.Claims {
		if c.Kind == extract.ClaimTransfer || c.Kind == extract.ClaimTransferIn {
			c.Metric, c.Of, c.Target = in.str(c.Metric), in.str(c.Of), in.str(c.Target)
			c.Raw, c.Location = in.str(c.Raw), in.str(c.Location)
			s.Claims = append(s.Claims, c)
		}
	}
	for i, sec := range r.Sections {
		var fp Fingerprint
		if len(r.Fingerprints) == len(r.Sections) {
			fp = r.Fingerprints[i]
			fp.Shingles = slices.Clone(fp.Shingles) // text.duplicate may trim it
		} else {
			fp = SectionFingerprint(sec.Text)
		}
		if fp.Tokens < cfg.DuplicateMinTokens {
			continue // text.duplicate passes it over
		}
		s.Sections = append(s.Sections, extract.Section{Heading: in.str(sec.Heading), Text: evidenceSnippet(sec.Text), Location: in.str(sec.Location)})
		s.Fingerprints = append(s.Fingerprints, fp)
	}
	return s, slimFacts(fx)
}

// Compact returns d with the least memory a decimal can take: an amount multiplied out of
// 万元 keeps the spare room of the product (80 bytes where 40 do), and a batch holds
// hundreds of thousands of them.
func Compact(d decimal.Decimal) decimal.Decimal {
	c := d.Coefficient()
	if !c.IsInt64() {
		return d
	}
	return decimal.New(c.Int64(), d.Exponent())
}

// evidenceSnippet is as much of a text as a finding's evidence shows (see joinEvidence).
func evidenceSnippet(text string) string {
	return strings.Clone(trimRunes(strings.TrimSpace(text), evidenceRunes))
}

// interner copies strings, each distinct one once.
type interner map[string]string

func (in interner) str(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := in[s]; ok {
		return c
	}
	c := strings.Clone(s)
	in[c] = c
	return c
}
