"""One verdict per series, the same on every page: sections II and III, the annex, the HTML and the
master's Đánh giá sheet — for the annual, mid-term and final reports and for the second plan.
Also what a reader (not an operator) gets: outline-level headings, rows that never split, the
unit in its own column, no software words, and charts whose text is never clipped or overlapping.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from matplotlib import rc_context

from bdg.status import STATUS_LABELS, Status
from report_builder import charts
from report_builder.build import make_report
from report_builder.facts import load_facts
from report_builder.scope import make_scope
from report_fixtures import make_master
from test_report_render import TextOf
from workbook.attainment_update import refresh_assessment
from workbook.state import read_master

LABELS = {label.casefold(): st for st, label in STATUS_LABELS.items()}
LABEL_RE = "|".join(re.escape(label) for label in sorted(STATUS_LABELS.values(), key=len, reverse=True))
SOFTWARE_WORDS = ("bdg", "lệnh", "trang Đánh giá", "trang Số liệu", "trang Chỉ tiêu", "Hiệu lực", "sổ tổng hợp",
                  "phần mềm", "Excel", "trang tính", "Biểu đồ (trang", "cột Giải thích")
KINDS = [("annual", 2020), ("annual", 2013), ("midterm", None), ("final", None)]


@pytest.fixture(scope="module")
def masters(plan, second_plan, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("verdicts")
    first = make_master(plan, tmp / "master.xlsx", list(range(2011, 2021)), narratives_year=2020,
                        skip={("3.1", 2020), ("1.2", 2015)})
    second = make_master(second_plan, tmp / "second.xlsx", list(range(2021, 2031)))
    refresh_assessment(first, plan)
    refresh_assessment(second, second_plan)
    return {plan.id: first, second_plan.id: second}


@pytest.fixture(scope="module")
def reports(plan, second_plan, masters, tmp_path_factory):
    """(plan, kind, year) → (docx path, html path) for every kind, both plans."""
    out = tmp_path_factory.mktemp("reports")
    made = {}
    for p in (plan, second_plan):
        for kind, year in KINDS:
            y = None if year is None else year - 2011 + p.period.start
            r = make_report(p, masters[p.id], kind=kind, year=y, formats="docx,html", out_dir=out / p.id,
                            charts=False)
            made[(p.id, kind, year)] = (r.scope, *r.paths)
    return made


def paragraphs(docx: Path) -> list[str]:
    return [p.text for p in Document(str(docx)).paragraphs]


def annex_rows(docx: Path) -> list[list[str]]:
    table = Document(str(docx)).tables[-1]
    return [[c.text for c in row.cells] for row in table.rows]


def html_texts(html: Path) -> list[str]:
    parser = TextOf()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser.parts


def tallies(lines: list[str], codes: set[str]) -> dict[str, dict[str, str]]:
    """From tally lines ("Đạt/vượt chỉ tiêu: 2 chỉ tiêu (1.2, 2.1); Không đạt: chỉ tiêu 3.1"), code → word,
    keyed by what the line tallies ("Mốc năm 2015" or "" for a year's statuses)."""
    out: dict[str, dict[str, str]] = {}
    for line in lines:
        key = m.group(1) if (m := re.search(r"(Mốc năm \d{4})", line)) else ""
        for label, many, one in re.findall(rf"({LABEL_RE}): (?:\d+ chỉ tiêu \(([^)]*)\)|chỉ tiêu ([\w.]+))", line):
            for code in (many.split(", ") if many else [one]):
                if code in codes:
                    out.setdefault(key, {})[code] = label.casefold()
    return out


def words_of(texts: list[str], plan, scope) -> dict[str, set[str]]:
    """Every status word each series is given anywhere in the running text."""
    codes = {s.code for s in plan.series}
    found: dict[str, set[str]] = {c: set() for c in codes}
    for key, table in tallies(texts, codes).items():
        if key in ("", f"Mốc năm {scope.year}"):
            for code, word in table.items():
                found[code].add(word)
    for line in texts:  # series judged on the way to a later milestone: "so với mốc sau: C4 đúng tiến độ; …"
        if "so với mốc sau: " in line:
            for code, word in re.findall(rf"([\w.]+) ({LABEL_RE.lower()})", line.split("so với mốc sau: ")[1]):
                found[code].add(word)
    for line in texts:  # concern lines: "- 1.2. Name: năm 2020 45%; chỉ tiêu năm 2020: > 90% (không đạt)."
        if m := re.match(rf"- ([\w.]+)\. .*\(({LABEL_RE.lower()})\)\.$", line):
            found[m.group(1)].add(m.group(2))
    for s in plan.series:  # section II sentences
        for line in texts:
            if not line.startswith(f"- {s.name}"):
                continue
            if scope.review:
                m = re.search(rf"so với chỉ tiêu năm {scope.year} \([^)]*\): ({LABEL_RE.lower()})", line) or \
                    re.search(rf"Kế hoạch không đặt chỉ tiêu năm {scope.year}; .*\(({LABEL_RE.lower()})\)\.$", line)
            else:
                m = re.search(rf"\(({LABEL_RE.lower()})\)\.$", line)
            if m:
                found[s.code].add(m.group(1))
    return found


@pytest.mark.parametrize("which", ["first", "second"])
@pytest.mark.parametrize("kind, year", KINDS)
def test_each_series_has_one_status_word_everywhere(plan, second_plan, masters, reports, which, kind, year):
    p = plan if which == "first" else second_plan
    scope, docx, html = reports[(p.id, kind, year)]
    facts = load_facts(p, read_master(masters[p.id]))
    expected = {s.code: facts.assessment(s.code, scope.year).status for s in p.series}
    column = 5 + len(p.milestones) + len(scope.annex_years) + (len(scope.judged) - 1 if scope.review else 0) - 1
    master_rows = {(r["code"], int(r["year"])): r["status"] for r in read_master(masters[p.id]).assessment
                   if r["unit_code"] == p.province_unit.code}
    for texts, rows in ((paragraphs(docx), annex_rows(docx)), (html_texts(html), None)):
        found = words_of(texts, p, scope)
        for s in p.series:
            want = expected[s.code]
            judged_here = not scope.review or s.target(scope.year) is not None or want.is_trajectory
            if judged_here and want is not Status.NO_DATA:
                assert found[s.code] == {want.label.casefold()}, (kind, year, s.code, found[s.code])
            else:
                assert found[s.code] <= {want.label.casefold()}, (kind, year, s.code, found[s.code])
        if rows is not None:
            by_code = {r[0]: r for r in rows}
            for s in p.series:
                cell = by_code[s.code][column]
                if not scope.review or s.target(scope.year) is not None:
                    assert cell == expected[s.code].label, (s.code, cell)
    for s in p.series:  # the master's Đánh giá says the same for the same year
        assert master_rows[(s.code, scope.year)] == expected[s.code].label


@pytest.mark.parametrize("kind, year", KINDS)
def test_at_a_milestone_only_verdicts(plan, reports, kind, year):
    scope, docx, _ = reports[(plan.id, kind, year)]
    body = "\n".join(paragraphs(docx))
    if scope.year in plan.milestones:
        section_three = body.split("III. ĐÁNH GIÁ CHUNG")[1].split("IV.")[0]
        for word in (Status.ON_TRACK, Status.BEHIND):
            assert word.label not in section_three
    else:  # before a milestone nothing is "not met" yet
        before_annex = body.split("PHỤ LỤC")[0]
        assert "(không đạt)" not in before_annex and "Không đạt:" not in before_annex


def test_a_review_carries_one_tally_per_milestone(plan, reports):
    scope, docx, _ = reports[(plan.id, "midterm", None)]
    texts = paragraphs(docx)
    three = texts[texts.index("1. Mức đạt các chỉ tiêu"):texts.index("3. Tình hình gửi báo cáo của các cơ quan")]
    assert sum(t.startswith("- Mốc năm 2015") for t in three) == 1
    assert not any(re.match(r"- (Chưa có số liệu|Đạt/vượt chỉ tiêu): ", t) for t in three)  # no second tally
    untargeted = [s.code for s in plan.series if s.target(2015) is None]
    line = next(t for t in three if t.startswith("- Kế hoạch không đặt chỉ tiêu năm 2015"))
    assert all(code in line for code in untargeted)
    # the concern list gives each series its own next target, never "chỉ tiêu năm 2015: —"
    assert "chỉ tiêu năm 2015: —" not in "\n".join(texts)


def test_legal_basis_is_built_from_the_decision(plan, second_plan, reports):
    first = "\n".join(paragraphs(reports[(plan.id, "annual", 2020)][1]))
    assert ("Thực hiện Quyết định số 1000/QĐ-UBND ngày 14/06/2011 của Ủy ban nhân dân tỉnh Bắc Kạn về việc phê "
            "duyệt Kế hoạch") in first
    second = "\n".join(paragraphs(reports[(second_plan.id, "annual", 2020)][1]))
    assert ("Thực hiện Kế hoạch số 25/KH-UBND ngày 30/09/2021 của Ủy ban nhân dân tỉnh Mẫu thực hiện Chiến lược"
            in second)
    assert "về việc phê duyệt" not in second


@pytest.mark.parametrize("which", ["first", "second"])
@pytest.mark.parametrize("kind, year", KINDS)
def test_docx_reads_like_an_official_document(plan, second_plan, reports, which, kind, year):
    p = plan if which == "first" else second_plan
    scope, docx, _ = reports[(p.id, kind, year)]
    doc = Document(str(docx))
    levels = {}
    for para in doc.paragraphs:
        lvl = para.style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        own = para._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        found = own if own is not None else lvl
        if found is not None and para.text.strip():
            levels[para.text] = int(found.get(qn("w:val")))
    for heading in ("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG", "PHỤ LỤC"):
        assert levels.get(heading) == 0, heading
    assert levels.get("1. Mức đạt các chỉ tiêu") == 1
    annex = doc.tables[-1]
    for row in annex.rows:  # no row splits across pages; the header row repeats
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert annex.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    units = {s.code: s.unit for s in p.series}
    for row in annex.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0] in units and units[cells[0]] not in ("%", ""):
            unit = units[cells[0]].lstrip("/")
            assert sum(unit in c for c in cells) == 1, cells  # the unit once, in its own column
    for cell in annex._tbl.iter(qn("w:t")):
        assert not re.search(r"\d \d|[≤≥<>] \d", cell.text or ""), cell.text  # figures hold together (no-break)
    assert_figures_fit(annex, units)
    attached = next(t for t in paragraphs(docx) if t.startswith("(Kèm theo Báo cáo số"))
    assert re.search(rf"/BC-\S+ ngày\s.*tháng\s.*năm {scope.year} của ", attached), attached
    annex_text = "\n".join(paragraphs(docx)[[t for t in paragraphs(docx)].index("PHỤ LỤC"):])
    for word in SOFTWARE_WORDS:
        assert word.casefold() not in annex_text.casefold(), word
    assert "Ví dụ, chỉ tiêu" in annex_text or which == "second"


