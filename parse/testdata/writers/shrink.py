"""Shrinks a PDF written by qpdf --qdf --object-streams=disable, in place, for a fixture.

    python3 shrink.py QDF.pdf TEXT.txt

jixiao reads no glyph outlines: a font program behind a ToUnicode CMap is emptied, as are
Type 3 glyph procedures. A font without ToUnicode (CUPS texttopdf, pdftops + ps2pdf) is read
by its program's cmap: its program becomes a TrueType file of that one table, mapping only
the characters of TEXT.txt (the report the PDF was printed from) to their glyph IDs, so the
codes of the content streams still find their text; a cmap without Unicode (pdftops'
symbol cmap) is kept whole. Run fix-qdf afterwards to mend the offsets.
"""
import io
import re
import struct
import sys

from fontTools.ttLib import TTFont

path, text_path = sys.argv[1:3]
data = open(path, "rb").read()
chars = set(open(text_path, encoding="utf-8").read()) | {chr(c) for c in range(0x20, 0x7F)}

objs = {m.group(1): m for m in re.finditer(rb"(?m)^(\d+) 0 obj\n(.*?)^endobj", data, flags=re.S)}


def body(num):
    return objs[num].group(2) if num in objs else b""


def ref(text, key):
    m = re.search(rb"/" + key + rb" (\d+) 0 R", text)
    return m.group(1) if m else None


empty, keep_cmap = set(), set()
for num, m in objs.items():
    text = m.group(2)
    if not re.search(rb"/Type /Font\b", text):
        continue
    to_unicode = b"/ToUnicode" in text
    descriptors = [ref(text, b"FontDescriptor")]
    desc = re.search(rb"/DescendantFonts \[\s*(\d+) 0 R", text)
    if desc:
        descriptors.append(ref(body(desc.group(1)), b"FontDescriptor"))
    for d in filter(None, descriptors):
        for key in (b"FontFile", b"FontFile2", b"FontFile3"):
            f = ref(body(d), key)
            if f:
                (keep_cmap if key == b"FontFile2" and not to_unicode else empty).add(f)
    # Type 3 glyph procedures, inline or apart
    procs = re.findall(rb"/CharProcs <<(.*?)>>", text, flags=re.S)
    p = ref(text, b"CharProcs")
    if p:
        procs.append(body(p))
    for d in procs:
        empty.update(re.findall(rb"(\d+) 0 R", d))


def cmap_only(program):
    """A TrueType file holding only program's cmap, cut down to the characters of chars."""
    font = TTFont(io.BytesIO(program))
    groups = []  # (platform, encoding, {code: gid})
    for st in font["cmap"].tables:
        if st.platformID in (0, 3) and st.platEncID in (1, 3, 4, 10) or st.platformID == 0:
            m = {c: font.getGlyphID(g) for c, g in st.cmap.items() if chr(c) in chars}
        else:  # a symbol or Mac cmap: codes, not characters; kept whole
            m = {c: font.getGlyphID(g) for c, g in st.cmap.items()}
        groups.append((st.platformID, st.platEncID, m))
    subtables = []
    for platform, encoding, m in groups:
        recs = sorted(m.items())
        sub = struct.pack(">HHIII", 12, 0, 16 + 12 * len(recs), 0, len(recs))
        sub += b"".join(struct.pack(">III", c, c, g) for c, g in recs)
        subtables.append((platform, encoding, sub))
    cmap = struct.pack(">HH", 0, len(subtables))
    off = 4 + 8 * len(subtables)
    for platform, encoding, sub in subtables:
        cmap += struct.pack(">HHI", platform, encoding, off)
        off += len(sub)
    cmap += b"".join(sub for _, _, sub in subtables)
    return struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0) + b"cmap" + struct.pack(">III", 0, 28, len(cmap)) + cmap


def stream(num, content):
    return num + b" 0 obj\n<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream\nendobj"


def rewrite(m):
    num = m.group(1)
    if num not in empty and num not in keep_cmap:
        return m.group(0)
    s = re.search(rb">>\nstream\n(.*)\nendstream\n", m.group(0), flags=re.S)
    if not s:
        return m.group(0)
    if num in empty:
        return stream(num, b"")
    return stream(num, cmap_only(s.group(1)))


data = re.sub(rb"(?m)^(\d+) 0 obj\n.*?^endobj", rewrite, data, flags=re.S)
open(path, "wb").write(data)
