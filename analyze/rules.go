package analyze

import (
	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// Scope says what a rule looks at: one report, or the whole batch.
type Scope string

// Scopes of rules.
const (
	// ScopeReport rules check the figures of one report against each other.
	ScopeReport Scope = "report"
	// ScopeBatch rules compare a report with other reports or with the bureau's inputs.
	ScopeBatch Scope = "batch"
)

// Rule is one analysis rule of SPEC's rule table, declared once in the registry below with
// everything the runner, the tests and the docs need.
type Rule struct {
	// ID is the SPEC rule ID (fixed: never renamed).
	ID string
	// Severity is error, warning or info, as SPEC assigns it.
	Severity string
	// Title is the rule's short Chinese name.
	Title string
	// Description says in one line what the rule checks.
	Description string
	// Doc says how it computes, its tolerance and when each outcome is given (Markdown).
	Doc   string
	Scope Scope
	// Peers is set on a report-scope rule that also reads other reports of the batch
	// (unit.suspect compares a figure with the peers' median and with other years), so that
	// it cannot run on one report alone (see Prepare).
	Peers bool
	// Input names the optional input the rule needs ("reference" or "expected"); without it
	// every check is not_applicable with the detail "未提供 --<input> 文件".
	Input string
	// Check judges report i of the batch. The runner sets the findings' rule, severity,
	// report and id, and turns a verdict with findings into flagged.
	Check func(b *Batch, i int) Verdict
	// Unreported, when set, raises findings that belong to no report (a unit that did not
	// submit): their report_id and path are empty.
	Unreported func(b *Batch) []Finding
	// Scenarios are the rule's examples: run by the tests, shown in the docs.
	Scenarios []Scenario
}

// Rules returns the registry: every rule, in SPEC order.
func Rules() []Rule {
	out := make([]Rule, len(registry))
	for i, r := range registry {
		out[i] = *r
	}
	return out
}

// registry lists every rule in SPEC's order. Each rule is declared below with a comment saying
// what it checks and why an analyst cares.
var registry = []*Rule{
	&ruleSumExpenditure, &ruleSumBasic, &ruleSumProjectItems, &ruleSumIncome, &ruleSumThreePublic, &ruleSumVehicle,
	&ruleRestatedConflict, &rulePercentMismatch, &ruleStaffSum, &ruleStaffOverAuthorized, &ruleVehiclesOverAuthorized,
	&ruleBalanceDeficit, &ruleMissingDisclosure, &ruleYearMismatch, &ruleUnitSuspect,
	&rulePeerOutlier, &ruleYoYSwing, &rulePriorMismatch, &ruleTransferUnmatched, &ruleTextDuplicate,
	&ruleReferenceMismatch, &ruleSubmissionMissing,
	&ruleScoreSum, &ruleScoreOverWeight, &ruleScoreUnmetFull, &ruleScoreGrade, &ruleScoreExecution, &ruleSumFunds, &ruleIndicatorBlank,
}

const sumDoc = "For each basis (actual, budget, prior) the figures are resolved (first statement; a metric stated " +
	"with conflicting values is not used). The total is compared with the sum of the parts; they agree when " +
	"|total − Σparts| ≤ the sum of the half-units of every figure involved (万元 with 2 decimals: 50 元 each; " +
	"1 decimal: 500 元; integer 万元: 5000 元). Expected = Σparts, actual = the stated total. " +
	"flagged: a basis disagrees, or the parts that are stated already exceed the total; passed: a basis agrees; " +
	"insufficient: the total or a required part is missing or conflicting, or the parts fall short of the total " +
	"where the text stops in the middle of its breakdown (extract's cut_off claim: an excerpt ending at 上年结); " +
	"not_applicable: none of them stated " +
	"(for the optional breakdowns — basic, income, vehicle — also a total stated without any part)."

// ruleSumExpenditure checks 支出合计 = 基本支出 + 项目支出. The two halves of spending must add
// up to the total every other ratio is computed on; a gap means a figure was mistyped or a
// category of spending is unaccounted for.
var ruleSumExpenditure = Rule{
	ID: "sum.expenditure", Severity: SeverityError, Title: "支出合计与基本、项目支出不符", Scope: ScopeReport,
	Description: "expenditure.total = expenditure.basic + expenditure.project",
	Doc:         sumDoc,
	Check:       sumExpenditureSpec.check,
	Scenarios: []Scenario{
		{Name: "支出合计229.37万元，基本支出105.57万元与项目支出113.80万元之和为219.37万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "229.37"), act("expenditure.basic", "105.57"), act("expenditure.project", "113.80"))}},
		{Name: "三项相符", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), act("expenditure.basic", "105.57"), act("expenditure.project", "113.8"))}},
		{Name: "相差0.01万元（100元），在三个两位小数万元数各±50元的舍入范围（150元）内", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.38"), act("expenditure.basic", "105.57"), act("expenditure.project", "113.80"))}},
		{Name: "相差0.02万元（200元），超出150元的舍入范围", Kind: "edge", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.39"), act("expenditure.basic", "105.57"), act("expenditure.project", "113.80"))}},
		{Name: "只说了支出合计", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"))}},
	},
}

// ruleSumBasic checks 基本支出 = 工资福利 + 商品和服务 + 对个人和家庭的补助 (+ 资本性支出). The
// breakdown of basic spending is what analysts use to judge running costs; it must add up.
var ruleSumBasic = Rule{
	ID: "sum.basic", Severity: SeverityError, Title: "基本支出与明细不符", Scope: ScopeReport,
	Description: "expenditure.basic = personnel + goods_services + household (+ capital), when all parts are stated",
	Doc:         sumDoc + " The capital part is added when stated.",
	Check:       sumBasicSpec.check,
	Scenarios: []Scenario{
		{Name: "对个人和家庭的补助写成6.67万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.basic", "105.57"), act("expenditure.basic.personnel", "85.09"),
				act("expenditure.basic.goods_services", "14.81"), act("expenditure.basic.household", "6.67"))}},
		{Name: "种子报告：85.09+14.81+5.67=105.57", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.basic", "105.57"), act("expenditure.basic.personnel", "85.09"),
				act("expenditure.basic.goods_services", "14.81"), act("expenditure.basic.household", "5.67"))}},
		{Name: "基本支出只写一位小数105.6万元（±500元），与明细之和105.57万元相差300元", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.basic", "105.6"), act("expenditure.basic.personnel", "85.09"),
				act("expenditure.basic.goods_services", "14.81"), act("expenditure.basic.household", "5.67"))}},
		{Name: "只列了工资福利支出", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.basic", "105.57"), act("expenditure.basic.personnel", "85.09"))}},
	},
}

