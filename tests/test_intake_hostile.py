"""Files a hostile but realistic office sends: each class of failure is built here by code and
must end in a clear problem — never a crash, never a wrong value stored, never a value dropped silently."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import openpyxl.styles
import pytest

from bdg.numbers import fmt_number, fmt_plain, fmt_year
from templates import form_layout as L
from templates.intake.container import Limits
from templates.intake.read import check_paths, read_form
from templates.forms.sample import fill_form, sample_fill
from tests.forms_helpers import codes, edit, flat, input_cell, key_row, value_col

YEAR = 2014


def _form(plan, tmp_path, agency, unit, name="f.xlsx", inputs=None, **kw):
    fill = sample_fill(plan, YEAR, agency, unit)
    kw.setdefault("report_date", dt.date(YEAR, 11, 1))
    kw.setdefault("narratives", fill.narratives)
    return fill_form(tmp_path / name, plan, YEAR, agency, unit, {**fill.inputs, **(inputs or {})}, **kw)


@pytest.fixture()
def good(plan, tmp_path):
    return _form(plan, tmp_path, "SGDDT", plan.province_unit.code, "good.xlsx")


def _only(sub, code):
    found = [p for p in sub.problems if p.code == code]
    assert found, f"{code} not in {flat(sub)}"
    return found[0]


# --- 1. a value far outside the form ----------------------------------------------------------------
@pytest.mark.parametrize("far", ["XFD1048576", "J1048576", "XFD5000"])
def test_a_stray_value_far_away_refuses_the_sheet_by_name_and_cell(plan, tmp_path, good, far):
    def stray(wb):
        wb[L.FORM_SHEET][far] = "x"
    sub = read_form(edit(good, tmp_path / "stray.xlsx", stray), plan)
    p = _only(sub, "sheet-too-large")
    assert (p.severity, p.sheet) == ("error", L.FORM_SHEET) and not sub.readable
    assert far in p.message and L.FORM_SHEET in p.message and "stray.xlsx" in p.message


def test_a_stray_value_on_another_sheet_or_past_the_total_is_refused_too(plan, tmp_path, good):
    def stray(wb):
        wb.create_sheet("Nháp")["Z40000"] = 1
    sub = read_form(edit(good, tmp_path / "nhap.xlsx", stray), plan)
    assert _only(sub, "sheet-too-large").sheet == "Nháp"
    small = Limits(max_cells=500_000, max_total_cells=100)  # each sheet fits, all three do not
    assert codes(read_form(good, plan, limits=small)) == {"sheet-too-large"}


def test_a_sheet_stored_under_a_name_of_other_case_is_bounded_as_calamine_finds_it(plan, tmp_path, good):
    """python-calamine finds package members ignoring case: so must the bound, or the sheet escapes it."""
    def stray(wb):
        wb[L.FORM_SHEET]["J60000"] = "x"
    far = edit(good, tmp_path / "far.xlsx", stray)
    renamed = tmp_path / "hoa.xlsx"
    with zipfile.ZipFile(far) as src, zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename.replace("worksheets/sheet", "worksheets/Sheet"), src.read(info.filename))
    with zipfile.ZipFile(renamed) as z:
        assert "xl/worksheets/Sheet2.xml" in z.namelist() and b"Sheet2" not in z.read("xl/_rels/workbook.xml.rels")
    sub = read_form(renamed, plan)
    assert _only(sub, "sheet-too-large").sheet == L.FORM_SHEET and "J60000" in _only(sub, "sheet-too-large").message


def test_a_decoy_workbook_part_does_not_hide_the_sheet_calamine_reads(plan, tmp_path, good):
    """The root relationships may name another workbook part, listing small sheets, while
    python-calamine reads xl/workbook.xml and its sheets: both are bounded."""
    def stray(wb):
        wb[L.FORM_SHEET]["J60000"] = "x"
    far = edit(good, tmp_path / "far.xlsx", stray)
    decoy = tmp_path / "moi.xlsx"
    with zipfile.ZipFile(good) as small, zipfile.ZipFile(far) as src, \
            zipfile.ZipFile(decoy, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "_rels/.rels":
                body = body.replace(b"xl/workbook.xml", b"xl/moi.xml")
            dst.writestr(info.filename, body)
        dst.writestr("xl/moi.xml", src.read("xl/workbook.xml"))
        dst.writestr("xl/_rels/moi.xml.rels", src.read("xl/_rels/workbook.xml.rels").replace(b"/sheet", b"/nho"))
        for name in small.namelist():
            if name.startswith("xl/worksheets/sheet"):
                dst.writestr(name.replace("/sheet", "/nho"), small.read(name))
    assert codes(read_form(decoy, plan)) == {"sheet-too-large"}
    p = _only(read_form(decoy, plan), "sheet-too-large")
    assert p.sheet == L.FORM_SHEET and "J60000" in p.message


def test_a_data_range_within_bounds_is_read(plan, tmp_path, good):
    def far_note(wb):
        wb[L.FORM_SHEET]["J20000"] = "ghi chú để xa"
    sub = read_form(edit(good, tmp_path / "note.xlsx", far_note), plan)
    assert not sub.errors and sub.values == read_form(good, plan).values


def test_formatted_but_empty_cells_far_away_do_not_count(plan, tmp_path, good):
    def borders(wb):  # a clerk formats a long range: the cells are written, empty
        ws = wb[L.FORM_SHEET]
        for row in range(100, 60_000):
            ws.cell(row=row, column=20).font = openpyxl.styles.Font(bold=True)
    sub = read_form(edit(good, tmp_path / "ke.xlsx", borders), plan)
    assert not sub.errors and sub.values == read_form(good, plan).values


def test_an_ods_sheet_whose_rows_repeat_to_the_last_row_is_refused(plan, tmp_path):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Trang 1">'
        '<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'
        '</table:table-cell></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="1023"/>'
        '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
        '</table:table></office:spreadsheet></office:body></office:document-content>')
    path = tmp_path / "xa.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
        z.writestr("content.xml", content)
    p = _only(read_form(path, plan), "sheet-too-large")
    assert p.sheet == "Trang 1" and "AMJ1048576" in p.message


# --- 2. huge numbers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", [1e308, "1000000000000000000000000000", "1.000.000.000.001"])
def test_a_huge_count_is_refused_by_cell_and_the_rest_of_the_form_stands(plan, tmp_path, typed):
    s = plan.series_by_code("3.1")
    d = s.derivation
    path = _form(plan, tmp_path, s.lead, plan.province_unit.code, inputs={s.code: {d.numerator: typed,
                                                                                   d.denominator: 100}})
    sub = read_form(path, plan)
    ws = openpyxl.load_workbook(path)[L.FORM_SHEET]
    p = _only(sub, "number-too-large")
    assert (p.severity, p.series, p.cell) == ("error", s.code, input_cell(ws, s.code, d.numerator).coordinate)
    assert "1.000.000.000" in p.message and sub.readable
    others = {v.series for v in sub.values}
    assert s.code not in others and others == {x.code for x in plan.form_series(s.lead, "TINH")} - {s.code}


def test_formatting_a_number_never_raises_and_years_are_never_grouped():
    assert fmt_number(1e308).startswith("100.000.000") and fmt_number(10 ** 27) == "1" + ".000" * 9
    assert fmt_number(float("inf")) == "∞" and fmt_number(float("nan")) == "chưa có số liệu"
    assert fmt_number(10 ** 400).count(".") == 133
    assert (fmt_plain(1234.0), fmt_plain(1.234), fmt_plain(-0.5)) == ("1234", "1,234", "-0,5")
    assert (fmt_year(2015), fmt_year(2015.0), fmt_year("2015")) == ("2015", "2015", "2015")


def test_year_messages_show_the_year_as_written(plan, tmp_path, good):
    sub = read_form(good, plan, year=2015)
    p = _only(sub, "wrong-year")
    assert "năm 2014" in p.message and "năm 2015" in p.message and "2.01" not in p.message


# --- 3. ambiguous numbers say which reading was taken ---------------------------------------------------
def test_ambiguous_separator_says_which_reading_was_taken(plan, tmp_path):
    s = plan.series_by_code("6.1")  # hours: decimal inputs
    keys = [i.key for i in s.inputs]
    path = _form(plan, tmp_path, s.lead, plan.province_unit.code,
                 inputs={s.code: {keys[0]: "1.234", keys[1]: "1,234"}})
    found = {p.cell: p.message for p in read_form(path, plan).problems if p.code == "ambiguous-separator"}
    messages = sorted(found.values())
    assert any("đã đọc là 1234 (dấu chấm phân cách hàng nghìn)" in m for m in messages)
    assert any("đã đọc là 1,234 (dấu phẩy là dấu thập phân)" in m for m in messages)


# --- 4. wrong values stored silently -------------------------------------------------------------------
def test_a_copied_form_sheet_is_an_error_naming_both_sheets(plan, tmp_path, good):
    def copy(wb):
        twin = wb.copy_worksheet(wb[L.FORM_SHEET])
        twin.title = "Biểu mẫu (2)"
    sub = read_form(edit(good, tmp_path / "hai-trang.xlsx", copy), plan)
    p = _only(sub, "several-form-sheets")
    assert "'Biểu mẫu'" in p.message and "'Biểu mẫu (2)'" in p.message and not sub.values


def test_a_retyped_unit_heading_is_an_error_saying_which_differs(plan, tmp_path):
    s = plan.series_by_code("1.1a")
    own, other = plan.districts[0], plan.districts[1]
    path = _form(plan, tmp_path, s.lead, own.code, "huyen.xlsx")

    def retype(wb):
        ws = wb[L.FORM_SHEET]
        row = key_row(ws, L.UNIT_KEY)
        ws.cell(row=row, column=2).value = f"Đơn vị báo cáo (địa bàn): {other.name}"
    sub = read_form(edit(path, tmp_path / "sua.xlsx", retype), plan)
    p = _only(sub, "identity-mismatch")
    assert other.name in p.message and own.name in p.message and "đơn vị báo cáo" in p.message
    assert not sub.values and p.cell == f"B{key_row(openpyxl.load_workbook(path)[L.FORM_SHEET], L.UNIT_KEY)}"

    def plain(wb):  # the same unit written without diacritics, or without "Huyện", still agrees
        ws = wb[L.FORM_SHEET]
        bare = unicodedata.normalize("NFD", own.name.replace("Huyện ", ""))
        ws.cell(row=key_row(ws, L.UNIT_KEY), column=2).value = f"Địa bàn: {bare.upper()}"
    assert "identity-mismatch" not in codes(read_form(edit(path, tmp_path / "ok.xlsx", plain), plan))


def test_women_and_men_must_add_up_to_the_total(plan, tmp_path):
    s = plan.series_by_code("2.1")
    path = _form(plan, tmp_path, s.lead, plan.districts[0].code,
                 inputs={s.code: {"women": 40, "men": 50, "total": 100}})
    sub = read_form(path, plan)
    ws = openpyxl.load_workbook(path)[L.FORM_SHEET]
    p = _only(sub, "parts-do-not-add-up")
    assert (p.severity, p.cell) == ("error", input_cell(ws, s.code, "total").coordinate)
    assert "90" in p.message and "100" in p.message and s.code not in {v.series for v in sub.values}
    fine = _form(plan, tmp_path, s.lead, plan.districts[0].code, "ok.xlsx",
                 inputs={s.code: {"women": 40, "men": 60, "total": 100}})
    assert s.code in {v.series for v in read_form(fine, plan).values}


def test_an_impossible_derived_share_is_flagged_at_the_value_cell(plan, tmp_path):
    s = plan.series_by_code("3.1")
    d = s.derivation
    path = _form(plan, tmp_path, s.lead, plan.province_unit.code, inputs={s.code: {d.numerator: 4658.5 * 0 + 4659,
                                                                                   d.denominator: 1000}})
    sub = read_form(path, plan)
    ws = openpyxl.load_workbook(path)[L.FORM_SHEET]
    p = _only(sub, "impossible-value")
    assert p.cell == ws.cell(row=key_row(ws, L.series_key(s.code)), column=value_col(ws)).coordinate
    assert "465,9%" in p.message and p.severity == "error"


# --- 5. valid values lost silently ---------------------------------------------------------------------
@pytest.mark.parametrize("formula", ["=40+2", "=1/0"])
def test_a_formula_saved_without_its_result_is_named_not_read_as_empty(plan, tmp_path, good, formula):
    s = plan.series_by_code("3.1")
    d = s.derivation

    def script(wb):  # what a script or exporter writes: the formula, no cached value
        input_cell(wb[L.FORM_SHEET], s.code, d.numerator).value = formula
    sub = read_form(edit(good, tmp_path / "script.xlsx", script), plan)
    p = _only(sub, "uncached-formula")
    assert p.series == s.code and "Excel hoặc LibreOffice" in p.message and "lưu lại" in p.message
    assert "missing-value" not in {q.code for q in sub.problems if q.series == s.code}
    assert s.code not in {v.series for v in sub.values}


def test_a_narrative_longer_than_a_cell_is_kept_whole_with_a_warning(plan, tmp_path):
    text = "Kết quả nổi bật & khó khăn. " * 1500  # 42.000 characters: only a script writes that
    s = plan.series_by_code("3.1")
    path = _form(plan, tmp_path, s.lead, plan.province_unit.code, narratives={(s.objective, "results"): "@@DAI@@"})
    long = tmp_path / "dai.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(long, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                body = body.replace(b"@@DAI@@", escape(text).encode())
            dst.writestr(info, body)
    sub = read_form(long, plan)
    narrative = next(n for n in sub.narratives if n.objective == s.objective and n.kind == "results")
    assert narrative.text == text.strip()
    p = _only(sub, "long-narrative")
    assert (p.severity, p.cell) == ("warning", narrative.cell) and "32.767" in p.message and "41.999" in p.message
    assert "giữ trọn văn bản" in p.message


# --- 6. messages -----------------------------------------------------------------------------------------
def test_a_choice_typed_with_combining_diacritics_is_accepted(plan, tmp_path):
    s = plan.series_by_code("7.3")
    choice = s.inputs[0].choices[1]
    decomposed = unicodedata.normalize("NFD", choice)
    assert decomposed != choice
    path = _form(plan, tmp_path, s.lead, plan.province_unit.code, inputs={s.code: {s.inputs[0].key: decomposed}})
    sub = read_form(path, plan)
    assert "invalid-choice" not in codes(sub)
    assert next(v for v in sub.values if v.series == s.code).value == choice


def test_random_binary_is_called_not_a_spreadsheet(plan, tmp_path):
    path = tmp_path / "rac.xlsx"
    path.write_bytes(bytes(range(256)) * 8 + os.urandom(4096))
    p = _only(read_form(path, plan), "not-a-spreadsheet")
    assert "nhị phân" in p.message and "văn bản" not in p.message


def test_a_folder_with_every_kind_of_bad_file_reports_each_and_reads_the_good_one(plan, tmp_path, good):
    def stray(wb):
        wb[L.FORM_SHEET]["XFD1048576"] = 1
    edit(good, tmp_path / "xa.xlsx", stray)
    (tmp_path / "rac.xlsx").write_bytes(os.urandom(3000))
    subs = {os.path.basename(s.path): s for s in check_paths([tmp_path], plan)}
    assert codes(subs["xa.xlsx"]) == {"sheet-too-large"} and codes(subs["rac.xlsx"]) == {"not-a-spreadsheet"}
    assert subs["good.xlsx"].values and not subs["good.xlsx"].errors


# --- the other formats, as LibreOffice writes them ------------------------------------------------------
@pytest.mark.office
def test_xls_and_ods_from_libreoffice_bound_their_sheets_and_read_text_numbers_quietly(plan, tmp_path, soffice):
    s = plan.series_by_code("3.1")
    d = s.derivation
    typed = _form(plan, tmp_path, s.lead, plan.province_unit.code, "chu.xlsx",
                  inputs={s.code: {d.numerator: "85", d.denominator: "100"}})  # numbers typed as text

    def stray(wb):
        wb[L.FORM_SHEET]["IV65536"] = "x"  # the last cell of an .xls sheet
    far = edit(typed, tmp_path / "xa.xlsx", stray)
    xls = soffice.convert([typed, far], "xls", tmp_path / "xls")
    ods = soffice.convert([far], "ods", tmp_path / "ods")
    sub = read_form(xls[0], plan)
    assert not sub.errors and "formula-mismatch" not in codes(sub)
    assert next(v for v in sub.values if v.series == s.code).value == 85.0
    for path in (xls[1], ods[0]):
        p = _only(read_form(path, plan), "sheet-too-large")
        assert (p.sheet, "IV65536" in p.message) == (L.FORM_SHEET, True)


def test_metadata_changed_to_another_unit_is_named_not_reported_as_deleted_rows(plan, tmp_path):
    s = plan.series_by_code("1.1a")
    own, other = plan.districts[0], plan.districts[1]
    path = _form(plan, tmp_path, s.lead, own.code, "huyen.xlsx")

    def meta(wb):
        ws = wb[L.META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == L.META_UNIT:
                row[1].value = other.code
    sub = read_form(edit(path, tmp_path / "meta.xlsx", meta), plan)
    assert codes(sub) == {"identity-mismatch"} and own.name in sub.problems[0].message
