package analyze

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/shopspring/decimal"
)

// Spill is a temporary file where prepared reports keep their bulk — their figures' records
// and texts, their sections' evidence snippets and fingerprints — until Finish reads it
// back, one part at a time: the figures for the rules that read them, then the sections
// for text.duplicate. A batch being read then holds per report only what is small, and
// the rules across reports never hold both parts at once. Set Config.Spill to use one.
//
// The file is removed when the Spill is closed; on systems that allow it (not Windows), as
// soon as it is made, so that nothing is left behind by a run that is killed.
type Spill struct {
	mu     sync.Mutex
	f      *os.File
	size   int64
	remove string // the file's name, when it could not be removed while open

	// The details of the prepared reports' own checks, each once: a batch repeats a few
	// dozen of them (合计与分项之和一致) hundreds of thousands of times.
	detailsMu sync.Mutex
	details   interner
}

// detail returns d as the batch's one copy of it. It is safe to call on several goroutines
// at once.
func (s *Spill) detail(d string) string {
	s.detailsMu.Lock()
	defer s.detailsMu.Unlock()
	if s.details == nil {
		s.details = interner{}
	}
	return s.details.str(d)
}

// NewSpill makes a Spill in the folder dir.
func NewSpill(dir string) (*Spill, error) {
	f, err := os.CreateTemp(dir, ".jixiao-spill-*")
	if err != nil {
		return nil, fmt.Errorf("create the analysis's temporary file: %w", err)
	}
	s := &Spill{f: f}
	if err := os.Remove(f.Name()); err != nil {
		s.remove = f.Name()
	}
	return s, nil
}

// Close removes the file. A nil Spill does nothing.
func (s *Spill) Close() error {
	if s == nil {
		return nil
	}
	err := s.f.Close()
	if s.remove != "" {
		err = errors.Join(err, os.Remove(s.remove))
	}
	return err
}

// spilled is where a part of a prepared report is in its Spill.
type spilled struct {
	off int64
	n   int
}

// write appends b to the file. It is safe to call on several goroutines at once.
func (s *Spill) write(b []byte) (spilled, error) {
	s.mu.Lock()
	at := spilled{off: s.size, n: len(b)}
	s.size += int64(len(b))
	s.mu.Unlock()
	if _, err := s.f.WriteAt(b, at.off); err != nil {
		return spilled{}, fmt.Errorf("write the analysis's temporary file: %w", err)
	}
	return at, nil
}

// read returns the bytes at.
func (s *Spill) read(at spilled) ([]byte, error) {
	b := make([]byte, at.n)
	if _, err := s.f.ReadAt(b, at.off); err != nil {
		return nil, fmt.Errorf("read the analysis's temporary file: %w", err)
	}
	return b, nil
}

// spillTo moves p's bulk into s; on a failed write p keeps it.
func (p *Prepared) spillTo(s *Spill) {
	sf := p.facts.slim
	b := binary.AppendUvarint(nil, uint64(len(sf.text)))
	b = append(b, sf.text...)
	b = binary.AppendUvarint(b, uint64(len(sf.figs)))
	for _, g := range sf.figs {
		for _, sp := range [...]span{g.metric, g.basis, g.item, g.term, g.unit, g.unitText, g.raw, g.basisText, g.part} {
			b = binary.LittleEndian.AppendUint32(b, sp.off)
			b = binary.LittleEndian.AppendUint32(b, sp.n)
		}
		b = binary.LittleEndian.AppendUint64(b, uint64(g.coef))
		b = binary.LittleEndian.AppendUint32(b, uint32(g.exp))
		b = binary.LittleEndian.AppendUint32(b, uint32(g.year))
		b = binary.LittleEndian.AppendUint32(b, uint32(g.decimals))
	}
	figs, err := s.write(b)
	if err != nil {
		return
	}
	b = b[:0]
	for k, sec := range p.report.Sections {
		b = binary.AppendUvarint(b, uint64(len(sec.Heading)))
		b = append(b, sec.Heading...)
		b = binary.AppendUvarint(b, uint64(len(sec.Text)))
		b = append(b, sec.Text...)
		sh := p.report.Fingerprints[k].Shingles
		b = binary.AppendUvarint(b, uint64(len(sh)))
		for _, h := range sh {
			b = binary.LittleEndian.AppendUint32(b, h)
		}
	}
	secs, err := s.write(b)
	if err != nil {
		return
	}
	p.spilled = &spilledParts{spill: s, figs: figs, secs: secs, nsecs: len(p.report.Sections), large: sf.large}
	p.facts.slim = nil
	// Only text.duplicate reads the sections (every one kept is long enough for it), a
	// region at a time: nothing of them stays in memory.
	p.report.Sections, p.report.Fingerprints = nil, nil
}

