"""Intake on well-formed forms: values derived by bdg, narratives, dates, hashes — and robustness
to what clerks do to a sheet (inserted rows and columns, renamed tab, extra sheets, sorting)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from bdg.derive import derive
from templates import form_layout as L
from templates.intake.read import check_paths, read_form
from templates.forms.sample import fill_form, sample_fill
from tests.forms_helpers import codes, edit, key_row

YEAR = 2016


def _unit_for(plan, s):
    return plan.districts[0].code if s.by_district else plan.province_unit.code


def _agency_with_districts(plan):
    return next(a.code for a in plan.lead_agencies if len(plan.form_units(a.code)) > 1)


@pytest.fixture(scope="module")
def filled(tmp_path_factory, plan):
    """A correctly filled provincial form of an agency with several objectives."""
    agency = max(plan.lead_agencies, key=lambda a: len(plan.form_series(a.code, plan.province_unit.code))).code
    unit = plan.province_unit.code
    fill = sample_fill(plan, YEAR, agency, unit)
    path = tmp_path_factory.mktemp("filled") / L.file_name(YEAR, agency, unit)
    fill_form(path, plan, YEAR, agency, unit, fill.inputs, report_date=dt.date(YEAR, 11, 2),
              sources=fill.sources, narratives=fill.narratives, saved_at=dt.datetime(YEAR, 11, 2, 15, 30))
    return path, agency, unit, fill


def test_values_are_derived_by_bdg_from_the_inputs(plan, filled):
    path, agency, unit, fill = filled
    sub = read_form(path, plan)
    assert sub.readable and not sub.errors and not sub.warnings
    series = plan.form_series(agency, unit)
    assert [v.series for v in sub.values] == [s.code for s in series]
    for v in sub.values:
        s = plan.series_by_code(v.series)
        assert v.value == derive(s, fill.inputs[s.code])
        assert v.unit == unit and v.year == YEAR and v.flags == ()
        assert v.data_source == fill.sources[s.code]
    assert sub.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_meta_dates_and_narratives(plan, filled):
    path, agency, unit, fill = filled
    sub = read_form(path, plan)
    assert (sub.meta.plan_id, sub.meta.agency, sub.meta.unit, sub.meta.year) == (plan.id, agency, unit, YEAR)
    assert sub.meta.report_date == dt.date(YEAR, 11, 2)
    assert sub.meta.saved_at == dt.datetime(YEAR, 11, 2, 15, 30)
    assert {(n.objective, n.kind): n.text for n in sub.narratives} == dict(fill.narratives)
    assert all(n.sheet == L.FORM_SHEET and n.cell for n in sub.narratives)


def test_report_date_typed_as_text_or_missing(plan, tmp_path):
    agency = plan.lead_agencies[0].code
    unit = plan.form_units(agency)[0].code
    typed = read_form(fill_form(tmp_path / "a.xlsx", plan, YEAR, agency, unit, report_date="05/11/2016"), plan)
    assert typed.meta.report_date == dt.date(2016, 11, 5)
    missing = read_form(fill_form(tmp_path / "b.xlsx", plan, YEAR, agency, unit,
                                  saved_at=dt.datetime(2016, 11, 9, 10)), plan)
    assert missing.meta.report_date is None and "missing-report-date" in codes(missing)
    assert missing.report_time == dt.datetime(2016, 11, 9, 10)
    bad = read_form(fill_form(tmp_path / "c.xlsx", plan, YEAR, agency, unit, report_date="31/02/2016"), plan)
    assert bad.meta.report_date is None and "invalid-report-date" in codes(bad)
    other_year = read_form(fill_form(tmp_path / "d.xlsx", plan, YEAR, agency, unit,
                                     report_date=dt.date(2012, 1, 5)), plan)
    assert "invalid-report-date" in codes(other_year)


def test_inserted_rows_columns_renamed_tab_and_extra_sheet(plan, filled, tmp_path):
    path, agency, unit, fill = filled
    expected = {v.series: v.value for v in read_form(path, plan).values}

    def clerk(wb):
        ws = wb[L.FORM_SHEET]
        ws.insert_rows(3, 4)
        ws.insert_rows(key_row(ws, L.series_key(plan.form_series(agency, unit)[0].code)), 2)
        ws.insert_cols(1, 2)
        ws["A5"] = "Ghi chú thêm của cán bộ"
        ws.title = "Bao cao nam"
        extra = wb.create_sheet("Tính nháp", 0)
        extra["A1"] = "nháp"

    moved = edit(path, tmp_path / "moved.xlsx", clerk)
    sub = read_form(moved, plan)
    assert not sub.errors
    assert {v.series: v.value for v in sub.values} == expected
    assert all(v.sheet == "Bao cao nam" for v in sub.values)
    first = sub.values[0]
    assert first.cell[0] == "J"  # the value column moved two to the right (H → J)
    assert len(sub.narratives) == len(fill.narratives)


def test_sorted_rows_still_read(plan, filled, tmp_path):
    path, agency, unit, _ = filled
    expected = {v.series: v.value for v in read_form(path, plan).values}

    def reverse_body(wb):
        ws = wb[L.FORM_SHEET]
        for merged in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(merged))
        first = min(r for r in range(2, ws.max_row + 1)
                    if str(ws.cell(row=r, column=1).value).startswith("bdg:objective:"))
        keyed = [r for r in range(first, ws.max_row + 1) if ws.cell(row=r, column=1).value]
        rows = [[c.value for c in ws[r]] for r in keyed]
        for r, values in zip(keyed, reversed(rows)):
            for c, value in enumerate(values, start=1):
                ws.cell(row=r, column=c).value = value

    sub = read_form(edit(path, tmp_path / "sorted.xlsx", reverse_body), plan)
    assert {v.series: v.value for v in sub.values} == expected


def test_check_paths_walks_folders_and_names_lock_files_and_other_files(plan, filled, tmp_path):
    path, *_ = filled
    (tmp_path / "sub").mkdir()
    copy = tmp_path / "sub" / path.name
    copy.write_bytes(path.read_bytes())
    (tmp_path / "sub" / f"~${path.name}").write_bytes(b"lock")
    (tmp_path / f".~lock.{path.name}#").write_text("lock")
    (tmp_path / "ghi-chu.txt").write_text("không phải biểu mẫu")
    subs = {Path(s.path).name: s for s in check_paths([tmp_path], plan)}
    assert subs[path.name].values and not subs[path.name].errors
    assert codes(subs[f"~${path.name}"]) == codes(subs[f".~lock.{path.name}#"]) == {"excel-owner-file"}
    assert codes(subs["ghi-chu.txt"]) == {"not-a-spreadsheet"} and len(subs) == 4


def test_district_forms_report_their_unit(plan, tmp_path):
    agency = _agency_with_districts(plan)
    district = plan.districts[2].code
    fill = sample_fill(plan, YEAR, agency, district)
    sub = read_form(fill_form(tmp_path / "d.xlsx", plan, YEAR, agency, district, fill.inputs,
                              report_date=dt.date(YEAR, 10, 1)), plan)
    assert {v.unit for v in sub.values} == {district}
    assert [v.series for v in sub.values] == [s.code for s in plan.form_series(agency, district)]


def test_values_with_warnings_are_kept_with_flags(plan, tmp_path):
    s = next(x for x in plan.series if x.derivation.kind == "share" and x.percent and x.range and x.range.min > 0)
    unit = _unit_for(plan, s)
    d = s.derivation
    low = int(s.range.min) - 1  # a share below the plausible range: warning, value kept
    sub = read_form(fill_form(tmp_path / "w.xlsx", plan, YEAR, s.lead, unit,
                              {s.code: {d.numerator: low, d.denominator: 100}},
                              report_date=dt.date(YEAR, 11, 1)), plan)
    value = next(v for v in sub.values if v.series == s.code)
    assert value.value == pytest.approx(low) and value.flags == ("out-of-range",)


def test_jump_from_last_year(plan, tmp_path):
    s = next(x for x in plan.series if x.derivation.kind == "share" and x.percent and x.range)
    unit = _unit_for(plan, s)
    d = s.derivation
    path = fill_form(tmp_path / "j.xlsx", plan, YEAR, s.lead, unit, {s.code: {d.numerator: 60, d.denominator: 100}},
                     report_date=dt.date(YEAR, 11, 1))
    jumped = read_form(path, plan, previous={(s.code, unit, YEAR - 1): 20.0})
    value = next(v for v in jumped.values if v.series == s.code)
    assert "jump-from-last-year" in value.flags and value.value == 60.0
    steady = read_form(path, plan, previous={(s.code, unit, YEAR - 1): 58.0})
    assert "jump-from-last-year" not in codes(steady)
    assert "jump-from-last-year" not in codes(read_form(path, plan))  # nothing known about last year


def test_batch_jump_uses_last_years_form_in_the_same_run(plan, tmp_path):
    s = next(x for x in plan.series if x.derivation.kind == "share" and x.percent and x.range)
    unit = _unit_for(plan, s)
    d = s.derivation
    for year, num in ((YEAR - 1, 20), (YEAR, 70)):
        fill_form(tmp_path / f"{year}.xlsx", plan, year, s.lead, unit, {s.code: {d.numerator: num, d.denominator: 100}},
                  report_date=dt.date(year, 11, 1))
    subs = check_paths([tmp_path], plan)
    later = next(sub for sub in subs if sub.meta.year == YEAR)
    assert "jump-from-last-year" in next(v for v in later.values if v.series == s.code).flags


def test_xlsm_extension_is_read_like_xlsx(plan, filled, tmp_path):
    path, *_ = filled
    macro = tmp_path / "bieu.xlsm"
    macro.write_bytes(path.read_bytes())
    assert [(v.series, v.value) for v in read_form(macro, plan).values] == \
        [(v.series, v.value) for v in read_form(path, plan).values]
    assert [s.path for s in check_paths([tmp_path], plan)] == [str(macro)]
