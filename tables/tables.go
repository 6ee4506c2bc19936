// Package tables is the one place that knows the output tables of a run: their
// Arrow schemas, their row types, and how they are written to and read from
// Parquet files (github.com/apache/arrow-go/v18, zstd compression).
//
// The tables and their columns are fixed by the output contract
// (docs/tables.md): reports, figures, anomalies, checks, indicators and funds,
// with the additions claims, sections and evaluations. Each has a row type here
// (ReportRow, FigureRow, …); Create opens a Writer for one of them and Read (or
// ReadReports, ReadFigures, …) reads a written file back.
//
// Files are written deterministically: the same rows in the same order give
// the same bytes (no timestamps; the created_by field names the Parquet
// library and its version). Amounts are decimal(20,4) columns holding exact
// decimals, never floats.
package tables

import (
	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"

	"strings"

	"github.com/shopspring/decimal"
)

// File names of the tables in the output folder.
const (
	ReportsFile   = "reports.parquet"
	FiguresFile   = "figures.parquet"
	AnomaliesFile = "anomalies.parquet"
	ChecksFile    = "checks.parquet"
	// ClaimsFile and SectionsFile are additions to SPEC: what analysis needs besides the
	// figures, so that `jixiao analyze` can re-run it from the tables alone.
	ClaimsFile   = "claims.parquet"
	SectionsFile = "sections.parquet"
)

// Name returns the name of R's table, e.g. figures: its file name without .parquet, and the
// folder of its parts in a partitioned dataset.
func Name[R Row]() string {
	return strings.TrimSuffix(tableOf[R]().file, ".parquet")
}

// Precision and Scale of every decimal column: decimal(20,4), values up to
// 9,999,999,999,999,999.9999 with four decimals. Values with more decimals are
// rounded half away from zero to four places when written.
const (
	Precision = 20
	Scale     = 4
)

// Metrics lists the metric IDs that have one resolved-value column in the
// reports table: the vocabulary (extract.Metrics), in its order.
// expenditure.project.item is absent: it is a per-item metric with no single
// value per report, and appears only in the figures table. The column of a
// metric is named by MetricColumn.
//
// Treat Metrics as read-only.
var Metrics = resolvable(extract.Metrics)

// resolvable is the vocabulary without its per-item metrics.
func resolvable(vocabulary []string) []string {
	var out []string
	for _, m := range vocabulary {
		if !strings.HasSuffix(m, ".item") {
			out = append(out, m)
		}
	}
	return out
}

// MetricColumn returns the reports-table column of a metric ID: dots become
// underscores (expenditure.basic → expenditure_basic).
func MetricColumn(metric string) string {
	return strings.ReplaceAll(metric, ".", "_")
}

// ReportRow is one row of the reports table: one input file, whatever became of it.
type ReportRow struct {
	// ReportID is the first 16 hex characters of the SHA-256 of the file bytes
	// (empty when the file could not be opened at all).
	ReportID string
	// Path is the file's path relative to its input folder, '/'-separated.
	Path string
	// Format is docx, txt, md, doc, pdf, …
	Format string
	// Status is ok, partial or failed.
	Status string
	// Error says why the file failed or is partial; empty when ok.
	Error      string
	Department string
	Region     string
	// Year is the fiscal year the report covers; 0 means unknown and is written as null.
	Year  int32
	Title string
	// Chars counts the characters of extracted text.
	Chars int64
	// Grade is the stated 自评等级 (优, 良, 中, 差) of the report's self-evaluation, empty when none.
	Grade string
	// Values holds the resolved value of each metric of Metrics, keyed by
	// metric ID (income.total, not income_total). A metric absent from the map
	// is written as null. Keys not in Metrics are ignored.
	Values map[string]decimal.Decimal
}

