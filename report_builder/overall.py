"""Sections III (overall assessment) and IV (tasks): counts by status, verdicts, reporting.

Every status and count comes from the report's one :class:`~report_builder.status_table.StatusTable`;
this module only words them.
"""

from __future__ import annotations

from bdg.plan import Plan, Series
from bdg.status import Status
from report_builder.facts import Facts
from report_builder.reporting import YearReporting
from report_builder.sentences import has_value, lower_first
from report_builder.status_table import StatusTable, codes_text, tally

WEAK = (Status.NOT_MET, Status.AT_RISK, Status.BEHIND)  # what the next year's tasks must address

def status_counts(table: StatusTable) -> list[str]:
    """Section III.1: one tally per judged milestone (reviews) or of the year's statuses (annual)."""
    scope = table.scope
    if not scope.review:
        return [f"{st.label}: {codes_text(rows)}." for st, rows in table.by_status()]
    lines = []
    for m in scope.judged:
        judged = sum(len(rows) for _, rows in table.by_verdict(m))
        lines.append(f"Mốc năm {m} ({judged} chỉ tiêu có chỉ tiêu năm {m}): {tally(table.by_verdict(m))}.")
        untargeted = table.untargeted(m)
        if untargeted:
            line = f"Kế hoạch không đặt chỉ tiêu năm {m} cho {codes_text(untargeted)}"
            if m == scope.year:  # judged on the way to a later milestone: its own words
                line += "; so với mốc sau: " + "; ".join(f"{r.code} {lower_first(r.word)}" for r in untargeted)
            lines.append(line + ".")
    return lines


def objective_lines(table: StatusTable, series: list[Series]) -> list[str]:
    """Section II, after an objective's sentences: the same tally, for its series."""
    scope = table.scope
    if not scope.review:
        groups = table.by_status(series)
        return [f"Đánh giá chung năm {scope.year}: {tally(groups)}."] if groups else []
    return [f"Đánh giá tại mốc năm {m}: {tally(groups)}." for m in scope.judged
            if (groups := table.by_verdict(m, series))]


def reporting_lines(plan: Plan, years: list[YearReporting]) -> list[str]:
    """Who reported late, who did not report, by full name (per year for a review)."""
    lines = []
    many = len(years) > 1
    units = {u.code: u for u in plan.units}
    province = plan.province_unit.code
    for yr in years:
        lead = f"Năm {yr.year}: " if many else ""
        deadline = f"{yr.deadline:%d/%m/%Y}"
        total = len(yr.agencies)
        lines.append(f"{lead}{total - len(yr.missing)}/{total} cơ quan chủ trì đã gửi báo cáo, "
                     f"trong đó {len(yr.on_time)} cơ quan đúng hạn (trước ngày {deadline}).")
        if yr.late:
            lines.append(f"{lead}Báo cáo trễ hạn: " + "; ".join(a.name for a in yr.late) + ".")
        if yr.missing:
            lines.append(f"{lead}Chưa gửi báo cáo: " + "; ".join(a.name for a in yr.missing) + ".")
        for a in yr.incomplete:
            parts = ["báo cáo chung của cơ quan (cấp tỉnh)"] if province in a.missing_units else []
            districts = [units[u].name_in(yr.year) if u in units else u for u in a.missing_units if u != province]
            if districts:
                parts.append("báo cáo của " + ", ".join(districts))
            lines.append(f"{lead}{a.name} còn thiếu {' và '.join(parts)}.")
    return lines


def task_lines(plan: Plan, facts: Facts, table: StatusTable, reporting: YearReporting) -> list[str]:
    """Generated tasks for the next year (or period) from what the figures and reporting show."""
    year = table.scope.year
    lines = []
    nxt = plan.next_milestone(year + 1)
    if nxt:
        lines.append(f"Tiếp tục triển khai {plan.name}, phấn đấu đạt các chỉ tiêu năm {nxt}.")
    else:
        lines.append(f"Tổng kết, đánh giá kết quả thực hiện {plan.name}; "
                     "rút kinh nghiệm cho kế hoạch giai đoạn tiếp theo.")
    weak = [(st, rows) for st, rows in table.by_status() if st in WEAK]
    if weak:
        what = "; ".join(f"{lower_first(st.label)}: {', '.join(r.code for r in rows)}" for st, rows in weak)
        lines.append(f"Tập trung chỉ đạo, có giải pháp cụ thể cho các chỉ tiêu ({what}).")
    missing = [r for r in table.rows if not has_value(facts.value(r.code, year))]
    if missing:
        lines.append(f"Bổ sung số liệu năm {year} cho {codes_text(missing)}.")
    slow = reporting.missing + reporting.late
    if slow:
        day = f"{plan.report_deadline.day:02d}/{plan.report_deadline.month:02d}"
        lines.append(f"Đôn đốc các cơ quan gửi báo cáo đầy đủ, đúng hạn (trước ngày {day} hằng năm): "
                     + "; ".join(dict.fromkeys(a.name for a in slow)) + ".")
    return lines
