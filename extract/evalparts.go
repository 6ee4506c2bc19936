package extract

import (
	"cmp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Text run together loses the borders between cells: 分值 10 and 年度指标值 100% read
// 10100%, and 年初预算数 30, 全年预算数 30, 分值 10 and 执行率 100% read 303010100%. A run of
// digits, points and percent signs is therefore kept with the ways it may be cut into
// numbers, and the readers choose the cut that fits the table's columns.

// maxParts is the most numbers a glued run is cut into; maxCuts the most cuts kept.
const (
	maxParts = 5
	maxCuts  = 64
)

// numCuts lists the ways digits (a run of 0-9 . , %, normalised) may be cut into numbers,
// the unit after it going to the last: each number without a leading zero (0 and 0.5 are
// numbers, 05 is not), with at most four decimals, a percent sign ending the number it
// follows. The whole run as one number comes first when it is one; the rest by fewer parts.
func numCuts(digits []rune, unit, comparator string) [][]evalNum {
	var out [][]evalNum
	var cur []evalNum
	// numbers glued together rarely have more than two decimals each
	maxDec := 4
	if strings.Count(string(digits), ".") > 1 {
		maxDec = 2
	}
	var walk func(i int)
	walk = func(i int) {
		if len(out) >= 4096 {
			return
		}
		if i == len(digits) {
			c := append([]evalNum(nil), cur...)
			if unit != "" && c[len(c)-1].unit == "" {
				c[len(c)-1].unit = unit
			}
			out = append(out, c)
			return
		}
		if len(cur) == maxParts {
			return
		}
		for _, p := range partsAt(digits, i) {
			if p.n.dec > maxDec {
				continue
			}
			if len(cur) == 0 {
				p.n.cmp = comparator
			}
			cur = append(cur, p.n)
			walk(p.end)
			cur = cur[:len(cur)-1]
		}
	}
	walk(0)
	// the likeliest first: fewer parts, ordinary numbers; the whole run first when it is one
	prior := func(c []evalNum) float64 {
		p := -0.5 * float64(len(c))
		for _, n := range c {
			p += niceness(n)
			if n.dec > 2 {
				p -= 0.3
			}
		}
		return p
	}
	slices.SortStableFunc(out, func(a, b []evalNum) int {
		if len(a) == 1 || len(b) == 1 {
			return len(a) - len(b)
		}
		return cmp.Compare(prior(b), prior(a))
	})
	if len(out) > maxCuts {
		out = out[:maxCuts]
	}
	return out
}

type numPart struct {
	n   evalNum
	end int
}

// partsAt lists the numbers that may start at digits[i], each with the position after it.
func partsAt(digits []rune, i int) []numPart {
	if i >= len(digits) || !isDigit(digits[i]) {
		return nil
	}
	var out []numPart
	intEnd := i
	for intEnd < len(digits) && (isDigit(digits[intEnd]) || digits[intEnd] == ',' && threeDigits(digits, intEnd+1)) {
		intEnd++
	}
	for e := i + 1; e <= intEnd; e++ {
		if digits[e-1] == ',' {
			continue
		}
		if digits[i] == '0' && e > i+1 {
			break // no leading zero
		}
		ints := strings.ReplaceAll(string(digits[i:e]), ",", "")
		// the integer part alone, or with decimals
		cands := []struct {
			text string
			end  int
			dec  int
		}{{ints, e, 0}}
		if e < len(digits) && digits[e] == '.' && e == intEnd {
			for d := 1; d <= 4 && e+1+d <= len(digits); d++ {
				if !isDigit(digits[e+d]) {
					break
				}
				cands = append(cands, struct {
					text string
					end  int
					dec  int
				}{ints + "." + string(digits[e+1:e+1+d]), e + 1 + d, d})
			}
			cands = cands[1:] // a point after the integer belongs to the number
		}
		for _, c := range cands {
			v, err := decimal.NewFromString(c.text)
			if err != nil {
				continue
			}
			n := evalNum{v: v, dec: c.dec, ok: true, digits: c.text}
			end := c.end
			if end < len(digits) && digits[end] == '%' {
				n.unit = "%"
				end++
			} else if end < len(digits) && digits[end] == '.' {
				continue // 64.8.6 is no number
			}
			out = append(out, numPart{n, end})
		}
	}
	return out
}

// niceness scores how ordinary a number is as a cell of a self-evaluation table: round
// weights and scores, whole percentages.
func niceness(n evalNum) float64 {
	s := 0.0
	if n.unit == "%" {
		if n.v.LessThanOrEqual(decimal.NewFromInt(200)) {
			s += 0.5
		}
		if n.v.Equal(decimal.NewFromInt(100)) {
			s += 0.5
		}
	}
	if n.dec > 2 {
		s -= 0.5
	}
	return s
}

// textHalves cuts a text that repeats itself (合格合格, 显著提升显著提升) into its two halves,
// the way a target and an actual value that read the same run together.
func textHalves(s string) (string, string, bool) {
	rs := []rune(s)
	if len(rs) < 2 || len(rs)%2 != 0 {
		return "", "", false
	}
	h := len(rs) / 2
	if string(rs[:h]) != string(rs[h:]) {
		return "", "", false
	}
	return string(rs[:h]), string(rs[h:]), true
}
