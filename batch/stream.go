package batch

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
)

// reorderWindow is how many files may be read ahead of the first one not yet finished, per
// worker: results arrive out of order and wait in a buffer of at most this many reports
// (times the number of workers) until every file before them is done.
const reorderWindow = 16

// sortInputs puts the input files in the order of the tables: by path column. Files with
// the same path (the same name under two input folders) keep the order they were found in;
// stream orders them by report_id once they are read.
func sortInputs(files []input) {
	slices.SortStableFunc(files, func(a, b input) int { return cmp.Compare(a.path, b.path) })
}

// stream reads files (sorted by sortInputs) on cfg.Jobs workers and calls emit with each
// Report in the tables' order — by path, then report_id — as soon as it and every file
// before it are read, so the caller can write its rows and let the document go. Reports
// that finish early wait in a bounded buffer. emit is called from the calling goroutine
// only. stream returns emit's first error, or an error when ctx ends; the files not yet
// emitted are then abandoned.
func (cfg Config) stream(ctx context.Context, files []input, emit func(*Report) error) error {
	if len(files) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// runEnd[i] is one past the last file with the same path as file i: such a run is
	// emitted at once, sorted by report_id, so the window must hold the longest run.
	runEnd := make([]int, len(files))
	window := reorderWindow * cfg.Jobs
	for i := 0; i < len(files); {
		j := i + 1
		for j < len(files) && files[j].path == files[i].path {
			j++
		}
		for k := i; k < j; k++ {
			runEnd[k] = j
		}
		window = max(window, j-i)
		i = j
	}

	type done struct {
		i int
		r Report
	}
	next := make(chan int)
	results := make(chan done, cfg.Jobs)
	slots := make(chan struct{}, window) // one per file handed out and not yet emitted
	var wg sync.WaitGroup
	for range min(cfg.Jobs, len(files)) {
		wg.Go(func() {
			for i := range next {
				r := cfg.readOne(ctx, files[i])
				cfg.prepare(&r)
				results <- done{i, r}
			}
		})
	}
	go func() {
		defer close(next)
		for i := range files {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := make(map[int]*Report, window)
	head := 0 // the first file not yet emitted
	var err error
	for d := range results {
		if err != nil {
			continue // drain: the workers stop soon, ctx is cancelled
		}
		pending[d.i] = &d.r
		for head < len(files) && err == nil {
			end := runEnd[head]
			if !ready(pending, head, end) {
				break
			}
			run := make([]*Report, 0, end-head)
			for k := head; k < end; k++ {
				run = append(run, pending[k])
				delete(pending, k)
			}
			slices.SortStableFunc(run, func(a, b *Report) int { return cmp.Compare(a.ID, b.ID) })
			for _, r := range run {
				if err = ctx.Err(); err != nil {
					break
				}
				if err = emit(r); err != nil {
					break
				}
				<-slots
			}
			head = end
		}
		if err != nil {
			cancel()
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		if ctx.Err() != nil && err == ctx.Err() {
			return fmt.Errorf("run interrupted: %w", err)
		}
		return err
	}
	return nil
}

// ready reports whether files from to end-1 are all read.
func ready(pending map[int]*Report, from, end int) bool {
	for k := from; k < end; k++ {
		if _, ok := pending[k]; !ok {
			return false
		}
	}
	return true
}

// prepare does, on the worker, the part of the analysis that concerns one report alone.
func (cfg Config) prepare(r *Report) {
	if cfg.Analyze != nil && !cfg.Shard.Sharded() {
		cfg.Analyze.Prepare(r)
	}
}
