"""Round trips through LibreOffice headless (which recalculates formulas that have no cached value):
the derived values LibreOffice computes equal what intake derives; validation and protection
survive; the same forms saved as .xls and .ods pass intake with the same values."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import python_calamine as pc

from templates import form_layout as L
from templates.forms.generate import Formula
from templates.intake.read import read_form
from templates.forms.sample import fill_form, sample_fill
from tests.forms_helpers import key_row, value_col

pytestmark = pytest.mark.office
YEAR = 2017


@pytest.fixture(scope="module")
def converted(tmp_path_factory, plan, soffice):
    """Three filled forms (one with an error value typed in), each converted to xlsx, xls and ods."""
    src = tmp_path_factory.mktemp("lo-src")
    out = tmp_path_factory.mktemp("lo-out")
    forms = []
    for agency in [a.code for a in plan.lead_agencies][:2]:
        unit = plan.form_units(agency)[0].code
        fill = sample_fill(plan, YEAR, agency, unit)
        forms.append(fill_form(src / L.file_name(YEAR, agency, unit), plan, YEAR, agency, unit, fill.inputs,
                               report_date=dt.date(YEAR, 11, 6), narratives=fill.narratives, cached={
                                   code: "" for code in fill.inputs}))  # like openpyxl: no cached results
    s = next(x for x in plan.series if x.derivation.kind == "share" and x.percent and not x.by_district)
    d = s.derivation
    broken = fill_form(src / "loi.xlsx", plan, YEAR, s.lead, plan.province_unit.code,
                       {s.code: {d.numerator: Formula("=1/0", ""), d.denominator: 10}}, report_date="06/11/2017")
    sources = [*forms, broken]
    results = {ext: soffice.convert(sources, ext, out / ext) for ext in ("xlsx", "xls", "ods")}
    return sources, results, s


def test_libreoffice_computes_what_intake_derives(plan, converted):
    sources, results, _ = converted
    for src, recalculated in zip(sources[:-1], results["xlsx"][:-1]):
        mine = {v.series: v.value for v in read_form(src, plan).values}
        rows = pc.CalamineWorkbook.from_path(recalculated).get_sheet_by_name(L.FORM_SHEET).to_python(
            skip_empty_area=False)
        ws = openpyxl.load_workbook(src)[L.FORM_SHEET]
        col = value_col(ws) - 1
        computed = {code: rows[key_row(ws, L.series_key(code)) - 1][col] for code in mine}
        assert computed.keys() == mine.keys() and mine
        for code, value in mine.items():
            if isinstance(value, str):
                assert computed[code] == value
            else:
                assert computed[code] == pytest.approx(value, rel=1e-12)
        again = read_form(recalculated, plan)  # now with cached results: they must agree
        assert not again.errors and "formula-mismatch" not in {p.code for p in again.problems}


def test_validation_and_protection_survive(plan, converted):
    _, results, _ = converted
    wb = openpyxl.load_workbook(results["xlsx"][0])
    ws = wb[L.FORM_SHEET]
    assert ws.protection.sheet
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"whole", "date"} <= kinds
    prompts = " ".join(dv.prompt or "" for dv in ws.data_validations.dataValidation)
    assert "số nguyên không âm" in prompts
    cell = ws.cell(row=key_row(ws, L.REPORT_DATE_KEY), column=value_col(ws))
    assert cell.protection.locked is False
    assert wb[L.META_SHEET].sheet_state in ("hidden", "veryHidden")


@pytest.mark.parametrize("ext", ["xls", "ods"])
def test_xls_and_ods_pass_with_the_same_values(plan, converted, ext):
    sources, results, s = converted
    for src, other in zip(sources[:-1], results[ext][:-1]):
        mine, theirs = read_form(src, plan), read_form(other, plan)
        assert theirs.readable
        assert [(v.series, v.value, v.inputs) for v in theirs.values] == \
            [(v.series, pytest.approx(v.value) if isinstance(v.value, float) else v.value, v.inputs)
             for v in mine.values]
        assert theirs.meta.report_date == mine.meta.report_date
        assert {(n.objective, n.kind, n.text) for n in theirs.narratives} == \
            {(n.objective, n.kind, n.text) for n in mine.narratives}
    broken = read_form(results[ext][-1], plan)
    expected = "excel-error" if ext == "ods" else "missing-value"  # .xls error cells read as empty
    assert expected in {p.code for p in broken.problems if p.series == s.code}
