package parse

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"strconv"
	"strings"
	"unicode/utf8"
)

// XML namespaces of WordprocessingML (transitional and strict) and markup compatibility.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// Limits the walker sets itself, to keep hostile values of attributes in bounds.
const (
	maxGridSpan  = 64 // Word allows 63 columns
	ctxEveryToks = 1000
)

// isW reports whether space, an element's namespace as encoding/xml resolves it, is
// WordprocessingML's. A prefix the document never declared stays the namespace, so a bare
// "w" is accepted too.
func isW(space string) bool {
	return space == nsW || space == nsWStrict || space == "w"
}

// skippedW are WordprocessingML elements whose whole subtree holds no visible body text:
// deleted and moved-away text, field codes (the field's result is kept), tracked changes of
// properties (old styles and merges), tab-stop definitions, form-field data, comment marks
// and the parts of a content control's properties that name other text.
func skippedW(local string) bool {
	switch local {
	case "del", "delText", "moveFrom", "instrText", "delInstrText",
		"pPrChange", "rPrChange", "sectPrChange", "tblPrChange", "tblPrExChange",
		"trPrChange", "tcPrChange", "tblGridChange", "numberingChange",
		"tabs", "fldData", "ffData", "sdtEndPr", "rPr",
		"proofErr", "bookmarkStart", "bookmarkEnd", "commentReference", "annotationRef",
		"placeholder", "dataBinding", "docPartObj", "docPartList":
		return true
	}
	return false
}

// frameKind names the elements the walker keeps state for.
type frameKind int

const (
	framePara    frameKind = iota + 1 // w:p
	frameTextbox                      // w:txbxContent
	frameTable                        // w:tbl
	frameRow                          // w:tr
	frameCell                         // w:tc
)

// vMerge states of a table cell.
const (
	mergeNone = iota
	mergeRestart
	mergeContinue
)

// frame is an open element the walker keeps state for.
type frame struct {
	kind  frameKind
	depth int // element depth of its start tag

	// paragraph
	text    []byte
	style   string
	outline int      // w:outlineLvl + 1, 0 when absent
	notes   []string // keys of the footnotes and endnotes referenced, in order

	// cell
	paras  []string
	items  []Block // its paragraphs and tables, for a layout table to hand on
	nested bool    // holds a table
	span   int
	vmerge int
	hmerge bool // w:hMerge continue: covered by the cell to its left

	// row
	cells      []cellDraft
	gridBefore int

	// table
	rows [][]cellDraft
}

// cellDraft is a table cell as written, before the grid is built.
type cellDraft struct {
	text   string
	items  []Block
	nested bool
	span   int
	vmerge int
	hmerge bool
}

// walker turns the token stream of word/document.xml into blocks.
type walker struct {
	doc    *Document
	lim    Limits
	stack  []*frame
	chars  int64    // characters of text so far, plus one per table grid position
	paras  int      // paragraph blocks so far
	tables int      // table blocks so far
	free   []*frame // closed frames, for push to reuse

	depth     int // depth of the innermost open element
	skip      int // depth of the skipped element being read, 0 outside skipped subtrees
	textDepth int // depth of the w:t being read, 0 outside w:t

	runes int64      // runes of text read, to tell whether an mc:Choice showed any
	alts  []altState // the open mc:AlternateContent elements
	sdts  []sdtState // the open content controls

	// notes holds the paragraphs of footnotes ("f1") and endnotes ("e1"), read before the
	// body, which files each after the paragraph that references it. Reading a notes part,
	// note is the key of the note being read.
	notes     map[string][]string
	note      string
	noteDepth int

	part string // the name of the part being read, for errors; "" for word/document.xml
}

// partName names the part being read in errors.
func (w *walker) partName() string {
	if w.part == "" {
		return docxMain
	}
	return w.part
}

// altState is an open mc:AlternateContent: its depth and the runes read before it.
type altState struct {
	depth int
	runes int64
}

// sdtState is an open content control: its depth and whether it shows its placeholder.
type sdtState struct {
	depth       int
	placeholder bool
}

