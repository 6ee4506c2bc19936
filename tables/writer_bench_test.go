package tables

import (
	"fmt"
	"testing"

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
