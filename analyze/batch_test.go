package analyze

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/extract"
)

// ownText gives each department a narrative of its own (taken from the seed report).
var ownText = []string{
	"一是进一步巩固全国科普示范县创建成果，做好后期评估准备工作；二是认真履行县全民科学素质行动规划纲要实施领导小组办公室职责，认真实施五类重点人群科学素质提升行动。",
	"一是利用科普平台、公众号等载体积极推介优秀科技工作者，宣传其先进事迹和典型经验；二是组织开展好科技工作者日活动，打造名副其实的科技工作者之家。",
	"一是深入开展院士、专家联络服务工作，支持帮助企业与高等院校及科研院所合作，搭建校企合作、技术合作有效平台；二是加强院士工作站和学会服务站建设。",
	"常态化开展党纪学习教育活动，通过学习典型案例通报、廉政家访、观看警示教育片、参观廉政教育基地等方式，引导党员干部增强纪律意识和规矩意识。",
	"科技小院建设步伐加快，中国农技协年内批复小沙江中药材商会金银花科技小院，目前全县建立国家级科技小院2家、省级科技小院7家，院士专家工作站建设服务到位。",
	"在全市成立首家县级农村专业技术协会联合会，与省农技协开展智惠行动百会百县乡村行项目，打造为乡村全面振兴提供科技科普服务的坚实平台。",
	"以科普大篷车、科普宣传展板为载体，联合县政协、县委政法委、县应急局等单位深入机关、农村、社区、学校、企业开展科学家精神宣讲和防灾减灾科普宣传活动。",
}

// boilerplate is the template paragraph every unit of the county copies: not a finding.
const boilerplate = "基本经费支出用于保障单位机构正常运转、完成日常工作任务而发生的各项支出，包括用于基本工资、津贴补贴、奖金、机关事业单位养老保险和其他社会保障缴费、其他工资福利等人员经费以及办公费、印刷费、水电费及办公设备购置等日常公用经费。"

// countyBatch is 隆回县: 7 departments × 2023 and 2024, with injected inconsistencies.
// It returns the reports and, per injected problem, the rule and the path it must flag.
func countyBatch() ([]Report, [][2]string) {
	scales := []string{"1", "1.3", "0.8", "1.6", "2.1", "0.9", "1.2"}
	var reports []Report
	id := func(k, year int) string { return fmt.Sprintf("d%d-%d", k, year) }
	for k, dept := range peerDepartments {
		for _, year := range []int{2023, 2024} {
			scale := scales[k]
			if year == 2024 { // slightly larger the next year: 1.3 → 1.35, 1 → 1.05
				scale = scales[k] + "5"
				if !strings.Contains(scales[k], ".") {
					scale = scales[k] + ".05"
				}
			}
			figs := cleanFigures(scale)
			var extra []any
			switch {
			case k == 1 && year == 2024: // 妇联 misquotes last year's spending
				extra = append(extra, pri("expenditure.total", "250.00"))
			case k == 3 && year == 2024: // 文联: 三公 share far above its peers
				figs = replace(figs, act("three_public.vehicle", "31.01"))
				figs = replace(figs, act("three_public.total", "31.27"))
				// keep 三公 consistent: 0 + 0.26·k + 31.01 — recompute from the stated parts
				figs = fixThreePublic(figs)
			case k == 0 && year == 2024: // 科协 passes 300万元 to 老科协, whose income is ~270万元
				extra = append(extra, transfer("老科协", "300.00"))
			case k == 5 && year == 2024: // 侨联 wrote every 元 amount as 万元
				figs = cleanFigures("9500")
			}
			parts := []any{figs, sec("基本支出情况", boilerplate), sec("工作开展情况", ownText[k])}
			if year == 2024 && (k == 1 || k == 2) { // 妇联 and 残联 share a copied section
				parts = append(parts, sec("存在的问题", dupTextB))
			}
			parts = append(parts, extra...)
			reports = append(reports, rep(id(k, year), dept, year, parts...))
		}
	}
	// 残联's project spending jumps in 2024 (yoy.swing), kept consistent within the report.
	for i := range reports {
		if reports[i].ReportID == id(2, 2024) {
			reports[i].Figures = bumpProject(reports[i].Figures, "150.00")
		}
	}
	want := [][2]string{
		{"prior.mismatch", id(1, 2024)},
		{"peer.outlier", id(3, 2024)},
		{"transfer.unmatched", id(0, 2024)},
		{"unit.suspect", id(5, 2024)},
		{"yoy.swing", id(2, 2024)},
		{"text.duplicate", id(1, 2024)}, // the first of the copied pair by path holds the one finding
		{"reference.mismatch", id(1, 2024)},
		{"submission.missing", ""},
	}
	return reports, want
}

