package batch

import (
	"os"
	"testing"
	"unicode/utf8"
)

// FuzzPathColumn checks that the path column is always valid UTF-8, leaves valid
// names alone and escapes the others. Seeds: the names of the sample batch.
func FuzzPathColumn(f *testing.F) {
	ents, _ := os.ReadDir("../testdata/reports")
	for _, e := range ents {
		f.Add(e.Name())
	}
	f.Add("\xb1\xa8\xb8\xe6.doc")
	f.Add("a/\xff/b")
	f.Fuzz(func(t *testing.T, name string) {
		col := PathColumn(name)
		if !utf8.ValidString(col) {
			t.Fatalf("PathColumn(%q) = %q, not UTF-8", name, col)
		}
		if utf8.ValidString(name) && col != name {
			t.Fatalf("PathColumn changed a valid name %q to %q", name, col)
		}
		if !utf8.ValidString(name) && len(col) <= len(name) {
			t.Fatalf("PathColumn(%q) = %q escapes nothing", name, col)
		}
	})
}
