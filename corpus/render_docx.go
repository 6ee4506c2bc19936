package corpus

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"io"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"
	"unicode"
)

// docxTime is the fixed modification time of every zip entry (determinism).
var docxTime = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// docxStyle is how one report's Word file is put together.
type docxStyle struct {
	headingIDs [3]string // pStyle ids of heading levels 1..3, "" for direct formatting
	bodyStyle  string
	titleStyle string
	font       string
	splitRuns  float64
	proofErr   float64
}

func newDocxStyle(r *rand.Rand) docxStyle {
	ds := docxStyle{font: pick(r, []string{"仿宋_GB2312", "仿宋", "宋体", "方正仿宋_GBK"})}
	switch r.IntN(3) {
	case 0:
		ds.headingIDs = [3]string{"Heading1", "Heading2", "Heading3"}
		ds.bodyStyle, ds.titleStyle = "BodyText", "Title"
	case 1: // Chinese Word: style ids are numbers
		ds.headingIDs = [3]string{"1", "2", "3"}
		ds.bodyStyle, ds.titleStyle = "", "a3"
	default: // direct formatting only
		ds.bodyStyle, ds.titleStyle = "", ""
	}
	ds.splitRuns = pick(r, []float64{0.1, 0.5, 0.9})
	ds.proofErr = pick(r, []float64{0, 0.05, 0.15})
	return ds
}

