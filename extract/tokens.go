package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// span is one element of an analysed sentence: a word from the segmenter or a quantity.
type span struct {
	start, end int // normalised rune positions within the sentence
	text       string
	roles      []role
	q          *quantity // non-nil for a quantity
	clause     int       // index of the clause the span belongs to
	depth      int       // bracket depth at the span's start
}

// sentence is one sentence of a logical paragraph, analysed into spans.
type sentence struct {
	rs    []rune // normalised runes of the sentence
	off   int    // offset of rs[0] within the paragraph's normalised text
	spans []span
	years []yearMark
}

// yearMark is a year written in the sentence (2024年, 2024年度).
type yearMark struct {
	pos  int
	year int
}

// isClauseSep reports whether r separates clauses. 、 separates clauses only right after
// a quantity (A 1万元、B 2万元), since inside names it joins words (科普专项、青少年科技工作经费).
func isClauseSep(r rune) bool {
	switch r {
	case '，', ',', '；', ';', '。', '！', '？', '!', '?', '\n':
		return true
	}
	return false
}

// isClauseSepWord reports whether w is one clause separator (see isClauseSep).
func isClauseSepWord(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n > 0 && n == len(w) && r != utf8.RuneError && isClauseSep(r)
}

// analyse finds quantities, cuts the text between them into words and tags each with its
// lexicon roles and clause.
//
// qs are the sentence's quantities in order (see mayState); the spans point into it.
func (e *Extractor) analyse(rs []rune, off int, qs []quantity) sentence {
	s := sentence{rs: rs, off: off}
	// The words of the text before each quantity and after the last, cut first so that
	// the spans are allocated once.
	words := make([][]string, len(qs)+1)
	n, pos := len(qs), 0
	for i := range words {
		end := len(rs)
		if i < len(qs) {
			end = qs[i].start
		}
		if pos < end {
			words[i] = e.seg.Cut(string(rs[pos:end]))
			n += len(words[i])
		}
		if i < len(qs) {
			pos = qs[i].end
		}
	}
	s.spans = make([]span, 0, n)
	pos = 0
	for i, ws := range words {
		for _, w := range ws {
			n := utf8.RuneCountInString(w)
			s.spans = append(s.spans, span{start: pos, end: pos + n, text: w, roles: e.lex.lookup(w)})
			pos += n
		}
		if i < len(qs) {
			q := &qs[i]
			s.spans = append(s.spans, span{start: q.start, end: q.end, text: string(rs[q.start:q.end]), q: q})
			pos = q.end
		}
	}

	clause, depth := 0, 0
	for i := range s.spans {
		sp := &s.spans[i]
		sp.clause, sp.depth = clause, depth
		for _, r := range sp.text {
			switch {
			case r == '（' || r == '(':
				depth++
			case (r == '）' || r == ')') && depth > 0:
				depth--
			}
		}
		switch {
		case sp.q == nil && isClauseSepWord(sp.text):
			clause++
			sp.clause = clause
		case sp.q == nil && sp.text == "、" && i > 0 && s.spans[i-1].q != nil:
			clause++
			sp.clause = clause
		case sp.q == nil && (sp.text == "：" || sp.text == ":") && headingColon(s.spans, i):
			// （一）部门收入情况：2023年收入合计… — the colon ends a heading, not a label.
			clause++
			sp.clause = clause
		}
	}
	s.years = findYears(rs)
	return s
}

// headingColon reports whether the colon at span i ends a run-in heading (…情况：, …如下：)
// rather than a label whose value follows (收入合计：214.78万元).
func headingColon(spans []span, i int) bool {
	if i == 0 {
		return false
	}
	switch spans[i-1].text {
	case "情况", "如下", "说明", "概况", "分析", "情况说明", "基本情况":
		return true
	}
	return false
}

// mergeQuantities adds Chinese-numeral counts that do not overlap a digit quantity.
func mergeQuantities(qs, extra []quantity) []quantity {
	for _, x := range extra {
		overlap := false
		for _, q := range qs {
			if x.start < q.end && q.start < x.end {
				overlap = true
				break
			}
		}
		if !overlap {
			qs = append(qs, x)
		}
	}
	// Quantities never overlap, so their starts differ and the order is unique.
	slices.SortFunc(qs, func(a, b quantity) int { return cmp.Compare(a.start, b.start) })
	return qs
}

// findYears finds years written as 2024年 / 2024年度 / 二〇二四年, outside the names of
// documents and their numbers (《…操作规程（2022年修订）》, 〔2022〕, 【2022年】): those never
// say which year a figure is for.
func findYears(rs []rune) []yearMark {
	var out []yearMark
	depth := 0
	for i := 0; i+4 < len(rs)+1; i++ {
		switch rs[i] {
		case '《', '〔', '[', '【':
			depth++
		case '》', '〕', ']', '】':
			if depth > 0 {
				depth--
			}
		}
		if y, ok := yearAt(rs, i); ok && depth == 0 {
			out = append(out, yearMark{pos: i, year: y})
			i += 3
		}
	}
	return out
}

// yearAt reads a year of 19xx/20xx (digits or 〇一二… numerals) followed by 年 at rs[i:].
func yearAt(rs []rune, i int) (int, bool) {
	if i+4 >= len(rs) || rs[i+4] != '年' {
		return 0, false
	}
	if i > 0 && (rs[i-1] >= '0' && rs[i-1] <= '9') {
		return 0, false
	}
	y := 0
	for k := 0; k < 4; k++ {
		d := digitValue(rs[i+k])
		if d < 0 {
			return 0, false
		}
		y = y*10 + d
	}
	if y < 1990 || y > 2099 {
		return 0, false
	}
	return y, true
}

func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if i := strings.IndexRune("〇一二三四五六七八九", r); i >= 0 {
		return len([]rune("〇一二三四五六七八九"[:i]))
	}
	if r == '零' || r == 'Ｏ' || r == 'O' || r == '○' {
		return 0
	}
	return -1
}
