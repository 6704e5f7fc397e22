"""Attainment on hand-computed examples from the plan's own numbers, one direction at a time."""

from __future__ import annotations

import pytest

from bdg.attainment import (
    Observation, Status, assess_all, assess_series, is_met, objective_summary, pct_of_target,
)
from bdg.plan import Target


def one(plan, code, values, year, unit=None):
    s = plan.series_by_code(code)
    rows = assess_series(plan, s, unit or plan.province_unit.code, values)
    return next(a for a in rows if a.year == year)


# --- met or not, per direction ------------------------------------------------------------------

def test_at_most_sex_ratio_at_birth(plan):
    s = plan.series_by_code("4.1")  # ≤ 113 boys per 100 girls in 2015
    a = one(plan, "4.1", {2015: 112}, 2015)
    assert a.target.value == 113 and a.milestone == 2015
    assert a.met == {2015: True} and a.status is Status.MET
    assert a.pct_of_target == pytest.approx(113 / 112 * 100)  # at/below target → ≥ 100
    assert "112 ≤ 113" in a.explanation
    assert is_met(s, 113, s.target(2015)) is True  # equality meets a non-strict target
    assert is_met(s, 113.01, s.target(2015)) is False


def test_at_most_maternal_mortality_not_met(plan):
    a = one(plan, "4.2", {2015: 60}, 2015)  # ≤ 58,3 per 100.000 in 2015
    assert a.met == {2015: False}
    assert a.status is Status.NOT_MET  # the milestone has come and the target is missed
    assert a.pct_of_target == pytest.approx(58.3 / 60 * 100)
    assert "60 không thỏa mãn ≤ 58,3" in a.explanation and "Năm 2015 là năm mốc" in a.explanation
    assert a.explanation.endswith("→ Không đạt.")


def test_strict_target_excludes_equality(plan):
    s = plan.series_by_code("4.2")  # 2020: "dưới 52"
    t2020 = s.target(2020)
    assert t2020.strict
    assert is_met(s, 52, t2020) is False
    assert is_met(s, 51.99, t2020) is True
    a = one(plan, "4.2", {2015: 58, 2020: 52}, 2020)
    assert a.met == {2015: True, 2020: False} and a.status is Status.NOT_MET
    s12 = plan.series_by_code("1.2")  # 2020: "trên 90%"
    assert is_met(s12, 90, s12.target(2020)) is False
    assert is_met(s12, 90.01, s12.target(2020)) is True


def test_each_sex_at_least_new_jobs(plan):
    s = plan.series_by_code("2.1")  # each sex at least 40%; the value is women's share
    t = s.target(2015)
    assert is_met(s, 45, t) is True
    assert is_met(s, 65, t) is False  # men only 35%
    assert is_met(s, 60, t) is True  # men exactly 40%
    assert is_met(s, 60.01, t) is False
    assert is_met(s, 39.99, t) is False
    a = one(plan, "2.1", {2015: 65}, 2015)
    assert a.met == {2015: False} and a.status is Status.NOT_MET
    assert a.pct_of_target == pytest.approx(35 / 40 * 100)  # the smaller share against the target
    assert "tỷ lệ nam chỉ 35%, không thỏa mãn ≥ 40%" in a.explanation
    # above 50% the path runs on the women's share towards 60% (men 40%)
    rows = {r.year: r for r in assess_series(plan, s, "TINH", {2013: 70})}
    assert rows[2014].expected == pytest.approx(65.0) and rows[2015].expected == pytest.approx(60.0)


def test_reduce_by_share(plan):
    s = plan.series_by_code("5.1")  # reduce by 60% (2015), 80% (2020) from the 2010 count
    from bdg.derive import derive
    value = derive(s, {"current": 40, "base": 100})
    assert value == pytest.approx(60.0)
    assert is_met(s, value, s.target(2015)) is True
    assert is_met(s, 59.99, s.target(2015)) is False
    # the path starts at 0% reduction in the baseline year: 2013 expects 60 × 3/5 = 36
    a = one(plan, "5.1", {2013: 36}, 2013)
    assert a.expected == pytest.approx(36.0) and a.status is Status.ON_TRACK
    assert a.progress == pytest.approx(60.0)  # 36 of the way 0 → 60


def test_qualitative_takes_the_agency_answer(plan):
    s = plan.series_by_code("7.3")
    full, part, none_ = s.inputs[0].choices
    values = {2011: part, 2012: full, 2013: part, 2014: none_}
    rows = {a.year: a for a in assess_series(plan, s, "TINH", values)}
    assert rows[2011].status is Status.BEHIND
    assert rows[2012].status is Status.MET
    assert rows[2013].status is Status.AT_RISK  # worse than the year before
    assert rows[2014].status is Status.AT_RISK  # the lowest answer
    assert rows[2015].status is Status.NO_DATA
    assert rows[2012].pct_of_target is None and rows[2012].expected is None
    assert is_met(s, "  đã bố trí   đủ ", s.target(2015)) is True  # spacing and case do not matter


def test_qualitative_at_a_milestone_is_a_verdict(plan):
    s = plan.series_by_code("7.3")
    full, part, none_ = s.inputs[0].choices
    rows = {a.year: a for a in assess_series(plan, s, "TINH", {2014: full, 2015: part, 2020: none_})}
    assert rows[2015].status is Status.NOT_MET and "năm mốc" in rows[2015].explanation
    assert rows[2020].status is Status.NOT_MET


