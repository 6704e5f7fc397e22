"""The "KẾT QUẢ KIỂM TRA BIỂU MẪU" table: one declaration of what a check result shows, for every writer.

The add-in's *Kiểm tra biểu mẫu* writes it into the checked form (sheet "Kết quả kiểm tra",
through xlwings); ``bdg check --xlsx-report`` writes it into the report workbook (sheet
"Chi tiết", through xlsxwriter). Both take the rows, widths, row heights, fills and link targets
from :func:`check_table`, so the two cannot drift: the same columns, the same texts (numbers
written the Vietnamese way, each code beside its Vietnamese label), one row per problem with a
link to the cell it names.

The table of one form fits the width of a portrait A4 page without scaling (the add-in cannot
set the page up under xlwings Lite); a table of several forms adds a file column and is printed
landscape, one page wide. The series code and the value seen are left out: every message names
them (the value written the Vietnamese way).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from bdg.submission import SEVERITY_LABELS, Problem, Submission
from templates.intake.inbox import shown_name
from templates.intake.problems import SKIPPED_CODES, labelled

TITLE = "KẾT QUẢ KIỂM TRA BIỂU MẪU"
FONT = "Times New Roman"  # as the master and the forms
FONT_SIZE = 12
TITLE_SIZE = 14
LINE_HEIGHT = 15.75  # points per wrapped line of Times New Roman 12
CHARS_PER_WIDTH = 1.15  # characters of Vietnamese text per unit of column width (Times New Roman 12)
HEADER_FILL = "#D9E1F2"
FILLS = {"error": "#FFC7CE", "warning": "#FFEB9C", "ok": "#C6EFCE"}  # the marks on the form use the same
VERDICT_COLOURS = {True: "#006100", False: "#9C0006"}  # the verdict's bold text: no error / errors
HOW_TO_FIX = "Bấm vào ô ở cột 'Ô' để đến ô cần sửa; sửa theo hướng dẫn ở cột cuối rồi kiểm tra lại."
NONE_FOUND = "Không có lỗi hay cảnh báo nào: biểu mẫu hợp lệ, có thể gửi đi."


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float  # Excel character units


FILE_COLUMN = Column("file", "Tệp", 16)  # only when the table covers several forms …
LANDSCAPE_MESSAGE_WIDTH = 62  # … which is printed landscape, with room for a wider message column
COLUMNS: tuple[Column, ...] = (
    Column("number", "STT", 5),
    Column("sheet", "Trang tính", 10),
    Column("cell", "Ô", 9),
    Column("severity", "Mức độ", 8),
    Column("code", "Loại lỗi (mã)", 14),
    Column("message", "Nội dung và cách sửa", 35),
)
HEADER = tuple(c.header for c in COLUMNS)


@dataclass(frozen=True)
class Target:
    """Where a row's link goes: a cell of a sheet of a form file."""

    file: str
    sheet: str
    cell: str


