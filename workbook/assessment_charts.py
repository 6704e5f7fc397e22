"""The Biểu đồ sheet: one native Excel line chart per series (province values against the
target in force and the expected path), grouped by objective, with the charted figures
written beside the charts so a reader can see what is drawn."""

from __future__ import annotations

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.data_source import NumFmt
from openpyxl.chart.title import title_maker
from openpyxl.drawing.text import CharacterProperties, ParagraphProperties
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bdg.attainment import Assessment, number
from bdg.numbers import round_half_up
from bdg.plan import Direction, Plan, Series
from templates import text_fit
from workbook import styles
from workbook.assessment_sheet import Styler, fresh_sheet
from workbook.layout import CHARTS

CHART_COLUMNS = 9  # sheet columns one chart spans (two charts side by side)
ROW_HEIGHT = 15.75  # points: every row of the sheet, so that charts and page breaks line up
CHART_ROWS = 14  # sheet rows one chart spans (220 pt: two rows of charts and their headings per A4 page)
DEFAULT_WIDTH = 8.43  # the sheet's column width (characters)
DATA_COL = 2 * CHART_COLUMNS + 2  # first column of the charted figures, right of the charts
CHART_WIDTH_CM, CHART_HEIGHT_CM = 15.0, 7.5  # fits CHART_COLUMNS default-width columns and CHART_ROWS rows
TITLE_PX = 400  # a chart title line (10 pt bold): LibreOffice and Excel keep titles to ~70 % of the chart
VALUE_AXIS_FORMAT = "General"  # 25 and 22,5 as Excel shows them in Vietnamese, never "25.00"


def chart_columns(series: Series) -> list[str]:
    """Headers of the charted lines (after the year column)."""
    if series.direction is Direction.EACH_SEX_AT_LEAST:
        return ["Tỷ lệ nữ", "Chỉ tiêu (cận dưới)", "Chỉ tiêu (cận trên)"]
    return ["Giá trị", "Chỉ tiêu", "Lộ trình"]


def chart_rows(series: Series, assessments: list[Assessment]) -> list[list]:
    """[year, value, target line(s) / expected path] per year; None leaves a gap."""
    rows = []
    for a in assessments:
        t = number(a.target.value) if a.target is not None else None
        value = number(a.value)
        if series.direction is Direction.EACH_SEX_AT_LEAST:
            rows.append([str(a.year), value, t, None if t is None else 100.0 - t])
        else:
            rows.append([str(a.year), value, t, None if a.expected is None else round_half_up(a.expected, 2)])
    return rows


def write_charts(wb: Workbook, plan: Plan, assessments: list[Assessment]) -> Worksheet:
    ws = fresh_sheet(wb, CHARTS)
    ws.cell(1, 1, CHARTS.title).font = styles.TITLE
    tall = {2: _heading(ws, 2, "Mỗi biểu đồ: giá trị toàn tỉnh theo năm, chỉ tiêu của mốc đang xét và giá trị theo "
                           "lộ trình (cách tính: trang Hướng dẫn, mục 5). Số liệu vẽ biểu đồ ở các cột bên phải.",
                        styles.ITALIC)}
    style = Styler()
    province = plan.province_unit.code
    by_code: dict[str, list[Assessment]] = {}
    for a in assessments:
        if a.unit == province:
            by_code.setdefault(a.code, []).append(a)
    row, data_row = 4, 4
    for n, o in enumerate(plan.objectives):
        charted = [s for s in plan.series_of(o.number) if not s.is_qualitative]
        skipped = [s for s in plan.series_of(o.number) if s.is_qualitative]
        if n:
            ws.row_breaks.append(Break(id=row - 1))  # each objective starts a printed page
        tall[row] = _heading(ws, row, f"Mục tiêu {o.number}: {o.title}", styles.BOLD)
        if skipped:
            tall[row + 1] = _heading(ws, row + 1, "Chỉ tiêu định tính không vẽ biểu đồ (xem trang Đánh giá): "
                                     + "; ".join(f"{s.code} {s.name}" for s in skipped), styles.ITALIC)
        row += 2
        for i, s in enumerate(charted):
            first, last = _write_data(ws, s, by_code.get(s.code, []), data_row, style)
            chart = _line_chart(ws, s, first, last)
            col = 1 if i % 2 == 0 else CHART_COLUMNS + 1
            ws.add_chart(chart, f"{get_column_letter(col)}{row}")
            data_row = last + 2
            if i % 2 == 1 or i == len(charted) - 1:
                row += CHART_ROWS
                if i % 4 == 3 and i < len(charted) - 1:  # two rows of charts per printed page
                    ws.row_breaks.append(Break(id=row - 1))
        row += 1
    for r in range(1, max(row, data_row) + 1):
        ws.row_dimensions[r].height = max(ROW_HEIGHT, tall.get(r, 0))
    styles.print_setup(ws)
    ws.print_area = f"A1:{get_column_letter(2 * CHART_COLUMNS)}{row}"  # the charts, not their figures
    return ws


