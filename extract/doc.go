// Package extract finds the figures of a budget-performance report in its parsed Document:
// amounts, counts, rates and scores, each tied to a metric of the vocabulary, a basis, and
// the sentence or table cell it came from.
//
// How a sentence is read:
//
//  1. Text is normalised for matching (normalize.go): full-width digits and signs narrowed,
//     quotes dropped, short bracketed qualifiers such as （境） unwrapped, white space dropped
//     unless it separates two ASCII words; a map back to the raw text keeps the evidence as
//     written.
//  2. Lines that a PDF copy broke apart are joined into logical paragraphs, and page marks
//     dropped (prose.go). A paragraph is cut into sentences at 。！？; ； and ， only separate
//     clauses.
//  3. Every number with a unit is a quantity (quantity.go): 214.78万元, 2,147,800.00元, ￥1.2亿,
//     7人, 1台, 98.5%, 95分. Numbers without a unit — years, dates, document numbers, counts
//     of things — are never figures.
//  4. The text between quantities is cut into words by gse with a compact general dictionary
//     plus every wording of the finance lexicon (segment.go, data/lexicon.txt). Each word
//     gets its lexicon roles: a metric term, a basis marker (预算数, 上年), a change verb,
//     a breakdown word (其中), glue (为, 支出) … Because terms are whole words of the
//     segmentation, 支出 is never found inside 基本支出, nor 编制 inside 预算编制.
//  5. Each quantity is bound to a metric (bind.go): the nearest term of its unit family
//     before it in its clause, with only glue between; else the figure of an earlier clause
//     restated with another basis (上年为…, 实际1台), an item of an open project breakdown,
//     or a term left without a value in the clause before. A change against last year or the
//     budget, a share, a transfer to another unit become claims, not figures.
//
// Tables (table.go) are read row by row, the basis and unit of each value column from the
// header rows and the caption (单位：万元); tables flattened to one cell per line, and tables
// broken by a page, are rebuilt first (flat.go). Identity (identity.go) comes from the
// title lines. Finally resolve settles what needs the whole report: grand totals that
// include a carry-over, and figures written for the year before.
package extract
