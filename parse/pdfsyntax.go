package parse

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"io"
	"math"
	"strconv"
)

// This file holds the PDF syntax jixiao needs to read a text layer: the tokens and objects of
// ISO 32000-1 section 7.2-7.3, and the stream filters text lives behind (Flate with PNG
// predictors, ASCIIHex, ASCII85). Every read is bounds-checked; nesting is capped at
// pdfMaxDepth.

// pdfMaxDepth is the deepest nesting of arrays and dictionaries accepted.
const pdfMaxDepth = 64

// PDF object values: nil (null), bool, float64 (numbers), pdfName, pdfString, pdfArray,
// pdfDict, pdfRef, *pdfStream, and pdfKeyword for the bare words of content streams.
type (
	pdfName    string
	pdfString  string
	pdfKeyword string
	pdfArray   []any
	pdfDict    map[pdfName]any
	pdfRef     struct{ num, gen int }
	pdfStream  struct {
		dict pdfDict
		raw  []byte // the encoded data
	}
)

// errPDFSyntax is a token the parser cannot make sense of.
var errPDFSyntax = errors.New("pdf syntax error")

// pdfLexer reads tokens from PDF bytes.
type pdfLexer struct {
	data []byte
	pos  int
	buf  []byte // scratch for decoding strings and names
}

// isPDFSpace reports whether c is PDF white space.
func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// isPDFDelim reports whether c is a PDF delimiter.
func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *pdfLexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isPDFSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// pdfTokenKind tells tokens apart.
type pdfTokenKind int

const (
	tokEOF pdfTokenKind = iota
	tokNumber
	tokName
	tokString
	tokArrayOpen
	tokArrayClose
	tokDictOpen
	tokDictClose
	tokKeyword
)

// pdfToken is one token: its kind and value (the number, the name, the string's bytes or the
// keyword).
type pdfToken struct {
	kind pdfTokenKind
	num  float64
	str  string
	int  bool // the number is an integer
}

// next reads the next token.
func (l *pdfLexer) next() pdfToken {
	l.skipSpace()
	if l.pos >= len(l.data) {
		return pdfToken{kind: tokEOF}
	}
	c := l.data[l.pos]
	switch {
	case c == '[':
		l.pos++
		return pdfToken{kind: tokArrayOpen}
	case c == ']':
		l.pos++
		return pdfToken{kind: tokArrayClose}
	case c == '<' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '<':
		l.pos += 2
		return pdfToken{kind: tokDictOpen}
	case c == '>' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '>':
		l.pos += 2
		return pdfToken{kind: tokDictClose}
	case c == '<':
		return pdfToken{kind: tokString, str: l.hexString()}
	case c == '(':
		return pdfToken{kind: tokString, str: l.literalString()}
	case c == '/':
		l.pos++
		return pdfToken{kind: tokName, str: l.name()}
	case c == '+' || c == '-' || c == '.' || ('0' <= c && c <= '9'):
		if t, ok := l.number(); ok {
			return t
		}
	case isPDFDelim(c): // a stray ) > { }
		l.pos++
		return pdfToken{kind: tokKeyword, str: string(c)}
	}
	start := l.pos
	for l.pos < len(l.data) && !isPDFSpace(l.data[l.pos]) && !isPDFDelim(l.data[l.pos]) {
		l.pos++
	}
	return pdfToken{kind: tokKeyword, str: keyword(l.data[start:l.pos])}
}

