package analyze

import (
	"strings"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// The rules of self-evaluation tables (绩效自评表). What a finance bureau's 绩效科 checks first is
// whether the self-given scores are honest: they add up, stay within their weights, follow
// from the execution rate, match the grade; the funds rows add up; the table was filled in.

const scoreTolDoc = "Scores are written values: a weight is never rounded, an integer score is taken as given, and a score " +
	"with decimals may be rounded, so it carries half a unit of its last decimal (1.9: ±0.05); the total carries " +
	"half a unit of its own."

// ruleScoreSum checks that a table's scores add up to its 总分 and its weights to the total
// weight. A total the indicators do not add up to is the first sign of a score set by hand.
var ruleScoreSum = Rule{
	ID: "score.sum", Severity: SeverityError, Title: "指标得分与总分不符", Scope: ScopeReport,
	Description: "the indicator scores (with the budget-execution score) add up to the stated total score, and the weights to the stated total weight",
	Doc: "Per self-evaluation table that states a total (总分 row, 自评得分): the indicators' scores plus the budget-execution " +
		"score (the funds total row's 得分, or an indicator named 预算执行率) against the total score, and their weights " +
		"(分值) against the total weight when the total row states one. " + scoreTolDoc + " Expected = the sum, actual = " +
		"the stated total. With blank scores: flagged when the stated ones already exceed the total, or when even full " +
		"marks for the blank rows (their weights) stay below it; rows whose weight is blank too (a row cut off by the copy) " +
		"count at most what the stated weights leave of the total weight (100 when the table states none); else insufficient. One finding per table and side " +
		"(scores, weights). insufficient also for a table read without its header (evaluations.fragment: a copy that cut " +
		"it may have lost rows). not_applicable: no table, or no total.",
	Check: checkScoreSum,
	Scenarios: []Scenario{
		{Name: "四项指标得分28、19、18、20与预算执行得分10之和为95分，总分写97分", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", total("100", "97"),
				ind("巡护里程", "≥1200公里", "1260公里", "30", "28"), ind("火情处置及时率", "100%", "100%", "20", "19"),
				ind("设备完好率", "≥95%", "96%", "20", "18"), ind("群众满意度", "≥90%", "93%", "20", "20"),
				funds("total", "年度资金总额", "", "50", "49", "98%", "10", "10")))}},
		{Name: "指标分值合计100分另加预算执行10分，总分值却写100分", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", total("100", "100"),
				ind("巡护里程", "≥1200公里", "1260公里", "50", "50"), ind("群众满意度", "≥90%", "93%", "50", "50"),
				funds("total", "年度资金总额", "", "50", "50", "100%", "10", "")))}},
		{Name: "得分合计与总分95分相符", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", total("100", "95"),
				ind("巡护里程", "≥1200公里", "1260公里", "30", "28"), ind("火情处置及时率", "100%", "100%", "20", "19"),
				ind("设备完好率", "≥95%", "96%", "20", "18"), ind("群众满意度", "≥90%", "93%", "20", "20"),
				funds("total", "年度资金总额", "", "50", "49", "98%", "10", "10")))}},
		{Name: "一位小数的得分1.9、1.8、1.7按比例折算，合计5.4分，总分写5.5分：在四个一位小数各±0.05的范围内", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "县卫生院", 2024, proj("基本公共卫生服务", total("6", "5.5"),
				ind("高血压规范管理数", "3807人", "3624人", "2", "1.9"), ind("糖尿病规范管理数", "863人", "781人", "2", "1.8"),
				ind("老年人体检数", "5662人", "4810人", "2", "1.7")))}},
		{Name: "一项指标未填得分，已填合计80分，加上该项分值20分可达100分，总分98分在此范围内，无法判断", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", total("", "98"),
				ind("巡护里程", "≥1200公里", "1260公里", "40", "40"), ind("设备完好率", "≥95%", "96%", "40", "40"),
				ind("群众满意度", "≥90%", "", "20", "")))}},
		{Name: "一项指标未填得分，其余合计70分，该项按分值10分计也只有80分，低于总分98分", Kind: "edge", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", total("", "98"),
				ind("巡护里程", "≥1200公里", "1260公里", "40", "40"), ind("设备完好率", "≥95%", "96%", "30", "30"),
				ind("群众满意度", "≥90%", "", "10", "")))}},
		{Name: "末行被截断、分值得分皆空，其余分值合计80分、得分合计60分，末行按余下20分计也只有80分，低于总分97分", Kind: "edge", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "县第三中学", 2024, proj("校舍维修经费", total("", "97"),
				ind("维修面积", "≥800平方米", "820平方米", "40", "30"), ind("工程验收合格率", "100%", "100%", "40", "30"),
				ind("师生满意度", "", "", "", "")))}},
		{Name: "末行被截断、分值得分皆空，其余得分合计75分，末行按余下20分计可达95分，总分90分在此范围内，无法判断", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "县第三中学", 2024, proj("校舍维修经费", total("", "90"),
				ind("维修面积", "≥800平方米", "820平方米", "40", "40"), ind("工程验收合格率", "100%", "100%", "40", "35"),
				ind("师生满意度", "", "", "", "")))}},
	},
}

