"""Shared look of every sheet bdg writes: fonts, fills, borders, print set-up."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "Times New Roman"
BODY = Font(name=FONT_NAME, size=12)
BOLD = Font(name=FONT_NAME, size=12, bold=True)
ITALIC = Font(name=FONT_NAME, size=12, italic=True)
TITLE = Font(name=FONT_NAME, size=14, bold=True)
HEADER = Font(name=FONT_NAME, size=12, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
DIFF_FILL = PatternFill("solid", fgColor="FFF2CC")
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")  # table cells that do not wrap, level with the wrapped ones
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def print_setup(ws: Worksheet, *, landscape: bool = True, title_rows: str | None = None) -> None:
    """A4, fit to page width, repeated header rows."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "Trang &P / &N"
    ws.oddFooter.center.font = FONT_NAME


def write_header(ws: Worksheet, row: int, headers: list[str], widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, (text, width) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(row=row, column=i, value=text)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER, HEADER_FILL, BOX, CENTER
        ws.column_dimensions[get_column_letter(i)].width = width


def fit_row_heights(ws: Worksheet, first_row: int = 1, last_row: int | None = None) -> None:
    """Give every row the height its wrapped text needs, measured with the font's metrics
    (neither Excel nor LibreOffice re-fits the rows of a file written by code).

    A merged cell's text wraps across the merged columns; rows only grow, never shrink.
    """
    from openpyxl.utils import get_column_letter

    from templates import text_fit

    spans = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges if m.min_row == m.max_row}
    widths: dict[int, float] = {}

    def width(col: int) -> float:
        if col not in widths:
            dim = ws.column_dimensions.get(get_column_letter(col))
            widths[col] = dim.width if dim is not None and dim.width else 8.43
        return widths[col]

    for row in ws.iter_rows(min_row=first_row, max_row=last_row):
        need = 0.0
        for cell in row:
            if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
                continue
            span = spans.get((cell.row, cell.column))
            room = sum(width(c) for c in range(span.min_col, span.max_col + 1)) if span else width(cell.column)
            font = cell.font
            need = max(need, text_fit.height_for(str(cell.value), room, font.sz or 12, bool(font.b), bool(font.i)))
        if not need:
            continue
        current = ws.row_dimensions[row[0].row].height
        if need > text_fit.row_height(1) and (current is None or need > current):
            ws.row_dimensions[row[0].row].height = need
