package parse

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// pdfBytes writes a PDF of the given object bodies, numbered from 1, with a cross-reference
// table and a trailer holding trailer (the /Root entry and any other).
func pdfBytes(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, x)
	return b.Bytes()
}

// pdfStreamObj is a stream object: dict's entries with /Length, Flate-compressed when flate.
func pdfStreamObj(dict string, data []byte, flate bool) string {
	if flate {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(data)
		w.Close()
		data = z.Bytes()
		dict += " /Filter /FlateDecode"
	}
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// cidCoder assigns two-byte codes (CIDs) to the characters of a text, as a subset font with
// Identity-H does, and writes the ToUnicode CMap that maps them back.
type cidCoder struct {
	codes map[rune]int
	order []rune
}

// hex returns the codes of s as a hex string <...>.
func (c *cidCoder) hex(s string) string {
	if c.codes == nil {
		c.codes = map[rune]int{}
	}
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		code, ok := c.codes[r]
		if !ok {
			code = len(c.order) + 3 // codes 1 and 2 stay unused
			c.codes[r] = code
			c.order = append(c.order, r)
		}
		fmt.Fprintf(&b, "%04X", code)
	}
	b.WriteByte('>')
	return b.String()
}

// toUnicode writes the CMap: the first character by a bfrange, the others by bfchar.
func (c *cidCoder) toUnicode() []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	if len(c.order) > 0 {
		fmt.Fprintf(&b, "1 beginbfrange\n<%04X> <%04X> <%04X>\nendbfrange\n", c.codes[c.order[0]], c.codes[c.order[0]], c.order[0])
	}
	fmt.Fprintf(&b, "%d beginbfchar\n", len(c.order)-1)
	for _, r := range c.order[1:] {
		u := []byte(string(r))
		_ = u
		fmt.Fprintf(&b, "<%04X> <%04X>\n", c.codes[r], r)
	}
	b.WriteString("endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}

// samplePDF is a two-page report: a CID font (Type0, CIDFontType2, Identity-H, ToUnicode)
// for the Chinese text and a Type1 font in WinAnsi for Latin text, Flate-compressed
// content, a table row whose cells stand apart, text in a form XObject and an inline image.
func samplePDF() []byte {
	var c cidCoder
	page1 := "BT /F1 16 Tf 1 0 0 1 200 760 Tm " + c.hex("隆回县科学技术协会") + " Tj ET\n" +
		"BT /F1 12 Tf 14 TL 72 720 Td " + c.hex("一、部门概况") + " Tj T* " + c.hex("2024年度收入214.78万元，其中：县财政") + " Tj T* [" +
		c.hex("预算安排") + " -20 " + c.hex("208.63万元。") + "] TJ ET\n" +
		"BI /W 2 /H 2 /CS /G /BPC 8 ID \x00Tj)(\xff\x80 EI\n" +
		"BT /F1 12 Tf 72 640 Td " + c.hex("项目") + " Tj 200 0 Td " + c.hex("金额（万元）") + " Tj ET\n" +
		"BT /F1 12 Tf 72 622 Td " + c.hex("基本支出") + " Tj 200 0 Td " + c.hex("105.57") + " Tj ET\n" +
		"BT /F2 10 Tf 72 600 Td (Caf\\351 ) Tj (\\223quoted\\224) Tj ET\n"
	page2 := "q 1 0 0 1 0 -100 cm /X1 Do Q\n"
	form := "BT /F1 12 Tf 72 700 Td " + c.hex("（一）基本支出情况") + " Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Resources << /Font << /F1 7 0 R /F2 10 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [6 0 R] /Resources << /Font << /F1 7 0 R >> /XObject << /X1 11 0 R >> >> >>",
		pdfStreamObj("", []byte(page1), true),
		pdfStreamObj("", []byte(page2), true),
		"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /DescendantFonts [8 0 R] /ToUnicode 9 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [3 [1000 1000] 40 60 500] >>",
		"", // the ToUnicode CMap, once every character has its code
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 >>",
		pdfStreamObj("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 0]", []byte(form), false),
	}
	objs[8] = pdfStreamObj("", c.toUnicode(), true)
	return pdfBytes(objs, "/Root 1 0 R")
}

