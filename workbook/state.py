"""Reading the master workbook's tables back: the one reader, by header text, into typed rows.

Every table sheet is found by its layout (:func:`workbook.layout.locate`: header text, never
positions). The tables consolidation writes (Số liệu, Thuyết minh, Nhật ký, Lỗi và cảnh báo)
come back as frozen rows (:mod:`workbook.rows`), with the columns a user added kept in each
row and in the table's widened layout, so the next write puts them back. The tables bdg
rebuilds every time (Đánh giá, Tiến độ nộp) come back as plain records.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from python_calamine import CalamineWorkbook

from bdg.errors import BdgError
from workbook.layout import (
    ASSESSMENT, DATA, LOG, NARRATIVES, PROBLEMS, SUBMISSIONS, Column, SheetLayout, locate,
)
from workbook.rows import LogRow, NarrativeRow, ProblemRow, ValueRow, text
from workbook.sheets import read_records

# attribute → (layout, row type or None for plain records)
TABLES: dict[str, tuple[SheetLayout, type | None]] = {
    "data": (DATA, ValueRow), "narratives": (NARRATIVES, NarrativeRow), "assessment": (ASSESSMENT, None),
    "submissions": (SUBMISSIONS, None), "log": (LOG, LogRow), "problems": (PROBLEMS, ProblemRow),
}


@dataclass
class MasterState:
    path: Path
    data: list[ValueRow] = field(default_factory=list)  # Số liệu
    narratives: list[NarrativeRow] = field(default_factory=list)  # Thuyết minh
    assessment: list[dict] = field(default_factory=list)  # Đánh giá
    submissions: list[dict] = field(default_factory=list)  # Tiến độ nộp
    log: list[LogRow] = field(default_factory=list)  # Nhật ký
    problems: list[ProblemRow] = field(default_factory=list)  # Lỗi và cảnh báo
    # each table's layout widened by the columns a user added (``+<header>`` keys), as read
    layouts: dict[str, SheetLayout] = field(default_factory=dict)

    def layout(self, attr: str) -> SheetLayout:
        return self.layouts.get(attr) or TABLES[attr][0]


def open_master(path: Path) -> CalamineWorkbook:
    """The master's values through python-calamine; a missing or unreadable file is a coded error."""
    try:
        return CalamineWorkbook.from_path(str(path))
    except FileNotFoundError:
        raise BdgError(code="master-missing", master=path) from None
    except Exception:
        raise BdgError(code="master-unreadable", master=path) from None


def read_master(path: Path, tables: tuple[str, ...] | None = None) -> MasterState:
    """The master's tables (``tables`` names the attributes to read; by default all of them).

    A sheet an older master lacks reads as empty; a sheet whose header row was broken stops
    with :class:`workbook.layout.LayoutError`, naming the sheet and the missing headers.
    """
    path = Path(path)
    wb = open_master(path)
    state = MasterState(path)
    with wb:
        for attr, (layout, row_type) in TABLES.items():
            if (tables is not None and attr not in tables) or layout.name not in wb.sheet_names:
                continue  # not asked for, or a sheet an older master lacks: reads as empty
            rows = wb.get_sheet_by_name(layout.name).to_python(skip_empty_area=False)
            widened, records = _table(rows, layout, row_type)
            state.layouts[attr] = widened
            setattr(state, attr, join_narrative_parts(records) if attr == "narratives" else records)
    return state


def join_narrative_parts(rows: list[NarrativeRow]) -> list[NarrativeRow]:
    """Thuyết minh rows with every text written over several rows (:mod:`workbook.narrative_parts`)
    joined again into its first part's row, in the order of their "Phần" numbers."""
    if not any(type(r.part) is int for r in rows):
        return rows
    groups: dict[tuple, list[NarrativeRow]] = {}
    out: list = []
    for r in rows:
        if type(r.part) is not int:
            out.append(r)
            continue
        key = (r.sha256, r.key, text(r.source_cell))
        if key not in groups:
            groups[key] = []
            out.append(key)
        groups[key].append(r)
    joined = []
    for item in out:
        if isinstance(item, tuple):
            parts = sorted(groups[item], key=lambda r: r.part)
            whole = "".join("" if p.text is None else str(p.text) for p in parts)
            item = replace(parts[0], text=whole, part=None)
        joined.append(item)
    return joined


def _table(rows: list[list], layout: SheetLayout, row_type: type | None) -> tuple[SheetLayout, list]:
    """The layout widened by the sheet's extra headers, and its rows: typed (the user's columns in
    ``extra``) or, without a row type, records keyed by column key (extras under ``+<header>``)."""
    required = ("code",) if "code" in layout.keys else ()
    header, cols = locate(rows, layout, required)
    known = set(cols.values())
    extras = [(c, " ".join(str(v).split())) for c, v in enumerate(rows[header])
              if c not in known and v not in (None, "") and " ".join(str(v).split())]
    extras = list({name: (c, name) for c, name in reversed(extras)}.values())[::-1]  # first of equal headers
    widened = layout if not extras else replace(
        layout, columns=layout.columns + tuple(Column(f"+{name}", name, 14, wrap=True) for _, name in extras))
    if row_type is None:
        records = read_records(rows, layout, required)
        for rec in records:
            row = rows[rec["_row"] - 1]
            for c, name in extras:
                rec[f"+{name}"] = row[c] if c < len(row) else None
        return widened, records
    read, positions, out = row_type.reader(cols), sorted(known), []
    for r in range(header + 1, len(rows)):
        cells = rows[r]
        n = len(cells)
        if all((cells[c] if c < n else None) in (None, "") for c in positions):
            continue  # a blank row (as :func:`workbook.sheets.read_records` skips it)
        extra = tuple((f"+{name}", cells[c] if c < n else None) for c, name in extras)
        out.append(read(cells, extra, r + 1))
    return widened, out
