package parse

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file reads the main text of a Word 97-2003 binary document ([MS-DOC]): the FIB at the
// start of the WordDocument stream says where the piece table (the Clx) lies in the table
// stream (0Table or 1Table) and how many characters the main document holds; each piece of
// the piece table maps a run of character positions (CPs) to bytes of the WordDocument
// stream, 8-bit or UTF-16LE. The paragraph properties (PAPX in the FKPs the PlcBtePapx points
// to) tell paragraphs in table cells and row ends apart; without them, table structure is
// guessed from the cell marks alone.

// Word binary format constants.
const (
	docWIdent       = 0xA5EC     // wIdent of a Word FIB (Word 6.0 and later)
	docNFib97       = 0x00C0     // the lowest nFib of the Word 97 FIB this reader understands (Word 97 writes 0x00C1)
	docWhichTblStm  = 0x0200     // FibBase flag: the table stream is 1Table, not 0Table
	docCompressed   = 0x40000000 // FcCompressed flag: the piece is 8-bit text at fc/2
	docFCMask       = 0x3FFFFFFF // FcCompressed: the fc
	docFKPSize      = 512        // size of a formatted disk page
	docFibBaseSize  = 32
	docFcLcbClx     = 33 // index of the fcClx/lcbClx pair in FibRgFcLcb97
	docFcLcbBtePapx = 13 // index of the fcPlcfBtePapx/lcbPlcfBtePapx pair
)

// Word 2.0 FIB identifiers: files older than Word 6.0.
const (
	docWIdentWord2  = 0xA59B
	docWIdentWord2b = 0xA5DB
)

// Characters with a meaning in Word's text stream.
const (
	docParaEnd     = 0x0D // paragraph mark
	docCellMark    = 0x07 // end of a table cell, and the row-end mark
	docLineBreak   = 0x0B
	docPageBreak   = 0x0C // page or section break
	docColumnBreak = 0x0E
	docFieldBegin  = 0x13
	docFieldSep    = 0x14
	docFieldEnd    = 0x15
	docNBHyphen    = 0x1E
	docSoftHyphen  = 0x1F
)

// Paragraph sprms ([MS-DOC] 2.6.2) that the reader looks at.
const (
	sprmPFInTable  = 0x2416
	sprmPFTtp      = 0x2417
	sprmPFInnerTtp = 0x244C
	sprmPOutLvl    = 0x2640
	sprmTDefTable  = 0xD608
	sprmPChgTabs   = 0xC615
)

// cp1252High maps the bytes 0x80-0x9F of 8-bit ("compressed") Word text, which [MS-DOC]
// 2.4.1 defines as the Windows-1252 characters; the other bytes are Latin-1.
var cp1252High = [32]rune{
	0x80, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x8E, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x9E, 0x0178,
}

// docStreams are the streams of an OLE compound file that tell what it holds and, for a
// Word document, hold its text.
type docStreams struct {
	word, table0, table1 []byte
	hasWord              bool
	encryptedPackage     bool // EncryptionInfo or EncryptedPackage: a password-protected OOXML file
	works                bool // Microsoft Works CONTENTS
	workbook             bool // Workbook or Book: an Excel 97-2003 .xls
}

// readDoc reads a Word 97-2003 binary document, or a .wps saved in that format, into doc.
// Other OLE compound files fail with the error classifyOLE gives them.
func readDoc(ctx context.Context, doc *Document, name string, data []byte, lim Limits) error {
	format, st, err := classifyOLE(name, data, true)
	doc.Format = format
	if err != nil {
		return err
	}
	text, err := docText(st, format == FormatWPS)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	blocks, err := text.blocks(ctx, lim)
	if err != nil {
		return err
	}
	doc.Blocks = blocks
	return nil
}

// docFIB holds what the reader uses of a Word 97 FIB.
type docFIB struct {
	nFib       uint16
	flags      uint16
	ccpText    uint32
	fcClx      uint32
	lcbClx     uint32
	fcBtePapx  uint32
	lcbBtePapx uint32
}

