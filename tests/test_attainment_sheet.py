"""The master after an attainment refresh: Đánh giá matrix, detail table, charts, method text,
everything else kept; and what LibreOffice shows of it."""

from __future__ import annotations

import subprocess

import pytest
from openpyxl import load_workbook

from attainment_helpers import data_row, mixed_rows, write_master
from bdg.attainment import STATUS_LABELS, Status
from bdg.errors import BdgError
from workbook.assessment_sheet import STATUS_COLOURS
from workbook.attainment_update import refresh_assessment, refresh_workbook
from workbook.layout import ASSESSMENT, ASSESSMENT_VIEW, CHARTS, DATA, GUIDE, NAME_PLAN_ID
from workbook.master import build_master, master_identity
from workbook.state import read_master
from workbook.storage import BACKUP_DIR

L = STATUS_LABELS


@pytest.fixture()
def master(tmp_path, plan):
    return write_master(tmp_path / "so-tong-hop.xlsx", plan, mixed_rows(plan))


def matrix(ws, years):
    """{code: {year: (value, status)}} from the Đánh giá sheet, found by header text."""
    header = next(r for r in range(1, 30) if ws.cell(r, 1).value == ASSESSMENT_VIEW.columns[0].header)
    cols = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    out = {}
    for r in range(header + 1, ws.max_row):
        code = ws.cell(r, 1).value
        if ws.cell(r, cols["Nội dung"]).value == "Giá trị":
            out[code] = {y: (ws.cell(r, cols[str(y)]).value, ws.cell(r + 1, cols[str(y)]).value) for y in years}
    return out


def test_refresh_writes_statuses(master, plan):
    before = read_master(master)
    result = refresh_assessment(master, plan)
    assert len(result) == len({(a.code, a.unit) for a in result}) * len(plan.period.years)
    wb = load_workbook(master)
    m = matrix(wb[ASSESSMENT_VIEW.name], plan.period.years)
    assert list(m) == [s.code for s in plan.series]
    assert m["2.2"][2012] == (pytest.approx(12.0), L[Status.MET])
    assert [m["3.1"][y][1] for y in (2011, 2012, 2013, 2014)] == [
        L[Status.ON_TRACK], L[Status.ON_TRACK], L[Status.AT_RISK], L[Status.NO_DATA]]
    assert m["3.2a"][2013] == (pytest.approx(34.0), L[Status.BEHIND])
    assert m["7.3"][2013] == ("Đã bố trí một phần", L[Status.BEHIND])
    assert m["4.1"][2013] == (pytest.approx(112.0), L[Status.MET])  # summed from the districts
    assert m["1.1a"][2013] == (None, L[Status.NO_DATA])  # one district missing

    after = read_master(master)
    detail = {(r["code"], r["unit_code"], int(r["year"])): r for r in after.assessment}
    assert len(detail) == len(result)
    row = detail[("1.1a", "TINH", 2013)]
    assert row["status"] == L[Status.NO_DATA] and plan.districts[-1].name in row["explanation"]
    assert detail[("4.1", plan.districts[0].code, 2013)]["status"] == L[Status.MET]
    assert detail[("3.2a", "TINH", 2013)]["expected"] == pytest.approx(35.0)
    # nothing else touched: data rows, identity; the previous file kept as a backup
    assert [r.value for r in after.data] == [r.value for r in before.data]
    assert master_identity(master)[NAME_PLAN_ID] == plan.id
    assert list((master.parent / BACKUP_DIR).glob("*.xlsx"))


def test_summary_charts_rules_and_method(master, plan):
    refresh_assessment(master, plan, year=2013)
    wb = load_workbook(master)
    ws = wb[ASSESSMENT_VIEW.name]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "TỔNG HỢP THEO MỤC TIÊU NĂM 2013 (số chỉ tiêu theo trạng thái)" in texts
    # conditional formatting: one rule per status on the matrix, colouring by the status text
    formulas = [r.formula[0] for cf in ws.conditional_formatting for r in cf.rules]
    for st in Status:
        assert any(f'"{st.label}"' in f for f in formulas)
    detail_rules = [r for cf in wb[ASSESSMENT.name].conditional_formatting for r in cf.rules]
    assert {r.formula[0] for r in detail_rules} == {f'"{st.label}"' for st in Status}
    fills = {r.dxf.fill.fgColor.rgb[-6:] for r in detail_rules}
    assert fills == {colour for colour, _ in STATUS_COLOURS.values()}
    # one native line chart per numeric series, titled in Vietnamese
    charts = wb[CHARTS.name]._charts
    assert len(charts) == sum(not s.is_qualitative for s in plan.series)
    title = "".join(r.t for p in charts[0].title.tx.rich.paragraphs for r in p.r)
    assert title.startswith(plan.series[0].code) and plan.series[0].name[:20] in title
    guide = [c.value for c in wb[GUIDE.name]["A"]]
    assert "5. Cách đánh giá mức đạt chỉ tiêu (trang Đánh giá và Biểu đồ)" in guide


