"""Fast rewrite of a master's big tables, keeping every other part of the package as it is.

openpyxl needs ~50 µs per cell to load or save a styled sheet, far too slow for tens of
thousands of rows. So the master is written in two steps:

1. :func:`load_without` opens the package with openpyxl after replacing the parts of the
   named sheets by an empty worksheet — loading costs only what the other sheets cost;
2. :func:`save_with_tables` lets openpyxl write each table sheet with its title, headers and
   one styled *prototype* row (registering the styles), then puts the real rows into the
   sheet's XML in place of the prototype, reusing the prototype cells' style ids, in deflated
   segments that the next write copies where the same rows come again (:mod:`workbook.table_part`).

Strings are written inline (``t="inlineStr"``), which Excel, LibreOffice and calamine read.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from bdg.ooxml import sheet_parts
from workbook import styles, zipraw
from workbook.table_part import TableIndex, table_entry
from workbook.layout import SheetLayout
from workbook.sheets import init_sheet, set_print_area

_EMPTY_SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<sheetData/></worksheet>')


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


def save_with_tables(wb: Workbook, tables: list[Table], target: Path,
                     previous: dict[str, tuple[TableIndex, bytes]] | None = None) -> dict[str, TableIndex]:
    """Write ``wb`` with every table sheet rebuilt from its records to ``target``.

    ``previous``: by sheet name, the index of that table in the master being replaced and its
    part's deflated bytes; row segments found again are copied from them (:mod:`workbook.table_part`).
    Returns each table's new index.
    """
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
    previous = previous or {}
    indexes: dict[str, TableIndex] = {}
    entries = []
    with zipfile.ZipFile(staging) as src:
        parts = {part: name for name, part in sheet_parts(src).items() if name in protos}
        for info in src.infolist():
            data = src.read(info.filename)
            name = parts.get(info.filename)
            if name is None:
                entries.append(zipraw.whole(info.filename, info.date_time, data, info.external_attr))
                continue
            t = protos[name]
            old, old_data = previous.get(name, (None, None))
            entry, indexes[name] = table_entry(info.filename, info.date_time, data, t.layout, t.records, old,
                                               old_data, info.external_attr)
            entries.append(entry)
    zipraw.write(target, entries)
    return indexes


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")
