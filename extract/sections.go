package extract

import (
	"strings"

	"github.com/jixiao/jixiao/parse"
)

// sections splits the narrative into parts under each heading, for copied-text detection.
func sections(doc *parse.Document) []Section {
	var out []Section
	var cur *Section
	var body strings.Builder
	flush := func() {
		if cur != nil {
			cur.Text = strings.TrimSpace(body.String())
			if cur.Text != "" {
				out = append(out, *cur)
			}
		}
		body.Reset()
	}
	for _, b := range doc.Blocks {
		if b.Kind != parse.Paragraph {
			continue
		}
		if b.Level > 0 && len([]rune(b.Text)) <= 40 && !endsSentence(b.Text) {
			flush()
			// Markdown heading marks are layout: "## 四、存在的问题" is 四、存在的问题.
			cur = &Section{Heading: strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(b.Text), "#")), Location: b.Location()}
			continue
		}
		if cur == nil {
			cur = &Section{Location: b.Location()}
		}
		// List numbering (1. 一是 （1）) is layout, not content: two units that copied the
		// same points under other numbers wrote the same text.
		body.WriteString(dropListMarkers(strings.TrimSpace(b.Text)))
		body.WriteByte('\n')
	}
	flush()
	return out
}

// List numbering at the start of a paragraph or sentence, (^|[。；;])\s*(?:\d{1,2}\s*[.．、]|
// [（(]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]+是|[①-⑳]), is removed by dropListMarkers.

// endsSentence reports whether a paragraph ends like a sentence, which a heading does not.
func endsSentence(t string) bool {
	t = strings.TrimSpace(t)
	return strings.HasSuffix(t, "。") || strings.HasSuffix(t, "；") || strings.HasSuffix(t, ";") || strings.HasSuffix(t, "！")
}