// ruleScoreOverWeight finds a score above its weight: a score the scale does not allow.
var ruleScoreOverWeight = Rule{
	ID: "score.over_weight", Severity: SeverityError, Title: "得分超过分值", Scope: ScopeReport,
	Description: "an indicator's score exceeds its weight",
	Doc: "Every indicator row, and the funds total row (the budget-execution score), that states both a weight (分值) and a " +
		"score (得分), and whose values were not cut out of numbers run together in the text (indicators.cut): flagged " +
		"when the score is larger. No tolerance: a weight is never rounded, and a score rounded to " +
		"its decimals can reach its weight but not pass it. Expected = the weight, actual = the score. One finding per row. " +
		"not_applicable: no row states both.",
	Check: checkOverWeight,
	Scenarios: []Scenario{
		{Name: "指标“设备完好率”分值10分，得分12分", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				ind("巡护里程", "≥1200公里", "1260公里", "20", "20"), ind("设备完好率", "≥95%", "96%", "10", "12")))}},
		{Name: "预算执行率分值10分，得分写成99分", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "县市场监督管理局", 2024, proj("委托检测经费",
				funds("total", "年度资金总额", "30", "30", "30", "100%", "10", "99")))}},
		{Name: "各项得分均不超过分值", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				ind("巡护里程", "≥1200公里", "1260公里", "20", "18"), ind("设备完好率", "≥95%", "96%", "10", "10")))}},
		{Name: "得分10.0分等于分值10分", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", ind("设备完好率", "≥95%", "96%", "10", "10.0")))}},
	},
}

// ruleScoreUnmetFull finds full marks for a target that was missed.
var ruleScoreUnmetFull = Rule{
	ID: "score.unmet_full", Severity: SeverityWarning, Title: "未完成目标仍得满分", Scope: ScopeReport,
	Description: "an indicator whose actual falls short of its target still gets its full weight",
	Doc: "Every indicator whose target and actual are numbers in the same unit (met is known, see the indicators table: " +
		"the comparator of the target, ≥ when there is none, ≤ for a name that says lower is better) and that states its " +
		"weight and score: flagged when it falls short and its score is its full weight. No tolerance on the shortfall: " +
		"a target missed by a little still earns less than full marks under a proportional scale. One finding per row. " +
		"not_applicable: no indicator can be judged.",
	Check: checkUnmetFull,
	Scenarios: []Scenario{
		{Name: "居民健康档案目标38508人、完成37442人，仍得满分3分", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "县卫生院", 2024, proj("基本公共卫生服务", ind("居民健康档案", "38508人", "37442人", "3", "3"),
				ind("疫苗接种率", "100%", "97.3%", "2", "1.9")))}},
		{Name: "目标≥95%、完成96%，得满分", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", ind("设备完好率", "≥95%", "96%", "10", "10")))}},
		{Name: "未达目标但按比例扣分：得1.9分（分值2分）", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "县卫生院", 2024, proj("基本公共卫生服务", ind("疫苗接种率", "100%", "97.3%", "2", "1.9")))}},
		{Name: "目标“≤90万元”、实际支出88万元：是完成，不是未完成", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", ind("项目总成本", "≤90万元", "88万元", "10", "10")))}},
	},
}

