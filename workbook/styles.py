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


def fit_row_heights(ws: Worksheet, first_row: int = 1, line_height: float = 15.75) -> None:
    """Set explicit row heights for wrapped text (LibreOffice does not re-fit rows it loads)."""
    import math

    from openpyxl.utils import get_column_letter

    widths = {}
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
                continue
            letter = get_column_letter(cell.column)
            if letter not in widths:
                widths[letter] = ws.column_dimensions[letter].width or 10
            chars_per_line = max(1.0, widths[letter] * 1.15)
            size = (cell.font.sz or 12) / 12 if cell.font else 1
            text_lines = sum(max(1, math.ceil(len(part) * size / chars_per_line))
                             for part in str(cell.value).split("\n"))
            lines = max(lines, text_lines)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * line_height + 2
