"""Run macros without Excel: a workbook file → xlwings remote-engine payload → actions → file.

Under xlwings' remote engine (what xlwings Lite and xlwings Server use) a macro receives
the workbook as JSON (values, names, notes, sheet visibility) and its writes come back as a
list of *actions*. This module builds that JSON from a real .xlsx the way the Office.js
client does (empty cells as ``""``, date cells as ISO text, every sheet including hidden
ones), and replays the returned actions onto a copy of the file with openpyxl, so what a
person would see in Excel can be opened and checked (e.g. with LibreOffice).

The remote engine needs ``XLWINGS_LICENSE_KEY`` (``noncommercial`` is enough for the
PolyForm Noncommercial licence) set before xlwings is first imported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from bdg.errors import BdgError

NOTE_AUTHOR = "bdg"


class RemoteEngineError(BdgError):
    pass


def remote_book(payload: dict):
    """An ``xw.Book`` over a JSON payload (the remote engine)."""
    import xlwings as xw

    if "remote" not in [e.name for e in xw.engines]:
        raise RemoteEngineError(
            "Không chạy được macro ngoài Excel: chưa đặt biến môi trường XLWINGS_LICENSE_KEY "
            "(giấy phép PolyForm Noncommercial: XLWINGS_LICENSE_KEY=noncommercial) trước khi khởi động.")
    return xw.Book(json=payload)


# --- file → payload ---------------------------------------------------------------------------

def payload_from_file(path: Path, *, active_sheet: str | None = None, selection: str = "A1") -> dict:
    """The JSON an Office.js client would send for this workbook (values only, as Excel shows them)."""
    import xlwings as xw

    path = Path(path)
    wb = CalamineWorkbook.from_path(str(path))
    visibility = {m.name: _visibility(m.visible) for m in wb.sheets_metadata}
    notes, names = _notes_and_names(path, wb.sheet_names)
    sheets = []
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        values = _office_values(rows)
        sheets.append({
            "name": name,
            "values": values,
            "pictures": [],
            "tables": [],
            "notes": [{"address": a} for a in notes.get(name, [])],
            "visibility": visibility.get(name, "Visible"),
            "used_range_address": _used_range(values),
        })
    index = wb.sheet_names.index(active_sheet) if active_sheet in wb.sheet_names else _first_visible(sheets)
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {"name": path.name, "active_sheet_index": index, "selection": selection},
        "names": names,
        "sheets": sheets,
    }


def _visibility(value) -> str:
    text = str(value).rsplit(".", 1)[-1].lower()
    return {"visible": "Visible", "hidden": "Hidden", "veryhidden": "VeryHidden"}.get(text, "Visible")


def _first_visible(sheets: list[dict]) -> int:
    return next((i for i, s in enumerate(sheets) if s["visibility"] == "Visible"), 0)


def _office_values(rows: list[list]) -> list[list]:
    """calamine values → Office.js values: ``""`` for empty, ISO text for dates, rectangular."""
    width = max((len(r) for r in rows), default=0)
    out = []
    for row in rows:
        cells = [_office_value(v) for v in row]
        out.append(cells + [""] * (width - len(cells)))
    return out or [[]]


def _office_value(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)
    return value


def _used_range(values: list[list]) -> str | None:
    last_row, last_col = -1, -1
    for r, row in enumerate(values):
        for c, v in enumerate(row):
            if v != "":
                last_row, last_col = max(last_row, r), max(last_col, c)
    if last_row < 0:
        return None
    return f"$A$1:${get_column_letter(last_col + 1)}${last_row + 1}"


def _notes_and_names(path: Path, sheet_names: list[str]) -> tuple[dict[str, list[str]], list[dict]]:
    """Cells with a note, per sheet, and range names — read with openpyxl (calamine has neither)."""
    notes: dict[str, list[str]] = {}
    names: list[dict] = []
    try:
        wb = load_workbook(path, read_only=False, keep_links=False)
    except Exception:  # .xls/.ods: no notes or names, values still work
        return notes, names
    for ws in wb.worksheets:
        found = [f"${c.column_letter}${c.row}" for row in ws.iter_rows() for c in row if c.comment]
        if found:
            notes[ws.title] = found
    for name, defined in wb.defined_names.items():
        for sheet, ref in defined.destinations:
            if sheet in sheet_names:
                names.append({"name": name, "sheet_index": sheet_names.index(sheet), "address": ref,
                              "scope_sheet_name": None, "scope_sheet_index": None, "book_scope": True})
            break
    return notes, names


# --- actions → file ---------------------------------------------------------------------------

def replay(actions: list[dict], src: Path, dst: Path) -> list[dict]:
    """Apply remote-engine actions to a copy of ``src`` saved as ``dst``; return the alerts shown.

    Supports what bdg's macros emit; any other action raises, so a test notices new ones.
    """
    wb = load_workbook(src)
    alerts: list[dict] = []
    for action in actions:
        func = action["func"]
        handler = _HANDLERS.get(func)
        if func == "alert":
            prompt, title, *_ = action["args"] + ["", ""]
            alerts.append({"prompt": prompt, "title": title})
        elif handler is None:
            raise ValueError(f"action '{func}' cannot be replayed")
        else:
            handler(wb, action)
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return alerts


def _sheet(wb, action):
    return wb.worksheets[action["sheet_position"]]


def _cells(wb, action):
    ws = _sheet(wb, action)
    r0, c0 = action["start_row"] + 1, action["start_column"] + 1
    for r in range(r0, r0 + action["row_count"]):
        for c in range(c0, c0 + action["column_count"]):
            yield ws.cell(row=r, column=c)


def _set_values(wb, action):
    ws = _sheet(wb, action)
    r0, c0 = action["start_row"] + 1, action["start_column"] + 1
    for i, row in enumerate(action["values"]):
        for j, value in enumerate(row):
            ws.cell(row=r0 + i, column=c0 + j).value = None if value == "" else value


def _set_color(wb, action):
    color = action["args"][0]
    fill = PatternFill() if color is None else PatternFill("solid", fgColor=color.lstrip("#").upper())
    for cell in _cells(wb, action):
        cell.fill = fill


def _add_note(wb, action):
    address, text = action["args"][:2]
    ws = _sheet(wb, action)
    ws[address.replace("$", "")].comment = Comment(text, NOTE_AUTHOR, width=320, height=120)


def _delete_note(wb, action):
    ws = _sheet(wb, action)
    ws[action["args"][0].replace("$", "")].comment = None


def _add_sheet(wb, action):
    index, name = action["args"][:2]
    wb.create_sheet(title=name, index=index)


def _clear_contents(wb, action):
    for cell in _cells(wb, action):
        cell.value = None


def _clear_formats(wb, action):
    for cell in _cells(wb, action):
        cell.fill, cell.font = PatternFill(), Font()


def _sheet_clear(wb, action):
    ws = _sheet(wb, action)
    for row in ws.iter_rows():
        for cell in row:
            cell.value = None
            cell.fill, cell.font, cell.comment = PatternFill(), Font(), None
            cell.border, cell.alignment, cell.hyperlink = Border(), Alignment(), None


def _font(wb, action):
    prop, value = action["args"][:2]
    for cell in _cells(wb, action):
        f = cell.font
        kw = {"name": f.name, "size": f.size, "bold": f.bold, "italic": f.italic, "color": f.color}
        if prop in ("bold", "italic"):
            kw[prop] = bool(value)
        elif prop in ("name", "size"):
            kw[prop] = value
        elif prop == "color":
            kw["color"] = str(value).lstrip("#").upper()
        cell.font = Font(**kw)


def _column_width(wb, action):
    from addin.bookio import points_to_chars

    ws = _sheet(wb, action)
    c0 = action["start_column"] + 1
    for c in range(c0, c0 + action["column_count"]):
        ws.column_dimensions[get_column_letter(c)].width = points_to_chars(float(action["args"][0]))


def _row_height(wb, action):
    ws = _sheet(wb, action)
    r0 = action["start_row"] + 1
    for r in range(r0, r0 + action["row_count"]):
        ws.row_dimensions[r].height = float(action["args"][0])


def _wrap(wb, action):
    for cell in _cells(wb, action):
        a = cell.alignment
        cell.alignment = Alignment(horizontal=a.horizontal, vertical=a.vertical, wrap_text=bool(action["args"][0]))


def _vertical(wb, action):
    for cell in _cells(wb, action):
        a = cell.alignment
        cell.alignment = Alignment(horizontal=a.horizontal, vertical=str(action["args"][0]).lower(),
                                   wrap_text=a.wrap_text)


_EDGES = {"edge_top": "top", "edge_bottom": "bottom", "edge_left": "left", "edge_right": "right"}


def _border(wb, action):
    """One side of a range's borders: edges on the outer cells, inside lines between the cells."""
    from openpyxl.styles import Side

    side, attribute, value = action["args"][:3]
    if attribute != "line_style":
        return  # the weight and colour of a thin grey line are the only ones bdg draws
    line = Side(style="thin", color="808080") if value else Side()
    r0, c0 = action["start_row"] + 1, action["start_column"] + 1
    r1, c1 = r0 + action["row_count"] - 1, c0 + action["column_count"] - 1
    for cell in _cells(wb, action):
        sides = []
        if side in _EDGES:
            edge = _EDGES[side]
            at = {"top": cell.row == r0, "bottom": cell.row == r1, "left": cell.column == c0,
                  "right": cell.column == c1}[edge]
            sides = [edge] if at else []
        elif side == "inside_horizontal":
            sides = [s for s, at in (("top", cell.row > r0), ("bottom", cell.row < r1)) if at]
        elif side == "inside_vertical":
            sides = [s for s, at in (("left", cell.column > c0), ("right", cell.column < c1)) if at]
        if sides:
            b = cell.border
            kw = {s: getattr(b, s) for s in ("left", "right", "top", "bottom")}
            kw.update({s: line for s in sides})
            cell.border = Border(**kw)


