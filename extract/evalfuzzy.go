package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// OCR misreads a header's words: a character for a look-alike (年初预匏数), the characters of a
// two-line cell in another order (考值参分). A cell between two header words that reads as a
// column word this way is taken for it; nowhere else is a word matched loosely.

// fuzzyHeaders marks the text tokens that stand between header words, on their line, and
// read as a column word with one character misread or the characters reordered; a token that
// reads as two such words (年初预匏数调整预算将) becomes two tokens.
func (s *stream) fuzzyHeaders(el *evalLexicon) {
	out := make([]etok, 0, len(s.toks))
	for k := range s.toks {
		t := s.toks[k]
		if !t.is(tkText) || t.is(tkHead|tkLevel|tkField|tkFunds|tkTotal|tkTitle) || !s.betweenHeads(k) {
			out = append(out, t)
			continue
		}
		n := strings.TrimRight(el.norm(t.raw), ",.、(ABab)")
		if c := el.fuzzyCol(n); c != colNone {
			t.kind |= tkHead
			t.col = c
			out = append(out, t)
			continue
		}
		if a, b, ca, cb, ok := el.fuzzyPair(n); ok && t.run {
			rs := []rune(t.raw)
			if len([]rune(a))+len([]rune(b)) <= len(rs) {
				u, v := t, t
				u.raw, u.n, u.kind, u.col, u.end = string(rs[:len([]rune(a))]), a, t.kind|tkHead, ca, t.pos+len([]rune(a))
				v.raw, v.n, v.kind, v.col, v.pos, v.first = string(rs[len([]rune(a)):]), b, t.kind|tkHead, cb, u.end, false
				out = append(out, u, v)
				continue
			}
		}
		out = append(out, t)
	}
	s.toks = out
}

// betweenHeads reports whether toks[k] has a header word (or a funds label) just before it
// and a header word just after it, on its line.
func (s *stream) betweenHeads(k int) bool {
	if k == 0 || k+1 >= len(s.toks) {
		return false
	}
	p, q := &s.toks[k-1], &s.toks[k+1]
	return p.line == s.toks[k].line && q.line == s.toks[k].line && p.is(tkHead|tkFunds) && q.is(tkHead)
}

// fuzzyCol returns the column a word of four to eight characters reads as with one character
// misread (five or more) or its characters reordered, else colNone.
func (el *evalLexicon) fuzzyCol(n string) colRole {
	rs := []rune(n)
	if len(rs) < 4 || len(rs) > 9 {
		return colNone
	}
	sorted := slices.Clone(rs)
	slices.Sort(sorted)
	for _, w := range el.colWords {
		c := el.cols[w]
		ws := []rune(w)
		if len(ws) >= 5 && len(rs) == len(ws)+1 && within(ws, rs) {
			return c // reordered with a character written twice (年成值全完值)
		}
		if len(ws) != len(rs) {
			continue
		}
		diff := 0
		for i := range rs {
			if rs[i] != ws[i] {
				diff++
			}
		}
		if diff == 1 && len(rs) >= 5 {
			return c
		}
		if diff > 1 {
			wsorted := slices.Clone(ws)
			slices.Sort(wsorted)
			if slices.Equal(sorted, wsorted) {
				return c
			}
		}
	}
	return colNone
}

// within reports whether every character of w, as often as w has it, is in n.
func within(w, n []rune) bool {
	count := map[rune]int{}
	for _, r := range n {
		count[r]++
	}
	for _, r := range w {
		if count[r] == 0 {
			return false
		}
		count[r]--
	}
	return true
}

// fuzzyPair cuts n into two column words, each exact or read loosely.
func (el *evalLexicon) fuzzyPair(n string) (a, b string, ca, cb colRole, ok bool) {
	rs := []rune(n)
	if len(rs) < 8 {
		return
	}
	for i := 4; i+4 <= len(rs); i++ {
		a, b = string(rs[:i]), string(rs[i:])
		ca, cb = el.looseCol(a), el.looseCol(b)
		if ca != colNone && cb != colNone && ca != cb {
			return a, b, ca, cb, true
		}
	}
	return "", "", colNone, colNone, false
}

func (el *evalLexicon) looseCol(n string) colRole {
	if c, ok := el.cols[n]; ok {
		return c
	}
	if utf8.RuneCountInString(n) < 4 {
		return colNone
	}
	return el.fuzzyCol(n)
}
