package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/parse"
)

// Document-sharing sites (文库 pages that mirror an uploaded .doc or .xlsx) show the text of
// the file in chunks of a fixed number of characters, each chunk a paragraph numbered 1、
// 2、 3、 …; a chunk ends wherever the count runs out, in the middle of a table cell or a
// word. Read as they stand, the numbers look like list items and every cut splits a cell
// (音响、 | 灯光、道具…). joinPageChunks puts such a run back together as one paragraph.

// minChunkRunes is the shortest chunk taken for a fixed-size page chunk; list items of this
// length are rare, and never all of one length.
const minChunkRunes = 150

// joinPageChunks returns doc with each run of page chunks joined into one paragraph at the
// first chunk's place, or doc itself when it holds none.
func joinPageChunks(doc *parse.Document) *parse.Document {
	var out *parse.Document
	for i := 0; i < len(doc.Blocks); {
		n := chunkRun(doc.Blocks[i:])
		if n == 0 {
			if out != nil {
				out.Blocks = append(out.Blocks, doc.Blocks[i])
			}
			i++
			continue
		}
		if out == nil {
			out = &parse.Document{Format: doc.Format, Encoding: doc.Encoding, Blocks: append(make([]parse.Block, 0, len(doc.Blocks)), doc.Blocks[:i]...)}
		}
		var sb strings.Builder
		for _, b := range doc.Blocks[i : i+n] {
			_, body, _ := chunkBody(b)
			sb.WriteString(body)
		}
		joined := doc.Blocks[i]
		joined.Text, joined.Level = sb.String(), 0
		out.Blocks = append(out.Blocks, joined)
		i += n
	}
	if out == nil {
		return doc
	}
	return out
}

// chunkRun is the number of blocks at the start of bs that are page chunks 1、 2、 … of one
// text: at least two consecutive paragraphs numbered from 1, every chunk but the last of
// one length (±1 character) and at least minChunkRunes long, the last no longer, and no
// chunk but the last ending a sentence. 0 when bs does not start such a run.
func chunkRun(bs []parse.Block) int {
	size, n := 0, 0
	for n < len(bs) {
		k, body, ok := chunkBody(bs[n])
		if !ok || k != n+1 {
			break
		}
		runes := utf8.RuneCountInString(body)
		if n == 0 {
			size = runes
		}
		if size < minChunkRunes || runes > size+1 {
			break
		}
		n++
		if runes < size-1 {
			break // a shorter chunk is the last
		}
	}
	if n < 2 {
		return 0
	}
	for _, b := range bs[:n-1] {
		if _, body, _ := chunkBody(b); endsSentence(body) {
			return 0
		}
	}
	return n
}

// chunkBody splits a paragraph "12、text" into its number and text.
func chunkBody(b parse.Block) (k int, body string, ok bool) {
	if b.Kind != parse.Paragraph {
		return 0, "", false
	}
	s := b.Text
	i := 0
	for i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '9' {
		k = k*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || !strings.HasPrefix(s[i:], "、") {
		return 0, "", false
	}
	return k, s[i+len("、"):], true
}
