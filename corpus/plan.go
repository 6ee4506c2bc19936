package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/shopspring/decimal"
)

// docKind is the kind of document rendered.
type docKind int

const (
	selfEval     docKind = iota // 部门整体支出绩效自评报告
	finalAccount                // 部门决算说明
)

// transfer is money passed between departments (转拨).
type transfer struct {
	Other  string // the other department, full name
	Amount money
}

// plan is everything decided about one report before it is written.
type plan struct {
	kind      deptKind
	reg       region
	dept      string
	short     string
	year      int
	titleYear int
	doc       docKind
	unit      unitKind
	gran      money
	f         *finance
	anoms     []GoldAnomaly

	wrongShare      string // basic share written wrong (percent.mismatch)
	noThreePublic   bool   // missing.disclosure
	tpBudgetSuspect bool   // unit.suspect on the 三公 budget
	forceItems      bool
	forceStaff      bool
	forceVehicles   bool
	forceSplit      bool // 公务用车购置费/运行维护费 stated
	forcePrior      map[string]money
	transferIn      *transfer
	problems        []string
	measures        []string
}

func newPlan(r *rand.Rand, k deptKind, reg region, year int, unit unitKind) *plan {
	p := &plan{kind: k, reg: reg, year: year, titleYear: year, unit: unit}
	p.dept = strings.ReplaceAll(k.Full, "{R}", reg.Name)
	p.short = strings.ReplaceAll(k.Short, "{L}", reg.level())
	p.gran = 100 * yuan
	if unit == unitYuan {
		p.gran = 1
	}
	if r.IntN(7) == 0 {
		p.doc = finalAccount
	}
	p.f = newFinance(r, k, year, p.gran)
	if p.f.IncomeTotal >= yi && unit == unitWan && r.IntN(2) == 0 {
		p.f.roundIncomeToWan()
	}
	p.problems = pickN(r, problems, 1+r.IntN(3))
	p.measures = pickN(r, measures, 2+r.IntN(3))
	return p
}

