"""The Word and HTML reports from a master built by code: template ↔ context, escaping, figures."""

from __future__ import annotations

import multiprocessing
import re
import shutil
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document

from bdg.errors import BdgError
from report_builder.build import make_report
from report_builder.context import build_context
from report_builder.facts import load_facts
from report_builder.make_template import write_template
from report_builder.paths import DOCX_TEMPLATE
from report_builder.render_docx import jinja_env, missing_variables, open_template, render_docx, with_images
from report_builder.render_html import render_html_text
from report_builder.scope import make_scope
from report_fixtures import FORMULA_LIKE, TRICKY, make_master
from workbook.state import read_master

YEARS = list(range(2011, 2021))


@pytest.fixture(scope="module")
def master(plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "master.xlsx"
    return make_master(plan, path, YEARS, narratives_year=2020, late="SYT", missing="STTTT",
                       skip={("3.1", 2020)})


@pytest.fixture(scope="module")
def facts_state(plan, master):
    state = read_master(master)
    return load_facts(plan, state), state


def context(plan, facts_state, kind="annual", year=2020, charts=False):
    facts, state = facts_state
    return build_context(plan, facts, state, make_scope(plan, kind, year), charts=charts)


def docx_text(path: Path) -> list[str]:
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            seen = []
            for cell in row.cells:  # a merged cell comes back once per grid column: count it once
                if cell._tc not in seen:
                    seen.append(cell._tc)
                    out += [p.text for p in cell.paragraphs]
    return out


class TextOf(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "title", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title", "script")

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data)


FIGURE = re.compile(r"\d+(?:[.,]\d+)*%?")


def figures(texts: list[str]) -> Counter:
    return Counter(FIGURE.findall(" ".join(texts)))


@pytest.mark.parametrize("kind, year", [("annual", 2020), ("midterm", 2015), ("final", 2020)])
def test_template_uses_no_variable_the_context_lacks(plan, facts_state, kind, year):
    tpl = open_template()
    ctx = with_images(context(plan, facts_state, kind, year), tpl)
    assert tpl.get_undeclared_template_variables(context=ctx) == set()
    assert missing_variables(tpl, ctx) == set()
    # rendering under StrictUndefined also proves every nested name (o.sentences, annex.span …) exists
    tpl.render(ctx, autoescape=True, jinja_env=jinja_env())


def test_committed_template_is_what_the_builder_makes(tmp_path):
    fresh = write_template(tmp_path / "bao-cao.docx")
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(DOCX_TEMPLATE) as b:
        for name in ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/settings.xml"):
            if name in a.namelist():
                assert a.read(name) == b.read(name), f"{name} differs: run python -m report_builder.make_template"


def test_agency_text_with_markup_characters_survives_as_text(plan, facts_state, tmp_path):
    ctx = context(plan, facts_state)
    out = render_docx(ctx, tmp_path / "r.docx")
    texts = docx_text(out)  # python-docx parses the XML: a broken document would fail here
    assert f"- {TRICKY} (Sở Y tế)." in texts
    assert f"- {FORMULA_LIKE} (Sở Y tế)." in texts
    html = render_html_text(ctx)
    assert "&lt;tăng cường&gt;" in html and "&amp; Sở B" in html and "<tăng cường>" not in html
    parser = TextOf()
    parser.feed(html)
    assert f"- {TRICKY} (Sở Y tế)." in parser.parts


def test_html_parses_and_shows_the_same_figures_as_the_docx(plan, facts_state, tmp_path):
    ctx = context(plan, facts_state)
    docx = figures(docx_text(render_docx(ctx, tmp_path / "r.docx")))
    parser = TextOf()
    parser.feed(render_html_text(ctx))
    parser.close()
    html = figures(parser.parts)
    assert docx == html
    some = ctx["annex"]["groups"][0]["rows"][0]["figures"][-1]
    assert some in docx and "," in some  # a Vietnamese decimal figure from the annex


def test_report_content_sections_numbers_and_no_python_leftovers(plan, facts_state, tmp_path):
    ctx = context(plan, facts_state)
    texts = docx_text(render_docx(ctx, tmp_path / "r.docx"))
    body = "\n".join(texts)
    for heading in ("I. CÔNG TÁC CHỈ ĐẠO", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG", "IV. NHIỆM VỤ",
                    "V. ĐỀ XUẤT, KIẾN NGHỊ", "PHỤ LỤC", "Nơi nhận:", plan.report.signer_title):
        assert heading in body
    for o in plan.objectives:
        assert f"{o.number}. Mục tiêu {o.number}: {o.title}" in texts
    assert f"{plan.series_by_code('3.1').name}: chưa có số liệu năm 2020" in body
    assert "Báo cáo trễ hạn: Sở Y tế." in body and "Chưa gửi báo cáo: Sở Thông tin và Truyền thông." in body
    assert "Đề nghị bổ sung kinh phí cho công tác truyền thông (Sở Nội vụ, Sở Y tế)." in body  # merged
    assert "Nội dung đã bị thay thế" not in body  # superseded narrative
    for leftover in ("None", "nan", "{{", "{%", "Undefined"):
        assert leftover not in body
    assert re.search(r"\d,\d+%", body) and not re.search(r"\d\.\d{1,2}%", body)


def test_a_year_without_any_data_still_reads(plan, tmp_path):
    master = make_master(plan, tmp_path / "empty.xlsx", [])
    result = make_report(plan, master, year=2017, formats="docx,html", out_dir=tmp_path, charts=False)
    texts = docx_text(result.paths[0])
    body = "\n".join(texts)
    assert body.count("chưa có số liệu năm 2017") == len(plan.series)
    assert f"0/{len(plan.lead_agencies)} cơ quan chủ trì đã gửi báo cáo" in body
    assert "None" not in body and "nan" not in body
    assert result.paths[1].read_text(encoding="utf-8").count("chưa có số liệu năm 2017") == len(plan.series)


def test_charts_are_pictures_in_the_document(plan, facts_state, tmp_path):
    import io

    import matplotlib.image as mpimg

    from report_builder.charts import objective_chart

    facts, _ = facts_state
    ctx = context(plan, facts_state)
    chart = objective_chart(plan, facts, make_scope(plan, "annual", 2020), plan.objective(1), 1)
    pixels = mpimg.imread(io.BytesIO(chart.png))
    assert pixels.shape[1] > 600 and (pixels[..., :3] < 0.5).any()  # drawn, not blank
    assert chart.caption.startswith("Biểu đồ 1. Mục tiêu 1")
    ctx["objectives"][0].update(chart=chart, chart_caption=chart.caption)
    out = render_docx(ctx, tmp_path / "c.docx")
    with zipfile.ZipFile(out) as z:
        assert len([n for n in z.namelist() if n.startswith("word/media/")]) == 1
    assert chart.caption in docx_text(out)


def test_a_users_own_template_is_used_and_checked(plan, master, tmp_path):
    own = tmp_path / "mau-rieng.docx"
    shutil.copy(DOCX_TEMPLATE, own)
    doc = Document(str(own))
    target = next(p for p in doc.paragraphs if p.text.startswith("I. CÔNG TÁC"))
    target.runs[0].text = "I. TÌNH HÌNH TRIỂN KHAI (mẫu riêng năm {{ year }})"
    doc.save(str(own))
    result = make_report(plan, master, year=2019, formats="docx", template=own, out_dir=tmp_path / "out",
                         charts=False)
    assert "I. TÌNH HÌNH TRIỂN KHAI (mẫu riêng năm 2019)" in docx_text(result.paths[0])

    target.runs[0].text = "{{ khong_co }}"
    doc.save(str(own))
    with pytest.raises(BdgError, match="khong_co"):
        make_report(plan, master, year=2019, formats="docx", template=own, out_dir=tmp_path / "out", charts=False)
    target.runs[0].text = "{% for x in %}"
    doc.save(str(own))
    with pytest.raises(BdgError, match="có thẻ sai"):
        make_report(plan, master, year=2019, formats="docx", template=own, out_dir=tmp_path / "out", charts=False)
    (tmp_path / "hong.docx").write_text("không phải docx")
    with pytest.raises(BdgError, match="phải là tệp Word"):
        make_report(plan, master, year=2019, formats="docx", template=tmp_path / "hong.docx", out_dir=tmp_path,
                    charts=False)


def test_another_plan_gets_its_own_header_and_nothing_of_the_first(plan, second_plan, tmp_path):
    from workbook.master import create_master

    master = tmp_path / "second.xlsx"
    create_master(second_plan, master)
    result = make_report(second_plan, master, kind="midterm", formats="docx,html", out_dir=tmp_path, charts=False)
    body = "\n".join(docx_text(result.paths[0]))
    r = second_plan.report.in_year(result.scope.year)  # the plan's report settings change in 2025
    assert r.issuing_body != second_plan.report.issuing_body
    for part in (r.parent_body, r.issuing_body, "Số:", r.number_suffix, f"{r.place}, ngày", r.signer_name,
                 second_plan.name):
        assert part in body
    assert second_plan.report.issuing_body not in body
    assert plan.province not in body and plan.report.parent_body not in body
    assert f"Sơ kết {second_plan.milestones[0] - second_plan.period.start + 1} năm" in body


def test_annex_table_fits_its_landscape_page_and_has_no_empty_cell(plan, facts_state, tmp_path):
    from docx.oxml.ns import qn
    from docx.shared import Mm

    ctx = context(plan, facts_state, "final", 2020)
    doc = Document(str(render_docx(ctx, tmp_path / "f.docx")))
    annex = doc.tables[-1]
    landscape = doc.sections[-1]
    assert landscape.page_width > landscape.page_height
    grid = [int(c.get(qn("w:w"))) for c in annex._tbl.tblGrid.findall(qn("w:gridCol"))]
    text_width = (landscape.page_width - landscape.left_margin - landscape.right_margin) // 635  # EMU → twips
    assert abs(sum(grid) - text_width) < len(grid)  # scaled to the text width (integer rounding only)
    header = [c.text for c in annex.rows[0].cells]
    assert len(grid) == len(header) == 4 + len(plan.milestones) + 10 + len(plan.milestones) + 1
    assert grid[header.index("Mục tiêu, chỉ tiêu")] > 2 * grid[header.index("2015")]
    assert Mm(8).twips < min(grid)
    for row in annex.rows[1:]:
        assert all(c.text.strip() for c in row.cells), [c.text for c in row.cells]


@pytest.mark.parametrize("start", ["fork", "spawn"])  # spawn: as on macOS and Windows
def test_every_objective_with_figures_gets_a_numbered_chart(plan, facts_state, monkeypatch, start):
    from report_builder.charts import build_charts

    if start not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{start} does not exist on this platform")
    monkeypatch.setenv("BDG_MP_START", start)
    facts, _ = facts_state
    charts = build_charts(plan, facts, make_scope(plan, "midterm", 2015))  # drawn by worker processes
    assert list(charts) == [o.number for o in plan.objectives]  # every objective has numeric data here
    assert [c.caption.split(".")[0] for c in charts.values()] == [f"Biểu đồ {i}" for i in range(1, len(charts) + 1)]
    assert all(c.png.startswith(b"\x89PNG") for c in charts.values())
    monkeypatch.setenv("BDG_CHART_WORKERS", "1")
    assert build_charts(plan, facts, make_scope(plan, "midterm", 2015)) == charts  # the same as drawn in-process