// ruleSumProjectItems checks that listed project line items add up to 项目支出. A project
// breakdown that does not add up hides where project money went.
var ruleSumProjectItems = Rule{
	ID: "sum.project_items", Severity: SeverityError, Title: "项目支出与项目明细不符", Scope: ScopeReport,
	Description: "expenditure.project = sum of expenditure.project.item, when items are listed as a breakdown",
	Doc: "Per basis, the distinct items (by name) are summed and compared with expenditure.project within the sum of " +
		"half-units. Two or more items are a breakdown; a single item is flagged only when it exceeds the project " +
		"total (else insufficient: one item is an example, not a breakdown); items falling short of the total where the " +
		"text stops in the middle of their list are insufficient. SPEC's rounding holds: n items written in whole 万元 " +
		"carry ±n·5000 元 together. Expected = Σitems, actual = expenditure.project.",
	Check: checkProjectItems,
	Scenarios: []Scenario{
		{Name: "乡村振兴工作经费2.5万元写成0.5万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.project", "113.8"), item("科普行动计划经费", "16"),
				item("换届选举经费", "10.77"), item("转拨老科协预算资金", "30.60"), item("科普专项、青少年科技工作经费", "53.93"), item("乡村振兴工作经费", "0.5"))}},
		{Name: "种子报告：16+10.77+30.60+53.93+2.5=113.80", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.project", "113.8"), item("科普行动计划经费", "16"),
				item("换届选举经费", "10.77"), item("转拨老科协预算资金", "30.60"), item("科普专项、青少年科技工作经费", "53.93"), item("乡村振兴工作经费", "2.5"))}},
		{Name: "明细之和113.81万元与项目支出113.80万元相差100元，在六个两位小数的舍入范围（300元）内", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.project", "113.80"), item("科普行动计划经费", "16.00"),
				item("换届选举经费", "10.77"), item("转拨老科协预算资金", "30.60"), item("科普专项、青少年科技工作经费", "53.93"), item("乡村振兴工作经费", "2.51"))}},
		{Name: "明细之和80.70万元少于项目支出113.80万元，但原文截断在明细中途", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.project", "113.80"), item("科普行动计划经费", "16.00"),
				item("换届选举经费", "10.77"), item("科普专项、青少年科技工作经费", "53.93"),
				extract.Claim{Kind: extract.ClaimCutOff, Metric: "expenditure.project", Basis: extract.Actual, Raw: "科普专项、青少年科技工作经费53.93万元；转拨", Location: "p9"})}},
	},
}

// ruleSumIncome checks 收入合计 = the sum of its stated parts (财政拨款, 政府性基金, 其他收入).
// Income that does not add up makes the balance and every funding ratio unreliable.
var ruleSumIncome = Rule{
	ID: "sum.income", Severity: SeverityError, Title: "收入合计与分项不符", Scope: ScopeReport,
	Description: "income.total = sum of its stated parts (income.fiscal, income.fund, income.other)",
	Doc: sumDoc + " Any two or more parts stated are taken as the full breakdown (the carry-over is not part of " +
		"income.total); with a single part only an excess over the total is flagged. Parts that fall short are " +
		"insufficient, not an error, when the total may hold what the parts leave out: the parts plus the stated " +
		"carry-over make the total, a carry-over is mentioned without its amount, or the breakdown names no closing " +
		"line (其他收入 and the like, analyze/data/closing.tsv) and so may list only some sources.",
	Check: sumIncomeSpec.check,
	Scenarios: []Scenario{
		{Name: "其他收入写成7.15万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("income.fiscal", "208.63"), act("income.other", "7.15"))}},
		{Name: "种子报告：208.63+6.15=214.78", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("income.fiscal", "208.63"), act("income.other", "6.15"))}},
		{Name: "财政拨款写一位小数208.6万元（±500元）", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("income.fiscal", "208.6"), act("income.other", "6.15"))}},
		{Name: "只列了财政拨款收入", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("income.fiscal", "208.63"))}},
		{Name: "财政拨款208.63万元、政府性基金2万元，少于收入合计214.78万元，但未列“其他收入”等收尾项", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("income.fiscal", "208.63"), act("income.fund", "2.00"))}},
		{Name: "分项之和加上年结转4.15万元正好是收入合计：合计含结转", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "218.93"), act("income.fiscal", "208.63"), act("income.other", "6.15"),
				act("income.carryover", "4.15"))}},
		{Name: "收入预算总额845.3万元，其中财政拨款95.3万元、其他收入700万元；原文截断在“上年结”", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "平川县清溪镇人民政府", 2024, act("income.total", "845.3"), act("income.fiscal", "95.3"), act("income.other", "700"),
				extract.Claim{Kind: extract.ClaimCutOff, Metric: "income.total", Basis: extract.Actual, Raw: "其他收入700万元，占82.8%；上年结", Location: "p9"})}},
	},
}

// ruleSumThreePublic checks “三公”经费 = 因公出国（境）+ 公务接待 + 公务用车. The three public
// expenses are watched closely by auditors; their total must be the sum of its three parts.
var ruleSumThreePublic = Rule{
	ID: "sum.three_public", Severity: SeverityError, Title: "“三公”经费合计与分项不符", Scope: ScopeReport,
	Description: "three_public.total = abroad + reception + vehicle",
	Doc: sumDoc + " When three_public.vehicle is not stated but its purchase and operation parts are, their sum is used. " +
		"An explicit zero (因公出国（境）费0万元) counts as stated.",
	Check: sumThreePublicSpec.check,
	Scenarios: []Scenario{
		{Name: "公务用车费写成1.11万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("three_public.total", "1.27"), act("three_public.abroad", "0"),
				act("three_public.reception", "0.26"), act("three_public.vehicle", "1.11"))}},
		{Name: "种子报告：0+0.26+1.01=1.27", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("three_public.total", "1.27"), act("three_public.abroad", "0"),
				act("three_public.reception", "0.26"), act("three_public.vehicle", "1.01"))}},
		{Name: "合计写一位小数1.3万元（±500元），与分项之和1.27万元相差300元", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("three_public.total", "1.3"), act("three_public.abroad", "0.00"),
				act("three_public.reception", "0.26"), act("three_public.vehicle", "1.01"))}},
	},
}

