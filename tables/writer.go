package tables

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// RowGroupRows is the most rows a Writer buffers before it writes them out as one
// Parquet row group.
const RowGroupRows = 10_000

// RowGroupBytes is the most text a Writer buffers before it writes a row group, fewer
// rows than RowGroupRows if need be: 10,000 sections or findings hold 10 to 20 MB of text,
// which the column builders double and the dictionaries copy again, for every table
// being written at once.
const RowGroupBytes = 4 << 20

// sizeCheckRows is how often, in rows, a Writer adds up the text it buffers.
const sizeCheckRows = 64

// dictionaryPageLimit bounds a column chunk's dictionary page; see CreateAt.
const dictionaryPageLimit = 1 << 30

// ErrClosed is returned by a Writer used after Close or Abort.
var ErrClosed = errors.New("table writer already closed")

// Writer streams the rows of one table into a Parquet file. Rows are written
// in row groups of RowGroupRows (or RowGroupBytes of text) to a temporary file next to the table
// (reports.parquet.tmp-123456); Close (or Finish, then Close) completes it and
// renames it into place,
// so the table appears whole or not at all. Abort, or any failed Write or
// Close, removes the temporary file and leaves any earlier table of the same
// name untouched.
//
// A Writer is not safe for concurrent use.
type Writer[R Row] struct {
	t     table[R]
	final string
	f     *os.File
	buf   *bufio.Writer
	fw    *pqarrow.FileWriter
	rb    *array.RecordBuilder
	n     int   // rows buffered in rb
	rows  int64 // rows written in all
	err   error // sticky: set once the writer is finished, well or badly
	state writerState
}

type writerState int

const (
	writerOpen     writerState = iota
	writerFinished             // the temporary file is complete, not yet renamed
	writerClosed               // renamed into place, or aborted
)

// Create opens a Writer for R's table in the folder dir, which must exist.
// The table's file (FileName[R]) appears in dir only when Close succeeds.
func Create[R Row](dir string) (*Writer[R], error) {
	return CreateAt[R](filepath.Join(dir, tableOf[R]().file))
}

// CreateAt opens a Writer for R's table that writes the file path, whose folder must exist:
// one part of a partitioned dataset (figures/report_year=2024/part-0.parquet). The file
// appears only when Close succeeds.
func CreateAt[R Row](path string) (*Writer[R], error) {
	return createWith(tableOf[R](), path)
}

// createWith opens a Writer of table t at path (CreateAt).
func createWith[R Row](t table[R], path string) (*Writer[R], error) {
	final := path
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", final, err)
	}
	opts := []parquet.WriterProperty{
		parquet.WithCompression(compress.Codecs.Zstd),
		// zstd's fastest level: its pooled encoders keep a small window (the default level's
		// held 32 MB for the whole of a run) for files some 5 % larger, and less CPU.
		parquet.WithCompressionLevel(1),
		parquet.WithMaxRowGroupLength(RowGroupRows),
		// A column chunk whose dictionary outgrows the limit falls back to plain pages, and
		// arrow-go then lists the chunk's two page encodings in map order: the same rows
		// would give different bytes from run to run. Row groups are small enough
		// (RowGroupRows) that the dictionary can always be kept.
		parquet.WithDictionaryPageSizeLimit(dictionaryPageLimit),
	}
	for _, c := range t.plain {
		opts = append(opts, parquet.WithDictionaryFor(c, false))
	}
	props := parquet.NewWriterProperties(opts...)
	schema := t.schema()
	buf := bufio.NewWriterSize(f, 1<<20)
	fw, err := pqarrow.NewFileWriter(schema, buf, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("create %s: %w", final, err)
	}
	return &Writer[R]{
		t:     t,
		final: final,
		f:     f,
		buf:   buf,
		fw:    fw,
		rb:    array.NewRecordBuilder(memory.NewGoAllocator(), schema),
	}, nil
}

// Path is where the table will be once Close succeeds.
func (w *Writer[R]) Path() string { return w.final }

// Rows counts the rows passed to Write so far.
func (w *Writer[R]) Rows() int64 { return w.rows }

// Write adds rows to the table. A failed Write aborts the Writer; Write after
// Finish, Close or Abort returns ErrClosed.
func (w *Writer[R]) Write(rows ...R) error {
	if w.state != writerOpen {
		return w.closedErr()
	}
	for i := range rows {
		for j, c := range w.t.columns {
			if err := c.put(w.rb.Field(j), &rows[i]); err != nil {
				return w.fail(fmt.Errorf("write %s row %d: %w", w.final, w.rows+1, err))
			}
		}
		w.n++
		w.rows++
		if w.n == RowGroupRows || (w.n%sizeCheckRows == 0 && w.textBytes() >= RowGroupBytes) {
			if err := w.flush(true); err != nil {
				return err
			}
		}
	}
	return nil
}

