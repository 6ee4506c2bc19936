package tables

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func decp(s string) *decimal.Decimal {
	d := dec(s)
	return &d
}

func sampleReports() []ReportRow {
	return []ReportRow{
		{
			ReportID: "0123456789abcdef", Path: "2024/隆回县科协.docx", Format: "docx", Status: "ok",
			Department: "隆回县科学技术协会", Region: "隆回县", Year: 2024,
			Title: "隆回县科学技术协会2024年度部门整体支出绩效自评报告", Chars: 5321,
			Values: map[string]decimal.Decimal{
				"income.total":          dec("2147800"),
				"expenditure.total":     dec("2147800.0000"),
				"expenditure.basic":     dec("1033100.5"),
				"three_public.abroad":   dec("0"),
				"rate.budget_execution": dec("100.0001"),
				"staff.in_service":      dec("12"),
			},
		},
		{
			ReportID: "fedcba9876543210", Path: "损坏的报告.docx", Format: "docx", Status: "failed",
			Error: "文件已损坏", // no year, no values: nulls
		},
		{
			ReportID: "00000000aaaaaaaa", Path: "负数.txt", Format: "txt", Status: "partial",
			Error: "未找到收入合计", Year: 2023, Chars: 1,
			Values: map[string]decimal.Decimal{"income.carryover": dec("-12.3456"), "score.self_evaluation": dec("9999999999999999.9999")},
		},
	}
}

func sampleFigures(n int) []FigureRow {
	rows := make([]FigureRow, n)
	for i := range rows {
		rows[i] = FigureRow{
			ReportID: fmt.Sprintf("%016x", i%7), Path: fmt.Sprintf("r%03d.docx", i%7),
			Metric: "expenditure.project.item", Basis: "actual", Item: fmt.Sprintf("科普行动计划经费%d", i),
			Value: decimal.New(int64(i)*1234567, -2), Unit: "yuan", UnitText: "万元",
			Raw: "项目支出214.78万元", Location: fmt.Sprintf("t2r%dc4", i+1), Method: "table",
		}
	}
	return rows
}

func sampleAnomalies() []AnomalyRow {
	return []AnomalyRow{
		{
			AnomalyID: "a1", Rule: "sum.expenditure", Severity: "error", ReportID: "0123456789abcdef", Path: "x.docx",
			Related: nil, Metrics: []string{"expenditure.total", "expenditure.basic", "expenditure.project"},
			Expected: decp("2147800.0000"), Actual: decp("2147700"), Message: "支出合计与基本支出、项目支出之和不符", Evidence: "p12",
		},
		{
			AnomalyID: "a2", Rule: "peer.outlier", Severity: "warning", ReportID: "fedcba9876543210", Path: "y.docx",
			Related: []string{"0123456789abcdef", "00000000aaaaaaaa"}, Metrics: []string{"three_public.total"},
			Message: "“三公”经费占比远高于同类单位",
		},
		{AnomalyID: "a3", Rule: "text.duplicate", Severity: "info", Related: []string{""}},
	}
}

func sampleChecks() []CheckRow {
	return []CheckRow{
		{ReportID: "0123456789abcdef", Path: "x.docx", Rule: "sum.expenditure", Outcome: "flagged", Detail: "a1"},
		{ReportID: "0123456789abcdef", Path: "x.docx", Rule: "staff.sum", Outcome: "insufficient", Detail: "staff.retired"},
		{ReportID: "0123456789abcdef", Path: "x.docx", Rule: "sum.vehicle", Outcome: "not_applicable"},
	}
}

// roundTrip writes rows to a fresh folder, reads them back and compares.
func roundTrip[R Row](t *testing.T, rows []R, equal func(a, b R) bool) {
	t.Helper()
	dir := t.TempDir()
	if err := WriteFile(dir, rows); err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	got, err := Read[R](filepath.Join(dir, FileName[R]()))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(got) != len(rows) {
		t.Fatalf("read %d rows, wrote %d", len(got), len(rows))
	}
	for i := range rows {
		if !equal(got[i], rows[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], rows[i])
		}
	}
	assertOnlyTable(t, dir, FileName[R]())
}

func assertOnlyTable(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if !reflect.DeepEqual(got, names) {
		t.Errorf("folder holds %q, want %q", got, names)
	}
}

func equalDecimalMaps(a, b map[string]decimal.Decimal) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !v.Equal(w) {
			return false
		}
	}
	return true
}

