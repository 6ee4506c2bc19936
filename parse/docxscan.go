package parse

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// errScan is scanDocx's answer for XML it does not read to the end: malformed, or of a form it
// leaves to encoding/xml (a DTD, a name that is not ASCII, an entity it does not know).
var errScan = errors.New("xml: left to encoding/xml")

// xmlURL is the namespace encoding/xml gives the reserved prefix xml.
const xmlURL = "http://www.w3.org/XML/1998/namespace"

// scanner reads word/document.xml for a walker, in one pass over the string and without
// allocating per token. It accepts a subset of what encoding/xml accepts in Strict mode
// without a CharsetReader, and for that subset hands the walker the same elements (names
// resolved to the same namespaces), attribute values and character data as encoding/xml's
// Token does; everything else is errScan.
type scanner struct {
	s     string
	w     *walker
	open  []span         // qualified names of the open elements, as written
	binds []nsBind       // namespace declarations in scope, innermost last
	bound map[string]int // prefix to the index in binds of its innermost declaration
	attrs []scanAttr     // attributes of the start tag being read

	gen uint64 // counts changes to binds

	// the last prefix resolved and its namespace, valid while gen is cacheGen
	cachePrefix, cacheSpace string
	cacheGen                uint64
}

// nsBind is one xmlns declaration: prefix ("" for the default namespace) bound to uri by the
// element at depth, shadowing the declaration at index prev of binds (-1 for none).
type nsBind struct {
	prefix, uri string
	depth, prev int
}

// span is the text s[start:end] of the scanner's input. Spans rather than strings keep
// the scanner's slices free of pointers, which the garbage collector then need not watch.
type span struct{ start, end int }

// scanAttr is one attribute of a start tag: its name and its value as written.
type scanAttr struct {
	name, raw span
	plain     bool // raw holds no entity and no carriage return: it is the value
}

// str returns the text of sp.
func (sc *scanner) str(sp span) string { return sc.s[sp.start:sp.end] }

// scanDocx reads the XML content into w. It returns nil when it read the whole document,
// ctx's error when ctx ended, and any other error when encoding/xml must read it instead.
func scanDocx(ctx context.Context, w *walker, content string) error {
	sc := &scanner{s: content, w: w, gen: 1}
	return sc.run(ctx)
}

func (sc *scanner) run(ctx context.Context) error {
	s := sc.s
	for i, n := 0, 0; i < len(s); n++ {
		if n%ctxEveryToks == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if s[i] != '<' {
			end := strings.IndexByte(s[i:], '<')
			if end < 0 {
				end = len(s)
			} else {
				end += i
			}
			if err := sc.text(s[i:end], false); err != nil {
				return err
			}
			i = end
			continue
		}
		if i+1 >= len(s) {
			return errScan
		}
		var err error
		switch s[i+1] {
		case '/':
			i, err = sc.endTag(i + 2)
		case '?':
			i, err = sc.procInst(i + 2)
		case '!':
			i, err = sc.bang(i + 2)
		default:
			i, err = sc.startTag(i + 1)
		}
		if err != nil {
			return err
		}
	}
	if len(sc.open) > 0 {
		return errScan // unexpected EOF
	}
	return nil
}

// startTag reads a start tag whose name begins at i, returning the offset after it.
func (sc *scanner) startTag(i int) (int, error) {
	s := sc.s
	next, ok := scanQName(s, i)
	if !ok {
		return 0, errScan
	}
	name := span{i, next}
	i = next
	sc.attrs = sc.attrs[:0]
	empty := false
	for {
		i = skipSpace(s, i)
		if i >= len(s) {
			return 0, errScan
		}
		if s[i] == '>' {
			i++
			break
		}
		if s[i] == '/' {
			if i+1 >= len(s) || s[i+1] != '>' {
				return 0, errScan
			}
			i += 2
			empty = true
			break
		}
		next, ok := scanQName(s, i)
		if !ok {
			return 0, errScan
		}
		an := span{i, next}
		i = skipSpace(s, next)
		if i >= len(s) || s[i] != '=' {
			return 0, errScan
		}
		i = skipSpace(s, i+1)
		if i >= len(s) || s[i] != '"' && s[i] != '\'' {
			return 0, errScan
		}
		end := strings.IndexByte(s[i+1:], s[i])
		if end < 0 {
			return 0, errScan
		}
		raw := span{i + 1, i + 1 + end}
		plain, ok := checkText(sc.str(raw), true)
		if !ok {
			return 0, errScan
		}
		sc.attrs = append(sc.attrs, scanAttr{name: an, raw: raw, plain: plain})
		i += end + 2
	}
	sc.open = append(sc.open, name) // bounded: enter fails over MaxXMLDepth
	active, err := sc.w.enter()
	if err != nil {
		return 0, err
	}
	if active {
		if err := sc.startActive(name); err != nil {
			return 0, err
		}
	}
	if empty {
		return i, sc.end()
	}
	return i, nil
}