def assert_figures_fit(annex, units) -> None:
    """Every word of every series row — a figure with its sign, a unit's "100.000" — fits on one line
    of its cell at the table's 9 pt: nothing is broken inside a word or a number."""
    from PIL import ImageFont

    font = ImageFont.truetype(charts.font_manager.findfont(charts.serif_family()), 90)  # 9 pt × 10
    for row in annex.rows[1:]:
        if row.cells[0].text not in units:
            continue
        for tc in row._tr.findall(qn("w:tc")):
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            width_pt = int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) / 20 - 2 * 72 / 25.4
            for word in text.split(" "):
                assert font.getlength(word) / 10 <= width_pt, (row.cells[0].text, word, width_pt)


def test_docx_package_is_what_office_expects(reports, plan):
    import zipfile

    docx = reports[(plan.id, "annual", 2020)][1]
    with zipfile.ZipFile(docx) as z:
        names = z.namelist()
        document = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert "word/stylesWithEffects.xml" not in names
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    for tc_pr in re.findall(r"<w:tcPr>(.*?)</w:tcPr>", document):
        if "<w:gridSpan" in tc_pr and "<w:tcW" in tc_pr:
            assert tc_pr.index("<w:tcW") < tc_pr.index("<w:gridSpan"), tc_pr


