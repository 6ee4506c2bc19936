package explain

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/parse"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// reports is the sample batch of the README; the seed report is in it twice.
const reports = "../testdata/reports"

// TestGolden explains the seed report (.txt and .docx) and compares the text and JSON forms
// with testdata/<file>.<form>.golden.
func TestGolden(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		json bool
	}{
		{file: "longhui-kexie-2024.txt"},
		{file: "longhui-kexie-2024.docx"},
		{file: "longhui-kexie-2024.txt", json: true},
	}
	for _, tt := range tests {
		form := "text"
		if tt.json {
			form = "json"
		}
		t.Run(tt.file+"/"+form, func(t *testing.T) {
			e, err := File(context.Background(), filepath.Join(reports, tt.file), Options{Limits: parse.DefaultLimits(), Extractor: ex})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if tt.json {
				err = WriteJSON(&got, e)
			} else {
				err = WriteText(&got, e)
			}
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tt.file+"."+form+".golden")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./explain -run TestGolden -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s (rerun with -update and review the diff):\n%s", golden, firstDiff(got.String(), string(want)))
			}
		})
	}
}

// TestSeed checks what the golden files must show of the seed: its identity, the resolved
// figures marked in their sentences, and the one finding the bureau knows of.
func TestSeed(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := File(context.Background(), filepath.Join(reports, "longhui-kexie-2024.docx"), Options{Extractor: ex})
	if err != nil {
		t.Fatal(err)
	}
	if e.Identity.Department != "隆回县科学技术协会" || e.Identity.Year != 2024 || e.Status != "ok" || e.Format != "docx" {
		t.Errorf("identity %+v, status %s, format %s", e.Identity, e.Status, e.Format)
	}
	var figures, marked, resolved int
	for _, m := range e.Metrics {
		for _, f := range m.Figures {
			figures++
			if f.Mark != nil {
				marked++
			}
			if f.Resolved {
				resolved++
			}
		}
	}
	if figures == 0 || marked != figures || resolved != len(e.Metrics)-1 { // project items resolve to no column
		t.Errorf("%d figures, %d marked, %d resolved, %d metrics", figures, marked, resolved, len(e.Metrics))
	}
	var flagged []string
	for _, c := range e.Checks {
		if c.Outcome == "flagged" {
			flagged = append(flagged, c.Rule)
			for _, f := range c.Findings {
				if !strings.Contains(f.Message, "219.37万元") || !strings.Contains(f.Evidence, "2024年度收入214.78万元") {
					t.Errorf("finding %+v", f)
				}
			}
		}
	}
	if strings.Join(flagged, ",") != "balance.deficit" {
		t.Errorf("flagged rules %v, want balance.deficit", flagged)
	}
	if len(e.Checks) != len(analyze.Rules()) {
		t.Errorf("%d checks, want one per rule", len(e.Checks))
	}
}

// TestFileErrors: a file that cannot be read is parse's error, for parse.Message.
func TestFileErrors(t *testing.T) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"damaged.docx": "PK\x03\x04\x14\x00",
		"empty.txt":    "",
		"picture.png":  "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file string
		want error
	}{
		{"damaged.docx", parse.ErrCorrupt},
		{"empty.txt", parse.ErrEmpty},
		{"picture.png", parse.ErrNotDocument},
		{"missing.txt", os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := File(context.Background(), filepath.Join(dir, tt.file), Options{Extractor: ex})
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestMarkNumber(t *testing.T) {
	dec := decimal.RequireFromString
	tests := []struct {
		name, raw, unit, term string
		value                 string
		want                  string // raw with the mark in 【】, "" when none is found
	}{
		{"money in 万元", "2024年度收入214.78万元，其中：县财政预算安排208.63万元。", "万元", "", "2086300", "2024年度收入214.78万元，其中：县财政预算安排【208.63万元】。"},
		{"table cell, unit in the header", "支出合计 | 决算数 | 1079.92", "万元", "", "10799200", "支出合计 | 决算数 | 【1079.92】"},
		{"full-width digits", "商品和服务支出４８８３６８．２４元。", "元", "", "488368.24", "商品和服务支出【４８８３６８．２４元】。"},
		{"space after the point", "上年结余结转419. 52万元。", "万元", "", "4195200", "上年结余结转【419. 52万元】。"},
		{"thousands separators", "较上年增加645,500.00元", "元", "", "645500", "较上年增加【645,500.00元】"},
		{"percent", "增长6.4%。", "%", "", "6.4", "增长【6.4%】。"},
		{"the unit written is preferred", "2024年支出2024万元", "万元", "", "20240000", "2024年支出【2024万元】"},
		{"the number after the term", "收入合计100万元，其中财政拨款100万元。", "万元", "财政拨款", "1000000", "收入合计100万元，其中财政拨款【100万元】。"},
		{"zero", "1．因公出国（境）费用0万元；", "万元", "", "0", "1．因公出国（境）费用【0万元】；"},
		{"not written", "支出合计219.37万元", "万元", "", "2147800", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end, ok := markAfter(tt.raw, dec(tt.value), tt.unit, tt.term)
			got := ""
			if ok {
				got = bracket(tt.raw, []Span{{start, end}})
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}
