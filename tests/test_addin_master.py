"""The master's buttons (Tính mức đạt, Xuất báo cáo, Tạo biểu mẫu) through the remote engine."""

from __future__ import annotations

import shutil

import pytest
from python_calamine import CalamineWorkbook

from addin import control, macros
from addin.control import RESULT_TITLE, SHEET
from addin_helpers import make_master_with_data, replay_to, run_macro, set_control
from bdg.attainment import STATUS_LABELS
from workbook.layout import ASSESSMENT
from workbook.state import read_master


@pytest.fixture(scope="module")
def master(plan, tmp_path_factory):
    return make_master_with_data(plan, tmp_path_factory.mktemp("master") / "master.xlsx")


def _copy(src, dst):
    shutil.copy(src, dst)
    return dst


def _result_lines(run) -> list[str]:
    return [r[0] for r in run.written(SHEET) if r and isinstance(r[0], str)]


def test_attainment_refreshes_the_master_file_named_in_the_settings(plan, master, tmp_path):
    work = _copy(master, tmp_path / "so-tong-hop.xlsx")
    panel = set_control(_copy(master, tmp_path / "panel.xlsx"), {"master": work, "year": 2013})
    run = run_macro(macros.attainment, panel)
    assert run.outcome.ok, run.outcome.text
    table = read_master(work).assessment
    assert {r["year"] for r in table} == set(plan.period.years)
    assert len(table) == len(plan.series) * len(plan.period.years)  # province level for every series
    lines = _result_lines(run)
    assert any(line.startswith("Tính mức đạt") for line in lines)
    assert any(str(work) in line for line in lines)
    counts = [line for line in lines if line.startswith("- ")]
    assert [c.split(":")[0][2:] for c in counts] == list(STATUS_LABELS.values())
    assert "Năm 2013" in run.alerts()[0]


def test_attainment_without_a_file_computes_in_the_open_workbook(plan, master, tmp_path):
    reference = _copy(master, tmp_path / "reference.xlsx")
    from workbook.attainment_update import refresh_assessment

    refresh_assessment(reference, plan)
    expected = [(r["code"], r["unit_code"], int(r["year"]), r["status"]) for r in read_master(reference).assessment]
    run = run_macro(macros.attainment, master)  # no settings sheet, no file: the values only
    assert run.outcome.ok, run.outcome.text
    rows = run.written(ASSESSMENT.name)
    header = rows.index([c.header for c in ASSESSMENT.columns])
    keys = ASSESSMENT.keys
    got = [(r[keys.index("code")], r[keys.index("unit_code")], int(r[keys.index("year")]), r[keys.index("status")])
           for r in rows[header + 1:]]
    assert got == expected
    # the result sheet is created with its settings and the outcome under the result title
    written = run.written(SHEET)
    assert [s.label for s in control.SETTINGS] == [r[0] for r in written[3:3 + len(control.SETTINGS)]]
    assert [RESULT_TITLE] == [r[0] for r in written if r and r[0] == RESULT_TITLE]


@pytest.mark.office
def test_in_book_attainment_replayed_opens_in_libreoffice(master, soffice, tmp_path):
    run = run_macro(macros.attainment, master)
    replay_to(run, master, tmp_path / "replayed.xlsx")
    (converted,) = soffice.convert([tmp_path / "replayed.xlsx"], "xlsx", tmp_path / "lo")
    wb = CalamineWorkbook.from_path(str(converted))
    assert SHEET in wb.sheet_names
    rows = wb.get_sheet_by_name(ASSESSMENT.name).to_python()
    statuses = {r[ASSESSMENT.keys.index("status")] for r in rows[ASSESSMENT.header_row:]}
    assert statuses <= set(STATUS_LABELS.values()) and len(statuses) > 1
    panel = wb.get_sheet_by_name(SHEET).to_python()
    assert any(r and str(r[0]).startswith("Tính mức đạt") for r in panel)


def test_attainment_on_a_workbook_without_data_says_what_to_open(plan, tmp_path):
    from addin_helpers import make_good_form

    form = make_good_form(plan, tmp_path / "form.xlsx")
    run = run_macro(macros.attainment, form)
    assert run.outcome.failed
    assert "không có trang 'Số liệu'" in run.alerts()[0]


def test_a_bad_year_setting_names_its_cell(master, tmp_path):
    panel = set_control(_copy(master, tmp_path / "panel.xlsx"), {"year": "năm nay"})
    run = run_macro(macros.attainment, panel)
    assert run.outcome.failed
    message = run.alerts()[0]
    row = 4 + [s.key for s in control.SETTINGS].index("year")
    assert f"ô B{row}" in message and "Bảng điều khiển" in message and "năm nay" in message


def test_make_forms_writes_the_years_forms_where_the_settings_say(plan, master, tmp_path):
    out = tmp_path / "ket-qua"
    panel = set_control(_copy(master, tmp_path / "panel.xlsx"), {"year": 2014, "out": out, "agency": "SNV"})
    run = run_macro(macros.make_forms, panel)
    assert run.outcome.ok, run.outcome.text
    made = sorted((out / "bieu-mau-2014").glob("*.xlsx"))
    assert len(made) == len(plan.form_units("SNV"))
    assert all(p.name.startswith("2014_SNV_") for p in made)
    assert any(f"Đã tạo {len(made)} biểu mẫu năm 2014" in line for line in _result_lines(run))


