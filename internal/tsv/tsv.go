// Package tsv reads the small tab-separated data files jixiao embeds (word lists, metric
// labels): one record per line, a fixed number of non-empty columns, blank lines and lines
// starting with # skipped.
package tsv

import (
	"bufio"
	"fmt"
	"io/fs"
	"strings"
)

// Read reads file name of fsys as records of exactly cols tab-separated, non-empty, trimmed
// columns. Errors name the file and line.
func Read(fsys fs.FS, name string, cols int) ([][]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		parts := strings.Split(t, "\t")
		if len(parts) != cols {
			return nil, fmt.Errorf("%s:%d: want %d tab-separated columns, got %d", name, line, cols, len(parts))
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
			if parts[i] == "" {
				return nil, fmt.Errorf("%s:%d: empty column %d", name, line, i+1)
			}
		}
		rows = append(rows, parts)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rows, nil
}