// parseFIB reads the FIB at the start of a WordDocument stream. It returns ErrLegacyFormat
// for Word 6.0/95 and older FIBs, ErrEncrypted for a password-protected document and
// ErrCorrupt for anything it cannot make sense of.
func parseFIB(w []byte, wps bool) (docFIB, error) {
	le := binary.LittleEndian
	var f docFIB
	if len(w) < docFibBaseSize {
		return f, fail(ErrCorrupt, fmt.Sprintf("Word .doc whose WordDocument stream (%d bytes) is too short for a FIB", len(w)))
	}
	ident := le.Uint16(w)
	f.nFib = le.Uint16(w[2:])
	f.flags = le.Uint16(w[10:])
	switch {
	case ident == docWIdentWord2 || ident == docWIdentWord2b:
		return f, legacyError(wps)
	case ident != docWIdent:
		return f, fail(ErrCorrupt, fmt.Sprintf("Word .doc with a bad FIB (wIdent %#04x, want 0xa5ec)", ident))
	case f.flags&fibEncrypted != 0:
		if wps {
			return f, fail(ErrEncrypted, "encrypted WPS .wps file")
		}
		return f, fail(ErrEncrypted, "encrypted Word .doc file")
	case f.nFib < docNFib97:
		return f, legacyError(wps)
	}
	// FibBase, then csw and FibRgW97, cslw and FibRgLw97, cbRgFcLcb and FibRgFcLcb97.
	off := docFibBaseSize
	u16 := func(at int) (int, bool) {
		if at < 0 || at+2 > len(w) {
			return 0, false
		}
		return int(le.Uint16(w[at:])), true
	}
	csw, ok := u16(off)
	if !ok {
		return f, fibError("csw")
	}
	off += 2 + 2*csw
	cslw, ok := u16(off)
	if !ok || cslw < 4 {
		return f, fibError("cslw")
	}
	rgLw := off + 2
	off = rgLw + 4*cslw
	cbRgFcLcb, ok := u16(off)
	if !ok || cbRgFcLcb <= docFcLcbClx {
		return f, fibError("cbRgFcLcb")
	}
	rgFcLcb := off + 2
	if rgFcLcb+8*(docFcLcbClx+1) > len(w) || rgLw+16 > len(w) {
		return f, fibError("FibRgFcLcb97")
	}
	f.ccpText = le.Uint32(w[rgLw+12:])
	f.fcClx = le.Uint32(w[rgFcLcb+8*docFcLcbClx:])
	f.lcbClx = le.Uint32(w[rgFcLcb+8*docFcLcbClx+4:])
	f.fcBtePapx = le.Uint32(w[rgFcLcb+8*docFcLcbBtePapx:])
	f.lcbBtePapx = le.Uint32(w[rgFcLcb+8*docFcLcbBtePapx+4:])
	return f, nil
}

// fibError is the error of a FIB that ends or breaks off at the named field.
func fibError(field string) error {
	return fail(ErrCorrupt, "Word .doc with a truncated or damaged FIB (at "+field+")")
}

// legacyError is the error of a Word file older than Word 97.
func legacyError(wps bool) error {
	if wps {
		return fail(ErrLegacyFormat, "legacy WPS .wps")
	}
	return fail(ErrLegacyFormat, "legacy Word .doc")
}

// docPiece is one entry of the piece table: CPs [cp, cpEnd) are at byte offset off of the
// WordDocument stream, one byte per character when compressed, else two.
type docPiece struct {
	cp, cpEnd  uint32
	off        int
	compressed bool
}

