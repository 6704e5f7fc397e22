"""The annex table: the plan's annex (baseline, targets in force) with values by year and status.

Columns after "Số liệu gốc" vary with the plan and the report (one per milestone target,
one per year shown, one status or verdict column per judged milestone), so each row carries
them as lists of finished strings (``targets``, ``figures``, ``statuses``) in the order of
the matching header lists.
"""

from __future__ import annotations

import re

from bdg.numbers import NO_DATA, fmt_number, fmt_target
from bdg.organisation import former_text
from bdg.plan import Plan, Series
from report_builder.facts import Facts
from report_builder.scope import Scope
from report_builder.sentences import has_value
from report_builder.status_table import Row, StatusTable

DIFF_MARK = "(*)"
NOT_STATED = "Kế hoạch không nêu"
NO_TARGET = "Không đặt chỉ tiêu"
NO_DATA_CELL = NO_DATA[:1].upper() + NO_DATA[1:]  # a table cell starts with a capital, as the statuses do
NBSP = "\u00a0"
SOURCE_LABEL = {"text": "văn bản Kế hoạch", "annex": "Phụ lục"}


def baseline_text(s: Series) -> str:
    b = s.baseline
    if not has_value(b.value):
        return NOT_STATED + (f" ({b.period})" if b.period else "")
    value = b.value if isinstance(b.value, str) else keep_together(fmt_number(b.value))
    return f"{value} ({b.period})" if b.period else value


def differs_at(s: Series, milestone: int) -> bool:
    mine = s.target(milestone)
    key = None if mine is None else (mine.value, mine.strict)
    return any((None if t is None else (t.value, t.strict)) != key
               for t in (v.targets.get(milestone) for v in s.differences))


def keep_together(text: str) -> str:
    """No line break inside a figure: a sign is glued to its number ("≤ 58,3" stays whole)."""
    return re.sub(r"([≤≥<>]) (?=[\d-])", rf"\1{NBSP}", text)


def figure(s: Series, value) -> str:
    """A figure as the table shows it: the number only (the unit has its own column); words stay words."""
    if isinstance(value, str):
        return value
    return keep_together(fmt_number(value))


def target_cell(s: Series, target) -> str:
    text = fmt_target(s, target, unit=False)
    return text if target is None or isinstance(target.value, str) else keep_together(text)


def value_cell(s: Series, value) -> str:
    return figure(s, value) if has_value(value) else NO_DATA_CELL


def unit_text(s: Series) -> str:
    """The unit in words, stated once per row: "%", "lần", "/100.000 trẻ đẻ sống" → "trên 100.000 trẻ đẻ sống"."""
    unit = s.unit.strip()
    return f"trên {unit[1:].strip()}" if unit.startswith("/") else unit


def headers(plan: Plan, scope: Scope) -> dict[str, list[str]]:
    """The varying column headers: targets per milestone, values per year, status or verdicts."""
    status = [f"Đánh giá mốc {m}" for m in scope.judged] if scope.review else [f"Trạng thái năm {scope.year}"]
    return {"target_headers": [f"Chỉ tiêu năm {m}" for m in plan.milestones],
            "year_headers": [str(y) for y in scope.annex_years],
            "status_headers": status}


def series_row(plan: Plan, scope: Scope, row: Row, facts: Facts) -> dict:
    s = row.series
    targets = [target_cell(s, s.target(m)) + (f" {DIFF_MARK}" if differs_at(s, m) else "") for m in plan.milestones]
    values = [value_cell(s, facts.value(s.code, y)) for y in scope.annex_years]
    if scope.review:
        statuses = [row.verdicts[m].label if row.verdicts[m] is not None else NO_TARGET for m in scope.judged]
    else:
        statuses = [row.word]
    return {
        "stt": s.code,
        "name": s.name,
        "unit": unit_text(s),
        "baseline": baseline_text(s),
        "targets": targets,
        "figures": values,
        "statuses": statuses,
        "lead": lead_text(plan, s, scope.year),
    }


def lead_text(plan: Plan, s: Series, year: int) -> str:
    """The lead of the report's year, and the former one where the duties changed hands."""
    code = plan.lead_in(s, year)
    former = former_text(plan, plan.lead_history(s), year)
    return plan.agency(code).short_in(year) + (f" ({former})" if former else "")


def difference_notes(plan: Plan) -> list[str]:
    """One line per series where the annex and the text of the decision differ."""
    notes = []
    for s in plan.series:
        if not s.differences:
            continue
        in_force = ", ".join(f"{m}: {fmt_target(s, s.target(m))}" for m in plan.milestones if s.target(m))
        said = " ".join(_sentence(v.note or _targets_said(plan, s, v)) for v in s.differences)
        notes.append(f"Chỉ tiêu {s.code} ({s.name}): {said} Đang áp dụng theo {SOURCE_LABEL[s.in_force]}"
                     f"{': ' + in_force if in_force else ''}.")
    return notes


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _targets_said(plan: Plan, s: Series, variant) -> str:
    shown = ", ".join(f"{m}: {fmt_target(s, variant.targets.get(m))}" for m in plan.milestones)
    return f"{_upper_first(SOURCE_LABEL[variant.source])} ghi {shown}"


def build_annex(plan: Plan, facts: Facts, table: StatusTable) -> dict:
    scope = table.scope
    groups = []
    for o in plan.objectives:
        rows = [series_row(plan, scope, r, facts) for r in table.of(plan.series_of(o.number))]
        groups.append({"number": str(o.number), "title": f"Mục tiêu {o.number}: {o.title}", "rows": rows})
    cols = headers(plan, scope)
    return {
        **cols,
        "span": 4 + sum(len(v) for v in cols.values()),  # columns after STT in a group row
        "groups": groups,
        "differences": difference_notes(plan),
        "mark_note": f"{DIFF_MARK} Phụ lục của Quyết định ghi khác văn bản Kế hoạch ở mốc này; "
                     "xem phần ghi chú về khác biệt.",
    }
