package parse

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pagesPDF writes a PDF of one page per content stream, its fonts F1 (a CID font with the
// coder's ToUnicode: f1, or one whose glyphs are all 1000 units wide) and F2 (f2, if any).
func pagesPDF(c *cidCoder, f1, f2 string, contents ...string) []byte {
	if f1 == "" {
		f1 = cidFont("")
	}
	if len(c.order) == 0 {
		c.hex("的") // a ToUnicode CMap maps one character at least
	}
	n := len(contents)
	kids := make([]string, n)
	for i := range contents {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
		f1,
		pdfStreamObj("", c.toUnicode(), true),
	}
	fonts := "/F1 3 0 R"
	if f2 != "" {
		fonts += fmt.Sprintf(" /F2 %d 0 R", 5+2*n)
	}
	for i, content := range contents {
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << %s >> >> >>", 6+2*i, fonts),
			pdfStreamObj("", []byte(content), true))
	}
	if f2 != "" {
		objs = append(objs, f2)
	}
	return pdfBytes(objs, "/Root 1 0 R")
}

// cidFont is an Identity-H font whose glyphs are 1000 units wide but for the widths w
// gives, its ToUnicode object 4.
func cidFont(w string) string {
	return "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 /DW 1000 /W [" + w + "] >>] /ToUnicode 4 0 R >>"
}

// halfWidthDigits gives the coder's first codes to the digits and the point and returns the
// /W entry that makes them half as wide as the ideographs.
func halfWidthDigits(c *cidCoder) string {
	c.hex("0123456789.")
	return "3 13 500"
}

// textAt draws s with font F1 of size 10 at (x, y).
func textAt(c *cidCoder, x, y float64, s string) string {
	return fmt.Sprintf("BT /F1 10 Tf 1 0 0 1 %g %g Tm %s Tj ET\n", x, y, c.hex(s))
}

// TestReadPDFType3GlyphNames reads Type 3 fonts without ToUnicode whose glyph names say
// nothing, as poppler does: the number a name carries when every name carries one (a48,
// c2e in hex), else, or when that number is no character (g12), the code itself. A simple
// font that is not Type 3 with such names has no text.
func TestReadPDFType3GlyphNames(t *testing.T) {
	type3 := func(subtype, diffs string) string {
		return "<< /Type /Font /Subtype /" + subtype + " /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << >> " +
			"/Encoding << /Type /Encoding /Differences " + diffs + " >> /FirstChar 0 /LastChar 255 >>"
	}
	tests := []struct {
		name, font, show, want string
	}{
		{"decimal names at their codes", type3("Type3", "[46 /a46 48 /a48 /a49 /a50 /a51 /a52 /a53]"), "(12.5)", "12.5"},
		{"decimal names at other codes", type3("Type3", "[1 /a49 /a50 /a46 /a53]"), "<01020304>", "12.5"},
		{"hex names", type3("Type3", "[1 /c31 /c32 /c2e /c35]"), "<01020304>", "12.5"},
		{"names of control characters: the code", type3("Type3", "[46 /g9 49 /g3 /g7 53 /g12]"), "(12.5)", "12.5"},
		{"names without a number: the code", type3("Type3", "[46 /cid14 49 /cid17 /cid18 53 /cid21]"), "(12.5)", "12.5"},
		{"known names", type3("Type3", "[1 /one /two /period /five]"), "<01020304>", "12.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := "BT /F2 12 Tf 72 720 Td " + tt.show + " Tj ET"
			doc, err := Read(context.Background(), "r.pdf", pagesPDF(&cidCoder{}, "", tt.font, content), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(doc.Paragraphs(0), "|"); got != tt.want {
				t.Errorf("paragraphs %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("not Type 3", func(t *testing.T) {
		content := "BT /F2 12 Tf 72 720 Td (12.5) Tj ET"
		_, err := Read(context.Background(), "r.pdf", pagesPDF(&cidCoder{}, "", type3("TrueType", "[46 /g9 49 /g3 /g7 53 /g12]"), content), DefaultLimits())
		if !errors.Is(err, ErrPDF) || !strings.Contains(Message(err), "no Unicode map") {
			t.Errorf("err = %v, want the fonts without a Unicode map", err)
		}
	})
}

// TestReadPDFGlyphWidths places text by the widths the font gives: a Type 3 font's in its
// FontMatrix's units, a predefined Unicode CMap's ASCII codes by their CIDs (1-95 in every
// Adobe collection). Wrong widths would leave a gap (a space) or draw two cells into one.
func TestReadPDFGlyphWidths(t *testing.T) {
	tests := []struct {
		name, font, content, want string
	}{
		{"Type 3 FontMatrix", "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 100 100] /FontMatrix [0.01 0 0 0.01 0 0] /CharProcs << >> " +
			"/Encoding << /Type /Encoding /Differences [49 /one /two /three /four] >> /FirstChar 49 /LastChar 52 /Widths [50 50 50 50] >>",
			"BT /F2 10 Tf 72 720 Td (12) Tj ET BT /F2 10 Tf 82 720 Td (34) Tj ET", "1234"},
		{"UniGB-UCS2-H ASCII", "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H " +
			"/DescendantFonts [<< /Subtype /CIDFontType0 /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [15 [238] 17 26 462] >>] >>",
			"BT /F2 10 Tf 72 720 Td <003500370031002e00300033> Tj ET BT /F2 10 Tf 117.48 720 Td <003500350033002e00360030> Tj ET", "571.03\t553.60"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), "r.pdf", pagesPDF(&cidCoder{}, "", tt.font, tt.content), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(doc.Paragraphs(0), "|"); got != tt.want {
				t.Errorf("paragraphs %q, want %q", got, tt.want)
			}
		})
	}
}

// symbolSfnt is a TrueType program whose only table is a (3,0) symbol cmap mapping codes
// 0xF001.. to glyphs 1..n, as ps2pdf writes the fonts of pdftops' output.
func symbolSfnt(n int) []byte {
	var sub []byte
	be32 := func(v int) { sub = append(sub, byte(v>>24), byte(v>>16), byte(v>>8), byte(v)) }
	sub = append(sub, 0, 12, 0, 0)
	be32(16 + 12)
	be32(0)
	be32(1)
	be32(0xF001)
	be32(0xF000 + n)
	be32(1)
	cmap := append([]byte{0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 12}, sub...)
	font := []byte{0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0, 'c', 'm', 'a', 'p', 0, 0, 0, 0, 0, 0, 0, 28}
	font = append(font, byte(len(cmap)>>24), byte(len(cmap)>>16), byte(len(cmap)>>8), byte(len(cmap)))
	return append(font, cmap...)
}

// glyphNumbersPDF is a page as pdftops + ps2pdf write one: a TrueType font without
// ToUnicode or /Encoding whose codes, from 1, number its glyphs.
func glyphNumbersPDF() []byte {
	font := "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+UMingCN /FirstChar 1 /LastChar 4 /Widths [1000 1000 1000 1000] /FontDescriptor 20 0 R >>"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /R8 5 0 R >> >> >>",
		pdfStreamObj("", []byte("BT /R8 16 Tf 72 720 Td <01020304> Tj ET"), true),
		font,
		"<< /Type /FontDescriptor /FontName /ABCDEF+UMingCN /Flags 4 /FontFile2 7 0 R >>",
		pdfStreamObj("", symbolSfnt(4), true),
	}
	return []byte(strings.Replace(string(pdfBytes(objs, "/Root 1 0 R")), "/FontDescriptor 20 0 R", "/FontDescriptor 6 0 R", 1))
}

