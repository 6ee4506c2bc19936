package parse

import (
	"context"
	"strings"
	"testing"
)

// TestReadDocxParts reads the parts besides word/document.xml that real writers' files hold
// text in, and a main part that _rels/.rels or [Content_Types].xml name otherwise.
func TestReadDocxParts(t *testing.T) {
	const relNS = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
	rels := func(rs ...string) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
		for i := 0; i+1 < len(rs); i += 2 {
			b.WriteString(`<Relationship Id="rId` + itoa(i) + `" Type="` + relNS + rs[i] + `" Target="` + rs[i+1] + `"/>`)
		}
		b.WriteString(`</Relationships>`)
		return b.String()
	}
	notes := func(kind, id, text string) string {
		return `<w:` + kind + `s xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			`<w:` + kind + ` w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:` + kind + `>` +
			`<w:` + kind + ` w:id="` + id + `"><w:p><w:r><w:` + kind + `Ref/></w:r><w:r><w:t>` + text + `</w:t></w:r></w:p></w:` + kind + `></w:` + kind + `s>`
	}
	hdr := func(root, text string) string {
		return `<w:` + root + ` xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + para(text) + `</w:` + root + `>`
	}
	tests := []struct {
		name    string
		members []member
		want    string
	}{
		{"main part named by _rels/.rels", []member{
			{"[Content_Types].xml", contentTypesXML},
			{"_rels/.rels", rels("officeDocument", "/word/main.xml")},
			{"word/main.xml", documentXML(para("收入合计5.5万元"))},
		}, "p1 收入合计5.5万元\n"},
		{"main part typed by [Content_Types].xml, _rels/.rels missing", []member{
			{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/doc/body.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
			{"doc/body.xml", documentXML(para("正文"))},
		}, "p1 正文\n"},
		{"footnote and endnote follow the paragraph that references them", []member{
			{"[Content_Types].xml", contentTypesXML},
			{"_rels/.rels", rootRelsXML},
			{"word/document.xml", documentXML(`<w:p><w:r><w:t>支出情况</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>` +
				`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>合计</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p></w:tc></w:tr></w:tbl>` + para("下一段"))},
			{"word/_rels/document.xml.rels", rels("footnotes", "footnotes.xml", "endnotes", "endnotes.xml")},
			{"word/footnotes.xml", notes("footnote", "1", "其中基本支出3.2万元。")},
			{"word/endnotes.xml", notes("endnote", "1", "含结转")},
		}, "p1 支出情况\np2 其中基本支出3.2万元。\nt1 (1x1)\nt1r1c1 合计\\n含结转\np3 下一段\n"},
		{"headers and footers after the body, each text once", []member{
			{"[Content_Types].xml", contentTypesXML},
			{"_rels/.rels", rootRelsXML},
			{"word/document.xml", documentXML(para("正文"))},
			{"word/_rels/document.xml.rels", rels("header", "header1.xml", "header", "header2.xml", "footer", "footer1.xml", "header", "missing.xml")},
			{"word/header1.xml", hdr("hdr", "某局2024年度报告")},
			{"word/header2.xml", hdr("hdr", "某局2024年度报告")},
			{"word/footer1.xml", hdr("ftr", "第1页")},
		}, "p1 正文\np2 某局2024年度报告\np3 第1页\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := zipBytes(t, tt.members...)
			if f := Detect("r.docx", data); f != FormatDOCX {
				t.Errorf("Detect = %s", f)
			}
			doc, err := Read(context.Background(), "r.docx", data, DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpBody(t, doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestReadDocxBranches reads one branch of mc:AlternateContent, the fallback only when the
// choice shows no text, and leaves out a content control's placeholder text.
func TestReadDocxBranches(t *testing.T) {
	box := func(text string) string {
		return `<w:txbxContent>` + para(text) + `</w:txbxContent>`
	}
	tests := []struct{ name, body, want string }{
		{"choice with a text box: fallback skipped",
			`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>` + box("框内1.5万元") + `</wps:txbx></w:drawing></mc:Choice>` +
				`<mc:Fallback><w:pict><v:textbox>` + box("框内1.5万元") + `</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			"p1 框内1.5万元\n"},
		{"choice without text: fallback read",
			`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="w14"><w14:shape/></mc:Choice>` +
				`<mc:Fallback><w:pict><v:textbox>` + box("只在后备中") + `</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` + para("后"),
			"p1 只在后备中\np2 后\n"},
		{"two text boxes, each read once",
			strings.Repeat(`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><wps:txbx>`+box("甲")+`</wps:txbx></mc:Choice>`+
				`<mc:Fallback><v:textbox>`+box("甲")+`</v:textbox></mc:Fallback></mc:AlternateContent></w:r></w:p>`, 2),
			"p1 甲\np2 甲\n"},
		{"placeholder text of a content control left out, its filled neighbour kept",
			`<w:sdt><w:sdtPr><w:showingPlcHdr/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>` + para("单击此处输入文字。") + `</w:sdtContent></w:sdt>` +
				`<w:sdt><w:sdtPr><w:alias w:val="金额"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>收入</w:t></w:r><w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>8.8</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>万元</w:t></w:r></w:p></w:sdtContent></w:sdt>`,
			"p1 收入8.8万元\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), "r.docx", docxBytes(t, tt.body), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpBody(t, doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			compareScan(t, documentXML(tt.body), DefaultLimits())
		})
	}
}
