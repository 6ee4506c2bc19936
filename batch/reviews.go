package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/review"
	"github.com/jixiao/jixiao/tables"
)

// Reviews says where a run's views take the analysts' dispositions from: the reviews
// table and the workbook already in the output folder (written by the previous run, the
// workbook maybe edited since), then Files.
type Reviews struct {
	// Files are review files read after the workbook in the output folder, in order, each
	// overriding what came before it for the findings it names (--review): workbooks as
	// Excel, WPS or LibreOffice save them, or the page's CSV export.
	Files []string
	// Date is the run's date, YYYY-MM-DD, for the reviews table's first_seen and
	// last_seen; empty means today.
	Date string
}

// date is the run's date.
func (rv Reviews) date() string {
	if rv.Date != "" {
		return rv.Date
	}
	return time.Now().Format(time.DateOnly)
}

// setReviewKeys sets the review key of every finding (rows[i] is findings[i]) from what a
// resubmitted report keeps: its department, year, the rule, metrics and item, and the other
// reports' departments and years (review.Key); keys shared in one run are made distinct.
func setReviewKeys(rows []tables.AnomalyRow, findings []analyze.Finding, reports []Report) {
	ids := make(map[string]*Report, len(reports))
	for i := range reports {
		if r := &reports[i]; r.ID != "" && r.Result != nil {
			if _, dup := ids[r.ID]; !dup {
				ids[r.ID] = r
			}
		}
	}
	keys := make([]string, len(rows))
	var keyer review.Keyer
	for i := range rows {
		f := &findings[i]
		s := review.Subject{Rule: f.Rule, Path: f.Path, Metrics: f.Metrics, Item: f.Item}
		if r := ids[f.ReportID]; r != nil {
			s.Department, s.Year = r.Result.Identity.Department, r.Result.Identity.Year
		}
		for _, id := range f.Related {
			if r := ids[id]; r != nil {
				s.Others = append(s.Others, review.Party{Department: r.Result.Identity.Department, Year: r.Result.Identity.Year})
			} else {
				s.Others = append(s.Others, review.Party{Department: "report:" + id})
			}
		}
		keys[i] = keyer.Key(s)
	}
	review.Disambiguate(keys)
	for i := range rows {
		rows[i].ReviewKey = keys[i]
	}
}

// reviewed is what the review input gave a run: the ledger over its findings, and the
// reports' identities by id for the reviews table.
type reviewed struct {
	ledger *review.Ledger
	ids    map[string]*Report
}

// loadReviews reads the dispositions of the previous run (out's reviews table and
// workbook) and of rv.Files for the findings of a. Nothing here fails a run: what cannot
// be read or matched is a Problem of the ledger, logged and shown in the views.
func loadReviews(out string, rv Reviews, reports []Report, a *Analysis, logger *slog.Logger) *reviewed {
	keys := make([]string, len(a.Anomalies))
	ids := make([]string, len(a.Anomalies))
	for i := range a.Anomalies {
		keys[i], ids[i] = a.Anomalies[i].ReviewKey, a.Anomalies[i].AnomalyID
	}
	start := time.Now()
	l := review.NewLedger(rv.date(), keys, ids)
	prevOK := readPrevious(l, filepath.Join(out, tables.ReviewsFile))
	book := filepath.Join(out, XLSXFile)
	if _, err := os.Stat(book); err == nil {
		// A workbook as the previous run wrote it says what its reviews table says: it is
		// read only when an analyst saved it since (reading 50,000 rows takes seconds).
		if prevOK && unchanged(book, filepath.Join(out, bookSumFile)) {
			logger.Debug("reviews: " + XLSXFile + " unchanged since written, its dispositions are those of " + tables.ReviewsFile)
		} else {
			l.AddSource(review.ReadSource(book))
		}
	}
	for _, f := range rv.Files {
		l.AddSource(review.ReadSource(f))
	}
	st := l.Stats()
	logger.Info("reviews", "carried", st.Carried, "new", st.New, "cleared", st.Cleared, "problems", st.Problems)
	logger.Debug("reviews read", "took", time.Since(start).Round(time.Millisecond))
	for i, p := range l.Problems() {
		if i == maxLoggedProblems {
			logger.Warn("more review input not used as it was; see "+review.SheetProblems+" in "+XLSXFile, "more", len(l.Problems())-i)
			break
		}
		logger.Warn("review input not used as it was", "source", p.Source, "where", p.Where, "key", p.Key, "reason", p.Reason)
	}
	byID := make(map[string]*Report, len(reports))
	for i := range reports {
		if r := &reports[i]; r.ID != "" {
			if _, dup := byID[r.ID]; !dup {
				byID[r.ID] = r
			}
		}
	}
	return &reviewed{ledger: l, ids: byID}
}

// maxLoggedProblems is how many review problems are logged one by one.
const maxLoggedProblems = 20

