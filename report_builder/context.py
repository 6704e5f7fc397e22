"""The report context: everything the Word and HTML templates show, as finished Vietnamese text.

The context is plain data (dicts, lists, strings) plus :class:`~report_builder.charts.Chart`
pictures; each renderer turns the charts into its own kind of image. The templates only
place these values: all wording, numbers and "chưa có số liệu" are decided here.
"""

from __future__ import annotations

import datetime as dt

from bdg.citation import citation
from bdg.plan import Plan, ReportSettings
from report_builder import narratives as nar
from report_builder.annex import build_annex
from report_builder.charts import build_charts
from report_builder.facts import Facts
from report_builder.method_note import method_note
from report_builder.overall import objective_lines, reporting_lines, status_counts, task_lines
from report_builder.reporting import year_reporting
from report_builder.scope import ReportKind, Scope
from report_builder.sentences import annual_sentence, lower_first, review_sentence
from report_builder.status_table import StatusTable, build_table, concern_lines, concern_title, target_of

BLANK = "\u00a0" * 6  # room to write a number or a date by hand


def date_line(place: str, when: dt.date | None, year: int) -> str:
    """"Bắc Kạn, ngày 05 tháng 02 năm 2020" (NĐ 30: a zero before days < 10 and months 1–2)."""
    if when is None:
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"
    month = f"{when.month:02d}" if when.month <= 2 else str(when.month)
    return f"{place}, ngày {when.day:02d} tháng {month} năm {when.year}"


def subject(plan: Plan, scope: Scope) -> str:
    if scope.kind is ReportKind.ANNUAL:
        return f"Kết quả năm {scope.year} thực hiện {plan.name}"
    word = "Sơ kết" if scope.kind is ReportKind.MIDTERM else "Tổng kết"
    return f"{word} {scope.span} năm thực hiện {plan.name} (giai đoạn {scope.start} - {scope.year})"


def opening(plan: Plan, scope: Scope) -> str:
    what = {ReportKind.ANNUAL: f"kết quả thực hiện năm {scope.year}",
            ReportKind.MIDTERM: f"kết quả sơ kết giai đoạn {scope.start} - {scope.year}",
            ReportKind.FINAL: f"kết quả tổng kết giai đoạn {scope.start} - {scope.year}"}[scope.kind]
    return (f"Thực hiện {citation(plan.decision)}; trên cơ sở báo cáo của các cơ quan, đơn vị, "
            f"{_coordinator(plan, scope.year)} báo cáo {what} như sau:")


def tasks_title(plan: Plan, scope: Scope) -> str:
    if scope.kind is ReportKind.MIDTERM:
        return f"NHIỆM VỤ GIAI ĐOẠN {scope.year + 1} - {plan.period.end}"
    if scope.kind is ReportKind.ANNUAL and scope.year < plan.period.end:
        return f"NHIỆM VỤ NĂM {scope.year + 1}"
    return "NHIỆM VỤ THỜI GIAN TỚI"


def _sentences(plan: Plan, facts: Facts, table: StatusTable, objective: int) -> list[str]:
    scope = table.scope
    out = []
    for row in table.of(plan.series_of(objective)):
        s = row.series
        if scope.review:
            verdicts = [(m, row.verdicts[m]) for m in reversed(scope.judged)]
            towards = None
            if row.verdicts.get(scope.year, 0) is None and row.target is not None and row.status.is_trajectory:
                towards = f"{target_of(row)} ({lower_first(row.word)})"
            out.append(review_sentence(s, scope.year, facts.value(s.code, scope.year),
                                       facts.first(s.code, scope.start, scope.year), verdicts,
                                       facts.previous(s.code, scope.year), towards))
        else:
            out.append(annual_sentence(s, scope.year, facts.assessment(s.code, scope.year),
                                       facts.previous(s.code, scope.year), plan.next_milestone(scope.year),
                                       facts.note(s.code, scope.year)))
    return out