def test_make_forms_refuses_a_year_outside_the_plan(master, tmp_path):
    panel = set_control(_copy(master, tmp_path / "panel.xlsx"), {"year": 2030, "out": tmp_path})
    run = run_macro(macros.make_forms, panel)
    assert run.outcome.failed and "2030" in run.alerts()[0] and "ngoài giai đoạn" in run.alerts()[0]
    assert not (tmp_path / "bieu-mau-2030").exists() or not any((tmp_path / "bieu-mau-2030").iterdir())


def test_report_asks_for_the_year_first(master, tmp_path):
    panel = set_control(_copy(master, tmp_path / "panel.xlsx"), {"master": master})
    run = run_macro(macros.report, panel)
    assert run.outcome.failed
    assert "Chưa có năm báo cáo" in run.alerts()[0] and "ô B6" in run.alerts()[0]


@pytest.mark.office
def test_report_is_written_for_the_year_in_the_settings(plan, master, soffice, tmp_path):
    work = _copy(master, tmp_path / "so.xlsx")
    out = tmp_path / "bao-cao"
    panel = set_control(_copy(master, tmp_path / "panel.xlsx"), {"master": work, "year": 2013, "out": out})
    run = run_macro(macros.report, panel)
    assert run.outcome.ok, run.outcome.text
    made = {p.suffix for p in out.iterdir()}
    assert {".docx", ".html", ".pdf"} <= made
    assert any(str(out) in line for line in _result_lines(run))


def test_file_buttons_need_a_master_path_under_the_remote_engine(master):
    run = run_macro(macros.report, master)  # no settings sheet: where is the master file?
    assert run.outcome.failed
    assert "Chưa biết sổ tổng hợp ở đâu" in run.alerts()[0]


def test_consolidate_imports_the_inbox_into_the_master_in_the_settings(plan, tmp_path):
    from addin_helpers import make_good_form
    from workbook.master import create_master

    work = tmp_path / "so.xlsx"
    create_master(plan, work)
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    make_good_form(plan, inbox / "2013_LDTBXH_TINH.xlsx")
    make_good_form(plan, inbox / "2013_BTCTU_TINH.xlsx", agency="BTCTU")
    panel = set_control(_copy(work, tmp_path / "panel.xlsx"), {"master": work, "inbox": inbox})
    run = run_macro(macros.consolidate, panel)
    assert run.outcome.ok, run.outcome.text
    state = read_master(work)
    assert {r.agency for r in state.data} == {"LDTBXH", "BTCTU"}
    assert len(state.log) == 2
    lines = _result_lines(run)
    assert any(line.startswith("Tổng cộng 2 tệp") for line in lines)  # the summary `bdg consolidate` prints
    imported = len(state.data)
    assert any(f"Tổng cộng 2 tệp: nhập mới {imported}," in line for line in lines)
    assert any(line.startswith("Đã ghi sổ tổng hợp:") for line in lines)
    again = run_macro(macros.consolidate, panel)  # the same files again change nothing
    assert any("Tổng cộng 2 tệp: nhập mới 0," in line for line in _result_lines(again))
    assert len(read_master(work).data) == imported


def test_consolidate_reports_rejected_values_file_by_file(plan, tmp_path):
    from addin_helpers import make_bad_form
    from workbook.master import create_master

    work = tmp_path / "so.xlsx"
    create_master(plan, work)
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    make_bad_form(plan, inbox / "2013_LDTBXH_TINH.xlsx")
    panel = set_control(_copy(work, tmp_path / "panel.xlsx"), {"master": work, "inbox": inbox})
    run = run_macro(macros.consolidate, panel)
    assert not run.outcome.ok and not run.outcome.failed
    lines = _result_lines(run)
    assert any("bị từ chối 2 giá trị" in line for line in lines)
    assert any("'khoảng 12' không phải là số" in line for line in lines)
    alert = run.alerts()[0]
    assert alert.startswith("Tổng hợp") and "Traceback" not in alert


def test_consolidate_names_the_missing_inbox_setting(master, tmp_path):
    panel = set_control(_copy(master, tmp_path / "panel.xlsx"), {"master": master, "inbox": tmp_path / "khong-co"})
    run = run_macro(macros.consolidate, panel)
    assert run.outcome.failed
    row = 4 + [s.key for s in control.SETTINGS].index("inbox")
    assert "Không tìm thấy thư mục" in run.alerts()[0] and f"ô B{row}" in run.alerts()[0]


def test_consolidate_names_the_files_it_did_not_read(plan, tmp_path):
    from addin_helpers import make_good_form
    from inbox_files import tiny_pdf, xlsb_package
    from workbook.master import create_master

    work = tmp_path / "so.xlsx"
    create_master(plan, work)
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    make_good_form(plan, inbox / "2013_LDTBXH_TINH.xlsx")
    (inbox / "2013_SYT.xlsb").write_bytes(xlsb_package())
    (inbox / "cong-van.pdf").write_bytes(tiny_pdf())
    panel = set_control(_copy(work, tmp_path / "panel.xlsx"), {"master": work, "inbox": inbox})
    run = run_macro(macros.consolidate, panel)
    assert not run.outcome.ok and not run.outcome.failed  # imported, but two files were not read
    assert "có tệp bị bỏ qua" in run.alerts()[0]
    lines = "\n".join(_result_lines(run))
    assert "Bỏ qua 2 tệp" in lines and "Tệp '2013_SYT.xlsb' là sổ làm việc nhị phân của Excel (.xlsb)" in lines
    assert "Tệp 'cong-van.pdf' không phải bảng tính" in lines and "lưu lại dạng .xlsx (Tệp → Lưu thành" in lines
    assert {r.agency for r in read_master(work).data} == {"LDTBXH"}
