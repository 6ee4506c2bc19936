// Package batch runs jixiao over a batch of submitted reports: it finds the
// input files, reads and extracts each one on a pool of workers, and writes
// the reports and figures tables into the output folder.
//
// A run has three steps, each usable on its own:
//
//	col, err := Collect(ctx, cfg)                     // every input file becomes one Report, sorted
//	analysis, err := cfg.Analyze(ctx, col.Reports)    // optional: cross-report checks (package analyze)
//	err = Write(ctx, cfg.Out, col.Reports, analysis)  // the Parquet tables, atomically
//
// Run does all three. Every input file gives exactly one Report, whatever
// happens to it: a file that cannot be read, that panics the parser or that
// takes longer than Config.FileTimeout is a failed Report with a plain
// message, never a crash and never dropped. The order of the Reports (by path,
// then report_id) and therefore the bytes of the tables do not depend on
// worker timing: the same input gives byte-identical files.
package batch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"time"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/parse"
	"github.com/jixiao/jixiao/tables"
)

// DefaultFileTimeout is the time one file may take when Config.FileTimeout is zero.
const DefaultFileTimeout = 60 * time.Second

// ErrConfig marks a run that cannot start because of how it was asked for:
// no inputs, an input that does not exist, no output folder. A command line
// reports it as a usage error.
var ErrConfig = errors.New("invalid run configuration")

// configError is an ErrConfig with its own message, e.g. "input x does not exist".
type configError struct {
	msg   string
	cause error
}

func (e *configError) Error() string        { return e.msg }
func (e *configError) Is(target error) bool { return target == ErrConfig }
func (e *configError) Unwrap() error        { return e.cause }

func configErrorf(cause error, format string, args ...any) error {
	return &configError{msg: fmt.Sprintf(format, args...), cause: cause}
}

// Extractor finds the figures of one parsed document. *extract.Extractor is
// the implementation; tests substitute their own.
type Extractor interface {
	Extract(ctx context.Context, doc *parse.Document) (*extract.Result, error)
}

// Analysis is what the analysis step adds to a run: the anomalies and checks tables.
type Analysis struct {
	Anomalies []tables.AnomalyRow
	// Checks are the rows of the checks table, kept compactly (a national year has
	// millions); nil: none.
	Checks *analyze.Checks
}

// Analyzer is the analysis step of a run: it checks the reports, alone and against each
// other.
type Analyzer interface {
	// Prepare is called on the worker that read the report, before its rows are written:
	// it may do there what concerns the report alone and keep the result in it (see Rules).
	Prepare(r *Report)
	// Analyze is called once every report is read, with the reports in their final order
	// as the run keeps them (see Report.retained); it must not modify them.
	Analyze(ctx context.Context, reports []Report) (*Analysis, error)
}

// AnalyzeFunc is an Analyzer that does all its work in Analyze.
type AnalyzeFunc func(ctx context.Context, reports []Report) (*Analysis, error)

// Prepare does nothing.
func (f AnalyzeFunc) Prepare(*Report) {}

// Analyze calls f.
func (f AnalyzeFunc) Analyze(ctx context.Context, reports []Report) (*Analysis, error) {
	return f(ctx, reports)
}

// Config says what to read, where to write, and how hard to try.
type Config struct {
	// Inputs are files and folders; folders are searched recursively.
	Inputs []string
	// Out is the output folder, created if missing. Nothing outside it is written.
	Out string
	// Jobs is the number of files read at once; 0 means runtime.NumCPU().
	Jobs int
	// Limits bound the work on one file; zero fields take parse.DefaultLimits.
	Limits parse.Limits
	// FileTimeout bounds the time for one file; 0 means DefaultFileTimeout.
	FileTimeout time.Duration
	// Extractor finds the figures; nil means extract.New(extract.Options{}).
	Extractor Extractor
	// Analyze, when set, runs between collecting and writing, and its tables
	// (anomalies.parquet, checks.parquet) are written with the others.
	Analyze Analyzer
	// Views, when true, also writes the analyst's views (anomalies.xlsx, report.html),
	// made while the anomalies and checks tables are written and put in place after them.
	Views bool
	// Logger receives progress and per-file messages; nil discards them.
	Logger *slog.Logger
	// Progress, when set, is told how far the run is: after every file read, and when the
	// analysis and the writing start. It is called from one goroutine and must return fast.
	Progress func(Progress)
	// Shard, when set (N > 0), reads only the files of shard K of N (see Shard) and writes
	// the data tables partitioned by report year (OUT/figures/report_year=2024/part-K.parquet).
	// A shard sees only part of the batch, so Analyze and Views are skipped: `jixiao analyze
	// OUT` runs them once every shard is written.
	Shard Shard
	// Reviews says where the views take the analysts' dispositions from, besides the
	// reviews table and the workbook already in Out; with Views, the run writes the reviews
	// table (reviews.parquet) beside the others.
	Reviews Reviews
	// Incremental reuses the rows of the tables already in Out for every file whose
	// content (report_id) and path are unchanged and that was read (ok or partial), and
	// reads only the others; rows of files no longer among the inputs are dropped.
	Incremental bool

	reuse *previous // the earlier run's reports, when Incremental
}