// keyword returns the string of a bare word, without allocating for the operators of content
// streams and the words of the file structure.
func keyword(b []byte) string {
	switch string(b) {
	case "BT":
		return "BT"
	case "ET":
		return "ET"
	case "Tf":
		return "Tf"
	case "Td":
		return "Td"
	case "TD":
		return "TD"
	case "Tm":
		return "Tm"
	case "T*":
		return "T*"
	case "Tj":
		return "Tj"
	case "TJ":
		return "TJ"
	case "'":
		return "'"
	case "\"":
		return "\""
	case "Tc":
		return "Tc"
	case "Tw":
		return "Tw"
	case "Tz":
		return "Tz"
	case "TL":
		return "TL"
	case "Ts":
		return "Ts"
	case "Tr":
		return "Tr"
	case "q":
		return "q"
	case "Q":
		return "Q"
	case "cm":
		return "cm"
	case "Do":
		return "Do"
	case "BI":
		return "BI"
	case "re":
		return "re"
	case "f":
		return "f"
	case "f*":
		return "f*"
	case "m":
		return "m"
	case "l":
		return "l"
	case "c":
		return "c"
	case "h":
		return "h"
	case "S":
		return "S"
	case "s":
		return "s"
	case "B":
		return "B"
	case "n":
		return "n"
	case "W":
		return "W"
	case "W*":
		return "W*"
	case "w":
		return "w"
	case "gs":
		return "gs"
	case "cs":
		return "cs"
	case "CS":
		return "CS"
	case "sc":
		return "sc"
	case "scn":
		return "scn"
	case "SC":
		return "SC"
	case "SCN":
		return "SCN"
	case "g":
		return "g"
	case "G":
		return "G"
	case "rg":
		return "rg"
	case "RG":
		return "RG"
	case "k":
		return "k"
	case "K":
		return "K"
	case "J":
		return "J"
	case "j":
		return "j"
	case "d":
		return "d"
	case "i":
		return "i"
	case "M":
		return "M"
	case "ri":
		return "ri"
	case "BDC":
		return "BDC"
	case "BMC":
		return "BMC"
	case "EMC":
		return "EMC"
	case "d0":
		return "d0"
	case "d1":
		return "d1"
	case "R":
		return "R"
	case "obj":
		return "obj"
	case "endobj":
		return "endobj"
	case "stream":
		return "stream"
	case "true":
		return "true"
	case "false":
		return "false"
	case "null":
		return "null"
	case "begincodespacerange":
		return "begincodespacerange"
	case "endcodespacerange":
		return "endcodespacerange"
	case "beginbfchar":
		return "beginbfchar"
	case "endbfchar":
		return "endbfchar"
	case "beginbfrange":
		return "beginbfrange"
	case "endbfrange":
		return "endbfrange"
	case "def":
		return "def"
	}
	return structName(b)
}

// structName returns the string of the names of a PDF's structure (its dictionaries' keys
// and common values), without allocating for them.
func structName(b []byte) string {
	switch string(b) {
	case "Type":
		return "Type"
	case "Subtype":
		return "Subtype"
	case "Font":
		return "Font"
	case "BaseFont":
		return "BaseFont"
	case "FirstChar":
		return "FirstChar"
	case "LastChar":
		return "LastChar"
	case "Widths":
		return "Widths"
	case "FontDescriptor":
		return "FontDescriptor"
	case "Encoding":
		return "Encoding"
	case "ToUnicode":
		return "ToUnicode"
	case "Length":
		return "Length"
	case "Length1":
		return "Length1"
	case "Filter":
		return "Filter"
	case "FlateDecode":
		return "FlateDecode"
	case "DecodeParms":
		return "DecodeParms"
	case "Resources":
		return "Resources"
	case "Contents":
		return "Contents"
	case "MediaBox":
		return "MediaBox"
	case "CropBox":
		return "CropBox"
	case "Parent":
		return "Parent"
	case "Kids":
		return "Kids"
	case "Count":
		return "Count"
	case "Page":
		return "Page"
	case "Pages":
		return "Pages"
	case "Catalog":
		return "Catalog"
	case "ProcSet":
		return "ProcSet"
	case "XObject":
		return "XObject"
	case "ExtGState":
		return "ExtGState"
	case "Identity-H":
		return "Identity-H"
	case "Type0":
		return "Type0"
	case "TrueType":
		return "TrueType"
	case "Type1":
		return "Type1"
	case "Type3":
		return "Type3"
	case "CIDFontType2":
		return "CIDFontType2"
	case "CIDFontType0":
		return "CIDFontType0"
	case "DescendantFonts":
		return "DescendantFonts"
	case "CIDSystemInfo":
		return "CIDSystemInfo"
	case "Registry":
		return "Registry"
	case "Ordering":
		return "Ordering"
	case "Supplement":
		return "Supplement"
	case "DW":
		return "DW"
	case "W":
		return "W"
	case "CIDToGIDMap":
		return "CIDToGIDMap"
	case "FontName":
		return "FontName"
	case "Flags":
		return "Flags"
	case "FontBBox":
		return "FontBBox"
	case "ItalicAngle":
		return "ItalicAngle"
	case "Ascent":
		return "Ascent"
	case "Descent":
		return "Descent"
	case "CapHeight":
		return "CapHeight"
	case "StemV":
		return "StemV"
	case "FontFile2":
		return "FontFile2"
	case "FontFile3":
		return "FontFile3"
	case "MCID":
		return "MCID"
	case "Span":
		return "Span"
	case "P":
		return "P"
	case "Artifact":
		return "Artifact"
	case "Annots":
		return "Annots"
	case "Group":
		return "Group"
	case "StructParents":
		return "StructParents"
	case "Tabs":
		return "Tabs"
	case "N":
		return "N"
	case "First":
		return "First"
	case "ObjStm":
		return "ObjStm"
	case "XRef":
		return "XRef"
	case "Size":
		return "Size"
	case "Root":
		return "Root"
	case "Info":
		return "Info"
	case "ID":
		return "ID"
	case "Prev":
		return "Prev"
	case "Index":
		return "Index"
	}
	return string(b)
}

