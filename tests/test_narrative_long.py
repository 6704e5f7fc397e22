"""A narrative longer than an Excel cell holds (32,767 UTF-16 units) is kept whole: written over
several Thuyết minh rows, joined again by every reader, whole in the report."""

from __future__ import annotations

import datetime as dt
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import pytest
from docx import Document

from templates.forms.sample import fill_form, sample_fill
from workbook.consolidate import consolidate
from workbook.layout import NARRATIVES
from workbook.master import create_master
from workbook.narrative_parts import MAX_CELL_UNITS, split_cells, utf16_units
from workbook.state import read_master

YEAR = 2015
# Vietnamese with every kind of diacritic, an emoji (two UTF-16 units) and an ampersand: ~40,000 characters
PARAGRAPH = "Kết quả nổi bật: phụ nữ được đào tạo nghề & có việc làm ổn định 👩‍🌾. "
TEXT = "Mở đầu. " + PARAGRAPH * 570 + "Hết."


def test_parts_fit_a_cell_and_join_to_the_text():
    parts = split_cells(TEXT)
    assert len(parts) == 2 and "".join(parts) == TEXT
    assert all(utf16_units(p) <= MAX_CELL_UNITS for p in parts) and utf16_units(parts[0]) >= MAX_CELL_UNITS - 1
    emoji = "😀" * 20000  # 40,000 units: a part never ends inside a surrogate pair
    assert [utf16_units(p) for p in split_cells(emoji)] == [32766, 7234]


@pytest.fixture(scope="module")
def consolidated(plan, tmp_path_factory):
    folder = tmp_path_factory.mktemp("long-narrative")
    s = plan.series_by_code("3.1")
    unit = plan.province_unit.code
    fill = sample_fill(plan, YEAR, s.lead, unit)
    narratives = {**fill.narratives, (s.objective, "results"): "@@DAI@@"}
    short = fill_form(folder / "short.xlsx", plan, YEAR, s.lead, unit, fill.inputs, report_date=dt.date(YEAR, 11, 1),
                      narratives=narratives)
    inbox = folder / "inbox"
    inbox.mkdir()
    form = inbox / f"{YEAR}_{s.lead}_{unit}.xlsx"
    with zipfile.ZipFile(short) as src, zipfile.ZipFile(form, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():  # a cell of 40,000 characters: only a script writes that (Excel stops at 32,767)
            body = src.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                body = body.replace(b"@@DAI@@", escape(TEXT).encode())
            dst.writestr(info, body)
    master = folder / "master.xlsx"
    create_master(plan, master)
    result = consolidate(master, [inbox], plan, now=dt.datetime(YEAR + 1, 1, 10, 9, 0))
    assert result.written
    return master, inbox, s, result


def test_the_intake_warns_that_the_text_goes_on_over_rows(consolidated):
    _, _, _, result = consolidated
    codes = [p.code for f in result.files for p in f.problems]
    assert "long-narrative" in codes and "text-too-long" not in codes


def test_the_master_holds_the_whole_text_over_two_rows(consolidated):
    master, _, s, _ = consolidated
    wb = openpyxl.load_workbook(master, read_only=True)
    try:
        rows = list(wb[NARRATIVES.name].iter_rows(values_only=True))
    finally:
        wb.close()
    header = rows[NARRATIVES.header_row - 1]
    text_at, part_at = header.index("Thuyết minh"), header.index("Phần")
    parts = [r for r in rows[NARRATIVES.header_row:] if r[part_at] is not None]
    assert [r[part_at] for r in parts] == [1, 2]
    assert "".join(r[text_at] for r in parts) == TEXT
    whole = [n for n in read_master(master).narratives if n.sha256 == parts[0][NARRATIVES.keys.index("sha256")]
             and n.text and "Hết." in n.text]
    assert len(whole) == 1 and whole[0].text == TEXT and whole[0].part is None and whole[0].objective == s.objective


def test_the_master_opens_in_libreoffice(consolidated, soffice, tmp_path):
    master, _, _, _ = consolidated
    out = soffice.convert(master, "ods", tmp_path)[0]
    with zipfile.ZipFile(out) as z:
        content = z.read("content.xml").decode("utf-8")
    assert "Hết." in content and content.count("👩‍🌾") == 570


def test_the_report_shows_the_whole_text(consolidated, plan, tmp_path):
    from report_builder.build import make_report

    master, _, _, _ = consolidated
    result = make_report(plan, master, kind="annual", year=YEAR, formats="docx", out_dir=tmp_path,
                         when=dt.date(YEAR + 1, 1, 10), charts=False)
    body = "\n".join(p.text for p in Document(result.paths[0]).paragraphs)
    # the report closes each item with its sources: "… Hết (Sở …)."
    assert TEXT.removesuffix(".") in body and body.count("👩‍🌾") == 570


def test_consolidating_the_same_file_again_changes_nothing(consolidated, plan):
    master, inbox, _, _ = consolidated
    before = master.read_bytes()
    again = consolidate(master, [inbox], plan, now=dt.datetime(YEAR + 1, 1, 11, 9, 0))
    assert not again.written and master.read_bytes() == before
    assert [f.result for f in again.files] == ["duplicate"]


def test_the_master_passes_the_office_checks(consolidated):
    from office_checks import audit_findings, package_findings

    master, _, _, _ = consolidated
    assert package_findings(master) == [] and audit_findings(master) == []
