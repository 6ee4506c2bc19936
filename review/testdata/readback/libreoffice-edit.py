#!/usr/bin/python3
"""Plays the analyst's session of review/fixtures_test.go in LibreOffice Calc and saves the
workbook as LibreOffice writes .xlsx.

    soffice --headless --invisible --norestore \
        --accept='socket,host=127.0.0.1,port=2002;urp;' &
    /usr/bin/python3 libreoffice-edit.py base.xlsx libreoffice.xlsx

Needs Debian's libreoffice-calc-nogui and python3-uno (Debian's own python3, which has the
uno module). The session: finding 2 (key 0000000000abc002) 误报 with a comment on two
lines, reviewer 李, date 2025-03-05 as a date cell; finding 4 已整改, 已于3月整改, 王,
"2025/3/6" typed as text; finding 0's state deleted; finding 5's state typed 属是 with the
comment 待补充材料; the row of finding 7 deleted; the rows sorted by 部门, descending; the
处理状态 column moved after 核实编号.
"""
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect():
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(60):
        try:
            return resolver.resolve("uno:socket,host=127.0.0.1,port=2002;urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(1)
    raise SystemExit("no LibreOffice listening on port 2002")


def key(i):
    return "%016x" % (0xABC000 + i)


def main(src, dst):
    ctx = connect()
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
    sheet = doc.Sheets.getByName("问题清单")
    used = sheet.createCursor()
    used.gotoEndOfUsedArea(False)
    last_col, last_row = used.RangeAddress.EndColumn, used.RangeAddress.EndRow
    header = [sheet.getCellByPosition(c, 0).String for c in range(last_col + 1)]
    col = {h: c for c, h in enumerate(header)}

    def row_of(k):
        for r in range(1, last_row + 1):
            if sheet.getCellByPosition(col["核实编号"], r).String == k:
                return r
        raise SystemExit("no row of " + k)

    def put(k, name, text):
        sheet.getCellByPosition(col[name], row_of(k)).String = text

    # a date cell: the serial number with a date format, as typing 2025-03-05 gives
    formats = doc.NumberFormats
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")
    locale.Language, locale.Country = "zh", "CN"
    fmt = formats.queryKey("YYYY-MM-DD", locale, False)
    if fmt == -1:
        fmt = formats.addNew("YYYY-MM-DD", locale)
    put(key(2), "处理状态", "误报")
    put(key(2), "核实意见", "口径不同，\n不是问题")
    put(key(2), "核实人", "李")
    date = sheet.getCellByPosition(col["核实日期"], row_of(key(2)))
    date.Value = 45721  # 2025-03-05
    date.NumberFormat = fmt
    put(key(4), "处理状态", "已整改")
    put(key(4), "核实意见", "已于3月整改")
    put(key(4), "核实人", "王")
    put(key(4), "核实日期", "2025/3/6")
    sheet.getCellByPosition(col["处理状态"], row_of(key(0))).setString("")
    put(key(5), "处理状态", "属是")
    put(key(5), "核实意见", "待补充材料")
    sheet.Rows.removeByIndex(row_of(key(7)), 1)
    last_row -= 1

    # sort the rows (not the header) by 部门, descending
    body = sheet.getCellRangeByPosition(0, 1, last_col, last_row)
    field = uno.createUnoStruct("com.sun.star.table.TableSortField")
    field.Field, field.IsAscending = col["部门"], False
    desc = body.createSortDescriptor()
    for p in desc:
        if p.Name == "SortFields":
            p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
        elif p.Name == "ContainsHeader":
            p.Value = False
    body.sort(desc)

    # move 处理状态 after 核实编号: to a new last column, then close the gap
    src_col = col["处理状态"]
    target = CellAddress()
    target.Sheet, target.Column, target.Row = 0, last_col + 1, 0
    sheet.moveRange(target, sheet.getCellRangeByPosition(src_col, 0, src_col, last_row).RangeAddress)
    sheet.Columns.removeByIndex(src_col, 1)

    doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass  # the listener goes away as it terminates


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: libreoffice-edit.py BASE.xlsx OUT.xlsx")
    main(sys.argv[1], sys.argv[2])
