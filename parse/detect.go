package parse

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/richardlehane/mscfb"
)

// Magic numbers at the start of a file.
const (
	magicZip    = "PK\x03\x04"
	magicZipEnd = "PK\x05\x06" // an empty zip: only the end-of-central-directory record
	magicZipSpl = "PK\x07\x08" // a spanned zip
	magicOLE    = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
	magicPDF    = "%PDF"
)

// hasMagic reports whether data starts with magic.
func hasMagic(data []byte, magic string) bool {
	return len(data) >= len(magic) && string(data[:len(magic)]) == magic
}

// otherMagic names common non-document files, for a clearer message than "binary data".
func otherMagic(data []byte) string {
	for _, m := range []struct{ magic, what string }{
		{"\x89PNG", "PNG image"},
		{"\xFF\xD8\xFF", "JPEG image"},
		{"GIF8", "GIF image"},
		{"{\\rtf", "RTF document"},
		{"Rar!", "RAR archive"},
		{"7z\xBC\xAF", "7-Zip archive"},
		{"\x1F\x8B", "gzip archive"},
	} {
		if hasMagic(data, m.magic) {
			return m.what
		}
	}
	return ""
}

// Detect tells the format of a file from its bytes; the name's extension only tells .md from
// .txt and .wps from .doc. A zip is FormatDOCX when it holds a main document part (the one
// _rels/.rels or [Content_Types].xml names, or word/document.xml) or cannot be opened and is
// named .docx; FormatXLSX when it holds xl/workbook.xml and no other main part; else
// FormatZip. An OLE compound file is FormatDOC or FormatWPS
// when it holds a WordDocument stream, else FormatOLE (encrypted Office files, .xls, ...).
// Files that are neither Office, PDF nor one of a few well-known binary formats are text
// (FormatText or FormatMD) until decoding says otherwise.
func Detect(name string, data []byte) Format {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case hasMagic(data, magicZip), hasMagic(data, magicZipEnd), hasMagic(data, magicZipSpl):
		zr, err := openZip(data)
		switch {
		case err != nil && (ext == ".docx" || ext == ".docm" || ext == ".dotx"):
			return FormatDOCX
		case err != nil:
			return FormatZip
		case findMember(zr, xlsxWorkbook) != nil && (mainPart(zr) == "" || mainPart(zr) == xlsxWorkbook):
			return FormatXLSX // a workbook: its main part is xl/workbook.xml
		case mainPart(zr) != "":
			return FormatDOCX
		}
		return FormatZip
	case hasMagic(data, magicOLE):
		f, _, _ := classifyOLE(name, data, false)
		return f
	case hasMagic(data, magicPDF):
		return FormatPDF
	case otherMagic(data) != "":
		return FormatUnknown
	case ext == ".md" || ext == ".markdown":
		return FormatMD
	}
	return FormatText
}

// unknownWhat describes bytes Detect found to be no document.
func unknownWhat(data []byte) string {
	if w := otherMagic(data); w != "" {
		return w
	}
	return "binary data, not text"
}

// inspectOLE returns the error that explains why an OLE compound file is not read.
func inspectOLE(name string, data []byte) error {
	_, _, err := classifyOLE(name, data, false)
	return err
}

// Streams of an OLE compound file that tell what it holds.
const (
	oleWordDocument     = "WordDocument"     // Word 97-2003 .doc, and Kingsoft WPS .wps
	oleTable0           = "0Table"           // the table stream of a Word document
	oleTable1           = "1Table"           // ditto
	oleEncryptionInfo   = "EncryptionInfo"   // a password-protected OOXML file (.docx, .xlsx)
	oleEncryptedPackage = "EncryptedPackage" // ditto
	oleWorksContents    = "CONTENTS"         // Microsoft Works .wps
	oleWorkbook         = "Workbook"         // an Excel 97-2003 .xls (BIFF8)
	oleBook             = "Book"             // an Excel 5.0/95 .xls (BIFF5)
)

// fibEncrypted is the fEncrypted bit of the flags word at offset 10 of a Word 97 FIB
// (the first bytes of the WordDocument stream): the .doc is password-protected.
const fibEncrypted = 0x0100

// classifyOLE looks into an OLE compound file and returns its format: FormatDOC or FormatWPS
// when it holds a WordDocument stream, else FormatOLE with the error explaining why jixiao
// does not read it (ErrEncrypted, ErrLegacyFormat for a Works .wps, ErrNotDocument), or
// ErrCorrupt when it cannot be opened. With read, the streams of a Word document are read
// into the returned docStreams (each at most as long as the file).
func classifyOLE(name string, data []byte, read bool) (format Format, st *docStreams, err error) {
	wps := strings.EqualFold(filepath.Ext(name), ".wps")
	defer func() {
		if r := recover(); r != nil { // mscfb is not hardened against every damaged file
			format, st, err = FormatOLE, nil, failCause(ErrCorrupt, "damaged OLE compound file", fmt.Errorf("mscfb: %v", r))
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return FormatOLE, nil, failCause(ErrCorrupt, "damaged OLE compound file", err)
	}
	st = &docStreams{}
	for f, err := r.Next(); err == nil; f, err = r.Next() {
		if len(f.Path) > 0 { // only the root storage's streams matter
			continue
		}
		var dst *[]byte
		switch f.Name {
		case oleEncryptionInfo, oleEncryptedPackage:
			st.encryptedPackage = true
		case oleWordDocument:
			st.hasWord = true
			dst = &st.word
		case oleTable0:
			dst = &st.table0
		case oleTable1:
			dst = &st.table1
		case oleWorksContents:
			st.works = true
		case oleWorkbook, oleBook:
			st.workbook = true
		}
		if dst == nil || (!read && f.Name != oleWordDocument) {
			continue
		}
		n := int64(docFibBaseSize)
		if read {
			n = min(f.Size, int64(len(data)))
		}
		b := make([]byte, n)
		got, _ := io.ReadFull(f, b)
		*dst = b[:got]
	}
	switch {
	case st.encryptedPackage:
		return FormatOLE, nil, fail(ErrEncrypted, "encrypted Office file")
	case st.hasWord && wps:
		return FormatWPS, st, nil
	case st.hasWord:
		return FormatDOC, st, nil
	case wps && st.works:
		return FormatWPS, nil, fail(ErrLegacyFormat, "Microsoft Works .wps")
	case st.workbook:
		return FormatXLS, nil, fail(ErrLegacyWorkbook, "Excel 97-2003 workbook (.xls)")
	}
	return FormatOLE, nil, fail(ErrNotDocument, "OLE compound file without a Word document (an Excel or PowerPoint file?)")
}
