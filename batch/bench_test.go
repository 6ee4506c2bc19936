package batch

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/extract"
)

// benchN is the size of the generated batch BenchmarkRun reads: go test ./batch -run '^$'
// -bench Run -benchn 1000. BENCHMARKS.md records the numbers and the exact commands.
var benchN = flag.Int("benchn", 300, "reports in the generated batch of BenchmarkRun")

// benchInputs writes a generated batch of n reports, without their gold files, into a
// temporary folder and returns it.
func benchInputs(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	reports := corpus.Generate(corpus.Options{N: n, Seed: 42})
	if err := corpus.WriteSplit(dir, "", reports); err != nil {
		b.Fatal(err)
	}
	return dir
}

// readFloor is the floor a run is compared with: read every file of dir on jobs workers,
// and unzip the word/document.xml of each .docx — the bytes, and nothing done with them.
func readFloor(dir string, jobs int) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	next := make(chan string)
	errs := make(chan error, jobs)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			var first error
			for name := range next {
				if err := readOneFloor(filepath.Join(dir, name)); err != nil && first == nil {
					first = err
				}
			}
			errs <- first
		})
	}
	for _, e := range ents {
		next <- e.Name()
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func readOneFloor(path string) error {
	data, err := os.ReadFile(path)
	if err != nil || !strings.HasSuffix(path, ".docx") {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

// BenchmarkFloor is readFloor over the benchmark's batch: the time a run cannot go below.
func BenchmarkFloor(b *testing.B) {
	dir := benchInputs(b, *benchN)
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("n=%d/j=%d", *benchN, jobs), func(b *testing.B) {
			for b.Loop() {
				if err := readFloor(dir, jobs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(*benchN)*float64(b.N)/b.Elapsed().Seconds(), "reports/s")
		})
	}
}

// BenchmarkRun is the whole run over a generated batch — read, parse, extract, analyse,
// write the tables and the views — at -j 1 and -j 2, reporting reports/s.
func BenchmarkRun(b *testing.B) {
	dir := benchInputs(b, *benchN)
	ex, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("n=%d/j=%d", *benchN, jobs), func(b *testing.B) {
			for b.Loop() {
				acfg := analyze.Config{}
				sum, err := Run(context.Background(), Config{
					Inputs: []string{dir}, Out: b.TempDir(), Jobs: jobs, Extractor: ex, Views: true,
					Analyze: Rules(acfg),
				})
				if err != nil {
					b.Fatal(err)
				}
				if sum.Files != *benchN {
					b.Fatalf("%d files, want %d", sum.Files, *benchN)
				}
			}
			perRun := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(*benchN)/perRun, "reports/s")
			// The floor, side by side: the same files read on as many workers.
			b.StopTimer()
			start := time.Now()
			if err := readFloor(dir, jobs); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(perRun/time.Since(start).Seconds(), "x-floor")
		})
	}
}
