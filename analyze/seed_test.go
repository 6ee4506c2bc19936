package analyze

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

type goldFile struct {
	Path       string `json:"path"`
	Department string `json:"department"`
	Region     string `json:"region"`
	Year       int    `json:"year"`
	Status     string `json:"status"`
	Figures    []struct {
		Metric string `json:"metric"`
		Basis  string `json:"basis"`
		Item   string `json:"item"`
		Value  string `json:"value"`
	} `json:"figures"`
	Anomalies []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
	} `json:"anomalies"`
}

// seedPrinted is how the seed report prints each amount (万元) and the sentence it is in.
var seedPrinted = map[string][2]string{
	"income.total":                     {"214.78", "2024年度收入214.78万元，其中：县财政预算安排208.63万元，其他收入6.15万元。"},
	"income.fiscal":                    {"208.63", "2024年度收入214.78万元，其中：县财政预算安排208.63万元，其他收入6.15万元。"},
	"income.other":                     {"6.15", "2024年度收入214.78万元，其中：县财政预算安排208.63万元，其他收入6.15万元。"},
	"expenditure.total":                {"219.37", "2024年部门整体支出219.37万元，其中：基本支出105.57万元，项目支出113.8万元。"},
	"expenditure.basic":                {"105.57", "2024年部门整体支出219.37万元，其中：基本支出105.57万元，项目支出113.8万元。"},
	"expenditure.project":              {"113.8", "2024年部门整体支出219.37万元，其中：基本支出105.57万元，项目支出113.8万元。"},
	"expenditure.basic.personnel":      {"85.09", "2024年基本支出105.57万元，其中：工资福利支出85.09万元，商品和服务支出14.81万元，对个人和家庭的补助支出5.67万元。"},
	"expenditure.basic.goods_services": {"14.81", "2024年基本支出105.57万元，其中：工资福利支出85.09万元，商品和服务支出14.81万元，对个人和家庭的补助支出5.67万元。"},
	"expenditure.basic.household":      {"5.67", "2024年基本支出105.57万元，其中：工资福利支出85.09万元，商品和服务支出14.81万元，对个人和家庭的补助支出5.67万元。"},
	"科普行动计划经费":                         {"16", "2024年项目支出113.8万元，其中：科普行动计划经费16万元，换届选举经费10.77万元，转拨老科协预算资金30.60万元，科普专项、青少年科技工作经费53.93万元，乡村振兴工作经费2.5万元。"},
	"换届选举经费":                           {"10.77", "2024年项目支出113.8万元，其中：科普行动计划经费16万元，换届选举经费10.77万元，转拨老科协预算资金30.60万元，科普专项、青少年科技工作经费53.93万元，乡村振兴工作经费2.5万元。"},
	"转拨老科协预算资金":                        {"30.60", "2024年项目支出113.8万元，其中：科普行动计划经费16万元，换届选举经费10.77万元，转拨老科协预算资金30.60万元，科普专项、青少年科技工作经费53.93万元，乡村振兴工作经费2.5万元。"},
	"科普专项、青少年科技工作经费":                   {"53.93", "2024年项目支出113.8万元，其中：科普行动计划经费16万元，换届选举经费10.77万元，转拨老科协预算资金30.60万元，科普专项、青少年科技工作经费53.93万元，乡村振兴工作经费2.5万元。"},
	"乡村振兴工作经费":                         {"2.5", "2024年项目支出113.8万元，其中：科普行动计划经费16万元，换届选举经费10.77万元，转拨老科协预算资金30.60万元，科普专项、青少年科技工作经费53.93万元，乡村振兴工作经费2.5万元。"},
	"three_public.total":               {"1.27", "2024年“三公”经费支出1.27万元。"},
	"three_public.abroad":              {"0", "1．因公出国（境）费用0万元；"},
	"three_public.reception":           {"0.26", "2．公务接待费0.26万元；"},
	"three_public.vehicle":             {"1.01", "3．公务用车购置及运行费1.01万元。"},
}

const seedStaff = "我单位编制人数为7人，实际人数11人（其中在职6人，离退休5人）。小车编制数1台，实际1台。"

