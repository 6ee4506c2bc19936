package parse

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/unicode/norm"
)

// This file turns the bytes a PDF content stream shows into Unicode text and glyph widths:
// a font's ToUnicode CMap first; else, for composite (Type0) fonts, the predefined Chinese
// CMaps whose codes are Unicode or GBK; else, for simple fonts, the font's encoding
// (WinAnsi, with /Differences by glyph name).

// pdfCodeRange is one codespace range of a CMap: codes of n bytes whose bytes each lie
// between those of lo and hi.
type pdfCodeRange struct {
	lo, hi [4]byte
	n      int
}

// pdfBFRange is one bfrange of a ToUnicode CMap: codes lo..hi of n bytes map to dst, its last
// UTF-16 unit incremented by code-lo, or to the code-lo'th string of dsts.
type pdfBFRange struct {
	lo, hi uint32
	n      int
	dst    []uint16
	dsts   []string
}

// pdfCMap is what the reader uses of a CMap: codespace ranges and, for a ToUnicode CMap,
// the mapping of codes to text.
type pdfCMap struct {
	space  []pdfCodeRange
	chars  map[uint64]string // n<<32 | code → text
	ranges []pdfBFRange
}

// codeKey keys a code of n bytes.
func codeKey(code uint32, n int) uint64 { return uint64(n)<<32 | uint64(code) }

// parseCMap reads the codespace ranges and the bfchar and bfrange mappings of a CMap.
func parseCMap(data []byte) *pdfCMap {
	cm := &pdfCMap{chars: map[uint64]string{}}
	l := pdfLexer{data: data}
	var section string
	var args []pdfToken
	for {
		t := l.next()
		if t.kind == tokEOF {
			break
		}
		if t.kind == tokArrayOpen && section == "bfrange" {
			a, _ := l.object(t, 0)
			arr, _ := a.(pdfArray)
			var dsts []string
			for _, v := range arr {
				if s, ok := v.(pdfString); ok {
					dsts = append(dsts, string(s))
				}
			}
			if len(args) == 2 {
				cm.addRange(args[0].str, args[1].str, "", dsts)
			}
			args = args[:0]
			continue
		}
		if t.kind == tokKeyword {
			switch t.str {
			case "begincodespacerange":
				section = "space"
			case "beginbfchar":
				section = "bfchar"
			case "beginbfrange":
				section = "bfrange"
			case "endcodespacerange", "endbfchar", "endbfrange":
				section = ""
			}
			args = args[:0]
			continue
		}
		if t.kind != tokString && t.kind != tokName && t.kind != tokNumber {
			continue
		}
		args = append(args, t)
		switch {
		case section == "space" && len(args) == 2:
			lo, hi := args[0].str, args[1].str
			if len(lo) == len(hi) && 1 <= len(lo) && len(lo) <= 4 {
				r := pdfCodeRange{n: len(lo)}
				copy(r.lo[:], lo)
				copy(r.hi[:], hi)
				cm.space = append(cm.space, r)
			}
			args = args[:0]
		case section == "bfchar" && len(args) == 2:
			src, dst := args[0], args[1]
			if src.kind == tokString && 1 <= len(src.str) && len(src.str) <= 4 {
				text := ""
				switch dst.kind {
				case tokString:
					text = utf16BE(dst.str)
				case tokName:
					text = glyphText(dst.str)
				}
				cm.chars[codeKey(codeValue(src.str), len(src.str))] = text
			}
			args = args[:0]
		case section == "bfrange" && len(args) == 3:
			if args[2].kind == tokString {
				cm.addRange(args[0].str, args[1].str, args[2].str, nil)
			}
			args = args[:0]
		case section == "" || len(args) > 3:
			args = args[:0]
		}
	}
	return cm
}

// addRange adds a bfrange from lo to hi mapping to dst or to the strings of dsts.
func (cm *pdfCMap) addRange(lo, hi, dst string, dsts []string) {
	if len(lo) != len(hi) || len(lo) < 1 || len(lo) > 4 {
		return
	}
	r := pdfBFRange{lo: codeValue(lo), hi: codeValue(hi), n: len(lo), dsts: dsts}
	if r.hi < r.lo {
		return
	}
	if dsts == nil {
		r.dst = utf16.Encode([]rune(utf16BE(dst)))
		if len(r.dst) == 0 {
			return
		}
	}
	cm.ranges = append(cm.ranges, r)
}