// ruleSumVehicle checks 公务用车购置及运行维护费 = 购置费 + 运行维护费.
var ruleSumVehicle = Rule{
	ID: "sum.vehicle", Severity: SeverityError, Title: "公务用车费与购置、运维费不符", Scope: ScopeReport,
	Description: "three_public.vehicle = vehicle.purchase + vehicle.operation",
	Doc:         sumDoc,
	Check:       sumVehicleSpec.check,
	Scenarios: []Scenario{
		{Name: "运行维护费写成0.91万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("three_public.vehicle", "1.01"), act("three_public.vehicle.purchase", "0"), act("three_public.vehicle.operation", "0.91"))}},
		{Name: "购置0万元、运维1.01万元", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("three_public.vehicle", "1.01"), act("three_public.vehicle.purchase", "0"), act("three_public.vehicle.operation", "1.01"))}},
		{Name: "合计写一位小数1.0万元", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("three_public.vehicle", "1.0"), act("three_public.vehicle.purchase", "0.00"), act("three_public.vehicle.operation", "1.01"))}},
	},
}

// ruleRestatedConflict finds a figure stated twice with different values. Reports repeat the
// income and spending paragraphs; when the copies disagree, one of them is wrong and the other
// rules cannot know which (they treat the metric as insufficient).
var ruleRestatedConflict = Rule{
	ID: "restated.conflict", Severity: SeverityError, Title: "同一数据前后表述不一致", Scope: ScopeReport,
	Description: "one metric+basis+item stated twice in a report with different values",
	Doc: "Statements of the same metric, basis and item agree when they differ by no more than the sum of their two " +
		"half-units (113.8 and 113.80 agree). One finding per disagreeing key; expected = the first statement, actual = " +
		"the first one disagreeing with it. passed: something is stated twice and agrees; not_applicable: nothing is " +
		"stated twice. Not restatements: parts of income.other named differently (事业收入, 其他收入), a budget as first " +
		"set and as adjusted (年初预算 vs 调整预算/全年预算, from basis_text), and figures written for an older year.",
	Check: checkRestated,
	Scenarios: []Scenario{
		{Name: "支出合计先写219.37万元、后写229.37万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), act("expenditure.total", "229.37"))}},
		{Name: "两处均为219.37万元", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), act("expenditure.total", "219.37"))}},
		{Name: "113.8万元与113.80万元是同一个数", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.project", "113.8"), act("expenditure.project", "113.80"))}},
		{Name: "离休0人、退休9人是离退休人数的两个分项，不是同一数据的两种说法", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "平川县自然资源局", 2024, partOf(cnt("staff.retired", 0), "离休"), partOf(cnt("staff.retired", 9), "退休"))}},
		{Name: "区直“三公”经费120万元与全区“三公”经费860万元范围不同", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "平川区财政局", 2024, act("three_public.total", "860"), partOf(act("three_public.total", "120"), "区直"))}},
	},
}

// rulePercentMismatch recomputes stated shares, changes and execution rates. A percentage that
// does not follow from the report's own figures is either a typo or was copied from an older
// draft; analysts quote these percentages, so they must be right.
var rulePercentMismatch = Rule{
	ID: "percent.mismatch", Severity: SeverityError, Title: "百分比与数据不符", Scope: ScopeReport,
	Description: "a stated share, rate or change (占比, 执行率, 增长/下降 x%) differs from the one computed from stated figures (a funds row's 执行率 against executed / adjusted too)",
	Doc: "Share claims: 100·metric/of on the claim's basis. Change claims: 100·(current − reference)/reference with the " +
		"reference the prior (or budget) figure; when it is not stated but both the amount and the percentage of the " +
		"change are, the reference is derived from the amount and only the percentage is checked; a stated amount is " +
		"checked against current − reference. Execution rates (rate.budget_execution figures and execution claims): " +
		"100·expenditure.total(actual)/expenditure.total(budget), also accepted against budget + carry-over. A " +
		"percentage printed with d decimals agrees when |computed − stated| ≤ 10^-d (one unit of its last digit: writers " +
		"round and cut, 253% for 253.57% is right) plus the rounding propagated from the 万元 inputs, " +
		"100·(Δnum/den + num·Δden/den²). Each funds row of a self-evaluation table that states its 执行率: executed ÷ " +
		"全年预算数 (also accepted against the 年初预算数), with the same tolerance; its rate.budget_execution figure is not " +
		"checked again against expenditure.total. A claim is bound to the statement it follows: a share written after an amount " +
		"(事业收入730.05万元，占54.78%) is of that amount, and a change of it; when that amount is no figure of the " +
		"claim's metric the claim is of something else and is not compared. A change whose sentence states this year's " +
		"amount, the change and its rate (社会保障和就业支出116433.12元，同比增加16803.36元，增长14.43%) is judged on " +
		"the sentence alone, its reference derived (this year − change), whether or not the amount is a vocabulary " +
		"metric; such a finding is a warning, the reference being implied rather than written. Ratios are computed with " +
		"decimal. Expected = computed, actual = stated. insufficient: a figure the claim needs is missing or conflicting, " +
		"or the claim states no amount to compare; not_applicable: no such claim.",
	Check: checkPercent,
	Scenarios: []Scenario{
		{Name: "称项目支出占60.0%，实为51.88%", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), act("expenditure.project", "113.80"),
				share("expenditure.project", "expenditure.total", "60.0"))}},
		{Name: "称项目支出占51.9%", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), act("expenditure.project", "113.80"),
				share("expenditure.project", "expenditure.total", "51.9"))}},
		{Name: "称51.87%，计算值51.876%：差0.006个百分点，在末位一个单位（0.01）之内", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), act("expenditure.project", "113.80"),
				share("expenditure.project", "expenditure.total", "51.87"))}},
		{Name: "称支出较上年增长15.0%，由200.00万元到219.37万元实为9.69%", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), pri("expenditure.total", "200.00"),
				change("expenditure.total", +1, "15.0", ""))}},
		{Name: "称预算执行率95%，支出219.37万元、预算230.00万元，实为95.38%", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), bud("expenditure.total", "230.00"),
				rate("rate.budget_execution", "95"))}},
		{Name: "称253%，计算值253.57%：整数百分比按整数判断（截去小数）", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "353.57"), pri("expenditure.total", "100.00"),
				change("expenditure.total", +1, "253", ""))}},
		{Name: "称某功能科目11.64万元同比增加1.68万元、增长14.43%：上年应为9.96万元，实为16.87%（以本年为分母算的）", Kind: "trips",
			Want: OutcomeFlagged, WantFindings: 1, WantSeverity: SeverityWarning,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, statedChange("", "11.6433", +1, "1.6803", "14.43"))}},
		{Name: "称收入合计317.6万元同比增加8.25万元、增长2.8%：上年309.35万元，最多2.67%", Kind: "trips",
			Want: OutcomeFlagged, WantFindings: 1, WantSeverity: SeverityWarning,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "317.6"), statedChange("income.total", "317.6", +1, "8.25", "2.8"))}},
		{Name: "称公务接待费2.30万元较上年减少1.5万元（39.5%）：上年3.80万元，相符", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("three_public.reception", "2.30"), statedChange("three_public.reception", "2.30", -1, "1.5", "39.5"))}},
		{Name: "称增长5%，只有本年数和增幅，没有增减额也没有上年数", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), change("expenditure.total", +1, "5", ""))}},
		{Name: "称事业收入730.05万元占54.78%：所跟金额不是收入中的其他收入数，所述比例另有所指", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "平川县人民医院", 2024, act("income.total", "1332.8"), act("income.other", "900.00"),
				claimWithBase(share("income.other", "income.total", "54.78"), "730.05"))}},
		{Name: "称项目支出占比，但未说支出合计", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.project", "113.80"),
				share("expenditure.project", "expenditure.total", "51.9"))}},
		{Name: "自评表资金情况“其他资金”行：全年预算数1.8万元、执行数1.8万元，执行率填0", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "自然资源局口岸分局", 2024, proj("自然资源业务支出项目",
				funds("total", "年度资金总额", "0", "2.38", "2.38", "100", "10", "10"), funds("other", "其他资金", "0", "1.8", "1.8", "0", "", "")))}},
		{Name: "自评表资金情况：执行数31.69万元、预算数32.4万元，执行率97.80%", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "临翔区林业和草原局", 2024, proj("野生动物收容所建设项目",
				funds("total", "年度资金总额", "", "32.4", "31.69", "97.80%", "10", "9")))}},
	},
}

