"""Text longer than one Excel cell holds, cut into cell-sized parts and joined again.

Excel keeps at most 32,767 characters in a cell, counted in UTF-16 code units (an emoji or any
character beyond the Basic Multilingual Plane counts two). A narrative longer than that is
written over several rows of Thuyết minh (its *parts*, numbered in the layout's "Phần" column)
and every reader joins them again (:func:`workbook.state.read_master`), so the report and the
add-in see the whole text. A part never ends inside a surrogate pair.
"""

from __future__ import annotations

# Excel's limit on one cell's text and the length Excel counts (UTF-16 code units): the intake's, which
# warns about the same limit
from templates.intake.validate import CELL_TEXT_LIMIT as MAX_CELL_UNITS, text_length as utf16_units


def _cut(text: str, units: int) -> int:
    """How many characters of ``text`` fit in ``units`` UTF-16 code units."""
    used = 0
    for i, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > units:
            return i
    return len(text)


def split_cells(text: str, units: int = MAX_CELL_UNITS) -> list[str]:
    """``text`` as consecutive parts of at most ``units`` UTF-16 code units each (one part if it fits)."""
    if len(text) <= units // 2 or utf16_units(text) <= units:
        return [text]
    parts = []
    while text:
        n = _cut(text, units)
        parts.append(text[:n])
        text = text[n:]
    return parts


def fit_cell(text: str, units: int = MAX_CELL_UNITS) -> str:
    """``text`` cut to what one cell holds (only text that was not split first is ever cut)."""
    return split_cells(text, units)[0]
