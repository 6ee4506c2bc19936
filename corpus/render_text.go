package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// textStyle is how blocks become plain text or Markdown.
type textStyle struct {
	md        bool
	tableMode int    // 0 pipe rows, 1 one cell per line, 2 tab-separated, 3 cells run together with spaces
	pdf       bool   // copied out of a PDF: hard line breaks and page numbers
	width     int    // characters per line when pdf
	indent    string // paragraph indent
	blank     bool   // blank line between paragraphs
}

func newTextStyle(r *rand.Rand, md bool) textStyle {
	ts := textStyle{md: md, tableMode: r.IntN(3), indent: pick(r, []string{"", "", "　　", "    "})}
	if md {
		ts.tableMode, ts.blank, ts.indent = 0, true, ""
		return ts
	}
	ts.blank = r.IntN(3) == 0
	if r.IntN(10) < 3 {
		ts.pdf = true
		ts.width = 28 + r.IntN(12)
		ts.blank = false
		if ts.tableMode == 0 {
			ts.tableMode = 1
		}
	}
	return ts
}

// renderText lays blocks out as text lines.
func renderText(r *rand.Rand, blocks []block, ts textStyle) string {
	var lines []string
	emit := func(s string) {
		lines = append(lines, s)
		if ts.blank {
			lines = append(lines, "")
		}
	}
	for _, b := range blocks {
		switch b.kind {
		case bTitle:
			if ts.md {
				emit("# " + b.text)
			} else {
				emit(b.text)
			}
		case bHeading:
			if ts.md {
				emit(strings.Repeat("#", b.level+1) + " " + b.text)
			} else {
				emit(b.text)
			}
		case bPara:
			emit(ts.indent + b.text)
		case bTable:
			for _, l := range tableLines(b.tbl, ts) {
				lines = append(lines, l)
			}
			if ts.blank {
				lines = append(lines, "")
			}
		}
	}
	if ts.pdf {
		lines = pdfLines(r, lines, ts.width)
	}
	return strings.Join(lines, "\n") + "\n"
}

// tableLines renders a table as pipe rows, one cell per line, or tab-separated rows.
func tableLines(rows [][]cell, ts textStyle) []string {
	var out []string
	for i, row := range rows {
		var cells []string
		for _, c := range row {
			t := c.text
			if c.vm == 2 {
				t = ""
			}
			cells = append(cells, t)
			for k := 1; k < c.span; k++ {
				cells = append(cells, "")
			}
		}
		switch ts.tableMode {
		case 0:
			out = append(out, "| "+strings.Join(cells, " | ")+" |")
			if i == 0 && ts.md {
				seps := make([]string, len(cells))
				for k := range seps {
					seps[k] = "---"
				}
				out = append(out, "| "+strings.Join(seps, " | ")+" |")
			}
		case 1:
			for _, c := range cells {
				if c != "" {
					out = append(out, c)
				}
			}
		case 3: // cells run together with spaces, the empty ones lost
			var full []string
			for _, c := range cells {
				if c != "" {
					full = append(full, c)
				}
			}
			out = append(out, strings.Join(full, " "))
		default:
			out = append(out, strings.Join(cells, "\t"))
		}
	}
	return out
}

// pdfLines hard-wraps lines at width characters (inside words and numbers, as PDF text
// copies do) and puts page numbers between pages.
func pdfLines(r *rand.Rand, lines []string, width int) []string {
	var wrapped []string
	for _, l := range lines {
		rs := []rune(l)
		for len(rs) > width {
			wrapped = append(wrapped, string(rs[:width]))
			rs = rs[width:]
		}
		wrapped = append(wrapped, string(rs))
	}
	per := 30 + r.IntN(12)
	pages := (len(wrapped) + per - 1) / per
	mark := pick(r, pageMarks)
	var out []string
	for i, l := range wrapped {
		out = append(out, l)
		if (i+1)%per == 0 && i+1 < len(wrapped) {
			n := (i + 1) / per
			out = append(out, strings.NewReplacer("{n}", strconv.Itoa(n), "{m}", strconv.Itoa(pages)).Replace(mark))
		}
	}
	return out
}

// Text encodings of .txt files.
const (
	encUTF8    = "utf-8"
	encUTF8BOM = "utf-8-bom"
	encGB18030 = "gb18030"
	encUTF16LE = "utf-16le"
)

// encodeText turns text into bytes in the given encoding, with CRLF line ends if asked.
func encodeText(s, enc string, crlf bool) []byte {
	if crlf {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	switch enc {
	case encUTF8BOM:
		return append([]byte("\ufeff"), s...)
	case encGB18030:
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil { // GB18030 covers all of Unicode; keep UTF-8 if it ever fails
			return []byte(s)
		}
		return b
	case encUTF16LE:
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			return []byte(s)
		}
		return b
	}
	return []byte(s)
}

// DecodeText decodes a generated .txt back to UTF-8 text with LF line ends (BOMs,
// GB18030 and UTF-16LE as Generate writes them). enc is one of the encodings it writes.
func DecodeText(b []byte, enc string) (string, error) {
	var s string
	switch enc {
	case encGB18030:
		d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil {
			return "", err
		}
		s = string(d)
	case encUTF16LE:
		d, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", err
		}
		s = string(d)
	default:
		s = strings.TrimPrefix(string(b), "\ufeff")
	}
	return strings.ReplaceAll(s, "\r\n", "\n"), nil
}
