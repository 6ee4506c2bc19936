package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/parse"
)

// Bounds of a fuzzed table, so that one input stays cheap.
const (
	fuzzMaxRows  = 200
	fuzzMaxCells = 32
	// fuzzMaxText bounds FuzzExtract's input: a few times the longest report of the corpus.
	fuzzMaxText = 64 << 10
)

// fuzzUnits are the units a figure may have.
var fuzzUnits = []string{UnitYuan, UnitPerson, UnitVehicle, UnitPercent, UnitPoint}

var fuzzLocation = regexp.MustCompile(`^(?:p[1-9][0-9]*|t[1-9][0-9]*r[1-9][0-9]*c[1-9][0-9]*)$`)

// checkFigures asserts what every figure promises, whatever the input: a metric of the
// vocabulary, a known unit, basis and method, and a location that points somewhere.
func checkFigures(t *testing.T, where string, figs []Figure) {
	t.Helper()
	for _, f := range figs {
		switch {
		case !slices.Contains(Metrics, f.Metric):
			t.Fatalf("%s: figure with unknown metric %q: %+v", where, f.Metric, f)
		case !slices.Contains(fuzzUnits, f.Unit):
			t.Fatalf("%s: figure with unit %q: %+v", where, f.Unit, f)
		case f.Basis != Actual && f.Basis != Budget && f.Basis != Prior:
			t.Fatalf("%s: figure with basis %q: %+v", where, f.Basis, f)
		case f.Method != MethodProse && f.Method != MethodTable:
			t.Fatalf("%s: figure with method %q: %+v", where, f.Method, f)
		case !fuzzLocation.MatchString(f.Location):
			t.Fatalf("%s: figure with location %q: %+v", where, f.Location, f)
		}
	}
}

// fuzzGrid turns fuzzed text into a rectangular table grid, as parse builds them: rows are
// lines, cells are split on '|', short rows are padded. A cell "=" is a merged copy of the
// cell to its left (or above, in the first column).
func fuzzGrid(table string) [][]parse.Cell {
	lines := strings.Split(table, "\n")
	if len(lines) > fuzzMaxRows {
		lines = lines[:fuzzMaxRows]
	}
	width := 0
	rows := make([][]string, len(lines))
	for i, l := range lines {
		cells := strings.Split(l, "|")
		if len(cells) > fuzzMaxCells {
			cells = cells[:fuzzMaxCells]
		}
		rows[i] = cells
		width = max(width, len(cells))
	}
	grid := make([][]parse.Cell, len(rows))
	for i, cells := range rows {
		grid[i] = make([]parse.Cell, width)
		for j, c := range cells {
			switch {
			case c == "=" && j > 0:
				grid[i][j] = parse.Cell{Text: grid[i][j-1].Text, Merged: true}
			case c == "=" && i > 0:
				grid[i][j] = parse.Cell{Text: grid[i-1][j].Text, Merged: true}
			default:
				grid[i][j] = parse.Cell{Text: c}
			}
		}
	}
	return grid
}

// tableText writes a table grid in fuzzGrid's notation.
func tableText(grid [][]parse.Cell) string {
	var b strings.Builder
	for i, row := range grid {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, c := range row {
			if j > 0 {
				b.WriteByte('|')
			}
			if c.Merged {
				b.WriteByte('=')
				continue
			}
			b.WriteString(strings.NewReplacer("\n", " ", "|", "/").Replace(c.Text))
		}
	}
	return b.String()
}

// addTableSeeds adds the tables of the fixtures next to the test, each with the paragraphs
// before it as its caption: the seed reports, the regression cases and the corpus.
func addTableSeeds(f *testing.F) {
	var files []string
	for _, glob := range []string{"testdata/*.docx", "testdata/*.txt", "testdata/cases/*/input.*", "testdata/corpus/*.docx", "testdata/corpus/*.md"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			f.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		f.Fatal("no fixtures found in testdata")
	}
	for _, path := range files {
		doc, err := parse.ReadFile(context.Background(), path, parse.DefaultLimits())
		if err != nil {
			f.Fatalf("%s: %v", path, err)
		}
		for i, b := range doc.Blocks {
			if b.Kind != parse.Table {
				continue
			}
			var caption []string
			for k := max(0, i-3); k < i; k++ {
				if doc.Blocks[k].Kind == parse.Paragraph {
					caption = append(caption, doc.Blocks[k].Text)
				}
			}
			f.Add(strings.Join(caption, "\n"), tableText(b.Cells))
		}
	}
}