// lookup returns the text of a code of n bytes, and whether the CMap maps it.
func (cm *pdfCMap) lookup(code uint32, n int) (string, bool) {
	if s, ok := cm.chars[codeKey(code, n)]; ok {
		return s, true
	}
	for i := len(cm.ranges) - 1; i >= 0; i-- {
		r := &cm.ranges[i]
		if r.n != n || code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.dsts != nil {
			if int64(off) < int64(len(r.dsts)) {
				return utf16BE(r.dsts[off]), true
			}
			return "", false
		}
		u := append([]uint16(nil), r.dst...)
		u[len(u)-1] += uint16(off)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// codeLen returns how many bytes of s the next code takes by the codespace ranges, or 0 when
// there are none. A code that fits no range takes the fewest bytes any range has.
func (cm *pdfCMap) codeLen(s string) int {
	if cm == nil || len(cm.space) == 0 {
		return 0
	}
	shortest := 4
	for n := 1; n <= 4 && n <= len(s); n++ {
		for _, r := range cm.space {
			shortest = min(shortest, r.n)
			if r.n != n {
				continue
			}
			ok := true
			for i := 0; i < n; i++ {
				if s[i] < r.lo[i] || s[i] > r.hi[i] {
					ok = false
					break
				}
			}
			if ok {
				return n
			}
		}
	}
	return max(1, min(shortest, len(s)))
}

// codeValue is the big-endian value of a code's bytes.
func codeValue(s string) uint32 {
	var v uint32
	for i := 0; i < len(s) && i < 4; i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// utf16BE decodes UTF-16BE bytes (a ToUnicode destination); an odd last byte is dropped.
func utf16BE(s string) string {
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

// pdfWidthRange gives glyph widths for CIDs first..last: w, or ws[cid-first].
type pdfWidthRange struct {
	first, last uint32
	w           float64
	ws          []float64
}

// pdfFontKind tells how a font's codes become text.
type pdfFontKind int

const (
	fontSimple   pdfFontKind = iota // one byte per code, an 8-bit encoding
	fontIdentity                    // Type0, Identity-H/V or an embedded CMap: codes are CIDs
	fontUCS2                        // Type0 with a UniGB-UCS2 or UTF16 CMap: codes are UTF-16BE
	fontGBK                         // Type0 with a GB/GBK EUC CMap: codes are GBK bytes
)

// pdfFont is what the reader uses of a font.
type pdfFont struct {
	kind      pdfFontKind
	toUnicode *pdfCMap
	encoding  *pdfCMap // a Type0 font's embedded encoding CMap (codespace only)
	enc       [256]rune
	first     int       // simple fonts: FirstChar
	widths    []float64 // simple fonts: Widths from FirstChar
	missing   float64   // the width of codes without one
	cidWidths []pdfWidthRange
	// Type0 fonts without a ToUnicode CMap: the text of each glyph by the embedded TrueType
	// program's cmap, and the CIDToGIDMap (nil for Identity).
	gidText  map[uint16]rune
	cidToGID []byte
}

// pdfGlyph is one shown code: its text ("" when unmapped) and width in 1/1000 em.
type pdfGlyph struct {
	text   string
	width  float64
	space  bool // a single-byte code 32, to which word spacing applies
	mapped bool
}

// glyphs splits shown bytes into codes and decodes them.
func (f *pdfFont) glyphs(s string, out []pdfGlyph) []pdfGlyph {
	for len(s) > 0 {
		n := 1
		switch {
		case f.kind == fontSimple:
		case f.encoding != nil:
			n = f.encoding.codeLen(s)
		case f.kind == fontGBK:
			if s[0] >= 0x81 && len(s) >= 2 {
				n = 2
			}
		case f.kind == fontUCS2 && len(s) >= 4 && 0xD8 <= s[0] && s[0] <= 0xDB:
			n = 4
		default: // Identity-H and -V: two bytes per code
			n = 2
		}
		n = max(1, min(n, len(s)))
		code := codeValue(s[:n])
		g := pdfGlyph{width: f.width(code), space: n == 1 && code == 32}
		if f.toUnicode != nil {
			g.text, g.mapped = f.toUnicode.lookup(code, n)
		}
		if !g.mapped {
			switch f.kind {
			case fontSimple:
				if r := f.enc[code&0xFF]; r != 0 {
					g.text, g.mapped = string(r), true
				}
			case fontUCS2:
				g.text, g.mapped = utf16BE(s[:n]), true
			case fontGBK:
				if b, err := simplifiedchinese.GBK.NewDecoder().String(s[:n]); err == nil {
					g.text, g.mapped = b, true
				}
			case fontIdentity:
				if r, ok := f.gidText[f.gid(code)]; ok {
					g.text, g.mapped = string(r), true
				}
			}
		}
		g.text = cleanGlyphText(g.text)
		out = append(out, g)
		s = s[n:]
	}
	return out
}

// cleanGlyphText drops control characters from a glyph's text and maps the CJK radicals
// (CJK Radicals Supplement and Kangxi Radicals: ⻔ for 门, ⾦ for 金, which Chromium's and
// others' ToUnicode maps give) and CJK compatibility ideographs some fonts map to, to the
// unified ideographs.
func cleanGlyphText(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7F || r == 0xFFFD || (0x2E80 <= r && r <= 0x2FDF) || (0xF900 <= r && r <= 0xFAFF) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7F || r == 0xFFFD:
		case 0x2E80 <= r && r <= 0x2FDF:
			if u, ok := radicals[r]; ok {
				r = u
			}
			b.WriteRune(r)
		case 0xF900 <= r && r <= 0xFAFF:
			b.WriteString(norm.NFKC.String(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// gid returns the glyph ID of a CID by the font's CIDToGIDMap.
func (f *pdfFont) gid(cid uint32) uint16 {
	if f.cidToGID == nil {
		return uint16(cid)
	}
	if i := int64(cid) * 2; i+1 < int64(len(f.cidToGID)) {
		return uint16(f.cidToGID[i])<<8 | uint16(f.cidToGID[i+1])
	}
	return 0
}

// width returns the width of a code in 1/1000 em.
func (f *pdfFont) width(code uint32) float64 {
	if f.kind == fontSimple {
		if i := int64(code) - int64(f.first); i >= 0 && i < int64(len(f.widths)) {
			return f.widths[i]
		}
		return f.missing
	}
	if f.kind == fontIdentity { // codes are CIDs
		for _, r := range f.cidWidths {
			if r.first <= code && code <= r.last {
				if r.ws != nil {
					if i := int(code - r.first); i < len(r.ws) {
						return r.ws[i]
					}
					break
				}
				return r.w
			}
		}
	}
	return f.missing
}

// font returns the font a resource dictionary names, loading it once per object.
func (r *pdfReader) font(resources pdfDict, name pdfName) *pdfFont {
	fonts := r.dict(resources["Font"])
	if fonts == nil {
		return nil
	}
	v := fonts[name]
	ref, isRef := v.(pdfRef)
	if isRef {
		if f, ok := r.fonts[ref]; ok {
			return f
		}
	}
	f := r.loadFont(r.dict(v))
	if isRef && len(r.fonts) < 10000 {
		r.fonts[ref] = f
	}
	return f
}

// loadFont reads a font dictionary.
func (r *pdfReader) loadFont(d pdfDict) *pdfFont {
	f := &pdfFont{missing: 500}
	if d == nil {
		f.enc = winAnsi
		return f
	}
	if s, ok := r.resolve(d["ToUnicode"]).(*pdfStream); ok {
		if b, err := r.decodeStream(s); err == nil {
			f.toUnicode = parseCMap(b)
		}
	}
	if d.name("Subtype") == "Type0" {
		f.kind, f.missing = fontIdentity, 1000
		switch e := r.resolve(d["Encoding"]).(type) {
		case pdfName:
			name := string(e)
			switch {
			case strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16"):
				f.kind = fontUCS2
			case strings.HasPrefix(name, "GB") && strings.Contains(name, "EUC"):
				f.kind = fontGBK
			}
		case *pdfStream:
			if b, err := r.decodeStream(e); err == nil {
				if cm := parseCMap(b); len(cm.space) > 0 {
					f.encoding = cm
				}
			}
		}
		if desc, ok := r.resolve(d["DescendantFonts"]).(pdfArray); ok && len(desc) > 0 {
			cid := r.dict(desc[0])
			if dw, ok := r.resolve(cid["DW"]).(float64); ok {
				f.missing = dw
			}
			f.cidWidths = r.cidWidths(cid["W"])
			if f.toUnicode == nil && f.kind == fontIdentity {
				r.readGlyphText(f, cid)
			}
		}
		return f
	}
	f.enc = winAnsi
	fd := r.dict(d["FontDescriptor"])
	if fd != nil {
		if mw, ok := r.resolve(fd["MissingWidth"]).(float64); ok && mw > 0 {
			f.missing = mw
		}
	}
	if r.codesNotText(d, fd, f.toUnicode) {
		f.enc = [256]rune{}
		return f
	}
	if first, ok := r.resolve(d["FirstChar"]).(float64); ok && first >= 0 && first < 256 {
		f.first = int(first)
	}
	if ws, ok := r.resolve(d["Widths"]).(pdfArray); ok {
		for i, w := range ws {
			if i >= 256 {
				break
			}
			v, _ := r.resolve(w).(float64)
			f.widths = append(f.widths, v)
		}
	}
	switch e := r.resolve(d["Encoding"]).(type) {
	case pdfName:
		f.enc = baseEncoding(e)
	case pdfDict:
		f.enc = baseEncoding(e.name("BaseEncoding"))
		if diffs, ok := r.resolve(e["Differences"]).(pdfArray); ok {
			code := -1
			for _, v := range diffs {
				switch v := r.resolve(v).(type) {
				case float64:
					code = int(v)
				case pdfName:
					if 0 <= code && code < 256 {
						if t := []rune(glyphText(string(v))); len(t) == 1 {
							f.enc[code] = t[0]
						} else {
							f.enc[code] = 0
						}
						code++
					}
				}
			}
		}
	}
	return f
}

// codesNotText reports whether a simple font's codes are glyph numbers rather than characters:
// a TrueType program without ToUnicode and without an /Encoding, whose cmap maps codes to
// glyphs (3,0 or 1,0) but no Unicode, and whose codes start below the space (pdftops writes
// CJK fonts so, numbering the glyphs 1, 2, 3 …). Read as WinAnsi its text would be noise.
func (r *pdfReader) codesNotText(d, fd pdfDict, toUnicode *pdfCMap) bool {
	if toUnicode != nil || d["Encoding"] != nil || d.name("Subtype") != "TrueType" || fd == nil {
		return false
	}
	if first, ok := r.resolve(d["FirstChar"]).(float64); !ok || first >= 32 {
		return false
	}
	s, ok := r.resolve(fd["FontFile2"]).(*pdfStream)
	if !ok {
		return false
	}
	prog, err := r.decodeStream(s)
	return err == nil && len(sfntTable(prog, "cmap")) > 0 && sfntCmapGlyphs(prog) == nil
}

// readGlyphText reads the text of a CIDFont's glyphs from its embedded TrueType program's
// cmap, for a font without a ToUnicode CMap.
func (r *pdfReader) readGlyphText(f *pdfFont, cid pdfDict) {
	fd := r.dict(cid["FontDescriptor"])
	s, ok := r.resolve(fd["FontFile2"]).(*pdfStream)
	if !ok {
		return
	}
	prog, err := r.decodeStream(s)
	if err != nil {
		return
	}
	f.gidText = sfntCmapGlyphs(prog)
	if m, ok := r.resolve(cid["CIDToGIDMap"]).(*pdfStream); ok {
		if b, err := r.decodeStream(m); err == nil {
			f.cidToGID = b
		}
	}
}

// cidWidths reads a CIDFont's /W array: c [w1 w2 ...] and cfirst clast w entries.
func (r *pdfReader) cidWidths(v any) []pdfWidthRange {
	arr, _ := r.resolve(v).(pdfArray)
	var out []pdfWidthRange
	for i := 0; i+1 < len(arr); {
		first, ok := r.resolve(arr[i]).(float64)
		if !ok || first < 0 {
			return out
		}
		switch next := r.resolve(arr[i+1]).(type) {
		case pdfArray:
			ws := make([]float64, len(next))
			for k, w := range next {
				ws[k], _ = r.resolve(w).(float64)
			}
			if len(ws) > 0 {
				out = append(out, pdfWidthRange{first: uint32(min(first, 1<<31)), last: uint32(min(first, 1<<31)) + uint32(len(ws)) - 1, ws: ws})
			}
			i += 2
		case float64:
			if i+2 >= len(arr) {
				return out
			}
			w, _ := r.resolve(arr[i+2]).(float64)
			if next >= first {
				out = append(out, pdfWidthRange{first: uint32(min(first, 1<<31)), last: uint32(min(next, 1<<31)), w: w})
			}
			i += 3
		default:
			return out
		}
	}
	return out
}

// winAnsi is WinAnsiEncoding: Windows-1252, which the reader also uses for the standard and
// Mac encodings' ASCII part and for fonts without an encoding.
var winAnsi = func() [256]rune {
	var e [256]rune
	for i := 0x20; i < 256; i++ {
		e[i] = rune(i)
	}
	e[0x7F] = 0
	for i := 0x80; i < 0xA0; i++ {
		e[i] = cp1252High[i-0x80]
	}
	return e
}()

// baseEncoding returns a named base encoding; all are read as WinAnsi, which agrees with
// them on ASCII, the characters of Chinese reports' Latin text.
func baseEncoding(pdfName) [256]rune {
	return winAnsi
}

// glyphNames maps the glyph names of /Differences that are not uniXXXX to their characters.
var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "quoteright": '’', "quoteleft": '‘', "parenleft": '(', "parenright": ')',
	"asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-', "period": '.', "slash": '/',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6',
	"seven": '7', "eight": '8', "nine": '9', "colon": ':', "semicolon": ';', "less": '<', "equal": '=',
	"greater": '>', "question": '?', "at": '@', "bracketleft": '[', "backslash": '\\', "bracketright": ']',
	"asciicircum": '^', "underscore": '_', "grave": '`', "braceleft": '{', "bar": '|', "braceright": '}',
	"asciitilde": '~', "bullet": '•', "endash": '–', "emdash": '—', "quotedblleft": '“', "quotedblright": '”',
	"ellipsis": '…', "degree": '°', "multiply": '×', "divide": '÷', "plusminus": '±', "periodcentered": '·',
	"nbspace": '\u00a0', "minus": '−', "yen": '¥', "section": '§', "trademark": '™', "copyright": '©',
	"registered": '®', "perthousand": '‰',
}

// glyphText returns the text a glyph name stands for: uniXXXX[XXXX…], uXXXX, a single
// letter, a known name; "" for others (a name with a suffix like a.sc reads as its base).
func glyphText(name string) string {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if r, ok := glyphNames[name]; ok {
		return string(r)
	}
	if len(name) == 1 && ('a' <= name[0] && name[0] <= 'z' || 'A' <= name[0] && name[0] <= 'Z') {
		return name
	}
	if hex, ok := strings.CutPrefix(name, "uni"); ok && len(hex) >= 4 && len(hex)%4 == 0 {
		var u []uint16
		for i := 0; i+4 <= len(hex); i += 4 {
			v, err := strconv.ParseUint(hex[i:i+4], 16, 16)
			if err != nil {
				return ""
			}
			u = append(u, uint16(v))
		}
		return string(utf16.Decode(u))
	}
	if hex, ok := strings.CutPrefix(name, "u"); ok && 4 <= len(hex) && len(hex) <= 6 {
		if v, err := strconv.ParseUint(hex, 16, 32); err == nil && v <= 0x10FFFF && !(0xD800 <= v && v < 0xE000) {
			return string(rune(v))
		}
	}
	return ""
}
