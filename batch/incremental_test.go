package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jixiao/jixiao/corpus"
	"github.com/jixiao/jixiao/tables"
)

// TestIncremental runs a generated batch, changes one file, adds one and removes one, and
// runs again with Incremental: only the changed and the added files are read, and every
// table is byte for byte the one a full run writes.
func TestIncremental(t *testing.T) {
	in := generated(t, 40, 5)
	out := filepath.Join(t.TempDir(), "out")
	cfg := realConfig(t, in, out)
	cfg.Incremental = true // no earlier run: reads everything
	sum, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 40 || sum.Reused != 0 || sum.Processed() != 40 {
		t.Fatalf("first run: %+v", sum)
	}

	// Unchanged: nothing is read.
	if sum, err = Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if sum.Reused != 40 || sum.Processed() != 0 {
		t.Errorf("re-run over the same files: %d reused, %d read", sum.Reused, sum.Processed())
	}

	// One file changed (another report of the generator under its name), one added, one removed.
	ents, err := os.ReadDir(in)
	if err != nil {
		t.Fatal(err)
	}
	changed, removed := ents[3].Name(), ents[7].Name()
	other := corpus.Generate(corpus.Options{N: 2, Seed: 99, Formats: []string{corpus.FormatTxt}})
	if err := os.WriteFile(filepath.Join(in, changed), other[0].Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "新增-"+other[1].Name+".txt"), other[1].Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(in, removed)); err != nil {
		t.Fatal(err)
	}
	if sum, err = Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if sum.Files != 40 || sum.Processed() != 2 || sum.Reused != 38 {
		t.Errorf("incremental run: %d files, %d read, %d reused; want 40, 2 (the changed and the new file), 38",
			sum.Files, sum.Processed(), sum.Reused)
	}

	full := filepath.Join(t.TempDir(), "full")
	fcfg := realConfig(t, in, full)
	if _, err := Run(context.Background(), fcfg); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{tables.ReportsFile, tables.FiguresFile, tables.ClaimsFile, tables.SectionsFile, tables.AnomaliesFile, tables.ChecksFile} {
		a, errA := os.ReadFile(filepath.Join(out, name))
		b, errB := os.ReadFile(filepath.Join(full, name))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: the incremental run's differs from a full run's (%v, %v)", name, errA, errB)
		}
	}
}

// TestIncrementalRereadsFailed: a failed file is read again (its failure may have been a
// limit that has since been raised).
func TestIncrementalRereadsFailed(t *testing.T) {
	in := writeTree(t, map[string]string{"a.txt": okReport, "b.bin": "\x00\x01\x02binary"})
	out := t.TempDir()
	cfg := Config{Inputs: []string{in}, Out: out, Extractor: newFake(t), Incremental: true}
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Reused != 1 || sum.Failed != 1 || sum.Processed() != 1 {
		t.Errorf("re-run: %+v; want the ok file reused and the failed one read again", sum)
	}
}
