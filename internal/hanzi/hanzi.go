// Package hanzi holds what jixiao knows of Chinese characters that several packages read
// alike: the simplified form of a traditional character (a 繁体 mirror of a report is
// matched as simplified text) and the pinyin glosses a converting mirror puts after
// characters (經(jīng)費). Its tables are built once and only read.
package hanzi

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./mkt2s -o t2s.txt

//go:embed t2s.txt
var t2sText string

// t2sFirst and t2sLast bound the blocks the table covers: CJK Extension A and the Unified
// Ideographs.
const t2sFirst, t2sLast = 0x3400, 0x9FFF

// t2sTable maps a traditional character to the simplified one it is read as (0: itself),
// from OpenCC's conversion (t2s.txt).
var t2sTable = loadT2S(t2sText)

func loadT2S(text string) []rune {
	t := make([]rune, t2sLast-t2sFirst+1)
	for _, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		from, to, ok := strings.Cut(line, "\t")
		f, _ := utf8.DecodeRuneInString(from)
		s, _ := utf8.DecodeRuneInString(to)
		if !ok || f < t2sFirst || f > t2sLast {
			panic("hanzi: bad line in t2s.txt: " + line)
		}
		t[f-t2sFirst] = s
	}
	return t
}

// Simplified returns the simplified form of a traditional character, else r.
func Simplified(r rune) rune {
	if r >= t2sFirst && r <= t2sLast {
		if s := t2sTable[r-t2sFirst]; s != 0 {
			return s
		}
	}
	return r
}

// GlossEnd reports whether rs[open:] is a pinyin gloss in brackets that a converting mirror
// put after a character (經(jīng)費, 萬(wàn)元), and returns the closing bracket's index. A gloss is
// 1–6 lower-case Latin letters with at least one tone mark, right after an ideograph.
func GlossEnd(rs []rune, open int) (int, bool) {
	if open >= len(rs) || rs[open] != '(' && rs[open] != '（' {
		return 0, false
	}
	closing := rune(')')
	if rs[open] == '（' {
		closing = '）'
	}
	if open == 0 || !unicode.Is(unicode.Han, rs[open-1]) {
		return 0, false
	}
	tone := false
	for i := open + 1; i < len(rs) && i <= open+7; i++ {
		r := rs[i]
		switch {
		case r == closing:
			return i, tone && i > open+1
		case r >= 'a' && r <= 'z':
		case strings.ContainsRune("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", r):
			tone = true
		case r == 'ü' || r == 'ê':
		default:
			return 0, false
		}
	}
	return 0, false
}

// Fold is a name as matched whatever the mirror it came through: its pinyin glosses dropped
// and its traditional characters simplified (烏魯木齊市政務(wù)服務(wù)中心 → 乌鲁木齐市政务服务中心).
func Fold(s string) string {
	if plain(s) {
		return s
	}
	// a gloss dropped may leave another right after an ideograph (區(qū)(ā)): fold again until
	// nothing changes; each pass drops runes or maps them once
	for range maxFolds {
		f := foldOnce(s)
		if f == s {
			break
		}
		s = f
	}
	return s
}

// maxFolds bounds the passes of Fold.
const maxFolds = 8

func foldOnce(s string) string {
	rs := []rune(s)
	out := rs[:0:0]
	changed := false
	for i := 0; i < len(rs); i++ {
		if e, ok := GlossEnd(rs, i); ok {
			i, changed = e, true
			continue
		}
		r := Simplified(rs[i])
		changed = changed || r != rs[i]
		out = append(out, r)
	}
	if !changed {
		return s
	}
	return string(out)
}

// plain reports whether s has nothing to fold: no bracket that could open a gloss and no
// traditional character. Most names are so, and are answered without allocating.
func plain(s string) bool {
	for _, r := range s {
		if r == '(' || r == '（' || Simplified(r) != r {
			return false
		}
	}
	return true
}
