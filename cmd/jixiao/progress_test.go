package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/batch"
)

func TestProgressLine(t *testing.T) {
	tests := []struct {
		p    batch.Progress
		want string
	}{
		{batch.Progress{Phase: batch.PhaseRead, Done: 0, Total: 300}, "[....................] 0/300 files"},
		{batch.Progress{Phase: batch.PhaseRead, Done: 120, Total: 300, Failed: 2, Elapsed: 4 * time.Second},
			"[########............] 120/300 files  30.0/s  0:06 left  2 failed"},
		{batch.Progress{Phase: batch.PhaseAnalyze, Done: 300, Total: 300}, "analysing 300 reports…"},
		{batch.Progress{Phase: batch.PhaseWrite}, "writing the tables and views…"},
	}
	for _, tt := range tests {
		if got := progressLine(tt.p); got != tt.want {
			t.Errorf("progressLine(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestProgressBarThrottlesAndClears(t *testing.T) {
	var buf bytes.Buffer
	b := &progressBar{w: &buf, interval: time.Hour}
	b.update(batch.Progress{Phase: batch.PhaseRead, Done: 1, Total: 3})
	b.update(batch.Progress{Phase: batch.PhaseRead, Done: 2, Total: 3}) // within the interval: not drawn
	b.update(batch.Progress{Phase: batch.PhaseRead, Done: 3, Total: 3}) // the last file always is
	b.finish()
	out := buf.String()
	if strings.Count(out, "files") != 2 || strings.Contains(out, "2/3") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("bar output %q", out)
	}
	if newProgressBar(&buf) != nil {
		t.Error("a bar on a buffer, which is no terminal")
	}
}

func TestLogLinesClearTheBar(t *testing.T) {
	var buf bytes.Buffer
	b := &progressBar{w: &buf, interval: time.Hour}
	b.update(batch.Progress{Phase: batch.PhaseRead, Done: 1, Total: 3})
	w := b.under(&buf)
	if _, err := w.Write([]byte("level=WARN msg=\"file failed\"\n")); err != nil {
		t.Fatal(err)
	}
	b.update(batch.Progress{Phase: batch.PhaseRead, Done: 2, Total: 3}) // drawn again at once
	want := "\r[######..............] 1/3 files\x1b[K\r\x1b[Klevel=WARN msg=\"file failed\"\n\r[#############.......] 2/3 files\x1b[K"
	if buf.String() != want {
		t.Errorf("output %q\nwant   %q", buf.String(), want)
	}
}
