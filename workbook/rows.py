"""The rows of the master's tables as frozen dataclasses, converted once where they are read.

:func:`workbook.state.read_master` turns each table's cells into these rows (keys and codes as
clean text, years and counts as ints, times as datetimes); :meth:`Row.record` turns a row
back into the cells the writer puts in the sheet. Between the two, code reads attributes
(``row.year``, ``row.key``) and changes a row with :func:`dataclasses.replace`.

A cell that does not convert (a user typed ``2015a`` as a year) keeps what the user typed, so
rewriting the master never loses it; logic sees it as no year (:attr:`ValueRow.key`).
Columns a user added to a sheet ride along in ``extra`` (``("+<header>", value)`` pairs, the
keys of the widened layout), so they are written back after the layout's columns.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, fields
from operator import attrgetter

INPUT_COLUMNS = ("input_1", "input_2", "input_3")


# --- cell values made comparable ------------------------------------------------------------------
def text(value) -> str:
    """A key cell as clean text ('' when empty): 7.0 → '7', runs of spaces → one space."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def whole(value) -> int | None:
    """A cell holding a whole number (a year, a count) as an int; None otherwise."""
    kind = type(value)
    if kind is int:
        return value
    if kind is float:
        return int(value) if value.is_integer() else None
    if value is None or kind is bool:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return int(f) if f.is_integer() else None


def when(value) -> dt.datetime | None:
    """A date or time cell as a datetime (None when empty or not a date)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str) and value.strip():
        for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(value.strip(), fmt)
            except ValueError:
                continue
    return None


def norm(value):
    """A cell value as comparable data: numbers as rounded floats, text without extra spaces."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        f = float(value)
        return None if not math.isfinite(f) else round(f, 9)
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    t = " ".join(str(value).split())
    return t or None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_int(value):
    """An int where the cell holds a whole number; None when empty; what the user typed otherwise."""
    n = whole(value)
    return n if n is not None else (None if _blank(value) else value)


def _as_time(value):
    if type(value) is dt.datetime:
        return value
    d = when(value)
    return d if d is not None else (None if _blank(value) else value)


# field kinds: how a cell becomes a field (CELL: kept as read)
KEY, INT, TIME, CELL = text, _as_int, _as_time, None


def _f(kind, default=None):
    return field(default=default, metadata={"cell": kind})


# --- the rows -----------------------------------------------------------------------------------------
class Row:
    """What every table row shares: conversion from cells and back."""

    __slots__ = ()

    @classmethod
    def cells(cls) -> tuple[tuple[str, object], ...]:
        """(column key, converter or None) of the layout's columns, in the row's field order."""
        found = cls.__dict__.get("_cell_list")
        if found is None:
            found = tuple((f.name, f.metadata["cell"]) for f in fields(cls) if "cell" in f.metadata)
            setattr(cls, "_cell_list", found)
            setattr(cls, "_names", tuple(name for name, _ in found))
            setattr(cls, "_getter", attrgetter(*cls._names))
        return found

    @classmethod
    def from_record(cls, rec: dict, extra: tuple = ()):
        """A row from cells keyed by column key (missing columns read as empty), ``_row`` kept."""
        get = rec.get
        return cls(*[get(name) if conv is None else conv(get(name)) for name, conv in cls.cells()],
                   extra, get("_row") or 0)

    @classmethod
    def reader(cls, cols: dict[str, int]):
        """``read(cells, extra, row_number)``: one sheet row (a list of cells) as a row of this type,
        given the 0-based column of each key found (:func:`workbook.layout.locate`)."""
        spec = [(cols.get(name, -1), conv) for name, conv in cls.cells()]

        def read(cells: list, extra: tuple, number: int):
            n = len(cells)
            return cls(*[(cells[c] if 0 <= c < n else None) if conv is None
                         else conv(cells[c] if 0 <= c < n else None) for c, conv in spec], extra, number)
        return read

    def record(self) -> dict:
        """The row as cells keyed by column key (the user's own columns included), for the writer."""
        self.cells()
        rec = dict(zip(self._names, self._getter(self)))
        if self.extra:
            rec.update(self.extra)
        return rec

    def extra_value(self, header: str):
        """The cell of a column a user added, by its header (None when absent)."""
        return dict(self.extra).get(f"+{header}")


