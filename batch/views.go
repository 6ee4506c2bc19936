package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/review"
	"github.com/jixiao/jixiao/tables"
)

// File names of the analyst's views in the output folder.
const (
	// XLSXFile is the anomaly list as a workbook (package review).
	XLSXFile = "anomalies.xlsx"
	// HTMLFile is the self-contained review page (package review).
	HTMLFile = "report.html"
)

// ViewRowsMax is the most findings, and the most checks, the views show. The views keep
// the rows they show in memory while they are written (the workbook's rows are streamed,
// but made twice: once to fit the column widths), so a country-wide batch — 10,000 reports
// give some 160,000 findings, mostly info, and 220,000 checks — would cost memory and time
// for a list no one reads in Excel. Above the cap the views keep the findings in their
// order (errors, then warnings, then info) and the checks that need a look (flagged, then
// insufficient, then the rest); the tables anomalies.parquet and checks.parquet always hold
// every row.
const ViewRowsMax = 50_000

// PageFindingsMax is the most findings report.html lists, fewer than the workbook: a page of
// 50,000 findings runs to 60 MB, more than a browser shows with ease. The page says how
// many it leaves out.
const PageFindingsMax = 10_000

// WriteViews writes the analyst's views of a run into out: anomalies.xlsx and report.html,
// each atomically. They are made from the same reports and analysis as the tables, with
// at most ViewRowsMax findings and checks (the page: PageFindingsMax findings).
//
// The dispositions of the findings are carried over from the reviews table and the workbook
// in out (WriteViewsReviewed), and the reviews table is written anew.
func WriteViews(out string, reports []Report, a *Analysis) error {
	return WriteViewsReviewed(out, reports, a, Reviews{}, nil)
}

// WriteViewsReviewed writes the views of a run into out as WriteViews does, taking the
// analysts' dispositions from out's reviews table and workbook, then from rv.Files, and
// writes out's reviews table (reviews.parquet) before the views. logger (nil: none) is told
// what came of the review input.
func WriteViewsReviewed(out string, reports []Report, a *Analysis, rv Reviews, logger *slog.Logger) error {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	in := viewInput(reports, a)
	if a != nil {
		r := loadReviews(out, rv, reports, a, logger)
		if err := writeReviews(out, r, a); err != nil {
			return fmt.Errorf("write %s: %w", tables.ReviewsFile, err)
		}
		r.addToViews(&in, ViewRowsMax)
		if err := writeViews(out, in); err != nil {
			return err
		}
		return writeBookSum(out, len(in.Problems))
	}
	return writeViews(out, in)
}

// writeViews writes the views of in into out (see WriteViews); the page lists the first
// PageFindingsMax findings of in.
func writeViews(out string, in review.Input) error {
	page := in
	page.Checks = nil // the page shows no checks
	if len(page.Findings) > PageFindingsMax {
		page.OmittedFindings += len(page.Findings) - PageFindingsMax
		// A copy: the workbook lets its findings go once their sheet is written, while
		// the page may still be written.
		page.Findings = slices.Clone(page.Findings[:PageFindingsMax])
		if len(page.Reviews) > PageFindingsMax {
			page.Reviews = slices.Clone(page.Reviews[:PageFindingsMax])
		}
	}
	if len(page.Cleared) > PageFindingsMax {
		page.OmittedCleared += len(page.Cleared) - PageFindingsMax
		page.Cleared = page.Cleared[:PageFindingsMax]
	}
	// The two views are independent: the page is written while the workbook is built.
	htmlErr := make(chan error, 1)
	go func() {
		if err := review.WriteHTML(filepath.Join(out, HTMLFile), page); err != nil {
			htmlErr <- fmt.Errorf("write %s: %w", HTMLFile, err)
			return
		}
		htmlErr <- nil
	}()
	var xlsxErr error
	if err := review.WriteXLSX(filepath.Join(out, XLSXFile), in); err != nil {
		xlsxErr = fmt.Errorf("write %s: %w", XLSXFile, err)
	}
	return errors.Join(xlsxErr, <-htmlErr)
}

// pendingViews are the views of a run being written into a hidden folder of the output
// folder while the tables are written (startViews), to be moved into place (finish).
type pendingViews struct {
	dir  string
	done chan error
}

// startViews begins writing the views of a run into a hidden folder of cfg.Out. The views
// keep nothing of a but copies of the rows they show: a's other rows may be let go.
func startViews(cfg Config, reports []Report, a *Analysis, rv *reviewed) (*pendingViews, error) {
	dir, err := os.MkdirTemp(cfg.Out, ".views-*")
	if err != nil {
		return nil, fmt.Errorf("write views: %w", err)
	}
	p := &pendingViews{dir: dir, done: make(chan error, 1)}
	in := viewInput(reports, a)
	rv.addToViews(&in, ViewRowsMax)
	go func() {
		t := time.Now()
		err := writeViews(dir, in)
		if err == nil && rv != nil {
			err = writeBookSum(dir, len(in.Problems))
		}
		cfg.Logger.Debug("views written", "took", time.Since(t).Round(time.Millisecond))
		p.done <- err
	}()
	return p, nil
}

// finish waits for the views and moves them into out. A nil p does nothing.
func (p *pendingViews) finish(out string) error {
	if p == nil {
		return nil
	}
	err := <-p.done
	p.done = nil
	if err != nil {
		return err
	}
	for _, name := range []string{XLSXFile, HTMLFile} {
		if err := os.Rename(filepath.Join(p.dir, name), filepath.Join(out, name)); err != nil {
			return fmt.Errorf("write views: %w", err)
		}
	}
	// the workbook's sum, or none: a sum left from an earlier workbook would only make the
	// next run read this one, but it says something untrue
	err = os.Rename(filepath.Join(p.dir, bookSumFile), filepath.Join(out, bookSumFile))
	if errors.Is(err, fs.ErrNotExist) {
		err = os.Remove(filepath.Join(out, bookSumFile))
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write views: %w", err)
	}
	return nil
}

