package extract

import (
	"unicode"

	"github.com/jixiao/jixiao/internal/hanzi"
)

// simplified returns the simplified form of a traditional character, else r: a 繁体 mirror
// of a report is matched as simplified text while its raw text stays the evidence.
func simplified(r rune) rune { return hanzi.Simplified(r) }

// pinyinNote reports whether raw[open:] is a pinyin gloss in brackets that a converted
// mirror put after a character (經(jīng)費, 萬(wàn)元), and returns the closing bracket's index.
func pinyinNote(raw []rune, open int) (int, bool) { return hanzi.GlossEnd(raw, open) }

// normText is text normalised for matching, with a map back to the raw text so evidence
// can quote what the report really says.
type normText struct {
	r   []rune // normalised runes
	idx []int  // idx[i] is the position in raw of r[i]
	raw []rune
}

// quoteRunes are dropped: departments quote “三公” in every style.
func isQuote(r rune) bool {
	switch r {
	case '“', '”', '"', '‘', '’', '\'', '「', '」', '『', '』', '〝', '〞', '＂', '＇':
		return true
	}
	return false
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\n' || r == '\r' ||
		r == '\u2002' || r == '\u2003' || r == '\u2009' || r == '\u200b' || r == '\ufeff'
}

func isASCIIAlnum(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// narrow maps full-width forms to ASCII where they carry numbers or signs; Chinese
// punctuation (，：；（）) stays as it is.
func narrow(r rune) rune {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return r - 0xFEE0
	}
	switch r {
	case '．':
		return '.'
	case '％', '﹪':
		return '%'
	case '－', '—', '–', '―':
		if r == '－' {
			return '-'
		}
		return r
	case '＋':
		return '+'
	case '¥':
		return '￥'
	case '﹐':
		return ','
	}
	return r
}

var chineseNumerals = "一二三四五六七八九十"

// shortQualifier reports whether raw[open+1:close] is a short bracketed qualifier such as
// 境 or 维护 (one or two Han characters, not a numeral), whose brackets are dropped so that
// 因公出国（境）费 reads as one term.
func shortQualifier(raw []rune, open int) (int, bool) {
	closing := rune(0)
	switch raw[open] {
	case '（':
		closing = '）'
	case '(':
		closing = ')'
	}
	n := 0
	allNumeral := true
	for i := open + 1; i < len(raw) && i <= open+3; i++ {
		if raw[i] == closing {
			inner := string(normalizeRunes(raw[open+1:i], false).r)
			unit := inner == "元" || inner == "万元" || inner == "亿元" || inner == "千元" || inner == "人" || inner == "个"
			return i, n > 0 && !allNumeral && !unit
		}
		if !isHan(raw[i]) {
			return 0, false
		}
		if !containsRune(chineseNumerals, raw[i]) {
			allNumeral = false
		}
		n++
	}
	return 0, false
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

// normalize prepares raw text for matching: full-width digits and signs narrowed, quotes
// dropped, short bracketed qualifiers unwrapped, and white space dropped unless it stands
// between two ASCII letters or digits (so "12. 6万元" reads 12.6万元 and PDF-broken
// "工资 福利" reads 工资福利, but the columns "100 98" stay apart).
func normalize(raw string) normText { return normalizeRunes([]rune(raw), true) }

// normalizeRunes is normalize on the runes of the raw text; the position map is made
// only when withIdx is set.
func normalizeRunes(rs []rune, withIdx bool) normText {
	nt := normText{raw: rs, r: make([]rune, 0, len(rs))}
	if withIdx {
		nt.idx = make([]int, 0, len(rs))
	}
	// The closing bracket of an unwrapped qualifier; only Han characters stand before it,
	// so there is never more than one pending.
	skip := -1
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i == skip || isQuote(r) {
			continue
		}
		if r == '（' || r == '(' {
			if end, ok := pinyinNote(rs, i); ok {
				i = end
				continue
			}
			if end, ok := shortQualifier(rs, i); ok {
				skip = end
				continue
			}
		}
		if isSpace(r) {
			j := i
			for j < len(rs) && isSpace(rs[j]) {
				j++
			}
			if len(nt.r) > 0 && j < len(rs) && isASCIIAlnum(nt.r[len(nt.r)-1]) && isASCIIAlnum(narrow(rs[j])) {
				nt.r = append(nt.r, ' ')
				if withIdx {
					nt.idx = append(nt.idx, i)
				}
			}
			i = j - 1
			continue
		}
		nt.r = append(nt.r, simplified(narrow(r)))
		if withIdx {
			nt.idx = append(nt.idx, i)
		}
	}
	return nt
}

// normalizeString is normalize without the position map.
func normalizeString(s string) string {
	if isPlainASCII(s) {
		return s // nothing to narrow, drop or unwrap
	}
	return string(normalizeRunes([]rune(s), false).r)
}

// isPlainASCII reports whether s is ASCII without white space, quotes or brackets, which
// normalize leaves as it is (a number such as 1,253.50).
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == ' ', c == '\t', c == '\n', c == '\r', c == '"', c == '\'', c == '(':
			return false
		}
	}
	return true
}

// rawSpan returns the raw text behind normalised runes [start, end).
func (nt normText) rawSpan(start, end int) string {
	if start >= end || start >= len(nt.idx) {
		return ""
	}
	a, b := nt.idx[start], nt.idx[end-1]+1
	if b < len(nt.raw) && (nt.raw[b] == '(' || nt.raw[b] == '（') {
		if e, ok := pinyinNote(nt.raw, b); ok {
			b = e + 1 // a gloss belongs to the character before it: 常委活動(dòng)
		}
	}
	// Quotes are dropped for matching; an opening one right before the span belongs to it
	// (“万企兴万村”行动经费).
	for a > 0 && isQuote(nt.raw[a-1]) && (start == 0 || nt.idx[start-1] < a-1) {
		a--
	}
	return string(nt.raw[a:b])
}
