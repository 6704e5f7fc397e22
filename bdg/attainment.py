"""Attainment: is each series on its way to the plan's targets? — the one implementation.

Pure domain (no spreadsheet library): the CLI, the add-in, the master's Đánh giá sheet and
the report all call :func:`assess_all`. The rules are written out in Vietnamese by
:mod:`bdg.attainment_method`; keep the two in step.

Every comparison happens on a *score* where higher is better (``at_most`` negates the value,
``each_sex_at_least`` takes the smaller sex's share), on values rounded half-up to
:data:`DECIMALS` places — what the workbook shows, so a reader can check by hand.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bdg.attainment_explain import Context, explain
from bdg.numbers import round_half_up
from bdg.plan import Direction, Plan, Series, Target
# The vocabulary lives in bdg.status; re-exported here for the layers that ask attainment for it.
from bdg.status import STATUS_LABELS, STATUS_ORDER, TRAJECTORY, VERDICTS, Status, unscore  # noqa: F401

DECIMALS = 2


@dataclass(frozen=True)
class Observation:
    """One value of one series for one reporting unit and year (``note``: why it is missing)."""

    code: str
    unit: str
    year: int
    value: float | str | None
    inputs: dict | None = None
    agency: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Assessment:
    code: str
    unit: str
    year: int
    value: float | str | None
    milestone: int | None  # the next milestone (>= year) that has a target; None after the last
    target: Target | None  # the target in force at that milestone (the last target after it)
    expected: float | None  # value on the straight path baseline → first target → next target
    pct_of_target: float | None  # % of the target achieved (direction-aware)
    progress: float | None  # % of the way from the starting point to the target (None if it starts met)
    met: dict[int, bool | None]  # milestone (<= year) → met; None without data or target
    status: Status
    explanation: str  # Vietnamese, checkable by hand


@dataclass(frozen=True)
class Start:
    """The starting point of the expected path: the plan's baseline, or the first reported value."""

    year: int
    value: float
    kind: str  # "baseline" | "first" | "reduction" (a reduction is 0% in the baseline year)


# --- numbers and scores ----------------------------------------------------------------------

def number(value) -> float | None:
    """A finite number, else None (text, blanks, booleans, NaN)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def has_value(value) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return not (isinstance(value, str) and not value.strip())


def rounded(value: float) -> float:
    return round_half_up(value, DECIMALS)


def score(series: Series, value: float) -> float:
    """The value on a higher-is-better scale (rounded as shown)."""
    v = rounded(value)
    if series.direction is Direction.AT_MOST:
        return -v
    if series.direction is Direction.EACH_SEX_AT_LEAST:
        return min(v, rounded(100.0 - v))
    return v


def target_score(series: Series, target: Target) -> float | None:
    t = number(target.value)
    if t is None:
        return None
    return -t if series.direction is Direction.AT_MOST else t


def _same_text(a, b) -> bool:
    return " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()


def is_met(series: Series, value, target: Target | None) -> bool | None:
    """Whether a value meets a target, by the series' direction; None without value or target."""
    if target is None or not has_value(value):
        return None
    if series.is_qualitative:
        return _same_text(value, target.value)
    v, ts = number(value), target_score(series, target)
    if v is None or ts is None:
        return None
    s = score(series, v)
    return s > ts if target.strict else s >= ts


def pct_of_target(series: Series, value, target: Target | None) -> float | None:
    """% of the target achieved; for ``at_most`` it is target ÷ value, so at/below target ≥ 100."""
    if target is None or series.is_qualitative:
        return None
    v, t = number(value), number(target.value)
    if v is None or t is None:
        return None
    v = rounded(v)
    if series.direction is Direction.AT_MOST:
        return t / v * 100.0 if v > 0 else None
    if series.direction is Direction.EACH_SEX_AT_LEAST:
        v = score(series, v)
    return v / t * 100.0 if t != 0 else None


# --- the expected path -------------------------------------------------------------------------

def targeted_milestones(plan: Plan, series: Series) -> list[tuple[int, Target]]:
    """Milestones that have a target in force, in order (milestones without one are skipped)."""
    return [(m, t) for m in sorted(plan.milestones) if (t := series.target(m)) is not None]