func fixThreePublic(figs []extract.Figure) []extract.Figure {
	fx := buildFacts(figs)
	a, _ := fx.get("three_public.abroad", extract.Actual, "")
	r, _ := fx.get("three_public.reception", extract.Actual, "")
	v, _ := fx.get("three_public.vehicle", extract.Actual, "")
	return replace(figs, act("three_public.total", a.v.Add(r.v).Add(v.v).Div(tenThousand).StringFixed(2)))
}

// bumpProject adds to the project spending and carries it into the totals and income.
func bumpProject(figs []extract.Figure, addWan string) []extract.Figure {
	fx := buildFacts(figs)
	add := act("expenditure.project", addWan).Value
	get := func(m string) string {
		a, _ := fx.get(m, extract.Actual, "")
		return a.v.Add(add).Div(tenThousand).StringFixed(2)
	}
	return replace(figs, act("expenditure.project", get("expenditure.project")), act("expenditure.total", get("expenditure.total")),
		act("income.total", get("income.total")), act("income.fiscal", get("income.fiscal")))
}

func TestCountyBatch(t *testing.T) {
	reports, want := countyBatch()
	cfg := Config{
		Reference: []ReferenceRow{refRow("县妇联", 2024, "expenditure.total", extract.Actual, "2000000")},
		Expected:  []ExpectedRow{{Department: "隆回县总工会", Year: 2024, Line: 9}},
	}
	for k, d := range peerDepartments {
		cfg.Expected = append(cfg.Expected, ExpectedRow{Department: d, Year: 2024, Line: k + 2})
	}
	findings, checks := Run(reports, cfg)
	got := map[[2]string]bool{}
	for _, f := range findings {
		got[[2]string{f.Rule, f.ReportID}] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("injected %s on %q not found", w[0], w[1])
		}
	}
	// The clean reports raise no error or warning.
	injected := map[string]bool{}
	for _, w := range want {
		injected[w[1]] = true
	}
	for _, f := range findings {
		if f.Severity != SeverityInfo && !injected[f.ReportID] {
			t.Errorf("clean report %s: %s %s %s", f.ReportID, f.Rule, f.Severity, f.Message)
		}
	}
	// Every injected report raises only what was injected, and the cross-report findings name the other report.
	for _, f := range findings {
		switch f.Rule {
		case "prior.mismatch", "yoy.swing", "transfer.unmatched", "text.duplicate":
			if len(f.Related) == 0 {
				t.Errorf("%s without related report", f.Rule)
			}
		case "submission.missing":
			if f.ReportID != "" || f.Path != "" || !strings.Contains(f.Message, "隆回县总工会") || !strings.Contains(f.Message, "2024") {
				t.Errorf("submission.missing: %+v", f)
			}
		}
		t.Logf("%-8s %-18s %-10s %s", f.Severity, f.Rule, f.ReportID, f.Message)
	}
	if len(checks) != len(reports)*len(registry) {
		t.Errorf("%d checks, want %d", len(checks), len(reports)*len(registry))
	}
	// Deterministic: the same input gives the same output, in order.
	f2, c2 := Run(reports, cfg)
	if !reflect.DeepEqual(findings, f2) || !reflect.DeepEqual(checks, c2) {
		t.Errorf("Run is not deterministic")
	}
	// Sorted: severity, then department, path, rule.
	for i := 1; i < len(findings); i++ {
		a, b := findings[i-1], findings[i]
		if severityRank[a.Severity] > severityRank[b.Severity] {
			t.Errorf("findings not sorted by severity at %d", i)
		}
	}
	for i := 1; i < len(checks); i++ {
		if checks[i-1].Path > checks[i].Path || (checks[i-1].Path == checks[i].Path && checks[i-1].Rule > checks[i].Rule) {
			t.Errorf("checks not sorted at %d", i)
		}
	}
}

