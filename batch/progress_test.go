package batch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestProgress: the run reports every file read, then the analysis and the writing.
func TestProgress(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("2024年度收入214.78万元，本年支出合计200万元。"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "d.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var seen []Progress
	_, err := Run(context.Background(), Config{
		Inputs: []string{dir}, Out: filepath.Join(t.TempDir(), "out"), Jobs: 2,
		Analyze:  AnalyzeFunc(func(context.Context, []Report) (*Analysis, error) { return &Analysis{}, nil }),
		Progress: func(p Progress) { seen = append(seen, p) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var phases []string
	for _, p := range seen {
		if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
			phases = append(phases, p.Phase)
		}
	}
	if len(phases) != 3 || phases[0] != PhaseRead || phases[1] != PhaseAnalyze || phases[2] != PhaseWrite {
		t.Errorf("phases %v", phases)
	}
	last := seen[len(seen)-3] // the last read update
	if last.Done != 4 || last.Total != 4 || last.Failed != 1 {
		t.Errorf("last read update %+v, want 4 of 4 read, 1 failed", last)
	}
}
