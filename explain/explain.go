// Package explain shows what jixiao made of one report: every figure beside the sentence or
// table cell it came from, the claims (shares, changes, transfers), and what every analysis
// rule concluded about the report — `jixiao explain FILE`, the command a person runs when a
// number in the tables or on the review page looks wrong.
//
// The report is read, extracted and analysed as `jixiao run` does, but alone: the rules that
// compare a report with other reports (peers, last year's report, copied text, transfers
// between units) have nothing to compare it with, and say so.
package explain

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/batch"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/parse"
)

// Options says how File reads and analyses the report.
type Options struct {
	// Limits bound the reading of the file, as for `jixiao run`.
	Limits parse.Limits
	// Extractor finds the figures; it is required (extract.New).
	Extractor *extract.Extractor
	// Analysis configures the rules (the --reference figures); the pipeline's tokenizer is
	// of no use for one report.
	Analysis analyze.Config
}

// Explanation is everything jixiao read in one report and concluded about it. Its JSON form
// is what `jixiao explain --json` prints.
type Explanation struct {
	// Path is the file's base name: the path column of a run given this file alone.
	Path string `json:"path"`
	// ReportID is the report_id column: the first 16 hex characters of the SHA-256 of the
	// file. The anomaly ids below are those of a run over the same file.
	ReportID string `json:"report_id"`
	// Format and Encoding are what parse recognised (docx, txt …; utf-8, gb18030 …).
	Format   string `json:"format"`
	Encoding string `json:"encoding,omitempty"`
	// Status is ok or partial, as in the reports table; Missing names the key figures whose
	// absence makes it partial.
	Status  string   `json:"status"`
	Missing []string `json:"missing,omitempty"`
	// Identity is who wrote the report and for which year.
	Identity Identity `json:"identity"`
	// Metrics are the figures grouped by metric, in the vocabulary's order (metrics the
	// vocabulary does not know last, by ID).
	Metrics []MetricFigures `json:"metrics"`
	// Claims are the statements the analysis can verify, in document order.
	Claims []Claim `json:"claims"`
	// Evaluations are the report's self-evaluation tables (绩效自评表) as the indicators, funds
	// and evaluations tables hold them; Grade is the reports table's grade.
	Evaluations []Evaluation `json:"evaluations,omitempty"`
	Grade       string       `json:"grade,omitempty"`
	// Checks are every rule's outcome for this report, in the registry's order.
	Checks []Check `json:"checks"`
}

// Identity is the report's unit, region, year and title.
type Identity struct {
	Department string `json:"department"`
	Region     string `json:"region"`
	Year       int    `json:"year"`
	Title      string `json:"title"`
}

// MetricFigures are the figures of one metric.
type MetricFigures struct {
	Metric string `json:"metric"`
	// Label is the metric's Chinese name (analyze.MetricLabel).
	Label   string   `json:"label"`
	Figures []Figure `json:"figures"`
}

// Figure is one figure as the figures table holds it, with where it was read.
type Figure struct {
	Basis string `json:"basis"`
	Item  string `json:"item,omitempty"`
	Term  string `json:"term,omitempty"`
	// Value is normalised as in the figures table: money in yuan, counts, percent, points.
	Value decimal.Decimal `json:"value"`
	// Display is the value for people: money in 万元 with two decimals, else as stated.
	Display  string `json:"display"`
	Unit     string `json:"unit"`
	UnitText string `json:"unit_text"`
	Year     int    `json:"year,omitempty"`
	Location string `json:"location"`
	Method   string `json:"method"`
	// Resolved is set on the figure whose value is the metric's column in the reports table.
	Resolved bool `json:"resolved,omitempty"`
	// Raw is the sentence or table cell the figure came from; Mark is where in Raw its number
	// is written, when it could be found.
	Raw  string `json:"raw"`
	Mark *Span  `json:"mark,omitempty"`
}

