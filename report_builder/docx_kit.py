"""python-docx helpers for building the report template: styles, rules, tags, tables, fields."""

from __future__ import annotations

import unicodedata

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"

# Elements that must follow w:pBdr in w:pPr and w:tblBorders in w:tblPr (the schema's order).
AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
              "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                    "w:tblDescription", "w:tblPrChange")


def ascii_id(name: str) -> str:
    """"BDG Tiêu đề mục" → "BDGTieuDeMuc"."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Mn")
    return "".join(w[:1].upper() + w[1:] for w in plain.split())


def _style(doc, name: str, *, size=14, bold=False, italic=False, align=None, indent=None,
           before=0, after=0, keep=False, compact=False, base="Normal", level: int | None = None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = ascii_id(name)  # Vietnamese display name, plain ASCII id inside the file
    style.base_style = doc.styles[base]
    style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.first_line_indent = indent
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.keep_with_next = keep
    if compact:
        pf.line_spacing = 1.0
    if level is not None:
        outline(style, level)
    return style


def outline(item, level: int):
    """Give a paragraph style (or one paragraph) an outline level: Word's navigation pane and the
    PDF's bookmarks list it as a heading (0 = level 1)."""
    el = item.element if hasattr(item, "style_id") else item._p
    ppr = el.get_or_add_pPr()
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(level))
    ppr.insert_element_before(lvl, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    return item


def setup_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Mm(12.7)
    pf.space_before, pf.space_after = Pt(6), Pt(0)
    pf.line_spacing = 1.15
    center = WD_ALIGN_PARAGRAPH.CENTER
    _style(doc, "BDG Tiêu đề mục", bold=True, keep=True, before=6, level=0)
    _style(doc, "BDG Tiêu đề nhỏ", bold=True, italic=True, keep=True, before=6, level=1)
    _style(doc, "BDG Nhãn", italic=True, keep=True, before=6)
    _style(doc, "BDG Đầu văn bản", compact=True, size=13, align=center, indent=Mm(0), before=0)
    _style(doc, "BDG Tên báo cáo", compact=True, bold=True, align=center, indent=Mm(0), before=0, keep=True)
    _style(doc, "BDG Hình", compact=True, size=12, align=center, indent=Mm(0), before=6, keep=True)
    _style(doc, "BDG Chú thích hình", compact=True, size=12, italic=True, align=center, indent=Mm(0), before=2)
    _style(doc, "BDG Nơi nhận", compact=True, size=11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=Mm(0), before=0)
    _style(doc, "BDG Chữ ký", compact=True, bold=True, align=center, indent=Mm(0), before=0)
    _style(doc, "BDG Bảng", compact=True, size=9, align=WD_ALIGN_PARAGRAPH.LEFT, indent=Mm(0), before=1, after=1)
    _style(doc, "BDG Ghi chú", compact=True, size=12, indent=Mm(0), before=3)


# --- small helpers -------------------------------------------------------------------------

def para(container, text: str = "", style: str | None = None, *, bold=None, italic=None, size=None):
    return _text(container.add_paragraph(style=style), text, bold, italic, size)


def _text(p, text: str, bold, italic, size):
    """Add ``text`` to paragraph ``p`` as one run with the given emphasis and size."""
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return p


def rule(container, width_mm: float, cell_mm: float, before: float = 1) -> None:
    """A short centred horizontal line (NĐ 30 draws one under the issuer and under the motto)."""
    p = container.add_paragraph(style="BDG Đầu văn bản")
    side = max((cell_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *AFTER_PBDR)
    mark = OxmlElement("w:rPr")  # the paragraph mark's size sets the line's height: keep it tiny
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")


def loop(container, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %})."""
    container.add_paragraph(f"{{%p {tag} %}}")


def bullets(container, var: str, item: str, style: str | None = None, prefix: str = "- ") -> None:
    loop(container, f"for {var} in {item}")
    para(container, f"{prefix}{{{{ {var} }}}}", style)
    loop(container, "endfor")


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(borders, *AFTER_TBLBORDERS)


def grid_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            el.set(qn(key), value)
        borders.append(el)
    tbl_pr.insert_element_before(borders, *AFTER_TBLBORDERS)


def cell_margins(table, left_mm: float, right_mm: float) -> None:
    """Narrow left/right cell margins for a table (room for figures in many columns)."""
    mar = OxmlElement("w:tblCellMar")
    for side, mm in (("left", left_mm), ("right", right_mm)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(Mm(mm).twips)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    table._tbl.tblPr.insert_element_before(mar, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def widths(table, mm: list[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, mm):
            cell.width = Mm(w)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), mm):
        col.set(qn("w:w"), str(int(Mm(w).twips)))


def cell_para(cell, text: str = "", style: str | None = None, *, first: bool = False,
              bold=None, italic=None, size=None):
    """Write into a table cell: its first (empty) paragraph when ``first``, else a new one."""
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    if style:
        p.style = style
    return _text(p, text, bold, italic, size)


def page_number_header(section) -> None:
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].text = ""
    p = section.header.paragraphs[0]
    p.style = "BDG Đầu văn bản"
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    run.font.size = Pt(13)


# --- what Office expects of the package ---------------------------------------------------

STALE_PARTS = ("/word/stylesWithEffects.xml", "/docProps/thumbnail.jpeg")  # from python-docx's default template
COMPATIBILITY_MODE = "15"  # Word 2013 and later: no "[Compatibility Mode]"


def office_fidelity(doc) -> None:
    """Drop the default template's stale parts and set Word's current compatibility mode."""
    for part in (doc.part, doc.part.package):
        for r_id, rel in list(part.rels.items()):
            if not rel.is_external and str(rel.target_part.partname) in STALE_PARTS:
                part.rels.pop(r_id)
    settings = doc.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)


def cell_property_order(document) -> None:
    """Put ``w:tcW`` first in every ``w:tcPr`` (after ``w:cnfStyle``), as the schema orders it;
    docxtpl's ``{% colspan %}`` writes ``w:gridSpan`` before it."""
    for tc_pr in document.element.body.iter(qn("w:tcPr")):
        tcw = tc_pr.find(qn("w:tcW"))
        if tcw is None:
            continue
        first = tc_pr[0]
        anchor = 1 if first.tag == qn("w:cnfStyle") else 0
        if tc_pr.index(tcw) != anchor:
            tc_pr.remove(tcw)
            tc_pr.insert(anchor, tcw)
