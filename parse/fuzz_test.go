package parse

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// fuzzLimits keep each fuzz input cheap.
func fuzzLimits() Limits {
	return Limits{MaxFileBytes: 4 << 20, MaxZipTotal: 4 << 20, MaxZipMember: 1 << 20, MaxXMLDepth: 64, MaxChars: 100_000}
}

// addTestdata adds every file of testdata as a seed, as archive/zip's fuzz test does.
func addTestdata(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join("testdata", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// checkRead asserts what Read promises for any input.
func checkRead(t *testing.T, name string, data []byte) {
	lim := fuzzLimits()
	doc, err := Read(context.Background(), name, data, lim)
	if doc == nil {
		t.Fatal("nil Document")
	}
	if err != nil {
		if !wrapsSentinel(err) {
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		if len(doc.Blocks) != 0 {
			t.Fatalf("blocks with an error: %v", err)
		}
		if Message(err) == "" {
			t.Fatal("empty message")
		}
		return
	}
	if len(doc.Blocks) == 0 {
		t.Fatal("no blocks and no error")
	}
	if doc.Chars() > lim.MaxChars {
		t.Fatalf("%d chars over the limit", doc.Chars())
	}
	paras, tables := 0, 0
	for _, b := range doc.Blocks {
		switch b.Kind {
		case Paragraph:
			paras++
			if b.Index != paras || !utf8.ValidString(b.Text) {
				t.Fatalf("paragraph %d: %+v", paras, b)
			}
		case Table:
			tables++
			if b.Index != tables || len(b.Cells) == 0 {
				t.Fatalf("table %d: %+v", tables, b)
			}
			for _, row := range b.Cells {
				if len(row) != len(b.Cells[0]) || len(row) == 0 {
					t.Fatalf("table %d is not rectangular", tables)
				}
			}
		default:
			t.Fatalf("block kind %d", b.Kind)
		}
	}
}

func FuzzReadDocx(f *testing.F) {
	addTestdata(f)
	for _, body := range []string{
		para("2024年度收入214.78万元"),
		`<w:p><w:r><w:t>a</w:t><w:tab/><w:br/></w:r><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>` + para("框") + `</w:txbxContent></mc:Choice><mc:Fallback>` + para("框") + `</mc:Fallback></mc:AlternateContent></w:r></w:p>`,
		`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>` + para("a") + `</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:tbl><w:tr><w:tc>` + para("n") + `</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`,
		`<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:outlineLvl w:val="1"/></w:pPr><w:del><w:r><w:delText>x</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>`,
	} {
		f.Add(docxBytes(f, body))
	}
	f.Add(zipBytes(f, member{"word/document.xml", documentXML(para("无rels"))}))
	f.Add(zipBytes(f, member{"a.txt", "x"}))
	f.Add(oleBytes(f, oleStream{"WordDocument", []byte{0xEC, 0xA5}}))
	f.Add([]byte("%PDF-1.4"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "f.docx", data)
	})
}

func FuzzDecodeText(f *testing.F) {
	for _, name := range []string{"longhui-kexie-2024.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		if gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b); err == nil {
			f.Add(gb)
		}
		if u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(b[:600]); err == nil {
			f.Add(u16)
		}
	}
	f.Add([]byte(sampleText))
	f.Add([]byte("| a | b |\n|---|---|\n| 1 | 2 |\n"))
	f.Add([]byte("项目\t金额\n基本支出\t105.57\n"))
	f.Add([]byte("\xEF\xBB\xBF# 标题\r\n（一）正文\r"))
	f.Add([]byte{0xFE, 0xFF, 0x00, 'a'})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		text, enc, err := decodeText(data)
		if err != nil {
			if !wrapsSentinel(err) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
		} else if !utf8.ValidString(text) || enc == "" {
			t.Fatalf("decoded %q as %q", text, enc)
		}
		checkRead(t, "f.md", data)
	})
}

func FuzzReadDoc(f *testing.F) {
	addTestdata(f)
	f.Add(docBytes(f, docFixture{paras: sampleDocParas(), papx: true}))
	f.Add(docBytes(f, docFixture{paras: sampleDocParas(), prc: true, table0: true}))
	f.Add(docBytes(f, docFixture{paras: []docTestPara{{text: "正文", mark: docParaEnd}}, compressed: "x\x93y\r", tail: "页眉\r"}))
	f.Add(docBytes(f, docFixture{paras: []docTestPara{{text: "正文", mark: docParaEnd}}, nFib: 0x65}))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "f.doc", data)
	})
}

// FuzzDocText fuzzes the Word binary reader below the OLE container: the WordDocument and
// table streams themselves.
func FuzzDocText(f *testing.F) {
	for _, fx := range []docFixture{
		{paras: sampleDocParas(), papx: true},
		{paras: sampleDocParas(), prc: true},
		{paras: []docTestPara{{text: "正文", mark: docParaEnd}}, compressed: "x\x93y\r", tail: "页眉\r"},
	} {
		_, st, err := classifyOLE("f.doc", docBytes(f, fx), true)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(st.word, st.table1)
	}
	f.Fuzz(func(t *testing.T, word, table []byte) {
		text, err := docText(&docStreams{word: word, table0: table, table1: table, hasWord: true}, false)
		if err != nil {
			if !wrapsSentinel(err) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		if _, err := text.blocks(context.Background(), fuzzLimits()); err != nil && !wrapsSentinel(err) {
			t.Fatalf("error wraps no sentinel: %v", err)
		}
	})
}

func FuzzReadPDF(f *testing.F) {
	addTestdata(f)
	// real producers' fixtures of the classes that are read differently: fonts read by their
	// cmap (texttopdf), predefined CMaps (ReportLab CID), tables at tab stops (pango)
	for _, p := range []string{"pdf-cups-texttopdf", "pdf-reportlab-cid", "pdf-pango-cairo"} {
		b, err := os.ReadFile(filepath.Join("testdata", "writers", p, "gen-001-zhungeer-wenlv-2021.pdf"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, b := range writerSeeds() {
		f.Add(b)
	}
	f.Add(samplePDF())
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Page /Contents 2 0 R >> endobj 2 0 obj << /Length 20 >> stream\nBT (a) Tj [(b) -900 (c)] TJ ET\nendstream endobj trailer << /Root 3 0 R >>"))
	f.Add([]byte("%PDF-1.5\n1 0 obj << /Type /ObjStm /N 1 /First 4 >> stream\n2 0 << /Type /Page /Contents 3 0 R >>\nendstream endobj"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "f.pdf", data)
	})
}
