package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Formats Generate can write.
const (
	FormatDocx = "docx"
	FormatTxt  = "txt"
	FormatMd   = "md"
)

// Options configure Generate.
type Options struct {
	// N is the number of reports.
	N int
	// Seed makes the output reproducible: the same Options give the same bytes.
	Seed uint64
	// InjectRate is the probability that a report gets one injected inconsistency
	// (recorded in its gold anomalies). 0 gives a clean corpus.
	InjectRate float64
	// Formats restricts the formats written (docx, txt, md); empty means all three.
	Formats []string
	// Prefix starts every file name; empty means "gen".
	Prefix string
}

// Report is one generated report: its file name without extension, its extension, its
// bytes and its expected figures.
type Report struct {
	Name string
	Ext  string
	Data []byte
	Gold Gold
	// Encoding is the text encoding of a .txt (utf-8, utf-8-bom, gb18030, utf-16le); empty otherwise.
	Encoding string
	text     string // the text before encoding (tests)
}

// Generate builds opts.N reports. Each report draws from its own generator seeded by
// (Seed, index), so reports are built in parallel and the result is still deterministic.
func Generate(opts Options) []Report {
	if opts.N <= 0 {
		return nil
	}
	prefix := opts.Prefix
	if prefix == "" {
		prefix = "gen"
	}
	// One (region, kind) per report while there are enough, so a corpus does not hold
	// the same department twice (which cross-report rules would read as a series).
	combos := rand.New(rand.NewPCG(opts.Seed, 0x636f72707573)).Perm(len(regions) * len(deptKinds))
	out := make([]Report, opts.N)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = generateOne(opts, prefix, i, combos[i%len(combos)])
			}
		}()
	}
	for i := range opts.N {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func generateOne(opts Options, prefix string, i, combo int) Report {
	r := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15^uint64(i)))
	reg := regions[combo%len(regions)]
	kind := deptKinds[combo/len(regions)]
	year := 2019 + r.IntN(7)
	unit := unitWan
	if r.IntN(4) == 0 {
		unit = unitYuan
	}
	p := newPlan(r, kind, reg, year, unit)
	if chance(r, opts.InjectRate) {
		p.inject(r)
	}
	name := fmt.Sprintf("%s-%03d-%s-%s-%d", prefix, i+1, reg.Slug, kind.Slug, year)
	return render(r, p, name, pickFormat(r, opts.Formats))
}

// pickFormat draws a format: docx 45%, txt 40%, md 15%, among those allowed.
func pickFormat(r *rand.Rand, allowed []string) string {
	weights := map[string]int{FormatDocx: 45, FormatTxt: 40, FormatMd: 15}
	if len(allowed) == 0 {
		allowed = []string{FormatDocx, FormatTxt, FormatMd}
	}
	total := 0
	for _, f := range allowed {
		total += weights[f]
	}
	if total == 0 {
		return FormatTxt
	}
	n := r.IntN(total)
	for _, f := range allowed {
		if n < weights[f] {
			return f
		}
		n -= weights[f]
	}
	return allowed[len(allowed)-1]
}

// render composes the plan's document and writes it in the format, with its gold.
func render(r *rand.Rand, p *plan, name, format string) Report {
	c := newComposer(r, p)
	if p.doc == finalAccount {
		c.finalAccount()
	} else {
		c.selfEval()
	}
	var data []byte
	var enc, text string
	switch format {
	case FormatDocx:
		data = renderDocx(r, c.blocks)
	case FormatMd:
		data = []byte(renderText(r, c.blocks, newTextStyle(r, true)))
	default:
		format = FormatTxt
		text = renderText(r, c.blocks, newTextStyle(r, false))
		enc = pick(r, []string{encUTF8, encUTF8, encUTF8, encUTF8BOM, encGB18030, encGB18030, encUTF16LE})
		data = encodeText(text, enc, r.IntN(10) < 3)
	}
	return Report{Name: name, Ext: format, Data: data, Encoding: enc, text: text, Gold: Gold{
		Path:       name + "." + format,
		Department: p.dept,
		Region:     p.reg.Name,
		Year:       p.titleYear,
		Status:     "ok",
		Figures:    c.figs.list,
		Anomalies:  p.anoms,
	}}
}

// Write writes each report as NAME.EXT with NAME.gold.json beside it, creating dir.
func Write(dir string, reports []Report) error {
	return WriteSplit(dir, dir, reports)
}

// WriteSplit writes each report as dir/NAME.EXT and its gold file as goldDir/NAME.gold.json,
// creating both folders; an empty goldDir writes no gold files. Benchmarks and batch runs
// keep the gold files out of the folder jixiao reads, where they would be inputs.
func WriteSplit(dir, goldDir string, reports []Report) error {
	for _, d := range []string{dir, goldDir} {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	for _, rep := range reports {
		if err := os.WriteFile(filepath.Join(dir, rep.Name+"."+rep.Ext), rep.Data, 0o644); err != nil {
			return err
		}
		if goldDir == "" {
			continue
		}
		g, err := MarshalGold(rep.Gold)
		if err != nil {
			return fmt.Errorf("%s: %w", rep.Name, err)
		}
		if err := os.WriteFile(filepath.Join(goldDir, rep.Name+".gold.json"), g, 0o644); err != nil {
			return err
		}
	}
	return nil
}
