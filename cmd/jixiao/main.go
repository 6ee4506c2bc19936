// Command jixiao reads a folder of 部门整体支出绩效自评报告 (department
// budget-performance self-evaluation reports) and writes what they state as
// Parquet tables, an anomaly list and a review page. This file only parses the
// command line and hands over to packages batch, analyze, parse and extract.
//
// Exit codes: 0 every file was read (ok or partial); 1 some file failed (with
// --strict: or is partial); 2 usage error; 3 the run itself failed (output not
// writable, interrupted).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	flag "github.com/spf13/pflag"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/batch"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/parse"
	"github.com/jixiao/jixiao/tables"
)

// Exit codes.
const (
	exitOK     = 0 // every file read, ok or partial
	exitFailed = 1 // some file failed (with --strict: or is partial)
	exitUsage  = 2 // the command line is wrong
	exitRun    = 3 // the run failed: output not writable, interrupted
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `jixiao reads 部门整体支出绩效自评报告 and writes their figures as Parquet tables.

Usage:
  jixiao run INPUT... -o OUT [flags]   read files and folders, check them, write into OUT
  jixiao analyze OUT [flags]           check again the tables of an earlier run in OUT
  jixiao dump FILE [--json]            show what jixiao reads in one file
  jixiao explain FILE [--json]         show every figure of one file with its source, and every check
  jixiao version                       print the version
  jixiao help [COMMAND]                show help

Run "jixiao help run" for the flags of run.
Exit codes: 0 every file read (ok or partial), 1 some file failed (--strict: or partial),
2 usage error, 3 the run failed (output not writable, interrupted).
`

// run is the whole program: it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "run":
		return runCmd(ctx, rest, stdin, stdout, stderr)
	case "dump":
		return dumpCmd(ctx, rest, stdout, stderr)
	case "explain":
		return explainCmd(ctx, rest, stdout, stderr)
	case "analyze":
		return analyzeCmd(ctx, rest, stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, version())
		return exitOK
	case "help", "-h", "--help":
		if len(rest) > 0 && rest[0] != "help" {
			return run(ctx, []string{rest[0], "--help"}, stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "jixiao: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

// version is the module version jixiao was built as, and the Go version.
func version() string {
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	return fmt.Sprintf("jixiao %s %s", v, runtime.Version())
}

// newFlags makes a command's flag set.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SortFlags = false
	fs.SetOutput(io.Discard)
	fs.Usage = func() {} // parseFlags prints help and errors itself
	return fs
}

// parseFlags parses args; done is true when the command should stop with code.
// -h/--help prints the command's help on stdout.
func parseFlags(fs *flag.FlagSet, use string, args []string, stdout, stderr io.Writer) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stdout, "%s\nFlags:\n%s", use, fs.FlagUsages())
		return exitOK, true
	case err != nil:
		fmt.Fprintf(stderr, "jixiao %s: %v\nRun \"jixiao help %s\" for usage.\n", fs.Name(), err, fs.Name())
		return exitUsage, true
	}
	return 0, false
}

// limitFlags adds the --max-* flags, defaulting to parse.DefaultLimits.
func limitFlags(fs *flag.FlagSet) *parse.Limits {
	lim := parse.DefaultLimits()
	fs.Int64Var(&lim.MaxFileBytes, "max-file-bytes", lim.MaxFileBytes, "most bytes read from one file")
	fs.Int64Var(&lim.MaxZipTotal, "max-zip-total", lim.MaxZipTotal, "most bytes decompressed from one .docx in all")
	fs.Int64Var(&lim.MaxZipMember, "max-zip-member", lim.MaxZipMember, "most bytes one member of a .docx may decompress to")
	fs.IntVar(&lim.MaxXMLDepth, "max-xml-depth", lim.MaxXMLDepth, "deepest XML nesting accepted")
	fs.Int64Var(&lim.MaxChars, "max-chars", lim.MaxChars, "most characters of text in one document")
	return &lim
}

