"""Write a plan as a workbook a plan officer edits in Excel or LibreOffice (:mod:`templates.plan_book.layout`).

The data is the plain mapping of a plan file and may be incomplete (a draft): whatever is there is
written, nothing missing makes the writer fail. A :class:`CellNote` per location adds the sentence
of the decision a value came from (the cell's comment, the row's "Nguồn trong văn bản" cell) and a
reason to check it (the row's "Cần xem lại" cell, which colours the cell while the line is there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from bdg.files import replacing
from templates import text_fit, xlsx_print
from templates.plan_book import layout as L
from templates.plan_book.guide import guide_lines
from templates.plan_book.items import dig, listed, rows_of

FONT = "Times New Roman"
HEADER_FILL = "#D9E1F2"
REVIEW_FILL = "#FFE699"
LOCKED_FILL = "#EDEDED"
BORDER = {"border": 1, "border_color": "#808080"}
GUIDE_WIDTH = 90  # the Hướng dẫn column: within a portrait A4 page at 100 %
PAGE_WIDTH = 150  # column widths a landscape A4 page holds at about 100 %
NOTE_WIDTH = 26  # the "Cần xem lại" and "Nguồn trong văn bản" columns of the tables
DEFAULT_SAVED_AT = dt.datetime(2000, 1, 1)


@dataclass(frozen=True)
class CellNote:
    source: str | None = None  # the sentence of the decision's text the value was taken from
    review: str | None = None  # Vietnamese: why a person should check this value; None = confident


def write_plan_book(data: Mapping, out: Path, notes: Mapping[tuple, CellNote] | None = None) -> Path:
    """Write ``data`` (a plan file's mapping, possibly a draft) as a plan workbook at ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = data if isinstance(data, Mapping) else {}
    with replacing(out) as tmp:  # never a half-written workbook: the old one stays until the new one is whole
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_numbers": False,
                                            "strings_to_urls": False, "in_memory": True})
        _Book(wb, data, dict(notes or {})).write()
        wb.set_properties({"title": f"Kế hoạch — {_text(data.get('name')) or 'bản nháp'}", "author": "bdg",
                           "subject": "Kế hoạch bình đẳng giới (bdg)", "created": DEFAULT_SAVED_AT})
        wb.close()
    return out


class _Formats:
    def __init__(self, wb):
        base = {"font_name": FONT, "font_size": 12, "valign": "top", "text_wrap": True}

        def add(**props):
            return wb.add_format({**base, **props})

        self.title = add(bold=True, font_size=14, text_wrap=False)
        self.heading = add(bold=True)
        self.body = add()
        self.header = add(bold=True, bg_color=HEADER_FILL, align="center", valign="vcenter", **BORDER)
        self.label = add(bold=True, bg_color=LOCKED_FILL, **BORDER)
        self.cell = add(locked=False, **BORDER)
        self.text = add(locked=False, num_format="@", **BORDER)
        self.date = add(locked=False, num_format="dd/mm/yyyy", align="left", **BORDER)
        self.number = add(locked=False, num_format="General", align="right", **BORDER)
        self.note = add(locked=False, italic=True, font_size=11, **BORDER)
        self.review = wb.add_format({"bg_color": REVIEW_FILL})
        self.blank = wb.add_format({"locked": False, "font_name": FONT, "font_size": 12})
        # a text column's rows below the written ones: a code typed there ("1.10") stays text, never 1.1
        self.blank_text = wb.add_format({"locked": False, "font_name": FONT, "font_size": 12, "num_format": "@"})


