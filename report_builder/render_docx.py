"""Render the Word report from a docxtpl template (autoescaped: agency text cannot break the XML).

Charts become ``InlineImage``s; tables whose columns were multiplied by ``{%tc %}`` loops get
the template's column widths back, scaled to the text width of their page.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined, TemplateError, UndefinedError

from bdg.errors import BdgError
from bdg.files import replacing
from report_builder.charts import Chart
from report_builder.docx_kit import cell_property_order
from report_builder.paths import DOCX_TEMPLATE

CHART_WIDTH = Mm(155)


def open_template(path: Path | None = None) -> DocxTemplate:
    path = Path(path or DOCX_TEMPLATE)
    if not path.exists():
        raise BdgError(code="report-template-missing", template=path)
    if path.suffix.lower() != ".docx" or not zipfile.is_zipfile(path):
        raise BdgError(code="report-template-not-docx", template=path)
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception:
        raise BdgError(code="report-template-unreadable", template=path) from None
    return tpl


def with_images(value, tpl: DocxTemplate):
    """The context with every :class:`Chart` turned into an ``InlineImage`` ("" when absent)."""
    if isinstance(value, Chart):
        return InlineImage(tpl, io.BytesIO(value.png), width=CHART_WIDTH)
    if isinstance(value, dict):
        return {k: ("" if v is None and k == "chart" else with_images(v, tpl)) for k, v in value.items()}
    if isinstance(value, list):
        return [with_images(v, tpl) for v in value]
    return value


def jinja_env() -> Environment:
    return Environment(autoescape=True, undefined=StrictUndefined)


def missing_variables(tpl: DocxTemplate, context: dict) -> set[str]:
    return set(tpl.get_undeclared_template_variables(jinja_env=jinja_env(), context=context))


def render_docx(context: dict, out: Path, template: Path | None = None) -> Path:
    """Write the report as .docx (atomically) from the template and the context."""
    template = Path(template or DOCX_TEMPLATE)
    tpl = open_template(template)
    ctx = with_images(context, tpl)
    try:  # StrictUndefined: a tag naming something the context lacks stops the render, by name
        tpl.render(ctx, jinja_env=jinja_env(), autoescape=True)
    except UndefinedError as exc:
        raise BdgError(code="report-template-unknown-field", template=template, detail=exc.message,
                       fields=", ".join(sorted(ctx))) from None
    except TemplateError as exc:
        raise BdgError(code="report-template-syntax", template=template, detail=exc.message) from None
    fit_looped_tables(tpl.docx)
    cell_property_order(tpl.docx)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as tmp:
        tpl.save(tmp)
    return out


# --- tables whose columns came from {%tc %} loops --------------------------------------------

def _twips(el, attr: str = "w:w") -> int:
    try:
        return int(float(el.get(qn(attr))))
    except (TypeError, ValueError):
        return 0


def _text_width(sect_pr) -> int:
    size, margins = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
    if size is None or margins is None:
        return 0
    return _twips(size) - _twips(margins, "w:left") - _twips(margins, "w:right")


def _tables_with_width(document) -> list[tuple]:
    """(table element, text width in twips of the section it sits in), in body order."""
    out, pending = [], []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            pending.append(child)
            continue
        sect = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if child.tag == qn("w:p") else \
            (child if child.tag == qn("w:sectPr") else None)
        if sect is not None:
            out += [(t, _text_width(sect)) for t in pending]
            pending = []
    return out


def fit_looped_tables(document) -> None:
    """Give looped tables their first row's cell widths again, scaled to the text width."""
    for tbl, width in _tables_with_width(document):
        grid = tbl.find(qn("w:tblGrid"))
        rows = tbl.findall(qn("w:tr"))
        if grid is None or not rows or width <= 0:
            continue
        first = rows[0].findall(qn("w:tc"))
        cols = grid.findall(qn("w:gridCol"))
        wanted = [_twips(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")) for tc in first]
        if len(cols) == len(first) and sum(_twips(c) for c in cols) == sum(wanted) or not all(wanted):
            continue  # no loop changed this table
        sizes = fitted(wanted, width)
        for col in cols:
            grid.remove(col)
        for w in sizes:
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(w))
            grid.append(col)
        for tr in rows:
            at = 0
            for tc in tr.findall(qn("w:tc")):
                pr = tc.find(qn("w:tcPr"))
                span_el = pr.find(qn("w:gridSpan")) if pr is not None else None
                span = _twips(span_el, "w:val") if span_el is not None else 1
                tcw = pr.find(qn("w:tcW")) if pr is not None else None
                if tcw is not None:
                    tcw.set(qn("w:w"), str(sum(sizes[at:at + span])))
                    tcw.set(qn("w:type"), "dxa")
                at += span
        _fixed_layout(tbl, sum(sizes))


GIVE_WAY = 0.5  # the widest column (the series' names) may shrink to this share of its width first


def fitted(wanted: list[int], width: int) -> list[int]:
    """Column widths summing to ``width``: when the table is too wide, the widest column (the
    names, which wrap well) gives way first, so the figure columns keep room for whole numbers."""
    excess = sum(wanted) - width
    sizes = list(wanted)
    if excess > 0:
        widest = max(range(len(sizes)), key=sizes.__getitem__)
        give = min(excess, int(sizes[widest] * (1 - GIVE_WAY)))
        sizes[widest] -= give
    scale = width / sum(sizes)
    return [int(w * scale) for w in sizes]


def _fixed_layout(tbl, total: int) -> None:
    pr = tbl.find(qn("w:tblPr"))
    tblw = pr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        pr.insert_element_before(tblw, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                                 "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    tblw.set(qn("w:w"), str(total))
    tblw.set(qn("w:type"), "dxa")
    if pr.find(qn("w:tblLayout")) is None:
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        pr.insert_element_before(layout, "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
