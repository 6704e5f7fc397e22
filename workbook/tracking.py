"""Submission tracking (Tiến độ nộp): per agency, reporting unit and year — submitted or not,
when, on time or late against the plan's deadline, and how many problems the file in force had.

Expected forms come from the plan: every agency leading a series in a year owes one form per
reporting unit of :meth:`bdg.plan.Plan.form_units` valid that year (organisations change within
a period: an agency's duties pass to another, units merge, a level ends), every year of the
plan's period up to the current one.
What was received comes from Nhật ký (one row per file), so the sheet can be rebuilt at any
time. A report counts from its first submission: a later correction does not make it late.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
import re
from dataclasses import dataclass

from bdg.plan import Plan
from bdg.reorganised import form_absence
from workbook.merge import RESULT_CODES, SUBMITTED
from workbook.rows import LogRow, int_or_none, text, time_or_none

YES, NO = "Có", "Chưa"
ON_TIME, LATE, MISSING, NOT_DUE = "Đúng hạn", "Trễ hạn", "Chưa nộp", "Chưa đến hạn"
NOT_OWED = "Không phải nộp"  # a form received from an agency or unit that does not report that year


@dataclass
class Tracked:
    """One expected (or received) form of one agency, unit and year."""

    year: int
    agency: str
    agency_name: str
    unit: str
    unit_name: str
    deadline: dt.date
    due: bool  # the deadline has passed
    submitted_at: dt.datetime | None = None  # first submission (report date, else time received)
    times: int = 0
    errors: int = 0  # of the newest submission
    warnings: int = 0
    file: str | None = None  # the newest submission
    stray: str = ""  # received though not expected that year: why, in words (bdg.reorganised)

    @property
    def submitted(self) -> bool:
        return self.times > 0

    @property
    def days_late(self) -> int:
        if self.submitted_at is None:
            return 0
        return max(0, (self.submitted_at.date() - self.deadline).days)

    @property
    def late(self) -> bool:
        return self.submitted and self.days_late > 0

    @property
    def missing(self) -> bool:
        return not self.submitted and self.due

    @property
    def timeliness(self) -> str:
        if self.stray:
            return NOT_OWED
        if self.submitted:
            return LATE if self.late else ON_TIME
        return MISSING if self.due else NOT_DUE

    def record(self) -> dict:
        """The Tiến độ nộp row."""
        return {"year": self.year, "agency": self.agency, "agency_name": self.agency_name, "unit_code": self.unit,
                "unit_name": self.unit_name, "submitted": YES if self.submitted else NO,
                "submitted_at": self.submitted_at, "deadline": self.deadline, "timeliness": self.timeliness,
                "errors": self.errors if self.submitted else None,
                "warnings": self.warnings if self.submitted else None,
                "source_file": re.split(r"[\\/]", self.file)[-1] if self.file else None,  # the name, not the folder
                "days_late": self.days_late if self.late else None, "times": self.times}


def track(plan: Plan, log: list[LogRow], now: dt.datetime, years: list[int] | None = None) -> list[Tracked]:
    """Every expected form (and any other received one) of the given years, in plan order."""
    received = _received(log)
    if years is None:
        years = tracked_years(plan, log, now)
    agencies = {a.code: a for a in plan.agencies}
    units = {u.code: u for u in plan.units}
    out = []
    for year in years:
        deadline = plan.deadline(year)
        due = now.date() > deadline
        expected = [(a.code, u.code) for a in plan.lead_agencies_in(year) for u in plan.form_units(a.code, year)]
        known = set(expected)
        extra = sorted(k[:2] for k in received if k[2] == year and k[:2] not in known)
        for agency, unit in expected + extra:
            a, u = agencies.get(agency), units.get(unit)
            item = Tracked(year, agency, a.name_in(year) if a else agency, unit, u.name_in(year) if u else unit,
                           deadline, due, stray="" if (agency, unit) in known else _not_owed(plan, agency, unit, year))
            _fill(item, received.get((agency, unit, year), []))
            out.append(item)
    return out


def _not_owed(plan: Plan, agency: str, unit: str, year: int) -> str:
    """Why a form received for (agency, unit, year) is not one of the year's forms: the reorganisation
    that moved it (:func:`bdg.reorganised.form_absence`), else the plain fact."""
    return form_absence(plan, agency, unit, year) or f"không thuộc các biểu phải nộp năm {year} theo kế hoạch."


def tracked_years(plan: Plan, log: list[LogRow], now: dt.datetime) -> list[int]:
    """The plan's years up to the current one, and any year a form was received for."""
    years = {y for y in plan.period.years if y <= now.year}
    years |= {k[2] for k in _received(log) if k[2] in plan.period.years}
    return sorted(years)


