package parse

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// scanCase is a word/document.xml and whether scanDocx must read it itself, without leaving
// it to encoding/xml.
type scanCase struct {
	name    string
	xml     string
	scanned bool
}

// wDoc wraps a body in a document whose root binds prefix to the WordprocessingML namespace.
func wDoc(decl, body string) string {
	return `<w:document xmlns:w="` + nsW + `"` + decl + `><w:body>` + body + `</w:body></w:document>`
}

func scanCases() []scanCase {
	run := func(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }
	return []scanCase{
		{"Word's document", documentXML(para("2024年度收入214.78万元")), true},
		{"other prefix", `<x:document xmlns:x="` + nsW + `"><x:body><x:p><x:r><x:t>a</x:t></x:r></x:p></x:body></x:document>`, true},
		{"default namespace", `<document xmlns="` + nsW + `"><body><p><r><t>a</t></r></p></body></document>`, true},
		{"strict namespace", `<w:document xmlns:w="` + nsWStrict + `"><w:body>` + run("s") + `</w:body></w:document>`, true},
		{"undeclared w prefix", `<w:document><w:body>` + run("u") + `</w:body></w:document>`, true},
		{"undeclared other prefix", `<x:document><x:body><x:p><x:r><x:t>u</x:t></x:r></x:p></x:body></x:document>`, true},
		{"prefix bound to w", `<x:document xmlns:x="w"><x:body><x:p><x:r><x:t>u</x:t></x:r></x:p></x:body></x:document>`, true},
		{"rebound inside", wDoc("", `<w:p xmlns:w="urn:other"><w:r><w:t>hidden</w:t></w:r></w:p>`+run("seen")), true},
		{"rebound in siblings", `<root><w:p xmlns:w="urn:x"><w:r><w:t>no</w:t></w:r></w:p><w:p xmlns:w="` + nsW + `"><w:r><w:t>yes</w:t></w:r></w:p>` +
			`<w:p xmlns:w="urn:y"><w:r><w:t>no</w:t></w:r></w:p><w:p><w:r><w:t>undeclared</w:t></w:r></w:p></root>`, true},
		{"prefix unbound", wDoc("", `<w:p xmlns:w=""><w:r><w:t>no</w:t></w:r></w:p>`+run("yes")), true},
		{"default rebound and unbound", `<document xmlns="` + nsW + `"><body><p xmlns=""><r><t>no</t></r></p><p><r><t>yes</t></r></p></body></document>`, true},
		{"xmlns and xml prefixes", wDoc(` xmlns:xml="`+nsW+`"`, `<xml:p><w:r><w:t>a</w:t></w:r></xml:p><xmlns:p><w:r><w:t>b</w:t></w:r></xmlns:p>`+run("c")), true},
		{"names with empty sides of a colon", wDoc(` xmlns="`+nsW+`"`, `<:p><w:r><w:t>a</w:t></w:r></:p><p:><w:r><w:t>b</w:t></w:r></p:>`+run("c")), true},
		{"declaration on the element itself", `<w:document xmlns:w="urn:x"><w:body><w:p xmlns:w="` + nsW + `"><w:r><w:t>self</w:t></w:r></w:p></w:body></w:document>`, true},
		{"attribute in the xmlns space first", wDoc("", `<w:p><w:pPr><w:pStyle xmlns:val="Odd" w:val="Heading1"/></w:pPr><w:r><w:t>h</w:t></w:r></w:p>`), true},
		{"style with entities", wDoc("", `<w:p><w:pPr><w:pStyle w:val="H&amp;1&#x31;&#13;"/><w:outlineLvl w:val='2'/></w:pPr><w:r><w:t>h</w:t></w:r></w:p>`), true},
		{"fallback under other prefixes", wDoc(` xmlns:m="`+nsMC+`"`, `<w:p><w:r><m:AlternateContent><m:Choice>`+run("c")+`</m:Choice><m:Fallback>`+run("f")+
			`</m:Fallback></m:AlternateContent><mc:Fallback>`+run("g")+`</mc:Fallback><x:Fallback xmlns:x="mc">`+run("h")+`</x:Fallback></w:r></w:p>`), true},
		{"entities", wDoc("", run(`a&lt;b&gt;c&amp;d&apos;e&quot;f&#20013;&#x6587;&#xD800;&#0065;&#x10FFFF;&#9;`)), true},
		{"line ends", wDoc("", run("a\r\nb\rc\r\r\nd\n\re&amp;\r\nf")), true},
		{"CDATA", wDoc("", run("<![CDATA[x<y&amp;]]]><![CDATA[\r\n]]><![CDATA[]]>z")), true},
		{"comments and PIs", `<?xml version='1.0' encoding='utf-8'?>` + "\r\n<!-- c -->" + `<?mso-application progid="Word.Document"?>` +
			wDoc("", `<!---->`+run("a<!-- - -->b<?pi x?>c")), true},
		{"space in tags", wDoc("", "<w:p ><w:r\n><w:t\txml:space = 'preserve' >a</w:t ></w:r></w:p\r\n>"), true},
		{"attributes unseparated, quotes and > in values", wDoc("", `<w:p a="1"b='2' c="x>y]]>'"><w:pPr><w:pStyle w:val='"q"'/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>`), true},
		{"BOM", "\ufeff" + documentXML(para("b")), true},
		{"text outside the root", " x " + wDoc("", run("a")) + " y ", true},
		{"control and odd characters", wDoc("", run("a\tb\u0085c\u007f\ufffd\U0010FFFD")), true},
		{"tables", wDoc("", `<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>`+run("a")+
			`</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/><w:hMerge w:val="continue"/></w:tcPr>`+run("b")+`</w:tc></w:tr></w:tbl>`), true},

		{"XML 1.1", `<?xml version="1.1"?>` + wDoc("", run("a")), false},
		{"GBK", `<?xml version="1.0" encoding="GBK"?>` + wDoc("", run("a")), false},
		{"DTD", `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "x">]>` + wDoc("", run("&e;")), false},
		{"]]> in text", wDoc("", run("a]]>b")), false},
		{"unknown entity", wDoc("", run("&nbsp;")), false},
		{"entity without semicolon", wDoc("", run("&amp")), false},
		{"NUL character reference", wDoc("", run("&#0;")), false},
		{"character reference too large", wDoc("", run("&#x110000;")), false},
		{"character reference FFFE", wDoc("", run("&#xFFFE;")), false},
		{"upper-case X", wDoc("", run("&#X41;")), false},
		{"empty character reference", wDoc("", run("&#;")), false},
		{"control character", wDoc("", run("a\x01b")), false},
		{"control character in a value", wDoc("", `<w:p a="`+"\x02"+`">`+run("a")+`</w:p>`), false},
		{"< in a value", wDoc("", `<w:p a="<">`+run("a")+`</w:p>`), false},
		{"invalid UTF-8", wDoc("", run("\xff\xfe")), false},
		{"U+FFFF", wDoc("", run("\uffff")), false},
		{"U+FFFE in CDATA", wDoc("", run("<![CDATA[\ufffe]]>")), false},
		{"mismatched end tag", wDoc("", `<w:p><w:r></w:p>`), false},
		{"end tag in another space", wDoc("", `<w:p></x:p>`), false},
		{"unclosed", `<w:document xmlns:w="` + nsW + `"><w:body>` + run("a"), false},
		{"extra end tag", wDoc("", run("a")) + `</w:x>`, false},
		{"two colons", wDoc("", `<w:p:q/>`), false},
		{"name starting with a digit", wDoc("", `<1p/>`), false},
		{"attribute without value", wDoc("", `<w:p a>`+run("a")+`</w:p>`), false},
		{"unquoted value", wDoc("", `<w:p a=1>`+run("a")+`</w:p>`), false},
		{"<!- not a comment", wDoc("", `<!- x ->`), false},
		{"not CDATA", wDoc("", `<![CDATX[x]]>`), false},
		{"-- in a comment", wDoc("", `<!-- a -- b -->`), false},
		{"non-ASCII names", wDoc("", `<w:段><w:p><w:r><w:t>a</w:t></w:r></w:p></w:段>`), false},
		{"lone <", wDoc("", run("a")) + "<", false},
		{"EOF in a tag", `<w:document xmlns:w="` + nsW + `"><w:p a="1"`, false},
		{"deep", wDoc("", strings.Repeat("<w:p>", 300)+strings.Repeat("</w:p>", 300)), false},
		{"too long", wDoc("", run(strings.Repeat("字", 200_001))), false},
	}
}

