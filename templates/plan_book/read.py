"""Read a plan workbook's cells back into a plan's plain data, with where each value came from.

:func:`read_values` works on the cell values python-calamine returns for each sheet (row 0 is sheet
row 1), so xlsx, xlsm, xls and ods files saved by Excel or LibreOffice all read alike. Sheets are
found by their hidden markers (:mod:`templates.plan_book.layout`), columns by their keys, rows by
the codes in their cells. Every cell that cannot be read becomes a problem at that cell; every
"Cần xem lại" line becomes a :class:`Mark`. Checking the plan itself is :mod:`templates.plan_book.check`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from templates.intake.extent import a1
from templates.plan_book import layout as L
from templates.plan_book.cells import read_cell, text_of
from templates.plan_book.items import set_path

Rows = list[list]


@dataclass(frozen=True)
class Where:
    sheet: str
    cell: str | None = None  # A1; None for the sheet as a whole
    label: str | None = None  # the column's heading

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else f"trang '{self.sheet}'"


@dataclass(frozen=True)
class Mark:
    """A value a person still has to check: where it is in the plan and in the workbook, and why."""

    loc: tuple
    where: Where
    reason: str


@dataclass
class Reading:
    data: dict = field(default_factory=dict)
    cells: dict[tuple, Where] = field(default_factory=dict)  # plan location → its cell
    marks: list[Mark] = field(default_factory=list)
    problems: list[tuple[Where | None, str]] = field(default_factory=list)  # (where, Vietnamese reason)
    missing_sheets: list[str] = field(default_factory=list)
    unreadable: set[tuple] = field(default_factory=set)  # locations whose cell could not be read
    sources: dict[tuple, str] = field(default_factory=dict)  # a field's or row's "Nguồn trong văn bản" text

    def at(self, loc: tuple, where: Where) -> None:
        self.cells[tuple(loc)] = where
        for n in range(len(loc) - 1, 0, -1):
            self.cells.setdefault(tuple(loc[:n]), where)

    def where(self, loc) -> Where | None:
        """The cell of ``loc``, else of its nearest parent that has one."""
        loc = tuple(loc)
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.cells:
                return self.cells[loc[:n]]
        return None


@dataclass
class _Sheet:
    name: str
    rows: Rows
    marker_row: int
    columns: dict[str, int]  # column key → index

    def value(self, r: int, key: str) -> object:
        c = self.columns.get(key)
        if c is None or r >= len(self.rows) or c >= len(self.rows[r]):
            return None
        value = self.rows[r][c]
        return None if value == "" else value

    def where(self, r: int, key: str, label: str | None = None) -> Where:
        c = self.columns.get(key)
        return Where(self.name, a1(r, c) if c is not None else None, label)


def find_sheets(sheets: Mapping[str, Rows]) -> dict[str, _Sheet]:
    """The plan workbook's sheets by their declared name (a renamed tab is found by its columns)."""
    found: dict[str, _Sheet] = {}
    marked = {name: _marked(rows) for name, rows in sheets.items()}
    declared = {L.PLAN_SHEET: {k for k in L.FIELD_COLUMNS[1:]}}
    declared.update({t.name: {c.key for c in t.columns} for t in L.TABLES})
    for name, sheet in marked.items():
        if sheet is not None and name in declared:
            found[name] = _Sheet(name, sheet.rows, sheet.marker_row, sheet.columns)
    for name, sheet in marked.items():
        if sheet is None or name in declared:
            continue
        keys = set(sheet.columns)
        best = max((t for t in declared if t not in found), key=lambda t: len(keys & declared[t]), default=None)
        if best is not None and declared[best] <= keys | {k for k in declared[best] if "." in k}:
            found[best] = _Sheet(name, sheet.rows, sheet.marker_row, sheet.columns)
    return found


def _marked(rows: Rows) -> _Sheet | None:
    for r, row in enumerate(rows[:20]):
        if row and row[0] in (L.COLUMNS_MARKER, L.FIELDS_MARKER):
            columns: dict[str, int] = {}
            for c, value in enumerate(row):
                key = L.parse_column_key(value)
                if key and key not in columns:
                    columns[key] = c
            return _Sheet("", rows, r, columns)
    return None