def test_report_has_no_software_words_before_the_signature(plan, reports):
    docx = reports[(plan.id, "annual", 2020)][1]
    body = "\n".join(paragraphs(docx))
    for word in ("bdg", "trang Đánh giá", "trang Số liệu", "Hiệu lực"):
        assert word not in body


def test_an_agency_the_text_names_is_not_named_again():
    from report_builder.narratives import Item

    assert Item("Năm 2020, Sở Nội vụ đã triển khai", [("Sở Nội vụ", None)]).render() == \
        "Năm 2020, Sở Nội vụ đã triển khai."
    assert Item("Năm 2020, Sở Nội vụ đã triển khai", [("Sở Nội vụ", None), ("Sở Y tế", None)]).render() == \
        "Năm 2020, Sở Nội vụ đã triển khai (cùng báo cáo: Sở Y tế)."
    assert Item("Thiếu cán bộ", [("Sở Nội vụ", None)]).render() == "Thiếu cán bộ (Sở Nội vụ)."


@pytest.mark.parametrize("kind", ["annual", "midterm"])
def test_chart_text_is_inside_and_never_overlaps(plan, second_plan, masters, kind):
    for p in (plan, second_plan):
        facts = load_facts(p, read_master(masters[p.id]))
        scope = make_scope(p, kind, p.period.end if kind == "annual" else None)
        drawn = 0
        for o in p.objectives:
            with rc_context(charts.style()):
                fig = charts.draw_objective(p, facts, scope, o)
                if fig is None:
                    continue
                drawn += 1
                boxes = charts.text_boxes(fig)
                width, height = fig.bbox.width, fig.bbox.height
                assert any("Chỉ tiêu" in t for t, _ in boxes)
                for text, (x0, y0, x1, y1) in boxes:
                    assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height, (o.number, text)
                for i, (a, box_a) in enumerate(boxes):
                    for b, box_b in boxes[i + 1:]:
                        apart = box_a[2] <= box_b[0] or box_b[2] <= box_a[0] or \
                            box_a[3] <= box_b[1] or box_b[3] <= box_a[1]
                        assert apart, (o.number, a, b)
                sizes = {t.get_fontsize() for t in charts._drawn_texts(fig)}
                assert min(sizes) >= 9  # read beside a 14 pt body, printed at its own size
                assert {t.get_fontname() for t in charts._drawn_texts(fig)} == {charts.serif_family()}
        assert drawn


def test_chart_is_print_resolution_and_serif(plan, masters):
    from PIL import Image
    import io

    facts = load_facts(plan, read_master(masters[plan.id]))
    chart = charts.build_charts(plan, facts, make_scope(plan, "annual", 2020))[1]
    image = Image.open(io.BytesIO(chart.png))
    assert image.info["dpi"][0] >= 299
    assert charts.serif_family() in ("Times New Roman", "Liberation Serif")


def test_a_target_below_the_baseline_is_a_floor_not_a_decline(plan):
    s = next(s for s in plan.series if s.direction.value == "at_least")
    path = charts.improving(s, [(2011, 30.0), (2013, 27.0), (2015, 25.0), (2020, 40.0)])
    assert path == [(2011, 30.0), (2013, 30.0), (2015, 30.0), (2020, 40.0)]
    at_most = next(s for s in plan.series if s.direction.value == "at_most")
    assert charts.improving(at_most, [(2011, 40.0), (2015, 58.3)]) == [(2011, 40.0), (2015, 40.0)]
