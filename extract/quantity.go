package extract

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// quantity is a number with its unit found in normalised text.
type quantity struct {
	start, end int // span in normalised runes, prefix (￥) and unit included
	value      decimal.Decimal
	family     string // UnitYuan, UnitPerson, UnitVehicle, UnitPercent, UnitPoint; "" when unitless
	unitText   string // the unit as written: 万元, 元, 亿元, 人, 台, %, 分 …
	decimals   int    // decimals written after the point
}

// unitDef is one way of writing a unit after a number.
type unitDef struct {
	text   string
	family string
	scale  int64 // multiplier to the base unit (yuan for money)
	reject bool  // a unit that means the number is not a figure (人次, 分钟)
}

// units, longest first so 万元 wins over 万 and 人次 over 人.
var units = []unitDef{
	{text: "个百分点", reject: true},
	{text: "万人次", reject: true},
	{text: "万余", reject: true},
	{text: "亿元", family: UnitYuan, scale: 100000000},
	{text: "万元", family: UnitYuan, scale: 10000},
	{text: "千元", family: UnitYuan, scale: 1000},
	{text: "百分点", reject: true},
	{text: "人次", reject: true},
	{text: "分钟", reject: true},
	{text: "分之", reject: true},
	{text: "分别", reject: true},
	{text: "元", family: UnitYuan, scale: 1},
	{text: "万", family: UnitYuan, scale: 10000}, // only at a clause end or after ￥, see scanQuantities
	{text: "亿", family: UnitYuan, scale: 100000000},
	{text: "人", family: UnitPerson, scale: 1},
	{text: "名", family: UnitPerson, scale: 1},
	{text: "个", family: UnitPerson, scale: 1}, // 编制数45个: only a staff term makes it a figure
	{text: "台", family: UnitVehicle, scale: 1},
	{text: "辆", family: UnitVehicle, scale: 1},
	{text: "%", family: UnitPercent, scale: 1},
	{text: "分", family: UnitPoint, scale: 1},
}

// isClauseEnd reports whether r ends a clause or a sentence.
func isClauseEnd(r rune) bool {
	return strings.ContainsRune("，,。；;、：:！？!?）)\n", r)
}

// parseNumber reads a decimal number at rs[i:]: digits, optional valid thousands groups
// (2,147,800), optional fraction. It returns the number text without separators, the
// index after it, and the count of decimals.
func parseNumber(rs []rune, i int) (digits string, end, decimals int, ok bool) {
	var b strings.Builder
	j := i
	for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
		b.WriteRune(rs[j])
		j++
	}
	if j == i {
		return "", i, 0, false
	}
	// Thousands groups: a comma followed by exactly three digits, only after 1–3 leading digits.
	if j-i <= 3 {
		for j < len(rs) && rs[j] == ',' {
			k := j + 1
			n := 0
			for k < len(rs) && rs[k] >= '0' && rs[k] <= '9' {
				k++
				n++
			}
			if n != 3 {
				break
			}
			b.WriteString(string(rs[j+1 : k]))
			j = k
		}
	}
	if j+1 < len(rs) && rs[j] == '.' && rs[j+1] >= '0' && rs[j+1] <= '9' {
		b.WriteByte('.')
		j++
		for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
			b.WriteRune(rs[j])
			j++
			decimals++
		}
	}
	return b.String(), j, decimals, true
}

// unitRunes holds the text of each of units as runes, for matchUnit.
var unitRunes = func() [][]rune {
	out := make([][]rune, len(units))
	for i, u := range units {
		out[i] = []rune(u.text)
	}
	return out
}()

// matchUnit finds the unit written at rs[j:].
func matchUnit(rs []rune, j int) (unitDef, bool) {
	if j >= len(rs) || !isUnitStart(rs[j]) {
		return unitDef{}, false
	}
	for i, ur := range unitRunes {
		if j+len(ur) <= len(rs) && slices.Equal(rs[j:j+len(ur)], ur) {
			return units[i], true
		}
	}
	return unitDef{}, false
}

// isUnitStart reports whether r is the first character of one of units.
func isUnitStart(r rune) bool {
	switch r {
	case '个', '万', '百', '人', '分', '亿', '千', '元', '名', '台', '辆', '%':
		return true
	}
	return false
}

