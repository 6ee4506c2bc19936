package wordml

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/corpus"
)

// TestApply rewrites generated reports with every construct and checks that each result is a
// zip of well-formed XML parts that holds the construct's markup.
func TestApply(t *testing.T) {
	marks := map[string]string{
		"tracked": "<w:ins ", "sdt": "<w:sdtContent>", "textbox": "<mc:Fallback>", "nested": "</w:tbl><w:p/></w:tc>",
		"fields": "<w:instrText", "notes": "<w:footnoteReference", "headers": "<w:headerReference",
		"ns-prefix": "<ns0:p>", "ns-default": "<p>", "mainpart": "", "all": "<w:ins ",
	}
	for _, r := range corpus.Generate(corpus.Options{N: 4, Seed: 3, Formats: []string{corpus.FormatDocx}}) {
		for _, c := range Constructs() {
			data, err := Apply(r.Data, c)
			if err != nil {
				t.Fatalf("%s %s: %v", r.Name, c, err)
			}
			parts, _, err := readParts(data)
			if err != nil {
				t.Fatalf("%s %s: %v", r.Name, c, err)
			}
			main := "word/document.xml"
			if c == "mainpart" || c == "all" {
				main = "word/main.xml"
				if _, ok := parts["word/document.xml"]; ok {
					t.Errorf("%s %s: word/document.xml still there", r.Name, c)
				}
			}
			if !strings.Contains(parts[main], marks[c]) {
				t.Errorf("%s %s: %s holds no %q", r.Name, c, main, marks[c])
			}
			for name, p := range parts {
				if err := wellFormed(p); err != nil {
					t.Errorf("%s %s: %s: %v", r.Name, c, name, err)
				}
			}
		}
	}
	if _, err := Apply(nil, "nope"); err == nil {
		t.Error("an unknown construct was applied")
	}
}

// wellFormed reads s to the end with encoding/xml.
func wellFormed(s string) error {
	d := xml.NewDecoder(bytes.NewReader([]byte(s)))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}
