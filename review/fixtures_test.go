package review

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The workbooks of testdata/readback are anomalies.xlsx (base.xlsx, the reviewed sample as
// jixiao writes it) after one analyst's session, saved by LibreOffice, Excel and WPS. See
// testdata/readback/README.md for how each was made; -write-fixtures writes base.xlsx and
// the Excel and WPS files again.
var writeFixtures = flag.Bool("write-fixtures", false, "rewrite testdata/readback/base.xlsx, excel.xlsx and wps.xlsx")

// The analyst's session, the same in every tool:
//   - finding 2: 误报, a comment on two lines, reviewer 李, date 2025-03-05 entered as a date;
//   - finding 4: 已整改, comment 已于3月整改, reviewer 王, date typed as text 2025/3/6;
//   - finding 0: its state (属实) deleted, its comment kept;
//   - finding 5: state typed 属是 (no state), comment 待补充材料;
//   - the row of finding 7 deleted;
//   - the rows sorted by 部门, descending; the 处理状态 column moved after 核实编号.
const sessionComment2 = "口径不同，\n不是问题"

// sessionWant are the dispositions the session leaves, read back over the previous run's
// reviews (reviewedInput's): finding 7's row was deleted, so it keeps its disposition.
func sessionWant(in Input) map[int]Disposition {
	return map[int]Disposition{
		0: {Comment: "已电话核实", Reviewer: "王", Date: "2025-03-02"},
		1: in.Reviews[1].Disposition,
		2: {Status: StateFalseAlarm, Comment: sessionComment2, Reviewer: "李", Date: "2025-03-05"},
		4: {Status: StateCorrected, Comment: "已于3月整改", Reviewer: "王", Date: "2025-03-06"},
		5: {Comment: "待补充材料"},
		7: {Status: StatePending, Comment: "先放一放"},
	}
}

// sessionInput is the reviewed sample as the base workbook holds it: finding 7 with a
// disposition, so that deleting its row shows it is kept.
func sessionInput() Input {
	in := reviewedInput()
	in.Reviews[7].Disposition = Disposition{Status: StatePending, Comment: "先放一放"}
	return in
}

func TestReadbackFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "readback")
	in := sessionInput()
	if *writeFixtures {
		if err := WriteXLSX(filepath.Join(dir, "base.xlsx"), in); err != nil {
			t.Fatal(err)
		}
		writeToolFixtures(t, dir)
	}
	keys := make([]string, len(in.Findings))
	ids := make([]string, len(in.Findings))
	for i, f := range in.Findings {
		keys[i], ids[i] = in.Reviews[i].Key, f.AnomalyID
	}
	for _, name := range []string{"libreoffice.xlsx", "excel.xlsx", "wps.xlsx"} {
		t.Run(strings.TrimSuffix(name, ".xlsx"), func(t *testing.T) {
			path := filepath.Join(dir, name)
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("%v (see testdata/readback/README.md)", err)
			}
			src := ReadSource(path)
			l := NewLedger("2025-03-09", keys, ids)
			for i, rv := range in.Reviews {
				l.AddPrevious(Record{Key: rv.Key, Disposition: rv.Disposition, FirstSeen: "2025-03-01", Details: Details{AnomalyID: ids[i]}})
			}
			for _, c := range in.Cleared {
				l.AddPrevious(c)
			}
			l.AddSource(src)
			want := sessionWant(in)
			for i := range in.Findings {
				if got := l.Review(i).Disposition; got != want[i] {
					t.Errorf("finding %d: %+v, want %+v", i, got, want[i])
				}
			}
			if c := l.Cleared(); len(c) != 1 || c[0].Status != StateReturned {
				t.Errorf("cleared %+v, want the cleared finding with its state", c)
			}
			probs := l.Problems()
			if len(probs) != 1 || probs[0].Key != keys[5] || !strings.Contains(probs[0].Reason, "“属是”") {
				t.Errorf("problems %+v, want the misspelt state of finding 5", probs)
			}
		})
	}
}
