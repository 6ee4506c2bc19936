package analyze

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/unitname"
	"github.com/shopspring/decimal"
)

// ---- batch indexes ----

// dept is the normalised department of report i.
func (b *Batch) dept(i int) string {
	b.indexNames()
	return b.depts[i]
}

// region is the region of report i: as the report states it, else read from its name.
func (b *Batch) region(i int) string {
	b.indexNames()
	return b.regions[i]
}

// indexNames computes, once, every report's normalised department and region, and the
// indexes the cross-report rules look reports up by: the reports of each normalised
// department, the reports of each year (in index order), and of each year and region (in path
// order). Without them those rules scan
// the whole batch for every report, which is quadratic in the batch size.
func (b *Batch) indexNames() {
	if b.depts != nil {
		return
	}
	n := len(b.Reports)
	b.depts = make([]string, n)
	b.regions = make([]string, n)
	b.byDept = map[string][]int{}
	b.byDeptTail = map[string][]int{}
	b.byYear = map[yearRegion][]int{}
	b.yearReports = map[int][]int{}
	b.yearTail = map[yearRegion][]int{}
	for i := range b.Reports {
		r := &b.Reports[i]
		b.depts[i] = NormalizeDepartment(r.Department)
		reg := r.Region
		if reg == "" {
			reg = RegionOf(r.Department)
		}
		b.regions[i] = cleanName(reg)
		tail := regionTail(b.regions[i])
		if r.Department != "" {
			b.byDept[b.depts[i]] = append(b.byDept[b.depts[i]], i)
			k := b.depts[i] + "\x00" + tail
			b.byDeptTail[k] = append(b.byDeptTail[k], i)
		}
		b.yearReports[r.Year] = append(b.yearReports[r.Year], i)
		b.yearTail[yearRegion{r.Year, tail}] = append(b.yearTail[yearRegion{r.Year, tail}], i)
	}
	idx := make([]int, n)
	for j := range idx {
		idx[j] = j
	}
	sort.SliceStable(idx, func(x, y int) bool { return b.Reports[idx[x]].Path < b.Reports[idx[y]].Path })
	for _, j := range idx {
		k := yearRegion{b.Reports[j].Year, b.regions[j]}
		b.byYear[k] = append(b.byYear[k], j)
	}
}

// yearRegion keys the peer groups: reports of one year and one region.
type yearRegion struct {
	year   int
	region string
}

// sameDeptCandidates lists, in index order, the reports that may be by report i's
// department: those with the same normalised department (sameDept also needs compatible
// regions and a stated department).
//
// A department's reports of a national batch are spread over thousands of regions: only
// those of report i's regionTail, and those without a region of their own, can be its.
func (b *Batch) sameDeptCandidates(i int) []int {
	b.indexNames()
	if b.Reports[i].Department == "" {
		return nil
	}
	tail := regionTail(b.regions[i])
	if tail == "" {
		return b.byDept[b.depts[i]]
	}
	return mergeIndexes(b.byDeptTail[b.depts[i]+"\x00"+tail], b.byDeptTail[b.depts[i]+"\x00"])
}

// compatibleThisYear lists, in index order, the reports of the year whose regions may be
// compatible with report i's (regionsCompatible also needs to hold).
func (b *Batch) compatibleThisYear(i int) []int {
	b.indexNames()
	year := b.Reports[i].Year
	tail := regionTail(b.regions[i])
	if tail == "" {
		return b.yearReports[year]
	}
	return mergeIndexes(b.yearTail[yearRegion{year, tail}], b.yearTail[yearRegion{year, ""}])
}

// regionTail is the key under which regionsCompatible regions meet: two regions compatible
// by being equal or one ending the other share their last two characters; a region of one
// character or none (a bare level word, or not stated) is compatible with every region and
// has the tail "".
func regionTail(region string) string {
	n := 0
	for k := len(region); k > 0; {
		_, size := utf8.DecodeLastRuneInString(region[:k])
		k -= size
		if n++; n == 2 {
			return region[k:]
		}
	}
	return ""
}

