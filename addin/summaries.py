"""What the file-based macros tell the user, in Vietnamese, from the core's results."""

from __future__ import annotations

from collections import Counter

from bdg.attainment import STATUS_ORDER, Assessment, latest_year_with_data
from bdg.plan import Plan

from addin.control import Control, SettingError
from workbook.consolidation_summary import summary_lines

HOW_TO_ASSESS = "Hãy bấm nút Tính mức đạt."

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


def consolidation_lines(result) -> tuple[bool, list[str]]:
    """(ok, lines) from a :class:`workbook.consolidate.ConsolidationResult`: the one summary, in Excel's words."""
    return result.exit_code == 0, summary_lines(result, how_to_assess=HOW_TO_ASSESS)
