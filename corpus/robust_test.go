package corpus

import "testing"

func TestCountyBatchManySeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	for seed := uint64(0); seed < 200; seed++ {
		for _, rep := range CountyBatch(seed) {
			inReport := false
			for _, a := range rep.Gold.Anomalies {
				for _, in := range injections {
					inReport = inReport || in.Rule == a.Rule
				}
			}
			if !inReport {
				if b := checkSums(rep.Gold); len(b) != 0 {
					t.Errorf("seed %d %s: breaks %v", seed, rep.Gold.Path, b)
				}
			}
		}
	}
	for _, rep := range Generate(Options{N: 3000, Seed: 99}) {
		if b := checkSums(rep.Gold); len(b) != 0 {
			t.Errorf("%s: breaks %v", rep.Gold.Path, b)
		}
	}
}