// discard waits for views not finished and removes the hidden folder.
func (p *pendingViews) discard() {
	if p.done != nil {
		<-p.done
	}
	os.RemoveAll(p.dir)
}

// viewInput is what the views show of a run: every report, and at most ViewRowsMax findings
// and checks of a (see ViewRowsMax), copied, with the number of those left out.
func viewInput(reports []Report, a *Analysis) review.Input {
	in := review.Input{Reports: make([]review.Report, len(reports))}
	for i := range reports {
		r := &reports[i]
		rr := review.Report{ReportID: r.ID, Path: r.Path, Format: r.Format, Status: string(r.Status), Error: r.Error, Values: r.Values()}
		if r.Result != nil {
			id := r.Result.Identity
			rr.Department, rr.Region, rr.Year = id.Department, id.Region, id.Year
			rr.Grade = r.Result.Grade
			rr.Evaluations = r.Result.Evaluations
		}
		in.Reports[i] = rr
	}
	if a == nil {
		return in
	}
	// the findings are in their order already: errors, then warnings, then info
	in.Findings = make([]analyze.Finding, min(len(a.Anomalies), ViewRowsMax))
	for i := range in.Findings {
		f := &a.Anomalies[i]
		in.Findings[i] = analyze.Finding{
			AnomalyID: f.AnomalyID, Rule: f.Rule, Severity: f.Severity, ReportID: f.ReportID, Path: f.Path,
			Related: f.Related, Metrics: f.Metrics, Expected: f.Expected, Actual: f.Actual,
			Message: f.Message, Evidence: f.Evidence,
		}
	}
	in.Checks = viewChecks(a.Checks)
	in.OmittedFindings = len(a.Anomalies) - len(in.Findings)
	in.OmittedChecks = a.Checks.Len() - len(in.Checks)
	return in
}

// viewChecks returns at most ViewRowsMax of checks, in their order: the flagged ones first,
// then those with insufficient data, then the rest.
func viewChecks(checks *analyze.Checks) []analyze.Check {
	rank := func(c *tables.CheckRow) int {
		switch c.Outcome {
		case analyze.OutcomeFlagged:
			return 0
		case analyze.OutcomeInsufficient:
			return 1
		}
		return 2
	}
	// keep[k] is how many checks of rank k are kept: the first ones of each rank
	var keep [3]int
	for i := range checks.Len() {
		c := checks.At(i)
		keep[rank(&c)]++
	}
	left := ViewRowsMax
	for k := range keep {
		keep[k] = min(keep[k], left)
		left -= keep[k]
	}
	out := make([]analyze.Check, 0, min(checks.Len(), ViewRowsMax))
	for i := range checks.Len() {
		c := checks.At(i)
		if k := rank(&c); keep[k] > 0 {
			keep[k]--
			out = append(out, c)
		}
	}
	return out
}

// viewBudget is how much of the reports' self-evaluation tables a run keeps for the views
// once the tables are written: the tables of the first reports, up to
// review.IndicatorRowsMax indicator rows (what the workbook's sheet of indicators shows;
// the page shows fewer). Reports come in the tables' order, so the same reports are kept
// from one run to the next.
type viewBudget struct{ rows int }

func newViewBudget() *viewBudget { return &viewBudget{rows: review.IndicatorRowsMax} }

// keep gives the retained report k a copy of src's self-evaluation tables, as long as the
// budget lasts. The copy holds no text of the document: its strings are cloned.
func (b *viewBudget) keep(k *Report, src *Report) {
	if b == nil || b.rows <= 0 || src.Result == nil || len(src.Result.Evaluations) == 0 || k.Result == nil {
		return
	}
	evs := make([]extract.Evaluation, 0, len(src.Result.Evaluations))
	for _, ev := range src.Result.Evaluations {
		evs = append(evs, cloneEvaluation(ev))
		b.rows -= len(ev.Indicators) + len(ev.Funds)
	}
	res := *k.Result
	res.Evaluations = evs
	k.Result = &res
}

// cloneEvaluation copies a table with every string cloned.
func cloneEvaluation(ev extract.Evaluation) extract.Evaluation {
	c := strings.Clone
	ev.Table, ev.Scope, ev.Grade, ev.ExecutionScoring, ev.Raw, ev.Location = c(ev.Table), c(ev.Scope), c(ev.Grade), c(ev.ExecutionScoring), c(ev.Raw), c(ev.Location)
	inds := make([]extract.Indicator, len(ev.Indicators))
	for i, in := range ev.Indicators {
		in.Level1, in.Level2, in.Name, in.Target, in.Actual = c(in.Level1), c(in.Level2), c(in.Name), c(in.Target), c(in.Actual)
		in.Comparator, in.UnitText, in.ActualUnit, in.Raw, in.Location = c(in.Comparator), c(in.UnitText), c(in.ActualUnit), c(in.Raw), c(in.Location)
		inds[i] = in
	}
	ev.Indicators = inds
	funds := make([]extract.FundsRow, len(ev.Funds))
	for i, f := range ev.Funds {
		f.Source, f.Label, f.UnitText, f.Block, f.Raw, f.Location = c(f.Source), c(f.Label), c(f.UnitText), c(f.Block), c(f.Raw), c(f.Location)
		funds[i] = f
	}
	ev.Funds = funds
	return ev
}