// FigureRow is one row of the figures table: one figure stated in a report.
type FigureRow struct {
	ReportID string
	Path     string
	// Metric is a vocabulary ID, e.g. expenditure.basic.
	Metric string
	// Basis is actual, budget or prior.
	Basis string
	// Item is the line-item name of *.item metrics, else empty.
	Item string
	// Value is normalised: money in yuan, counts as counts, rates in percent.
	Value decimal.Decimal
	// Unit is yuan, person, vehicle, percent or point.
	Unit string
	// UnitText is the unit as written: 万元, 元, 亿元, 人, 台, 辆, %, 分.
	UnitText string
	// Raw is the sentence or table cell the figure came from.
	Raw string
	// Location is p12 (paragraph 12) or t2r3c4 (table 2, row 3, column 4).
	Location string
	// Method is prose or table.
	Method string
	// Term is the wording the figure was recognised by (事业收入, 县财政预算安排), or the
	// item's name. Not in SPEC's list: an added column.
	Term string
	// Year is the fiscal year the text states the figure for (2024年…), 0 (null) when it
	// says none. An added column.
	Year int32
	// Decimals is how many decimals the figure was written with, for rounding tolerance.
	// An added column.
	Decimals int32
	// BasisText is the wording that gave the basis (年初预算数, 调整预算, a column header).
	// An added column.
	BasisText string
	// Part is the wording of the part of its metric the figure is (离休人员, 行政编制, 区直),
	// empty for the whole. An added column.
	Part string
}

// AnomalyRow is one row of the anomalies table: one finding.
type AnomalyRow struct {
	// AnomalyID is a stable id (hash of rule, reports and metrics).
	AnomalyID string
	// Rule is a rule ID, e.g. sum.expenditure.
	Rule string
	// Severity is error, warning or info.
	Severity string
	ReportID string
	Path     string
	// Related lists the other report_ids involved (cross-report rules).
	Related []string
	// Metrics lists the metric IDs involved.
	Metrics []string
	// Expected and Actual are the two sides of the check; nil when there are not two.
	Expected *decimal.Decimal
	Actual   *decimal.Decimal
	// Message is one sentence in Chinese an analyst can act on, with the numbers.
	Message string
	// Evidence is the raw text or cells the finding rests on.
	Evidence string
	// ReviewKey identifies the finding across runs and resubmissions, for the analysts'
	// dispositions (the reviews table): made of what a corrected report keeps — the
	// department, the year, the rule, the metrics, the item, the other departments — never
	// of report ids. An added column.
	ReviewKey string
}

// CheckRow is one row of the checks table: one report and one rule, and what came of the
// check (outcome flagged, passed, not_applicable or insufficient; detail the anomaly_id(s)
// when flagged, else what was missing or why the rule does not apply). It is the analysis's
// own analyze.Check, so that the checks of a batch — one per report and rule, millions in a
// national year — are written as the analysis made them, not copied first.
type CheckRow = analyze.Check

// Row is the set of row types that have a table.
type Row interface {
	ReportRow | FigureRow | AnomalyRow | CheckRow | ClaimRow | SectionRow | ReviewRow | IndicatorRow | FundsRow | EvaluationRow |
		PartialFindingRow
}

// ClaimRow is one row of the claims table (an addition to SPEC): a statement of a report
// that analysis verifies against its figures — a share (占总支出的51.9%), a change against
// last year or the budget (较上年减少19万元，下降12.5%), a transfer to another unit
// (转拨老科协预算资金30.60万元), or a mention of a carry-over. It lets `jixiao analyze`
// re-run every rule without the documents.
type ClaimRow struct {
	ReportID string
	Path     string
	// Kind is share, change, transfer or carryover.
	Kind string
	// Metric is the metric the claim is about.
	Metric string
	Basis  string
	// Of is a share's denominator metric, or a change's reference (prior or budget).
	Of string
	// Percent is the stated percentage, nil when none.
	Percent *decimal.Decimal
	// PercentDecimals is how many decimals the percentage was printed with.
	PercentDecimals int32
	// Amount is the stated amount in yuan (a change, a transfer), nil when none.
	Amount *decimal.Decimal
	// Base is the amount of the metric the claim is about, as the sentence states it (the
	// figure it follows), nil when none. An added column.
	Base *decimal.Decimal
	// AmountTol and BaseTol are half a unit of the last digit Amount and Base were written
	// to, in yuan (8.25万元: 50); nil when exact or none. Added columns.
	AmountTol, BaseTol *decimal.Decimal
	// Direction is 1 for an increase, -1 for a decrease, 0 (null) otherwise.
	Direction int32
	// Target is the receiving unit of a transfer, as written.
	Target   string
	Raw      string
	Location string
}

// SectionRow is one row of the sections table (an addition to SPEC): the narrative under
// one heading of a report, kept for copied-text detection (text.duplicate).
type SectionRow struct {
	ReportID string
	Path     string
	Heading  string
	Text     string
	Location string
}
