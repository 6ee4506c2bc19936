package extract

import "testing"

func TestNormalizeTraditionalAndGlosses(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"財政撥款收入1516.64萬元", "财政拨款收入1516.64万元"},
		{"經(jīng)費(fèi)支出417.6萬(wàn)元", "经费支出417.6万元"},
		{"因公出國（境）費", "因公出国境费"},
		{"年初预算数(A)", "年初预算数(A)"}, // an upper-case letter is a column mark, not a gloss
		{"执行率(B/A)", "执行率(B/A)"},
		{"支出(a)项", "支出(a)项"},       // no tone mark: kept
		{"2019(wù)年", "2019(wù)年"}, // a gloss follows a character, not a digit
		{"乾坤", "乾坤"},               // also simplified
	}
	for _, tt := range tests {
		if got := string(normalize(tt.raw).r); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
	nt := normalize("公務(wù)接待費1.20萬元")
	if got := nt.rawSpan(0, 5); got != "公務(wù)接待費" {
		t.Errorf("rawSpan keeps the raw text with its gloss: got %q", got)
	}
}
