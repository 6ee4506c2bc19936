package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jixiao/jixiao/analyze"
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

// ViewRowsMax is the most findings, and the most checks, the views show. The workbook's
// sheets are streamed, but each sheet's rows are built in memory first (widths are fitted to
// them), so a country-wide batch — 10,000 reports give some 160,000 findings, mostly info,
// and 220,000 checks — would cost memory and time for a list no one reads in Excel. Above the cap the views keep the findings in their order (errors, then
// warnings, then info) and the checks that need a look (flagged, then insufficient, then the
// rest); the tables anomalies.parquet and checks.parquet always hold every row.
const ViewRowsMax = 50_000

// PageFindingsMax is the most findings report.html lists, fewer than the workbook: a page of
// 50,000 findings runs to 60 MB, more than a browser shows with ease. The page says how
// many it leaves out.
const PageFindingsMax = 10_000

// WriteViews writes the analyst's views of a run into out: anomalies.xlsx and report.html,
// each atomically. They are made from the same reports and analysis as the tables, with
// at most ViewRowsMax findings and checks (the page: PageFindingsMax findings).
func WriteViews(out string, reports []Report, a *Analysis) error {
	capped := capRows(a)
	in := reviewInput(reports, capped)
	if a != nil {
		in.OmittedFindings = len(a.Anomalies) - len(capped.Anomalies)
		in.OmittedChecks = len(a.Checks) - len(capped.Checks)
	}
	page := in
	if len(page.Findings) > PageFindingsMax {
		page.OmittedFindings += len(page.Findings) - PageFindingsMax
		page.Findings = page.Findings[:PageFindingsMax]
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

// startViews begins writing the views of a run into a hidden folder of cfg.Out.
func startViews(cfg Config, reports []Report, a *Analysis) (*pendingViews, error) {
	dir, err := os.MkdirTemp(cfg.Out, ".views-*")
	if err != nil {
		return nil, fmt.Errorf("write views: %w", err)
	}
	p := &pendingViews{dir: dir, done: make(chan error, 1)}
	go func() {
		t := time.Now()
		err := WriteViews(dir, reports, a)
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
	return nil
}

// discard waits for views not finished and removes the hidden folder.
func (p *pendingViews) discard() {
	if p.done != nil {
		<-p.done
	}
	os.RemoveAll(p.dir)
}

// capRows returns a with at most ViewRowsMax findings and checks (see ViewRowsMax).
func capRows(a *Analysis) *Analysis {
	if a == nil || (len(a.Anomalies) <= ViewRowsMax && len(a.Checks) <= ViewRowsMax) {
		return a
	}
	capped := &Analysis{Anomalies: a.Anomalies[:min(len(a.Anomalies), ViewRowsMax)], Checks: a.Checks}
	if len(a.Checks) > ViewRowsMax {
		rank := map[string]int{analyze.OutcomeFlagged: 0, analyze.OutcomeInsufficient: 1}
		keep := make([]bool, len(a.Checks))
		n := 0
		for r := 0; r <= 2 && n < ViewRowsMax; r++ {
			for i, c := range a.Checks {
				cr, ok := rank[c.Outcome]
				if !ok {
					cr = 2
				}
				if cr == r && n < ViewRowsMax {
					keep[i] = true
					n++
				}
			}
		}
		capped.Checks = make([]tables.CheckRow, 0, n)
		for i, c := range a.Checks {
			if keep[i] {
				capped.Checks = append(capped.Checks, c)
			}
		}
	}
	return capped
}

func reviewInput(reports []Report, a *Analysis) review.Input {
	var in review.Input
	for i := range reports {
		r := &reports[i]
		rr := review.Report{ReportID: r.ID, Path: r.Path, Format: r.Format, Status: string(r.Status), Error: r.Error, Values: r.Values()}
		if r.Result != nil {
			id := r.Result.Identity
			rr.Department, rr.Region, rr.Year = id.Department, id.Region, id.Year
		}
		in.Reports = append(in.Reports, rr)
	}
	if a == nil {
		return in
	}
	for _, f := range a.Anomalies {
		in.Findings = append(in.Findings, analyze.Finding{
			AnomalyID: f.AnomalyID, Rule: f.Rule, Severity: f.Severity, ReportID: f.ReportID, Path: f.Path,
			Related: f.Related, Metrics: f.Metrics, Expected: f.Expected, Actual: f.Actual,
			Message: f.Message, Evidence: f.Evidence,
		})
	}
	for _, c := range a.Checks {
		in.Checks = append(in.Checks, analyze.Check{ReportID: c.ReportID, Path: c.Path, Rule: c.Rule, Outcome: c.Outcome, Detail: c.Detail})
	}
	return in
}
