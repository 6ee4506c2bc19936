// Command jixiao-corpus writes generated 部门整体支出绩效自评报告 with their gold files.
//
//	jixiao-corpus -n 48 -o extract/testdata/corpus --seed 7
//	jixiao-corpus --county -o testdata/county --seed 3
//	jixiao-corpus -n 10000 -o /tmp/c10k --gold-dir /tmp/c10k-gold --seed 42   (a batch to benchmark)
//	jixiao-corpus --counties 1231 -o /tmp/nat --gold-dir /tmp/nat-gold --seed 16 (a national year, ~200,000 reports)
//	jixiao-corpus -n 0 --tables 60 --inject-rate 0.5 -o /tmp/tables           (self-evaluation tables)
//	jixiao-corpus -n 12 --formats docx --docx-construct tracked -o /tmp/tracked   (real writers' markup)
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/corpus/wordml"
	"github.com/spf13/pflag"
)

func main() {
	n := pflag.IntP("n", "n", 10, "number of reports")
	out := pflag.StringP("out", "o", "corpus-out", "output folder")
	seed := pflag.Uint64("seed", 1, "random seed (same seed, same files)")
	rate := pflag.Float64("inject-rate", 0, "share of reports with one injected inconsistency")
	formats := pflag.StringSlice("formats", nil, "formats to write: docx,txt,md (default all)")
	prefix := pflag.String("prefix", "gen", "file name prefix")
	county := pflag.Bool("county", false, "write a county batch (12 departments × 2 years) instead")
	counties := pflag.Int("counties", 0, "write a national batch of this many counties (50–80 departments × 2–3 years each) instead")
	tables := pflag.Int("tables", 0, "also write this many 项目支出绩效自评表 (docx, txt, md, xlsx; --formats may also name xlsx)")
	goldDir := pflag.String("gold-dir", "", `folder of the .gold.json files (default: beside the reports; "none": not written)`)
	construct := pflag.String("docx-construct", "", "rewrite every .docx with this construct of real writers' files (see --list-constructs)")
	list := pflag.Bool("list-constructs", false, "print the names --docx-construct takes and exit")
	pflag.Parse()
	if *list {
		for _, c := range wordml.Constructs() {
			fmt.Println(c)
		}
		return
	}

	start := time.Now()
	if *counties > 0 {
		n, err := writeNational(*out, goldFolder(*out, *goldDir), *seed, *counties)
		if err != nil {
			fmt.Fprintln(os.Stderr, "jixiao-corpus:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "wrote %d reports of %d counties to %s in %s\n", n, *counties, *out, time.Since(start).Round(time.Millisecond))
		return
	}
	var reports []corpus.Report
	var docFormats, tableFormats []string
	for _, f := range *formats {
		if f != corpus.FormatXLSX {
			docFormats = append(docFormats, f)
		}
		tableFormats = append(tableFormats, f)
	}
	switch {
	case *county:
		reports = corpus.CountyBatch(*seed)
	case *n > 0 && (len(*formats) == 0 || len(docFormats) > 0):
		reports = corpus.Generate(corpus.Options{N: *n, Seed: *seed, InjectRate: *rate, Formats: docFormats, Prefix: *prefix})
	}
	if *tables > 0 {
		reports = append(reports, corpus.SelfEvalTables(corpus.TableOptions{N: *tables, Seed: *seed, InjectRate: *rate,
			Formats: tableFormats, Prefix: *prefix + "-table"})...)
	}
	if *construct != "" {
		if err := applyConstruct(reports, *construct); err != nil {
			fmt.Fprintln(os.Stderr, "jixiao-corpus:", err)
			os.Exit(1)
		}
	}
	if err := corpus.WriteSplit(*out, goldFolder(*out, *goldDir), reports); err != nil {
		fmt.Fprintln(os.Stderr, "jixiao-corpus:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "wrote %d reports to %s in %s\n", len(reports), *out, time.Since(start).Round(time.Millisecond))
}

// applyConstruct rewrites the .docx reports with a construct of wordml; their gold stays.
func applyConstruct(reports []corpus.Report, construct string) error {
	for i, r := range reports {
		if r.Ext != corpus.FormatDocx {
			continue
		}
		data, err := wordml.Apply(r.Data, construct)
		if err != nil {
			return fmt.Errorf("%s: %w", r.Name, err)
		}
		reports[i].Data = data
	}
	return nil
}

// goldFolder is where the gold files go: beside the reports, nowhere ("none") or goldDir.
func goldFolder(out, goldDir string) string {
	switch goldDir {
	case "":
		return out
	case "none":
		return ""
	}
	return goldDir
}

// writeNational writes the counties of a national batch, one county per worker at a time
// (a county's files are all it holds), and returns the number of reports written.
func writeNational(out, golds string, seed uint64, counties int) (int, error) {
	next := make(chan int)
	type result struct {
		n   int
		err error
	}
	results := make(chan result)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				reps := corpus.NationalCounty(seed, i)
				err := corpus.WriteSplit(out, golds, reps)
				if err != nil {
					err = fmt.Errorf("county %d: %w", i, err)
				}
				results <- result{len(reps), err}
			}
		}()
	}
	go func() {
		for i := range counties {
			next <- i
		}
		close(next)
		wg.Wait()
		close(results)
	}()
	total := 0
	var first error
	for res := range results {
		total += res.n
		if res.err != nil && first == nil {
			first = res.err
		}
	}
	return total, first
}
