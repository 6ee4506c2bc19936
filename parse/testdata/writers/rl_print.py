"""Prints a text report to PDF with ReportLab, as a program that draws its own pages does.

    python3 rl_print.py cid|ttf IN.txt OUT.pdf

cid: the Adobe-GB1 CID font STSong-Light, not embedded (UniGB-UCS2-H codes);
ttf: WenQuanYi Zen Hei embedded as a TrueType subset. Lines with tabs are table rows, each
cell drawn at its column's position; other lines are wrapped at the page's width.
"""
import sys
from reportlab.pdfgen import canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.pagesizes import A4

kind, src, dst = sys.argv[1:4]
if kind == "cid":
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
else:
    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))
    font = "WQY"
size, lead, left, width = 10, 15, 56, A4[0] - 112
c = canvas.Canvas(dst, pagesize=A4, invariant=1)
y = A4[1] - 60


def newline():
    global y
    y -= lead
    if y < 60:
        c.showPage()
        y = A4[1] - 60


def wrap(text):
    out, cur = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(cur + ch, font, size) > width:
            out.append(cur)
            cur = ""
        cur += ch
    return out + [cur]


lines = open(src, encoding="utf-8").read().split("\n")
i = 0
while i < len(lines):
    if "\t" in lines[i]:
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        rows = [l.split("\t") for l in lines[i:j]]
        ncol = max(len(r) for r in rows)
        widths = [0] * ncol
        for r in rows:
            for k, cell in enumerate(r):
                widths[k] = max(widths[k], pdfmetrics.stringWidth(cell.strip(), font, size))
        scale = min(1, (width - 10 * (ncol - 1)) / max(1, sum(widths)))
        for r in rows:
            x = left
            for k, cell in enumerate(r):
                c.setFont(font, size)
                c.drawString(x, y, cell.strip())
                x += widths[k] * scale + 10
            newline()
        i = j
        continue
    for part in wrap(lines[i]) if lines[i].strip() else [""]:
        c.setFont(font, size)
        c.drawString(left, y, part)
        newline()
    i += 1
c.save()