// scanQuantities finds every number with a unit in normalised runes. Numbers without a
// unit (years, document numbers, dates, counts of things) are not quantities; a bare 万 is
// money only after ￥ or at the end of a clause (收入214.78万，…).
func scanQuantities(rs []rune) []quantity {
	var out []quantity
	for i := 0; i < len(rs); i++ {
		if rs[i] < '0' || rs[i] > '9' {
			continue
		}
		if i > 0 && (isASCIIAlnum(rs[i-1]) || rs[i-1] == '.' || rs[i-1] == ',') {
			// inside a token such as G2024 or after a number we could not read: skip the run
			for i < len(rs) && (isASCIIAlnum(rs[i]) || rs[i] == '.') {
				i++
			}
			continue
		}
		start := i
		yuanSign := false
		if k := start - 1; k >= 0 && rs[k] == '￥' {
			start, yuanSign = k, true
		}
		neg := false
		if k := start - 1; k >= 0 && rs[k] == '-' && (k == 0 || !(isASCIIAlnum(rs[k-1]) || isHan(rs[k-1]))) {
			start, neg = k, true
		}
		digits, end, decimals, ok := parseNumber(rs, i)
		if !ok {
			continue
		}
		next := end
		u, ok := matchUnit(rs, end)
		switch {
		case ok && u.reject:
			i = end + len([]rune(u.text)) - 1
			continue
		case ok && (u.text == "万" || u.text == "亿"):
			after := end + 1
			if !yuanSign && after < len(rs) && !isClauseEnd(rs[after]) {
				i = end - 1
				continue
			}
		case !ok && yuanSign:
			u = unitDef{text: "元", family: UnitYuan, scale: 1}
			ok = true
		}
		if !ok {
			i = end - 1
			continue
		}
		if u.family == UnitPerson && next+1 < len(rs) && rs[next+1] == '次' {
			i = end
			continue
		}
		v, err := decimal.NewFromString(digits)
		if err != nil {
			i = end - 1
			continue
		}
		v = v.Mul(decimal.NewFromInt(u.scale))
		if neg {
			v = v.Neg()
		}
		unitText := u.text
		if yuanSign && u.text == "元" && !(next < len(rs) && rs[next] == '元') {
			unitText = "￥"
		}
		uend := end
		if !(yuanSign && unitText == "￥") {
			uend = end + len([]rune(u.text))
		}
		out = append(out, quantity{start: start, end: uend, value: v, family: u.family, unitText: unitText, decimals: decimals})
		i = uend - 1
	}
	return out
}

// chineseCount reads a small count written in Chinese numerals (七, 十一, 两) at rs[i:].
func chineseCount(rs []rune, i int) (n, end int, ok bool) {
	j := i
	total, cur := 0, 0
	for j < len(rs) && j-i < 4 {
		r := rs[j]
		if v := countDigit(r); v > 0 {
			cur = v
		} else if r == '十' {
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		} else {
			break
		}
		j++
	}
	if j == i {
		return 0, i, false
	}
	return total + cur, j, true
}

// countDigit is the value of a Chinese numeral digit (一 … 九, 两), or 0.
func countDigit(r rune) int {
	switch r {
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return 0
}

// isCountGuard reports whether r, before a numeral, makes it no count (第七, 约五, 超十).
func isCountGuard(r rune) bool {
	switch r {
	case '第', '约', '近', '逾', '超':
		return true
	}
	return false
}

// hasCountUnit reports whether rs holds a unit a count of people or vehicles can take.
func hasCountUnit(rs []rune) bool {
	for _, r := range rs {
		switch r {
		case '人', '名', '个', '台', '辆':
			return true
		}
	}
	return false
}

// scanChineseCounts finds counts of people and vehicles written in Chinese numerals
// (编制人数七人, 实有车辆一辆). Money is never written this way in these reports.
func scanChineseCounts(rs []rune) []quantity {
	if !hasCountUnit(rs) {
		return nil // no 人, 名, 个, 台 or 辆 for a count to be of
	}
	var out []quantity
	for i := 0; i < len(rs); i++ {
		if r := rs[i]; r != '十' && countDigit(r) == 0 {
			continue // chineseCount would read nothing here
		}
		if i > 0 && isCountGuard(rs[i-1]) {
			continue
		}
		n, end, ok := chineseCount(rs, i)
		if !ok || end >= len(rs) {
			continue
		}
		u, ok := matchUnit(rs, end)
		if !ok || u.reject || (u.family != UnitPerson && u.family != UnitVehicle) {
			i = end - 1
			continue
		}
		if u.family == UnitPerson && end+1 < len(rs) && rs[end+1] == '次' {
			i = end
			continue
		}
		// 一人 in 一人一岗 or 三人小组 is not a count of staff: require a clause end or 其中 after it.
		after := end + 1
		if after < len(rs) && !isClauseEnd(rs[after]) && rs[after] != '其' && rs[after] != '（' && rs[after] != '(' {
			i = end
			continue
		}
		out = append(out, quantity{start: i, end: end + 1, value: decimal.NewFromInt(int64(n)), family: u.family, unitText: u.text})
		i = end
	}
	return out
}

// ParseAmount reads one amount as written (214.78万元, 2,147,800.00元, ￥1.2亿, ９５分, 7人) and
// returns its value in the base unit (yuan for money), its unit family, the unit as written,
// and whether the whole string was one amount.
func ParseAmount(s string) (value decimal.Decimal, unit, unitText string, ok bool) {
	nt := normalize(s)
	qs := scanQuantities(nt.r)
	if len(qs) != 1 || qs[0].start != 0 || qs[0].end != len(nt.r) {
		return decimal.Decimal{}, "", "", false
	}
	return qs[0].value, qs[0].family, qs[0].unitText, true
}

// scanBareCounts finds head counts written without their unit right after 人数 or 编制数, as
// forms copied into text do (编制人数42，其中：…；退休人数13；): the digits must end at a
// clause's end.
func scanBareCounts(rs []rune) []quantity {
	var out []quantity
	for i := 2; i < len(rs); i++ {
		if !isDigit(rs[i]) || isDigit(rs[i-1]) {
			continue
		}
		if !(rs[i-2] == '人' && rs[i-1] == '数' || rs[i-2] == '制' && rs[i-1] == '数') {
			continue
		}
		j := i
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
		if j-i > 6 || j < len(rs) && !isClauseEnd(rs[j]) {
			i = j
			continue
		}
		v, err := decimal.NewFromString(string(rs[i:j]))
		if err == nil {
			out = append(out, quantity{start: i, end: j, value: v, family: UnitPerson})
		}
		i = j
	}
	return out
}