def test_refresh_is_repeatable(master, plan):
    refresh_assessment(master, plan)
    first = read_master(master).assessment
    refresh_assessment(master, plan)
    wb = load_workbook(master)
    assert wb.sheetnames.count(ASSESSMENT_VIEW.name) == 1 and wb.sheetnames.count(CHARTS.name) == 1
    strip = [{k: v for k, v in r.items() if k != "_row"} for r in first]
    assert [{k: v for k, v in r.items() if k != "_row"} for r in read_master(master).assessment] == strip


def test_refresh_in_memory_reads_the_workbook_itself(plan):
    wb = build_master(plan)
    from workbook.sheets import append_rows
    append_rows(wb[DATA.name], DATA, [data_row(plan, "2.2", "TINH", 2014, [11, 100])])
    result = refresh_workbook(wb, plan)
    a = next(x for x in result if x.code == "2.2" and x.year == 2014)
    assert a.status is Status.MET
    assert wb.active.title == wb.sheetnames[0]
    assert sum(ws.sheet_view.tabSelected for ws in wb.worksheets) == 1


def test_refusals(master, plan, tmp_path):
    with pytest.raises(BdgError, match="ngoài giai đoạn"):
        refresh_assessment(master, plan, year=1999)
    lock = master.with_name(f"~${master.name}")
    lock.write_text("")
    with pytest.raises(BdgError, match="đang được mở"):
        refresh_assessment(master, plan)
    lock.unlink()
    with pytest.raises(BdgError, match="kế hoạch"):
        refresh_assessment(master, plan.model_copy(update={"id": "ke-hoach-khac"}))
    with pytest.raises(BdgError, match="Không tìm thấy"):
        refresh_assessment(tmp_path / "khong-co.xlsx", plan)


@pytest.mark.office
def test_libreoffice_keeps_the_colours_and_shows_the_statuses(master, plan, soffice, tmp_path):
    result = refresh_assessment(master, plan)
    (xlsx,) = soffice.convert(master, "xlsx", tmp_path / "lo")
    (pdf,) = soffice.convert(master, "pdf", tmp_path / "pdf")
    wb = load_workbook(xlsx)
    rules = [r for cf in wb[ASSESSMENT_VIEW.name].conditional_formatting for r in cf.rules]
    for st in Status:
        kept = [r for r in rules if f'"{st.label}"' in (r.formula or [""])[0]]
        assert kept, f"LibreOffice dropped the rule for {st.label}"
        fill = kept[0].dxf.fill
        colours = {str(getattr(fill.fgColor, "rgb", ""))[-6:], str(getattr(fill.bgColor, "rgb", ""))[-6:]}
        assert STATUS_COLOURS[st][0] in colours
    detail = [r for cf in wb[ASSESSMENT.name].conditional_formatting for r in cf.rules]
    assert len(detail) == len(Status)

    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    start = next(i for i, p in enumerate(pages) if ASSESSMENT_VIEW.title in p)
    end = next(i for i, p in enumerate(pages) if ASSESSMENT.title in p)
    shown = " ".join(" ".join(pages[start:end]).split())
    province = [a for a in result if a.unit == plan.province_unit.code]
    for st in Status:
        in_matrix = sum(a.status is st for a in province)
        # a status cell wraps onto two lines (pdftotext interleaves neighbouring cells' second
        # lines), so count its first two words: the matrix cells, the legend and the summary header
        start_words = " ".join(st.label.split()[:2])
        assert shown.count(start_words) == in_matrix + 2, st.label
