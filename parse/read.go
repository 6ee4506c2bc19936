package parse

import (
	"context"
	"fmt"
	"io"
	"os"
)

// Limits bound the work done on one file, so a hostile file cannot exhaust the machine.
// A zero or negative field takes its value from DefaultLimits.
type Limits struct {
	// MaxFileBytes is the most bytes read from one input file.
	MaxFileBytes int64
	// MaxZipTotal is the most bytes decompressed from one zip (.docx) in all, and from the
	// streams of one PDF in all (its content streams interpreted count once more).
	MaxZipTotal int64
	// MaxZipMember is the most bytes one zip member, or one PDF stream, may decompress to.
	MaxZipMember int64
	// MaxXMLDepth is the deepest XML element nesting accepted.
	MaxXMLDepth int
	// MaxChars is the most characters of text one document may hold. Every grid position of a
	// table counts one more, so a table of millions of empty cells is over the limit too.
	MaxChars int64
}

// DefaultLimits are the limits used when none are given on the command line.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes: 64 << 20,
		MaxZipTotal:  256 << 20,
		MaxZipMember: 128 << 20,
		MaxXMLDepth:  256,
		MaxChars:     4_000_000,
	}
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxZipTotal <= 0 {
		l.MaxZipTotal = d.MaxZipTotal
	}
	if l.MaxZipMember <= 0 {
		l.MaxZipMember = d.MaxZipMember
	}
	if l.MaxXMLDepth <= 0 {
		l.MaxXMLDepth = d.MaxXMLDepth
	}
	if l.MaxChars <= 0 {
		l.MaxChars = d.MaxChars
	}
	return l
}

// Read parses the bytes of one file into a Document. name is the file's name, used only as a
// hint where the bytes cannot tell (.md from .txt, .wps from .doc) and as context in errors.
// Errors wrap the sentinel errors of this package (a limit exceeded is a *LimitError, which
// matches ErrLimit), or ctx's error when ctx ends; Message words them for people.
//
// The returned Document is never nil: on error it holds no blocks, but its Format still says
// what the bytes were recognised as (doc, pdf, ...), for the reports table's format column.
// A document without any text is ErrEmpty.
func Read(ctx context.Context, name string, data []byte, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	format := Detect(name, data)
	doc := &Document{Format: format}
	if err := ctx.Err(); err != nil {
		return doc, fmt.Errorf("%s: %w", name, err)
	}
	var err error
	switch {
	case int64(len(data)) > lim.MaxFileBytes:
		err = limitError("max-file-bytes", lim.MaxFileBytes)
	case len(data) == 0:
		err = fail(ErrEmpty, "file of zero bytes")
	default:
		switch format {
		case FormatDOCX, FormatZip:
			err = readDocx(ctx, doc, data, lim)
		case FormatDOC, FormatWPS:
			err = readDoc(ctx, doc, name, data, lim)
		case FormatOLE, FormatXLS:
			err = inspectOLE(name, data)
		case FormatXLSX:
			err = readXLSX(ctx, doc, data, lim)
		case FormatPDF:
			err = readPDF(ctx, doc, data, lim)
		case FormatText, FormatMD:
			err = readText(ctx, doc, data, lim)
		default:
			err = fail(ErrNotDocument, unknownWhat(data))
		}
	}
	if err == nil && len(doc.Blocks) == 0 {
		err = fail(ErrEmpty, "no text in the document")
	}
	if err != nil {
		doc.Blocks = nil
		return doc, fmt.Errorf("%s: %w", name, err)
	}
	return doc, nil
}

// ReadFile reads the file at path and parses it with Read. It refuses anything but a regular
// file (directories, devices, pipes) with ErrNotDocument, and a file larger than
// lim.MaxFileBytes with a *LimitError named "max-file-bytes", reading no more than one byte
// beyond the limit. Like Read, it never returns a nil Document.
func ReadFile(ctx context.Context, path string, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	doc := &Document{Format: FormatUnknown}
	data, err := readRegular(path, lim.MaxFileBytes)
	if err != nil {
		return doc, fmt.Errorf("%s: %w", path, err)
	}
	return Read(ctx, path, data, lim)
}

// readRegular reads at most max bytes of the regular file at path.
func readRegular(path string, max int64) ([]byte, error) {
	// Stat before opening: opening a named pipe would block until someone writes to it.
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fail(ErrNotDocument, "not a regular file ("+fi.Mode().Type().String()+")")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() { // replaced since the first look
		return nil, fail(ErrNotDocument, "not a regular file ("+fi.Mode().Type().String()+")")
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, limitError("max-file-bytes", max)
	}
	return data, nil
}
