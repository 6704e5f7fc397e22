"""A plan whose organisations change mid-period, through the whole cycle on the command line.

The second test plan reorganises: Huyện Hòa Bình merges into Huyện Đồng Ẩm from 2023; the Sở
LĐTBXH's duties pass to the Sở Nội vụ from 2025 (series B1 to the Sở Y tế); the district level
ends after 2024 and communes report from 2025. Forms are real .xlsx files filled by code.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bdg.errors import BdgError
from bdg.plan_loader import load_plan
from cli import main
from templates.forms.generate import build_form, write_forms
from templates.forms.sample import fill_form
from templates.intake.read import read_form
from templates import form_layout as L
from tests.conftest import SECOND_PLAN
from tests.test_report_render import docx_text
from workbook.master import read_catalogue
from workbook.observations import active_observations
from workbook.state import read_master

# (year, agency, unit) → inputs per series code; every form the plan expects in these years
FIGURES = {
    (2022, "SLDTBXH", "TOANTINH"): {"B1": [40, 100]},
    (2022, "SLDTBXH", "HUYENA"): {"A1": [10, 40]},
    (2022, "SLDTBXH", "HUYENB"): {"A1": [5, 20]},
    (2022, "SLDTBXH", "HUYENC"): {"A1": [3, 10]},
    (2023, "SLDTBXH", "TOANTINH"): {"B1": [42, 100]},
    (2023, "SLDTBXH", "HUYENA"): {"A1": [12, 45]},
    (2023, "SLDTBXH", "HUYENB"): {"A1": [6, 20]},
    (2025, "SOYTE", "TOANTINH"): {"B1": [46, 100]},
    (2025, "SNV", "XADONGAM"): {"A1": [7, 20]},
    (2025, "SNV", "XAHOABINH"): {"A1": [4, 10]},
    (2025, "SNV", "PHUONGLACSON"): {"A1": [9, 30]},
    (2025, "SOYTE", "XADONGAM"): {"C1": [110, 100]},
    (2025, "SOYTE", "XAHOABINH"): {"C1": [52, 50]},
    # Phường Lạc Sơn sends no C1 form for 2025: the province's C1 value waits for it
}
NARRATIVES = {(2025, "SNV", "PHUONGLACSON"): {(1, "results"): "Đã tập huấn cho nữ cán bộ cấp xã"}}


def _forms_of(folder: Path) -> set[tuple[str, str]]:
    """(agency, unit) of the form files in a folder (names are <year>_<agency>_<unit>.xlsx)."""
    return {tuple(p.stem.split("_")[1:3]) for p in folder.glob("*.xlsx")}


def _texts(path: Path) -> set[str]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return {str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}


def test_forms_go_to_the_agencies_and_units_of_their_year(second_plan, tmp_path):
    expected = {
        2022: {("SLDTBXH", "TOANTINH"), ("SLDTBXH", "HUYENA"), ("SLDTBXH", "HUYENB"), ("SLDTBXH", "HUYENC"),
               ("SOYTE", "HUYENA"), ("SOYTE", "HUYENB"), ("SOYTE", "HUYENC"), ("SOVH", "TOANTINH")},
        2023: {("SLDTBXH", "TOANTINH"), ("SLDTBXH", "HUYENA"), ("SLDTBXH", "HUYENB"),
               ("SOYTE", "HUYENA"), ("SOYTE", "HUYENB"), ("SOVH", "TOANTINH")},
        2025: {("SNV", "XADONGAM"), ("SNV", "XAHOABINH"), ("SNV", "PHUONGLACSON"), ("SOYTE", "TOANTINH"),
               ("SOYTE", "XADONGAM"), ("SOYTE", "XAHOABINH"), ("SOYTE", "PHUONGLACSON"), ("SOVH", "TOANTINH")},
    }
    for year, forms in expected.items():
        out = tmp_path / str(year)
        assert main(["forms", "--year", str(year), "--plan", str(SECOND_PLAN), "--out", str(out)]) == 0
        assert _forms_of(out) == forms, year
    # the form of a year names the agency and unit of that year, and carries the series it leads then
    cells = _texts(next((tmp_path / "2025").glob("*_SNV_XADONGAM.xlsx")))
    assert "Cơ quan báo cáo: Sở Nội vụ" in cells and "Đơn vị báo cáo (địa bàn): Xã Đồng Ẩm" in cells
    assert "A1" in cells and "C1" not in cells
    cells = _texts(next((tmp_path / "2022").glob("*_SLDTBXH_HUYENB.xlsx")))
    assert "Cơ quan báo cáo: Sở Lao động - Thương binh và Xã hội" in cells
    assert "Đơn vị báo cáo (địa bàn): Thị xã Lạc Sơn" in cells
    with pytest.raises(BdgError) as refused:
        write_forms(second_plan, 2025, tmp_path / "x", agency="SLDTBXH")
    assert ("Sở Lao động - Thương binh và Xã hội đã chuyển nhiệm vụ sang Sở Nội vụ từ năm 2025: số liệu năm "
            "2025 báo cáo trong biểu mẫu của Sở Nội vụ (chỉ tiêu A1) và Sở Y tế (chỉ tiêu B1).") in str(refused.value)


# --- a form of a unit or agency that does not report that year, refused in words a clerk knows -------

HOW = "Hãy ghi số liệu vào biểu mẫu năm {year} nêu trên rồi gửi lại."


def _refusal(plan, tmp_path, year, agency, unit, *, built_with=None, collecting=None):
    """The one problem reading a blank form of (year, agency, unit) gives: (code, message)."""
    path = build_form(built_with or plan, year, agency, unit, tmp_path / f"{year}_{agency}_{unit}.xlsx")
    problem, = read_form(path, plan, year=collecting).problems
    return problem.code, problem.message


def _not_taken(year, agency, unit, reason):
    return f"Tệp '{year}_{agency}_{unit}.xlsx' không được tổng hợp. {reason} {HOW.format(year=year)}"


@pytest.mark.parametrize(("year", "agency", "unit", "code", "reason"), [
    # a unit merged into another of its level
    (2023, "SLDTBXH", "HUYENC", "unit-not-reporting",
     "Huyện Hòa Bình đã sáp nhập vào Huyện Đồng Ẩm từ năm 2023: số liệu năm 2023 báo cáo trong biểu mẫu của "
     "Huyện Đồng Ẩm."),
    # … whose successor has closed too: the units of the year are named
    (2025, "SNV", "HUYENC", "unit-not-reporting",
     "Huyện Hòa Bình đã sáp nhập vào Huyện Đồng Ẩm từ năm 2023: số liệu năm 2025 báo cáo trong biểu mẫu của "
     "Xã Đồng Ẩm và Xã Hòa Bình."),
    # the district level ended: its communes report (the unit named as it was called last)
    (2025, "SNV", "HUYENA", "unit-not-reporting",
     "Cấp huyện đã kết thúc từ năm 2025 (Huyện Đồng Ẩm báo cáo đến năm 2024): số liệu năm 2025 báo cáo trong "
     "biểu mẫu của Xã Đồng Ẩm và Xã Hòa Bình."),
    (2025, "SOYTE", "HUYENB", "unit-not-reporting",
     "Cấp huyện đã kết thúc từ năm 2025 (Thành phố Lạc Sơn báo cáo đến năm 2024): số liệu năm 2025 báo cáo trong "
     "biểu mẫu của Phường Lạc Sơn."),
    # a unit not yet existing: the units reporting its area that year
    (2024, "SLDTBXH", "XAHOABINH", "unit-not-reporting",
     "Xã Hòa Bình báo cáo từ năm 2025: số liệu năm 2024 báo cáo trong biểu mẫu của Huyện Đồng Ẩm."),
    (2022, "SLDTBXH", "XAHOABINH", "unit-not-reporting",
     "Xã Hòa Bình báo cáo từ năm 2025: số liệu năm 2022 báo cáo trong biểu mẫu của Huyện Đồng Ẩm và Huyện Hòa Bình."),
    # an agency closed, its duties passed on (and one series to another agency)
    (2025, "SLDTBXH", "TOANTINH", "agency-not-reporting",
     "Sở Lao động - Thương binh và Xã hội đã chuyển nhiệm vụ sang Sở Nội vụ từ năm 2025: số liệu năm 2025 báo cáo "
     "trong biểu mẫu của Sở Nội vụ (chỉ tiêu A1) và Sở Y tế (chỉ tiêu B1)."),
    (2027, "SLDTBXH", "XADONGAM", "agency-not-reporting",
     "Sở Lao động - Thương binh và Xã hội đã chuyển nhiệm vụ sang Sở Nội vụ từ năm 2025: số liệu năm 2027 báo cáo "
     "trong biểu mẫu của Sở Nội vụ (chỉ tiêu A1) và Sở Y tế (chỉ tiêu B1)."),
    # an agency not yet existing
    (2024, "SNV", "HUYENA", "agency-not-reporting",
     "Sở Nội vụ báo cáo từ năm 2025: số liệu năm 2024 báo cáo trong biểu mẫu của Sở Lao động - Thương binh và Xã hội."),
    # a lead change: the Sở Y tế has a province form only once it leads B1
    (2024, "SOYTE", "TOANTINH", "series-moved",
     "Chỉ tiêu B1 do Sở Lao động - Thương binh và Xã hội chủ trì: số liệu năm 2024 báo cáo trong biểu mẫu của "
     "Sở Lao động - Thương binh và Xã hội."),
])
def test_a_form_of_a_unit_or_agency_that_does_not_report_that_year_says_who_does(
        second_plan, tmp_path, year, agency, unit, code, reason):
    assert _refusal(second_plan, tmp_path, year, agency, unit) == (code, _not_taken(year, agency, unit, reason))


def test_a_merged_units_form_is_not_accepted_rather_than_unreadable(second_plan, tmp_path, capsys):
    """check and consolidate call such a form "Không nhận" (read, but not this year's form), not damaged."""
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    build_form(second_plan, 2023, "SLDTBXH", "HUYENC", inbox / "2023_SLDTBXH_HUYENC.xlsx")
    assert main(["check", str(inbox), "--plan", str(SECOND_PLAN), "--json"]) == 2
    result = json.loads(capsys.readouterr().out)
    assert result["summary"]["not_accepted"] == 1 and result["summary"]["unreadable"] == 0
    assert [f["status"] for f in result["files"]] == ["Không nhận"]
    assert main(["check", str(inbox), "--plan", str(SECOND_PLAN)]) == 2
    said = " ".join(capsys.readouterr().out.split())
    assert "0 đọc được, 1 không nhận, 0 không đọc được" in said and "Huyện Đồng Ẩm" in said
    master = tmp_path / "so-tong-hop.xlsx"
    assert main(["init", "--plan", str(SECOND_PLAN), "--out", str(master)]) == 0
    capsys.readouterr()
    assert main(["consolidate", str(inbox), "--master", str(master)]) == 2
    said = " ".join(capsys.readouterr().out.split())
    assert "2023_SLDTBXH_HUYENC.xlsx: Không nhận" in said and "1 tệp không nhận" in said
    assert [row.result for row in read_master(master).log] == ["Không nhận"]


def test_a_unit_split_in_two_names_both(tmp_path):
    plan = load_plan(_variant(tmp_path, "successors: [HUYENA]}", "successors: [HUYENA, HUYENB]}"))
    reason = ("Huyện Hòa Bình đã chia tách thành Huyện Đồng Ẩm và Thị xã Lạc Sơn từ năm 2023: số liệu năm 2023 báo "
              "cáo trong biểu mẫu của Huyện Đồng Ẩm và Thị xã Lạc Sơn.")
    assert _refusal(plan, tmp_path, 2023, "SLDTBXH", "HUYENC") == (
        "unit-not-reporting", _not_taken(2023, "SLDTBXH", "HUYENC", reason))


def test_a_unit_closed_without_successor_points_to_the_units_of_the_year(tmp_path):
    plan = load_plan(_variant(tmp_path, "until: 2022, successors: [HUYENA]}", "until: 2022}"))
    reason = "Huyện Hòa Bình chỉ báo cáo đến năm 2022: số liệu năm 2023 báo cáo trong biểu mẫu của các đơn vị cấp huyện."
    assert _refusal(plan, tmp_path, 2023, "SLDTBXH", "HUYENC") == (
        "unit-not-reporting", _not_taken(2023, "SLDTBXH", "HUYENC", reason))


def test_last_years_form_of_a_renamed_unit_names_the_new_name(second_plan, tmp_path):
    renamed = ("Thị xã Lạc Sơn đã đổi tên thành Thành phố Lạc Sơn từ năm 2024: số liệu năm 2024 báo cáo trong "
               "biểu mẫu năm 2024 của Thành phố Lạc Sơn.")
    assert _refusal(second_plan, tmp_path, 2023, "SLDTBXH", "HUYENB", collecting=2024) == (
        "wrong-year", f"Tệp '2023_SLDTBXH_HUYENB.xlsx' là biểu mẫu năm 2023, nhưng đang thu số liệu năm 2024. "
                      f"{renamed} Hãy điền biểu mẫu năm 2024 và gửi lại.")
    from tests.forms_helpers import edit, key_row, value_col

    def retyped(wb):  # last year's form with this year typed over its year
        ws = wb[L.FORM_SHEET]
        ws.cell(row=key_row(ws, L.YEAR_KEY), column=value_col(ws)).value = 2024

    old = build_form(second_plan, 2023, "SLDTBXH", "HUYENB", tmp_path / "cu.xlsx")
    problem, = [p for p in read_form(edit(old, tmp_path / "sua.xlsx", retyped), second_plan).problems
                if p.severity == "error"]
    assert problem.code == "year-cell-mismatch"
    assert problem.message == (f"Trang '{problem.sheet}', ô {problem.cell}: năm báo cáo ghi 2024 nhưng biểu mẫu được "
                               f"tạo cho năm 2023. Không sửa năm trên biểu cũ: hãy dùng biểu mẫu năm 2024. {renamed}")


LEAD_CHANGE = ("lead: SOVH\n    variants:\n      - {source: text, targets: {2025: {value: 50}",
               "lead: SOVH\n    lead_changes: [{year: 2025, agency: SOYTE}]\n    variants:\n"
               "      - {source: text, targets: {2025: {value: 50}")


def test_a_series_row_led_by_another_agency_that_year_says_by_whom(second_plan, tmp_path):
    moved = load_plan(_variant(tmp_path, *LEAD_CHANGE))  # C2 passes from the Sở Văn hóa to the Sở Y tế in 2025
    form = build_form(second_plan, 2025, "SOVH", "TOANTINH", tmp_path / "2025_SOVH_TOANTINH.xlsx")  # sent before
    problem, = [p for p in read_form(form, moved).problems if p.code == "unexpected-row"]
    assert problem.message == (f"Trang '{problem.sheet}', ô {problem.cell}: dòng của chỉ tiêu C2 không thuộc biểu mẫu "
                               "này nên không được đọc. Chỉ tiêu C2 do Sở Y tế chủ trì từ năm 2025: số liệu năm 2025 "
                               "báo cáo trong biểu mẫu của Sở Y tế.")


def test_codes_the_plan_does_not_know_are_named_as_found(second_plan, tmp_path):
    assert _refusal(second_plan, tmp_path, 2025, "HOIPN", "TOANTINH") == (
        "unknown-agency", "Tệp '2025_HOIPN_TOANTINH.xlsx' ghi cơ quan 'Hội Liên hiệp Phụ nữ tỉnh' không chủ trì chỉ "
                          "tiêu nào của kế hoạch trong năm 2025. Hãy dùng biểu mẫu được gửi cho cơ quan mình.")
    assert _refusal(second_plan, tmp_path, 2023, "SOVH", "HUYENA") == (
        "unknown-unit", "Tệp '2023_SOVH_HUYENA.xlsx' ghi đơn vị báo cáo 'Huyện Đồng Ẩm' không có trong biểu mẫu năm "
                        "2023 của Sở Văn hóa và Thể thao. Hãy dùng biểu mẫu được gửi cho đơn vị mình.")


def test_the_add_in_check_says_the_same(second_plan, tmp_path, monkeypatch):
    from addin import macros
    from addin_helpers import run_macro

    monkeypatch.setenv("BDG_PLAN", str(SECOND_PLAN))
    form = build_form(second_plan, 2023, "SLDTBXH", "HUYENC", tmp_path / "2023_SLDTBXH_HUYENC.xlsx")
    run = run_macro(macros.check_form, form)
    said = _not_taken(2023, "SLDTBXH", "HUYENC", "Huyện Hòa Bình đã sáp nhập vào Huyện Đồng Ẩm từ năm 2023: số "
                      "liệu năm 2023 báo cáo trong biểu mẫu của Huyện Đồng Ẩm.")
    assert not run.outcome.ok and run.outcome.text.endswith(f"\n- {said}")
    assert [r[4:] for r in run.written("Kết quả kiểm tra") if r and r[0] == 1] == [
        ["Đơn vị không báo cáo năm này (unit-not-reporting)", said]]


def test_bdg_status_says_why_a_form_received_is_not_owed_that_year(second_plan):
    from cli.status_cmd import status_lines
    from workbook.rows import LogRow
    from workbook.tracking import year_status

    def received(agency, unit, day):  # taken in before the plan recorded the merger
        return LogRow(time=dt.datetime(2023, 11, day), file=f"2023_{agency}_{unit}.xlsx", sha256=f"{unit}{day}",
                      agency=agency, unit_code=unit, year=2023, result="Đã nhập", errors=0, warnings=0)

    ys = year_status(second_plan, [received("SLDTBXH", "HUYENA", 20), received("SLDTBXH", "HUYENC", 28)], 2023,
                     dt.datetime(2024, 3, 1))
    assert [(t.unit, t.stray) for t in ys.stray] == [("HUYENC", "Huyện Hòa Bình đã sáp nhập vào Huyện Đồng Ẩm từ năm "
                                                     "2023: số liệu năm 2023 báo cáo trong biểu mẫu của Huyện Đồng Ẩm.")]
    lines = status_lines(ys)
    assert lines[0].startswith(f"Tình hình nộp báo cáo năm 2023 (hạn nộp 05/12/2023): {len(ys.items) - 1} biểu phải "
                               "nộp; đúng hạn 1, trễ hạn 0,")
    assert lines[-2:] == [
        "Biểu của cơ quan, đơn vị không báo cáo năm 2023 (không thuộc các biểu phải nộp):",
        "  • Sở Lao động - Thương binh và Xã hội — Huyện Hòa Bình: Huyện Hòa Bình đã sáp nhập vào Huyện Đồng Ẩm từ "
        "năm 2023: số liệu năm 2023 báo cáo trong biểu mẫu của Huyện Đồng Ẩm."]


def test_a_received_form_of_no_form_that_year_is_never_counted_as_owed(second_plan):
    """An agency code the plan does not know, or an agency and unit that exist but share no form that year:
    listed apart with the plain reason, never counted among the forms owed, and "Không phải nộp" in Tiến độ nộp."""
    from workbook.rows import LogRow
    from workbook.tracking import NOT_OWED, year_status

    def received(agency, unit):
        return LogRow(time=dt.datetime(2023, 11, 20), file=f"2023_{agency}_{unit}.xlsx", sha256=f"{agency}{unit}",
                      agency=agency, unit_code=unit, year=2023, result="Đã nhập", errors=0, warnings=0)

    now = dt.datetime(2024, 3, 1)
    owed = len(year_status(second_plan, [], 2023, now).expected)
    ys = year_status(second_plan, [received("KHONGCO", "HUYENA"), received("SOVH", "HUYENA")], 2023, now)
    assert len(ys.expected) == owed and len(ys.on_time) == 0
    assert [(t.agency, t.stray) for t in ys.stray] == [
        ("KHONGCO", "không thuộc các biểu phải nộp năm 2023 theo kế hoạch."),
        ("SOVH", "không thuộc các biểu phải nộp năm 2023 theo kế hoạch.")]
    assert {t.record()["timeliness"] for t in ys.stray} == {NOT_OWED}


def test_plan_update_names_the_values_a_merger_leaves_uncounted(second_plan, tmp_path, capsys):
    from templates.forms.sample import make_sample_forms
    from workbook.consolidate import consolidate

    master = tmp_path / "so.xlsx"
    assert main(["init", "--plan", str(SECOND_PLAN), "--out", str(master)]) == 0
    consolidate(master, [make_sample_forms(second_plan, [2022], tmp_path / "hop-thu")[0].parent], second_plan)
    earlier = _variant(tmp_path, "until: 2022, successors: [HUYENA]}", "until: 2021, successors: [HUYENA]}")
    capsys.readouterr()
    assert main(["plan", "update", str(earlier), "--master", str(master)]) == 2
    said = " ".join(capsys.readouterr().err.split())
    stored = sum(1 for r in read_master(master, tables=("data",)).data if r.key[1:] == ("HUYENC", 2022))
    assert stored and (f"đơn vị Huyện Hòa Bình năm 2022: {stored} giá trị (Huyện Hòa Bình đã sáp nhập vào Huyện Đồng "
                       "Ẩm từ năm 2022: số liệu năm 2022 báo cáo trong biểu mẫu của Huyện Đồng Ẩm)") in said


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    """plan show → init → forms → (fill) → check → consolidate → status → attainment → report."""
    plan = load_plan(SECOND_PLAN)
    root = tmp_path_factory.mktemp("reorg")
    master, inbox = root / "so.xlsx", root / "hop-thu"
    inbox.mkdir()
    assert main(["init", "--plan", str(SECOND_PLAN), "--out", str(master)]) == 0
    for (year, agency, unit), inputs in FIGURES.items():
        typed = {code: dict(zip([i.key for i in plan.series_by_code(code).inputs], values))
                 for code, values in inputs.items()}
        fill_form(inbox / f"{year}_{agency}_{unit}.xlsx", plan, year, agency, unit, typed,
                  report_date=dt.date(year, 11, 20), narratives=NARRATIVES.get((year, agency, unit)))
    outputs = {}
    for argv in (["check", str(inbox), "--json"], ["consolidate", str(inbox), "--master", str(master)],
                 ["status", "--year", "2025", "--master", str(master)],
                 ["attainment", "--year", "2025", "--master", str(master)]):
        assert main([*argv, "--plan", str(SECOND_PLAN)]) == 0, argv
    for year in (2022, 2025):
        out = root / f"bao-cao-{year}"
        assert main(["report", "--year", str(year), "--master", str(master), "--plan", str(SECOND_PLAN),
                     "--format", "docx,html", "--out", str(out), "--no-charts"]) == 0
        outputs[year] = next(out.glob("*.docx"))
    return plan, master, outputs


def test_plan_show_lists_the_changes_and_who_leads_when(capsys):
    assert main(["plan", "show", "--plan", str(SECOND_PLAN), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    series = {s["code"]: s for s in doc["series"]}
    assert [(x["code"], x["from"], x["until"]) for x in series["A1"]["leads"]] == [
        ("SLDTBXH", 2021, 2024), ("SNV", 2025, 2030)]
    assert [(x["code"], x["from"], x["until"]) for x in series["B1"]["leads"]] == [
        ("SLDTBXH", 2021, 2024), ("SOYTE", 2025, 2030)]
    assert "Từ năm 2023, Huyện Hòa Bình sáp nhập vào Huyện Đồng Ẩm." in doc["changes"]
    assert "Các đơn vị cấp xã báo cáo từ năm 2025 (cấp mới)." in doc["changes"]
    assert doc["to_fill"] == []


def test_province_values_come_from_the_units_of_their_year(cycle):
    plan, master, _ = cycle
    province = {(o.code, o.year): o for o in active_observations(read_master(master), plan) if o.unit == "TOANTINH"}
    assert province[("A1", 2022)].value == pytest.approx((10 + 5 + 3) / (40 + 20 + 10) * 100)  # three districts
    assert province[("A1", 2023)].value == pytest.approx((12 + 6) / (45 + 20) * 100)  # Hòa Bình merged
    assert province[("A1", 2025)].value == pytest.approx((7 + 4 + 9) / (20 + 10 + 30) * 100)  # communes
    waiting = province[("C1", 2025)]
    assert waiting.value is None
    assert "2/3 đơn vị cấp xã" in waiting.note and "Phường Lạc Sơn" in waiting.note


def test_history_keeps_the_names_of_its_year(cycle):
    plan, master, _ = cycle
    rows = {r.key: r for r in read_master(master).data}
    assert rows[("A1", "HUYENC", 2022)].unit_name == "Huyện Hòa Bình"
    assert rows[("A1", "HUYENB", 2022)].unit_name == "Thị xã Lạc Sơn"
    assert rows[("A1", "HUYENA", 2022)].agency == "SLDTBXH"
    assert rows[("A1", "XADONGAM", 2025)].agency == "SNV"
    assert rows[("B1", "TOANTINH", 2025)].agency == "SOYTE"


def test_tracking_expects_only_the_agencies_and_units_of_each_year(cycle):
    _, master, _ = cycle
    tracked = read_master(master).submissions
    by_year = {}
    for r in tracked:
        by_year.setdefault(int(r["year"]), set()).add((r["agency"], r["unit_code"]))
    assert ("SLDTBXH", "HUYENC") in by_year[2022] and ("SLDTBXH", "HUYENC") not in by_year[2023]
    assert {a for a, _ in by_year[2025]} == {"SNV", "SOYTE", "SOVH"}
    assert not {u for _, u in by_year[2025]} & {"HUYENA", "HUYENB", "HUYENC"}
    names = {(int(r["year"]), r["agency"], r["unit_code"]): r for r in tracked}
    assert names[(2025, "SNV", "XADONGAM")]["agency_name"] == "Sở Nội vụ"
    assert names[(2025, "SNV", "XADONGAM")]["submitted"] == "Có"
    assert names[(2025, "SOYTE", "PHUONGLACSON")]["submitted"] == "Chưa"
    assert names[(2022, "SLDTBXH", "HUYENB")]["unit_name"] == "Thị xã Lạc Sơn"


def test_chi_tieu_shows_who_leads_now_and_who_led_before(cycle):
    plan, master, _ = cycle
    rows = {r["code"]: r for r in read_catalogue(master, plan)}
    assert rows["A1"]["lead"] == "Sở Nội vụ (từ năm 2025)"
    assert rows["A1"]["former_lead"] == "Sở Lao động - Thương binh và Xã hội (2021–2024)"
    assert rows["B1"]["lead"] == "Sở Y tế (từ năm 2025)"
    assert rows["C1"]["lead"] == "Sở Y tế" and not rows["C1"]["former_lead"]


def test_reports_name_the_agency_of_their_year_and_the_former_one(cycle):
    plan, _, reports = cycle
    before, after = ("\n".join(docx_text(reports[y])) for y in (2022, 2025))
    assert "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" in before and "Sở Nội vụ" not in before
    assert "SỞ NỘI VỤ" in after and "/BC-SNV" in after
    assert "Sở Nội vụ báo cáo kết quả thực hiện năm 2025" in after
    assert "Sở Nội vụ (trước năm 2025: Sở LĐTBXH)" in after  # the annex's lead of A1
    assert "Sở Y tế (trước năm 2025: Sở LĐTBXH)" in after  # B1
    assert "Đã tập huấn cho nữ cán bộ cấp xã (Sở Nội vụ (Phường Lạc Sơn))." in after  # a commune's narrative


# --- the shipped starting plan 2021–2030 ----------------------------------------------------------

STARTER = "khung-tinh-2021-2030.yaml"
FILLED = {  # placeholder → the province's own value
    "tinh-bdg-2021-2030": "thai-nguyen-bdg-2021-2030",
    "(tên tỉnh)": "Thái Nguyên", "(TÊN TỈNH)": "THÁI NGUYÊN", "(số)/QĐ-UBND": "3021/QĐ-UBND",
    "2021-12-31": "2021-11-25", "(Địa danh)": "Thái Nguyên",
    "(Huyện, thị xã, thành phố thứ nhất)": "Huyện Đại Từ", "(Huyện, thị xã, thành phố thứ hai)": "Thành phố Sông Công",
    "(Xã, phường thứ nhất)": "Xã Đại Từ", "(Xã, phường thứ hai)": "Phường Sông Công",
    "value: !can_dien ~": "value: 12.5", '"(nguồn số liệu gốc của tỉnh)"': "Báo cáo năm 2020",
}


def test_the_starting_plan_loads_and_says_what_remains_to_fill(capsys, tmp_path):
    from bdg.plan_loader import bundled_plan_path

    path = bundled_plan_path(STARTER)
    plan = load_plan(path)
    fields = {i.field for i in plan.to_fill}
    assert {"id", "province", "decision.number", "decision.date", "units[XA1].name",
            "series[4.1].baseline.value"} <= fields
    assert plan.decision.date == dt.date(2021, 12, 31)  # the tag leaves the placeholder's type alone
    assert main(["plan", "show", "--plan", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"còn {len(plan.to_fill)} giá trị tỉnh phải tự điền" in err and "decision.number" in err
    assert main(["init", "--plan", str(path), "--out", str(tmp_path / "thu.xlsx")]) == 0  # a try-out still works
    assert "phải tự điền" in capsys.readouterr().err
    # every target carries its source; agencies of 2025 on are those of the home-affairs sector
    assert all(s.note and "28/NQ-CP" in s.note for s in plan.series)
    assert plan.agency_in(plan.coordinator, 2024).code == "SLDTBXH"
    assert plan.agency_in(plan.coordinator, 2025).code == "SNV"
    assert {plan.lead_in(s, 2025) for s in plan.series}.isdisjoint({"SLDTBXH", "SKHDT"})


def test_the_starting_plan_has_the_strategys_six_objectives_with_their_milestones():
    from bdg.plan_loader import bundled_plan_path

    plan = load_plan(bundled_plan_path(STARTER))
    assert [(o.number, o.title) for o in plan.objectives][-1] == (6, "Trong lĩnh vực thông tin, truyền thông")
    assert [o.number for o in plan.objectives] == [1, 2, 3, 4, 5, 6]
    assert all(plan.series_of(o.number) for o in plan.objectives)
    sixth = plan.series_of(6)
    assert [s.code for s in sixth] == ["6.1"]
    for s in sixth:
        assert {m: s.target(m).value for m in plan.milestones} == {2025: 60, 2030: 80}
        assert s.direction.value == "at_least" and "Mục tiêu 6" in s.note
        assert plan.lead_in(s, 2024) == "SLDTBXH" and plan.lead_in(s, 2025) == "SNV"
        assert f"series[{s.code}].baseline.value" in {i.field for i in plan.to_fill}


def test_a_province_fills_the_starting_plan_and_runs_init_and_forms(tmp_path, capsys):
    from bdg.plan_loader import bundled_plan_path

    text = bundled_plan_path(STARTER).read_text(encoding="utf-8")
    for placeholder, value in FILLED.items():
        text = text.replace(placeholder, value)
    text = text.replace("!can_dien ", "")
    own = tmp_path / "ke-hoach-thai-nguyen.yaml"
    own.write_text(text, encoding="utf-8")
    plan = load_plan(own)
    assert plan.to_fill == () and plan.province == "Thái Nguyên"
    master = tmp_path / "so.xlsx"
    assert main(["init", "--plan", str(own), "--out", str(master)]) == 0
    assert main(["forms", "--year", "2024", "--plan", str(own), "--out", str(tmp_path / "2024")]) == 0
    assert main(["forms", "--year", "2025", "--plan", str(own), "--out", str(tmp_path / "2025")]) == 0
    assert "Cảnh báo" not in capsys.readouterr().err
    forms = {year: _forms_of(tmp_path / str(year)) for year in (2024, 2025)}
    assert ("SLDTBXH", "TINH") in forms[2024] and ("SYT", "HUYEN1") in forms[2024]
    assert {a for a, _ in forms[2025]} == {"SNV", "TK", "STC", "SYT", "SGDDT"}
    assert ("SYT", "XA1") in forms[2025] and not {u for _, u in forms[2025]} & {"HUYEN1", "HUYEN2"}
    cells = _texts(tmp_path / "2025" / "2025_SYT_XA2.xlsx")
    assert "Đơn vị báo cáo (địa bàn): Phường Sông Công" in cells
    rows = {r["code"]: r for r in read_catalogue(master, plan)}
    assert rows["3.4"]["lead"] == "Sở Y tế (từ năm 2025)"
    assert rows["3.4"]["former_lead"] == "Sở Lao động - Thương binh và Xã hội (2021–2024)"


# --- what a plan file may say about organisations ----------------------------------------------------

def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = SECOND_PLAN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "said"), [
    ("until: 2024, successor: SNV}", "until: 2024, successor: SNVV}",
     "cơ quan SLDTBXH: cơ quan kế nhiệm 'SNVV' không có trong agencies"),
    ("until: 2024, successor: SNV}", "until: 2024}",
     "chỉ tiêu A1: năm 2025 không có cơ quan chủ trì"),
    ("successors: [HUYENA]}", "successors: [HUYENX]}", "đơn vị HUYENC: đơn vị kế nhiệm 'HUYENX'"),
    ("lead_changes: [{year: 2025, agency: SOYTE}]", "lead_changes: [{year: 2025, agency: SOYTEE}]",
     "chỉ tiêu B1: lead_changes năm 2025: cơ quan 'SOYTEE'"),
    ("{code: SNV, name: \"Sở Nội vụ\", from: 2025}", "{code: SNV, name: \"Sở Nội vụ\", from: 2025, until: 2024}",
     "năm 'until' (2024) nhỏ hơn năm 'from' (2025)"),
])
def test_organisation_mistakes_are_named(tmp_path, old, new, said):
    from bdg.plan_loader import PlanFileError

    with pytest.raises(PlanFileError) as err:
        load_plan(_variant(tmp_path, old, new))
    assert said in str(err.value)


def test_a_plan_without_changes_behaves_as_before(plan):
    from bdg.organisation import changes

    for year in (plan.period.start, plan.period.end):
        assert plan.lead_agencies_in(year) == plan.lead_agencies
        assert plan.local_units(year) == plan.districts
        for a in plan.lead_agencies:
            assert plan.form_units(a.code, year) == plan.form_units(a.code)
    assert changes(plan) == ["Từ năm 2015, Thị xã Bắc Kạn đổi tên thành Thành phố Bắc Kạn."]
    assert plan.to_fill == ()
