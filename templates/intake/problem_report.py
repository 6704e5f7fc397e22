"""Problems rendered for people and programs: flat rows, a summary, JSON, a console view grouped
by file (rendered by the command line) and an .xlsx report a clerk can fix the form from (Kết quả kiểm tra)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from bdg.files import replacing
from bdg.submission import Submission
from templates.intake import check_sheet as T
from templates.intake.inbox import shown_name
from templates.intake.problems import NOT_ACCEPTED_STATUS, SKIPPED_CODES, is_not_accepted, skip_reason
from templates import xlsx_print

JSON_FORMAT = "bdg-check"
JSON_VERSION = 1
REPORT_TITLE = T.TITLE
SUMMARY_COLUMNS = (("Tệp", 30), ("Cơ quan", 11), ("Đơn vị", 12), ("Năm", 7), ("Ngày báo cáo", 13), ("Số giá trị", 10),
                   ("Số lỗi", 8), ("Số cảnh báo", 11), ("Kết quả", 16), ("SHA-256", 23))


def problems_to_rows(submissions: Iterable[Submission]) -> list[dict]:
    """One flat dict per problem, in file order (``file`` is the file's name, ``path`` its path)."""
    rows = []
    for sub in submissions:
        for p in sub.problems:
            row = p.flat()
            row["path"] = row["file"]
            row["file"] = shown_name(sub.path)
            rows.append(row)
    return rows


SKIPPED_STATUS = "Bỏ qua"
SKIPPED_LISTED = 10  # skipped files named in the summary line (all of them are in the table)


def is_skipped(sub: Submission) -> bool:
    """A file not read at all because it is no spreadsheet bdg reads (a PDF, an .xlsb, a zip, an owner file)."""
    return not sub.readable and bool(sub.problems) and all(p.code in SKIPPED_CODES for p in sub.problems)


def file_status(sub: Submission) -> str:
    if is_skipped(sub):
        return SKIPPED_STATUS
    if is_not_accepted(sub):
        return NOT_ACCEPTED_STATUS
    if not sub.readable:
        return "Không đọc được"
    if sub.errors:
        return "Có lỗi"
    if sub.warnings:
        return "Có cảnh báo"
    return "Đạt"


def exit_code(submissions: list[Submission]) -> int:
    """What a check of these files ends with: 0 no error; 1 errors in the files read; 2 nothing readable;
    3 no error, but files skipped (not spreadsheets bdg reads)."""
    if not any(s.readable for s in submissions):
        return 2
    read = [s for s in submissions if not is_skipped(s)]
    if any(s.errors for s in read):
        return 1
    return 3 if len(read) < len(submissions) else 0


def summary(submissions: list[Submission]) -> dict:
    """Counts: ``files`` every file named, ``checked`` those read as spreadsheets, ``skipped`` the others."""
    skipped = [s for s in submissions if is_skipped(s)]
    read = [s for s in submissions if not is_skipped(s)]  # errors and warnings: of the files read
    refused = sum(is_not_accepted(s) for s in submissions)
    return {
        "files": len(submissions),
        "checked": len(submissions) - len(skipped),
        "skipped": len(skipped),
        "readable": sum(s.readable for s in submissions),
        "unreadable": sum(not s.readable for s in submissions) - len(skipped) - refused,
        "not_accepted": refused,  # forms of another plan, year, agency or unit: read, not taken
        "files_with_errors": sum(bool(s.errors) for s in read),
        "errors": sum(len(s.errors) for s in read),
        "warnings": sum(len(s.warnings) for s in read),
        "values": sum(len(s.values) for s in submissions),
        "narratives": sum(len(s.narratives) for s in submissions),
    }


def summary_line(submissions: list[Submission]) -> str:
    s = summary(submissions)
    refused = f", {s['not_accepted']} không nhận" if s["not_accepted"] else ""
    line = (f"Đã kiểm tra {s['checked']} tệp: {s['readable']} đọc được{refused}, {s['unreadable']} không đọc được; "
            f"{s['errors']} lỗi (ở {s['files_with_errors']} tệp), {s['warnings']} cảnh báo; "
            f"{s['values']} giá trị, {s['narratives']} đoạn thuyết minh.")
    skipped = [sub for sub in submissions if is_skipped(sub)]
    return line[:-1] + f"; {skipped_text(skipped)}." if skipped else line


def summary_lines(submissions: list[Submission]) -> list[str]:
    """:func:`summary_line` as the report sheets show it: what was read, then what was skipped."""
    line = summary_line(submissions)
    head, sep, tail = line.partition("; bỏ qua ")
    return [head + "." if sep else line] + ([f"Bỏ qua {tail}"] if sep else [])


def skipped_text(skipped: list[Submission], *, listed: int = SKIPPED_LISTED) -> str:
    """``bỏ qua 3 tệp: bao-cao.pdf, anh.jpg (không phải bảng tính: hãy gửi tệp Excel); a.xlsb (…)``:
    the names grouped by why, at most ``listed`` names."""
    groups: dict[str, list[str]] = {}
    for sub in skipped[:listed]:
        groups.setdefault(skip_reason(sub.problems[0].code), []).append(shown_name(sub.path))
    text = "; ".join(f"{', '.join(names)} ({reason})" for reason, names in groups.items())
    more = f"; và {len(skipped) - listed} tệp khác" if len(skipped) > listed else ""
    return f"bỏ qua {len(skipped)} tệp: {text}{more}"


def to_json(submissions: list[Submission]) -> dict:
    files = []
    for sub in submissions:
        m = sub.meta
        files.append({
            "file": sub.path, "sha256": sub.sha256, "readable": sub.readable, "skipped": is_skipped(sub),
            "status": file_status(sub),
            "meta": None if m is None else {
                "plan_id": m.plan_id, "form_version": m.form_version, "agency": m.agency, "unit": m.unit,
                "year": m.year, "report_date": m.report_date.isoformat() if m.report_date else None,
                "saved_at": m.saved_at.isoformat() if m.saved_at else None},
            "values": [{"series": v.series, "unit": v.unit, "year": v.year, "value": v.value, "inputs": v.inputs,
                        "cell": f"{v.sheet}!{v.cell}", "flags": list(v.flags)} for v in sub.values],
            "errors": len(sub.errors), "warnings": len(sub.warnings),
            "problems": [p.flat() for p in sub.problems],
        })
    skipped = [{"file": sub.path, "code": sub.problems[0].code, "reason": skip_reason(sub.problems[0].code),
                "message": sub.problems[0].message} for sub in submissions if is_skipped(sub)]
    return {"format": JSON_FORMAT, "version": JSON_VERSION, "summary": summary(submissions), "files": files,
            "skipped": skipped}


def dumps(submissions: list[Submission]) -> str:
    return json.dumps(to_json(submissions), ensure_ascii=False, indent=2, default=str)


def write_problem_report(submissions: list[Submission], path: Path) -> Path:
    """The Kết quả kiểm tra workbook: a summary per file, then every problem with a link to its cell."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp:  # never a half-written report: the old one stays until the new one is whole
        _write_report(submissions, path, tmp)
    return path


def _write_report(submissions: list[Submission], path: Path, tmp: Path) -> None:
    import xlsxwriter

    base = {"font_name": T.FONT, "font_size": T.FONT_SIZE, "valign": "top"}
    wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                        "default_format_properties": base})
    title = wb.add_format({**base, "bold": True, "font_size": T.TITLE_SIZE})
    header = wb.add_format({**base, "bold": True, "bg_color": T.HEADER_FILL, "border": 1, "text_wrap": True})
    body = wb.add_format({**base, "border": 1, "text_wrap": True})
    link = wb.add_format({**base, "border": 1, "text_wrap": True, "font_color": "blue", "underline": 1})
    fills = {k: wb.add_format({**base, "border": 1, "bg_color": colour}) for k, colour in T.FILLS.items()}
    _summary_sheet(wb, submissions, title, header, body, fills)
    _detail_sheet(wb, submissions, path, title, header, body, link, fills)
    wb.set_properties({"title": REPORT_TITLE, "author": "bdg"})
    wb.close()


def _detail_sheet(wb, submissions, path: Path, title, header, body, link, fills) -> None:
    """The check table (:mod:`templates.intake.check_sheet`), each row linked to its cell in the form."""
    table = T.check_table(submissions, notes=summary_lines(submissions))
    ws = wb.add_worksheet("Chi tiết")
    ws.write_string(0, 0, table.title, title)
    verdict = wb.add_format({"bold": True, "font_color": T.VERDICT_COLOURS[table.ok], "text_wrap": True})
    plain = wb.add_format({"text_wrap": True})
    for r, line in enumerate(table.lines, start=1):
        _wide_line(ws, r, line, table.widths, verdict if r == table.verdict_row else plain)
    top = table.header_row
    for c, column in enumerate(table.columns):
        ws.write_string(top, c, column.header, header)
        ws.set_column(c, c, column.width)
    ws.set_row(top, T.header_height(table))
    cell_col, severity_col = table.index("cell"), table.index("severity")
    for r, (row, severity, target, height) in enumerate(
            zip(table.rows, table.severities, table.targets, table.heights), start=top + 1):
        ws.set_row(r, height)
        for c, value in enumerate(row):
            if c == cell_col and target is not None:
                ws.write_url(r, c, _external(path, target), link, string=str(value),
                             tip=f"Mở {Path(target.file).name}, đến ô {target.cell} của trang '{target.sheet}'")
            elif c == 0:
                ws.write_number(r, c, value, body)
            else:
                ws.write_string(r, c, str(value), fills[severity] if c == severity_col else body)
    ws.autofilter(top, 0, top + max(1, len(table.rows)), len(table.columns) - 1)
    ws.freeze_panes(top + 1, 0)
    _print(ws, top, landscape=table.landscape)


def _external(report: Path, target: T.Target) -> str:
    """A link from the report to a cell of the form file (relative when both sit on one drive)."""
    form = Path(target.file).resolve()
    try:
        where = os.path.relpath(form, report.resolve().parent)
    except ValueError:  # Windows: another drive has no relative path
        where = str(form)
    sheet = target.sheet.replace("'", "''")
    return f"external:{where}#'{sheet}'!{target.cell}"


def _summary_sheet(wb, submissions, title, header, body, fills) -> None:
    ws = wb.add_worksheet("Tóm tắt")
    ws.write_string(0, 0, REPORT_TITLE, title)
    plain = wb.add_format({"text_wrap": True})
    widths = tuple(width for _, width in SUMMARY_COLUMNS)
    for r, line in enumerate(summary_lines(submissions), start=1):
        _wide_line(ws, r, line, widths, plain)
    heads = SUMMARY_COLUMNS
    for c, (text, width) in enumerate(heads):
        ws.write_string(3, c, text, header)
        ws.set_column(c, c, width)
    for r, sub in enumerate(submissions, start=4):
        m = sub.meta
        status = file_status(sub)
        cells = (shown_name(sub.path), m.agency if m else "", m.unit if m else "", str(m.year) if m else "",
                 f"{m.report_date:%d/%m/%Y}" if m and m.report_date else "", str(len(sub.values)),
                 str(len(sub.errors)), str(len(sub.warnings)), status, sub.sha256 or "")
        ws.set_row(r, T.row_height(list(cells), widths))  # long names (zip members) and the SHA-256 wrap
        for c, value in enumerate(cells):
            fmt = fills["ok" if status == "Đạt" else "warning" if status == "Có cảnh báo" else "error"] \
                if c == 8 else body
            ws.write_string(r, c, value, fmt)
    ws.autofilter(3, 0, 3 + max(1, len(submissions)), len(heads) - 1)
    ws.freeze_panes(4, 0)
    _print(ws, 3)
    ws.activate()


def _wide_line(ws, row: int, text: str, widths: tuple[float, ...], fmt) -> None:
    """A line of text across the table's width, wrapped there (a long line must not widen the printed page)."""
    if len(widths) > 1:
        ws.merge_range(row, 0, row, len(widths) - 1, text, fmt)
    else:
        ws.write_string(row, 0, text, fmt)
    ws.set_row(row, T.row_height([text], (sum(widths),)))


def _print(ws, header_row: int, *, landscape: bool = True) -> None:
    xlsx_print.a4(ws, landscape=landscape, repeat_row=header_row)
