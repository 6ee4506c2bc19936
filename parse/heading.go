package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// HeadingLevel returns the heading level that the numbering at the start of a line implies,
// or 0 when the line starts with no section numbering:
//
//	一、部门概况        → 1
//	（一）基本支出情况  → 2 (also "(一)", half-width brackets)
//	1. 1． 1、          → 3 (not "1.5万元": a digit after the dot makes a decimal)
//	（1） (1)           → 4
//
// Leading spaces (also the full-width U+3000) are ignored. The numbering gives the level whatever
// the length of the line: reports write "（一）部门基本情况" as a heading and
// "（一）强化思想政治引领。一是……" as a body paragraph of the same outline level, and no length
// rule separates the two reliably. Consumers use Level as a hint for sectioning only.
func HeadingLevel(text string) int {
	s := strings.TrimLeftFunc(text, unicode.IsSpace)
	if s == "" {
		return 0
	}
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case r == '（' || r == '(':
		inner := s[size:]
		if n := prefixLen(inner, isChineseNumeral, 3); n > 0 && closesBracket(inner[n:]) {
			return 2
		}
		if n := prefixLen(inner, isDigit, 2); n > 0 && closesBracket(inner[n:]) {
			return 4
		}
	case isChineseNumeral(r):
		if n := prefixLen(s, isChineseNumeral, 3); n > 0 && strings.HasPrefix(s[n:], "、") {
			return 1
		}
	case isDigit(r):
		n := prefixLen(s, isDigit, 2)
		if n == 0 {
			return 0 // more than two digits: a number such as 2024, not numbering
		}
		rest := s[n:]
		if strings.HasPrefix(rest, "、") {
			return 3
		}
		for _, dot := range []string{".", "．"} {
			if after, ok := strings.CutPrefix(rest, dot); ok {
				next, _ := utf8.DecodeRuneInString(after)
				if after != "" && isDigit(next) {
					return 0 // 1.5万元
				}
				return 3
			}
		}
	}
	return 0
}

// prefixLen returns the byte length of the leading run of runes satisfying ok, or 0 when that
// run is empty or longer than max runes.
func prefixLen(s string, ok func(rune) bool, max int) int {
	n, count := 0, 0
	for _, r := range s {
		if !ok(r) {
			break
		}
		count++
		if count > max {
			return 0
		}
		n += utf8.RuneLen(r)
	}
	return n
}

func closesBracket(s string) bool {
	return strings.HasPrefix(s, "）") || strings.HasPrefix(s, ")")
}

func isChineseNumeral(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九十百零〇", r)
}

// isDigit accepts ASCII and full-width digits.
func isDigit(r rune) bool {
	return ('0' <= r && r <= '9') || ('０' <= r && r <= '９')
}

// styleLevel returns the heading level a Word paragraph style id names, or 0: "Heading1",
// "heading 2", "标题 1", "标题3", and the bare digits "1".."9" Chinese Word uses as ids of its
// heading styles.
func styleLevel(style string) int {
	s := strings.ToLower(strings.TrimSpace(style))
	for _, prefix := range []string{"heading", "标题"} {
		if rest, ok := strings.CutPrefix(s, prefix); ok {
			s = strings.TrimSpace(rest)
			break
		}
	}
	if len(s) == 1 && '1' <= s[0] && s[0] <= '9' {
		return int(s[0] - '0')
	}
	return 0
}