// startActive declares the tag's namespaces and hands the element to the walker, resolving
// its name as encoding/xml's Token does.
func (sc *scanner) startActive(name span) error {
	depth := sc.w.depth
	for _, a := range sc.attrs {
		an := sc.str(a.name)
		if !strings.HasPrefix(an, "xmlns") {
			continue
		}
		prefix, local := splitQName(an)
		switch {
		case prefix == "xmlns":
			sc.bind(local, sc.val(a), depth)
		case prefix == "" && local == "xmlns":
			sc.bind("", sc.val(a), depth)
		}
	}
	prefix, local := splitQName(sc.str(name))
	var space string
	switch {
	case prefix == "xmlns":
		space = prefix
	case prefix == "xml":
		space = xmlURL // no declaration can bind a prefix spelled like a URL
	case prefix == "" && local == "xmlns":
		space = ""
	default:
		space = sc.resolve(prefix)
	}
	return sc.w.open(space, local, sc)
}

// canonicalNS returns the constant equal to uri, one of the namespaces the walker compares.
func canonicalNS(uri string) string {
	for _, ns := range [...]string{nsW, nsWStrict, nsMC} {
		if uri == ns {
			return ns
		}
	}
	return uri
}

// resolve returns the namespace bound to prefix; an undeclared prefix is its own namespace,
// and an undeclared default namespace is "".
func (sc *scanner) resolve(prefix string) string {
	if sc.cacheGen == sc.gen && sc.cachePrefix == prefix {
		return sc.cacheSpace
	}
	space := prefix
	if i, ok := sc.bound[prefix]; ok {
		space = sc.binds[i].uri
	}
	sc.cachePrefix, sc.cacheSpace, sc.cacheGen = prefix, space, sc.gen
	return space
}

// value returns the value of the first attribute of the current start tag whose local name is
// local, in any namespace.
func (sc *scanner) value(local string) string {
	for _, a := range sc.attrs {
		if _, l := splitQName(sc.str(a.name)); l == local {
			return sc.val(a)
		}
	}
	return ""
}

// val returns the attribute's value, entities replaced and line ends normalised.
func (sc *scanner) val(a scanAttr) string {
	if a.plain {
		return sc.str(a.raw)
	}
	return string(appendText(nil, sc.str(a.raw)))
}

// endTag reads an end tag whose name begins at i.
func (sc *scanner) endTag(i int) (int, error) {
	s := sc.s
	next, ok := scanQName(s, i)
	if !ok {
		return 0, errScan
	}
	name := s[i:next]
	i = skipSpace(s, next)
	if i >= len(s) || s[i] != '>' {
		return 0, errScan
	}
	if len(sc.open) == 0 || sc.str(sc.open[len(sc.open)-1]) != name {
		return 0, errScan
	}
	return i + 1, sc.end()
}

// end closes the innermost open element.
func (sc *scanner) end() error {
	depth := sc.w.depth
	if err := sc.w.close(); err != nil {
		return err
	}
	sc.open = sc.open[:len(sc.open)-1]
	for n := len(sc.binds); n > 0 && sc.binds[n-1].depth == depth; n-- {
		b := sc.binds[n-1]
		if b.prev < 0 {
			delete(sc.bound, b.prefix)
		} else {
			sc.bound[b.prefix] = b.prev
		}
		sc.binds = sc.binds[:n-1]
		sc.gen++
	}
	return nil
}

// bind declares prefix bound to uri by the element at depth.
func (sc *scanner) bind(prefix, uri string, depth int) {
	if sc.bound == nil {
		sc.bound = make(map[string]int)
	}
	uri = canonicalNS(uri) // the walker compares with these constants, quickly when identical
	prev, ok := sc.bound[prefix]
	if !ok {
		prev = -1
	}
	sc.bound[prefix] = len(sc.binds)
	sc.binds = append(sc.binds, nsBind{prefix: prefix, uri: uri, depth: depth, prev: prev})
	sc.gen++
}

