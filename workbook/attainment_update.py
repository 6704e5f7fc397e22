"""Recompute attainment from the master's data and rewrite its assessment sheets.

:func:`refresh_assessment` works on a master file (read, recompute, write atomically);
:func:`refresh_workbook` does the same on a workbook already open in memory, for callers
that save it themselves (consolidation writes once per run).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from bdg.attainment import Assessment, assess_all, latest_year_with_data
from bdg.errors import BdgError
from bdg.plan import Plan
from workbook.assessment_charts import write_charts
from workbook.assessment_sheet import fresh_sheet, write_assessment_table, write_assessment_view
from workbook.guide import write_guide
from workbook.layout import DATA, GUIDE, NAME_PLAN_ID
from workbook.master import master_identity
from workbook.observations import active_observations
from workbook.rows import ValueRow
from workbook.sheets import read_records
from workbook.state import MasterState, read_master
from workbook.storage import atomic_write, check_writable


def refresh_assessment(master_path: Path, plan: Plan, *, year: int | None = None) -> list[Assessment]:
    """Read the master, recompute every assessment, rewrite Đánh giá, Đánh giá chi tiết, Biểu đồ
    and the method text in Hướng dẫn, and save atomically (other sheets are kept as they are).

    Returns the assessments (only those of ``year`` when given).
    """
    path = Path(master_path)
    check_year(plan, year)
    check_writable(path)
    identity = master_identity(path)
    if identity.get(NAME_PLAN_ID) != plan.id:
        raise BdgError(code="master-plan-mismatch", master=path, found=identity.get(NAME_PLAN_ID), expected=plan.id)
    state = read_master(path)
    try:
        wb = load_workbook(path)
    except Exception:
        raise BdgError(code="master-unreadable", master=path) from None
    assessments = refresh_workbook(wb, plan, state=state, year=year)
    atomic_write(path, wb.save)
    return [a for a in assessments if year is None or a.year == year]


def refresh_workbook(wb: Workbook, plan: Plan, *, state: MasterState | None = None,
                     year: int | None = None, table: bool = True,
                     assessments: list[Assessment] | None = None) -> list[Assessment]:
    """Recompute from ``state`` (else the workbook's own Số liệu) and rewrite the sheets in memory.

    ``year`` chooses the year of the objective summary; by default the last year with data.
    ``table=False`` leaves Đánh giá chi tiết to the caller (consolidation streams it into the
    package); ``assessments`` given are used as they are (consolidation recomputes only the series
    a run touched).
    """
    check_year(plan, year)
    if assessments is None and state is None:
        state = state_from_workbook(wb)
    if assessments is None:
        assessments = assess_all(plan, active_observations(state, plan))
    summary_year = year if year is not None else latest_year_with_data(plan, assessments)
    active = wb.active.title if wb.active is not None else None
    write_guide(fresh_sheet(wb, GUIDE), plan)
    write_assessment_view(wb, plan, assessments, summary_year)
    if table:
        write_assessment_table(wb, plan, assessments)
    write_charts(wb, plan, assessments)
    _restore_active(wb, active)
    return assessments


def state_from_workbook(wb: Workbook) -> MasterState:
    """Số liệu records of an open workbook, as :func:`workbook.state.read_master` gives them."""
    state = MasterState(Path(""))
    if DATA.name in wb.sheetnames:
        rows = [list(r) for r in wb[DATA.name].iter_rows(values_only=True)]
        state.data = [ValueRow.from_record(r) for r in read_records(rows, DATA, required=("code",))]
    return state


def check_year(plan: Plan, year: int | None) -> None:
    if year is not None and year not in plan.period.years:
        raise BdgError(code="year-outside-period", year=year, start=plan.period.start, end=plan.period.end)


def _restore_active(wb: Workbook, title: str | None) -> None:
    """Keep the sheet the user had open, and only that one selected (Excel groups selected tabs)."""
    index = wb.sheetnames.index(title) if title in wb.sheetnames else 0
    wb.active = index
    for i, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = i == index