// ruleScoreGrade checks the stated grade against the total score.
var ruleScoreGrade = Rule{
	ID: "score.grade", Severity: SeverityError, Title: "评价等级与得分不符", Scope: ScopeReport,
	Description: "the stated grade disagrees with the total score: 优 ≥ 90, 良 80 to under 90, 中 60 to under 80, 差 under 60",
	Doc: "Per self-evaluation table that states a grade (自评等级, or a grade after its 总分): its total score's grade by SPEC's " +
		"bands (优 ≥ 90, 良 80 to under 90, 中 60 to under 80, 差 under 60; 优秀, 良好 read as 优, 良), exactly as stated — a " +
		"score of 89.9 is 良. A report whose tables state no grade is checked by the grade in its text (自评等级为“优”) against " +
		"its score.self_evaluation. Actual = the score. insufficient: a grade without a score.",
	Check: checkGrade,
	Scenarios: []Scenario{
		{Name: "总分92分，等级写“良”", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", total("100", "92"), grade("良")))}},
		{Name: "总分96分，等级“优”", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", total("100", "96"), grade("优")))}},
		{Name: "总分恰为90分，为“优”", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", total("100", "90"), grade("优")))}},
		{Name: "总分89.9分写“优”：不到90分", Kind: "edge", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", total("100", "89.9"), grade("优")))}},
		{Name: "报告正文称自评得分78.5分、等级“良”", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, score("78.5"), gradeStated("良"))}},
		{Name: "表中写了等级，没有总分", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", grade("优")))}},
	},
}

// ruleScoreExecution checks the budget-execution score against 执行率 × its weight.
var ruleScoreExecution = Rule{
	ID: "score.execution", Severity: SeverityWarning, Title: "预算执行得分与执行率不符", Scope: ScopeReport,
	Description: "the budget-execution score differs from 执行率 × its weight (where the table states both and scores linearly)",
	Doc: "Per table with a budget-execution score (the funds total row's 得分 with its 分值, or an indicator named 预算执行率) " +
		"and its rate: expected = rate × weight, at most the weight (最高不得超过分值上限). The rate is executed ÷ budget " +
		"(全年预算数, else 年初预算数) when the total row states both, else the stated 执行率. Tolerance: half a unit of the " +
		"score's last decimal plus the rate's rounding times the weight. Banded scoring is not linear and not flagged: a " +
		"table that says so (90%以上得满分, 每低1个百分点扣…: evaluations.execution_scoring = banded), and full marks at a rate " +
		"of 90 % or more in a table that does not say it scores linearly. insufficient: a score without its weight or rate.",
	Check: checkExecutionScore,
	Scenarios: []Scenario{
		{Name: "执行率97.80%、分值10分，按执行率应得9.78分，表中得9分", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "临翔区林业和草原局", 2024, proj("野生动物收容所建设项目",
				funds("total", "年度资金总额", "", "32.4", "31.69", "97.80%", "10", "9")))}},
		{Name: "执行数30万元、预算数278.4449万元，20分×10.77%应得2.15分，表中2.16分", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "县土壤肥料工作站", 2024, proj("化肥减量增效示范项目",
				funds("total", "年度财政资金总额", "", "278.4449", "30.00", "10.77%", "20", "2.16")))}},
		{Name: "执行率95.38%，10分×95.38%=9.54分", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				funds("total", "年度资金总额", "", "230.00", "219.37", "95.38%", "10", "9.54")))}},
		{Name: "执行率96%得满分10分：90%以上得满分的分档计分", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				funds("total", "年度资金总额", "", "50", "48", "96%", "10", "10")))}},
		{Name: "表中注明分档计分（90%以上得满分，每低1个百分点扣0.5分），执行率85%得7.5分", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费", scoring(extract.ExecutionBanded),
				funds("total", "年度资金总额", "", "100", "85", "85%", "10", "7.5")))}},
		{Name: "得分未写执行率和金额", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				funds("total", "年度资金总额", "", "", "", "", "10", "9")))}},
	},
}