func TestReadPDF(t *testing.T) {
	doc, err := Read(context.Background(), "r.pdf", samplePDF(), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatPDF {
		t.Errorf("Format = %q", doc.Format)
	}
	want := "p1 隆回县科学技术协会\n" +
		"p2 [h1] 一、部门概况\n" +
		"p3 2024年度收入214.78万元，其中：县财政\n" +
		"p4 预算安排208.63万元。\n" +
		"t1 (2x2)\nt1r1c1 项目\nt1r1c2 金额（万元）\nt1r2c1 基本支出\nt1r2c2 105.57\n" +
		"p5 Café “quoted”\n" +
		"p6 [h2] （一）基本支出情况\n"
	if got := dumpBody(t, doc); got != want {
		t.Errorf("dump\n got:\n%s\nwant:\n%s", got, want)
	}
}

func TestReadPDFObjectStreams(t *testing.T) {
	// The page tree and the font sit in an object stream; the trailer is a
	// cross-reference stream's dictionary (whose data the reader does not need).
	var c cidCoder
	content := "BT /F1 12 Tf 72 720 Td " + c.hex("收入合计") + " Tj 0 -14 Td " + c.hex("214.78") + " Tj ET"
	inner := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
	}
	var head, body strings.Builder
	for i, o := range inner {
		fmt.Fprintf(&head, "%d %d ", i+1, body.Len())
		body.WriteString(o + "\n")
	}
	stm := head.String() + body.String()
	objs := []string{
		"null", "null", "null", // 1-3 live in the object stream 7
		pdfStreamObj("", []byte(content), true),
		"<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType0 /DW 1000 >>] /ToUnicode 6 0 R >>",
		pdfStreamObj("", c.toUnicode(), true),
		pdfStreamObj(fmt.Sprintf("/Type /ObjStm /N 3 /First %d", len(head.String())), []byte(stm), true),
		pdfStreamObj("/Type /XRef /Size 9 /Root 1 0 R /W [1 4 2] /DecodeParms << /Columns 7 /Predictor 12 >>", make([]byte, 8*8), true),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	for i, o := range objs {
		if o == "null" {
			continue
		}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	b.WriteString("startxref\n0\n%%EOF\n")
	doc, err := Read(context.Background(), "r.pdf", b.Bytes(), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(doc.Paragraphs(0), "|"); got != "收入合计|214.78" {
		t.Errorf("paragraphs %q", got)
	}
}

func TestReadPDFFailures(t *testing.T) {
	pages := func(content string, extra ...string) []string {
		return append([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 5 0 R >> >> >>",
			pdfStreamObj("", []byte(content), true),
		}, extra...)
	}
	image := pdfStreamObj("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", []byte{0xFF, 0xD8, 0xFF}, false)
	noToUnicode := "<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 >>] >>"
	bomb := bytes.Repeat([]byte("0 0 m 1 1 l S\n"), 200000) // 2.8 MB of content
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want error
		msg  string
	}{
		{"scanned", pdfBytes(pages("q 595 0 0 842 0 0 cm /Im1 Do Q", image), "/Root 1 0 R"), Limits{}, ErrPDF,
			"PDF without a text layer (扫描件): export the report as .docx or .txt"},
		{"no ToUnicode", pdfBytes(pages("BT /F1 12 Tf 72 720 Td <00030004> Tj ET", noToUnicode), "/Root 1 0 R"), Limits{}, ErrPDF,
			"PDF whose fonts have no Unicode map (its text cannot be copied out; not a scan) (字体无Unicode映射): export the report again"},
		{"encrypted", pdfBytes(pages("BT ET", "<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>"), "/Root 1 0 R /Encrypt 5 0 R"), Limits{}, ErrEncrypted,
			"encrypted PDF (文件已加密)"},
		{"no pages", pdfBytes([]string{"<< /Type /Catalog >>"}, "/Root 1 0 R"), Limits{}, ErrCorrupt, "damaged PDF (no pages) (文件已损坏)"},
		{"garbage", []byte("%PDF-1.4\n\x00\x01\x02 garbage obj"), Limits{}, ErrCorrupt, "damaged PDF (no objects)"},
		{"stream over max-zip-member", pdfBytes(pages(string(bomb)), "/Root 1 0 R"), Limits{MaxZipMember: 1 << 20}, ErrLimit,
			"PDF stream that expands to more than 1048576 bytes (a zip bomb?)"},
		{"over max-chars", pdfBytes(pages("BT /F1 12 Tf 72 720 Td ("+strings.Repeat("x", 500)+") Tj ET"), "/Root 1 0 R"), Limits{MaxChars: 100}, ErrLimit,
			"more than 100 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), "r.pdf", tt.data, tt.lim)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if doc.Format != FormatPDF || len(doc.Blocks) != 0 {
				t.Errorf("format %q, %d blocks", doc.Format, len(doc.Blocks))
			}
			if msg := Message(err); !strings.Contains(msg, tt.msg) {
				t.Errorf("Message = %q, want it to hold %q", msg, tt.msg)
			}
		})
	}
}

