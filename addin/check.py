"""*Kiểm tra biểu mẫu*: check the open form workbook with intake, mark its cells, list every problem.

Reads the workbook's values only (so it works in classic Excel, xlwings Lite and the remote
engine alike), runs :func:`templates.intake.read.read_form_values` — the same checks as
``bdg check`` — then: clears the marks of the previous run (the cells listed on the previous
"Kết quả kiểm tra" sheet), fills each problem cell by severity with a note carrying the
Vietnamese message, and rewrites the "Kết quả kiểm tra" sheet.
"""

from __future__ import annotations

from collections import defaultdict

from addin import bookio
from addin.guard import Outcome
from bdg.plan import Plan
from bdg.submission import Problem, Submission
from templates import form_layout as L

RESULT_SHEET = "Kết quả kiểm tra"
TITLE = "KẾT QUẢ KIỂM TRA BIỂU MẪU"
HEADER = ("STT", "Trang tính", "Ô", "Mức độ", "Mã", "Chỉ tiêu", "Giá trị đã nhập", "Nội dung và cách sửa")
SEVERITY_LABEL = {"error": "Lỗi", "warning": "Cảnh báo"}
FILL = {"error": bookio.ERROR_FILL, "warning": bookio.WARNING_FILL}
NONE_FOUND = "Không có lỗi hay cảnh báo nào: biểu mẫu hợp lệ, có thể gửi đi."


def run(book, plan: Plan) -> Outcome:
    sheets = bookio.all_values(book)  # read everything first: remote writes are not read back
    from templates.intake.read import read_form_values

    sub = read_form_values({n: r for n, r in sheets.items() if n != RESULT_SHEET}, plan, name=book.name)
    previous = previous_marks(sheets.get(RESULT_SHEET))
    for sheet_name, cell in previous:
        sheet = bookio.find_sheet(book, sheet_name)
        if sheet is not None:
            bookio.unmark_cell(sheet, cell, original_fill(sheets.get(sheet_name) or [], cell))
    for (sheet_name, cell), problems in by_cell(sub.problems).items():
        sheet = bookio.find_sheet(book, sheet_name)
        if sheet is not None:
            worst = "error" if any(p.severity == "error" for p in problems) else "warning"
            bookio.mark_cell(sheet, cell, FILL[worst], "\n".join(_note_line(p) for p in problems))
    write_result(book, sub)
    return outcome(sub)


def by_cell(problems: list[Problem]) -> dict[tuple[str, str], list[Problem]]:
    """Problems that point at a cell, grouped by (sheet, cell), in order of appearance."""
    grouped: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for p in problems:
        if p.sheet and p.cell:
            grouped[(p.sheet, p.cell)].append(p)
    return dict(grouped)


def previous_marks(rows: list[list] | None) -> list[tuple[str, str]]:
    """(sheet, cell) pairs listed on an earlier result sheet, found by its header texts."""
    if not rows:
        return []
    for r, row in enumerate(rows):
        cells = [_norm(v) for v in row]
        if _norm(HEADER[1]) in cells and _norm(HEADER[2]) in cells:
            s_col, c_col = cells.index(_norm(HEADER[1])), cells.index(_norm(HEADER[2]))
            found = []
            for later in rows[r + 1:]:
                sheet = later[s_col] if s_col < len(later) else None
                cell = later[c_col] if c_col < len(later) else None
                if isinstance(sheet, str) and isinstance(cell, str) and sheet and cell:
                    found.append((sheet, cell))
            return list(dict.fromkeys(found))
    return []


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
    sheet, created = bookio.ensure_sheet(book, RESULT_SHEET)
    if not created:
        sheet.clear()
    errors, warnings = len(sub.errors), len(sub.warnings)
    summary = (NONE_FOUND if not sub.problems else
               f"Có {errors} lỗi (giá trị bị từ chối) và {warnings} cảnh báo (giá trị vẫn được nhận, hãy xem lại).")
    rows: list[list] = [[TITLE], [f"Tệp: {book.name}"], [summary], [], list(HEADER)]
    for i, p in enumerate(sub.problems, start=1):
        rows.append([i, p.sheet or "", p.cell or "", SEVERITY_LABEL[p.severity], p.code, p.series or "",
                     _shown(p.value), p.message])
    bookio.write_rows(sheet, "A1", rows)
    sheet["A1"].font.bold = True
    sheet["A3"].color = bookio.OK_FILL if not sub.errors else bookio.ERROR_FILL
    bookio.bold(sheet, 5, len(HEADER))
    for i, p in enumerate(sub.problems, start=6):
        sheet.range((i, 4)).color = FILL[p.severity]


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


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _note_line(p: Problem) -> str:
    return f"[{SEVERITY_LABEL[p.severity]}] {p.message}"


def _norm(value) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""
