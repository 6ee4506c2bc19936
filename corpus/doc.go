// Package corpus generates synthetic but realistic 部门整体支出绩效自评报告 (and
// 部门决算说明) with their expected figures, for scoring extraction, exercising the
// analysis rules and benchmarking.
//
// Every report is built from a financial model of one department-year (money held as
// integer fen, never float), rendered through a composer that records each figure it
// writes, so the gold file beside a report lists exactly the figures stated in it:
// the distinct (metric, basis, item, value) set, in order of first appearance, as the
// seed's gold does. Inconsistencies are injected on request and recorded as anomalies.
//
// Wordings, identities and narrative text live as data in lexicon.go, identity.go and
// narrative.go; the rest of the package only chooses among them.
//
// Generation is deterministic: the same Options give the same bytes.
package corpus
