package batch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/tables"
	"github.com/shopspring/decimal"
)

// Rules returns the analysis step of a run: package analyze's rules, their findings and
// checks as rows of the anomalies and checks tables. Each report is prepared on the worker
// that read it (analyze.Prepare: the rules about it alone, and what the others need of
// it), so that the run keeps of it only that, and the rules across reports run at the end
// (analyze.Finish).
func Rules(cfg analyze.Config) Analyzer { return rules{cfg} }

type rules struct{ cfg analyze.Config }

func (a rules) Prepare(r *Report) {
	r.prepared = analyze.Prepare(analysisInput(r), a.cfg)
}

func (a rules) Analyze(ctx context.Context, reports []Report) (*Analysis, error) {
	ps := make([]*analyze.Prepared, len(reports))
	var todo []int
	for i := range reports {
		if ps[i] = reports[i].prepared; ps[i] == nil {
			todo = append(todo, i)
		}
	}
	parallelDo(len(todo), func(k int) {
		ps[todo[k]] = analyze.Prepare(analysisInput(&reports[todo[k]]), a.cfg)
	})
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("analysis interrupted: %w", err)
	}
	findings, checks, err := analyze.Finish(ps, a.cfg)
	if err != nil {
		return nil, err
	}
	out := analysisRows(findings, checks)
	setReviewKeys(out.Anomalies, findings, reports)
	return out, nil
}

// withSpill returns the analysis step with the bulk of prepared reports kept in s.
func (a rules) withSpill(s *analyze.Spill) Analyzer {
	a.cfg.Spill = s
	return a
}

// analysisInput is what analyze needs of one report.
func analysisInput(r *Report) analyze.Report {
	a := analyze.Report{ReportID: r.ID, Path: r.Path, Status: string(r.Status)}
	if r.Result != nil {
		a.Identity = r.Result.Identity
		a.Figures = r.Result.Figures
		a.Claims = r.Result.Claims
		a.Sections = r.Result.Sections
		a.Evaluations = r.Result.Evaluations
		a.Grade = r.Result.Grade
	}
	return a
}

func analysisRows(findings []analyze.Finding, checks *analyze.Checks) *Analysis {
	out := &Analysis{
		Anomalies: make([]tables.AnomalyRow, len(findings)),
		Checks:    checks, // written as they are kept (a national year has millions)
	}
	for i, f := range findings {
		out.Anomalies[i] = tables.AnomalyRow{
			AnomalyID: f.AnomalyID, Rule: f.Rule, Severity: f.Severity, ReportID: f.ReportID, Path: f.Path,
			Related: f.Related, Metrics: f.Metrics, Expected: f.Expected, Actual: f.Actual,
			Message: f.Message, Evidence: f.Evidence,
		}
	}
	return out
}

// ClaimRows returns the report's rows of the claims table.
func (r *Report) ClaimRows() []tables.ClaimRow {
	if r.Result == nil {
		return nil
	}
	rows := make([]tables.ClaimRow, len(r.Result.Claims))
	for i, c := range r.Result.Claims {
		rows[i] = tables.ClaimRow{
			ReportID: r.ID, Path: r.Path, Kind: string(c.Kind), Metric: c.Metric, Basis: string(c.Basis),
			Of: c.Of, Percent: c.Percent, PercentDecimals: int32(c.PercentDecimals), Amount: c.Amount, Base: c.Base,
			AmountTol: nonZero(c.AmountTol), BaseTol: nonZero(c.BaseTol),
			Direction: int32(c.Direction), Target: c.Target, Raw: c.Raw, Location: c.Location,
		}
	}
	return rows
}

// SectionRows returns the report's rows of the sections table.
func (r *Report) SectionRows() []tables.SectionRow {
	if r.Result == nil {
		return nil
	}
	rows := make([]tables.SectionRow, len(r.Result.Sections))
	for i, s := range r.Result.Sections {
		rows[i] = tables.SectionRow{ReportID: r.ID, Path: r.Path, Heading: s.Heading, Text: s.Text, Location: s.Location}
	}
	return rows
}

// Load rebuilds the reports of an earlier run from the tables in out (reports, figures,
// claims, sections and the self-evaluation tables), sorted by path then report_id, so that analysis can run again
// without the documents. out may hold the tables of one run (out/figures.parquet) or a
// dataset of sharded runs (out/figures/report_year=2024/part-0.parquet, …, every part of
// every shard), which Load merges.
func Load(out string) ([]Report, error) { return loadWhere(out, nil) }

