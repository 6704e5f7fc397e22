"""What intake returns for one agency form: values, narratives and problems — plain data.

Intake (``templates/``) produces a :class:`Submission` per file; consolidation
(``workbook/``) and the front doors consume it. Bad data is a result, not an exception.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
SEVERITY_LABELS: dict[str, str] = {"error": "Lỗi", "warning": "Cảnh báo"}  # how every view names a severity
NarrativeKind = Literal["results", "difficulties", "proposals"]

NARRATIVE_LABELS: dict[str, str] = {
    "results": "Kết quả nổi bật",
    "difficulties": "Khó khăn, hạn chế",
    "proposals": "Kiến nghị",
}


@dataclass(frozen=True)
class Problem:
    """One finding in one file: a stable code, a severity, a position and a Vietnamese message."""

    code: str  # stable English kebab-case, e.g. "text-in-number-cell"
    severity: Severity
    message: str  # Vietnamese: what is wrong and what to do
    file: str
    sheet: str | None = None
    cell: str | None = None  # A1
    series: str | None = None
    value: object = None  # the value seen, as found
    other_cells: tuple[str, ...] = ()  # further cells the message names (a swapped pair, duplicate rows)

    @property
    def cells(self) -> tuple[str, ...]:
        """Every cell the problem names, its own first."""
        return ((self.cell,) if self.cell else ()) + self.other_cells

    def flat(self) -> dict:
        return {"code": self.code, "severity": self.severity, "file": self.file, "sheet": self.sheet,
                "cell": self.cell, "other_cells": list(self.other_cells), "series": self.series,
                "value": None if self.value is None else str(self.value), "message": self.message}


@dataclass(frozen=True)
class FormMeta:
    plan_id: str
    form_version: int
    agency: str
    unit: str
    year: int
    report_date: dt.date | None = None  # filled in by the clerk on the form
    saved_at: dt.datetime | None = None  # the workbook's own last-saved time


@dataclass(frozen=True)
class ReportedValue:
    """One series' figures for one unit and year, as derived by intake from the raw inputs."""

    series: str
    unit: str
    year: int
    inputs: dict[str, float | str | None]
    value: float | str | None  # derived by bdg from the inputs; None = no data
    sheet: str
    cell: str  # A1 of the row's first input cell
    data_source: str | None = None
    note: str | None = None
    flags: tuple[str, ...] = ()  # codes of warnings attached to this value


@dataclass(frozen=True)
class Narrative:
    objective: int
    kind: NarrativeKind
    text: str
    sheet: str
    cell: str


@dataclass
class Submission:
    """Everything intake read from one file."""

    path: str
    sha256: str | None
    meta: FormMeta | None
    values: list[ReportedValue] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def readable(self) -> bool:
        """False when nothing could be used (not a form, corrupt, wrong plan …)."""
        return self.meta is not None

    @property
    def report_time(self) -> dt.datetime | None:
        """When the submission was made: the clerk's report date, else the file's last-saved time."""
        if self.meta is None:
            return None
        if self.meta.report_date is not None:
            return dt.datetime.combine(self.meta.report_date, dt.time())
        return self.meta.saved_at
