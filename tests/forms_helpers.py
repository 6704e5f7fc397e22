"""Helpers for the form and intake tests: edit a generated form the way a clerk would (openpyxl),
find cells by their keys, and summarise a submission's problems as flat, diffable tuples."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bdg.submission import Submission
from templates import form_layout as L


def edit(src: Path, dst: Path, change) -> Path:
    """Open ``src`` with openpyxl, apply ``change(wb)``, save as ``dst`` (like a clerk's Excel)."""
    wb = openpyxl.load_workbook(src)
    change(wb)
    wb.save(dst)
    return dst


def key_row(ws, key: str) -> int:
    """1-based row holding ``key`` in the hidden key column (column A as generated)."""
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == key:
            return row[0].row
    raise KeyError(key)


def value_col(ws) -> int:
    for cell in ws[1]:
        if cell.value == L.column_key("value"):
            return cell.column
    raise KeyError("value column")


def input_cell(ws, series: str, key: str):
    return ws.cell(row=key_row(ws, L.input_key(series, key)), column=value_col(ws))


def flat(sub: Submission, *fields: str) -> list[tuple]:
    fields = fields or ("code", "cell", "series")
    return [tuple(getattr(p, f) for f in fields) for p in sub.problems]


def codes(sub: Submission) -> set[str]:
    return {p.code for p in sub.problems}