func equalDecPtr(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

func TestRoundTrip(t *testing.T) {
	t.Run("reports", func(t *testing.T) {
		roundTrip(t, sampleReports(), func(a, b ReportRow) bool {
			va, vb := a.Values, b.Values
			a.Values, b.Values = nil, nil
			return reflect.DeepEqual(a, b) && equalDecimalMaps(va, vb)
		})
	})
	t.Run("figures", func(t *testing.T) {
		// More than two row groups.
		roundTrip(t, sampleFigures(2*RowGroupRows+17), func(a, b FigureRow) bool {
			va, vb := a.Value, b.Value
			a.Value, b.Value = decimal.Decimal{}, decimal.Decimal{}
			return reflect.DeepEqual(a, b) && va.Equal(vb)
		})
	})
	t.Run("anomalies", func(t *testing.T) {
		roundTrip(t, sampleAnomalies(), func(a, b AnomalyRow) bool {
			ea, eb, aa, ab := a.Expected, b.Expected, a.Actual, b.Actual
			a.Expected, b.Expected, a.Actual, b.Actual = nil, nil, nil, nil
			return reflect.DeepEqual(a, b) && equalDecPtr(ea, eb) && equalDecPtr(aa, ab)
		})
	})
	t.Run("checks", func(t *testing.T) {
		roundTrip(t, sampleChecks(), func(a, b CheckRow) bool { return a == b })
	})
	t.Run("claims", func(t *testing.T) {
		p, a := dec("51.9"), dec("306000")
		rows := []ClaimRow{
			{ReportID: "a", Path: "x.docx", Kind: "share", Metric: "expenditure.project", Basis: "actual", Of: "expenditure.total", Percent: &p, PercentDecimals: 1, Raw: "占总支出的51.9%", Location: "p12"},
			{ReportID: "a", Path: "x.docx", Kind: "transfer", Metric: "expenditure.project.item", Amount: &a, Direction: -1, Target: "老科协", Location: "p17"},
			{ReportID: "b", Path: "y.txt", Kind: "carryover"},
		}
		roundTrip(t, rows, func(x, y ClaimRow) bool {
			px, py, ax, ay := x.Percent, y.Percent, x.Amount, y.Amount
			x.Percent, y.Percent, x.Amount, y.Amount = nil, nil, nil, nil
			return x == y && equalDecPtr(px, py) && equalDecPtr(ax, ay)
		})
	})
	t.Run("sections", func(t *testing.T) {
		rows := []SectionRow{{ReportID: "a", Path: "x.docx", Heading: "四、存在的问题", Text: "预算编制不科学。\n固定资产清查不及时。", Location: "p40"}}
		roundTrip(t, rows, func(x, y SectionRow) bool { return x == y })
	})
	t.Run("indicators", func(t *testing.T) {
		w, sc, tv, av := dec("10"), dec("9.5"), dec("95"), dec("97.3")
		yes := true
		rows := []IndicatorRow{
			{ReportID: "a", Path: "x.docx", Table: "农村公路养护经费", Level1: "产出指标", Level2: "质量指标", Name: "路面完好率",
				Target: "≥95%", Actual: "97.3%", Comparator: ">=", TargetValue: &tv, ActualValue: &av, UnitText: "%",
				Weight: &w, Score: &sc, Met: &yes, Raw: "路面完好率 | ≥95% | 97.3% | 10 | 9.5", Location: "t2r6",
				TableNo: 1, ActualUnit: "%", WeightDecimals: 0, ScoreDecimals: 1},
			{ReportID: "a", Path: "x.docx", Name: "群众满意度", Location: "t2r7", TableNo: 2}, // blank cells: nulls
		}
		roundTrip(t, rows, func(x, y IndicatorRow) bool {
			ok := equalDecPtr(x.TargetValue, y.TargetValue) && equalDecPtr(x.ActualValue, y.ActualValue) &&
				equalDecPtr(x.Weight, y.Weight) && equalDecPtr(x.Score, y.Score) &&
				(x.Met == nil) == (y.Met == nil) && (x.Met == nil || *x.Met == *y.Met)
			x.TargetValue, y.TargetValue, x.ActualValue, y.ActualValue = nil, nil, nil, nil
			x.Weight, y.Weight, x.Score, y.Score, x.Met, y.Met = nil, nil, nil, nil, nil, nil
			return ok && x == y
		})
	})
	t.Run("funds", func(t *testing.T) {
		a, e, r := dec("325000"), dec("318500"), dec("98")
		rows := []FundsRow{
			{ReportID: "a", Path: "x.docx", Table: "农村公路养护经费", Source: "total", Label: "年度资金总额", Adjusted: &a, Executed: &e,
				Rate: &r, Raw: "年度资金总额 | 32.5 | 31.85 | 98%", Location: "t2r3", TableNo: 1, UnitText: "万元", Decimals: 2},
		}
		roundTrip(t, rows, func(x, y FundsRow) bool {
			ok := equalDecPtr(x.Initial, y.Initial) && equalDecPtr(x.Adjusted, y.Adjusted) && equalDecPtr(x.Executed, y.Executed) &&
				equalDecPtr(x.Rate, y.Rate) && equalDecPtr(x.Weight, y.Weight) && equalDecPtr(x.Score, y.Score)
			x.Initial, y.Initial, x.Adjusted, y.Adjusted, x.Executed, y.Executed = nil, nil, nil, nil, nil, nil
			x.Rate, y.Rate, x.Weight, y.Weight, x.Score, y.Score = nil, nil, nil, nil, nil, nil
			return ok && x == y
		})
	})
	t.Run("evaluations", func(t *testing.T) {
		w, s := dec("100"), dec("92.5")
		rows := []EvaluationRow{{ReportID: "a", Path: "x.docx", TableNo: 1, Table: "农村公路养护经费", Scope: "project",
			TotalWeight: &w, TotalScore: &s, TotalDecimals: 1, Grade: "优", ExecutionScoring: "linear", Raw: "总分 | 100 | 92.5", Location: "t2"}}
		roundTrip(t, rows, func(x, y EvaluationRow) bool {
			ok := equalDecPtr(x.TotalWeight, y.TotalWeight) && equalDecPtr(x.TotalScore, y.TotalScore)
			x.TotalWeight, y.TotalWeight, x.TotalScore, y.TotalScore = nil, nil, nil, nil
			return ok && x == y
		})
	})
	t.Run("reviews", func(t *testing.T) {
		rows := []ReviewRow{
			{ReviewKey: "0123456789abcdef", Status: "已退回修改", Comment: "请核对支出合计", Reviewer: "李", Date: "2025-03-05",
				FirstSeen: "2025-03-01", LastSeen: "2025-03-01", Cleared: true, AnomalyID: "fedcba9876543210", Rule: "sum.expenditure",
				Severity: "error", Department: "县科协", Year: 2024, Path: "a.docx", Message: "支出合计不符。"},
			{ReviewKey: "0123456789abcdef-2", FirstSeen: "2025-03-08", LastSeen: "2025-03-08"},
		}
		roundTrip(t, rows, func(x, y ReviewRow) bool { return x == y })
	})
	t.Run("empty", func(t *testing.T) {
		roundTrip(t, []CheckRow{}, func(a, b CheckRow) bool { return a == b })
	})
}

// TestAnomaliesWithoutReviewKey: an anomalies table written before review_key was added
// reads back, with empty keys.
func TestAnomaliesWithoutReviewKey(t *testing.T) {
	old := anomaliesTable()
	if last := old.columns[len(old.columns)-1].field.Name; last != "review_key" {
		t.Fatalf("the last column is %s, want review_key", last)
	}
	old.columns = old.columns[:len(old.columns)-1]
	rb := array.NewRecordBuilder(memory.NewGoAllocator(), old.schema())
	defer rb.Release()
	row := AnomalyRow{AnomalyID: "a1", Rule: "sum.expenditure", Message: "不符", ReviewKey: "never written"}
	for j, c := range old.columns {
		if err := c.put(rb.Field(j), &row); err != nil {
			t.Fatal(err)
		}
	}
	rec := rb.NewRecordBatch()
	defer rec.Release()
	tbl := array.NewTableFromRecords(old.schema(), []arrow.RecordBatch{rec})
	defer tbl.Release()
	path := filepath.Join(t.TempDir(), AnomaliesFile)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := pqarrow.WriteTable(tbl, f, 1024, nil, pqarrow.DefaultWriterProps()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rows, err := ReadAnomalies(path)
	if err != nil || len(rows) != 1 {
		t.Fatalf("read back %+v, %v", rows, err)
	}
	if rows[0].AnomalyID != "a1" || rows[0].Message != "不符" || rows[0].ReviewKey != "" {
		t.Errorf("read back %+v", rows[0])
	}
}

func TestDecimalsExact(t *testing.T) {
	tests := []struct {
		in, want string // want is StringFixed(4) of what is read back
	}{
		{"2147800", "2147800.0000"},
		{"2147800.0000", "2147800.0000"},
		{"0", "0.0000"},
		{"0.0001", "0.0001"},
		{"-12.3456", "-12.3456"},
		{"1033100.5", "1033100.5000"},
		{"9999999999999999.9999", "9999999999999999.9999"},
		{"-9999999999999999.9999", "-9999999999999999.9999"},
		{"1.23455", "1.2346"}, // rounded half away from zero
		{"-1.23455", "-1.2346"},
	}
	rows := make([]FigureRow, len(tests))
	for i, tt := range tests {
		rows[i] = FigureRow{Metric: "income.total", Value: dec(tt.in)}
	}
	dir := t.TempDir()
	if err := WriteFile(dir, rows); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFigures(filepath.Join(dir, FiguresFile))
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		if s := got[i].Value.StringFixed(Scale); s != tt.want {
			t.Errorf("%s: read back %s, want %s", tt.in, s, tt.want)
		}
		if e := got[i].Value.Exponent(); e != -Scale {
			t.Errorf("%s: exponent %d, want %d", tt.in, e, -Scale)
		}
	}
}

func TestNullsSurvive(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(dir, sampleReports()); err != nil {
		t.Fatal(err)
	}
	got, err := ReadReports(filepath.Join(dir, ReportsFile))
	if err != nil {
		t.Fatal(err)
	}
	failed := got[1]
	if failed.Year != 0 || failed.Values != nil {
		t.Errorf("failed row: year %d, values %v; want 0 and nil", failed.Year, failed.Values)
	}
	if _, ok := got[0].Values["income.fiscal"]; ok {
		t.Error("absent metric read back as a value")
	}
	if v, ok := got[0].Values["three_public.abroad"]; !ok || !v.IsZero() {
		t.Errorf("explicit zero read back as %v, %v", v, ok)
	}
	// The Parquet columns themselves hold nulls, not zeros.
	pf, err := file.OpenParquetFile(filepath.Join(dir, ReportsFile), false)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	rg := pf.MetaData().RowGroups[0]
	for _, name := range []string{"year", "income_total", "income_fiscal"} {
		idx := pf.MetaData().Schema.ColumnIndexByName(name)
		stats := rg.Columns[idx].MetaData.Statistics
		if stats == nil || stats.NullCount == nil || *stats.NullCount == 0 {
			t.Errorf("column %s: no nulls recorded", name)
		}
	}
}

func TestDeterministicBytes(t *testing.T) {
	write := func() map[string][]byte {
		dir := t.TempDir()
		if err := WriteFile(dir, sampleReports()); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(dir, sampleFigures(RowGroupRows+3)); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(dir, sampleAnomalies()); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(dir, sampleChecks()); err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for _, name := range []string{ReportsFile, FiguresFile, AnomaliesFile, ChecksFile} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			out[name] = b
		}
		return out
	}
	a, b := write(), write()
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s: two writes of the same rows differ", name)
		}
		if !bytes.HasPrefix(a[name], []byte("PAR1")) {
			t.Errorf("%s: not a Parquet file", name)
		}
	}
}