// loadWhere is Load of the reports whose resultKey is in keep (every report when keep is nil).
func loadWhere(out string, keep map[string]bool) ([]Report, error) {
	tf, err := datasetFiles(out)
	if err != nil {
		return nil, err
	}
	if len(tf.reports) == 0 {
		return nil, fmt.Errorf("read %s: no %s and no partitioned %s folder", out, tables.ReportsFile, tables.Name[tables.ReportRow]())
	}
	reports, err := loadKept(tf, keep)
	if err != nil {
		return nil, err
	}
	if len(tf.reports) > 1 {
		slices.SortStableFunc(reports, func(a, b Report) int {
			return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.ID, b.ID))
		})
	}
	return reports, nil
}

// tableFiles are the Parquet files of the data tables of a run or a dataset.
type tableFiles struct {
	reports, figures, claims, sections []string
	evaluations, indicators, funds     []string
}

// datasetFiles lists every file of the data tables in out (tables.DatasetFiles).
func datasetFiles(out string) (tf tableFiles, err error) {
	var errs [7]error
	tf.reports, errs[0] = tables.DatasetFiles[tables.ReportRow](out)
	tf.figures, errs[1] = tables.DatasetFiles[tables.FigureRow](out)
	tf.claims, errs[2] = tables.DatasetFiles[tables.ClaimRow](out)
	tf.sections, errs[3] = tables.DatasetFiles[tables.SectionRow](out)
	tf.evaluations, errs[4] = tables.DatasetFiles[tables.EvaluationRow](out)
	tf.indicators, errs[5] = tables.DatasetFiles[tables.IndicatorRow](out)
	tf.funds, errs[6] = tables.DatasetFiles[tables.FundsRow](out)
	return tf, errors.Join(errs[:]...)
}

// readAll reads the files of one table, one after the other.
func readAll[R tables.Row](files []string) ([]R, error) {
	var rows []R
	err := scanAll(files, func(batch []R) error {
		rows = append(rows, batch...)
		return nil
	})
	return rows, err
}

// scanAll scans the files of one table, one after the other (tables.Scan).
func scanAll[R tables.Row](files []string, fn func([]R) error) error {
	for _, f := range files {
		if err := tables.Scan(f, fn); err != nil {
			return err
		}
	}
	return nil
}

// loadFiles rebuilds reports from the rows of the tables' files, in the reports' file order.
// The figures, claims and sections are taken a batch of rows at a time: the rows of a
// whole table are never held beside the reports made of them.
func loadFiles(tf tableFiles) ([]Report, error) { return loadKept(tf, nil) }

// loadKept is loadFiles of the reports whose resultKey is in keep (every report when keep is
// nil), in the reports' file order.
func loadKept(tf tableFiles, keep map[string]bool) ([]Report, error) {
	rows, err := readAll[tables.ReportRow](tf.reports)
	if err != nil {
		return nil, err
	}
	if keep != nil {
		rows = slices.DeleteFunc(rows, func(r tables.ReportRow) bool { return !keep[resultKey(r.ReportID, r.Path)] })
	}
	reports := make([]Report, len(rows))
	index := make(map[string]*extract.Result, len(rows))
	for i, row := range rows {
		reports[i] = Report{ID: row.ReportID, Path: row.Path, Format: row.Format, Status: Status(row.Status), Error: row.Error, Chars: row.Chars}
		if reports[i].Status == StatusFailed {
			continue
		}
		res := &extract.Result{Identity: extract.Identity{Title: row.Title, Department: row.Department, Region: row.Region, Year: int(row.Year)},
			Grade: row.Grade}
		reports[i].Result = res
		index[resultKey(row.ReportID, row.Path)] = res
	}
	err = attach(tf.figures, index, func(f *tables.FigureRow) (string, string) { return f.ReportID, f.Path },
		func(res *extract.Result, f *tables.FigureRow) {
			res.Figures = append(res.Figures, extract.Figure{
				Metric: f.Metric, Basis: extract.Basis(f.Basis), Item: f.Item, Term: f.Term, Value: f.Value,
				Unit: f.Unit, UnitText: f.UnitText, Raw: f.Raw, Location: f.Location, Method: f.Method,
				Year: int(f.Year), Decimals: int(f.Decimals), BasisText: f.BasisText, Part: f.Part,
			})
		})
	if err == nil {
		err = attach(tf.claims, index, func(c *tables.ClaimRow) (string, string) { return c.ReportID, c.Path },
			func(res *extract.Result, c *tables.ClaimRow) {
				res.Claims = append(res.Claims, extract.Claim{
					Kind: extract.ClaimKind(c.Kind), Metric: c.Metric, Basis: extract.Basis(c.Basis), Of: c.Of,
					Percent: c.Percent, PercentDecimals: int(c.PercentDecimals), Amount: c.Amount, Base: c.Base,
					AmountTol: orZero(c.AmountTol), BaseTol: orZero(c.BaseTol),
					Direction: int(c.Direction), Target: c.Target, Raw: c.Raw, Location: c.Location,
				})
			})
	}
	if err == nil {
		err = attach(tf.sections, index, func(s *tables.SectionRow) (string, string) { return s.ReportID, s.Path },
			func(res *extract.Result, s *tables.SectionRow) {
				res.Sections = append(res.Sections, extract.Section{Heading: s.Heading, Text: s.Text, Location: s.Location})
			})
	}
	if err == nil {
		err = attach(tf.evaluations, index, func(e *tables.EvaluationRow) (string, string) { return e.ReportID, e.Path }, addEvaluation)
	}
	if err == nil {
		err = attach(tf.indicators, index, func(in *tables.IndicatorRow) (string, string) { return in.ReportID, in.Path }, addIndicator)
	}
	if err == nil {
		err = attach(tf.funds, index, func(f *tables.FundsRow) (string, string) { return f.ReportID, f.Path }, addFunds)
	}
	if err != nil {
		return nil, err
	}
	sortEvaluations(reports)
	return reports, nil
}

