"""The shipped plan file: a faithful, complete copy of the decision's objectives and targets."""

from __future__ import annotations

from bdg.plan import Direction
from bdg.numbers import fmt_target


def test_plan_meta(plan):
    assert plan.decision.number == "1000/QĐ-UBND"
    assert plan.decision.date.isoformat() == "2011-06-14"
    assert plan.period.start == 2011 and plan.period.end == 2020
    assert plan.milestones == [2015, 2020]
    assert plan.agency(plan.coordinator).name == "Sở Lao động - Thương binh và Xã hội"
    assert (plan.report_deadline.day, plan.report_deadline.month) == (10, 11)


def test_objectives_targets_and_series(plan):
    assert [o.number for o in plan.objectives] == [1, 2, 3, 4, 5, 6, 7]
    assert len({(s.objective, s.target_no) for s in plan.series}) == 22
    assert len(plan.series) == 25
    assert [s.code for s in plan.series if s.is_qualitative] == ["7.3"]
    # a target naming two measures is split into series a/b
    assert {"1.1a", "1.1b", "3.2a", "3.2b", "6.2a", "6.2b"} <= {s.code for s in plan.series}
    assert plan.objective(3).title.startswith("Nâng cao chất lượng nguồn nhân lực nữ")


def test_every_direction_is_present(plan):
    assert {s.direction for s in plan.series} == set(Direction)
    assert plan.series_by_code("4.1").direction is Direction.AT_MOST
    assert plan.series_by_code("6.1").direction is Direction.AT_MOST
    assert plan.series_by_code("2.1").direction is Direction.EACH_SEX_AT_LEAST
    assert plan.series_by_code("5.1").direction is Direction.REDUCE_BY_SHARE


def test_units_and_districts(plan):
    assert plan.province_unit.level == "province"
    assert len(plan.districts) == 8
    town = plan.districts[0]
    assert town.name_in(2014) == "Thị xã Bắc Kạn"
    assert town.name_in(2015) == "Thành phố Bắc Kạn"
    assert {u.name for u in plan.districts} >= {"Huyện Pác Nặm", "Huyện Ngân Sơn", "Huyện Chợ Đồn"}
    assert any(s.by_district for s in plan.series)


def test_targets_in_force_follow_the_text(plan):
    def t(code, year):
        target = plan.series_by_code(code).target(year)
        return None if target is None else (target.value, target.strict)

    assert t("1.1a", 2020) == (20, False) and t("1.1a", 2015) is None
    assert plan.series_by_code("1.1a").baseline.value == 16
    assert plan.series_by_code("1.1b").baseline.value == 22.33
    assert t("1.2", 2015) == (70, False) and t("1.2", 2020) == (90, True)  # "trên 90%"
    assert t("4.2", 2015) == (58.3, False) and t("4.2", 2020) == (52, True)  # "dưới 52"
    assert t("4.1", 2015) == (113, False) and t("4.1", 2020) == (115, False)
    assert t("6.1", 2020) == (1.5, False)
    assert t("6.2b", 2020) == (85, False)
    assert t("3.2b", 2015) == (10, False)


def test_annex_differences_are_recorded(plan):
    differing = {s.code: s for s in plan.series if s.differences}
    assert set(differing) == {"1.1a", "1.1b", "1.2", "1.3", "2.2", "3.2b", "4.2", "5.2", "6.2b", "7.2", "7.4"}
    annex = {code: s.variant("annex") for code, s in differing.items()}
    assert annex["4.2"].targets[2015].value == 60  # the annex column says 60/100.000
    assert annex["5.2"].targets[2015].value == 80
    assert annex["6.2b"].targets[2020].value == 80
    assert annex["2.2"].targets[2015].value == 30 and annex["2.2"].targets[2020].value == 35
    assert annex["3.2b"].targets[2020].value == 50
    assert annex["1.2"].targets[2020].value == 95
    for s in differing.values():
        assert s.differences[0].note, f"{s.code}: a difference must say what differs"


def test_targets_format_in_vietnamese(plan):
    s = plan.series_by_code("4.2")
    assert fmt_target(s, s.target(2015)) == "≤ 58,3/100.000 trẻ đẻ sống"
    assert fmt_target(s, s.target(2020)) == "< 52/100.000 trẻ đẻ sống"
    s = plan.series_by_code("1.1b")
    assert s.baseline.value == 22.33


def test_second_plan(second_plan):
    assert second_plan.milestones == [2025, 2030]
    assert {s.direction for s in second_plan.series} == set(Direction)
    a1 = second_plan.series_by_code("A1")
    assert a1.in_force == "annex" and a1.target(2025).value == 32
    assert [v.source for v in a1.differences] == ["text"]


def test_remembered_look_ups_follow_a_copy_and_leave_equality_alone(plan):
    """Intake asks the same look-ups for every form; a plan remembers them, but a copy with other
    series must answer afresh, and a plan that has answered stays equal to one that has not."""
    agency = plan.lead_agencies[0].code
    unit = plan.province_unit.code
    year = plan.period.start
    first = plan.form_series(agency, unit, year)
    assert plan.form_series(agency, unit, year) == first and first
    fewer = plan.model_copy(update={"series": [s for s in plan.series if s.code != first[0].code]})
    assert [s.code for s in fewer.form_series(agency, unit, year)] == [s.code for s in first[1:]]
    assert plan.form_series(agency, unit, year) == first
    assert plan.model_copy() == plan and plan.model_copy(update={"id": "khac"}) != plan
