package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"
)

// This file reads the text layer of a PDF. The objects are found by scanning the file for
// "N G obj" (later definitions win, as incremental updates mean), object streams included, so
// a damaged cross-reference table does not matter. The pages of the page tree are walked in
// order and their content streams interpreted for the text they show (pdftext.go), decoded
// with each font's ToUnicode CMap or encoding (pdffont.go). The text becomes one line per
// baseline, and the lines become blocks as in a text file: a paragraph per line, and tables
// from runs of lines whose cells stand apart (see textBlocks).

// pdfReader holds a PDF's objects and the limits of reading it.
type pdfReader struct {
	ctx      context.Context
	data     []byte
	lim      Limits
	objs     map[int]any // object number → value (a *pdfStream for streams)
	trailer  pdfDict
	encrypt  bool
	inflated int64 // bytes decompressed so far, against lim.MaxZipTotal
	fonts    map[pdfRef]*pdfFont
	work     int64 // content bytes interpreted so far, against lim.MaxZipTotal
}

// readPDF reads a PDF's text layer into doc.
func readPDF(ctx context.Context, doc *Document, data []byte, lim Limits) error {
	r := &pdfReader{ctx: ctx, data: data, lim: lim, objs: map[int]any{}, fonts: map[pdfRef]*pdfFont{}}
	if err := r.scan(); err != nil {
		return err
	}
	if r.encrypt {
		return fail(ErrEncrypted, "encrypted PDF")
	}
	pages, err := r.pages()
	if err != nil {
		return err
	}
	var items [][]pdfItem
	var chars int64
	ex := &pdfExtract{r: r}
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		lines, err := ex.page(p)
		if err != nil {
			return err
		}
		for _, l := range lines {
			for _, c := range l.chunks {
				if chars += int64(utf8.RuneCountInString(c.text)); chars > lim.MaxChars {
					return limitError("max-chars", lim.MaxChars)
				}
			}
		}
		items = append(items, layoutPage(lines))
	}
	if ex.glyphs == 0 {
		return fail(ErrPDF, "PDF without a text layer")
	}
	if ex.unmapped*2 > ex.glyphs {
		return failZh(ErrPDF, "PDF whose fonts have no Unicode map (its text cannot be copied out; not a scan)", "字体无Unicode映射",
			"export the report again from Word or WPS as PDF, or as .docx")
	}
	if chars == 0 {
		return fail(ErrPDF, "PDF without a text layer")
	}
	blocks, err := pdfBlocks(ctx, items, lim)
	if err != nil {
		return err
	}
	doc.Blocks = blocks
	return nil
}

// corruptPDF is the error of a PDF the reader cannot make sense of.
func corruptPDF(what string) error {
	return fail(ErrCorrupt, "damaged PDF ("+what+")")
}

