package parse

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadPDF reads every PDF of the writers' fixtures and the seed's PDF; one op reads
// one file, so ns/op is the time per PDF.
//
//	go test ./parse -run '^$' -bench ReadPDF -benchmem
func BenchmarkReadPDF(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join("testdata", "writers", "pdf-*", "*.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	paths = append(paths, filepath.Join("testdata", "longhui-kexie-2024.pdf"))
	var files [][]byte
	var size int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		size += int64(len(data))
	}
	ctx := context.Background()
	lim := DefaultLimits()
	b.SetBytes(size / int64(len(files)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := Read(ctx, "r.pdf", files[i%len(files)], lim); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
