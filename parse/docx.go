package parse

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/nguyenthenguyen/docx"
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
// (as the docx library does), or nil.
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
	main := findMember(zr, docxMain)
	if main == nil {
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
	content, err := contentViaLibrary(data)
	if err != nil {
		// The library also fails on a missing word/_rels/document.xml.rels, which Word
		// does not need to show the text; read the body ourselves then.
		content, err = readMember(main, lim.MaxZipMember)
		if err != nil {
			return err
		}
	}
	doc.Format = FormatDOCX
	return walkDocx(ctx, doc, content, lim)
}

// contentViaLibrary returns word/document.xml as the docx library reads it.
func contentViaLibrary(data []byte) (content string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("docx library: %v", r)
		}
	}()
	r, err := docx.ReadDocxFromMemory(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	defer r.Close()
	return r.Editable().GetContent(), nil
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