// ruleStaffSum checks 实有人数 = 在职 + 离退休.
var ruleStaffSum = Rule{
	ID: "staff.sum", Severity: SeverityError, Title: "实有人数与在职、离退休人数不符", Scope: ScopeReport,
	Description: "staff.actual = staff.in_service + staff.retired, when all three are stated; a count's listed parts do not exceed it",
	Doc: "Counts are exact (no tolerance). Some reports count 实有人数 as in-service staff only and list retirees beside " +
		"it, so actual = in_service also passes. Expected = in_service + retired, actual = staff.actual. The parts a " +
		"count's own breakdown lists (staff.authorized.item … staff.retired.item: 编制人数42，其中：行政编制19、事业编制23) " +
		"must not add up to more than the count (expected = their sum, actual = the count); fewer is no error, as 其中 " +
		"may name only some of them.",
	Check: checkStaffSum,
	Scenarios: []Scenario{
		{Name: "实有11人，在职6人、离退休4人", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("staff.actual", 11), cnt("staff.in_service", 6), cnt("staff.retired", 4))}},
		{Name: "种子报告：实有11人，在职6人、离退休5人", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("staff.actual", 11), cnt("staff.in_service", 6), cnt("staff.retired", 5))}},
		{Name: "实有人数只计在职（6人），另有离退休5人", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("staff.actual", 6), cnt("staff.in_service", 6), cnt("staff.retired", 5))}},
		{Name: "编制人数40，其中所列行政编制18、事业编制22、自收自支编制12之和为52", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "平川县自然资源局", 2024, cnt("staff.authorized", 40), cntItem("staff.authorized", "行政编制", 18),
				cntItem("staff.authorized", "事业编制", 22), cntItem("staff.authorized", "自收自支编制", 12))}},
		{Name: "编制人数40，其中行政编制18、事业编制22", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "平川县自然资源局", 2024, cnt("staff.authorized", 40), cntItem("staff.authorized", "行政编制", 18),
				cntItem("staff.authorized", "事业编制", 22))}},
		{Name: "编制人数40，其中只列行政编制18、工勤编制2：其余未列，不是错误", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "平川县自然资源局", 2024, cnt("staff.authorized", 40), cntItem("staff.authorized", "行政编制", 18),
				cntItem("staff.authorized", "工勤编制", 2))}},
	},
}

// ruleStaffOverAuthorized flags in-service staff above the authorized headcount (超编). Retirees
// are not over-staffing: the seed's 11 actual staff include 5 retirees and are within 7 posts.
var ruleStaffOverAuthorized = Rule{
	ID: "staff.over_authorized", Severity: SeverityWarning, Title: "在职人员超编", Scope: ScopeReport,
	Description: "in-service staff above authorized staff",
	Doc: "Compares staff.in_service with staff.authorized. Without in_service: actual ≤ authorized passes; actual − retired " +
		"is used when retired is stated; otherwise insufficient (actual above authorized may be retirees). Expected = " +
		"authorized, actual = in-service count.",
	Check: checkStaffOver,
	Scenarios: []Scenario{
		{Name: "编制7人，在职9人", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("staff.authorized", 7), cnt("staff.in_service", 9))}},
		{Name: "种子报告：编制7人，实有11人其中在职6人、离退休5人", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("staff.authorized", 7), cnt("staff.actual", 11), cnt("staff.in_service", 6), cnt("staff.retired", 5))}},
		{Name: "未写在职人数：实有11人减离退休5人为6人", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("staff.authorized", 7), cnt("staff.actual", 11), cnt("staff.retired", 5))}},
		{Name: "实有11人超过编制7人，但未说明在职与离退休构成", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("staff.authorized", 7), cnt("staff.actual", 11))}},
	},
}

// ruleVehiclesOverAuthorized flags more vehicles than the vehicle establishment allows (超编配车).
var ruleVehiclesOverAuthorized = Rule{
	ID: "vehicles.over_authorized", Severity: SeverityWarning, Title: "车辆超编", Scope: ScopeReport,
	Description: "actual vehicles above authorized",
	Doc: "vehicles.actual > vehicles.authorized (exact counts). Zero actual vehicles pass even without an establishment; " +
		"other counts without one are insufficient.",
	Check: checkVehiclesOver,
	Scenarios: []Scenario{
		{Name: "编制1辆，实有2辆", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("vehicles.authorized", 1), cnt("vehicles.actual", 2))}},
		{Name: "编制1辆，实有1辆", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("vehicles.authorized", 1), cnt("vehicles.actual", 1))}},
		{Name: "无车辆编制，实有0辆", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cnt("vehicles.actual", 0))}},
	},
}

