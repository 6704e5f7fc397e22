"""Builders for the consolidation tests: submissions as intake returns them, backed by real files."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from bdg.derive import derive
from bdg.plan import Plan
from bdg.submission import FormMeta, Narrative, Problem, ReportedValue, Submission
from workbook.master import create_master
from workbook.state import read_master

NOW = dt.datetime(2016, 1, 15, 9, 30)


def master(plan: Plan, folder: Path) -> Path:
    path = Path(folder) / "master.xlsx"
    create_master(plan, path)
    return path


def submission(plan: Plan, folder: Path, name: str, agency: str, unit: str, year: int,
               values: dict[str, list], *, report_date: dt.date | None = None,
               saved_at: dt.datetime | None = None, narratives: dict[tuple[int, str], str] | None = None,
               problems: list[Problem] | None = None, flags: dict[str, tuple[str, ...]] | None = None) -> Submission:
    """A submission for ``values`` ({series code: inputs in the series' order}), with a file on disk.

    The file holds the submission's content, so equal content gives an equal SHA-256.
    """
    vals = []
    for code, inputs in values.items():
        s = plan.series_by_code(code)
        named = {spec.key: x for spec, x in zip(s.inputs, inputs)}
        vals.append(ReportedValue(code, unit, year, named, derive(s, named), "Biểu mẫu", f"H{10 + len(vals) * 3}",
                                  data_source="Thống kê", flags=(flags or {}).get(code, ())))
    narrs = [Narrative(obj, kind, text, "Biểu mẫu", f"D{40 + i}")
             for i, ((obj, kind), text) in enumerate(sorted((narratives or {}).items()))]
    path = Path(folder) / name
    body = repr((agency, unit, year, sorted(values.items()), report_date, saved_at, sorted((narratives or {}).items())))
    path.write_bytes(body.encode())
    meta = FormMeta(plan.id, plan.form_version, agency, unit, year, report_date, saved_at)
    return Submission(str(path), hashlib.sha256(body.encode()).hexdigest(), meta, vals, narrs, list(problems or []))


def rows(path: Path, table: str = "data") -> list[dict]:
    return [_cells(r) for r in getattr(read_master(path), table)]


def _cells(row) -> dict:
    """A row read back as its cells (typed rows and plain records alike), without the sheet row."""
    rec = row.record() if hasattr(row, "record") else row
    return {k: v for k, v in rec.items() if k != "_row"}


def by_status(path: Path) -> dict[tuple, list[tuple]]:
    """(code, unit, year) → [(status, value, agency, source file)] in sheet order."""
    out: dict[tuple, list[tuple]] = {}
    for r in rows(path):
        key = (r["code"], r["unit_code"], int(r["year"]))
        out.setdefault(key, []).append((r["status"], r["value"], r["agency"], r["source_file"]))
    return out


def tables(path: Path) -> dict[str, list[dict]]:
    """Everything consolidation owns, comparable across runs."""
    state = read_master(path)
    return {t: [_cells(r) for r in getattr(state, t)] for t in ("data", "narratives", "submissions", "log", "problems")}
