// Package parse turns one submitted file into a Document: an ordered list of
// paragraphs and tables with the location of each, whatever the file format.
//
// Formats are detected from the bytes, not the file name: a zip holding
// word/document.xml is .docx, an OLE compound file is a legacy Office file
// (or an encrypted one), %PDF is a PDF, and anything else is tried as text
// in UTF-8, UTF-16 or GB18030.
package parse

import (
	"fmt"
	"strings"
)

// Format names a file format as it appears in the reports table's format column.
type Format string

// The formats jixiao recognises.
const (
	FormatDOCX    Format = "docx"
	FormatText    Format = "txt"
	FormatMD      Format = "md"
	FormatDOC     Format = "doc"
	FormatWPS     Format = "wps"
	FormatPDF     Format = "pdf"
	FormatXLSX    Format = "xlsx" // an Excel workbook: each sheet a table
	FormatXLS     Format = "xls"  // an Excel 97-2003 workbook (BIFF): recognised, not read
	FormatOLE     Format = "ole"  // an OLE compound file that is not a plain .doc (encrypted Office, .xls, ...)
	FormatZip     Format = "zip"
	FormatUnknown Format = "unknown"
)

// BlockKind tells a paragraph from a table.
type BlockKind int

// The kinds of block in a Document.
const (
	Paragraph BlockKind = iota + 1
	Table
)

// Document is what the parser saw in one file: blocks in reading order.
type Document struct {
	// Format is the detected format.
	Format Format `json:"format"`
	// Encoding is the text encoding that was decoded (text formats only), e.g. "utf-8", "gb18030", "utf-16le".
	Encoding string `json:"encoding,omitempty"`
	// Blocks are the paragraphs and tables in reading order.
	Blocks []Block `json:"blocks"`
}

// Block is one paragraph or one table.
//
// In JSON a Block also carries its location ("p12", "t2"), and its kind is spelled
// "paragraph" or "table".
type Block struct {
	// Kind tells a paragraph from a table.
	Kind BlockKind `json:"kind"`
	// Index counts blocks of the same kind from 1: paragraph 12 is p12, table 2 is t2.
	Index int `json:"index"`
	// Text is the paragraph's text as written (raw, for evidence). Empty for tables.
	Text string `json:"text,omitempty"`
	// Level is the heading level: 0 for body text, 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）,
	// or the level from the Word style / outline level.
	Level int `json:"level,omitempty"`
	// Style is the Word paragraph style id, when there is one.
	Style string `json:"style,omitempty"`
	// Cells is the table grid, merged cells expanded: every row has the same number of columns,
	// and a cell covered by a horizontal or vertical merge repeats the text of the merge's origin.
	Cells [][]Cell `json:"cells,omitempty"`
}

// Cell is one cell of a table grid.
type Cell struct {
	// Text is the cell's text: its paragraphs joined with "\n".
	Text string `json:"text"`
	// Merged is true when this grid position is covered by a merge that starts in another cell.
	Merged bool `json:"merged,omitempty"`
}

// Location prints where the block is: p12 for paragraph 12, t2 for table 2.
func (b Block) Location() string {
	if b.Kind == Table {
		return fmt.Sprintf("t%d", b.Index)
	}
	return fmt.Sprintf("p%d", b.Index)
}

// CellLocation prints the location of a table cell: t2r3c4 is table 2, row 3, column 4 (all from 1).
func CellLocation(table, row, col int) string {
	return fmt.Sprintf("t%dr%dc%d", table, row, col)
}

// Chars counts the characters (runes) of text in the document, paragraphs and cells.
func (d *Document) Chars() int64 {
	var n int64
	for _, b := range d.Blocks {
		n += int64(len([]rune(b.Text)))
		for _, row := range b.Cells {
			for _, c := range row {
				if !c.Merged {
					n += int64(len([]rune(c.Text)))
				}
			}
		}
	}
	return n
}

// Paragraphs returns the text of the first n non-empty paragraphs (all when n <= 0).
func (d *Document) Paragraphs(n int) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Kind != Paragraph || strings.TrimSpace(b.Text) == "" {
			continue
		}
		out = append(out, b.Text)
		if n > 0 && len(out) == n {
			break
		}
	}
	return out
}
