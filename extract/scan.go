package extract

import (
	"strings"
	"unicode/utf8"
)

// Hand-written scanners for regular expressions on hot paths. Each one gives exactly the
// answer of the expression it stands for (scan_test.go checks them against it).

// isRESpace reports whether r is white space as \s reads it in a regular expression.
func isRESpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// leadRune returns the first rune of s after \s white space, or utf8.RuneError.
func leadRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " \t\n\f\r"))
	return r
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isNumeralRune reports whether r is one of 一二三四五六七八九十.
func isNumeralRune(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// isASCIILetter reports whether r is a-z or A-Z.
func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// isCircled reports whether r is a circled number ① … ⑳.
func isCircled(r rune) bool { return r >= '①' && r <= '⑳' }

// mayBePageNumber is false when pageNumber cannot match s: it starts with a dash, 第 or a digit.
func mayBePageNumber(s string) bool {
	switch r := leadRune(s); r {
	case '-', '—', '–', '―', '－', '~', '·', '第':
		return true
	default:
		return isDigit(r)
	}
}

// isListStart reports whether s opens with list numbering after \s white space:
// ^\s*(?:\d{1,2}\s*[.．、]\s*(?:[^\d\s]|$)|[（(]\s*\d{1,2}\s*[)）]|[（(]?[一二三四五六七八九十]{1,3}[)）、]|
// [①-⑳]|[a-zA-Z][.、)]).
func isListStart(s string) bool {
	i := skipRESpace(s, 0)
	r, n := runeAt(s, i)
	switch {
	case isDigit(r): // 1． 2、 followed by text
		j := digitsEnd(s, i)
		if j < 0 {
			return false
		}
		j = skipRESpace(s, j)
		r, n := runeAt(s, j)
		if r != '.' && r != '．' && r != '、' {
			return false
		}
		j = skipRESpace(s, j+n)
		r, _ = runeAt(s, j)
		return j == len(s) || !isDigit(r)
	case isCircled(r):
		return true
	case isASCIILetter(r):
		r, _ := runeAt(s, i+n)
		return r == '.' || r == '、' || r == ')'
	}
	if r == '（' || r == '(' { // （3）
		if j := digitsEnd(s, skipRESpace(s, i+n)); j >= 0 {
			if r, _ := runeAt(s, skipRESpace(s, j)); r == ')' || r == '）' {
				return true
			}
		}
		i += n
	}
	j := i // 一、 （二）
	for j-i < 3*len("一") {
		r, n := runeAt(s, j)
		if !isNumeralRune(r) {
			break
		}
		j += n
	}
	r, _ = runeAt(s, j)
	return j > i && (r == ')' || r == '）' || r == '、')
}

// digitsEnd returns the end of one or two ASCII digits at s[i:] that a third digit does
// not follow (\d{1,2} before a non-digit), or -1.
func digitsEnd(s string, i int) int {
	j := i
	for j < len(s) && j-i < 2 && isDigit(rune(s[j])) {
		j++
	}
	if j == i || j < len(s) && isDigit(rune(s[j])) {
		return -1
	}
	return j
}

// skipRESpace returns the index after the \s white space at s[i:].
func skipRESpace(s string, i int) int {
	for i < len(s) && isRESpace(rune(s[i])) {
		i++
	}
	return i
}

// runeAt decodes the rune at s[i:]; past the end it returns utf8.RuneError and width 0.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

// listMarkerEnd matches what follows the start of listMarker at s[i:]:
// \s*(?:\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]+是|[①-⑳]).
// It returns the end of the match, or -1.
func listMarkerEnd(s string, i int) int {
	i = skipRESpace(s, i)
	r, n := runeAt(s, i)
	switch {
	case isDigit(r):
		j := digitsEnd(s, i)
		if j < 0 {
			return -1
		}
		j = skipRESpace(s, j)
		if r, n := runeAt(s, j); r == '.' || r == '．' || r == '、' {
			return j + n
		}
	case r == '（' || r == '(':
		j := digitsEnd(s, skipRESpace(s, i+n))
		if j < 0 {
			return -1
		}
		j = skipRESpace(s, j)
		if r, n := runeAt(s, j); r == ')' || r == '）' {
			return j + n
		}
	case isNumeralRune(r):
		j := i
		for {
			r, n := runeAt(s, j)
			if !isNumeralRune(r) {
				break
			}
			j += n
		}
		if r, n := runeAt(s, j); r == '是' {
			return j + n
		}
	case isCircled(r):
		return i + n
	}
	return -1
}

// dropListMarkers is listMarker.ReplaceAllString(s, "${1}"): list numbering at the start
// of s and after each 。；; is removed, the sentence end kept.
func dropListMarkers(s string) string {
	var b strings.Builder
	copied := 0 // s[:copied] is written to b, or dropped
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		end, keep := -1, 0
		if i == 0 {
			end = listMarkerEnd(s, 0)
		}
		if end < 0 && (r == '。' || r == '；' || r == ';') {
			end, keep = listMarkerEnd(s, i+n), n
		}
		if end < 0 {
			i += n
			continue
		}
		b.WriteString(s[copied : i+keep])
		copied, i = end, end
	}
	if copied == 0 {
		return s
	}
	b.WriteString(s[copied:])
	return b.String()
}

