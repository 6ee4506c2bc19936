package extract

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/parse"
)

// Options configure an Extractor.
type Options struct {
	// MaxFigures is the most figures kept from one document; more is an error. 0 means 10,000.
	MaxFigures int
}

// ErrTooManyFigures is returned when a document states more figures than Options.MaxFigures.
var ErrTooManyFigures = fmt.Errorf("too many figures")

// Extractor finds figures in documents. Build one per process with New (loading the
// dictionary is the expensive part) and share it between goroutines: Extract is safe for
// concurrent use.
type Extractor struct {
	opts Options
	lex  *Lexicon
	seg  *Segmenter
	eval *evalLexicon
}

// New builds an Extractor, loading the segmentation dictionary and the finance lexicon.
func New(opts Options) (*Extractor, error) {
	if opts.MaxFigures <= 0 {
		opts.MaxFigures = 10000
	}
	lex, err := loadLexicon(lexiconText)
	if err != nil {
		return nil, fmt.Errorf("loading the finance lexicon: %w", err)
	}
	seg, err := NewSegmenter(lex.Words())
	if err != nil {
		return nil, err
	}
	el, err := newEvalLexicon(lex.eval)
	if err != nil {
		return nil, fmt.Errorf("loading the finance lexicon: %w", err)
	}
	return &Extractor{opts: opts, lex: lex, seg: seg, eval: el}, nil
}

// Extract reads the identity, figures, claims and narrative sections of one document.
func (e *Extractor) Extract(ctx context.Context, doc *parse.Document) (*Result, error) {
	doc = joinPageChunks(doc)
	lines := identityLines(doc, idLimit)
	res := &Result{Identity: e.lex.readIdentity(doc, lines)}
	w := &walker{e: e, docBasis: e.lex.docBasis(res.Identity.Title, lines), year: res.Identity.Year}
	// Self-evaluation tables are read first; the blocks they were read from are then no
	// prose and no money table.
	evs, used := e.evaluations(doc)
	res.Evaluations = evs
	res.Grade = e.eval.reportGrade(evs, doc)
	doc = withoutBlocks(doc, used)
	paras := e.lex.joinLines(doc.Blocks)
	cutStart := cutAtStart(paras)
	for i, lp := range paras {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		next := i+1 < len(paras) && paras[i+1].list
		first := len(w.figs)
		w.paragraph(lp, next, i == cutStart)
		if i == len(paras)-1 {
			w.cutOff(lp, first)
		}
		if w.e.lex.contains(kindAttached, "", string(lp.nt.r)) {
			w.noteAttached(lp)
		}
		if len(w.figs) > e.opts.MaxFigures {
			return nil, fmt.Errorf("%w: more than %d", ErrTooManyFigures, e.opts.MaxFigures)
		}
	}
	res.Figures = w.figs
	res.Claims = w.claims
	tableFigs := e.tables(doc, tableCtx{defBasis: w.docBasis, year: res.Identity.Year, prose: w.figs})
	for _, f := range tableFigs {
		// A line item of a table that passes money on (转拨…经费) is a transfer as well.
		if f.Metric == "expenditure.project.item" && f.Basis == Actual {
			if t := transferTarget(f.Item, e.lex, e.seg); t != "" {
				v := f.Value
				w.addClaim(Claim{Kind: ClaimTransfer, Metric: f.Metric, Basis: f.Basis, Amount: &v, Target: t, Raw: f.Raw, Location: f.Location})
			}
		}
	}
	w.tableCarryovers(doc)
	w.textCutOff(paras)
	res.Claims = w.claims
	res.Figures = append(res.Figures, tableFigs...)
	res.Figures = append(res.Figures, evalFigures(evs)...)
	res.Figures = append(res.Figures, indicatorRate(evs, res.Figures, e.lex.namesRate)...)
	res.Figures = e.resolve(res.Figures, res.Claims, res.Identity.Year, mentionsGrandForms(paras))
	res.Sections = sections(doc)
	return res, nil
}