// scan finds every "N G obj" of the file and parses the object, skipping over stream data,
// then the objects of the object streams, and the trailer: the last trailer dictionary, or
// the last cross-reference stream's dictionary.
func (r *pdfReader) scan() error {
	data := r.data
	var objStms []int
	var xrefStm pdfDict
	nextTrailer := -1 // the position of the next "trailer" at or after i, or len(data)
	for i, count := 0, 0; ; count++ {
		if count%4096 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		if nextTrailer < i {
			nextTrailer = len(data)
			if t := bytes.Index(data[i:], []byte("trailer")); t >= 0 {
				nextTrailer = i + t
			}
		}
		k := bytes.Index(data[i:], []byte("obj"))
		if t := nextTrailer - i; nextTrailer < len(data) && (k < 0 || t < k) {
			l := pdfLexer{data: data, pos: i + t + len("trailer")}
			if d, err := l.object(l.next(), 0); err == nil {
				if d, ok := d.(pdfDict); ok {
					// A linearized file's last trailer may lack /Root (the first page's
					// trailer, at the start, has it): keep the last trailer that has one.
					if d["Root"] != nil || r.trailer == nil || r.trailer["Root"] == nil {
						r.trailer = d
					}
					if d["Encrypt"] != nil {
						r.encrypt = true
					}
				}
			}
			i += t + len("trailer")
			continue
		}
		if k < 0 {
			break
		}
		at := i + k
		i = at + 3
		num, gen, ok := objHeader(data, at)
		if !ok || (at+3 < len(data) && !isPDFSpace(data[at+3]) && !isPDFDelim(data[at+3])) {
			continue
		}
		l := pdfLexer{data: data, pos: at + 3}
		v, err := l.object(l.next(), 0)
		if err != nil && v == nil {
			continue
		}
		_ = gen
		if d, ok := v.(pdfDict); ok {
			save := l.pos
			if kw := l.next(); kw.kind == tokKeyword && kw.str == "stream" {
				start := l.pos
				if start < len(data) && data[start] == '\r' {
					start++
				}
				if start < len(data) && data[start] == '\n' {
					start++
				}
				end := streamEnd(data, start, d)
				v = &pdfStream{dict: d, raw: data[start:end]}
				i = end
				switch d.name("Type") {
				case "ObjStm":
					objStms = append(objStms, num)
				case "XRef":
					xrefStm = d
					if d["Encrypt"] != nil {
						r.encrypt = true
					}
				}
			} else {
				l.pos = save
				i = max(i, l.pos)
			}
		} else {
			i = max(i, l.pos)
		}
		r.objs[num] = v
	}
	if r.encrypt {
		return nil
	}
	for _, n := range objStms {
		if err := r.readObjStm(n); err != nil {
			return err
		}
	}
	if r.trailer == nil || r.trailer["Root"] == nil {
		if xrefStm != nil {
			r.trailer = xrefStm
		}
	}
	if len(r.objs) == 0 {
		return corruptPDF("no objects")
	}
	return nil
}

// objHeader reads the "N G" before the obj keyword at at.
func objHeader(data []byte, at int) (num, gen int, ok bool) {
	i := at
	readInt := func() (int, bool) {
		for i > 0 && isPDFSpace(data[i-1]) {
			i--
		}
		end := i
		for i > 0 && '0' <= data[i-1] && data[i-1] <= '9' && end-i < 10 {
			i--
		}
		if i == end {
			return 0, false
		}
		v := 0
		for _, c := range data[i:end] {
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	if gen, ok = readInt(); !ok || i == at {
		return 0, 0, false
	}
	if num, ok = readInt(); !ok {
		return 0, 0, false
	}
	if i > 0 && !isPDFSpace(data[i-1]) && !isPDFDelim(data[i-1]) {
		return 0, 0, false
	}
	return num, gen, true
}

// streamEnd finds where a stream's data ends: after /Length bytes when "endstream" follows
// there, else just before the next "endstream".
func streamEnd(data []byte, start int, d pdfDict) int {
	if n, ok := d.num("Length"); ok && n >= 0 && float64(start)+n <= float64(len(data)) {
		end := start + int(n)
		j := end
		for j < len(data) && isPDFSpace(data[j]) {
			j++
		}
		if bytes.HasPrefix(data[j:], []byte("endstream")) {
			return end
		}
	}
	k := bytes.Index(data[start:], []byte("endstream"))
	if k < 0 {
		return len(data)
	}
	end := start + k
	if end > start && data[end-1] == '\n' {
		end--
	}
	if end > start && data[end-1] == '\r' {
		end--
	}
	return end
}

// readObjStm adds the objects of the object stream numbered n; objects defined directly in
// the file keep their definition.
func (r *pdfReader) readObjStm(n int) error {
	s, ok := r.objs[n].(*pdfStream)
	if !ok {
		return nil
	}
	data, err := r.decodeStream(s)
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return err
		}
		return nil // a damaged object stream: its objects are missing
	}
	count, _ := s.dict.num("N")
	first, _ := s.dict.num("First")
	if count < 0 || first < 0 || first > float64(len(data)) {
		return nil
	}
	l := pdfLexer{data: data}
	for i := 0; i < int(min(count, float64(len(data)))); i++ {
		nt, ot := l.next(), l.next()
		if nt.kind != tokNumber || ot.kind != tokNumber || nt.num < 0 || ot.num < 0 {
			break
		}
		num, off := int(min(nt.num, 1<<30)), int(first)+int(min(ot.num, 1<<30))
		if off >= len(data) {
			continue
		}
		if _, direct := r.objs[num]; direct {
			continue
		}
		ol := pdfLexer{data: data, pos: off}
		if v, err := ol.object(ol.next(), 0); err == nil {
			r.objs[num] = v
		}
	}
	return nil
}

