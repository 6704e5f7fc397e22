"""Plausible sample figures (dữ liệu mẫu) for every series, reporting unit and year — deterministic.

Each series gets a behaviour drawn from the seed: it *meets* its target, *lags* behind it, or
gets *worse* than its baseline, so attainment statuses vary. A series' value follows a straight
path from its starting point (the baseline, or a point derived from the target) toward where the
behaviour takes it; raw inputs (counts, hours, choices) are then made so that deriving them
gives that value. District units vary a little around the province path.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bdg.plan import Direction, Plan, Series

BEHAVIOURS = ("meets", "lags", "worsens")
WEIGHTS = (0.5, 0.3, 0.2)


@dataclass(frozen=True)
class SamplePath:
    behaviour: str
    start: float
    end: float


def behaviour_of(series: Series, seed: int) -> str:
    return random.Random(f"{seed}:behaviour:{series.code}").choices(BEHAVIOURS, WEIGHTS)[0]


def sample_inputs(plan: Plan, series: Series, unit: str, year: int, seed: int) -> dict[str, float | str]:
    """Raw inputs for one series, unit and year (before any clerk mistake)."""
    if series.derivation.kind == "direct" and series.inputs[0].kind == "choice":
        return {series.inputs[0].key: _choice(plan, series, unit, year, seed)}
    value = sample_value(plan, series, unit, year, seed)
    return _inputs_for(plan, series, unit, year, value, seed)


def sample_value(plan: Plan, series: Series, unit: str, year: int, seed: int) -> float:
    """The value the sample data aims at (the derived value differs only by rounding of counts)."""
    path = _path(plan, series, seed)
    span = max(1, plan.period.end - plan.baseline_year)
    frac = (year - plan.baseline_year) / span
    value = path.start + (path.end - path.start) * frac
    rng = random.Random(f"{seed}:noise:{series.code}:{unit}:{year}")
    unit_rng = random.Random(f"{seed}:unit:{series.code}:{unit}")
    if plan.unit(unit).local:
        value *= 1 + unit_rng.uniform(-0.08, 0.08)
    value += abs(path.start or 1) * rng.uniform(-0.02, 0.02)
    return _clamp(series, value)


def _path(plan: Plan, series: Series, seed: int) -> SamplePath:
    behaviour = behaviour_of(series, seed)
    target = _final_target(plan, series)
    start = _start(series, target)
    if series.direction is Direction.EACH_SEX_AT_LEAST:
        end = {"meets": 46.0, "lags": 41.0, "worsens": 34.0}[behaviour]
        return SamplePath(behaviour, start, end)
    if target is None:
        target = start * 1.2 if series.direction is not Direction.AT_MOST else start * 0.8
    gap = target - start
    overshoot = 0.05 * abs(target) if series.direction is not Direction.AT_MOST else -0.05 * abs(target)
    end = {"meets": target + overshoot, "lags": start + 0.45 * gap, "worsens": start - 0.25 * gap}[behaviour]
    return SamplePath(behaviour, start, end)


def _final_target(plan: Plan, series: Series) -> float | None:
    for milestone in sorted(plan.milestones, reverse=True):
        t = series.target(milestone)
        if t is not None and isinstance(t.value, (int, float)):
            return float(t.value)
    return None


def _start(series: Series, target: float | None) -> float:
    b = series.baseline.value
    if isinstance(b, (int, float)):
        return float(b)
    if series.direction is Direction.REDUCE_BY_SHARE:
        return 0.0
    if series.direction is Direction.EACH_SEX_AT_LEAST:
        return 38.0
    if target is None:
        return _mid(series)
    return target * (1.35 if series.direction is Direction.AT_MOST else 0.6)


def _mid(series: Series) -> float:
    return (series.range.min + series.range.max) / 2 if series.range else 50.0


def _clamp(series: Series, value: float) -> float:
    low, high = (series.range.min, series.range.max) if series.range else (0.0, float("inf"))
    if series.percent and series.direction is not Direction.REDUCE_BY_SHARE:
        low, high = max(low, 0.0), min(high, 100.0)
    if high != float("inf"):  # keep clear of the edges, so rounding counts stays inside the range
        margin = 0.03 * (high - low)
        low, high = low + margin, high - margin
    return min(max(value, low), high)


def _size(plan: Plan, series: Series, unit: str, year: int, seed: int) -> int:
    """A plausible denominator: fixed per series and unit, growing a little each year."""
    rng = random.Random(f"{seed}:size:{series.code}:{unit}")
    base = rng.choice((60, 120, 250, 600, 1500, 4000))
    if series.derivation.scale >= 1000:  # rates per 100.000: large denominators
        base = rng.randint(4000, 6000)
    if plan.unit(unit).local:
        base = max(20, base // 8)
    return int(base * (1 + 0.02 * (year - plan.period.start)))


def _inputs_for(plan: Plan, series: Series, unit: str, year: int, value: float, seed: int) -> dict[str, float]:
    d = series.derivation
    size = _size(plan, series, unit, year, seed)
    if d.kind == "reduction":
        base = max(10, size // 10)
        return {d.baseline: base, d.current: round(base * (1 - value / 100))}
    if d.kind == "direct":
        return {d.input: round(value, 2)}
    kinds = {i.key: i.kind for i in series.inputs}
    if kinds[d.denominator] == "decimal":
        den = round(random.Random(f"{seed}:den:{series.code}:{unit}:{year}").uniform(1.0, 1.6), 1)
        return {d.numerator: round(value / d.scale * den, 1), d.denominator: den}
    num = round(value / d.scale * size)
    out: dict[str, float] = {d.numerator: num, d.denominator: size}
    others = [i.key for i in series.inputs if i.key not in out]
    if others:  # e.g. men beside women and total: the rest of the total
        out[others[0]] = size - num
        for key in others[1:]:
            out[key] = 0
    return out


def _choice(plan: Plan, series: Series, unit: str, year: int, seed: int) -> str:
    choices = series.inputs[0].choices
    behaviour = behaviour_of(series, seed)
    progress = (year - plan.period.start) / max(1, plan.period.end - plan.period.start)
    best, middle, worst = choices[0], choices[len(choices) // 2], choices[-1]
    if behaviour == "meets":
        return best if progress >= 0.5 else middle
    if behaviour == "lags":
        return middle if progress >= 0.3 else worst
    return worst
