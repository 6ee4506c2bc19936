package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// CountyBatch generates one county's submissions: 12 departments × 2 consecutive years,
// with cross-report inconsistencies put in and recorded in the gold of the report that
// should be flagged:
//
//   - prior.mismatch: a department's year-2 report restates last year's spending differently;
//   - yoy.swing: a department's spending jumps about 2.5× in year 2;
//   - peer.outlier: one department's 三公 share is ten times its peers' (both years);
//   - transfer.unmatched: a 转拨 to another department of the batch that its income does not show
//     (a second, matched transfer is there too);
//   - text.duplicate: a department's 存在的问题/改进措施 copied from another's (flagged on the copy);
//
// plus a few in-report ones on year-2 reports (sum.expenditure, staff.over_authorized,
// balance.deficit, missing.disclosure). Everything else is clean across the batch: peers
// are comparable, year-on-year changes stay within ±15%, stated prior-year figures match
// last year's report.
func CountyBatch(seed uint64) []Report {
	r := rand.New(rand.NewPCG(seed, 0x636f756e7479))
	var counties []region
	for _, reg := range regions {
		if reg.City != "" {
			counties = append(counties, reg)
		}
	}
	reg := counties[r.IntN(len(counties))]
	y1 := 2019 + r.IntN(6)
	var kinds []deptKind
	for _, i := range r.Perm(len(deptKinds)) {
		if k := deptKinds[i]; k.MaxStaff <= 90 {
			kinds = append(kinds, k)
		}
	}
	kinds = kinds[:12]
	const (
		roleA, roleB, roleC, roleD, roleE, roleF, roleG, roleH, roleI, roleJ, roleK, roleL = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	)
	probPerm, measPerm := r.Perm(len(problems)), r.Perm(len(measures))

	ds := make([]deptPair, len(kinds))
	for i, k := range kinds {
		unit := unitWan
		if i%5 == 4 {
			unit = unitYuan
		}
		p1 := newPlan(r, k, reg, y1, unit)
		p1.doc = selfEval
		if r.IntN(6) == 0 && i > roleI {
			p1.doc = finalAccount
		}
		f1 := p1.f
		peerShape(r, f1, p1.gran, i == roleC, i == roleB)
		p2 := nextPlan(r, p1)
		p1.problems = []string{problems[probPerm[2*i]], problems[probPerm[2*i+1]]}
		p1.measures = []string{measures[measPerm[2*i]], measures[measPerm[2*i+1]]}
		p2.problems, p2.measures = p1.problems, p1.measures
		ds[i] = deptPair{p1, p2}
	}
	name := func(p *plan) string { return "county-" + reg.Slug + "-" + p.kind.Slug + "-" + strconv.Itoa(p.year) }

	injectCounty(r, ds, name)

	var out []Report
	for _, dp := range ds {
		for _, p := range []*plan{dp.p1, dp.p2} {
			out = append(out, render(r, p, name(p), pickFormat(r, nil)))
		}
	}
	fillNoteExtensions(out)
	return out
}

// fillNoteExtensions fills in the extensions of the report names anomaly notes give:
// formats are drawn after the notes are written.
func fillNoteExtensions(out []Report) {
	ext := map[string]string{}
	for _, rep := range out {
		ext[rep.Name] = rep.Gold.Path
	}
	for i := range out {
		for j, an := range out[i].Gold.Anomalies {
			for n, path := range ext {
				an.Note = strings.ReplaceAll(an.Note, n+".<ext>", path)
				an.Note = strings.ReplaceAll(an.Note, "("+n+")", "("+path+")")
			}
			out[i].Gold.Anomalies[j] = an
		}
	}
}

