"""Finding the form's parts in a workbook's values by their keys (see :mod:`templates.form_layout`).

Works on the cell values python-calamine returns (``to_python(skip_empty_area=False)``: row 0 is
sheet row 1, column 0 is column A), so any format calamine reads (xlsx, xlsm, xls, ods) works.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import python_calamine as pc

from templates import form_layout as L
from templates.intake.extent import a1

Rows = list[list]


@dataclass
class FormSheet:
    name: str
    rows: Rows
    columns: dict[str, int]  # column key → column index (0-based)
    key_col: int
    keys: dict[tuple[str, ...], list[int]] = field(default_factory=dict)  # parsed row key → row indices

    def cell(self, row: int, column: str) -> object:
        col = self.columns.get(column)
        if col is None or row >= len(self.rows) or col >= len(self.rows[row]):
            return None
        value = self.rows[row][col]
        return None if value == "" else value

    def a1(self, row: int, column: str) -> str:
        col = self.columns.get(column, self.key_col)
        return a1(row, col)


def sheet_rows(workbook: pc.CalamineWorkbook, name: str) -> Rows:
    return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)


def find_meta(workbook: pc.CalamineWorkbook) -> tuple[str, dict[str, object]] | None:
    """The metadata sheet (by name first, else any sheet whose A1 is the marker) and its key → value."""
    names = workbook.sheet_names
    ordered = ([L.META_SHEET] if L.META_SHEET in names else []) + [n for n in names if n != L.META_SHEET]
    for name in ordered:
        rows = sheet_rows(workbook, name)
        if rows and rows[0] and rows[0][0] == L.META_MARKER:
            return name, {str(r[0]): (r[1] if len(r) > 1 else None) for r in rows[1:] if r and r[0] != ""}
    return None


def find_form_sheets(workbook: pc.CalamineWorkbook, skip: set[str]) -> list[FormSheet]:
    """Every sheet holding the column-key marker, the form's own tab first.

    A clerk may copy the form sheet (Excel's "Move or Copy → Create a copy") and fill the copy: the
    reader must see all of them, never silently take the first.
    """
    names = workbook.sheet_names
    ordered = ([L.FORM_SHEET] if L.FORM_SHEET in names else []) + \
        [n for n in names if n != L.FORM_SHEET and n not in skip and n != L.GUIDE_SHEET] + \
        ([L.GUIDE_SHEET] if L.GUIDE_SHEET in names and L.GUIDE_SHEET not in skip else [])
    found = []
    for name in ordered:
        if name == L.GUIDE_SHEET and found:
            break  # the guide holds the form only when a clerk pasted it there instead of the form's own tab
        rows = sheet_rows(workbook, name)
        marker = _marker(rows)
        if marker is not None:
            found.append(_index(name, rows, *marker))
    return found


def _marker(rows: Rows) -> tuple[int, int] | None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == L.COLUMNS_MARKER:
                return r, c
    return None


def _index(name: str, rows: Rows, marker_row: int, key_col: int) -> FormSheet:
    columns: dict[str, int] = {}
    for c, value in enumerate(rows[marker_row]):
        key = L.parse_column_key(value)
        if key and key not in columns:
            columns[key] = c
    sheet = FormSheet(name, rows, columns, key_col)
    for r, row in enumerate(rows):
        if r == marker_row or key_col >= len(row):
            continue
        parsed = L.parse_row_key(row[key_col])
        if parsed:
            sheet.keys.setdefault(parsed, []).append(r)
    return sheet
