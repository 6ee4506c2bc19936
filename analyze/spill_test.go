package analyze

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/extract"
)

// runSpilled is Run with the prepared reports' bulk in a Spill in dir.
func runSpilled(t *testing.T, dir string, reports []Report, cfg Config) ([]Finding, []Check) {
	t.Helper()
	s, err := NewSpill(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	}()
	cfg.Spill = s
	ps := make([]*Prepared, len(reports))
	for i, r := range reports {
		if ps[i] = Prepare(r, cfg); ps[i].spilled == nil {
			t.Fatalf("report %s not spilled", r.ReportID)
		}
	}
	findings, checks, err := Finish(ps, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return findings, checks.Slice()
}

// TestSpillSameVerdicts checks that keeping the prepared reports' bulk in a Spill changes
// no finding and no check: on the county batch (every rule across reports) and on a batch
// large enough for the MinHash path of text.duplicate.
func TestSpillSameVerdicts(t *testing.T) {
	county, _ := countyBatch()
	cfg := Config{Reference: []ReferenceRow{refRow("县妇联", 2024, "expenditure.total", extract.Actual, "2000000")}}
	// 100 units over four years: yoy.swing, prior.mismatch and peer.outlier have years and
	// peers to compare, and text.duplicate more sections than it compares pair by pair.
	var large []Report
	scales := []string{"1", "1.3", "0.8", "2.1"}
	for k := range 400 {
		unit, year := k%100, k/100
		text := fmt.Sprintf("第%d号单位今年围绕中心工作开展调研%d次，编写材料%d份，组织培训%d期，服务群众%d人次，完成各项目标任务，取得明显成效，%s",
			unit, k*3+1, k*7+2, k%9+1, k*131+17, ownText[k%len(ownText)][:30])
		r := rep(fmt.Sprintf("u%03d", k), fmt.Sprintf("隆回县第%d单位", unit), 2021+year, cleanFigures(scales[(year+unit)%len(scales)]), sec("工作", text))
		if k == 7 || k == 299 {
			r.Sections = append(r.Sections, sec("存在的问题", dupTextB))
		}
		large = append(large, r)
	}
	// A report without a region (compatible with every region) is judged last, with the
	// reports it may read loaded: here the sender of the county's transfer.
	loose := slices.Clone(county)
	for k := range loose {
		if loose[k].ReportID == "d0-2024" {
			loose[k].Department = strings.TrimPrefix(loose[k].Department, "隆回县")
			if RegionOf(loose[k].Department) != "" {
				t.Fatalf("%s still names a region", loose[k].Department)
			}
		}
	}
	for _, tc := range []struct {
		name    string
		reports []Report
		rules   []string // rules that must have findings to compare
	}{
		{"county", county, []string{"text.duplicate", "yoy.swing", "transfer.unmatched"}},
		{"large", large, []string{"text.duplicate", "yoy.swing"}},
		{"loose", loose, []string{"text.duplicate", "yoy.swing", "transfer.unmatched"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantF, wantC := Run(tc.reports, cfg)
			rules := map[string]bool{}
			for _, f := range wantF {
				rules[f.Rule] = true
			}
			for _, f := range wantF {
				rules[f.Rule+" "+f.ReportID] = true
			}
			if tc.name == "loose" && !rules["transfer.unmatched d0-2024"] {
				t.Error("the report without a region has no transfer.unmatched finding")
			}
			for _, r := range tc.rules {
				if !rules[r] {
					t.Errorf("no %s finding to compare", r)
				}
			}
			dir := t.TempDir()
			gotF, gotC := runSpilled(t, dir, tc.reports, cfg)
			if !reflect.DeepEqual(gotF, wantF) {
				t.Errorf("findings differ with a Spill: %d, want %d", len(gotF), len(wantF))
			}
			if !reflect.DeepEqual(gotC, wantC) {
				t.Errorf("checks differ with a Spill: %d, want %d", len(gotC), len(wantC))
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("%d files left in the Spill's folder", len(ents))
			}
		})
	}
}

func TestSpillErrors(t *testing.T) {
	if _, err := NewSpill(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("NewSpill in a missing folder: no error")
	}
	s, err := NewSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	county, _ := countyBatch()
	p := Prepare(county[0], Config{Spill: s})
	sp := *p.spilled
	// Cut short, the parts read back are an error, not a panic.
	for _, cut := range []func(*spilledParts){
		func(sp *spilledParts) { sp.figs.n /= 2 },
		func(sp *spilledParts) { sp.secs.n /= 2 },
		func(sp *spilledParts) { sp.figs.off += 3 },
	} {
		bad := sp
		cut(&bad)
		_, ferr := bad.figures()
		_, serr := bad.sections(0)
		if ferr == nil && serr == nil {
			t.Errorf("a damaged part read back without error")
		}
	}
	// Once closed, Finish reports the failed read.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Finish([]*Prepared{p}, Config{}); err == nil || errors.Is(err, errCorrupt) {
		t.Errorf("Finish after the Spill closed: %v, want a read error", err)
	}
}

// FuzzSpillRead checks that whatever bytes the file holds, reading a part back returns
// figures whose texts lie within their part, or an error: never a panic.
func FuzzSpillRead(f *testing.F) {
	s, err := NewSpill(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	county, _ := countyBatch()
	for _, r := range county[:3] {
		p := Prepare(r, Config{Spill: s})
		for _, at := range []spilled{p.spilled.figs, p.spilled.secs} {
			b, err := s.read(at)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		at, err := s.write(b)
		if err != nil {
			t.Fatal(err)
		}
		sp := &spilledParts{spill: s, figs: at, secs: at, nsecs: 3}
		if sf, err := sp.figures(); err == nil {
			for p := range sf.figs {
				_ = sf.figure(int32(p)) // every span within the texts
			}
		}
		_, _ = sp.sections(0)
	})
}

// TestSpillKeepsFigures checks that the compact copy of a report's figures reads back from
// a Spill as it was kept in memory, every field (the part of a metric included: 离休 and
// 退休, 行政编制 and 事业编制 are told apart by it).
func TestSpillKeepsFigures(t *testing.T) {
	r := rep("r1", "隆回县民政局", 2024,
		act("income.total", "214.78"), bud("expenditure.total", "200"),
		partOf(cnt("staff.retired", 12), "离休"), partOf(cnt("staff.retired", 30), "退休"),
		cntItem("staff.authorized", "行政编制", 19), item("养老服务补贴", "35.5"))
	mem := Prepare(r, Config{})
	s, err := NewSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := Prepare(r, Config{Spill: s})
	if p.spilled == nil {
		t.Fatal("report not spilled")
	}
	back, err := p.spilled.figures()
	if err != nil {
		t.Fatal(err)
	}
	want := mem.facts.slim
	if len(back.figs) != len(want.figs) {
		t.Fatalf("%d figures read back, want %d", len(back.figs), len(want.figs))
	}
	parts := 0
	for k := range want.figs {
		got, w := back.build(int32(k)), want.build(int32(k))
		if !reflect.DeepEqual(got, w) {
			t.Errorf("figure %d read back as %+v, want %+v", k, got, w)
		}
		if w.Part != "" {
			parts++
		}
	}
	if parts == 0 {
		t.Error("no figure with a part to compare")
	}
}