// ruleSumFunds checks the funds block: its 年度资金总额 is the sum of the sources under it.
var ruleSumFunds = Rule{
	ID: "sum.funds", Severity: SeverityError, Title: "资金总额与资金来源不符", Scope: ScopeReport,
	Description: "a funds column's 年度资金总额 differs from the sum of the source rows under it",
	Doc: "Per funds block, per column (年初预算数, 全年预算数, 全年执行数) and per total row: the total against the sum of the " +
		"source rows under it (本年财政拨款, 上年结转资金, 其他资金 … up to the next total row), blank sources counting as " +
		"none; only columns where some source is stated. Tolerance: half a unit of each amount's last decimal in the unit " +
		"written (万元 with two decimals: 50 元 each), summed. Expected = the sum, actual = the total. insufficient: sources " +
		"stated under a blank total, or amounts cut out of numbers run together in the text (funds.cut: the cut is a guess).",
	Check: checkSumFunds,
	Scenarios: []Scenario{
		{Name: "年度资金总额0/0/0万元，其中本年财政拨款90/89.97/89.97万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 3,
			Reports: []Report{rep("r1", "池州市贵池区棠溪镇人民政府", 2022, proj("委托业务项目",
				funds("total", "年度资金总额", "0", "0", "0", "0", "10", "0"), funds("fiscal", "其中：本年财政拨款", "90", "89.97", "89.97", "", "", "")))}},
		{Name: "总额329.77万元，其中当年财政拨款329.77万元", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "金寨县乡村建设服务中心", 2023, dept(
				funds("total", "年度资金总额", "329.77", "329.77", "338.31", "102.59%", "10", ""), funds("fiscal", "其中：当年财政拨款", "329.77", "329.77", "338.31", "", "", "")))}},
		{Name: "三项来源166.00+136.00+20.25=322.25万元，总额写321.25万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "彭水县卫生健康委员会", 2024, proj("计划生育家庭特别扶助制度补助资金",
				funds("total", "年度预算资金总额", "", "321.25", "", "", "", ""), funds("fiscal", "其中：中央补助", "", "166.00", "", "", "", ""),
				funds("fiscal", "市级资金", "", "136.00", "", "", "", ""), funds("fiscal", "本级资金", "", "20.25", "", "", "", "")))}},
		{Name: "两项来源之和与总额差0.01万元（100元），在三个两位小数万元数各±50元的范围内", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				funds("total", "年度资金总额", "", "120.01", "", "", "", ""), funds("fiscal", "其中：财政拨款", "", "100.00", "", "", "", ""),
				funds("other", "其他资金", "", "20.00", "", "", "", "")))}},
		{Name: "来源写了金额，总额空白", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				funds("total", "年度资金总额", "", "", "", "", "", ""), funds("fiscal", "其中：财政拨款", "", "100.00", "", "", "", "")))}},
	},
}

// ruleIndicatorBlank finds a self-evaluation table left unfilled.
var ruleIndicatorBlank = Rule{
	ID: "indicator.blank", Severity: SeverityWarning, Title: "绩效指标未填写", Scope: ScopeReport,
	Description: "a self-evaluation table whose indicators have names but no actual values or scores (an unfilled template)",
	Doc: "Per table with at least two indicator rows: flagged when none of them states an actual value (实际完成值) or a " +
		"score (得分) — the names and targets of the template are there, the self-evaluation is not. passed: some row " +
		"states one. insufficient: a table read without its header (a fragment). not_applicable: no table, or fewer than two rows.",
	Check: checkBlankIndicators,
	Scenarios: []Scenario{
		{Name: "三项指标只有名称和目标值", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				ind("巡护里程", "≥1200公里", "", "30", ""), ind("设备完好率", "≥95%", "", "20", ""), ind("群众满意度", "≥90%", "", "20", "")))}},
		{Name: "实际完成值与得分已填", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				ind("巡护里程", "≥1200公里", "1260公里", "30", "30"), ind("设备完好率", "≥95%", "96%", "20", "20")))}},
		{Name: "只有一项填了实际完成值，其余空白：已开始填写", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县林业局", 2024, proj("森林防火专项经费",
				ind("巡护里程", "≥1200公里", "1260公里", "30", ""), ind("设备完好率", "≥95%", "", "20", "")))}},
	},
}

// gradeStated is a report's grade stated in its text, for scenarios.
type gradeStated string

// evalPart is something a scenario's self-evaluation table holds besides its rows.
type evalPart func(ev *extract.Evaluation)

// proj is a 项目支出绩效自评表 of a project, from indicators, funds rows and evalParts.
func proj(table string, parts ...any) extract.Evaluation {
	ev := extract.Evaluation{Table: table, Scope: extract.ScopeProject, Location: "t1"}
	for _, p := range parts {
		switch x := p.(type) {
		case extract.Indicator:
			x.Location = "t1r" + decimal.NewFromInt(int64(len(ev.Indicators)+8)).String()
			ev.Indicators = append(ev.Indicators, x)
		case extract.FundsRow:
			x.Location = "t1r" + decimal.NewFromInt(int64(len(ev.Funds)+3)).String()
			ev.Funds = append(ev.Funds, x)
		case evalPart:
			x(&ev)
		default:
			panic("proj: unexpected part")
		}
	}
	return ev
}

