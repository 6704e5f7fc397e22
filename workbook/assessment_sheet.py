"""The Đánh giá sheets of the master: a readable series × year matrix (value and status,
colour-coded), the objective summary, and the long table (one row per series, unit, year).

Colours come from conditional formatting on the status text (plain formula and cell-value
rules, which Excel and LibreOffice both keep), so a user who edits a status sees the colour
follow. Nothing here decides a status: it only lays out :mod:`bdg.attainment`'s results.
"""

from __future__ import annotations

import datetime as dt
from copy import copy

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bdg.attainment import STATUS_ORDER, Assessment, Status, objective_summary
from bdg.numbers import fmt_target, round_half_up
from bdg.plan import Plan
from workbook import styles
from workbook.layout import ASSESSMENT, ASSESSMENT_VIEW, MASTER_SHEETS, SheetLayout
from workbook.sheets import append_rows, init_sheet

# status → (fill, font colour); the same look in the legend, the matrix and the long table
STATUS_COLOURS = {
    Status.MET: ("C6EFCE", "006100"),
    Status.ON_TRACK: ("DDEBF7", "1F4E78"),
    Status.BEHIND: ("FFEB9C", "7F6000"),
    Status.AT_RISK: ("FCE4D6", "843C0C"),
    Status.NOT_MET: ("FFC7CE", "9C0006"),
    Status.NO_DATA: ("EDEDED", "595959"),
}
VALUE_LABEL, STATUS_LABEL = "Giá trị", "Trạng thái"
_HALF_BOX = {  # the upper and lower halves of a box spanning a series' two rows
    "top": Border(left=styles.THIN, right=styles.THIN, top=styles.THIN),
    "bottom": Border(left=styles.THIN, right=styles.THIN, bottom=styles.THIN),
}
NUMBER_FORMAT = "#,##0.00"
# the milestone targets' and each year's columns (a status keeps its first two words on one line)
TARGET_WIDTH, YEAR_WIDTH = 11, 12


def fresh_sheet(wb: Workbook, layout: SheetLayout) -> Worksheet:
    """An empty sheet named as the layout, at its old place (or its place among the master's sheets)."""
    if layout.name in wb.sheetnames:
        index = wb.sheetnames.index(layout.name)
        wb.remove(wb[layout.name])
    else:
        index = fresh_index(wb, layout)
    return wb.create_sheet(layout.name, index)


def fresh_index(wb: Workbook, layout: SheetLayout) -> int:
    """Where a missing sheet goes: after the master's sheets that precede it; else at the end."""
    names = [s.name for s in MASTER_SHEETS]
    if layout.name not in names:
        return len(wb.sheetnames)
    before = names[: names.index(layout.name)]
    return max((wb.sheetnames.index(n) + 1 for n in before if n in wb.sheetnames), default=0)


class Styler:
    """Apply a named set of font, fill, border, alignment and number format to cells.

    The first cell of each name is styled the ordinary way; later cells copy its style record,
    which is many times faster than setting four style objects on every cell. One per workbook.
    """

    def __init__(self) -> None:
        self._styles: dict[str, object] = {}

    def __call__(self, cell, name: str, *, font=None, fill=None, border=None, alignment=None,
                 number_format: str | None = None):
        done = self._styles.get(name)
        if done is not None:
            cell._style = copy(done)
            return cell
        for attr, value in (("font", font), ("fill", fill), ("border", border), ("alignment", alignment),
                            ("number_format", number_format)):
            if value is not None:
                setattr(cell, attr, value)
        self._styles[name] = copy(cell._style)
        return cell


def status_fill(status: Status) -> PatternFill:
    colour = STATUS_COLOURS[status][0]
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _status_font(status: Status, bold: bool = False) -> Font:
    return Font(name=styles.FONT_NAME, size=12, color=STATUS_COLOURS[status][1], bold=bold)


def subtitle(plan: Plan) -> str:
    """The assessment sheets' subtitle: the plan and when the assessment was made."""
    return (f"{plan.name} ({plan.decision.number} ngày {plan.decision.date:%d/%m/%Y}). "
            f"Cập nhật lúc {dt.datetime.now():%H:%M ngày %d/%m/%Y}.")


# --- the readable view ------------------------------------------------------------------------

