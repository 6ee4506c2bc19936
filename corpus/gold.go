package corpus

import (
	"encoding/json"

	"github.com/shopspring/decimal"
)

// Gold is the expected extraction of one report, in the seed's gold.json format.
type Gold struct {
	// Path is the report's file name (relative to the folder it is written to).
	Path string `json:"path"`
	// Department is the unit name as written in full, e.g. 隆回县科学技术协会.
	Department string `json:"department"`
	// Region is the county/city prefix, e.g. 隆回县.
	Region string `json:"region"`
	// Year is the fiscal year named in the title.
	Year int `json:"year"`
	// Status is the expected reports.status: ok, partial or failed.
	Status string `json:"status"`
	// Figures is the distinct set of figures stated in the report, in order of first appearance.
	Figures []GoldFigure `json:"figures"`
	// Anomalies are the inconsistencies deliberately put into the report (or the batch).
	Anomalies []GoldAnomaly `json:"anomalies"`
	// Indicators, BudgetRows, TotalScore and Grade are a self-evaluation table's rows and
	// totals as written (SelfEvalTables), in realdev's gold format; empty for other reports.
	Indicators []GoldIndicator `json:"indicators,omitempty"`
	BudgetRows []GoldBudgetRow `json:"budget_rows,omitempty"`
	TotalScore string          `json:"total_score,omitempty"`
	Grade      string          `json:"grade,omitempty"`
}

// GoldFigure is one expected figure. Value is a decimal string: yuan with two decimals
// for money, plain numbers for counts, percent and points.
type GoldFigure struct {
	Metric string `json:"metric"`
	Basis  string `json:"basis"`
	Item   string `json:"item"`
	Value  string `json:"value"`
}

// GoldAnomaly is one expected finding: a rule ID of SPEC, its severity and a note saying
// what was injected.
type GoldAnomaly struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Note     string `json:"note"`
}

// MarshalGold renders g exactly as the seed gold files are written (one-space indent).
func MarshalGold(g Gold) ([]byte, error) {
	if g.Figures == nil {
		g.Figures = []GoldFigure{}
	}
	if g.Anomalies == nil {
		g.Anomalies = []GoldAnomaly{}
	}
	b, err := json.MarshalIndent(g, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// figSet collects the figures a composer writes, keeping the distinct set in order.
type figSet struct {
	seen map[GoldFigure]bool
	list []GoldFigure
}

func newFigSet() *figSet { return &figSet{seen: map[GoldFigure]bool{}} }

// mark and rollback forget the figures recorded for text that was built and then not used.
func (s *figSet) mark() int { return len(s.list) }

func (s *figSet) rollback(m int) {
	for _, f := range s.list[m:] {
		delete(s.seen, f)
	}
	s.list = s.list[:m]
}

func (s *figSet) add(f GoldFigure) {
	if s.seen[f] {
		return
	}
	s.seen[f] = true
	s.list = append(s.list, f)
}

// moneyValue renders fen as the gold's yuan string with two decimals.
func moneyValue(v money) string { return decimal.New(int64(v), -2).StringFixed(2) }

// plainValue renders a count, percent or score as the gold's plain decimal string.
func plainValue(s string) string {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return s
	}
	return d.String()
}
