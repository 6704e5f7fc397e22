"""The check result is one table: the add-in's "Kết quả kiểm tra" and `bdg check --xlsx-report` agree."""

from __future__ import annotations

import subprocess

import pytest
from openpyxl import load_workbook

from addin import bookio, macros
from addin.check import RESULT_SHEET
from addin_helpers import fills_and_notes, make_swapped_form, replay_to, run_macro
from cli import main
from templates.intake import check_sheet as T
from templates.intake.problems import LABELS, labelled
from templates.intake.read import read_form


@pytest.fixture(scope="module")
def checked(plan, tmp_path_factory):
    """The swapped form, checked by the button (replayed into a file) and by the command line."""
    d = tmp_path_factory.mktemp("kiem-tra")
    form = make_swapped_form(plan, d / "2013_LDTBXH_TINH.xlsx")
    run = run_macro(macros.check_form, form)
    book = d / "da-kiem-tra.xlsx"
    replay_to(run, form, book)
    report = d / "ket-qua.xlsx"
    assert main(["check", str(form), "--xlsx-report", str(report)]) == 1
    return {"form": form, "run": run, "book": book, "report": report,
            "problems": read_form(form, plan).problems}


def _table(ws) -> list[list]:
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    top = next(i for i, r in enumerate(rows) if r[:2] == ["STT", "Trang tính"])
    return [r[:len(T.COLUMNS)] for r in rows[top:] if any(v is not None for v in r)]


def test_both_doors_write_the_same_table(checked):
    excel = _table(load_workbook(checked["book"])[RESULT_SHEET])
    cli = _table(load_workbook(checked["report"])["Chi tiết"])
    assert excel == cli
    assert excel[0] == list(T.HEADER)
    problems = checked["problems"]
    assert [r[1:] for r in excel[1:]] == [
        [p.sheet, ", ".join(p.cells), {"error": "Lỗi", "warning": "Cảnh báo"}[p.severity], labelled(p.code),
         p.message] for p in problems]
    assert [r[0] for r in excel[1:]] == list(range(1, len(problems) + 1))


def test_every_cell_a_problem_names_is_marked(checked):
    problems = checked["problems"]
    swapped = next(p for p in problems if p.code == "numerator-exceeds-denominator")
    assert len(swapped.cells) == 2
    marks = fills_and_notes(checked["book"], "Biểu mẫu")
    named = {cell for p in problems for cell in p.cells}
    assert {cell for cell, (fill, _) in marks.items() if fill in (bookio.ERROR_FILL[1:], bookio.WARNING_FILL[1:])} \
        == named
    for cell in swapped.cells:
        fill, note = marks[cell]
        assert fill == bookio.ERROR_FILL[1:] and swapped.message in note


def test_each_row_links_to_its_cell(checked):
    ws = load_workbook(checked["book"])[RESULT_SHEET]
    links = {c.value: c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink}
    assert links == {", ".join(p.cells): f"'{p.sheet}'!{p.cells[0]}" for p in checked["problems"]}
    report = load_workbook(checked["report"])["Chi tiết"]
    targets = [(c.hyperlink.target, c.hyperlink.location) for row in report.iter_rows() for c in row if c.hyperlink]
    assert targets == [(checked["form"].name, f"'{p.sheet}'!{p.cells[0]}") for p in checked["problems"]]


def test_every_problem_code_has_a_vietnamese_label():
    from templates.intake.problems import CATALOGUE

    assert set(LABELS) == set(CATALOGUE)
    assert all(label and label[0].isupper() for label in LABELS.values())


def test_the_sheet_looks_like_bdgs_other_sheets(checked):
    ws = load_workbook(checked["book"])[RESULT_SHEET]
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {T.FONT}
    header = next(r for r in ws.iter_rows() if r[0].value == "STT")
    assert all(c.font.bold and c.alignment.wrap_text for c in header)
    widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(len(T.COLUMNS))]
    assert widths == pytest.approx([c.width for c in T.COLUMNS], abs=0.05)
    body = [r for r in ws.iter_rows(min_row=header[0].row + 1) if r[0].value is not None]
    assert all(ws.row_dimensions[r[0].row].height for r in body)
    assert all(c.border.left.style == "thin" for r in body for c in r)
    assert ws.print_area == f"'{RESULT_SHEET}'!$A$1:$F${body[-1][0].row}"


@pytest.mark.office
def test_the_checked_form_prints_on_a4_with_nothing_cut(checked, soffice, tmp_path):
    """Rendered by LibreOffice: the result sheet is one A4 page holding every message in full."""
    (pdf,) = soffice.convert(checked["book"], "pdf", tmp_path)
    pages = int(next(line.split()[-1] for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                  text=True).stdout.splitlines()
                     if line.startswith("Pages:")))
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), "-layout", str(pdf), "-"],
                          capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", "-f", str(pages), "-l", str(pages), str(pdf)], capture_output=True,
                          text=True).stdout
    assert "595.3" in info and "841.89" in info  # A4 portrait
    assert T.TITLE in last and "#" * 3 not in last
    flat = " ".join(last.split())
    for p in checked["problems"]:
        words = p.message.split()
        assert " ".join(words[:4]) in flat and " ".join(words[-3:]) in flat  # first and last words: not cut
    assert all(h in flat for h in ("STT", "Mức độ", "Loại lỗi (mã)", "Nội dung và cách sửa"))