// ruleBalanceDeficit flags spending above income plus carry-over. A unit cannot spend money it
// did not have: either a figure is wrong or a carry-over (or debt) is left unexplained.
var ruleBalanceDeficit = Rule{
	ID: "balance.deficit", Severity: SeverityWarning, Title: "支出超过收入且未说明结转", Scope: ScopeReport,
	Description: "expenditure exceeds income + carry-over by more than rounding",
	Doc: "Actual basis: expenditure.total > income.total + income.carryover (when stated) + the half-units of the figures. " +
		"Without a carry-over amount but with a carry-over claim (上年结转/结余 mentioned): insufficient. Final accounts " +
		"(决算 in the title, no 自评) balance income and spending through 年初结转和结余 by construction, and their forms " +
		"show it: a gap the text leaves unexplained there is insufficient, not a finding. Expected = income " +
		"(+ carry-over), actual = expenditure.total. insufficient: either total missing or conflicting.",
	Check: checkBalance,
	Scenarios: []Scenario{
		{Name: "种子报告：支出219.37万元，收入214.78万元，未说明结转", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("expenditure.total", "219.37"))}},
		{Name: "收入214.78万元加上年结转结余4.59万元", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("income.carryover", "4.59"), act("expenditure.total", "219.37"))}},
		{Name: "支出超出收入0.01万元（100元），在两个两位小数的舍入范围内", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "219.36"), act("expenditure.total", "219.37"))}},
		{Name: "提到上年结转但未写金额", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("expenditure.total", "219.37"), carryover())}},
		{Name: "部门决算说明：支出超过收入，差额由年初结转和结余平衡，说明未列", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{titled(rep("r1", "平川县第一幼儿园", 2024, act("income.total", "1687.45"), act("expenditure.total", "1942.57")), "平川县第一幼儿园2024年度部门决算公开")}},
	},
}

// ruleMissingDisclosure lists the required figures a report does not state. A self-evaluation
// that omits its income, spending or 三公 figures cannot be checked at all.
var ruleMissingDisclosure = Rule{
	ID: "missing.disclosure", Severity: SeverityWarning, Title: "关键数据未披露", Scope: ScopeReport,
	Description: "a required figure (income.total, expenditure.total/basic/project, three_public.total) is absent",
	Doc: "A metric counts as disclosed when stated with basis actual or budget (an explicit zero counts). One finding lists " +
		"everything missing; there are no expected/actual values. What is required follows from what the title says the " +
		"report is (analyze/data/reportkinds.tsv): a department's whole report (部门整体支出绩效自评报告, 部门决算, 部门预算 " +
		"and their 说明) all five; a statement of the “三公” costs (三公 in the title, even under a whole report's name) " +
		"three_public.total only (or its three parts, 因公出国（境）费, 公务接待费 and 公务用车购置及运行维护费, each stated); a report on one project (项目支出绩效自评报告) or a self-evaluation form (自评表) states " +
		"no department totals by design, and a title that says none of these is not judged: not_applicable. " +
		"insufficient: the text stops in the middle of a sentence or a heading (an excerpt), so what it does not state may " +
		"be in the part cut away; or the report says its figures are in attached tables (详见附表) that the file does not hold.",
	Check: checkMissing,
	Scenarios: []Scenario{
		{Name: "未披露项目支出和“三公”经费", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("expenditure.total", "219.37"), act("expenditure.basic", "105.57"))}},
		{Name: "五项均已披露", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cleanFigures("1"))}},
		{Name: "“三公”经费为0万元也算已披露", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, replace(cleanFigures("1"), act("three_public.total", "0")))}},
		{Name: "“三公”经费预算情况说明只需列出“三公”经费", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{titled(rep("r1", "平川县审计局", 2024, bud("three_public.total", "11.4")), "平川县审计局2024年“三公”经费预算情况说明")}},
		{Name: "部门决算“三公”经费支出情况说明只需列出“三公”经费", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{titled(rep("r1", "平川县审计局", 2024, act("three_public.total", "9.8")), "2024年平川县部门决算“三公”经费财政拨款支出情况说明")}},
		{Name: "“三公”经费说明逐项列出三项支出、未写合计，也算已披露", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{titled(rep("r1", "平川县白石镇人民政府", 2024, act("three_public.abroad", "0"), act("three_public.reception", "6.12"),
				act("three_public.vehicle", "10.4")), "白石镇2024年“三公”经费支出说明")}},
		{Name: "“三公”经费说明只列出两项，合计与第三项都未写", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{titled(rep("r1", "平川县白石镇人民政府", 2024, act("three_public.reception", "6.12"),
				act("three_public.vehicle", "10.4")), "白石镇2024年“三公”经费支出说明")}},
		{Name: "报告称收支数据详见附表，附表不在文件中", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"),
				extract.Claim{Kind: extract.ClaimAttached, Raw: "第二部分 2024年部门预算表（详见附表）", Location: "p9"})}},
		{Name: "标题是“第二部分 收入支出情况”：看不出是什么报告，不判断", Kind: "edge", Want: OutcomeNotApplicable,
			Reports: []Report{titled(rep("r1", "平川县审计局", 2024, act("income.total", "214.78")), "第二部分 收入支出情况")}},
		{Name: "原文在句中截断，未列出的数据可能在截去的部分", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("income.total", "214.78"), act("expenditure.total", "219.37"),
				extract.Claim{Kind: extract.ClaimCutOff, Raw: "本年支出合计219.37万元，其中：基本支", Location: "p9"})}},
	},
}

// ruleYearMismatch flags a report whose title year differs from the year its figures are stated
// for: usually last year's report resubmitted with a new title, or a wrong file.
var ruleYearMismatch = Rule{
	ID: "year.mismatch", Severity: SeverityWarning, Title: "标题年度与数据年度不符", Scope: ScopeReport,
	Description: "the year in the title differs from the year the figures are stated for",
	Doc: "Among the amounts that carry a year (prior-basis figures and head counts excluded: a 2024 budget gives the staff " +
		"as of 截至2023年12月31日), the most common year must be the title's. " +
		"Flagged when another year holds a strict majority; insufficient when the title has no year, no figure carries " +
		"one, or years are mixed without a majority. Expected = title year, actual = the figures' year.",
	Check: checkYear,
	Scenarios: []Scenario{
		{Name: "标题2024年，数据均标注2023年", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, inYear(2023, act("income.total", "214.78"), act("expenditure.total", "219.37"), act("expenditure.basic", "105.57")))}},
		{Name: "标题与数据均为2024年", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, inYear(2024, act("income.total", "214.78"), act("expenditure.total", "219.37")))}},
		{Name: "上年数标注2023年不算", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, inYear(2024, act("expenditure.total", "219.37")), inYear(2023, pri("expenditure.total", "200.00"), pri("income.total", "210.00")))}},
		{Name: "2024年预算，人员数截至2023年12月31日不算", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, inYear(2024, bud("expenditure.total", "230.00")),
				inYear(2023, cnt("staff.authorized", 7), cnt("staff.in_service", 6), cnt("staff.retired", 5)))}},
	},
}