// peerShape makes a year-1 model comparable with its peers: no 出国 or car purchase,
// 三公 at 1–1.6% of all spending, 65% of that without cars (or about 14% for the outlier),
// project share 30–55% (peers within a factor of two of each other), no carry-over.
//
// The department whose project spending will jump 2.5× in year 2 (swing) starts at a
// project share of 25–28%: after the jump it is under half, no outlier among peers whose
// median is at least a quarter — the swing is its only anomaly.
func peerShape(r *rand.Rand, f *finance, g money, outlier, swing bool) {
	f.Abroad, f.Purchase = 0, 0
	draw := r.IntN(41)
	share := 0.30 + float64(draw)/40*0.25
	if swing {
		share = 0.25 + float64(draw)/40*0.03
	}
	project := money(float64(f.Personnel+f.Goods+f.Household+f.Capital) * share / (1 - share))
	names := make([]string, len(f.Items))
	for i, it := range f.Items {
		names[i] = it.Name
	}
	f.Items = splitItems(r, roundTo(project, g), names, g)
	f.derive()
	tp := scale(r, f.ExpTotal, 0.01, 0.016, g)
	if outlier {
		tp = scale(r, f.ExpTotal, 0.13, 0.16, g)
		if f.Cars == 0 {
			f.Cars, f.CarsAuth = 1, 1
		}
	}
	// Without cars the 三公 is receptions only, at 65% of what a unit with cars spends in all
	// (whose half goes to its cars): shares and receptions per head stay within a factor of
	// two of the peers'.
	f.Operation = 0
	f.Reception = roundTo(tp*13/20, g)
	if f.Cars > 0 {
		f.Reception = roundTo(tp/2, g)
		f.Operation = tp - f.Reception
	}
	f.derive()
	settle(r, f, g)
	f.drawBudget(r, g)
	f.drawPrior(r, g)
}

// settle sets income to cover spending without a carry-over (so batches never swing on it).
func settle(r *rand.Rand, f *finance, g money) {
	f.HasCarry, f.Carryover = false, 0
	f.IncomeTotal = f.ExpTotal + scale(r, f.ExpTotal, 0, 0.03, g)
	f.Fiscal = f.IncomeTotal - f.Other - f.Fund
	if f.Fiscal <= 0 {
		f.HasOther, f.Other, f.HasFund, f.Fund = false, 0, false, 0
		f.Fiscal = f.IncomeTotal
	}
}

// addTransfer adds a 转拨 project item, taking its amount from the largest item so the
// project total stays as it was.
func addTransfer(p *plan, itemName string, amount money) {
	f := p.f
	big := 0
	for i, it := range f.Items {
		if it.Actual > f.Items[big].Actual {
			big = i
		}
	}
	if f.Items[big].Actual <= amount {
		amount = f.Items[big].Actual / 2
	}
	f.Items[big].Actual -= amount
	f.Items[big].Budget -= amount
	f.Items = append(f.Items, item{Name: itemName, Actual: amount, Budget: amount})
	p.forceItems = true
	p.doc = selfEval
}

// deptPair is a department's two consecutive years; the county's injections go into them.
type deptPair struct{ p1, p2 *plan }

// nextPlan is the department's next year: its figures a few percent from last year's,
// last year's actuals as its prior year, income settled without a carry-over, its other
// sources and fund income where they were.
func nextPlan(r *rand.Rand, p1 *plan) *plan {
	k, f1 := p1.kind, p1.f
	f2 := f1.nextYear(r, k, p1.gran)
	settle(r, f2, p1.gran)
	f2.HasOther, f2.HasFund = f1.HasOther, f1.HasFund
	f2.Other, f2.Fund = 0, 0
	if f2.HasOther {
		f2.Other = scale(r, f1.Other, 0.9, 1.1, p1.gran)
	}
	if f2.HasFund {
		f2.Fund = scale(r, f1.Fund, 0.9, 1.1, p1.gran)
	}
	f2.Fiscal = f2.IncomeTotal - f2.Other - f2.Fund
	if f2.Fiscal <= 0 && f1.IncomeTotal > 0 {
		// Income fell below last year's other sources: keep last year's shares instead.
		f2.Other = roundTo(money(float64(f2.IncomeTotal)*float64(f1.Other)/float64(f1.IncomeTotal)), p1.gran)
		if f2.HasFund {
			f2.Fund = roundTo(money(float64(f2.IncomeTotal)*float64(f1.Fund)/float64(f1.IncomeTotal)), p1.gran)
		}
		f2.Fiscal = f2.IncomeTotal - f2.Other - f2.Fund
	}
	f2.drawBudget(r, p1.gran)
	p2 := *p1
	p2.year, p2.titleYear, p2.f, p2.anoms = p1.year+1, p1.year+1, f2, nil
	return &p2
}