// leadWords are the words of leadTrim, in its order of preference.
var leadWords = []string{"以下项目", "以下", "如下", "其中", "包括", "主要包括", "主要用于", "用于", "具体为", "分别为", "分别是", "主要是", "是"}

// leadToken matches one repetition of leadTrim at s[i:] and returns its end, or -1:
// [\s　，,；;：:、。]|以下项目|…|是|\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[)）]|
// [（(]?[一二三四五六七八九十]{1,3}[)）、]|[①-⑳]|(?:19|20)\d\d\s*年(?:度)?,
// taking the first alternative that matches, as the expression does.
func leadToken(s string, i int) int {
	r, n := runeAt(s, i)
	switch r {
	case ' ', '\t', '\n', '\f', '\r', '　', '，', ',', '；', ';', '：', ':', '、', '。':
		return i + n
	}
	for _, w := range leadWords {
		if strings.HasPrefix(s[i:], w) {
			return i + len(w)
		}
	}
	if isDigit(r) {
		if j := digitsEnd(s, i); j >= 0 {
			j = skipRESpace(s, j)
			if r, n := runeAt(s, j); r == '.' || r == '．' || r == '、' {
				return j + n
			}
		}
	}
	if r == '（' || r == '(' {
		if j := digitsEnd(s, skipRESpace(s, i+n)); j >= 0 {
			j = skipRESpace(s, j)
			if r, n := runeAt(s, j); r == ')' || r == '）' {
				return j + n
			}
		}
	}
	j := i
	if r == '（' || r == '(' {
		j += n
	}
	k := j
	for k-j < 3*len("一") {
		r, n := runeAt(s, k)
		if !isNumeralRune(r) {
			break
		}
		k += n
	}
	if k > j {
		if r, n := runeAt(s, k); r == ')' || r == '）' || r == '、' {
			return k + n
		}
	}
	if isCircled(r) {
		return i + n
	}
	if strings.HasPrefix(s[i:], "19") || strings.HasPrefix(s[i:], "20") {
		if i+4 <= len(s) && isDigit(rune(s[i+2])) && isDigit(rune(s[i+3])) {
			j := skipRESpace(s, i+4)
			if strings.HasPrefix(s[j:], "年") {
				j += len("年")
				if strings.HasPrefix(s[j:], "度") {
					j += len("度")
				}
				return j
			}
		}
	}
	return -1
}

// trimLead is leadTrim.ReplaceAllString(s, ""): the repetitions of leadToken at the start
// of s are dropped.
func trimLead(s string) string {
	i := 0
	for {
		j := leadToken(s, i)
		if j < 0 {
			return s[i:]
		}
		i = j
	}
}

// trailToken matches one repetition of trailTrim, [\s，,；;：:]|为|共计|合计|共|计|达|约|金额,
// at s[i:] and returns its length, or 0.
func trailToken(s string, i int) int {
	r, n := runeAt(s, i)
	switch r {
	case ' ', '\t', '\n', '\f', '\r', '，', ',', '；', ';', '：', ':', '为', '共', '计', '达', '约':
		return n
	case '合':
		if strings.HasPrefix(s[i+n:], "计") {
			return n + len("计")
		}
	case '金':
		if strings.HasPrefix(s[i+n:], "额") {
			return n + len("额")
		}
	}
	return 0
}

// trimTrail is trailTrim.ReplaceAllString(s, ""): the run of trailTrim's words that ends s
// is dropped. The words are read from the left, as the expression does: in 金额 and 合计
// the first character is no word of its own, so a run is read the same from wherever
// it starts.
func trimTrail(s string) string {
	start := -1 // where the current run of words started
	for i := 0; i < len(s); {
		if n := trailToken(s, i); n > 0 {
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		start = -1
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	if start < 0 {
		return s
	}
	return s[:start]
}

// isEmptyCell is emptyCell.MatchString: s holds only dashes, slashes and \s white space.
func isEmptyCell(s string) bool {
	for _, r := range s {
		switch r {
		case '-', '—', '–', '―', '/', '／', ' ', '\t', '\n', '\f', '\r':
		default:
			return false
		}
	}
	return true
}

// isBareNumber is bareNumber.MatchString: an optional minus, digits (or 1–3 digits and
// groups of ,ddd), an optional fraction.
func isBareNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	if dot && !allDigits(frac) {
		return false
	}
	if allDigits(whole) {
		return true
	}
	head, groups, ok := strings.Cut(whole, ",")
	if !ok || len(head) > 3 || !allDigits(head) {
		return false
	}
	for {
		if len(groups) < 3 || !allDigits(groups[:3]) {
			return false
		}
		if groups = groups[3:]; groups == "" {
			return true
		}
		if groups[0] != ',' {
			return false
		}
		groups = groups[1:]
	}
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(rune(s[i])) {
			return false
		}
	}
	return s != ""
}

// isNumberingOnly reports whether a cell holds only numbering: 1, 一、, （3）
// (^[\d一二三四五六七八九十（）().、．]+$).
func isNumberingOnly(t string) bool {
	for _, r := range t {
		if !isDigit(r) && !isNumeralRune(r) && !strings.ContainsRune("（）().、．", r) {
			return false
		}
	}
	return t != ""
}

// mayDeclareUnit is false when the normalised form of s cannot match unitDecl or
// unitParen: normalising adds no characters, and both need a 元.
func mayDeclareUnit(s string) bool { return strings.Contains(s, "元") }