// procInst reads a processing instruction whose target begins at i. Like encoding/xml it
// refuses an XML declaration of another version than 1.0 or of an encoding other than UTF-8.
func (sc *scanner) procInst(i int) (int, error) {
	s := sc.s
	target, i, colons := scanName(s, i)
	if colons < 0 {
		return 0, errScan
	}
	i = skipSpace(s, i)
	end := strings.Index(s[i:], "?>")
	if end < 0 {
		return 0, errScan
	}
	if target == "xml" {
		content := s[i : i+end]
		if v := procInstParam("version", content); v != "" && v != "1.0" {
			return 0, errScan
		}
		if e := procInstParam("encoding", content); e != "" && !strings.EqualFold(e, "utf-8") {
			return 0, errScan
		}
	}
	return i + end + 2, nil
}

// bang reads a comment or a CDATA section whose "<!" ends before i. Directives (DTDs) are
// left to encoding/xml.
func (sc *scanner) bang(i int) (int, error) {
	s := sc.s
	switch {
	case strings.HasPrefix(s[i:], "--"):
		end := strings.Index(s[i+2:], "--")
		if end < 0 {
			return 0, errScan
		}
		i += 2 + end + 2
		if i >= len(s) || s[i] != '>' {
			return 0, errScan // "--" inside a comment
		}
		return i + 1, nil
	case strings.HasPrefix(s[i:], "[CDATA["):
		i += len("[CDATA[")
		end := strings.Index(s[i:], "]]>")
		if end < 0 {
			return 0, errScan
		}
		if err := sc.text(s[i:i+end], true); err != nil {
			return 0, err
		}
		return i + end + 3, nil
	}
	return 0, errScan
}

// text checks character data (CDATA when cdata) and hands it to the walker when it is text
// of the document.
func (sc *scanner) text(t string, cdata bool) error {
	var plain, ok bool
	if cdata {
		plain, ok = checkCDATA(t)
	} else {
		plain, ok = checkText(t, false)
	}
	if !ok {
		return errScan
	}
	if !sc.w.inText() {
		return nil
	}
	if plain {
		return sc.w.appendText(t)
	}
	if cdata {
		return sc.w.appendText(string(appendCDATA(nil, t)))
	}
	return sc.w.appendText(string(appendText(nil, t)))
}

// checkText checks character data or, when quoted, an attribute value (the text between its
// quotes) as encoding/xml reads them: only XML characters in valid UTF-8, entities of the five
// predefined names or numeric, no "<" in a value, no "]]>" outside one. plain reports that t
// holds no entity and no carriage return, so that it is its own value.
func checkText(t string, quoted bool) (plain, ok bool) {
	plain = true
	for i := 0; i < len(t); {
		c := t[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(t[i:])
			if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
				return false, false
			}
			i += size
			continue
		}
		switch {
		case c == '&':
			n, ok := entityLen(t[i:])
			if !ok {
				return false, false
			}
			plain = false
			i += n
			continue
		case c == '\r':
			plain = false
		case c < 0x20 && c != '\t' && c != '\n':
			return false, false
		case c == '<' && quoted:
			return false, false
		case c == '>' && !quoted && i >= 2 && t[i-1] == ']' && t[i-2] == ']':
			return false, false
		}
		i++
	}
	return plain, true
}

// checkCDATA checks the content of a CDATA section: only XML characters in valid UTF-8.
func checkCDATA(t string) (plain, ok bool) {
	if !utf8.ValidString(t) {
		return false, false
	}
	plain = true
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '\r':
			plain = false
		case c < 0x20 && c != '\t' && c != '\n':
			return false, false
		case c == 0xEF && i+2 < len(t) && t[i+1] == 0xBF && t[i+2] >= 0xBE: // U+FFFE, U+FFFF
			return false, false
		}
	}
	return plain, true
}

// entityLen returns the length of the entity reference at the start of t, and whether it is
// one encoding/xml replaces by an XML character.
func entityLen(t string) (int, bool) {
	for _, name := range [...]string{"&lt;", "&gt;", "&amp;", "&apos;", "&quot;"} {
		if strings.HasPrefix(t, name) {
			return len(name), true
		}
	}
	r, n := charRef(t)
	return n, n > 0 && isXMLChar(r)
}

