package parse

import (
	"archive/zip"
	"encoding/xml"
	"path"
	"strings"
)

// Relationship types and content types of the parts of a .docx jixiao reads.
const (
	relOfficeDocument = "/officeDocument"
	relFootnotes      = "/footnotes"
	relEndnotes       = "/endnotes"
	relHeader         = "/header"
	relFooter         = "/footer"
	maxRelsBytes      = 1 << 20 // a relationships part or [Content_Types].xml larger than this is not read
)

// docxParts names the parts of a .docx that hold text: the main document, its footnotes
// and endnotes, and its headers and footers (the page furniture).
type docxParts struct {
	main      string
	notes     []string
	furniture []string
}

// mainPart finds the main document part as Word does: the target of the package's
// officeDocument relationship in _rels/.rels, else the part [Content_Types].xml types as a
// WordprocessingML main document, else word/document.xml. It returns "" when that part is
// not in the archive.
func mainPart(zr *zip.Reader) string {
	for _, r := range readRels(zr, "_rels/.rels") {
		if strings.HasSuffix(r.Type, relOfficeDocument) && r.TargetMode != "External" {
			if name := partName("", r.Target); findMember(zr, name) != nil {
				return name
			}
		}
	}
	if name := typedMain(zr); name != "" && findMember(zr, name) != nil {
		return name
	}
	if findMember(zr, docxMain) != nil {
		return docxMain
	}
	return ""
}

// partsOf lists the parts of the .docx whose main part is main, from main's relationships.
func partsOf(zr *zip.Reader, main string) docxParts {
	p := docxParts{main: main}
	dir, base := path.Split(main)
	for _, r := range readRels(zr, dir+"_rels/"+base+".rels") {
		if r.TargetMode == "External" {
			continue
		}
		name := partName(dir, r.Target)
		if findMember(zr, name) == nil {
			continue
		}
		switch {
		case strings.HasSuffix(r.Type, relFootnotes), strings.HasSuffix(r.Type, relEndnotes):
			p.notes = append(p.notes, name)
		case strings.HasSuffix(r.Type, relHeader), strings.HasSuffix(r.Type, relFooter):
			p.furniture = append(p.furniture, name)
		}
	}
	return p
}

// partName resolves a relationship's target against the folder of its source part: a
// target that starts with / is from the package root.
func partName(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+dir+target), "/")
}

// docxRel is one Relationship of a relationships part.
type docxRel struct {
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr"`
}

// readRels reads the relationships part name; a missing or unreadable one has none.
func readRels(zr *zip.Reader, name string) []docxRel {
	var rels struct {
		Rels []docxRel `xml:"Relationship"`
	}
	if !readSmallXML(zr, name, &rels) {
		return nil
	}
	return rels.Rels
}

// typedMain returns the part [Content_Types].xml types as a main document, or "".
func typedMain(zr *zip.Reader) string {
	var types struct {
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if !readSmallXML(zr, "[Content_Types].xml", &types) {
		return ""
	}
	for _, o := range types.Overrides {
		ct := o.ContentType
		if strings.HasPrefix(ct, "application/vnd.") && strings.HasSuffix(ct, ".main+xml") &&
			(strings.Contains(ct, "wordprocessingml") || strings.Contains(ct, "ms-word")) {
			return strings.TrimPrefix(path.Clean("/"+o.PartName), "/")
		}
	}
	return ""
}

// readSmallXML decodes the zip member name into v, reporting whether it could. Members over
// maxRelsBytes are not read.
func readSmallXML(zr *zip.Reader, name string, v any) bool {
	f := findMember(zr, name)
	if f == nil || f.UncompressedSize64 > maxRelsBytes {
		return false
	}
	content, err := readMember(f, maxRelsBytes)
	if err != nil {
		return false
	}
	// A strings.Reader is an io.ByteReader: the decoder reads it without a buffer of its own.
	d := xml.NewDecoder(strings.NewReader(content))
	d.Strict = false
	return d.Decode(v) == nil
}
