// Command findings counts the anomalies of a run by rule and severity and, given the gold
// folder of a generated batch, how many of the injected ones were found and how many
// errors and warnings were not injected:
//
//	go run ./bench/findings -out /tmp/o10k -gold /tmp/c10k-gold
//
// A text.duplicate is one finding per cluster of near-identical sections, held by one of its
// members: an injected copy counts as found when the copy holds it or is among its related
// reports.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/tables"
)

func main() {
	out := flag.String("out", "", "output folder of a jixiao run")
	gold := flag.String("gold", "", "folder of the batch's .gold.json files (optional)")
	show := flag.String("show", "", "also print the first 20 messages of this rule")
	flag.Parse()
	if err := run(*out, *gold, *show); err != nil {
		slog.Error("findings", "err", err)
		os.Exit(1)
	}
}

// finding is what the counts need of one anomaly row.
type finding struct {
	rule, severity, path string
	related              []string
}

func run(out, gold, show string) error {
	ids := map[string]string{} // report_id → path
	err := tables.Scan(filepath.Join(out, "reports.parquet"), func(rows []tables.ReportRow) error {
		for _, r := range rows {
			ids[r.ReportID] = r.Path
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	var fs []finding
	counts := map[string]int{}
	err = tables.Scan(filepath.Join(out, "anomalies.parquet"), func(rows []tables.AnomalyRow) error {
		for _, a := range rows {
			f := finding{rule: a.Rule, severity: a.Severity, path: a.Path}
			for _, id := range a.Related {
				f.related = append(f.related, ids[id])
			}
			fs = append(fs, f)
			counts[a.Rule+" "+a.Severity]++
			if a.Rule == show && counts[a.Rule+" "+a.Severity] <= 20 {
				fmt.Printf("%s %v: %s\n%s\n\n", a.Path, f.related, a.Message, a.Evidence)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("anomalies: %w", err)
	}
	fmt.Printf("reports %d, findings %d\n", len(ids), len(fs))
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Printf("  %-28s %d\n", k, counts[k])
	}
	if gold == "" {
		return nil
	}
	return compare(fs, gold)
}

// compare prints how many injected anomalies were found and the errors and warnings that
// were not injected, by rule.
func compare(fs []finding, gold string) error {
	want, err := readGold(gold)
	if err != nil {
		return err
	}
	found := map[string]bool{} // path + " " + rule
	for _, f := range fs {
		found[f.path+" "+f.rule] = true
		if f.rule == "text.duplicate" {
			for _, p := range f.related {
				found[p+" "+f.rule] = true
			}
		}
	}
	hit, missed := map[string]int{}, map[string]int{}
	for k := range want {
		rule := k[strings.LastIndexByte(k, ' ')+1:]
		if found[k] {
			hit[rule]++
		} else {
			missed[rule]++
		}
	}
	extra := map[string]int{}
	for _, f := range fs {
		if f.severity != "info" && !want[f.path+" "+f.rule] {
			extra[f.rule+" "+f.severity]++
		}
	}
	fmt.Printf("injected %d: found %d\n", len(want), sum(hit))
	for _, rule := range sortedKeys(hit, missed) {
		fmt.Printf("  %-28s found %d, missed %d\n", rule, hit[rule], missed[rule])
	}
	fmt.Printf("errors and warnings not injected: %d\n", sum(extra))
	for _, k := range sortedKeys(extra) {
		fmt.Printf("  %-28s %d\n", k, extra[k])
	}
	return nil
}

// readGold returns the injected anomalies of every gold file in dir, as path + " " + rule.
func readGold(dir string) (map[string]bool, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	want := map[string]bool{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("gold: %w", err)
		}
		var g corpus.Gold
		if err := json.Unmarshal(data, &g); err != nil {
			return nil, fmt.Errorf("gold %s: %w", p, err)
		}
		for _, a := range g.Anomalies {
			want[g.Path+" "+a.Rule] = true
		}
	}
	return want, nil
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func sortedKeys(ms ...map[string]int) []string {
	var keys []string
	for _, m := range ms {
		for k := range m {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
