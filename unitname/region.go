package unitname

import (
	"strings"
	"unicode/utf8"
)

// level is the administrative level a region suffix names.
type level int

const (
	province   level = iota + 1 // 省, 自治区, 特别行政区
	prefecture                  // 自治州, 州, 地区, 盟
	city                        // 市: prefecture-level or county-level
	county                      // 县, 自治县, 区, 旗, 自治旗
)

// regionSuffixes end a region name, longest first.
var regionSuffixes = []struct {
	text  string
	level level
}{
	{"特别行政区", province}, {"自治区", province}, {"自治州", prefecture}, {"自治县", county}, {"自治旗", county},
	{"地区", prefecture}, {"省", province}, {"市", city}, {"州", prefecture}, {"盟", prefecture},
	{"县", county}, {"区", county}, {"旗", county},
}

const (
	// levelChars end a region name; a stem holds none of them.
	levelChars = "省市县区旗州盟"
	// bareLevels may stand alone for the writer's own region (县科协, 市财政局).
	bareLevels = "省市县区"
	// maxStem and maxAutonomousStem bound a stem's length in characters; autonomous
	// regions name their peoples (双江拉祜族佤族布朗族傣族自治县).
	maxStem           = 8
	maxAutonomousStem = 15
)

// suffixLevel returns the level of the suffix s ends with.
func suffixLevel(s string) (level, bool) {
	for _, suf := range regionSuffixes {
		if strings.HasSuffix(s, suf.text) {
			return suf.level, true
		}
	}
	return 0, false
}

// rank orders levels for reading a region: each level read must rank higher than the one
// before, and a county-level unit (rank 2) ends the region. A city ranks as a prefecture at
// the start or after a province, and as a county-level city after a prefecture or a city
// (邵阳市邵东市, 恩施州恩施市).
func rank(lv level, prev int) int {
	switch lv {
	case province:
		return 0
	case prefecture:
		return 1
	case city:
		if prev < 1 {
			return 1
		}
		return 2
	default:
		return 2
	}
}

// splitRegion takes a cleaned, affix-stripped name apart; see Split.
func splitRegion(s string) Parts {
	var p Parts
	rest := s
	for prev := -1; prev < 2; {
		cand, lv, ok := leadingRegion(rest)
		if !ok {
			break
		}
		r := rank(lv, prev)
		if r <= prev {
			break
		}
		p.Region += cand
		rest = rest[len(cand):]
		prev = r
	}
	switch first, size := utf8.DecodeRuneInString(rest); {
	case p.Region != "":
		// 隆回县委组织部 is the county's 县委组织部: give the level word back to the unit.
		if first == '委' {
			last, size := utf8.DecodeLastRuneInString(p.Region)
			if strings.ContainsRune(levelChars, last) {
				rest = p.Region[len(p.Region)-size:] + rest
			}
		}
	case strings.ContainsRune(bareLevels, first) && utf8.RuneCountInString(rest) > 2 &&
		!protected(rest) && !strings.HasPrefix(rest[size:], "委"):
		// A bare level word: 县科协, 市财政局; but not 县委组织部 or 市场监督管理局.
		p.Level = string(first)
		rest = rest[size:]
	}
	if rest == "" {
		rest = s
	}
	p.Unit = stripAffixes(rest)
	return p
}

// leadingRegion reads one level of region at the start of s: a stem holding no level
// character followed by a region suffix, leaving something after it.
func leadingRegion(s string) (string, level, bool) {
	runes := []rune(s)
	for i := 1; i <= maxAutonomousStem && i < len(runes); i++ {
		if strings.ContainsRune(levelChars, runes[i-1]) {
			return "", 0, false
		}
		for _, suf := range regionSuffixes {
			sr := []rune(suf.text)
			end := i + len(sr)
			if end >= len(runes) || string(runes[i:end]) != suf.text {
				continue
			}
			if i > maxStem && !strings.HasPrefix(suf.text, "自治") {
				continue
			}
			lv := suf.level
			// 杭州市, 滦州市, 通州区: the 州 belongs to the stem — unless the next character
			// starts a word of its own (湘西州市场监督管理局).
			if suf.text == "州" && end+1 < len(runes) && !protected(string(runes[end:])) {
				switch runes[end] {
				case '市':
					lv, end = city, end+1
				case '县', '区':
					lv, end = county, end+1
				}
			}
			cand := string(runes[:end])
			if notRegion(cand) {
				return "", 0, false
			}
			return cand, lv, true
		}
	}
	return "", 0, false
}

// protected reports whether s starts with a protected word (市场, 区域 …).
func protected(s string) bool {
	for _, w := range lx.Protected {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// notRegion reports whether a candidate region is a word of the unit name instead (工业园区,
// 城市).
func notRegion(cand string) bool {
	for _, w := range lx.NotRegionEnds {
		if strings.HasSuffix(cand, w) {
			return true
		}
	}
	for _, w := range lx.NotRegions {
		if cand == w {
			return true
		}
	}
	return false
}