// resolve follows references (a chain of at most a few) to the value.
func (r *pdfReader) resolve(v any) any {
	for i := 0; i < 8; i++ {
		ref, ok := v.(pdfRef)
		if !ok {
			return v
		}
		v = r.objs[ref.num]
	}
	return nil
}

// dict resolves v to a dictionary; a stream gives its dictionary.
func (r *pdfReader) dict(v any) pdfDict {
	switch d := r.resolve(v).(type) {
	case pdfDict:
		return d
	case *pdfStream:
		return d.dict
	}
	return nil
}

// pdfPage is one page: its dictionary and the resources it inherits.
type pdfPage struct {
	dict      pdfDict
	resources pdfDict
}

// pages walks the page tree from the catalog's /Pages in order. Without a usable page tree,
// the /Type /Page objects are taken in object-number order.
func (r *pdfReader) pages() ([]pdfPage, error) {
	var out []pdfPage
	seen := map[pdfRef]bool{}
	var walk func(v any, res pdfDict, depth int)
	walk = func(v any, res pdfDict, depth int) {
		if depth > pdfMaxDepth || len(out) > 100000 {
			return
		}
		if ref, ok := v.(pdfRef); ok {
			if seen[ref] {
				return
			}
			seen[ref] = true
		}
		d := r.dict(v)
		if d == nil {
			return
		}
		if rd := r.dict(d["Resources"]); rd != nil {
			res = rd
		}
		kids, isTree := r.resolve(d["Kids"]).(pdfArray)
		if d.name("Type") == "Page" || (!isTree && d["Contents"] != nil) {
			out = append(out, pdfPage{dict: d, resources: res})
			return
		}
		for _, k := range kids {
			walk(k, res, depth+1)
		}
	}
	if root := r.dict(r.trailer["Root"]); root != nil {
		walk(root["Pages"], nil, 0)
	}
	if len(out) == 0 {
		nums := make([]int, 0, len(r.objs))
		for n := range r.objs {
			nums = append(nums, n)
		}
		sort.Ints(nums)
		for _, n := range nums {
			if d := r.dict(r.objs[n]); d != nil && d.name("Type") == "Page" {
				out = append(out, pdfPage{dict: d, resources: r.dict(d["Resources"])})
			}
		}
	}
	if len(out) == 0 {
		return nil, corruptPDF("no pages")
	}
	return out, nil
}

// contents returns the concatenated, decoded content streams of a page or form.
func (r *pdfReader) contents(v any) ([]byte, error) {
	var parts [][]byte
	add := func(v any) error {
		s, ok := r.resolve(v).(*pdfStream)
		if !ok {
			return nil
		}
		b, err := r.decodeStream(s)
		if err != nil {
			var le *LimitError
			if errors.As(err, &le) {
				return err
			}
			return nil // an undecodable stream shows nothing
		}
		parts = append(parts, b)
		return nil
	}
	switch c := r.resolve(v).(type) {
	case pdfArray:
		if len(c) > 100000 {
			return nil, corruptPDF(fmt.Sprintf("%d content streams on a page", len(c)))
		}
		for _, s := range c {
			if err := add(s); err != nil {
				return nil, err
			}
		}
	default:
		if err := add(v); err != nil {
			return nil, err
		}
	}
	return bytes.Join(parts, []byte{'\n'}), nil
}