// TestReadPDFGlyphNumbers refuses PDFs whose fonts keep no Unicode at all (pdftops +
// ps2pdf: codes numbering the glyphs, a symbol cmap, no ToUnicode), a made one and the
// committed fixture, with the message that says so rather than reading noise.
func TestReadPDFGlyphNumbers(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("testdata", "writers", "nounicode-pdftops-ps2pdf", "gen-005-ruijin-shenji-2023.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"made": glyphNumbersPDF(), "pdftops + ps2pdf": fixture} {
		_, err := Read(context.Background(), "r.pdf", data, DefaultLimits())
		if !errors.Is(err, ErrPDF) || !strings.Contains(Message(err), "fonts have no Unicode map") {
			t.Errorf("%s: err = %v, want the fonts without a Unicode map", name, err)
		}
	}
}

// writerSeeds are made PDFs of the classes of real writers' files, seeds of FuzzReadPDF:
// a table across a page break, Type 3 glyph names, glyph numbers without Unicode.
func writerSeeds() [][]byte {
	var c cidCoder
	w := halfWidthDigits(&c)
	table := pagesPDF(&c, cidFont(w), "",
		textAt(&c, 72, 200, "序号")+textAt(&c, 150, 200, "项目名称")+textAt(&c, 300, 200, "预算数")+
			textAt(&c, 75, 186, "1")+textAt(&c, 140, 186, "老干部大学运")+textAt(&c, 300, 186, "2387947.63"),
		textAt(&c, 155, 760, "行经费")+textAt(&c, 75, 746, "2")+textAt(&c, 140, 746, "合计")+textAt(&c, 300, 746, "6241946.34"))
	type3 := pagesPDF(&cidCoder{}, "", "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << >> "+
		"/Encoding << /Type /Encoding /Differences [1 /c31 /c32 /c2e /c35 46 /g9 /cid17] >> /FirstChar 0 /LastChar 255 >>", "BT /F2 12 Tf 72 720 Td <01020304> Tj (./) Tj ET")
	return [][]byte{table, type3, glyphNumbersPDF()}
}
