package extract

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"
)

func TestCoefConfirms(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	tests := []struct {
		name           string
		target, actual string
		weight, score  *decimal.Decimal
		dec            int
		coef           *decimal.Decimal
		want           bool
	}{
		{"full marks at 100%", "100%", "72.74%", d("2"), d("2"), 0, d("100"), true},
		{"part marks at 90%", "95%", "90%", d("10"), d("9"), 0, d("90"), true},
		{"score off the coefficient", "95%", "90%", d("10"), d("9"), 0, d("100"), false},
		{"rounded to the score's decimals", "", "", d("3"), d("2.7"), 1, d("90.5"), true},
		{"no coefficient", "100%", "72.74%", d("2"), d("2"), 0, nil, false},
		{"a target that is no percentage", "26次", "12次", d("5"), d("5"), 0, d("100"), false},
		{"no score", "100%", "97%", d("2"), nil, 0, d("100"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ind := &Indicator{Target: tc.target, Actual: tc.actual, Weight: tc.weight, Score: tc.score, ScoreDecimals: tc.dec}
			if got := coefConfirms(ind, tc.coef); got != tc.want {
				t.Errorf("coefConfirms = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCoefConfirmsCut reads a run-together row whose weight and score are cut out of "22":
// the 得分系数 100% confirms the cut, so the row is no guess and the score checks judge it; a
// coefficient the cut disagrees with (50% of 2 is no 2) leaves the row a guess.
func TestCoefConfirmsCut(t *testing.T) {
	text := "某区某局部门整体支出绩效自评表\n" +
		"指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)指标权重(分)指标得分(分)是否核心指标" +
		"政府采购执行率%定量指标100%72.74%100%22否公用经费控制率%定量指标100%97%90%109是" +
		"结转结余率%定量指标2%1%50%22否"
	res, err := newTestExtractor(t).Extract(context.Background(), textDoc(text))
	if err != nil {
		t.Fatal(err)
	}
	cut := map[string]bool{}
	for _, ev := range res.Evaluations {
		for _, in := range ev.Indicators {
			cut[in.Name] = in.Cut
		}
	}
	want := map[string]bool{"政府采购执行率": false, "公用经费控制率": false, "结转结余率": true}
	for name, c := range want {
		got, ok := cut[name]
		if !ok {
			t.Errorf("no row %s in %v", name, cut)
			continue
		}
		if got != c {
			t.Errorf("%s: Cut = %v, want %v", name, got, c)
		}
	}
}

func TestReadableName(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name string
		want bool
	}{
		{"县级储备粮", true},
		{"委托业务项目", true},
		{"双随机抽查委托审计费", true},
		{"共享工程", true},
		{"碟令薯樽轴示施", false},
		{"稿栎凖衣畄逮殳", false},
		{"樽轴", true}, // too short to judge
	}
	for _, tc := range tests {
		if got := e.readableName(tc.name); got != tc.want {
			t.Errorf("readableName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestProseGrade(t *testing.T) {
	el := newTestExtractor(t).eval
	tests := []struct{ text, want string }{
		{"经综合评价，自评等级为“优”。", "优"},
		{"绩效等级：良好", "良"},
		{"评价结果为良好，自评等级为优。", "良"}, // the label written first
		{"自评等级为优，评价结果为良好。", "优"},
		{"自評等級為中等", "中"},
		{"自评等级为优化管理提供依据", ""}, // 优化 is a word, no grade
		{"2023年度部门整体支出绩效自评得分95分", ""},
	}
	for _, tc := range tests {
		for range 20 { // the same answer every time
			if got := el.proseGrade(tc.text); got != tc.want {
				t.Fatalf("proseGrade(%q) = %q, want %q", tc.text, got, tc.want)
			}
		}
	}
}