def judged_target(plan: Plan, series: Series, year: int) -> tuple[int | None, Target | None]:
    """The next targeted milestone ≥ year and its target; after the last: (None, last target)."""
    targeted = targeted_milestones(plan, series)
    for m, t in targeted:
        if m >= year:
            return m, t
    return None, (targeted[-1][1] if targeted else None)


def starting_point(plan: Plan, series: Series, values: Mapping[int, object]) -> Start | None:
    b = series.baseline
    if series.direction is Direction.REDUCE_BY_SHARE:
        return Start(b.year or plan.baseline_year, 0.0, "reduction")
    if number(b.value) is not None:
        return Start(b.year or plan.baseline_year, float(b.value), "baseline")
    for year in sorted(values):
        if number(values[year]) is not None:
            return Start(year, float(values[year]), "first")
    return None


def path_points(plan: Plan, series: Series, start: Start) -> list[tuple[int, float]]:
    """(year, score) corners of the expected path: the start, then each later targeted milestone."""
    points = [(start.year, score(series, start.value))]
    for m, t in targeted_milestones(plan, series):
        ts = target_score(series, t)
        if m > start.year and ts is not None:
            points.append((m, ts))
    return points


def expected_score(points: list[tuple[int, float]], year: int) -> float | None:
    if not points or year < points[0][0]:
        return None
    for (y0, s0), (y1, s1) in zip(points, points[1:]):
        if y0 <= year <= y1:
            return s0 + (s1 - s0) * (year - y0) / (y1 - y0)
    return points[-1][1]


# --- assessing ---------------------------------------------------------------------------------

def assess_series(plan: Plan, series: Series, unit: str, values: Mapping[int, float | str | None],
                  notes: Mapping[int, str] | None = None) -> list[Assessment]:
    """One assessment per year of the plan's period for one series and reporting unit."""
    values = {int(y): v for y, v in values.items() if has_value(v)}
    notes = notes or {}
    start = None if series.is_qualitative else starting_point(plan, series, values)
    points = path_points(plan, series, start) if start else []
    upper = start is not None and series.direction is Direction.EACH_SEX_AT_LEAST and start.value > 50
    out = []
    for year in plan.period.years:
        value = values.get(year)
        milestone, target = judged_target(plan, series, year)
        e_score = expected_score(points, year)
        ctx = Context(plan, series, year, value, milestone, target, start,
                      None if e_score is None else unscore(series, e_score, upper), upper,
                      _previous(values, year), notes.get(year), tuple(points))
        status, detail = _status(ctx, points)
        met = {m: is_met(series, values.get(m), series.target(m))
               for m in sorted(plan.milestones) if m <= year}
        out.append(Assessment(
            series.code, unit, year, value, milestone, target,
            ctx.expected,
            pct_of_target(series, value, target), _progress(ctx),
            met, status, explain(ctx, status, detail)))
    return out


def _previous(values: Mapping[int, object], year: int) -> tuple[int, object] | None:
    earlier = [y for y in values if y < year]
    return (max(earlier), values[max(earlier)]) if earlier else None


def _progress(ctx) -> float | None:
    v = number(ctx.value)
    if v is None or ctx.start is None or ctx.target is None or ctx.year < ctx.start.year:
        return None
    s0, ts = score(ctx.series, ctx.start.value), target_score(ctx.series, ctx.target)
    if ts is None or ts <= s0:  # no way to go: the start already meets the target
        return None
    return (score(ctx.series, v) - s0) / (ts - s0) * 100.0 + 0.0


def _status(ctx, points) -> tuple[Status, dict]:
    """The status and the facts behind it (for the explanation)."""
    series, value, target = ctx.series, ctx.value, ctx.target
    if not has_value(value):
        return Status.NO_DATA, {}
    if target is None:
        return Status.NO_DATA, {"no_target": True}
    if series.is_qualitative:
        return _qualitative_status(ctx)
    v = number(value)
    if v is None:
        return Status.NO_DATA, {"not_number": True}
    if is_met(series, v, target):
        return Status.MET, {}
    if _at_milestone(ctx):  # a milestone's verdict: met or not, never a trajectory word
        return Status.NOT_MET, {"milestone_reached": True}
    s = score(series, v)
    e = expected_score(points, ctx.year)
    if e is not None and s >= rounded(e):
        return Status.ON_TRACK, {}
    detail: dict = {}
    before = _reference(ctx)
    if before is not None:
        ref_year, ref_value = before
        if ctx.previous is not None and s < score(series, ref_value):
            return Status.AT_RISK, {"moving_away": True}
        pace = (s - score(series, ref_value)) / (ctx.year - ref_year)
        projected = s + pace * (ctx.milestone - ctx.year)
        ts = target_score(series, target)
        reachable = projected > ts if target.strict else projected >= ts
        detail = {"since": ref_year, "since_value": ref_value,
                  "projected": unscore(series, projected, ctx.upper)}
        if not reachable:
            return Status.AT_RISK, {**detail, "too_slow": True}
    return Status.BEHIND, detail