// attach scans the files of one table and adds each row to the Result of its report (by
// report_id and path; rows of failed or unknown reports are passed over).
func attach[R tables.Row](files []string, index map[string]*extract.Result, key func(*R) (id, path string), add func(*extract.Result, *R)) error {
	return scanAll(files, func(rows []R) error {
		for i := range rows {
			if res := index[resultKey(key(&rows[i]))]; res != nil {
				add(res, &rows[i])
			}
		}
		return nil
	})
}

// resultKey identifies a report across tables: the same file copied twice into a batch has
// one report_id and two paths.
func resultKey(id, path string) string { return id + "\x00" + path }

// Reanalyze re-runs analysis over the tables an earlier run wrote into out and replaces its
// anomalies and checks tables, atomically: `jixiao analyze OUT`.
func Reanalyze(ctx context.Context, out string, cfg analyze.Config) (*Analysis, []Report, error) {
	reports, err := Load(out)
	if err != nil {
		return nil, nil, err
	}
	// Prepared as a run prepares them, and then kept as a run keeps them: the documents'
	// figures, claims and sections go once the rules about each report have run, their
	// bulk into a temporary file of out until the rules across reports read it back.
	spill, err := analyze.NewSpill(out)
	if err != nil {
		return nil, nil, err
	}
	defer spill.Close()
	cfg.Spill = spill
	prepareRetained(reports, cfg)
	a, err := rules{cfg}.Analyze(ctx, reports)
	if err != nil {
		return nil, nil, err
	}
	if err := WriteAnalysis(ctx, out, a); err != nil {
		return nil, nil, err
	}
	return a, reports, nil
}

// prepareRetained prepares every report with cfg's rules, on every core, and keeps of each
// what a run keeps for the views (within the views' budget): the rest is in cfg.Spill.
func prepareRetained(reports []Report, cfg analyze.Config) {
	parallelDo(len(reports), func(i int) {
		reports[i].prepared = analyze.Prepare(analysisInput(&reports[i]), cfg)
	})
	budget := newViewBudget()
	for i := range reports {
		k := reports[i].retained(false)
		budget.keep(&k, &reports[i])
		reports[i] = k
	}
}

// WriteAnalysis writes the anomalies and checks tables into out, each atomically.
func WriteAnalysis(ctx context.Context, out string, a *Analysis) error {
	if err := interrupted(ctx); err != nil {
		return err
	}
	aw, err := tables.Create[tables.AnomalyRow](out)
	if err != nil {
		return err
	}
	cw, err := tables.Create[tables.CheckRow](out)
	if err != nil {
		return errors.Join(err, aw.Abort())
	}
	if err := errors.Join(aw.Write(a.Anomalies...), writeChecks(cw, a.Checks), aw.Finish(), cw.Finish()); err != nil {
		return errors.Join(err, aw.Abort(), cw.Abort())
	}
	if err := aw.Close(); err != nil {
		return errors.Join(err, cw.Abort())
	}
	return cw.Close()
}

// Findings counts the findings of an analysis by severity.
func (a *Analysis) Findings() (errs, warnings, infos int) {
	if a == nil {
		return 0, 0, 0
	}
	for _, f := range a.Anomalies {
		switch f.Severity {
		case analyze.SeverityError:
			errs++
		case analyze.SeverityWarning:
			warnings++
		default:
			infos++
		}
	}
	return errs, warnings, infos
}

// parallelDo calls f(k) for every k < n on GOMAXPROCS goroutines.
func parallelDo(n int, f func(k int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for k := range next {
				f(k)
			}
		})
	}
	for k := range n {
		next <- k
	}
	close(next)
	wg.Wait()
}

// nonZero is d as an optional column value: nil when zero.
func nonZero(d decimal.Decimal) *decimal.Decimal {
	if d.IsZero() {
		return nil
	}
	return &d
}

// orZero is an optional column value as a decimal: zero when nil.
func orZero(d *decimal.Decimal) decimal.Decimal {
	if d == nil {
		return decimal.Zero
	}
	return *d
}