// scanLimits keep the limits reachable in tests.
func scanLimits() Limits {
	l := DefaultLimits()
	l.MaxXMLDepth, l.MaxChars = 64, 200_000
	return l
}

// compareScan checks that walkDocx reads content exactly as encoding/xml alone does, and
// returns scanDocx's own error.
func compareScan(t *testing.T, content string, lim Limits) error {
	t.Helper()
	ctx := context.Background()
	got := &Document{}
	err := walkDocx(ctx, got, content, lim)
	want := &Document{}
	wantErr := decodeDocx(ctx, &walker{doc: want, lim: lim}, strings.NewReader(content))
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Fatalf("err = %v, encoding/xml: %v", err, wantErr)
	}
	if !reflect.DeepEqual(got.Blocks, want.Blocks) {
		t.Fatalf("blocks = %+v\nencoding/xml: %+v", got.Blocks, want.Blocks)
	}
	return scanDocx(ctx, &walker{doc: &Document{}, lim: lim}, content)
}

func TestScanDocxMatchesEncodingXML(t *testing.T) {
	for _, c := range scanCases() {
		t.Run(c.name, func(t *testing.T) {
			err := compareScan(t, c.xml, scanLimits())
			if c.scanned && err != nil {
				t.Errorf("left to encoding/xml: %v", err)
			}
			if !c.scanned && err == nil {
				t.Errorf("scanned, want it left to encoding/xml")
			}
		})
	}
}

// docxContents returns word/document.xml of every .docx of the repository's testdata and of
// the benchmarks.
func docxContents(t testing.TB) []string {
	files := benchDocx(t)
	paths, _ := filepath.Glob("../testdata/reports/*.docx")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	var out []string
	for _, f := range files {
		zr, err := openZip(f)
		if err != nil {
			continue // the damaged sample
		}
		content, err := readMember(findMember(zr, docxMain), DefaultLimits().MaxZipMember)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, content)
	}
	return out
}

func TestScanDocxReadsRealDocuments(t *testing.T) {
	for i, content := range docxContents(t) {
		if err := compareScan(t, content, DefaultLimits()); err != nil {
			t.Errorf("document %d left to encoding/xml: %v", i, err)
		}
	}
}

func TestScanDocxCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := walkDocx(ctx, &Document{}, documentXML(para("x")), DefaultLimits())
	if err != context.Canceled {
		t.Fatalf("err = %v", err)
	}
}

// FuzzScanDocx checks that the scanner reads any XML exactly as encoding/xml does: the same
// blocks, or the same error.
func FuzzScanDocx(f *testing.F) {
	for _, c := range scanCases() {
		f.Add(c.xml)
	}
	for i, content := range docxContents(f) {
		if i%8 == 0 {
			f.Add(content)
		}
	}
	lim := Limits{MaxXMLDepth: 32, MaxChars: 10_000}.withDefaults()
	f.Fuzz(func(t *testing.T, content string) {
		compareScan(t, content, lim)
	})
}