// attrs looks up the attributes of a start tag.
type attrs interface {
	// value returns the value of the first attribute with the given local name, in any
	// namespace, or "".
	value(local string) string
}

// walkDocx reads word/document.xml, content, into doc.Blocks.
//
// Paragraphs (w:p) become paragraph blocks, their run texts joined without separators, so a
// number Word split over several runs comes out whole. Paragraphs whose text is all whitespace
// are dropped and not counted, so that p-numbers count paragraphs a reader sees. Paragraphs of
// a text box (w:txbxContent) become blocks of their own, emitted when each closes, and their
// text does not join the paragraph that anchors the box; mc:Fallback is skipped so a text box
// is not read twice. Tables (w:tbl) become table blocks; a table nested in a cell is flattened
// into that cell's text, its cells joined with spaces.
//
// The XML is read by scanDocx, a fast scanner that accepts only XML that encoding/xml accepts
// too and reports it the same way. Whatever it does not read to the end (malformed XML, a
// DTD, a limit exceeded) is read again from the start by decodeDocx, with encoding/xml, which
// has the last word on what is wrong with it.
func walkDocx(ctx context.Context, doc *Document, content string, lim Limits) error {
	return walkInto(ctx, &walker{doc: doc, lim: lim}, content, docxMain)
}

// walkInto reads the XML part name, content, into w: with scanDocx, and when that does not
// read it to the end, again from w's state before with decodeDocx.
func walkInto(ctx context.Context, w *walker, content, name string) error {
	save := *w
	blocks := len(w.doc.Blocks)
	notes := maps.Clone(w.notes)
	err := scanDocx(ctx, w, content)
	if err == nil || err == ctx.Err() {
		return err
	}
	*w = walker{doc: save.doc, lim: save.lim, chars: save.chars, paras: save.paras, tables: save.tables,
		notes: notes, part: name}
	w.doc.Blocks = w.doc.Blocks[:blocks]
	return decodeDocx(ctx, w, strings.NewReader(content))
}

// decodeDocx streams word/document.xml from r into w with encoding/xml.
func decodeDocx(ctx context.Context, w *walker, r io.Reader) error {
	d := xml.NewDecoder(r)
	d.Strict = true       // Word writes well-formed XML; anything else is a damaged file
	d.CharsetReader = nil // only UTF-8: Word writes nothing else
	for n := 0; ; n++ {
		if n%ctxEveryToks == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return failCause(ErrCorrupt, "malformed XML in "+w.partName(), err)
			}
			return failCause(ErrCorrupt, "unreadable XML in "+w.partName(), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			active, err := w.enter()
			if err != nil {
				return err
			}
			if active {
				if err := w.open(t.Name.Space, t.Name.Local, xmlAttrs(t.Attr)); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if err := w.close(); err != nil {
				return err
			}
		case xml.CharData:
			if w.inText() {
				if err := w.appendText(string(t)); err != nil {
					return err
				}
			}
		case xml.Directive:
			// encoding/xml expands no entities of its own, but a DTD has no place in
			// WordprocessingML and is how entity-expansion bombs ("billion laughs") start.
			return fail(ErrCorrupt, "XML with a DTD/entity declarations is not a Word document")
		}
	}
}

// xmlAttrs are the attributes of an encoding/xml start tag.
type xmlAttrs []xml.Attr

func (a xmlAttrs) value(local string) string {
	for _, at := range a {
		if at.Name.Local == local {
			return at.Value
		}
	}
	return ""
}

// enter opens an element, checking MaxXMLDepth. It reports whether the element lies outside
// skipped subtrees, when open must be called with its name and attributes.
func (w *walker) enter() (bool, error) {
	w.depth++
	if w.depth > w.lim.MaxXMLDepth {
		return false, limitError("max-xml-depth", int64(w.lim.MaxXMLDepth))
	}
	return w.skip == 0, nil
}

// open handles the start tag of the element enter opened, outside skipped subtrees. space is
// its namespace as encoding/xml resolves it.
func (w *walker) open(space, local string, a attrs) error {
	if w.skips(space, local) {
		w.skip = w.depth
		return nil
	}
	if isW(space) && local == "t" {
		w.textDepth = w.depth
		return nil
	}
	return w.start(space, local, a)
}

