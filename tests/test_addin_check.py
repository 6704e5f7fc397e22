"""*Kiểm tra biểu mẫu* through xlwings' remote engine, on real generated forms."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from addin import bookio, macros
from addin.check import HEADER, NONE_FOUND, RESULT_SHEET
from addin_helpers import a1, fills_and_notes, make_bad_form, make_good_form, replay_to, run_macro
from templates.forms.formats import LOCKED_FILL
from templates.intake.problems import labelled
from templates.intake.read import read_form


@pytest.fixture(scope="module")
def forms(plan, tmp_path_factory):
    d = tmp_path_factory.mktemp("forms")
    return {"good": make_good_form(plan, d / "good.xlsx"), "bad": make_bad_form(plan, d / "bad.xlsx")}


def _marks(run, severity_fill):
    return [a1(a["start_row"], a["start_column"]) for a in run.of("setRangeColor")
            if a["args"][0] == severity_fill and a["sheet_position"] == run.sheet_index("Biểu mẫu")]


def test_good_form_says_there_is_nothing_to_fix(forms):
    run = run_macro(macros.check_form, forms["good"])
    assert run.outcome.ok
    assert run.of("addNote") == []
    assert _marks(run, bookio.ERROR_FILL) == [] and _marks(run, bookio.WARNING_FILL) == []
    written = run.written(RESULT_SHEET)
    assert [NONE_FOUND] == [r[0] for r in written if r and r[0] == NONE_FOUND]
    assert list(HEADER) in [r[:len(HEADER)] for r in written]
    assert "không có lỗi" in run.alerts()[0]


def test_bad_form_marks_exactly_the_cells_intake_reports(plan, forms):
    expected = read_form(forms["bad"], plan).problems  # the same checks, read from the file
    run = run_macro(macros.check_form, forms["bad"])
    assert not run.outcome.ok
    errors = sorted(p.cell for p in expected if p.severity == "error")
    warnings = sorted(p.cell for p in expected if p.severity == "warning")
    assert len(errors) == 2 and len(warnings) == 1
    assert sorted(_marks(run, bookio.ERROR_FILL)) == errors
    assert sorted(_marks(run, bookio.WARNING_FILL)) == warnings
    notes = {a["args"][0].replace("$", ""): a["args"][1] for a in run.of("addNote")}
    assert set(notes) == set(errors + warnings)
    for p in expected:
        assert p.message in notes[p.cell]
    # the result sheet lists every problem: cell (a link to it), code with its label, message
    rows = run.written(RESULT_SHEET)
    header = rows.index(list(HEADER))
    listed = [(r[2], r[4], r[5]) for r in rows[header + 1:]]
    assert listed == [(p.cell, labelled(p.code), p.message) for p in expected]
    alert = run.alerts()[0]
    assert "2 lỗi, 1 cảnh báo" in alert and "Traceback" not in alert


@pytest.mark.office
def test_marks_survive_in_the_file_a_person_opens(forms, soffice, tmp_path):
    runs = {k: run_macro(macros.check_form, p) for k, p in forms.items()}
    replayed = {k: tmp_path / f"{k}-checked.xlsx" for k in forms}
    for k, run in runs.items():
        replay_to(run, forms[k], replayed[k])
    converted = soffice.convert(list(replayed.values()), "xlsx", tmp_path / "lo")
    by_name = {p.stem: p for p in converted}
    bad = fills_and_notes(by_name["bad-checked"], "Biểu mẫu")
    for run_cell in _marks(runs["bad"], bookio.ERROR_FILL):
        fill, note = bad[run_cell]
        assert fill == bookio.ERROR_FILL.lstrip("#") and note.startswith("[Lỗi]")
    wb = CalamineWorkbook.from_path(str(by_name["bad-checked"]))
    assert RESULT_SHEET in wb.sheet_names
    result = wb.get_sheet_by_name(RESULT_SHEET).to_python()
    assert sum(1 for r in result if r and r[3] in ("Lỗi", "Cảnh báo")) == 3
    good = CalamineWorkbook.from_path(str(by_name["good-checked"])).get_sheet_by_name(RESULT_SHEET).to_python()
    assert any(NONE_FOUND in r for r in good)


def test_second_check_clears_the_earlier_marks(plan, forms, tmp_path):
    checked = tmp_path / "checked.xlsx"
    first = run_macro(macros.check_form, forms["bad"])
    replay_to(first, forms["bad"], checked)
    wb = load_workbook(checked)  # the clerk fixes the two errors and adds the report date
    ws = wb["Biểu mẫu"]
    for cell in _marks(first, bookio.ERROR_FILL):
        ws[cell].value = 10
    for cell in _marks(first, bookio.WARNING_FILL):
        ws[cell].value = "05/11/2013"
    wb.save(checked)
    second = run_macro(macros.check_form, checked)
    assert second.outcome.ok, second.outcome.text
    cleared = {a1(a["start_row"], a["start_column"]) for a in second.of("setRangeColor")
               if a["args"][0] is None and a["sheet_position"] == second.sheet_index("Biểu mẫu")}
    assert cleared == set(_marks(first, bookio.ERROR_FILL) + _marks(first, bookio.WARNING_FILL))
    assert {a["args"][0].replace("$", "") for a in second.of("deleteNote")} == cleared
    assert second.of("addSheet") == []  # the result sheet is reused
    assert "sheetClear" in [a["func"] for a in second.actions]
    final = tmp_path / "final.xlsx"
    replay_to(second, checked, final)
    assert fills_and_notes(final, "Biểu mẫu").keys().isdisjoint(cleared)


def test_unmarking_restores_grey_on_locked_cells_and_nothing_on_inputs(plan, forms):
    from addin.check import original_fill

    rows = CalamineWorkbook.from_path(str(forms["bad"])).get_sheet_by_name("Biểu mẫu").to_python(
        skip_empty_area=False)
    sub_cells = [p.cell for p in read_form(forms["bad"], plan).problems]
    assert all(original_fill(rows, c) is None for c in sub_cells)  # every problem cell is an input
    year_row = next(i for i, r in enumerate(rows) if "bdg:year" in r)
    value_col = next(i for i, v in enumerate(rows[0]) if v == "bdg:col:value")
    assert original_fill(rows, a1(year_row, value_col)) == LOCKED_FILL


def test_a_workbook_that_is_not_a_form_gets_a_clear_message(plan, tmp_path):
    from workbook.master import create_master

    master = tmp_path / "master.xlsx"
    create_master(plan, master)
    run = run_macro(macros.check_form, master)
    assert not run.outcome.ok
    assert "không phải" in run.outcome.text and "biểu mẫu" in run.outcome.text


def test_an_error_inside_the_macro_reaches_the_user_in_vietnamese(forms, monkeypatch, tmp_path):
    monkeypatch.setenv("BDG_PLAN", str(tmp_path / "khong-co.yaml"))
    run = run_macro(macros.check_form, forms["good"])
    assert run.outcome.failed
    alert = run.alerts()[0]
    assert "không thực hiện được" in alert and "Không tìm thấy tệp kế hoạch" in alert
    assert "Traceback" not in alert and "Error" not in alert
    assert run.written(RESULT_SHEET)[0][0].startswith("Kiểm tra biểu mẫu: không thực hiện được")


def test_generated_forms_let_excel_colour_and_annotate_cells(forms):
    """The form sheet is protected, but formatting cells and editing notes (objects) stay allowed."""
    import re

    with zipfile.ZipFile(forms["good"]) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    form = next(p for p in re.findall(r"<sheetProtection[^>]*>", xml) if 'insertRows="0"' in p)
    assert 'formatCells="0"' in form  # "0": not protected
    assert 'objects="1"' not in form  # absent: objects (notes) not protected
