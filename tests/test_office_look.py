"""Every sheet of the master and of a form, printed through LibreOffice: on A4, legible, no cell
text cut off and no "####"; and every number or date fits its column by the font's metrics."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from sheet_look import A4, cell_words, missing_words, print_columns, printed_words, too_narrow, too_short
from templates import form_layout as L
from templates.text_fit import column_px
from workbook.layout import CHARTS

MIN_FONT_PT = 7.8  # printed text no smaller than this (about 8 pt)
PRINTED = ("master-consolidated", "form-filled", "form-blank-district")
PAGE_PX = {"landscape": (297 - 25.4) / 25.4 * 96, "portrait": (210 - 25.4) / 25.4 * 96}  # A4 less 0.5" margins


@pytest.fixture(scope="module")
def printed(office_files, soffice, tmp_path_factory):
    """{kind: {sheet name: [pages]}}: each file printed to PDF by LibreOffice (one run for all),
    its pages shared out to the sheets by each sheet's title (cell A1, first on its first page)."""
    out = tmp_path_factory.mktemp("printed")
    pdfs = soffice.convert([office_files[k] for k in PRINTED], "pdf", out, timeout=600)
    result: dict[str, dict[str, list]] = {}
    for kind, pdf in zip(PRINTED, pdfs):
        sheets = _sheets(office_files, kind)
        result[kind] = {ws.title: [] for ws in sheets}
        titles = [(ws.title, " ".join(_title(ws).split())) for ws in sheets]
        current = 0
        for page in printed_words(pdf):
            text = " ".join(w for w, _ in page.words)
            following = titles[current + 1][1] if current + 1 < len(titles) else None
            if following and following in text[:len(following) + 200]:
                current += 1
            result[kind][titles[current][0]].append(page)
    return result


def _title(ws) -> str:
    """The sheet's first text (its title, printed first on its first page)."""
    for row in ws.iter_rows(max_row=5):
        for cell in row:
            if isinstance(cell.value, str) and not cell.value.startswith("bdg:") and cell.value.strip():
                return cell.value
    return ws.title


def _sheets(office_files, kind):
    wb = load_workbook(office_files[kind])
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


@pytest.mark.office
@pytest.mark.parametrize("kind", PRINTED)
def test_every_sheet_prints_on_a4_legibly_without_cut_text(office_files, printed, kind):
    problems = []
    for ws in _sheets(office_files, kind):
        pages = printed[kind][ws.title]
        assert pages, f"{ws.title}: nothing printed"
        problems += [f"{ws.title} p{i}: paper {p.size}" for i, p in enumerate(pages, 1) if p.size not in A4]
        problems += [f"{ws.title} p{i}: {p.font_size:.1f} pt" for i, p in enumerate(pages, 1)
                     if p.words and p.font_size < MIN_FONT_PT]
        problems += [f"{ws.title}: '{w}' shown" for p in pages for w, _ in p.words if "##" in w]
        problems += [f"{ws.title}: cut {w}" for w in missing_words(cell_words(ws), pages)]
    assert problems == []


@pytest.mark.office
def test_chart_titles_are_whole(plan, office_files, printed):
    pages = printed["master-consolidated"][CHARTS.name]
    words = " ".join(w for p in pages for w, _ in p.words)
    charted = [s for s in plan.series if not s.is_qualitative]
    cut = [s.code for s in charted if " ".join(f"{s.code} – {s.name}".split()) not in words]
    assert "…" not in words
    assert cut == []


@pytest.mark.office
def test_charts_of_an_objective_never_leave_a_page_to_their_legends(plan, printed):
    """Every printed page of Biểu đồ carries a chart title, not only legends or axis labels."""
    pages = printed["master-consolidated"][CHARTS.name]
    codes = {s.code for s in plan.series}
    bare = [i for i, p in enumerate(pages, 1) if not codes & {w for w, _ in p.words}]
    assert bare == []


@pytest.mark.parametrize("kind", ["master-init", "master-consolidated", "form-filled", "form-blank-district"])
def test_numbers_and_dates_fit_their_columns(office_files, kind):
    problems = []
    for ws in _sheets(office_files, kind):
        problems += too_narrow(ws, 1)
    assert problems == []


@pytest.mark.parametrize("kind", ["master-init", "master-consolidated", "form-filled", "form-blank-district"])
def test_rows_are_as_tall_as_their_wrapped_text(office_files, kind):
    problems = []
    for ws in _sheets(office_files, kind):
        problems += too_short(ws)
    assert problems == []


@pytest.mark.parametrize("kind", ["master-consolidated", "form-filled"])
def test_fitted_to_width_only_where_text_stays_legible(office_files, kind):
    """A sheet fitted to the page's width is scaled so that its 12 pt text stays >= MIN_FONT_PT."""
    small = []
    for ws in _sheets(office_files, kind):
        cols = [c for c in print_columns(ws) if not _hidden(ws, c)]
        width = sum(column_px(_width(ws, c)) for c in cols)
        page = PAGE_PX[ws.page_setup.orientation or "portrait"]
        scale = min(1.0, page / width)
        if 12 * scale < MIN_FONT_PT:
            small.append(f"{ws.title}: {12 * scale:.1f} pt")
    assert small == []


def test_form_guide_fits_a_portrait_page(office_files):
    ws = load_workbook(office_files["form-filled"])[L.GUIDE_SHEET]
    assert ws.page_setup.orientation == "portrait"
    assert column_px(_width(ws, 1)) <= PAGE_PX["portrait"]


def _width(ws, col):
    from sheet_look import column_width

    return column_width(ws, col)


def _hidden(ws, col):
    from sheet_look import hidden

    return hidden(ws, col)
