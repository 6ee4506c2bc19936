package tsv

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name, data string
		cols, rows int
		err        string
	}{
		{"ok", "# comment\n\na\tb\n c \t d \n", 2, 2, ""},
		{"columns", "a\tb\tc\n", 2, 0, "want 2 tab-separated columns"},
		{"empty column", "a\t \tc\n", 3, 0, "empty column 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := Read(fstest.MapFS{"f.tsv": {Data: []byte(tt.data)}}, "f.tsv", tt.cols)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || len(rows) != tt.rows {
				t.Fatalf("rows %v err %v", rows, err)
			}
			if rows[1][0] != "c" || rows[1][1] != "d" {
				t.Errorf("cells not trimmed: %q", rows[1])
			}
		})
	}
}
