// Package review renders the analyst's views of one run's results: anomalies.xlsx (the
// findings, one row each, with a summary per report and the checks behind them) and
// report.html (one self-contained page with the run summary, the findings grouped by
// department, the files that could not be read and inline SVG charts).
//
// Both writers are deterministic: the same Input gives the same bytes. Nothing in the output
// depends on the clock, on map order or on the machine; a timestamp appears only when the
// caller puts one in Input.Generated.
package review

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// Input is one run's results as the views need them: every report read (including failed
// ones), the findings and the checks of analyze.Run.
type Input struct {
	Reports  []Report
	Findings []analyze.Finding
	Checks   []analyze.Check
	// Generated is shown as the time the run was made, e.g. "2025-03-01 14:30". Empty means
	// omitted: the views never read the clock themselves, so equal inputs give equal bytes.
	Generated string
	// OmittedFindings and OmittedChecks count the run's findings and checks left out of
	// Findings and Checks (a large batch's views show only the first ones); the views say
	// so, and where the rest are.
	OmittedFindings, OmittedChecks int

	// Reviews, when not nil, holds the review of each finding of Findings, at the same
	// index: its key, its disposition, whether it is new (Ledger.Review). Nil shows every
	// finding unreviewed.
	Reviews []Review
	// Compared is set when there was a previous list to compare with: 新增 and 已消除 mean
	// something only then.
	Compared bool
	// Cleared are the findings of earlier lists that no longer arise (Ledger.Cleared);
	// OmittedCleared counts those left out of it.
	Cleared        []Record
	OmittedCleared int
	// Problems are the review input that could not be used as it was (Ledger.Problems).
	Problems []Problem
	// ReviewStats counts the reviews of the whole run (not only of the findings shown).
	ReviewStats LedgerStats
}

// Report is one input file of the run: a row of the reports table with its resolved values.
type Report struct {
	// ReportID is the stable id of the reports table (hash of the file bytes).
	ReportID string
	// Path is the path relative to the input folder, /-separated.
	Path string
	// Format is docx, txt, md, doc, pdf ...
	Format string
	// Status is ok, partial or failed.
	Status string
	// Error says why the file failed or is partial; empty when ok.
	Error string
	// Department is the unit name as written in the report.
	Department string
	// Region is the county/city/province prefix when recoverable.
	Region string
	// Year is the fiscal year the report covers; 0 when unknown.
	Year int
	// Values is the resolved value per metric ID, actual basis (money in yuan).
	Values map[string]decimal.Decimal
	// Grade is the report's stated 自评等级, empty when none.
	Grade string
	// Evaluations are the report's self-evaluation tables (a run passes those of the first
	// reports only, up to what the views show).
	Evaluations []extract.Evaluation
}

// Report statuses of the reports table.
const (
	StatusOK      = "ok"
	StatusPartial = "partial"
	StatusFailed  = "failed"
)

// severityLabel is the Chinese name of a severity; severityRank orders error, warning, info.
var (
	severityLabel = map[string]string{analyze.SeverityError: "错误", analyze.SeverityWarning: "警告", analyze.SeverityInfo: "提示"}
	severityRank  = map[string]int{analyze.SeverityError: 0, analyze.SeverityWarning: 1, analyze.SeverityInfo: 2}
	severities    = []string{analyze.SeverityError, analyze.SeverityWarning, analyze.SeverityInfo}
	outcomeLabel  = map[string]string{
		analyze.OutcomeFlagged: "发现问题", analyze.OutcomePassed: "通过",
		analyze.OutcomeNotApplicable: "不适用", analyze.OutcomeInsufficient: "信息不足",
	}
	statusLabel = map[string]string{StatusOK: "正常", StatusPartial: "部分读取", StatusFailed: "读取失败"}
)

