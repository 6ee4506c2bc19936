package parse

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// selfEvalWorkbook builds a small self-evaluation workbook: a sheet with the form (a title
// merged across the columns, 一级/二级 indicators merged down, a percentage in its number
// format), an empty sheet, and a sheet of notes.
func selfEvalWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	s := "自评表"
	if err := f.SetSheetName("Sheet1", s); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"项目支出绩效自评表（2024年度）"},
		{"项目名称", "乡镇污水管网维护经费"},
		{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"},
		{"产出指标", "数量指标", "维护管网长度", "≥42公里", "44公里", 20, 20},
		{"", "", "检查井清淤数", "≥310座", "296座", 20, 18},
		{"", "质量指标", "管网通畅率", "≥95%", 0.973, 20, 20},
		{"满意度指标", "服务对象满意度指标", "沿线居民满意度", "≥90%", "94%", 30, 28.5},
		{"总分", "", "", "", "", 100, 96.5},
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(s, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, m := range [][2]string{{"A1", "G1"}, {"B2", "G2"}, {"A4", "A6"}, {"B4", "B5"}, {"A8", "E8"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(s, "E6", "E6", pct); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("空表"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("说明"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("说明", "A1", "资金单位：万元"); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadXLSX(t *testing.T) {
	data := selfEvalWorkbook(t)
	if got := Detect("表.xlsx", data); got != FormatXLSX {
		t.Fatalf("Detect = %s, want xlsx", got)
	}
	doc, err := Read(context.Background(), "表.xlsx", data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatXLSX || len(doc.Blocks) != 2 {
		t.Fatalf("format %s, %d blocks; want xlsx, 2 tables (the empty sheet left out)", doc.Format, len(doc.Blocks))
	}
	g := doc.Blocks[0].Cells
	if len(g) != 8 || len(g[0]) != 7 {
		t.Fatalf("grid %dx%d, want 8x7", len(g), len(g[0]))
	}
	check := func(r, c int, text string, merged bool) {
		t.Helper()
		if g[r][c].Text != text || g[r][c].Merged != merged {
			t.Errorf("cell r%dc%d = %q merged %v, want %q merged %v", r+1, c+1, g[r][c].Text, g[r][c].Merged, text, merged)
		}
	}
	check(0, 0, "项目支出绩效自评表（2024年度）", false)
	check(0, 6, "项目支出绩效自评表（2024年度）", true) // a merge across the columns repeats its text
	check(4, 0, "产出指标", true)              // and down the rows
	check(4, 1, "数量指标", true)
	check(5, 1, "质量指标", false)
	check(5, 4, "97.30%", false) // a number in its number format, as Excel shows it
	check(6, 6, "28.5", false)
	check(7, 4, "总分", true)
	if n := doc.Blocks[1].Cells; len(n) != 1 || n[0][0].Text != "资金单位：万元" {
		t.Errorf("second table %+v", n)
	}
}

func TestReadXLSXFailures(t *testing.T) {
	good := selfEvalWorkbook(t)
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want error
	}{
		{"truncated", good[:len(good)/2], DefaultLimits(), ErrCorrupt},
		{"member over the limit", good, Limits{MaxZipMember: 100}, ErrLimit},
		{"text over max-chars", good, Limits{MaxChars: 30}, ErrLimit},
		{"workbook.xml that is no workbook", zipBytes(t, member{"xl/workbook.xml", "<not-a-workbook"}), DefaultLimits(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), "x.xlsx", tt.data, tt.lim)
			if err == nil {
				t.Fatalf("no error, %d blocks", len(doc.Blocks))
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if !wrapsSentinel(err) || Message(err) == "" || len(doc.Blocks) != 0 {
				t.Errorf("err %v: no sentinel, no message or blocks left", err)
			}
		})
	}
}

// TestXLSXFixture keeps testdata/selfeval-2024.xlsx, the fuzz target's seed, readable: it
// is the workbook selfEvalWorkbook builds (-update writes it again).
func TestXLSXFixture(t *testing.T) {
	path := filepath.Join("testdata", "selfeval-2024.xlsx")
	if *update {
		if err := os.WriteFile(path, selfEvalWorkbook(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := ReadFile(context.Background(), path, DefaultLimits())
	if err != nil {
		t.Fatalf("%v (run go test ./parse -run TestXLSXFixture -update)", err)
	}
	if doc.Format != FormatXLSX || !strings.Contains(doc.Blocks[0].Cells[3][2].Text, "维护管网长度") {
		t.Errorf("fixture reads %s %+v", doc.Format, doc.Blocks[0].Cells[3])
	}
}

// FuzzReadXLSX: any bytes given to the workbook reader give a Document or a classified error,
// never a panic.
func FuzzReadXLSX(f *testing.F) {
	addTestdata(f)
	f.Add(selfEvalWorkbook(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "fuzz.xlsx", data)
		doc := &Document{}
		if err := readXLSX(context.Background(), doc, data, fuzzLimits().withDefaults()); err != nil && !wrapsSentinel(err) && !errors.Is(err, context.Canceled) {
			t.Fatalf("readXLSX: unclassified error %v", err)
		}
	})
}
