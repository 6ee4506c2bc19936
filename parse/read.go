package parse

import "context"

// Limits bound the work done on one file, so a hostile file cannot exhaust the machine.
type Limits struct {
	// MaxFileBytes is the most bytes read from one input file.
	MaxFileBytes int64
	// MaxZipTotal is the most bytes decompressed from one zip (.docx) in all.
	MaxZipTotal int64
	// MaxZipMember is the most bytes one zip member may decompress to.
	MaxZipMember int64
	// MaxXMLDepth is the deepest XML element nesting accepted.
	MaxXMLDepth int
	// MaxChars is the most characters of text one document may hold.
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

// Read parses the bytes of one file into a Document. name is the file's name, used only as a
// hint where the bytes cannot tell (.md from .txt, .wps from .doc). Errors wrap the sentinel
// errors of this package.
func Read(ctx context.Context, name string, data []byte, lim Limits) (*Document, error) {
	panic("parse.Read: not implemented yet")
}
