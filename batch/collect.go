package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/parse"
	"github.com/jixiao/jixiao/tables"
)

// Collection is what Collect found.
type Collection struct {
	// Reports has one Report per input file, sorted by Path, then ID.
	Reports []Report
	// Skipped counts the junk files passed over (see Junk).
	Skipped int
}

// Collect finds the input files and reads each one on cfg.Jobs workers. It
// returns an error only when the inputs cannot be listed (ErrConfig when an
// input does not exist) or when ctx ends; a file's failure is its Report's.
//
// Collect keeps every Report whole; Run streams them to the tables instead.
func Collect(ctx context.Context, cfg Config) (*Collection, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	files, junk, err := cfg.inputs()
	if err != nil {
		return nil, err
	}
	cfg.Logger.Info("reading", "files", len(files), "jobs", min(cfg.Jobs, len(files)))
	reports := make([]Report, 0, len(files))
	err = cfg.stream(ctx, files, func(r *Report) error {
		reports = append(reports, *r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Collection{Reports: reports, Skipped: junk}, nil
}

// progress is what a file's goroutine has found out so far, for the report of
// a file that times out.
type progress struct {
	mu     sync.Mutex
	id     string
	format string
}

func (p *progress) set(id, format string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.id, p.format = id, format
}

func (p *progress) get() (id, format string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.id, p.format
}

// readOne reads one file into its Report, within cfg.FileTimeout and whatever
// the parser or extractor do: a panic becomes a failed Report, and a file that
// overruns its time is given up on (its goroutine is left to finish on its own
// and its result dropped; parse and extract stop early when their context
// ends). When ctx itself ends, the Report is meaningless and Collect discards it.
func (cfg Config) readOne(ctx context.Context, in input) Report {
	start := time.Now()
	fctx, cancel := context.WithTimeout(ctx, cfg.FileTimeout)
	defer cancel()
	var prog progress
	done := make(chan Report, 1) // buffered: an abandoned goroutine must not block
	go func() {
		defer func() {
			if p := recover(); p != nil {
				cfg.Logger.Error("internal error while reading a file", "path", in.path, "panic", p, "stack", string(debug.Stack()))
				id, format := prog.get()
				err := fmt.Errorf("%s: internal error: %v", in.path, p)
				done <- failed(in, id, format, err, fmt.Sprintf("internal error while reading this file: %v; please report it", p))
			}
		}()
		done <- cfg.read(fctx, in, &prog)
	}()

	var r Report
	select {
	case r = <-done:
	case <-fctx.Done():
		select {
		case r = <-done: // finished just in time
		default:
			id, format := prog.get()
			r = failed(in, id, format, fctx.Err(), "")
		}
	}
	if ctx.Err() == nil && errors.Is(r.Err, context.DeadlineExceeded) && errors.Is(fctx.Err(), context.DeadlineExceeded) {
		r.Error = fmt.Sprintf("took longer than %s to read (处理超时): check the file, or run again with a longer --file-timeout", cfg.FileTimeout)
	}
	if ctx.Err() == nil {
		cfg.logReport(&r, time.Since(start))
	}
	return r
}

func (cfg Config) logReport(r *Report, took time.Duration) {
	attrs := []any{"path", r.Path, "status", r.Status, "took", took.Round(time.Millisecond)}
	switch r.Status {
	case StatusFailed:
		cfg.Logger.Warn("file failed", append(attrs, "error", r.Error)...)
	case StatusPartial:
		cfg.Logger.Info("file partly read", append(attrs, "error", r.Error)...)
	default:
		cfg.Logger.Debug("file read", append(attrs, "figures", len(r.Result.Figures))...)
	}
}

// failed makes the Report of a file that could not be read. msg is the error
// column; empty means parse.Message(err).
func failed(in input, id, format string, err error, msg string) Report {
	if msg == "" {
		msg = parse.Message(err)
	}
	if format == "" {
		format = string(parse.FormatUnknown)
	}
	return Report{ID: id, Path: in.path, File: in.file, Format: format, Status: StatusFailed, Error: msg, Err: err}
}

// read does the work on one file: hash and load the bytes, parse, extract.
func (cfg Config) read(ctx context.Context, in input, prog *progress) Report {
	if in.err != nil {
		return failed(in, "", "", in.err, "")
	}
	data, id, head, err := load(ctx, in.file, cfg.Limits.MaxFileBytes)
	if err != nil {
		format := ""
		if head != nil {
			format = string(parse.Detect(in.path, head))
		}
		return failed(in, id, format, fmt.Errorf("%s: %w", in.path, err), "")
	}
	if prev := cfg.reuse.lookup(id, in.path); prev != nil {
		r := *prev
		r.File = in.file
		return r
	}
	prog.set(id, string(parse.Detect(in.path, data)))
	doc, err := parse.Read(ctx, in.path, data, cfg.Limits)
	format := string(parse.FormatUnknown)
	if doc != nil {
		format = string(doc.Format)
	}
	if err != nil {
		return failed(in, id, format, err, "")
	}
	res, err := cfg.Extractor.Extract(ctx, doc)
	if err != nil {
		return failed(in, id, format, fmt.Errorf("%s: extract: %w", in.path, err), "")
	}
	if res == nil {
		res = &extract.Result{}
	}
	res.Figures = cfg.fitting(in.path, res.Figures)
	r := Report{ID: id, Path: in.path, File: in.file, Format: format, Status: StatusOK, Chars: doc.Chars(), Result: res, values: Resolve(res.Figures)}
	if why := partialReason(r.values); why != "" {
		r.Status, r.Error = StatusPartial, why
	}
	return r
}

// fitting drops figures whose value cannot be written as decimal(20,4)
// (beyond 10^16: a run of digits misread as an amount), so that one such
// figure cannot fail the whole run.
func (cfg Config) fitting(path string, figs []extract.Figure) []extract.Figure {
	out := figs[:0:0]
	for _, f := range figs {
		if !tables.Fits(f.Value) {
			cfg.Logger.Warn("dropping a figure too large to be an amount", "path", path, "metric", f.Metric, "value", f.Value.String(), "location", f.Location)
			continue
		}
		out = append(out, f)
	}
	if len(out) == len(figs) {
		return figs
	}
	return out
}

// headBytes is how much of an over-limit file is kept to recognise its format.
const headBytes = 8 << 10

// load reads the regular file at path. It hashes all of its bytes, streaming,
// for the report id, but keeps at most limit of them: a larger file returns a
// *parse.LimitError, with the id and the first bytes (head) still set. It
// refuses anything but a regular file (a named pipe would block) and stops
// when ctx ends.
func load(ctx context.Context, path string, limit int64) (data []byte, id string, head []byte, err error) {
	fi, err := os.Stat(path) // before opening: opening a named pipe blocks
	if err != nil {
		return nil, "", nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, "", nil, fmt.Errorf("not a regular file (%s): %w", fi.Mode().Type(), parse.ErrNotDocument)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, "", nil, err
	}
	if !fi.Mode().IsRegular() { // replaced since the first look
		return nil, "", nil, fmt.Errorf("not a regular file (%s): %w", fi.Mode().Type(), parse.ErrNotDocument)
	}
	h := sha256.New()
	keep := &capped{limit: limit, buf: make([]byte, 0, min(limit, max(fi.Size(), 0))+1)}
	if _, err := io.Copy(io.MultiWriter(h, keep), &ctxReader{ctx: ctx, r: f}); err != nil {
		return nil, "", nil, err
	}
	id = hex.EncodeToString(h.Sum(nil))[:16]
	if keep.over {
		return nil, id, keep.buf, &parse.LimitError{Name: "max-file-bytes", Limit: limit}
	}
	return keep.buf, id, nil, nil
}

// capped keeps the first limit bytes written to it. Once more than limit
// bytes have come, it keeps only the first headBytes and sets over.
type capped struct {
	limit int64
	n     int64
	buf   []byte
	over  bool
}

func (c *capped) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	switch {
	case c.over:
	case c.n > c.limit:
		c.over = true
		head := append([]byte(nil), c.buf[:min(len(c.buf), headBytes)]...)
		c.buf = append(head, p[:min(len(p), headBytes-len(head))]...)
	default:
		c.buf = append(c.buf, p...)
	}
	return len(p), nil
}

// ctxReader stops reading when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
