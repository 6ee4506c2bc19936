package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jixiao/jixiao/analyze"
	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/tables"
)

// AnalysisDir is the folder of out that holds the analysis shards' partial results:
// out/analysis/shard=K-of-N/ with findings.parquet, checks.parquet and manifest.json.
const AnalysisDir = "analysis"

// ManifestFile is the file an analysis shard writes last into its folder: a shard's folder
// without it is not a finished shard.
const ManifestFile = "manifest.json"

// ErrShards marks partial results that cannot be merged: a shard missing or unfinished,
// shards of different N, shards of another dataset or --reference, a report's check given
// by no shard or by two.
var ErrShards = errors.New("analysis shards cannot be merged")

// ShardManifest is what an analysis shard records of its run (manifest.json), and what the
// merge verifies before it joins the shards.
type ShardManifest struct {
	Shard int `json:"shard"`
	Of    int `json:"of"`
	// Dataset fingerprints the reports of the dataset the shard read (DatasetFingerprint).
	Dataset string `json:"dataset"`
	// Reference fingerprints the --reference rows the shard checked against; empty without.
	Reference string `json:"reference"`
	// Owned is the number of reports whose findings and checks the shard gives; Read the
	// number it read (those and the ones their rules look at).
	Owned    int `json:"owned"`
	Read     int `json:"read"`
	Findings int `json:"findings"`
	Checks   int `json:"checks"`
}

// shardDir is shard's folder of partial results in out.
func shardDir(out string, s Shard) string {
	return filepath.Join(out, AnalysisDir, fmt.Sprintf("shard=%d-of-%d", s.K, s.N))
}

// AnalyzeShard runs, over the dataset in out, the rules of analysis shard s
// (analyze.ShardRule) on the reports whose region hashes to s.K (analyze.Plan), and writes
// their findings and checks into out/analysis/shard=K-of-N/: `jixiao analyze OUT --shard K/N`.
// Run MergeShards once every shard is done.
func AnalyzeShard(ctx context.Context, out string, cfg analyze.Config, s Shard) (*ShardManifest, error) {
	if !s.Sharded() {
		return nil, configErrorf(nil, "analysis shard: no --shard K/N given")
	}
	tf, err := datasetFiles(out)
	if err != nil {
		return nil, err
	}
	ids, err := loadIdentities(tf)
	if err != nil {
		return nil, err
	}
	plan := analyze.NewPlan(ids, s.N)
	need := plan.Needs(s.K, ids)
	keep, owned := map[string]bool{}, map[string]bool{}
	for i := range ids {
		k := resultKey(ids[i].ReportID, ids[i].Path)
		keep[k] = keep[k] || need[i]
		owned[k] = owned[k] || plan.Owner(i) == s.K
	}
	reports, err := loadWhere(out, keep)
	if err != nil {
		return nil, err
	}
	cfg.Rules = analyze.ShardRule
	findings, checks, err := analyzeReports(ctx, out, reports, cfg)
	if err != nil {
		return nil, err
	}
	findings = slices.DeleteFunc(findings, func(f analyze.Finding) bool { return !owned[resultKey(f.ReportID, f.Path)] })
	checks.Keep(func(c analyze.Check) bool { return owned[resultKey(c.ReportID, c.Path)] })
	m := &ShardManifest{Shard: s.K, Of: s.N, Dataset: datasetFingerprint(ids), Reference: referenceFingerprint(cfg.Reference),
		Read: len(reports), Findings: len(findings), Checks: checks.Len()}
	for _, o := range owned {
		if o {
			m.Owned++
		}
	}
	return m, writeShard(ctx, out, s, m, findings, checks)
}

// loadIdentities reads what analyze.Plan needs of every report of the dataset: its identity
// and its transfer claims, in the reports' file order.
func loadIdentities(tf tableFiles) ([]analyze.Report, error) {
	rows, err := readAll[tables.ReportRow](tf.reports)
	if err != nil {
		return nil, err
	}
	ids := make([]analyze.Report, len(rows))
	index := make(map[string]*analyze.Report, len(rows))
	for i, r := range rows {
		ids[i] = analyze.Report{ReportID: r.ReportID, Path: r.Path, Status: r.Status,
			Identity: extract.Identity{Department: r.Department, Region: r.Region, Year: int(r.Year)}}
		index[resultKey(r.ReportID, r.Path)] = &ids[i]
	}
	err = scanAll(tf.claims, func(cs []tables.ClaimRow) error {
		for _, c := range cs {
			if r := index[resultKey(c.ReportID, c.Path)]; r != nil && c.Kind == string(extract.ClaimTransfer) {
				r.Claims = append(r.Claims, extract.Claim{Kind: extract.ClaimTransfer, Target: c.Target})
			}
		}
		return nil
	})
	return ids, err
}

