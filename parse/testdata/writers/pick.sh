#!/usr/bin/env bash
# Copies a few of regen.sh's files into this folder as the committed fixtures, PDFs shrunk:
#
#   parse/testdata/writers/pick.sh WORK NAME...
#
# Each PDF is written uncompressed by qpdf --qdf, shrink.py empties the font programs jixiao
# does not read (behind a ToUnicode CMap; Type 3 glyph procedures) and cuts those it reads
# (no ToUnicode: CUPS texttopdf, pdftops + ps2pdf) down to their cmap for the report's
# characters, fix-qdf mends the offsets and qpdf compresses it again, linearized or with
# object streams for the producers that wrote it so. Of the PDFs no reader gets the text
# of (nounicode-*), the first page is kept.
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
	for d in "$work"/pdf-* "$work"/nounicode-*; do
		p=$(basename "$d")
		mkdir -p "$here/$p"
		tmp=$(mktemp -d)
		src="$d/$name.pdf"
		case $p in
		nounicode-*) # a failure class: its first page is enough
			qpdf --empty --pages "$src" 1 -- "$tmp/p1.pdf"
			src="$tmp/p1.pdf"
			;;
		esac
		qpdf --qdf --object-streams=disable "$src" "$tmp/q.pdf"
		/usr/bin/python3 "$here/shrink.py" "$tmp/q.pdf" "$work/txt/$name.txt"
		fix-qdf "$tmp/q.pdf" >"$tmp/f.pdf"
		case $p in
		pdf-qpdf-linearize) qpdf --linearize "$tmp/f.pdf" "$here/$p/$name.pdf" ;;
		pdf-qpdf-objstm) qpdf --object-streams=generate "$tmp/f.pdf" "$here/$p/$name.pdf" ;;
		*) qpdf --object-streams=preserve --compress-streams=y "$tmp/f.pdf" "$here/$p/$name.pdf" ;;
		esac
		rm -rf "$tmp"
	done
done