def read_values(sheets: Mapping[str, Rows]) -> Reading:
    """A plan's data from the values of a plan workbook's sheets ({sheet name: rows})."""
    reading = Reading()
    found = find_sheets(sheets)
    for name in (L.PLAN_SHEET, L.AGENCIES.name, L.UNITS.name, L.OBJECTIVES.name, L.SERIES.name, L.VARIANTS.name,
                 L.INPUTS.name, L.DERIVATIONS.name):
        if name not in found:
            reading.missing_sheets.append(name)
    if L.PLAN_SHEET in found:
        _fields(found[L.PLAN_SHEET], reading)
    milestones = reading.data.get("milestones") or []
    for table in L.TABLES:
        if table.name in found:
            _table(found[table.name], table, milestones, reading)
    return reading


# --- the Kế hoạch sheet ----------------------------------------------------------------------------
def _fields(sheet: _Sheet, reading: Reading) -> None:
    by_key = {f.key: f for f in L.FIELDS}
    seen: set[str] = set()
    for r in range(sheet.marker_row + 1, len(sheet.rows)):
        key = sheet.rows[r][0] if sheet.rows[r] else None
        f = by_key.get(key) if isinstance(key, str) else None
        if f is None or key in seen:
            continue
        seen.add(key)
        where = sheet.where(r, "value", f.label)
        reading.at(f.path, where)
        value, reason = read_cell(sheet.value(r, "value"), f.kind, f.choices)
        if reason:
            reading.problems.append((where, reason))
            reading.unreadable.add(f.path)
        elif value is not None:
            set_path(reading.data, f.path, value)
        review = sheet.value(r, L.REVIEW)
        if review is not None and text_of(review).strip():
            reading.marks.append(Mark(f.path, where, " ".join(text_of(review).split())))
        _source(sheet, r, f.path, reading)
    if isinstance(reading.data.get("report"), dict):
        for key in L.EMPTY_TEXT_OK:
            reading.data["report"].setdefault(key.split(".", 1)[1], "")


# --- the tables ------------------------------------------------------------------------------------
def _table(sheet: _Sheet, table: L.Table, milestones: list, reading: Reading) -> None:
    columns = [c for c in table.columns if c.key in sheet.columns]
    columns += [c for c in L.target_columns(_target_years(sheet)) if table.name == L.VARIANTS.name]
    for r in range(sheet.marker_row + 2, len(sheet.rows)):
        if all(sheet.value(r, c.key) is None for c in columns):
            continue
        item, bad = {}, []
        for c in columns:
            value, reason = read_cell(sheet.value(r, c.key), c.kind, c.choices)
            if reason:
                reading.problems.append((sheet.where(r, c.key, c.header), reason))
                bad.append(c.path)
            elif value is not None:
                set_path(item, c.path, value)
        base = _place(sheet, table, r, item, reading)
        if base is None:
            continue
        first = columns[0] if columns else table.columns[0]
        reading.at(base, sheet.where(r, first.key, first.header))
        for c in columns:
            reading.at(base + c.path, sheet.where(r, c.key, c.header))
        reading.unreadable.update(base + path for path in bad)
        _marks(sheet, table, columns, r, base, reading)
        _source(sheet, r, base, reading)


def _target_years(sheet: _Sheet) -> list[int]:
    years = [L.target_column(k) for k in sheet.columns]
    return sorted({y for y, _ in (t for t in years if t)})


