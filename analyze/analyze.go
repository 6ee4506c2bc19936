// Package analyze turns the figures extracted from many reports into findings (the
// anomalies table) and checks (the checks table) of SPEC.md.
//
// Every rule is declared once, in rules.go, with its SPEC ID, severity, a description and
// example scenarios; the tests run the scenarios and WriteRulesMarkdown generates
// docs/rules.md from the same registry.
package analyze

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// Report is one analysed input file: its identity and everything extracted from it.
type Report struct {
	// ReportID is the stable id of the reports table (hash of the file bytes).
	ReportID string
	// Path is the path relative to the input folder.
	Path string
	// Status is ok, partial or failed. Failed reports are checked by no rule (every check
	// is insufficient) and are no peer of any other report.
	Status string
	extract.Identity
	Figures  []extract.Figure
	Claims   []extract.Claim
	Sections []extract.Section
	// Evaluations are the report's self-evaluation tables, for the score checks.
	Evaluations []extract.Evaluation
	// Grade is the 自评等级 the report states (优, 良, 中, 差), empty when none.
	Grade string
	// Fingerprints, when it has one entry per section, holds each section's text.duplicate
	// fingerprint, computed beforehand with SectionFingerprint; otherwise Prepare computes them.
	Fingerprints []Fingerprint
}

// Finding is one row of the anomalies table.
type Finding struct {
	// AnomalyID is the first 16 hex characters of the SHA-256 of rule, report ids, metrics and
	// the item the finding is about: stable across runs over the same reports.
	AnomalyID string
	Rule      string
	Severity  string
	ReportID  string
	Path      string
	// Related are the other reports involved (cross-report rules), sorted.
	Related []string
	// Metrics are the metric IDs involved.
	Metrics []string
	// Expected is what the other figures (or the reference, last year's report, the peers)
	// imply; Actual is the figure being checked, as stated. Nil when a rule has no two sides.
	Expected, Actual *decimal.Decimal
	// Message is one Chinese sentence with the numbers (money in 万元, two decimals).
	Message string
	// Evidence is the raw text the finding rests on, deduplicated and joined with " / ".
	Evidence string
	// Item is what within the report the finding is about (a basis, a line item, a claim's
	// metrics, a transfer's receiver), in terms a corrected resubmission keeps: no report id,
	// no location. Empty when the rule and the metrics say it all. Part of the review key.
	Item string

	key   string // what within the report the finding is about (item, basis …), for AnomalyID
	short amount // of a sum check: how far the parts fall short of the total, when they do
	// keyVolatile marks a key that holds what a resubmission changes (a location, a report
	// id): it is not the finding's Item.
	keyVolatile bool
	department  string // sort key
}

// Check is one row of the checks table: what a rule concluded about one report.
type Check struct {
	ReportID string
	Path     string
	Rule     string
	// Outcome is flagged, passed, not_applicable or insufficient.
	Outcome string
	// Detail is the anomaly ids for flagged, what was missing for insufficient, why for
	// not_applicable.
	Detail string
}

// Severities of SPEC's rule table.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityInfo    = "info"
)

// Outcomes of the checks table.
const (
	OutcomeFlagged       = "flagged"
	OutcomePassed        = "passed"
	OutcomeNotApplicable = "not_applicable"
	OutcomeInsufficient  = "insufficient"
)

// Config tunes Run. The zero value of every field means its documented default.
type Config struct {
	// PeerMin is the minimum number of reports in a peer group (same region and year) with a
	// ratio computable before peer.outlier judges that ratio. Default 5: below that the median
	// and MAD of the group say too little, and the check is insufficient.
	PeerMin int
	// PeerZ is the robust z-score |x−median|/(1.4826·MAD) above which a ratio is an outlier.
	// Default 3.5.
	PeerZ float64
	// PeerRelFloor is the least relative distance above the median, (x−median)/|median|, a
	// ratio must also have to be flagged, so that a tiny MAD does not turn noise into
	// outliers: "far more than its peers" is at least twice their median. Default 1.
	PeerRelFloor float64
	// YoYThreshold is the relative change between consecutive years above which yoy.swing
	// reports a metric, as a fraction (0.5 = ±50 %). Default 0.5.
	YoYThreshold float64
	// YoYMinAmount is the least absolute change, in yuan, for yoy.swing. Default 100000 (10万元).
	YoYMinAmount decimal.Decimal
	// DuplicateThreshold is the Jaccard similarity of token shingles at or above which two
	// sections of different departments are near-duplicates. Default 0.8.
	DuplicateThreshold float64
	// DuplicateMinTokens is the least number of characters (see Fingerprint.Tokens) a
	// section needs for text.duplicate. Default 30 (about two short sentences): shorter
	// sections are headings and boilerplate.
	DuplicateMinTokens int
	// Reference is the finance bureau's own figures (--reference); nil when none was given,
	// and reference.mismatch is then not_applicable.
	Reference []ReferenceRow
	// Expected is the list of units that must submit (--expected); nil when none was given,
	// and submission.missing is then not_applicable.
	Expected []ExpectedRow
	// Rules, when set, limits Prepare and Finish to the rules it accepts (by ID): the others
	// give neither findings nor checks. Nil runs every rule. The analysis shards run
	// ShardRule, their merge MergeRule.
	Rules func(id string) bool
	// Spill, when set, is where Prepare moves the bulk of each prepared report until Finish
	// reads it back (see Spill); nil keeps it in memory. Run does not use it.
	Spill *Spill
}

