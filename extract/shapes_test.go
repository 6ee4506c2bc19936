package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestSentenceShapes runs each way reports state figures through the extractor. want
// lists "metric|basis|item|value" (value in yuan / count / percent, two decimals).
func TestSentenceShapes(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"X为N万元", "2024年部门收入合计为214.78万元。",
			[]string{"income.total|actual||2147800.00"}},
		{"达/共计", "全年总支出达219.37万元，三公经费共计1.27万元。",
			[]string{"expenditure.total|actual||2193700.00", "three_public.total|actual||12700.00"}},
		{"yuan with separators", "本年支出合计2,193,700.00元，其中基本支出1,055,700.00元。",
			[]string{"expenditure.total|actual||2193700.00", "expenditure.basic|actual||1055700.00"}},
		{"yi yuan", "部门整体支出1.2亿元。", []string{"expenditure.total|actual||120000000.00"}},
		{"yuan sign", "年度收入￥214.78万，", []string{"income.total|actual||2147800.00"}},
		{"full-width digits", "基本支出１０５．５７万元。", []string{"expenditure.basic|actual||1055700.00"}},
		{"spaces in numbers", "人员经费12. 6万元，公用经费105700.00 元。",
			[]string{"expenditure.basic.personnel|actual||126000.00", "expenditure.basic.goods_services|actual||105700.00"}},
		{"explicit zero", "因公出国（境）费0万元。", []string{"three_public.abroad|actual||0.00"}},
		{"list in a row", "工资福利支出85.09万元、商品和服务支出14.81万元、对个人和家庭的补助5.67万元。",
			[]string{"expenditure.basic.personnel|actual||850900.00", "expenditure.basic.goods_services|actual||148100.00", "expenditure.basic.household|actual||56700.00"}},
		{"budget and actual", "“三公”经费年初预算5万元，实际支出3.2万元。",
			[]string{"three_public.total|budget||50000.00", "three_public.total|actual||32000.00"}},
		{"prior written out", "公务接待费0.26万元，上年为0.3万元。",
			[]string{"three_public.reception|actual||2600.00", "three_public.reception|prior||3000.00"}},
		{"change is not a figure", "“三公”经费支出1.27万元，较上年减少0.5万元，下降28.2%。",
			[]string{"three_public.total|actual||12700.00"}},
		{"share is not a figure", "项目支出113.8万元，占总支出的51.9%。",
			[]string{"expenditure.project|actual||1138000.00"}},
		{"rate and score", "预算执行率为98.5%，部门整体支出绩效自评得分95分。",
			[]string{"rate.budget_execution|actual||98.50", "score.self_evaluation|actual||95.00"}},
		{"staff and vehicles", "核定编制12人，实有人员10人，其中在职8人、退休2人。车辆编制2辆，实有车辆1辆。",
			[]string{"staff.authorized|actual||12.00", "staff.actual|actual||10.00", "staff.in_service|actual||8.00", "staff.retired|actual||2.00", "vehicles.authorized|actual||2.00", "vehicles.actual|actual||1.00"}},
		{"bracket aside", "基本支出（含人员经费和公用经费）105.57万元。", []string{"expenditure.basic|actual||1055700.00"}},
		{"distractors", "2024年9月12日，隆财预〔2024〕12号文件下达，科普大篷车行程6200公里，参与群众3万余人，获得奖补资金16万元，在科普经费中安排9万元，覆盖率95%，电话0739-8222222。", nil},
		{"year as not amount", "2024年度收入214.78万元。", []string{"income.total|actual||2147800.00"}},
		{"value in the next clause", "部门整体支出情况：本年支出合计，共计219.37万元。", []string{"expenditure.total|actual||2193700.00"}},
		{"carry-over grand total", "本年收入合计200万元，上年结转结余20万元，收入总计220万元。",
			[]string{"income.total|actual||2000000.00", "income.carryover|actual||200000.00"}},
		{"grand total without carry-over", "收入总计214.78万元。", []string{"income.total|actual||2147800.00"}},
		{"income parts with item", "本年收入214.78万元，其中财政拨款收入200万元，事业收入14.78万元。",
			[]string{"income.total|actual||2147800.00", "income.fiscal|actual||2000000.00", "income.other|actual||147800.00"}},
		{"pdf broken lines", "2024年基本支出105.57万元，其中：工资福利支\n出85.09万元，商品和服务支出14.81万\n—3—\n元。",
			[]string{"expenditure.basic|actual||1055700.00", "expenditure.basic.personnel|actual||850900.00", "expenditure.basic.goods_services|actual||148100.00"}},
		{"items over list lines", "2024年项目支出30万元，其中：\n1．科普行动计划经费16万元；\n2．换届选举经费14万元。\n二、绩效情况\n获得奖补资金16万元。",
			[]string{"expenditure.project|actual||300000.00", "expenditure.project.item|actual|科普行动计划经费|160000.00", "expenditure.project.item|actual|换届选举经费|140000.00"}},
		{"budget document", "XX县财政局2025年部门预算说明\n2025年收入预算100万元，支出预算100万元，其中基本支出60万元。编制人数5人。",
			[]string{"income.total|budget||1000000.00", "expenditure.total|budget||1000000.00", "expenditure.basic|budget||600000.00", "staff.authorized|actual||5.00"}},
		{"chinese numeral staff", "编制人数七人，实有人数七人。",
			[]string{"staff.authorized|actual||7.00", "staff.actual|actual||7.00"}},
		{"administrative staffing parts are items of the authorized count", "核定编制10人，其中行政编制6人，事业编制4人。",
			[]string{"staff.authorized.item|actual|事业编制|4.00", "staff.authorized.item|actual|行政编制|6.00", "staff.authorized|actual||10.00"}},
		{"capital spending inside a basic breakdown", "基本支出中，工资福利支出80万元，资本性支出2万元。项目支出中资本性支出5万元。",
			[]string{"expenditure.basic.personnel|actual||800000.00", "expenditure.basic.capital|actual||20000.00"}},
		{"a name with a one-character change verb in it", "2023年项目支出22.73万元，比上年的38.1万元减少15.37万元，主要包括：少先队工作经费10.24万元；希望工程助学经费12.49万元。",
			[]string{"expenditure.project|actual||227300.00", "expenditure.project|prior||381000.00", "expenditure.project.item|actual|少先队工作经费|102400.00", "expenditure.project.item|actual|希望工程助学经费|124900.00"}},
		{"terms respectively", "2024年支出合计219.37万元，其中基本支出、项目支出分别为105.57万元、113.8万元。",
			[]string{"expenditure.total|actual||2193700.00", "expenditure.basic|actual||1055700.00", "expenditure.project|actual||1138000.00"}},
		{"years respectively", "XX县科协2024年部门整体支出绩效自评报告\n2023年、2024年“三公”经费分别为1.5万元、1.27万元。",
			[]string{"three_public.total|prior||15000.00", "three_public.total|actual||12700.00"}},
		{"all staff as 干部职工", "单位人员编制15名，共有干部职工15人，其中在编在岗12人，退休3人。",
			[]string{"staff.authorized|actual||15.00", "staff.actual|actual||15.00", "staff.in_service|actual||12.00", "staff.retired|actual||3.00"}},
		{"one amount for all", "“三公”经费支出1.27万元，其中因公出国（境）费、公务用车购置费均为0万元。",
			[]string{"three_public.total|actual||12700.00", "three_public.abroad|actual||0.00", "three_public.vehicle.purchase|actual||0.00"}},
		{"items after 主要为", "项目支出26.77万元，主要为：科普行动计划经费16万元，换届选举经费10.77万元。",
			[]string{"expenditure.project|actual||267700.00", "expenditure.project.item|actual|科普行动计划经费|160000.00", "expenditure.project.item|actual|换届选举经费|107700.00"}},
		{"three public with vehicle parts", "公务用车购置及运行维护费3万元，其中：公务用车购置费0万元，公务用车运行维护费3万元。",
			[]string{"three_public.vehicle|actual||30000.00", "three_public.vehicle.purchase|actual||0.00", "three_public.vehicle.operation|actual||30000.00"}},
	}
	e := newTestExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.Extract(context.Background(), textDoc(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			got := figKeys(res.Figures)
			sameFigures(t, got, tt.want)
		})
	}
}