// parseClx reads the piece table out of the Clx at table[fc:fc+lcb]: Prc entries (0x01) are
// skipped, the Pcdt (0x02) holds the PlcPcd. Each piece is checked to lie within the
// WordDocument stream of wordLen bytes.
func parseClx(table []byte, fc, lcb uint32, wordLen int) ([]docPiece, error) {
	le := binary.LittleEndian
	if lcb == 0 || uint64(fc)+uint64(lcb) > uint64(len(table)) {
		return nil, fail(ErrCorrupt, fmt.Sprintf("Word .doc whose piece table (%d bytes at %d) lies outside its table stream (%d bytes)", lcb, fc, len(table)))
	}
	clx := table[fc : fc+lcb]
	for len(clx) > 0 && clx[0] == 0x01 { // Prc: clxt, cbGrpprl, grpprl
		if len(clx) < 3 {
			return nil, fail(ErrCorrupt, "Word .doc with a truncated Prc in its piece table")
		}
		n := int(int16(le.Uint16(clx[1:])))
		if n < 0 || 3+n > len(clx) {
			return nil, fail(ErrCorrupt, "Word .doc with a damaged Prc in its piece table")
		}
		clx = clx[3+n:]
	}
	if len(clx) < 5 || clx[0] != 0x02 {
		return nil, fail(ErrCorrupt, "Word .doc without a Pcdt in its piece table")
	}
	n := le.Uint32(clx[1:])
	plc := clx[5:]
	if uint64(n) > uint64(len(plc)) || n < 16 || (n-4)%12 != 0 {
		return nil, fail(ErrCorrupt, fmt.Sprintf("Word .doc with a damaged PlcPcd (%d bytes)", n))
	}
	count := int(n-4) / 12
	pcds := plc[4*(count+1):]
	pieces := make([]docPiece, 0, count)
	for i := 0; i < count; i++ {
		cp, cpEnd := le.Uint32(plc[4*i:]), le.Uint32(plc[4*i+4:])
		if cpEnd < cp {
			return nil, fail(ErrCorrupt, fmt.Sprintf("Word .doc whose piece %d ends (CP %d) before it starts (CP %d)", i+1, cpEnd, cp))
		}
		fcc := le.Uint32(pcds[8*i+2:])
		p := docPiece{cp: cp, cpEnd: cpEnd, compressed: fcc&docCompressed != 0}
		width := uint64(2)
		if p.compressed {
			p.off = int((fcc & docFCMask) / 2)
			width = 1
		} else {
			p.off = int(fcc & docFCMask)
		}
		if uint64(p.off)+width*uint64(cpEnd-cp) > uint64(wordLen) {
			return nil, fail(ErrCorrupt, fmt.Sprintf("Word .doc whose piece %d (CPs %d-%d at byte %d) lies outside its WordDocument stream (%d bytes)", i+1, cp, cpEnd, p.off, wordLen))
		}
		pieces = append(pieces, p)
	}
	return pieces, nil
}

// docPap is what the reader uses of one run of paragraph properties: the bytes [fc, fcEnd)
// of the WordDocument stream, the paragraphs ending there, have these properties.
type docPap struct {
	fc, fcEnd uint32
	inTable   bool // sprmPFInTable: the paragraph is in a table cell
	ttp       bool // sprmPFTtp: the paragraph is a row-end mark
	level     int  // heading level from the style (istd 1-9 are Heading 1-9) or the outline level
}

// parsePapx reads the paragraph properties the PlcBtePapx at table[fc:fc+lcb] points to.
// It returns nil when there are none or they cannot be read: table structure is then
// guessed from the cell marks.
func parsePapx(word, table []byte, fc, lcb uint32) []docPap {
	le := binary.LittleEndian
	if lcb < 12 || uint64(fc)+uint64(lcb) > uint64(len(table)) || (lcb-4)%8 != 0 {
		return nil
	}
	plc := table[fc : fc+lcb]
	n := int(lcb-4) / 8
	if n > len(word)/docFKPSize { // more FKPs than the stream has pages
		return nil
	}
	var runs []docPap
	for i := 0; i < n; i++ {
		pn := le.Uint32(plc[4*(n+1)+4*i:]) & 0x3FFFFF
		at := uint64(pn) * docFKPSize
		if at+docFKPSize > uint64(len(word)) {
			return nil
		}
		page := word[at : at+docFKPSize]
		crun := int(page[docFKPSize-1])
		if crun == 0 || 4*(crun+1)+13*crun > docFKPSize-1 {
			return nil
		}
		for j := 0; j < crun; j++ {
			r := docPap{fc: le.Uint32(page[4*j:]), fcEnd: le.Uint32(page[4*j+4:])}
			if bx := 2 * int(page[4*(crun+1)+13*j]); bx != 0 {
				readPapx(page, bx, &r)
			}
			runs = append(runs, r)
		}
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].fc < runs[j].fc })
	return runs
}

// readPapx reads the PapxInFkp at page[at:] into r: the style's heading level and the table
// sprms. A damaged grpprl is read as far as it goes.
func readPapx(page []byte, at int, r *docPap) {
	if at >= len(page)-1 {
		return
	}
	cb := int(page[at])
	var grp []byte
	if cb != 0 {
		end := at + 1 + 2*cb - 1
		if end > len(page) {
			return
		}
		grp = page[at+1 : end]
	} else {
		end := at + 2 + 2*int(page[at+1])
		if end > len(page) {
			return
		}
		grp = page[at+2 : end]
	}
	if len(grp) < 2 {
		return
	}
	if istd := binary.LittleEndian.Uint16(grp); 1 <= istd && istd <= 9 {
		r.level = int(istd)
	}
	walkSprms(grp[2:], func(op uint16, arg []byte) {
		switch op {
		case sprmPFInTable:
			r.inTable = arg[0] != 0
		case sprmPFTtp, sprmPFInnerTtp:
			r.ttp = arg[0] != 0
		case sprmPOutLvl:
			if arg[0] <= 8 {
				r.level = int(arg[0]) + 1
			}
		}
	})
}

