package analyze

import (
	"testing"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// TestSlimKeepsWhatRulesRead checks the copy of a report that the rules across reports see:
// every field of a figure they read is kept (the unit's wording sets a figure's rounding),
// only transfers among the claims, and only sections long enough to compare.
func TestSlimKeepsWhatRulesRead(t *testing.T) {
	fig := extract.Figure{Metric: "income.total", Basis: extract.Prior, Item: "", Term: "收入合计", Value: decimal.RequireFromString("1234567"),
		Unit: extract.UnitYuan, UnitText: "元", Raw: "上年收入合计1234567元。", Location: "p3", Method: extract.MethodProse,
		BasisText: "上年", Year: 2023, Decimals: 0}
	long := "合同管理不够规范，个别合同未按规定履行审批程序，绩效目标设置不够细化量化。"
	r := Report{ReportID: "r1", Path: "a.txt", Status: "ok", Identity: extract.Identity{Title: "t", Department: "县科协", Region: "隆回县", Year: 2024},
		Figures: []extract.Figure{fig},
		Claims: []extract.Claim{
			{Kind: extract.ClaimShare, Metric: "expenditure.basic", Raw: "占比", Location: "p4"},
			{Kind: extract.ClaimTransfer, Target: "县妇联", Raw: "转拨县妇联10万元", Location: "p5"},
		},
		Sections: []extract.Section{{Heading: "一", Text: "短。"}, {Heading: "二", Text: long, Location: "p6"}},
	}
	s := slim(&r, Config{}.withDefaults())
	want := fig
	want.Location, want.Method = "", ""
	if len(s.Figures) != 1 {
		t.Fatalf("figures = %+v", s.Figures)
	}
	got := s.Figures[0]
	if !got.Value.Equal(want.Value) || got.Value.Exponent() != want.Value.Exponent() {
		t.Errorf("value = %s, want %s", got.Value, want.Value)
	}
	got.Value, want.Value = decimal.Decimal{}, decimal.Decimal{}
	if got != want {
		t.Errorf("figure = %+v\nwant %+v", got, want)
	}
	if len(s.Claims) != 1 || s.Claims[0].Kind != extract.ClaimTransfer || s.Claims[0].Location != "p5" {
		t.Errorf("claims = %+v", s.Claims)
	}
	if len(s.Sections) != 1 || s.Sections[0].Heading != "二" || s.Sections[0].Text != long || len(s.Fingerprints) != 1 {
		t.Errorf("sections = %+v, %d fingerprints", s.Sections, len(s.Fingerprints))
	}
	if s.Identity != r.Identity {
		t.Errorf("identity = %+v", s.Identity)
	}
}

func TestCompact(t *testing.T) {
	for _, s := range []string{"0", "2293700", "-15.5", "0.0001", "123456789012345678901234567890"} {
		d := decimal.RequireFromString(s).Mul(decimal.NewFromInt(10000))
		c := Compact(d)
		if !c.Equal(d) || c.String() != d.String() || c.Exponent() != d.Exponent() {
			t.Errorf("Compact(%s) = %s (exp %d), want %s (exp %d)", d, c, c.Exponent(), d, d.Exponent())
		}
	}
}
