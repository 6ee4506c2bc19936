package analyze

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSortUint32(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name string
		n    int
		gen  func() uint32
	}{
		{"empty", 0, rng.Uint32},
		{"short", radixMin - 1, rng.Uint32},
		{"at the threshold", radixMin, rng.Uint32},
		{"long", 100_000, rng.Uint32},
		{"few values", 10_000, func() uint32 { return rng.Uint32N(7) }},
		{"high bits only", 10_000, func() uint32 { return rng.Uint32() &^ (1<<22 - 1) }},
		{"extremes", 5_000, func() uint32 { return []uint32{0, 1<<32 - 1, 1 << 31}[rng.IntN(3)] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := make([]uint32, tc.n)
			for i := range a {
				a[i] = tc.gen()
			}
			want := slices.Clone(a)
			slices.Sort(want)
			sortUint32(a)
			if !slices.Equal(a, want) {
				t.Fatalf("sortUint32 of %d values differs from slices.Sort", tc.n)
			}
		})
	}
}

func BenchmarkSortUint32(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	src := make([]uint32, 200_000)
	for i := range src {
		src[i] = rng.Uint32()
	}
	a := make([]uint32, len(src))
	for _, bc := range []struct {
		name string
		sort func([]uint32)
	}{{"radix", sortUint32}, {"slices", slices.Sort[[]uint32]}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				copy(a, src)
				bc.sort(a)
			}
		})
	}
}