// seedReport builds the seed's Report by hand from its gold figures, as the extractor should
// produce it: amounts in 万元 with the decimals the text prints, the income and spending
// paragraph stated twice (the report repeats it), the transfer to 老科协 as a claim.
func seedReport(t *testing.T) Report {
	t.Helper()
	data, err := os.ReadFile("testdata/longhui-kexie-2024.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	r := Report{ReportID: "seed000000000001", Path: g.Path, Status: g.Status}
	r.Identity = extract.Identity{Title: "隆回县科学技术协会\n2024年部门整体支出绩效自评报告", Department: g.Department, Region: g.Region, Year: g.Year}
	var repeats []extract.Figure
	for _, gf := range g.Figures {
		f := extract.Figure{Metric: gf.Metric, Basis: extract.Basis(gf.Basis), Item: gf.Item, Value: decimal.RequireFromString(gf.Value),
			Method: extract.MethodProse, Location: "p8"}
		switch {
		case gf.Metric == "staff.authorized" || gf.Metric == "staff.actual" || gf.Metric == "staff.in_service" || gf.Metric == "staff.retired":
			f.Unit, f.UnitText, f.Raw, f.Location = extract.UnitPerson, "人", seedStaff, "p4"
		case gf.Metric == "vehicles.authorized" || gf.Metric == "vehicles.actual":
			f.Unit, f.UnitText, f.Raw, f.Location = extract.UnitVehicle, "台", seedStaff, "p4"
		default:
			key := gf.Metric
			if gf.Item != "" {
				key = gf.Item
			}
			pr, ok := seedPrinted[key]
			if !ok {
				t.Fatalf("no printed form for %s", key)
			}
			printed := decimal.RequireFromString(pr[0]).Mul(tenThousand)
			if !printed.Equal(f.Value) {
				t.Fatalf("%s: gold %s, printed %s万元", key, f.Value, pr[0])
			}
			f.Unit, f.UnitText, f.Raw, f.Year = extract.UnitYuan, "万元", pr[1], 2024
			wf := wanFigure(gf.Metric, f.Basis, gf.Item, pr[0])
			f.Decimals = wf.Decimals
			if gf.Metric == "income.total" || gf.Metric == "income.fiscal" || gf.Metric == "income.other" ||
				gf.Metric == "expenditure.total" || gf.Metric == "expenditure.basic" || gf.Metric == "expenditure.project" {
				again := f
				again.Location = "p20"
				repeats = append(repeats, again)
			}
		}
		r.Figures = append(r.Figures, f)
	}
	r.Figures = append(r.Figures, repeats...)
	amt := decimal.RequireFromString("306000")
	r.Claims = []extract.Claim{{Kind: extract.ClaimTransfer, Metric: "expenditure.project", Basis: extract.Actual, Amount: &amt, Target: "老科协",
		Raw: "转拨老科协预算资金30.60万元", Location: "p16"}}
	r.Sections = []extract.Section{
		{Heading: "存在的问题", Text: "预算编制不科学,年度预算执行偏差较大。固定资产清查不及时，管理制度不健全。", Location: "p60"},
		{Heading: "改进措施和有关建议", Text: "1.加强预算管理，做到“无预算不支出”。提高预算的编制质量，按照年度预算安排和工作进度，持续加大推进预算执行力度。2.加强固定资产管理，完善各种制度，推动条码管理，定期盘点，及时处置核实闲置报废资产。", Location: "p62"},
	}
	return r
}

func TestSeedGivesExactlyTheDeficit(t *testing.T) {
	r := seedReport(t)
	findings, checks := Run([]Report{r}, Config{})
	if len(findings) != 1 {
		for _, f := range findings {
			t.Logf("%s %s %s", f.Rule, f.Severity, f.Message)
		}
		t.Fatalf("%d findings, want exactly 1 (balance.deficit)", len(findings))
	}
	f := findings[0]
	if f.Rule != "balance.deficit" || f.Severity != SeverityWarning {
		t.Fatalf("finding %s/%s, want balance.deficit/warning", f.Rule, f.Severity)
	}
	if f.Expected == nil || f.Actual == nil || !f.Expected.Equal(decimal.RequireFromString("2147800")) || !f.Actual.Equal(decimal.RequireFromString("2193700")) {
		t.Errorf("expected/actual %v/%v, want 2147800/2193700", f.Expected, f.Actual)
	}
	const msg = "支出合计219.37万元超过收入合计214.78万元4.59万元，且未说明上年结转结余。"
	if f.Message != msg {
		t.Errorf("message %q, want %q", f.Message, msg)
	}
	if f.Evidence == "" || f.ReportID != r.ReportID || f.Path != r.Path {
		t.Errorf("finding lacks evidence or report: %+v", f)
	}
	gold, _ := os.ReadFile("testdata/longhui-kexie-2024.gold.json")
	var g goldFile
	_ = json.Unmarshal(gold, &g)
	if len(g.Anomalies) != 1 || g.Anomalies[0].Rule != f.Rule || g.Anomalies[0].Severity != f.Severity {
		t.Errorf("gold anomalies %+v differ from %s/%s", g.Anomalies, f.Rule, f.Severity)
	}
	want := map[string]string{
		"sum.expenditure": OutcomePassed, "sum.basic": OutcomePassed, "sum.project_items": OutcomePassed,
		"sum.income": OutcomePassed, "sum.three_public": OutcomePassed, "restated.conflict": OutcomePassed,
		"staff.sum": OutcomePassed, "staff.over_authorized": OutcomePassed, "vehicles.over_authorized": OutcomePassed,
		"balance.deficit": OutcomeFlagged, "missing.disclosure": OutcomePassed, "year.mismatch": OutcomePassed,
		"unit.suspect": OutcomePassed, "peer.outlier": OutcomeInsufficient, "yoy.swing": OutcomeNotApplicable,
		"prior.mismatch": OutcomeNotApplicable, "transfer.unmatched": OutcomeNotApplicable, "text.duplicate": OutcomeNotApplicable,
		"reference.mismatch": OutcomeNotApplicable, "submission.missing": OutcomeNotApplicable, "percent.mismatch": OutcomeNotApplicable,
		"sum.vehicle": OutcomeNotApplicable,
	}
	if len(checks) != len(registry) {
		t.Errorf("%d checks, want %d", len(checks), len(registry))
	}
	for _, c := range checks {
		if w, ok := want[c.Rule]; ok && c.Outcome != w {
			t.Errorf("%s: outcome %s (%s), want %s", c.Rule, c.Outcome, c.Detail, w)
		}
		if c.Rule == "balance.deficit" && c.Detail != f.AnomalyID {
			t.Errorf("balance.deficit detail %q, want the anomaly id %s", c.Detail, f.AnomalyID)
		}
		if c.Rule == "reference.mismatch" && c.Detail != "未提供 --reference 文件" {
			t.Errorf("reference.mismatch detail %q", c.Detail)
		}
	}
}