// close handles an end tag.
func (w *walker) close() error {
	switch {
	case w.skip > 0:
		if w.depth == w.skip {
			w.skip = 0
		}
	case w.depth == w.textDepth:
		w.textDepth = 0
	default:
		if err := w.end(w.depth); err != nil {
			return err
		}
		if n := len(w.alts); n > 0 && w.alts[n-1].depth == w.depth {
			w.alts = w.alts[:n-1]
		}
		if n := len(w.sdts); n > 0 && w.sdts[n-1].depth == w.depth {
			w.sdts = w.sdts[:n-1]
		}
		if w.note != "" && w.noteDepth == w.depth {
			w.note = ""
		}
	}
	w.depth--
	return nil
}

// inText reports whether character data is text of the document: in a w:t, outside skipped
// subtrees.
func (w *walker) inText() bool { return w.skip == 0 && w.textDepth > 0 }

// skips reports whether the element's subtree is to be skipped: the subtrees of skippedW, the
// content of a control that shows its placeholder text, and an mc:Fallback after an mc:Choice
// that showed text (one branch is read, as Word shows one: the first, unless it holds no text,
// as when it is a shape of a kind without a text box).
func (w *walker) skips(space, local string) bool {
	if isW(space) {
		if local == "sdtContent" {
			n := len(w.sdts)
			return n > 0 && w.sdts[n-1].placeholder
		}
		return skippedW(local)
	}
	if space != nsMC && space != "mc" {
		return false
	}
	switch local {
	case "AlternateContent":
		w.alts = append(w.alts, altState{depth: w.depth, runes: w.runes})
	case "Fallback":
		n := len(w.alts)
		return n > 0 && w.runes > w.alts[n-1].runes
	}
	return false
}

// top returns the innermost open frame, or nil.
func (w *walker) top() *frame {
	if len(w.stack) == 0 {
		return nil
	}
	return w.stack[len(w.stack)-1]
}

// topPara returns the innermost open frame when it is a paragraph: text goes there.
func (w *walker) topPara() *frame {
	if f := w.top(); f != nil && f.kind == framePara {
		return f
	}
	return nil
}

// start handles a start tag outside skipped subtrees.
func (w *walker) start(space, local string, a attrs) error {
	if !isW(space) {
		return nil
	}
	depth := w.depth
	switch local {
	case "p":
		w.push(framePara, depth)
	case "txbxContent":
		w.push(frameTextbox, depth)
	case "tbl":
		w.push(frameTable, depth)
	case "tr":
		w.push(frameRow, depth)
	case "tc":
		w.push(frameCell, depth).span = 1
	case "sdt":
		if len(w.sdts) < w.lim.MaxXMLDepth {
			w.sdts = append(w.sdts, sdtState{depth: depth})
		}
	case "showingPlcHdr":
		if n := len(w.sdts); n > 0 && a.value("val") != "0" && a.value("val") != "false" {
			w.sdts[n-1].placeholder = true
		}
	case "footnoteReference", "endnoteReference":
		if p := w.topPara(); p != nil && w.notes != nil {
			p.notes = append(p.notes, local[:1]+a.value("id"))
		}
	case "footnote", "endnote":
		if w.notes != nil && w.note == "" && len(w.stack) == 0 {
			w.note, w.noteDepth = local[:1]+strings.Clone(a.value("id")), depth
		}
	case "tab", "ptab":
		return w.appendText(" ")
	case "br", "cr":
		return w.appendText("\n")
	case "noBreakHyphen":
		return w.appendText("-")
	case "pStyle":
		if p := w.topPara(); p != nil {
			p.style = strings.Clone(a.value("val")) // not a view of the whole XML
		}
	case "outlineLvl":
		if p := w.topPara(); p != nil {
			if n, err := strconv.Atoi(a.value("val")); err == nil && 0 <= n && n <= 8 {
				p.outline = n + 1 // 9 is body text
			}
		}
	case "gridSpan":
		if c := w.top(); c != nil && c.kind == frameCell {
			c.span = clampSpan(a.value("val"))
		}
	case "vMerge":
		if c := w.top(); c != nil && c.kind == frameCell {
			if a.value("val") == "restart" {
				c.vmerge = mergeRestart
			} else {
				c.vmerge = mergeContinue // no val, or "continue"
			}
		}
	case "hMerge":
		if c := w.top(); c != nil && c.kind == frameCell {
			c.hmerge = a.value("val") != "restart"
		}
	case "gridBefore":
		if r := w.top(); r != nil && r.kind == frameRow {
			r.gridBefore = clampSpan(a.value("val"))
		}
	}
	return nil
}