def _hyperlink(wb, action):
    """``#'Sheet'!A1`` is a place in the workbook; anything else a URL."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    address, text, tip = (action["args"] + [None, None])[:3]
    for cell in _cells(wb, action):
        if address.startswith("#"):
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=address[1:], display=text, tooltip=tip)
        else:
            cell.hyperlink = Hyperlink(ref=cell.coordinate, target=address, display=text, tooltip=tip)
        if text is not None:
            cell.value = text
        f = cell.font
        cell.font = Font(name=f.name, size=f.size, bold=f.bold, italic=f.italic, color="0000FF", underline="single")


def _print_area(wb, action):
    _sheet(wb, action).print_area = action["args"][0].replace("$", "")


def _activate(wb, action):
    index = action["args"][0]
    wb.active = index


_HANDLERS: dict[str, Any] = {
    "setValues": _set_values,
    "setRangeColor": _set_color,
    "addNote": _add_note,
    "setNoteText": _add_note,
    "deleteNote": _delete_note,
    "addSheet": _add_sheet,
    "rangeClearContents": _clear_contents,
    "rangeClearFormats": _clear_formats,
    "sheetClear": _sheet_clear,
    "setFontProperty": _font,
    "setColumnWidth": _column_width,
    "setRowHeight": _row_height,
    "setWrapText": _wrap,
    "setVerticalAlignment": _vertical,
    "setBorderProperty": _border,
    "setPrintArea": _print_area,
    "addHyperlink": _hyperlink,
    "activateSheet": _activate,
    "setSheetAutofit": lambda wb, action: None,  # column widths are the viewer's business
    "setAutofit": lambda wb, action: None,
}