// analyzeReports prepares the loaded reports as Reanalyze does (their bulk in a temporary
// file of out) and returns the findings and checks of cfg's rules.
func analyzeReports(ctx context.Context, out string, reports []Report, cfg analyze.Config) ([]analyze.Finding, *analyze.Checks, error) {
	spill, err := analyze.NewSpill(out)
	if err != nil {
		return nil, nil, err
	}
	defer spill.Close()
	cfg.Spill = spill
	ps := make([]*analyze.Prepared, len(reports))
	parallelDo(len(reports), func(i int) {
		ps[i] = analyze.Prepare(analysisInput(&reports[i]), cfg)
		reports[i].Result = nil // what the rules across reports need is in ps[i]
	})
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("analysis interrupted: %w", err)
	}
	return analyze.Finish(ps, cfg)
}

// datasetFingerprint is a hash of the reports' ids and paths, in sorted order: shards and
// their merge must have read the same dataset.
func datasetFingerprint(ids []analyze.Report) string {
	keys := make([]string, len(ids))
	for i := range ids {
		keys[i] = resultKey(ids[i].ReportID, ids[i].Path) + "\x00" + ids[i].Status
	}
	slices.Sort(keys)
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// referenceFingerprint is a hash of the --reference rows; "" when none was given.
func referenceFingerprint(rows []analyze.ReferenceRow) string {
	if rows == nil {
		return ""
	}
	h := sha256.New()
	for _, r := range rows {
		fmt.Fprintf(h, "%s\x00%d\x00%s\x00%s\x00%s\x00%d\n", r.Department, r.Year, r.Metric, r.Basis, r.Value, r.Line)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// writeShard writes a shard's partial results into a new folder beside its final one and
// then puts it in place: a shard run twice replaces its results, and a shard interrupted
// leaves none.
func writeShard(ctx context.Context, out string, s Shard, m *ShardManifest, findings []analyze.Finding, checks *analyze.Checks) error {
	final := shardDir(out, s)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return fmt.Errorf("write analysis shard: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(final), ".shard-*")
	if err != nil {
		return fmt.Errorf("write analysis shard: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := writeShardTables(ctx, tmp, findings, checks); err != nil {
		return err
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err == nil {
		err = os.WriteFile(filepath.Join(tmp, ManifestFile), append(b, '\n'), 0o644)
	}
	if err == nil {
		err = os.RemoveAll(final)
	}
	if err == nil {
		err = os.Rename(tmp, final)
	}
	if err != nil {
		return fmt.Errorf("write analysis shard %s: %w", s, err)
	}
	return nil
}

// writeShardTables writes the partial findings and checks tables into dir.
func writeShardTables(ctx context.Context, dir string, findings []analyze.Finding, checks *analyze.Checks) error {
	if err := interrupted(ctx); err != nil {
		return err
	}
	rows := make([]tables.PartialFindingRow, len(findings))
	for i := range findings {
		f := &findings[i]
		rows[i] = tables.PartialFindingRow{AnomalyID: f.AnomalyID, Rule: f.Rule, Severity: f.Severity, ReportID: f.ReportID,
			Path: f.Path, Related: f.Related, Metrics: f.Metrics, Expected: f.Expected, Actual: f.Actual, Message: f.Message,
			Evidence: f.Evidence, Item: f.Item, Department: f.Order()}
	}
	if err := tables.WriteFile(dir, rows); err != nil {
		return err
	}
	cw, err := tables.Create[tables.CheckRow](dir)
	if err != nil {
		return err
	}
	if err := writeChecks(cw, checks); err != nil {
		return errors.Join(err, cw.Abort())
	}
	return cw.Close()
}

// shardNames lists the folders of out/analysis named shard=K-of-N, as K and N.
func shardNames(out string) ([]Shard, error) {
	entries, err := os.ReadDir(filepath.Join(out, AnalysisDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: no %s folder: run \"jixiao analyze OUT --shard K/N\" for every K first: %w", out, AnalysisDir, ErrShards)
	}
	if err != nil {
		return nil, fmt.Errorf("list analysis shards: %w", err)
	}
	var shards []Shard
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, "shard=") {
			continue
		}
		var s Shard
		if _, err := fmt.Sscanf(name, "shard=%d-of-%d", &s.K, &s.N); err != nil || fmt.Sprintf("shard=%d-of-%d", s.K, s.N) != name {
			return nil, fmt.Errorf("%s: folder %s is not shard=K-of-N: %w", filepath.Join(out, AnalysisDir), name, ErrShards)
		}
		shards = append(shards, s)
	}
	return shards, nil
}

// MergeShards joins the partial results of every analysis shard in out with the rules they
// leave to the merge (analyze.MergeRule, run here over the whole dataset) and writes the
// anomalies and checks tables, as Reanalyze over the whole dataset writes them, byte for
// byte: `jixiao analyze OUT --merge`. It returns the analysis and the reports, as the views
// need them. Partial results that do not make one whole (ErrShards) are an error.
func MergeShards(ctx context.Context, out string, cfg analyze.Config) (*Analysis, []Report, error) {
	manifests, err := readManifests(out)
	if err != nil {
		return nil, nil, err
	}
	reports, err := Load(out)
	if err != nil {
		return nil, nil, err
	}
	if err := verifyManifests(manifests, reports); err != nil {
		return nil, nil, err
	}
	cfg.Rules = analyze.MergeRule
	findings, checks, err := mergeRules(ctx, out, reports, cfg)
	if err != nil {
		return nil, nil, err
	}
	pf, pc, err := readPartials(out, manifests, reports)
	if err != nil {
		return nil, nil, err
	}
	findings = append(findings, pf...)
	for _, c := range pc {
		checks.Add(c)
	}
	analyze.SortFindings(findings)
	checks.Sort()
	a := analysisRows(findings, checks)
	setReviewKeys(a.Anomalies, findings, reports)
	if err := WriteAnalysis(ctx, out, a); err != nil {
		return nil, nil, err
	}
	return a, reports, nil
}

// mergeRules runs cfg's rules over the whole dataset as Reanalyze does, and leaves in reports
// what a run retains of them for the views.
func mergeRules(ctx context.Context, out string, reports []Report, cfg analyze.Config) ([]analyze.Finding, *analyze.Checks, error) {
	spill, err := analyze.NewSpill(out)
	if err != nil {
		return nil, nil, err
	}
	defer spill.Close()
	cfg.Spill = spill
	prepareRetained(reports, cfg)
	ps := make([]*analyze.Prepared, len(reports))
	for i := range reports {
		ps[i] = reports[i].prepared
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("analysis interrupted: %w", err)
	}
	return analyze.Finish(ps, cfg)
}

// readManifests lists out's analysis shards and reads their manifests: N shards of one N,
// every K from 0 to N-1, each finished.
func readManifests(out string) ([]ShardManifest, error) {
	shards, err := shardNames(out)
	if err != nil {
		return nil, err
	}
	if len(shards) == 0 {
		return nil, fmt.Errorf("%s: no shard=K-of-N folder: run \"jixiao analyze OUT --shard K/N\" for every K first: %w", filepath.Join(out, AnalysisDir), ErrShards)
	}
	n := shards[0].N
	have := map[int]bool{}
	for _, s := range shards {
		if s.N != n {
			return nil, fmt.Errorf("%s holds shards of %d and of %d (shard=%d-of-%d): remove those of an earlier run: %w",
				filepath.Join(out, AnalysisDir), n, s.N, s.K, s.N, ErrShards)
		}
		if s.K < 0 || s.K >= n {
			return nil, fmt.Errorf("shard=%d-of-%d: K must be below N: %w", s.K, s.N, ErrShards)
		}
		have[s.K] = true
	}
	manifests := make([]ShardManifest, n)
	for k := range n {
		s := Shard{K: k, N: n}
		if !have[k] {
			return nil, fmt.Errorf("analysis shard %s is missing: run \"jixiao analyze OUT --shard %s\": %w", s, s, ErrShards)
		}
		b, err := os.ReadFile(filepath.Join(shardDir(out, s), ManifestFile))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("analysis shard %s has not finished (no %s): run it again: %w", s, ManifestFile, ErrShards)
		}
		if err != nil {
			return nil, fmt.Errorf("read analysis shard %s: %w", s, err)
		}
		m := &manifests[k]
		if err := json.Unmarshal(b, m); err != nil || m.Shard != k || m.Of != n {
			return nil, fmt.Errorf("analysis shard %s: %s is not this shard's: %w", s, ManifestFile, ErrShards)
		}
	}
	return manifests, nil
}

// verifyManifests checks that the shards read the dataset of reports, with one --reference,
// and own every report between them.
func verifyManifests(ms []ShardManifest, reports []Report) error {
	ids := make([]analyze.Report, len(reports))
	for i := range reports {
		ids[i] = analyze.Report{ReportID: reports[i].ID, Path: reports[i].Path, Status: string(reports[i].Status)}
	}
	fp, owned := datasetFingerprint(ids), 0
	for _, m := range ms {
		s := Shard{K: m.Shard, N: m.Of}
		if m.Dataset != fp {
			return fmt.Errorf("analysis shard %s read other tables than those now in the folder (they changed since): run it again: %w", s, ErrShards)
		}
		if m.Reference != ms[0].Reference {
			return fmt.Errorf("analysis shards 0/%d and %s were run with different --reference files: %w", m.Of, s, ErrShards)
		}
		owned += m.Owned
	}
	if owned != len(reports) {
		return fmt.Errorf("the analysis shards own %d reports between them, the dataset has %d: %w", owned, len(reports), ErrShards)
	}
	return nil
}

// readPartials reads every shard's findings and checks, and checks that the shards give
// each report of reports exactly one check of every rule they run.
func readPartials(out string, ms []ShardManifest, reports []Report) ([]analyze.Finding, []analyze.Check, error) {
	var findings []analyze.Finding
	var checks []analyze.Check
	for _, m := range ms {
		dir := shardDir(out, Shard{K: m.Shard, N: m.Of})
		frows, err := tables.Read[tables.PartialFindingRow](filepath.Join(dir, tables.PartialFindingsFile))
		if err != nil {
			return nil, nil, err
		}
		crows, err := tables.Read[tables.CheckRow](filepath.Join(dir, tables.ChecksFile))
		if err != nil {
			return nil, nil, err
		}
		for _, r := range frows {
			f := analyze.Finding{AnomalyID: r.AnomalyID, Rule: r.Rule, Severity: r.Severity, ReportID: r.ReportID, Path: r.Path,
				Related: r.Related, Metrics: r.Metrics, Expected: r.Expected, Actual: r.Actual, Message: r.Message,
				Evidence: r.Evidence, Item: r.Item}
			f.SetOrder(r.Department)
			findings = append(findings, f)
		}
		for _, c := range crows {
			checks = append(checks, analyze.Check{ReportID: c.ReportID, Path: c.Path, Rule: c.Rule, Outcome: c.Outcome, Detail: c.Detail})
		}
	}
	return findings, checks, coverage(checks, reports)
}

// coverage checks that checks hold, for every report, one check of every rule the shards
// run, and nothing else.
func coverage(checks []analyze.Check, reports []Report) error {
	rules := 0
	for _, r := range analyze.Rules() {
		if analyze.ShardRule(r.ID) {
			rules++
		}
	}
	per := make(map[string]int, len(reports))
	for i := range reports {
		per[resultKey(reports[i].ID, reports[i].Path)] = 0
	}
	seen := make(map[string]bool, len(checks))
	for _, c := range checks {
		k := resultKey(c.ReportID, c.Path)
		n, ok := per[k]
		switch {
		case !ok:
			return fmt.Errorf("an analysis shard checked %s (%s), which is not in the dataset: %w", c.Path, c.ReportID, ErrShards)
		case !analyze.ShardRule(c.Rule):
			return fmt.Errorf("an analysis shard gave a check of %s, which the merge runs: %w", c.Rule, ErrShards)
		case seen[k+"\x00"+c.Rule]:
			return fmt.Errorf("two analysis shards checked %s with %s: %w", c.Path, c.Rule, ErrShards)
		}
		seen[k+"\x00"+c.Rule] = true
		per[k] = n + 1
	}
	for i := range reports {
		if n := per[resultKey(reports[i].ID, reports[i].Path)]; n != rules {
			return fmt.Errorf("the analysis shards gave %s %d of %d checks: %w", reports[i].Path, n, rules, ErrShards)
		}
	}
	return nil
}