def _received(log: list[LogRow]) -> dict[tuple[str, str, int], list[tuple]]:
    """(agency, unit, year) → [(first-report time, order key, row)] of files that count as a report."""
    out: dict[tuple, list[tuple]] = defaultdict(list)
    for i, row in enumerate(log):
        if RESULT_CODES.get(row.result) not in SUBMITTED:
            continue
        year = int_or_none(row.year)
        if year is None:
            continue
        report, received = time_or_none(row.report_date), time_or_none(row.time)
        order = (report is not None, report or dt.datetime.min, time_or_none(row.saved_at) or dt.datetime.min,
                 received or dt.datetime.min, i)
        out[(row.agency, row.unit_code, year)].append((report or received, order, row))
    return out


def _fill(item: Tracked, rows: list[tuple]) -> None:
    if not rows:
        return
    item.times = len(rows)
    times = [t for t, _, _ in rows if t is not None]
    item.submitted_at = min(times) if times else None
    newest = max(rows, key=lambda r: r[1])[2]
    item.errors = int_or_none(newest.errors) or 0
    item.warnings = int_or_none(newest.warnings) or 0
    item.file = text(newest.file) or None


# --- who is missing or late -----------------------------------------------------------------
@dataclass
class YearStatus:
    year: int
    deadline: dt.date
    items: list[Tracked]

    @property
    def expected(self) -> list[Tracked]:
        """The forms owed that year (not those of agencies or units that no longer, or not yet, report)."""
        return [t for t in self.items if not t.stray]

    @property
    def stray(self) -> list[Tracked]:
        """Forms received from an agency or unit that does not report that year (``Tracked.stray`` says why)."""
        return [t for t in self.items if t.stray]

    @property
    def missing(self) -> list[Tracked]:
        return [t for t in self.expected if t.missing]

    @property
    def late(self) -> list[Tracked]:
        return [t for t in self.expected if t.late]

    @property
    def on_time(self) -> list[Tracked]:
        return [t for t in self.expected if t.submitted and not t.late]

    @property
    def pending(self) -> list[Tracked]:
        return [t for t in self.expected if not t.submitted and not t.due]

    @property
    def with_errors(self) -> list[Tracked]:
        return [t for t in self.expected if t.submitted and t.errors]


def year_status(plan: Plan, log: list[LogRow], year: int, now: dt.datetime) -> YearStatus:
    return YearStatus(year, plan.deadline(year), track(plan, log, now, [year]))


def latest_year(plan: Plan, log: list[LogRow], now: dt.datetime) -> int:
    """The latest year a form was received for, else the current year within the plan's period."""
    received = [k[2] for k in _received(log) if k[2] in plan.period.years]
    if received:
        return max(received)
    return min(max(now.year, plan.period.start), plan.period.end)


# --- on the sheet ---------------------------------------------------------------------------------
LATE_FILL, MISSING_FILL = "FFEB9C", "FFC7CE"  # the amber and red of the Đánh giá statuses


def highlight_late_and_missing(ws, first: int, last: int) -> None:
    """Tiến độ nộp: late rows amber, missing rows red, by the text of "Đúng hạn / Trễ hạn"
    (conditional formatting, so the colour follows the row when a user sorts or filters)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    from workbook.layout import SUBMISSIONS

    col = get_column_letter(SUBMISSIONS.col_index("timeliness"))
    rows = f"A{first}:{get_column_letter(len(SUBMISSIONS.columns))}{last}"
    for text, colour in ((LATE, LATE_FILL), (MISSING, MISSING_FILL)):
        ws.conditional_formatting.add(rows, FormulaRule(
            formula=[f'${col}{first}="{text}"'], fill=PatternFill(fill_type="solid", start_color=colour,
                                                                  end_color=colour)))
