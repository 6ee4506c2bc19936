package extract

import (
	"github.com/shopspring/decimal"
	"sort"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/parse"
)

// textDoc builds a Document from lines of text, one paragraph per non-blank line, the way
// the text parser does, so extraction tests need no files.
func textDoc(text string) *parse.Document {
	doc := &parse.Document{Format: parse.FormatText}
	n := 0
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		n++
		doc.Blocks = append(doc.Blocks, parse.Block{Kind: parse.Paragraph, Index: n, Text: line, Level: parse.HeadingLevel(line)})
	}
	return doc
}

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// testLexicon loads the finance lexicon alone, for tests that need no segmentation.
func testLexicon(t testing.TB) *Lexicon {
	t.Helper()
	lx, err := loadLexicon(lexiconText)
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

// dec reads a decimal written in a test.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// figKeys lists the figures as figKey strings.
func figKeys(figs []Figure) []string {
	var out []string
	for _, f := range figs {
		out = append(out, figKey(f.Metric, string(f.Basis), f.Item, f.Value))
	}
	return out
}

// sameFigures fails the test unless got (figKey strings) holds exactly want, in any order,
// counting repeats.
func sameFigures(t *testing.T, got, want []string) {
	t.Helper()
	got = append([]string(nil), got...)
	want = append([]string(nil), want...)
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("figures:\n got  %v\n want %v", got, want)
	}
}
