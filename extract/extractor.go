package extract

import (
	"context"
	"fmt"

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
	res := &Result{Identity: readIdentity(doc)}
	w := &walker{e: e, docBasis: docBasis(res.Identity.Title), year: res.Identity.Year}
	// Self-evaluation tables are read first; the blocks they were read from are then no
	// prose and no money table.
	evs, used := e.evaluations(doc)
	res.Evaluations = evs
	res.Grade = e.eval.reportGrade(evs, doc)
	doc = withoutBlocks(doc, used)
	paras := joinLines(doc.Blocks)
	for i, lp := range paras {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		next := i+1 < len(paras) && paras[i+1].list
		w.paragraph(lp, next)
		if len(w.figs) > e.opts.MaxFigures {
			return nil, fmt.Errorf("%w: more than %d", ErrTooManyFigures, e.opts.MaxFigures)
		}
	}
	res.Figures = w.figs
	res.Claims = w.claims
	tableFigs := e.tables(doc, w.docBasis, res.Identity.Year)
	for _, f := range tableFigs {
		// A line item of a table that passes money on (转拨…经费) is a transfer as well.
		if f.Metric == "expenditure.project.item" && f.Basis == Actual {
			if t := transferTarget(f.Item, e.lex, e.seg); t != "" {
				v := f.Value
				w.addClaim(Claim{Kind: ClaimTransfer, Metric: f.Metric, Basis: f.Basis, Amount: &v, Target: t, Raw: f.Raw, Location: f.Location})
			}
		}
	}
	res.Claims = w.claims
	res.Figures = append(res.Figures, tableFigs...)
	res.Figures = append(res.Figures, evalFigures(evs)...)
	res.Figures = resolve(res.Figures, res.Identity.Year)
	res.Sections = sections(doc)
	return res, nil
}

// resolve settles what can only be decided with the whole report read: a grand total
// (收入总计) is the year's total only when the report states neither a carry-over nor a
// plain total (本年收入合计) of its own, and a figure written
// for the year before the report's year is a prior-year figure.
func resolve(figs []Figure, reportYear int) []Figure {
	hasCarry := false
	hasThisYear := false
	plain := map[string]bool{} // metrics stated as a plain total (本年收入合计)
	for _, f := range figs {
		if f.Metric == "income.carryover" {
			hasCarry = true
		}
		if f.Item == "" {
			plain[f.Metric] = true
		}
		if f.Year == reportYear && reportYear != 0 {
			hasThisYear = true
		}
	}
	out := figs[:0]
	for _, f := range figs {
		if f.Item == grandMark {
			if hasCarry || plain[f.Metric] {
				continue
			}
			f.Item = ""
		}
		if reportYear != 0 && f.Year == reportYear-1 && f.Basis == Actual && hasThisYear {
			f.Basis = Prior
		}
		out = append(out, f)
	}
	return out
}