// ruleUnitSuspect flags a value about 10,000 times too large or small: 元 written as 万元 or
// the reverse. Such a slip distorts every total and ratio built on the figure.
var ruleUnitSuspect = Rule{
	ID: "unit.suspect", Severity: SeverityWarning, Title: "疑似单位错误（元/万元）", Scope: ScopeReport, Peers: true,
	Description: "a value off by about ×10,000 from its context or peers (元 written as 万元, or the reverse)",
	Doc: "A ratio within a factor of 2 of 10,000 (or 1/10,000) between: a part and its total; a total and the sum of its " +
		"parts; the actual and budget figure of a metric; a figure and the same department's figure of another year in " +
		"the batch; income/expenditure totals and the median of at least PeerMin peers (same region and year). Expected " +
		"= the reference value, actual = the suspect figure. not_applicable: nothing to compare with.",
	Check: checkUnit,
	Scenarios: []Scenario{
		{Name: "工资福利支出写成850900.00万元（元误作万元）", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.basic", "105.57"), act("expenditure.basic.personnel", "850900.00"),
				act("expenditure.basic.goods_services", "14.81"), act("expenditure.basic.household", "5.67"))}},
		{Name: "种子报告的数据", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, cleanFigures("1"))}},
		{Name: "决算与预算相差约100倍，不是一万倍", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"), bud("expenditure.total", "2.19"))}},
	},
}

// peerDepartments are the units of the cross-report scenarios and the batch test.
var peerDepartments = []string{"隆回县科学技术协会", "隆回县妇女联合会", "隆回县残疾人联合会", "隆回县文学艺术界联合会", "隆回县工商业联合会", "隆回县归国华侨联合会", "隆回县老科学技术工作者协会"}

// peerBatch is target followed by n clean reports of other departments of the same county.
func peerBatch(target Report, n int) []Report {
	out := []Report{target}
	scales := []string{"1.3", "0.8", "1.6", "2.1", "0.9", "1.2"}
	for k := 0; k < n; k++ {
		out = append(out, rep("p"+string(rune('1'+k)), peerDepartments[k+1], target.Year, cleanFigures(scales[k%len(scales)])))
	}
	return out
}

// rulePeerOutlier compares a report's ratios with its peers (same region and year). A unit
// whose 三公 share or per-head spending is far from comparable units deserves a closer look.
var rulePeerOutlier = Rule{
	ID: "peer.outlier", Severity: SeverityWarning, Title: "比率明显偏离同类部门", Scope: ScopeBatch,
	Description: "a ratio far above its peers of the same kind (same year, same region): three_public share, basic per staff, reception per staff, project share",
	Doc: "Ratios (actual basis): three_public.total/expenditure.total, expenditure.basic/staff.in_service, " +
		"three_public.reception/staff.in_service, expenditure.project/expenditure.total; the per-staff ratios only for units " +
		"with at least 10 staff in service (a smaller denominator makes one visit look like a habit). Only a ratio above " +
		"its peers is flagged: far more on “三公” or on receptions per head is what the 八项规定 audits look for, far less is " +
		"thrift; a high basic spend per head points at staff left out of the count or 公用经费 beyond the standard, a low one " +
		"only at staff counted broadly; a project share far above peers can mean running costs booked as projects, a low " +
		"one only a unit with few tasks of its own. Peers: readable reports of the same region and year, one per department, " +
		"of the same kind of unit (unitname.Kind from the name's ending: 医疗卫生机构, 学校, 乡镇街道, else 机关群团 — a " +
		"人民医院 lives on 事业收入, a school on its staff, neither is measured against bureaus). With at least PeerMin " +
		"(default 5) values including the report's own, the median and MAD of the ratios' logarithms are computed " +
		"(spending ratios are skewed; float64); flagged when x > median, |log x − median|/(1.4826·MAD) > 3.5 and " +
		"(x − median) > PeerRelFloor·|median| (default 1, at least twice the median: a tiny MAD must not flag noise, and " +
		"units of one kind still spend up to twice each other's share in a normal year; for receptions per head " +
		"2, three times the median: receptions gather in a few units, 机关事务 and 招商, and a unit without cars spends all " +
		"its “三公” on them, so per head they vary more). Expected = median, actual = the report's ratio. " +
		"insufficient: fewer than PeerMin units of the report's kind (the detail names how many of other kinds were left " +
		"out), or no ratio computable.",
	Check: checkPeer,
	Scenarios: []Scenario{
		{Name: "“三公”经费占比约10%，同组其他部门约0.6%", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: peerBatch(rep("r1", "隆回县科学技术协会", 2024, replace(cleanFigures("1"), act("three_public.total", "21.27"), act("three_public.vehicle", "21.01"))), 5)},
		{Name: "各比率与同组一致", Kind: "clean", Want: OutcomePassed,
			Reports: peerBatch(rep("r1", "隆回县科学技术协会", 2024, cleanFigures("1")), 5)},
		{Name: "同组其他部门占比完全相同（MAD为0），本部门高80%，未到中位数的两倍", Kind: "edge", Want: OutcomePassed,
			Reports: peerBatch(rep("r1", "隆回县科学技术协会", 2024, replace(cleanFigures("1"), act("three_public.total", "2.29"), act("three_public.vehicle", "2.03"))), 5)},
		{Name: "“三公”经费占比约0.06%，远低于同组约0.6%：节约不是异常", Kind: "clean", Want: OutcomePassed,
			Reports: peerBatch(rep("r1", "隆回县科学技术协会", 2024, replace(cleanFigures("1"), act("three_public.total", "0.13"), act("three_public.reception", "0.03"), act("three_public.vehicle", "0.10"))), 5)},
		{Name: "人民医院“三公”占比约10%，同组5个单位都是群团：无同类单位可比", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: peerBatch(rep("r1", "隆回县人民医院", 2024, replace(cleanFigures("1"), act("three_public.total", "21.27"), act("three_public.vehicle", "21.01"))), 5)},
		{Name: "同组只有4个部门，少于PeerMin=5", Kind: "insufficient", Want: OutcomeInsufficient,
			Reports: peerBatch(rep("r1", "隆回县科学技术协会", 2024, cleanFigures("1")), 3)},
	},
}

