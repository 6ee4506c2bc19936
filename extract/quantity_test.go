package extract

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in       string
		value    string
		unit     string
		unitText string
		ok       bool
	}{
		{"214.78万元", "2147800", UnitYuan, "万元", true},
		{"2,147,800.00元", "2147800", UnitYuan, "元", true},
		{"1.2亿元", "120000000", UnitYuan, "亿元", true},
		{"￥214.78万", "2147800", UnitYuan, "万", true},
		{"¥1,000", "1000", UnitYuan, "￥", true},
		{"２１４．７８万元", "2147800", UnitYuan, "万元", true},
		{"0万元", "0", UnitYuan, "万元", true},
		{"12. 6万元", "126000", UnitYuan, "万元", true},
		{"105700.00 元", "105700", UnitYuan, "元", true},
		{"7人", "7", UnitPerson, "人", true},
		{"1台", "1", UnitVehicle, "台", true},
		{"2辆", "2", UnitVehicle, "辆", true},
		{"98.5%", "98.5", UnitPercent, "%", true},
		{"９５％", "95", UnitPercent, "%", true},
		{"95分", "95", UnitPoint, "分", true},
		{"3千元", "3000", UnitYuan, "千元", true},
		{"-5.2万元", "-52000", UnitYuan, "万元", true},
		{"3000人次", "", "", "", false},
		{"2024年", "", "", "", false},
		{"12号", "", "", "", false},
		{"5分钟", "", "", "", false},
		{"", "", "", "", false},
		{"2,14,800元", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, unit, unitText, ok := ParseAmount(tt.in)
			if ok != tt.ok {
				t.Fatalf("ParseAmount(%q) ok = %v, want %v (value %s)", tt.in, ok, tt.ok, v)
			}
			if !ok {
				return
			}
			if !v.Equal(decimal.RequireFromString(tt.value)) || unit != tt.unit || unitText != tt.unitText {
				t.Errorf("ParseAmount(%q) = %s %s %q, want %s %s %q", tt.in, v, unit, unitText, tt.value, tt.unit, tt.unitText)
			}
		})
	}
}

func TestScanQuantitiesSkipsDistractors(t *testing.T) {
	text := "2024年9月12日-10月28日，隆财预〔2024〕12号，行程6200公里，参与群众3万余人，接待7000余人次，电话0739-1234567，第45届，收入214.78万元"
	qs := scanQuantities(normalize(text).r)
	if len(qs) != 1 || !qs[0].value.Equal(decimal.RequireFromString("2147800")) {
		t.Fatalf("got %d quantities %+v, want only 214.78万元", len(qs), qs)
	}
}

func TestChineseCounts(t *testing.T) {
	qs := scanChineseCounts([]rune("编制人数七人，实有十一人，车辆两辆。一人一岗"))
	var got []int64
	for _, q := range qs {
		got = append(got, q.value.IntPart())
	}
	want := []int64{7, 11, 2}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"214.78万元", "2,147,800.00元", "￥1.2亿", "９５％", "七人", "1,2,3", "-", "￥", "1.2.3万元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, unit, _, ok := ParseAmount(s)
		if ok && unit == "" {
			t.Fatalf("ParseAmount(%q) ok with no unit (value %s)", s, v)
		}
		scanQuantities(normalize(s).r)
		scanChineseCounts([]rune(s))
	})
}
