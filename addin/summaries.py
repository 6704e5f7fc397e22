"""What the file-based macros tell the user, in Vietnamese, from the core's results."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bdg.attainment import STATUS_ORDER, Assessment, latest_year_with_data
from bdg.plan import Plan

from addin.control import Control, SettingError

REPORT_KINDS = {"hằng năm": "annual", "hàng năm": "annual", "năm": "annual", "annual": "annual",
                "giữa kỳ": "midterm", "sơ kết": "midterm", "midterm": "midterm",
                "cuối kỳ": "final", "tổng kết": "final", "final": "final"}


def report_kind(control: Control) -> str:
    text = control.text("report_kind")
    if text is None:
        return "annual"
    kind = REPORT_KINDS.get(" ".join(text.split()).casefold())
    if kind is None:
        raise SettingError(f"Loại báo cáo '{text}' không hợp lệ ({control.where('report_kind')}). "
                           "Hãy ghi một trong: Hằng năm, Giữa kỳ, Cuối kỳ.")
    return kind


def attainment_lines(plan: Plan, assessments: list[Assessment], year: int | None, *, where: str) -> list[str]:
    province = plan.province_unit.code
    shown = year if year is not None else latest_year_with_data(plan, assessments)
    counts = Counter(a.status for a in assessments if a.unit == province and a.year == shown)
    lines = [f"Đã tính lại mức đạt và làm mới trang Đánh giá ({where}).",
             f"Năm {shown}, cấp tỉnh, {sum(counts.values())} chỉ tiêu:"]
    lines += [f"- {status.label}: {counts.get(status, 0)}" for status in STATUS_ORDER]
    return lines


def consolidation_lines(result, master: Path, inbox: Path) -> tuple[bool, list[str]]:
    """(ok, lines) from a :class:`workbook.consolidate.ConsolidationResult`: totals, then each file."""
    t = result.totals
    if not result.files:
        return False, [f"Thư mục '{inbox}' không có biểu mẫu nào (.xlsx, .xlsm, .xls, .ods). "
                       "Hãy chép các biểu mẫu nhận được vào thư mục này rồi bấm lại."]
    lines = [f"Đã đọc {t['files']} tệp trong '{inbox}' và ghi vào sổ '{master}'.",
             f"Giá trị: {t['imported']} nhập mới, {t['updated']} cập nhật, {t['unchanged']} không đổi, "
             f"{t['rejected']} bị từ chối, {t['conflicts']} xung đột."]
    if result.backup:
        lines.append(f"Bản sao lưu sổ trước khi tổng hợp: {result.backup}")
    if result.assessment_note:
        lines.append(result.assessment_note)
    lines.append("Từng tệp (xem thêm trang Nhật ký của sổ):")
    for f in result.files:
        where = " ".join(x for x in (f.agency, f.unit, str(f.year) if f.year else None) if x)
        detail = f"{f.imported} mới, {f.updated} cập nhật, {f.rejected} bị từ chối"
        if f.errors or f.warnings:
            detail += f"; {f.errors} lỗi, {f.warnings} cảnh báo"
        lines.append(f"- {Path(f.file).name} ({where or 'không rõ cơ quan'}): {f.label} — {detail}")
        lines.extend(f"    {p.message}" for p in f.problems if p.severity == "error")
    return result.exit_code == 0, lines
