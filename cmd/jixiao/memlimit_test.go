package main

import (
	"math"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		live uint64
		want int64
	}{
		{0, 320 * mib},
		{200 * mib, 320 * mib},
		{212 * mib, 320 * mib},
		{256 * mib, 384 * mib},
		{300 * mib, 450 * mib},
		{1000 * mib, 1500 * mib},
	} {
		if got := memoryLimit(320*mib, tc.live); got != tc.want {
			t.Errorf("memoryLimit(320 MiB, %d MiB) = %d MiB, want %d", tc.live/mib, got/mib, tc.want/mib)
		}
	}
	// a small live heap still leaves headroomMin for new allocation
	if got := memoryLimit(32*mib, 50*mib); got != 114*mib {
		t.Errorf("memoryLimit(32 MiB, 50 MiB) = %d MiB, want 114", got/mib)
	}
}

func TestGovernMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	gcBefore := debug.SetGCPercent(100)
	debug.SetGCPercent(gcBefore)
	noEnv := func(string) string { return "" }
	g := governMemory(320, noEnv)
	if got := debug.SetMemoryLimit(-1); got < 320<<20 {
		t.Errorf("limit while governed = %d, want at least 320 MiB", got)
	}
	if got := debug.SetGCPercent(governedGCPercent); got != governedGCPercent {
		t.Errorf("GOGC while governed = %d, want %d", got, governedGCPercent)
	}
	// A batch of 100,000 reports raises the base to their budget, within a tick or so.
	g.expect(100_000)
	want := int64(100_000 * reportBudget)
	for k := 0; k < 100 && debug.SetMemoryLimit(-1) < want; k++ {
		time.Sleep(20 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got < want {
		t.Errorf("limit after expect(100000) = %d, want at least %d", got, want)
	}
	g.expect(10) // a smaller batch lowers nothing
	if got := g.base.Load(); got != want {
		t.Errorf("base after expect(10) = %d, want %d", got, want)
	}
	g.release()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after stop = %d, want %d", got, before)
	}
	if got := debug.SetGCPercent(gcBefore); got != gcBefore {
		t.Errorf("GOGC after stop = %d, want %d", got, gcBefore)
	}
	// GOGC in the environment is left as it is.
	g = governMemory(320, func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	})
	if got := debug.SetGCPercent(gcBefore); got != gcBefore {
		t.Errorf("GOGC with GOGC set = %d, want %d", got, gcBefore)
	}
	g.release()
	// GOMEMLIMIT in the environment, or 0, leaves the runtime's setting alone.
	for _, tc := range []struct {
		mib int
		env string
	}{{320, "1GiB"}, {0, ""}} {
		g := governMemory(tc.mib, func(k string) string {
			if k == "GOMEMLIMIT" {
				return tc.env
			}
			return ""
		})
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("governMemory(%d) with GOMEMLIMIT=%q set the limit to %d", tc.mib, tc.env, got)
		}
		g.expect(1_000_000)
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("expect on an ungoverned run set the limit to %d", got)
		}
		g.release()
	}
	if before != math.MaxInt64 {
		t.Logf("the test process had a memory limit of %d", before)
	}
}
