"""From Số liệu rows to observations: only values in force, derived again from their inputs,
and province values rebuilt from the districts' summed inputs (never an average of rates)."""

from __future__ import annotations

import pytest

from attainment_helpers import data_row, write_master
from bdg.attainment import Status, assess_all
from workbook.layout import STATUS_CONFLICT, STATUS_SUPERSEDED
from workbook.observations import active_observations
from workbook.rows import ValueRow
from workbook.state import MasterState, read_master


def state_of(rows):
    return MasterState(path=None, data=[ValueRow.from_record(r) for r in rows])


def province(obs, plan, code, year):
    return next(o for o in obs if o.code == code and o.unit == plan.province_unit.code and o.year == year)


def test_province_is_summed_inputs_derived_again(plan):
    two = plan.model_copy(update={"units": [plan.province_unit, *plan.districts[:2]]})
    a, b = (u.code for u in two.districts)
    rows = [data_row(two, "1.1a", a, 2012, [30, 100]), data_row(two, "1.1a", b, 2012, [10, 300])]
    obs = active_observations(state_of(rows), two)
    p = province(obs, two, "1.1a", 2012)
    assert p.value == pytest.approx(10.0)  # (30 + 10) / (100 + 300)
    rates = [30 / 100 * 100, 10 / 300 * 100]
    assert p.value != pytest.approx(sum(rates) / 2)  # not the average of the districts' rates
    assert p.inputs == {"women": 40, "total": 400}


def test_every_district_must_report(plan, tmp_path):
    districts = plan.districts
    rows = [data_row(plan, "4.2", u.code, 2013, [1, 1000 + 100 * i]) for i, u in enumerate(districts[:-1])]
    master = write_master(tmp_path / "m.xlsx", plan, rows)
    obs = active_observations(read_master(master), plan)
    p = province(obs, plan, "4.2", 2013)
    assert p.value is None
    assert f"{len(districts) - 1}/{len(districts)}" in p.note and districts[-1].name in p.note
    a = next(x for x in assess_all(plan, obs) if x.code == "4.2" and x.unit == "TINH" and x.year == 2013)
    assert a.status is Status.NO_DATA and districts[-1].name in a.explanation
    # the last district reports: the province value appears (read back from a real file)
    rows.append(data_row(plan, "4.2", districts[-1].code, 2013, [2, 2000]))
    master = write_master(tmp_path / "m2.xlsx", plan, rows)
    p = province(active_observations(read_master(master), plan), plan, "4.2", 2013)
    deaths, births = len(districts) - 1 + 2, sum(1000 + 100 * i for i in range(len(districts) - 1)) + 2000
    assert p.value == pytest.approx(deaths / births * 100000)


def test_reduction_sums_both_counts(plan):
    # the reduction is a by-province series in the shipped plan; as a by-district one it sums
    # the current and the baseline counts, then derives the reduction again
    s = plan.series_by_code("5.1").model_copy(update={"by_district": True})
    two = plan.model_copy(update={"units": [plan.province_unit, *plan.districts[:2]],
                                  "series": [s]})
    a, b = (u.code for u in two.districts)
    rows = [data_row(two, "5.1", a, 2014, [10, 20]), data_row(two, "5.1", b, 2014, [30, 180])]
    p = province(active_observations(state_of(rows), two), two, "5.1", 2014)
    assert p.value == pytest.approx((200 - 40) / 200 * 100)  # 80 %, not (50 % + 83,3 %) / 2


def test_only_values_in_force(plan):
    rows = [
        data_row(plan, "2.2", "TINH", 2012, [5, 100], status=STATUS_SUPERSEDED),
        data_row(plan, "2.2", "TINH", 2012, [8, 100]),
        data_row(plan, "2.3", "TINH", 2012, [30, 100], status=STATUS_CONFLICT),
    ]
    obs = active_observations(state_of(rows), plan)
    assert [(o.code, o.value) for o in obs] == [("2.2", pytest.approx(8.0))]


def test_value_is_derived_again_from_inputs(plan):
    wrong = data_row(plan, "2.2", "TINH", 2012, [8, 100], value=99.0)  # a value cell edited by hand
    no_inputs = data_row(plan, "2.4", "TINH", 2012, [], value=75.0)
    choice = data_row(plan, "7.3", "TINH", 2012, ["Đã bố trí một phần"])
    typed_code = {**data_row(plan, "6.1", "TINH", 2012, [3.6, 2.0]), "code": 6.1, "year": 2012.0}
    obs = {o.code: o for o in active_observations(state_of([wrong, no_inputs, choice, typed_code]), plan)}
    assert obs["2.2"].value == pytest.approx(8.0)
    assert obs["2.4"].value == pytest.approx(75.0)
    assert obs["7.3"].value == "Đã bố trí một phần"
    assert obs["6.1"].value == pytest.approx(1.8) and obs["6.1"].year == 2012


def test_unknown_rows_are_skipped(plan):
    rows = [data_row(plan, "2.2", "TINH", 2012, [8, 100])]
    rows += [{**rows[0], "code": "9.9"}, {**rows[0], "unit_code": "XYZ"}, {**rows[0], "year": 1999},
             {**rows[0], "year": "năm ngoái"}]
    assert len(active_observations(state_of(rows), plan)) == 1