def _heading(ws: Worksheet, row: int, text: str, font) -> float:
    """A line of text across the charts' width, wrapped; returns the row height it needs."""
    ws.cell(row, 1, text).font = font
    ws.cell(row, 1).alignment = styles.WRAP
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2 * CHART_COLUMNS)
    return text_fit.height_for(text, 2 * CHART_COLUMNS * DEFAULT_WIDTH, 12, font.b, font.i)


def _write_data(ws: Worksheet, series: Series, assessments: list[Assessment], top: int,
                style: Styler) -> tuple[int, int]:
    """The series' figures at DATA_COL: a header row, then one row per year."""
    headers = [series.code] + chart_columns(series)
    for j, text in enumerate(headers):
        style(ws.cell(top, DATA_COL + j, text), "head", font=styles.HEADER, fill=styles.HEADER_FILL,
              border=styles.BOX)
    rows = chart_rows(series, sorted(assessments, key=lambda a: a.year))
    for i, values in enumerate(rows, start=1):
        for j, value in enumerate(values):
            style(ws.cell(top + i, DATA_COL + j, value), "number" if j else "year", font=styles.BODY,
                  border=styles.BOX, number_format="#,##0.00" if j else None)
    return top, top + len(rows)


def _line_chart(ws: Worksheet, series: Series, first: int, last: int) -> LineChart:
    chart = LineChart()
    chart.title = _title(f"{series.code} – {series.name}")
    chart.y_axis.title = "%" if series.unit == "%" else series.unit
    chart.x_axis.title = "Năm"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.numFmt = NumFmt(formatCode=VALUE_AXIS_FORMAT, sourceLinked=False)
    chart.display_blanks = "gap"
    chart.legend.position = "b"
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    data = Reference(ws, min_col=DATA_COL + 1, max_col=DATA_COL + 3, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=DATA_COL, min_row=first + 1, max_row=last))
    styles_ = [("1F4E78", None, "circle"), ("C00000", "dash", None), ("7F7F7F", "sysDot", None)]
    for line, (colour, dash, marker) in zip(chart.series, styles_):
        line.graphicalProperties.line.solidFill = colour
        line.graphicalProperties.line.width = 28575 if marker else 19050  # EMU: 2,25 pt / 1,5 pt
        if dash:
            line.graphicalProperties.line.dashStyle = dash
        line.marker.symbol = marker or "none"
        line.smooth = False
    return chart


def _title(text: str, size: int = 1000):
    """The whole title, broken into lines that fit the chart (never cut: the key words are at the end)."""
    lines = text_fit.wrap(text, TITLE_PX, size / 100, bold=True)
    title = title_maker("\n".join(lines))
    for para in title.tx.rich.paragraphs:
        para.pPr = ParagraphProperties(defRPr=CharacterProperties(sz=size, b=True))
    return title