// mergeIndexes merges two sorted lists of report indexes into a new sorted one.
func mergeIndexes(a, c []int) []int {
	if len(c) == 0 {
		return a
	}
	if len(a) == 0 {
		return c
	}
	out := make([]int, 0, len(a)+len(c))
	for len(a) > 0 && len(c) > 0 {
		if a[0] < c[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, c = append(out, c[0]), c[1:]
		}
	}
	return append(append(out, a...), c...)
}

// sameDept reports whether reports i and j are by the same department.
func (b *Batch) sameDept(i, j int) bool {
	if b.Reports[i].Department == "" || b.Reports[j].Department == "" {
		return false
	}
	return b.dept(i) == b.dept(j) && regionsCompatible(b.region(i), b.region(j))
}

// sameDepartmentOtherYears lists the readable reports of report i's department for other years.
func (b *Batch) sameDepartmentOtherYears(i int) []int {
	var out []int
	for _, j := range b.sameDeptCandidates(i) {
		if j != i && !b.failed(j) && b.Reports[j].Year != 0 && b.Reports[j].Year != b.Reports[i].Year && b.sameDept(i, j) {
			out = append(out, j)
		}
	}
	return out
}

// yearReport is the first readable report (by path) of report i's department for the year.
func (b *Batch) yearReport(i, year int) (int, bool) {
	best := -1
	for _, j := range b.sameDeptCandidates(i) {
		if j == i || b.failed(j) || b.Reports[j].Year != year || !b.sameDept(i, j) {
			continue
		}
		if best < 0 || b.Reports[j].Path < b.Reports[best].Path {
			best = j
		}
	}
	return best, best >= 0
}

// peers lists the other readable reports of the same region and year as report i, one per
// department (a department's second report of a year is not a second peer).
func (b *Batch) peers(i int) []int {
	r := &b.Reports[i]
	if r.Year == 0 {
		return nil
	}
	if out, ok := b.peerMemo[i]; ok {
		return out
	}
	var out []int
	seen := map[string]bool{b.dept(i): true}
	for _, j := range b.byYear[yearRegion{r.Year, b.region(i)}] { // in path order
		if j == i || b.failed(j) || b.Reports[j].Year != r.Year || b.Reports[j].Department == "" {
			continue
		}
		if b.region(i) != b.region(j) {
			continue
		}
		if seen[b.dept(j)] {
			continue
		}
		seen[b.dept(j)] = true
		out = append(out, j)
	}
	b.peerMemo[i] = out
	return out
}

// peerValues are the known actual values of metric in report i's peers (not i itself).
func (b *Batch) peerValues(i int, metric string) []decimal.Decimal {
	var out []decimal.Decimal
	for k, m := range totalMetrics {
		if m == metric && b.totals != nil {
			for _, j := range b.peers(i) {
				if v := b.totals[j][k]; v != nil {
					out = append(out, *v)
				}
			}
			return out
		}
	}
	for _, j := range b.peers(i) {
		if a, st := b.facts[j].get(metric, extract.Actual, ""); st == known {
			out = append(out, a.v)
		}
	}
	return out
}

func medianDecimal(vs []decimal.Decimal) decimal.Decimal {
	s := append([]decimal.Decimal{}, vs...)
	sort.Slice(s, func(i, j int) bool { return s[i].LessThan(s[j]) })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return s[n/2-1].Add(s[n/2]).Div(decimal.NewFromInt(2))
}

