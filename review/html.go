package review

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html"
	"html/template"
	"io"
	"iter"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/analyze"
)

//go:embed templates/report.html.tmpl templates/report.css templates/report.js
var templateFS embed.FS

// page is the parsed template with its stylesheet and script, loaded once.
var page = mustLoadPage()

type pageAssets struct {
	tmpl *template.Template
	css  string
	js   string
	csp  template.HTML
}

func mustLoadPage() pageAssets {
	read := func(name string) string {
		b, err := templateFS.ReadFile("templates/" + name)
		if err != nil {
			panic("review: " + err.Error())
		}
		return string(b)
	}
	css, js := read("report.css"), read("report.js")
	tmpl := template.Must(template.New("report.html.tmpl").ParseFS(templateFS, "templates/report.html.tmpl"))
	// The page may load nothing and run nothing but its own inline stylesheet and script:
	// even a report text that slipped past escaping could not fetch or execute anything.
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	csp := "default-src 'none'; style-src " + hash(css) + "; script-src " + hash(js) +
		"; img-src data:; base-uri 'none'; form-action 'none'"
	meta := template.HTML(`<meta http-equiv="Content-Security-Policy" content="` + html.EscapeString(csp) + `">`)
	return pageAssets{tmpl: tmpl, css: css, js: js, csp: meta}
}

// WriteHTML writes report.html to path, atomically: one self-contained page in Chinese with
// inline CSS, JS and SVG and no external reference of any kind, so it opens from a shared
// drive or an e-mail attachment. It contains:
//
//   - a summary: files read (正常, 部分读取, 读取失败), findings by severity and by rule
//     with the rule's Chinese title;
//   - the findings grouped by report (department, year, file), each with its severity, rule,
//     message, expected and actual values and the evidence with its numbers highlighted;
//   - the files that failed or were read only partially, and why;
//   - the self-evaluation tables (绩效自评表): a section per table with its funds rows and
//     indicators (target, actual, weight, score, met), each finding beside the row it is
//     about and the table's own findings above it;
//   - charts (inline SVG): income vs spending, basic vs project split, the “三公” share of
//     spending against the median of its region and year, year-over-year changes, and each
//     report's self-evaluation score against its budget execution rate;
//   - a table of all reports.
//
// Tables sort on a header click and filter by text and severity through a small inline
// script; without the script everything is shown. Report text is untrusted and escaped.
func WriteHTML(path string, in Input) error {
	// Streamed to the file: the page of a large batch runs to tens of megabytes.
	return writeAtomic(path, func(w *os.File) error {
		bw := bufio.NewWriterSize(w, 256<<10)
		if err := renderHTML(bw, in); err != nil {
			return err
		}
		return bw.Flush()
	})
}

func renderHTML(w io.Writer, in Input) error {
	v := buildView(newRun(in))
	return page.tmpl.Execute(w, v)
}

// htmlView is everything the template shows, computed in Go. The groups of findings and the
// rows of the reports table are made one at a time as the template reaches them, so that
// the page is written without holding them all.
type htmlView struct {
	Title, Generated string
	CSP              template.HTML // the Content-Security-Policy meta element
	CSS              template.CSS
	JS               template.JS
	Files            fileCounts
	Findings         int
	Shown, Omitted   int // findings listed on the page, and left out of it (Input.OmittedFindings)
	Severity         []severityCount
	Rules            []ruleCount
	Groups           iter.Seq[group]
	Unread           []fileRow
	Charts           []chart
	Reports          iter.Seq[reportRow]
	// Evaluations are the sections of the self-evaluation tables (at most PageTablesMax);
	// EvalTotal how many tables the run has, EvalOmitted how many are left out.
	Evaluations            []evalView
	EvalTotal, EvalOmitted int
	Severities             []severityCount // for the filter checkboxes
	// Review is set when the findings have review keys: the page shows their dispositions
	// and lets an analyst mark them and export the marks.
	Review   bool
	Compared bool // there was a previous list: 新增 and 已消除 mean something
	Reviews  reviewCounts
	States   []stateOption // the states, for the filter and the editor
	Cleared  []clearedRow
	// OmittedCleared counts the cleared findings left out of Cleared.
	OmittedCleared int
	Problems       []Problem
}

// reviewCounts is the review card: findings reviewed, new and cleared.
type reviewCounts struct{ Reviewed, Pending, New, Cleared, Carried int }

// stateOption is one state of the filter and the editor; Key is the state word, "" for
// findings not reviewed.
type stateOption struct{ Key, Label string }

// reviewView is a finding's disposition as the page shows it.
type reviewView struct {
	Key, AnomalyID, State, StateLabel, Comment, Reviewer, Date string
	New                                                        bool
}