// number reads a number; ok is false (and nothing is consumed) when the bytes are none.
func (l *pdfLexer) number() (pdfToken, bool) {
	start := l.pos
	i := l.pos
	if l.data[i] == '+' || l.data[i] == '-' {
		i++
	}
	digits, dot := 0, false
	for i < len(l.data) {
		c := l.data[i]
		if '0' <= c && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
		i++
	}
	if digits == 0 {
		return pdfToken{}, false
	}
	l.pos = i
	if v, ok := simpleNumber(l.data[start:i]); ok {
		return pdfToken{kind: tokNumber, num: v, int: !dot}, true
	}
	s := string(l.data[start:i])
	if l.data[start] == '+' {
		s = s[1:]
	}
	if len(s) > 1 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		v = 0
	}
	return pdfToken{kind: tokNumber, num: v, int: !dot}, true
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// simpleNumber reads a number of at most 15 digits (a sign, digits, a point) as
// strconv.ParseFloat would: the digits and the power of ten are exact in a float64, so their
// quotient is correctly rounded. ok is false for other numbers.
func simpleNumber(b []byte) (float64, bool) {
	neg := false
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		neg = b[0] == '-'
		b = b[1:]
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for _, c := range b {
		if c == '.' {
			dot = true
			continue
		}
		mant = mant*10 + uint64(c-'0')
		digits++
		if dot {
			frac++
		}
	}
	if digits > 15 {
		return 0, false
	}
	v := float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, true
}

// name reads a name after its slash, decoding #xx escapes.
func (l *pdfLexer) name() string {
	start := l.pos
	for l.pos < len(l.data) && !isPDFSpace(l.data[l.pos]) && !isPDFDelim(l.data[l.pos]) && l.data[l.pos] != '#' {
		l.pos++
	}
	if l.pos >= len(l.data) || l.data[l.pos] != '#' {
		return keyword(l.data[start:l.pos])
	}
	b := append(l.buf[:0], l.data[start:l.pos]...)
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		if isPDFSpace(c) || isPDFDelim(c) {
			break
		}
		if c == '#' && l.pos+2 < len(l.data) {
			if v, ok := unhex2(l.data[l.pos+1], l.data[l.pos+2]); ok {
				b = append(b, v)
				l.pos += 3
				continue
			}
		}
		b = append(b, c)
		l.pos++
	}
	l.buf = b
	return string(b)
}

// unhex returns the value of a hex digit.
func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// unhex2 returns the byte two hex digits spell.
func unhex2(a, b byte) (byte, bool) {
	x, ok1 := unhex(a)
	y, ok2 := unhex(b)
	return x<<4 | y, ok1 && ok2
}

// hexString reads <...>; white space and other non-hex bytes are skipped, an odd last digit
// is followed by 0.
func (l *pdfLexer) hexString() string {
	l.pos++ // <
	b := l.buf[:0]
	var hi byte
	half := false
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue
		}
		if half {
			b = append(b, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		b = append(b, hi<<4)
	}
	l.buf = b
	return string(b)
}

// literalString reads (...) with its escapes and balanced parentheses.
func (l *pdfLexer) literalString() string {
	l.pos++ // (
	b := l.buf[:0]
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				l.buf = b
				return string(b)
			}
		case '\\':
			if l.pos >= len(l.data) {
				l.buf = b
				return string(b)
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r': // a line continuation
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if '0' <= e && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.data) && '0' <= l.data[l.pos] && l.data[l.pos] <= '7'; k++ {
						v = v*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes stand for the character
				}
			}
		}
		b = append(b, c)
	}
	l.buf = b
	return string(b)
}