func TestFailedReportIsNeverPassed(t *testing.T) {
	r := Report{ReportID: "x", Path: "broken.docx", Status: "failed"}
	_, checks := Run([]Report{r, rep("r1", "隆回县科学技术协会", 2024, cleanFigures("1"))}, Config{})
	for _, c := range checks {
		if c.ReportID == "x" && c.Outcome != OutcomeInsufficient && c.Outcome != OutcomeNotApplicable {
			t.Errorf("%s on a failed report: %s", c.Rule, c.Outcome)
		}
	}
}

func TestConflictingFigureIsNotUsed(t *testing.T) {
	r := rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), act("expenditure.total", "229.37"),
		act("expenditure.basic", "105.57"), act("expenditure.project", "113.80"), act("income.total", "100.00"))
	findings, checks := Run([]Report{r}, Config{})
	for _, f := range findings {
		if f.Rule != "restated.conflict" && f.Rule != "missing.disclosure" {
			t.Errorf("a conflicting figure was used as certain: %s %s", f.Rule, f.Message)
		}
	}
	for _, c := range checks {
		if (c.Rule == "sum.expenditure" || c.Rule == "balance.deficit") && c.Outcome != OutcomeInsufficient {
			t.Errorf("%s: %s, want insufficient", c.Rule, c.Outcome)
		}
	}
}

func TestAnomalyIDStable(t *testing.T) {
	a := anomalyID("sum.basic", "abc", nil, []string{"expenditure.basic"}, "actual")
	if a != anomalyID("sum.basic", "abc", nil, []string{"expenditure.basic"}, "actual") || len(a) != 16 {
		t.Fatal("anomaly id not stable")
	}
	if a == anomalyID("sum.basic", "abc", nil, []string{"expenditure.basic"}, "budget") {
		t.Fatal("anomaly id ignores the item/basis")
	}
}

func TestLargeBatchUsesMinHash(t *testing.T) {
	// More sections than exactPairsMax: the MinHash path must still find the copied pair.
	var reports []Report
	for k := 0; k < 160; k++ {
		text := fmt.Sprintf("第%d号单位今年围绕中心工作开展调研%d次，编写材料%d份，组织培训%d期，服务群众%d人次，完成各项目标任务，取得明显成效，%s", k, k*3+1, k*7+2, k%9+1, k*131+17, ownText[k%len(ownText)][:30])
		reports = append(reports, rep(fmt.Sprintf("u%03d", k), fmt.Sprintf("隆回县第%d单位", k), 2024, sec("工作", text), sec("措施", text+"再加强")))
	}
	reports[7].Sections = append(reports[7].Sections, sec("存在的问题", dupTextB))
	reports[99].Sections = append(reports[99].Sections, sec("问题", dupTextB))
	findings, _ := Run(reports, Config{})
	n := 0
	for _, f := range findings {
		if f.Rule == "text.duplicate" {
			n++
			if f.ReportID != "u007" || !slices.Equal(f.Related, []string{"u099"}) {
				t.Errorf("unexpected duplicate: %s %v %s", f.ReportID, f.Related, f.Message)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d text.duplicate findings, want 1 (the pair's cluster)", n)
	}
}