// figureBytes is the size of a figure's record in the file: nine texts, the coefficient,
// the exponent, year and decimals.
const figureBytes = 9*8 + 8 + 3*4

// spilledParts are where a prepared report's bulk is (see Prepared.spillTo).
type spilledParts struct {
	spill      *Spill
	figs, secs spilled
	nsecs      int                       // the sections in secs
	large      map[int32]decimal.Decimal // slimFigures.large, kept in memory
}

// figures reads the compact copy of the report's figures back.
func (sp *spilledParts) figures() (*slimFigures, error) {
	b, err := sp.spill.read(sp.figs)
	if err != nil {
		return nil, err
	}
	d := decoder{b: b}
	sf := &slimFigures{large: sp.large}
	sf.text = string(d.next(d.uvarint()))
	n := d.uvarint()
	if n > uint64(len(d.b))/figureBytes {
		return nil, errCorrupt
	}
	sf.figs = make([]slimFigure, n)
	for x := range sf.figs {
		g := &sf.figs[x]
		for _, sp := range [...]*span{&g.metric, &g.basis, &g.item, &g.term, &g.unit, &g.unitText, &g.raw, &g.basisText, &g.part} {
			sp.off, sp.n = d.uint32(), d.uint32()
			if uint64(sp.off)+uint64(sp.n) > uint64(len(sf.text)) {
				d.err = true
			}
		}
		g.coef = int64(d.uint64())
		g.exp, g.year, g.decimals = int32(d.uint32()), int32(d.uint32()), int32(d.uint32())
	}
	if d.err {
		return nil, errCorrupt
	}
	return sf, nil
}

// sections reads the report's sections back — heading, evidence snippet, shingles — as
// text.duplicate's sections of report.
func (sp *spilledParts) sections(report int) ([]*dupSection, error) {
	b, err := sp.spill.read(sp.secs)
	if err != nil {
		return nil, err
	}
	d := decoder{b: b}
	if uint64(sp.nsecs) > uint64(len(b)) {
		return nil, errCorrupt
	}
	secs := make([]*dupSection, sp.nsecs)
	for k := range secs {
		s := &dupSection{report: report}
		s.heading = string(d.next(d.uvarint()))
		s.text = string(d.next(d.uvarint()))
		n := d.uvarint()
		if n > uint64(len(d.b))/4 {
			return nil, errCorrupt
		}
		s.shingles = make([]uint32, n)
		for x := range s.shingles {
			s.shingles[x] = d.uint32()
		}
		secs[k] = s
	}
	if d.err {
		return nil, errCorrupt
	}
	return secs, nil
}

var errCorrupt = errors.New("the analysis's temporary file was changed while in use")

// decoder reads what spillTo wrote; err is set, and zeros returned, once b runs out.
type decoder struct {
	b   []byte
	err bool
}

func (d *decoder) next(n uint64) []byte {
	if n > uint64(len(d.b)) {
		d.err = true
		d.b = nil
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uint32() uint32 {
	if b := d.next(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (d *decoder) uint64() uint64 {
	if b := d.next(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}
