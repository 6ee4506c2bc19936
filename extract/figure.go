package extract

import "github.com/shopspring/decimal"

// Basis says whether a figure is an actual (决算/实际), a budget (预算) or a prior-year (上年) amount.
type Basis string

// The bases of SPEC's figures table.
const (
	Actual Basis = "actual"
	Budget Basis = "budget"
	Prior  Basis = "prior"
)

// Units as the figures table's unit column spells them.
const (
	UnitYuan    = "yuan"
	UnitPerson  = "person"
	UnitVehicle = "vehicle"
	UnitPercent = "percent"
	UnitPoint   = "point"
)

// Methods as the figures table's method column spells them.
const (
	MethodProse = "prose"
	MethodTable = "table"
)

// Figure is one figure stated in a report: one row of the figures table.
type Figure struct {
	// Metric is a vocabulary ID, e.g. "expenditure.basic".
	Metric string
	Basis  Basis
	// Item is the line-item name for *.item metrics, else empty.
	Item string
	// Term is the wording the figure was recognised by, normalised (事业收入, 县财政预算安排,
	// 日常公用经费), or the row label of a table; for items, the item's name. Two figures of
	// one metric with different terms may be different parts (事业收入 and 其他收入 are both
	// income.other), not a restatement.
	Term string
	// Value is normalised: money in yuan, counts as counts, rates in percent.
	Value decimal.Decimal
	// Unit is yuan, person, vehicle, percent or point.
	Unit string
	// UnitText is the unit as written: 万元, 元, 亿元, 人, 台, 辆, %, 分.
	UnitText string
	// Raw is the sentence or table cell the figure came from.
	Raw string
	// Location is p12 or t2r3c4.
	Location string
	// Method is prose or table.
	Method string
	// BasisText is the wording that gave the basis, when there was one: 年初预算数, 调整预算,
	// 决算数, 上年 in the text, or the column header of a table (预算数, 全年预算数 …). It tells
	// a budget as first set (年初预算) from one adjusted during the year (调整预算, 全年预算).
	BasisText string
	// Year is the fiscal year the figure is stated for when the text says so (2024年基本支出…), else 0.
	Year int
	// Decimals is the number of decimals written in the source (for rounding tolerance).
	Decimals int
	// Part, when set, says the figure is one part of its metric, and which: the wording of
	// the part (离休人员 of staff.retired, 行政编制 of staff.authorized), of the qualifier that
	// makes it one (行政 in 行政在职人数), of the part a count is paired with (实有人数 after
	// 行政编制115人), or of a narrower scope (区直 “三公”经费). Two figures of one metric with
	// different parts are no restatement; a part is a figure only where its paragraph states
	// no whole of the metric.
	Part string
	// partName is the part as the clause writes it, qualifier and all (全部补助事业编制人数),
	// its item's name if it becomes one.
	partName string
	// parent is the metric whose breakdown (其中…) the figure was stated in, or "", and
	// parentPos that figure's index among the document's prose figures, plus one (0: none).
	parent    string
	parentPos int
	// notMetric is set when a later clause shows the figure is no figure of Metric (商品和服务
	// 支出…，占项目支出预算90.73%: project spending's class, not basic spending's); the
	// paragraph's figures are settled without it.
	notMetric bool
}

// Identity is who wrote a report and for which year, read from its title and first lines.
type Identity struct {
	Title      string
	Department string
	Region     string
	Year       int
}

// ClaimKind names a statement that analysis can verify against the figures.
type ClaimKind string

// Kinds of claim.
const (
	// ClaimShare: Metric is Percent of Of (项目支出占总支出的51.9%).
	ClaimShare ClaimKind = "share"
	// ClaimChange: Metric changed against the prior year by Percent and/or Amount, in Direction.
	ClaimChange ClaimKind = "change"
	// ClaimTransfer: Amount of Metric passed on to another unit, Target (转拨老科协…).
	ClaimTransfer ClaimKind = "transfer"
	// ClaimTransferIn: Amount received from another unit, named in Target (其中雨花区应急管理局
	// 转拨经费20.21万元 in the receiving unit's income).
	ClaimTransferIn ClaimKind = "transfer_in"
	// ClaimCarryover: the report states a carry-over or balance (上年结转/年末结余), even without an amount.
	ClaimCarryover ClaimKind = "carryover"
	// ClaimCutOff: the text ends in the middle of Metric's breakdown (…其他收入7000万元；上年结),
	// so its parts may not all be stated; without a Metric, the text stops in the middle of a
	// sentence, and what it does not state may be in the part cut away.
	ClaimCutOff ClaimKind = "cut_off"
	// ClaimAttached: the report says its figures are in attached tables (详见附表), which the
	// file read may not hold.
	ClaimAttached ClaimKind = "attached"
)

// Claim is a statement about figures that analysis can check: a share, a change, a transfer.
type Claim struct {
	Kind   ClaimKind
	Metric string
	Basis  Basis
	// Of is the denominator metric of a share (e.g. expenditure.total), or the reference basis of a
	// change ("prior" against last year, "budget" against the budget).
	Of string
	// Percent is the stated percentage, when there is one.
	Percent *decimal.Decimal
	// PercentDecimals is the number of decimals the percentage was printed with.
	PercentDecimals int
	// Amount is the stated amount in yuan (the change, or the transferred sum), when there is one.
	Amount *decimal.Decimal
	// Base is the amount of Metric the claim is about as the sentence states it — the figure it
	// follows (支出1946.44万元，较上年减少82.14万元; 事业收入730.05万元，占54.78%) — when there is
	// one: it pins the claim to that statement of the metric.
	Base *decimal.Decimal
	// AmountTol and BaseTol are half a unit of the last digit written of Amount and Base, in
	// yuan (8.25万元: 50): how far the amounts may be from what was rounded. Zero when exact
	// or not stated.
	AmountTol, BaseTol decimal.Decimal
	// Direction is +1 for an increase, -1 for a decrease, 0 when not a change.
	Direction int
	// Target is the other unit's name as written: the receiver of a transfer, the sender of
	// a transfer_in.
	Target   string
	Raw      string
	Location string
}

// Section is a narrative part of the report under one heading (存在的问题, 改进措施 …),
// kept for copied-text detection.
type Section struct {
	Heading  string
	Text     string
	Location string
}

// Result is everything extracted from one report.
type Result struct {
	Identity Identity
	Figures  []Figure
	Claims   []Claim
	Sections []Section
	// Evaluations are the report's self-evaluation tables (绩效自评表), in order.
	Evaluations []Evaluation
	// Grade is the 自评等级 the report states (优, 良, 中, 差): its first self-evaluation
	// table's, else the text's (自评等级为“良”); empty when none.
	Grade string
}
