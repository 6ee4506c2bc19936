package tables

import "github.com/shopspring/decimal"

// PartialFindingsFile is the table of an analysis shard's findings (an addition to SPEC),
// in OUT/analysis/shard=K-of-N/: the rows of the anomalies table without their review key,
// and what the merge of the shards needs to order them and key their reviews as one run over
// the whole batch does.
const PartialFindingsFile = "findings.parquet"

// PartialFindingRow is one finding of an analysis shard (PartialFindingsFile).
type PartialFindingRow struct {
	AnomalyID string
	Rule      string
	Severity  string
	ReportID  string
	Path      string
	Related   []string
	Metrics   []string
	Expected  *decimal.Decimal
	Actual    *decimal.Decimal
	Message   string
	Evidence  string
	// Item is what within the report the finding is about (analyze.Finding.Item), for its
	// review key.
	Item string
	// Department is the department the findings are ordered by (analyze.Finding.Order).
	Department string
}

func partialFindingsTable() table[PartialFindingRow] {
	type r = PartialFindingRow
	return table[r]{file: PartialFindingsFile, columns: []column[r]{
		stringCol("anomaly_id", func(r *r) *string { return &r.AnomalyID }),
		stringCol("rule", func(r *r) *string { return &r.Rule }),
		stringCol("severity", func(r *r) *string { return &r.Severity }),
		stringCol("report_id", func(r *r) *string { return &r.ReportID }),
		stringCol("path", func(r *r) *string { return &r.Path }),
		stringListCol("related", func(r *r) *[]string { return &r.Related }),
		stringListCol("metrics", func(r *r) *[]string { return &r.Metrics }),
		optDecimalCol("expected", func(r *r) **decimal.Decimal { return &r.Expected }),
		optDecimalCol("actual", func(r *r) **decimal.Decimal { return &r.Actual }),
		stringCol("message", func(r *r) *string { return &r.Message }),
		stringCol("evidence", func(r *r) *string { return &r.Evidence }),
		stringCol("item", func(r *r) *string { return &r.Item }),
		stringCol("department", func(r *r) *string { return &r.Department }),
	}}
}