func TestNarrativeMoneyIsNotAFigure(t *testing.T) {
	e := newTestExtractor(t)
	for _, text := range []string{
		"全年共支出科普经费53.93万元。",
		"在项目支出中安排科普经费9万元。",
		"获得收入16万元用于科普。",
		"志愿者注册人数达2100人，聘用人员3人。",
	} {
		res, err := e.Extract(context.Background(), textDoc(text))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Figures {
			t.Errorf("%q gave %s %s", text, f.Metric, f.Value)
		}
	}
}

func TestRegionWideTotalsAreNotTheDepartments(t *testing.T) {
	e := newTestExtractor(t)
	res, err := e.Extract(context.Background(), textDoc("全县“三公”经费支出1200万元，同比下降5%。本单位“三公”经费支出1.27万元，现有公务用车1辆。"))
	if err != nil {
		t.Fatal(err)
	}
	got := figKeys(res.Figures)
	want := []string{"three_public.total|actual||12700.00", "vehicles.actual|actual||1.00"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestTransferClaims(t *testing.T) {
	e := newTestExtractor(t)
	for text, want := range map[string]string{
		"全年向县老科协拨付经费30.6万元。":                     "县老科协",
		"转拨县老科学技术工作者协会30.6万元。":                   "县老科学技术工作者协会",
		"项目支出50万元，其中：转拨老科协预算资金30.60万元，其他19.4万元。": "老科协",
	} {
		res, err := e.Extract(context.Background(), textDoc(text))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range res.Claims {
			if c.Kind == ClaimTransfer || c.Kind == ClaimTransferIn {
				got = append(got, c.Target+"="+c.Amount.String())
			}
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], want+"=") || !strings.HasSuffix(got[0], "=306000") {
			t.Errorf("%q: transfers %v, want %s=306000", text, got, want)
		}
	}
}

func TestIncomingTransfer(t *testing.T) {
	e := newTestExtractor(t)
	res, err := e.Extract(context.Background(), textDoc("2020年本年收入合计210.5万元（其中雨花区应急管理局转拨经费20.21万元）。"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range res.Claims {
		got = append(got, string(c.Kind)+" "+c.Target+" "+c.Amount.String())
	}
	if want := "transfer_in 雨花区应急管理局 202100"; strings.Join(got, ";") != want {
		t.Errorf("claims %q, want %s", got, want)
	}
}

func TestSections(t *testing.T) {
	e := newTestExtractor(t)
	res, err := e.Extract(context.Background(), textDoc("四、存在的问题\n1.部分业务工作经费保障不足，依赖上级补助资金。\n2.公用经费支出压缩空间有限。\n五、改进措施\n一是全面清理往来款项。二是加强财务人员业务培训。\n某县档案馆\n2025年3月12日"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range res.Sections {
		got = append(got, s.Heading+"="+strings.ReplaceAll(s.Text, "\n", "/"))
	}
	want := "四、存在的问题=部分业务工作经费保障不足，依赖上级补助资金。/公用经费支出压缩空间有限。 五、改进措施=全面清理往来款项。加强财务人员业务培训。"
	if strings.Join(got, " ") != want {
		t.Errorf("sections %q\nwant %s", got, want)
	}
}

// TestCutOff checks that a text stopping in the middle of a sentence says so, and of a
// breakdown says so for the breakdown's total, and that one ending on a full sentence or a
// signature does not.
func TestCutOff(t *testing.T) {
	e := newTestExtractor(t)
	for _, c := range []struct {
		text string
		want string
	}{
		{"收入预算总额845.3万元，其中：财政拨款收入95.3万元，占11.3%；其他收入700万元，占82.8%；上年结", "cut_off income.total;cut_off "},
		{"收入预算总额845.3万元，其中：财政拨款收入95.3万元；其他收入750万元。", ""},
		{"2024年项目支出50万元，主要包括：培训经费20万元；宣传经费1", "cut_off expenditure.project;cut_off "},
		{"六、自评结论\n绩效自评得分96分，等级为优。\n平川县档案馆\n2025年3月12日\n联系人：李某　　联系电话：0731-5070000", ""}, // what closes a report
		{"六、自评结论\n绩效自评得分情况如下表：", ""},                                                   // a table follows
		{"五、改进措施\n一是加强预算管理。\n六、自评", "cut_off "},                                        // a heading cut
	} {
		res, err := e.Extract(context.Background(), textDoc(c.text))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, cl := range res.Claims {
			if cl.Kind == ClaimCutOff {
				got = append(got, string(cl.Kind)+" "+cl.Metric)
			}
		}
		if strings.Join(got, ";") != c.want {
			t.Errorf("%s: cut-off claims %q, want %q", c.text, got, c.want)
		}
	}
}

// TestChangeClaims checks what a stated change records: its metric, the amount it follows
// (the base, bound or not), the change and the rate — a rate in brackets after the change
// amount joins it.
func TestChangeClaims(t *testing.T) {
	e := newTestExtractor(t)
	for _, c := range []struct{ text, want string }{
		{"公务接待费3.60万元，较上年减少1.2万元（25.00%），主要是压减接待批次。",
			"three_public.reception actual base=36000 ±50 amount=-12000 ±500 pct=25"},
		{"（三）农林水支出类科目 52340.50 元，占支出总预算 8.12%，同比增加 6120.40 元，增长 13.24%。",
			" actual base=52340.5 ±0.005 amount=6120.4 ±0.005 pct=13.24"},
		{"2019年收入总预算420.5万元，同比增加10.3万元，同比增长2.5%。",
			"income.total budget base=4205000 ±500 amount=103000 ±500 pct=2.5"},
		{"项目支出较上年增长5%。", "expenditure.project actual base=- amount=- pct=5"},
	} {
		res, err := e.Extract(context.Background(), textDoc(c.text))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, cl := range res.Claims {
			if cl.Kind != ClaimChange {
				continue
			}
			got = append(got, fmt.Sprintf("%s %s base=%s amount=%s pct=%s", cl.Metric, cl.Basis,
				tolText(cl.Base, cl.BaseTol), signedTol(cl.Amount, cl.AmountTol, cl.Direction), decText(cl.Percent)))
		}
		if strings.Join(got, "; ") != c.want {
			t.Errorf("%s\n got  %q\n want %q", c.text, got, c.want)
		}
	}
}

func decText(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.String()
}

func tolText(d *decimal.Decimal, tol decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.String() + " ±" + tol.String()
}

func signedTol(d *decimal.Decimal, tol decimal.Decimal, dir int) string {
	if d == nil {
		return "-"
	}
	v := d.Mul(decimal.NewFromInt(int64(dir)))
	return tolText(&v, tol)
}
