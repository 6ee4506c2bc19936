package analyze

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// plainFingerprint is SectionFingerprint written the plain way, for the tests to hold the
// faster one to: each shingle hashed from the text's characters as they are, folded there.
func plainFingerprint(text string) Fingerprint {
	var toks [][2]int
	inRun := false
	for i, r := range text {
		w := utf8.RuneLen(r)
		switch {
		case r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'),
			r >= 0x80 && !wide(r) && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if inRun {
				toks[len(toks)-1][1] = i + w
				continue
			}
			inRun = true
			toks = append(toks, [2]int{i, i + w})
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			inRun = false
			toks = append(toks, [2]int{i, i + w})
		default:
			inRun = false
		}
	}
	fp := Fingerprint{Tokens: len(toks)}
	if len(toks) < shingleK {
		return fp
	}
	var hs []uint32
	for k := 0; k+shingleK <= len(toks); k++ {
		h := uint64(14695981039346656037)
		for _, t := range toks[k : k+shingleK] {
			for _, r := range text[t[0]:t[1]] {
				if r >= 0xFF01 && r <= 0xFF5E {
					r -= 0xFEE0
				}
				h = (h ^ uint64(r)) * 1099511628211
			}
			h = (h ^ 0x1f) * 1099511628211
		}
		hs = append(hs, uint32(h)^uint32(h>>32))
	}
	slices.Sort(hs)
	fp.Shingles = slices.Compact(hs)
	return fp
}

var fingerprintTexts = []string{
	"",
	"合同管理不够规范，个别合同未按规定履行审批程序。",
	"2024年GDP增长6.5%，ＧＤＰ２０２４与gdp2024同为一个词。",
	"Ｒｏｍａｎ　ｌｅｔｔｅｒｓ，ÀÉÎ õü ÿ and кириллица 123",
	"\xff\xfe坏字节\x80之间的文字仍然是文字",
	strings.Repeat("部门整体支出绩效自评报告存在的问题：预算编制不够精细。", 40),
}

func TestSectionFingerprintPlain(t *testing.T) {
	for _, text := range fingerprintTexts {
		got, want := SectionFingerprint(text), plainFingerprint(text)
		if got.Tokens != want.Tokens || !slices.Equal(got.Shingles, want.Shingles) {
			t.Errorf("SectionFingerprint(%q) = %d tokens %v, want %d tokens %v", text, got.Tokens, got.Shingles, want.Tokens, want.Shingles)
		}
	}
}

func FuzzSectionFingerprint(f *testing.F) {
	for _, text := range fingerprintTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, want := SectionFingerprint(text), plainFingerprint(text)
		if got.Tokens != want.Tokens || !slices.Equal(got.Shingles, want.Shingles) {
			t.Errorf("SectionFingerprint(%q) = %d tokens %v, want %d tokens %v", text, got.Tokens, got.Shingles, want.Tokens, want.Shingles)
		}
	})
}

func BenchmarkSectionFingerprint(b *testing.B) {
	text := strings.Repeat("部门整体支出绩效自评报告存在的问题：预算编制不够精细，2024年项目支出执行率为98.5%。", 12)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		SectionFingerprint(text)
	}
}
