"""What a sheet shows, printed through LibreOffice, compared with what its cells hold.

:func:`printed_words` reads a PDF's words and sizes (``pdftotext -bbox``); :func:`cell_words`
lists the words of every text cell a sheet prints; :func:`shown` formats a cell value the way
a spreadsheet shows it, so :func:`too_narrow` can measure it against its column with the font's
metrics (:mod:`templates.text_fit`).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from templates import text_fit

A4 = {(595, 842), (842, 595)}  # points, either way round
LINE_TO_FONT = 1.107  # Liberation Serif: a word's box is ascent + descent = 1.107 × the font size


@dataclass
class Page:
    size: tuple[int, int]
    words: list[tuple[str, float]]  # (text, box height in points)

    @property
    def font_size(self) -> float:
        """The typical (median) font size of the page's text, in points."""
        heights = sorted(h for _, h in self.words)
        return heights[len(heights) // 2] / LINE_TO_FONT if heights else 0.0


def printed_words(pdf: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        words = [(_unescape(m.group(5)), float(m.group(4)) - float(m.group(2)))
                 for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                                      r'(.*?)</word>', page.group(3))]
        pages.append(Page((round(float(page.group(1))), round(float(page.group(2)))), words))
    return pages


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace(
        "&amp;", "&")


def print_columns(ws: Worksheet) -> range:
    """1-based columns inside the sheet's print area (all used columns without one)."""
    area = ws.print_area
    if not area:
        return range(1, ws.max_column + 1)
    ref = area.split("!")[-1].replace("$", "")
    first, last = (re.sub(r"\d", "", part) for part in ref.split(":"))
    return range(column_index_from_string(first), column_index_from_string(last) + 1)


def hidden(ws: Worksheet, col: int) -> bool:
    dim = ws.column_dimensions.get(get_column_letter(col))
    return bool(dim is not None and dim.hidden)


def cell_words(ws: Worksheet, first_row: int = 1) -> Counter:
    """Every word of every text cell the sheet prints (words wider than their column are left out:
    a spreadsheet breaks them anywhere)."""
    words: Counter = Counter()
    cols = [c for c in print_columns(ws) if not hidden(ws, c)]
    merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    for c in cols:
        for r in range(first_row, ws.max_row + 1):
            dim = ws.row_dimensions.get(r)
            if dim is not None and dim.hidden:
                continue
            value = ws.cell(r, c).value
            if not isinstance(value, str) or value.startswith("="):
                continue
            span = merged.get((r, c))
            width = sum(column_width(ws, k) for k in (range(span.min_col, span.max_col + 1) if span else [c]))
            room = text_fit.room_px(width)
            words.update(w for w in value.split() if text_fit.text_px(w, 12, True) <= room)
    return words


def missing_words(expected: Counter, pages: list[Page]) -> list[str]:
    """Words the cells hold more often than the printout shows them (cut text)."""
    seen = Counter(w for page in pages for w, _ in page.words)
    return sorted(f"{w} ({seen[w]}/{n})" for w, n in expected.items() if seen[w] < n)


def column_width(ws: Worksheet, col: int) -> float:
    dim = ws.column_dimensions.get(get_column_letter(col))
    return dim.width if dim is not None and dim.width else 8.43


# --- values as a spreadsheet shows them ----------------------------------------------------------
def shown(value, number_format: str) -> str | None:
    """``value`` as Excel shows it under ``number_format`` (None for formats not used by bdg)."""
    if isinstance(value, (dt.datetime, dt.date)):
        fmt = (number_format.replace("yyyy", "%Y").replace("mm/", "%m/").replace("dd", "%d")
               .replace("hh", "%H").replace(":mm", ":%M").replace("ss", "%S"))
        return value.strftime(fmt)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    decimals = {"0": 0, "#,##0": 0, "#,##0.0": 1, "0.0": 1, "#,##0.00": 2, "0.00": 2}.get(number_format)
    if decimals is not None:
        return f"{value:,.{decimals}f}" if number_format.startswith("#") else f"{value:.{decimals}f}"
    if number_format == "General":
        return f"{value:.10g}"
    return None


def too_narrow(ws: Worksheet, first_row: int = 1) -> list[str]:
    """Cells whose value is wider than their column: a number or date (Excel would show "########"),
    or a printed text that does not wrap and has a neighbour on its right to stop it spilling over."""
    out = []
    printed = set(print_columns(ws))
    merged = {(m.min_row, m.min_col) for m in ws.merged_cells.ranges}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            text = shown(cell.value, cell.number_format)
            if text is None and isinstance(cell.value, str) and cell.column in printed \
                    and not (cell.alignment and cell.alignment.wrap_text) and (cell.row, cell.column) not in merged \
                    and ws.cell(cell.row, cell.column + 1).value not in (None, "") and not cell.value.startswith(("bdg:", "=")):
                text = cell.value
            if text is None:
                continue
            size = cell.font.sz or 12 if cell.font else 12
            need = text_fit.width_for(text, size, bool(cell.font and cell.font.b))
            width = column_width(ws, cell.column)
            if need > width:
                out.append(f"{ws.title}!{cell.coordinate} '{text}' needs {need}, column is {width}")
    return out


def too_short(ws: Worksheet, first_row: int = 1) -> list[str]:
    """Rows lower than the wrapped text of one of their cells needs, by the font's metrics (LibreOffice
    keeps such text in the PDF's text layer while clipping it from the page, so the printout alone
    cannot tell)."""
    spans = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges if m.min_row == m.max_row}
    out = []
    for row in ws.iter_rows(min_row=first_row):
        dim = ws.row_dimensions.get(row[0].row)
        if dim is not None and dim.hidden:
            continue
        height = dim.height if dim is not None and dim.height else 15.0
        for cell in row:
            if not isinstance(cell.value, str) or cell.value.startswith("=") or not (
                    cell.alignment and cell.alignment.wrap_text):
                continue
            span = spans.get((cell.row, cell.column))
            width = sum(column_width(ws, c) for c in (range(span.min_col, span.max_col + 1) if span else
                                                      [cell.column]))
            font = cell.font
            lines = text_fit.wrapped_lines(cell.value, width, font.sz or 12, bool(font.b), bool(font.i))
            need = text_fit.row_height(lines, font.sz or 12)
            if lines > 1 and need > height + 0.5:  # one line fits any row the app sizes itself
                out.append(f"{ws.title}!{cell.coordinate} needs {need} pt, row is {height}")
    return out