// clearedRow is a finding no longer arising, on the page.
type clearedRow struct {
	Severity, SeverityLabel, Rank, Rule, RuleTitle, Department, Year, Path, Message string
	AnomalyID, LastSeen, Note, Mark                                                 string
	reviewView
}

type fileCounts struct{ Total, OK, Partial, Failed int }

type severityCount struct {
	Key, Label string
	Count      int
}

type ruleCount struct {
	ID, Title, Severity, SeverityLabel string
	Count                              int
}

// group is the findings of one report (or of no report: units that did not submit).
type group struct {
	Anchor, Department, Year, Path string
	// Meta is the line under the heading: file, region, status, counts by severity.
	Meta     []metaPart
	Findings []findingView
}

// metaPart is one "key：value" of a group's meta line; Class styles the value.
type metaPart struct{ Key, Value, Class string }

type findingView struct {
	ID, Severity, SeverityLabel, Rank, Rule, RuleTitle, Message string
	Expected, Actual, Diff                                      string
	ExpectedSort, ActualSort, DiffSort                          string
	Metrics, Related                                            string
	Evidence                                                    []segment
	reviewView
}

// segment is a piece of evidence text; Mark is set for a number with its unit.
type segment struct {
	Text string
	Mark bool
}

type fileRow struct {
	Path, Format, Status, StatusLabel, Error, Department string
}

type reportRow struct {
	Anchor, Department, Region, Year, Path, Status, StatusLabel string
	Income, Spending, ThreePublic                               string
	IncomeSort, SpendingSort, ThreePublicSort                   string
	Errors, Warnings, Infos                                     int
}

type chart struct {
	ID, Title, Note string
	SVG             template.HTML
}

func buildView(r *run) htmlView {
	v := htmlView{
		Title:     "部门整体支出绩效自评报告审核结果",
		Generated: r.in.Generated,
		CSP:       page.csp,
		CSS:       template.CSS(page.css),
		JS:        template.JS(page.js),
		Findings:  len(r.findings) + r.in.OmittedFindings,
		Shown:     len(r.findings),
		Omitted:   r.in.OmittedFindings,
	}
	for _, rep := range r.reports {
		v.Files.Total++
		switch rep.Status {
		case StatusOK:
			v.Files.OK++
		case StatusPartial:
			v.Files.Partial++
		case StatusFailed:
			v.Files.Failed++
		}
	}
	bySev := map[string]int{}
	byRule := map[string]int{}
	for _, f := range r.findings {
		bySev[f.Severity]++
		byRule[f.Rule]++
	}
	for _, s := range severities {
		v.Severity = append(v.Severity, severityCount{Key: s, Label: severityLabel[s], Count: bySev[s]})
	}
	v.Severities = v.Severity
	for _, rule := range analyze.Rules() {
		if n := byRule[rule.ID]; n > 0 {
			v.Rules = append(v.Rules, ruleCount{ID: rule.ID, Title: rule.Title, Severity: rule.Severity,
				SeverityLabel: labelOr(severityLabel, rule.Severity), Count: n})
			delete(byRule, rule.ID)
		}
	}
	for _, id := range sortedKeys(byRule) { // rules the registry does not know
		v.Rules = append(v.Rules, ruleCount{ID: id, Count: byRule[id]})
	}
	sortStable(v.Rules, func(a, b ruleCount) bool {
		if rankOf(a.Severity) != rankOf(b.Severity) {
			return rankOf(a.Severity) < rankOf(b.Severity)
		}
		return a.Count > b.Count
	})
	plan, anchors := planGroups(r)
	v.Groups = groups(r, plan)
	for _, rep := range r.reports {
		if rep.Status == StatusFailed || rep.Status == StatusPartial {
			v.Unread = append(v.Unread, fileRow{Path: rep.Path, Format: rep.Format, Status: rep.Status,
				StatusLabel: labelOr(statusLabel, rep.Status), Error: rep.Error, Department: rep.Department})
		}
	}
	v.Reports = reportRows(r, anchors)
	// failed files first, then partial ones
	sortStable(v.Unread, func(a, b fileRow) bool { return a.Status == StatusFailed && b.Status != StatusFailed })
	tables := r.evalTables()
	v.Evaluations, v.EvalOmitted = evalViews(r, tables, anchors)
	v.EvalTotal = len(tables)
	v.Charts = append(buildCharts(r), scoreRateChart(scorePoints(r, tables)))
	addReview(&v, r)
	return v
}

