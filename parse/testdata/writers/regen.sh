#!/usr/bin/env bash
# Writes the generated reports as real writers save them: .docx variants with the constructs
# of Word, WPS and LibreOffice files, and PDFs printed by the producers departments have.
#
#   parse/testdata/writers/regen.sh WORK [N] [SEED]
#
# writes WORK/gold (the generator's gold), WORK/source (its .docx), WORK/docx-<construct>/ and
# WORK/pdf-<producer>/, each file named like its gold. Score any of them with
#
#   go test ./internal/fidelity -run Writers -v -args -writers WORK
#
# CI never runs this script: it needs Debian's producers (apt-get install libreoffice-writer-nogui
# qpdf mupdf-tools ghostscript abiword chromium wkhtmltopdf weasyprint pango1.0-tools
# python3-reportlab cups-filters poppler-utils fonts-wqy-zenhei fonts-noto-cjk). The committed
# fixtures of parse/testdata/writers/ are a few of its files, picked and shrunk by pick.sh.
set -euo pipefail
work=${1:?usage: regen.sh WORK [N] [SEED]}
n=${2:-12}
seed=${3:-14}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
mkdir -p "$work"
work=$(cd "$work" && pwd)
cd "$repo"
# TrueType CJK fonts, as on the machines that write the reports (see fonts.conf); set
# JIXIAO_REGEN_FONTS=system to print with the machine's own choice (Noto CJK is CFF).
if [ "${JIXIAO_REGEN_FONTS:-truetype}" = truetype ]; then
	export FONTCONFIG_FILE="$here/fonts.conf"
fi

go run ./cmd/jixiao-corpus -n "$n" --seed "$seed" --formats docx -o "$work/source" --gold-dir "$work/gold"
go run ./cmd/jixiao-corpus -n "$n" --seed "$seed" --formats txt -o "$work/txt-raw" --gold-dir none
for c in $(go run ./cmd/jixiao-corpus --list-constructs); do
	go run ./cmd/jixiao-corpus -n "$n" --seed "$seed" --formats docx --docx-construct "$c" -o "$work/docx-$c" --gold-dir none
done

# Plain UTF-8 text for the producers that print text files.
mkdir -p "$work/txt"
/usr/bin/python3 - "$work/txt-raw" "$work/txt" <<'PY'
import sys, pathlib
src, dst = map(pathlib.Path, sys.argv[1:])
for p in sorted(src.glob("*.txt")):
    b = p.read_bytes()
    for enc in ("utf-8-sig", "utf-16") if b[:2] in (b"\xff\xfe", b"\xfe\xff") or b[:3] == b"\xef\xbb\xbf" else ("utf-8", "gb18030", "utf-16-le"):
        try:
            t = b.decode(enc); break
        except UnicodeDecodeError:
            continue
    (dst / p.name).write_text(t.replace("\r\n", "\n"), encoding="utf-8")
PY

soffice() { HOME="$work/.lo" command soffice --headless --norestore "$@" >/dev/null 2>&1; }
each() { # each SRC-DIR EXT OUT-DIR CMD...: CMD IN OUT for every SRC-DIR/*.EXT
	local src=$1 ext=$2 out=$3; shift 3
	mkdir -p "$out"
	for f in "$src"/*."$ext"; do
		local b; b=$(basename "$f" ."$ext")
		"$@" "$f" "$out/$b.pdf" || echo "regen: $* $f failed" >&2
	done
}

mkdir -p "$work/pdf-libreoffice" "$work/html"
soffice --convert-to pdf --outdir "$work/pdf-libreoffice" "$work"/source/*.docx
soffice --convert-to html --outdir "$work/html" "$work"/source/*.docx

each "$work/pdf-libreoffice" pdf "$work/pdf-qpdf-linearize" qpdf --linearize
each "$work/pdf-libreoffice" pdf "$work/pdf-qpdf-objstm" qpdf --object-streams=generate
each "$work/pdf-libreoffice" pdf "$work/pdf-mutool-clean" mutool clean -gggg -z
gsw() { gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -sOutputFile="$2" "$1"; }
each "$work/pdf-libreoffice" pdf "$work/pdf-ghostscript" gsw
ps2() { pdftops "$1" "$2.ps" && ps2pdf "$2.ps" "$2" && rm -f "$2.ps"; }
each "$work/pdf-libreoffice" pdf "$work/pdf-pdftops-ps2pdf" ps2

abi() { abiword --to=pdf --to-name="$2" "$1" >/dev/null 2>&1; }
each "$work/source" docx "$work/pdf-abiword" abi

chrome() { chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --user-data-dir="$work/.chromium" \
	--no-pdf-header-footer --print-to-pdf="$2" "file://$1" >/dev/null 2>&1; }
each "$work/html" html "$work/pdf-chromium" chrome
wk() { wkhtmltopdf -q --enable-local-file-access "$1" "$2" >/dev/null 2>&1; }
each "$work/html" html "$work/pdf-wkhtmltopdf" wk
wp() { weasyprint "$1" "$2" >/dev/null 2>&1; }
each "$work/html" html "$work/pdf-weasyprint" wp

pango() { pango-view --no-display --font="Noto Sans CJK SC 9" --width=560 -o "$2" "$1"; }
each "$work/txt" txt "$work/pdf-pango-cairo" pango
tt() { CHARSET=utf-8 /usr/lib/cups/filter/texttopdf 1 jixiao report 1 "" "$1" >"$2" 2>/dev/null; }
each "$work/txt" txt "$work/pdf-cups-texttopdf" tt
rl() { /usr/bin/python3 "$here/rl_print.py" "$1" "$2" "$3"; }
rlcid() { rl cid "$1" "$2"; }
rlttf() { rl ttf "$1" "$2"; }
each "$work/txt" txt "$work/pdf-reportlab-cid" rlcid
each "$work/txt" txt "$work/pdf-reportlab-ttf" rlttf
rm -rf "$work/.lo" "$work/.chromium" "$work/txt-raw"
echo "regen: wrote $work"
