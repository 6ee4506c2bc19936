package parse

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestDumpGolden reads every report fixture in testdata and compares its Dump with
// testdata/<file>.golden.
func TestDumpGolden(t *testing.T) {
	for _, name := range []string{"longhui-kexie-2024.docx", "longhui-kexie-2024.txt", "longhui-kexie-2024.doc", "longhui-kexie-2024.pdf"} {
		t.Run(name, func(t *testing.T) {
			doc, err := ReadFile(context.Background(), filepath.Join("testdata", name), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := doc.Dump(&got); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./parse -run TestDumpGolden -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("Dump differs from %s (rerun with -update and review the diff):\n%s", golden, firstDiff(got.String(), string(want)))
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
			return "line " + itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}

// TestSeedReport checks what the extractors rely on in the real seed report.
func TestSeedReport(t *testing.T) {
	docx, err := ReadFile(context.Background(), "testdata/longhui-kexie-2024.docx", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	txt, err := ReadFile(context.Background(), "testdata/longhui-kexie-2024.txt", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if docx.Format != FormatDOCX || txt.Format != FormatText || txt.Encoding != "utf-8" {
		t.Errorf("formats: %q, %q %q", docx.Format, txt.Format, txt.Encoding)
	}
	title := docx.Paragraphs(2)
	if len(title) != 2 || title[0] != "隆回县科学技术协会" || title[1] != "2024年部门整体支出绩效自评报告" {
		t.Errorf("title paragraphs = %q", title)
	}
	found := false
	for _, b := range docx.Blocks {
		if b.Kind == Paragraph && strings.Contains(b.Text, "2024年度收入214.78万元") {
			found = true
		}
	}
	if !found {
		t.Error("no paragraph with 2024年度收入214.78万元")
	}
	// Both renderings of the report hold the same paragraphs, but for the spaces around
	// some lines of the .txt (text is kept as written).
	trimmed := func(ps []string) string {
		for i := range ps {
			ps[i] = strings.TrimSpace(ps[i])
		}
		return strings.Join(ps, "\n")
	}
	if a, b := trimmed(docx.Paragraphs(0)), trimmed(txt.Paragraphs(0)); a != b {
		t.Errorf("docx and txt paragraphs differ:\n%s", firstDiff(a, b))
	}
}