// Phases of a run, as Progress reports them.
const (
	PhaseRead    = "read"
	PhaseAnalyze = "analyze"
	PhaseWrite   = "write"
)

// Progress is how far a run is: Done of Total files read (Failed of them failed) after
// Elapsed, and the phase it is in.
type Progress struct {
	Phase       string
	Done, Total int
	Failed      int
	Elapsed     time.Duration
}

// Summary counts what a run did.
type Summary struct {
	// Files is the number of input files, one row each in the reports table.
	Files   int
	OK      int
	Partial int
	Failed  int
	// Skipped counts junk files not read at all (~$ lock files, hidden files, Thumbs.db, …).
	Skipped int
	// Figures is the number of rows of the figures table.
	Figures int
	// Anomalies is the number of findings, when an analysis ran.
	Anomalies int
	// Reused counts the files whose rows an incremental run took over from the earlier
	// run (Config.Incremental); the other Files - Reused files were read.
	Reused  int
	Elapsed time.Duration
}

// Processed is the number of files read (parsed and extracted) by the run: Files - Reused.
func (s Summary) Processed() int { return s.Files - s.Reused }

// String is the one-line summary a person reads:
// "12 files: 10 ok, 1 partial, 1 failed; 240 figures; 3 findings; 0.8s".
func (s Summary) String() string {
	files := "files"
	if s.Files == 1 {
		files = "file"
	}
	reused := ""
	if s.Reused > 0 {
		reused = fmt.Sprintf("; %d unchanged, %d read", s.Reused, s.Processed())
	}
	return fmt.Sprintf("%d %s: %d ok, %d partial, %d failed; %d figures; %d findings%s; %.1fs",
		s.Files, files, s.OK, s.Partial, s.Failed, s.Figures, s.Anomalies, reused, s.Elapsed.Seconds())
}

