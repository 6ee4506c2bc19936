// Command mkt2s writes the table of traditional characters that jixiao reads as their
// simplified forms (internal/hanzi/t2s.txt), from OpenCC's traditional-to-simplified conversion
// (github.com/longbridgeapp/opencc, the Go port of OpenCC). A 繁体 mirror of a report is
// matched through it, while the raw text stays the evidence.
//
// It runs at development time (go generate ./internal/hanzi), never at run time:
//
//	go run ./internal/hanzi/mkt2s -o internal/hanzi/t2s.txt
//
// Each ideograph of the CJK Unified Ideographs block and its Extension A is converted on its
// own; a pair is kept when OpenCC gives one other character of those blocks. Characters that
// are also in everyday simplified use with their own meaning (乾 in 乾坤, 乾隆) are left out.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/longbridgeapp/opencc"
)

// alsoSimplified are characters OpenCC converts but simplified text also writes as they are.
var alsoSimplified = map[rune]bool{'乾': true}

func inBlocks(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF
}

func main() {
	out := flag.String("o", "internal/hanzi/t2s.txt", "output file")
	flag.Parse()
	cc, err := opencc.New("t2s")
	if err != nil {
		log.Fatalf("loading OpenCC t2s: %v", err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Traditional character, tab, the simplified character jixiao reads it as.")
	fmt.Fprintln(w, "# Written by internal/hanzi/mkt2s from OpenCC's t2s conversion; do not edit.")
	n := 0
	for _, block := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}} {
		for r := block[0]; r <= block[1]; r++ {
			if alsoSimplified[r] {
				continue
			}
			s, err := cc.Convert(string(r))
			if err != nil {
				log.Fatalf("converting %q: %v", r, err)
			}
			rs := []rune(s)
			if len(rs) != 1 || rs[0] == r || !inBlocks(rs[0]) {
				continue
			}
			fmt.Fprintf(w, "%c\t%c\n", r, rs[0])
			n++
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d characters written to %s", n, *out)
}