// walkSprms calls fn for each sprm of grpprl with its operand (at least one byte), stopping
// at the first that does not fit.
func walkSprms(grpprl []byte, fn func(op uint16, arg []byte)) {
	for len(grpprl) >= 3 {
		op := binary.LittleEndian.Uint16(grpprl)
		rest := grpprl[2:]
		var size int
		switch op >> 13 { // spra: the operand's size
		case 0, 1:
			size = 1
		case 2, 4, 5:
			size = 2
		case 3:
			size = 4
		case 7:
			size = 3
		default: // 6: variable
			switch op {
			case sprmTDefTable:
				if len(rest) < 2 {
					return
				}
				size = 2 + int(binary.LittleEndian.Uint16(rest)) - 1
			case sprmPChgTabs:
				if rest[0] == 255 {
					return // the long form; nothing after it is needed
				}
				size = 1 + int(rest[0])
			default:
				size = 1 + int(rest[0])
			}
		}
		if size < 1 || size > len(rest) {
			return
		}
		fn(op, rest[:size])
		grpprl = rest[size:]
	}
}

// papAt returns the paragraph properties of the byte at fc, and whether there are any.
func papAt(runs []docPap, fc uint32) (docPap, bool) {
	i := sort.Search(len(runs), func(i int) bool { return runs[i].fcEnd > fc })
	if i < len(runs) && runs[i].fc <= fc {
		return runs[i], true
	}
	return docPap{}, false
}

// docContent is the main text of a Word document with what is needed to split it into blocks.
type docContent struct {
	word    []byte
	pieces  []docPiece
	ccpText uint32
	paps    []docPap // nil when the paragraph properties could not be read
}

// docText reads the FIB, the piece table and the paragraph properties of a Word document.
func docText(st *docStreams, wps bool) (*docContent, error) {
	fib, err := parseFIB(st.word, wps)
	if err != nil {
		return nil, err
	}
	table, tname := st.table0, "0Table"
	if fib.flags&docWhichTblStm != 0 {
		table, tname = st.table1, "1Table"
	}
	if table == nil {
		return nil, fail(ErrCorrupt, "Word .doc without its "+tname+" stream")
	}
	pieces, err := parseClx(table, fib.fcClx, fib.lcbClx, len(st.word))
	if err != nil {
		return nil, err
	}
	var covered uint64
	for _, p := range pieces {
		if p.cp < fib.ccpText {
			covered += uint64(min(p.cpEnd, fib.ccpText) - p.cp)
		}
	}
	if covered < uint64(fib.ccpText) {
		return nil, fail(ErrCorrupt, fmt.Sprintf("Word .doc whose pieces hold %d of the %d characters of its main text", covered, fib.ccpText))
	}
	return &docContent{
		word:    st.word,
		pieces:  pieces,
		ccpText: fib.ccpText,
		paps:    parsePapx(st.word, table, fib.fcBtePapx, fib.lcbBtePapx),
	}, nil
}

// docPara is one paragraph of a Word document as the text stream has it.
type docPara struct {
	text    string
	mark    byte // docParaEnd, docCellMark, or 0 at the end of the text
	inTable bool
	ttp     bool
	known   bool // the paragraph properties were found
	level   int
}

