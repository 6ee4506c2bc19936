package analyze

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// TestNormalizeDepartment checks the wrappers over package unitname (whose tests hold the
// normalisation cases) and how analyze matches departments with them.
func TestNormalizeDepartment(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"县科协", "科学技术协会"},
		{"湖南省邵阳市隆回县科学技术协会", "科学技术协会"},
		{"南漳县城市管理和综合执法局", "城市管理和综合执法局"},
	} {
		if got := NormalizeDepartment(c.in); got != c.want {
			t.Errorf("NormalizeDepartment(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"湖南省邵阳市隆回县科学技术协会", "湖南省邵阳市隆回县"},
		{"县科协", "县"}, // the bare level word: compatible with any region
		{"市场监督管理局", ""},
		{"南漳县城市管理和综合执法局", "南漳县"},
	} {
		if got := RegionOf(c.in); got != c.want {
			t.Errorf("RegionOf(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		nameA, regionA, nameB, regionB string
		same                           bool
	}{
		{"县科协", "", "隆回县科学技术协会", "隆回县", true},
		{"县科协", "", "隆回县科学技术协会", "", true},
		{"邵东市科协", "", "隆回县科学技术协会", "隆回县", false},
		{"隆回县科协", "", "隆回县老科协", "", false},
		{"隆回县科协", "", "科学技术协会", "湖南省邵阳市隆回县", true},
		{"城市管理和综合执法局", "", "南漳县城市管理和综合执法局", "", true},
		{"县城市管理和综合执法局", "", "南漳县城市管理和综合执法局", "南漳县", true},
		{"富平县城市管理和综合执法局", "", "南漳县城市管理和综合执法局", "", false},
		{"共青团隆回县委员会", "", "中共隆回县委员会", "", false},
		// a year copied from a 繁体 mirror, glosses and all, is the same department
		{"烏魯木齊市政務(wù)服務(wù)中心", "", "乌鲁木齐市政务服务中心", "乌鲁木齐市", true},
		{"烏魯木齊市政務(wù)服務(wù)中心", "", "克拉玛依市政务服务中心", "", false},
	} {
		if got := sameDepartment(c.nameA, c.regionA, c.nameB, c.regionB); got != c.same {
			t.Errorf("sameDepartment(%q, %q, %q, %q) = %v, want %v", c.nameA, c.regionA, c.nameB, c.regionB, got, c.same)
		}
	}
}

func TestHalfUnit(t *testing.T) {
	cases := []struct {
		unitText string
		decimals int
		want     string
	}{{"万元", 2, "50"}, {"万元", 1, "500"}, {"万元", 0, "5000"}, {"元", 2, "0.005"}, {"亿元", 2, "500000"}}
	for _, c := range cases {
		f := extract.Figure{Unit: extract.UnitYuan, UnitText: c.unitText, Decimals: c.decimals, Value: decimal.NewFromInt(1)}
		if got := halfUnit(&f); !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("halfUnit(%s, %d) = %s, want %s", c.unitText, c.decimals, got, c.want)
		}
	}
}

func TestLoadReferenceAndExpected(t *testing.T) {
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref.csv")
	os.WriteFile(ref, []byte("\ufeffDepartment,year,metric,basis,value\n县科协,2024,expenditure.total,actual,\"2,193,700\"\n隆回县妇联,2024,income.total,,1000000.50\n"), 0o644)
	rows, err := LoadReference(ref, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Department != "县科协" || rows[0].Year != 2024 || !rows[0].Value.Equal(decimal.NewFromInt(2193700)) ||
		rows[1].Basis != extract.Actual || rows[1].Line != 3 {
		t.Errorf("rows %+v", rows)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("department,year,metric,value\n县科协,2024,expenditure.nonsense,1\n"), 0o644)
	if _, err := LoadReference(bad, nil); !errors.Is(err, ErrInputFormat) {
		t.Errorf("unknown metric: %v", err)
	}
	os.WriteFile(bad, []byte("department,metric,value\n"), 0o644)
	if _, err := LoadReference(bad, nil); !errors.Is(err, ErrInputFormat) {
		t.Errorf("missing column: %v", err)
	}
	pq := filepath.Join(dir, "ref.parquet")
	os.WriteFile(pq, []byte("PAR1...."), 0o644)
	if _, err := LoadReference(pq, nil); !errors.Is(err, ErrParquetInput) {
		t.Errorf("parquet: %v", err)
	}
	exp := filepath.Join(dir, "exp.csv")
	os.WriteFile(exp, []byte("year,department\n2024,隆回县科学技术协会\n\n2024年,县妇联\n"), 0o644)
	erows, err := LoadExpected(exp, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(erows) != 2 || erows[1].Department != "县妇联" || erows[1].Year != 2024 {
		t.Errorf("expected rows %+v", erows)
	}
}

func TestSectionFingerprint(t *testing.T) {
	for _, tc := range []struct {
		text     string
		tokens   int
		shingles int
	}{
		{"", 0, 0},
		{"科普，大篷车", 5, 1},        // punctuation is not a character of the text
		{"2024年GDP增长５％", 6, 2},  // 2024 and GDP are one token each; ５ is a run
		{"预算执行率为98.5%", 8, 4},   // 98 and 5 are two runs
		{"abc def", 2, 0},       // too short for a shingle
		{"资金资金资金资金资金资金", 12, 2}, // repeated shingles count once
	} {
		fp := SectionFingerprint(tc.text)
		if fp.Tokens != tc.tokens || len(fp.Shingles) != tc.shingles {
			t.Errorf("SectionFingerprint(%q) = %d tokens, %d shingles; want %d, %d", tc.text, fp.Tokens, len(fp.Shingles), tc.tokens, tc.shingles)
		}
		if !slices.IsSorted(fp.Shingles) {
			t.Errorf("SectionFingerprint(%q): shingles not sorted", tc.text)
		}
	}
	// Spacing and punctuation do not change a copy; a changed character does.
	a := SectionFingerprint("合同管理不够规范，个别合同未按规定履行审批程序。")
	b := SectionFingerprint("合同管理不够规范 个别合同未按规定履行审批程序")
	c := SectionFingerprint("合同管理较为规范，个别合同未按规定履行审批程序。")
	if !slices.Equal(a.Shingles, b.Shingles) {
		t.Error("punctuation changed the fingerprint")
	}
	if w := SectionFingerprint("截至２０２４年１２月３１日，本部门共有车辆１辆。"); !slices.Equal(w.Shingles, SectionFingerprint("截至2024年12月31日，本部门共有车辆1辆。").Shingles) {
		t.Error("full-width digits changed the fingerprint")
	}
	if j := jaccard(a.Shingles, c.Shingles); j >= 1 || j < 0.5 {
		t.Errorf("jaccard of a two-character edit = %.2f", j)
	}
}
