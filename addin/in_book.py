"""*Tính mức đạt* without a file: recompute from the open workbook's Số liệu, write Đánh giá chi tiết.

For xlwings Lite (and any remote engine) where the master is only the values Excel sends:
the same observations and rules as :func:`workbook.attainment_update.refresh_assessment`
(:func:`workbook.observations.active_observations`, :func:`bdg.attainment.assess_all`, the
same row record), written back as values with the status colours. The richer Đánh giá view and
the charts need the file: classic Excel or ``bdg attainment`` rebuild them.
"""

from __future__ import annotations

from pathlib import Path

from addin import bookio
from bdg.attainment import Assessment, assess_all
from bdg.errors import BdgError
from bdg.plan import Plan
from workbook.assessment_sheet import STATUS_COLOURS
from workbook.assessment_sheet import assessment_record
from workbook.layout import ASSESSMENT, DATA
from workbook.observations import active_observations
from workbook.rows import ValueRow
from workbook.sheets import read_records
from workbook.state import MasterState


def refresh_in_book(book, plan: Plan, year: int | None) -> list[Assessment]:
    data = bookio.find_sheet(book, DATA.name)
    if data is None:
        raise BdgError(f"Sổ đang mở không có trang '{DATA.name}', nên không tính được mức đạt. Hãy mở sổ "
                       "tổng hợp (tạo bằng lệnh bdg init) rồi bấm lại nút lệnh.")
    state = MasterState(Path(book.name))
    state.data = [ValueRow.from_record(r) for r in read_records(bookio.values(data), DATA, required=("code",))]
    assessments = assess_all(plan, active_observations(state, plan))
    write_table(book, plan, assessments)
    return [a for a in assessments if year is None or a.year == year]


def write_table(book, plan: Plan, assessments: list[Assessment]) -> None:
    sheet, created = bookio.ensure_sheet(book, ASSESSMENT.name)
    if not created:
        sheet.clear()
    top = ASSESSMENT.header_row
    rows: list[list] = [[ASSESSMENT.title], [plan.name]] + [[]] * (top - 3)
    rows.append([c.header for c in ASSESSMENT.columns])
    for a in assessments:
        record = assessment_record(plan, a)
        rows.append([record.get(key) for key in ASSESSMENT.keys])
    bookio.write_rows(sheet, "A1", rows)
    sheet["A1"].font.bold = True
    bookio.bold(sheet, top, len(ASSESSMENT.columns))
    status_col = ASSESSMENT.col_index("status")
    first = top + 1
    for i in range(len(assessments)):  # one fill per run of equal statuses
        last = i + 1 == len(assessments) or assessments[i + 1].status is not assessments[i].status
        if last:
            start = first + _run_start(assessments, i)
            sheet.range((start, status_col), (first + i, status_col)).color = \
                "#" + STATUS_COLOURS[assessments[i].status][0]


def _run_start(assessments: list[Assessment], end: int) -> int:
    start = end
    while start > 0 and assessments[start - 1].status is assessments[end].status:
        start -= 1
    return start