// paragraphs decodes the main text, CPs [0, ccpText), into paragraphs: field instructions
// dropped, breaks and special characters mapped. It stops over lim.MaxChars characters,
// counting the text and the paragraph and cell marks.
func (c *docContent) paragraphs(ctx context.Context, lim Limits) ([]docPara, error) {
	var (
		paras  []docPara
		cur    strings.Builder
		chars  int64
		fields []bool // one per open field: true while in its instruction
		high   rune   // a pending high surrogate
		count  int
	)
	instr := func() bool {
		for _, in := range fields {
			if in {
				return true
			}
		}
		return false
	}
	// end files the paragraph read so far. Each mark counts as a character against MaxChars
	// (a cell mark is a grid position), except an empty paragraph after an empty paragraph
	// like it, which changes nothing and is not kept: so the paragraphs held are bounded.
	end := func(mark byte, fc uint32) error {
		p := docPara{text: cur.String(), mark: mark}
		cur.Reset()
		if pap, ok := papAt(c.paps, fc); ok {
			p.inTable, p.ttp, p.level, p.known = pap.inTable, pap.ttp, pap.level, true
		}
		if n := len(paras); n > 0 && p.text == "" && mark == docParaEnd {
			if q := paras[n-1]; q.text == "" && q.mark == docParaEnd && q.inTable == p.inTable && q.known == p.known {
				return nil
			}
		}
		if chars++; chars > lim.MaxChars {
			return limitError("max-chars", lim.MaxChars)
		}
		paras = append(paras, p)
		return nil
	}
	emit := func(r rune) error {
		chars++
		if chars > lim.MaxChars {
			return limitError("max-chars", lim.MaxChars)
		}
		cur.WriteRune(r)
		return nil
	}
	for _, p := range c.pieces {
		if p.cp >= c.ccpText {
			continue
		}
		n := min(p.cpEnd, c.ccpText) - p.cp
		for i := uint32(0); i < n; i++ {
			if count++; count%65536 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			var r rune
			fc := uint32(p.off) + i
			if p.compressed {
				b := c.word[p.off+int(i)]
				r = rune(b)
				if 0x80 <= b && b <= 0x9F {
					r = cp1252High[b-0x80]
				}
			} else {
				fc = uint32(p.off) + 2*i
				r = rune(binary.LittleEndian.Uint16(c.word[p.off+2*int(i):]))
			}
			switch {
			case high != 0 && utf16.IsSurrogate(r) && r >= 0xDC00:
				r, high = utf16.DecodeRune(high, r), 0
			case high != 0:
				high = 0
				if !instr() {
					if err := emit(utf8.RuneError); err != nil {
						return nil, err
					}
				}
			}
			if 0xD800 <= r && r < 0xDC00 {
				high = r
				continue
			}
			if utf16.IsSurrogate(r) {
				r = utf8.RuneError
			}
			switch r {
			case docParaEnd, docCellMark:
				if err := end(byte(r), fc); err != nil {
					return nil, err
				}
				continue
			case docPageBreak, docColumnBreak:
				if cur.Len() > 0 {
					if err := end(docParaEnd, fc); err != nil {
						return nil, err
					}
				}
				continue
			case docFieldBegin:
				if len(fields) < 64 {
					fields = append(fields, true)
				}
				continue
			case docFieldSep:
				if len(fields) > 0 {
					fields[len(fields)-1] = false
				}
				continue
			case docFieldEnd:
				if len(fields) > 0 {
					fields = fields[:len(fields)-1]
				}
				continue
			}
			if instr() {
				continue
			}
			switch {
			case r == '\t':
				r = ' ' // as a .docx's w:tab
			case r == docLineBreak:
				r = '\n'
			case r == docNBHyphen:
				r = '-'
			case r < 0x20 || r == 0x7F || r == docSoftHyphen: // pictures, footnote marks, soft hyphens
				continue
			}
			if err := emit(r); err != nil {
				return nil, err
			}
		}
	}
	if cur.Len() > 0 {
		paras = append(paras, docPara{text: cur.String()})
	}
	return paras, nil
}

// blocks splits the main text into paragraph and table blocks.
//
// With the paragraph properties, a paragraph in a table (sprmPFInTable) ending in a cell mark
// ends a cell, one ending in a paragraph mark is a line of the cell, and a row-end mark
// (sprmPFTtp) ends a row. Without them the cell marks alone tell: a cell mark right after a
// cell's end, with no text of its own, ends the row; paragraph marks between two cells of a
// row make a cell of several lines. Rows are padded to the widest.
func (c *docContent) blocks(ctx context.Context, lim Limits) ([]Block, error) {
	paras, err := c.paragraphs(ctx, lim)
	if err != nil {
		return nil, err
	}
	if c.paps == nil || !hasRowEnd(paras) {
		guessTableMarks(paras)
	}
	b := docBuilder{lim: lim}
	for _, p := range paras {
		if err := b.add(p); err != nil {
			return nil, err
		}
	}
	if err := b.flushTable(); err != nil {
		return nil, err
	}
	return b.blocks, nil
}