def _place(sheet: _Sheet, table: L.Table, r: int, item: dict, reading: Reading) -> tuple | None:
    """Put a row's item into the plan; its location there (None when its parent is unknown)."""
    data = reading.data
    if table.name in L.TABLE_PATHS:
        path = L.TABLE_PATHS[table.name]
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        items = target.setdefault(path[-1], [])
        items.append(item)
        return path + (len(items) - 1,)
    if table.name == L.RENAMES.name:
        owner, code = item.pop("owner", None), item.pop("code", None)
        if owner is None or code is None:
            _missing_parent(sheet, r, "owner" if owner is None else "code", table, reading)
            return None
        parents = data.get(owner) or []
        i = _index(parents, "code", code)
        if i is None:
            sheet_name = L.AGENCIES.name if owner == "agencies" else L.UNITS.name
            reading.problems.append((sheet.where(r, "code", "Mã"), f"mã '{code}' không có trong trang '{sheet_name}'"))
            return None
        renamed = parents[i].setdefault("renamed", [])
        renamed.append(item)
        return (owner, i, "renamed", len(renamed) - 1)
    code = item.pop("series", None)
    if code is None:
        _missing_parent(sheet, r, "series", table, reading)
        return None
    i = _index(data.get("series") or [], "code", code)
    if i is None:
        reading.problems.append((sheet.where(r, "series", "Mã chỉ tiêu"),
                                 f"mã chỉ tiêu '{code}' không có trong trang '{L.SERIES.name}'"))
        return None
    series = data["series"][i]
    if table.name in L.SINGLE_CHILD:
        key = L.SINGLE_CHILD[table.name]
        if key in series:
            first = reading.cells.get(("series", i, key))
            reading.problems.append((sheet.where(r, "series", "Mã chỉ tiêu"),
                                     f"chỉ tiêu {code} đã có cách tính ở ô {first.cell if first else '?'}; "
                                     "mỗi chỉ tiêu chỉ một dòng cách tính — hãy xóa dòng thừa"))
            return None
        series[key] = item
        return ("series", i, key)
    children = series.setdefault(L.CHILD_FIELDS[table.name], [])
    children.append(item)
    return ("series", i, L.CHILD_FIELDS[table.name], len(children) - 1)


def _missing_parent(sheet: _Sheet, r: int, key: str, table: L.Table, reading: Reading) -> None:
    column = table.column(key)
    header = column.header if column else key
    reading.problems.append((sheet.where(r, key, header), f"chưa ghi '{header}': dòng này không biết thuộc mục nào"))


def _index(items: list, key: str, code: object) -> int | None:
    return next((i for i, item in enumerate(items) if isinstance(item, Mapping) and item.get(key) == code), None)


def _marks(sheet: _Sheet, table: L.Table, columns: list[L.Column], r: int, base: tuple, reading: Reading) -> None:
    """Each line of the row's "Cần xem lại" cell, ``<column heading>: <why>``, as a mark on that cell;
    a line naming no column (or "Cả dòng") marks the whole row."""
    text = sheet.value(r, L.REVIEW)
    if text is None or not columns:
        return
    first = columns[0]
    headers = sorted(((c.header, c) for c in columns), key=lambda hc: -len(hc[0]))
    found: dict[tuple, tuple[Where, list[str]]] = {}
    for line in text_of(text).splitlines():
        line = line.strip()
        if not line:
            continue
        column = next((c for h, c in headers if _labelled(line, h)), None)
        if column is None:
            loc, where = base, sheet.where(r, first.key, first.header)
            reason = line[len(L.WHOLE_ROW) + 1:] if _labelled(line, L.WHOLE_ROW) else line
        else:
            loc, where = base + column.path, sheet.where(r, column.key, column.header)
            reason = line[len(column.header) + 1:]
            if L.target_column(column.key) and column.path[-1] == "value":
                loc = loc[:-1]  # the milestone's target as a whole
        found.setdefault(loc, (where, []))[1].append(reason.strip())
    for loc, (where, reasons) in found.items():
        reading.marks.append(Mark(loc, where, "; ".join(t for t in reasons if t) or "cần xem lại"))


def _source(sheet: _Sheet, r: int, loc: tuple, reading: Reading) -> None:
    """The row's "Nguồn trong văn bản" cell (the decision's sentences a value came from), kept for a rewrite."""
    text = sheet.value(r, L.SOURCE)
    if text is not None and text_of(text).strip():
        reading.sources[tuple(loc)] = text_of(text).strip()


def _labelled(line: str, label: str) -> bool:
    return line[:len(label) + 1].casefold() == f"{label}:".casefold()
