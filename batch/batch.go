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
	"runtime"
	"time"

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
	Checks    []tables.CheckRow
}

// AnalyzeFunc checks the collected reports, alone and against each other. It
// sees the reports in their final order and must not modify them.
type AnalyzeFunc func(ctx context.Context, reports []Report) (*Analysis, error)

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
	Analyze AnalyzeFunc
	// Views, when true, also writes the analyst's views (anomalies.xlsx, report.html)
	// after the tables.
	Views bool
	// Logger receives progress and per-file messages; nil discards them.
	Logger *slog.Logger
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
	Elapsed   time.Duration
}

// String is the one-line summary a person reads:
// "12 files: 10 ok, 1 partial, 1 failed; 240 figures; 3 findings; 0.8s".
func (s Summary) String() string {
	files := "files"
	if s.Files == 1 {
		files = "file"
	}
	return fmt.Sprintf("%d %s: %d ok, %d partial, %d failed; %d figures; %d findings; %.1fs",
		s.Files, files, s.OK, s.Partial, s.Failed, s.Figures, s.Anomalies, s.Elapsed.Seconds())
}

// Run reads every input file and writes the tables into cfg.Out. It returns an
// error only when the run as a whole fails (bad configuration, an output that
// cannot be written, ctx cancelled); files that fail are Reports with status
// failed and are counted in the Summary. When Run returns an error, no table
// of this run has been left behind half-written.
func Run(ctx context.Context, cfg Config) (Summary, error) {
	start := time.Now()
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Summary{}, err
	}
	col, err := Collect(ctx, cfg)
	if err != nil {
		return Summary{}, err
	}
	reports := col.Reports
	var analysis *Analysis
	if cfg.Analyze != nil {
		if analysis, err = cfg.Analyze(ctx, reports); err != nil {
			return Summary{}, fmt.Errorf("analyze: %w", err)
		}
	}
	if err := Write(ctx, cfg.Out, reports, analysis); err != nil {
		return Summary{}, err
	}
	if cfg.Views {
		if err := WriteViews(cfg.Out, reports, analysis); err != nil {
			return Summary{}, err
		}
	}
	sum := Summarize(reports)
	sum.Skipped = col.Skipped
	if analysis != nil {
		sum.Anomalies = len(analysis.Anomalies)
	}
	sum.Elapsed = time.Since(start)
	cfg.Logger.Debug("run finished", "out", cfg.Out, "files", sum.Files, "ok", sum.OK,
		"partial", sum.Partial, "failed", sum.Failed, "skipped", sum.Skipped,
		"figures", sum.Figures, "elapsed", sum.Elapsed.Round(time.Millisecond))
	return sum, nil
}

// Summarize counts reports by status, and their figures. Elapsed and Skipped are left zero.
func Summarize(reports []Report) Summary {
	var s Summary
	s.Files = len(reports)
	for _, r := range reports {
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
	}
	return s
}

// withDefaults checks cfg and fills in its zero fields.
func (cfg Config) withDefaults() (Config, error) {
	if len(cfg.Inputs) == 0 {
		return cfg, configErrorf(nil, "no input files or folders")
	}
	if cfg.Out == "" {
		return cfg, configErrorf(nil, "no output folder")
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
