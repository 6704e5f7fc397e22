"""The add-in's buttons use the plan the master carries, never the bundled one behind its back."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import Workbook

from addin import control, macros
from addin_helpers import make_master_with_data, run_macro, set_control
from bdg.plan_loader import bundled_plan_path
from conftest import SECOND_PLAN
from workbook.layout import ASSESSMENT


@pytest.fixture(scope="module")
def second_master(second_plan, tmp_path_factory):
    return make_master_with_data(second_plan, tmp_path_factory.mktemp("m2") / "master.xlsx", years=(2021, 2022))


def _panel(tmp_path, settings):
    path = tmp_path / "bang-dieu-khien.xlsx"
    Workbook().save(path)
    return set_control(path, settings)


def test_attainment_in_the_open_master_uses_its_embedded_plan(second_master, second_plan, tmp_path):
    book = shutil.copy(second_master, tmp_path / "so.xlsx")
    run = run_macro(macros.attainment, book)  # values only (xlwings Lite, remote): the plan sheet is read
    assert run.outcome.ok, run.outcome.text
    rows = run.written(ASSESSMENT.name)
    header = rows.index([c.header for c in ASSESSMENT.columns])
    codes = {r[ASSESSMENT.keys.index("code")] for r in rows[header + 1:]}
    assert codes == {s.code for s in second_plan.series}
    assert second_plan.name in [r[0] for r in rows[:3]]


def test_make_forms_uses_the_plan_of_the_master_named_in_the_settings(second_master, second_plan, tmp_path):
    out = tmp_path / "ket-qua"
    run = run_macro(macros.make_forms, _panel(tmp_path, {"master": second_master, "year": 2025, "out": out}))
    assert run.outcome.ok, run.outcome.text
    made = sorted((out / "bieu-mau-2025").glob("*.xlsx"))
    assert {p.name.split("_")[1] for p in made} == {a.code for a in second_plan.lead_agencies_in(2025)}


def test_a_plan_file_in_the_settings_that_is_another_plan_is_refused(second_master, plan, second_plan, tmp_path):
    panel = _panel(tmp_path, {"master": second_master, "year": 2025, "out": tmp_path,
                              "plan": bundled_plan_path()})
    run = run_macro(macros.make_forms, panel)
    assert run.outcome.failed
    alert = run.alerts()[0]
    assert f"'{second_plan.id}'" in alert and f"'{plan.id}'" in alert
    same = _panel(tmp_path, {"master": second_master, "year": 2025, "out": tmp_path / "x", "plan": SECOND_PLAN})
    assert run_macro(macros.make_forms, same).outcome.ok


def test_year_messages_give_an_example_from_the_plan_in_use(second_master, second_plan, tmp_path):
    run = run_macro(macros.report, _panel(tmp_path, {"master": second_master}))
    assert run.outcome.failed
    alert = run.alerts()[0]
    assert "Chưa có năm báo cáo" in alert
    assert f"từ {second_plan.period.start} đến {second_plan.period.end}" in alert and "2015" not in alert


def test_a_new_control_sheet_takes_its_examples_from_the_plan(second_master, second_plan, tmp_path):
    book = shutil.copy(second_master, tmp_path / "so.xlsx")
    run = run_macro(macros.attainment, book)
    texts = [str(v) for row in run.written(control.SHEET) for v in row if v]
    year_help = next(t for t in texts if t.startswith("Năm của số liệu"))
    assert f"ví dụ {min(second_plan.milestones)}" in year_help and "2015" not in year_help


def test_addin_build_with_master_fills_the_control_workbook(second_master, second_plan, tmp_path):
    from python_calamine import CalamineWorkbook

    from cli import main

    assert main(["addin", "build", "--master", str(second_master), "--out", str(tmp_path / "addin")]) == 0
    book = CalamineWorkbook.from_path(str(tmp_path / "addin" / "bdg-bang-dieu-khien.xlsm"))
    rows = book.get_sheet_by_name(control.SHEET).to_python()
    by_label = {r[0]: r for r in rows if r and r[0]}
    assert by_label["Sổ tổng hợp"][1] == str(second_master.resolve())
    assert f"ví dụ {min(second_plan.milestones)}" in by_label["Năm báo cáo"][2]
    assert main(["addin", "build", "--master", str(second_master), "--plan", str(bundled_plan_path()),
                 "--out", str(tmp_path / "khac")]) == 2
