package batch

import (
	"fmt"
	"path/filepath"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/review"
)

// File names of the analyst's views in the output folder.
const (
	// XLSXFile is the anomaly list as a workbook (package review).
	XLSXFile = "anomalies.xlsx"
	// HTMLFile is the self-contained review page (package review).
	HTMLFile = "report.html"
)

// WriteViews writes the analyst's views of a run into out: anomalies.xlsx and report.html,
// each atomically. They are made from the same reports and analysis as the tables.
func WriteViews(out string, reports []Report, a *Analysis) error {
	in := reviewInput(reports, a)
	if err := review.WriteXLSX(filepath.Join(out, XLSXFile), in); err != nil {
		return fmt.Errorf("write %s: %w", XLSXFile, err)
	}
	if err := review.WriteHTML(filepath.Join(out, HTMLFile), in); err != nil {
		return fmt.Errorf("write %s: %w", HTMLFile, err)
	}
	return nil
}

func reviewInput(reports []Report, a *Analysis) review.Input {
	var in review.Input
	for i := range reports {
		r := &reports[i]
		rr := review.Report{ReportID: r.ID, Path: r.Path, Format: r.Format, Status: string(r.Status), Error: r.Error, Values: r.Values()}
		if r.Result != nil {
			id := r.Result.Identity
			rr.Department, rr.Region, rr.Year = id.Department, id.Region, id.Year
			rr.Figures = r.Result.Figures
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
