"""Who reported for a year, who was late and who did not report (Tiến độ nộp sheet).

Expected reports come from the plan: each lead agency owes one form per reporting unit it
covers (:meth:`Plan.form_units`). A report is late when it was made after the plan's
deadline for that year. When the Tiến độ nộp sheet says nothing about a year, the data
rows (agency, unit, report date) stand in for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bdg.plan import Plan
from workbook.rows import ValueRow

_YES = {"có", "x", "đã nộp", "rồi", "true", "1", "yes"}


@dataclass
class AgencyReporting:
    code: str
    name: str  # full name
    expected: list[str]  # unit codes
    received: dict[str, dt.date | None] = field(default_factory=dict)  # unit code -> report date
    late_units: list[str] = field(default_factory=list)

    @property
    def missing_units(self) -> list[str]:
        return [u for u in self.expected if u not in self.received]

    @property
    def reported(self) -> bool:
        return bool(self.received)


@dataclass
class YearReporting:
    year: int
    deadline: dt.date
    agencies: list[AgencyReporting]

    @property
    def missing(self) -> list[AgencyReporting]:
        return [a for a in self.agencies if not a.reported]

    @property
    def late(self) -> list[AgencyReporting]:
        return [a for a in self.agencies if a.late_units]

    @property
    def incomplete(self) -> list[AgencyReporting]:
        return [a for a in self.agencies if a.reported and a.missing_units]

    @property
    def on_time(self) -> list[AgencyReporting]:
        return [a for a in self.agencies if a.reported and not a.late_units]


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    return None


def _year(value) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _submitted(rec: dict) -> bool:
    if as_date(rec.get("submitted_at")) is not None:
        return True
    flag = rec.get("submitted")
    return flag is True or str(flag or "").strip().casefold() in _YES


def _is_late(rec: dict, when: dt.date | None, deadline: dt.date) -> bool:
    said = str(rec.get("timeliness") or "").casefold()
    if "trễ" in said or "muộn" in said:
        return True
    if "đúng" in said:
        return False
    limit = as_date(rec.get("deadline")) or deadline
    return when is not None and when > limit


def year_reporting(plan: Plan, year: int, submissions: list[dict], data: list[ValueRow]) -> YearReporting:
    """Who reported for ``year``: from Tiến độ nộp records, else from the Số liệu rows themselves."""
    deadline = plan.deadline(year)
    people = [AgencyReporting(a.code, a.name_in(year), [u.code for u in plan.form_units(a.code, year)])
              for a in plan.lead_agencies_in(year)]
    by_code = {a.code: a for a in people}
    rows = [r for r in submissions if _year(r.get("year")) == year]
    if rows:
        for rec in rows:
            agency = by_code.get(str(rec.get("agency") or "").strip())
            if agency is None or not _submitted(rec):
                continue
            unit = str(rec.get("unit_code") or "").strip() or plan.province_unit.code
            when = as_date(rec.get("submitted_at"))
            _receive(agency, unit, when, _is_late(rec, when, deadline))
    else:  # no tracking rows for this year: fall back on the data rows themselves
        for row in data:
            if row.year != year:
                continue
            agency = by_code.get(row.agency)
            if agency is None:
                continue
            unit = row.unit_code or plan.province_unit.code
            when = as_date(row.report_date) or as_date(row.received_at)
            _receive(agency, unit, when, when is not None and when > deadline)
    return YearReporting(year, deadline, people)


def _receive(agency: AgencyReporting, unit: str, when: dt.date | None, late: bool) -> None:
    """Keep the earliest report per unit: a later correction does not make a report late."""
    if unit in agency.received:
        earlier = agency.received[unit]
        if when is None or (earlier is not None and when >= earlier):
            return
        if unit in agency.late_units:
            agency.late_units.remove(unit)
    agency.received[unit] = when
    if late:
        agency.late_units.append(unit)