def write_assessment_view(wb: Workbook, plan: Plan, assessments: list[Assessment], year: int) -> Worksheet:
    """Đánh giá: legend, series × year matrix (value row + status row), objective summary."""
    ws = fresh_sheet(wb, ASSESSMENT_VIEW)
    years = plan.period.years
    fixed = [c.header for c in ASSESSMENT_VIEW.columns]
    milestone_headers = [f"Chỉ tiêu {m}" for m in sorted(plan.milestones)]
    headers = fixed[:3] + milestone_headers + fixed[3:] + [str(y) for y in years]
    widths = [c.width for c in ASSESSMENT_VIEW.columns[:3]] + [TARGET_WIDTH] * len(milestone_headers) + \
        [ASSESSMENT_VIEW.columns[3].width] + [YEAR_WIDTH] * len(years)
    kind_col = 4 + len(milestone_headers)  # 1-based column of "Nội dung"
    first_year_col = kind_col + 1
    last_col = get_column_letter(len(headers))
    hr = ASSESSMENT_VIEW.header_row

    ws.cell(1, 1, ASSESSMENT_VIEW.title).font = styles.TITLE
    ws.cell(2, 1, subtitle(plan)).font = styles.ITALIC
    ws.cell(3, 1, "Cách đánh giá: xem trang Hướng dẫn, mục 5. Số liệu từng đơn vị và lời giải thích từng "
                  "năm: trang Đánh giá chi tiết. Biểu đồ: trang Biểu đồ.").font = styles.ITALIC
    ws.cell(4, 2, "Chú giải:").font = styles.BOLD
    for i, st in enumerate(STATUS_ORDER):
        cell = ws.cell(4, first_year_col + i, st.label)
        cell.fill, cell.font, cell.border, cell.alignment = status_fill(st), _status_font(st), styles.BOX, styles.CENTER
    styles.write_header(ws, hr, headers, widths)

    by_key = {(a.code, a.year): a for a in assessments if a.unit == plan.province_unit.code}
    style = Styler()
    row = hr + 1
    first_body = row
    for o in plan.objectives:
        ws.cell(row, 1, f"Mục tiêu {o.number}: {o.title}")
        for c in range(1, len(headers) + 1):
            style(ws.cell(row, c), "group", font=styles.BOLD, fill=styles.GROUP_FILL, border=styles.BOX,
                  alignment=styles.WRAP)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(headers))
        row += 1
        for s in plan.series_of(o.number):
            left = [s.code, s.name, s.unit] + [fmt_target(s, s.target(m)) for m in sorted(plan.milestones)]
            for c, value in enumerate(left, start=1):  # one cell over two rows, drawn by borders
                ws.cell(row, c, value)
            ws.cell(row, kind_col, VALUE_LABEL)
            ws.cell(row + 1, kind_col, STATUS_LABEL)
            for i, y in enumerate(years):
                a = by_key.get((s.code, y))
                ws.cell(row, first_year_col + i, a.value if a else None)
                ws.cell(row + 1, first_year_col + i, (a.status if a else Status.NO_DATA).label)
            for r in (row, row + 1):
                for c in range(1, len(headers) + 1):
                    if c < kind_col:
                        part = "top" if r == row else "bottom"
                        style(ws.cell(r, c), part, font=styles.BODY, border=_HALF_BOX[part], alignment=styles.WRAP)
                    elif c == kind_col:
                        style(ws.cell(r, c), "kind", font=styles.BODY, border=styles.BOX, alignment=styles.WRAP)
                    else:
                        style(ws.cell(r, c), "year", font=styles.BODY, border=styles.BOX,
                              alignment=styles.CENTER, number_format=NUMBER_FORMAT)
            row += 2
    last_body = row - 1
    body = f"{get_column_letter(first_year_col)}{first_body}:{last_col}{last_body}"
    _matrix_rules(ws, body, get_column_letter(first_year_col), get_column_letter(kind_col), first_body)

    ws.row_breaks.append(Break(id=last_body))  # the summary starts a printed page, its heading with its table
    row = _summary_block(ws, plan, assessments, year, row + 2, first_year_col)
    styles.fit_row_heights(ws, 4)  # names, statuses and the legend wrap: rows as tall as their text
    ws.freeze_panes = f"{get_column_letter(first_year_col)}{hr + 1}"
    styles.print_setup(ws, title_rows=f"{hr}:{hr}")
    return ws


def _matrix_rules(ws: Worksheet, body: str, col: str, kind_col: str, top: int) -> None:
    """Colour a status cell by its text, and the value cell above it by the status below."""
    for st in STATUS_ORDER:
        fill, colour = STATUS_COLOURS[st]
        formula = (f'OR({col}{top}="{st.label}",AND(${kind_col}{top}="{VALUE_LABEL}",'
                   f'{col}{top + 1}="{st.label}"))')
        ws.conditional_formatting.add(body, FormulaRule(
            formula=[formula], fill=PatternFill(fill_type="solid", start_color=fill, end_color=fill),
            font=Font(color=colour)))


