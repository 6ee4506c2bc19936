package extract

import "github.com/shopspring/decimal"

// Scopes of a self-evaluation table.
const (
	// ScopeProject is a 项目支出绩效自评表: it evaluates one project, named in Evaluation.Table.
	ScopeProject = "project"
	// ScopeDepartment is a 部门整体支出绩效自评表: it evaluates the department's whole spending.
	ScopeDepartment = "department"
)

// Funds sources of SPEC's funds table.
const (
	SourceTotal     = "total"     // 年度资金总额 / 合计
	SourceFiscal    = "fiscal"    // 本年财政拨款, 财政资金, 中央补助 …
	SourceCarryover = "carryover" // 上年结转资金
	SourceOther     = "other"     // 其他资金, 单位资金 …
)

// Ways a table scores budget execution (Evaluation.ExecutionScoring).
const (
	// ExecutionLinear: the table says the execution score is 执行率 × its weight (得分=分值×执行率).
	ExecutionLinear = "linear"
	// ExecutionBanded: the table scores execution in bands (90%以上得满分, 每低1个百分点扣…).
	ExecutionBanded = "banded"
)

// Evaluation is one self-evaluation table of a report (项目支出绩效自评表 or 部门整体支出绩效自评表):
// its indicators, its funds block and the totals it states.
type Evaluation struct {
	// No numbers the report's tables from 1, in reading order.
	No int
	// Table is the project the table evaluates (项目名称 as written), empty for a
	// department-wide table.
	Table string
	// Scope is ScopeProject or ScopeDepartment.
	Scope string
	// Indicators are the table's indicator rows, in order.
	Indicators []Indicator
	// Funds are the rows of its funds block (资金情况), in order.
	Funds []FundsRow
	// TotalWeight and TotalScore are the 总分 row's weight (usually 100) and score, nil when
	// not stated; TotalDecimals is how many decimals the score was written with.
	TotalWeight, TotalScore *decimal.Decimal
	TotalDecimals           int
	// Grade is the stated 自评等级 (优, 良, 中, 差), empty when none.
	Grade string
	// ExecutionScoring is ExecutionLinear or ExecutionBanded when the table says how it scores
	// budget execution, else empty.
	ExecutionScoring string
	// Fragment is set when the indicator rows were read without their header: a copy that cut
	// the table (rows may be missing), so its totals are not judged.
	Fragment bool
	// Raw is the total row (or the cell stating the total score) as written; Location is where
	// the table starts (t3, or p40 for a table flattened into text).
	Raw, Location string
}

// Indicator is one performance indicator (绩效指标) of a self-evaluation table: one row of
// SPEC's indicators table.
type Indicator struct {
	// Level1 and Level2 are the 一级 and 二级 indicator as written, without their points,
	// inherited from the row above when their cells are merged or blank.
	Level1, Level2 string
	// Name is the 三级指标 as written.
	Name string
	// Target is the 年度指标值 as written, its comparator, number and unit joined (≥95%).
	Target string
	// Actual is the 实际完成值 as written, empty when blank.
	Actual string
	// Comparator is >=, <=, =, >, < or empty.
	Comparator string
	// TargetValue and ActualValue are the numbers in Target and Actual, in the unit written;
	// nil when there is none.
	TargetValue, ActualValue *decimal.Decimal
	// UnitText is the unit of the target as written (%, 个, 万元), or its 度量单位 cell.
	UnitText string
	// ActualUnit is the unit of the actual value as written (an addition to SPEC).
	ActualUnit string
	// Weight (分值) and Score (得分) are nil when blank; their decimals as written are kept for
	// the rounding tolerance of the score checks.
	Weight, Score                 *decimal.Decimal
	WeightDecimals, ScoreDecimals int
	// Met says whether Actual meets Target by Comparator; nil unless both are numbers in the
	// same unit.
	Met *bool
	// Cut is set when a value of the row was cut out of numbers run together in the text
	// (20100% → 20 | 100%): the reader's best guess, unless the row's 得分系数 confirms it
	// (100%22 → 100% | 2 | 2: the score is the weight times the coefficient).
	Cut bool
	// Raw is the row's cells joined by " | "; Location is t2r5, or p40 for a flattened table.
	Raw, Location string
}

// FundsRow is one source row of a self-evaluation table's funds block (资金情况): one row of
// SPEC's funds table.
type FundsRow struct {
	// Source is SourceTotal, SourceFiscal, SourceCarryover or SourceOther.
	Source string
	// Label is the row's label as written (其中：当年财政拨款).
	Label string
	// Initial, Adjusted and Executed are 年初预算数, 全年预算数 (调整后预算数) and 全年执行数, in
	// yuan; nil when blank.
	Initial, Adjusted, Executed *decimal.Decimal
	// Decimals is the most decimals an amount was written with in the table's unit, and
	// UnitText that unit (万元, 元), for the rounding tolerance.
	Decimals int
	UnitText string
	// Rate is the stated 执行率 in percent, RateDecimals its decimals as written.
	Rate         *decimal.Decimal
	RateDecimals int
	// Weight and Score are the row's 分值 and 得分 when stated.
	Weight, Score                 *decimal.Decimal
	WeightDecimals, ScoreDecimals int
	// Cut is set when the values were cut out of numbers run together in the text
	// (202010100.00% → 20 | 20 | 10 | 100.00%): the reader's best guess, not a reading.
	Cut bool
	// Block is the title of the sub-block the row belongs to, when a table lists the funds of
	// several (计划生育家庭特别扶助制度补助资金（万元） over its 年度预算资金总额), else empty.
	Block         string
	Raw, Location string
}
