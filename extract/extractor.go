package extract

import (
	"context"

	"github.com/jixiao/jixiao/parse"
)

// Options configure an Extractor.
type Options struct {
	// MaxFigures is the most figures kept from one document; more is an error.
	MaxFigures int
}

// Extractor finds figures in documents. Build one per process with New (loading the
// dictionary is the expensive part) and share it between goroutines: Extract is safe for
// concurrent use.
type Extractor struct {
	opts Options
}

// New builds an Extractor, loading the segmentation dictionary and the finance lexicon.
func New(opts Options) (*Extractor, error) {
	return &Extractor{opts: opts}, nil
}

// Extract reads the identity, figures, claims and narrative sections of one document.
func (e *Extractor) Extract(ctx context.Context, doc *parse.Document) (*Result, error) {
	return &Result{}, nil
}
