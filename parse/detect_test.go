package parse

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadOtherFormats(t *testing.T) {
	fib := make([]byte, 4096)
	copy(fib, "\xEC\xA5") // wIdent of a Word 97 FIB
	encryptedFIB := append([]byte(nil), fib...)
	encryptedFIB[11] = 0x01 // fEncrypted
	tests := []struct {
		name   string
		file   string
		data   []byte
		format Format
		want   error
		msg    string
	}{
		{"legacy .doc", "r.doc", oleBytes(t, oleStream{"WordDocument", fib}, oleStream{"1Table", nil}),
			FormatDOC, ErrLegacyFormat, "legacy Word .doc (旧版Word格式): a format older than Word 97, which jixiao does not read; open it in Word or WPS, save as .docx and run again"},
		{".doc misnamed .docx", "r.docx", oleBytes(t, oleStream{"WordDocument", fib}),
			FormatDOC, ErrLegacyFormat, "legacy Word .doc"},
		{"legacy .wps", "r.wps", oleBytes(t, oleStream{"WordDocument", fib}),
			FormatWPS, ErrLegacyFormat, "legacy WPS .wps (旧版Word格式)"},
		{"encrypted .docx", "r.docx", oleBytes(t, oleStream{"EncryptionInfo", []byte{4, 0, 4, 0}}, oleStream{"EncryptedPackage", nil}),
			FormatOLE, ErrEncrypted, "encrypted Office file (文件已加密): remove the password and save as .docx, then run again"},
		{"encrypted .doc", "r.doc", oleBytes(t, oleStream{"WordDocument", encryptedFIB}),
			FormatDOC, ErrEncrypted, "encrypted Word .doc file"},
		{"excel .xls", "r.xls", oleBytes(t, oleStream{"Workbook", nil}),
			FormatXLS, ErrLegacyWorkbook, "Excel 97-2003 workbook (.xls) (旧版Excel格式): open it in Excel or WPS, save it as .xlsx and run again"},
		{"excel 95 .xls", "r.xls", oleBytes(t, oleStream{"Book", nil}),
			FormatXLS, ErrLegacyWorkbook, "Excel 97-2003 workbook (.xls) (旧版Excel格式)"},
		{"powerpoint .ppt", "r.ppt", oleBytes(t, oleStream{"PowerPoint Document", nil}),
			FormatOLE, ErrNotDocument, "OLE compound file without a Word document"},
		{"damaged OLE", "r.doc", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 600)...),
			FormatOLE, ErrCorrupt, "damaged OLE compound file (文件已损坏)"},
		{"truncated pdf", "r.pdf", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"),
			FormatPDF, ErrCorrupt, "damaged PDF (no objects) (文件已损坏)"},
		{"png", "r.docx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"),
			FormatUnknown, ErrNotDocument, "PNG image (不是可读取的文档): submit the report as .docx or .txt"},
		{"empty", "r.docx", nil, FormatText, ErrEmpty, "file of zero bytes (文件无内容)"},
		{"empty zip", "r.zip", zipBytes(t), FormatZip, ErrNotDocument, "zip archive without word/document.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), tt.file, tt.data, DefaultLimits())
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if doc.Format != tt.format {
				t.Errorf("Format = %q, want %q", doc.Format, tt.format)
			}
			if got := Detect(tt.file, tt.data); got != tt.format {
				t.Errorf("Detect = %q, want %q", got, tt.format)
			}
			if msg := Message(err); !strings.HasPrefix(msg, tt.msg) {
				t.Errorf("Message = %q, want prefix %q", msg, tt.msg)
			}
		})
	}
}