// injectCounty puts the county's cross-report inconsistencies (and four in-report ones)
// into the first 12 departments' pairs, in the roles CountyBatch lists, with their gold.
func injectCounty(r *rand.Rand, ds []deptPair, name func(*plan) string) {
	const (
		roleA, roleB, roleC, roleD, roleE, roleF, roleG, roleH, roleI, roleJ, roleK, roleL = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	)
	// prior.mismatch: A's year-2 report restates year-1 spending wrongly.
	a := ds[roleA]
	a.p2.doc = selfEval
	wrongPrior := a.p1.f.ExpTotal + roundTo(scale(r, a.p1.f.ExpTotal, 0.05, 0.12, a.p1.gran), a.p1.gran)
	a.p2.forcePrior = map[string]money{"expenditure.total": wrongPrior}
	a.p2.anomaly("prior.mismatch", "error", fmt.Sprintf("states prior-year expenditure.total %s, but %s.%s stated %s",
		wanNote(wrongPrior), name(a.p1), "<ext>", wanNote(a.p1.f.ExpTotal)))

	// yoy.swing: B's project spending jumps.
	b := ds[roleB]
	fb := b.p2.f
	names := make([]string, len(fb.Items))
	for i, it := range fb.Items {
		names[i] = it.Name
	}
	fb.Items = splitItems(r, roundTo(fb.Project*5/2, b.p1.gran), names, b.p1.gran)
	fb.derive()
	settle(r, fb, b.p1.gran)
	fb.drawBudget(r, b.p1.gran)
	b.p2.anomaly("yoy.swing", "info", fmt.Sprintf("expenditure.total %s against %s the year before (project %s → %s)",
		wanNote(fb.ExpTotal), wanNote(b.p1.f.ExpTotal), wanNote(b.p1.f.Project), wanNote(fb.Project)))

	// peer.outlier: C's 三公 share (both years).
	for _, p := range []*plan{ds[roleC].p1, ds[roleC].p2} {
		p.anomaly("peer.outlier", "warning", fmt.Sprintf("三公 %s is %s%% of expenditure %s, about ten times the county's other departments",
			wanNote(p.f.TPTotal), pct(p.f.TPTotal, p.f.ExpTotal, 1), wanNote(p.f.ExpTotal)))
	}

	// transfer.unmatched: D passes money to E, which does not show it; F to G, which does.
	d, e := ds[roleD], ds[roleE]
	amount := roundTo(scale(r, d.p2.f.Project, 0.08, 0.2, d.p1.gran), d.p1.gran)
	if e.p2.f.HasOther && e.p2.f.Other == amount {
		amount += 100 * yuan
	}
	addTransfer(d.p2, "转拨"+e.p2.dept+"工作经费", amount)
	d.p2.anomaly("transfer.unmatched", "warning", fmt.Sprintf("转拨%s工作经费%s, not found in %s's income (%s)",
		e.p2.dept, wanNote(amount), e.p2.dept, name(e.p2)))
	fg, g := ds[roleF], ds[roleG]
	amount2 := roundTo(scale(r, fg.p2.f.Project, 0.05, 0.15, fg.p1.gran), 100*yuan)
	if limit := roundTo(g.p1.f.IncomeTotal/5, 100*yuan); amount2 > limit {
		amount2 = limit
	}
	addTransfer(fg.p2, "转拨"+g.p2.dept+"经费", amount2)
	for _, gp := range []*plan{g.p1, g.p2} {
		gf := gp.f
		gf.HasOther = true
		gf.Other = amount2
		if gp == g.p1 {
			gf.Other = scale(r, amount2, 0.92, 1.05, gp.gran)
		}
		gf.Fiscal = gf.IncomeTotal - gf.Other - gf.Fund
		gf.drawBudget(r, gp.gran)
		gp.doc = selfEval
	}
	g.p2.transferIn = &transfer{Other: fg.p2.dept, Amount: amount2}

	// text.duplicate: H copies I's problems and measures.
	h, in := ds[roleH], ds[roleI]
	h.p2.problems, h.p2.measures = in.p2.problems, in.p2.measures
	h.p2.doc, in.p2.doc = selfEval, selfEval
	h.p2.anomaly("text.duplicate", "info", fmt.Sprintf("存在的问题/改进措施 copied from %s (%s)", in.p2.dept, name(in.p2)))

	// In-report rules on year-2 reports.
	ds[roleJ].p2.injectRule(r, "sum.expenditure")
	ds[roleK].p2.injectRule(r, "staff.over_authorized")
	ds[roleL].p2.injectRule(r, "balance.deficit")
	e.p2.injectRule(r, "missing.disclosure")

}