// FuzzTable runs the table reader on a fuzzed table, then the flattened-table reader on the
// same cells written one per line, then the whole Extract on both: no panic, and every
// figure is a well-formed one pointing at a cell or paragraph that exists.
func FuzzTable(f *testing.F) {
	addTableSeeds(f)
	f.Add("单位：万元", "项目|预算数|决算数\n收入合计|220.00|214.78\n财政拨款收入|210|208.63\n支出合计|220|219.37\n基本支出|100|105.57")
	f.Add("", "编制人数|7|实有人数|11\n车辆编制数|1|实有车辆|1")
	f.Add("2024年度“三公”经费支出情况表（单位：元）", "序号|项目|金额|=\n1|因公出国（境）费|0|=\n2|公务接待费|2,600.00|=\n|合计|12,700.00|=")
	f.Add("", "指标|分值|得分\n产出指标|50|48\n合计|100|95")
	f.Add("项目支出明细表", "项目名称|金额（万元）\n科普行动计划经费|16\n换届选举经费|10.77\n合计|26.77")
	f.Add("", "项目\n预算数\n决算数\n收入合计\n398.80\n368.91\n支出合计\n398.80\n360.00")
	e := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, caption, table string) {
		grid := fuzzGrid(table)
		block := parse.Block{Kind: parse.Table, Index: 1, Cells: grid}
		for _, year := range []int{0, 2024} {
			figs := e.table(block, caption, tableCtx{defBasis: Actual, year: year}, nil)
			checkFigures(t, "table", figs)
			for _, fig := range figs {
				var r, c int
				if _, err := fmt.Sscanf(fig.Location, "t1r%dc%d", &r, &c); err != nil || r > len(grid) || c > len(grid[r-1]) {
					t.Fatalf("figure at %s outside the %d-row table: %+v", fig.Location, len(grid), fig)
				}
				if grid[r-1][c-1].Merged {
					t.Fatalf("figure read from a merged copy at %s: %+v", fig.Location, fig)
				}
			}
		}

		// The same cells, one paragraph each, as a table copied out of a PDF arrives.
		doc := &parse.Document{Format: parse.FormatText}
		paras := map[string]bool{}
		for _, line := range strings.Split(caption, "\n") {
			if strings.TrimSpace(line) != "" {
				doc.Blocks = append(doc.Blocks, parse.Block{Kind: parse.Paragraph, Index: len(doc.Blocks) + 1, Text: line})
			}
		}
		for _, row := range grid {
			for _, c := range row {
				if !c.Merged && strings.TrimSpace(c.Text) != "" && !strings.Contains(c.Text, "\n") {
					b := parse.Block{Kind: parse.Paragraph, Index: len(doc.Blocks) + 1, Text: c.Text, Level: parse.HeadingLevel(c.Text)}
					doc.Blocks = append(doc.Blocks, b)
					paras[b.Location()] = true
				}
			}
		}
		for _, ft := range e.lex.flatTables(doc.Blocks) {
			if len(ft.locs) != len(ft.block.Cells) {
				t.Fatalf("rebuilt table: %d rows of locations for %d rows", len(ft.locs), len(ft.block.Cells))
			}
			for i, row := range ft.block.Cells {
				if len(row) != len(ft.block.Cells[0]) || len(ft.locs[i]) != len(row) {
					t.Fatalf("rebuilt table is not rectangular: %+v", ft.block.Cells)
				}
			}
			figs := e.table(ft.block, ft.caption, tableCtx{defBasis: Actual, year: 2024}, ft.locs)
			checkFigures(t, "flat table", figs)
			for _, fig := range figs {
				if !paras[fig.Location] {
					t.Fatalf("figure of a rebuilt table at %s, no cell paragraph: %+v", fig.Location, fig)
				}
			}
		}

		// Both through Extract: the table after its caption, then the cells as paragraphs.
		doc.Blocks = slices.Insert(doc.Blocks, 0, block)
		res, err := e.Extract(context.Background(), doc)
		if err != nil {
			return // too many figures is an error, not a failure
		}
		checkFigures(t, "Extract", res.Figures)
	})
}

// FuzzExtract runs the whole Extract on fuzzed text, one paragraph per line as the text
// parser makes them. Seeds: the inputs of the regression cases, the seed report and a few
// corpus reports.
func FuzzExtract(f *testing.F) {
	var seeds []string
	for _, glob := range []string{"testdata/cases/*/input.txt", "testdata/cases/*/input.md", "testdata/evalcases/*/input.txt", "testdata/*.txt", "testdata/corpus/gen-00*.txt"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, m...)
	}
	if len(seeds) == 0 {
		f.Fatal("no fixtures found in testdata")
	}
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("收入合计214.78万元，支出合计219.37万元。")
	f.Add("2024年“三公”经费支出1.27万元，较上年减少0.05万元，其中公务接待费0.26万元。")
	f.Add("编制人数7人，实有11人，车辆1台。项目支出占总支出的51.9%。")
	f.Add("项目\n预算数\n决算数\n收入合计\n398.80\n368.91\n支出合计\n398.80\n360.00")
	e := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > fuzzMaxText {
			return
		}
		doc := textDoc(text)
		res, err := e.Extract(context.Background(), doc)
		if err != nil {
			return // too many figures is an error, not a failure
		}
		checkFigures(t, "Extract", res.Figures)
		for _, fig := range res.Figures {
			var n int
			if _, err := fmt.Sscanf(fig.Location, "p%d", &n); err != nil || n > len(doc.Blocks) {
				t.Fatalf("figure at %s; the document has %d paragraphs and no table: %+v", fig.Location, len(doc.Blocks), fig)
			}
			if strings.HasPrefix(fig.Item, "\x00") {
				t.Fatalf("internal item mark left on %+v", fig)
			}
		}
	})
}
