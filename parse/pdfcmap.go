package parse

import "encoding/binary"

// This file reads the cmap of an embedded TrueType font program (FontFile2), for fonts that
// come without a ToUnicode CMap (CUPS texttopdf, pdftops then ps2pdf): the cmap maps
// Unicode to glyph IDs, so reversed it tells the text of a glyph.

// maxCmapGroups bounds the segments or groups of a cmap subtable read.
const maxCmapGroups = 1 << 16

// sfntCmapGlyphs returns the text of each glyph ID the font program's Unicode cmap maps, or
// nil when font holds no such cmap. Where several characters map to one glyph, the lowest
// wins, a unified ideograph before a compatibility one.
func sfntCmapGlyphs(font []byte) map[uint16]rune {
	cmap := sfntTable(font, "cmap")
	if len(cmap) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	best, bestRank := -1, 0
	for i := 0; i < n && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		platform, enc := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+2 > len(cmap) {
			continue
		}
		format := binary.BigEndian.Uint16(cmap[off:])
		rank := 0
		switch {
		case platform == 3 && enc == 10 && format == 12:
			rank = 4
		case platform == 0 && format == 12:
			rank = 3
		case platform == 3 && enc == 1 && format == 4:
			rank = 2
		case platform == 0 && format == 4:
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	if best < 0 {
		return nil
	}
	out := map[uint16]rune{}
	add := func(r rune, gid uint32) {
		if gid == 0 || gid > 0xFFFF || r < 0x20 {
			return
		}
		if old, ok := out[uint16(gid)]; ok && !isCompatIdeograph(old) {
			return
		}
		out[uint16(gid)] = r
	}
	sub := cmap[best:]
	if binary.BigEndian.Uint16(sub) == 12 {
		readCmap12(sub, add)
	} else {
		readCmap4(sub, add)
	}
	return out
}

// isCompatIdeograph reports whether r is a radical or a compatibility ideograph, which a
// unified ideograph mapping to the same glyph replaces.
func isCompatIdeograph(r rune) bool {
	return 0x2E80 <= r && r <= 0x2FDF || 0xF900 <= r && r <= 0xFAFF || 0x2F800 <= r && r <= 0x2FA1F
}

// readCmap12 reads a format 12 subtable: groups of characters mapped to consecutive glyphs.
func readCmap12(sub []byte, add func(rune, uint32)) {
	if len(sub) < 16 {
		return
	}
	groups := int(min(binary.BigEndian.Uint32(sub[12:]), maxCmapGroups))
	for g := 0; g < groups && 16+12*g+12 <= len(sub); g++ {
		rec := sub[16+12*g:]
		first, last, gid := binary.BigEndian.Uint32(rec), binary.BigEndian.Uint32(rec[4:]), binary.BigEndian.Uint32(rec[8:])
		if last < first || last > 0x10FFFF || last-first > 0xFFFF {
			continue
		}
		for c := first; c <= last; c++ {
			add(rune(c), gid+(c-first))
		}
	}
}

// readCmap4 reads a format 4 subtable: segments of the BMP with a delta or glyph array.
func readCmap4(sub []byte, add func(rune, uint32)) {
	if len(sub) < 14 {
		return
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	if ranges+2*segs > len(sub) || segs > maxCmapGroups {
		return
	}
	u16 := func(at int) (uint16, bool) {
		if at < 0 || at+2 > len(sub) {
			return 0, false
		}
		return binary.BigEndian.Uint16(sub[at:]), true
	}
	for s := 0; s < segs; s++ {
		end, _ := u16(ends + 2*s)
		start, _ := u16(starts + 2*s)
		delta, _ := u16(deltas + 2*s)
		ro, _ := u16(ranges + 2*s)
		for c := uint32(start); c <= uint32(end) && c != 0xFFFF; c++ {
			var gid uint16
			if ro == 0 {
				gid = uint16(c) + delta
			} else {
				g, ok := u16(ranges + 2*s + int(ro) + 2*int(c-uint32(start)))
				if !ok || g == 0 {
					continue
				}
				gid = g + delta
			}
			add(rune(c), uint32(gid))
		}
	}
}

// sfntTable returns the table tag of a TrueType font program, or nil.
func sfntTable(font []byte, tag string) []byte {
	if len(font) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := 0; i < n && 12+16*i+16 <= len(font); i++ {
		rec := font[12+16*i:]
		if string(rec[:4]) != tag {
			continue
		}
		off, length := int64(binary.BigEndian.Uint32(rec[8:])), int64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > int64(len(font)) {
			return nil
		}
		return font[off : off+length]
	}
	return nil
}
