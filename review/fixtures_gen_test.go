package review

import (
	"archive/zip"
	"cmp"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// toolLayout is how a spreadsheet program lays out the .xlsx it saves, as far as reading it
// back is concerned. Excel and WPS are not available to CI, so their files are built here
// to their layout from base.xlsx and the session of fixtures_test.go.
type toolLayout struct {
	application string // docProps/app.xml
	// kso adds WPS's custom properties (KSOProductBuildVer, ICV).
	kso bool
	// phonetic adds the <phoneticPr> Chinese Excel writes in every shared string.
	phonetic bool
	// rich writes the comment of finding 4 as rich text (runs, one bold).
	rich bool
	// dateFormat is the number format of the date cells: a built-in id (14, Excel's short
	// date) or a custom code (id 176).
	dateFormat string
	// rowExtras writes Excel's spans and x14ac:dyDescent on rows.
	rowExtras bool
	// formula writes finding 4's reviewer as a formula with its cached string.
	formula bool
	// absoluteTargets writes the workbook's relationships as absolute part names.
	absoluteTargets bool
}

var layouts = map[string]toolLayout{
	"excel.xlsx": {application: "Microsoft Excel", phonetic: true, rich: true, dateFormat: "14", rowExtras: true, formula: true},
	"wps.xlsx":   {application: "WPS 表格", kso: true, dateFormat: "yyyy/m/d", absoluteTargets: true},
}

// writeToolFixtures builds the Excel and WPS files of testdata/readback from base.xlsx.
func writeToolFixtures(t *testing.T, dir string) {
	base := filepath.Join(dir, "base.xlsx")
	findings := rawSheet(t, base, SheetFindings)
	cleared := rawSheet(t, base, SheetCleared)
	findings = playSession(t, findings)
	for name, lay := range layouts {
		if err := writeLayout(filepath.Join(dir, name), lay, [][][]string{findings, cleared}); err != nil {
			t.Fatal(err)
		}
	}
}

func rawSheet(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	width := len(rows[0])
	for i := range rows {
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// Marks of session cells that are written as dates or formulas, not text.
const (
	dateMark    = "\x00date:"
	formulaMark = "\x00formula:"
)

// playSession applies the session of fixtures_test.go to the rows of 问题清单.
func playSession(t *testing.T, rows [][]string) [][]string {
	h := rows[0]
	col := func(name string) int { return colOf(t, h, name) }
	body := slices.Clone(rows[1:])
	set := func(key, name, v string) {
		for _, r := range body {
			if r[col(HeaderKey)] == key {
				r[col(name)] = v
				return
			}
		}
		t.Fatalf("no row of %s", key)
	}
	set(testKey(2), HeaderStatus, StateFalseAlarm)
	set(testKey(2), HeaderComment, sessionComment2)
	set(testKey(2), HeaderReviewer, "李")
	set(testKey(2), HeaderDate, dateMark+"45721")
	set(testKey(4), HeaderStatus, StateCorrected)
	set(testKey(4), HeaderComment, "已于3月整改")
	set(testKey(4), HeaderReviewer, formulaMark+"王")
	set(testKey(4), HeaderDate, dateMark+"45722") // typed 2025/3/6: a date to Excel and WPS
	set(testKey(0), HeaderStatus, "")
	set(testKey(5), HeaderStatus, "属是")
	set(testKey(5), HeaderComment, "待补充材料")
	body = slices.DeleteFunc(body, func(r []string) bool { return r[col(HeaderKey)] == testKey(7) })
	slices.SortStableFunc(body, func(a, b []string) int { return cmp.Compare(b[col("部门")], a[col("部门")]) })
	// 处理状态 moved after 核实编号 (the last column)
	move := func(r []string) []string {
		j := col(HeaderStatus)
		v := r[j]
		return append(slices.Delete(slices.Clone(r), j, j+1), v)
	}
	out := [][]string{move(h)}
	for _, r := range body {
		out = append(out, move(r))
	}
	return out
}

// numeric are the headers of columns whose cells are numbers.
var numeric = map[string]bool{"序号": true, "年度": true, "预期值(万元)": true, "实际值(万元)": true, "差额(万元)": true}

// sst is a shared string table being built.
type sst struct {
	index map[string]int
	items []string
	count int
}

func (s *sst) add(v string) int {
	s.count++
	if i, ok := s.index[v]; ok {
		return i
	}
	s.index[v] = len(s.items)
	s.items = append(s.items, v)
	return len(s.items) - 1
}

func xmlEsc(s string) string { return html.EscapeString(s) }

// writeLayout writes sheets (问题清单, 已消除) as a workbook of layout lay.
func writeLayout(path string, lay toolLayout, sheets [][][]string) error {
	strs := &sst{index: map[string]int{}}
	var sheetXML []string
	for _, rows := range sheets {
		sheetXML = append(sheetXML, sheetPart(lay, rows, strs))
	}
	parts := [][2]string{
		{"[Content_Types].xml", contentTypes(lay)},
		{"_rels/.rels", rootRels(lay)},
		{"docProps/app.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>` +
			xmlEsc(lay.application) + `</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><Company></Company><AppVersion>16.0300</AppVersion></Properties>`},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>jixiao</dc:creator><cp:lastModifiedBy>李</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-05T08:00:00Z</dcterms:modified></cp:coreProperties>`},
		{"xl/workbook.xml", workbookPart(lay)},
		{"xl/_rels/workbook.xml.rels", workbookRels(lay)},
		{"xl/styles.xml", stylesPart(lay)},
		{"xl/sharedStrings.xml", sharedStrings(lay, strs)},
		{"xl/worksheets/sheet1.xml", sheetXML[0]},
		{"xl/worksheets/sheet2.xml", sheetXML[1]},
	}
	if lay.kso {
		parts = append(parts, [2]string{"docProps/custom.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16250</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV"><vt:lpwstr>0A1B2C3D4E5F46A7B8C9D0E1F2A3B4C5</vt:lpwstr></property></Properties>`})
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func contentTypes(lay toolLayout) string {
	custom := ""
	if lay.kso {
		custom = `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` + custom + `</Types>`
}

func rootRels(lay toolLayout) string {
	custom := ""
	if lay.kso {
		custom = `<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` + custom + `</Relationships>`
}

func workbookPart(lay toolLayout) string {
	file := `<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>`
	if lay.kso {
		file = `<fileVersion appName="xl"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + file +
		`<workbookPr date1904="false"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>` +
		`<sheets><sheet name="` + SheetFindings + `" sheetId="1" r:id="rId1"/><sheet name="` + SheetCleared + `" sheetId="2" r:id="rId2"/></sheets>` +
		`<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">` + SheetFindings + `!$A$1:$U$8</definedName></definedNames><calcPr calcId="191029"/></workbook>`
}

func workbookRels(lay toolLayout) string {
	prefix := ""
	if lay.absoluteTargets {
		prefix = "/xl/"
	}
	rel := func(id, typ, target string) string {
		return `<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/` + typ + `" Target="` + prefix + target + `"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		rel("rId1", "worksheet", "worksheets/sheet1.xml") + rel("rId2", "worksheet", "worksheets/sheet2.xml") +
		rel("rId3", "styles", "styles.xml") + rel("rId4", "sharedStrings", "sharedStrings.xml") + `</Relationships>`
}

// Styles: 0 default, 1 header (bold), 2 wrapped text, 3 a number 0.00, 4 a date.
func stylesPart(lay toolLayout) string {
	numFmts, dateID := "", lay.dateFormat
	if _, err := strconv.Atoi(lay.dateFormat); err != nil {
		numFmts = `<numFmts count="1"><numFmt numFmtId="176" formatCode="` + xmlEsc(lay.dateFormat) + `"/></numFmts>`
		dateID = "176"
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + numFmts +
		`<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font><font><b/><sz val="11"/><name val="等线"/><charset val="134"/></font></fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
		`<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
		`<xf numFmtId="` + dateID + `" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
		`<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
}

func sharedStrings(lay toolLayout, s *sst) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	fmt.Fprintf(&b, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, s.count, len(s.items))
	for _, v := range s.items {
		b.WriteString("<si>")
		switch {
		case lay.rich && v == "已于3月整改":
			b.WriteString(`<r><t>已于</t></r><r><rPr><b/><sz val="11"/><rFont val="等线"/><charset val="134"/></rPr><t>3月</t></r><r><rPr><sz val="11"/><rFont val="等线"/><charset val="134"/></rPr><t>整改</t></r>`)
		case strings.TrimSpace(v) != v || strings.Contains(v, "\n"):
			b.WriteString(`<t xml:space="preserve">` + xmlEsc(v) + `</t>`)
		default:
			b.WriteString(`<t>` + xmlEsc(v) + `</t>`)
		}
		if lay.phonetic {
			b.WriteString(`<phoneticPr fontId="1" type="noConversion"/>`)
		}
		b.WriteString("</si>")
	}
	b.WriteString("</sst>")
	return b.String()
}

func sheetPart(lay toolLayout, rows [][]string, strs *sst) string {
	var b strings.Builder
	last, _ := excelize.ColumnNumberToName(len(rows[0]))
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`)
	if lay.rowExtras {
		b.WriteString(` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" xr:uid="{00000000-0001-0000-0000-000000000000}"`)
	}
	b.WriteString(`><sheetPr filterMode="1"/>`)
	fmt.Fprintf(&b, `<dimension ref="A1:%s%d"/>`, last, len(rows))
	b.WriteString(`<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="H3" sqref="H3"/></sheetView></sheetViews>`)
	b.WriteString(`<sheetFormatPr defaultRowHeight="14.25"/><sheetData>`)
	h := rows[0]
	for i, r := range rows {
		n := i + 1
		if lay.rowExtras {
			fmt.Fprintf(&b, `<row r="%d" spans="1:%d" x14ac:dyDescent="0.2">`, n, len(r))
		} else {
			fmt.Fprintf(&b, `<row r="%d">`, n)
		}
		for j, v := range r {
			ref, _ := excelize.CoordinatesToCellName(j+1, n)
			switch {
			case i == 0:
				fmt.Fprintf(&b, `<c r="%s" s="1" t="s"><v>%d</v></c>`, ref, strs.add(v))
			case v == "":
				fmt.Fprintf(&b, `<c r="%s" s="2"/>`, ref)
			case strings.HasPrefix(v, dateMark):
				fmt.Fprintf(&b, `<c r="%s" s="4"><v>%s</v></c>`, ref, strings.TrimPrefix(v, dateMark))
			case strings.HasPrefix(v, formulaMark):
				v = strings.TrimPrefix(v, formulaMark)
				if lay.formula {
					fmt.Fprintf(&b, `<c r="%s" s="2" t="str"><f>"%s"</f><v>%s</v></c>`, ref, xmlEsc(v), xmlEsc(v))
				} else {
					fmt.Fprintf(&b, `<c r="%s" s="2" t="s"><v>%d</v></c>`, ref, strs.add(v))
				}
			case numeric[h[j]]:
				fmt.Fprintf(&b, `<c r="%s" s="3"><v>%s</v></c>`, ref, v)
			default:
				fmt.Fprintf(&b, `<c r="%s" s="2" t="s"><v>%d</v></c>`, ref, strs.add(v))
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData>`)
	fmt.Fprintf(&b, `<autoFilter ref="A1:%s%d"/>`, last, len(rows))
	if j := slices.Index(h, HeaderStatus); j >= 0 {
		c, _ := excelize.ColumnNumberToName(j + 1)
		fmt.Fprintf(&b, `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="%s2:%s%d"><formula1>"%s"</formula1></dataValidation></dataValidations>`,
			c, c, len(rows), xmlEsc(strings.Join(States, ",")))
	}
	b.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	return b.String()
}
