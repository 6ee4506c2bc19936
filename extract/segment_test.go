package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// testSegmenter is the segmenter of the default lexicon, built once for the tests here.
var testSegmenter = sync.OnceValues(func() (*Segmenter, error) {
	lex, err := loadLexicon(lexiconText)
	if err != nil {
		return nil, err
	}
	return NewSegmenter(lex.Words())
})

// gseCut is the cut Segmenter.Cut must equal: gse's own dictionary DAG without the HMM.
func gseCut(s *Segmenter, text string) []string { return s.seg.Cut(text, false) }

func TestSegmenterCut(t *testing.T) {
	seg, err := testSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, text string }{
		{"empty", ""},
		{"finance sentence", "2023年部门收入合计214.78万元，其中财政拨款收入200万元，上年结转结余14.78万元。"},
		{"three public", "“三公”经费支出0.5万元，比上年减少0.2万元，主要是公务接待费减少。"},
		{"ascii runs", "GDP增长6.5%，PM2.5浓度下降，ABC公司和x y z"},
		{"mixed case and full width", "ＧＤＰ与Gdp，ＡＢＣ１２３"},
		{"unknown characters", "㐀㐁䶵𠀀𠀁 ☃ ✓"},
		{"invalid utf-8", "收入\xff\xfe合计\x80万元"},
		{"only punctuation", "，。；：、（）《》“”"},
		{"long narrative", strings.Repeat("坚持以习近平新时代中国特色社会主义思想为指导，认真落实预算绩效管理工作要求。", 8)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := seg.Cut(tc.text), gseCut(seg, tc.text); !slices.Equal(got, want) {
				t.Errorf("Cut(%q)\n got %q\nwant %q", tc.text, got, want)
			}
		})
	}
}

// TestSegmenterCutTestdata holds Cut to gse's cut on every line of the text files under
// testdata: reports as departments write them.
func TestSegmenterCutTestdata(t *testing.T) {
	seg, err := testSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, pattern := range []string{"testdata/*.txt", "testdata/*/*/input.txt", "../testdata/reports/*.txt"} {
		more, _ := filepath.Glob(pattern)
		files = append(files, more...)
	}
	if len(files) == 0 {
		t.Fatal("no text files under testdata")
	}
	lines := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			lines++
			if got, want := seg.Cut(line), gseCut(seg, line); !slices.Equal(got, want) {
				t.Fatalf("%s: Cut(%q)\n got %q\nwant %q", f, line, got, want)
			}
		}
	}
	t.Logf("%d lines of %d files cut as gse cuts them", lines, len(files))
}

func FuzzSegmenterCut(f *testing.F) {
	for _, s := range []string{"", "收入合计214.78万元", "GDP增长", "\xff收入", "三公经费", "a1b2 c3"} {
		f.Add(s)
	}
	seg, err := testSegmenter()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := seg.Cut(text), gseCut(seg, text); !slices.Equal(got, want) {
			t.Errorf("Cut(%q)\n got %q\nwant %q", text, got, want)
		}
	})
}