func TestPDFSyntax(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`(a\(b\)c\\\101\0121)`, "a(b)c\\A\n1"},
		{"(line\\\ncontinued)", "linecontinued"},
		{"(nested (parens) ok)", "nested (parens) ok"},
		{"<48 65 6C6C 6F7>", "Hellop"},
	}
	for _, tt := range tests {
		l := pdfLexer{data: []byte(tt.in)}
		v, err := l.object(l.next(), 0)
		if s, ok := v.(pdfString); err != nil || !ok || string(s) != tt.want {
			t.Errorf("%q: %q, %v; want %q", tt.in, v, err, tt.want)
		}
	}
	l := pdfLexer{data: []byte("<< /A#20B 1 0 R /C [1 2.5 -.5 /N] /D << /E true >> >>")}
	v, err := l.object(l.next(), 0)
	d, ok := v.(pdfDict)
	if err != nil || !ok || d["A B"] != (pdfRef{1, 0}) || len(d["C"].(pdfArray)) != 4 || d["C"].(pdfArray)[2] != -0.5 {
		t.Errorf("dict %#v, %v", v, err)
	}
	if got := glyphText("uni2014"); got != "—" {
		t.Errorf("uni2014 = %q", got)
	}
	if got := cleanGlyphText("⾦额"); got != "金额" {
		t.Errorf("Kangxi radical: %q", got)
	}
	// Chromium's ToUnicode: the CJK Radicals Supplement, which NFKC leaves alone.
	if got := cleanGlyphText("部\u2ED4\u2EE9\u2ED8\u2EAD"); got != "部门黄青礻" {
		t.Errorf("CJK Radicals Supplement: %q", got)
	}
}