// ruleYoYSwing reports large changes of a department's totals between consecutive years. Not
// an error by itself, but the narrative should explain a doubling or halving of spending.
var ruleYoYSwing = Rule{
	ID: "yoy.swing", Severity: SeverityInfo, Title: "年度间大幅变动", Scope: ScopeBatch,
	Description: "the same department's metric changed by more than a threshold between years",
	Doc: "For income.total, expenditure.total/basic/project and three_public.total (actual), the report of year Y is " +
		"compared with the same department's (normalised name, compatible region) report of Y−1: flagged when " +
		"|change| > YoYThreshold (default 50 %) of last year's value and > YoYMinAmount (default 10万元). Expected = last " +
		"year, actual = this year. not_applicable: no Y−1 report of the department in the batch.",
	Check: checkYoY,
	Scenarios: []Scenario{
		{Name: "项目支出由113.80万元增至300.00万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r2024", "隆回县科学技术协会", 2024, act("expenditure.project", "300.00")), rep("r2023", "县科协", 2023, act("expenditure.project", "113.80"))}},
		{Name: "项目支出增长10%", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r2024", "隆回县科学技术协会", 2024, act("expenditure.project", "125.18")), rep("r2023", "隆回县科学技术协会", 2023, act("expenditure.project", "113.80"))}},
		{Name: "“三公”经费增长60%，但金额只有0.60万元", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r2024", "隆回县科学技术协会", 2024, act("three_public.total", "1.60")), rep("r2023", "隆回县科学技术协会", 2023, act("three_public.total", "1.00"))}},
	},
}

// rulePriorMismatch compares the prior-year figures a report quotes with last year's report.
// A report that misquotes last year also misstates its own growth.
var rulePriorMismatch = Rule{
	ID: "prior.mismatch", Severity: SeverityError, Title: "上年数与上年报告不符", Scope: ScopeBatch,
	Description: "a prior-year figure stated this year differs from what last year's report stated",
	Doc: "Each prior-basis figure of year Y is compared with the actual figure of the same metric and item in the same " +
		"department's year Y−1 report, within the sum of the two half-units. Expected = last year's report, actual = the " +
		"quoted prior figure. not_applicable: no prior figure, or no Y−1 report in the batch; insufficient: last year's " +
		"report does not state the metric.",
	Check: checkPrior,
	Scenarios: []Scenario{
		{Name: "称上年支出200.00万元，上年报告为210.00万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r2024", "隆回县科学技术协会", 2024, pri("expenditure.total", "200.00")), rep("r2023", "隆回县科学技术协会", 2023, act("expenditure.total", "210.00"))}},
		{Name: "上年数与上年报告一致", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r2024", "隆回县科学技术协会", 2024, pri("expenditure.total", "210.00")), rep("r2023", "县科协", 2023, act("expenditure.total", "210.00"))}},
		{Name: "上年数写一位小数210.0万元（±500元），上年报告209.97万元", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r2024", "隆回县科学技术协会", 2024, pri("expenditure.total", "210.0")), rep("r2023", "隆回县科学技术协会", 2023, act("expenditure.total", "209.97"))}},
	},
}

// ruleTransferUnmatched follows money passed on to another unit of the batch (转拨老科协…).
// The receiving unit should show it in its income (其中县科协转拨经费30.60万元); when it does
// not, or states another amount, one of the two reports is wrong or the money went
// elsewhere — a question the analyst puts to both units.
var ruleTransferUnmatched = Rule{
	ID: "transfer.unmatched", Severity: SeverityWarning, Title: "转拨资金未在接收单位收入中体现", Scope: ScopeBatch,
	Description: "money said to be passed to another unit (转拨 …) is not found in that unit's income",
	Doc: "The target must be identified as exactly one other department of the same year in the batch " +
		"(normalised names equal, else one containing the other, at least 4 characters, compatible regions); otherwise " +
		"not_applicable. The receiver's report must name the money it received from the sender (其中X转拨经费N万元, a " +
		"transfer_in claim) with the same amount within rounding (±100 元); a different amount, no mention at all, or a " +
		"target income.total below the amount is flagged. Expected = the amount sent, actual = the amount the receiver " +
		"states (or its income.total when that is too small), empty when the receiver says nothing.",
	Check: checkTransfer,
	Scenarios: []Scenario{
		{Name: "转拨老科协30.60万元，老科协报告未提及收到", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, transfer("老科协", "30.60")), rep("r2", "隆回县老科学技术工作者协会", 2024, act("income.total", "45.00"))}},
		{Name: "老科协报告称收到县科协转拨30.60万元", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, transfer("老科协", "30.60")), rep("r2", "隆回县老科学技术工作者协会", 2024, act("income.total", "45.00"), transferIn("县科协", "30.60"))}},
		{Name: "收到30.6万元与转拨30.60万元只差写法", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, transfer("老科协", "30.60")), rep("r2", "隆回县老科学技术工作者协会", 2024, act("income.total", "45.00"), transferIn("隆回县科学技术协会", "30.6"))}},
		{Name: "老科协称收到县科协转拨20.00万元", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, transfer("老科协", "30.60")), rep("r2", "隆回县老科学技术工作者协会", 2024, act("income.total", "45.00"), transferIn("县科协", "20.00"))}},
		{Name: "接收单位不在本批次", Kind: "edge", Want: OutcomeNotApplicable,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, transfer("老科协", "30.60")), rep("r2", "隆回县妇女联合会", 2024, act("income.total", "20.00"))}},
	},
}

const dupTextA = "二是加强意识形态教育，增强干部职工政治判断力、政治领悟力、政治执行力。加强对微信公众号监督管理，大力弘扬以爱国、创新、求实、奉献、协同、育人为核心的新时代科学家精神，认真落实百名院士进校园活动。"
const dupTextC = "全年完成审计项目四十余个，查出违规金额数百万元，提出审计建议一百余条，开展政府投资项目审计，审减金额较大，有力维护了财经秩序。"
const dupTextD = "全年办理法律援助案件数百件，为群众挽回经济损失，调处矛盾纠纷数千起，调解成功率保持高位，社区矫正对象未发生脱管漏管情况。"
const dupTextB = "预算编制不够科学，年度预算执行偏差较大，部分项目资金拨付进度缓慢。固定资产清查不及时，资产管理制度不健全，账实不符问题仍然存在，绩效目标设置不够细化量化，绩效评价结果运用不充分。"

