package tables

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// ReviewsFile is the reviews table (an addition to SPEC): the analysts' dispositions of the
// findings, carried from run to run by review key.
const ReviewsFile = "reviews.parquet"

// ReviewRow is one row of the reviews table: one finding of this run's list, or of an
// earlier one that no longer arises, with what the analysts decided about it.
type ReviewRow struct {
	// ReviewKey is the finding's review key (AnomalyRow.ReviewKey).
	ReviewKey string
	// Status is 属实, 误报, 已退回修改, 已整改, 待核实, or empty when not reviewed.
	Status   string
	Comment  string
	Reviewer string
	// Date is the date of the disposition, YYYY-MM-DD when it was given as a date.
	Date string
	// FirstSeen and LastSeen are the dates (YYYY-MM-DD) of the first and the last run whose
	// list held the finding.
	FirstSeen string
	LastSeen  string
	// Cleared is set for a finding of an earlier list that this run's no longer holds.
	Cleared bool
	// The finding as last seen: its anomaly id (which changes with the report's bytes),
	// rule, severity, the report's department, year and path, and the message.
	AnomalyID  string
	Rule       string
	Severity   string
	Department string
	Year       int32
	Path       string
	Message    string
}

func boolCol[R any](name string, f func(*R) *bool) column[R] {
	return column[R]{
		field: arrow.Field{Name: name, Type: arrow.FixedWidthTypes.Boolean},
		put: func(b array.Builder, r *R) error {
			b.(*array.BooleanBuilder).Append(*f(r))
			return nil
		},
		get: func(a arrow.Array, i int, r *R) error {
			v, ok := a.(*array.Boolean)
			if !ok {
				return fmt.Errorf("column %s: want bool, file has %s", name, a.DataType())
			}
			if v.IsValid(i) {
				*f(r) = v.Value(i)
			}
			return nil
		},
	}
}

func reviewsTable() table[ReviewRow] {
	return table[ReviewRow]{file: ReviewsFile, columns: []column[ReviewRow]{
		stringCol("review_key", func(r *ReviewRow) *string { return &r.ReviewKey }),
		stringCol("status", func(r *ReviewRow) *string { return &r.Status }),
		stringCol("comment", func(r *ReviewRow) *string { return &r.Comment }),
		stringCol("reviewer", func(r *ReviewRow) *string { return &r.Reviewer }),
		stringCol("date", func(r *ReviewRow) *string { return &r.Date }),
		stringCol("first_seen", func(r *ReviewRow) *string { return &r.FirstSeen }),
		stringCol("last_seen", func(r *ReviewRow) *string { return &r.LastSeen }),
		boolCol("cleared", func(r *ReviewRow) *bool { return &r.Cleared }),
		stringCol("anomaly_id", func(r *ReviewRow) *string { return &r.AnomalyID }),
		stringCol("rule", func(r *ReviewRow) *string { return &r.Rule }),
		stringCol("severity", func(r *ReviewRow) *string { return &r.Severity }),
		stringCol("department", func(r *ReviewRow) *string { return &r.Department }),
		int32Col("year", func(r *ReviewRow) *int32 { return &r.Year }),
		stringCol("path", func(r *ReviewRow) *string { return &r.Path }),
		stringCol("message", func(r *ReviewRow) *string { return &r.Message }),
	}, plain: []string{"review_key", "anomaly_id", "message"}}
}

// ReadReviews reads a reviews table (reviews.parquet).
func ReadReviews(path string) ([]ReviewRow, error) { return Read[ReviewRow](path) }
