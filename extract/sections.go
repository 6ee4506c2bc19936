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
		if b.Level > 0 && len([]rune(b.Text)) <= 40 {
			flush()
			cur = &Section{Heading: strings.TrimSpace(b.Text), Location: b.Location()}
			continue
		}
		if cur == nil {
			cur = &Section{Location: b.Location()}
		}
		body.WriteString(b.Text)
		body.WriteByte('\n')
	}
	flush()
	return out
}