// end handles an end tag outside skipped subtrees: it closes the frame opened at that depth.
func (w *walker) end(depth int) error {
	f := w.top()
	if f == nil || f.depth != depth {
		return nil
	}
	w.stack = w.stack[:len(w.stack)-1]
	err := w.closeFrame(f)
	w.free = append(w.free, f) // closeFrame copied out all it holds
	return err
}

// closeFrame files a frame just closed into the frame that holds it or the document.
func (w *walker) closeFrame(f *frame) error {
	switch f.kind {
	case framePara:
		w.closePara(f)
	case frameCell:
		if err := w.count(1); err != nil { // bounds the cells held until the table closes
			return err
		}
		if r := w.top(); r != nil && r.kind == frameRow {
			r.cells = append(r.cells, cellDraft{
				text: strings.Join(f.paras, "\n"), items: f.items, nested: f.nested,
				span: f.span, vmerge: f.vmerge, hmerge: f.hmerge,
			})
		}
	case frameRow:
		if t := w.top(); t != nil && t.kind == frameTable {
			row := f.cells
			if f.gridBefore > 0 { // grid columns left empty before the first cell
				row = make([]cellDraft, f.gridBefore, f.gridBefore+len(f.cells))
				for i := range row {
					row[i].span = 1
				}
				row = append(row, f.cells...)
			}
			t.rows = append(t.rows, row)
		}
	case frameTable:
		return w.closeTable(f)
	}
	return nil
}

// container returns the innermost open text box, cell, row or table, or nil for the body.
func (w *walker) container() *frame {
	for i := len(w.stack) - 1; i >= 0; i-- {
		if w.stack[i].kind != framePara {
			return w.stack[i]
		}
	}
	return nil
}

// closePara files a finished paragraph: into its table cell, into the note being read, or as
// a block of its own; the notes it references follow it.
func (w *walker) closePara(p *frame) {
	text := string(p.text)
	if strings.TrimSpace(text) != "" {
		w.file(paraBlock(text, p.style, p.outline))
	}
	for _, key := range p.notes {
		for _, t := range w.notes[key] {
			w.file(paraBlock(t, "", 0))
		}
		delete(w.notes, key) // a note is read once, however often it is referenced
	}
}

// paraBlock is a paragraph block of text, its level from the style, the outline level or
// the numbering. Its Index is set when it is filed into the document.
func paraBlock(text, style string, outline int) Block {
	level := styleLevel(style)
	if level == 0 {
		level = outline
	}
	if level == 0 {
		level = HeadingLevel(text)
	}
	return Block{Kind: Paragraph, Text: text, Level: level, Style: style}
}

// file files a paragraph or a table: into the cell being read, into the note being read, or
// into the document, numbered.
func (w *walker) file(b Block) {
	if c := w.container(); c != nil && c.kind == frameCell {
		c.items = append(c.items, b)
		if b.Kind == Table {
			c.nested = true
			if t := flatten(b.Cells); t != "" {
				c.paras = append(c.paras, t)
			}
		} else {
			c.paras = append(c.paras, b.Text)
		}
		return
	}
	if w.note != "" {
		if b.Kind == Table {
			b.Text = flatten(b.Cells)
		}
		if b.Text != "" {
			w.notes[w.note] = append(w.notes[w.note], b.Text)
		}
		return
	}
	if b.Kind == Table {
		w.tables++
		b.Index = w.tables
	} else {
		w.paras++
		b.Index = w.paras
	}
	w.doc.Blocks = append(w.doc.Blocks, b)
}

