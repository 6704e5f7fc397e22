"""*Kiểm tra biểu mẫu*: check the open form workbook with intake, mark its cells, list every problem.

Reads the workbook's values only (so it works in classic Excel, xlwings Lite and the remote
engine alike), runs :func:`templates.intake.read.read_form_values` — the same checks as
``bdg check`` — then: clears the marks of the previous run (the cells listed on the previous
"Kết quả kiểm tra" sheet), fills every cell a problem names by severity with a note carrying the
Vietnamese message, and rewrites the "Kết quả kiểm tra" sheet from the one table declaration
(:mod:`templates.intake.check_sheet`, also behind ``bdg check --xlsx-report``).
"""

from __future__ import annotations

from collections import defaultdict

from addin import bookio
from addin.guard import Outcome
from bdg.plan import Plan
from bdg.submission import Problem, Submission
from templates import form_layout as L
from templates.intake import check_sheet as T

RESULT_SHEET = "Kết quả kiểm tra"
TITLE = T.TITLE
HEADER = T.HEADER  # of one form's table
NONE_FOUND = T.NONE_FOUND


def run(book, plan: Plan) -> Outcome:
    sheets = bookio.all_values(book)  # read everything first: remote writes are not read back
    from templates.intake.read import read_form_values

    sub = read_form_values({n: r for n, r in sheets.items() if n != RESULT_SHEET}, plan, name=book.name)
    for sheet_name, cell in T.listed_cells(sheets.get(RESULT_SHEET)):
        sheet = bookio.find_sheet(book, sheet_name)
        if sheet is not None:
            bookio.unmark_cell(sheet, cell, original_fill(sheets.get(sheet_name) or [], cell))
    for (sheet_name, cell), problems in by_cell(sub.problems).items():
        sheet = bookio.find_sheet(book, sheet_name)
        if sheet is not None:
            worst = "error" if any(p.severity == "error" for p in problems) else "warning"
            bookio.mark_cell(sheet, cell, T.FILLS[worst], "\n".join(T.note_lines(p) for p in problems))
    write_result(book, sub)
    return outcome(sub)


def by_cell(problems: list[Problem]) -> dict[tuple[str, str], list[Problem]]:
    """Problems by every (sheet, cell) they name, in order of appearance."""
    grouped: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for p in problems:
        for cell in p.cells if p.sheet else ():
            grouped[(p.sheet, cell)].append(p)
    return dict(grouped)


def original_fill(rows: list[list], cell: str) -> str | None:
    """The fill a form cell had before it was marked: none for a clerk's input cell, grey otherwise."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    from templates.forms.formats import LOCKED_FILL

    letters, row = coordinate_from_string(cell)
    r, c = row - 1, column_index_from_string(letters) - 1
    for mr, marker_row in enumerate(rows):
        if L.COLUMNS_MARKER in marker_row:
            key_col = marker_row.index(L.COLUMNS_MARKER)
            column = L.parse_column_key(marker_row[c]) if c < len(marker_row) else None
            row_key = L.parse_row_key(rows[r][key_col]) if r < len(rows) and key_col < len(rows[r]) else None
            kind = row_key[0] if row_key else None
            if kind == "narrative" or column in ("source", "note"):
                return None
            if column == "value" and kind in ("input", "report_date"):
                return None
            return LOCKED_FILL
    return None


def write_result(book, sub: Submission) -> None:
    """The "Kết quả kiểm tra" sheet: title, verdict, the table with a link per row, formatted for A4."""
    table = T.check_table([sub], notes=[f"Tệp: {book.name}"])
    sheet, created = bookio.ensure_sheet(book, RESULT_SHEET)
    if not created:
        sheet.clear()
    header = table.header_row + 1  # 1-based rows from here on
    rows: list[list] = [[table.title], *[[line] for line in table.lines], [], table.header, *table.rows]
    bookio.write_rows(sheet, "A1", rows)
    bookio.style_table(sheet, widths=table.widths, header_row=header, last_row=len(rows), font=T.FONT,
                       size=T.FONT_SIZE, header_height=T.header_height(table), heights=table.heights)
    sheet["A1"].font.bold = True
    sheet["A1"].font.size = T.TITLE_SIZE
    verdict = sheet.range((table.verdict_row + 1, 1))
    verdict.font.bold = True
    verdict.font.color = T.VERDICT_COLOURS[table.ok]
    cell_col, severity_col = table.index("cell") + 1, table.index("severity") + 1
    for r, (row, severity, target) in enumerate(zip(table.rows, table.severities, table.targets), start=header + 1):
        sheet.range((r, severity_col)).color = T.FILLS[severity]
        if target is not None:
            bookio.link_to_cell(sheet.range((r, cell_col)), target.sheet, target.cell, str(row[cell_col - 1]))
    bookio.print_setup(sheet, header_row=header, last_row=len(rows), width=len(table.columns))


def outcome(sub: Submission) -> Outcome:
    if not sub.problems:
        return Outcome("Kiểm tra biểu mẫu: không có lỗi", [NONE_FOUND])
    lines = [f"{len(sub.errors)} lỗi, {len(sub.warnings)} cảnh báo. Các ô có vấn đề đã được tô màu "
             f"(đỏ: lỗi, vàng: cảnh báo) và ghi chú; danh sách đầy đủ ở trang '{RESULT_SHEET}'."]
    lines += [f"- {p.message}" for p in sub.problems[:5]]
    if len(sub.problems) > 5:
        lines.append(f"... và {len(sub.problems) - 5} mục khác.")
    return Outcome("Kiểm tra biểu mẫu: cần sửa" if sub.errors else "Kiểm tra biểu mẫu: có cảnh báo", lines,
                   ok=not sub.errors)
