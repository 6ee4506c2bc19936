package analyze

import (
	"errors"
	"slices"

	"github.com/jixiao/jixiao/extract"
	"github.com/shopspring/decimal"
)

// judgeByRegion runs the rules that read figures over the batch a group of regions at a
// time, with only that group's figures read back from the Spill, and appends their findings
// and checks.
//
// Every rule across reports reads the figures of reports its report may be compared with:
// its peers (the same region and year), its department's other years and the receivers of
// its transfers (compatible regions). Compatible regions share their regionTail, or one of
// them has none (a region not stated, or a bare level word): the reports of one tail are a
// group, and those of none are read back for every group. They are judged last, with every
// report they may read loaded. A national batch of thousands of counties then holds one
// county's figures at a time, not the country's.
func (b *Batch) judgeByRegion(rules []*Rule, spilled []*spilledParts, findings []Finding, checks *Checks) ([]Finding, error) {
	b.indexNames()
	b.ratios = make([][]peerValue, len(b.Reports))
	b.totals = make([][2]*decimal.Decimal, len(b.Reports))
	loose, groups := b.tailGroups()
	if err := b.loadFigures(loose, spilled); err != nil {
		return nil, err
	}
	b.share(loose)
	for _, g := range groups {
		if err := b.loadFigures(g, spilled); err != nil {
			return nil, err
		}
		b.share(g)
		findings = b.judge(rules, g, findings, checks)
		b.dropFigures(g, spilled)
	}
	if len(loose) == 0 {
		return findings, nil
	}
	need := b.looseReach(loose)
	if err := b.loadFigures(need, spilled); err != nil {
		return nil, err
	}
	b.share(need)
	findings = b.judge(rules, loose, findings, checks)
	return findings, nil
}

// tailGroups returns the reports without a regionTail, and the others grouped by their
// tail, each group in index order, the groups in order of their first report.
func (b *Batch) tailGroups() (loose []int, groups [][]int) {
	groups = groupsInOrder(len(b.Reports), func(i int) (string, bool) {
		tail := regionTail(b.regions[i])
		if tail == "" {
			loose = append(loose, i)
		}
		return tail, tail != ""
	})
	return loose, groups
}

// groupsInOrder groups the indexes below n that key takes (ok) by their key: each group in
// index order, the groups in order of their first index.
func groupsInOrder[K comparable](n int, key func(i int) (k K, ok bool)) [][]int {
	at := map[K]int{}
	var groups [][]int
	for i := range n {
		k, ok := key(i)
		if !ok {
			continue
		}
		g, seen := at[k]
		if !seen {
			g = len(groups)
			at[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}

// looseReach lists the reports not in loose that the reports of loose may read: their
// departments' other years and the receivers of their transfers. A region not stated is
// compatible with every region, so the receivers are found by name first (transferTarget
// reads no figures): loading every report of the year instead held a third of a national
// batch's figures at once (1.2 GB at 200,000 reports, for one report without a region).
func (b *Batch) looseReach(loose []int) []int {
	var out []int
	for _, i := range loose {
		out = append(out, b.sameDeptCandidates(i)...)
		for _, c := range b.Reports[i].Claims {
			if c.Kind != extract.ClaimTransfer || c.Target == "" {
				continue
			}
			if j, _ := b.transferTarget(i, c.Target); j >= 0 {
				out = append(out, j)
			}
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	return slices.DeleteFunc(out, func(j int) bool { return regionTail(b.regions[j]) == "" })
}

// loadFigures reads the figures of the reports back from the Spill (those not spilled are in
// memory already).
func (b *Batch) loadFigures(idx []int, spilled []*spilledParts) error {
	errs := make([]error, len(idx))
	parallel(len(idx), func(k int) {
		i := idx[k]
		if sp := spilled[i]; sp != nil && b.facts[i].slim == nil {
			var sf *slimFigures
			if sf, errs[k] = sp.figures(); errs[k] == nil {
				sf.materialise()
				b.facts[i].slim = sf
			}
		}
	})
	return errors.Join(errs...)
}

// dropFigures lets the figures read back for the reports go again, with their peers.
func (b *Batch) dropFigures(idx []int, spilled []*spilledParts) {
	for _, i := range idx {
		if spilled[i] != nil {
			b.facts[i].slim = nil
		}
		delete(b.peerMemo, i)
	}
}

// share computes what the reports' rules read of each other, once: their peers, and the
// peer ratios and totals the peers' rules compare.
func (b *Batch) share(idx []int) {
	for _, i := range idx {
		b.peers(i)
	}
	parallel(len(idx), func(k int) { b.shareOne(idx[k]) })
}

// ownDetail is detail as a string of the batch's own: a detail quoting a figure would keep
// the report's whole compact copy read back from the spill; the same detail of many reports
// (没有可比的部门) is kept once. judge calls it on one goroutine.
func (b *Batch) ownDetail(detail string) string {
	if b.details == nil {
		b.details = interner{}
	}
	return b.details.str(detail)
}

// judge runs the rules on the reports, on every core (verdicts only read the batch), and
// appends the findings and checks in report order.
func (b *Batch) judge(rules []*Rule, idx []int, findings []Finding, checks *Checks) []Finding {
	verdicts := make([]Verdict, len(idx))
	for _, rule := range rules {
		parallel(len(idx), func(k int) { verdicts[k] = rule.verdict(b, idx[k]) })
		for k, i := range idx {
			var c Check
			findings, c = rule.collect(verdicts[k], &b.Reports[i], findings)
			checks.add(int32(i), c.Rule, c.Outcome, b.ownDetail(c.Detail))
			verdicts[k] = Verdict{}
		}
	}
	return findings
}