// readPrevious adds the rows of the previous run's reviews table to l and reports whether
// it read them all; a table that cannot be read is a Problem (the workbook beside it still
// gives the dispositions).
func readPrevious(l *review.Ledger, path string) bool {
	err := tables.Scan(path, func(rows []tables.ReviewRow) error {
		for i := range rows {
			l.AddPrevious(recordOf(&rows[i]))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.Note(review.Problem{Source: path, Reason: fmt.Sprintf("上次的核实记录无法读取（%v），只沿用 %s 中的核实意见", err, XLSXFile)})
	}
	return err == nil
}

// bookSumFile is the SHA-256 of the workbook as a run wrote it (sha256sum's format), beside
// it in the output folder; it is written only for a workbook that lists no review input
// left unused (SheetProblems, which the next run must read back).
const bookSumFile = "." + XLSXFile + ".sha256"

// fileSum is the hex SHA-256 of a file's bytes.
func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// unchanged reports whether the workbook at book has the sum recorded in sumFile.
func unchanged(book, sumFile string) bool {
	b, err := os.ReadFile(sumFile)
	if err != nil {
		return false
	}
	want, _, _ := strings.Cut(string(b), " ")
	got, err := fileSum(book)
	return err == nil && want == got
}

// writeBookSum records the sum of the workbook in dir (see bookSumFile), or removes a
// stale one when the workbook lists problems.
func writeBookSum(dir string, problems int) error {
	path := filepath.Join(dir, bookSumFile)
	if problems > 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	sum, err := fileSum(filepath.Join(dir, XLSXFile))
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(sum+"  "+XLSXFile+"\n"), 0o644)
}

func recordOf(r *tables.ReviewRow) review.Record {
	return review.Record{Key: r.ReviewKey,
		Disposition: review.Disposition{Status: r.Status, Comment: r.Comment, Reviewer: r.Reviewer, Date: r.Date},
		FirstSeen:   r.FirstSeen, LastSeen: r.LastSeen, Cleared: r.Cleared,
		Details: review.Details{AnomalyID: r.AnomalyID, Rule: r.Rule, Severity: r.Severity, Department: r.Department,
			Year: int(r.Year), Path: r.Path, Message: r.Message}}
}

// rows calls fn with the rows of the reviews table, a batch at a time: one per finding of
// a, then one per cleared finding.
func (rv *reviewed) rows(a *Analysis, fn func([]tables.ReviewRow) error) error {
	const batch = 4096
	out := make([]tables.ReviewRow, 0, batch)
	flush := func() error {
		err := fn(out)
		out = out[:0]
		return err
	}
	today := rv.ledger.Today()
	for i := range a.Anomalies {
		f := &a.Anomalies[i]
		r := rv.ledger.Review(i)
		row := tables.ReviewRow{ReviewKey: r.Key, Status: r.Status, Comment: r.Comment, Reviewer: r.Reviewer, Date: r.Date,
			FirstSeen: r.FirstSeen, LastSeen: today, AnomalyID: f.AnomalyID, Rule: f.Rule, Severity: f.Severity,
			Path: f.Path, Message: f.Message}
		if rep := rv.ids[f.ReportID]; rep != nil && rep.Result != nil {
			row.Department, row.Year = rep.Result.Identity.Department, int32(rep.Result.Identity.Year)
		}
		if out = append(out, row); len(out) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	for _, c := range rv.ledger.Cleared() {
		out = append(out, tables.ReviewRow{ReviewKey: c.Key, Status: c.Status, Comment: c.Comment, Reviewer: c.Reviewer,
			Date: c.Date, FirstSeen: c.FirstSeen, LastSeen: c.LastSeen, Cleared: true, AnomalyID: c.AnomalyID, Rule: c.Rule,
			Severity: c.Severity, Department: c.Department, Year: int32(c.Year), Path: c.Path, Message: c.Message})
		if len(out) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// startReviews begins writing the reviews table of a run (renamed into place with the
// others) on a goroutine of its own; wait returns when it is written, with its error. The
// table set must not be finished or aborted before wait has returned.
func (ts *tableSet) startReviews(rv *reviewed, a *Analysis) (wait func() error, err error) {
	w, err := tables.Create[tables.ReviewRow](ts.out)
	if err != nil {
		return nil, err
	}
	ts.open = append(ts.open, w)
	done := make(chan error, 1)
	go func() { done <- rv.rows(a, func(rows []tables.ReviewRow) error { return w.Write(rows...) }) }()
	return func() error { return <-done }, nil
}

// writeReviews writes the reviews table into out, atomically (jixiao analyze).
func writeReviews(out string, rv *reviewed, a *Analysis) error {
	w, err := tables.Create[tables.ReviewRow](out)
	if err != nil {
		return err
	}
	if err := rv.rows(a, func(rows []tables.ReviewRow) error { return w.Write(rows...) }); err != nil {
		return errors.Join(err, w.Abort())
	}
	return w.Close()
}

// addToViews puts the reviews of the findings the views show (in.Findings, the first of
// a's), the cleared findings (at most max) and the problems into in.
func (rv *reviewed) addToViews(in *review.Input, max int) {
	if rv == nil {
		return
	}
	l := rv.ledger
	in.Reviews = make([]review.Review, len(in.Findings))
	for i := range in.Reviews {
		in.Reviews[i] = l.Review(i)
	}
	in.Compared = l.Compared()
	in.Cleared = l.Cleared()
	if len(in.Cleared) > max {
		in.OmittedCleared = len(in.Cleared) - max
		in.Cleared = in.Cleared[:max]
	}
	in.Problems = l.Problems()
	in.ReviewStats = l.Stats()
}