// addReview adds the review parts of the page: counts, states, the findings no longer
// arising and the review input that could not be used.
func addReview(v *htmlView, r *run) {
	if r.rv == nil && len(r.in.Cleared) == 0 && len(r.in.Problems) == 0 {
		return
	}
	v.Review, v.Compared = true, r.in.Compared
	v.States = append(v.States, stateOption{Key: "", Label: stateNoneLabel})
	for _, st := range States {
		v.States = append(v.States, stateOption{Key: st, Label: st})
	}
	for _, f := range r.findings {
		rv := r.review(f)
		if rv.Status != "" {
			v.Reviews.Reviewed++
		} else {
			v.Reviews.Pending++
		}
	}
	st := r.in.ReviewStats
	v.Reviews.New, v.Reviews.Cleared, v.Reviews.Carried = st.New, st.Cleared, st.Carried
	for i := range r.in.Cleared {
		c := &r.in.Cleared[i]
		row := clearedRow{Severity: c.Severity, SeverityLabel: labelOr(severityLabel, c.Severity), Rank: strconv.Itoa(rankOf(c.Severity)),
			Rule: c.Rule, RuleTitle: r.ruleTitle(c.Rule), Department: c.Department, Year: yearText(c.Year), Path: c.Path,
			Message: c.Message, AnomalyID: c.AnomalyID, LastSeen: c.LastSeen, Note: r.clearedNote(c), Mark: MarkCleared,
			reviewView: reviewViewOf(Review{Key: c.Key, Disposition: c.Disposition}, c.AnomalyID)}
		if !c.JustCleared {
			row.Mark = "早前" + MarkCleared
		}
		v.Cleared = append(v.Cleared, row)
	}
	v.OmittedCleared = r.in.OmittedCleared
	v.Problems = r.in.Problems
}

// RV is the finding's review, for the template's "rv" cell.
func (f findingView) RV() reviewView { return f.reviewView }

// RV is the finding's review, for the template's "rv" cell.
func (c clearedRow) RV() reviewView { return c.reviewView }

// reviewViewOf is a review as the page shows it.
func reviewViewOf(rv Review, anomalyID string) reviewView {
	label := rv.Status
	if label == "" {
		label = stateNoneLabel
	}
	return reviewView{Key: rv.Key, AnomalyID: anomalyID, State: rv.Status, StateLabel: label, Comment: rv.Comment, Reviewer: rv.Reviewer,
		Date: rv.Date, New: rv.New}
}

