package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// item is one project line item.
type item struct {
	Name           string
	Actual, Budget money
}

// finance is the financial model of one department-year: the values a report states.
// Totals are computed once by derive; injections then change single stated values
// without recomputing, which is what makes a stated sum not add up.
type finance struct {
	Year int

	Fiscal, Fund, Other, Carryover money
	HasFund, HasOther, HasCarry    bool
	IncomeTotal                    money

	Personnel, Goods, Household, Capital money
	HasCapital                           bool
	Items                                []item
	Basic, Project, ExpTotal             money

	Abroad, Reception, Purchase, Operation money
	Vehicle, TPTotal                       money

	// Budget basis.
	IncomeB, FiscalB, OtherB, FundB money
	ExpB, BasicB, ProjectB          money
	AbroadB, ReceptionB, VehicleB   money
	TPB                             money

	// Prior year (a consistent model of its own: ExpP = BasicP + ProjectP).
	IncomeP, ExpP, BasicP, ProjectP, TPP money

	Authorized, InService, Retired, Actual int
	CarsAuth, Cars                         int

	Score string // as written, e.g. 95 or 92.5

	// AuthAgain, when non-zero, is a second, different 编制 count stated later (restated.conflict).
	AuthAgain int
	// ScoreAgain, when non-empty, is a second, different score stated later (restated.conflict).
	ScoreAgain string
}

// uniform draws a money amount in [lo, hi] (in 万元 × 100, i.e. hundredths of 万元) at granularity g.
func uniformWan(r *rand.Rand, lo, hi float64, g money) money {
	lo100, hi100 := int64(lo*100), int64(hi*100)
	if hi100 <= lo100 {
		hi100 = lo100 + 1
	}
	v := money(lo100+r.Int64N(hi100-lo100+1)) * 100 * yuan
	if g < 100*yuan {
		v += money(r.Int64N(int64(100 * yuan)))
	}
	return roundTo(v, g)
}

// scale multiplies v by a factor drawn in [lo, hi] (per mille precision) at granularity g.
func scale(r *rand.Rand, v money, lo, hi float64, g money) money {
	f := int64(lo*1000) + r.Int64N(int64((hi-lo)*1000)+1)
	out := money(int64(v) * f / 1000)
	if g < 100*yuan {
		out += money(r.Int64N(100))
	}
	return roundTo(out, g)
}

// newFinance draws a clean model for a department of kind k in year y. g is the
// granularity of amounts: 100 元 for reports written in 万元, 1 fen for reports in 元.
func newFinance(r *rand.Rand, k deptKind, y int, g money) *finance {
	f := &finance{Year: y}
	f.InService = k.MinStaff + r.IntN(k.MaxStaff-k.MinStaff+1)
	f.Retired = r.IntN(f.InService*3/4 + 1)
	f.Actual = f.InService + f.Retired
	f.Authorized = f.InService + r.IntN(4)
	if k.MaxCars > 0 {
		f.CarsAuth = r.IntN(k.MaxCars + 1)
		if f.CarsAuth > 0 {
			f.Cars = 1 + r.IntN(f.CarsAuth)
			if r.IntN(5) == 0 {
				f.Cars--
			}
		}
	}

	n := float64(f.InService)
	f.Personnel = uniformWan(r, 9*n, 16*n, g)
	f.Household = uniformWan(r, 0.3*float64(f.Retired), 1.5*float64(f.Retired)+2, g)
	f.Goods = uniformWan(r, 1.5*n, 4*n, g)
	if r.IntN(7) == 0 {
		f.HasCapital = true
		f.Capital = uniformWan(r, 0.5, 10, g)
	}

	target := uniformWan(r, float64(k.MinWan), float64(k.MaxWan), g)
	basic := f.Personnel + f.Goods + f.Household + f.Capital
	project := target - basic
	if min := scale(r, basic, 0.1, 0.5, g); project < min {
		project = min
	}
	f.Items = splitItems(r, project, pickItems(r, k, y), g)

	// 三公: small amounts.
	if f.Cars > 0 {
		f.Operation = uniformWan(r, 0.6*float64(f.Cars), 2.5*float64(f.Cars), g)
		if r.IntN(10) == 0 {
			f.Purchase = uniformWan(r, 12, 25, g)
		}
	}
	if r.IntN(12) == 0 {
		f.Abroad = uniformWan(r, 1, 6, g)
	}
	f.Reception = uniformWan(r, 0.03*n, 0.3*n, g)

	f.derive()
	f.drawIncome(r, g)
	f.drawBudget(r, g)
	f.drawPrior(r, g)
	f.Score = drawScore(r)
	return f
}

