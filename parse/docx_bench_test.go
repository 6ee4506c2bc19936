package parse

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/corpus"
)

// benchDocx returns the .docx files the benchmarks read: generated reports and the real
// Word file of testdata.
func benchDocx(b testing.TB) [][]byte {
	b.Helper()
	var files [][]byte
	for _, r := range corpus.Generate(corpus.Options{N: 40, Seed: 7, Formats: []string{corpus.FormatDocx}}) {
		files = append(files, r.Data)
	}
	real, err := os.ReadFile(filepath.Join("testdata", "longhui-kexie-2024.docx"))
	if err != nil {
		b.Fatal(err)
	}
	return append(files, real)
}

// BenchmarkReadDocx reads a set of .docx files; one op reads them all.
func BenchmarkReadDocx(b *testing.B) {
	files := benchDocx(b)
	ctx := context.Background()
	lim := DefaultLimits()
	var size int64
	for _, f := range files {
		size += int64(len(f))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := Read(ctx, "b.docx", f, lim); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkWalkDocx reads the word/document.xml of the same files, already decompressed,
// with the scanner and with encoding/xml alone.
func BenchmarkWalkDocx(b *testing.B) {
	contents := docxContents(b)
	ctx := context.Background()
	lim := DefaultLimits()
	var size int64
	for _, c := range contents {
		size += int64(len(c))
	}
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range contents {
				if err := walkDocx(ctx, &Document{}, c, lim); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding-xml", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range contents {
				if err := decodeDocx(ctx, &walker{doc: &Document{}, lim: lim}, strings.NewReader(c)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
