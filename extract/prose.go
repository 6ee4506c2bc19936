package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/parse"
)

// logicalPara is one paragraph as the writer meant it: lines that a PDF copy broke
// apart (工资福利支 / 出85.09万元) are joined again, and page numbers (—10—) dropped.
type logicalPara struct {
	nt      normText
	parts   []partLoc // where each source block starts in the raw text
	level   int
	endsCol bool // ends with ：, so a list follows
	list    bool // opens a numbered point (startsList)
}

type partLoc struct {
	rawStart int
	location string
}

// locationAt returns the location of the block holding raw rune position p.
func (lp logicalPara) locationAt(normPos int) string {
	if len(lp.parts) == 0 {
		return ""
	}
	raw := 0
	if normPos < len(lp.nt.idx) {
		raw = lp.nt.idx[normPos]
	}
	loc := lp.parts[0].location
	for _, p := range lp.parts {
		if p.rawStart <= raw {
			loc = p.location
		}
	}
	return loc
}

var (
	// pageNumber is a page mark copied from a PDF: —10—, - 3 -, 第3页, 第1页共3页, 3/10.
	pageNumber = regexp.MustCompile(`^\s*(?:[-—–―－~·]+\s*\d{1,4}\s*[-—–―－~·]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$`)
	// barePage is a page number without decoration; it is one only inside a broken sentence.
	barePage = regexp.MustCompile(`^\s*\d{1,3}\s*$`)
	// sentenceEnd ends a sentence; a line that ends with one is not continued on the next line.
	sentenceEnd = "。！？!?"
	// decimalStart: a line starting with a decimal number (98.20万元) is no numbered heading.
	decimalStart = regexp.MustCompile(`^\s*\d+\s*[.．]\s*\d`)
)

// joinLines rebuilds logical paragraphs from the document's paragraph blocks.
func (lx *Lexicon) joinLines(blocks []parse.Block) []logicalPara {
	var out []logicalPara
	var raw strings.Builder
	var cur *logicalPara
	flush := func() {
		if cur == nil {
			return
		}
		text := raw.String()
		cur.nt = normalize(text)
		if !utf8.ValidString(text) {
			text = string(cur.nt.raw) // as the paragraph's runes read
		}
		cur.list = startsList(text)
		t := strings.TrimRightFunc(raw.String(), isSpaceRune)
		if t != "" {
			last, _ := utf8.DecodeLastRuneInString(t)
			cur.endsCol = last == '：' || last == ':'
		}
		out = append(out, *cur)
		cur = nil
		raw.Reset()
	}
	for _, b := range blocks {
		if b.Kind != parse.Paragraph {
			flush()
			continue
		}
		text := b.Text
		if mayBePageNumber(text) {
			if pageNumber.MatchString(text) {
				continue
			}
			if cur != nil && barePage.MatchString(text) && midSentence(raw.String()) {
				continue
			}
		}
		if cur != nil && lx.continues(raw.String(), text, b.Level) {
			cur.parts = append(cur.parts, partLoc{rawStart: utf8.RuneCountInString(raw.String()), location: b.Location()})
			raw.WriteString(text)
			continue
		}
		flush()
		cur = &logicalPara{level: b.Level, parts: []partLoc{{rawStart: 0, location: b.Location()}}}
		raw.WriteString(text)
	}
	flush()
	return out
}

func isSpaceRune(r rune) bool { return isSpace(r) }

// startsList reports whether text opens a numbered point (1． （2） ③ 一、), after any
// indentation, ideographic spaces included.
func startsList(text string) bool {
	return isListStart(strings.TrimLeftFunc(text, isSpaceRune))
}

// midSentence reports whether text is a long line cut off before its sentence ended.
func midSentence(text string) bool {
	p := strings.TrimRightFunc(text, isSpaceRune)
	if utf8.RuneCountInString(p) < 20 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(sentenceEnd, last)
}

// continues reports whether next is the rest of a sentence broken across lines: prev is a
// long body line that does not end a sentence, and next does not start a heading or list.
func (lx *Lexicon) continues(prev, next string, nextLevel int) bool {
	p := strings.TrimRightFunc(prev, isSpaceRune)
	n := strings.TrimLeftFunc(next, isSpaceRune)
	if p == "" || n == "" {
		return false
	}
	// PDF lines are 20–40 characters wide; shorter lines are headings, titles or list items.
	if utf8.RuneCountInString(p) < 20 {
		return false
	}
	// A number broken by the line (年初预算数９ / ６７．６５万元）, 决算为162765. / 24元) goes
	// on, however much the rest of it looks like list numbering, a title or the point like a
	// full stop.
	last, _ := utf8.DecodeLastRuneInString(p)
	first, _ := utf8.DecodeRuneInString(n)
	if isDigit(narrow(first)) && (isDigit(narrow(last)) || endsWithDecimalPoint(p)) {
		return true
	}
	if lx.isTitleLine(p) {
		return false
	}
	if nextLevel > 0 && !decimalStart.MatchString(n) {
		return false
	}
	// A numbered heading (（3）“三公”经费情况) is no broken sentence: a numbered line broken by
	// a PDF copy is a long sentence with commas or amounts in it.
	if startsList(p) && !strings.ContainsAny(p, "，,；;：:") && len(scanQuantities(normalize(p).r)) == 0 {
		return false
	}
	if strings.ContainsRune(sentenceEnd, last) {
		return false
	}
	if startsList(n) || (parse.HeadingLevel(n) > 0 && !decimalStart.MatchString(n)) {
		return false
	}
	first = narrow(first)
	return isHan(first) || (first >= '0' && first <= '9') || strings.ContainsRune(".,%，、；;：:）)（(￥¥“\"", first)
}

// endsWithDecimalPoint reports whether text ends with a digit and a point (162765.).
func endsWithDecimalPoint(text string) bool {
	r := []rune(text)
	n := len(r)
	return n >= 2 && (narrow(r[n-1]) == '.') && isDigit(narrow(r[n-2]))
}

// splitSentences cuts normalised runes at sentence ends (。！？ and line breaks). ；
// stays inside the sentence: it separates the parts of a breakdown.
func splitSentences(rs []rune) [][2]int {
	var out [][2]int
	start := 0
	for i, r := range rs {
		if r == '。' || r == '！' || r == '？' || r == '!' || r == '?' {
			out = append(out, [2]int{start, i + 1})
			start = i + 1
		}
	}
	if start < len(rs) {
		out = append(out, [2]int{start, len(rs)})
	}
	return out
}
