package parse

import (
	"context"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Thresholds of the encoding guess.
const (
	// minGoodShare is the share of plausible characters (CJK, ASCII, punctuation, ...) a
	// decoding must reach to be accepted as a guess.
	minGoodShare = 0.97
	// maxControlShare is the share of control bytes above which bytes are binary, not text.
	maxControlShare = 0.01
	// minNULParity is the share of NUL bytes that must sit at positions of one parity for the
	// bytes to be tried as UTF-16 without a byte-order mark.
	minNULParity = 0.9
	// maxInvalidUTF8 is the share of invalid bytes tolerated in otherwise valid UTF-8 (a
	// truncated character pasted in); they become U+FFFD.
	maxInvalidUTF8 = 0.001
	// sampleBytes is how much of the bytes a candidate decoding must make sense of before
	// all of them are decoded. Even, so that UTF-16 is not cut in a code unit.
	sampleBytes = 64 << 10
)

// readText decodes text bytes and splits them into blocks.
func readText(ctx context.Context, doc *Document, data []byte, lim Limits) error {
	text, enc, err := decodeText(data)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	doc.Encoding = enc
	if n := int64(utf8.RuneCountInString(text)); n > lim.MaxChars {
		return limitError("max-chars", lim.MaxChars)
	}
	if strings.TrimSpace(text) == "" {
		return fail(ErrEmpty, "text file with only white space")
	}
	blocks, err := textBlocks(ctx, text, lim)
	if err != nil {
		return err
	}
	doc.Blocks = blocks
	return nil
}

// decodeText finds the encoding of text bytes and returns the text as UTF-8 with the name of
// the encoding: "utf-8", "utf-16le", "utf-16be" or "gb18030".
//
// A byte-order mark decides. Without one, NUL bytes mostly at odd (even) positions suggest
// UTF-16LE (BE); valid UTF-8 is UTF-8; else GB18030 and UTF-16 are tried, and the decoding
// that gives the most plausible Chinese text wins, if it is plausible enough. Bytes with many
// control characters are binary data (ErrNotDocument); text none of the decodings makes
// sense of is ErrEncoding. NUL characters are dropped from the text.
func decodeText(data []byte) (text, enc string, err error) {
	switch {
	case hasMagic(data, "\xEF\xBB\xBF"):
		return clean(strings.ToValidUTF8(string(data[3:]), "\uFFFD")), "utf-8", nil
	case hasMagic(data, "\xFF\xFE"):
		s, err := decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data)
		return s, "utf-16le", err
	case hasMagic(data, "\xFE\xFF"):
		s, err := decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data)
		return s, "utf-16be", err
	}
	if s, enc, ok := guessUTF16ByNULs(data); ok {
		return s, enc, nil
	}
	binary := controlShare(data) > maxControlShare
	if utf8.Valid(data) {
		if binary {
			return "", "", fail(ErrNotDocument, "binary data, not text")
		}
		return clean(string(data)), "utf-8", nil
	}
	if !binary && mostlyUTF8(data) {
		return clean(strings.ToValidUTF8(string(data), "\uFFFD")), "utf-8", nil
	}
	// Chinese in UTF-16 without NULs may hold bytes that look like control characters, so the
	// decodings are tried before the bytes are called binary.
	sample := data[:min(len(data), sampleBytes)]
	best, bestEnc, bestShare := "", "", 0.0
	candidates := []struct {
		name string
		enc  encoding.Encoding
	}{
		{"gb18030", simplifiedchinese.GB18030},
		{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
		{"utf-16be", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
	}
	for _, c := range candidates {
		if c.name != "gb18030" && len(data)%2 != 0 {
			continue
		}
		if s, err := decodeWith(c.enc, sample); err != nil || goodShare(s) < minGoodShare-0.02 {
			continue // not worth decoding everything
		}
		s, err := decodeWith(c.enc, data)
		if err != nil {
			continue
		}
		if share := goodShare(s); share > bestShare {
			best, bestEnc, bestShare = s, c.name, share
		}
	}
	switch {
	case bestShare >= minGoodShare:
		return best, bestEnc, nil
	case binary:
		return "", "", fail(ErrNotDocument, "binary data, not text")
	}
	return "", "", fail(ErrEncoding, "text in an unknown encoding (neither UTF-8, UTF-16 nor GB18030)")
}

// decodeWith decodes data with enc; undecodable bytes become U+FFFD.
func decodeWith(enc encoding.Encoding, data []byte) (string, error) {
	b, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", failCause(ErrEncoding, "text that does not decode", err)
	}
	return clean(string(b)), nil
}

