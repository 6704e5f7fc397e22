"""``bdg check``: console grouped by file, JSON, the .xlsx problem report, and exit codes 0/1/2."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl

from cli import main
from templates.forms.sample import fill_form, sample_fill

YEAR = 2013


def _good(plan, folder, agency=None):
    agency = agency or plan.lead_agencies[0].code
    unit = plan.province_unit.code
    fill = sample_fill(plan, YEAR, agency, unit)
    return fill_form(folder / f"{agency}.xlsx", plan, YEAR, agency, unit, fill.inputs,
                     report_date=dt.date(YEAR, 11, 1))


def _bad(plan, folder):
    s = next(x for x in plan.series if x.derivation.kind == "share" and x.percent and not x.by_district)
    d = s.derivation
    return fill_form(folder / "sai.xlsx", plan, YEAR, s.lead, plan.province_unit.code,
                     {s.code: {d.numerator: "nhiều", d.denominator: 10}}, report_date=dt.date(YEAR, 11, 1))


def test_exit_0_when_no_errors(plan, tmp_path, capsys):
    _good(plan, tmp_path)
    assert main(["check", str(tmp_path), "--all"]) == 0
    out = capsys.readouterr().out
    assert "Tệp:" in out and "Đạt" in out and "Đã kiểm tra 1 tệp" in out


def test_exit_1_with_errors_grouped_by_file(plan, tmp_path, capsys):
    good, bad = _good(plan, tmp_path), _bad(plan, tmp_path)
    assert main(["check", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.count("Tệp:") == 1 and "sai.xlsx" in out and "Có lỗi" in out
    assert "Mức độ" in out and "Nội dung và cách sửa" in out and "text-in-number-cell" in out
    assert "Traceback" not in out


def test_exit_2_when_nothing_readable_or_no_forms(plan, tmp_path, capsys):
    junk = tmp_path / "rac.xlsx"
    junk.write_text("không phải bảng tính")
    assert main(["check", str(junk)]) == 2
    assert "không phải bảng tính" in capsys.readouterr().out
    empty = tmp_path / "trong"
    empty.mkdir()
    assert main(["check", str(empty)]) == 2
    assert "Không tìm thấy biểu mẫu" in capsys.readouterr().err
    assert main(["check"]) == 2  # usage


def test_json_output(plan, tmp_path, capsys):
    _good(plan, tmp_path)
    _bad(plan, tmp_path)
    assert main(["check", str(tmp_path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "bdg-check" and data["summary"]["files"] == 2
    bad = next(f for f in data["files"] if f["file"].endswith("sai.xlsx"))
    assert bad["errors"] == 1 and bad["problems"][0]["code"] == "text-in-number-cell"
    assert bad["problems"][0]["cell"] and bad["meta"]["year"] == YEAR


def test_xlsx_report(plan, tmp_path, capsys):
    _good(plan, tmp_path)
    _bad(plan, tmp_path)
    report = tmp_path / "ket-qua" / "kiem-tra.xlsx"
    assert main(["check", str(tmp_path), "--xlsx-report", str(report)]) == 1
    wb = openpyxl.load_workbook(report)
    assert wb.sheetnames == ["Tóm tắt", "Chi tiết"]
    detail = [[c.value for c in row] for row in wb["Chi tiết"].iter_rows()]
    top = next(i for i, r in enumerate(detail) if r[0] == "STT")
    assert detail[top] == ["STT", "Tệp", "Trang tính", "Ô", "Mức độ", "Loại lỗi (mã)", "Nội dung và cách sửa"]
    row = next(r for r in detail[top + 1:] if r[5] == "Chữ trong ô số (text-in-number-cell)")
    assert row[1] == "sai.xlsx" and row[4] == "Lỗi" and row[3] and "không phải là số" in row[6]
    summary = [[c.value for c in row] for row in wb["Tóm tắt"].iter_rows(min_row=5)]
    assert {r[0]: r[8] for r in summary} == {"sai.xlsx": "Có lỗi", f"{plan.lead_agencies[0].code}.xlsx": "Đạt"}
    assert str(report) in capsys.readouterr().out
