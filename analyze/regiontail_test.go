package analyze

import (
	"slices"
	"testing"
)

// TestRegionTailKeepsCompatibleRegions checks that the index by regionTail loses no pair of
// compatible regions: compatible regions share their tail, or one has the tail "".
func TestRegionTailKeepsCompatibleRegions(t *testing.T) {
	regions := []string{"", "县", "市", "隆回县", "邵阳市隆回县", "回县", "邵东市", "邵阳市", "湖南省邵阳市", "长沙市开福区", "开福区", "武陵区"}
	for _, a := range regions {
		for _, c := range regions {
			ta, tc := regionTail(a), regionTail(c)
			if regionsCompatible(a, c) && ta != tc && ta != "" && tc != "" {
				t.Errorf("%q and %q are compatible, but their tails %q and %q differ", a, c, ta, tc)
			}
		}
	}
}

func TestRegionTail(t *testing.T) {
	for _, tc := range []struct{ region, want string }{
		{"", ""}, {"县", ""}, {"回县", "回县"}, {"隆回县", "回县"}, {"邵阳市隆回县", "回县"}, {"准格尔旗", "尔旗"},
	} {
		if got := regionTail(tc.region); got != tc.want {
			t.Errorf("regionTail(%q) = %q, want %q", tc.region, got, tc.want)
		}
	}
}

func TestMergeIndexes(t *testing.T) {
	for _, tc := range []struct{ a, c, want []int }{
		{nil, nil, nil}, {[]int{1, 4}, nil, []int{1, 4}}, {nil, []int{2}, []int{2}},
		{[]int{1, 4, 9}, []int{2, 3, 10}, []int{1, 2, 3, 4, 9, 10}},
	} {
		if got := mergeIndexes(tc.a, tc.c); !slices.Equal(got, tc.want) {
			t.Errorf("mergeIndexes(%v, %v) = %v, want %v", tc.a, tc.c, got, tc.want)
		}
	}
}
