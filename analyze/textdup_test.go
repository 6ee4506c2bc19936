package analyze

import (
	"slices"
	"testing"
)

func TestMergePairs(t *testing.T) {
	for _, tc := range []struct{ a, b, want [][2]int32 }{
		{nil, nil, nil},
		{nil, [][2]int32{{0, 1}}, [][2]int32{{0, 1}}},
		{[][2]int32{{0, 1}}, nil, [][2]int32{{0, 1}}},
		{[][2]int32{{0, 1}, {0, 3}, {2, 5}}, [][2]int32{{0, 2}, {0, 3}, {4, 4}}, [][2]int32{{0, 1}, {0, 2}, {0, 3}, {2, 5}, {4, 4}}},
		{[][2]int32{{3, 4}}, [][2]int32{{0, 1}, {1, 2}}, [][2]int32{{0, 1}, {1, 2}, {3, 4}}},
	} {
		if got := mergePairs(slices.Clone(tc.a), tc.b); !slices.Equal(got, tc.want) {
			t.Errorf("mergePairs(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