func median(vs []float64) float64 {
	s := append([]float64{}, vs...)
	sort.Float64s(s)
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// ---- peer.outlier ----

// peerRatio is one ratio peer.outlier compares.
type peerRatio struct {
	num, den string
	percent  bool // shown as a percentage; else yuan per person
	name     string
	// minDen is the least denominator for the ratio to mean anything: a unit of 7 staff
	// spends per head what one visit costs, so per-staff ratios need 10 in service.
	minDen int64
	// why says why only a ratio above its peers is flagged (the rule's doc lists it).
	why string
	// relFloor, when set, replaces Config.PeerRelFloor: receptions gather in a few units
	// (机关事务, 招商), and a unit without cars spends all its “三公” on them, so per head they
	// vary more than the other ratios and count only from three times the median.
	relFloor float64
}

var peerRatios = []peerRatio{
	{"three_public.total", "expenditure.total", true, "“三公”经费占支出合计的比例", 0,
		"spending far more on “三公” than peers is what the 八项规定 audits look for; spending far less is thrift", 0},
	{"expenditure.basic", "staff.in_service", false, "人均基本支出", 10,
		"a high basic spend per head points at staff left out of the count or 公用经费 beyond the standard; a low one at staff counted broadly", 0},
	{"three_public.reception", "staff.in_service", false, "人均公务接待费", 10,
		"receptions far above peers per head are the 八项规定's concern; few receptions are none", 2},
	{"expenditure.project", "expenditure.total", true, "项目支出占支出合计的比例", 0,
		"a project share far above peers can mean running costs booked as projects; a low one only a unit with few tasks of its own", 0},
}

// ratio computes num/den of report i (actual basis) with decimal; ok false when not computable.
func (b *Batch) ratio(i int, pr peerRatio) (decimal.Decimal, []*extract.Figure, bool) {
	n, ns := b.facts[i].get(pr.num, extract.Actual, "")
	d, ds := b.facts[i].get(pr.den, extract.Actual, "")
	if ns != known || ds != known || !d.v.IsPositive() || d.v.LessThan(decimal.NewFromInt(pr.minDen)) {
		return decimal.Zero, nil, false
	}
	return n.v.Div(d.v), append(n.figs, d.figs...), true
}

// robustZ is how far x lies from the values xs, in robust standard deviations of their
// logarithms: ratios of spending are skewed (a few units spend many times the median), and on
// a log scale twice the median and half of it are equally far. Values of zero or below are
// compared on the plain scale.
func robustZ(xs []float64, x float64) float64 {
	logs := make([]float64, 0, len(xs))
	for _, v := range xs {
		if v <= 0 || x <= 0 {
			logs = nil
			break
		}
		logs = append(logs, math.Log(v))
	}
	lx := x
	if logs != nil {
		lx = math.Log(x)
	} else {
		logs = xs
	}
	med := median(logs)
	dev := make([]float64, len(logs))
	for k, v := range logs {
		dev[k] = math.Abs(v - med)
	}
	mad := median(dev)
	dist := math.Abs(lx - med)
	switch {
	case mad > 0:
		return dist / (1.4826 * mad)
	case dist == 0:
		return 0
	}
	return math.Inf(1)
}

func fmtRatio(pr peerRatio, v float64) string {
	if pr.percent {
		return fmt.Sprintf("%.2f%%", v*100)
	}
	return fmt.Sprintf("%.2f万元/人", v/10000)
}

func checkPeer(b *Batch, i int) Verdict {
	var vs []Verdict
	peers, others := b.kindPeers(i)
	kind := unitname.Kind(b.Reports[i].Department)
	for k, pr := range peerRatios {
		x, figs, ok := b.ratio(i, pr)
		if !ok {
			continue
		}
		xs := []float64{}
		ids := []string{}
		for _, j := range peers {
			if y := b.ratios[j][k]; y.ok {
				xs = append(xs, y.f)
				ids = append(ids, b.Reports[j].ReportID)
			}
		}
		xf, _ := x.Float64()
		xs = append(xs, xf)
		if len(xs) < b.cfg.PeerMin {
			vs = append(vs, insufficient(peerTooFew(b, i, pr, kind, len(xs), others)))
			continue
		}
		if f, ok := peerFinding(b, pr, xf, xs, x, ids, figs); ok {
			vs = append(vs, Verdict{Findings: []Finding{f}})
			continue
		}
		vs = append(vs, passed())
	}
	if len(vs) == 0 {
		return insufficient("无可计算的比率（需要支出合计、“三公”经费、基本支出、项目支出或在职人数）")
	}
	return combine(vs...)
}

// peerFinding flags a ratio far above its peers' median (robust z beyond PeerZ and more
// than PeerRelFloor of the median away); a ratio below them is no anomaly (peerRatio.why).
func peerFinding(b *Batch, pr peerRatio, xf float64, xs []float64, x decimal.Decimal, ids []string, figs []*extract.Figure) (Finding, bool) {
	med := median(xs)
	z := robustZ(xs, xf)
	rel := math.Inf(1)
	if med != 0 {
		rel = (xf - med) / math.Abs(med)
	}
	floor := b.cfg.PeerRelFloor
	if pr.relFloor > 0 {
		floor = pr.relFloor
	}
	if xf <= med || z <= b.cfg.PeerZ || rel <= floor {
		return Finding{}, false
	}
	zText := "∞"
	if !math.IsInf(z, 1) {
		zText = fmt.Sprintf("%.1f", z)
	}
	return Finding{
		Related: ids, Metrics: []string{pr.num, pr.den},
		Expected: decPtr(decimal.NewFromFloat(med).Round(4)), Actual: decPtr(x.Round(4)),
		Message: fmt.Sprintf("%s为%s，同地区同年度同类%d个单位的中位数为%s，稳健z值为%s，明显高于同类单位。",
			pr.name, fmtRatio(pr, xf), len(xs), fmtRatio(pr, med), zText),
		Evidence: evidence(figs),
		key:      pr.num + "/" + pr.den,
	}, true
}

// peerTooFew says why a ratio is not compared: too few units of the report's kind in its
// region and year, naming the units of other kinds left out.
func peerTooFew(b *Batch, i int, pr peerRatio, kind string, n, others int) string {
	r := &b.Reports[i]
	msg := fmt.Sprintf("%s：%s%d年同类单位（%s）可比的只有%d个，少于%d个，不作比较", pr.name, b.region(i), r.Year, kind, n, b.cfg.PeerMin)
	if others > 0 {
		msg += fmt.Sprintf("；另有%d个其他类别的单位（如医院、学校与机关支出结构不同）不与之相比", others)
	}
	return msg
}

// kindPeers are report i's peers of its own kind of unit (unitname.Kind), and how many
// peers of other kinds were left out: a 人民医院 lives on 事业收入 and a school on its staff,
// so neither is measured against bureaus.
func (b *Batch) kindPeers(i int) (same []int, others int) {
	kind := unitname.Kind(b.Reports[i].Department)
	for _, j := range b.peers(i) {
		if unitname.Kind(b.Reports[j].Department) == kind {
			same = append(same, j)
		} else {
			others++
		}
	}
	return same, others
}

// ---- yoy.swing and prior.mismatch ----

var yoyMetrics = []string{"income.total", "expenditure.total", "expenditure.basic", "expenditure.project", "three_public.total"}

func checkYoY(b *Batch, i int) Verdict {
	r := &b.Reports[i]
	j, ok := b.yearReport(i, r.Year-1)
	if r.Year == 0 || !ok {
		return na(fmt.Sprintf("本批没有该部门%d年的报告", r.Year-1))
	}
	prev := &b.Reports[j]
	checked := false
	var fs []Finding
	for _, m := range yoyMetrics {
		cur, cs := b.facts[i].get(m, extract.Actual, "")
		old, os := b.facts[j].get(m, extract.Actual, "")
		if cs != known || os != known {
			continue
		}
		checked = true
		delta := cur.v.Sub(old.v)
		if delta.Abs().LessThanOrEqual(b.cfg.YoYMinAmount) {
			continue
		}
		var change float64
		if old.v.IsPositive() {
			change, _ = delta.Div(old.v).Float64()
			if math.Abs(change) <= b.cfg.YoYThreshold {
				continue
			}
		} else if !cur.v.IsPositive() {
			continue
		}
		word := "增长"
		if delta.IsNegative() {
			word = "下降"
		}
		pct := "上年为零"
		if old.v.IsPositive() {
			pct = fmt.Sprintf("%.2f%%", math.Abs(change)*100)
		}
		fs = append(fs, Finding{
			Related: []string{prev.ReportID}, Metrics: []string{m},
			Expected: decPtr(old.v), Actual: decPtr(cur.v),
			Message: fmt.Sprintf("%s由%d年的%s变为%d年的%s，%s%s（%s）。", label(m), prev.Year, wan(old.v), r.Year, wan(cur.v),
				word, wan(delta.Abs()), pct),
			Evidence: evidence(append(old.figs, cur.figs...)),
			key:      m,
		})
	}
	if len(fs) > 0 {
		return Verdict{Findings: fs}
	}
	if checked {
		return passed()
	}
	return insufficient(fmt.Sprintf("%d年与%d年的报告没有共同列出的数据", prev.Year, r.Year))
}

func checkPrior(b *Batch, i int) Verdict {
	r := &b.Reports[i]
	fx := b.facts[i]
	var keys []figKey
	for _, k := range fx.keys() {
		if k.basis == extract.Prior && lexicon.metricKind[k.metric] != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return na("报告未列上年数")
	}
	j, ok := b.yearReport(i, r.Year-1)
	if r.Year == 0 || !ok {
		return na(fmt.Sprintf("本批没有该部门%d年的报告", r.Year-1))
	}
	prev := &b.Reports[j]
	var vs []Verdict
	for _, k := range keys {
		p, ps := fx.get(k.metric, extract.Prior, k.item)
		if ps == conflicting {
			vs = append(vs, insufficient(conflictDetail(extract.Prior, k.metric)))
			continue
		}
		o, os := b.facts[j].get(k.metric, extract.Actual, k.item)
		switch os {
		case absent:
			vs = append(vs, insufficient(fmt.Sprintf("%d年的报告未列%s", prev.Year, metricName(extract.Actual, k.metric))))
			continue
		case conflicting:
			vs = append(vs, insufficient(fmt.Sprintf("%d年的报告中%s前后所列数值不一", prev.Year, metricName(extract.Actual, k.metric))))
			continue
		}
		if p.v.Sub(o.v).Abs().LessThanOrEqual(p.tol.Add(o.tol)) {
			vs = append(vs, passed())
			continue
		}
		name := label(k.metric)
		if k.item != "" {
			name += "“" + k.item + "”"
		}
		vs = append(vs, Verdict{Findings: []Finding{{
			Related: []string{prev.ReportID}, Metrics: []string{k.metric},
			Expected: decPtr(o.v), Actual: decPtr(p.v),
			Message: fmt.Sprintf("报告所述上年%s%s，与%d年报告的%s不符，相差%s。", name, fmtValue(k.metric, p.v), prev.Year,
				fmtValue(k.metric, o.v), fmtValue(k.metric, p.v.Sub(o.v).Abs())),
			Evidence: evidence(append(p.figs, o.figs...)),
			key:      k.item,
		}}})
	}
	return combine(vs...)
}

// ---- transfer.unmatched ----

// transferTarget finds the one readable report of the same year in the batch whose department
// the target names: equal normalised names, or one normalised name containing the other
// (at least 4 characters), with compatible regions. Several candidates: not identified.
func (b *Batch) transferTarget(i int, target string) (int, string) {
	t := NormalizeDepartment(target)
	if len([]rune(t)) < 2 {
		return -1, "接收单位名称过短，无法识别"
	}
	tRegion := cleanName(RegionOf(target))
	var exact, partial []int
	b.indexNames()
	for _, j := range b.compatibleThisYear(i) {
		if j == i || b.failed(j) || b.Reports[j].Year != b.Reports[i].Year || b.Reports[j].Department == "" || b.sameDept(i, j) {
			continue
		}
		if !regionsCompatible(tRegion, b.region(j)) || !regionsCompatible(b.region(i), b.region(j)) {
			continue
		}
		d := b.dept(j)
		switch {
		case d == t:
			exact = append(exact, j)
		case len([]rune(t)) >= 4 && len([]rune(d)) >= 4 && (strings.Contains(d, t) || strings.Contains(t, d)):
			partial = append(partial, j)
		}
	}
	cands := exact
	if len(cands) == 0 {
		cands = partial
	}
	switch len(cands) {
	case 0:
		return -1, fmt.Sprintf("接收单位“%s”%d年的报告不在本批中", target, b.Reports[i].Year)
	case 1:
		return cands[0], ""
	}
	return -1, fmt.Sprintf("接收单位“%s”对应本批%d份报告，无法确定是哪一家", target, len(cands))
}

// transferTolerance is the rounding allowed between a sum as the sender and as the receiver
// write it: two amounts in 万元 with two decimals.
var transferTolerance = decimal.NewFromInt(100)

// receivedFrom looks in report j for money received from report i's department: received is
// true when a transfer_in names it with the amount (within rounding); other is a transfer_in
// from it with a different amount.
func (b *Batch) receivedFrom(j, i int, amount decimal.Decimal) (received bool, other *extract.Claim) {
	sender := b.dept(i)
	for k := range b.Reports[j].Claims {
		c := &b.Reports[j].Claims[k]
		if c.Kind != extract.ClaimTransferIn || c.Amount == nil {
			continue
		}
		from := NormalizeDepartment(c.Target)
		if from != sender && !(len([]rune(from)) >= 4 && len([]rune(sender)) >= 4 && (strings.Contains(from, sender) || strings.Contains(sender, from))) {
			continue
		}
		if c.Amount.Sub(amount).Abs().LessThanOrEqual(transferTolerance) {
			return true, nil
		}
		other = c
	}
	return false, other
}

func checkTransfer(b *Batch, i int) Verdict {
	var vs []Verdict
	for ci, c := range b.Reports[i].Claims {
		if c.Kind != extract.ClaimTransfer {
			continue
		}
		if c.Target == "" {
			vs = append(vs, na("转拨未写明接收单位"))
			continue
		}
		j, why := b.transferTarget(i, c.Target)
		if j < 0 {
			vs = append(vs, na(why))
			continue
		}
		if c.Amount == nil {
			vs = append(vs, insufficient("转拨给“"+c.Target+"”的资金未写金额"))
			continue
		}
		tr := &b.Reports[j]
		// The receiver's report names the money it received from this unit (其中X转拨经费N万元).
		received, other := b.receivedFrom(j, i, *c.Amount)
		if received {
			vs = append(vs, passed())
			continue
		}
		var figs []*extract.Figure
		msg := fmt.Sprintf("报告称转拨%s%s，但%s同年报告未提及收到该笔资金。", c.Target, wan(*c.Amount), tr.Department)
		var actual *decimal.Decimal
		if other != nil {
			msg = fmt.Sprintf("报告称转拨%s%s，但%s同年报告称收到%s转拨%s，金额不符。", c.Target, wan(*c.Amount), tr.Department, b.Reports[i].Department, wan(*other.Amount))
			actual = decPtr(*other.Amount)
		} else if inc, st := b.facts[j].get("income.total", extract.Actual, ""); st == known && inc.v.Add(inc.tol).Add(inc.tol).LessThan(*c.Amount) {
			msg = fmt.Sprintf("报告称转拨%s%s，但%s同年收入合计仅%s，无法容纳该笔资金。", c.Target, wan(*c.Amount), tr.Department, wan(inc.v))
			actual = decPtr(inc.v)
			figs = inc.figs
		}
		extra := []string{c.Raw}
		if other != nil {
			extra = append(extra, other.Raw)
		}
		vs = append(vs, Verdict{Findings: []Finding{{
			Related: []string{tr.ReportID}, Metrics: []string{"income.total"},
			Expected: decPtr(*c.Amount), Actual: actual,
			Message:  msg,
			Evidence: evidence(figs, extra...),
			key:      fmt.Sprintf("claim%d@%s", ci, c.Location),
			Item:     "transfer:" + NormalizeDepartment(c.Target),
		}}})
	}
	if len(vs) == 0 {
		return na("报告未陈述向其他单位转拨资金")
	}
	return combine(vs...)
}

// ---- reference.mismatch ----

func checkReference(b *Batch, i int) Verdict {
	r := &b.Reports[i]
	var vs []Verdict
	for _, row := range b.cfg.Reference {
		if row.Year != r.Year || !sameDepartment(row.Department, "", r.Department, r.Region) {
			continue
		}
		basis := normBasis(row.Basis)
		a, st := b.facts[i].get(row.Metric, basis, "")
		switch st {
		case absent:
			vs = append(vs, insufficient(basisTag(basis)+"报告未列"+metricName(extract.Actual, row.Metric)+"（参考数据中有）"))
			continue
		case conflicting:
			vs = append(vs, insufficient(conflictDetail(basis, row.Metric)))
			continue
		}
		if a.v.Sub(row.Value).Abs().LessThanOrEqual(a.tol) {
			vs = append(vs, passed())
			continue
		}
		vs = append(vs, Verdict{Findings: []Finding{{
			Metrics: []string{row.Metric}, Expected: decPtr(row.Value), Actual: decPtr(a.v),
			Message: fmt.Sprintf("%s%s%s与财政部门参考数据%s不符，相差%s。", basisPrefix(basis), label(row.Metric), fmtValue(row.Metric, a.v),
				fmtValue(row.Metric, row.Value), fmtValue(row.Metric, a.v.Sub(row.Value).Abs())),
			Evidence: evidence(a.figs, fmt.Sprintf("参考数据第%d行：%s,%d,%s,%s,%s", row.Line, row.Department, row.Year, row.Metric, basis, row.Value)),
			key:      string(basis),
		}}})
	}
	if len(vs) == 0 {
		return na(fmt.Sprintf("参考数据中没有%s%d年的行", r.Department, r.Year))
	}
	return combine(vs...)
}

// ---- submission.missing ----

func checkSubmission(b *Batch, i int) Verdict {
	r := &b.Reports[i]
	for _, row := range b.cfg.Expected {
		if row.Year == r.Year && sameDepartment(row.Department, "", r.Department, r.Region) {
			return passed()
		}
	}
	return na(fmt.Sprintf("%s%d年不在应报名单上", r.Department, r.Year))
}

func unreportedSubmissions(b *Batch) []Finding {
	var fs []Finding
	seen := map[string]bool{}
	for _, row := range b.cfg.Expected {
		k := fmt.Sprintf("%s\x00%s\x00%d", NormalizeDepartment(row.Department), RegionOf(row.Department), row.Year)
		if seen[k] {
			continue
		}
		seen[k] = true
		found := false
		b.indexNames()
		for _, j := range b.byDept[NormalizeDepartment(row.Department)] { // sameDepartment needs the same name
			r := &b.Reports[j]
			if r.Year == row.Year && sameDepartment(row.Department, "", r.Department, r.Region) {
				found = true
				break
			}
		}
		if found {
			continue
		}
		fs = append(fs, Finding{
			Expected: nil, Actual: nil,
			Message:    fmt.Sprintf("%s未提交%d年度部门整体支出绩效自评报告。", row.Department, row.Year),
			Evidence:   fmt.Sprintf("应报名单第%d行：%s,%d", row.Line, row.Department, row.Year),
			key:        k,
			department: row.Department,
		})
	}
	return fs
}
