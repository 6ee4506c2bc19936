package extract

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// The regular expressions that the scanners of scan.go stand for.
var (
	refListMarker = regexp.MustCompile(`(^|[。；;])\s*(?:\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]+是|[①-⑳])`)
	refListStart  = regexp.MustCompile(`^\s*(?:\d{1,2}\s*[.．、]\s*(?:[^\d\s]|$)|[（(]\s*\d{1,2}\s*[)）]|[（(]?[一二三四五六七八九十]{1,3}[)）、]|[①-⑳]|[a-zA-Z][.、)])`)
	refLeadTrim   = regexp.MustCompile(`^(?:[\s　，,；;：:、。]|以下项目|以下|如下|其中|包括|主要包括|主要用于|用于|具体为|分别为|分别是|主要是|是|\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[)）]|[（(]?[一二三四五六七八九十]{1,3}[)）、]|[①-⑳]|(?:19|20)\d\d\s*年(?:度)?)+`)
	refTrailTrim  = regexp.MustCompile(`(?:[\s，,；;：:]|为|共计|合计|共|计|达|约|金额)+$`)
	refBareNumber = regexp.MustCompile(`^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$`)
	refEmptyCell  = regexp.MustCompile(`^[-—–―/／\s]*$`)
	refNumbering  = regexp.MustCompile(`^[\d一二三四五六七八九十（）().、．]+$`)
	refFlatBreak  = regexp.MustCompile(`[。；;！？]`)
	scanAlphabet  = []string{"0", "1", "2", "9", "19", "20", "24", " ", "\t", "\n", "\f", "\r", "　", "\u00a0", ".", "．", "、", ",", "，", ";", "；", ":", "：", "。", "！", "？", "-", "—", "–", "―", "－", "~", "·", "/", "／", "(", ")", "（", "）", "一", "二", "十", "两", "是", "①", "⑳", "⑴", "a", "Z", "第", "页", "共", "年", "度", "以下", "项目", "如下", "其中", "包括", "主要", "用于", "具体为", "分别", "为", "计", "合", "金", "额", "达", "约", "支出", "经费", "元", "万元", "单位", "\xff", "\xe4", "\xe4\xb8", "\ufffd"}
)

// randomScanText strings tokens of scanAlphabet together.
func randomScanText(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.IntN(12); n >= 0; n-- {
		b.WriteString(scanAlphabet[rng.IntN(len(scanAlphabet))])
	}
	return b.String()
}

// checkScanners fails when a scanner answers otherwise than its regular expression.
func checkScanners(t *testing.T, s string) {
	t.Helper()
	if got, want := dropListMarkers(s), refListMarker.ReplaceAllString(s, "${1}"); got != want {
		t.Fatalf("dropListMarkers(%q) = %q, want %q", s, got, want)
	}
	if got, want := isListStart(s), refListStart.MatchString(s); got != want {
		t.Fatalf("isListStart(%q) = %v, want %v", s, got, want)
	}
	if got, want := trimLead(s), refLeadTrim.ReplaceAllString(s, ""); got != want {
		t.Fatalf("trimLead(%q) = %q, want %q", s, got, want)
	}
	if got, want := trimTrail(s), refTrailTrim.ReplaceAllString(s, ""); got != want {
		t.Fatalf("trimTrail(%q) = %q, want %q", s, got, want)
	}
	if got, want := isBareNumber(s), refBareNumber.MatchString(s); got != want {
		t.Fatalf("isBareNumber(%q) = %v, want %v", s, got, want)
	}
	if got, want := isEmptyCell(s), refEmptyCell.MatchString(s); got != want {
		t.Fatalf("isEmptyCell(%q) = %v, want %v", s, got, want)
	}
	if got, want := isNumberingOnly(s), refNumbering.MatchString(s); got != want {
		t.Fatalf("isNumberingOnly(%q) = %v, want %v", s, got, want)
	}
	if !strings.ContainsAny(s, "。；;！？") && refFlatBreak.MatchString(s) {
		t.Fatalf("flatBreak matches %q", s)
	}
	if !mayBePageNumber(s) && (pageNumber.MatchString(s) || barePage.MatchString(s)) {
		t.Fatalf("mayBePageNumber(%q) is false, but it is a page number", s)
	}
	if n := normalizeString(s); !mayDeclareUnit(s) && (unitDecl.MatchString(n) || unitParen.MatchString(n)) {
		t.Fatalf("mayDeclareUnit(%q) is false, but %q declares a unit", s, n)
	}
	if got, want := normalizeString(s), string(normalize(s).r); got != want {
		t.Fatalf("normalizeString(%q) = %q, want %q", s, got, want)
	}
	rs := []rune(s)
	if got, want := scanChineseCounts(rs), refScanChineseCounts(rs); !sameQuantities(got, want) {
		t.Fatalf("scanChineseCounts(%q) = %v, want %v", s, got, want)
	}
	for j := range rs {
		u, ok := matchUnit(rs, j)
		wu, wok := refMatchUnit(rs, j)
		if ok != wok || u != wu {
			t.Fatalf("matchUnit(%q, %d) = %v %v, want %v %v", s, j, u, ok, wu, wok)
		}
	}
}

// refMatchUnit is matchUnit as first written.
func refMatchUnit(rs []rune, j int) (unitDef, bool) {
	for _, u := range units {
		ur := []rune(u.text)
		if j+len(ur) <= len(rs) && string(rs[j:j+len(ur)]) == u.text {
			return u, true
		}
	}
	return unitDef{}, false
}

// refScanChineseCounts is scanChineseCounts without its shortcuts.
func refScanChineseCounts(rs []rune) []quantity {
	var out []quantity
	for i := 0; i < len(rs); i++ {
		if i > 0 && strings.ContainsRune("第约近逾超", rs[i-1]) {
			continue
		}
		n, end, ok := chineseCount(rs, i)
		if !ok || end >= len(rs) {
			continue
		}
		u, ok := refMatchUnit(rs, end)
		if !ok || u.reject || (u.family != UnitPerson && u.family != UnitVehicle) {
			i = end - 1
			continue
		}
		if u.family == UnitPerson && end+1 < len(rs) && rs[end+1] == '次' {
			i = end
			continue
		}
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

func sameQuantities(a, b []quantity) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].start != b[i].start || a[i].end != b[i].end || !a[i].value.Equal(b[i].value) || a[i].family != b[i].family || a[i].unitText != b[i].unitText {
			return false
		}
	}
	return true
}

// TestScanners checks the hand-written scanners against the regular expressions they
// replace, on random strings of the characters the expressions care about.
func TestScanners(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 10000
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for range n {
		checkScanners(t, randomScanText(rng))
	}
	for _, s := range []string{"", "1. 项目", "12．", "123、", "（12）", "(一)", "一、", "十一是", "①", "a.", "2024年度以下项目：", "合计", "金额合计为", "共计", "额为", "-1,234.50", "1,23", "—", "第3页", "—10—", "单位：万元", "编制人数七人，实有十一人，车辆两辆。一人一岗", "第七人", "三人次"} {
		checkScanners(t, s)
	}
}

// FuzzScanners checks the scanners against their regular expressions on fuzzed text.
func FuzzScanners(f *testing.F) {
	for _, s := range []string{"1. 项目", "（12）单位：万元", "。2、其中", "2024年度以下项目：x合计", "-1,234.50", "第1页共3页", "编制人数七人，车辆两辆"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 200 {
			return
		}
		checkScanners(t, s)
	})
}