// object reads one object, the tokens it starts with already read into t. Two integers
// followed by R make a reference. depth counts the enclosing arrays and dictionaries.
func (l *pdfLexer) object(t pdfToken, depth int) (any, error) {
	if depth > pdfMaxDepth {
		return nil, errPDFSyntax
	}
	switch t.kind {
	case tokNumber:
		if t.int && t.num >= 0 {
			save := l.pos
			if g := l.next(); g.kind == tokNumber && g.int && g.num >= 0 {
				if r := l.next(); r.kind == tokKeyword && r.str == "R" {
					return pdfRef{num: int(min(t.num, 1<<30)), gen: int(min(g.num, 1<<30))}, nil
				}
			}
			l.pos = save
		}
		return boxNumber(t.num), nil
	case tokName:
		return pdfName(t.str), nil
	case tokString:
		return pdfString(t.str), nil
	case tokArrayOpen:
		var a pdfArray
		for {
			t := l.next()
			switch t.kind {
			case tokArrayClose:
				return a, nil
			case tokEOF, tokDictClose:
				return a, errPDFSyntax
			}
			v, err := l.object(t, depth+1)
			if err != nil {
				return a, err
			}
			a = append(a, v)
		}
	case tokDictOpen:
		d := pdfDict{}
		for {
			t := l.next()
			switch t.kind {
			case tokDictClose:
				return d, nil
			case tokEOF, tokArrayClose:
				return d, errPDFSyntax
			case tokName:
			default:
				continue // a key that is no name: skip it
			}
			v, err := l.object(l.next(), depth+1)
			if err != nil {
				return d, err
			}
			d[pdfName(t.str)] = v
		}
	case tokKeyword:
		switch t.str {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return pdfKeyword(t.str), nil
	}
	return nil, errPDFSyntax
}

// smallInts holds the integers 0..1023 as values, so that the numbers of a PDF's arrays
// (widths, counts, object numbers) are not each an allocation; it is never written after
// package initialisation.
var smallInts = func() (out [1024]any) {
	for i := range out {
		out[i] = float64(i)
	}
	return out
}()

// boxNumber returns v as a value, without allocating for a small integer.
func boxNumber(v float64) any {
	if v >= 0 && v < float64(len(smallInts)) && v == math.Trunc(v) {
		return smallInts[int(v)]
	}
	return v
}

// Accessors that tolerate any value: a wrong type reads as absent.

func (d pdfDict) name(k pdfName) pdfName {
	n, _ := d[k].(pdfName)
	return n
}

func (d pdfDict) num(k pdfName) (float64, bool) {
	n, ok := d[k].(float64)
	return n, ok
}

// filters returns the names of a stream's filters and their parameters.
func (s *pdfStream) filters(r *pdfReader) ([]pdfName, []pdfDict) {
	var names []pdfName
	var parms []pdfDict
	switch f := r.resolve(s.dict["Filter"]).(type) {
	case pdfName:
		names = []pdfName{f}
	case pdfArray:
		for _, v := range f {
			if n, ok := r.resolve(v).(pdfName); ok {
				names = append(names, n)
			}
		}
	}
	switch p := r.resolve(s.dict["DecodeParms"]).(type) {
	case pdfDict:
		parms = []pdfDict{p}
	case pdfArray:
		for _, v := range p {
			d, _ := r.resolve(v).(pdfDict)
			parms = append(parms, d)
		}
	}
	return names, parms
}

// errPDFFilter is a stream filter jixiao does not decode (images: DCT, JBIG2, CCITT; LZW).
var errPDFFilter = errors.New("unsupported PDF filter")

// decodeStream returns the decoded data of a stream. Each stream may decode to at most
// lim.MaxZipMember bytes and all streams of a file together to lim.MaxZipTotal (counted in
// r.inflated); over either it fails with a *LimitError.
func (r *pdfReader) decodeStream(s *pdfStream) ([]byte, error) {
	names, parms := s.filters(r)
	data := s.raw
	for i, f := range names {
		var parm pdfDict
		if i < len(parms) {
			parm = parms[i]
		}
		var err error
		switch f {
		case "FlateDecode", "Fl":
			data, err = r.inflate(data)
			if err == nil {
				data, err = pngPredict(data, parm)
			}
		case "ASCIIHexDecode", "AHx":
			l := pdfLexer{data: append([]byte{'<'}, data...)}
			data = []byte(l.hexString())
		case "ASCII85Decode", "A85":
			data = ascii85(data)
		default:
			return nil, errPDFFilter
		}
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

// inflate decompresses zlib (or raw deflate) data under the limits. Data cut short, or with
// a bad checksum, gives what could be decompressed: PDF writers are often sloppy there.
func (r *pdfReader) inflate(data []byte) ([]byte, error) {
	src, err := r.inflater(data)
	if err != nil {
		return nil, err
	}
	room := min(r.lim.MaxZipMember, r.lim.MaxZipTotal-r.inflated)
	buf := &r.scratch
	buf.Reset()
	n, err := io.Copy(buf, io.LimitReader(src, room+1))
	r.inflated += n
	if n > room {
		if n > r.lim.MaxZipMember {
			return nil, &LimitError{Name: "max-zip-member", Limit: r.lim.MaxZipMember, what: "PDF stream"}
		}
		return nil, &LimitError{Name: "max-zip-total", Limit: r.lim.MaxZipTotal, what: "PDF"}
	}
	if err != nil && buf.Len() == 0 {
		return nil, err
	}
	out := bytes.Clone(buf.Bytes())
	if buf.Cap() > 4<<20 {
		r.scratch = bytes.Buffer{} // a large stream's buffer is not kept for the rest of the file
	}
	return out, nil
}

// inflater returns a decompressor of zlib data, or of raw deflate data when data has no zlib
// header, reusing the reader's decompressors.
func (r *pdfReader) inflater(data []byte) (io.Reader, error) {
	r.src.Reset(data)
	if r.zlib == nil {
		zr, err := zlib.NewReader(&r.src)
		if err == nil {
			r.zlib = zr
			return zr, nil
		}
	} else if err := r.zlib.(zlib.Resetter).Reset(&r.src, nil); err == nil {
		return r.zlib, nil
	}
	r.src.Reset(data)
	if r.flate == nil {
		r.flate = flate.NewReader(&r.src)
	} else if err := r.flate.(flate.Resetter).Reset(&r.src, nil); err != nil {
		return nil, err
	}
	return r.flate, nil
}

// pngPredict undoes a PNG predictor (Predictor 10-15) of Flate data; TIFF predictor 2 and
// none pass through.
func pngPredict(data []byte, parm pdfDict) ([]byte, error) {
	pred, _ := parm.num("Predictor")
	if pred < 10 {
		return data, nil
	}
	cols, colors, bits := 1.0, 1.0, 8.0
	if v, ok := parm.num("Columns"); ok {
		cols = v
	}
	if v, ok := parm.num("Colors"); ok {
		colors = v
	}
	if v, ok := parm.num("BitsPerComponent"); ok {
		bits = v
	}
	if cols < 1 || colors < 1 || bits < 1 || cols*colors*bits > 1<<24 {
		return nil, errPDFSyntax
	}
	bpp := max(1, int(colors*bits+7)/8)
	rowLen := int(cols*colors*bits+7) / 8
	out := make([]byte, 0, len(data))
	prev := make([]byte, rowLen)
	for len(data) >= 1 {
		ft := data[0]
		n := min(rowLen, len(data)-1)
		row := make([]byte, rowLen)
		copy(row, data[1:1+n])
		data = data[1+n:]
		for i := 0; i < rowLen; i++ {
			var a, c byte
			if i >= bpp {
				a, c = row[i-bpp], prev[i-bpp]
			}
			b := prev[i]
			switch ft {
			case 1:
				row[i] += a
			case 2:
				row[i] += b
			case 3:
				row[i] += byte((int(a) + int(b)) / 2)
			case 4:
				row[i] += paeth(a, b, c)
			}
		}
		out = append(out, row[:n]...)
		prev = row
	}
	return out, nil
}

// paeth is the PNG Paeth predictor.
func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// ascii85 decodes ASCII85 data up to its ~> end; bad characters are skipped.
func ascii85(data []byte) []byte {
	var out []byte
	var group [5]byte
	n := 0
	flush := func(k int) {
		for i := k; i < 5; i++ {
			group[i] = 'u'
		}
		var v uint32
		for i := 0; i < 5; i++ {
			v = v*85 + uint32(group[i]-'!')
		}
		b := []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
		out = append(out, b[:k-1]...)
	}
	for _, c := range data {
		switch {
		case c == '~':
			if n > 1 {
				flush(n)
			}
			return out
		case c == 'z' && n == 0:
			out = append(out, 0, 0, 0, 0)
		case '!' <= c && c <= 'u':
			group[n] = c
			n++
			if n == 5 {
				flush(5)
				n = 0
			}
		}
	}
	if n > 1 {
		flush(n)
	}
	return out
}