@dataclass(frozen=True, slots=True)
class ValueRow(Row):
    """A Số liệu row: one value of one series, unit and year from one file."""

    record_id: str | None = _f(CELL)
    code: str = _f(KEY, "")
    series_name: object = _f(CELL)
    year: int | None = _f(INT)
    unit_code: str = _f(KEY, "")
    unit_name: object = _f(CELL)
    agency: str = _f(KEY, "")
    inputs_desc: object = _f(CELL)
    input_1: object = _f(CELL)
    input_2: object = _f(CELL)
    input_3: object = _f(CELL)
    value: object = _f(CELL)
    data_source: object = _f(CELL)
    note: object = _f(CELL)
    status: str = _f(KEY, "")
    flags: object = _f(CELL)
    resolution: object = _f(CELL)
    report_date: dt.datetime | None = _f(TIME)
    received_at: dt.datetime | None = _f(TIME)
    source_file: object = _f(CELL)
    source_cell: object = _f(CELL)
    sha256: str = _f(KEY, "")
    extra: tuple = ()
    row: int = field(default=0, compare=False)

    @property
    def key(self) -> tuple[str, str, int | None]:
        """(series code, unit code, year)."""
        return self.code, self.unit_code, self.year if type(self.year) is int else None

    @property
    def inputs(self) -> tuple:
        return self.input_1, self.input_2, self.input_3

    def figures(self) -> tuple:
        """What the row says: inputs, value, source and note (provenance left out)."""
        return (tuple(norm(x) for x in self.inputs), norm(self.value), norm(self.data_source), norm(self.note))


@dataclass(frozen=True, slots=True)
class NarrativeRow(Row):
    """A Thuyết minh row: one objective's text of one kind from one file."""

    year: int | None = _f(INT)
    agency: str = _f(KEY, "")
    unit_code: str = _f(KEY, "")
    objective: int | None = _f(INT)
    kind: str = _f(KEY, "")
    text: object = _f(CELL)
    status: str = _f(KEY, "")
    source_file: object = _f(CELL)
    sha256: str = _f(KEY, "")
    source_cell: object = _f(CELL)
    part: int | None = _f(INT)  # which part of a text written over several rows (None: the whole text)
    extra: tuple = ()
    row: int = field(default=0, compare=False)

    @property
    def key(self) -> tuple:
        """(agency, unit, year, objective, kind)."""
        return (self.agency, self.unit_code, self.year if type(self.year) is int else None,
                self.objective if type(self.objective) is int else None, self.kind)


@dataclass(frozen=True, slots=True)
class LogRow(Row):
    """A Nhật ký row: one file received, and what became of it."""

    time: dt.datetime | None = _f(TIME)
    file: object = _f(CELL)
    sha256: str = _f(KEY, "")
    agency: str = _f(KEY, "")
    unit_code: str = _f(KEY, "")
    year: int | None = _f(INT)
    result: str = _f(KEY, "")
    imported: int | None = _f(INT)
    updated: int | None = _f(INT)
    unchanged: int | None = _f(INT)
    rejected: int | None = _f(INT)
    message: object = _f(CELL)
    report_date: dt.datetime | None = _f(TIME)
    saved_at: dt.datetime | None = _f(TIME)
    errors: int | None = _f(INT)
    warnings: int | None = _f(INT)
    extra: tuple = ()
    row: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class ProblemRow(Row):
    """A Lỗi và cảnh báo row: one problem found in one file."""

    time: dt.datetime | None = _f(TIME)
    file: object = _f(CELL)
    sha256: object = _f(CELL)
    agency: object = _f(CELL)
    unit_code: object = _f(CELL)
    year: int | None = _f(INT)
    severity: object = _f(CELL)
    problem: object = _f(CELL)
    sheet: object = _f(CELL)
    cell: object = _f(CELL)
    series: object = _f(CELL)
    value: object = _f(CELL)
    message: object = _f(CELL)
    extra: tuple = ()
    row: int = field(default=0, compare=False)


def int_or_none(value) -> int | None:
    """A field that should hold an int (a year, a count), as an int or None."""
    return value if type(value) is int else None


def time_or_none(value) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None