// Run reads every input file and writes the tables into cfg.Out. It returns an
// error only when the run as a whole fails (bad configuration, an output that
// cannot be written, ctx cancelled); files that fail are Reports with status
// failed and are counted in the Summary. When Run returns an error, no table
// of this run has been left behind half-written.
//
// Run streams: each report's rows are written as soon as it and every file before it
// (in the tables' order) are read, and of the report only what the analysis and the
// views need is kept — its figures, claims and sections — not the document.
func Run(ctx context.Context, cfg Config) (sum Summary, err error) {
	start := time.Now()
	if cfg.Out == "" {
		return Summary{}, configErrorf(nil, "no output folder")
	}
	cfg, err = cfg.withDefaults()
	if err != nil {
		return Summary{}, err
	}
	files, junk, err := cfg.inputs()
	if err != nil {
		return Summary{}, err
	}
	if cfg.Incremental {
		if cfg.reuse, err = loadPrevious(cfg.Out, cfg.Shard); err != nil {
			return Summary{}, fmt.Errorf("--incremental: %w", err)
		}
	}
	analyzing := cfg.Analyze != nil && !cfg.Shard.Sharded()
	views := cfg.Views && !cfg.Shard.Sharded()
	ts, err := newTableSet(cfg.Out, cfg.Shard)
	if err != nil {
		return Summary{}, errors.Join(err, ts.abort())
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, ts.abort())
		}
	}()
	// The rules keep the bulk of each report read (its figures' records and texts, its
	// sections' snippets and fingerprints) in a temporary file of Out until the analysis
	// reads it back, part by part.
	if r, ok := cfg.Analyze.(rules); ok && analyzing {
		spill, err := analyze.NewSpill(cfg.Out)
		if err != nil {
			return Summary{}, err
		}
		defer func() {
			if err := spill.Close(); err != nil {
				cfg.Logger.Warn("could not remove the analysis's temporary file", "error", err)
			}
		}()
		cfg.Analyze = r.withSpill(spill)
	}
	cfg.Logger.Info("reading", "files", len(files), "jobs", min(cfg.Jobs, len(files)))
	var kept []Report
	var budget *viewBudget
	if views {
		budget = newViewBudget()
	}
	read, failed := 0, 0
	report := func(phase string) {
		if cfg.Progress != nil {
			cfg.Progress(Progress{Phase: phase, Done: read, Total: len(files), Failed: failed, Elapsed: time.Since(start)})
		}
	}
	report(PhaseRead)
	err = cfg.stream(ctx, files, func(r *Report) error {
		if err := ts.add(r); err != nil {
			return err
		}
		sum.add(r)
		read++
		if r.Status == StatusFailed {
			failed++
		}
		report(PhaseRead)
		if analyzing || views {
			k := r.retained(analyzing)
			budget.keep(&k, r)
			kept = append(kept, k)
		}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	// Every report's rows are written: the data tables are completed now, not at commit,
	// so that their buffers are not held through the analysis and the views.
	if err := ts.finish(); err != nil {
		return Summary{}, err
	}
	var analysis *Analysis
	if analyzing {
		report(PhaseAnalyze)
		t := time.Now()
		if analysis, err = cfg.Analyze.Analyze(ctx, kept); err != nil {
			return Summary{}, fmt.Errorf("analyze: %w", err)
		}
		cfg.Logger.Debug("analysed", "reports", len(kept), "findings", len(analysis.Anomalies), "took", time.Since(t).Round(time.Millisecond))
		sum.Anomalies = len(analysis.Anomalies)
	}
	report(PhaseWrite)
	// The anomalies and checks tables are written and completed on disk before the views
	// are made (their buffers and the views' rows would otherwise add up at the run's peak),
	// but renamed into place only at commit.
	// The analysts' dispositions, read before the views and the workbook in Out are
	// replaced, go into the reviews table (written beside the anomalies and checks tables,
	// on another core) and into the views.
	var rv *reviewed
	reviewsWritten := func() error { return nil }
	if views && analysis != nil {
		rv = loadReviews(cfg.Out, cfg.Reviews, kept, analysis, cfg.Logger)
		if reviewsWritten, err = ts.startReviews(rv, analysis); err != nil {
			return Summary{}, err
		}
	}
	if err := errors.Join(ts.addAnalysis(analysis), reviewsWritten()); err != nil {
		return Summary{}, err
	}
	if err := ts.finish(); err != nil {
		return Summary{}, err
	}
	// The views are made in a hidden folder of Out and moved into place once the tables
	// are: a run that fails leaves the earlier views. They keep only the rows they show:
	// the analysis is not used from here on, so that its other rows can be let go.
	var pending *pendingViews
	if views {
		if pending, err = startViews(cfg, kept, analysis, rv); err != nil {
			return Summary{}, err
		}
		defer pending.discard()
	}
	if err := ts.commit(ctx); err != nil {
		return Summary{}, err
	}
	if cfg.Shard.Sharded() {
		if err := ts.removeStale(); err != nil {
			return Summary{}, err
		}
	}
	if err := pending.finish(cfg.Out); err != nil {
		return Summary{}, err
	}
	sum.Skipped = junk
	sum.Elapsed = time.Since(start)
	cfg.Logger.Debug("run finished", "out", cfg.Out, "files", sum.Files, "ok", sum.OK,
		"partial", sum.Partial, "failed", sum.Failed, "skipped", sum.Skipped, "reused", sum.Reused,
		"figures", sum.Figures, "elapsed", sum.Elapsed.Round(time.Millisecond))
	return sum, nil
}

// inputs lists the input files of the run in the tables' order: those of cfg.Shard only,
// sorted by path column. The output folder is never an input.
func (cfg Config) inputs() (files []input, junk int, err error) {
	var outInfo os.FileInfo
	if fi, err := os.Stat(cfg.Out); err == nil {
		outInfo = fi
	}
	files, junk, err = expand(cfg.Inputs, outInfo, cfg.Logger)
	if err != nil {
		return nil, 0, err
	}
	if cfg.Shard.Sharded() {
		mine := files[:0]
		for _, f := range files {
			if cfg.Shard.Has(f.path) {
				mine = append(mine, f)
			}
		}
		cfg.Logger.Info("shard", "shard", cfg.Shard.String(), "files", len(mine), "of", len(files))
		files = mine
	}
	sortInputs(files)
	return files, junk, nil
}

// add counts one report.
func (s *Summary) add(r *Report) {
	s.Files++
	switch r.Status {
	case StatusOK:
		s.OK++
	case StatusPartial:
		s.Partial++
	default:
		s.Failed++
	}
	if r.Result != nil {
		s.Figures += len(r.Result.Figures)
	}
	if r.reused {
		s.Reused++
	}
}

// Summarize counts reports by status, and their figures. Elapsed and Skipped are left zero.
func Summarize(reports []Report) Summary {
	var s Summary
	for i := range reports {
		s.add(&reports[i])
	}
	return s
}

// withDefaults checks cfg and fills in its zero fields.
func (cfg Config) withDefaults() (Config, error) {
	if len(cfg.Inputs) == 0 {
		return cfg, configErrorf(nil, "no input files or folders")
	}
	if cfg.Jobs <= 0 {
		cfg.Jobs = runtime.NumCPU()
	}
	if cfg.FileTimeout <= 0 {
		cfg.FileTimeout = DefaultFileTimeout
	}
	if cfg.Limits.MaxFileBytes <= 0 {
		cfg.Limits.MaxFileBytes = parse.DefaultLimits().MaxFileBytes
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Extractor == nil {
		ex, err := extract.New(extract.Options{})
		if err != nil {
			return cfg, fmt.Errorf("load the extractor: %w", err)
		}
		cfg.Extractor = ex
	}
	return cfg, nil
}
