"""Reading and writing an ``xw.Book`` the same way under every xlwings engine.

Everything here works under classic xlwings (Excel on Windows/macOS) and under the remote
engine (xlwings Lite, xlwings Server, tests): values are read, never formats; writes are
plain values, fills, notes and bold headers. Under the remote engine writes are queued as
actions and a read after a write still sees the old value, so callers read first, then write.
"""

from __future__ import annotations

import sys
from pathlib import Path

from templates.intake.check_sheet import FILLS, HEADER_FILL  # one palette for every view

REMOTE_ENGINES = ("remote", "officejs")

# Fills used for marks and headers (hex, as xlwings expects).
ERROR_FILL = FILLS["error"]  # light red: the value is refused
WARNING_FILL = FILLS["warning"]  # light amber: the value is kept, check it
OK_FILL = FILLS["ok"]  # light green


def is_remote(book) -> bool:
    """True under the remote engine (Lite/Server/tests): no file, only the values sent."""
    return book.app.engine.name in REMOTE_ENGINES


def local_path(book) -> Path | None:
    """The workbook's file on disk under classic xlwings, or None (remote, or never saved)."""
    if is_remote(book):
        return None
    try:
        path = Path(book.fullname)
    except Exception:
        return None
    return path if path.is_file() else None


def sheet_names(book) -> list[str]:
    return [s.name for s in book.sheets]


def find_sheet(book, name: str):
    for sheet in book.sheets:
        if sheet.name == name:
            return sheet
    return None


def values(sheet) -> list[list]:
    """A sheet's values from A1 to its last used cell as a list of rows (empty cells → None)."""
    used = sheet.used_range
    last = used.last_cell
    if last.row == 1 and last.column == 1 and used.value is None:
        return []
    return sheet.range((1, 1), (last.row, last.column)).options(ndim=2, err_to_str=True).value


def all_values(book) -> dict[str, list[list]]:
    """Every sheet's values (hidden ones included), keyed by sheet name, in tab order."""
    return {sheet.name: values(sheet) for sheet in book.sheets}


def ensure_sheet(book, name: str, *, first: bool = False):
    """The sheet called ``name``, added (first or after the last sheet) when missing."""
    sheet = find_sheet(book, name)
    if sheet is not None:
        return sheet, False
    if first:
        return book.sheets.add(name, before=book.sheets[0]), True
    return book.sheets.add(name, after=book.sheets[len(book.sheets) - 1]), True


def write_rows(sheet, top_left: str, rows: list[list]) -> None:
    """Write a block of rows (padded to a rectangle) starting at ``top_left``."""
    if not rows:
        return
    width = max(len(r) for r in rows)
    block = [list(r) + [None] * (width - len(r)) for r in rows]
    sheet[top_left].value = block


def clear_rows(sheet, first_row: int, last_row: int, width: int) -> None:
    """Empty the values of rows ``first_row..last_row`` (1-based), ``width`` columns wide."""
    if last_row >= first_row and width > 0:
        sheet.range((first_row, 1), (last_row, width)).clear_contents()


def bold(sheet, first_row: int, width: int, fill: str | None = HEADER_FILL) -> None:
    rng = sheet.range((first_row, 1), (first_row, width))
    rng.font.bold = True
    if fill:
        rng.color = fill


def column_width(sheet, column: int, chars: float) -> None:
    """Set a column's width in Excel's character units (the remote engine measures in points)."""
    rng = sheet.range((1, column))
    rng.column_width = chars_to_points(chars) if is_remote(sheet.book) else chars


def chars_to_points(chars: float) -> float:
    """Excel character units → points (7 px per character plus 5 px padding, 0.75 pt per px)."""
    return round((chars * 7 + 5) * 0.75, 2)


def points_to_chars(points: float) -> float:
    return round((points / 0.75 - 5) / 7, 2)


def style_table(sheet, *, widths: tuple[float, ...], header_row: int, last_row: int, font: str, size: float,
                header_height: float, heights: list[float]) -> None:
    """The look of bdg's table sheets: one font, column widths, a filled bold header, wrapped cells
    aligned to the top with thin borders, and row heights fitted to the wrapped text (1-based rows)."""
    width = len(widths)
    whole = sheet.range((1, 1), (last_row, width))
    whole.font.name = font
    whole.font.size = size
    for c, chars in enumerate(widths, start=1):
        column_width(sheet, c, chars)
    bold(sheet, header_row, width, HEADER_FILL)
    table = sheet.range((header_row, 1), (last_row, width))
    table.wrap_text = True
    table.vertical_alignment = "top"
    table.borders.line_style = "continuous"
    table.borders.weight = "thin"
    sheet.range((header_row, 1)).row_height = header_height
    for r, height in enumerate(heights, start=header_row + 1):
        sheet.range((r, 1)).row_height = height


def print_setup(sheet, *, header_row: int, last_row: int, width: int) -> None:
    """Print the table: its area on every engine; on Windows Excel also A4 landscape, one page wide,
    the header repeated on each page (the remote engine cannot set these)."""
    from openpyxl.utils import get_column_letter

    sheet.page_setup.print_area = f"$A$1:${get_column_letter(width)}${last_row}"
    if is_remote(sheet.book) or sys.platform != "win32":
        return
    setup = sheet.api.PageSetup
    setup.PaperSize = 9  # xlPaperA4
    setup.Orientation = 2  # xlLandscape
    setup.Zoom = False
    setup.FitToPagesWide = 1
    setup.FitToPagesTall = False
    setup.PrintTitleRows = f"${header_row}:${header_row}"
    setup.CenterFooter = "Trang &P / &N"


def link_to_cell(rng, sheet_name: str, cell: str, text: str) -> None:
    """A hyperlink on ``rng`` to ``cell`` of ``sheet_name`` in the same workbook, showing ``text``."""
    target = sheet_name.replace("'", "''")
    rng.add_hyperlink(f"#'{target}'!{cell}", text, f"Đến ô {cell} của trang '{sheet_name}'")


def mark_cell(sheet, address: str, fill: str, note: str | None) -> None:
    """Colour one cell and put ``note`` on it (replacing a note bdg put there before)."""
    cell = sheet[address]
    cell.color = fill
    if note:
        try:
            existing = cell.note
            if existing is not None:
                existing.delete()
            cell.add_note(note)
        except NotImplementedError:  # an Excel without notes support: the result sheet still lists it
            pass


def unmark_cell(sheet, address: str, fill: str | None) -> None:
    """Undo :func:`mark_cell`: restore the fill (None = no fill) and remove the note."""
    cell = sheet[address]
    cell.color = fill
    try:
        existing = cell.note
        if existing is not None:
            existing.delete()
    except NotImplementedError:
        pass


def alert(book, text: str, title: str = "Bình đẳng giới") -> None:
    """A message box in Excel; never fails the macro if the host cannot show one."""
    try:
        book.app.alert(text, title=title)
    except Exception:
        pass
