package parse

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
)

// This file reads the encodings of simple (8-bit) fonts: WinAnsi as the base, /Differences by
// glyph name, and for Type 3 fonts without ToUnicode whose glyph names say nothing (/a48,
// /g12, /cid123) what poppler reads: the number the name carries, or else the code itself.

// simpleEncoding returns the characters of a simple font's codes: its /Encoding's base
// encoding (WinAnsi) with the /Differences applied.
func (r *pdfReader) simpleEncoding(d pdfDict, toUnicode *pdfCMap) [256]rune {
	var enc pdfDict
	switch e := r.resolve(d["Encoding"]).(type) {
	case pdfName:
		return baseEncoding(e)
	case pdfDict:
		enc = e
	default:
		return winAnsi
	}
	out := baseEncoding(enc.name("BaseEncoding"))
	diffs, ok := r.resolve(enc["Differences"]).(pdfArray)
	if !ok {
		return out
	}
	var names [256]string
	code := -1
	for _, v := range diffs {
		switch v := r.resolve(v).(type) {
		case float64:
			code = int(v)
		case pdfName:
			if 0 <= code && code < 256 {
				names[code] = string(v)
				code++
			}
		}
	}
	type3 := d.name("Subtype") == "Type3" && toUnicode == nil
	numeric, hex := numericNames(names[:])
	for code, name := range names {
		if name == "" {
			continue
		}
		t := []rune(glyphText(name))
		switch {
		case len(t) == 1:
			out[code] = t[0]
		case !type3 || name == ".notdef":
			out[code] = 0
		case numeric:
			if v, ok := numericName(name, hex); ok && v >= 0x20 && v <= 0x10FFFF && !(0xD800 <= v && v < 0xE000) {
				out[code] = rune(v)
			}
			// else the code itself, as the base encoding reads it
		}
	}
	return out
}

// numericNames tells whether every glyph name of an encoding carries a number, as poppler
// reads them (numericName), and whether the numbers are hexadecimal: some name is Axx or xx
// with a hex letter (c2e, 3f).
func numericNames(names []string) (numeric, hex bool) {
	some := false
	for _, n := range names {
		if n == "" || n == ".notdef" || glyphText(n) != "" {
			continue
		}
		some = true
		letter := func(c byte) bool { return 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
		if len(n) == 3 && isASCIILetter(n[0]) && isHexDigit(n[1]) && isHexDigit(n[2]) && (letter(n[1]) || letter(n[2])) ||
			len(n) == 2 && isHexDigit(n[0]) && letter(n[1]) {
			hex = true
		}
	}
	if !some {
		return false, false
	}
	for _, n := range names {
		if n == "" || n == ".notdef" || glyphText(n) != "" {
			continue
		}
		if _, ok := numericName(n, hex); !ok {
			return false, hex
		}
	}
	return true, hex
}

// numericName reads the number of a glyph name as poppler does: Axx or xx (hex), or up to
// two letters and decimal digits (a48, g12, ab12); anything after the number but letters and
// digits is ignored.
func numericName(name string, hex bool) (int, bool) {
	s := name
	end := 0
	for end < len(s) && (isASCIILetter(s[end]) || '0' <= s[end] && s[end] <= '9') {
		end++
	}
	if strings.TrimLeftFunc(s[end:], func(r rune) bool { return r < 0x80 && !isASCIILetter(byte(r)) && !('0' <= r && r <= '9') }) != "" {
		return 0, false
	}
	s = s[:end]
	base := 10
	if hex {
		switch {
		case len(s) == 3 && isASCIILetter(s[0]):
			s = s[1:]
		case len(s) != 2:
			return 0, false
		}
		base = 16
	} else {
		for i := 0; i < 2 && len(s) > 0 && isASCIILetter(s[0]); i++ {
			s = s[1:]
		}
	}
	if s == "" || len(s) > 7 {
		return 0, false
	}
	v, err := strconv.ParseUint(s, base, 32)
	if err != nil {
		return 0, false
	}
	return int(v), true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// type3Scale scales a Type 3 font's widths, given in its glyph space, to 1/1000 em by its
// FontMatrix.
func (f *pdfFont) type3Scale(m any) {
	arr, ok := m.(pdfArray)
	if !ok || len(arr) != 6 {
		return
	}
	var v [6]float64
	for i, x := range arr {
		if v[i], ok = x.(float64); !ok || math.IsNaN(v[i]) || math.IsInf(v[i], 0) {
			return
		}
	}
	if v[0] == 0 || math.Abs(v[0]) > 1 {
		return
	}
	k := v[0] * 1000
	for i := range f.widths {
		f.widths[i] *= k
	}
	f.missing *= k
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