func TestFailedWriterLeavesNoTable(t *testing.T) {
	tests := []struct {
		name string
		run  func(dir string) error
	}{
		{"abort", func(dir string) error {
			w, err := Create[FigureRow](dir)
			if err != nil {
				return err
			}
			if err := w.Write(sampleFigures(RowGroupRows + 5)...); err != nil {
				return err
			}
			if err := w.Abort(); err != nil {
				return err
			}
			if err := w.Close(); !errors.Is(err, ErrClosed) {
				return fmt.Errorf("Close after Abort: %v, want ErrClosed", err)
			}
			return nil
		}},
		{"decimal overflow", func(dir string) error {
			w, err := Create[FigureRow](dir)
			if err != nil {
				return err
			}
			err = w.Write(FigureRow{Value: dec("10000000000000000")})
			if err == nil {
				return errors.New("Write accepted a value beyond decimal(20,4)")
			}
			if err := w.Write(FigureRow{}); !errors.Is(err, ErrClosed) {
				return fmt.Errorf("Write after failure: %v, want ErrClosed", err)
			}
			if err := w.Close(); !errors.Is(err, ErrClosed) {
				return fmt.Errorf("Close after failure: %v, want ErrClosed", err)
			}
			return nil
		}},
		{"finish then abort", func(dir string) error {
			w, err := Create[ReportRow](dir)
			if err != nil {
				return err
			}
			if err := w.Write(sampleReports()...); err != nil {
				return err
			}
			if err := w.Finish(); err != nil {
				return err
			}
			if err := w.Write(ReportRow{}); !errors.Is(err, ErrClosed) {
				return fmt.Errorf("Write after Finish: %v, want ErrClosed", err)
			}
			return w.Abort()
		}},
		{"rename fails", func(dir string) error {
			// A folder in the way of the table: Close cannot rename onto it.
			if err := os.MkdirAll(filepath.Join(dir, ChecksFile, "x"), 0o755); err != nil {
				return err
			}
			if err := WriteFile(dir, sampleChecks()); err == nil {
				return errors.New("Close succeeded renaming onto a folder")
			}
			return os.RemoveAll(filepath.Join(dir, ChecksFile))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := tt.run(dir); err != nil {
				t.Fatal(err)
			}
			assertOnlyTable(t, dir)
		})
	}
}

