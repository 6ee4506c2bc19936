package batch

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/parse"
	"github.com/jixiao/jixiao/tables"
)

// hostileFile is one file of the hostile folder and what its row must say.
type hostileFile struct {
	name     string   // name in the input folder, raw bytes ('/' for sub-folders)
	data     []byte   // content
	status   string   // the status column
	format   string   // the format column, "" to leave unchecked
	errParts []string // substrings of the error column
}

// TestHostileFolder runs the real parser and extractor over a folder of hostile and broken
// files beside one valid report, with the default limits, and checks the guarantees of the
// README's "Limits and failure modes": one row per file, each hostile file failed with a
// message naming its problem, the valid report read in full, the run quick, the heap
// bounded, and nothing written outside OUT (a zip member named ../../x is never extracted).
func TestHostileFolder(t *testing.T) {
	valid, err := os.ReadFile("../testdata/reports/longhui-kexie-2024.docx")
	if err != nil {
		t.Fatal(err)
	}
	legacy, err := os.ReadFile("../testdata/reports/旧版格式.doc")
	if err != nil {
		t.Fatal(err)
	}
	validText, err := os.ReadFile("../testdata/reports/longhui-kexie-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("隆回县科学技术协会\n2024年部门整体支出绩效自评报告\n一、部门概况\n"))
	if err != nil {
		t.Fatal(err)
	}
	lim := parse.DefaultLimits()
	files := []hostileFile{
		{"longhui-kexie-2024.docx", valid, "ok", "docx", nil},
		{"zipbomb.docx", zipBomb(t, 4<<30, 4<<30), "failed", "docx",
			[]string{"zip member that expands to more than 134217728 bytes (a zip bomb?)", "(超出处理上限)", "--max-zip-member"}},
		{"zipbomb-lying.docx", zipBomb(t, 1<<20, 4<<30), "failed", "docx",
			[]string{"damaged zip member word/document.xml (文件已损坏)"}},
		{"zipbomb-total.docx", zipBombTotal(t, 3, 100<<20), "failed", "docx",
			[]string{"zip archive that expands to more than 268435456 bytes in all", "--max-zip-total"}},
		{"deep.docx", docxZip(t, deepXML(200_000)), "failed", "docx",
			[]string{"XML nested deeper than 256 elements", "--max-xml-depth"}},
		{"laughs.docx", docxZip(t, billionLaughs), "failed", "docx",
			[]string{"DTD", "(文件已损坏)"}},
		{"truncated.docx", valid[:len(valid)/2], "failed", "docx",
			[]string{"truncated or damaged zip archive (文件已损坏)"}},
		{"encrypted.docx", oleFile(t,
			oleStream{"EncryptionInfo", append([]byte{4, 0, 4, 0, 0x40, 0, 0, 0}, `<?xml version="1.0"?><encryption/>`...)},
			oleStream{"EncryptedPackage", []byte{0x10, 0, 0, 0, 0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef}},
		), "failed", "ole", []string{"encrypted Office file (文件已加密)", "remove the password"}},
		{"legacy.doc", legacy, "failed", "doc", []string{"legacy Word .doc (旧版Word格式)"}},
		{"xls-named.docx", oleFile(t, oleStream{"Workbook", []byte("not a word document")}), "failed", "xls",
			[]string{"Excel 97-2003 workbook (.xls) (旧版Excel格式)", "save it as .xlsx"}},
		{"no-document.docx", zipOf(t, zipMember{"word/styles.xml", "<w:styles/>"}), "failed", "zip",
			[]string{"zip archive without word/document.xml (不是可读取的文档)"}},
		{"traversal.docx", zipOf(t,
			zipMember{"../../x", "escaped"},
			zipMember{"word/document.xml", documentXML(`<w:p><w:r><w:t>二、部门整体支出绩效情况</w:t></w:r></w:p>`)},
		), "partial", "docx", []string{"income.total, expenditure.total not found"}},
		{"malformed.docx", docxZip(t, documentXML(`<w:p><w:r><w:t>收入合计214.78万元</w:r></w:p>`)), "failed", "docx",
			[]string{"malformed XML in word/document.xml (文件已损坏)"}},
		{"bad-utf8.docx", docxZip(t, documentXML("<w:p><w:r><w:t>收入\xff\xfe合计</w:t></w:r></w:p>")), "failed", "docx",
			[]string{"(文件已损坏)"}},
		{"empty.txt", nil, "failed", "txt", []string{"file of zero bytes (文件无内容)"}},
		{"random.txt", randomBytes(64 << 10), "failed", "", []string{"binary data, not text (不是可读取的文档)"}},
		{"one-line.txt", oneLine(int(lim.MaxFileBytes)), "failed", "txt",
			[]string{"more than 4000000 characters", "--max-chars"}},
		{"utf16le-no-bom.txt", utf16LE(string(validText)), "ok", "txt", nil},
		{"fake.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /garbage"), "failed", "pdf",
			[]string{"damaged PDF", "(文件已损坏)"}},
		{"\xb1\xa8\xb8\xe6.txt", gbk, "partial", "txt", []string{"not found"}},
		{"sub/nested.md", []byte("# 标题\n\n正文\n"), "partial", "md", nil},
		{"sub/~$lock.docx", zipBomb(t, 4<<30, 4<<30), "", "", nil}, // junk: skipped, no row
	}

	base := t.TempDir()
	in := filepath.Join(base, "in")
	out := filepath.Join(base, "out")
	want := map[string]hostileFile{}
	for _, f := range files {
		p := filepath.Join(in, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			if strings.HasPrefix(f.name, "\xb1") {
				t.Logf("skipping the non-UTF-8 name: %v", err)
				continue
			}
			t.Fatal(err)
		}
		if f.status != "" {
			want[PathColumn(f.name)] = f
		}
	}
	// A link loop: sub/loop points back to the input folder. Links to folders are not
	// followed, so it gives no row and no endless walk.
	if err := os.Symlink("..", filepath.Join(in, "sub", "loop")); err != nil {
		t.Logf("no symlink loop: %v", err)
	}
	// A link to itself is no folder: it is read, and fails.
	if err := os.Symlink("self-loop.txt", filepath.Join(in, "self-loop.txt")); err != nil {
		t.Logf("no self link: %v", err)
	} else {
		want["self-loop.txt"] = hostileFile{status: "failed", errParts: []string{"unreadable file (无法读取): stat: too many levels of symbolic links"}}
	}

	ancestors := []string{base, filepath.Dir(base), filepath.Dir(filepath.Dir(base))}
	xBefore := map[string]bool{}
	for _, a := range ancestors {
		_, err := os.Lstat(filepath.Join(a, "x"))
		xBefore[a] = err == nil
	}
	before := snapshot(t, filepath.Dir(base), out)

	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var peak heapPeak
	peak.start(5 * time.Millisecond)
	start := time.Now()
	sum, err := Run(context.Background(), Config{Inputs: []string{in}, Out: out, Extractor: ex})
	elapsed := time.Since(start)
	baseline, peakHeap := peak.stop()
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Logf("hostile folder: %d files in %s; heap in use: %d MiB before, peak %d MiB (sampled every 5ms)",
		sum.Files, elapsed.Round(time.Millisecond), baseline>>20, peakHeap>>20)
	if elapsed > 60*time.Second {
		t.Errorf("the run took %s; a hostile file must not stall it", elapsed)
	}
	if peakHeap >= 1<<30 {
		t.Errorf("peak heap in use %d MiB, want < 1 GiB", peakHeap>>20)
	}

	reports, err := tables.ReadReports(filepath.Join(out, tables.ReportsFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != len(want) || sum.Files != len(want) {
		t.Errorf("%d rows (summary: %d files), want one per file: %d", len(reports), sum.Files, len(want))
	}
	if sum.Skipped != 1 {
		t.Errorf("skipped %d junk files, want 1 (~$lock.docx)", sum.Skipped)
	}
	seen := map[string]bool{}
	for _, r := range reports {
		w, ok := want[r.Path]
		if !ok {
			t.Errorf("unexpected row %s %s %q", r.Path, r.Status, r.Error)
			continue
		}
		if seen[r.Path] {
			t.Errorf("two rows for %s", r.Path)
		}
		seen[r.Path] = true
		if r.Status != w.status {
			t.Errorf("%s: status %s (%q), want %s", r.Path, r.Status, r.Error, w.status)
		}
		if w.format != "" && r.Format != w.format {
			t.Errorf("%s: format %s, want %s", r.Path, r.Format, w.format)
		}
		for _, part := range w.errParts {
			if !strings.Contains(r.Error, part) {
				t.Errorf("%s: error %q does not say %q", r.Path, r.Error, part)
			}
		}
		if r.Status == "ok" && r.Error != "" {
			t.Errorf("%s: ok with error %q", r.Path, r.Error)
		}
		if strings.Contains(r.Error, in) {
			t.Errorf("%s: error %q holds the file's path", r.Path, r.Error)
		}
		if len(w.data) > 0 && r.ReportID != idOf(string(w.data)) {
			t.Errorf("%s: report_id %s is not the hash of its bytes", r.Path, r.ReportID)
		}
		if w.status == "ok" {
			for metric, v := range map[string]string{"income.total": "2147800.0000", "expenditure.total": "2193700.0000"} {
				if got := r.Values[metric]; got.StringFixed(4) != v {
					t.Errorf("%s: %s = %s, want %s", r.Path, metric, got.StringFixed(4), v)
				}
			}
		}
		t.Logf("%-26s %-7s %-4s %s", r.Path, r.Status, r.Format, r.Error)
	}

	// Nothing outside OUT was written: no x beside any folder a ../../x could reach, and the
	// tree around the input folder is as it was.
	for _, a := range ancestors {
		if _, err := os.Lstat(filepath.Join(a, "x")); err == nil && !xBefore[a] {
			t.Errorf("%s appeared: a zip member was extracted", filepath.Join(a, "x"))
		}
	}
	after := snapshot(t, filepath.Dir(base), out)
	for p, s := range after {
		if b, ok := before[p]; !ok {
			t.Errorf("written outside OUT: %s", p)
		} else if b != s {
			t.Errorf("changed outside OUT: %s (%s → %s)", p, b, s)
		}
		if filepath.Base(p) == "x" {
			t.Errorf("a file named x exists: %s", p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("removed outside OUT: %s", p)
		}
	}
}

// snapshot lists every entry under root but the folder skip, with its type, size and time.
func snapshot(t *testing.T, root, skip string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == skip {
			return fs.SkipDir
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() { // a folder's time changes with its entries, which are listed themselves
			snap[p] = fi.Mode().String()
		} else {
			snap[p] = fmt.Sprintf("%v %d %d", fi.Mode(), fi.Size(), fi.ModTime().UnixNano())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// heapPeak samples runtime.MemStats.HeapInuse on a goroutine: TotalAlloc counts every
// allocation ever made, not what was held at once.
type heapPeak struct {
	done     chan struct{}
	wg       sync.WaitGroup
	baseline uint64
	max      uint64
}

func (h *heapPeak) start(every time.Duration) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.baseline, h.max = ms.HeapInuse, ms.HeapInuse
	h.done = make(chan struct{})
	h.wg.Go(func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			h.max = max(h.max, ms.HeapInuse)
			select {
			case <-h.done:
				return
			case <-tick.C:
			}
		}
	})
}

// stop ends the sampling and returns the heap in use at the start and its peak.
func (h *heapPeak) stop() (baseline, peak uint64) {
	close(h.done)
	h.wg.Wait()
	return h.baseline, h.max
}

// zipBomb returns a .docx-looking zip whose word/document.xml is a deflate stream of
// inflate bytes of zeros, declared as declared bytes. The stream is built from one block of
// compressed zeros repeated, so it costs a few hundred bytes per MiB it inflates to. The
// CRC is that of the declared size of zeros; a reader never gets that far.
func zipBomb(t *testing.T, declared, inflate int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range []zipMember{{"[Content_Types].xml", contentTypes}, {"_rels/.rels", rootRels}} {
		addMember(t, zw, m)
	}
	addRawZeros(t, zw, "word/document.xml", declared, inflate)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBombTotal returns a zip of n members of size bytes of zeros each (word/document.xml
// the first): each under --max-zip-member, together over --max-zip-total.
func zipBombTotal(t *testing.T, n int, size int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		name := "word/document.xml"
		if i > 0 {
			name = fmt.Sprintf("word/media/image%d.png", i)
		}
		addRawZeros(t, zw, name, size, size)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// addRawZeros adds a member that inflates to n zeros (whole MiB) but declares declared bytes.
func addRawZeros(t *testing.T, zw *zip.Writer, name string, declared, n int64) {
	t.Helper()
	const chunk = 1 << 20
	var raw bytes.Buffer
	fw, err := flate.NewWriter(&raw, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, chunk)
	write := func() []byte {
		raw.Reset()
		if _, err := fw.Write(zeros); err != nil {
			t.Fatal(err)
		}
		if err := fw.Flush(); err != nil {
			t.Fatal(err)
		}
		return bytes.Clone(raw.Bytes())
	}
	first := write()
	// The second MiB only copies from the window (all zeros), so its blocks can follow
	// themselves any number of times.
	again := write()
	raw.Reset()
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	final := bytes.Clone(raw.Bytes())

	var stream bytes.Buffer
	stream.Write(first)
	for range n/chunk - 1 {
		stream.Write(again)
	}
	stream.Write(final)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		CRC32:              zeroCRC(declared),
		CompressedSize64:   uint64(stream.Len()),
		UncompressedSize64: uint64(declared),
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(stream.Bytes()); err != nil {
		t.Fatal(err)
	}
}

// zeroCRC is the CRC-32 (IEEE) of n zero bytes, in O(log n): feeding a zero byte to the
// CRC register is a linear map over GF(2), and n of them is its n-th power, by squaring.
func zeroCRC(n int64) uint32 {
	var op [32]uint32 // op[i] is the image of bit i
	for i := range op {
		r := uint32(1) << i
		op[i] = crc32.IEEETable[r&0xFF] ^ r>>8
	}
	apply := func(m *[32]uint32, v uint32) uint32 {
		var s uint32
		for i := 0; v != 0; i, v = i+1, v>>1 {
			if v&1 != 0 {
				s ^= m[i]
			}
		}
		return s
	}
	reg := ^uint32(0)
	for ; n > 0; n >>= 1 {
		if n&1 != 0 {
			reg = apply(&op, reg)
		}
		var sq [32]uint32
		for i := range sq {
			sq[i] = apply(&op, op[i])
		}
		op = sq
	}
	return ^reg
}

// zipMember is one file of a zip built by a test.
type zipMember struct{ name, body string }

func addMember(t *testing.T, zw *zip.Writer, m zipMember) {
	t.Helper()
	w, err := zw.Create(m.name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(m.body)); err != nil {
		t.Fatal(err)
	}
}

// zipOf writes members into a zip, deflated, in order.
func zipOf(t *testing.T, members ...zipMember) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		addMember(t, zw, m)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Parts of a minimal .docx besides word/document.xml.
const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	rootRels     = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	docRels      = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`
)

// docxZip is a minimal .docx whose word/document.xml is document.
func docxZip(t *testing.T, document string) []byte {
	t.Helper()
	return zipOf(t,
		zipMember{"[Content_Types].xml", contentTypes},
		zipMember{"_rels/.rels", rootRels},
		zipMember{"word/document.xml", document},
		zipMember{"word/_rels/document.xml.rels", docRels},
	)
}

// documentXML wraps the children of w:body into a word/document.xml.
func documentXML(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body + `<w:sectPr/></w:body></w:document>`
}

// deepXML is a word/document.xml with n nested elements inside a paragraph.
func deepXML(n int) string {
	return documentXML(`<w:p>` + strings.Repeat("<w:r>", n) + "<w:t>深</w:t>" + strings.Repeat("</w:r>", n) + `</w:p>`)
}

// billionLaughs is the classic entity-expansion document: &lol9; would expand to 10^9 "lol".
const billionLaughs = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE w:document [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`

// randomBytes returns n bytes of a fixed pseudo-random sequence.
func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// oneLine returns n bytes of report-like text with no line break.
func oneLine(n int) []byte {
	unit := []byte("本年度收入合计214.78万元，支出合计219.37万元，")
	b := bytes.Repeat(unit, n/len(unit)+1)[:n]
	// Cut back to a whole character and pad with ASCII, so the line is valid UTF-8.
	k := n
	for k > 0 && b[k-1]&0xC0 == 0x80 {
		k--
	}
	if k > 0 && b[k-1] >= 0xC0 {
		k--
	}
	for i := k; i < n; i++ {
		b[i] = '.'
	}
	return b
}

// utf16LE encodes s as UTF-16LE without a byte-order mark.
func utf16LE(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}

// oleStream is one stream of an OLE compound file built by a test.
type oleStream struct {
	name string
	data []byte
}

// oleFile builds a version-3 OLE compound file (512-byte sectors) holding the streams in its
// root storage: sector 0 is the FAT, sector 1 the directory, then each stream, padded to
// 4096 bytes so that it lives in regular sectors and no mini stream is needed.
func oleFile(t *testing.T, streams ...oleStream) []byte {
	t.Helper()
	const (
		sector  = 512
		free    = 0xFFFFFFFF
		endMark = 0xFFFFFFFE
		fatMark = 0xFFFFFFFD
		none    = 0xFFFFFFFF
	)
	if len(streams) > 3 {
		t.Fatal("oleFile: at most 3 streams fit one directory sector")
	}
	le := binary.LittleEndian
	fat := make([]uint32, sector/4)
	for i := range fat {
		fat[i] = free
	}
	fat[0], fat[1] = fatMark, endMark
	var body []byte
	starts := make([]uint32, len(streams))
	next := uint32(2)
	for i, s := range streams {
		data := append(bytes.Clone(s.data), make([]byte, max(0, 4096-len(s.data)))...)
		data = append(data, make([]byte, (sector-len(data)%sector)%sector)...)
		n := uint32(len(data) / sector)
		starts[i] = next
		for k := range n {
			fat[next+k] = next + k + 1
		}
		fat[next+n-1] = endMark
		next += n
		body = append(body, data...)
		streams[i].data = data
	}
	header := make([]byte, sector)
	copy(header, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	le.PutUint16(header[24:], 0x003E) // minor version
	le.PutUint16(header[26:], 3)      // major version: 512-byte sectors
	le.PutUint16(header[28:], 0xFFFE) // little-endian
	le.PutUint16(header[30:], 9)      // sector shift
	le.PutUint16(header[32:], 6)      // mini sector shift
	le.PutUint32(header[44:], 1)      // FAT sectors
	le.PutUint32(header[48:], 1)      // first directory sector
	le.PutUint32(header[56:], 4096)   // mini stream cutoff
	le.PutUint32(header[60:], endMark)
	le.PutUint32(header[68:], endMark)
	for i := 76; i < sector; i += 4 {
		le.PutUint32(header[i:], free)
	}
	le.PutUint32(header[76:], 0) // the FAT is sector 0
	fatSector := make([]byte, sector)
	for i, v := range fat {
		le.PutUint32(fatSector[4*i:], v)
	}
	dir := make([]byte, sector)
	entry := func(i int, name string, typ byte, right, child, start uint32, size int) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[2*k:], c)
		}
		le.PutUint16(e[64:], uint16(2*(len(u)+1)))
		e[66], e[67] = typ, 1 // type, black
		le.PutUint32(e[68:], none)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], uint32(size))
	}
	child := uint32(none)
	if len(streams) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, none, child, endMark, 0)
	for i, s := range streams {
		right := uint32(none)
		if i+1 < len(streams) {
			right = uint32(i + 2)
		}
		entry(i+1, s.name, 2, right, none, starts[i], len(s.data))
	}
	for i := len(streams) + 1; i < 4; i++ {
		le.PutUint32(dir[128*i+68:], none)
		le.PutUint32(dir[128*i+72:], none)
		le.PutUint32(dir[128*i+76:], none)
	}
	out := append(header, fatSector...)
	out = append(out, dir...)
	return append(out, body...)
}

// TestHostileFixturesAlone checks each builder's file with parse.Read alone, so that a failure
// of TestHostileFolder can be told apart from a broken fixture.
func TestHostileFixturesAlone(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"encrypted.docx", oleFile(t, oleStream{"EncryptionInfo", []byte{4, 0, 4, 0}}), parse.ErrEncrypted},
		{"legacy.doc", oleFile(t, oleStream{"WordDocument", []byte{0xEC, 0xA5}}), parse.ErrLegacyFormat},
		{"bomb.docx", zipBomb(t, 1<<40, 1<<20), parse.ErrLimit},
		{"lying.docx", zipBomb(t, 100, 2<<20), parse.ErrCorrupt},
		{"laughs.docx", docxZip(t, billionLaughs), parse.ErrCorrupt},
		{"deep.docx", docxZip(t, deepXML(1000)), parse.ErrLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse.Read(context.Background(), tt.name, tt.data, parse.Limits{})
			if !errors.Is(err, tt.want) {
				t.Errorf("Read: %v, want %v", err, tt.want)
			}
		})
	}
	for _, n := range []int64{0, 1, 1000, 3 << 20} {
		if got, want := zeroCRC(n), crc32.ChecksumIEEE(make([]byte, n)); got != want {
			t.Errorf("zeroCRC(%d) = %08x, want %08x", n, got, want)
		}
	}
	// The bomb's stream really inflates to what it declares, CRC and all.
	bomb := zipBomb(t, 3<<20, 3<<20)
	zr, err := zip.NewReader(bytes.NewReader(bomb), int64(len(bomb)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[len(zr.File)-1].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if n, err := io.Copy(io.Discard, rc); n != 3<<20 || err != nil {
		t.Errorf("the bomb inflates to %d bytes (%v), want %d", n, err, 3<<20)
	}
}
