package extract

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/parse"
)

// A table whose header names the metrics over rows of bare values — the 三公 table of the
// 决算 forms above all — loses its merged cells when a web page or a PDF copy flattens it:
//
//	“三公”经费合计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费
//	                                  | 小计 | 购置费 | 运行费 |
//	328.7 | 10 | 78.7 | 43 | 35.7 | 240
//
// turns into one run of header cells (a cell wrapped in two: 公务 / 接待费) over one run of
// values. metricHeader reads such a header as the tree it was: the cells of the first level
// in order, each followed in the second by its children (小计 standing for the parent), and
// under every leaf the same bases (预算数 | 决算数) when the header ends with them. The table is
// only read so when its values add up the way the tree says.

// hcell is a cell of a table to be turned, with the location of its evidence.
type hcell struct {
	text, loc string
}

// headerNode is one cell of a metric header: a metric, or a 合计 / 小计 standing for one.
type headerNode struct {
	metric string
	label  string
	sub    bool // 小计: the subtotal of the first-level cell whose children follow
	total  bool // 合计: the total of the whole table
}

// metricHeader turns a table whose header names the metrics over unlabelled rows of values
// into one row per metric, labelled as the header wrote it, with one column per basis. It
// returns false when the header is no such tree, the values do not fit it, or they do not add
// up.
func (e *Extractor) metricHeader(header []hcell, rows [][]hcell) (parse.Block, [][]string, bool) {
	labels := &labelMemo{e: e}
	nodes, bases, ok := e.headerNodes(mergeWrapped(header, labels), labels)
	if !ok {
		return parse.Block{}, nil, false
	}
	leaves := treeLeaves(nodes)
	k := 1
	if len(bases) > 0 {
		if len(bases)%len(leaves) != 0 {
			return parse.Block{}, nil, false
		}
		k = len(bases) / len(leaves)
	}
	if len(rows) == 0 {
		return parse.Block{}, nil, false
	}
	for _, r := range rows {
		if len(r) != len(leaves)*k {
			return parse.Block{}, nil, false
		}
	}
	if !addsUp(leaves, rows, k) {
		return parse.Block{}, nil, false
	}
	return turnedGrid(leaves, bases, rows, k)
}