// flatten joins the texts of a grid's cells with spaces, merged copies left out.
func flatten(grid [][]Cell) string {
	var parts []string
	for _, row := range grid {
		for _, cell := range row {
			if !cell.Merged && strings.TrimSpace(cell.Text) != "" {
				parts = append(parts, cell.Text)
			}
		}
	}
	return strings.Join(parts, " ")
}

// closeTable builds a finished table's grid and files it. A layout table (see isLayout)
// files what its cells hold instead, in reading order, so that the tables laid out in it
// stay tables; a table nested in a cell of another table is flattened into that cell's text.
func (w *walker) closeTable(t *frame) error {
	if isLayout(t.rows) {
		for _, row := range t.rows {
			for _, c := range row {
				if c.vmerge == mergeContinue || c.hmerge {
					continue
				}
				for _, b := range c.items {
					w.file(b)
				}
			}
		}
		return nil
	}
	grid, err := w.buildGrid(t.rows)
	if err != nil {
		return err
	}
	if len(grid) == 0 {
		return nil
	}
	w.file(Block{Kind: Table, Cells: grid})
	return nil
}

// isLayout reports whether a table lays out other tables rather than holding figures of its
// own: one or two columns, a table in one of its cells.
func isLayout(rows [][]cellDraft) bool {
	nested := false
	for _, row := range rows {
		width := 0
		for _, c := range row {
			width += c.span
			nested = nested || c.nested
		}
		if width > 2 {
			return false
		}
	}
	return nested
}

// buildGrid expands merged cells into a rectangular grid: a cell spanning n grid columns
// fills n positions, the copies Merged; a vertically continued cell repeats the text of the
// cell above it, Merged. Short rows are padded with empty cells.
func (w *walker) buildGrid(rows [][]cellDraft) ([][]Cell, error) {
	width := 0
	for _, row := range rows {
		n := 0
		for _, c := range row {
			n += c.span
		}
		width = max(width, n)
	}
	if width == 0 {
		return nil, nil
	}
	if err := w.count(int64(len(rows)) * int64(width)); err != nil {
		return nil, err
	}
	grid := make([][]Cell, len(rows))
	for i, row := range rows {
		line := make([]Cell, 0, width)
		for _, c := range row {
			text, merged := c.text, false
			col := len(line)
			switch {
			case c.vmerge == mergeContinue && i > 0 && col < len(grid[i-1]):
				text, merged = grid[i-1][col].Text, true
			case c.hmerge && col > 0:
				text, merged = line[col-1].Text, true
			}
			for k := 0; k < c.span; k++ {
				line = append(line, Cell{Text: text, Merged: merged || k > 0})
			}
		}
		for len(line) < width {
			line = append(line, Cell{})
		}
		grid[i] = line
	}
	return grid, nil
}

// push opens a frame of the given kind, reusing one closed before.
func (w *walker) push(kind frameKind, depth int) *frame {
	var f *frame
	if n := len(w.free); n > 0 {
		f, w.free = w.free[n-1], w.free[:n-1]
	} else {
		f = new(frame)
	}
	*f = frame{kind: kind, depth: depth, text: f.text[:0], paras: f.paras[:0], notes: f.notes[:0]}
	w.stack = append(w.stack, f)
	return f
}

// appendText adds text to the paragraph being read, if any, counting it against MaxChars.
func (w *walker) appendText(s string) error {
	p := w.topPara()
	if p == nil {
		return nil
	}
	if err := w.count(int64(utf8.RuneCountInString(s))); err != nil {
		return err
	}
	p.text = append(p.text, s...)
	w.runes += int64(len(s))
	return nil
}

// count adds n to the characters read and fails over MaxChars.
func (w *walker) count(n int64) error {
	w.chars += n
	if w.chars > w.lim.MaxChars {
		return limitError("max-chars", w.lim.MaxChars)
	}
	return nil
}

// clampSpan reads a column count, keeping it within 1..maxGridSpan.
func clampSpan(val string) int {
	n, err := strconv.Atoi(val)
	if err != nil || n < 1 {
		return 1
	}
	return min(n, maxGridSpan)
}