func TestAbortKeepsEarlierTable(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(dir, sampleChecks()); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, ChecksFile))
	w, err := Create[CheckRow](dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(CheckRow{Rule: "other"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, ChecksFile))
	if !bytes.Equal(before, after) {
		t.Error("Abort changed the earlier table")
	}
	assertOnlyTable(t, dir, ChecksFile)
}

func TestInvalidUTF8Replaced(t *testing.T) {
	dir := t.TempDir()
	rows := []AnomalyRow{{Message: "坏\xff字", Related: []string{"\xfe"}}}
	if err := WriteFile(dir, rows); err != nil {
		t.Fatal(err)
	}
	got, err := ReadAnomalies(filepath.Join(dir, AnomaliesFile))
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Message != "坏\uFFFD字" || got[0].Related[0] != "\uFFFD" {
		t.Errorf("got %q %q", got[0].Message, got[0].Related)
	}
}

func TestFits(t *testing.T) {
	tests := []struct {
		v    string
		fits bool
	}{
		{"0", true},
		{"9999999999999999.9999", true},
		{"-9999999999999999.9999", true},
		{"9999999999999999.99995", false}, // rounds up to 10^16
		{"10000000000000000", false},
		{"1e30", false},
	}
	for _, tt := range tests {
		if got := Fits(dec(tt.v)); got != tt.fits {
			t.Errorf("Fits(%s) = %v, want %v", tt.v, got, tt.fits)
		}
	}
}

