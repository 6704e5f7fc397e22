"""Generated Vietnamese sentences about one series: value, change, share of target, status.

Pure functions of a series, its assessment (from :mod:`bdg.attainment`) and earlier values;
they never decide a status themselves. Every figure goes through :mod:`bdg.numbers`, so
it reads as Excel shows it (22,33%; 58,3/100.000 trẻ đẻ sống), and missing data reads
"chưa có số liệu".
"""

from __future__ import annotations

import math
from typing import Any

from bdg.numbers import NO_DATA, fmt_number, fmt_target, fmt_value, round_half_up
from bdg.plan import Direction, Series

DECIMALS = 2

Point = tuple[int, Any]  # (year, value)


def has_value(value) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def is_number(value) -> bool:
    return has_value(value) and isinstance(value, (int, float)) and not isinstance(value, bool)


def status_label(status) -> str:
    """The Vietnamese label of an attainment status (``Status.label``), or "chưa có số liệu"."""
    if status is None:
        return NO_DATA
    label = getattr(status, "label", None) or str(getattr(status, "value", status))
    return label


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def verb(series: Series) -> str:
    """"là" for figures that should stay low (a mortality rate is not "achieved"), else "đạt"."""
    return "là" if series.direction is Direction.AT_MOST else "đạt"


def change_clause(series: Series, value, previous: Point | None) -> str | None:
    """"tăng 1,2 điểm phần trăm so với năm 2019 (17,3%)" — in points for shares, units otherwise."""
    if previous is None or not has_value(value) or not has_value(previous[1]):
        return None
    year, before = previous
    if not (is_number(value) and is_number(before)):
        if str(value).strip() == str(before).strip():
            return f"không thay đổi so với năm {year}"
        return f"năm {year} là {before}"
    delta = round_half_up(float(value), DECIMALS) - round_half_up(float(before), DECIMALS)
    delta = round_half_up(delta, DECIMALS)
    then = fmt_value(series, before, DECIMALS)
    if delta == 0:
        return f"không thay đổi so với năm {year} ({then})"
    word = "tăng" if delta > 0 else "giảm"
    amount = fmt_number(abs(delta), DECIMALS)
    unit = "điểm phần trăm" if series.unit == "%" else series.unit
    joined = f"{amount}{unit}" if unit.startswith("/") else f"{amount} {unit}"
    return f"{word} {joined} so với năm {year} ({then})"


def target_clause(series: Series, milestone: int | None, pct_of_target) -> str | None:
    """"bằng 92,5% chỉ tiêu năm 2015" (the share the assessment gives), else the target itself."""
    if milestone is None:
        return None
    if is_number(pct_of_target) and not series.is_qualitative:
        return f"bằng {fmt_number(pct_of_target, 1)}% chỉ tiêu năm {milestone}"
    target = series.target(milestone)
    if target is None:
        return f"Kế hoạch không đặt chỉ tiêu năm {milestone}"
    return f"chỉ tiêu năm {milestone}: {fmt_target(series, target)}"


def annual_sentence(series: Series, year: int, assessment, previous: Point | None,
                    milestone: int | None = None, note: str | None = None) -> str:
    """One sentence for one series in an annual report (``note``: why a value is missing)."""
    value = getattr(assessment, "value", None)
    status = getattr(assessment, "status", None)
    milestone = getattr(assessment, "milestone", None) or milestone
    if not has_value(value):
        latest = f"; số liệu gần nhất: năm {previous[0]} {verb(series)} {fmt_value(series, previous[1])}" \
            if previous and has_value(previous[1]) else ""
        why = f"; {lower_first(note.strip().rstrip('.'))}" if note and note.strip() else ""
        return f"{series.name}: {NO_DATA} năm {year}{why}{latest}."
    if isinstance(value, str):
        head = f"{series.name}: {value}"
    else:
        head = f"{series.name} {verb(series)} {fmt_value(series, value, DECIMALS)}"
    parts = [head]
    change = change_clause(series, value, previous)
    if change:
        parts.append(change)
    target = target_clause(series, milestone, getattr(assessment, "pct_of_target", None))
    if target:
        parts.append(target)
    sentence = ", ".join(parts)
    if status is not None:
        sentence += f" ({lower_first(status_label(status))})"
    return sentence + "."


def verdict_word(verdict) -> str:
    """A milestone's verdict as a clause word: "đạt/vượt chỉ tiêu", "không đạt", "chưa có số liệu"."""
    return lower_first(status_label(verdict))


def review_sentence(series: Series, year: int, value, first: Point | None,
                    verdicts: list[tuple[int, Any]], latest: Point | None = None,
                    towards: str | None = None) -> str:
    """One sentence for one series in a review: the value at the milestone and the verdicts.

    ``first`` is the earliest value of the period (to show the change over the period);
    ``verdicts`` are (milestone, verdict status or None without a target), the closing
    milestone first; ``towards``: the status on the way to a later milestone, when the plan
    sets no target at the closing one.
    """
    judged = "; ".join(_verdict(series, m, v) for m, v in verdicts)
    if towards:
        judged += f"; {towards}"
    if not has_value(value):
        seen = f" (số liệu gần nhất: năm {latest[0]} {verb(series)} {fmt_value(series, latest[1])})" \
            if latest and has_value(latest[1]) else ""
        return f"{series.name}: {NO_DATA} năm {year}{seen}; {judged}."
    head = f"{series.name}: {value}" if isinstance(value, str) else \
        f"{series.name} năm {year} {verb(series)} {fmt_value(series, value, DECIMALS)}"
    change = change_clause(series, value, first) if first and first[0] != year else None
    return f"{head}{', ' + change if change else ''}; {judged}."


def _verdict(series: Series, milestone: int, verdict) -> str:
    target = series.target(milestone)
    if target is None or verdict is None:
        return f"Kế hoạch không đặt chỉ tiêu năm {milestone}"
    return f"so với chỉ tiêu năm {milestone} ({fmt_target(series, target)}): {verdict_word(verdict)}"
