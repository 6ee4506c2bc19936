// Package wordml rewrites a generated .docx the way real writers' files are put together:
// Word's tracked changes, content controls, text boxes in mc:AlternateContent, tables laid
// inside layout tables, fields, footnotes, headers and footers, other namespace prefixes, and a
// main part that is not word/document.xml. Each construct leaves the text a reader sees, and so
// the report's gold, as it was; what it adds a reader must not see (deleted text, field codes,
// the fallback of a text box) holds numbers of its own, so that reading it shows.
package wordml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// A construct rewrites the parts of a .docx, keyed by member name.
type construct func(parts map[string]string) error

// constructs names every construct Apply knows; "all" applies them all but the namespaces.
var constructs = map[string]construct{
	"tracked":    tracked,
	"sdt":        contentControls,
	"textbox":    textBox,
	"nested":     nestedTables,
	"fields":     fields,
	"notes":      notes,
	"headers":    headersFooters,
	"ns-prefix":  prefixed,
	"ns-default": defaultNamespace,
	"mainpart":   mainPart,
	"all":        all,
}

// Constructs lists the names Apply takes, sorted.
func Constructs() []string {
	names := make([]string, 0, len(constructs))
	for n := range constructs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Apply rewrites the .docx data with the named construct.
func Apply(data []byte, name string) ([]byte, error) {
	c, ok := constructs[name]
	if !ok {
		return nil, fmt.Errorf("wordml: unknown construct %q (known: %s)", name, strings.Join(Constructs(), ", "))
	}
	parts, order, err := readParts(data)
	if err != nil {
		return nil, err
	}
	if err := c(parts); err != nil {
		return nil, fmt.Errorf("wordml: %s: %w", name, err)
	}
	return writeParts(parts, order)
}

// all applies every construct but the namespace rewrites, in an order where each finds the
// markup it looks for.
func all(parts map[string]string) error {
	for _, c := range []construct{notes, headersFooters, nestedTables, textBox, fields, contentControls, tracked, mainPart} {
		if err := c(parts); err != nil {
			return err
		}
	}
	return nil
}

// readParts unzips data into its members and their order.
func readParts(data []byte) (map[string]string, []string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, err
	}
	parts := map[string]string{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, nil, err
		}
		parts[f.Name] = string(b)
		order = append(order, f.Name)
	}
	return parts, order, nil
}

// writeParts zips the parts: those of order first, in that order, then new ones sorted.
func writeParts(parts map[string]string, order []string) ([]byte, error) {
	seen := map[string]bool{}
	var names []string
	for _, n := range order {
		if _, ok := parts[n]; ok {
			names = append(names, n)
			seen[n] = true
		}
	}
	var added []string
	for n := range parts {
		if !seen[n] {
			added = append(added, n)
		}
	}
	sort.Strings(added)
	names = append(names, added...)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, parts[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// body splits word/document.xml into what comes before the body's first element, the body's
// top-level elements (w:p and w:tbl, as the generator writes them, never nested), and the rest
// (w:sectPr and the closing tags).
func body(doc string) (head string, items []string, tail string, err error) {
	start := strings.Index(doc, "<w:body>")
	end := strings.Index(doc, "<w:sectPr")
	if start < 0 || end < start {
		return "", nil, "", fmt.Errorf("no w:body")
	}
	start += len("<w:body>")
	s := doc[start:end]
	for len(s) > 0 {
		n := elementLen(s)
		if n <= 0 {
			return "", nil, "", fmt.Errorf("unexpected body element at %.40q", s)
		}
		items = append(items, s[:n])
		s = s[n:]
	}
	return doc[:start], items, doc[end:], nil
}

// elementLen returns the length of the w: element s starts with, its nested namesakes
// counted, or 0 when s does not start with one.
func elementLen(s string) int {
	if !strings.HasPrefix(s, "<w:") {
		return 0
	}
	name := s[3:]
	name = name[:strings.IndexAny(name, " />")]
	open, closing := "<w:"+name, "</w:"+name+">"
	depth := 0
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], closing):
			depth--
			i += len(closing)
			if depth == 0 {
				return i
			}
		case strings.HasPrefix(s[i:], open) && strings.ContainsRune(" />", rune(s[i+len(open)])):
			gt := strings.IndexByte(s[i:], '>')
			if s[i+gt-1] != '/' {
				depth++
			}
			i += gt + 1
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return 0
}

// innermostCells applies f to every table cell of doc that holds no table of its own.
func innermostCells(doc string, f func(cell string) string) string {
	var b strings.Builder
	for {
		i := strings.Index(doc, "<w:tc>")
		if i < 0 {
			b.WriteString(doc)
			return b.String()
		}
		n := elementLen(doc[i:])
		cell := doc[i : i+n]
		b.WriteString(doc[:i])
		if strings.Contains(cell[len("<w:tc>"):], "<w:tc>") { // a layout cell: go inside
			b.WriteString("<w:tc>")
			doc = doc[i+len("<w:tc>"):]
			continue
		}
		b.WriteString(f(cell))
		doc = doc[i+n:]
	}
}

// rewriteBody applies f to the body's elements.
func rewriteBody(parts map[string]string, f func(items []string) []string) error {
	head, items, tail, err := body(parts["word/document.xml"])
	if err != nil {
		return err
	}
	parts["word/document.xml"] = head + strings.Join(f(items), "") + tail
	return nil
}

var (
	runRe    = regexp.MustCompile(`<w:r><w:rPr>((?:<w:[^>]*/>)*)</w:rPr><w:t xml:space="preserve">([^<]*)</w:t></w:r>`)
	digitsRe = regexp.MustCompile(`[0-9][0-9,]*(?:\.[0-9]+)?`)
)

// isFigurePara reports whether a body element is a paragraph with a number in it.
func isFigurePara(item string) bool {
	return strings.HasPrefix(item, "<w:p>") && digitsRe.MatchString(text(item))
}

// text is the visible text of an element as the generator writes it.
func text(item string) string {
	var b strings.Builder
	for _, m := range runRe.FindAllStringSubmatch(item, -1) {
		b.WriteString(m[2])
	}
	return b.String()
}

// run writes one run with the run properties rpr.
func run(rpr, t string) string {
	return `<w:r><w:rPr>` + rpr + `</w:rPr><w:t xml:space="preserve">` + t + `</w:t></w:r>`
}

// addNamespaces declares the prefixes the constructs use on the root element.
func addNamespaces(doc string) string {
	decl := ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"` +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
		` xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"` +
		` xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"`
	if strings.Contains(doc, "xmlns:mc=") {
		return doc
	}
	return strings.Replace(doc, "<w:document ", "<w:document"+decl+" ", 1)
}

// addPart adds a part with its content type and a relationship of the main part to it.
func addPart(parts map[string]string, name, contentType, relType, id string) {
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], "</Types>",
		`<Override PartName="/`+name+`" ContentType="`+contentType+`"/></Types>`, 1)
	rels := "word/_rels/document.xml.rels"
	parts[rels] = strings.Replace(parts[rels], "</Relationships>",
		`<Relationship Id="`+id+`" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/`+relType+
			`" Target="`+strings.TrimPrefix(name, "word/")+`"/></Relationships>`, 1)
}