func usageError(stderr io.Writer, cmd, format string, args ...any) int {
	fmt.Fprintf(stderr, "jixiao %s: %s\nRun \"jixiao help %s\" for usage.\n", cmd, fmt.Sprintf(format, args...), cmd)
	return exitUsage
}

const runUse = `Usage: jixiao run INPUT... -o OUT [flags]

Reads every file in the INPUT files and folders (folders recursively) and writes
reports.parquet (one row per file) and figures.parquet (one row per figure) into OUT.
A file that cannot be read is a row with status failed, not an error of the run.

The analysts' dispositions (处理状态, 核实意见, 核实人, 核实日期) are carried over to the
new list: from the anomalies.xlsx and reviews.parquet already in OUT, read before they are
replaced, then from each --review FILE (a workbook, or the CSV the page exports). A
finding keeps its disposition by its review key (核实编号), which a corrected resubmission
of the report does not change; findings that no longer arise are listed as 已消除, new
ones as 新增. Review input that cannot be used never stops the run: it is listed, with the
reason, in anomalies.xlsx and report.html.

With --shard K/N the run reads only its deterministic share of the files (FNV-1a of the
path, modulo N) and writes partitioned tables (OUT/figures/report_year=2024/part-K.parquet),
without the analysis: run "jixiao analyze OUT" once every shard is done. With
--incremental, files whose content and path are unchanged since the run in OUT keep their
rows and are not read again.

With --files-from FILE (- for standard input) the files and folders to read are also
taken from FILE, one a line. With --jsonl nothing is written into a folder: each file's
row of the reports table, then each of its figures, is one JSON object a line on standard
output ({"table":"reports",…}, {"table":"figures",…}), for a pipe such as Spark's RDD.pipe
(docs/scale.md); no analysis runs.

Exit codes: 0 every file read (ok or partial), 1 some file failed (with --strict: or
partial), 2 usage error, 3 the run failed (output not writable, interrupted).
`

func runCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("run")
	out := fs.StringP("out", "o", "", "output folder (required; created if missing)")
	jobs := fs.IntP("jobs", "j", runtime.NumCPU(), "files read at once")
	lim := limitFlags(fs)
	timeout := fs.Duration("file-timeout", batch.DefaultFileTimeout, "most time spent on one file")
	strict := fs.Bool("strict", false, "exit 1 also when a file is only partly read")
	inputs := analysisFlags(fs)
	reviewFiles := reviewFlag(fs)
	quiet := fs.BoolP("quiet", "q", false, "print nothing but errors (no per-file messages, no summary)")
	logFormat := fs.String("log-format", "text", "log format on stderr: text or json")
	shardFlag := fs.String("shard", "", "read only shard K of N (K/N, 0-based; auto/N takes K from $JOB_COMPLETION_INDEX or $SLURM_ARRAY_TASK_ID) and write partitioned tables")
	incremental := fs.Bool("incremental", false, "reuse the rows in OUT of files whose content and path are unchanged; read only new and changed files")
	verbose := fs.Bool("verbose", false, "log every file read and the time of each phase")
	memory := memoryFlag(fs)
	prof := profileFlags(fs)
	filesFrom := fs.String("files-from", "", "also read the files and folders listed in FILE, one a line (- for standard input)")
	jsonl := fs.Bool("jsonl", false, "write one JSON object a line to standard output (each file's report, then its figures) instead of tables into OUT; no analysis")
	if code, done := parseFlags(fs, runUse, args, stdout, stderr); done {
		return code
	}
	ins := fs.Args()
	if *filesFrom != "" {
		listed, err := readList(*filesFrom, stdin)
		if err != nil {
			return usageError(stderr, "run", "--files-from: %v", err)
		}
		ins = append(ins, listed...)
	}
	if *jsonl {
		return linesCmd(ctx, ins, *out, *jobs, *lim, *timeout, len(*reviewFiles) > 0 || *incremental, *quiet, stdout, stderr)
	}
	var shard batch.Shard
	if *shardFlag != "" {
		var err error
		if shard, err = batch.ParseShard(*shardFlag, os.Getenv); err != nil {
			return usageError(stderr, "run", "%v", err)
		}
	}
	switch {
	case len(ins) == 0:
		return usageError(stderr, "run", "no INPUT files or folders given")
	case *out == "":
		return usageError(stderr, "run", "no output folder: give -o OUT")
	case *jobs < 1:
		return usageError(stderr, "run", "--jobs must be at least 1")
	case *timeout <= 0:
		return usageError(stderr, "run", "--file-timeout must be positive")
	case lim.MaxFileBytes < 1 || lim.MaxZipTotal < 1 || lim.MaxZipMember < 1 || lim.MaxXMLDepth < 1 || lim.MaxChars < 1:
		return usageError(stderr, "run", "the --max-* limits must be at least 1")
	case *memory < 0:
		return usageError(stderr, "run", "--memory-limit must be 0 (none) or more")
	case len(*reviewFiles) > 0 && shard.Sharded():
		return usageError(stderr, "run", "--review goes with the run that writes the views: give it to \"jixiao analyze OUT\" once every shard is done")
	}
	memGov := governMemory(*memory, os.Getenv)
	defer memGov.release()
	var bar *progressBar
	if !*quiet && *logFormat == "text" {
		bar = newProgressBar(stderr)
	}
	logger, err := newLogger(bar.under(stderr), *logFormat, *quiet, *verbose)
	if err != nil {
		return usageError(stderr, "run", "%v", err)
	}
	stop, ok := prof.startOr(stderr)
	if !ok {
		return exitRun
	}
	defer stop()
	ex, acfg, code := loadTools(stderr, "run", inputs)
	if code != exitOK {
		return code
	}
	sum, err := batch.Run(ctx, batch.Config{
		Analyze:     batch.Rules(acfg),
		Views:       true,
		Inputs:      ins,
		Out:         *out,
		Jobs:        *jobs,
		Limits:      *lim,
		FileTimeout: *timeout,
		Extractor:   ex,
		Logger:      logger,
		Shard:       shard,
		Incremental: *incremental,
		Reviews:     batch.Reviews{Files: *reviewFiles},
		Progress:    sizedBy(memGov, bar.callback()),
	})
	bar.finish()
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: %v\n", err)
		if errors.Is(err, batch.ErrConfig) {
			return exitUsage
		}
		return exitRun
	}
	if !*quiet {
		fmt.Fprintf(stderr, "jixiao: %s\n", sum)
	}
	if sum.Failed > 0 || (*strict && sum.Partial > 0) {
		return exitFailed
	}
	return exitOK
}

// newLogger logs to w as text or JSON; quiet keeps only errors, verbose adds debug records.
func newLogger(w io.Writer, format string, quiet, verbose bool) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	switch {
	case quiet:
		opts.Level = slog.LevelError
	case verbose:
		opts.Level = slog.LevelDebug
	}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format must be text or json, not %q", format)
}

const dumpUse = `Usage: jixiao dump FILE [--json]

Shows what jixiao reads in one file: its paragraphs and table cells with their
locations (p12, t2r3c4), as text or as JSON. Exit code 1 when the file cannot be read.
`

func dumpCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("dump")
	asJSON := fs.Bool("json", false, "write the document as JSON")
	lim := limitFlags(fs)
	timeout := fs.Duration("file-timeout", batch.DefaultFileTimeout, "most time spent on the file")
	if code, done := parseFlags(fs, dumpUse, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() != 1 {
		return usageError(stderr, "dump", "give exactly one FILE")
	}
	path := fs.Arg(0)
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	doc, err := parse.ReadFile(ctx, path, *lim)
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: %s: %s\n", path, parse.Message(err))
		if errors.Is(err, context.Canceled) {
			return exitRun
		}
		return exitFailed
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(doc)
	} else {
		err = doc.Dump(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: write: %v\n", err)
		return exitRun
	}
	return exitOK
}

// loadTools loads the extractor (its dictionary) and the analysis configuration a command
// needs; code is exitOK or the exit code to stop with.
func loadTools(stderr io.Writer, cmd string, in analysisInputs) (*extract.Extractor, analyze.Config, int) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: %v\n", err)
		return nil, analyze.Config{}, exitRun
	}
	cfg, err := in.config()
	if err != nil {
		return nil, analyze.Config{}, usageError(stderr, cmd, "%v", err)
	}
	return ex, cfg, exitOK
}

