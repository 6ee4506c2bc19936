package parse

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Dump writes the document for people, one line per paragraph and per table cell:
//
//	format docx
//	p12 [h2] （一）部门基本情况
//	p13 我单位编制人数为7人……
//	t1 (3x4)
//	t1r1c1 项目
//	t1r2c1 [merged]
//
// "[h2]" marks a heading level; a line break or tab inside a text is written as \n or \t.
// Grid positions covered by a merge are marked [merged] without repeating the text.
func (d *Document) Dump(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "format %s", d.Format)
	if d.Encoding != "" {
		fmt.Fprintf(bw, " encoding %s", d.Encoding)
	}
	bw.WriteByte('\n')
	for _, b := range d.Blocks {
		switch b.Kind {
		case Table:
			cols := 0
			if len(b.Cells) > 0 {
				cols = len(b.Cells[0])
			}
			fmt.Fprintf(bw, "%s (%dx%d)\n", b.Location(), len(b.Cells), cols)
			for i, row := range b.Cells {
				for j, c := range row {
					loc := CellLocation(b.Index, i+1, j+1)
					switch {
					case c.Merged:
						fmt.Fprintf(bw, "%s [merged]\n", loc)
					case c.Text == "":
						fmt.Fprintf(bw, "%s\n", loc)
					default:
						fmt.Fprintf(bw, "%s %s\n", loc, escapeLine(c.Text))
					}
				}
			}
		default:
			fmt.Fprintf(bw, "%s ", b.Location())
			if b.Level > 0 {
				fmt.Fprintf(bw, "[h%d] ", b.Level)
			}
			fmt.Fprintf(bw, "%s\n", escapeLine(b.Text))
		}
	}
	return bw.Flush()
}

// escapeLine keeps a text on one line.
func escapeLine(s string) string {
	if !strings.ContainsAny(s, "\n\t\r") {
		return s
	}
	return strings.NewReplacer("\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}
