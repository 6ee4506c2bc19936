package analyze

import (
	"strings"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// Scenario is an example a rule declares: a small batch, the outcome the rule must reach on
// its first report, and how many findings the rule must raise in the whole batch. The tests
// run every scenario and docs/rules.md shows them with the messages they produce.
type Scenario struct {
	// Name says in one line what the scenario shows.
	Name string
	// Kind is trips (the rule fires), clean, edge (at the rounding edge or another boundary)
	// or insufficient.
	Kind string
	// Reports is the batch; Reports[0] is the report under test.
	Reports []Report
	// Config is the run's configuration (optional inputs, thresholds).
	Config Config
	// Want is the outcome of the rule's check on Reports[0].
	Want string
	// WantFindings is the number of findings the rule raises over the batch.
	WantFindings int
	// WantSeverity, when set, is the severity of every finding of the rule (a check may
	// lower it below the rule's).
	WantSeverity string
}

// The builders below keep the scenarios of rules.go short. Amounts are written as the reports
// write them, in 万元 ("113.8"), so the decimals printed decide the rounding tolerance.

func wanFigure(metric string, basis extract.Basis, item, text string) extract.Figure {
	v := decimal.RequireFromString(text).Mul(tenThousand)
	dec := 0
	if i := strings.IndexByte(text, '.'); i >= 0 {
		dec = len(text) - i - 1
	}
	name := label(metric)
	if item != "" {
		name = item
	}
	switch basis {
	case extract.Budget:
		name = "年初预算" + name
	case extract.Prior:
		name = "上年" + name
	}
	return extract.Figure{Metric: metric, Basis: basis, Item: item, Value: v, Unit: extract.UnitYuan, UnitText: "万元",
		Raw: name + text + "万元", Location: "p1", Method: extract.MethodProse, Decimals: dec}
}

// act is an actual amount in 万元.
func act(metric, text string) extract.Figure { return wanFigure(metric, extract.Actual, "", text) }

// partOf is f as one part of its metric, as the report words it (离休, 区直).
func partOf(f extract.Figure, part string) extract.Figure {
	f.Part, f.Raw = part, part+f.Raw
	return f
}

// claimWithBase is c stated right after an amount of its metric, baseWan 万元 (事业收入730.05万元，占…).
func claimWithBase(c extract.Claim, baseWan string) extract.Claim {
	b := wanFigure(c.Metric, extract.Actual, "", baseWan)
	c.Base = &b.Value
	c.Raw = label(c.Metric) + baseWan + "万元，" + c.Raw
	return c
}

// bud is a budget amount in 万元.
func bud(metric, text string) extract.Figure { return wanFigure(metric, extract.Budget, "", text) }

// pri is a prior-year amount in 万元.
func pri(metric, text string) extract.Figure { return wanFigure(metric, extract.Prior, "", text) }

// item is an actual project line item in 万元.
func item(name, text string) extract.Figure {
	return wanFigure("expenditure.project.item", extract.Actual, name, text)
}

// cnt is a count of persons or vehicles.
func cnt(metric string, n int64) extract.Figure {
	unit, unitText := extract.UnitPerson, "人"
	if strings.HasPrefix(metric, "vehicles.") {
		unit, unitText = extract.UnitVehicle, "辆"
	}
	v := decimal.NewFromInt(n)
	return extract.Figure{Metric: metric, Basis: extract.Actual, Value: v, Unit: unit, UnitText: unitText,
		Raw: label(metric) + v.String() + unitText, Location: "p1", Method: extract.MethodProse}
}

// cntItem is a part of a count stated in its breakdown (其中：行政编制19人): an item of metric.
func cntItem(metric, item string, n int64) extract.Figure {
	f := cnt(metric+".item", n)
	f.Item, f.Part, f.Raw = item, item, item+f.Value.String()+"人"
	return f
}

// rate is a percentage figure as written ("95.5").
func rate(metric, text string) extract.Figure {
	dec := 0
	if i := strings.IndexByte(text, '.'); i >= 0 {
		dec = len(text) - i - 1
	}
	return extract.Figure{Metric: metric, Basis: extract.Actual, Value: decimal.RequireFromString(text), Unit: extract.UnitPercent,
		UnitText: "%", Raw: label(metric) + text + "%", Location: "p1", Method: extract.MethodProse, Decimals: dec}
}

// inYear marks figures as stated for a year (2024年基本支出…).
func inYear(year int, figs ...extract.Figure) []extract.Figure {
	out := make([]extract.Figure, len(figs))
	for i, f := range figs {
		f.Year = year
		out[i] = f
	}
	return out
}

func pctPtr(text string) (*decimal.Decimal, int) {
	d := decimal.RequireFromString(text)
	dec := 0
	if i := strings.IndexByte(text, '.'); i >= 0 {
		dec = len(text) - i - 1
	}
	return &d, dec
}

// share is a claim "metric占of的pct%".
func share(metric, of, pct string) extract.Claim {
	p, d := pctPtr(pct)
	return extract.Claim{Kind: extract.ClaimShare, Metric: metric, Basis: extract.Actual, Of: of, Percent: p, PercentDecimals: d,
		Raw: label(metric) + "占" + label(of) + "的" + pct + "%", Location: "p2"}
}

// change is a claim "metric较上年增长/下降 pct%", dir +1 or −1; amount in 万元 or "".
func change(metric string, dir int, pct, amountWan string) extract.Claim {
	c := extract.Claim{Kind: extract.ClaimChange, Metric: metric, Basis: extract.Actual, Of: string(extract.Prior), Direction: dir, Location: "p3"}
	word := "增长"
	if dir < 0 {
		word = "下降"
	}
	c.Raw = label(metric) + "较上年" + word
	if amountWan != "" {
		a := decimal.RequireFromString(amountWan).Mul(tenThousand)
		c.Amount = &a
		c.Raw += amountWan + "万元"
	}
	if pct != "" {
		c.Percent, c.PercentDecimals = pctPtr(pct)
		c.Raw += pct + "%"
	}
	return c
}

// statedChange is a change claim that states its own base, as "term base万元，较上年增加
// amount万元，增长pct%" does; metric "" when the term is no vocabulary metric (a functional
// line 社会保障和就业支出类科目).
func statedChange(metric, baseWan string, dir int, amountWan, pct string) extract.Claim {
	c := change(metric, dir, pct, amountWan)
	b := wanFigure(metric, extract.Actual, "", baseWan)
	c.Base = &b.Value
	c.BaseTol = decimal.New(5, int32(3-b.Decimals))            // half a unit of the last 万元 digit, in yuan
	c.AmountTol = decimal.New(5, int32(3-decimals(amountWan))) // the same for the amount
	c.Raw = baseWan + "万元，" + c.Raw
	return c
}

// decimals is the number of digits after the point in text.
func decimals(text string) int {
	if i := strings.IndexByte(text, '.'); i >= 0 {
		return len(text) - i - 1
	}
	return 0
}

// transfer is a claim "转拨target amount万元".
func transfer(target, amountWan string) extract.Claim {
	a := decimal.RequireFromString(amountWan).Mul(tenThousand)
	return extract.Claim{Kind: extract.ClaimTransfer, Metric: "expenditure.project", Basis: extract.Actual, Amount: &a, Target: target,
		Raw: "转拨" + target + "预算资金" + amountWan + "万元", Location: "p4"}
}

// transferIn is a claim of money received from another unit.
func transferIn(source, amountWan string) extract.Claim {
	a := decimal.RequireFromString(amountWan).Mul(tenThousand)
	return extract.Claim{Kind: extract.ClaimTransferIn, Metric: "income.total", Basis: extract.Actual, Amount: &a, Target: source,
		Raw: "其中" + source + "转拨经费" + amountWan + "万元", Location: "p3"}
}

// carryover is a claim that a carry-over exists, without its amount.
func carryover() extract.Claim {
	return extract.Claim{Kind: extract.ClaimCarryover, Raw: "收支差额由上年结转结余资金弥补", Location: "p5"}
}

// sec is a narrative section.
func sec(heading, text string) extract.Section {
	return extract.Section{Heading: heading, Text: text, Location: "p9"}
}

// titled is r with another title.
func titled(r Report, title string) Report {
	r.Title = title
	return r
}

// rep builds a report of dept for year from figures, figure slices, claims and sections.
func rep(id, dept string, year int, parts ...any) Report {
	r := Report{ReportID: id, Path: id + ".txt", Status: "ok"}
	r.Department = dept
	r.Year = year
	r.Region = RegionOf(dept)
	if len([]rune(r.Region)) <= 1 {
		r.Region = ""
	}
	if year != 0 {
		r.Title = dept + "\n" + decimal.NewFromInt(int64(year)).String() + "年部门整体支出绩效自评报告"
	} else {
		r.Title = dept + "\n部门整体支出绩效自评报告"
	}
	for _, p := range parts {
		switch x := p.(type) {
		case extract.Figure:
			r.Figures = append(r.Figures, x)
		case []extract.Figure:
			r.Figures = append(r.Figures, x...)
		case extract.Claim:
			r.Claims = append(r.Claims, x)
		case extract.Section:
			r.Sections = append(r.Sections, x)
		case extract.Evaluation:
			x.No = len(r.Evaluations) + 1
			r.Evaluations = append(r.Evaluations, x)
		case gradeStated:
			r.Grade = string(x)
		default:
			panic("rep: unexpected part")
		}
	}
	return r
}

// cleanFigures is a complete, consistent set of a small unit's figures, scaled by k
// (k = 1: the seed's spending with a balanced income).
func cleanFigures(k string) []extract.Figure {
	s := decimal.RequireFromString(k)
	w := func(metric, text string) extract.Figure {
		v := decimal.RequireFromString(text).Mul(s).StringFixed(2)
		return act(metric, v)
	}
	// Keep the sums exact after scaling: derive totals from the scaled parts.
	personnel, goods, household := w("expenditure.basic.personnel", "85.09"), w("expenditure.basic.goods_services", "14.81"), w("expenditure.basic.household", "5.67")
	basic := personnel.Value.Add(goods.Value).Add(household.Value)
	project := w("expenditure.project", "113.80")
	total := basic.Add(project.Value)
	fiscal := total.Add(decimal.NewFromInt(50000).Mul(s)).Round(-2)
	other := w("income.other", "6.15")
	reception, vehicle := w("three_public.reception", "0.26"), w("three_public.vehicle", "1.01")
	w2 := func(metric string, v decimal.Decimal) extract.Figure {
		return act(metric, v.Div(tenThousand).StringFixed(2))
	}
	return []extract.Figure{
		cnt("staff.authorized", 7), cnt("staff.actual", 11), cnt("staff.in_service", 6), cnt("staff.retired", 5),
		cnt("vehicles.authorized", 1), cnt("vehicles.actual", 1),
		w2("income.total", fiscal.Add(other.Value)), w2("income.fiscal", fiscal), other,
		w2("expenditure.total", total), w2("expenditure.basic", basic), project,
		personnel, goods, household,
		w2("three_public.total", reception.Value.Add(vehicle.Value)), act("three_public.abroad", "0"), reception, vehicle,
	}
}

// replace returns figs with the figures of metric (actual basis, no item) replaced by f.
func replace(figs []extract.Figure, repl ...extract.Figure) []extract.Figure {
	out := append([]extract.Figure{}, figs...)
	for _, r := range repl {
		done := false
		for i := range out {
			if out[i].Metric == r.Metric && out[i].Basis == r.Basis && out[i].Item == r.Item {
				out[i] = r
				done = true
			}
		}
		if !done {
			out = append(out, r)
		}
	}
	return out
}
