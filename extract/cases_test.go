package extract

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/parse"
)

// TestCases runs the regression cases in testdata/cases: each folder holds one input file
// (input.txt, input.md or input.docx) and figures.txt, the figures it must give, one
// "metric|basis|item|value" per line (value in yuan, counts or percent, two decimals).
// A real-world wording that once failed becomes such a folder.
func TestCases(t *testing.T) {
	dirs, err := filepath.Glob("testdata/cases/*")
	if err != nil {
		t.Fatal(err)
	}
	e := newTestExtractor(t)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			inputs, _ := filepath.Glob(filepath.Join(dir, "input.*"))
			if len(inputs) != 1 {
				t.Fatalf("want one input.* in %s, have %v", dir, inputs)
			}
			doc, err := parse.ReadFile(context.Background(), inputs[0], parse.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			res, err := e.Extract(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			want := readWant(t, filepath.Join(dir, "figures.txt"))
			got := figKeys(res.Figures)
			got = dedupe(got)
			missing, extra := diffSets(want, got)
			for _, m := range missing {
				t.Errorf("missing %s", m)
			}
			for _, x := range extra {
				for _, f := range res.Figures {
					if figKey(f.Metric, string(f.Basis), f.Item, f.Value) == x {
						t.Errorf("extra %s  ← %s %q", x, f.Location, f.Raw)
						break
					}
				}
			}
		})
	}
}

func readWant(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "|")
		if len(p) != 4 {
			t.Fatalf("%s: bad line %q", path, line)
		}
		out = append(out, figKey(p[0], p[1], p[2], dec(p[3])))
	}
	return dedupe(out)
}

func dedupe(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func diffSets(want, got []string) (missing, extra []string) {
	w := map[string]bool{}
	for _, x := range want {
		w[x] = true
	}
	g := map[string]bool{}
	for _, x := range got {
		g[x] = true
		if !w[x] {
			extra = append(extra, x)
		}
	}
	for _, x := range want {
		if !g[x] {
			missing = append(missing, x)
		}
	}
	return missing, extra
}