// mergeWrapped joins header cells a copy broke in two (因公出国 / （境）费, 公务 / 接待费): a
// cell that names no money metric joins the next when the two together name one.
func mergeWrapped(cells []hcell, labels *labelMemo) []hcell {
	var out []hcell
	for i := 0; i < len(cells); i++ {
		c := cells[i]
		n := normalizeString(c.text)
		if i+1 < len(cells) && !isMoneyTerm(c.text, labels) && !isTotalLabel(n) && n != "小计" {
			joined := c.text + cells[i+1].text
			if isMoneyTerm(joined, labels) {
				out = append(out, hcell{text: joined, loc: c.loc})
				i++
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

func isMoneyTerm(text string, labels *labelMemo) bool {
	r, ok := labels.metric(text, UnitYuan)
	return ok && (r.kind == kindMetric || r.kind == kindPart)
}

// headerNodes classifies the header cells: metrics, 合计 and 小计, then the bases under them.
// A metric cell right before a 合计 spans the table (一般公共预算财政拨款“三公”经费 over 合计 …)
// and is the 合计's metric. Captions, units and 项目 are passed over; any other text means
// the header is no tree of metrics.
func (e *Extractor) headerNodes(cells []hcell, labels *labelMemo) ([]headerNode, []hcell, bool) {
	var nodes []headerNode
	var bases []hcell
	for i, c := range cells {
		n := normalizeString(strings.TrimSpace(c.text))
		switch {
		case n == "" || n == "项目" || declaresUnit(c.text) || strings.HasSuffix(n, "表") || unitParen.MatchString(n) && hanCount(n) <= 3 ||
			len(findYears([]rune(n))) > 0: // a caption: 2016年“三公”经费预算, …情况表, 单位：万元
		case e.lex.columnBasis(n) != "" && !isMoneyTerm(c.text, labels):
			bases = append(bases, c)
		case len(bases) > 0:
			return nil, nil, false // a metric after the bases: no header of this shape
		case n == "小计":
			nodes = append(nodes, headerNode{sub: true, label: c.text})
		case isTotalLabel(n):
			total := headerNode{total: true, label: c.text}
			if len(nodes) > 0 && i > 0 && nodes[len(nodes)-1].metric != "" && len(nodes) == 1 {
				total.metric = nodes[0].metric // the spanning cell's total
				nodes = nodes[:0]
			}
			nodes = append(nodes, total)
		default:
			r, ok := labels.metric(c.text, UnitYuan)
			if !ok || r.kind != kindMetric && r.kind != kindPart {
				return nil, nil, false
			}
			nodes = append(nodes, headerNode{metric: r.key, label: c.text})
		}
	}
	metrics := 0
	for _, nd := range nodes {
		if nd.metric != "" {
			metrics++
		}
	}
	return nodes, bases, metrics >= 2
}

// treeLeaves lays the header's tree out as its columns: each first-level cell, or in its
// place its children of the second level (小计 being the cell itself).
func treeLeaves(nodes []headerNode) []headerNode {
	first := len(nodes)
	seen := map[string]bool{}
	for i, nd := range nodes {
		if nd.sub || nd.metric != "" && seen[parentOf(nd.metric)] {
			first = i
			break
		}
		if !nd.total {
			seen[nd.metric] = true
		}
	}
	level1, level2 := nodes[:first], nodes[first:]
	totalMetric := ""
	for _, nd := range level1 {
		if nd.total && nd.metric != "" {
			totalMetric = nd.metric
		}
		if !nd.total && totalMetric == "" {
			totalMetric = parentOf(nd.metric)
		}
	}
	kids := childrenOf(level2)
	var leaves []headerNode
	for _, nd := range level1 {
		switch {
		case nd.total:
			leaves = append(leaves, headerNode{metric: totalMetric, label: nd.label, total: true})
		case len(kids[nd.metric]) > 0:
			for _, c := range kids[nd.metric] {
				if c.sub {
					c = headerNode{metric: nd.metric, label: nd.label} // 小计 is the parent itself
				}
				leaves = append(leaves, c)
			}
		default:
			leaves = append(leaves, nd)
		}
	}
	return leaves
}

// childrenOf groups the second level of a header by the parent of its metrics: a 小计 goes
// with the children that follow it.
func childrenOf(level2 []headerNode) map[string][]headerNode {
	out := map[string][]headerNode{}
	var pending []headerNode // 小计 cells waiting for the children that say whose they are
	for _, c := range level2 {
		if c.sub {
			pending = append(pending, c)
			continue
		}
		p := parentOf(c.metric)
		out[p] = append(out[p], pending...)
		out[p] = append(out[p], c)
		pending = nil
	}
	return out
}

// addsUp checks the values against the tree, basis by basis: the total is the sum of the
// first-level metrics under it, a parent the sum of its children, to the rounding of the
// values as written (half a unit of the last decimal each).
func addsUp(leaves []headerNode, rows [][]hcell, k int) bool {
	for _, r := range rows {
		for b := 0; b < k; b++ {
			vals := map[string]quantity{}
			for li, lf := range leaves {
				q, _, ok := cellValue(r[li*k+b].text)
				if !ok {
					continue
				}
				vals[lf.metric] = q
			}
			for parent, q := range vals {
				sum, n, tol := decimal.Zero, 0, halfUnitOf(q)
				for child, cq := range vals {
					if parentOf(child) == parent {
						sum = sum.Add(cq.value)
						tol = tol.Add(halfUnitOf(cq))
						n++
					}
				}
				if n >= 2 && sum.Sub(q.value).Abs().GreaterThan(tol) {
					return false
				}
			}
		}
	}
	return true
}

// halfUnitOf is half a unit of the last decimal a bare value was written to.
func halfUnitOf(q quantity) decimal.Decimal {
	return decimal.New(5, int32(-q.decimals-1))
}

// turnedGrid builds the turned table: a header of the bases, then one row per leaf.
func turnedGrid(leaves []headerNode, bases []hcell, rows [][]hcell, k int) (parse.Block, [][]string, bool) {
	head := []parse.Cell{{Text: "项目"}}
	headLoc := []string{""}
	for b := 0; b < k; b++ {
		t, loc := "", ""
		if len(bases) > 0 {
			t, loc = bases[b].text, bases[b].loc
		}
		head = append(head, parse.Cell{Text: t})
		headLoc = append(headLoc, loc)
	}
	grid := [][]parse.Cell{head}
	locs := [][]string{headLoc}
	for _, r := range rows {
		for li, lf := range leaves {
			row := []parse.Cell{{Text: lf.label}}
			loc := []string{""}
			for b := 0; b < k; b++ {
				c := r[li*k+b]
				row = append(row, parse.Cell{Text: c.text})
				loc = append(loc, c.loc)
			}
			grid = append(grid, row)
			locs = append(locs, loc)
		}
	}
	return parse.Block{Kind: parse.Table, Cells: grid}, locs, true
}