// clean drops NUL characters, which no report means to hold.
func clean(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "")
}

// guessUTF16ByNULs tries UTF-16 without a byte-order mark when the NUL bytes (the high bytes
// of ASCII characters) sit mostly at positions of one parity.
func guessUTF16ByNULs(data []byte) (text, enc string, ok bool) {
	var even, odd int
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	nuls := even + odd
	if nuls == 0 {
		return "", "", false
	}
	var order unicode.Endianness
	switch {
	case float64(odd) >= minNULParity*float64(nuls):
		order, enc = unicode.LittleEndian, "utf-16le"
	case float64(even) >= minNULParity*float64(nuls):
		order, enc = unicode.BigEndian, "utf-16be"
	default:
		return "", "", false
	}
	s, err := decodeWith(unicode.UTF16(order, unicode.IgnoreBOM), data)
	if err != nil || goodShare(s) < minGoodShare {
		return "", "", false
	}
	return s, enc, true
}

// controlShare is the share of bytes that are control characters other than white space.
func controlShare(data []byte) float64 {
	if len(data) == 0 {
		return 0
	}
	n := 0
	for _, b := range data {
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1A) || b == 0x7F {
			n++
		}
	}
	return float64(n) / float64(len(data))
}

// mostlyUTF8 reports whether data is UTF-8 with at most a few invalid bytes, and holds
// multi-byte characters (so that it is not some 8-bit encoding that happens to be near ASCII).
func mostlyUTF8(data []byte) bool {
	var invalid, multi int
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
		case size > 1:
			multi++
		}
		i += max(size, 1)
	}
	return multi > 0 && float64(invalid) <= maxInvalidUTF8*float64(len(data))
}

// goodShare is the share of the runes of s that are plausible in a Chinese report: white
// space, ASCII, CJK ideographs and punctuation, full-width forms and the common symbols.
// U+FFFD, controls, private-use and unrelated scripts count against it.
func goodShare(s string) float64 {
	var good, all int
	for _, r := range s {
		all++
		if plausible(r) {
			good++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(good) / float64(all)
}

// plausible reports whether r is a character a Chinese report plausibly holds.
func plausible(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r', r == '\f':
		return true
	case 0x20 <= r && r < 0x7F: // ASCII
		return true
	case 0xA0 <= r && r <= 0xFF: // Latin-1 symbols: ° ± · × ÷ §
		return true
	case 0x370 <= r && r <= 0x4FF: // Greek and Cyrillic, which GB2312 holds
		return true
	case 0x2000 <= r && r <= 0x22FF: // punctuation “” …, ℃ Ⅰ, arrows, math ≤ ≥
		return true
	case 0x2460 <= r && r <= 0x27BF: // ① ⑴, box drawing, ■ ● ◆ ★ ✔
		return true
	case 0x3000 <= r && r <= 0x33FF: // CJK punctuation 、。《》, kana, bopomofo, ㈠, ㎡
		return true
	case 0x3400 <= r && r <= 0x4DBF, 0x4E00 <= r && r <= 0x9FFF: // CJK ideographs
		return true
	case 0xFE30 <= r && r <= 0xFE4F, 0xFF00 <= r && r <= 0xFFEF: // CJK compatibility and full-width forms
		return true
	}
	return false
}