// analysisInputs are the finance bureau's optional files for the analysis.
type analysisInputs struct {
	reference, expected *string
}

// analysisFlags adds --reference and --expected.
func analysisFlags(fs *flag.FlagSet) analysisInputs {
	return analysisInputs{
		reference: fs.String("reference", "", "the finance bureau's own figures (CSV: department, year, metric, basis, value)"),
		expected:  fs.String("expected", "", "the units that must submit (CSV: department, year)"),
	}
}

// reviewFlag adds --review, which may be given more than once.
func reviewFlag(fs *flag.FlagSet) *[]string {
	return fs.StringArray("review", nil, "analysts' dispositions to carry over besides those in OUT: a workbook (anomalies.xlsx as edited in Excel, WPS or LibreOffice) or the CSV report.html exports; may be repeated, later files win")
}

// config loads the optional files and makes the analysis configuration.
func (in analysisInputs) config() (analyze.Config, error) {
	var cfg analyze.Config
	if *in.reference != "" {
		rows, err := analyze.LoadReference(*in.reference, tables.ReadRecords)
		if err != nil {
			return cfg, fmt.Errorf("--reference: %w", err)
		}
		cfg.Reference = rows
	}
	if *in.expected != "" {
		rows, err := analyze.LoadExpected(*in.expected, tables.ReadRecords)
		if err != nil {
			return cfg, fmt.Errorf("--expected: %w", err)
		}
		cfg.Expected = rows
	}
	return cfg, nil
}

const analyzeUse = `Usage: jixiao analyze OUT [--reference FILE] [--expected FILE] [--review FILE] [--memory-limit MiB]
       jixiao analyze OUT --shard K/N [--reference FILE]
       jixiao analyze OUT --merge [--expected FILE] [--review FILE]

Runs the checks again over the tables an earlier "jixiao run" wrote into OUT (reports,
figures, claims and sections; or the partitioned tables of every "--shard" run into OUT),
without reading the documents, and replaces
anomalies.parquet, checks.parquet, reviews.parquet, anomalies.xlsx and report.html in OUT,
carrying the analysts' dispositions over as "jixiao run" does. Use it after
changing --reference or --expected, or after merging the tables of several runs.

Across machines the analysis is split by region: with --shard K/N (auto/N takes K from
$JOB_COMPLETION_INDEX or $SLURM_ARRAY_TASK_ID) it runs the rules over the reports whose
region hashes to K and writes them into OUT/analysis/shard=K-of-N/; once all N are done,
--merge runs the rules that compare regions (text.duplicate, submission.missing) and writes
the tables and views, byte for byte those of one "jixiao analyze OUT". --reference goes
with the shards, --expected and --review with the merge (docs/scale.md).

Exit codes: 0 done, 2 usage error, 3 the tables cannot be read or written.
`

func analyzeCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("analyze")
	inputs := analysisFlags(fs)
	reviewFiles := reviewFlag(fs)
	quiet := fs.BoolP("quiet", "q", false, "print nothing but errors")
	memory := memoryFlag(fs)
	shardFlag := fs.String("shard", "", "analyse only the regions of shard K of N (K/N, 0-based; auto/N takes K from $JOB_COMPLETION_INDEX or $SLURM_ARRAY_TASK_ID) into OUT/analysis/shard=K-of-N")
	merge := fs.Bool("merge", false, "join the results of every analysis shard in OUT and write the tables and views")
	prof := profileFlags(fs)
	if code, done := parseFlags(fs, analyzeUse, args, stdout, stderr); done {
		return code
	}
	stop, ok := prof.startOr(stderr)
	if !ok {
		return exitRun
	}
	defer stop()
	if fs.NArg() != 1 {
		return usageError(stderr, "analyze", "give exactly one OUT folder")
	}
	if *memory < 0 {
		return usageError(stderr, "analyze", "--memory-limit must be 0 (none) or more")
	}
	var shard batch.Shard
	if *shardFlag != "" {
		var err error
		if shard, err = batch.ParseShard(*shardFlag, os.Getenv); err != nil {
			return usageError(stderr, "analyze", "%v", err)
		}
	}
	switch {
	case shard.Sharded() && *merge:
		return usageError(stderr, "analyze", "--shard and --merge are two steps: run every shard, then --merge")
	case shard.Sharded() && (*inputs.expected != "" || len(*reviewFiles) > 0):
		return usageError(stderr, "analyze", "--expected and --review go with --merge, not with the shards")
	case *merge && *inputs.reference != "":
		return usageError(stderr, "analyze", "--reference goes with the shards (--shard K/N), not with --merge")
	}
	defer governMemory(*memory, os.Getenv).release()
	out := fs.Arg(0)
	acfg, err := inputs.config() // the analysis needs no dictionary
	if err != nil {
		return usageError(stderr, "analyze", "%v", err)
	}
	if shard.Sharded() {
		return analyzeShardCmd(ctx, out, acfg, shard, *quiet, stderr)
	}
	logger, _ := newLogger(stderr, "text", *quiet, false)
	reanalyze := batch.Reanalyze
	if *merge {
		reanalyze = batch.MergeShards
	}
	a, reports, err := reanalyze(ctx, out, acfg)
	if err == nil {
		err = batch.WriteViewsReviewed(out, reports, a, batch.Reviews{Files: *reviewFiles}, logger)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: %v\n", err)
		return exitRun
	}
	if !*quiet {
		e, w, i := a.Findings()
		fmt.Fprintf(stderr, "jixiao: %d reports: %d findings (%d errors, %d warnings, %d info)\n", len(reports), e+w+i, e, w, i)
	}
	return exitOK
}

// analyzeShardCmd is "jixiao analyze OUT --shard K/N".
func analyzeShardCmd(ctx context.Context, out string, cfg analyze.Config, shard batch.Shard, quiet bool, stderr io.Writer) int {
	m, err := batch.AnalyzeShard(ctx, out, cfg, shard)
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: %v\n", err)
		return exitRun
	}
	if !quiet {
		fmt.Fprintf(stderr, "jixiao: analysis shard %s: %d reports owned (%d read): %d findings, %d checks\n",
			shard, m.Owned, m.Read, m.Findings, m.Checks)
	}
	return exitOK
}

// readList reads the paths listed in name (stdin for "-"), one a line; blank lines are
// passed over.
func readList(name string, stdin io.Reader) ([]string, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	var paths []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if line := strings.TrimRight(sc.Text(), "\r"); strings.TrimSpace(line) != "" {
			paths = append(paths, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return paths, nil
}

// linesCmd is "jixiao run --jsonl": the files' reports and figures as JSON lines on stdout.
func linesCmd(ctx context.Context, ins []string, out string, jobs int, lim parse.Limits, timeout time.Duration,
	tablesOnly, quiet bool, stdout, stderr io.Writer) int {
	switch {
	case out != "":
		return usageError(stderr, "run", "--jsonl writes to standard output: give no -o OUT")
	case tablesOnly:
		return usageError(stderr, "run", "--review and --incremental need the tables of OUT: not with --jsonl")
	case jobs < 1:
		return usageError(stderr, "run", "--jobs must be at least 1")
	case len(ins) == 0:
		return exitOK // an empty part of a pipe: nothing to write
	}
	logger, err := newLogger(stderr, "text", quiet, false)
	if err != nil {
		return usageError(stderr, "run", "%v", err)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: %v\n", err)
		return exitRun
	}
	sum, err := batch.WriteLines(ctx, batch.Config{Inputs: ins, Jobs: jobs, Limits: lim, FileTimeout: timeout, Extractor: ex, Logger: logger}, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: %v\n", err)
		if errors.Is(err, batch.ErrConfig) {
			return exitUsage
		}
		return exitRun
	}
	if !quiet {
		fmt.Fprintf(stderr, "jixiao: %s\n", sum)
	}
	if sum.Failed > 0 {
		return exitFailed
	}
	return exitOK
}