class _Book:
    def __init__(self, wb, data: Mapping, notes: dict):
        self.wb, self.data, self.fmt = wb, data, _Formats(wb)
        self.milestones = [m for m in listed(data, "milestones") if isinstance(m, int)] or _target_years(data)
        self.notes = self._placed(notes)
        start, end = dig(data, ("period", "start")), dig(data, ("period", "end"))
        self.period = (start, end) if isinstance(start, int) and isinstance(end, int) and start <= end else None

    def _placed(self, notes: dict) -> list[tuple[tuple, CellNote]]:
        """Each note where the workbook can show it: at its cell or row as given; a note about a list of
        rows (``("series", 3, "inputs")``) on each of them; one about something the workbook has no row for
        (a draft's missing derivation) on the nearest row above it, naming what it is about."""
        bases = {loc for table in L.TABLES for loc, _ in rows_of(self.data, table)}
        cells = {f.path for f in L.FIELDS} | {base + c.path for table in L.TABLES
                                              for base, _ in rows_of(self.data, table)
                                              for c in L.columns_of(table, self.milestones)}
        placed = []
        for loc, note in notes.items():
            loc = tuple(loc)
            under = [b for b in bases if len(b) == len(loc) + 1 and b[:len(loc)] == loc]
            if loc in bases or loc in cells:
                placed.append((loc, note))
            elif under:
                placed += [(b, note) for b in sorted(under)]
            elif any(c[:len(loc)] == loc for c in cells):
                placed.append((loc, note))
            else:
                above = max((b for b in bases if b == loc[:len(b)]), key=len, default=None)
                if above is not None:
                    what = _part_name(loc[len(above):])
                    placed.append((above, CellNote(note.source, f"{what}: {note.review}" if note.review else None)))
        return placed

    def write(self) -> None:
        self._guide()
        self._fields()
        for table in L.TABLES:
            self._table(table)
        self._meta()
        self.wb.worksheets()[1].activate()

    # --- Hướng dẫn ---------------------------------------------------------------------------
    def _guide(self) -> None:
        ws, fmt = self.wb.add_worksheet(L.GUIDE_SHEET), self.fmt
        ws.set_column(0, 0, GUIDE_WIDTH)
        styles = {"title": (fmt.title, 14, True), "heading": (fmt.heading, 12, True), "body": (fmt.body, 12, False)}
        for r, (style, text) in enumerate(guide_lines(self.data)):
            cell_format, size, bold = styles[style]
            ws.write_string(r, 0, text, cell_format)
            if style != "title":
                ws.set_row(r, text_fit.height_for(text, GUIDE_WIDTH, size, bold))
        xlsx_print.a4(ws, landscape=False, font=FONT)
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})

    # --- Kế hoạch: one field per row ----------------------------------------------------------
    def _fields(self) -> None:
        ws, fmt = self.wb.add_worksheet(L.PLAN_SHEET), self.fmt
        col = {key: i for i, key in enumerate(L.FIELD_COLUMNS)}
        ws.write_string(0, 0, L.FIELDS_MARKER)
        for key in L.FIELD_COLUMNS[1:]:
            ws.write_string(0, col[key], L.column_key(key))
            ws.write_string(1, col[key], L.FIELD_HEADERS[key], fmt.header)
            ws.set_column(col[key], col[key], L.FIELD_WIDTHS[key], fmt.blank)
        ws.set_column(0, 0, 4, None, {"hidden": True})
        ws.set_row(0, None, None, {"hidden": True})
        for r, f in enumerate(L.FIELDS, start=L.FIRST_DATA_ROW):
            ws.write_string(r, 0, f.key)
            ws.write_string(r, col["label"], f.label, fmt.label)
            value = dig(self.data, f.path)
            self._value(ws, r, col["value"], f.kind, f.choices, value)
            self._validate(ws, r, r, col["value"], f.label, f.kind, f.prompt, f.choices, f.dropdown)
            notes = self._notes_at(f.path)
            reviews = [n.review for _, n in notes if n.review]
            sources = _unique(n.source for _, n in notes if n.source)
            self._comment(ws, r, col["value"], notes)
            _maybe(ws, r, col[L.REVIEW], "\n".join(reviews), fmt.note)
            _maybe(ws, r, col[L.SOURCE], "\n".join(sources), fmt.note)
            if reviews:
                ref = f"${xl_col_to_name(col[L.REVIEW])}{r + 1}"
                ws.conditional_format(r, col["value"], r, col["value"],
                                      {"type": "formula", "criteria": f"=LEN({ref})>0", "format": fmt.review})
            ws.set_row(r, max(text_fit.height_for(_shown(value, f.kind, f.choices), L.FIELD_WIDTHS["value"]),
                              text_fit.height_for(f.label, L.FIELD_WIDTHS["label"], bold=True),
                              text_fit.height_for("\n".join(reviews + sources), L.FIELD_WIDTHS[L.REVIEW], 11)))
        last = L.FIRST_DATA_ROW + len(L.FIELDS) - 1
        ws.set_row(1, 22)
        ws.freeze_panes(L.FIRST_DATA_ROW, 0)
        self._finish(ws, last, len(L.FIELD_COLUMNS) - 1, landscape=True)

    # --- the tables ----------------------------------------------------------------------------
    def _table(self, table: L.Table) -> None:
        ws, fmt = self.wb.add_worksheet(table.name), self.fmt
        columns = (*L.columns_of(table, self.milestones),
                   L.Column(L.REVIEW, L.REVIEW_HEADER, NOTE_WIDTH), L.Column(L.SOURCE, L.SOURCE_HEADER, NOTE_WIDTH))
        col = {c.key: i for i, c in enumerate(columns, start=1)}
        ws.write_string(0, 0, L.COLUMNS_MARKER)
        for c in columns:
            ws.write_string(0, col[c.key], L.column_key(c.key))
            ws.write_string(1, col[c.key], c.header, fmt.header)
            ws.set_column(col[c.key], col[c.key], c.width, fmt.blank_text if c.kind == "text" else fmt.blank)
        ws.set_column(0, 0, 4, None, {"hidden": True})
        ws.set_row(0, None, None, {"hidden": True})
        ws.set_row(1, max(text_fit.height_for(c.header, c.width, bold=True) for c in columns))
        rows = rows_of(self.data, table)
        for r, (loc, item) in enumerate(rows, start=L.FIRST_DATA_ROW):
            self._row(ws, r, columns, col, loc, item)
        last_row = max(L.MAX_ROWS, L.FIRST_DATA_ROW + len(rows) + 200)
        for c in columns[:-2]:
            self._validate(ws, L.FIRST_DATA_ROW, last_row, col[c.key], c.header, c.kind, c.prompt, c.choices,
                           c.dropdown)
        ws.freeze_panes(L.FIRST_DATA_ROW, 2)
        ws.autofilter(1, 1, L.FIRST_DATA_ROW + max(len(rows), 1) - 1, len(columns))
        self._finish(ws, L.FIRST_DATA_ROW + max(len(rows), 1) - 1, len(columns), landscape=table.landscape,
                     width=sum(c.width for c in columns))

    def _row(self, ws, r: int, columns: tuple, col: dict, loc: tuple, item: Mapping) -> None:
        """One item's row: its values, then the notes about it (comments, review lines, sources)."""
        fmt, review_col = self.fmt, xl_col_to_name(col[L.REVIEW])
        height, lines, sources = 16.0, [], []
        for c in columns[:-2]:
            value = dig(item, c.path)
            self._value(ws, r, col[c.key], c.kind, c.choices, value)
            height = max(height, text_fit.height_for(_shown(value, c.kind, c.choices), c.width))
            notes = self._notes_at(loc + c.path, loc, first=c is columns[0])
            self._comment(ws, r, col[c.key], notes)
            labels = []
            for n_loc, n in notes:
                label = L.WHOLE_ROW if len(n_loc) <= len(loc) else c.header
                if n.review:
                    lines.append(f"{label}: {n.review}")
                    labels.append(label)
                if n.source:
                    sources.append(n.source)
            if labels:  # coloured while its line is in the row's "Cần xem lại" cell
                tests = ",".join(f'ISNUMBER(SEARCH("{label}:",${review_col}{r + 1}))' for label in _unique(labels))
                ws.conditional_format(r, col[c.key], r, col[c.key],
                                      {"type": "formula", "criteria": f"=OR({tests})", "format": fmt.review})
        for key, text in ((L.REVIEW, "\n".join(lines)), (L.SOURCE, "\n".join(_unique(sources)))):
            _maybe(ws, r, col[key], text, fmt.note)
            height = max(height, text_fit.height_for(text, NOTE_WIDTH, 11))
        ws.set_row(r, height)

    def _finish(self, ws, last_row: int, last_col: int, *, landscape: bool, width: float = 0) -> None:
        xlsx_print.a4(ws, landscape=landscape, repeat_row=1, font=FONT)
        if width > PAGE_WIDTH * 1.15:  # a wide table: several pages across, each repeating the code column
            ws.fit_to_pages(-(-int(width) // PAGE_WIDTH), 0)
            ws.repeat_columns(1)
            ws.print_across()
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.print_area(1, 1, last_row, last_col)
        ws.protect("", {"insert_rows": True, "delete_rows": True, "insert_columns": True, "sort": True,
                        "autofilter": True,
                        "format_cells": True, "format_columns": True, "format_rows": True,
                        "select_locked_cells": True, "select_unlocked_cells": True})

    # --- cells ---------------------------------------------------------------------------------
    def _value(self, ws, r: int, c: int, kind: str, choices: dict | None, value) -> None:
        fmt = self.fmt
        if value is None or value == "" or value == []:
            ws.write_blank(r, c, None, fmt.text if kind == "text" else fmt.cell)
        elif kind == "date" and isinstance(value, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()) if not isinstance(value, dt.datetime)
                              else value, fmt.date)
        elif kind in ("int", "year", "number", "value") and isinstance(value, (int, float)) \
                and not isinstance(value, bool):
            ws.write_number(r, c, value, fmt.number)
        else:
            ws.write_string(r, c, _shown(value, kind, choices), fmt.text if kind == "text" else fmt.cell)

    def _validate(self, ws, first: int, last: int, c: int, header: str, kind: str, prompt: str,
                  choices: dict | None, dropdown: str | None) -> None:
        title = header[:32]
        rule: dict
        if choices is not None:
            rule = {"validate": "list", "source": list(choices)}
            prompt = prompt or f"Chọn một trong: {'; '.join(choices)}."
            error = f"Hãy chọn trong danh sách: {'; '.join(choices)}."
        elif dropdown is not None:
            rule = {"validate": "list", "source": self._list_source(dropdown)}
            error = "Hãy chọn một mã trong danh sách (bấm mũi tên bên phải ô)."
            rule["show_error"] = True
        elif kind == "year" and self.period:
            start, end = self.period
            rule = {"validate": "integer", "criteria": "between", "minimum": start, "maximum": end}
            prompt = prompt or f"Một năm trong giai đoạn {start}–{end}."
            error = f"Hãy nhập một năm trong giai đoạn {start}–{end} (số nguyên, ví dụ {end})."
        elif kind in ("int", "year"):
            rule = {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 9999}
            error = "Ô này chỉ nhận số nguyên (ví dụ 2025)."
        elif kind == "date":
            rule = {"validate": "date", "criteria": "between", "minimum": dt.date(1990, 1, 1),
                    "maximum": dt.date(2100, 12, 31)}
            error = "Hãy nhập ngày dạng ngày/tháng/năm (ví dụ 31/12/2021)."
        elif prompt:
            rule = {"validate": "any"}
            error = ""
        else:
            return
        rule.update({"ignore_blank": True, "input_title": title, "input_message": prompt[:255]})
        if error:
            rule.update({"error_title": "Giá trị không hợp lệ", "error_message": error[:225]})
        if not prompt:
            rule.pop("input_message")
            rule.pop("input_title")
        ws.data_validation(first, c, last, c, rule)

    def _list_source(self, dropdown: str) -> str:
        sheet, key = {"agencies": (L.AGENCIES, "code"), "objectives": (L.OBJECTIVES, "number"),
                      "series": (L.SERIES, "code")}[dropdown]
        index = [c.key for c in sheet.columns].index(key) + 1
        letter = xl_col_to_name(index)
        return f"='{sheet.name}'!${letter}${L.FIRST_DATA_ROW + 1}:${letter}${L.MAX_ROWS + 1}"

    def _notes_at(self, loc: tuple, base: tuple = (), first: bool = False) -> list[tuple[tuple, CellNote]]:
        """The notes about the cell at ``loc`` in the row of the item at ``base``.

        A note names a cell (``loc``), the whole row (``base``: shown on the row's ``first`` cell), or a
        part of the item holding several cells: all of them (``("report_deadline",)``), except a
        milestone target (``(…, "targets", 2025)``), which is its value cell.
        """
        found = []
        for n_loc, note in self.notes:
            if n_loc == loc or (first and n_loc == base and base):
                found.append((n_loc, note))
            elif len(base) < len(n_loc) < len(loc) and loc[:len(n_loc)] == n_loc:
                if n_loc[-2:-1] != ("targets",) or loc[len(n_loc):] == ("value",):
                    found.append((n_loc, note))
        return found

    def _comment(self, ws, r: int, c: int, notes: list[tuple[tuple, CellNote]]) -> None:
        parts = []
        for _, n in notes:
            if n.source:
                parts.append(f"Nguồn trong văn bản: {n.source}")
            if n.review:
                parts.append(f"{L.REVIEW_HEADER}: {n.review}")
        if parts:
            ws.write_comment(xl_rowcol_to_cell(r, c), "\n".join(_unique(parts))[:2000],
                             {"author": "bdg", "x_scale": 2.2, "y_scale": 2.0, "font_name": FONT})

    # --- hidden sheet: what this file is --------------------------------------------------------
    def _meta(self) -> None:
        ws = self.wb.add_worksheet(L.META_SHEET)
        ws.write_string(0, 0, L.META_MARKER)
        ws.write_string(0, 1, "Thông tin nhận dạng tệp kế hoạch — không sửa")
        ws.write_string(1, 0, "kind")
        ws.write_string(1, 1, L.PLAN_BOOK_KIND)
        ws.write_string(2, 0, "version")
        ws.write_number(2, 1, L.PLAN_BOOK_VERSION)
        ws.very_hidden()
        ws.protect("")


_PARTS = {"derivation": L.DERIVATIONS.name, "inputs": L.INPUTS.name, "variants": L.VARIANTS.name,
          "lead_changes": L.LEAD_CHANGES.name, "renamed": L.RENAMES.name, "changes": L.REPORT_CHANGES.name}


def _part_name(tail: tuple) -> str:
    """What a note the workbook has no cell for is about: the sheet of a missing child row, else its field."""
    if tail and tail[0] in _PARTS:
        return f"trang '{_PARTS[tail[0]]}'"
    return ".".join(str(p) for p in tail)


def _target_years(data: Mapping) -> list[int]:
    """The years a draft without milestones sets targets for (so that none of them goes unwritten)."""
    years = {year for s in listed(data, "series") for v in listed(s, "variants")
             if isinstance(v, Mapping) and isinstance(v.get("targets"), Mapping)
             for year in v["targets"] if isinstance(year, int)}
    return sorted(years)


def _shown(value, kind: str, choices: dict | None) -> str:
    """A value as its cell shows it (a choice by its label, lists joined)."""
    if value is None:
        return ""
    if choices is not None:
        label = next((k for k, v in choices.items() if v == value and type(v) is type(value)), None)
        return label if label is not None else _text(value)
    if kind == "codes" and isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if kind in ("lines", "years") and isinstance(value, list):
        return ("\n" if kind == "lines" else ", ").join(_text(v) for v in value)
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return _text(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _maybe(ws, r: int, c: int, text: str, cell_format) -> None:
    if text:
        ws.write_string(r, c, text[:32767], cell_format)
    else:
        ws.write_blank(r, c, None, cell_format)


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