func pickN(r *rand.Rand, xs []string, n int) []string {
	idx := r.Perm(len(xs))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// wanNote writes an amount for an anomaly note.
func wanNote(v money) string { return wanString(v, 2, false) + "万元" }

// delta draws an injected discrepancy well beyond rounding, smaller than limit/2.
func (p *plan) delta(r *rand.Rand, limit money) money {
	d := pick(r, []money{10 * wan, 5 * wan, 12000 * yuan, 20 * wan, 34500 * yuan, 2 * wan})
	for d*2 > limit && d > wan {
		d /= 2
	}
	d = roundTo(d, 100*yuan)
	if p.gran == 1 {
		d += money(r.IntN(100))
	}
	return d
}

func (p *plan) anomaly(rule, severity, note string) {
	p.anoms = append(p.anoms, GoldAnomaly{Rule: rule, Severity: severity, Note: note})
}

// injection is one in-report inconsistency the generator can put in.
type injection struct {
	Rule     string
	Severity string
	// apply changes the plan and returns the note; "" when it does not apply.
	apply func(r *rand.Rand, p *plan) string
}

// injections are the in-report rules, in the order SPEC lists them.
var injections = []injection{
	{"sum.expenditure", "error", func(r *rand.Rand, p *plan) string {
		f := p.f
		d := p.delta(r, f.Project)
		f.ExpTotal -= d
		return fmt.Sprintf("expenditure.total stated %s but basic %s + project %s = %s (off by %s)",
			wanNote(f.ExpTotal), wanNote(f.Basic), wanNote(f.Project), wanNote(f.Basic+f.Project), wanNote(d))
	}},
	{"sum.basic", "error", func(r *rand.Rand, p *plan) string {
		f := p.f
		d := p.delta(r, f.Goods)
		f.Goods += d
		return fmt.Sprintf("basic parts add up to %s, basic stated %s (goods_services raised by %s)",
			wanNote(f.Personnel+f.Goods+f.Household+f.Capital), wanNote(f.Basic), wanNote(d))
	}},
	{"sum.project_items", "error", func(r *rand.Rand, p *plan) string {
		f := p.f
		j := r.IntN(len(f.Items))
		d := p.delta(r, f.Items[j].Actual+f.Project/4)
		f.Items[j].Actual += d
		p.forceItems = true
		p.doc = selfEval // a 决算说明 does not list items
		return fmt.Sprintf("project items add up to %s, project stated %s (item %s raised by %s)",
			wanNote(f.Project+d), wanNote(f.Project), f.Items[j].Name, wanNote(d))
	}},
	{"sum.income", "error", func(r *rand.Rand, p *plan) string {
		f := p.f
		d := p.delta(r, f.IncomeTotal/4)
		f.HasOther = true
		f.Other += d
		return fmt.Sprintf("income parts add up to %s, income.total stated %s (income.other raised by %s)",
			wanNote(f.Fiscal+f.Fund+f.Other), wanNote(f.IncomeTotal), wanNote(d))
	}},
	{"sum.three_public", "error", func(r *rand.Rand, p *plan) string {
		f := p.f
		d := pick(r, []money{5000 * yuan, 10000 * yuan, 3000 * yuan})
		f.Reception += d
		return fmt.Sprintf("三公 parts add up to %s, three_public.total stated %s (reception raised by %s)",
			wanNote(f.Abroad+f.Reception+f.Vehicle), wanNote(f.TPTotal), wanNote(d))
	}},
	{"sum.vehicle", "error", func(r *rand.Rand, p *plan) string {
		f := p.f
		if f.Vehicle == 0 {
			return ""
		}
		d := pick(r, []money{2000 * yuan, 5000 * yuan, 8000 * yuan})
		f.Operation += d
		p.forceSplit = true
		return fmt.Sprintf("vehicle purchase %s + operation %s ≠ vehicle %s",
			wanNote(f.Purchase), wanNote(f.Operation), wanNote(f.Vehicle))
	}},
	{"restated.conflict", "error", func(r *rand.Rand, p *plan) string {
		f := p.f
		if p.doc == selfEval && r.IntN(2) == 0 {
			f.ScoreAgain = drawScore(r)
			if f.ScoreAgain == f.Score {
				f.ScoreAgain = f.Score + "5"
				if !strings.Contains(f.Score, ".") {
					f.ScoreAgain = f.Score + ".5"
				}
			}
			return fmt.Sprintf("score.self_evaluation stated as %s and later as %s", f.Score, f.ScoreAgain)
		}
		f.AuthAgain = f.Authorized + 1 + r.IntN(3)
		p.forceStaff = true
		return fmt.Sprintf("staff.authorized stated as %d and later as %d", f.Authorized, f.AuthAgain)
	}},
	{"percent.mismatch", "error", func(r *rand.Rand, p *plan) string {
		f := p.f
		right := pct(f.Basic, f.ExpTotal, 2)
		rd, _ := decimal.NewFromString(right)
		off := decimal.NewFromInt(int64(5 + r.IntN(11)))
		if rd.Add(off).GreaterThan(decimal.NewFromInt(100)) {
			off = off.Neg()
		}
		wrong := rd.Add(off).StringFixed(2)
		p.wrongShare = wrong
		return fmt.Sprintf("basic share written %s%%, computed %s%%", wrong, right)
	}},
	{"staff.sum", "error", func(r *rand.Rand, p *plan) string {
		f := p.f
		f.Actual = f.InService + f.Retired + 1 + r.IntN(2)
		p.forceStaff = true
		return fmt.Sprintf("staff.actual %d ≠ in_service %d + retired %d", f.Actual, f.InService, f.Retired)
	}},
	{"staff.over_authorized", "warning", func(r *rand.Rand, p *plan) string {
		f := p.f
		if f.InService < 3 {
			f.InService += 2
			f.Actual += 2
		}
		f.Authorized = f.InService - 1 - r.IntN(2)
		p.forceStaff = true
		return fmt.Sprintf("in-service staff %d above authorized %d", f.InService, f.Authorized)
	}},
	{"vehicles.over_authorized", "warning", func(r *rand.Rand, p *plan) string {
		f := p.f
		if f.Cars < 2 {
			f.Cars = 2
		}
		f.CarsAuth = f.Cars - 1 - r.IntN(2)
		p.forceVehicles = true
		return fmt.Sprintf("actual vehicles %d above authorized %d", f.Cars, f.CarsAuth)
	}},
	{"balance.deficit", "warning", func(r *rand.Rand, p *plan) string {
		f := p.f
		d := scale(r, f.ExpTotal, 0.015, 0.06, p.gran)
		if d < wan {
			d = wan
		}
		newTotal := f.ExpTotal - d
		f.Fiscal -= f.IncomeTotal - newTotal
		f.IncomeTotal = newTotal
		f.HasCarry, f.Carryover = false, 0
		if p.doc == finalAccount {
			// a 决算 balances through 年初结转和结余, so the contradiction needs one stated too small
			co := max(roundTo(d/3, p.gran), p.gran)
			f.HasCarry, f.Carryover = true, co
			return fmt.Sprintf("expenditure %s exceeds income %s plus the stated carry-over %s by %s",
				wanNote(f.ExpTotal), wanNote(f.IncomeTotal), wanNote(co), wanNote(d-co))
		}
		return fmt.Sprintf("expenditure %s exceeds income %s by %s and no carry-over is stated",
			wanNote(f.ExpTotal), wanNote(f.IncomeTotal), wanNote(d))
	}},
	{"missing.disclosure", "warning", func(r *rand.Rand, p *plan) string {
		p.noThreePublic = true
		return "no 三公 statement: three_public.total is absent"
	}},
	{"year.mismatch", "warning", func(r *rand.Rand, p *plan) string {
		p.titleYear = p.year - 1
		if r.IntN(3) == 0 {
			p.titleYear = p.year + 1
		}
		return fmt.Sprintf("title says %d, figures are stated for %d (gold year follows the title)", p.titleYear, p.year)
	}},
	{"unit.suspect", "warning", func(r *rand.Rand, p *plan) string {
		p.tpBudgetSuspect = true
		return fmt.Sprintf("三公 budget %s元 written as %s万元 (×10000 of its actual %s)",
			yuanString(p.f.TPB, false, false), yuanString(p.f.TPB, false, false), wanNote(p.f.TPTotal))
	}},
}

// inject applies one randomly chosen in-report injection and records it.
func (p *plan) inject(r *rand.Rand) {
	for _, i := range r.Perm(len(injections)) {
		in := injections[i]
		if note := in.apply(r, p); note != "" {
			p.anomaly(in.Rule, in.Severity, note)
			return
		}
	}
}

// injectRule applies the named in-report injection.
func (p *plan) injectRule(r *rand.Rand, rule string) {
	for _, in := range injections {
		if in.Rule == rule {
			if note := in.apply(r, p); note != "" {
				p.anomaly(in.Rule, in.Severity, note)
			}
			return
		}
	}
}
