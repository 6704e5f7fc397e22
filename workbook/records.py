"""Rows of the master's tables made from what intake read, and rows read back made comparable.

Every function returns plain dicts keyed by the layout's column keys (:mod:`workbook.layout`),
the shape :func:`workbook.state.read_master` gives back, so a row survives a round trip
through the workbook unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from bdg.numbers import fmt_shown
from bdg.plan import Plan
from bdg.submission import NARRATIVE_LABELS, SEVERITY_LABELS, Problem, ReportedValue, Submission
from workbook.layout import STATUS_ACTIVE, Column, SheetLayout, locate
from workbook.sheets import read_records

INPUT_COLUMNS = ("input_1", "input_2", "input_3")


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
                 file_name: str | None = None) -> dict:
    """A Số liệu row for one accepted value; status is set later by the merge."""
    s = look.series[v.series]
    inputs = [v.inputs.get(spec.key) for spec in s.inputs]
    desc = "; ".join(f"{spec.label} = {fmt_shown(x)}" for spec, x in zip(s.inputs, inputs))
    warnings = [p.message for p in sub.problems
                if p.severity == "warning" and p.series == v.series and p.code in v.flags] if v.flags else []
    rec = {
        "record_id": record_id(sha, v.series, v.unit, v.year),
        "code": v.series,
        "series_name": s.name,
        "year": v.year,
        "unit_code": v.unit,
        "unit_name": look.unit_name(v.unit, v.year),
        "agency": sub.meta.agency,
        "inputs_desc": desc,
        "value": v.value,
        "data_source": v.data_source,
        "note": v.note,
        "status": STATUS_ACTIVE,
        "flags": "\n".join(dict.fromkeys(warnings)) or None,
        "resolution": None,
        "report_date": sub.report_time,
        "received_at": received_at,
        "source_file": file_name or Path(sub.path).name,
        "source_cell": f"{v.sheet}!{v.cell}",
        "sha256": sha,
    }
    for column, x in zip(INPUT_COLUMNS, inputs):
        rec[column] = x
    return rec


def narrative_record(sub: Submission, n, *, sha: str, file_name: str | None = None) -> dict:
    m = sub.meta
    return {"year": m.year, "agency": m.agency, "unit_code": m.unit, "objective": n.objective,
            "kind": NARRATIVE_LABELS.get(n.kind, n.kind), "text": n.text, "status": STATUS_ACTIVE,
            "source_file": file_name or Path(sub.path).name, "sha256": sha, "source_cell": f"{n.sheet}!{n.cell}"}


def problem_record(sub: Submission, p: Problem, *, sha: str | None, received_at: dt.datetime) -> dict:
    m = sub.meta
    return {"time": received_at, "file": str(sub.path), "sha256": sha,
            "agency": m.agency if m else None, "unit_code": m.unit if m else None, "year": m.year if m else None,
            "severity": SEVERITY_LABELS.get(p.severity, p.severity), "problem": p.code, "sheet": p.sheet,
            "cell": p.cell, "series": p.series, "value": None if p.value is None else fmt_shown(p.value),
            "message": p.message}


# --- what a row says, made comparable --------------------------------------------------------
def norm(value):
    """A cell value as comparable data: numbers as rounded floats, text without extra spaces."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        f = float(value)
        return None if not math.isfinite(f) else round(f, 9)
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    text = " ".join(str(value).split())
    return text or None


def key_of(rec: dict) -> tuple[str, str, int | None]:
    """(series code, unit code, year) of a Số liệu row (kept in the row as ``_key``: never written)."""
    key = rec.get("_key")
    if key is None:
        key = rec["_key"] = (text(rec.get("code")), text(rec.get("unit_code")), year_of(rec.get("year")))
    return key


def narrative_key(rec: dict) -> tuple:
    """(agency, unit, year, objective, kind) of a Thuyết minh row (kept as ``_key``)."""
    key = rec.get("_key")
    if key is None:
        key = rec["_key"] = (text(rec.get("agency")), text(rec.get("unit_code")), year_of(rec.get("year")),
                             year_of(rec.get("objective")), text(rec.get("kind")))
    return key


def figures(rec: dict) -> tuple:
    """What a value row says: inputs, value, source and note (provenance left out)."""
    return (tuple(norm(rec.get(c)) for c in INPUT_COLUMNS), norm(rec.get("value")),
            norm(rec.get("data_source")), norm(rec.get("note")))


def text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if value is not None else ""


def whole(value) -> int | None:
    """A cell holding a whole number (a year, a count) as an int; None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return int(f) if f.is_integer() else None


year_of = whole


def when(value) -> dt.datetime | None:
    """A date or time cell as a datetime (None when empty or not a date)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str) and value.strip():
        for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(value.strip(), fmt)
            except ValueError:
                continue
    return None


def clean(records: list[dict], *, ints: tuple[str, ...] = ("year",),
          dates: tuple[str, ...] = ()) -> list[dict]:
    """Rows as read back: without the reader's ``_row``, years as ints, dates as datetimes."""
    out = []
    for rec in records:
        rec = {k: v for k, v in rec.items() if k != "_row"}
        for k in ints:
            y = year_of(rec.get(k))
            if y is not None:
                rec[k] = y
        for k in dates:
            d = when(rec.get(k))
            if d is not None:
                rec[k] = d
        out.append(rec)
    return out


# --- a table sheet read back, with the columns a user added ---------------------------------------
@dataclass
class SheetTable:
    """The rows of one table sheet and its layout widened by the columns a user added.

    Extra columns (a header the layout does not know) are kept on rewrite, after the layout's
    columns, under the key ``+<header>``.
    """

    layout: SheetLayout
    records: list[dict] = field(default_factory=list)


def read_tables(path: Path, layouts: dict[str, SheetLayout]) -> dict[str, SheetTable]:
    """{name: SheetTable} for the given layouts (by attribute name); a missing sheet reads as empty."""
    from python_calamine import CalamineWorkbook

    from bdg.errors import BdgError

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception:
        raise BdgError(code="master-unreadable", master=path) from None
    out = {}
    for name, layout in layouts.items():
        if layout.name not in wb.sheet_names:
            out[name] = SheetTable(layout)
            continue
        rows = wb.get_sheet_by_name(layout.name).to_python(skip_empty_area=False)
        out[name] = _table(rows, layout)
    return out


def _table(rows: list[list], layout: SheetLayout) -> SheetTable:
    required = ("code",) if "code" in layout.keys else ()
    header, cols = locate(rows, layout, required)
    known = set(cols.values())
    extras = [(c, " ".join(str(v).split())) for c, v in enumerate(rows[header])
              if c not in known and v not in (None, "") and " ".join(str(v).split())]
    extras = list({name: (c, name) for c, name in reversed(extras)}.values())[::-1]  # first of equal headers
    widened = replace(layout, columns=layout.columns + tuple(Column(f"+{name}", name, 14, wrap=True)
                                                             for _, name in extras))
    records = read_records(rows, layout, required)
    for rec in records:
        row = rows[rec["_row"] - 1]
        for c, name in extras:
            rec[f"+{name}"] = row[c] if c < len(row) else None
    return SheetTable(widened, records)
