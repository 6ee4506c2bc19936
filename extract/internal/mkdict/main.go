// Command mkdict writes the compact general dictionary that extract embeds: the most
// frequent words of gse's simplified-Chinese dictionary and all its single characters, in
// gse's "word freq pos" format.
//
// It runs at development time (go generate ./extract), never at run time:
//
//	go run ./extract/internal/mkdict -n 30000 -o extract/data/general.dict
package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

type entry struct {
	line string
	word string
	freq float64
}

func main() {
	n := flag.Int("n", 30000, "how many of the most frequent words to keep")
	out := flag.String("o", "extract/data/general.dict", "output file")
	flag.Parse()

	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		log.Fatalf("locating gse: %v", err)
	}
	src := filepath.Join(strings.TrimSpace(string(dir)), "data", "dict", "zh", "s_1.txt")
	f, err := os.Open(src)
	if err != nil {
		log.Fatalf("opening gse dictionary: %v", err)
	}
	defer f.Close()

	var entries []entry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		freq, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			continue
		}
		entries = append(entries, entry{line: strings.Join(fields, " "), word: fields[0], freq: freq})
	}
	if err := sc.Err(); err != nil {
		log.Fatalf("reading gse dictionary: %v", err)
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		if c := cmp.Compare(b.freq, a.freq); c != 0 {
			return c
		}
		return strings.Compare(a.word, b.word)
	})
	// Every single character is kept as well: gse's route search treats a character that is
	// only the prefix of a word as impossible (log 0), which would force odd cuts such as
	// 自/评/得/分为 instead of 自评得分/为.
	var kept []entry
	for i, e := range entries {
		if i < *n || len([]rune(e.word)) == 1 {
			kept = append(kept, e)
		}
	}
	entries = kept
	// Sorted by word so the file diffs well and loads deterministically.
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.word, b.word) })

	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		log.Fatalf("writing %s: %v", *out, err)
	}
	fmt.Fprintf(os.Stderr, "mkdict: %d words from %s → %s\n", len(entries), src, *out)
}
