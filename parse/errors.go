package parse

import (
	"errors"
	"fmt"
)

// Failure classes a user sees. Each is wrapped with the file's context and
// turned into the reports table's error message by Message.
var (
	// ErrEmpty: the file holds no bytes, or no text at all.
	ErrEmpty = errors.New("empty file")
	// ErrNotDocument: the bytes are not a document jixiao can read (random bytes, an image, a zip of other things).
	ErrNotDocument = errors.New("not a document")
	// ErrEncrypted: an Office file or PDF protected with a password.
	ErrEncrypted = errors.New("encrypted document")
	// ErrLegacyFormat: a binary Word file older than Word 97 (Word 6.0/95), or a Works .wps.
	ErrLegacyFormat = errors.New("legacy binary format")
	// ErrLegacyWorkbook: an Excel 97-2003 .xls (BIFF) workbook, which jixiao does not read;
	// saved as .xlsx it is read.
	ErrLegacyWorkbook = errors.New("legacy Excel workbook")
	// ErrPDF: a PDF without a text layer (a scan), or whose text cannot be decoded.
	ErrPDF = errors.New("pdf without text")
	// ErrCorrupt: a damaged or truncated file (bad zip, malformed XML, a .doc whose piece
	// table does not fit, a PDF without pages).
	ErrCorrupt = errors.New("corrupt file")
	// ErrEncoding: text whose encoding could not be determined.
	ErrEncoding = errors.New("unreadable text encoding")
	// ErrLimit: the file exceeds one of the configured limits; see LimitError.
	ErrLimit = errors.New("over a limit")
)

// LimitError says which limit a file exceeded. It matches ErrLimit with errors.Is.
type LimitError struct {
	// Name is the limit's name as the command-line flag spells it, e.g. "max-file-bytes".
	Name string
	// Limit is the configured value.
	Limit int64
	// what names what went over the limit when it is not what the limit is named after
	// (the streams of a PDF over max-zip-total); Message words it.
	what string
}

// Error names the limit and its value.
func (e *LimitError) Error() string {
	return fmt.Sprintf("over the %s limit (%d)", e.Name, e.Limit)
}

// Is makes errors.Is(err, ErrLimit) true for a LimitError.
func (e *LimitError) Is(target error) bool { return target == ErrLimit }

// fileError is a failure class with a plain description of what the file turned out to be
// ("zip archive without word/document.xml") and, optionally, the lower-level error behind it.
// Message puts the description into the user's message; errors.Is sees the class and the
// cause through Unwrap.
type fileError struct {
	what  string // what the file is or what is wrong with it, plain English, no file name
	class error  // one of the sentinel errors above
	cause error  // the error of the library that noticed, or nil
	// zh and todo, when set, replace the class's Chinese hint and advice in Message.
	zh, todo string
}

func (e *fileError) Error() string {
	if e.cause == nil {
		return e.what + ": " + e.class.Error()
	}
	return e.what + ": " + e.class.Error() + ": " + e.cause.Error()
}

func (e *fileError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.class}
	}
	return []error{e.class, e.cause}
}

// fail returns an error of the given class that says what the file is.
func fail(class error, what string) error {
	return &fileError{what: what, class: class}
}

// failZh is fail with its own Chinese hint and advice, for a file the class's words misname.
func failZh(class error, what, zh, todo string) error {
	return &fileError{what: what, class: class, zh: zh, todo: todo}
}

// failCause is fail with the lower-level error that showed the problem.
func failCause(class error, what string, cause error) error {
	return &fileError{what: what, class: class, cause: cause}
}

// limitError returns the LimitError for the named limit.
func limitError(name string, limit int64) error {
	return &LimitError{Name: name, Limit: limit}
}
