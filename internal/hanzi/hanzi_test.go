package hanzi

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"乌鲁木齐市政务服务中心", "乌鲁木齐市政务服务中心"},
		{"烏魯木齊市政務(wù)服務(wù)中心", "乌鲁木齐市政务服务中心"},
		{"經（jīng）費", "经费"},
		{"年初预算数(A)", "年初预算数(A)"},   // an upper-case letter marks a column, no gloss
		{"2019(wù)年", "2019(wù)年"}, // a gloss follows an ideograph, not a digit
		{"科协(本级)", "科协(本级)"},
		{"委托(wt)业务", "委托(wt)业务"}, // letters without a tone mark are no gloss
	}
	for _, tc := range tests {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSimplified(t *testing.T) {
	for in, want := range map[rune]rune{'萬': '万', '區': '区', '万': '万', 'A': 'A', '乾': '乾'} {
		if got := Simplified(in); got != want {
			t.Errorf("Simplified(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"烏魯木齊市政務(wù)服務(wù)中心", "經（jīng）費", "(", "區(", "a(ā)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if Fold(got) != got {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", s, got, Fold(got))
		}
	})
}

func BenchmarkFoldPlain(b *testing.B) {
	for b.Loop() {
		_ = Fold("隆回县科学技术协会")
	}
}