// Span is a part of a text, in characters (Unicode code points) from its start, end excluded.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Claim is a share, change, transfer or carry-over stated in the report.
type Claim struct {
	// Kind is share, change, transfer, transfer_in or carryover.
	Kind   string `json:"kind"`
	Metric string `json:"metric"`
	Label  string `json:"label"`
	Basis  string `json:"basis,omitempty"`
	// Of is the denominator metric of a share, or the reference basis of a change.
	Of string `json:"of,omitempty"`
	// Percent is the stated percentage; Amount the stated amount in yuan.
	Percent *decimal.Decimal `json:"percent,omitempty"`
	Amount  *decimal.Decimal `json:"amount,omitempty"`
	// Direction is +1 for an increase, -1 for a decrease, 0 when not a change.
	Direction int    `json:"direction,omitempty"`
	Target    string `json:"target,omitempty"`
	Location  string `json:"location"`
	Raw       string `json:"raw"`
	Marks     []Span `json:"marks,omitempty"`
}

// Check is what one rule concluded about the report.
type Check struct {
	Rule     string `json:"rule"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	// CrossReport is set for the rules that compare reports with each other, which have
	// nothing to compare with when the report is explained alone.
	CrossReport bool `json:"cross_report,omitempty"`
	// Outcome is flagged, passed, not_applicable or insufficient; Detail says why (what was
	// missing, which input was not given).
	Outcome  string    `json:"outcome"`
	Detail   string    `json:"detail,omitempty"`
	Findings []Finding `json:"findings,omitempty"`
}

// Finding is one finding of a flagged check: a row of the anomalies table.
type Finding struct {
	AnomalyID string           `json:"anomaly_id"`
	Severity  string           `json:"severity"`
	Metrics   []string         `json:"metrics,omitempty"`
	Expected  *decimal.Decimal `json:"expected,omitempty"`
	Actual    *decimal.Decimal `json:"actual,omitempty"`
	Message   string           `json:"message"`
	Evidence  string           `json:"evidence,omitempty"`
}

// File reads, extracts and analyses the report at path. A file that cannot be read returns
// parse's error (parse.Message turns it into the reports table's message).
func File(ctx context.Context, path string, opts Options) (*Explanation, error) {
	if opts.Extractor == nil {
		return nil, fmt.Errorf("explain: no extractor")
	}
	doc, err := parse.ReadFile(ctx, path, opts.Limits)
	if err != nil {
		return nil, err
	}
	id, err := reportID(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	res, err := opts.Extractor.Extract(ctx, doc)
	if err != nil {
		return nil, fmt.Errorf("%s: extract: %w", path, err)
	}
	return Build(filepath.Base(path), id, doc, res, opts.Analysis), nil
}

// reportID is the report_id of the file at path: the SHA-256 of all its bytes, as batch
// computes it.
func reportID(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// Build explains a report already parsed and extracted: path and id are its path and
// report_id columns. It runs every rule of analyze on this report alone.
func Build(path, id string, doc *parse.Document, res *extract.Result, cfg analyze.Config) *Explanation {
	if res == nil {
		res = &extract.Result{}
	}
	e := &Explanation{
		Path: path, ReportID: id, Format: string(doc.Format), Encoding: doc.Encoding, Status: "ok",
		Identity: Identity{Department: res.Identity.Department, Region: res.Identity.Region,
			Year: res.Identity.Year, Title: res.Identity.Title},
		Metrics: []MetricFigures{}, Claims: []Claim{}, Checks: []Check{},
	}
	resolved := batch.Resolve(res.Figures)
	for _, m := range []string{"income.total", "expenditure.total"} { // a report without them is partial
		if _, ok := resolved[m]; !ok {
			e.Missing = append(e.Missing, m)
		}
	}
	if len(e.Missing) > 0 {
		e.Status = "partial"
	}
	e.Metrics = groupFigures(res.Figures, resolved)
	for _, c := range res.Claims {
		e.Claims = append(e.Claims, claimOf(c))
	}
	e.Evaluations = evaluationsOf(res.Evaluations)
	e.Grade = res.Grade
	rep := analyze.Report{ReportID: id, Path: path, Status: e.Status, Identity: res.Identity,
		Figures: res.Figures, Claims: res.Claims, Sections: res.Sections, Evaluations: res.Evaluations, Grade: res.Grade}
	findings, checks := analyze.Run([]analyze.Report{rep}, cfg)
	e.Checks = checksOf(findings, checks, id)
	return e
}

// groupFigures groups figs by metric in vocabulary order, each group in document order, and
// marks the figure each resolved value came from.
func groupFigures(figs []extract.Figure, resolved map[string]decimal.Decimal) []MetricFigures {
	byMetric := map[string][]Figure{}
	taken := map[string]bool{}
	for _, f := range figs {
		v := Figure{Basis: string(f.Basis), Item: f.Item, Term: f.Term, Value: f.Value, Display: display(f.Value, f.Unit),
			Unit: f.Unit, UnitText: f.UnitText, Year: f.Year, Location: f.Location, Method: f.Method, Raw: f.Raw}
		if r, ok := resolved[f.Metric]; ok && !taken[f.Metric] && f.Basis == extract.Actual && f.Item == "" && r.Equal(f.Value) {
			v.Resolved = true
			taken[f.Metric] = true
		}
		term := f.Term
		if f.Item != "" {
			term = f.Item
		}
		if start, end, ok := markAfter(f.Raw, f.Value, f.UnitText, term); ok {
			v.Mark = &Span{Start: start, End: end}
		}
		byMetric[f.Metric] = append(byMetric[f.Metric], v)
	}
	order := analyze.Metrics()
	var unknown []string
	for m := range byMetric {
		if !slices.Contains(order, m) {
			unknown = append(unknown, m)
		}
	}
	sort.Strings(unknown)
	out := []MetricFigures{}
	for _, m := range append(order, unknown...) {
		if fs := byMetric[m]; len(fs) > 0 {
			out = append(out, MetricFigures{Metric: m, Label: analyze.MetricLabel(m), Figures: fs})
		}
	}
	return out
}

// display is a figure's value for people: money in 万元 with two decimals, else as stated
// with its unit.
func display(v decimal.Decimal, unit string) string {
	switch unit {
	case extract.UnitYuan:
		return v.Shift(-4).StringFixed(2) + "万元"
	case extract.UnitPerson:
		return v.String() + "人"
	case extract.UnitVehicle:
		return v.String() + "辆"
	case extract.UnitPercent:
		return v.String() + "%"
	case extract.UnitPoint:
		return v.String() + "分"
	}
	return v.String()
}

func claimOf(c extract.Claim) Claim {
	out := Claim{Kind: string(c.Kind), Metric: c.Metric, Label: analyze.MetricLabel(c.Metric), Basis: string(c.Basis),
		Of: c.Of, Percent: c.Percent, Amount: c.Amount, Direction: c.Direction, Target: c.Target,
		Location: c.Location, Raw: c.Raw}
	if c.Percent != nil {
		if start, end, ok := markNumber(c.Raw, *c.Percent, "%"); ok {
			out.Marks = append(out.Marks, Span{Start: start, End: end})
		}
	}
	if c.Amount != nil {
		if start, end, ok := markMoney(c.Raw, *c.Amount); ok {
			out.Marks = append(out.Marks, Span{Start: start, End: end})
		}
	}
	sort.Slice(out.Marks, func(i, j int) bool { return out.Marks[i].Start < out.Marks[j].Start })
	return out
}

// checksOf pairs every rule of the registry with its check on report id and the findings
// behind it.
func checksOf(findings []analyze.Finding, checks []analyze.Check, id string) []Check {
	byRule := map[string]analyze.Check{}
	for _, c := range checks {
		if c.ReportID == id {
			byRule[c.Rule] = c
		}
	}
	var out []Check
	for _, rule := range analyze.Rules() {
		c, ok := byRule[rule.ID]
		if !ok {
			continue
		}
		v := Check{Rule: rule.ID, Title: rule.Title, Severity: rule.Severity, Outcome: c.Outcome,
			CrossReport: rule.Scope == analyze.ScopeBatch && rule.Input == ""}
		if c.Outcome != analyze.OutcomeFlagged {
			v.Detail = c.Detail
		}
		for _, f := range findings {
			if f.Rule == rule.ID && f.ReportID == id {
				v.Findings = append(v.Findings, Finding{AnomalyID: f.AnomalyID, Severity: f.Severity, Metrics: f.Metrics,
					Expected: f.Expected, Actual: f.Actual, Message: f.Message, Evidence: f.Evidence})
			}
		}
		out = append(out, v)
	}
	return out
}