const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// renderDocx writes blocks as a minimal but valid .docx.
func renderDocx(r *rand.Rand, blocks []block) []byte {
	ds := newDocxStyle(r)
	var d bytes.Buffer
	d.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	d.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	bookmark := r.IntN(len(blocks))
	for i, b := range blocks {
		switch b.kind {
		case bTable:
			writeTable(&d, r, ds, b.tbl)
		default:
			writePara(&d, r, ds, b, i == bookmark)
		}
	}
	d.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`)
	d.WriteString(`</w:body></w:document>`)

	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	add := func(name, content string, method uint16) {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: docxTime})
		w.Write([]byte(content))
	}
	add("[Content_Types].xml", contentTypes, zip.Store)
	add("_rels/.rels", rootRels, zip.Store)
	add("word/document.xml", d.String(), zip.Deflate)
	add("word/_rels/document.xml.rels", documentRels, zip.Store)
	add("word/styles.xml", stylesXML(ds), zip.Store)
	zw.Close()
	return z.Bytes()
}

// flateWriters reuses deflate writers across documents (they are costly to allocate).
var flateWriters sync.Pool

// fastDeflate compresses at BestSpeed: generation speed matters more than file size.
func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := flateWriters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return &pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return &pooledFlate{fw}, nil
}

type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	flateWriters.Put(p.Writer)
	return err
}

func writePara(d *bytes.Buffer, r *rand.Rand, ds docxStyle, b block, bookmark bool) {
	d.WriteString("<w:p><w:pPr>")
	bold, size := false, 32
	switch b.kind {
	case bTitle:
		if ds.titleStyle != "" {
			d.WriteString(`<w:pStyle w:val="` + ds.titleStyle + `"/>`)
		}
		d.WriteString(`<w:jc w:val="center"/>`)
		bold, size = true, 44
	case bHeading:
		if id := ds.headingIDs[min(b.level, 3)-1]; id != "" {
			d.WriteString(`<w:pStyle w:val="` + id + `"/>`)
		} else {
			bold = true
		}
		d.WriteString(`<w:ind w:firstLineChars="200" w:firstLine="640"/>`)
	default:
		if ds.bodyStyle != "" {
			d.WriteString(`<w:pStyle w:val="` + ds.bodyStyle + `"/>`)
		}
		d.WriteString(`<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>`)
	}
	d.WriteString("</w:pPr>")
	if bookmark {
		d.WriteString(`<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>`)
	}
	writeRuns(d, r, ds, b.text, bold, size)
	d.WriteString("</w:p>")
}

// writeRuns splits text into runs the way Word does: numbers broken at the point and
// before units, and now and then anywhere; proofErr marks sprinkled between runs.
func writeRuns(d *bytes.Buffer, r *rand.Rand, ds docxStyle, text string, bold bool, size int) {
	rs := []rune(text)
	start := 0
	for i := 1; i <= len(rs); i++ {
		cut := i == len(rs)
		if !cut {
			a, b := rs[i-1], rs[i]
			switch {
			case unicode.IsDigit(a) != unicode.IsDigit(b) && (unicode.IsDigit(a) || unicode.IsDigit(b)):
				cut = chance(r, ds.splitRuns)
			case b == '.' || a == '.':
				cut = chance(r, ds.splitRuns/2)
			default:
				cut = chance(r, 0.02)
			}
		}
		if !cut {
			continue
		}
		piece := string(rs[start:i])
		start = i
		proof := chance(r, ds.proofErr)
		if proof {
			d.WriteString(`<w:proofErr w:type="spellStart"/>`)
		}
		d.WriteString("<w:r><w:rPr>")
		font := ds.font
		if isASCIIish(piece) && r.IntN(2) == 0 {
			font = "Times New Roman"
		}
		d.WriteString(`<w:rFonts w:ascii="` + font + `" w:eastAsia="` + ds.font + `" w:hAnsi="` + font + `" w:hint="eastAsia"/>`)
		if bold {
			d.WriteString("<w:b/>")
		}
		d.WriteString(`<w:sz w:val="` + strconv.Itoa(size) + `"/><w:szCs w:val="` + strconv.Itoa(size) + `"/></w:rPr><w:t xml:space="preserve">`)
		xml.EscapeText(d, []byte(piece))
		d.WriteString("</w:t></w:r>")
		if proof {
			d.WriteString(`<w:proofErr w:type="spellEnd"/>`)
		}
	}
	if len(rs) == 0 {
		d.WriteString("<w:r><w:t></w:t></w:r>")
	}
}

func isASCIIish(s string) bool {
	for _, c := range s {
		if c > 127 {
			return false
		}
	}
	return true
}

func writeTable(d *bytes.Buffer, r *rand.Rand, ds docxStyle, rows [][]cell) {
	cols := 0
	for _, c := range rows[0] {
		cols += max(c.span, 1)
	}
	w := 8800 / max(cols, 1)
	d.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>`)
	d.WriteString(`<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>`)
	d.WriteString(`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for range cols {
		d.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	d.WriteString("</w:tblGrid>")
	for _, row := range rows {
		d.WriteString("<w:tr>")
		for _, c := range row {
			span := max(c.span, 1)
			d.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w*span) + `" w:type="dxa"/>`)
			if span > 1 {
				d.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
			}
			switch c.vm {
			case 1:
				d.WriteString(`<w:vMerge w:val="restart"/>`)
			case 2:
				d.WriteString(`<w:vMerge/>`)
			}
			d.WriteString(`<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>`)
			if c.vm != 2 && c.text != "" {
				writeRuns(d, r, ds, c.text, false, 24)
			}
			d.WriteString("</w:p></w:tc>")
		}
		d.WriteString("</w:tr>")
	}
	d.WriteString("</w:tbl>")
	d.WriteString("<w:p/>")
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

// stylesXML declares the paragraph styles the document uses.
func stylesXML(ds docxStyle) string {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + ds.font + `" w:eastAsia="` + ds.font + `" w:hAnsi="` + ds.font + `"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`)
	for i, id := range ds.headingIDs {
		if id == "" {
			continue
		}
		n := strconv.Itoa(i + 1)
		b.WriteString(`<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="heading ` + n + `"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="` + strconv.Itoa(i) + `"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/></w:rPr></w:style>`)
	}
	if ds.titleStyle != "" {
		b.WriteString(`<w:style w:type="paragraph" w:styleId="` + ds.titleStyle + `"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:style>`)
	}
	if ds.bodyStyle != "" {
		b.WriteString(`<w:style w:type="paragraph" w:styleId="` + ds.bodyStyle + `"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/></w:style>`)
	}
	b.WriteString(`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}