func TestMessage(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{ErrEmpty, "empty file (文件无内容): the file holds no text; check that the right file was submitted"},
		{ErrNotDocument, "not a document (不是可读取的文档): submit the report as .docx or .txt"},
		{ErrEncrypted, "encrypted Office file (文件已加密): remove the password and save as .docx, then run again"},
		{ErrLegacyFormat, "legacy Word .doc (旧版Word格式): a format older than Word 97, which jixiao does not read; open it in Word or WPS, save as .docx and run again"},
		{ErrPDF, "PDF without a text layer (扫描件): export the report as .docx or .txt"},
		{ErrCorrupt, "damaged file (文件已损坏): open it in Word or WPS, save it again as .docx and run again"},
		{ErrEncoding, "text in an unknown encoding (文本编码无法识别): save it as UTF-8 text or as .docx and run again"},
		{&LimitError{Name: "max-file-bytes", Limit: 67108864}, "file larger than 67108864 bytes (超出处理上限): check the file, or run again with a higher --max-file-bytes"},
		{context.DeadlineExceeded, "reading took too long (处理超时): run again with a longer time limit"},
		{errors.New("disk on fire\nsecond line"), "unreadable file (无法读取): disk on fire second line"},
	}
	for _, tt := range tests {
		if got := Message(tt.err); got != tt.want {
			t.Errorf("Message(%v) =\n%q, want\n%q", tt.err, got, tt.want)
		}
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.txt")
	if err := os.WriteFile(path, []byte("一、概况\n正文\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := ReadFile(context.Background(), path, DefaultLimits())
	if err != nil || len(doc.Blocks) != 2 {
		t.Fatalf("ReadFile = %+v, %v", doc, err)
	}
	_, err = ReadFile(context.Background(), path, Limits{MaxFileBytes: 5})
	var le *LimitError
	if !errors.As(err, &le) || le.Name != "max-file-bytes" || le.Limit != 5 {
		t.Errorf("over the limit: err = %v", err)
	}
	if _, err := ReadFile(context.Background(), dir, DefaultLimits()); !errors.Is(err, ErrNotDocument) {
		t.Errorf("directory: err = %v", err)
	}
	doc, err = ReadFile(context.Background(), filepath.Join(dir, "missing.txt"), DefaultLimits())
	if doc == nil || !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(Message(err), "file not found") {
		t.Errorf("missing: %v, %q", err, Message(err))
	}
}

func TestDocumentJSON(t *testing.T) {
	doc := &Document{Format: FormatDOCX, Blocks: []Block{
		{Kind: Paragraph, Index: 1, Text: "一、概况", Level: 1, Style: "BodyText"},
		{Kind: Table, Index: 1, Cells: [][]Cell{{{Text: "a"}, {Text: "a", Merged: true}}}},
	}}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"format":"docx","blocks":[{"location":"p1","kind":"paragraph","index":1,"text":"一、概况","level":1,"style":"BodyText"},` +
		`{"location":"t1","kind":"table","index":1,"cells":[[{"text":"a"},{"text":"a","merged":true}]]}]}`
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
	var back Document
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Blocks[1].Kind != Table || back.Blocks[1].Cells[0][1].Merged != true {
		t.Errorf("round trip: %+v", back)
	}
}

// TestReadMutations feeds Read damaged variants of each kind of fixture: a quick, deterministic
// cousin of the fuzz targets that runs with every go test.
func TestReadMutations(t *testing.T) {
	seeds := [][]byte{
		docxBytes(t, para("2024年度收入214.78万元")+`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>`+para("a")+`</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`),
		oleBytes(t, oleStream{"WordDocument", []byte{0xEC, 0xA5}}, oleStream{"1Table", nil}),
		[]byte(sampleText),
	}
	rng := rand.New(rand.NewPCG(7, 7))
	n := 600
	if testing.Short() {
		n = 100
	}
	for i := 0; i < n; i++ {
		d := append([]byte(nil), seeds[i%len(seeds)]...)
		for k := 0; k < 1+rng.IntN(8); k++ {
			d[rng.IntN(len(d))] = byte(rng.UintN(256))
		}
		if rng.IntN(4) == 0 {
			d = d[:rng.IntN(len(d))]
		}
		checkRead(t, "m.docx", d)
	}
}