func labelOr(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

func rankOf(sev string) int {
	if r, ok := severityRank[sev]; ok {
		return r
	}
	return len(severityRank)
}

// metricLabel is "支出合计(expenditure.total)" for a vocabulary metric (analyze.MetricLabel),
// else the ID.
func metricLabel(id string) string {
	if analyze.MetricKind(id) != "" {
		return analyze.MetricLabel(id) + "(" + id + ")"
	}
	return id
}

// ruleInfo returns the registry's rules by ID and their registry order.
func ruleInfo() (map[string]analyze.Rule, map[string]int) {
	byID := map[string]analyze.Rule{}
	order := map[string]int{}
	for i, r := range analyze.Rules() {
		byID[r.ID] = r
		order[r.ID] = i
	}
	return byID, order
}

// run is an Input with the indexes both views share.
type run struct {
	in       Input
	reports  []*Report          // sorted by department, year, path
	byID     map[string]*Report // report id → report
	findings []*analyze.Finding // in.Findings sorted by severity, department, path, rule, id
	rules    map[string]analyze.Rule
	order    map[string]int // rule ID → registry position
	counts   map[string][3]int
	rv       map[*analyze.Finding]*Review // the review of each finding, from in.Reviews
}

func newRun(in Input) *run {
	r := &run{in: in, byID: map[string]*Report{}, counts: map[string][3]int{}}
	r.rules, r.order = ruleInfo()
	for i := range in.Reports {
		rep := &in.Reports[i]
		r.reports = append(r.reports, rep)
		if _, dup := r.byID[rep.ReportID]; !dup && rep.ReportID != "" {
			r.byID[rep.ReportID] = rep
		}
	}
	sort.SliceStable(r.reports, func(i, j int) bool {
		a, b := r.reports[i], r.reports[j]
		if a.Department != b.Department {
			return a.Department < b.Department
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.ReportID < b.ReportID
	})
	// pointers into in.Findings, not a copy of them
	r.findings = make([]*analyze.Finding, len(in.Findings))
	for i := range in.Findings {
		r.findings[i] = &in.Findings[i]
	}
	if len(in.Reviews) == len(in.Findings) && len(in.Reviews) > 0 {
		r.rv = make(map[*analyze.Finding]*Review, len(in.Findings))
		for i := range in.Findings {
			r.rv[&in.Findings[i]] = &in.Reviews[i]
		}
	}
	sort.SliceStable(r.findings, func(i, j int) bool {
		a, b := r.findings[i], r.findings[j]
		if rankOf(a.Severity) != rankOf(b.Severity) {
			return rankOf(a.Severity) < rankOf(b.Severity)
		}
		if da, db := r.department(a), r.department(b); da != db {
			return da < db
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.AnomalyID < b.AnomalyID
	})
	for _, f := range r.findings {
		c := r.counts[f.ReportID]
		if k := rankOf(f.Severity); k < 3 {
			c[k]++
		}
		r.counts[f.ReportID] = c
	}
	return r
}

// report is the report a finding concerns, or nil (submission.missing, unknown id).
func (r *run) report(f *analyze.Finding) *Report {
	if f.ReportID == "" {
		return nil
	}
	return r.byID[f.ReportID]
}

// review is a finding's review; the zero Review when the run has none.
func (r *run) review(f *analyze.Finding) Review {
	if rv, ok := r.rv[f]; ok {
		return *rv
	}
	return Review{}
}

// clearedNote says why a finding no longer arises when it may not be that the report was
// corrected: its file could not be read this time, or the batch has no report of its
// department and year.
func (r *run) clearedNote(c *Record) string {
	for _, rep := range r.reports {
		if rep.Path == c.Path && rep.Status == StatusFailed {
			return "该报告本次未能读取（" + labelOr(statusLabel, rep.Status) + "），问题是否已改正无法确认"
		}
	}
	if c.Department == "" {
		return ""
	}
	want := unit(c.Department, "")
	for _, rep := range r.reports {
		if rep.Year == c.Year && rep.Department != "" && unit(rep.Department, "") == want {
			return ""
		}
	}
	return "本次没有该部门该年度的报告，问题未再检查"
}

func (r *run) department(f *analyze.Finding) string {
	if rep := r.report(f); rep != nil {
		return rep.Department
	}
	return ""
}

func (r *run) ruleTitle(id string) string {
	if rule, ok := r.rules[id]; ok {
		return rule.Title
	}
	return ""
}

// related names the other reports of a finding: "部门 年度年" when known, else the id.
func (r *run) related(f *analyze.Finding) []string {
	out := make([]string, 0, len(f.Related))
	for _, id := range f.Related {
		if rep, ok := r.byID[id]; ok && rep.Department != "" {
			s := rep.Department
			if rep.Year > 0 {
				s += " " + strconv.Itoa(rep.Year) + "年"
			}
			out = append(out, s)
			continue
		}
		out = append(out, id)
	}
	return out
}

// metrics is the labels of a finding's metrics (metricLabel) joined with sep.
func metrics(f *analyze.Finding, sep string) string {
	ms := make([]string, len(f.Metrics))
	for i, m := range f.Metrics {
		ms[i] = metricLabel(m)
	}
	return strings.Join(ms, sep)
}

// value kinds of a finding's expected and actual.
const (
	kindMoney      = "money"   // yuan, shown in 万元
	kindPercent    = "percent" // already in percent
	kindFraction   = "fraction"
	kindPerPerson  = "perperson" // yuan per person, shown in 万元/人
	kindPerson     = "person"
	kindVehicle    = "vehicle"
	kindPoint      = "point"
	kindYear       = "year"
	kindSimilarity = "similarity"
	kindPlain      = "plain"
	// differences of percentages are percentage points
	kindPoints         = "pp"         // already in percent
	kindPointsFraction = "ppfraction" // a fraction, shown ×100
)

// diffKind is the kind of actual − expected for values of kind.
func diffKind(kind string) string {
	switch kind {
	case kindPercent:
		return kindPoints
	case kindFraction:
		return kindPointsFraction
	}
	return kind
}

// valueKind says what a finding's expected and actual measure, from its rule and metrics.
func valueKind(f *analyze.Finding) string {
	switch f.Rule {
	case "text.duplicate":
		return kindSimilarity
	case "year.mismatch":
		return kindYear
	case "percent.mismatch":
		return kindPercent
	case "peer.outlier":
		if len(f.Metrics) == 2 && analyze.MetricKind(f.Metrics[1]) == "money" {
			return kindFraction
		}
		return kindPerPerson
	}
	if len(f.Metrics) == 0 {
		return kindPlain
	}
	m := f.Metrics[0]
	switch analyze.MetricKind(m) {
	case "money":
		return kindMoney
	case "percent":
		return kindPercent
	case "point":
		return kindPoint
	case "count":
		if strings.HasPrefix(m, "vehicles.") {
			return kindVehicle
		}
		return kindPerson
	}
	return kindPlain
}

// wan converts yuan to 万元 exactly (a decimal shift, no float arithmetic).
func wan(yuan decimal.Decimal) decimal.Decimal { return yuan.Shift(-4) }

// displayValue converts a finding's value to the number shown for its kind, and the unit
// suffix that goes with it.
func displayValue(kind string, v decimal.Decimal) (decimal.Decimal, string) {
	switch kind {
	case kindMoney:
		return wan(v), "万元"
	case kindPerPerson:
		return wan(v), "万元/人"
	case kindFraction:
		return v.Shift(2), "%"
	case kindPercent:
		return v, "%"
	case kindPointsFraction:
		return v.Shift(2), "个百分点"
	case kindPoints:
		return v, "个百分点"
	case kindPerson:
		return v, "人"
	case kindVehicle:
		return v, "辆"
	case kindPoint:
		return v, "分"
	case kindYear:
		return v, "年"
	}
	return v, ""
}

// formatValue is a finding's value as text with its unit: 219.37万元, 12.50%, 8人.
func formatValue(kind string, v decimal.Decimal) string {
	d, unit := displayValue(kind, v)
	switch kind {
	case kindYear, kindPerson, kindVehicle:
		return d.Round(0).String() + unit
	case kindSimilarity, kindPlain:
		return d.StringFixed(4) + unit
	}
	return d.StringFixed(2) + unit
}

// signed prefixes a positive value with +.
func signed(s string, v decimal.Decimal) string {
	if v.IsPositive() {
		return "+" + s
	}
	return s
}

// diff is actual − expected, or nil when either side is missing.
func diff(f *analyze.Finding) *decimal.Decimal {
	if f.Expected == nil || f.Actual == nil {
		return nil
	}
	d := f.Actual.Sub(*f.Expected)
	return &d
}

// writeAtomic writes the bytes of write to a temporary file in path's directory and renames
// it over path, so a reader never sees a half-written file.
func writeAtomic(path string, write func(*os.File) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return fmt.Errorf("review: write %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("review: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("review: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("review: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("review: %w", err)
	}
	return nil
}

// sortStable sorts s stably by less.
func sortStable[T any](s []T, less func(a, b T) bool) {
	sort.SliceStable(s, func(i, j int) bool { return less(s[i], s[j]) })
}

// sortedKeys returns the keys of m in ascending order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