// runs reports whether the configuration runs the rule.
func (cfg Config) runs(rule *Rule) bool { return cfg.Rules == nil || cfg.Rules(rule.ID) }

// withDefaults returns cfg with its zero fields set to their defaults.
func (cfg Config) withDefaults() Config {
	if cfg.PeerMin <= 0 {
		cfg.PeerMin = 5
	}
	if cfg.PeerZ <= 0 {
		cfg.PeerZ = 3.5
	}
	if cfg.PeerRelFloor <= 0 {
		cfg.PeerRelFloor = 1
	}
	if cfg.YoYThreshold <= 0 {
		cfg.YoYThreshold = 0.5
	}
	if !cfg.YoYMinAmount.IsPositive() {
		cfg.YoYMinAmount = decimal.NewFromInt(100000)
	}
	if cfg.DuplicateThreshold <= 0 {
		cfg.DuplicateThreshold = 0.8
	}
	if cfg.DuplicateMinTokens <= 0 {
		cfg.DuplicateMinTokens = 30
	}
	return cfg
}

// Batch is the reports of one run with the indexes the rules share (resolved figures, peer
// groups, near-duplicate sections). Finish builds the indexes before the rules run; from then
// on the rules only read the Batch, on as many goroutines as there are cores.
type Batch struct {
	Reports []Report
	cfg     Config
	facts   []*facts

	// text.duplicate's matches, found once (duplicates) from the sections' fingerprints,
	// which are then let go.
	dupOnce      sync.Once
	dup          *dupIndex
	fingerprints [][]Fingerprint // per report, taken out of Reports

	// Indexes of the cross-report rules, built once by indexNames.
	depts, regions []string              // normalised department and region of each report
	byDept         map[string][]int      // reports by normalised department, in index order
	byDeptTail     map[string][]int      // reports by department and regionTail, in index order
	byYear         map[yearRegion][]int  // reports by year and region, in path order
	yearReports    map[int][]int         // reports by year, in index order
	yearTail       map[yearRegion][]int  // reports by year and regionTail, in index order
	peerMemo       map[int][]int         // peers(i)
	ratios         [][]peerValue         // ratios[i][k]: report i's value of peerRatios[k]
	totals         [][2]*decimal.Decimal // report i's known actual income.total, expenditure.total
	details        interner              // the checks' details, each once (ownDetail)
}

// totalMetrics are the metrics whose peers' values unit.suspect compares (Batch.totals).
var totalMetrics = [2]string{"income.total", "expenditure.total"}

// peerValue is a report's value of one peer ratio, as peer.outlier compares it.
type peerValue struct {
	f  float64
	ok bool
}

// failed reports whether report i could not be read.
func (b *Batch) failed(i int) bool { return b.Reports[i].Status == "failed" }

// Verdict is what a rule concluded about one report: an outcome, its detail, and the
// findings behind a flagged outcome.
type Verdict struct {
	Outcome  string
	Detail   string
	Findings []Finding
}

// Run applies every rule of the registry to every report and returns the findings and one
// check per report and rule. The order is deterministic: findings by severity (error,
// warning, info), department, path, rule, anomaly id; checks by path, rule.
func Run(reports []Report, cfg Config) ([]Finding, []Check) {
	cfg.Spill = nil
	ps := make([]*Prepared, len(reports))
	parallel(len(reports), func(i int) { ps[i] = Prepare(reports[i], cfg) })
	findings, checks, _ := Finish(ps, cfg) // without a Spill, Finish cannot fail
	return findings, checks.Slice()
}

// buildShared builds, before the rules run on several goroutines, every index of the batch
// that the rules would otherwise build lazily: department and region names, peer groups, and
// each report's peer ratios and totals. After it, the rules only read the Batch (the
// near-duplicate sections are found once, by duplicates).
// shareOne computes report i's known totals and peer ratios (Batch.totals, Batch.ratios):
// each is read once per peer.
func (b *Batch) shareOne(i int) {
	for k, m := range totalMetrics {
		if a, st := b.facts[i].get(m, extract.Actual, ""); st == known {
			// a copy: a pointer into a would keep its figures, and with them the report's
			// whole compact copy read back from the spill, until the end of the analysis
			v := a.v
			b.totals[i][k] = &v
		}
	}
	b.ratios[i] = make([]peerValue, len(peerRatios))
	if b.failed(i) {
		return
	}
	for k, pr := range peerRatios {
		if y, _, ok := b.ratio(i, pr); ok {
			f, _ := y.Float64()
			b.ratios[i][k] = peerValue{f, true}
		}
	}
}