// textBytes is the size of the text in the string columns' builders.
func (w *Writer[R]) textBytes() int {
	n := 0
	for _, f := range w.rb.Fields() {
		if b, ok := f.(*array.StringBuilder); ok {
			n += b.DataLen()
		}
	}
	return n
}

// flush writes the buffered rows as one row group. With more to come, the builders are
// then given the room the group took: the next one is likely as large, and growing each
// column from nothing by doubling was half of what writing a table allocated.
func (w *Writer[R]) flush(more bool) error {
	rows := w.n
	var text []int // each string column's bytes in the group, when more are to come
	if more {
		text = make([]int, len(w.rb.Fields()))
		for j, f := range w.rb.Fields() {
			if b, ok := f.(*array.StringBuilder); ok {
				text[j] = b.DataLen()
			}
		}
	}
	rec := w.rb.NewRecordBatch()
	defer rec.Release()
	w.n = 0
	if err := w.fw.Write(rec); err != nil {
		return w.fail(fmt.Errorf("write %s: %w", w.final, err))
	}
	if !more {
		return nil
	}
	w.rb.Reserve(rows)
	for j, f := range w.rb.Fields() {
		if b, ok := f.(*array.StringBuilder); ok {
			b.ReserveData(text[j])
		}
	}
	return nil
}

// Finish writes the remaining rows and the file footer and syncs the
// temporary file, without renaming it into place yet: a run writing several
// tables finishes them all before it closes any, so that a failure leaves
// none of them behind. After Finish, only Close and Abort may be called.
func (w *Writer[R]) Finish() error {
	if w.state != writerOpen {
		return w.closedErr()
	}
	if w.n > 0 {
		if err := w.flush(false); err != nil {
			return err
		}
	}
	steps := []func() error{w.fw.Close, w.buf.Flush, w.f.Sync, func() error { return w.f.Chmod(0o644) }, w.f.Close}
	for _, step := range steps {
		if err := step(); err != nil {
			return w.fail(fmt.Errorf("write %s: %w", w.final, err))
		}
	}
	w.state = writerFinished
	w.buf, w.fw = nil, nil // a finished table waiting to be renamed holds no buffers
	return nil
}

// Close finishes the table (see Finish) if that is not done yet, and renames
// it into place. On error the temporary file is removed and no table is left
// behind. Close after Close or Abort returns ErrClosed.
func (w *Writer[R]) Close() error {
	if w.state == writerOpen {
		if err := w.Finish(); err != nil {
			return err
		}
	}
	if w.state != writerFinished {
		return w.closedErr()
	}
	if err := os.Rename(w.f.Name(), w.final); err != nil {
		return w.fail(fmt.Errorf("write %s: %w", w.final, err))
	}
	w.rb.Release()
	w.state = writerClosed
	w.err = ErrClosed
	return nil
}

// Abort discards the table: the temporary file is removed and nothing is
// renamed into place. Abort after Close or Abort does nothing.
func (w *Writer[R]) Abort() error {
	if w.state == writerClosed {
		return nil
	}
	w.err = ErrClosed
	return w.discard()
}

// fail aborts the writer, removing its temporary file, and returns err.
func (w *Writer[R]) fail(err error) error {
	w.err = err
	if rmErr := w.discard(); rmErr != nil {
		return errors.Join(err, rmErr)
	}
	return err
}

// discard closes and removes the temporary file and marks the writer closed.
func (w *Writer[R]) discard() error {
	w.state = writerClosed
	w.rb.Release()
	name := w.f.Name()
	w.f.Close() // the file is thrown away; a close error changes nothing
	if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove temporary file: %w", err)
	}
	return nil
}

func (w *Writer[R]) closedErr() error {
	if w.err != nil && !errors.Is(w.err, ErrClosed) {
		return fmt.Errorf("%w (after: %w)", ErrClosed, w.err)
	}
	return ErrClosed
}

// WriteFile writes rows as R's table in dir in one go: Create, Write, Close.
func WriteFile[R Row](dir string, rows []R) error {
	w, err := Create[R](dir)
	if err != nil {
		return err
	}
	if err := w.Write(rows...); err != nil {
		return err
	}
	return w.Close()
}