def _section_one(plan: Plan, scope: Scope, notes: dict, reporting) -> list[str]:
    total = len(reporting.agencies)
    got = total - len(reporting.missing)
    lines = [f"{_coordinator(plan, scope.year)} hướng dẫn {total} cơ quan chủ trì báo cáo số liệu các chỉ tiêu "
             f"và kết quả thực hiện năm {scope.year} theo biểu mẫu thống nhất, hạn gửi trước ngày "
             f"{reporting.deadline:%d/%m/%Y}; đã nhận được báo cáo của {got}/{total} cơ quan."]
    general = [i.render() for kind in ("results", "difficulties", "proposals")
               for i in nar.pick(notes, kind, nar.GENERAL)]
    lines += general
    covered = sorted({o for (o, k) in notes if o != nar.GENERAL and k == "results"})
    if covered:
        lines.append(f"Các cơ quan đã báo cáo kết quả triển khai ở {len(covered)}/{len(plan.objectives)} "
                     "mục tiêu; nội dung cụ thể nêu tại mục II.")
    return lines


def build_context(plan: Plan, facts: Facts, state, scope: Scope, settings: ReportSettings | None = None, *,
                  when: dt.date | None = None, number: str | None = None, charts: bool = True,
                  pictures: dict | None = None) -> dict:
    """The full context of one report (see the templates under templates/report/).

    ``pictures``: charts already drawn (:func:`build_charts`), else drawn here when ``charts``.
    """
    settings = settings or plan.report.in_year(scope.year)
    table = build_table(plan, facts, scope)
    notes = nar.collect(plan, state.narratives, {scope.year})
    years = list(range(scope.start, scope.year + 1)) if scope.review else [scope.year]
    reports = [year_reporting(plan, y, state.submissions, state.data) for y in years]
    current = reports[-1]
    if pictures is None:
        pictures = build_charts(plan, facts, scope) if charts else {}
    number_text = f"{number or BLANK}{settings.number_suffix}"
    dated = date_line(settings.place, when, scope.year).split(", ", 1)[1]  # "ngày … tháng … năm …"

    objectives = []
    for o in plan.objectives:
        chart = pictures.get(o.number)
        objectives.append({
            "number": str(o.number),
            "heading": f"Mục tiêu {o.number}: {o.title}",
            "sentences": _sentences(plan, facts, table, o.number),
            "verdicts": objective_lines(table, plan.series_of(o.number)),
            "chart": chart,
            "chart_caption": chart.caption if chart else "",
            "results": [i.render() for i in nar.pick(notes, "results", o.number)],
        })

    tasks = task_lines(plan, facts, table, current) + [i.render() for i in nar.pick(notes, "tasks")]
    return {
        "kind": scope.kind.value,
        "year": str(scope.year),
        "header": {
            "parent_body": settings.parent_body.upper(),
            "issuing_body": settings.issuing_body.upper(),
            "number": f"Số: {number_text}",
            "place_date": date_line(settings.place, when, scope.year),
        },
        "title": {"main": "BÁO CÁO", "subject": subject(plan, scope)},
        "opening": opening(plan, scope),
        "implementation": _section_one(plan, scope, notes, current),
        "objectives": objectives,
        "overall": {
            "intro": (f"Năm {scope.year}, trong {len(plan.series)} chỉ tiêu được theo dõi:" if not scope.review
                      else f"Kết quả giai đoạn {scope.start} - {scope.year} so với các mốc của Kế hoạch:"),
            "counts": status_counts(table),
            "concern_title": concern_title(table),
            "concerns": concern_lines(table),
            "reporting": reporting_lines(plan, reports),
            "difficulties": [i.render() for i in nar.pick(notes, "difficulties")]
                            or ["Các cơ quan chưa nêu khó khăn, hạn chế."],
        },
        "tasks_title": tasks_title(plan, scope),
        "tasks": tasks,
        "proposals": [i.render() for i in nar.pick(notes, "proposals")] or ["Các cơ quan chưa có kiến nghị."],
        "signature": {
            "recipients": list(settings.recipients),
            "title": settings.signer_title,
            "role": settings.signer_role,
            "name": settings.signer_name,
        },
        "annex": {
            **build_annex(plan, facts, table),
            "title": "PHỤ LỤC",
            "subtitle": f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH ĐẾN NĂM {scope.year}",
            "attached": f"(Kèm theo Báo cáo số {number_text} {dated} của {_coordinator(plan, scope.year)})",
            "method": method_note(plan),
        },
    }


def _coordinator(plan: Plan, year: int) -> str:
    """The coordinating agency of that year (its successor once its duties passed on)."""
    return plan.agency_in(plan.coordinator, year).name_in(year)