def status_rules(ws: Worksheet, ref: str) -> None:
    """Cell-value rules colouring cells whose text is a status label."""
    for st in STATUS_ORDER:
        fill, colour = STATUS_COLOURS[st]
        ws.conditional_formatting.add(ref, CellIsRule(
            operator="equal", formula=[f'"{st.label}"'],
            fill=PatternFill(fill_type="solid", start_color=fill, end_color=fill), font=Font(color=colour)))


def _summary_block(ws: Worksheet, plan: Plan, assessments: list[Assessment], year: int, row: int,
                   first_col: int) -> int:
    summary = objective_summary(plan, assessments, year)
    ws.cell(row, 2, f"TỔNG HỢP THEO MỤC TIÊU NĂM {year} (số chỉ tiêu theo trạng thái)").font = styles.BOLD
    row += 1
    header = ws.cell(row, 2, "Mục tiêu")
    header.font, header.fill, header.border, header.alignment = (styles.HEADER, styles.HEADER_FILL,
                                                                 styles.BOX, styles.CENTER)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=first_col - 1)
    for i, st in enumerate(STATUS_ORDER):
        cell = ws.cell(row, first_col + i, st.label)
        cell.fill, cell.font, cell.border, cell.alignment = status_fill(st), _status_font(st, True), styles.BOX, styles.CENTER
    total = ws.cell(row, first_col + len(STATUS_ORDER), "Tổng số")
    total.font, total.fill, total.border, total.alignment = styles.HEADER, styles.HEADER_FILL, styles.BOX, styles.CENTER
    grand = {st: 0 for st in STATUS_ORDER}
    for o in plan.objectives:
        row += 1
        counts = summary[o.number]
        _summary_row(ws, row, f"Mục tiêu {o.number}: {o.title}", counts, first_col, styles.BODY)
        for st in STATUS_ORDER:
            grand[st] += counts[st]
    row += 1
    _summary_row(ws, row, "Cộng", grand, first_col, styles.BOLD)
    return row


def _summary_row(ws: Worksheet, row: int, label: str, counts: dict, first_col: int, font: Font) -> None:
    cell = ws.cell(row, 2, label)
    cell.font, cell.border, cell.alignment = font, styles.BOX, styles.WRAP
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=first_col - 1)
    for i, st in enumerate(STATUS_ORDER):
        c = ws.cell(row, first_col + i, counts[st])
        c.font, c.border, c.alignment = font, styles.BOX, styles.CENTER
    c = ws.cell(row, first_col + len(STATUS_ORDER), sum(counts.values()))
    c.font, c.border, c.alignment = font, styles.BOX, styles.CENTER


# --- the long table ----------------------------------------------------------------------------

def write_assessment_table(wb: Workbook, plan: Plan, assessments: list[Assessment]) -> Worksheet:
    """Đánh giá chi tiết: one row per series, reporting unit and year, as ASSESSMENT lays out."""
    index = wb.sheetnames.index(ASSESSMENT.name) if ASSESSMENT.name in wb.sheetnames else None
    ws = init_sheet(wb, ASSESSMENT, subtitle=subtitle(plan))
    if index is None:  # init_sheet appended it: move it to its place among the master's sheets
        wb.move_sheet(ws, fresh_index(wb, ASSESSMENT) - wb.sheetnames.index(ws.title))
    append_rows(ws, ASSESSMENT, [assessment_record(plan, a) for a in assessments])
    styles.fit_row_heights(ws, ASSESSMENT.header_row + 1)
    table_status_rules(ws, ASSESSMENT.header_row + 1, ws.max_row)
    return ws


def table_status_rules(ws: Worksheet, first: int, last: int) -> None:
    """The status colours of Đánh giá chi tiết, on its Trạng thái column from ``first`` to ``last``."""
    col = get_column_letter(ASSESSMENT.col_index("status"))
    status_rules(ws, f"{col}{first}:{col}{max(last, first)}")


def assessment_record(plan: Plan, a: Assessment) -> dict:
    s = plan.series_by_code(a.code)
    return {
        "code": a.code, "series_name": s.name, "unit_code": a.unit, "unit_name": plan.unit(a.unit).name_in(a.year),
        "year": a.year, "value": a.value, "milestone": a.milestone, "target": fmt_target(s, a.target),
        "expected": _round(a.expected, 2), "pct_of_target": _round(a.pct_of_target, 1),
        "progress": _round(a.progress, 1), "status": a.status.label, "explanation": a.explanation,
    }


def _round(value: float | None, decimals: int) -> float | None:
    return None if value is None else round_half_up(value, decimals)