// dept is a 部门整体支出绩效自评表.
func dept(parts ...any) extract.Evaluation {
	ev := proj("", parts...)
	ev.Scope = extract.ScopeDepartment
	return ev
}

// optDec reads a scenario's number; "" is blank.
func optDec(s string) (*decimal.Decimal, int) {
	s = strings.TrimSuffix(s, "%")
	if s == "" {
		return nil, 0
	}
	d := decimal.RequireFromString(s)
	dec := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		dec = len(s) - i - 1
	}
	return &d, dec
}

// total is a table's 总分 row: its weight and score ("" blank).
func total(weight, score string) evalPart {
	return func(ev *extract.Evaluation) {
		ev.TotalWeight, _ = optDec(weight)
		ev.TotalScore, ev.TotalDecimals = optDec(score)
		ev.Raw = "总分 | " + weight + " | " + score
	}
}

// grade is the 自评等级 a table states.
func grade(g string) evalPart { return func(ev *extract.Evaluation) { ev.Grade = g } }

// scoring says how the table scores budget execution.
func scoring(s string) evalPart { return func(ev *extract.Evaluation) { ev.ExecutionScoring = s } }

// ind is an indicator row: name, target, actual, weight, score ("" blank). Its met is what
// the indicators table would say: both sides numbers in the same unit, compared by the
// target's sign (≥ when none).
func ind(name, target, actual, weight, score string) extract.Indicator {
	in := extract.Indicator{Level1: "产出指标", Level2: "数量指标", Name: name, Target: target, Actual: actual}
	in.Weight, in.WeightDecimals = optDec(weight)
	in.Score, in.ScoreDecimals = optDec(score)
	cmp, tv, tu := scenarioNumber(target)
	_, av, au := scenarioNumber(actual)
	in.Comparator, in.TargetValue, in.UnitText, in.ActualValue, in.ActualUnit = cmp, tv, tu, av, au
	if tv != nil && av != nil && (au == "" || au == tu) {
		var met bool
		switch cmp {
		case "<=":
			met = av.LessThanOrEqual(*tv)
		case "=":
			met = av.Equal(*tv)
		default:
			met = av.GreaterThanOrEqual(*tv)
		}
		in.Met = &met
	}
	in.Raw = strings.Join([]string{name, target, actual, weight, score}, " | ")
	return in
}

// scenarioNumber reads ≥95%, ≤90万元, 37442人 as comparator, number and unit.
func scenarioNumber(s string) (cmp string, v *decimal.Decimal, unit string) {
	for _, c := range []struct{ sign, cmp string }{{"≥", ">="}, {"≤", "<="}, {"=", "="}} {
		if strings.HasPrefix(s, c.sign) {
			cmp, s = c.cmp, strings.TrimPrefix(s, c.sign)
		}
	}
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.') {
		end++
	}
	if end == 0 {
		return cmp, nil, ""
	}
	d := decimal.RequireFromString(s[:end])
	return cmp, &d, s[end:]
}

// funds is a funds row: source, label and its cells in 万元 ("" blank); the rate in percent.
func funds(source, label, initial, adjusted, executed, rate, weight, score string) extract.FundsRow {
	f := extract.FundsRow{Source: source, Label: label, UnitText: "万元"}
	wan := func(s string) *decimal.Decimal {
		d, dec := optDec(s)
		if d == nil {
			return nil
		}
		f.Decimals = max(f.Decimals, dec)
		v := d.Mul(tenThousand)
		return &v
	}
	f.Initial, f.Adjusted, f.Executed = wan(initial), wan(adjusted), wan(executed)
	f.Rate, f.RateDecimals = optDec(rate)
	f.Weight, f.WeightDecimals = optDec(weight)
	f.Score, f.ScoreDecimals = optDec(score)
	f.Raw = strings.Join([]string{label, initial, adjusted, executed, weight, rate, score}, " | ")
	return f
}

// score is a score.self_evaluation figure.
func score(text string) extract.Figure {
	d, dec := optDec(text)
	return extract.Figure{Metric: "score.self_evaluation", Basis: extract.Actual, Value: *d, Unit: extract.UnitPoint, UnitText: "分",
		Raw: "自评得分" + text + "分", Location: "p3", Method: extract.MethodProse, Decimals: dec}
}
