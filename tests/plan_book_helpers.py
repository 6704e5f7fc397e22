"""Editing a plan workbook the way a person does, by column key and row code (openpyxl)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import python_calamine as pc

from templates.plan_book import layout as L


def columns(ws) -> dict[str, int]:
    """Column key → 1-based column of a plan workbook sheet."""
    return {L.parse_column_key(c.value): c.column for c in ws[1] if L.parse_column_key(c.value)}


def row_of(ws, code: object, key: str | None = None) -> int:
    """The first data row whose ``key`` column (default: the first table column) holds ``code``."""
    col = columns(ws)[key] if key else 2
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, col).value == code:
            return r
    raise KeyError(code)


def field_row(ws, key: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)


def cell(ws, key: str, row: int) -> str:
    return ws.cell(row, columns(ws)[key]).coordinate


def edit(path: Path, out: Path, changes) -> Path:
    """Apply ``changes(wb)`` to a copy of the workbook at ``path``, saved as ``out``."""
    wb = openpyxl.load_workbook(path)
    try:
        changes(wb)
        wb.save(out)
    finally:
        wb.close()
    return out


def values(path: Path) -> dict[str, list[list]]:
    """Every sheet's cell values, hidden ones included."""
    wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(Path(path).read_bytes()))
    return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names}