func yearText(y int) string {
	if y <= 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// anchor is the id of the page's i-th group of findings (from 0).
func anchor(i int) string { return "d" + strconv.Itoa(i+1) }

// wanText is a report's value of metric in 万元 with two decimals, and its sort key.
func wanText(rep *Report, metric string) (string, string) {
	v, ok := rep.Values[metric]
	if !ok {
		return "", ""
	}
	return wan(v).StringFixed(2), wan(v).String()
}

// reportRows yields the rows of the reports table, in report order; anchors gives the group
// of findings of a report path (planGroups).
func reportRows(r *run, anchors map[string]int) iter.Seq[reportRow] {
	return func(yield func(reportRow) bool) {
		for _, rep := range r.reports {
			n := r.counts[rep.ReportID]
			row := reportRow{Department: rep.Department, Region: rep.Region, Year: yearText(rep.Year),
				Path: rep.Path, Status: rep.Status, StatusLabel: labelOr(statusLabel, rep.Status),
				Errors: n[0], Warnings: n[1], Infos: n[2]}
			if i, ok := anchors[rep.Path]; ok {
				row.Anchor = anchor(i)
			}
			row.Income, row.IncomeSort = wanText(rep, "income.total")
			row.Spending, row.SpendingSort = wanText(rep, "expenditure.total")
			row.ThreePublic, row.ThreePublicSort = wanText(rep, "three_public.total")
			if !yield(row) {
				return
			}
		}
	}
}

// findingGroup is the findings of one report, or of none (rep nil), before the page's group
// is made of them (makeGroup).
type findingGroup struct {
	rep      *Report
	findings []*analyze.Finding
}

// planGroups groups the findings of r by report: the groups in report order (department,
// year, path), the findings of no report last. It returns them with the index of the
// group of each report path.
func planGroups(r *run) ([]*findingGroup, map[string]int) {
	var order []*findingGroup
	byReport := map[*Report]*findingGroup{}
	var orphan *findingGroup
	for _, f := range r.findings {
		rep := r.report(f)
		var g *findingGroup
		switch {
		case rep == nil && orphan == nil:
			orphan = &findingGroup{}
			g = orphan
		case rep == nil:
			g = orphan
		default:
			if g = byReport[rep]; g == nil {
				g = &findingGroup{rep: rep}
				byReport[rep] = g
				order = append(order, g)
			}
		}
		g.findings = append(g.findings, f)
	}
	pos := map[*Report]int{}
	for i, rep := range r.reports {
		pos[rep] = i
	}
	sortStable(order, func(a, b *findingGroup) bool { return pos[a.rep] < pos[b.rep] })
	if orphan != nil {
		order = append(order, orphan)
	}
	anchors := map[string]int{}
	for i, g := range order {
		if g.rep != nil && g.rep.Path != "" {
			anchors[g.rep.Path] = i
		}
	}
	return order, anchors
}

// groups yields the page's groups of findings, the i-th made of plan[i] when the template
// reaches it.
func groups(r *run, plan []*findingGroup) iter.Seq[group] {
	return func(yield func(group) bool) {
		for i, fg := range plan {
			if !yield(makeGroup(r, i, fg)) {
				return
			}
		}
	}
}

// makeGroup is the page's i-th group of findings, made of fg.
func makeGroup(r *run, i int, fg *findingGroup) group {
	g := group{Anchor: anchor(i)}
	if rep := fg.rep; rep == nil {
		g.Department = "未关联具体报告的问题"
	} else {
		g.Department, g.Year, g.Path = rep.Department, yearText(rep.Year), rep.Path
		g.Meta = append(g.Meta, metaPart{"文件", rep.Path, "path"})
		if rep.Region != "" {
			g.Meta = append(g.Meta, metaPart{"地区", rep.Region, ""})
		}
		if rep.Status != "" {
			g.Meta = append(g.Meta, metaPart{"状态", labelOr(statusLabel, rep.Status), "st-" + rep.Status})
		}
		if g.Department == "" {
			g.Department = "（未识别部门）"
		}
	}
	g.Findings = make([]findingView, len(fg.findings))
	var n [3]int
	for k, f := range fg.findings {
		g.Findings[k] = findingViewOf(r, f)
		if s := rankOf(f.Severity); s < 3 {
			n[s]++
		}
	}
	for k, s := range severities {
		if n[k] > 0 {
			g.Meta = append(g.Meta, metaPart{"", severityLabel[s] + " " + strconv.Itoa(n[k]), ""})
		}
	}
	// within a group: severity, then registry order of the rule
	sortStable(g.Findings, func(x, y findingView) bool {
		if x.Rank != y.Rank {
			return x.Rank < y.Rank
		}
		return r.order[x.Rule] < r.order[y.Rule]
	})
	return g
}

func findingViewOf(r *run, f *analyze.Finding) findingView {
	kind := valueKind(f)
	fv := findingView{ID: f.AnomalyID, Severity: f.Severity, SeverityLabel: labelOr(severityLabel, f.Severity),
		Rank: strconv.Itoa(rankOf(f.Severity)), Rule: f.Rule, RuleTitle: r.ruleTitle(f.Rule), Message: f.Message,
		Evidence: highlight(f.Evidence), Related: strings.Join(r.related(f), "；"), Metrics: metrics(f, "、"),
		reviewView: reviewViewOf(r.review(f), f.AnomalyID)}
	if f.Expected != nil {
		fv.Expected = formatValue(kind, *f.Expected)
		d, _ := displayValue(kind, *f.Expected)
		fv.ExpectedSort = d.String()
	}
	if f.Actual != nil {
		fv.Actual = formatValue(kind, *f.Actual)
		d, _ := displayValue(kind, *f.Actual)
		fv.ActualSort = d.String()
	}
	if d := diff(f); d != nil {
		fv.Diff = signed(formatValue(diffKind(kind), *d), *d)
		dd, _ := displayValue(diffKind(kind), *d)
		fv.DiffSort = dd.String()
	}
	return fv
}

// numberWithUnit matches an amount, count or rate as reports write them (214.78万元, 12.5%,
// 8人, 1,234.56元) and bare decimals of table cells (105.57); bare integers such as years are
// left alone.
var numberWithUnit = regexp.MustCompile(`[+\-−]?\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|千元|元|%|％|个百分点|人|名|辆|台|分)|\d[\d,]*\.\d+`)

// highlight splits evidence text into plain and number segments; the template escapes both.
func highlight(s string) []segment {
	var out []segment
	last := 0
	for _, m := range numberWithUnit.FindAllStringIndex(s, -1) {
		if m[0] > last {
			out = append(out, segment{Text: s[last:m[0]]})
		}
		out = append(out, segment{Text: s[m[0]:m[1]], Mark: true})
		last = m[1]
	}
	if last < len(s) {
		out = append(out, segment{Text: s[last:]})
	}
	return out
}
