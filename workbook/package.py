"""Fast rewrite of a master's big tables, keeping every other part of the package as it is.

openpyxl needs ~50 µs per cell to load or save a styled sheet, far too slow for tens of
thousands of rows. So the master is written in two steps:

1. :func:`load_without` opens the package with openpyxl after replacing the parts of the
   named sheets by an empty worksheet — loading costs only what the other sheets cost;
2. :func:`save_with_tables` lets openpyxl write each table sheet with its title, headers and
   one styled *prototype* row (registering the styles), then streams the real rows into the
   sheet's XML in place of the prototype, reusing the prototype cells' style ids.

Strings are written inline (``t="inlineStr"``), which Excel, LibreOffice and calamine read.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import posixpath
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook import Workbook

from templates import text_fit
from bdg.ooxml import sheet_parts
from workbook import styles
from workbook.layout import SheetLayout
from workbook.sheets import init_sheet, set_print_area

_EMPTY_SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<sheetData/></worksheet>')
MAX_TEXT = 32767  # Excel's limit on the characters of one cell


def load_without(path: Path, blank: Iterable[str]) -> Workbook:
    """The workbook at ``path`` with the named sheets emptied before openpyxl parses them."""
    blank = set(blank)
    with zipfile.ZipFile(path) as src:
        parts = {part for name, part in sheet_parts(src).items() if name in blank}
        rels = {_rels_of(p) for p in parts}
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as dst:
            for info in src.infolist():
                if info.filename in rels:
                    continue
                data = _EMPTY_SHEET if info.filename in parts else src.read(info.filename)
                dst.writestr(info.filename, data)
    buf.seek(0)
    return load_workbook(buf)


@dataclass
class Table:
    """One table sheet to write: its layout, optional subtitle and records (dicts by column key)."""

    layout: SheetLayout
    records: Sequence[dict]
    subtitle: str | None = None
    index: int | None = None  # where to create the sheet when the workbook lacks it
    extra: Callable | None = None  # extra(ws, first_row, last_row): e.g. data validation


def save_with_tables(wb: Workbook, tables: list[Table], target: Path) -> None:
    """Write ``wb`` with every table sheet rebuilt from its records to ``target``."""
    protos = {}
    for t in tables:
        existed = t.layout.name in wb.sheetnames
        ws = init_sheet(wb, t.layout, subtitle=t.subtitle)
        if not existed and t.index is not None:
            wb.move_sheet(ws, min(t.index, len(wb.sheetnames) - 1) - wb.sheetnames.index(ws.title))
        proto = t.layout.header_row + 1
        for i, col in enumerate(t.layout.columns, start=1):
            cell = ws.cell(row=proto, column=i)
            cell.font, cell.border = styles.BODY, styles.BOX
            if col.number_format:
                cell.number_format = col.number_format
            cell.alignment = styles.WRAP if col.wrap else styles.TOP
        last = t.layout.header_row + len(t.records)
        ncols = len(t.layout.columns)
        ws.auto_filter.ref = f"A{t.layout.header_row}:{get_column_letter(ncols)}{max(last, t.layout.header_row)}"
        set_print_area(ws, t.layout, last)
        if t.extra is not None and t.records:
            t.extra(ws, proto, last)
        protos[t.layout.name] = t
    staging = io.BytesIO()
    wb.save(staging)
    staging.seek(0)
    with zipfile.ZipFile(staging) as src:
        parts = {part: protos[name] for name, part in sheet_parts(src).items() if name in protos}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename in parts:
                    _write_spliced(dst, info, data, parts[info.filename])
                else:
                    dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)


def _write_spliced(dst: zipfile.ZipFile, info: zipfile.ZipInfo, xml: bytes, table: Table) -> None:
    """Stream the sheet into a temporary file first, so zipfile knows its size before writing the entry.

    An entry opened for writing with an unknown size needs ``force_zip64`` and then carries a ZIP64 extra
    field in its local header that the central directory lacks (Office's zip reader rejects such entries).
    With the size given, zipfile writes ZIP64 only for an entry that needs it, in both headers alike.
    """
    with tempfile.TemporaryFile() as spool:
        _splice(xml, table, spool)
        entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
        entry.compress_type, entry._compresslevel = zipfile.ZIP_DEFLATED, 1  # these sheets are large
        entry.external_attr = info.external_attr
        entry.file_size = spool.tell()
        spool.seek(0)
        with dst.open(entry, "w") as out:
            shutil.copyfileobj(spool, out, 1 << 20)


def _splice(xml: bytes, table: Table, out) -> None:
    layout = table.layout
    proto = layout.header_row + 1
    text = xml.decode("utf-8")
    m = re.search(rf'<row r="{proto}"[^>]*?(?:/>|>.*?</row>)', text, flags=re.S)
    if m is None:
        raise RuntimeError(f"prototype row missing in sheet {layout.name}")
    style_ids = dict(re.findall(rf'<c r="([A-Z]+){proto}"[^>]*?\bs="(\d+)"', m.group(0)))
    letters = [get_column_letter(i) for i in range(1, len(layout.columns) + 1)]
    cols = [(key, f'<c r="{letter}', f'" s="{style_ids.get(letter, "0")}"') for key, letter in zip(layout.keys, letters)]
    last = layout.header_row + len(table.records)
    head = text[: m.start()]
    head = re.sub(r'<dimension ref="[^"]*"\s*/>',
                  f'<dimension ref="A1:{letters[-1]}{max(last, layout.header_row)}"/>', head, count=1)
    out.write(head.encode("utf-8"))
    strings: dict[str, str] = {}
    others: dict[object, str] = {}  # dates and the like, repeated on many rows
    wrapped = [(c.key, c.width) for c in layout.columns if c.wrap]
    lines: dict[tuple[str, float], int] = {}
    chunk: list[str] = []
    for n, record in enumerate(table.records):
        r = str(proto + n)
        height = _row_height(record, wrapped, lines)
        chunk.append(f'<row r="{r}" ht="{height}" customHeight="1">' if height else f'<row r="{r}">')
        for key, start, style in cols:
            value = record.get(key)
            kind = type(value)
            if kind is str:
                if not value:
                    chunk.append(f"{start}{r}{style}/>")
                    continue
                body = strings.get(value)
                if body is None:
                    body = strings[value] = _text_body(value)
                chunk.append(f"{start}{r}{style}{body}")
            elif value is None:
                chunk.append(f"{start}{r}{style}/>")
            elif kind is float or kind is int:
                if kind is float and not math.isfinite(value):
                    chunk.append(f"{start}{r}{style}/>")
                else:
                    chunk.append(f"{start}{r}{style}><v>{value!r}</v></c>")
            else:
                body = others.get(value)
                if body is None:
                    body = others[value] = _other_body(value)
                chunk.append(f"{start}{r}{style}{body}")
        chunk.append("</row>")
        if len(chunk) >= 20000:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    out.write("".join(chunk).encode("utf-8"))
    out.write(text[m.end():].encode("utf-8"))


def _row_height(record: dict, wrapped: list[tuple[str, float]], cache: dict[tuple[str, float], int]) -> float | None:
    """The height a row's wrapped text needs (None: one line, the sheet's default)."""
    most = 1
    for key, width in wrapped:
        value = record.get(key)
        if value is None or value == "":
            continue
        text = value if isinstance(value, str) else str(value)
        n = cache.get((text, width))
        if n is None:
            n = cache[(text, width)] = text_fit.wrapped_lines(text, width)
        most = max(most, n)
    return text_fit.row_height(most) if most > 1 else None


def _text_body(value: str) -> str:
    """What follows a text cell's style: an inline string (never a formula, whatever it starts with)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_TEXT]
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() or "\n" in text else ""
    return f' t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _other_body(value) -> str:
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):  # subclasses (numpy, IntEnum…)
        return f"><v>{float(value)!r}</v></c>" if math.isfinite(float(value)) else "/>"
    if isinstance(value, (dt.datetime, dt.date)):
        return f"><v>{to_excel(value)!r}</v></c>"
    return _text_body(str(value))


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")
