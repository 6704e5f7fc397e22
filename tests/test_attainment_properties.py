"""Properties of attainment that must hold for any values (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bdg.attainment import assess_series, is_met, number, score
from bdg.numbers import round_half_up
from bdg.plan import Direction, Target
from bdg.plan_loader import load_plan

PLAN = load_plan()
YEARS = PLAN.period.years
# one series per numeric direction, plus strict targets (1.2 "trên 90%", 4.2 "dưới 52")
CODES = ["1.1a", "1.2", "3.1", "2.1", "4.1", "4.2", "5.1", "6.1"]
FAST = settings(max_examples=100, deadline=None)


def hundredths(lo: float, hi: float):
    return st.integers(int(lo * 100), int(hi * 100)).map(lambda n: n / 100)


def value_for(code: str):
    s = PLAN.series_by_code(code)
    lo, hi = (s.range.min, s.range.max) if s.range else (0, 200)
    return hundredths(lo, hi)


@st.composite
def scenario(draw):
    """A series, a year, two values for that year, and values for some other years."""
    code = draw(st.sampled_from(CODES))
    year = draw(st.sampled_from(YEARS))
    others = draw(st.dictionaries(st.sampled_from([y for y in YEARS if y != year]), value_for(code), max_size=6))
    a, b = draw(value_for(code)), draw(value_for(code))
    return code, year, others, a, b


def status_at(series, year, values):
    return next(x for x in assess_series(PLAN, series, "TINH", values) if x.year == year)


@FAST
@given(scenario())
def test_a_better_value_never_gets_a_worse_status(case):
    code, year, others, a, b = case
    s = PLAN.series_by_code(code)
    worse, better = sorted((a, b), key=lambda v: score(s, v))
    low = status_at(s, year, {**others, year: worse})
    high = status_at(s, year, {**others, year: better})
    assert high.status.rank >= low.status.rank, (low.explanation, high.explanation)


def comparison(direction: Direction, value: float, target: float, strict: bool) -> bool:
    """The plan's wording, written out independently of bdg.attainment."""
    v = round_half_up(value, 2)
    if direction is Direction.AT_MOST:
        return v < target if strict else v <= target
    if direction is Direction.EACH_SEX_AT_LEAST:
        men = round_half_up(100 - v, 2)
        return (v > target and men > target) if strict else (v >= target and men >= target)
    return v > target if strict else v >= target


@FAST
@given(st.sampled_from(CODES), hundredths(-50, 250), hundredths(0, 150), st.booleans())
def test_met_exactly_when_the_comparison_holds(code, value, target, strict):
    s = PLAN.series_by_code(code)
    assert is_met(s, value, Target(value=target, strict=strict)) == comparison(s.direction, value, target, strict)


@FAST
@given(st.sampled_from(CODES), st.sampled_from(PLAN.milestones), st.data())
def test_met_at_milestone_in_the_assessment(code, milestone, data):
    s = PLAN.series_by_code(code)
    value = data.draw(value_for(code))
    a = status_at(s, milestone, {milestone: value})
    t = s.target(milestone)
    expected = None if t is None else comparison(s.direction, value, float(t.value), t.strict)
    assert a.met[milestone] == expected


def mirror(series):
    """The same series read the other way round: at least ↔ at most, every number negated."""
    def neg(t):
        return None if t is None else t.model_copy(update={"value": -float(t.value)})
    variants = [v.model_copy(update={"targets": {y: neg(t) for y, t in v.targets.items()}}) for v in series.variants]
    b = series.baseline
    baseline = b.model_copy(update={"value": -b.value if number(b.value) is not None else None})
    flip = {Direction.AT_LEAST: Direction.AT_MOST, Direction.AT_MOST: Direction.AT_LEAST}
    return series.model_copy(update={"direction": flip[series.direction], "variants": variants, "baseline": baseline})


@FAST
@given(st.sampled_from(["1.1a", "1.2", "3.1", "4.1", "4.2", "6.1"]), st.data())
def test_at_least_and_at_most_are_mirror_images(code, data):
    s = PLAN.series_by_code(code)
    m = mirror(s)
    values = data.draw(st.dictionaries(st.sampled_from(YEARS), value_for(code), max_size=10))
    left = assess_series(PLAN, s, "TINH", values)
    right = assess_series(PLAN, m, "TINH", {y: -v for y, v in values.items()})
    for x, y in zip(left, right):
        assert x.status == y.status, (x.explanation, y.explanation)
        assert x.met == y.met
        assert (x.expected is None) == (y.expected is None)
        if x.expected is not None:
            assert abs(x.expected + y.expected) < 1e-9
        assert (x.progress is None) == (y.progress is None)
        if x.progress is not None:
            assert abs(x.progress - y.progress) < 1e-9
