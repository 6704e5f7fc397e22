"""The master workbook: built from the plan, read back the same, saved safely, print-ready."""

from __future__ import annotations

import re
import subprocess

import pytest
from openpyxl import load_workbook

from bdg.errors import BdgError
from bdg.numbers import fmt_target
from workbook.layout import LAYOUT_VERSION, MASTER_SHEETS, NAME_PLAN_ID, catalogue_layout
from workbook.master import MasterVersionError, build_master, create_master, master_identity, read_catalogue


@pytest.fixture()
def master(tmp_path, plan):
    path = tmp_path / "so-tong-hop.xlsx"
    create_master(plan, path)
    return path


def test_sheets_and_identity(master, plan):
    wb = load_workbook(master)
    assert wb.sheetnames[: len(MASTER_SHEETS)] == [s.name for s in MASTER_SHEETS]
    assert {"Hướng dẫn", "Chỉ tiêu", "Số liệu", "Đánh giá", "Tiến độ nộp", "Nhật ký"} <= set(wb.sheetnames)
    assert master_identity(master)[NAME_PLAN_ID] == plan.id


def test_round_trip_catalogue(master, plan):
    rows = {r["code"]: r for r in read_catalogue(master, plan)}
    assert list(rows) == [s.code for s in plan.series]
    for s in plan.series:
        row = rows[s.code]
        assert row["name"] == s.name
        assert row["unit"] == s.unit
        assert row["lead"] == plan.agency(s.lead).name
        for m in plan.milestones:
            assert row[f"target_{m}"] == fmt_target(s, s.target(m))
        assert bool(row["difference"]) == bool(s.differences)


def test_differences_are_marked_with_notes(master, plan):
    wb = load_workbook(master)
    ws = wb["Chỉ tiêu"]
    layout = catalogue_layout(plan.milestones)
    code_col = layout.col_index("code")
    t2015 = layout.col_index("target_2015")
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, code_col).value == "4.2")
    cell = ws.cell(row, t2015)
    assert cell.value == "≤ 58,3/100.000 trẻ đẻ sống"
    assert cell.comment is not None and "60/100.000" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith("FFF2CC")
    # objective rows group the series, as in the annex
    name_col = layout.col_index("name")
    titles = [ws.cell(r, name_col).value for r in range(1, ws.max_row + 1)]
    assert f"Mục tiêu 4: {plan.objective(4).title}" in titles


def test_print_ready(master):
    wb = load_workbook(master)
    ws = wb["Chỉ tiêu"]
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows.replace("$", "") == "4:4"
    assert ws["A1"].font.name == "Times New Roman"


def test_refuses_to_overwrite_without_force_and_keeps_backup(master, plan):
    from bdg.errors import translate
    from cli.hints import hint

    with pytest.raises(BdgError, match="đã có") as caught:
        create_master(plan, master)
    assert caught.value.code == "master-exists" and "--force" in translate(caught.value, hint=hint).message
    before = master.read_bytes()
    backup = create_master(plan, master, force=True)
    assert backup is not None and backup.read_bytes() == before
    assert backup.parent.name == "sao-luu"
    assert not [p for p in master.parent.iterdir() if p.name.endswith(".tmp")]


def test_refuses_when_open_in_excel(tmp_path, plan):
    path = tmp_path / "m.xlsx"
    create_master(plan, path)
    (tmp_path / "~$m.xlsx").write_bytes(b"lock")
    with pytest.raises(BdgError, match="đang được mở"):
        create_master(plan, path, force=True)


def test_second_plan_master(tmp_path, second_plan):
    path = tmp_path / "s.xlsx"
    create_master(second_plan, path)
    rows = {r["code"]: r for r in read_catalogue(path, second_plan)}
    assert set(rows) == {s.code for s in second_plan.series}
    assert rows["A1"]["target_2025"] == "≥ 32%" and rows["A1"]["in_force"] == "Phụ lục"
    assert "target_2015" not in rows["A1"]


def test_build_has_no_positions_dependency(plan):
    """Readers find columns by header text: moving a column does not break them."""
    from workbook.layout import DATA, locate

    rows = [["x"], [], [c.header for c in reversed(DATA.columns)]]
    header, cols = locate(rows, DATA)
    assert header == 2 and cols["code"] == len(DATA.columns) - 1 - DATA.keys.index("code")
    assert build_master(plan)  # builds in memory without touching disk


@pytest.mark.office
def test_libreoffice_opens_master_and_pdf_shows_titles(tmp_path, master, plan, soffice):
    pdf, = soffice.convert(master, "pdf", tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "A4" in info
    text = " ".join(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                                   text=True).stdout.split())
    for o in plan.objectives:
        assert f"Mục tiêu {o.number}: {o.title}" in text
    assert "Khác biệt giữa Phụ lục và văn bản" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts


def _with_layout_version(master, value):
    from openpyxl.workbook.defined_name import DefinedName

    wb = load_workbook(master)
    del wb.defined_names["bdg_layout_version"]
    if value is not None:
        wb.defined_names["bdg_layout_version"] = DefinedName("bdg_layout_version", attr_text=f'"{value}"')
    wb.save(master)
    return master


@pytest.mark.parametrize("value, says", [
    (LAYOUT_VERSION - 1, "bố cục cũ (phiên bản 0); bdg này dùng bố cục phiên bản 1. Hãy lập sổ tổng hợp mới rồi tổng hợp lại"),
    (None, "bố cục cũ (phiên bản 0)"),
    (LAYOUT_VERSION + 1, "phiên bản bdg mới hơn (bố cục phiên bản 2; bdg này chỉ đọc được phiên bản 1). "
                         "Hãy cập nhật bdg"),
    ("hai", "'bdg_layout_version' không hợp lệ ('hai')"),
])
def test_a_master_of_another_layout_version_is_refused_by_every_command(master, plan, tmp_path, capsys, value, says):
    from cli import main

    _with_layout_version(master, value)
    with pytest.raises(MasterVersionError, match=re.escape(says)):
        master_identity(master)
    before = master.read_bytes()
    for args in (["consolidate", str(tmp_path), "--dry-run"], ["attainment"], ["status"],
                 ["report", "--year", "2015", "--out", str(tmp_path / "bc"), "--format", "html"]):
        assert main([*args, "--master", str(master)]) == 2, args
        out = capsys.readouterr()
        assert says in " ".join((out.out + out.err).split()), args
    assert master.read_bytes() == before
