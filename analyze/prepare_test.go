package analyze

import (
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// TestSlimKeepsWhatRulesRead checks the copy of a report that the rules across reports see:
// every field of a figure they read is kept (the unit's wording sets a figure's rounding),
// only transfers among the claims, and only sections long enough to compare.
func TestSlimKeepsWhatRulesRead(t *testing.T) {
	fig := extract.Figure{Metric: "income.total", Basis: extract.Prior, Item: "", Term: "收入合计", Value: decimal.RequireFromString("1234567"),
		Unit: extract.UnitYuan, UnitText: "元", Raw: "上年收入合计1234567元。", Location: "p3", Method: extract.MethodProse,
		BasisText: "上年", Year: 2023, Decimals: 0}
	long := "合同管理不够规范，个别合同未按规定履行审批程序，绩效目标设置不够细化量化。"
	r := Report{ReportID: "r1", Path: "a.txt", Status: "ok", Identity: extract.Identity{Title: "t", Department: "县科协", Region: "隆回县", Year: 2024},
		Figures: []extract.Figure{fig},
		Claims: []extract.Claim{
			{Kind: extract.ClaimShare, Metric: "expenditure.basic", Raw: "占比", Location: "p4"},
			{Kind: extract.ClaimTransfer, Target: "县妇联", Raw: "转拨县妇联10万元", Location: "p5"},
		},
		Sections: []extract.Section{{Heading: "一", Text: "短。"}, {Heading: "二", Text: long, Location: "p6"}},
	}
	own := ofYear(r.Figures, r.Year)
	s, sx := slim(&r, buildFacts(own), Config{}.withDefaults())
	want := fig
	want.Location, want.Method = "", ""
	if sx.figs != nil || len(sx.slim.figs) != 1 {
		t.Fatalf("facts of the copy = %+v", sx)
	}
	got := *sx.fig(0)
	if !got.Value.Equal(want.Value) || got.Value.Exponent() != want.Value.Exponent() {
		t.Errorf("value = %s, want %s", got.Value, want.Value)
	}
	got.Value, want.Value = decimal.Decimal{}, decimal.Decimal{}
	if got != want {
		t.Errorf("figure = %+v\nwant %+v", got, want)
	}
	if len(s.Claims) != 1 || s.Claims[0].Kind != extract.ClaimTransfer || s.Claims[0].Location != "p5" {
		t.Errorf("claims = %+v", s.Claims)
	}
	if len(s.Sections) != 1 || s.Sections[0].Heading != "二" || s.Sections[0].Text != long || len(s.Fingerprints) != 1 {
		t.Errorf("sections = %+v, %d fingerprints", s.Sections, len(s.Fingerprints))
	}
	if s.Identity != r.Identity {
		t.Errorf("identity = %+v", s.Identity)
	}
}

func TestCompact(t *testing.T) {
	for _, s := range []string{"0", "2293700", "-15.5", "0.0001", "123456789012345678901234567890"} {
		d := decimal.RequireFromString(s).Mul(decimal.NewFromInt(10000))
		c := Compact(d)
		if !c.Equal(d) || c.String() != d.String() || c.Exponent() != d.Exponent() {
			t.Errorf("Compact(%s) = %s (exp %d), want %s (exp %d)", d, c, c.Exponent(), d, d.Exponent())
		}
	}
}

// TestSlimKeepsWhatGetReads checks that of a key stated twice alike only the first statement
// is kept, while a key stated with conflicting values, and the parts of income.other, keep
// every statement: the facts of the copy answer every question as the report's own do.
func TestSlimKeepsWhatGetReads(t *testing.T) {
	f := func(metric string, basis extract.Basis, term, value string) extract.Figure {
		return extract.Figure{Metric: metric, Basis: basis, Term: term, Value: decimal.RequireFromString(value),
			Unit: extract.UnitYuan, UnitText: "万元", Decimals: 2, Raw: metric + value}
	}
	r := Report{ReportID: "r", Path: "a.txt", Status: "ok", Identity: extract.Identity{Year: 2024}, Figures: []extract.Figure{
		f("income.total", extract.Actual, "收入合计", "2293700"),
		f("expenditure.total", extract.Actual, "支出合计", "2000000"),
		f("income.total", extract.Actual, "收入合计", "2293700"),      // restated alike: dropped
		f("expenditure.total", extract.Actual, "支出合计", "2100000"), // restated otherwise: kept
		f("income.other", extract.Actual, "事业收入", "100000"),
		f("income.other", extract.Actual, "其他收入", "50000"),
	}}
	own := ofYear(r.Figures, r.Year)
	fx := buildFacts(own)
	_, sx := slim(&r, fx, Config{}.withDefaults())
	var raws []string
	for p := range sx.slim.figs {
		raws = append(raws, sx.fig(int32(p)).Raw)
	}
	want := []string{"income.total2293700", "expenditure.total2000000", "expenditure.total2100000", "income.other100000", "income.other50000"}
	if !slices.Equal(raws, want) {
		t.Errorf("kept %q, want %q", raws, want)
	}
	if got, want := slices.Collect(keysOf(sx)), slices.Collect(keysOf(fx)); !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	for _, k := range fx.keys() {
		a, st := fx.get(k.metric, k.basis, k.item)
		b, sst := sx.get(k.metric, k.basis, k.item)
		if st != sst || !a.v.Equal(b.v) || !a.tol.Equal(b.tol) || len(a.figs) != len(b.figs) {
			t.Errorf("%v: get = %v %s±%s (%d figures), want %v %s±%s (%d)", k, sst, b.v, b.tol, len(b.figs), st, a.v, a.tol, len(a.figs))
		}
	}
}

func keysOf(fx *facts) func(func(figKey) bool) {
	return func(yield func(figKey) bool) {
		for _, k := range fx.keys() {
			if !yield(k) {
				return
			}
		}
	}
}

// TestRegistryFitsChecked checks that a rule's place in the registry fits checked.rule.
func TestRegistryFitsChecked(t *testing.T) {
	if len(registry) > 256 {
		t.Errorf("%d rules: checked.rule holds 256", len(registry))
	}
}

// TestFindingsOwnTheirTexts checks that no finding holds a part of a report's document:
// a batch keeps its findings to the end, and a finding whose evidence, metric or
// department were parts of the document's text would keep the whole document alive.
func TestFindingsOwnTheirTexts(t *testing.T) {
	figs := []extract.Figure{
		act("expenditure.total", "219.37"), act("expenditure.basic", "105.57"), act("expenditure.project", "100.00"),
		act("income.total", "219.37"), bud("expenditure.total", "2.19"),
		act("expenditure.total", "300.00"), // restated otherwise, in the same words: one evidence text
	}
	figs[len(figs)-1].Raw = figs[0].Raw
	// The document's text, of which the figures' strings and the department are parts.
	var b strings.Builder
	b.WriteString(strings.Repeat("　", 1<<12))
	type at struct {
		s   *string
		off int
	}
	var parts []at
	put := func(s *string) {
		parts = append(parts, at{s, b.Len()})
		b.WriteString(*s)
	}
	r := rep("r1", "隆回县科学技术协会", 2024, figs)
	for k := range r.Figures {
		f := &r.Figures[k]
		f.Raw = "支出合计" + f.Raw
		put(&f.Metric)
		put(&f.Raw)
		put(&f.UnitText)
	}
	put(&r.Department)
	doc := b.String()
	for _, p := range parts {
		*p.s = doc[p.off : p.off+len(*p.s)]
	}
	base := unsafe.StringData(doc)
	within := func(s string) bool {
		if s == "" {
			return false
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return p >= uintptr(unsafe.Pointer(base)) && p < uintptr(unsafe.Pointer(base))+uintptr(len(doc))
	}
	findings, _ := Run([]Report{r}, Config{})
	if len(findings) == 0 {
		t.Fatal("no finding to look at")
	}
	for _, f := range findings {
		for _, s := range append([]string{f.Evidence, f.Message, f.department, f.key}, f.Metrics...) {
			if within(s) {
				t.Errorf("%s: %q is a part of the document", f.Rule, s)
			}
		}
	}
}
