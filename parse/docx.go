package parse

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
)

// docxMain is the zip member holding a .docx's body.
const docxMain = "word/document.xml"

// memberSizeHint caps the room made in advance for a zip member's declared size.
const memberSizeHint = 8 << 20

// openZip opens data as a zip archive. Member names that would be unsafe to extract
// (../../x, absolute paths) are no reason to refuse: nothing is ever extracted to disk.
func openZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if errors.Is(err, zip.ErrInsecurePath) && zr != nil {
		err = nil
	}
	return zr, err
}

// findMember returns the member called name, the last one when the archive holds several
// (as Word and the usual readers do), or nil.
func findMember(zr *zip.Reader, name string) *zip.File {
	var found *zip.File
	for _, f := range zr.File {
		if f.Name == name {
			found = f
		}
	}
	return found
}

// readDocx reads a .docx into doc.
//
// Before anything is decompressed, the sizes the zip declares for its members are checked
// against lim.MaxZipMember and lim.MaxZipTotal; archive/zip fails a member that inflates to
// more than it declared, so those checks bound the bytes decompressed (a zip bomb cannot lie
// its way past them).
func readDocx(ctx context.Context, doc *Document, data []byte, lim Limits) error {
	zr, err := openZip(data)
	if err != nil {
		return failCause(ErrCorrupt, "truncated or damaged zip archive", err)
	}
	name := mainPart(zr)
	if name == "" {
		return fail(ErrNotDocument, "zip archive without "+docxMain)
	}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(lim.MaxZipMember) {
			return limitError("max-zip-member", lim.MaxZipMember)
		}
		total += f.UncompressedSize64 // no overflow: each term is below 2^63, checked below each time
		if total > uint64(lim.MaxZipTotal) {
			return limitError("max-zip-total", lim.MaxZipTotal)
		}
	}
	parts := partsOf(zr, name)
	content, err := readMember(findMember(zr, name), lim.MaxZipMember)
	if err != nil {
		return err
	}
	doc.Format = FormatDOCX
	w := &walker{doc: doc, lim: lim, notes: map[string][]string{}}
	for _, n := range parts.notes {
		if err := readAuxPart(ctx, zr, n, w, lim); err != nil {
			return err
		}
	}
	w.note = ""
	if err := walkInto(ctx, w, content, name); err != nil {
		return err
	}
	return readFurniture(ctx, zr, parts.furniture, w, lim)
}

// readAuxPart reads a notes part into w.notes. A damaged one is left out (the body is what
// matters); a limit exceeded or the end of ctx is an error.
func readAuxPart(ctx context.Context, zr *zip.Reader, name string, w *walker, lim Limits) error {
	content, err := readMember(findMember(zr, name), lim.MaxZipMember)
	if err == nil {
		w.note = ""
		err = walkInto(ctx, w, content, name)
	}
	var le *LimitError
	if errors.As(err, &le) || (err != nil && ctx.Err() != nil) {
		return err
	}
	return nil
}

// readFurniture adds the paragraphs and tables of the headers and footers after the body,
// each text once however many of them repeat it (first page, even pages, others).
func readFurniture(ctx context.Context, zr *zip.Reader, names []string, w *walker, lim Limits) error {
	seen := map[string]bool{}
	for _, name := range names {
		content, err := readMember(findMember(zr, name), lim.MaxZipMember)
		if err != nil {
			continue
		}
		part := &Document{}
		pw := &walker{doc: part, lim: lim, chars: w.chars}
		err = walkInto(ctx, pw, content, name)
		var le *LimitError
		if errors.As(err, &le) || (err != nil && ctx.Err() != nil) {
			return err
		}
		if err != nil {
			continue
		}
		w.chars = pw.chars
		for _, b := range part.Blocks {
			key := b.Text + "\x00" + flatten(b.Cells)
			if seen[key] {
				continue
			}
			seen[key] = true
			w.file(b)
		}
	}
	return nil
}

// readMember decompresses one zip member, at most max bytes of it.
func readMember(f *zip.File, max int64) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", failCause(ErrCorrupt, "damaged zip member "+f.Name, err)
	}
	defer rc.Close()
	// Room for the size the member declares saves growing the buffer; it is only a hint,
	// capped so that a lying header cannot make us allocate much for nothing.
	var buf bytes.Buffer
	buf.Grow(int(min(f.UncompressedSize64, memberSizeHint)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(rc, max+1)); err != nil {
		return "", failCause(ErrCorrupt, "damaged zip member "+f.Name, err)
	}
	if int64(buf.Len()) > max {
		return "", limitError("max-zip-member", max)
	}
	return buf.String(), nil
}