def test_trajectory_words_only_before_their_milestone(plan):
    """At a milestone (or after the last) every status is a verdict; before it, never "Không đạt"."""
    for s in plan.series:
        values = {y: (s.inputs[0].choices[1] if s.is_qualitative and s.inputs[0].choices else 1.0)
                  for y in plan.period.years}
        for a in assess_series(plan, s, "TINH", values):
            if a.status is Status.NO_DATA:
                continue
            if a.milestone is None or a.year == a.milestone:
                assert a.status in (Status.MET, Status.NOT_MET), (s.code, a.year, a.status)
            else:
                assert a.status is not Status.NOT_MET, (s.code, a.year)


def test_pct_of_target_direction_aware(plan):
    at_least = plan.series_by_code("2.2")
    assert pct_of_target(at_least, 5, at_least.target(2015)) == pytest.approx(50.0)
    at_most = plan.series_by_code("4.4")
    assert pct_of_target(at_most, 27, at_most.target(2015)) == pytest.approx(100.0)
    assert pct_of_target(at_most, 54, at_most.target(2015)) == pytest.approx(50.0)
    assert pct_of_target(at_most, 0, at_most.target(2015)) is None  # no rate to divide by
    assert pct_of_target(at_least, 5, None) is None


# --- the expected path and statuses between milestones ------------------------------------------

def test_milestone_without_target_is_skipped(plan):
    # 1.1a: the plan's text sets only a 2020 target (≥ 20%), from 16% in 2011
    a = one(plan, "1.1a", {2014: 17.5}, 2014)
    assert a.milestone == 2020 and a.target.value == 20
    assert a.expected == pytest.approx(16 + (20 - 16) * 3 / 9)
    assert a.status is Status.ON_TRACK
    assert a.progress == pytest.approx((17.5 - 16) / (20 - 16) * 100)
    later = one(plan, "1.1a", {2015: 18}, 2016)
    assert later.met == {2015: None}  # no 2015 target → nothing to meet


def test_path_bends_at_the_first_milestone(plan):
    # 3.1 has no baseline: the first reported value (80 in 2011) is the starting point;
    # path 80 → 90 (2015) → 95 (2020)
    values = {2011: 80}
    assert one(plan, "3.1", values, 2013).expected == pytest.approx(85.0)
    assert one(plan, "3.1", values, 2017).expected == pytest.approx(92.0)
    first = one(plan, "3.1", values, 2011)
    assert first.status is Status.ON_TRACK and "năm đầu có số liệu" in first.explanation


def test_behind_and_at_risk_by_recent_pace(plan):
    # 3.1: 80 (2011), 82 (2013): below the path (85); +1/year → 2015 ≈ 84 < 90 → at risk
    slow = one(plan, "3.1", {2011: 80, 2013: 82}, 2013)
    assert slow.status is Status.AT_RISK and "84" in slow.explanation
    # 86 in 2014: below the path (87,5) but +4/year → 2015 ≈ 90 ≥ 90 → behind
    catching_up = one(plan, "3.1", {2011: 80, 2013: 82, 2014: 86}, 2014)
    assert catching_up.expected == pytest.approx(87.5)
    assert catching_up.status is Status.BEHIND
    # lower than the year before → moving away → at risk
    away = one(plan, "3.1", {2011: 80, 2012: 83, 2013: 82.5}, 2013)
    assert away.status is Status.AT_RISK and "xa dần" in away.explanation


def test_after_the_last_milestone_judge_against_the_last_target():
    from bdg.plan_loader import load_plan
    plan = load_plan()
    longer = plan.model_copy(update={"period": plan.period.model_copy(update={"end": 2022})})
    s = longer.series_by_code("4.1")
    rows = {a.year: a for a in assess_series(longer, s, "TINH", {2021: 114, 2022: 116})}
    assert rows[2021].milestone is None and rows[2021].target.value == 115
    assert rows[2021].status is Status.MET
    assert rows[2022].status is Status.NOT_MET
    assert "Đã qua mốc cuối" in rows[2022].explanation


def test_no_data(plan):
    a = one(plan, "2.3", {}, 2013)
    assert a.status is Status.NO_DATA and a.value is None
    assert a.explanation == "Năm 2013: chưa có số liệu."


# --- many series --------------------------------------------------------------------------------

def test_assess_all_and_objective_summary(plan):
    obs = [
        Observation("4.1", "TINH", 2015, 112.0),  # met
        Observation("4.2", "TINH", 2015, 60.0),  # not met (milestone missed)
        Observation("4.4", "BABE", 2015, 20.0),  # a district: assessed, not in the summary
        Observation("9.9", "TINH", 2015, 1.0),  # unknown series: ignored
    ]
    rows = assess_all(plan, obs)
    years = len(plan.period.years)
    assert len(rows) == (len(plan.series) + 1) * years
    assert [a.code for a in rows[::years]][:3] == [s.code for s in plan.series][:3]
    summary = objective_summary(plan, rows, 2015)
    assert summary[4][Status.MET] == 1 and summary[4][Status.NOT_MET] == 1 and summary[4][Status.AT_RISK] == 0
    assert summary[4][Status.NO_DATA] == len(plan.series_of(4)) - 2
    assert sum(sum(c.values()) for c in summary.values()) == len(plan.series)


def test_status_labels(plan):
    assert Status.MET.label == "Đạt/vượt chỉ tiêu"
    assert [s.label for s in Status] == ["Đạt/vượt chỉ tiêu", "Đúng tiến độ", "Chậm tiến độ",
                                         "Có nguy cơ không đạt", "Không đạt", "Chưa có số liệu"]


def test_explanations_use_vietnamese_numbers(plan):
    a = one(plan, "1.1b", {2013: 22.567}, 2013)
    assert "22,57%" in a.explanation and "22.57" not in a.explanation


def test_target_none_is_not_met(plan):
    s = plan.series_by_code("2.2")
    assert is_met(s, 50, None) is None
    assert is_met(s, None, Target(value=10)) is None
