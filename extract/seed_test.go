package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/parse"
)

func figKey(metric, basis, item string, v decimal.Decimal) string {
	return fmt.Sprintf("%s|%s|%s|%s", metric, basis, item, v.StringFixed(2))
}

// TestSeedTextFigures reads the seed's text through the test helper (no parser involved).
func TestSeedTextFigures(t *testing.T) {
	data, err := os.ReadFile("testdata/longhui-kexie-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	checkSeedFigures(t, textDoc(string(data)))
}

// checkSeedFigures asserts the seed's 24 gold figures exactly: no misses, no extras.
func checkSeedFigures(t *testing.T, doc *parse.Document) {
	t.Helper()
	gb, err := os.ReadFile("testdata/longhui-kexie-2024.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold corpusGold
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	e := newTestExtractor(t)
	res, err := e.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, f := range gold.Figures {
		want[figKey(f.Metric, f.Basis, f.Item, decimal.RequireFromString(f.Value))] = true
	}
	got := map[string]bool{}
	for _, f := range res.Figures {
		k := figKey(f.Metric, string(f.Basis), f.Item, f.Value)
		got[k] = true
		t.Logf("%-8s %s  ← %.40s", f.Location, k, f.Raw)
	}
	for k := range want {
		if !got[k] {
			t.Errorf("missing %s", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("extra %s", k)
		}
	}
	if res.Identity.Department != gold.Department || res.Identity.Region != gold.Region || res.Identity.Year != gold.Year {
		t.Errorf("identity = %+v, want %s %s %d", res.Identity, gold.Department, gold.Region, gold.Year)
	}
	for _, c := range res.Claims {
		t.Logf("claim %+v", c)
	}
}

func TestSeedDocxFigures(t *testing.T) {
	doc, err := parse.ReadFile(context.Background(), "testdata/longhui-kexie-2024.docx", parse.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	checkSeedFigures(t, doc)
}

func TestSeedTextParsed(t *testing.T) {
	doc, err := parse.ReadFile(context.Background(), "testdata/longhui-kexie-2024.txt", parse.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	checkSeedFigures(t, doc)
}

// TestSeedDocFigures reads the seed as LibreOffice saves it in the Word 97-2003 binary format.
func TestSeedDocFigures(t *testing.T) {
	doc, err := parse.ReadFile(context.Background(), "../parse/testdata/longhui-kexie-2024.doc", parse.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != parse.FormatDOC {
		t.Errorf("format %q", doc.Format)
	}
	checkSeedFigures(t, doc)
}

// TestSeedPDFFigures reads the seed as LibreOffice exports it to PDF (its embedded font
// programs removed to keep the fixture small; the text layer is untouched): one paragraph per
// line, as PDF text comes.
func TestSeedPDFFigures(t *testing.T) {
	doc, err := parse.ReadFile(context.Background(), "../parse/testdata/longhui-kexie-2024.pdf", parse.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != parse.FormatPDF {
		t.Errorf("format %q", doc.Format)
	}
	checkSeedFigures(t, doc)
}
