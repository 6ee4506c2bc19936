#!/usr/bin/env bash
# Copies a few of regen.sh's files into this folder as the committed fixtures, PDFs shrunk:
#
#   parse/testdata/writers/pick.sh WORK NAME...
#
# Each PDF's font programs (FontFile, FontFile2, FontFile3, Type 3 glyph procedures) are emptied, which jixiao does not
# read for fonts with a ToUnicode CMap: qpdf --qdf writes the file uncompressed, the streams are
# emptied, fix-qdf mends the offsets and qpdf compresses it again, linearized or with object
# streams for the producers that wrote it so. Fonts without ToUnicode need their programs, so
# those producers' files (CUPS texttopdf, pdftops + ps2pdf: hundreds of KB) are not copied;
# their failure classes have tests of their own.
set -euo pipefail
work=${1:?usage: pick.sh WORK NAME...}
shift
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/gold" "$here/source" "$here/txt"
for name in "$@"; do
	cp "$work/gold/$name.gold.json" "$here/gold/"
	cp "$work/source/$name.docx" "$here/source/"
	cp "$work/txt/$name.txt" "$here/txt/"
	for d in "$work"/docx-*; do
		mkdir -p "$here/$(basename "$d")"
		cp "$d/$name.docx" "$here/$(basename "$d")/"
	done
	for d in "$work"/pdf-*; do
		p=$(basename "$d")
		case $p in pdf-cups-texttopdf | pdf-pdftops-ps2pdf) continue ;; esac
		mkdir -p "$here/$p"
		tmp=$(mktemp -d)
		qpdf --qdf --object-streams=disable "$d/$name.pdf" "$tmp/q.pdf"
		/usr/bin/python3 - "$tmp/q.pdf" <<'PY'
import re, sys
p = sys.argv[1]
b = open(p, "rb").read()
fonts = set(re.findall(rb"/FontFile[23]? (\d+) 0 R", b))
# Type 3 glyph procedures (Chromium draws CJK so): their dictionaries, inline or apart
procs = re.findall(rb"/CharProcs <<(.*?)>>", b, flags=re.S)
for ref in re.findall(rb"/CharProcs (\d+) 0 R", b):
    m = re.search(rb"(?m)^" + ref + rb" 0 obj\n<<(.*?)>>", b, flags=re.S)
    if m:
        procs.append(m.group(1))
for d in procs:
    fonts.update(re.findall(rb"(\d+) 0 R", d))
def empty(m):
    if m.group(1) not in fonts:
        return m.group(0)
    return m.group(1) + b" 0 obj\n<< /Length 0 >>\nstream\n\nendstream"
b = re.sub(rb"(?m)^(\d+) 0 obj\n<<.*?>>\nstream\n.*?\nendstream", empty, b, flags=re.S)
open(p, "wb").write(b)
PY
		fix-qdf "$tmp/q.pdf" >"$tmp/f.pdf"
		case $p in
		pdf-qpdf-linearize) qpdf --linearize "$tmp/f.pdf" "$here/$p/$name.pdf" ;;
		pdf-qpdf-objstm) qpdf --object-streams=generate "$tmp/f.pdf" "$here/$p/$name.pdf" ;;
		*) qpdf --object-streams=preserve --compress-streams=y "$tmp/f.pdf" "$here/$p/$name.pdf" ;;
		esac
		rm -rf "$tmp"
	done
done
