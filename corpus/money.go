package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// money is an amount in fen (0.01 元). All arithmetic on money is integer.
type money int64

const (
	yuan money = 100
	wan  money = 10000 * yuan
	yi   money = 10000 * wan
)

// unitKind is the unit a report mostly writes money in.
type unitKind int

const (
	unitWan unitKind = iota
	unitYuan
)

// numStyle is a report's habits in writing numbers; each number draws from it.
type numStyle struct {
	unit       unitKind
	trim       float64 // 万元: drop trailing zeros (113.8万元, 16万元)
	four       float64 // 万元: four decimals (214.7800万元)
	fullwidth  float64 // ２１４．７８万元
	space      float64 // 12. 6万元, 105700.00 元
	currency   float64 // ￥214.78万元
	thousands  float64 // 元: 2,147,800.00
	yuanInWan  float64 // a 万元 report writing one amount in 元
	yiProb     float64 // amounts of 1亿 and more written in 亿元
	pctFull    float64 // 98.5％
	personMing bool    // 7名 instead of 7人
	carTai     bool    // 1台 instead of 1辆
}

func newNumStyle(r *rand.Rand, unit unitKind) numStyle {
	s := numStyle{unit: unit}
	s.trim = pick(r, []float64{0, 0.3, 0.7, 1})
	s.four = pick(r, []float64{0, 0, 0, 0, 0.3})
	s.fullwidth = pick(r, []float64{0, 0, 0, 0, 0, 0.15, 1})
	s.space = pick(r, []float64{0, 0, 0, 0.05, 0.2})
	s.currency = pick(r, []float64{0, 0, 0, 0, 0.3})
	s.thousands = pick(r, []float64{0, 0.8, 1, 1})
	s.yuanInWan = pick(r, []float64{0, 0, 0, 0.05})
	s.yiProb = pick(r, []float64{0, 0.5, 1})
	s.pctFull = pick(r, []float64{0, 0, 0, 1})
	s.personMing = r.IntN(4) == 0
	s.carTai = r.IntN(2) == 0
	return s
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func chance(r *rand.Rand, p float64) bool { return p > 0 && r.Float64() < p }

// wanString writes v in 万元 with the given number of decimals (2 or 4), trimming if asked.
// v must be exact at that precision.
func wanString(v money, decimals int, trim bool) string {
	d := decimal.New(int64(v), -2).Div(decimal.NewFromInt(10000))
	s := d.StringFixed(int32(decimals))
	if trim && strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// yuanString writes v in 元, with thousands separators and decimals as asked.
func yuanString(v money, thousands, decimals bool) string {
	whole := int64(v) / 100
	frac := int64(v) % 100
	s := strconv.FormatInt(whole, 10)
	if thousands {
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		s = b.String()
	}
	if decimals || frac != 0 {
		s += "." + twoDigits(frac)
	}
	return s
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// toFullwidth maps ASCII digits, point and comma to their full-width forms.
func toFullwidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c - '0' + '０')
		case c == '.':
			b.WriteRune('．')
		case c == '%':
			b.WriteRune('％')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// formatMoney writes v with its unit the way the style says (a prose amount).
func (s numStyle) formatMoney(r *rand.Rand, v money) string {
	var num, unit string
	exactWan := v%(100*yuan) == 0
	switch {
	case v >= yi && v%wan == 0 && chance(r, s.yiProb):
		d := decimal.New(int64(v), -2).Div(decimal.NewFromInt(int64(yi / yuan)))
		num, unit = strings.TrimRight(strings.TrimRight(d.StringFixed(4), "0"), "."), "亿元"
	case s.unit == unitYuan || !exactWan || chance(r, s.yuanInWan):
		th := chance(r, s.thousands)
		num, unit = yuanString(v, th, r.IntN(5) > 0), "元"
	default:
		dec := 2
		if chance(r, s.four) {
			dec = 4
		}
		num, unit = wanString(v, dec, chance(r, s.trim)), "万元"
	}
	if chance(r, s.space) {
		if i := strings.IndexByte(num, '.'); i >= 0 && i < len(num)-1 && r.IntN(2) == 0 {
			num = num[:i+1] + " " + num[i+1:]
		} else {
			unit = " " + unit
		}
	}
	if chance(r, s.fullwidth) && !strings.Contains(num, ",") {
		num = toFullwidth(num)
	}
	if chance(r, s.currency) {
		num = pick(r, []string{"￥", "¥"}) + num
	}
	return num + unit
}

// cellMoney writes v as a table cell in the table's unit, without the unit.
func cellMoney(r *rand.Rand, v money, unit unitKind, thousands bool) string {
	if unit == unitYuan {
		return yuanString(v, thousands, true)
	}
	return wanString(v, 2, false)
}

// formatPercent writes a percent value (already rounded text) with its sign.
func (s numStyle) formatPercent(r *rand.Rand, p string) string {
	if chance(r, s.pctFull) {
		return p + "％"
	}
	if chance(r, s.fullwidth) {
		return toFullwidth(p) + "％"
	}
	return p + "%"
}

// formatCount writes a count with its unit character.
func (s numStyle) formatCount(r *rand.Rand, n int, unit string) string {
	num := strconv.Itoa(n)
	if chance(r, s.fullwidth) {
		num = toFullwidth(num)
	}
	return num + unit
}

// pct computes part/whole×100 rounded to dec decimals, as text. whole must be positive.
func pct(part, whole money, dec int) string {
	if whole == 0 {
		return "0"
	}
	d := decimal.NewFromInt(int64(part)).Mul(decimal.NewFromInt(100)).Div(decimal.NewFromInt(int64(whole)))
	return d.StringFixed(int32(dec))
}

// roundTo rounds v to a multiple of g (g > 0), at least g.
func roundTo(v, g money) money {
	if g <= 1 {
		return v
	}
	q := (v + g/2) / g * g
	if q < g {
		q = g
	}
	return q
}
