package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// input is one file to read: where it is, and how the tables name it.
type input struct {
	file string // path on this machine
	path string // the path column
	err  error  // set when the file is known to be unreadable before opening (a folder that cannot be listed)
}

// Junk reports whether a file or folder name is one jixiao never reads when it
// finds it in a folder: hidden names (.DS_Store, ._report.docx, .git), Office
// lock and temporary files (~$report.docx, ~WRL0001.tmp), and the thumbnail
// and settings files of Windows (Thumbs.db, desktop.ini) and macOS
// (__MACOSX). A file named directly as an input is always read.
func Junk(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "~$"):
		return true
	case strings.HasPrefix(lower, "~wr") && strings.HasSuffix(lower, ".tmp"):
		return true
	}
	switch lower {
	case "thumbs.db", "ehthumbs.db", "desktop.ini", "__macosx":
		return true
	}
	return false
}

// PathColumn turns a path relative to its input folder into the path column:
// '/'-separated, with every byte that is not part of valid UTF-8 written as
// \xNN (lower-case hex, as strconv.Quote writes it), so the column is valid
// UTF-8 and still tells the original bytes apart. Valid text, backslashes
// included, is kept as it is.
func PathColumn(rel string) string {
	rel = filepath.ToSlash(rel)
	if utf8.ValidString(rel) {
		return rel
	}
	var b strings.Builder
	for i := 0; i < len(rel); {
		r, size := utf8.DecodeRuneInString(rel[i:])
		if r == utf8.RuneError && size <= 1 {
			fmt.Fprintf(&b, `\x%02x`, rel[i])
			i++
			continue
		}
		b.WriteString(rel[i : i+size])
		i += size
	}
	return b.String()
}

// expand lists the files of the inputs in a stable order: the inputs in the
// order given, each folder's files in lexical order (filepath.WalkDir).
// Symbolic links to files are inputs; symbolic links to folders are not
// followed (so link loops are harmless), except when a link is itself an
// input. The folder skip (the output folder) is not searched. expand fails
// only when an input does not exist.
func expand(inputs []string, skip os.FileInfo, log *slog.Logger) (files []input, junk int, err error) {
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, 0, configErrorf(err, "input %s does not exist", in)
		}
		if err != nil {
			return nil, 0, configErrorf(err, "input %s: %v", in, err)
		}
		if !fi.IsDir() {
			files = append(files, input{file: in, path: PathColumn(filepath.Base(in))})
			continue
		}
		root := in
		if lfi, err := os.Lstat(in); err == nil && lfi.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not descend into a root that is a link; walk its target.
			if root, err = filepath.EvalSymlinks(in); err != nil {
				return nil, 0, configErrorf(err, "input %s: %v", in, err)
			}
		}
		walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if p == root {
				return err // the root vanished: report it
			}
			rel, relErr := filepath.Rel(root, p)
			if relErr != nil {
				return relErr
			}
			col := PathColumn(rel)
			if err != nil {
				// A folder that cannot be listed (WalkDir calls once more with the
				// error) or an entry that vanished: a failed row, never dropped.
				log.Warn("cannot read", "path", col, "err", err)
				files = append(files, input{file: p, path: col, err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if Junk(d.Name()) {
				log.Debug("skipping junk file", "path", col)
				if d.IsDir() {
					return fs.SkipDir
				}
				junk++
				return nil
			}
			if d.IsDir() {
				if skip != nil {
					if dfi, err := d.Info(); err == nil && os.SameFile(dfi, skip) {
						log.Debug("skipping the output folder", "path", col)
						return fs.SkipDir
					}
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if target, err := os.Stat(p); err == nil && target.IsDir() {
					log.Info("not following a link to a folder", "path", col)
					return nil
				}
				// A link to a file, or a broken link: reading it tells which.
			}
			files = append(files, input{file: p, path: col})
			return nil
		})
		if walkErr != nil {
			return nil, 0, fmt.Errorf("input %s: %w", in, walkErr)
		}
	}
	return files, junk, nil
}
