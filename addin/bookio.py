"""Reading and writing an ``xw.Book`` the same way under every xlwings engine.

Everything here works under classic xlwings (Excel on Windows/macOS) and under the remote
engine (xlwings Lite, xlwings Server, tests): values are read, never formats; writes are
plain values, fills, notes and bold headers. Under the remote engine writes are queued as
actions and a read after a write still sees the old value, so callers read first, then write.
"""

from __future__ import annotations

from pathlib import Path

REMOTE_ENGINES = ("remote", "officejs")

# Fills used for marks and headers (hex, as xlwings expects).
ERROR_FILL = "#FFC7CE"  # light red: the value is refused
WARNING_FILL = "#FFEB9C"  # light amber: the value is kept, check it
OK_FILL = "#C6EFCE"  # light green
HEADER_FILL = "#D9E1F2"


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
