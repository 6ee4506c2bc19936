package parse

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// member is one file of a zip built by a test.
type member struct {
	name, body string
}

// zipBytes writes members into a zip archive, in order, deflated.
func zipBytes(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// documentXML wraps body (the children of w:body) into a word/document.xml with the
// namespaces real Word declares.
func documentXML(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
		` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"` +
		` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"` +
		` mc:Ignorable="w14 wp14"><w:body>` + body + `<w:sectPr/></w:body></w:document>`
}

// Parts of a minimal .docx besides word/document.xml.
const (
	contentTypesXML = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	rootRelsXML     = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	docRelsXML      = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`
)

// docxBytes builds a complete minimal .docx whose body is body.
func docxBytes(t testing.TB, body string) []byte {
	t.Helper()
	return zipBytes(t,
		member{"[Content_Types].xml", contentTypesXML},
		member{"_rels/.rels", rootRelsXML},
		member{"word/document.xml", documentXML(body)},
		member{"word/_rels/document.xml.rels", docRelsXML},
	)
}

// para is a body paragraph with one run of text.
func para(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// dumpBody returns the Dump of doc without its first (format) line.
func dumpBody(t testing.TB, doc *Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := doc.Dump(&buf); err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(buf.String(), "\n")
	return rest
}

// sentinels are the failure classes every error of Read must wrap.
var sentinels = []error{ErrEmpty, ErrNotDocument, ErrEncrypted, ErrLegacyFormat, ErrLegacyWorkbook, ErrPDF, ErrCorrupt, ErrEncoding, ErrLimit}

// wrapsSentinel reports whether err wraps one of the package's sentinel errors.
func wrapsSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// OLE compound file constants for oleBytes.
const (
	oleSector     = 512
	oleFreeSect   = 0xFFFFFFFF
	oleEndOfChain = 0xFFFFFFFE
	oleFATSect    = 0xFFFFFFFD
	oleNoStream   = 0xFFFFFFFF
)

// oleStream is one stream of an OLE compound file built by a test.
type oleStream struct {
	name string
	data []byte
}

// oleBytes builds a minimal version-3 OLE compound file holding up to three streams in its
// root storage. Streams are padded to 4096 bytes so that they live in regular sectors and no
// mini stream is needed.
func oleBytes(t testing.TB, streams ...oleStream) []byte {
	t.Helper()
	if len(streams) > 3 {
		t.Fatal("oleBytes: at most 3 streams")
	}
	// Sector 0: FAT; sector 1: directory; then each stream's sectors.
	fat := make([]uint32, oleSector/4)
	for i := range fat {
		fat[i] = oleFreeSect
	}
	fat[0] = oleFATSect
	fat[1] = oleEndOfChain
	next := uint32(2)
	var starts []uint32
	var body []byte
	for i := range streams {
		data := streams[i].data
		if len(data) < 4096 {
			data = append(data, make([]byte, 4096-len(data))...)
		}
		if len(data)%oleSector != 0 {
			data = append(data, make([]byte, oleSector-len(data)%oleSector)...)
		}
		streams[i].data = data
		n := uint32(len(data) / oleSector)
		starts = append(starts, next)
		for k := uint32(0); k < n; k++ {
			if k == n-1 {
				fat[next+k] = oleEndOfChain
			} else {
				fat[next+k] = next + k + 1
			}
		}
		next += n
		body = append(body, data...)
	}
	le := binary.LittleEndian
	header := make([]byte, oleSector)
	copy(header, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	le.PutUint16(header[24:], 0x003E)
	le.PutUint16(header[26:], 0x0003)
	le.PutUint16(header[28:], 0xFFFE)
	le.PutUint16(header[30:], 9)
	le.PutUint16(header[32:], 6)
	le.PutUint32(header[44:], 1) // FAT sectors
	le.PutUint32(header[48:], 1) // first directory sector
	le.PutUint32(header[56:], 4096)
	le.PutUint32(header[60:], oleEndOfChain) // no mini FAT
	le.PutUint32(header[68:], oleEndOfChain) // no DIFAT sectors
	for i := 76; i < oleSector; i += 4 {
		le.PutUint32(header[i:], oleFreeSect)
	}
	le.PutUint32(header[76:], 0) // the FAT is sector 0

	fatSector := make([]byte, oleSector)
	for i, v := range fat {
		le.PutUint32(fatSector[i*4:], v)
	}
	dir := make([]byte, oleSector)
	entry := func(i int, name string, typ byte, left, right, child, start uint32, size int) {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[k*2:], c)
		}
		le.PutUint16(e[64:], uint16((len(u)+1)*2))
		e[66] = typ
		e[67] = 1 // black
		le.PutUint32(e[68:], left)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], uint32(size))
	}
	child := uint32(oleNoStream)
	if len(streams) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, oleNoStream, oleNoStream, child, oleEndOfChain, 0)
	for i, s := range streams {
		right := uint32(oleNoStream)
		if i+1 < len(streams) {
			right = uint32(i + 2)
		}
		entry(i+1, s.name, 2, oleNoStream, right, oleNoStream, starts[i], len(s.data))
	}
	for i := len(streams) + 1; i < 4; i++ { // unused entries
		le.PutUint32(dir[i*128+68:], oleNoStream)
		le.PutUint32(dir[i*128+72:], oleNoStream)
		le.PutUint32(dir[i*128+76:], oleNoStream)
	}
	out := append(header, fatSector...)
	out = append(out, dir...)
	return append(out, body...)
}
