"""The reports as a reader sees them: converted to PDF by LibreOffice and read back with poppler.

The master is made the way a user makes it: sample filled forms, consolidated.

Checked from the PDF itself: A4 pages, Times New Roman (or its metric twin Liberation Serif),
margins and body size from the word boxes, the header, motto, title, each objective's section,
the annex table, the signature block, page numbers centred at the top from page 2, a page
picture that is not blank, and a readable report for a year without data.
"""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path

import pytest

from bdg.status import STATUS_LABELS, Status
from report_builder.build import make_report
from report_fixtures import make_master
from templates.forms.sample import make_sample_forms
from workbook.consolidate import consolidate
from workbook.master import create_master

MM = 72 / 25.4  # points per millimetre

pytestmark = pytest.mark.office


def run(*cmd) -> str:
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) of one page, from ``pdftotext -bbox``."""
    html = run("pdftotext", "-bbox", "-f", page, "-l", page, pdf, "-")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(pattern, html)]


@pytest.fixture(scope="module")
def pdfs(plan, second_plan, soffice, tmp_path_factory):
    """The real cycle on sample data (forms → consolidation → reports): three reports, two LibreOffice runs."""
    tmp = tmp_path_factory.mktemp("office")
    master = tmp / "master.xlsx"
    create_master(plan, master)
    make_sample_forms(plan, [2019, 2020], tmp / "forms")
    consolidate(master, [tmp / "forms"], plan)
    annual = make_report(plan, master, year=2020, formats="docx,pdf,html", out_dir=tmp / "out")
    mid = make_report(plan, master, kind="midterm", formats="docx", out_dir=tmp / "out", charts=False)
    empty = make_report(plan, master, year=2017, formats="docx", out_dir=tmp / "out", charts=False)
    full = make_master(plan, tmp / "full.xlsx", list(range(2011, 2021)))
    final = make_report(plan, full, kind="final", formats="docx", out_dir=tmp / "full")
    second = make_master(second_plan, tmp / "second.xlsx", list(range(2021, 2031)))
    other = make_report(second_plan, second, year=2030, formats="docx", out_dir=tmp / "second")
    converted = soffice.convert([mid.paths[0], empty.paths[0], final.paths[0], other.paths[0]], "pdf", tmp / "out")
    annual_pdf = next(p for p in annual.paths if p.suffix == ".pdf")
    return {"annual": annual_pdf, "midterm": converted[0], "empty": converted[1], "final": converted[2],
            "second": converted[3]}


def test_pages_are_a4_and_fonts_are_times(pdfs):
    for pdf in pdfs.values():
        sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-f", 1, "-l", 999, pdf))
        assert sizes, pdf
        for w, h in sizes:  # A4 portrait body, A4 landscape annex
            assert sorted((round(float(w)), round(float(h)))) == [595, 842]
        assert sizes[0] == ("595.304", "841.89")  # the report itself starts portrait
        fonts = [line.split()[0] for line in run("pdffonts", pdf).splitlines()[2:]]
        assert fonts and all(re.search(r"LiberationSerif|TimesNewRoman", f) for f in fonts), fonts


def test_text_has_the_administrative_parts_and_every_section(plan, pdfs):
    text = flat(run("pdftotext", pdfs["annual"], "-"))
    r = plan.report
    for part in (r.parent_body, r.issuing_body, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Số: /BC-", f"{r.place}, ngày", "BÁO CÁO", "Kết quả năm 2020 thực hiện",
                 "I. CÔNG TÁC CHỈ ĐẠO", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG", "IV. NHIỆM VỤ",
                 "V. ĐỀ XUẤT, KIẾN NGHỊ", "Nơi nhận:", r.signer_title, r.signer_role, r.signer_name,
                 "PHỤ LỤC", "Số liệu gốc", "Cách đánh giá",
                 "Khác biệt giữa Phụ lục và văn bản Kế hoạch"):
        assert flat(part) in text, part
    # the annex's last header wraps "Cơ quan / chủ trì" in its narrow column; poppler may read the
    # neighbouring header's second line ("năm 2020") between the two lines
    assert re.search(r"Cơ quan (?:\S+ ){0,3}chủ trì", text)
    for recipient in r.recipients:
        assert flat(recipient) in text
    for o in plan.objectives:
        assert flat(f"{o.number}. Mục tiêu {o.number}: {o.title}") in text
        assert "Biểu đồ" in text
    for s in plan.series:  # each series has its row in the annex
        assert f" {s.code} " in text
    mid = flat(run("pdftotext", pdfs["midterm"], "-"))
    assert "Sơ kết 5 năm thực hiện" in mid
    assert re.search(r"Đánh giá (?:\S+ ){0,3}mốc 2015", mid)  # a wrapped header, read between its neighbours


def styled_lines(pdf: Path, page: int) -> dict[str, str]:
    """Each text line of a page → "b", "i", "bi" or "" (bold / italic), from ``pdftohtml -xml``."""
    xml = run("pdftohtml", "-xml", "-i", "-stdout", "-f", page, "-l", page, pdf)
    out = {}
    for inner in re.findall(r"<text [^>]*>(.*?)</text>", xml):
        style = ("b" if "<b>" in inner else "") + ("i" if "<i>" in inner else "")
        out[re.sub(r"<[^>]+>", "", inner).strip()] = style
    return out


def test_header_and_signature_emphasis(plan, pdfs):
    r = plan.report
    first = styled_lines(pdfs["annual"], 1)
    assert first[r.parent_body] == ""  # the parent body: not bold
    assert next(v for k, v in first.items() if k.startswith(r.issuing_body[:10])) == "b"
    assert first["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == "b" and first["Độc lập - Tự do - Hạnh phúc"] == "b"
    assert next(v for k, v in first.items() if k.startswith(f"{r.place}, ngày")) == "i"
    assert first["BÁO CÁO"] == "b"
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdfs["annual"])).group(1))
    signed = next(styled_lines(pdfs["annual"], p) for p in range(1, pages + 1)
                  if "Nơi nhận:" in styled_lines(pdfs["annual"], p))
    assert signed["Nơi nhận:"] == "bi"
    assert signed[r.signer_title] == "b" and signed[r.signer_role] == "b" and signed[r.signer_name] == "b"


def test_layout_margins_body_size_and_page_numbers(pdfs):
    pdf = pdfs["annual"]
    first = words(pdf, 1)
    assert not re.fullmatch(r"\d+", first[0][0])  # no number on the first page
    xs = [w[1] for w in first]
    assert abs(min(xs) - 30 * MM) < 3  # left margin 30 mm
    assert max(w[3] for w in first) <= (210 - 15) * MM + 1  # right margin 15 mm
    assert min(w[2] for w in first) >= 20 * MM - 1  # top margin 20 mm
    size = [(w[4] - w[2]) / 1.3 for w in first]  # poppler's word box is 1,3 em high for this font
    assert abs(size[0] - 13) < 0.2  # the header lines: 13 pt
    assert abs(statistics.median(size[len(size) // 2:]) - 14) < 0.2  # the body: 14 pt
    for page in (2, 3):
        number = words(pdf, page)[0]
        assert number[0] == str(page)
        centre = (number[1] + number[3]) / 2
        assert abs(centre - (30 + (210 - 45) / 2) * MM) < 6 and number[4] < 20 * MM  # centred, in the top margin


def test_a_rendered_page_is_not_blank(pdfs, tmp_path):
    import matplotlib.image as mpimg

    run("pdftoppm", "-png", "-r", 40, "-f", 2, "-l", 2, pdfs["annual"], tmp_path / "page")
    png = next(tmp_path.glob("page*.png"))
    pixels = mpimg.imread(png)[..., :3]
    inked = (pixels.mean(axis=2) < 0.8).mean()
    assert 0.01 < inked < 0.6  # text and a chart, neither empty nor a black page


def test_a_year_without_data_is_still_a_readable_report(plan, pdfs):
    text = flat(run("pdftotext", pdfs["empty"], "-"))
    assert "BÁO CÁO" in text and "Kết quả năm 2017" in text
    assert text.count("chưa có số liệu năm 2017") == len(plan.series)
    assert "None" not in text and "nan" not in text


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    found = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-f", 1, "-l", 999, pdf))
    return [(float(w), float(h)) for w, h in found]


def test_no_text_outside_the_text_area(pdfs):
    """Every word of every page inside the margins (the page number alone sits in the top margin)."""
    for name, pdf in pdfs.items():
        for page, (width, height) in enumerate(page_sizes(pdf), start=1):
            for word, x0, y0, x1, y1 in words(pdf, page):
                if y1 < 20 * MM and re.fullmatch(r"\d+", word):
                    continue  # the page number, centred in the top margin
                # poppler's word box is 1,3 em high: on the last line it reaches ~1 mm past the glyphs
                assert x0 >= 30 * MM - 1.5 and x1 <= width - 15 * MM + 1.5, (name, page, word, x0, x1)
                assert y0 >= 20 * MM - 1.5 and y1 <= height - 20 * MM + 3, (name, page, word, y0, y1)


def test_status_words_agree_across_the_printed_report(plan, second_plan, pdfs):
    """In the printed text, each series listed in section III.2 carries the word section III.1 gives it,
    and at the plan's last milestone no trajectory word remains in section III."""
    labels = "|".join(re.escape(x) for x in sorted(STATUS_LABELS.values(), key=len, reverse=True))
    for name, p in (("annual", plan), ("final", plan), ("second", second_plan)):
        text = flat(run("pdftotext", pdfs[name], "-"))
        three = text.split("III. ĐÁNH GIÁ CHUNG")[1].split("3. Tình hình gửi báo cáo")[0]
        counts, concerns = three.split("2. Các chỉ tiêu")
        if "Mốc năm" in counts:  # a review: the tally of its closing milestone
            counts = counts.split(f"Mốc năm {p.period.end}")[1]
        tallied = {}
        for label, many, one in re.findall(rf"({labels}): (?:\d+ chỉ tiêu \(([^)]*)\)|chỉ tiêu ([\w.]+))", counts):
            for code in (many.split(", ") if many else [one]):
                tallied.setdefault(code, set()).add(label.casefold())
        codes = {s.code for s in p.series}
        listed = re.findall(rf"- ([\w.]+)\. .*?\(({labels.lower()})\)\.", concerns)
        assert listed, name
        for code, word in listed:
            if code in codes:
                assert tallied.get(code) == {word}, (name, code, word, tallied.get(code))
        for word in (Status.ON_TRACK, Status.BEHIND, Status.AT_RISK):
            assert word.label.casefold() not in three.casefold(), (name, word)