// hasRowEnd reports whether the paragraph properties mark a row end, or there are no cell
// marks to end rows: whether they can be trusted to tell the table structure.
func hasRowEnd(paras []docPara) bool {
	cells := false
	for _, p := range paras {
		if p.ttp {
			return true
		}
		cells = cells || p.mark == docCellMark
	}
	return !cells
}

// guessTableMarks sets inTable and ttp from the cell marks alone, for a document whose
// paragraph properties could not be read. Of a run of cell marks with no text right after a
// cell's end, one ends the row and the others are empty cells: the one that gives the row as
// many cells as the row before, else the last. Paragraph marks after the first cell of a
// row are lines of the row's cells; before it they are paragraphs, so a first cell of
// several lines loses all but its last line to paragraphs.
func guessTableMarks(paras []docPara) {
	bare := func(p docPara) bool { return p.mark == docCellMark && p.text == "" }
	inRow := false
	cells, width := 0, 0 // cells of the row so far, cells of the row before
	for i := 0; i < len(paras); i++ {
		p := &paras[i]
		switch {
		case bare(*p) && i > 0 && paras[i-1].mark == docCellMark && inRow:
			k := 0 // the run of bare cell marks paras[i:i+k]
			for i+k < len(paras) && bare(paras[i+k]) {
				k++
			}
			end := k - 1 // the row end's place in the run
			if width > 0 && i+k < len(paras) && paras[i+k].mark == docCellMark {
				end = max(0, min(k-1, width-cells))
			}
			for j := 0; j < k; j++ {
				q := &paras[i+j]
				q.inTable = true
				switch {
				case j < end:
					cells++
				case j == end:
					q.ttp = true
					width, cells = cells, 0
				default:
					cells++
				}
			}
			inRow = end < k-1
			i += k - 1
		case p.mark == docCellMark:
			p.inTable = true
			inRow = true
			cells++
		default:
			p.inTable = inRow
			if !inRow {
				width = 0 // a paragraph ends the table
			}
		}
	}
}

// docBuilder collects blocks from the paragraphs of a Word document.
type docBuilder struct {
	lim           Limits
	blocks        []Block
	paras, tables int
	chars         int64 // grid positions counted against MaxChars (the text is counted as read)
	rows          [][]string
	row           []string
	cell          []string
}

// add files one paragraph: a line of a cell, the end of a cell or row, or a paragraph.
func (b *docBuilder) add(p docPara) error {
	text := p.text
	switch {
	case p.ttp:
		if len(b.cell) > 0 { // lines with no cell mark of their own
			b.row = append(b.row, strings.Join(b.cell, "\n"))
			b.cell = nil
		}
		b.rows = append(b.rows, b.row)
		b.row = nil
		return nil
	case p.mark == docCellMark:
		if strings.TrimSpace(text) != "" {
			b.cell = append(b.cell, text)
		}
		b.row = append(b.row, strings.Join(b.cell, "\n"))
		b.cell = nil
		return nil
	case p.inTable:
		if strings.TrimSpace(text) != "" {
			b.cell = append(b.cell, text)
		}
		return nil
	}
	if err := b.flushTable(); err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	level := p.level
	if level == 0 {
		level = HeadingLevel(text)
	}
	b.paras++
	b.blocks = append(b.blocks, Block{Kind: Paragraph, Index: b.paras, Text: text, Level: level})
	return nil
}

// flushTable files the table being collected, if any, as a block: rows padded to the
// widest, each grid position counted against MaxChars.
func (b *docBuilder) flushTable() error {
	if len(b.cell) > 0 {
		b.row = append(b.row, strings.Join(b.cell, "\n"))
		b.cell = nil
	}
	if len(b.row) > 0 {
		b.rows = append(b.rows, b.row)
		b.row = nil
	}
	rows := b.rows
	b.rows = nil
	width := 0
	empty := true
	for _, r := range rows {
		width = max(width, len(r))
		for _, c := range r {
			if strings.TrimSpace(c) != "" {
				empty = false
			}
		}
	}
	if width == 0 || empty {
		return nil
	}
	b.chars += int64(len(rows)) * int64(width)
	if b.chars > b.lim.MaxChars {
		return limitError("max-chars", b.lim.MaxChars)
	}
	grid := make([][]Cell, 0, len(rows))
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		line := make([]Cell, width)
		for j, t := range r {
			line[j].Text = t
		}
		grid = append(grid, line)
	}
	b.tables++
	b.blocks = append(b.blocks, Block{Kind: Table, Index: b.tables, Cells: grid})
	return nil
}
