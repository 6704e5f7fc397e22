"""Build the Word report template (templates/report/bao-cao.docx) by code, reproducibly.

The template follows Nghị định 30/2020/NĐ-CP for a "Báo cáo": A4 portrait, margins
20/20/30/15 mm (top/bottom/left/right), Times New Roman 14, the two-column header (issuing
body | national motto; number | place and date), the title and subject line, page numbers
centred at the top from page 2, "Nơi nhận" bottom left and the signature block bottom right;
the annex follows in a landscape section. Every changing text is a docxtpl (Jinja2) tag
filled from the report context (report_builder/context.py); users may edit wording, fonts
and layout in Word as long as they keep the tags.

Rebuild with ``python -m report_builder.make_template [OUT]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt

from report_builder.docx_kit import (
    bullets, cell_margins, cell_para, grid_borders, loop, no_borders, office_fidelity, outline, page_number_header, para, rule,
    setup_styles, widths,
)
from report_builder.paths import DOCX_TEMPLATE

MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_MM = 210 - MARGINS["left"] - MARGINS["right"]
ANNEX_MM = 297 - MARGINS["left"] - MARGINS["right"]
HEAD = "BDG Đầu văn bản"


def page_setup(section, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def header_block(doc) -> None:
    left_mm, right_mm = 68, TEXT_MM - 68
    t = doc.add_table(rows=2, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(t)
    widths(t, [left_mm, right_mm])
    issuer, motto = t.rows[0].cells
    cell_para(issuer, "{{ header.parent_body }}", HEAD, first=True)
    cell_para(issuer, "{{ header.issuing_body }}", HEAD, bold=True)
    rule(issuer, 24, left_mm)
    cell_para(motto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEAD, first=True, bold=True, size=12.5)
    cell_para(motto, "Độc lập - Tự do - Hạnh phúc", HEAD, bold=True, size=13.5)
    rule(motto, 62, right_mm)
    number, date = t.rows[1].cells
    cell_para(number, "{{ header.number }}", HEAD, first=True)
    cell_para(date, "{{ header.place_date }}", HEAD, first=True, italic=True, size=14)


def title_block(doc) -> None:
    p = para(doc, "{{ title.main }}", "BDG Tên báo cáo")
    p.paragraph_format.space_before = Pt(18)
    para(doc, "{{ title.subject }}", "BDG Tên báo cáo")
    rule(doc, 50, TEXT_MM, before=4)


def heading(doc, text: str) -> None:
    para(doc, text, "BDG Tiêu đề mục")


def body(doc) -> None:
    para(doc, "{{ opening }}")
    heading(doc, "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN")
    bullets(doc, "line", "implementation", prefix="")
    heading(doc, "II. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU")
    loop(doc, "for o in objectives")
    para(doc, "{{ o.number }}. {{ o.heading }}", "BDG Tiêu đề nhỏ")
    bullets(doc, "s", "o.sentences")
    bullets(doc, "v", "o.verdicts")
    loop(doc, "if o.chart")
    para(doc, "{{ o.chart }}", "BDG Hình")
    para(doc, "{{ o.chart_caption }}", "BDG Chú thích hình")
    loop(doc, "endif")
    loop(doc, "if o.results")
    para(doc, "Kết quả nổi bật theo báo cáo của các cơ quan:", "BDG Nhãn")
    bullets(doc, "r", "o.results")
    loop(doc, "endif")
    loop(doc, "endfor")
    heading(doc, "III. ĐÁNH GIÁ CHUNG")
    para(doc, "1. Mức đạt các chỉ tiêu", "BDG Tiêu đề nhỏ")
    para(doc, "{{ overall.intro }}")
    bullets(doc, "c", "overall.counts")
    para(doc, "2. {{ overall.concern_title }}", "BDG Tiêu đề nhỏ")
    bullets(doc, "r", "overall.concerns")
    para(doc, "3. Tình hình gửi báo cáo của các cơ quan", "BDG Tiêu đề nhỏ")
    bullets(doc, "r", "overall.reporting")
    para(doc, "4. Khó khăn, hạn chế", "BDG Tiêu đề nhỏ")
    bullets(doc, "d", "overall.difficulties")
    heading(doc, "IV. {{ tasks_title }}")
    bullets(doc, "t", "tasks")
    heading(doc, "V. ĐỀ XUẤT, KIẾN NGHỊ")
    loop(doc, "for p in proposals")  # kept with the signature: it never stands alone on a page
    para(doc, "- {{ p }}").paragraph_format.keep_with_next = True
    loop(doc, "endfor")


def signature_block(doc) -> None:
    para(doc, "").paragraph_format.keep_with_next = True
    t = doc.add_table(rows=1, cols=2)
    no_borders(t)
    widths(t, [TEXT_MM * 0.5, TEXT_MM * 0.5])
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    left, right = t.rows[0].cells
    cell_para(left, "Nơi nhận:", "BDG Nơi nhận", first=True, bold=True, italic=True, size=12)
    loop(left, "for r in signature.recipients")
    cell_para(left, "- {{ r }}", "BDG Nơi nhận")
    loop(left, "endfor")
    cell_para(right, "{{ signature.title }}", "BDG Chữ ký", first=True)
    cell_para(right, "{{ signature.role }}", "BDG Chữ ký")
    for _ in range(4):
        cell_para(right, "", "BDG Chữ ký")
    cell_para(right, "{{ signature.name }}", "BDG Chữ ký")


ANNEX_FIXED = [("STT", 10), ("Mục tiêu, chỉ tiêu", 62), ("Đơn vị tính", 17), ("Số liệu gốc", 18)]
# (header list, row list, width in mm) of each group of looped columns, then the last column
ANNEX_LOOPS = [("annex.target_headers", "r.targets", 16), ("annex.year_headers", "r.figures", 14),
               ("annex.status_headers", "r.statuses", 17)]
ANNEX_LEAD = ("Cơ quan chủ\u00a0trì", "{{ r.lead }}", 22)  # wraps as "Cơ quan / chủ trì"
TAG_MM = 3  # width of the cells holding only {%tc %} tags (they vanish when rendered)


def annex_table(doc) -> None:
    """Header | group loop | group row | series loop | series row | endfor | endfor.

    The varying columns (targets per milestone, values per year, status) loop with {%tc %};
    the renderer then rescales the template's column widths to the page.
    """
    head = [h for h, _ in ANNEX_FIXED]
    row = ["{{ r.stt }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.baseline }}"]
    mm = [w for _, w in ANNEX_FIXED]
    for headers, cells, width in ANNEX_LOOPS:
        head += [f"{{%tc for h in {headers} %}}", "{{ h }}", "{%tc endfor %}"]
        row += [f"{{%tc for c in {cells} %}}", "{{ c }}", "{%tc endfor %}"]
        mm += [TAG_MM, width, TAG_MM]
    head.append(ANNEX_LEAD[0])
    row.append(ANNEX_LEAD[1])
    mm.append(ANNEX_LEAD[2])
    t = doc.add_table(rows=7, cols=len(head))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid_borders(t)
    cell_margins(t, 1, 1)
    widths(t, mm)
    for cell, text in zip(t.rows[0].cells, head):
        cell_para(cell, text, "BDG Bảng", first=True, bold=True)
    for tr in t.rows:  # no row splits across pages; the header row repeats on every page
        tr._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    cell_para(t.rows[1].cells[0], "{%tr for g in annex.groups %}", "BDG Bảng", first=True)
    group = t.rows[2].cells
    number = cell_para(group[0], "{{ g.number }}", "BDG Bảng", first=True, bold=True)
    merged = group[1].merge(group[-1])
    title = cell_para(merged, "{% colspan annex.span %}{{ g.title }}", "BDG Bảng", first=True, bold=True)
    for p in (number, title):  # an objective's row stays on the page of its first series
        p.paragraph_format.keep_with_next = True
    cell_para(t.rows[3].cells[0], "{%tr for r in g.rows %}", "BDG Bảng", first=True)
    for cell, text in zip(t.rows[4].cells, row):
        cell_para(cell, text, "BDG Bảng", first=True)
    cell_para(t.rows[5].cells[0], "{%tr endfor %}", "BDG Bảng", first=True)
    cell_para(t.rows[6].cells[0], "{%tr endfor %}", "BDG Bảng", first=True)


def annex(doc) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, landscape=True)
    section.different_first_page_header_footer = False
    outline(para(doc, "{{ annex.title }}", "BDG Tên báo cáo"), 0)
    para(doc, "{{ annex.subtitle }}", "BDG Tên báo cáo")
    p = para(doc, "{{ annex.attached }}", "BDG Đầu văn bản", italic=True)
    p.paragraph_format.space_after = Pt(8)
    annex_table(doc)
    para(doc, "{{ annex.mark_note }}", "BDG Ghi chú", italic=True)
    para(doc, "Cách đánh giá", "BDG Tiêu đề nhỏ")
    bullets(doc, "m", "annex.method", "BDG Ghi chú", prefix="")
    para(doc, "Khác biệt giữa Phụ lục và văn bản Kế hoạch", "BDG Tiêu đề nhỏ")
    bullets(doc, "d", "annex.differences", "BDG Ghi chú")


def build_template() -> Document:
    doc = Document()
    setup_styles(doc)
    section = doc.sections[0]
    page_setup(section)
    page_number_header(section)
    header_block(doc)
    title_block(doc)
    body(doc)
    signature_block(doc)
    annex(doc)
    office_fidelity(doc)
    props = doc.core_properties
    props.title, props.author, props.language = "Báo cáo", "bdg", "vi-VN"
    props.comments = "Mẫu báo cáo theo Nghị định 30/2020/NĐ-CP; các thẻ trong ngoặc nhọn được điền khi lập báo cáo."
    return doc


def write_template(out: Path = DOCX_TEMPLATE) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    build_template().save(out)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(write_template(Path(args[0]) if args else DOCX_TEMPLATE))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
