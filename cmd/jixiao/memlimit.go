package main

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jixiao/jixiao/batch"
	flag "github.com/spf13/pflag"
)

// defaultMemoryMiB is the soft memory limit of a run unless --memory-limit or GOMEMLIMIT
// says otherwise. A batch of 10,000 reports keeps at most some 160-230 MB of live data at
// its peaks (BENCHMARKS.md); Go's default collector would let the heap grow to twice that.
const defaultMemoryMiB = 320

// liveHeadroom is how far above the live heap the limit is raised when a batch keeps more
// than the limit allows for, as a share of the live heap, and headroomMin the least room
// left for new allocation. The limit counts all of Go's memory, not the heap alone, so
// at 1.25 the goal came within a few MB of the live heap and the collector ran back to
// back (35 % of a 50,000-report run's CPU); at 1.5 it marks about twice per heap's worth
// of allocation, against once for Go's default (which waits for the heap to double).
const (
	liveHeadroom = 0.5
	headroomMin  = 64 << 20
)

// reportBudget is the memory a report of a batch comes to take at the run's peak, as the
// collector's goal: some 4 KB of live heap a report at 200,000 reports (BENCHMARKS.md, "A
// national year"), and half again. A batch whose reports together need more than the
// limit's base gets that much from the start (memoryGovernor.expect): otherwise the
// collector would run near the limit all through reading, marking an ever larger heap,
// to reach a size the batch reaches anyway at its end.
const reportBudget = 6 << 10

// governedGCPercent is the collector's GOGC while the limit is governed. Go's default of
// 100 collects each time the heap doubles, and a run's live heap is small for most of it
// (the figures it keeps for the analysis grow slowly, to some 90 MB at 10,000 reports), so
// a 10,297-report run collected 223 times. With the limit there to bound the heap, the
// collector can wait until the heap has grown fourfold: 70 collections, some 10 % less
// CPU, 360 MB at the peak instead of 245 MB; a batch whose heap reaches the limit
// collects as before.
const governedGCPercent = 300

// memoryGovernor is the soft memory limit of a run (governMemory).
type memoryGovernor struct {
	base atomic.Int64 // 0: not governed
	stop func()
}

// governMemory sets the Go runtime's soft memory limit to baseMiB and, while the run
// lasts, raises it to the live heap and half again whenever that is more (see
// memoryLimit): a run stays under baseMiB as long as what it keeps allows, and a larger
// batch grows its memory with what it keeps instead of collecting garbage without end.
// Below the limit the collector runs at governedGCPercent, unless GOGC is set.
// baseMiB <= 0, or GOMEMLIMIT set in the environment, leaves the runtime's own settings.
// release restores them.
func governMemory(baseMiB int, getenv func(string) string) *memoryGovernor {
	g := &memoryGovernor{stop: func() {}}
	if baseMiB <= 0 || getenv("GOMEMLIMIT") != "" {
		return g
	}
	limit := int64(baseMiB) << 20
	g.base.Store(limit)
	prev := debug.SetMemoryLimit(limit)
	setGC := getenv("GOGC") == ""
	prevGC := 0
	if setGC {
		prevGC = debug.SetGCPercent(governedGCPercent)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			if want := memoryLimit(g.base.Load(), sample[0].Value.Uint64()); want != limit {
				limit = want
				debug.SetMemoryLimit(limit)
			}
		}
	})
	g.stop = func() {
		close(done)
		wg.Wait()
		debug.SetMemoryLimit(prev)
		if setGC {
			debug.SetGCPercent(prevGC)
		}
	}
	return g
}

// expect raises the limit's base to what a batch of files reports comes to need
// (reportBudget each), when that is more. It does nothing when the limit is not governed.
func (g *memoryGovernor) expect(files int) {
	want := int64(files) * reportBudget
	for {
		base := g.base.Load()
		if base == 0 || want <= base || g.base.CompareAndSwap(base, want) {
			return
		}
	}
}

// release restores the runtime's own limit.
func (g *memoryGovernor) release() { g.stop() }

// memoryLimit is the limit for a live heap of live bytes: base, or live plus the larger
// of liveHeadroom times live and headroomMin when that is more.
func memoryLimit(base int64, live uint64) int64 {
	return max(base, int64(live)+max(int64(float64(live)*liveHeadroom), headroomMin))
}

// memoryFlag is --memory-limit, in MiB.
func memoryFlag(fs *flag.FlagSet) *int {
	return fs.Int("memory-limit", defaultMemoryMiB, "soft memory limit in MiB: garbage is collected more often to stay under it, and it rises with what a large batch must keep (0: Go's default; GOMEMLIMIT overrides)")
}

// sizedBy is a run's batch.Config.Progress: it tells g the size of the batch (expect), then
// calls progress, when not nil.
func sizedBy(g *memoryGovernor, progress func(batch.Progress)) func(batch.Progress) {
	return func(p batch.Progress) {
		g.expect(p.Total)
		if progress != nil {
			progress(p)
		}
	}
}
