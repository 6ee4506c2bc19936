package parse

import (
	"context"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// docTestPara is one paragraph of a synthetic .doc: its text and the mark that ends it, and
// the paragraph properties written for it when the document has them.
type docTestPara struct {
	text    string
	mark    byte // docParaEnd or docCellMark
	inTable bool
	ttp     bool
	istd    uint16
}

// docFixture describes a synthetic Word 97 .doc.
type docFixture struct {
	paras      []docTestPara
	papx       bool   // write paragraph properties (a PlcBtePapx and one FKP)
	compressed string // 8-bit (cp1252) text in a second, compressed piece after the paragraphs
	tail       string // text after the main text (a header story), not counted in ccpText
	prc        bool   // put a Prc before the Pcdt
	table0     bool   // use 0Table instead of 1Table
	nFib       uint16
	flags      uint16 // extra FibBase flags (fEncrypted)
	ccpExtra   int    // added to ccpText (to claim more text than the pieces hold)
}

// Offsets of the synthetic WordDocument stream.
const (
	docTestTextAt = 1024 // UTF-16 text
	docTestFIBLen = 900
)

// docBytes builds a .doc (an OLE compound file) from fx: a WordDocument stream with a Word 97
// FIB and the text, and a table stream with the Clx and, optionally, the PlcBtePapx.
func docBytes(t testing.TB, fx docFixture) []byte {
	t.Helper()
	le := binary.LittleEndian
	var text []uint16
	type span struct{ start, end int } // byte offsets of a paragraph in the stream
	var spans []span
	for _, p := range fx.paras {
		start := docTestTextAt + 2*len(text)
		text = append(text, utf16.Encode([]rune(p.text))...)
		text = append(text, uint16(p.mark))
		spans = append(spans, span{start, docTestTextAt + 2*len(text)})
	}
	ccp := len(text) + len(fx.compressed)
	text = append(text, utf16.Encode([]rune(fx.tail))...)
	size := docTestTextAt + 2*len(text)
	compAt := size
	size += len(fx.compressed)
	fkpAt := (size + 511) / 512 * 512
	if fx.papx {
		size = fkpAt + 512
	}
	w := make([]byte, size)
	le.PutUint16(w[0:], docWIdent)
	nFib := fx.nFib
	if nFib == 0 {
		nFib = 0x00C1
	}
	le.PutUint16(w[2:], nFib)
	flags := fx.flags
	if !fx.table0 {
		flags |= docWhichTblStm
	}
	le.PutUint16(w[10:], flags)
	le.PutUint16(w[32:], 14)
	le.PutUint16(w[62:], 22)
	le.PutUint32(w[64+12:], uint32(ccp+fx.ccpExtra))
	le.PutUint16(w[152:], 93)
	for i, u := range text {
		le.PutUint16(w[docTestTextAt+2*i:], u)
	}
	copy(w[compAt:], fx.compressed)

	// Table stream: [Prc] Pcdt, then the PlcBtePapx.
	var tbl []byte
	if fx.prc {
		tbl = append(tbl, 0x01, 3, 0, 0x16, 0x24, 1) // a Prc holding sprmPFInTable
	}
	tailUnits := len(utf16.Encode([]rune(fx.tail)))
	ncp := len(text) - tailUnits // UTF-16 units of the paragraphs
	cps := []uint32{0, uint32(ncp)}
	pcds := []uint32{docTestTextAt}
	if fx.compressed != "" {
		cps = append(cps, uint32(ccp))
		pcds = append(pcds, uint32(compAt*2)|docCompressed)
	}
	if tailUnits > 0 {
		cps = append(cps, uint32(ccp+tailUnits))
		pcds = append(pcds, uint32(docTestTextAt+2*ncp))
	}
	plc := make([]byte, 0, 4*len(cps)+8*len(pcds))
	for _, cp := range cps {
		plc = le.AppendUint32(plc, cp)
	}
	for _, fc := range pcds {
		plc = le.AppendUint16(plc, 0)
		plc = le.AppendUint32(plc, fc)
		plc = le.AppendUint16(plc, 0)
	}
	tbl = append(tbl, 0x02)
	tbl = le.AppendUint32(tbl, uint32(len(plc)))
	tbl = append(tbl, plc...)
	rgFcLcb := 154
	le.PutUint32(w[rgFcLcb+8*docFcLcbClx:], 0)
	le.PutUint32(w[rgFcLcb+8*docFcLcbClx+4:], uint32(len(tbl)))

	if fx.papx {
		page := w[fkpAt : fkpAt+512]
		crun := len(spans)
		if 4*(crun+1)+13*crun > 300 {
			t.Fatal("docBytes: too many paragraphs for one FKP")
		}
		for i, s := range spans {
			le.PutUint32(page[4*i:], uint32(s.start))
			le.PutUint32(page[4*i+4:], uint32(s.end))
		}
		at := 510
		for i, p := range fx.paras {
			grp := le.AppendUint16(nil, p.istd)
			if p.inTable {
				grp = append(grp, 0x16, 0x24, 1)
			}
			if p.ttp {
				grp = append(grp, 0x17, 0x24, 1)
			}
			if len(grp)%2 != 0 {
				grp = append(grp, 0)
			}
			papx := append([]byte{0, byte(len(grp) / 2)}, grp...)
			at -= len(papx)
			at &^= 1
			copy(page[at:], papx)
			page[4*(crun+1)+13*i] = byte(at / 2)
		}
		page[511] = byte(crun)
		pos := len(tbl)
		tbl = le.AppendUint32(tbl, uint32(spans[0].start))
		tbl = le.AppendUint32(tbl, uint32(spans[len(spans)-1].end))
		tbl = le.AppendUint32(tbl, uint32(fkpAt/512))
		le.PutUint32(w[rgFcLcb+8*docFcLcbBtePapx:], uint32(pos))
		le.PutUint32(w[rgFcLcb+8*docFcLcbBtePapx+4:], 12)
	}
	name := "1Table"
	if fx.table0 {
		name = "0Table"
	}
	return oleBytes(t, oleStream{"WordDocument", w}, oleStream{name, tbl})
}

// sampleDocParas is a small report: a title, a heading, a paragraph with a field, a table
// of two rows (the second with a cell of two lines and an empty cell) and a closing line.
func sampleDocParas() []docTestPara {
	return []docTestPara{
		{text: "隆回县科学技术协会", mark: docParaEnd},
		{text: "一、部门概况", mark: docParaEnd, istd: 1},
		{text: "2024年度收入214.78万元\x13 PAGE \\* MERGEFORMAT \x143\x15，其中：\x0b县财政\x1e预算\x1f安排\x01208.63万元。", mark: docParaEnd},
		{text: "项目", mark: docCellMark, inTable: true},
		{text: "金额（万元）", mark: docCellMark, inTable: true},
		{mark: docCellMark, inTable: true, ttp: true},
		{text: "基本", mark: docParaEnd, inTable: true},
		{text: "支出", mark: docCellMark, inTable: true},
		{text: "105.57", mark: docCellMark, inTable: true},
		{text: "", mark: docCellMark, inTable: true},
		{mark: docCellMark, inTable: true, ttp: true},
		{text: "（一）基本支出情况", mark: docParaEnd},
	}
}

func TestReadDoc(t *testing.T) {
	wantTable := [][][]string{{{"项目", "金额（万元）", ""}, {"基本\n支出", "105.57", ""}}}
	tests := []struct {
		name   string
		fx     docFixture
		paras  []string
		tables [][][]string
	}{
		{"with paragraph properties", docFixture{paras: sampleDocParas(), papx: true},
			[]string{"隆回县科学技术协会", "一、部门概况", "2024年度收入214.78万元3，其中：\n县财政-预算安排208.63万元。", "（一）基本支出情况"}, wantTable},
		{"cell marks alone", docFixture{paras: sampleDocParas(), table0: true, prc: true},
			// Without paragraph properties the first line of a row's first cell is taken
			// for a paragraph (its row has not begun yet), which splits the table; the
			// first row's empty last cell cannot be told from its row end.
			[]string{"隆回县科学技术协会", "一、部门概况", "2024年度收入214.78万元3，其中：\n县财政-预算安排208.63万元。", "基本", "（一）基本支出情况"},
			[][][]string{{{"项目", "金额（万元）"}}, {{"支出", "105.57", ""}}}},
		{"compressed piece and a header story after the main text", docFixture{
			paras:      []docTestPara{{text: "正文", mark: docParaEnd}},
			compressed: "Caf\xe9 \x93quoted\x94 \x96 x\r",
			tail:       "页眉不是正文\r",
		}, []string{"正文", "Café “quoted” – x"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), "r.doc", docBytes(t, tt.fx), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != FormatDOC {
				t.Errorf("Format = %q", doc.Format)
			}
			if got := doc.Paragraphs(0); strings.Join(got, "|") != strings.Join(tt.paras, "|") {
				t.Errorf("paragraphs\n got %q\nwant %q", got, tt.paras)
			}
			var tables [][][]string
			for _, b := range doc.Blocks {
				if b.Kind != Table {
					continue
				}
				var grid [][]string
				for _, row := range b.Cells {
					var r []string
					for _, c := range row {
						r = append(r, c.Text)
					}
					grid = append(grid, r)
				}
				tables = append(tables, grid)
			}
			ok := len(tables) == len(tt.tables)
			for i := 0; ok && i < len(tables); i++ {
				ok = equalGrid(tables[i], tt.tables[i])
			}
			if !ok {
				t.Errorf("tables\n got %q\nwant %q", tables, tt.tables)
			}
		})
	}
}

