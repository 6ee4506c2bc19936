package wordml

import (
	"fmt"
	"regexp"
	"strings"
)

const revAttrs = ` w:author="李明" w:date="2024-03-05T10:12:00Z"`

// tracked splits numbers over an inserted run beside a deleted one (12 + del 9 + ins 3.45),
// wraps a run of every fourth figure paragraph in w:moveTo with its w:moveFrom before it, and
// adds a deleted paragraph after every fifth.
func tracked(parts map[string]string) error {
	doc := parts["word/document.xml"]
	id := 100
	doc = runRe.ReplaceAllStringFunc(doc, func(r string) string {
		m := runRe.FindStringSubmatch(r)
		rpr, t := m[1], m[2]
		var loc []int
		for _, l := range digitsRe.FindAllStringIndex(t, -1) {
			if l[1]-l[0] >= 2 && (l[0] == 0 || t[l[0]-1] != '#') { // not a character reference
				loc = l
				break
			}
		}
		if loc == nil {
			return r
		}
		cut := loc[0] + (loc[1]-loc[0])/2
		id += 2
		return run(rpr, t[:cut]) +
			fmt.Sprintf(`<w:del w:id="%d"%s><w:r><w:rPr>%s</w:rPr><w:delText>9</w:delText></w:r></w:del>`, id, revAttrs, rpr) +
			fmt.Sprintf(`<w:ins w:id="%d"%s>%s</w:ins>`, id+1, revAttrs, run(rpr, t[cut:]))
	})
	parts["word/document.xml"] = doc
	return rewriteBody(parts, func(items []string) []string {
		var out []string
		figs := 0
		for _, it := range items {
			if !isFigurePara(it) {
				out = append(out, it)
				continue
			}
			figs++
			if at := strings.Index(it, "</w:pPr><w:r>") + len("</w:pPr>"); figs%4 == 1 && at > len("</w:pPr>") {
				id++
				moved := `<w:p><w:moveFrom w:id="` + fmt.Sprint(id) + `"` + revAttrs + `><w:r><w:t>原列示：本年支出合计7,777.77万元。</w:t></w:r></w:moveFrom></w:p>`
				n := elementLen(it[at:])
				it = it[:at] + `<w:moveTo w:id="` + fmt.Sprint(id+1) + `"` + revAttrs + `>` + it[at:at+n] + `</w:moveTo>` + it[at+n:]
				id++
				out = append(out, moved)
			}
			out = append(out, it)
			if figs%5 == 0 {
				id++
				out = append(out, fmt.Sprintf(`<w:p><w:pPr><w:rPr><w:del w:id="%d"%s/></w:rPr></w:pPr><w:del w:id="%d"%s><w:r><w:delText>本年度收入合计8,888.88万元，支出合计8,666.66万元。</w:delText></w:r></w:del></w:p>`, id, revAttrs, id+1, revAttrs))
				id++
			}
		}
		return out
	})
}

// contentControls wraps every fifth body element in a block-level content control, the number
// runs of figure paragraphs in run-level ones, every third table cell in a cell-level one, and
// adds a control showing its placeholder text.
func contentControls(parts map[string]string) error {
	id := 500
	sdt := func(content, props string) string {
		id++
		return fmt.Sprintf(`<w:sdt><w:sdtPr>%s<w:id w:val="%d"/></w:sdtPr><w:sdtEndPr/><w:sdtContent>%s</w:sdtContent></w:sdt>`, props, id, content)
	}
	return rewriteBody(parts, func(items []string) []string {
		out := []string{sdt(`<w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>单击或点击此处输入文字。</w:t></w:r></w:p>`,
			`<w:alias w:val="备注"/><w:showingPlcHdr/>`)}
		for i, it := range items {
			if strings.HasPrefix(it, "<w:tbl>") {
				n := 0
				it = innermostCells(it, func(tc string) string {
					if n++; n%3 != 0 {
						return tc
					}
					return sdt(tc, `<w:tag w:val="cell"/>`)
				})
			} else if isFigurePara(it) {
				it = runRe.ReplaceAllStringFunc(it, func(r string) string {
					if !digitsRe.MatchString(r) {
						return r
					}
					return sdt(r, `<w:alias w:val="金额"/><w:text/>`)
				})
			}
			if i%5 == 4 {
				it = sdt(it, `<w:alias w:val="正文"/><w:tag w:val="body"/>`)
			}
			out = append(out, it)
		}
		return out
	})
}