def _at_milestone(ctx) -> bool:
    """The year is the milestone judged (or past the last one): only a verdict applies."""
    return ctx.milestone is None or ctx.year >= ctx.milestone


def _reference(ctx) -> tuple[int, float] | None:
    """Where the recent pace is measured from: the latest earlier reported value, else the start."""
    if ctx.previous is not None and number(ctx.previous[1]) is not None:
        return ctx.previous[0], number(ctx.previous[1])
    if ctx.start is not None and ctx.year > ctx.start.year:
        return ctx.start.year, ctx.start.value
    return None


def _qualitative_status(ctx) -> tuple[Status, dict]:
    if is_met(ctx.series, ctx.value, ctx.target):
        return Status.MET, {}
    if _at_milestone(ctx):
        return Status.NOT_MET, {"milestone_reached": True}
    choices = qualitative_choices(ctx.series)
    rank = _choice_rank(choices, ctx.value)
    if rank is not None and rank == len(choices) - 1:
        return Status.AT_RISK, {"worst": True, "choices": choices}
    if ctx.previous is not None and rank is not None:
        before = _choice_rank(choices, ctx.previous[1])
        if before is not None and rank > before:
            return Status.AT_RISK, {"moving_away": True}
    return Status.BEHIND, {"unknown_answer": rank is None}


def qualitative_choices(series: Series) -> list[str]:
    """The answers a qualitative series offers, best first (as the form lists them)."""
    keys = series.derivation.input_keys()
    for spec in series.inputs:
        if spec.key in keys and spec.choices:
            return list(spec.choices)
    return []


def _choice_rank(choices: list[str], answer) -> int | None:
    return next((i for i, c in enumerate(choices) if _same_text(c, answer)), None)


# --- many series --------------------------------------------------------------------------------

def assess_all(plan: Plan, observations: Iterable[Observation]) -> list[Assessment]:
    """Assess every series at province level, plus every (series, unit) that has observations.

    Ordered by the plan's series, then reporting units as the plan lists them, then year.
    """
    known = {s.code for s in plan.series}
    units = {u.code: i for i, u in enumerate(plan.units)}
    values: dict[tuple[str, str], dict[int, object]] = defaultdict(dict)
    notes: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    for o in observations:
        if o.code not in known or o.unit not in units:
            continue
        if has_value(o.value):
            values[(o.code, o.unit)][int(o.year)] = o.value
        elif o.note:
            notes[(o.code, o.unit)][int(o.year)] = o.note
    province = plan.province_unit.code
    out: list[Assessment] = []
    for s in plan.series:
        pairs = {u for (c, u) in set(values) | set(notes) if c == s.code} | {province}
        for unit in sorted(pairs, key=units.__getitem__):
            out.extend(assess_series(plan, s, unit, values.get((s.code, unit), {}),
                                     notes.get((s.code, unit))))
    return out


def objective_summary(plan: Plan, assessments: Iterable[Assessment], year: int) -> dict[int, dict[Status, int]]:
    """Per objective, how many series (at province level) have each status in ``year``."""
    province = plan.province_unit.code
    by_code = {a.code: a.status for a in assessments if a.unit == province and a.year == year}
    summary = {o.number: {st: 0 for st in STATUS_ORDER} for o in plan.objectives}
    for s in plan.series:
        summary[s.objective][by_code.get(s.code, Status.NO_DATA)] += 1
    return summary


def latest_year_with_data(plan: Plan, assessments: Iterable[Assessment]) -> int:
    """The last year of the period with any province value, else the period's first year."""
    province = plan.province_unit.code
    years = [a.year for a in assessments if a.unit == province and a.status is not Status.NO_DATA]
    return max(years) if years else plan.period.start
