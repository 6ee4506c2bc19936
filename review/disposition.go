package review

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jixiao/jixiao/unitname"
)

// The states an analyst gives a finding (处理状态), in the order the drop-down lists them.
const (
	StateConfirmed  = "属实"    // the finding is right
	StateFalseAlarm = "误报"    // the finding is wrong
	StateReturned   = "已退回修改" // sent back to the department to correct
	StateCorrected  = "已整改"   // the department has corrected it
	StatePending    = "待核实"   // to be looked into
	stateNone       = ""      // not reviewed yet
	stateNoneLabel  = "未处理"   // how the views name the empty state
	statesList      = "属实、误报、已退回修改、已整改、待核实"
)

// States are the values of 处理状态, as the workbook's drop-down and the page list them.
var States = []string{StateConfirmed, StateFalseAlarm, StateReturned, StateCorrected, StatePending}

// stateForms maps the forms a state word may come back in — traditional characters, a
// workbook of another tool — to the state.
var stateForms = map[string]string{"屬實": StateConfirmed, "誤報": StateFalseAlarm, "待核實": StatePending}

// Disposition is what an analyst decided about a finding: its state, a comment, who and
// when. The zero Disposition is a finding not yet reviewed.
type Disposition struct {
	Status   string // one of States, or ""
	Comment  string
	Reviewer string
	Date     string // YYYY-MM-DD when it was given as a date, else as written
}

// IsZero reports whether d says nothing.
func (d Disposition) IsZero() bool { return d == Disposition{} }

// ParseState reads a state word as an analyst typed or picked it: spaces (also full-width)
// dropped, traditional characters accepted. ok is false for a word that is no state;
// "" is the empty state.
func ParseState(s string) (state string, ok bool) {
	s = unitname.Clean(s)
	if s == "" {
		return stateNone, true
	}
	for _, st := range States {
		if s == st {
			return st, true
		}
	}
	if st, found := stateForms[s]; found {
		return st, true
	}
	return "", false
}

// badState is the reason given for a state word that is no state.
func badState(word, kept string) string {
	keep := "本次按未处理"
	if kept != "" {
		keep = "保留原处理状态“" + kept + "”"
	}
	return fmt.Sprintf("处理状态“%s”不是可选值（%s），%s；核实意见等其他内容已采用", word, statesList, keep)
}

// textDate matches a date as analysts type it: 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日.
var textDate = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// normDate writes a date typed as text as YYYY-MM-DD; anything else is kept as written.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	m := textDate.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return s // 2025-02-30: not a date
	}
	return t.Format(time.DateOnly)
}

// serialDate converts an Excel date serial number (days since 1899-12-30, or since
// 1904-01-01 in a workbook of the 1904 system) to YYYY-MM-DD; ok is false for a number that
// is no plausible date (before 1990 or after 2200).
func serialDate(v float64, date1904 bool) (string, bool) {
	if math.IsNaN(v) || v < 1 {
		return "", false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	t := base.AddDate(0, 0, int(math.Floor(v)))
	if t.Year() < 1990 || t.Year() > 2200 {
		return "", false
	}
	return t.Format(time.DateOnly), true
}
