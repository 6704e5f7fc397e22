"""Rows of the master's tables made from what intake read (:mod:`workbook.rows` types).

The rows made here are the same types :func:`workbook.state.read_master` gives back, so a
row survives a round trip through the workbook unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from bdg.numbers import fmt_shown
from bdg.plan import Plan
from bdg.submission import NARRATIVE_LABELS, SEVERITY_LABELS, Problem, ReportedValue, Submission
from workbook.layout import STATUS_ACTIVE
from workbook.rows import NarrativeRow, ProblemRow, ValueRow


def record_id(sha256: str, code: str, unit: str, year: int) -> str:
    """Stable id of one value from one file: the same file always gives the same ids."""
    return hashlib.sha256(f"{sha256}|{code}|{unit}|{year}".encode()).hexdigest()[:16]


def content_sha(sub: Submission) -> str:
    """A stand-in hash for a submission read without a file (values read from an open workbook)."""
    h = hashlib.sha256(str(sub.path).encode())
    for v in sub.values:
        h.update(repr((v.series, v.unit, v.year, sorted(v.inputs.items()), v.value)).encode())
    for n in sub.narratives:
        h.update(repr((n.objective, n.kind, n.text)).encode())
    return h.hexdigest()


class Lookup:
    """The plan's series and units by code (looked up once per value, so kept in dicts)."""

    def __init__(self, plan: Plan):
        self.series = {s.code: s for s in plan.series}
        self.units = {u.code: u for u in plan.units}

    def unit_name(self, code: str, year: int) -> str:
        unit = self.units.get(code)
        return unit.name_in(year) if unit else code


def value_record(look: Lookup, sub: Submission, v: ReportedValue, *, sha: str, received_at: dt.datetime,
                 file_name: str | None = None) -> ValueRow:
    """A Số liệu row for one accepted value; status is set later by the merge."""
    s = look.series[v.series]
    inputs = [v.inputs.get(spec.key) for spec in s.inputs]
    desc = "; ".join(f"{spec.label} = {fmt_shown(x)}" for spec, x in zip(s.inputs, inputs))
    warnings = [p.message for p in sub.problems
                if p.severity == "warning" and p.series == v.series and p.code in v.flags] if v.flags else []
    padded = (inputs + [None] * 3)[:3]
    return ValueRow(
        record_id=record_id(sha, v.series, v.unit, v.year), code=v.series, series_name=s.name, year=v.year,
        unit_code=v.unit, unit_name=look.unit_name(v.unit, v.year), agency=sub.meta.agency, inputs_desc=desc,
        input_1=padded[0], input_2=padded[1], input_3=padded[2], value=v.value, data_source=v.data_source,
        note=v.note, status=STATUS_ACTIVE, flags="\n".join(dict.fromkeys(warnings)) or None, resolution=None,
        report_date=sub.report_time, received_at=received_at, source_file=file_name or Path(sub.path).name,
        source_cell=f"{v.sheet}!{v.cell}", sha256=sha)


def narrative_record(sub: Submission, n, *, sha: str, file_name: str | None = None) -> NarrativeRow:
    m = sub.meta
    return NarrativeRow(year=m.year, agency=m.agency, unit_code=m.unit, objective=n.objective,
                        kind=NARRATIVE_LABELS.get(n.kind, n.kind), text=n.text, status=STATUS_ACTIVE,
                        source_file=file_name or Path(sub.path).name, sha256=sha, source_cell=f"{n.sheet}!{n.cell}")


def problem_record(sub: Submission, p: Problem, *, sha: str | None, received_at: dt.datetime) -> ProblemRow:
    m = sub.meta
    return ProblemRow(time=received_at, file=str(sub.path), sha256=sha, agency=m.agency if m else None,
                      unit_code=m.unit if m else None, year=m.year if m else None,
                      severity=SEVERITY_LABELS.get(p.severity, p.severity), problem=p.code, sheet=p.sheet,
                      cell=p.cell, series=p.series, value=None if p.value is None else fmt_shown(p.value),
                      message=p.message)