func TestCreateMissingFolder(t *testing.T) {
	_, err := Create[ReportRow](filepath.Join(t.TempDir(), "missing"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Create in a missing folder: %v, want ErrNotExist", err)
	}
}

func TestReportsSchema(t *testing.T) {
	s := Schema[ReportRow]()
	want := []string{"report_id", "path", "format", "status", "error", "department", "region", "year", "title", "chars", "grade"}
	for _, m := range Metrics {
		want = append(want, MetricColumn(m))
	}
	var got []string
	for _, f := range s.Fields() {
		got = append(got, f.Name)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("columns\n got %q\nwant %q", got, want)
	}
	if f, _ := s.FieldsByName("income_total"); f[0].Type.String() != "decimal(20, 4)" {
		t.Errorf("income_total is %s", f[0].Type)
	}
	if f, _ := s.FieldsByName("year"); f[0].Type.ID() != arrow.INT32 {
		t.Errorf("year is %s", f[0].Type)
	}
	if f, _ := s.FieldsByName("chars"); f[0].Type.ID() != arrow.INT64 {
		t.Errorf("chars is %s", f[0].Type)
	}
	for _, m := range Metrics {
		if m == "expenditure.project.item" {
			t.Error("expenditure.project.item has a reports column")
		}
	}
	if f, _ := Schema[AnomalyRow]().FieldsByName("related"); f[0].Type.String() != "list<item: utf8, nullable>" {
		t.Errorf("related is %s", f[0].Type)
	}
}

// TestDocsListEveryColumn keeps docs/tables.md in step with the schemas.
func TestDocsListEveryColumn(t *testing.T) {
	b, err := os.ReadFile("../docs/tables.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	sections := map[string]*arrow.Schema{
		"reports":     Schema[ReportRow](),
		"figures":     Schema[FigureRow](),
		"anomalies":   Schema[AnomalyRow](),
		"checks":      Schema[CheckRow](),
		"claims":      Schema[ClaimRow](),
		"sections":    Schema[SectionRow](),
		"reviews":     Schema[ReviewRow](),
		"indicators":  Schema[IndicatorRow](),
		"funds":       Schema[FundsRow](),
		"evaluations": Schema[EvaluationRow](),
	}
	for name, s := range sections {
		start := strings.Index(doc, "## "+name)
		if start < 0 {
			t.Errorf("docs/tables.md has no section ## %s", name)
			continue
		}
		sec := doc[start+3:]
		if end := strings.Index(sec, "\n## "); end >= 0 {
			sec = sec[:end]
		}
		for _, f := range s.Fields() {
			if name == "reports" && isMetricColumn(f.Name) {
				continue // listed with the metric vocabulary, below
			}
			if !regexp.MustCompile("`" + regexp.QuoteMeta(f.Name) + "`").MatchString(sec) {
				t.Errorf("docs/tables.md, ## %s: column %s not documented", name, f.Name)
			}
		}
	}
	// The vocabulary table lists every metric with its reports column, in the order of Metrics.
	var listed []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_.]+)` \\| `([a-z_]+)` \\|").FindAllStringSubmatch(doc, -1) {
		if MetricColumn(m[1]) != m[2] {
			t.Errorf("docs/tables.md: metric %s has column %s, want %s", m[1], m[2], MetricColumn(m[1]))
		}
		listed = append(listed, m[1])
	}
	if !reflect.DeepEqual(listed, Metrics) {
		t.Errorf("docs/tables.md lists metrics with columns\n%q\nwant tables.Metrics\n%q", listed, Metrics)
	}
}

func isMetricColumn(name string) bool {
	for _, m := range Metrics {
		if MetricColumn(m) == name {
			return true
		}
	}
	return false
}

// TestRowGroupBytes checks that long texts close a row group before RowGroupRows: 3,000
// sections of 6 KB each (18 MB of text) make at least four row groups of at most
// RowGroupBytes of text (plus one check interval), and read back whole.
func TestRowGroupBytes(t *testing.T) {
	text := strings.Repeat("预算编制不科学。", 256) // 6 KB
	rows := make([]SectionRow, 3000)
	for i := range rows {
		rows[i] = SectionRow{ReportID: fmt.Sprintf("r%04d", i), Path: fmt.Sprintf("%04d.docx", i), Heading: "四、存在的问题", Text: text, Location: "p40"}
	}
	dir := t.TempDir()
	if err := WriteFile(dir, rows); err != nil {
		t.Fatal(err)
	}
	pf, err := file.OpenParquetFile(filepath.Join(dir, tableOf[SectionRow]().file), false)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	perGroup := RowGroupBytes/len(text) + sizeCheckRows
	if n := pf.NumRowGroups(); n < len(rows)/perGroup {
		t.Errorf("%d row groups, want at least %d", n, len(rows)/perGroup)
	}
	for g := range pf.NumRowGroups() {
		if n := pf.MetaData().RowGroups[g].NumRows; n > int64(perGroup) {
			t.Errorf("row group %d has %d rows, want at most %d", g, n, perGroup)
		}
	}
	got, err := Read[SectionRow](filepath.Join(dir, tableOf[SectionRow]().file))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) || got[len(got)-1] != rows[len(rows)-1] {
		t.Errorf("read %d rows back, want %d", len(got), len(rows))
	}
}

// TestScanBatches checks that Scan hands over the rows of a table a batch at a time, in
// file order, and stops at fn's error.
func TestScanBatches(t *testing.T) {
	dir := t.TempDir()
	rows := sampleFigures(2*scanBatchRows + 5)
	if err := WriteFile(dir, rows); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FiguresFile)
	var sizes []int
	var got []FigureRow
	if err := Scan(path, func(batch []FigureRow) error {
		sizes = append(sizes, len(batch))
		got = append(got, batch...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) || len(sizes) < 3 || slices.Max(sizes) > scanBatchRows {
		t.Fatalf("%d rows in batches of %v, want %d in batches of at most %d", len(got), sizes, len(rows), scanBatchRows)
	}
	for i := range rows {
		if got[i].Raw != rows[i].Raw || !got[i].Value.Equal(rows[i].Value) {
			t.Fatalf("row %d = %+v, want %+v", i, got[i], rows[i])
		}
	}
	stop := errors.New("stop")
	n := 0
	if err := Scan(path, func(batch []FigureRow) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Scan after fn's error: %v, %d calls", err, n)
	}
}
