package explain

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// writtenNumber matches a number as reports write it: ASCII or full-width digits, thousands
// separators, a decimal point, spaces after the point from text copied out of a PDF
// (1,234.56, ２１４．７８, 419. 52).
var writtenNumber = regexp.MustCompile(`[0-9０-９]+(?:,[0-9０-９]{3})*(?:[.．][ \x{3000}]*[0-9０-９]+)?`)

// unitScales are the units that may follow a number, longest first, with their multiplier to
// the figure's base unit (yuan for money).
var unitScales = []struct {
	text  string
	scale int64
}{
	{"亿元", 100000000}, {"万元", 10000}, {"千元", 1000}, {"元", 1}, {"亿", 100000000}, {"万", 10000},
	{"%", 1}, {"％", 1}, {"人", 1}, {"名", 1}, {"台", 1}, {"辆", 1}, {"分", 1},
}

// scaleOf is the multiplier of a unit as written; 1 when it is not one of unitScales.
func scaleOf(unit string) int64 {
	for _, u := range unitScales {
		if u.text == unit {
			return u.scale
		}
	}
	return 1
}

// markNumber finds where in raw the number of value is written, with its unit when one
// follows: value is normalised (yuan for money), unitText the unit the figure was stated in
// (a table cell often has its unit only in the header). It returns a span in characters.
// A number followed by the figure's own unit is preferred to a bare one.
func markNumber(raw string, value decimal.Decimal, unitText string) (start, end int, ok bool) {
	return markAfter(raw, value, unitText, "")
}

// markAfter is markNumber preferring the numbers written after term (the wording the figure
// was recognised by), when raw holds it: in 收入合计100万元，其中财政拨款100万元 the figure
// of 财政拨款 is the second 100万元.
func markAfter(raw string, value decimal.Decimal, unitText, term string) (start, end int, ok bool) {
	if term != "" {
		if t := strings.Index(raw, term); t >= 0 {
			if s, e, ok := markAfter(raw[t+len(term):], value, unitText, ""); ok {
				off := runeAt(raw, t+len(term))
				return off + s, off + e, true
			}
		}
	}
	best := -1
	var bestEnd int
	for _, m := range writtenNumber.FindAllStringIndex(raw, -1) {
		n, err := decimal.NewFromString(asciiNumber(raw[m[0]:m[1]]))
		if err != nil {
			continue
		}
		rest := strings.TrimLeft(raw[m[1]:], " \u3000")
		unit, scale := "", scaleOf(unitText)
		for _, u := range unitScales {
			if strings.HasPrefix(rest, u.text) {
				unit, scale = u.text, u.scale
				break
			}
		}
		if !n.Mul(decimal.NewFromInt(scale)).Equal(value) {
			continue
		}
		e := m[1]
		if unit != "" {
			e = len(raw) - len(rest) + len(unit)
		}
		if unit != "" && sameUnit(unit, unitText) {
			return runeAt(raw, m[0]), runeAt(raw, e), true
		}
		if best < 0 {
			best, bestEnd = m[0], e
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return runeAt(raw, best), runeAt(raw, bestEnd), true
}

// markMoney finds where an amount of yuan is written in raw, in whatever money unit.
func markMoney(raw string, yuan decimal.Decimal) (start, end int, ok bool) {
	return markNumber(raw, yuan, "元")
}

// sameUnit reports whether a unit written after a number is the figure's unit.
func sameUnit(written, unitText string) bool {
	return written == unitText || (written == "％" && unitText == "%") || (written == "%" && unitText == "％")
}

// asciiNumber narrows full-width digits and points and drops thousands separators and spaces.
func asciiNumber(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		case r == '．':
			b.WriteByte('.')
		case r == ',' || r == ' ' || r == '\u3000':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// runeAt converts a byte offset of s to a character offset.
func runeAt(s string, i int) int { return utf8.RuneCountInString(s[:i]) }

// bracket returns raw with each span put in 【】, spans sorted and not overlapping.
func bracket(raw string, spans []Span) string {
	if len(spans) == 0 {
		return raw
	}
	rs := []rune(raw)
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if s.Start < last || s.End > len(rs) || s.Start >= s.End {
			continue
		}
		b.WriteString(string(rs[last:s.Start]))
		b.WriteString("【" + string(rs[s.Start:s.End]) + "】")
		last = s.End
	}
	b.WriteString(string(rs[last:]))
	return b.String()
}