@dataclass
class CheckTable:
    columns: tuple[Column, ...]
    title: str
    notes: list[str]  # lines under the title saying what was checked
    verdict: str  # how many errors and warnings (or none)
    ok: bool  # no error anywhere
    rows: list[list] = field(default_factory=list)  # one per problem, cell texts in COLUMNS order
    severities: list[str] = field(default_factory=list)  # per row
    targets: list[Target | None] = field(default_factory=list)  # per row: the cell to jump to
    heights: list[float] = field(default_factory=list)  # per row, points, from the wrapped text

    @property
    def header(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def widths(self) -> tuple[float, ...]:
        return tuple(c.width for c in self.columns)

    @property
    def landscape(self) -> bool:
        """A table of several forms needs a landscape page; one form's fits a portrait one."""
        return FILE_COLUMN in self.columns

    def index(self, key: str) -> int:
        """0-based position of the column ``key``."""
        return [c.key for c in self.columns].index(key)

    @property
    def lines(self) -> list[str]:
        """The lines under the title: notes, verdict, how to use the table."""
        return [*self.notes, self.verdict, HOW_TO_FIX]

    @property
    def verdict_row(self) -> int:
        """0-based index of the verdict's row (under the title and the notes)."""
        return 1 + len(self.notes)

    @property
    def header_row(self) -> int:
        """0-based index of the header row (title, lines, a blank row, then the header)."""
        return 1 + len(self.lines) + 1


def check_table(submissions: Iterable[Submission], *, notes: list[str] | None = None) -> CheckTable:
    """The table for ``submissions`` (one form in Excel, any number on the command line)."""
    subs = list(submissions)
    problems = [(sub, p) for sub in subs for p in sub.problems]
    skipped = {p.file for _, p in problems if p.code in SKIPPED_CODES}
    found = [p for _, p in problems if p.code not in SKIPPED_CODES]
    errors = sum(p.severity == "error" for p in found)
    verdict = (NONE_FOUND if not problems else
               f"Có {errors} lỗi (giá trị bị từ chối) và {len(found) - errors} cảnh báo "
               "(giá trị vẫn được nhận, hãy xem lại)" + (f"; {len(skipped)} tệp không được đọc (xem từng tệp ở "
                                                         "bảng dưới)." if skipped else "."))
    several = len(subs) > 1
    columns = COLUMNS
    if several:
        columns = (COLUMNS[0], FILE_COLUMN, *COLUMNS[1:-1], replace(COLUMNS[-1], width=LANDSCAPE_MESSAGE_WIDTH))
    table = CheckTable(columns, TITLE, list(notes or []), verdict, ok=errors == 0 and not skipped)
    for i, (sub, p) in enumerate(problems, start=1):
        row = [i, *([shown_name(sub.path)] if several else []), p.sheet or "", ", ".join(p.cells),
               SEVERITY_LABELS[p.severity], labelled(p.code), p.message]
        table.rows.append(row)
        table.severities.append(p.severity)
        linked = p.sheet and p.cells and "/" not in shown_name(sub.path)  # a form inside a zip: no file to open
        table.targets.append(Target(str(sub.path), p.sheet, p.cells[0]) if linked else None)
        table.heights.append(row_height(row, table.widths))
    return table


def row_height(row: list, widths: tuple[float, ...], *, bold: bool = False) -> float:
    """Points for a row whose texts wrap within ``widths`` (LibreOffice does not re-fit loaded rows)."""
    lines = 1
    for value, width in zip(row, widths):
        text = "" if value is None else str(value)
        per_line = max(1, int(width * CHARS_PER_WIDTH * (0.85 if bold else 1)))
        wrapped = sum(max(1, len(textwrap.wrap(part, per_line, break_on_hyphens=True))) for part in text.split("\n"))
        lines = max(lines, wrapped)
    return lines * LINE_HEIGHT + 4


def header_height(table: CheckTable) -> float:
    return row_height(table.header, table.widths, bold=True)


def note_lines(p: Problem) -> str:
    """The note put on a marked cell: ``[Lỗi] message``."""
    return f"[{SEVERITY_LABELS[p.severity]}] {p.message}"


def listed_cells(rows: list[list] | None) -> list[tuple[str, str]]:
    """(sheet, cell) pairs listed on an earlier result sheet (found by its header texts), in order."""
    if not rows:
        return []
    want_sheet, want_cell = _norm(_header("sheet")), _norm(_header("cell"))
    for r, row in enumerate(rows):
        cells = [_norm(v) for v in row]
        if want_sheet in cells and want_cell in cells:
            s_col, c_col = cells.index(want_sheet), cells.index(want_cell)
            found = []
            for later in rows[r + 1:]:
                sheet = later[s_col] if s_col < len(later) else None
                cell = later[c_col] if c_col < len(later) else None
                if isinstance(sheet, str) and isinstance(cell, str) and sheet and cell:
                    found += [(sheet, one.strip()) for one in cell.split(",") if one.strip()]
            return list(dict.fromkeys(found))
    return []


def _header(key: str) -> str:
    return next(c.header for c in COLUMNS if c.key == key)


def _norm(value) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""
