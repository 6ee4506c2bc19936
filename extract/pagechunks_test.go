package extract

import (
	"strings"
	"testing"

	"github.com/jixiao/jixiao/parse"
)

// TestJoinPageChunks: numbered chunks of one length are joined; list items, chunks that
// end sentences, a lone chunk and chunks of unequal length are left as they are.
func TestJoinPageChunks(t *testing.T) {
	long := func(r string, n int) string { return strings.Repeat(r, n) }
	tests := []struct {
		name  string
		paras []string
		want  []string
	}{
		{"chunks", []string{"题目", "1、" + long("甲", 200), "2、" + long("乙", 200), "3、" + long("丙", 40), "附言"},
			[]string{"题目", long("甲", 200) + long("乙", 200) + long("丙", 40), "附言"}},
		{"chunks one longer by a character", []string{"1、" + long("甲", 200), "2、" + long("乙", 201)},
			[]string{long("甲", 200) + long("乙", 201)}},
		{"list items", []string{"1、对于案件行使检察权。", "2、对于公诉案件审查起诉。", "3、对于诉讼活动实行监督。"},
			[]string{"1、对于案件行使检察权。", "2、对于公诉案件审查起诉。", "3、对于诉讼活动实行监督。"}},
		{"long items that end sentences", []string{"1、" + long("甲", 199) + "。", "2、" + long("乙", 199) + "。"},
			[]string{"1、" + long("甲", 199) + "。", "2、" + long("乙", 199) + "。"}},
		{"one chunk", []string{"1、" + long("甲", 200), "下文"}, []string{"1、" + long("甲", 200), "下文"}},
		{"unequal", []string{"1、" + long("甲", 200), "2、" + long("乙", 260)}, []string{"1、" + long("甲", 200), "2、" + long("乙", 260)}},
		{"not from 1", []string{"2、" + long("甲", 200), "3、" + long("乙", 200)}, []string{"2、" + long("甲", 200), "3、" + long("乙", 200)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &parse.Document{}
			for i, p := range tt.paras {
				doc.Blocks = append(doc.Blocks, parse.Block{Kind: parse.Paragraph, Index: i + 1, Text: p})
			}
			got := joinPageChunks(doc)
			var texts []string
			for _, b := range got.Blocks {
				texts = append(texts, b.Text)
			}
			if strings.Join(texts, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got %q\nwant %q", texts, tt.want)
			}
			if len(got.Blocks) == len(doc.Blocks) && got != doc {
				t.Errorf("nothing joined, yet the document was copied")
			}
		})
	}
}
