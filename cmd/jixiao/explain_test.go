package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"testing"
)

// TestExplain checks the command's exit codes and forms; the output itself is the golden
// files of package explain.
func TestExplain(t *testing.T) {
	broken := folder(t, map[string]string{"坏.docx": "PK\x03\x04\x14\x00"})
	bg := context.Background()
	cancelled, cancel := context.WithCancel(bg)
	cancel()
	tests := []struct {
		name           string
		ctx            context.Context
		args           []string
		code           int
		stdout, stderr string
	}{
		{"help", bg, []string{"explain", "-h"}, exitOK, "--json", ""},
		{"help explain", bg, []string{"help", "explain"}, exitOK, "jixiao explain FILE", ""},
		{"usage lists it", bg, []string{"help"}, exitOK, "jixiao explain FILE", ""},
		{"text", bg, []string{"explain", seedTxt}, exitOK, `(?s)^文件    longhui-kexie-2024.txt\n.*单位    隆回县科学技术协会.*【214.78万元】.*\[发现问题\] balance.deficit`, "^$"},
		{"json", bg, []string{"explain", seedTxt, "--json"}, exitOK, `"rule": "balance.deficit"`, "^$"},
		{"broken file", bg, []string{"explain", filepath.Join(broken, "坏.docx")}, exitFailed, "^$", `坏.docx: .*\(文件已损坏\)`},
		{"missing file", bg, []string{"explain", filepath.Join(broken, "nope.txt")}, exitFailed, "^$", `文件不存在`},
		{"no file", bg, []string{"explain"}, exitUsage, "", "exactly one FILE"},
		{"two files", bg, []string{"explain", seedTxt, seedTxt}, exitUsage, "", "exactly one FILE"},
		{"bad flag", bg, []string{"explain", seedTxt, "--frob"}, exitUsage, "", "unknown flag"},
		{"missing reference", bg, []string{"explain", seedTxt, "--reference", filepath.Join(broken, "nope.csv")}, exitUsage, "", "--reference"},
		{"interrupted", cancelled, []string{"explain", seedTxt}, exitRun, "", "."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.ctx, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if tt.stdout != "" && !regexp.MustCompile(tt.stdout).MatchString(stdout) {
				t.Errorf("stdout does not match %q:\n%s", tt.stdout, stdout)
			}
			if tt.stderr != "" && !regexp.MustCompile(tt.stderr).MatchString(stderr) {
				t.Errorf("stderr does not match %q:\n%s", tt.stderr, stderr)
			}
			if code == exitOK && len(tt.args) > 2 && tt.args[2] == "--json" && !json.Valid([]byte(stdout)) {
				t.Errorf("--json output is not JSON:\n%s", stdout)
			}
		})
	}
}
