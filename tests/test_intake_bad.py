"""Every kind of bad input becomes a clean Problem (never an exception); each bad file is built here."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

from bdg.plan import Series
from templates import form_layout as L
from templates.intake.container import Limits
from templates.forms.generate import Formula
from templates.intake.read import read_form
from templates.forms.sample import fill_form, sample_fill
from tests.forms_helpers import codes, edit, flat, input_cell, key_row, value_col

YEAR = 2014


def _share(plan, *, percent=True):
    return next(s for s in plan.series if s.derivation.kind == "share" and s.percent == percent and not s.by_district)


def _form(plan, tmp_path, s, inputs, name="f.xlsx", **kw):
    unit = plan.districts[0].code if s.by_district else plan.province_unit.code
    kw.setdefault("report_date", dt.date(YEAR, 11, 1))
    return fill_form(tmp_path / name, plan, YEAR, s.lead, unit, {s.code: inputs}, **kw)


def _only(sub, code):
    found = [p for p in sub.problems if p.code == code]
    assert found, f"{code} not in {flat(sub)}"
    return found[0]


@pytest.fixture()
def good(plan, tmp_path):
    agency = plan.lead_agencies[0].code
    unit = plan.province_unit.code
    fill = sample_fill(plan, YEAR, agency, unit)
    return fill_form(tmp_path / "good.xlsx", plan, YEAR, agency, unit, fill.inputs, report_date=dt.date(YEAR, 11, 3))


# --- the file ----------------------------------------------------------------------------------
@pytest.mark.parametrize("content, code", [
    (b"Ma chi tieu,Gia tri\n1.1a,22\n", "not-a-spreadsheet"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "not-a-spreadsheet"),
    (b"<html><table><tr><td>1</td></tr></table></html>", "not-a-spreadsheet"),
    (b"", "corrupt-file"),
])
def test_not_a_spreadsheet_or_empty(plan, tmp_path, content, code):
    path = tmp_path / "bieu.xlsx"
    path.write_bytes(content)
    sub = read_form(path, plan)
    assert flat(sub, "code", "severity") == [(code, "error")] and not sub.readable
    assert "bieu.xlsx" in sub.problems[0].message


def test_zip_that_is_not_a_workbook(plan, tmp_path):
    path = tmp_path / "van-ban.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert codes(read_form(path, plan)) == {"not-a-spreadsheet"}


def test_truncated_and_damaged_packages(plan, good, tmp_path):
    data = good.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    assert codes(read_form(cut, plan)) == {"corrupt-file"}
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            body = src.read(name)
            dst.writestr(name, body[:40] if name.startswith("xl/worksheets/") else body)
    sub = read_form(broken, plan)
    assert codes(sub) == {"corrupt-file"} and not sub.readable


def test_password_protected(plan, good, tmp_path):
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = tmp_path / "mat-khau.xlsx"
    with open(good, "rb") as plain, open(encrypted, "wb") as out:
        OOXMLFile(plain).encrypt("123456", out)
    assert msoffcrypto.olefile.isOleFile(str(encrypted))
    sub = read_form(encrypted, plan)
    assert flat(sub, "code", "severity") == [("password-protected", "error")]
    assert "mật khẩu" in sub.problems[0].message


def test_too_large_and_zip_bomb(plan, good, tmp_path):
    huge = tmp_path / "lon.xlsx"
    with open(huge, "wb") as f:
        f.truncate(Limits().max_bytes + 1)  # sparse: no real disk use
    assert codes(read_form(huge, plan)) == {"file-too-large"}
    assert codes(read_form(good, plan, limits=Limits(max_bytes=1000))) == {"file-too-large"}
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name))
        dst.writestr("xl/media/padding.bin", b"\0" * (12 * 1024 * 1024))
    assert bomb.stat().st_size < 200_000
    sub = read_form(bomb, plan, limits=Limits(max_unzipped=10 * 1024 * 1024))
    assert flat(sub, "code", "severity") == [("zip-bomb", "error")]
    assert codes(read_form(bomb, plan, limits=Limits(max_ratio=50))) == {"zip-bomb"}


def test_missing_file_and_folder_given_as_file(plan, tmp_path):
    assert codes(read_form(tmp_path / "khong-co.xlsx", plan)) == {"file-not-found"}
    assert codes(read_form(tmp_path, plan)) == {"cannot-read-file"}


# --- whose form ------------------------------------------------------------------------------------
def test_a_workbook_that_is_not_our_form(plan, tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Số liệu"
    wb.save(tmp_path / "khac.xlsx")
    assert codes(read_form(tmp_path / "khac.xlsx", plan)) == {"not-a-form"}


def test_another_plan_or_form_version(plan, good):
    other = plan.model_copy(update={"id": "ke-hoach-khac"})
    sub = read_form(good, other)
    assert flat(sub, "code", "value") == [("wrong-plan", plan.id)] and not sub.readable
    assert plan.id in sub.problems[0].message
    newer = plan.model_copy(update={"form_version": plan.form_version + 1})
    assert codes(read_form(good, newer)) == {"form-version-mismatch"}


def test_another_year_or_agency(plan, good, tmp_path):
    assert codes(read_form(good, plan, year=YEAR + 1)) == {"wrong-year"}
    assert read_form(good, plan, year=YEAR).readable
    other = next(a.code for a in plan.lead_agencies if a.code != plan.lead_agencies[0].code)
    assert codes(read_form(good, plan, agency=other)) == {"wrong-agency"}
    longer = plan.model_copy(update={"period": plan.period.model_copy(update={"end": plan.period.end + 5})})
    late = fill_form(tmp_path / "late.xlsx", longer, plan.period.end + 2, plan.lead_agencies[0].code,
                     plan.province_unit.code)
    assert codes(read_form(late, plan)) == {"year-outside-period"}


@pytest.mark.parametrize("key, value, code", [
    (L.META_AGENCY, "KHONGCO", "unknown-agency"),
    (L.META_UNIT, "HUYENKHAC", "unknown-unit"),
])
def test_edited_metadata(plan, good, tmp_path, key, value, code):
    def change(wb):
        ws = wb[L.META_SHEET]
        row = next(r for r in ws.iter_rows() if r[0].value == key)
        row[1].value = value

    sub = read_form(edit(good, tmp_path / "meta.xlsx", change), plan)
    assert codes(sub) == {code} and not sub.readable


def test_year_cell_changed_on_last_years_form(plan, good, tmp_path):
    def change(wb):
        ws = wb[L.FORM_SHEET]
        ws.cell(row=key_row(ws, L.YEAR_KEY), column=value_col(ws)).value = YEAR + 1

    sub = read_form(edit(good, tmp_path / "nam.xlsx", change), plan)
    assert flat(sub, "code", "cell", "value") == [("year-cell-mismatch", "H6", YEAR + 1)]
    assert not sub.values


def test_missing_form_sheet(plan, good, tmp_path):
    sub = read_form(edit(good, tmp_path / "thieu.xlsx", lambda wb: wb.remove(wb[L.FORM_SHEET])), plan)
    assert codes(sub) == {"missing-form-sheet"} and not sub.values and sub.meta is not None


# --- rows ---------------------------------------------------------------------------------------------
def test_deleted_key_row(plan, tmp_path):
    s = _share(plan)
    d = s.derivation
    path = _form(plan, tmp_path, s, {d.numerator: 5, d.denominator: 10})

    def delete(wb):
        ws = wb[L.FORM_SHEET]
        ws.delete_rows(key_row(ws, L.input_key(s.code, d.denominator)))

    sub = read_form(edit(path, tmp_path / "xoa.xlsx", delete), plan)
    problem = _only(sub, "missing-row")
    assert (problem.severity, problem.series) == ("error", s.code)
    assert s.code not in {v.series for v in sub.values}


def test_duplicate_series_rows(plan, tmp_path):
    s = _share(plan)
    d = s.derivation
    path = _form(plan, tmp_path, s, {d.numerator: 5, d.denominator: 10})

    def duplicate(wb):
        ws = wb[L.FORM_SHEET]
        ws.cell(row=ws.max_row + 2, column=1).value = L.input_key(s.code, d.numerator)
        ws.cell(row=ws.max_row, column=value_col(ws)).value = 7

    sub = read_form(edit(path, tmp_path / "trung.xlsx", duplicate), plan)
    assert _only(sub, "duplicate-row").series == s.code
    assert s.code not in {v.series for v in sub.values}


def test_row_of_another_agencys_series_is_ignored(plan, good, tmp_path):
    foreign = next(s for s in plan.series if s.lead != plan.lead_agencies[0].code)

    def add(wb):
        ws = wb[L.FORM_SHEET]
        ws.cell(row=ws.max_row + 2, column=1).value = L.series_key(foreign.code)

    sub = read_form(edit(good, tmp_path / "la.xlsx", add), plan)
    assert _only(sub, "unexpected-row").severity == "warning" and not sub.errors


# --- cells ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, code", [
    ("khoảng 120", "text-in-number-cell"),
    ("25%", "text-in-number-cell"),
    (-3, "negative-number"),
    ("12,5", "not-whole-number"),
    (12.5, "not-whole-number"),
    ("#DIV/0!", "excel-error"),
    ("#VALUE!", "excel-error"),
    (Formula("=#REF!+1", "#REF!"), "excel-error"),
    (Formula("=1/0", "#DIV/0!"), "excel-error"),
])
def test_bad_count_cells_reject_the_value(plan, tmp_path, typed, code):
    s = _share(plan)
    d = s.derivation
    sub = read_form(_form(plan, tmp_path, s, {d.numerator: typed, d.denominator: 200}), plan)
    problem = _only(sub, code)
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx")[L.FORM_SHEET]
    assert problem.cell == input_cell(ws, s.code, d.numerator).coordinate
    assert (problem.severity, problem.series, problem.sheet) == ("error", s.code, L.FORM_SHEET)
    assert s.code not in {v.series for v in sub.values}


@pytest.mark.parametrize("numerator, denominator, expected", [
    ("1.234", "2.000", 1234 / 2000 * 100),
    ("1.234", 2000, 1234 / 2000 * 100),
    ("1 234", "2 000", 1234 / 2000 * 100),
    ("1,234", "2,000", 1234 / 2000 * 100),
    (" 812 ", "1000", 81.2),
])
def test_counts_typed_as_text_in_either_convention(plan, tmp_path, numerator, denominator, expected):
    s = _share(plan)
    d = s.derivation
    sub = read_form(_form(plan, tmp_path, s, {d.numerator: numerator, d.denominator: denominator}), plan)
    value = next(v for v in sub.values if v.series == s.code)
    assert value.value == pytest.approx(expected) and not sub.errors


def test_numerator_greater_than_denominator(plan, tmp_path):
    s = _share(plan)
    d = s.derivation
    sub = read_form(_form(plan, tmp_path, s, {d.numerator: 300, d.denominator: 200}), plan)
    problem = _only(sub, "numerator-exceeds-denominator")
    assert problem.severity == "error" and problem.value == 300
    assert s.code not in {v.series for v in sub.values}
    ratio = next(x for x in plan.series if x.derivation.kind == "share" and not x.percent and x.derivation.scale == 100)
    d = ratio.derivation
    ok = read_form(_form(plan, tmp_path, ratio, {d.numerator: 112, d.denominator: 100}, name="r.xlsx"), plan)
    assert "numerator-exceeds-denominator" not in codes(ok)  # a sex ratio may exceed 100


def test_zero_denominator_counts_as_no_data(plan, tmp_path):
    s = _share(plan)
    d = s.derivation
    sub = read_form(_form(plan, tmp_path, s, {d.numerator: 0, d.denominator: 0}), plan)
    assert _only(sub, "zero-denominator").severity == "warning"
    assert next(v for v in sub.values if v.series == s.code).value is None


def test_missing_value_is_a_warning_and_no_data(plan, tmp_path):
    s = _share(plan)
    d = s.derivation
    sub = read_form(_form(plan, tmp_path, s, {d.numerator: 12}), plan)
    problem = _only(sub, "missing-value")
    assert problem.severity == "warning" and s.inputs[1].label in problem.message
    value = next(v for v in sub.values if v.series == s.code)
    assert value.value is None and value.flags == ("missing-value",)


def test_cached_formula_result_that_disagrees(plan, tmp_path):
    s = _share(plan)
    d = s.derivation
    sub = read_form(_form(plan, tmp_path, s, {d.numerator: 50, d.denominator: 200}, cached={s.code: 40}), plan)
    assert _only(sub, "formula-mismatch").severity == "warning"
    value = next(v for v in sub.values if v.series == s.code)
    assert value.value == 25.0 and "formula-mismatch" in value.flags
    agreed = read_form(_form(plan, tmp_path, s, {d.numerator: 50, d.denominator: 200}, name="ok.xlsx"), plan)
    assert "formula-mismatch" not in codes(agreed)


def test_invalid_choice(plan, tmp_path):
    s = next(x for x in plan.series if x.inputs[0].kind == "choice")
    key = s.inputs[0].key
    sub = read_form(_form(plan, tmp_path, s, {key: "Có lẽ"}), plan)
    assert _only(sub, "invalid-choice").severity == "error"
    ok = read_form(_form(plan, tmp_path, s, {key: f"  {s.inputs[0].choices[1].upper()} "}, name="ok.xlsx"), plan)
    assert next(v for v in ok.values if v.series == s.code).value == s.inputs[0].choices[1]


# --- a share typed directly in % --------------------------------------------------------------------
@pytest.fixture()
def percent_plan(plan):
    """The plan plus one series whose single input is itself a share in % (a decimal)."""
    agency = plan.lead_agencies[0].code
    extra = Series.model_validate({
        "code": "9.9", "objective": plan.objectives[-1].number, "target_no": 99, "name": "Tỷ lệ thử nghiệm",
        "unit": "%", "percent": True, "direction": "at_least", "lead": agency,
        "variants": [{"source": "text", "targets": {plan.milestones[-1]: {"value": 50}}}],
        "inputs": [{"key": "share", "label": "Tỷ lệ (%)", "kind": "decimal"}],
        "derivation": {"kind": "direct", "input": "share"}, "range": {"min": 0, "max": 100},
    })
    return plan.model_copy(update={"series": [*plan.series, extra]}), extra


@pytest.mark.parametrize("typed, expected, code", [
    ("22,33%", 22.33, None),
    ("22,33", 22.33, None),
    ("22.33", 22.33, None),
    (22.33, 22.33, None),
    (0.2233, 22.33, "ambiguous-percent"),
    ("0,2233", 22.33, "ambiguous-percent"),
    ("1.234,5", None, "share-over-100"),
    ("120%", None, "share-over-100"),
])
def test_percent_inputs(percent_plan, tmp_path, typed, expected, code):
    plan2, s = percent_plan
    sub = read_form(_form(plan2, tmp_path, s, {"share": typed}), plan2)
    found = {p.code for p in sub.problems if p.series == s.code}
    assert found == ({code} if code else set())
    values = {v.series: v.value for v in sub.values}
    if expected is None:
        assert s.code not in values
    else:
        assert values[s.code] == pytest.approx(expected)


def test_percent_fraction_outside_range_is_decided_without_flag(percent_plan, tmp_path):
    plan2, s = percent_plan
    narrow = s.model_copy(update={"range": s.range.model_copy(update={"min": 10.0})})
    plan3 = plan2.model_copy(update={"series": [*plan2.series[:-1], narrow]})
    sub = read_form(_form(plan3, tmp_path, narrow, {"share": 0.35}), plan3)
    assert next(v for v in sub.values if v.series == s.code).value == pytest.approx(35.0)
    assert not [p for p in sub.problems if p.series == s.code]


def test_nothing_raises_on_random_bytes(plan, tmp_path):
    import random

    rng = random.Random(7)
    for i, head in enumerate([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b""]):
        path = tmp_path / f"rac{i}.xls"
        path.write_bytes(head + bytes(rng.getrandbits(8) for _ in range(4096)))
        sub = read_form(path, plan)
        assert sub.problems and all(p.severity == "error" for p in sub.problems) and not sub.readable