// equalGrid compares two grids of cell texts.
func equalGrid(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") || len(a[i]) != len(b[i]) {
			return false
		}
	}
	return true
}

func TestReadDocHeadingLevels(t *testing.T) {
	doc, err := Read(context.Background(), "r.doc", docBytes(t, docFixture{paras: []docTestPara{
		{text: "部门概况", mark: docParaEnd, istd: 2}, // Heading 2 by style
		{text: "（一）基本情况", mark: docParaEnd},       // by numbering
		{text: "正文", mark: docParaEnd, istd: 0},
	}, papx: true}), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	var levels []int
	for _, b := range doc.Blocks {
		levels = append(levels, b.Level)
	}
	if len(levels) != 3 || levels[0] != 2 || levels[1] != 2 || levels[2] != 0 {
		t.Errorf("levels = %v, want [2 2 0]", levels)
	}
}

func TestReadDocFailures(t *testing.T) {
	good := docFixture{paras: []docTestPara{{text: "正文", mark: docParaEnd}}}
	withFlags := good
	withFlags.flags = fibEncrypted
	word95 := good
	word95.nFib = 0x0065
	over := good
	over.ccpExtra = 100
	truncated := docBytes(t, good)
	tests := []struct {
		name, file string
		data       []byte
		want       error
		msg        string
	}{
		{"encrypted", "r.doc", docBytes(t, withFlags), ErrEncrypted, "encrypted Word .doc file (文件已加密)"},
		{"encrypted wps", "r.wps", docBytes(t, withFlags), ErrEncrypted, "encrypted WPS .wps file (文件已加密)"},
		{"word 95", "r.doc", docBytes(t, word95), ErrLegacyFormat, "legacy Word .doc (旧版Word格式): a format older than Word 97"},
		{"more text than pieces", "r.doc", docBytes(t, over), ErrCorrupt, "Word .doc whose pieces hold 3 of the 103 characters of its main text (文件已损坏)"},
		{"no table stream", "r.doc", oleBytes(t, oleStream{"WordDocument", docStream(t, good)}), ErrCorrupt, "Word .doc without its 1Table stream"},
		{"bad wIdent", "r.doc", oleBytes(t, oleStream{"WordDocument", []byte("not a FIB at all, but long enough for a FibBase")}), ErrCorrupt, "Word .doc with a bad FIB (wIdent 0x6f6e"},
		{"short FIB", "r.doc", oleBytes(t, oleStream{"WordDocument", docStream(t, good)[:40]}, oleStream{"1Table", nil}), ErrCorrupt, "Word .doc with a truncated or damaged FIB"},
		{"works wps", "r.wps", oleBytes(t, oleStream{"CONTENTS", []byte("works")}), ErrLegacyFormat, "Microsoft Works .wps (旧版Word格式)"},
		{"truncated OLE", "r.doc", truncated[:1600], ErrCorrupt, "(文件已损坏)"},
		{"limit", "r.doc", docBytes(t, docFixture{paras: []docTestPara{{text: strings.Repeat("字", 200), mark: docParaEnd}}}), ErrLimit, "more than 100 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := DefaultLimits()
			if tt.want == ErrLimit {
				lim.MaxChars = 100
			}
			doc, err := Read(context.Background(), tt.file, tt.data, lim)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if len(doc.Blocks) != 0 {
				t.Error("blocks with an error")
			}
			if msg := Message(err); !strings.Contains(msg, tt.msg) {
				t.Errorf("Message = %q, want it to hold %q", msg, tt.msg)
			}
		})
	}
}

// docStream returns the WordDocument stream docBytes writes for fx.
func docStream(t testing.TB, fx docFixture) []byte {
	t.Helper()
	_, st, err := classifyOLE("r.doc", docBytes(t, fx), true)
	if err != nil {
		t.Fatal(err)
	}
	return st.word
}

// TestSeedDoc checks the real .doc LibreOffice wrote from the seed report: the same
// paragraphs as the .docx.
func TestSeedDoc(t *testing.T) {
	doc, err := ReadFile(context.Background(), "testdata/longhui-kexie-2024.doc", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	docx, err := ReadFile(context.Background(), "testdata/longhui-kexie-2024.docx", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if a, b := strings.Join(doc.Paragraphs(0), "\n"), strings.Join(docx.Paragraphs(0), "\n"); a != b {
		t.Errorf("doc and docx paragraphs differ:\n%s", firstDiff(a, b))
	}
	if !strings.Contains(strings.Join(doc.Paragraphs(0), "\n"), "2024年度收入214.78万元") {
		t.Error("no 2024年度收入214.78万元")
	}
}
