package main

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	flag "github.com/spf13/pflag"
)

// defaultMemoryMiB is the soft memory limit of a run unless --memory-limit or GOMEMLIMIT
// says otherwise. A batch of 10,000 reports keeps at most some 160-230 MB of live data at
// its peaks (BENCHMARKS.md); Go's default collector would let the heap grow to twice that.
const defaultMemoryMiB = 320

// liveHeadroom is how far above the live heap the limit is raised when a batch keeps more
// than the limit allows for: the collector then runs at most about four times as often as
// Go's default (which waits for the heap to double), never without end.
const liveHeadroom = 1.25

// governMemory sets the Go runtime's soft memory limit to baseMiB and, while the run
// lasts, raises it to liveHeadroom times the live heap whenever that is more: a run stays
// under baseMiB as long as what it keeps allows, and a larger batch grows its memory with
// what it keeps instead of collecting garbage without end. baseMiB <= 0, or GOMEMLIMIT
// set in the environment, leaves the runtime's own setting. stop restores it.
func governMemory(baseMiB int, getenv func(string) string) (stop func()) {
	if baseMiB <= 0 || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	base := int64(baseMiB) << 20
	prev := debug.SetMemoryLimit(base)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		limit := base
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
			if want := memoryLimit(base, sample[0].Value.Uint64()); want != limit {
				limit = want
				debug.SetMemoryLimit(limit)
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
		debug.SetMemoryLimit(prev)
	}
}

// memoryLimit is the limit for a live heap of live bytes: base, or liveHeadroom times live
// when that is more.
func memoryLimit(base int64, live uint64) int64 {
	return max(base, int64(float64(live)*liveHeadroom))
}

// memoryFlag is --memory-limit, in MiB.
func memoryFlag(fs *flag.FlagSet) *int {
	return fs.Int("memory-limit", defaultMemoryMiB, "soft memory limit in MiB: garbage is collected more often to stay under it, and it rises with what a large batch must keep (0: Go's default; GOMEMLIMIT overrides)")
}