// TestSeedPDF checks the real PDF LibreOffice exported from the seed report (its font
// programs removed to keep it small): the paragraphs of the .docx, broken into lines.
func TestSeedPDF(t *testing.T) {
	doc, err := ReadFile(context.Background(), "testdata/longhui-kexie-2024.pdf", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	docx, err := ReadFile(context.Background(), "testdata/longhui-kexie-2024.docx", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	join := func(ps []string) string {
		s := strings.Join(ps, "")
		return strings.NewReplacer(" ", "", "\t", "").Replace(s)
	}
	if a, b := join(doc.Paragraphs(0)), join(docx.Paragraphs(0)); a != b {
		t.Errorf("pdf and docx text differ:\n%s", firstDiff(a, b))
	}
}

// TestReadPDFLinearizedTrailer keeps the page order of a linearized file, whose first-page
// trailer (at the start) names the catalog and whose last trailer does not.
func TestReadPDFLinearizedTrailer(t *testing.T) {
	page := func(text string) string {
		return pdfStreamObj("", []byte("BT /F1 12 Tf 72 720 Td ("+text+") Tj ET"), false)
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 2 /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", // the second page, numbered first
		page("second"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
		page("first"),
	}
	data := pdfBytes(objs, "/Root 1 0 R")
	// the last trailer of a linearized file: no /Root
	data = append(data, []byte("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 8 /Prev 9 >>\nstartxref\n0\n%%EOF\n")...)
	doc, err := Read(context.Background(), "r.pdf", data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(doc.Paragraphs(0), "|"); got != "first|second" {
		t.Errorf("paragraphs %q, want first|second", got)
	}
}

// sfntWithCmap is a TrueType program of one table, a format 4 (3,1) cmap mapping each rune
// of chars to the glyph ID after the one before (the first to 3).
func sfntWithCmap(chars []rune) []byte {
	var sub bytes.Buffer
	segs := len(chars) + 1
	w16 := func(b *bytes.Buffer, v int) { b.WriteByte(byte(v >> 8)); b.WriteByte(byte(v)) }
	w16(&sub, 4)
	w16(&sub, 16+8*segs)
	w16(&sub, 0)
	w16(&sub, 2*segs)
	w16(&sub, 0)
	w16(&sub, 0)
	w16(&sub, 0)
	for _, r := range chars {
		w16(&sub, int(r))
	}
	w16(&sub, 0xFFFF)
	w16(&sub, 0)
	for _, r := range chars {
		w16(&sub, int(r))
	}
	w16(&sub, 0xFFFF)
	for i, r := range chars {
		w16(&sub, (3+i-int(r))&0xFFFF)
	}
	w16(&sub, 1)
	for range segs {
		w16(&sub, 0)
	}
	var cmap bytes.Buffer
	w16(&cmap, 0)
	w16(&cmap, 1)
	w16(&cmap, 3)
	w16(&cmap, 1)
	cmap.Write([]byte{0, 0, 0, 12})
	cmap.Write(sub.Bytes())
	var font bytes.Buffer
	font.Write([]byte{0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0})
	font.WriteString("cmap")
	font.Write([]byte{0, 0, 0, 0, 0, 0, 0, 28})
	n := cmap.Len()
	font.Write([]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
	font.Write(cmap.Bytes())
	return font.Bytes()
}

// TestReadPDFTrueTypeCmap reads a CID TrueType font without ToUnicode (as CUPS texttopdf
// writes one) by its embedded program's cmap, reversed.
func TestReadPDFTrueTypeCmap(t *testing.T) {
	chars := []rune("部门收入合计12.5万元")
	gid := map[rune]int{}
	for i, r := range chars {
		gid[r] = 3 + i
	}
	var codes strings.Builder
	for _, r := range "部门收入合计12.5万元" {
		fmt.Fprintf(&codes, "%04X", gid[r])
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		pdfStreamObj("", []byte("BT /F1 12 Tf 72 720 Td <"+codes.String()+"> Tj ET"), true),
		"<< /Type /Font /Subtype /Type0 /BaseFont /EJPQL /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /EJPQL /CIDToGIDMap /Identity /DW 1000 /FontDescriptor 7 0 R >>",
		"<< /Type /FontDescriptor /FontName /EJPQL /Flags 4 /FontFile2 8 0 R >>",
		pdfStreamObj("", sfntWithCmap(chars), true),
	}
	doc, err := Read(context.Background(), "r.pdf", pdfBytes(objs, "/Root 1 0 R"), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(doc.Paragraphs(0), "|"); got != "部门收入合计12.5万元" {
		t.Errorf("paragraphs %q", got)
	}
}

// TestReadPDFTableLayout rebuilds table cells from column positions across rows: an empty
// leading header cell keeps its column, a header centred over two rows and a label wrapped
// beside numbers centred on it join their rows, two numbers a space apart are two cells, and
// text drawn twice a fraction of a point apart (fake bold) is read once.
func TestReadPDFTableLayout(t *testing.T) {
	var c cidCoder
	at := func(x, y float64, s string) string {
		return fmt.Sprintf("BT /F1 10 Tf 1 0 0 1 %g %g Tm %s Tj ET\n", x, y, c.hex(s))
	}
	content := at(72, 760, "收支表") + at(72.3, 760, "收支表") + // fake bold
		at(200, 740, "预算数") + at(300, 740, "决算数") + // no header over the label column
		at(72, 720, "收入合计") + at(200, 720, "1,234.50") + at(246, 720, "1,200.00") + at(300, 720, "97.2") +
		at(72, 704, "其中：财政") + at(200, 700, "1,000.00") + at(300, 700, "98.0") + at(72, 696, "拨款收入") +
		at(72, 680, "其他收入") + at(200, 680, "234.50") + at(300, 680, "95.1")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		pdfStreamObj("", []byte(content), true),
		"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 /DW 500 >>] /ToUnicode 6 0 R >>",
		"",
	}
	objs[5] = pdfStreamObj("", c.toUnicode(), true)
	doc, err := Read(context.Background(), "r.pdf", pdfBytes(objs, "/Root 1 0 R"), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "p1 收支表\nt1 (4x4)\nt1r1c1\nt1r1c2 预算数\nt1r1c3\nt1r1c4 决算数\n" +
		"t1r2c1 收入合计\nt1r2c2 1,234.50\nt1r2c3 1,200.00\nt1r2c4 97.2\n" +
		"t1r3c1 其中：财政拨款收入\nt1r3c2 1,000.00\nt1r3c3\nt1r3c4 98.0\n" +
		"t1r4c1 其他收入\nt1r4c2 234.50\nt1r4c3\nt1r4c4 95.1\n"
	if got := dumpBody(t, doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