// resolve settles what can only be decided with the whole report read:
//   - a grand total (收入总计) is the year's total only in a report that states no carry-over,
//     no plain total of its own (本年收入合计) and no 收支总计 of the 决算 forms, and whose
//     grand income and spending differ: the forms' grand totals add the balances and so are
//     always equal;
//   - where a metric is stated in a wording the lexicon prefers (一般公共预算财政拨款收入 over
//     财政拨款收入, which adds the funds; 工资福利支出 over 人员经费) and in another with a
//     different value, the other is no figure of the metric;
//   - a figure written for the year before the report's year is a prior-year figure.
func (e *Extractor) resolve(figs []Figure, claims []Claim, reportYear int, mentionsGrand bool) []Figure {
	hasCarry := mentionsGrand
	plain := map[string]bool{}
	grands := map[string]Figure{}
	hasThisYear := false
	for _, c := range claims {
		if c.Kind == ClaimCarryover {
			hasCarry = true
		}
	}
	for _, f := range figs {
		if f.Metric == "income.carryover" {
			hasCarry = true
		}
		if f.Item == "" {
			plain[f.Metric] = true
		}
		if f.Item == grandMark {
			grands[f.Metric] = f
		}
		if reportYear != 0 && (f.Year == reportYear || strings.Contains(f.BasisText, strconv.Itoa(reportYear)+"年")) {
			hasThisYear = true // stated for the report's year, in its words or its column's (2024年预算数)
		}
	}
	gi, ig := grands["income.total"], grands["expenditure.total"]
	balanced := gi.Item != "" && ig.Item != "" && roundingEqual(gi, ig)
	preferred := e.preferredValues(figs)
	out := figs[:0]
	for _, f := range figs {
		if f.Item == grandMark {
			if hasCarry || plain[f.Metric] || balanced {
				continue
			}
			f.Item = ""
		}
		if vs, ok := preferred[f.Metric+"|"+string(f.Basis)]; ok && !e.lex.isPhrase(kindPreferred, normalizeString(f.Term)) && !hasValue(vs, f) {
			continue
		}
		if reportYear != 0 && f.Year == reportYear-1 && f.Basis == Actual && hasThisYear && f.Unit != UnitPerson && f.Unit != UnitVehicle {
			f.Basis = Prior // counts are always actual: 2021年年末实有人数 in a 2022 budget
		}
		out = append(out, f)
	}
	return out
}

// preferredValues lists the values of the figures stated in a preferred wording, by metric
// and basis.
func (e *Extractor) preferredValues(figs []Figure) map[string][]Figure {
	var m map[string][]Figure
	for _, f := range figs {
		if f.Item == "" && e.lex.isPhrase(kindPreferred, normalizeString(f.Term)) {
			if m == nil {
				m = map[string][]Figure{}
			}
			k := f.Metric + "|" + string(f.Basis)
			m[k] = append(m[k], f)
		}
	}
	return m
}

// hasValue reports whether one of vs has f's value, to the rounding of the coarser of the two.
func hasValue(vs []Figure, f Figure) bool {
	for _, v := range vs {
		if roundingEqual(v, f) {
			return true
		}
	}
	return false
}

// roundingEqual reports whether two figures agree within half a unit of the last decimal
// the coarser one was written to (in the unit it was written in).
func roundingEqual(a, b Figure) bool {
	tol := halfUnit(a)
	if t := halfUnit(b); t.GreaterThan(tol) {
		tol = t
	}
	return a.Value.Sub(b.Value).Abs().LessThanOrEqual(tol)
}

func halfUnit(f Figure) decimal.Decimal {
	scale := decimal.NewFromInt(unitScale(f.UnitText))
	return scale.Div(decimal.NewFromInt(2)).Shift(int32(-f.Decimals))
}

// unitScale is how many base units one unit as written holds (万元: 10000).
func unitScale(unitText string) int64 {
	if s, ok := unitScales[unitText]; ok {
		return s
	}
	return 1
}

// mentionsGrandForms reports whether the report writes the 收支总计 of the 决算 forms, whose
// grand totals add the balances carried over.
func mentionsGrandForms(paras []logicalPara) bool {
	for _, lp := range paras {
		if t := string(lp.nt.r); strings.Contains(t, "收支总计") || strings.Contains(t, "收、支总计") {
			return true
		}
	}
	return false
}

// tableCarryovers notes a carry-over that a table's cell mentions (上年结转, 年末结转和结余 as a
// column or a row), as the prose's mentions are: whether the table's totals include it is not
// known.
func (w *walker) tableCarryovers(doc *parse.Document) {
	for _, b := range doc.Blocks {
		if b.Kind != parse.Table {
			continue
		}
		for r, row := range b.Cells {
			for c, cell := range row {
				if mentionsClaim([]rune(normalizeString(cell.Text))) && !strings.Contains(cell.Text, "项目支出") {
					w.addClaim(Claim{Kind: ClaimCarryover, Raw: strings.TrimSpace(cell.Text), Location: parse.CellLocation(b.Index, r+1, c+1)})
					return
				}
			}
		}
	}
}