// charRef decodes the numeric character reference (&#NNN; or &#xHH;) at the start of t as
// encoding/xml does, a surrogate becoming U+FFFD. n is 0 when there is none.
func charRef(t string) (r rune, n int) {
	if !strings.HasPrefix(t, "&#") {
		return 0, 0
	}
	i, base := 2, 10
	if i < len(t) && t[i] == 'x' {
		i, base = 3, 16
	}
	start := i
	for i < len(t) && ('0' <= t[i] && t[i] <= '9' || base == 16 && ('a' <= t[i] && t[i] <= 'f' || 'A' <= t[i] && t[i] <= 'F')) {
		i++
	}
	if i >= len(t) || t[i] != ';' {
		return 0, 0
	}
	v, err := strconv.ParseUint(t[start:i], base, 64)
	if err != nil || v > utf8.MaxRune {
		return 0, 0
	}
	r = rune(v)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return r, i + 1
}

// appendText appends character data or an attribute value that checkText accepted to b,
// entities replaced and "\r\n" and "\r" turned into "\n".
func appendText(b []byte, t string) []byte {
	prev := byte(0)
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c == '&':
			switch {
			case strings.HasPrefix(t[i:], "&lt;"):
				b, i = append(b, '<'), i+4
			case strings.HasPrefix(t[i:], "&gt;"):
				b, i = append(b, '>'), i+4
			case strings.HasPrefix(t[i:], "&amp;"):
				b, i = append(b, '&'), i+5
			case strings.HasPrefix(t[i:], "&apos;"):
				b, i = append(b, '\''), i+6
			case strings.HasPrefix(t[i:], "&quot;"):
				b, i = append(b, '"'), i+6
			default:
				r, n := charRef(t[i:])
				if n == 0 { // not checked by checkText: keep the byte, move on
					b, n = append(b, c), 1
				} else {
					b = utf8.AppendRune(b, r)
				}
				i += n
			}
			prev = 0
			continue
		default:
			b = appendEOL(b, c, prev)
		}
		prev = c
		i++
	}
	return b
}

// appendCDATA appends the content of a CDATA section to b, "\r\n" and "\r" turned into "\n".
func appendCDATA(b []byte, t string) []byte {
	prev := byte(0)
	for i := 0; i < len(t); i++ {
		b = appendEOL(b, t[i], prev)
		prev = t[i]
	}
	return b
}

// appendEOL appends the byte c, which follows prev, with XML's end-of-line handling: "\r"
// becomes "\n" and the "\n" of "\r\n" is dropped.
func appendEOL(b []byte, c, prev byte) []byte {
	switch {
	case c == '\r':
		return append(b, '\n')
	case c == '\n' && prev == '\r':
		return b
	}
	return append(b, c)
}

// isXMLChar reports whether r is in XML's Char production, as encoding/xml checks it.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// scanName returns the name at s[i:], the offset after it and the number of colons in it.
// Only ASCII names are read: colons is -1 when there is none, or when a byte that is not
// ASCII follows.
func scanName(s string, i int) (name string, next, colons int) {
	start := i
	if i >= len(s) || !isNameStart(s[i]) {
		return "", 0, -1
	}
	for i++; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '_' || c == '.' || c == '-' {
			continue
		}
		if c == ':' {
			colons++
			continue
		}
		if c >= utf8.RuneSelf {
			return "", 0, -1
		}
		break
	}
	if s[start] == ':' {
		colons++
	}
	return s[start:i], i, colons
}

// scanQName is scanName for the name of an element or an attribute, which may hold one colon
// at most. It returns the offset after the name.
func scanQName(s string, i int) (next int, ok bool) {
	_, next, colons := scanName(s, i)
	return next, colons == 0 || colons == 1
}

// isNameStart reports whether c may start an ASCII XML name.
func isNameStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':'
}

// splitQName splits a name at its colon as encoding/xml does: a name without a colon, or with
// nothing on one side of it, is all local.
func splitQName(name string) (prefix, local string) {
	p, l, ok := strings.Cut(name, ":")
	if !ok || p == "" || l == "" {
		return "", name
	}
	return p, l
}

// skipSpace returns the offset of the first byte at or after i that is not XML white space.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

// procInstParam returns the value of param="..." or param='...' in the content of a
// processing instruction, "" when there is none. It finds it as encoding/xml does.
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}