// pickItems chooses 2–8 distinct project item names for the kind and year.
func pickItems(r *rand.Rand, k deptKind, y int) []string {
	pool := append([]string{}, k.Items...)
	pool = append(pool, genericItems...)
	if y >= 2020 && y <= 2022 {
		pool = append(pool, covidItems[r.IntN(len(covidItems))])
	}
	r.Shuffle(len(k.Items), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	// Prefer the kind's own items: take from the front, then some generic ones.
	n := 2 + r.IntN(7)
	own := min(len(k.Items), 1+r.IntN(len(k.Items)))
	names := append([]string{}, pool[:own]...)
	rest := pool[len(k.Items):]
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	seen := map[string]bool{}
	for _, s := range names {
		seen[s] = true
	}
	for _, s := range rest {
		if len(names) >= n {
			break
		}
		if !seen[s] {
			seen[s] = true
			names = append(names, s)
		}
	}
	if len(names) > n {
		names = names[:n]
	}
	return names
}

// splitItems splits total into len(names) positive items at granularity g, summing exactly.
func splitItems(r *rand.Rand, total money, names []string, g money) []item {
	w := make([]int64, len(names))
	var sum int64
	for i := range w {
		w[i] = 1 + r.Int64N(20)
		if r.IntN(4) == 0 {
			w[i] += 30
		}
		sum += w[i]
	}
	items := make([]item, len(names))
	var used money
	for i := range names {
		items[i].Name = names[i]
		if i == len(names)-1 {
			items[i].Actual = total - used
		} else {
			items[i].Actual = roundTo(money(int64(total)*w[i]/sum), g)
		}
		used += items[i].Actual
	}
	if items[len(items)-1].Actual < g { // degenerate: fall back to an even split
		each := roundTo(total/money(len(items)), g)
		used = 0
		for i := range items {
			items[i].Actual = each
			if i == len(items)-1 {
				items[i].Actual = total - used
			}
			used += items[i].Actual
		}
	}
	return items
}

// derive computes the stated totals from their parts.
func (f *finance) derive() {
	f.Basic = f.Personnel + f.Goods + f.Household + f.Capital
	f.Project = 0
	for _, it := range f.Items {
		f.Project += it.Actual
	}
	f.ExpTotal = f.Basic + f.Project
	f.Vehicle = f.Purchase + f.Operation
	f.TPTotal = f.Abroad + f.Reception + f.Vehicle
}

// drawIncome sets income so that the report balances: income ≥ expenditure, or a
// carry-over covering the difference.
func (f *finance) drawIncome(r *rand.Rand, g money) {
	switch m := r.IntN(20); {
	case m < 11: // surplus
		f.IncomeTotal = f.ExpTotal + scale(r, f.ExpTotal, 0, 0.06, g)
		if r.IntN(8) == 0 {
			f.HasCarry, f.Carryover = true, scale(r, f.ExpTotal, 0.01, 0.05, g)
		}
	case m < 15: // balanced
		f.IncomeTotal = f.ExpTotal
	default: // spending last year's balance
		short := scale(r, f.ExpTotal, 0.005, 0.1, g)
		f.IncomeTotal = f.ExpTotal - short
		f.HasCarry = true
		f.Carryover = short + scale(r, f.ExpTotal, 0, 0.05, g)
	}
	if r.IntN(5) < 3 {
		f.HasOther = true
		f.Other = scale(r, f.IncomeTotal, 0.005, 0.08, g)
	}
	if r.IntN(10) == 0 {
		f.HasFund = true
		f.Fund = scale(r, f.IncomeTotal, 0.01, 0.15, g)
	}
	f.Fiscal = f.IncomeTotal - f.Other - f.Fund
}

// roundIncomeToWan moves income so its total is a whole number of 万元 (lets large
// departments write it in 亿元), keeping the balance.
func (f *finance) roundIncomeToWan() {
	up := (f.IncomeTotal+wan-1)/wan*wan - f.IncomeTotal
	f.IncomeTotal += up
	f.Fiscal += up
}

// drawBudget sets the budget basis: item budgets ≥ actuals, project budget their sum.
func (f *finance) drawBudget(r *rand.Rand, g money) {
	f.ProjectB = 0
	for i := range f.Items {
		f.Items[i].Budget = f.Items[i].Actual
		if r.IntN(3) > 0 {
			f.Items[i].Budget = scale(r, f.Items[i].Actual, 1, 1.15, g)
		}
		f.ProjectB += f.Items[i].Budget
	}
	f.BasicB = scale(r, f.Basic, 1, 1.05, g)
	if f.BasicB < f.Basic {
		f.BasicB = f.Basic
	}
	f.ExpB = f.BasicB + f.ProjectB
	f.IncomeB = f.ExpB
	f.OtherB, f.FundB = 0, 0
	if f.HasOther {
		f.OtherB = scale(r, f.Other, 0.8, 1.1, g)
	}
	if f.HasFund {
		f.FundB = scale(r, f.Fund, 0.9, 1.1, g)
	}
	f.FiscalB = f.IncomeB - f.OtherB - f.FundB
	f.AbroadB = f.Abroad
	if f.Abroad > 0 {
		f.AbroadB = scale(r, f.Abroad, 1, 1.3, g)
	}
	f.ReceptionB = scale(r, f.Reception, 1, 1.5, g)
	f.VehicleB = f.Vehicle
	if f.Vehicle > 0 {
		f.VehicleB = scale(r, f.Vehicle, 1, 1.3, g)
	}
	f.TPB = f.AbroadB + f.ReceptionB + f.VehicleB
}

// drawPrior sets a consistent prior-year model near this year's.
func (f *finance) drawPrior(r *rand.Rand, g money) {
	f.BasicP = scale(r, f.Basic, 0.9, 1.08, g)
	f.ProjectP = scale(r, f.Project, 0.85, 1.15, g)
	f.ExpP = f.BasicP + f.ProjectP
	f.IncomeP = f.ExpP + scale(r, f.ExpP, 0, 0.04, g)
	f.TPP = scale(r, f.TPTotal, 0.85, 1.2, g)
}

// nextYear derives next year's model from f, changing each part by a few percent, and
// with f's actuals as the prior-year figures (so a restated prior matches f's report).
func (f *finance) nextYear(r *rand.Rand, k deptKind, g money) *finance {
	n := *f
	n.Year = f.Year + 1
	n.Items = nil
	n.Personnel = scale(r, f.Personnel, 0.97, 1.08, g)
	n.Goods = scale(r, f.Goods, 0.92, 1.06, g)
	n.Household = scale(r, f.Household, 0.9, 1.1, g)
	if n.HasCapital {
		n.Capital = scale(r, f.Capital, 0.8, 1.1, g)
	}
	names := make([]string, 0, len(f.Items))
	for _, it := range f.Items {
		names = append(names, it.Name)
	}
	if len(names) > 2 && r.IntN(2) == 0 {
		names = names[:len(names)-1]
	}
	n.Items = splitItems(r, scale(r, f.Project, 0.92, 1.08, g), names, g)
	n.Reception = scale(r, f.Reception, 0.9, 1.08, g)
	n.Operation = scale(r, f.Operation, 0.92, 1.05, g)
	n.Purchase = 0
	n.Abroad = 0
	if d := r.IntN(3) - 1; n.InService+d >= 1 {
		n.InService += d
	}
	n.Retired += r.IntN(2)
	n.Actual = n.InService + n.Retired
	if n.Authorized < n.InService {
		n.Authorized = n.InService
	}
	n.derive()
	n.drawIncome(r, g)
	n.drawBudget(r, g)
	n.IncomeP, n.ExpP, n.BasicP, n.ProjectP, n.TPP = f.IncomeTotal, f.ExpTotal, f.Basic, f.Project, f.TPTotal
	n.Score = drawScore(r)
	return &n
}

func drawScore(r *rand.Rand) string {
	whole := 85 + r.IntN(15)
	switch r.IntN(4) {
	case 0:
		return strconv.Itoa(whole) + ".5"
	case 1:
		return strconv.Itoa(whole) + "." + strconv.Itoa(1+r.IntN(9))
	default:
		return strconv.Itoa(whole)
	}
}

// scoreFloat reads a score string for grading only (not money).
func scoreFloat(s string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v
}
