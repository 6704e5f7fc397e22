"""Sections III (overall assessment) and IV (tasks): counts by status, verdicts, reporting.

Statuses and verdicts come from the assessments; this module only counts and words them.
"""

from __future__ import annotations

from bdg.numbers import NO_DATA, fmt_target, fmt_value
from bdg.plan import Plan, Series
from report_builder.facts import Facts, milestone_met
from report_builder.reporting import YearReporting
from report_builder.scope import Scope
from report_builder.sentences import has_value, status_label, verdict_word

AT_RISK = "at_risk"
BEHIND = "behind"
NO_DATA_STATUS = "no_data"


def status_key(status) -> str:
    return str(getattr(status, "value", status) or NO_DATA_STATUS)


def _status_order(statuses: list) -> list:
    """The statuses in their enum's order (met, on track, …), whatever they are called."""
    for s in statuses:
        members = getattr(type(s), "__members__", None)
        if members:
            return list(members.values())
    return list(dict.fromkeys(statuses))


def series_status(facts: Facts, s: Series, year: int):
    a = facts.assessment(s.code, year)
    return getattr(a, "status", None) if a is not None else None


def status_counts(plan: Plan, facts: Facts, year: int) -> list[str]:
    """"Đạt chỉ tiêu: 5 chỉ tiêu (1.2, 2.1, …)" per status, in the status order."""
    by_status: dict[str, list[str]] = {}
    seen = []
    for s in plan.series:
        status = series_status(facts, s, year)
        if status is not None:
            seen.append(status)
        by_status.setdefault(status_key(status), []).append(s.code)
    lines = []
    for status in _status_order(seen):
        codes = by_status.pop(status_key(status), [])
        if codes:
            lines.append(f"{status_label(status)}: {len(codes)} chỉ tiêu ({', '.join(codes)}).")
    if by_status.get(NO_DATA_STATUS):
        codes = by_status.pop(NO_DATA_STATUS)
        lines.append(f"{NO_DATA[:1].upper()}{NO_DATA[1:]}: {len(codes)} chỉ tiêu ({', '.join(codes)}).")
    return lines


def with_status(plan: Plan, facts: Facts, year: int, keys: set[str]) -> list[Series]:
    return [s for s in plan.series if status_key(series_status(facts, s, year)) in keys]


def at_risk_lines(plan: Plan, facts: Facts, year: int) -> list[str]:
    lines = []
    for s in with_status(plan, facts, year, {AT_RISK}):
        value = facts.value(s.code, year)
        milestone = plan.next_milestone(year)
        target = fmt_target(s, s.target(milestone)) if milestone else "—"
        shown = fmt_value(s, value) if has_value(value) else NO_DATA
        lines.append(f"{s.code}. {s.name}: năm {year} {shown}; chỉ tiêu năm {milestone}: {target}.")
    return lines


def verdict_counts(plan: Plan, facts: Facts, scope: Scope, series: list[Series]) -> list[str]:
    """Per judged milestone: how many series met it, did not, or cannot be judged."""
    lines = []
    for m in scope.judged:
        judged = [s for s in series if s.target(m) is not None]
        verdicts = [milestone_met(facts, s.code, m, scope.year) for s in judged]
        met, missed = verdicts.count(True), verdicts.count(False)
        unknown = len(verdicts) - met - missed
        line = f"Mốc năm {m}: {met}/{len(judged)} chỉ tiêu {verdict_word(True)}, {missed} {verdict_word(False)}"
        if unknown:
            line += f", {unknown} {verdict_word(None)}"
        lines.append(line + ".")
    return lines


def reporting_lines(plan: Plan, years: list[YearReporting]) -> list[str]:
    """Who reported late, who did not report, by full name (per year for a review)."""
    lines = []
    many = len(years) > 1
    units = {u.code: u for u in plan.units}
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
            names = ", ".join(units[u].name_in(yr.year) if u in units else u for u in a.missing_units)
            lines.append(f"{lead}{a.name} chưa gửi đủ báo cáo của các đơn vị: {names}.")
    return lines


def task_lines(plan: Plan, facts: Facts, scope: Scope, reporting: YearReporting) -> list[str]:
    """Generated tasks for the next year (or period) from what the figures and reporting show."""
    year = scope.year
    lines = []
    nxt = plan.next_milestone(year + 1)
    if nxt:
        lines.append(f"Tiếp tục triển khai {plan.name}, phấn đấu đạt các chỉ tiêu năm {nxt}.")
    else:
        lines.append(f"Tổng kết, đánh giá kết quả thực hiện {plan.name}; "
                     "rút kinh nghiệm cho kế hoạch giai đoạn tiếp theo.")
    weak = with_status(plan, facts, year, {AT_RISK, BEHIND})
    if weak:
        lines.append("Tập trung chỉ đạo thực hiện các chỉ tiêu chậm tiến độ hoặc có nguy cơ không đạt "
                     f"({', '.join(s.code for s in weak)}).")
    missing = [s for s in plan.series if not has_value(facts.value(s.code, year))]
    if missing:
        lines.append(f"Bổ sung số liệu năm {year} cho các chỉ tiêu {', '.join(s.code for s in missing)}.")
    slow = reporting.missing + reporting.late
    if slow:
        day = f"{plan.report_deadline.day:02d}/{plan.report_deadline.month:02d}"
        lines.append(f"Đôn đốc các cơ quan gửi báo cáo đầy đủ, đúng hạn (trước ngày {day} hằng năm): "
                     + "; ".join(dict.fromkeys(a.name for a in slow)) + ".")
    return lines