// textBox moves every third figure paragraph into a text box, written as Word writes one: a
// DrawingML shape in mc:Choice and the same text in a VML mc:Fallback.
func textBox(parts map[string]string) error {
	parts["word/document.xml"] = addNamespaces(parts["word/document.xml"])
	n := 0
	return rewriteBody(parts, func(items []string) []string {
		var out []string
		for _, it := range items {
			if !isFigurePara(it) {
				out = append(out, it)
				continue
			}
			if n++; n%3 != 2 {
				out = append(out, it)
				continue
			}
			out = append(out, fmt.Sprintf(`<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr><w:r><mc:AlternateContent>`+
				`<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="%d" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">`+
				`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>`+
				`<wp:extent cx="5274310" cy="914400"/><wp:wrapTopAndBottom/><wp:docPr id="%d" name="文本框 %d"/>`+
				`<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>`+
				`<wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz"/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>`+
				`<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"/><v:shape id="文本框 %d" o:spid="_x0000_s%d" type="#_x0000_t202" style="position:absolute;width:415.3pt;height:72pt">`+
				`<v:textbox><w:txbxContent>%s</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
				250000+n, n, n, it, n, 1025+n, it))
		}
		return out
	})
}

// nestedTables lays every table inside a one-column layout table, its caption (a short
// paragraph before it without numbers) in the same cell or in a row above it.
func nestedTables(parts map[string]string) error {
	const layout = `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>`
	cell := func(content string) string {
		return `<w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>` + content + `</w:tc>`
	}
	return rewriteBody(parts, func(items []string) []string {
		var out []string
		tables := 0
		for _, it := range items {
			if !strings.HasPrefix(it, "<w:tbl>") {
				out = append(out, it)
				continue
			}
			tables++
			caption := ""
			if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "<w:p>") && !digitsRe.MatchString(text(out[n-1])) &&
				len([]rune(text(out[n-1]))) <= 30 && !strings.Contains(out[n-1], "pStyle") {
				caption, out = out[n-1], out[:n-1]
			}
			if tables%2 == 1 {
				out = append(out, layout+`<w:tr>`+cell(caption+it+`<w:p/>`)+`</w:tr></w:tbl>`)
			} else {
				if caption == "" {
					caption = `<w:p/>`
				}
				out = append(out, layout+`<w:tr>`+cell(caption)+`</w:tr><w:tr>`+cell(it+`<w:p/>`)+`</w:tr></w:tbl>`)
			}
		}
		return out
	})
}

var cellParaRe = regexp.MustCompile(`^(<w:tc><w:tcPr>.*?</w:tcPr><w:p><w:pPr>.*?</w:pPr>)(.*)(</w:p></w:tc>)$`)

// fields puts every other number cell of the tables in a formula field (=SUM(ABOVE), its code
// holding numbers of its own, the cell's text its result), and the number runs of every
// second figure paragraph in simple fields.
func fields(parts map[string]string) error {
	doc := parts["word/document.xml"]
	n := 0
	doc = innermostCells(doc, func(c string) string {
		m := cellParaRe.FindStringSubmatch(c)
		if m == nil || !digitsRe.MatchString(m[2]) || !strings.Contains(m[2], "<w:r>") {
			return c
		}
		if n++; n%2 == 0 {
			return c
		}
		return m[1] + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =SUM(ABOVE)+4,321.09 </w:instrText></w:r>` +
			`<w:r><w:instrText xml:space="preserve">\# "#,##0.00" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
			m[2] + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` + m[3]
	})
	parts["word/document.xml"] = doc
	figs := 0
	return rewriteBody(parts, func(items []string) []string {
		for i, it := range items {
			if !isFigurePara(it) {
				continue
			}
			if figs++; figs%2 == 0 {
				continue
			}
			items[i] = runRe.ReplaceAllStringFunc(it, func(r string) string {
				if !digitsRe.MatchString(r) {
					return r
				}
				return `<w:fldSimple w:instr=" DOCPROPERTY  金额6543.21  \* MERGEFORMAT ">` + r + `</w:fldSimple>`
			})
		}
		return items
	})
}

// notes moves the second and sixth figure paragraphs into footnotes and the fourth into an
// endnote, each anchored at the end of the paragraph before it, as Word writes them.
func notes(parts map[string]string) error {
	var foot, end []string
	err := rewriteBody(parts, func(items []string) []string {
		var out []string
		figs := 0
		for _, it := range items {
			n := len(out)
			if !isFigurePara(it) || n == 0 || !strings.HasPrefix(out[n-1], "<w:p>") {
				out = append(out, it)
				continue
			}
			figs++
			kind, list := "", &foot
			switch figs {
			case 2, 6:
				kind = "footnote"
			case 4:
				kind, list = "endnote", &end
			default:
				out = append(out, it)
				continue
			}
			id := len(*list) + 1
			style := map[string]string{"footnote": "FootnoteReference", "endnote": "EndnoteReference"}[kind]
			out[n-1] = strings.TrimSuffix(out[n-1], "</w:p>") + fmt.Sprintf(`<w:r><w:rPr><w:rStyle w:val="%s"/></w:rPr><w:%sReference w:id="%d"/></w:r></w:p>`, style, kind, id)
			note := strings.Replace(it, "</w:pPr>", `</w:pPr><w:r><w:rPr><w:rStyle w:val="`+style+`"/></w:rPr><w:`+kind+`Ref/></w:r>`, 1)
			*list = append(*list, fmt.Sprintf(`<w:%s w:id="%d">%s</w:%s>`, kind, id, note, kind))
		}
		return out
	})
	if err != nil {
		return err
	}
	sep := func(kind string) string {
		return fmt.Sprintf(`<w:%s w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:%s><w:%s w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:%s>`, kind, kind, kind, kind)
	}
	root := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:%ss xmlns:w="` + nsW + `">%s%s</w:%ss>`
	parts["word/footnotes.xml"] = fmt.Sprintf(root, "footnote", sep("footnote"), strings.Join(foot, ""), "footnote")
	parts["word/endnotes.xml"] = fmt.Sprintf(root, "endnote", sep("endnote"), strings.Join(end, ""), "endnote")
	addPart(parts, "word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", "footnotes", "rIdFn")
	addPart(parts, "word/endnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml", "endnotes", "rIdEn")
	return nil
}

const nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// headersFooters adds a header naming the report (its first two paragraphs) and a footer
// with PAGE and NUMPAGES fields, for the first page and the others.
func headersFooters(parts map[string]string) error {
	_, items, _, err := body(parts["word/document.xml"])
	if err != nil {
		return err
	}
	var title []string // the first two paragraphs (a table's text is no page header's)
	for _, it := range items {
		if t := text(it); t != "" && len(title) < 2 && strings.HasPrefix(it, "<w:p") {
			title = append(title, t)
		}
	}
	root := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:%s xmlns:w="` + nsW + `">%s</w:%s>`
	field := func(instr, result string) string {
		return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr + ` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>` + result + `</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
	}
	header := `<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr><w:r><w:t>` + strings.Join(title, "") + `</w:t></w:r></w:p>`
	footer := `<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">第 </w:t></w:r>` + field("PAGE", "1") +
		`<w:r><w:t xml:space="preserve"> 页 共 </w:t></w:r>` + field("NUMPAGES", "3") + `<w:r><w:t xml:space="preserve"> 页</w:t></w:r></w:p>`
	parts["word/header1.xml"] = fmt.Sprintf(root, "hdr", header, "hdr")
	parts["word/header2.xml"] = fmt.Sprintf(root, "hdr", header, "hdr")
	parts["word/footer1.xml"] = fmt.Sprintf(root, "ftr", footer, "ftr")
	const hdr, ftr = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
	addPart(parts, "word/header1.xml", hdr, "header", "rIdH1")
	addPart(parts, "word/header2.xml", hdr, "header", "rIdH2")
	addPart(parts, "word/footer1.xml", ftr, "footer", "rIdF1")
	doc := parts["word/document.xml"]
	doc = strings.Replace(doc, "<w:document ", `<w:document xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" `, 1)
	doc = strings.Replace(doc, `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:r=`, `xmlns:r=`, 1)
	doc = strings.Replace(doc, "<w:sectPr>", `<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:headerReference w:type="first" r:id="rIdH2"/><w:footerReference w:type="default" r:id="rIdF1"/><w:footerReference w:type="first" r:id="rIdF1"/><w:titlePg/>`, 1)
	parts["word/document.xml"] = doc
	return nil
}

var (
	tagPrefixRe  = regexp.MustCompile(`(</?)w:`)
	attrPrefixRe = regexp.MustCompile(`(\s)w:([A-Za-z]+=)`)
)

// prefixed writes WordprocessingML with the prefix ns0 instead of w, as XML libraries do
// that pick their own prefixes.
func prefixed(parts map[string]string) error {
	for name, p := range parts {
		if !strings.HasPrefix(name, "word/") || strings.Contains(name, "_rels") {
			continue
		}
		p = tagPrefixRe.ReplaceAllString(p, "${1}ns0:")
		p = attrPrefixRe.ReplaceAllString(p, "${1}ns0:$2")
		parts[name] = strings.ReplaceAll(p, `xmlns:w="`, `xmlns:ns0="`)
	}
	return nil
}

// defaultNamespace writes the elements of word/document.xml in the default namespace, the
// attributes still with the w prefix.
func defaultNamespace(parts map[string]string) error {
	p := parts["word/document.xml"]
	p = tagPrefixRe.ReplaceAllString(p, "$1")
	parts["word/document.xml"] = strings.Replace(p, `<document xmlns:w="`+nsW+`"`, `<document xmlns="`+nsW+`" xmlns:w="`+nsW+`"`, 1)
	return nil
}

// mainPart renames word/document.xml to word/main.xml, as _rels/.rels and [Content_Types].xml
// name it; a reader that looks for word/document.xml finds nothing.
func mainPart(parts map[string]string) error {
	parts["word/main.xml"] = parts["word/document.xml"]
	delete(parts, "word/document.xml")
	if rels, ok := parts["word/_rels/document.xml.rels"]; ok {
		parts["word/_rels/main.xml.rels"] = rels
		delete(parts, "word/_rels/document.xml.rels")
	}
	parts["_rels/.rels"] = strings.Replace(parts["_rels/.rels"], `Target="word/document.xml"`, `Target="/word/main.xml"`, 1)
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], `PartName="/word/document.xml"`, `PartName="/word/main.xml"`, 1)
	return nil
}
