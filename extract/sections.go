package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

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
		if isSignOff(b.Text) {
			continue // the 落款 closes the report, whatever section it stands in
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

// signDate is a date standing alone on its line: 2022年4月1日, 二〇二二年四月.
var signDate = regexp.MustCompile(`^[0-9０-９〇零一二三四五六七八九]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月(?:\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日)?$`)

// isSignOff reports whether a paragraph is a line of the 落款 that closes a report: the
// unit's name alone (昌吉市水利局) or the date alone. Two units that copied the same measures
// wrote the same text, whoever signed below it.
func isSignOff(t string) bool {
	t = strings.TrimSpace(t)
	if signDate.MatchString(t) {
		return true
	}
	return utf8.RuneCountInString(t) <= 25 && !strings.ContainsAny(t, "，。；：,;:、（）()") && unitSuffix.MatchString(t)
}