// parallel calls f(i) for every i < n on GOMAXPROCS goroutines, in chunks.
func parallel(n int, f func(i int)) {
	const chunk = 32
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}

// verdict runs the rule on report i, handling what is common to all rules: a missing
// optional input, an unreadable report, and a rule that flags without findings.
func (rule *Rule) verdict(b *Batch, i int) Verdict {
	if rule.Input != "" && !rule.inputGiven(b.cfg) {
		return Verdict{Outcome: OutcomeNotApplicable, Detail: "未提供 --" + rule.Input + " 文件"}
	}
	if b.failed(i) {
		return Verdict{Outcome: OutcomeInsufficient, Detail: "报告未能读取（status failed）"}
	}
	v := rule.Check(b, i)
	switch {
	case len(v.Findings) > 0:
		v.Outcome = OutcomeFlagged
	case v.Outcome == OutcomeFlagged || v.Outcome == "":
		v.Outcome = OutcomeInsufficient
		if v.Detail == "" {
			v.Detail = "规则未得出结论"
		}
	}
	return v
}

func (rule *Rule) inputGiven(cfg Config) bool {
	switch rule.Input {
	case "reference":
		return cfg.Reference != nil
	case "expected":
		return cfg.Expected != nil
	}
	return true
}

// complete fills the fields every finding of the rule shares and its stable id.
func (rule *Rule) complete(f Finding, r *Report) Finding {
	f.Rule = rule.ID
	if severityRank[f.Severity] <= severityRank[rule.Severity] {
		f.Severity = rule.Severity // a check may lower a finding's severity, never raise it
	}
	if r != nil {
		f.ReportID = r.ReportID
		f.Path = r.Path
		if f.department == "" {
			f.department = r.Department
		}
	}
	f.Related = sortedUnique(f.Related)
	f.AnomalyID = anomalyID(f.Rule, f.ReportID, f.Related, f.Metrics, f.key)
	if f.Item == "" && !f.keyVolatile {
		f.Item = f.key
	}
	f.Item = strings.Clone(f.Item)
	// A finding outlives what it was made from: none of its texts may be a part of a
	// report's document, or of the batch's compact copy of it, which it would keep alive.
	f.key = ""
	f.Evidence = strings.Clone(f.Evidence)
	f.department = strings.Clone(f.department)
	for k, m := range f.Metrics {
		f.Metrics[k] = lexicon.own(m)
	}
	return f
}

// anomalyID is the first 16 hex characters of the SHA-256 of the rule, the report ids, the
// metrics and the item, separated by NUL bytes.
func anomalyID(rule, reportID string, related, metrics []string, key string) string {
	h := sha256.New()
	write := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	write(rule)
	write(reportID)
	for _, r := range related {
		write(r)
	}
	write("|")
	for _, m := range metrics {
		write(m)
	}
	write("|")
	write(key)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

var severityRank = map[string]int{SeverityError: 0, SeverityWarning: 1, SeverityInfo: 2}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if severityRank[a.Severity] != severityRank[b.Severity] {
			return severityRank[a.Severity] < severityRank[b.Severity]
		}
		if a.department != b.department {
			return a.department < b.department
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.AnomalyID != b.AnomalyID {
			return a.AnomalyID < b.AnomalyID
		}
		return findingRest(&a) < findingRest(&b)
	})
}

// findingRest is the rest of a finding's row, for the order of two findings alike in all
// the order's keys: their order then does not depend on the order they were found in.
func findingRest(f *Finding) string {
	dec := func(d *decimal.Decimal) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	return strings.Join([]string{f.ReportID, f.Message, f.Evidence, strings.Join(f.Related, ","), strings.Join(f.Metrics, ","),
		f.Item, dec(f.Expected), dec(f.Actual)}, "\x00")
}

// ofYear keeps the figures stated for the report's own year: a report that also recalls an
// older year (2022年度收入200万元 in a 2024 report) does not restate its figures by that.
// Figures with no year written and prior-year figures are kept, and all figures of a report
// whose year is unknown or whose figures name no figure for its year.
func ofYear(figs []extract.Figure, year int) []extract.Figure {
	own := false
	for _, f := range figs {
		if f.Year == year {
			own = true
			break
		}
	}
	if year == 0 || !own {
		return figs // no figure is written for the title's year: that is year.mismatch's matter
	}
	var out []extract.Figure
	for _, f := range figs {
		if f.Year != 0 && f.Year != year && normBasis(f.Basis) != extract.Prior {
			continue
		}
		out = append(out, f)
	}
	return out
}
