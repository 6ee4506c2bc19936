package parse

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"os"
	"strings"
	"testing"
	"time"
)

func TestReadDocxText(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // Dump without its format line
	}{
		{
			name: "number split across runs",
			body: `<w:p><w:r><w:t>2024年度收入</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>214</w:t></w:r>` +
				`<w:r><w:t>.</w:t></w:r><w:r><w:t>78万元</w:t></w:r></w:p>`,
			want: "p1 2024年度收入214.78万元\n",
		},
		{
			name: "proofErr bookmarks deletions and field codes skipped, insertions and field results kept",
			body: `<w:p><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/>` +
				`<w:r><w:t>支出</w:t></w:r><w:proofErr w:type="spellEnd"/><w:bookmarkEnd w:id="0"/>` +
				`<w:del w:id="1" w:author="x"><w:r><w:delText>999</w:delText></w:r></w:del>` +
				`<w:ins w:id="2" w:author="x"><w:r><w:t>219.37</w:t></w:r></w:ins>` +
				`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>万元</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				`<w:r><w:footnoteReference w:id="1"/></w:r></w:p>`,
			want: "p1 支出219.37万元\n",
		},
		{
			name: "tab break and hyphen",
			body: `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>` +
				`<w:r><w:t>项目</w:t><w:tab/><w:t>金额</w:t><w:br/><w:t>第二行</w:t><w:cr/><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>`,
			want: `p1 项目 金额\n第二行\nA-B` + "\n",
		},
		{
			name: "empty and blank paragraphs are not counted",
			body: `<w:p/>` + para("第一段") + `<w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>` + para("第二段"),
			want: "p1 第一段\np2 第二段\n",
		},
		{
			name: "text box in mc:AlternateContent read once, apart from its anchor paragraph",
			body: `<w:p><w:r><w:t>正文前</w:t></w:r><w:r><mc:AlternateContent>` +
				`<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>` +
				`<w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent>` +
				`</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
				`<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p>` +
				`</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>` +
				`<w:r><w:t>正文后</w:t></w:r></w:p>`,
			want: "p1 文本框内容\np2 正文前正文后\n",
		},
		{
			name: "VML text box without AlternateContent",
			body: `<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>` + para("旧式文本框") +
				`</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>`,
			want: "p1 旧式文本框\n",
		},
		{
			name: "heading levels from style, outline level and numbering",
			body: `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>概述</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>中文Word的标题2</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="标题 3"/></w:pPr><w:r><w:t>标题三</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>大纲一级</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>正文级别</w:t></w:r></w:p>` +
				`<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>一、部门概况</w:t></w:r></w:p>` +
				para("（一）部门基本情况") + para("1.加强管理") + para("（1）细项") + para("1.5万元用于") + para("2024年度收入"),
			want: "p1 [h1] 概述\np2 [h2] 中文Word的标题2\np3 [h3] 标题三\np4 [h1] 大纲一级\np5 正文级别\n" +
				"p6 [h1] 一、部门概况\np7 [h2] （一）部门基本情况\np8 [h3] 1.加强管理\np9 [h4] （1）细项\np10 1.5万元用于\np11 2024年度收入\n",
		},
		{
			name: "table with gridSpan and vMerge expanded",
			body: para("表前") + `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
				`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>` + para("项目") + `</w:tc><w:tc>` + para("金额") + `</w:tc></w:tr>` +
				`<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>` + para("基本支出") + `</w:tc><w:tc>` + para("人员") + `</w:tc><w:tc>` + para("90") + para("万元") + `</w:tc></w:tr>` +
				`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>` + para("公用") + `</w:tc><w:tc>` + para("15.57") + `</w:tc></w:tr>` +
				`<w:tr><w:tc>` + para("合计") + `</w:tc></w:tr>` +
				`</w:tbl>` + para("表后"),
			want: "p1 表前\nt1 (4x3)\nt1r1c1 项目\nt1r1c2 [merged]\nt1r1c3 金额\n" +
				"t1r2c1 基本支出\nt1r2c2 人员\nt1r2c3 90\\n万元\n" +
				"t1r3c1 [merged]\nt1r3c2 公用\nt1r3c3 15.57\n" +
				"t1r4c1 合计\nt1r4c2\nt1r4c3\np2 表后\n",
		},
		{
			name: "table in a layout table is a table of its own, the layout's text around it",
			body: `<w:tbl><w:tr><w:tc>` + para("外") + `<w:tbl><w:tr><w:tc>` + para("内1") + `</w:tc><w:tc>` + para("内2") +
				`</w:tc></w:tr></w:tbl><w:p/></w:tc><w:tc>` + para("右") + `</w:tc></w:tr></w:tbl>` +
				`<w:tbl><w:tr><w:tc>` + para("第二表") + `</w:tc></w:tr></w:tbl>`,
			want: "p1 外\nt1 (1x2)\nt1r1c1 内1\nt1r1c2 内2\np2 右\nt2 (1x1)\nt2r1c1 第二表\n",
		},
		{
			name: "layout tables nested twice, with a vertical merge",
			body: `<w:tbl><w:tr><w:tc>` + para("表1 收入") + `</w:tc></w:tr><w:tr><w:tc><w:tbl><w:tr><w:tc>` +
				`<w:tbl><w:tr><w:tc>` + para("项目") + `</w:tc><w:tc>` + para("金额") + `</w:tc><w:tc>` + para("备注") + `</w:tc></w:tr>` +
				`<w:tr><w:tc>` + para("合计") + `</w:tc><w:tc>` + para("7.5") + `</w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/>` +
				`</w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>`,
			want: "p1 表1 收入\nt1 (2x3)\nt1r1c1 项目\nt1r1c2 金额\nt1r1c3 备注\nt1r2c1 合计\nt1r2c2 7.5\nt1r2c3\n",
		},
		{
			name: "table nested in a cell of a wide table flattened into its cell",
			body: `<w:tbl><w:tr><w:tc>` + para("a") + `</w:tc><w:tc>` + para("外") + `<w:tbl><w:tr><w:tc>` + para("内1") + `</w:tc><w:tc>` + para("内2") +
				`</w:tc></w:tr></w:tbl><w:p/></w:tc><w:tc>` + para("右") + `</w:tc></w:tr></w:tbl>`,
			want: "t1 (1x3)\nt1r1c1 a\nt1r1c2 外\\n内1 内2\nt1r1c3 右\n",
		},
		{
			name: "gridBefore and hMerge",
			body: `<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc>` + para("b") + `</w:tc></w:tr>` +
				`<w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>` + para("a") + `</w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`,
			want: "t1 (2x2)\nt1r1c1\nt1r1c2 b\nt1r2c1 a\nt1r2c2 [merged]\n",
		},
		{
			name: "hostile gridSpan is clamped",
			body: `<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr>` + para("x") + `</w:tc></w:tr></w:tbl>`,
			want: "t1 (1x64)\nt1r1c1 x\n" + func() string {
				var b strings.Builder
				for c := 2; c <= 64; c++ {
					b.WriteString("t1r1c" + itoa(c) + " [merged]\n")
				}
				return b.String()
			}(),
		},
		{
			name: "undeclared w prefix still read",
			body: ``, // replaced below
			want: "p1 无命名空间\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := docxBytes(t, tt.body)
			if strings.HasPrefix(tt.name, "undeclared") {
				data = zipBytes(t, member{"word/document.xml", `<w:document><w:body><w:p><w:r><w:t>无命名空间</w:t></w:r></w:p></w:body></w:document>`})
			}
			doc, err := Read(context.Background(), "r.docx", data, DefaultLimits())
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if doc.Format != FormatDOCX {
				t.Errorf("Format = %q, want docx", doc.Format)
			}
			if got := dumpBody(t, doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestReadDocxStyleKept(t *testing.T) {
	body := `<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>`
	doc, err := Read(context.Background(), "s.docx", docxBytes(t, body), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if b := doc.Blocks[0]; b.Style != "BodyText" || b.Level != 0 {
		t.Errorf("block = %+v, want Style BodyText, Level 0", b)
	}
}

// rawMember is a zip member stored with the given headers and already-deflated bytes, so
// that a test can declare sizes that lie.
func zipWithRaw(t *testing.T, declared uint64, content []byte) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(content)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "word/document.xml",
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(content),
		CompressedSize64:   uint64(comp.Len()),
		UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

func TestReadDocxFailures(t *testing.T) {
	small := Limits{MaxZipMember: 1 << 20, MaxZipTotal: 2 << 20, MaxXMLDepth: 64, MaxChars: 10_000}
	valid := docxBytes(t, para("正文"))
	bomb := documentXML(para(strings.Repeat("0", 8<<20))) // 8 MiB of zeros deflates to a few KiB
	deep := documentXML(strings.Repeat("<w:p>", 200_000))
	tests := []struct {
		name     string
		data     []byte
		lim      Limits
		want     error
		limit    string // LimitError.Name, when want is ErrLimit
		contains string // in Message(err)
	}{
		{"zip without word/document.xml", zipBytes(t, member{"a.txt", "hello"}), small, ErrNotDocument, "", "zip archive without word/document.xml"},
		{"truncated zip", valid[:len(valid)/2], small, ErrCorrupt, "", "damaged zip archive"},
		{"malformed XML", zipBytes(t, member{"word/document.xml", documentXML(`<w:p><w:r></w:p>`)}), small, ErrCorrupt, "", "malformed XML"},
		{"invalid UTF-8 in XML", zipBytes(t, member{"word/document.xml", documentXML("<w:p><w:r><w:t>\xff\xfe</w:t></w:r></w:p>")}), small, ErrCorrupt, "", "XML"},
		{"billion laughs", zipBytes(t, member{"word/document.xml", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
			`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="` + nsW + `"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>`}),
			small, ErrCorrupt, "", "DTD/entity"},
		{"200,000 nested elements", zipBytes(t, member{"word/document.xml", deep}), small, ErrLimit, "max-xml-depth", "nested deeper than 64"},
		{"zip bomb declared honestly", zipBytes(t, member{"word/document.xml", bomb}), small, ErrLimit, "max-zip-member", "zip bomb"},
		{"zip bomb lying about its size", zipWithRaw(t, 100, []byte(bomb)), small, ErrCorrupt, "", "damaged"},
		{"zip over the total", zipBytes(t, member{"word/document.xml", documentXML(para("x"))},
			member{"a.bin", strings.Repeat("a", 900<<10)}, member{"b.bin", strings.Repeat("b", 900<<10)},
			member{"c.bin", strings.Repeat("c", 900<<10)}), small, ErrLimit, "max-zip-total", "in all"},
		{"too many characters", docxBytes(t, para(strings.Repeat("字", 10_001))), small, ErrLimit, "max-chars", "characters"},
		{"too many table cells", docxBytes(t, `<w:tbl>`+strings.Repeat(`<w:tr>`+strings.Repeat(`<w:tc><w:p/></w:tc>`, 100)+`</w:tr>`, 120)+`</w:tbl>`), small, ErrLimit, "max-chars", ""},
		{"no text at all", docxBytes(t, `<w:p/><w:p><w:r><w:drawing/></w:r></w:p>`), small, ErrEmpty, "", "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := Read(context.Background(), "bad.docx", tt.data, tt.lim)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if doc == nil || len(doc.Blocks) != 0 {
				t.Errorf("doc = %+v, want an empty non-nil Document", doc)
			}
			if tt.limit != "" {
				var le *LimitError
				if !errors.As(err, &le) || le.Name != tt.limit {
					t.Errorf("err = %v, want LimitError %s", err, tt.limit)
				}
			}
			if msg := Message(err); !strings.Contains(msg, tt.contains) || strings.Contains(msg, "bad.docx") {
				t.Errorf("Message = %q, want it to contain %q and not the file name", msg, tt.contains)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestReadDocxWithoutRels(t *testing.T) {
	data := zipBytes(t, member{"word/document.xml", documentXML(para("没有关系文件"))})
	doc, err := Read(context.Background(), "norels.docx", data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if got := dumpBody(t, doc); got != "p1 没有关系文件\n" {
		t.Errorf("got %q", got)
	}
}

func TestReadDocxInsecureMemberName(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("a/b", 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir("a/b")
	data := zipBytes(t,
		member{"../../x", "escape"},
		member{"/abs", "escape"},
		member{"word/document.xml", documentXML(para("正文"))},
		member{"word/_rels/document.xml.rels", docRelsXML},
	)
	doc, err := Read(context.Background(), "evil.docx", data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 1 {
		t.Errorf("blocks = %+v", doc.Blocks)
	}
	for _, p := range []string{"../../x", "x", "../x"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was written", p)
		}
	}
}

func TestReadDocxCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, "c.docx", docxBytes(t, para("x")), DefaultLimits())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if msg := Message(err); !strings.Contains(msg, "cancelled") {
		t.Errorf("Message = %q", msg)
	}
}
