package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/parse"
)

// benchDocs parses a fixed set of documents: the committed corpus and fixtures, and reports
// generated in memory with a fixed seed.
func benchDocs(b testing.TB) []*parse.Document {
	b.Helper()
	var docs []*parse.Document
	add := func(name string, data []byte) {
		doc, err := parse.Read(context.Background(), name, data, parse.DefaultLimits())
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		docs = append(docs, doc)
	}
	for _, glob := range []string{"testdata/corpus/*.txt", "testdata/corpus/*.md", "testdata/corpus/*.docx", "testdata/*.txt", "testdata/*.docx", "testdata/cases/*/input.*"} {
		paths, err := filepath.Glob(glob)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			add(p, data)
		}
	}
	for _, r := range corpus.Generate(corpus.Options{N: 100, Seed: 99}) {
		add(r.Name+"."+r.Ext, r.Data)
	}
	return docs
}

// BenchmarkExtract extracts every document of benchDocs once per iteration.
func BenchmarkExtract(b *testing.B) {
	docs := benchDocs(b)
	e := newTestExtractor(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, doc := range docs {
			if _, err := e.Extract(context.Background(), doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractTables extracts 100 generated self-evaluation tables (项目支出绩效自评表 in
// every format jixiao reads them in) once per iteration.
func BenchmarkExtractTables(b *testing.B) {
	var docs []*parse.Document
	for _, r := range corpus.SelfEvalTables(corpus.TableOptions{N: 100, Seed: 99, InjectRate: 0.5}) {
		doc, err := parse.Read(context.Background(), r.Name+"."+r.Ext, r.Data, parse.DefaultLimits())
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	e := newTestExtractor(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, doc := range docs {
			if _, err := e.Extract(context.Background(), doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}
