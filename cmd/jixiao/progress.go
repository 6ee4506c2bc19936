package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/jixiao/jixiao/batch"
)

// progressBar draws a run's progress on one terminal line of stderr: files read of all,
// rate, time left and failures, then the analysis and writing phases. It redraws at most
// every interval and clears its line when the run ends, so the summary line stands alone.
type progressBar struct {
	mu       sync.Mutex // log lines come from the read workers, updates from the merger
	w        io.Writer
	interval time.Duration
	last     time.Time
	drawn    bool
}

// newProgressBar returns a bar on w, or nil when w is not a terminal (a log file, a pipe,
// a scheduler): there the per-file log lines and the summary say enough.
func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progressBar{w: w, interval: 100 * time.Millisecond}
}

// update is batch.Config.Progress.
func (b *progressBar) update(p batch.Progress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	final := p.Phase != batch.PhaseRead || p.Done == p.Total
	if !final && now.Sub(b.last) < b.interval {
		return
	}
	b.last = now
	fmt.Fprint(b.w, "\r"+progressLine(p)+"\x1b[K")
	b.drawn = true
}

// under returns a writer for log lines that share the terminal with the bar: each write
// first clears the bar's line, and the bar is drawn again on its next update. Without a
// bar it returns w.
func (b *progressBar) under(w io.Writer) io.Writer {
	if b == nil {
		return w
	}
	return clearingWriter{b: b, w: w}
}

type clearingWriter struct {
	b *progressBar
	w io.Writer
}

func (c clearingWriter) Write(p []byte) (int, error) {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	if c.b.drawn {
		fmt.Fprint(c.w, "\r\x1b[K")
		c.b.drawn = false
		c.b.last = time.Time{} // redraw at the next update
	}
	return c.w.Write(p)
}

// callback is the bar's batch.Config.Progress, nil for no bar.
func (b *progressBar) callback() func(batch.Progress) {
	if b == nil {
		return nil
	}
	return b.update
}

// finish clears the bar's line.
func (b *progressBar) finish() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprint(b.w, "\r\x1b[K")
	}
}

// progressLine renders one state of the run, e.g.
// "[#######.............] 120/300 files  45.2/s  0:04 left  2 failed".
func progressLine(p batch.Progress) string {
	switch p.Phase {
	case batch.PhaseAnalyze:
		return fmt.Sprintf("analysing %d reports…", p.Total)
	case batch.PhaseWrite:
		return "writing the tables and views…"
	}
	const width = 20
	filled := 0
	if p.Total > 0 {
		filled = width * p.Done / p.Total
	}
	line := fmt.Sprintf("[%s%s] %d/%d files", strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.Done, p.Total)
	if s := p.Elapsed.Seconds(); s > 0 && p.Done > 0 {
		rate := float64(p.Done) / s
		left := time.Duration(float64(p.Total-p.Done)/rate) * time.Second
		line += fmt.Sprintf("  %.1f/s  %d:%02d left", rate, int(left.Minutes()), int(left.Seconds())%60)
	}
	if p.Failed > 0 {
		line += fmt.Sprintf("  %d failed", p.Failed)
	}
	return line
}
