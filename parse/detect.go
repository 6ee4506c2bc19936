package parse

import (
	"bytes"
	"encoding/binary"
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
// .txt and .wps from .doc. A zip is FormatDOCX when it holds word/document.xml (or cannot be
// opened and is named .docx), else FormatZip. An OLE compound file is FormatDOC or FormatWPS
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
		case findMember(zr, docxMain) != nil:
			return FormatDOCX
		}
		return FormatZip
	case hasMagic(data, magicOLE):
		f, _ := classifyOLE(name, data)
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
	_, err := classifyOLE(name, data)
	return err
}

// Streams of an OLE compound file that tell what it holds.
const (
	oleWordDocument     = "WordDocument"     // Word 97-2003 .doc, and Kingsoft WPS .wps
	oleEncryptionInfo   = "EncryptionInfo"   // a password-protected OOXML file (.docx, .xlsx)
	oleEncryptedPackage = "EncryptedPackage" // ditto
	oleWorksContents    = "CONTENTS"         // Microsoft Works .wps
)

// fibEncrypted is the fEncrypted bit of the flags word at offset 10 of a Word 97 FIB
// (the first bytes of the WordDocument stream): the .doc is password-protected.
const fibEncrypted = 0x0100

// classifyOLE looks into an OLE compound file and returns its format and the error explaining
// why jixiao does not read it (every OLE file is refused: ErrEncrypted, ErrLegacyFormat,
// ErrNotDocument, or ErrCorrupt when it cannot be opened).
func classifyOLE(name string, data []byte) (format Format, err error) {
	wps := strings.EqualFold(filepath.Ext(name), ".wps")
	defer func() {
		if r := recover(); r != nil { // mscfb is not hardened against every damaged file
			format, err = FormatOLE, failCause(ErrCorrupt, "damaged OLE compound file", fmt.Errorf("mscfb: %v", r))
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return FormatOLE, failCause(ErrCorrupt, "damaged OLE compound file", err)
	}
	var word, works, encrypted bool
	var fib [12]byte
	var fibLen int
	for f, err := r.Next(); err == nil; f, err = r.Next() {
		switch f.Name {
		case oleEncryptionInfo, oleEncryptedPackage:
			encrypted = true
		case oleWordDocument:
			word = true
			fibLen, _ = io.ReadFull(f, fib[:])
		case oleWorksContents:
			works = true
		}
	}
	switch {
	case encrypted:
		return FormatOLE, fail(ErrEncrypted, "encrypted Office file")
	case word && fibLen == len(fib) && binary.LittleEndian.Uint16(fib[10:])&fibEncrypted != 0:
		if wps {
			return FormatWPS, fail(ErrEncrypted, "encrypted WPS .wps file")
		}
		return FormatDOC, fail(ErrEncrypted, "encrypted Word .doc file")
	case wps && (word || works):
		return FormatWPS, fail(ErrLegacyFormat, "legacy WPS .wps")
	case word:
		return FormatDOC, fail(ErrLegacyFormat, "legacy Word .doc")
	}
	return FormatOLE, fail(ErrNotDocument, "OLE compound file without a Word document (an Excel or PowerPoint file?)")
}