// ruleTextDuplicate finds narrative sections that different departments share almost word for
// word: a sign the self-evaluation was copied rather than written.
var ruleTextDuplicate = Rule{
	ID: "text.duplicate", Severity: SeverityInfo, Title: "不同部门文字高度雷同", Scope: ScopeBatch,
	Description: "narrative sections near-identical across different departments",
	Doc: "Sections are compared by characters (each Chinese character, and each run of Latin letters or digits, is one; " +
		"full-width forms count as their ASCII ones; punctuation and spaces are ignored); sections under 30 characters are ignored. Shingles " +
		"of 5 characters, hashed to 32 bits; shingles that more than half of the departments write — of the batch, or of the section's " +
		"region, when there are 4 or more — are a template (boilerplate, or the problems and measures a county hands its departments " +
		"to write), not a copy, and are dropped. Within each region, sections of different departments (the same department in " +
		"another year may reuse its text) with exact Jaccard ≥ 0.8 are near-duplicates — all pairs for up to 300 sections, MinHash " +
		"(64 hashes, 16 bands × 4, fixed seeds) candidates beyond. Near-duplicates join into clusters; one finding per cluster, held " +
		"by the first of its reports by path, with the cluster's other reports in related (the closest match first); " +
		"expected = the threshold, actual = the holder's best Jaccard.",
	Check: checkDuplicate,
	Scenarios: []Scenario{
		{Name: "妇联“存在的问题”与科协一字不差", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, sec("存在的问题", dupTextB)), rep("r2", "隆回县妇女联合会", 2024, sec("存在的问题", dupTextB))}},
		{Name: "两个部门的文字不同", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, sec("存在的问题", dupTextB)), rep("r2", "隆回县妇女联合会", 2024, sec("重点工作", dupTextA))}},
		{Name: "同一部门两年沿用同一段文字不算", Kind: "edge", Want: OutcomeNotApplicable,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, sec("存在的问题", dupTextB)), rep("r2", "县科协", 2023, sec("存在的问题", dupTextB))}},
		{Name: "三个部门同一段文字：一个发现，另两份报告列为相关", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, sec("存在的问题", dupTextB)), rep("r2", "隆回县妇女联合会", 2024, sec("存在的问题", dupTextB)),
				rep("r3", "隆回县档案馆", 2024, sec("问题", dupTextB)), rep("r4", "隆回县统计局", 2024, sec("重点工作", dupTextA)),
				rep("r5", "隆回县审计局", 2024, sec("重点工作", dupTextC)), rep("r6", "隆回县司法局", 2024, sec("重点工作", dupTextD))}},
		{Name: "县里下发的模板，多数部门照写，是模板不是抄袭", Kind: "edge", Want: OutcomeNotApplicable,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, sec("存在的问题", dupTextB)), rep("r2", "隆回县妇女联合会", 2024, sec("存在的问题", dupTextB)),
				rep("r3", "隆回县档案馆", 2024, sec("问题", dupTextB)), rep("r4", "隆回县统计局", 2024, sec("存在的问题", dupTextB)),
				rep("r5", "隆回县审计局", 2024, sec("重点工作", dupTextC)), rep("r6", "武陵区司法局", 2024, sec("重点工作", dupTextD)),
				rep("r7", "武陵区民政局", 2024, sec("存在的问题", dupTextB))}},
	},
}

func refRow(dept string, year int, metric string, basis extract.Basis, yuan string) ReferenceRow {
	return ReferenceRow{Department: dept, Year: year, Metric: metric, Basis: basis, Value: decimal.RequireFromString(yuan), Line: 2}
}

// ruleReferenceMismatch compares a report with the finance bureau's own figures (--reference):
// the bureau knows what it paid, so a different figure in the report is a misstatement.
var ruleReferenceMismatch = Rule{
	ID: "reference.mismatch", Severity: SeverityError, Title: "与财政部门数据不符", Scope: ScopeBatch, Input: "reference",
	Description: "a figure differs from the finance bureau's own reference table (optional input)",
	Doc: "Reference rows match a report by year and department (NormalizeDepartment, compatible regions); each row's " +
		"metric and basis is compared with the report's figure within the figure's half-unit (the reference is exact). " +
		"Expected = reference, actual = report. not_applicable: no --reference, or no row for the department and year; " +
		"insufficient: the report does not state a metric the reference has.",
	Check: checkReference,
	Scenarios: []Scenario{
		{Name: "报告支出合计219.37万元，财政局数据229.37万元（单位名称写作“县科协”）", Kind: "trips", Want: OutcomeFlagged, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"))},
			Config:  Config{Reference: []ReferenceRow{refRow("县科协", 2024, "expenditure.total", extract.Actual, "2293700")}}},
		{Name: "与财政局数据一致", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"))},
			Config:  Config{Reference: []ReferenceRow{refRow("隆回县科学技术协会", 2024, "expenditure.total", extract.Actual, "2193700")}}},
		{Name: "报告写一位小数219.4万元（±500元），财政局2193700元", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.4"))},
			Config:  Config{Reference: []ReferenceRow{refRow("县科学技术协会", 2024, "expenditure.total", extract.Actual, "2193700")}}},
		{Name: "未提供--reference", Kind: "edge", Want: OutcomeNotApplicable,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"))}},
	},
}

// ruleSubmissionMissing lists units on the bureau's list that submitted no report for the year:
// the analyst must chase them before the evaluation is complete.
var ruleSubmissionMissing = Rule{
	ID: "submission.missing", Severity: SeverityWarning, Title: "应报未报", Scope: ScopeBatch, Input: "expected",
	Description: "a unit on the bureau's list of expected submitters (optional input) has no report in the batch for that year",
	Doc: "Each (department, year) of --expected is matched against the batch's reports (NormalizeDepartment, compatible " +
		"regions). A unit without a report raises a finding with empty report_id and path whose message names the unit " +
		"and the year. Per report: passed when the report's unit is on the list, else not_applicable; without --expected " +
		"not_applicable.",
	Check:      checkSubmission,
	Unreported: unreportedSubmissions,
	Scenarios: []Scenario{
		{Name: "名单上的隆回县妇女联合会未提交", Kind: "trips", Want: OutcomePassed, WantFindings: 1,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"))},
			Config:  Config{Expected: []ExpectedRow{{Department: "隆回县科学技术协会", Year: 2024, Line: 2}, {Department: "隆回县妇女联合会", Year: 2024, Line: 3}}}},
		{Name: "名单上的单位均已提交", Kind: "clean", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"))},
			Config:  Config{Expected: []ExpectedRow{{Department: "隆回县科学技术协会", Year: 2024, Line: 2}}}},
		{Name: "名单写“县科协”，报告写“隆回县科学技术协会”", Kind: "edge", Want: OutcomePassed,
			Reports: []Report{rep("r1", "隆回县科学技术协会", 2024, act("expenditure.total", "219.37"))},
			Config:  Config{Expected: []ExpectedRow{{Department: "县科协", Year: 2024, Line: 2}}}},
	},
}
