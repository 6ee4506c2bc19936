package analyze

import (
	"testing"

	"github.com/jixiao/jixiao/extract"
)

func identity(dept, region string, year int) Report {
	return Report{Status: "ok", Identity: extract.Identity{Department: dept, Region: region, Year: year}}
}

// TestPlanFamilies checks which reports go to one shard whatever N: a region and the
// longer names of it, and nothing else by force.
func TestPlanFamilies(t *testing.T) {
	reports := []Report{
		identity("隆回县科学技术协会", "", 2024),       // 0 隆回县
		identity("邵阳市隆回县财政局", "邵阳市隆回县", 2024), // 1 邵阳市隆回县: 隆回县's family
		identity("隆回县科学技术协会", "隆回县", 2023),    // 2 隆回县
		identity("邵东县科学技术协会", "", 2024),       // 3 邵东县
		identity("县科协", "", 2024),             // 4 县: open
		identity("科学技术协会", "", 2024),          // 5 "": open
	}
	tests := []struct {
		a, b int
		same bool // in one shard for every N
	}{
		{0, 1, true},
		{0, 2, true},
		{0, 3, false},
		{4, 5, false},
	}
	for _, tc := range tests {
		same := true
		for n := 2; n <= 16; n++ {
			p := NewPlan(reports, n)
			same = same && p.Owner(tc.a) == p.Owner(tc.b)
		}
		if same != tc.same {
			t.Errorf("reports %d (%q) and %d (%q) always in one shard: %v, want %v", tc.a, NewPlan(reports, 2).Key(tc.a),
				tc.b, NewPlan(reports, 2).Key(tc.b), same, tc.same)
		}
	}
}

// TestPlanNeeds checks what a shard reads besides what it owns: every report of open
// region, and for an owned one of open region its department's reports everywhere.
func TestPlanNeeds(t *testing.T) {
	reports := []Report{
		identity("隆回县科学技术协会", "", 2023), // 0
		identity("邵东县科学技术协会", "", 2023), // 1
		identity("邵东县财政局", "", 2023),    // 2
		identity("县科协", "", 2024),       // 3 open
	}
	for n := 2; n <= 8; n++ {
		p := NewPlan(reports, n)
		for k := range n {
			need := p.Needs(k, reports)
			for i := range reports {
				want := p.Owner(i) == k || i == 3 ||
					(p.Owner(3) == k && (i == 0 || i == 1)) // 县科协's department in every county
				if need[i] != want {
					t.Errorf("N=%d shard %d reads report %d: %v, want %v", n, k, i, need[i], want)
				}
			}
		}
	}
}
