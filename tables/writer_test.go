package tables

import (
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/shopspring/decimal"
)

// BenchmarkWriteFigures writes 50,000 figure rows (five row groups) to a table.
func BenchmarkWriteFigures(b *testing.B) {
	rows := make([]FigureRow, 50_000)
	for i := range rows {
		rows[i] = FigureRow{
			ReportID: fmt.Sprintf("r%05d", i/35), Path: fmt.Sprintf("县/部门%05d.docx", i/35),
			Metric: "income.total", Basis: "actual", Value: decimal.New(int64(i)*137, -2),
			Unit: "yuan", UnitText: "万元", Raw: fmt.Sprintf("收入合计%d.%02d万元", i, i%100),
			Location: fmt.Sprintf("p%d", i%300), Method: "sentence", Year: 2024, Decimals: 2,
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		w, err := Create[FigureRow](b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Write(rows...); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestUnscaled holds toNum and Fits to the plain way of writing them: round to Scale
// decimals, compare the absolute value with 10^16, shift by Scale.
func TestUnscaled(t *testing.T) {
	limit := decimal.New(1, Precision-Scale)
	for _, s := range []string{
		"0", "-0", "1", "-1", "0.00005", "-0.00005", "0.00004999", "123.456789", "-98765.43215",
		"9999999999999999.9999", "9999999999999999.99995", "-9999999999999999.99995",
		"10000000000000000", "1e15", "1e16", "-1e16", "1e-20", "214.78", "21478000", "3.14159e3",
	} {
		d := decimal.RequireFromString(s)
		wantFits := d.Round(Scale).Abs().Cmp(limit) < 0
		if got := Fits(d); got != wantFits {
			t.Errorf("Fits(%s) = %v, want %v", s, got, wantFits)
		}
		got, err := toNum(d)
		if !wantFits {
			if err == nil {
				t.Errorf("toNum(%s) = %v, want an error", s, got)
			}
			continue
		}
		if want := decimal128.FromBigInt(d.Round(Scale).Shift(Scale).BigInt()); err != nil || got != want {
			t.Errorf("toNum(%s) = %v, %v; want %v", s, got, err, want)
		}
	}
	if got, err := toNum(decimal.Decimal{}); err != nil || got != (decimal128.Num{}) {
		t.Errorf("toNum(zero value) = %v, %v; want 0", got, err)
	}
}
