"""The generated agency forms: one per agency and unit, with validation, protection, formulas,
hidden metadata, print set-up and a guide — checked by opening the real .xlsx files."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from cli import main
from bdg.derive import derive
from templates import form_layout as L
from templates.forms.generate import derived_formula, write_forms
from tests.forms_helpers import input_cell, key_row, value_col

YEAR = 2015


@pytest.fixture(scope="module")
def forms_dir(tmp_path_factory, plan):
    out = tmp_path_factory.mktemp("forms")
    write_forms(plan, YEAR, out)
    return out


def test_one_form_per_agency_and_unit(plan, forms_dir):
    expected = {L.file_name(YEAR, a.code, u.code) for a in plan.lead_agencies for u in plan.form_units(a.code)}
    assert {p.name for p in forms_dir.iterdir()} == expected
    by_district = [a.code for a in plan.lead_agencies if any(u.level == "district" for u in plan.form_units(a.code))]
    assert by_district, "the plan has series reported by district"
    assert (forms_dir / L.file_name(YEAR, by_district[0], plan.districts[0].code)).exists()


def test_form_sheet_has_the_agency_series_inputs_and_narratives(plan, forms_dir):
    agency = plan.lead_agencies[0].code
    unit = plan.form_units(agency)[0].code
    wb = openpyxl.load_workbook(forms_dir / L.file_name(YEAR, agency, unit))
    assert wb.sheetnames == [L.GUIDE_SHEET, L.FORM_SHEET, L.META_SHEET]
    ws = wb[L.FORM_SHEET]
    keys = [c.value for c in ws["A"] if c.value]
    for s in plan.form_series(agency, unit):
        assert L.series_key(s.code) in keys
        for spec in s.inputs:
            assert L.input_key(s.code, spec.key) in keys
        for kind in L.NARRATIVE_KINDS:
            assert L.narrative_key(s.objective, kind) in keys
        row = key_row(ws, L.series_key(s.code))
        for m in plan.milestones:
            col = [c.column for c in ws[1] if c.value == L.column_key(L.target_column(m))][0]
            assert ws.cell(row=row, column=col).protection.locked
    assert L.REPORT_DATE_KEY in keys and L.YEAR_KEY in keys
    assert ws.cell(row=key_row(ws, L.YEAR_KEY), column=value_col(ws)).value == YEAR


def test_inputs_unlocked_with_vietnamese_validation(plan, forms_dir):
    path = next(forms_dir.glob(f"{YEAR}_*_{plan.province_unit.code}.xlsx"))
    wb = openpyxl.load_workbook(path)
    ws = wb[L.FORM_SHEET]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.protection.insertRows is False  # rows may be inserted by the clerk
    meta = dict(wb[L.META_SHEET].iter_rows(min_row=2, values_only=True))
    series = plan.form_series(meta[L.META_AGENCY], meta[L.META_UNIT])
    validations = {str(r): dv for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
    kinds = {"count": "whole", "decimal": "decimal", "choice": "list"}
    for s in series:
        for spec in s.inputs:
            cell = input_cell(ws, s.code, spec.key)
            assert cell.protection.locked is False
            dv = validations[cell.coordinate]
            assert dv.type == kinds[spec.kind]
            assert dv.showInputMessage and dv.showErrorMessage
            assert "nhập" in dv.prompt.lower() or "chọn" in dv.prompt.lower()
            if spec.kind != "choice":
                assert dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"


def test_choice_inputs_get_a_list(plan, tmp_path):
    qualitative = next(s for s in plan.series if s.inputs[0].kind == "choice")
    path = write_forms(plan, YEAR, tmp_path, agency=qualitative.lead)[0]
    ws = openpyxl.load_workbook(path)[L.FORM_SHEET]
    cell = input_cell(ws, qualitative.code, qualitative.inputs[0].key)
    dv = next(d for d in ws.data_validations.dataValidation if cell.coordinate in d.sqref)
    assert dv.formula1 == '"' + ",".join(qualitative.inputs[0].choices) + '"'


def test_derived_value_is_a_live_formula_matching_bdg(plan, forms_dir):
    for s in plan.series:
        refs = {spec.key: f"H{10 + i}" for i, spec in enumerate(s.inputs)}
        formula = derived_formula(s, refs)
        assert formula.startswith("=IF(")
        if s.derivation.kind == "share":
            d = s.derivation
            assert f"{refs[d.numerator]}/{refs[d.denominator]}" in formula
            inputs = {d.numerator: 3.0, d.denominator: 7.0}
            assert derive(s, inputs) == 3.0 / 7.0 * d.scale
    path = next(forms_dir.glob("*.xlsx"))
    ws = openpyxl.load_workbook(path)[L.FORM_SHEET]
    series_rows = [c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("bdg:series:")]
    assert all(str(ws.cell(row=r, column=value_col(ws)).value).startswith("=IF(") for r in series_rows)


def test_metadata_hidden_guide_print_and_no_macros(plan, forms_dir):
    path = forms_dir / L.file_name(YEAR, plan.lead_agencies[0].code, plan.province_unit.code)
    wb = openpyxl.load_workbook(path)
    meta = wb[L.META_SHEET]
    assert meta.sheet_state == "veryHidden" and meta.protection.sheet
    values = dict(meta.iter_rows(min_row=2, values_only=True))
    assert values[L.META_PLAN_ID] == plan.id and values[L.META_YEAR] == YEAR
    assert values[L.META_FORM_VERSION] == plan.form_version
    ws = wb[L.FORM_SHEET]
    assert ws.column_dimensions["A"].hidden and ws.row_dimensions[1].hidden
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == "landscape"
    guide = " ".join(str(c.value) for c in wb[L.GUIDE_SHEET]["A"] if c.value)
    assert f"{plan.deadline(YEAR):%d/%m/%Y}" in guide
    assert plan.agency(plan.coordinator).name in guide
    assert plan.agency(plan.lead_agencies[0].code).name in guide
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    assert not any("vba" in n.lower() for n in names)


def test_forms_are_reproducible(plan, tmp_path):
    a = write_forms(plan, YEAR, tmp_path / "a", agency=plan.lead_agencies[0].code)
    b = write_forms(plan, YEAR, tmp_path / "b", agency=plan.lead_agencies[0].code)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_cli_forms(plan, tmp_path, capsys):
    agency = plan.lead_agencies[-1].code
    assert main(["forms", "--year", str(YEAR), "--agency", agency, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"Đã tạo {len(plan.form_units(agency))} biểu mẫu năm {YEAR}" in out
    assert main(["forms", "--year", "1999", "--out", str(tmp_path)]) == 2
    assert "ngoài giai đoạn" in capsys.readouterr().err
    assert main(["forms", "--year", str(YEAR), "--agency", "KHONGCO", "--out", str(tmp_path)]) == 2
    assert "không chủ trì" in capsys.readouterr().err
