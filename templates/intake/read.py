"""Intake: read filled agency forms (.xlsx, .xlsm, .xls, .ods) into :class:`bdg.submission.Submission`.

Never trusts a file and never raises for bad input: every finding is a
:class:`~bdg.submission.Problem` (see :mod:`templates.intake.problems`). Values come from python-calamine;
parts are found by the keys declared in :mod:`templates.form_layout`; each value is derived from
the raw inputs by :func:`bdg.derive.derive`. Values with an error are left out of
``Submission.values``; values with warnings are kept with ``flags``. A value with no data is kept
as ``value=None`` flagged ``missing-value``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from bdg.plan import Plan
from bdg.submission import FormMeta, Narrative, Problem, Submission
from templates import form_layout as L
from templates.intake.cell_values import read_date
from templates.intake.container import FORM_SUFFIXES, LazyErrors, Limits, open_spreadsheet
from templates.intake.locate import FormSheet, find_form_sheet, find_meta
from templates.intake.problems import make_problem
from templates.intake.validate import SeriesContext, is_jump, read_series

Previous = Mapping[tuple[str, str, int], object]
LOCK_PREFIXES = ("~$", ".~lock")


def read_form(path: Path | str, plan: Plan, *, previous: Previous | None = None, year: int | None = None,
              agency: str | None = None, limits: Limits = Limits()) -> Submission:
    """Read one filled form. ``year``/``agency``: what is being collected (forms for others are rejected)."""
    path = Path(path)
    opened = open_spreadsheet(path, limits)
    if opened.opened is None:
        return Submission(str(path), opened.sha256, None,
                          problems=[make_problem(code, path, **params) for code, params in opened.findings])
    try:
        return _read(path, opened, plan, previous, year, agency)
    except Exception as exc:  # a damaged part calamine could not read: still a finding, not a crash
        return Submission(str(path), opened.sha256, None,
                          problems=[make_problem("corrupt-file", path, detail=f"{type(exc).__name__}: {exc}"[:120])])


def check_paths(paths: Iterable[Path | str], plan: Plan, *, previous: Previous | None = None,
                year: int | None = None, agency: str | None = None, limits: Limits = Limits()) -> list[Submission]:
    """Read every form under the given files and folders (recursively; lock files ignored).

    Besides ``previous``, values read in the same batch for the year before serve for the
    jump check, so checking several years at once also catches sudden changes.
    """
    subs = [read_form(p, plan, previous=previous, year=year, agency=agency, limits=limits)
            for p in expand_paths(paths)]
    return batch_jumps(subs, plan, previous or {})


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files named directly (whatever their extension) and forms found in folders, sorted, once each."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = [f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in FORM_SUFFIXES
                     and not _is_lock(f)]
            out.extend(sorted(found))
        elif not _is_lock(p):
            out.append(p)
    return list(dict.fromkeys(out))


def _is_lock(p: Path) -> bool:
    return p.name.startswith(LOCK_PREFIXES)


# --- one workbook --------------------------------------------------------------------------
def _read(path: Path, opened, plan: Plan, previous, year: int | None, agency: str | None) -> Submission:
    sub = Submission(str(path), opened.sha256, None)
    wb = opened.opened.workbook
    found = find_meta(wb)
    if found is None or found[1].get(L.META_KIND) != L.FORM_KIND:
        sub.problems.append(make_problem("not-a-form", path))
        return sub
    meta_sheet, meta = found
    identity = _identity(path, plan, meta, year, agency)
    if isinstance(identity, Problem):
        sub.problems.append(identity)
        return sub
    form_year, form_agency, form_unit = identity
    if _int(meta.get(L.META_SAMPLE)) == 1:
        sub.problems.append(make_problem("sample-data", path))
    base_meta = FormMeta(plan.id, plan.form_version, form_agency, form_unit, form_year,
                         saved_at=opened.opened.saved_at)
    sheet = find_form_sheet(wb, skip={meta_sheet})
    if sheet is None:
        sub.meta = base_meta
        sub.problems.append(make_problem("missing-form-sheet", path, expected=L.FORM_SHEET))
        return sub
    year_problem = _check_year_cell(path, sheet, form_year)
    if year_problem:
        sub.problems.append(year_problem)
        return sub
    report_date = _report_date(path, sheet, form_year, sub.problems)
    sub.meta = dataclasses.replace(base_meta, report_date=report_date)
    ctx = SeriesContext(str(path), sheet, LazyErrors(opened.opened, sheet.name), form_unit, form_year, previous,
                        empty_reads_as_zero=opened.opened.kind == "xls")
    series = plan.form_series(form_agency, form_unit, form_year)
    for s in series:
        value, problems = read_series(ctx, s)
        sub.problems.extend(problems)
        if value is not None:
            sub.values.append(value)
    expected = {s.code for s in series}
    for key, rows in sheet.keys.items():
        if key[0] == "series" and key[1] not in expected:
            sub.problems.append(make_problem("unexpected-row", path, sheet=sheet.name, cell=sheet.a1(rows[0], "code"),
                                             series=key[1]))
    sub.narratives = _narratives(sheet, sorted({s.objective for s in series}))
    return sub


def _identity(path: Path, plan: Plan, meta: dict, year: int | None, agency: str | None):
    plan_id = str(meta.get(L.META_PLAN_ID) or "")
    if plan_id != plan.id:
        return make_problem("wrong-plan", path, value=plan_id, expected=plan.id)
    version = _int(meta.get(L.META_FORM_VERSION))
    if version != plan.form_version:
        return make_problem("form-version-mismatch", path, value=meta.get(L.META_FORM_VERSION),
                            expected=plan.form_version)
    form_year = _int(meta.get(L.META_YEAR))
    if form_year is None or not plan.period.start <= form_year <= plan.period.end:
        return make_problem("year-outside-period", path, value=meta.get(L.META_YEAR),
                            expected=f"{plan.period.start}–{plan.period.end}")
    if year is not None and form_year != year:
        return make_problem("wrong-year", path, value=form_year, expected=year)
    form_agency = str(meta.get(L.META_AGENCY) or "")
    if form_agency not in {a.code for a in plan.lead_agencies_in(form_year)}:
        return make_problem("unknown-agency", path, value=form_agency, expected=str(form_year))
    if agency is not None and form_agency != agency:
        return make_problem("wrong-agency", path, value=form_agency, expected=agency)
    form_unit = str(meta.get(L.META_UNIT) or "")
    if form_unit not in {u.code for u in plan.form_units(form_agency, form_year)}:
        return make_problem("unknown-unit", path, value=form_unit, expected=form_agency)
    return form_year, form_agency, form_unit


def _check_year_cell(path: Path, sheet: FormSheet, form_year: int) -> Problem | None:
    rows = sheet.keys.get(("year",), [])
    if not rows:
        return None
    shown = _int(sheet.cell(rows[0], "value"))
    if shown is not None and shown != form_year:
        return make_problem("year-cell-mismatch", path, sheet=sheet.name, cell=sheet.a1(rows[0], "value"),
                            value=shown, expected=form_year)
    return None


def _report_date(path: Path, sheet: FormSheet, year: int, problems: list[Problem]) -> dt.date | None:
    rows = sheet.keys.get(("report_date",), [])
    cell = sheet.a1(rows[0], "value") if rows else None
    raw = sheet.cell(rows[0], "value") if rows else None
    date, detail = read_date(raw)
    if date is None and detail is None:
        problems.append(make_problem("missing-report-date", path, sheet=sheet.name, cell=cell))
        return None
    if date is not None and not dt.date(year, 1, 1) <= date <= dt.date(year + 1, 12, 31):
        detail, date = f"ngoài năm {year}–{year + 1}", None
    if date is None:
        problems.append(make_problem("invalid-report-date", path, sheet=sheet.name, cell=cell,
                                     value=raw if not isinstance(raw, (dt.date, dt.datetime)) else f"{raw:%d/%m/%Y}",
                                     detail=detail))
    return date


def _narratives(sheet: FormSheet, objectives: list[int]) -> list[Narrative]:
    out = []
    for number in objectives:
        for kind in L.NARRATIVE_KINDS:
            for row in sheet.keys.get(("narrative", str(number), kind), [])[:1]:
                column, text = _narrative_text(sheet, row)
                if text:
                    out.append(Narrative(number, kind, text, sheet.name, sheet.a1(row, column)))
    return out


def _narrative_text(sheet: FormSheet, row: int) -> tuple[str, str | None]:
    value = sheet.cell(row, L.NARRATIVE_COLUMN)
    if isinstance(value, str) and value.strip():
        return L.NARRATIVE_COLUMN, value.strip()
    start = sheet.columns.get("label", sheet.key_col) + 1
    by_index = {c: k for k, c in sheet.columns.items()}
    for c in range(start, len(sheet.rows[row])):
        v = sheet.rows[row][c]
        if isinstance(v, str) and v.strip():
            return by_index.get(c, L.NARRATIVE_COLUMN), v.strip()
    return L.NARRATIVE_COLUMN, None


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


# --- the batch: last year's values from the same run ---------------------------------------------
def batch_jumps(subs: list[Submission], plan: Plan, given: Previous) -> list[Submission]:
    latest: dict[tuple[str, str, int], tuple[dt.datetime, object]] = {}
    for sub in subs:
        when = sub.report_time or dt.datetime.min
        for v in sub.values:
            key = (v.series, v.unit, v.year)
            if isinstance(v.value, float) and (key not in latest or when >= latest[key][0]):
                latest[key] = (when, v.value)
    for sub in subs:
        for i, v in enumerate(sub.values):
            key = (v.series, v.unit, v.year - 1)
            if key in given or key not in latest or not isinstance(v.value, float):
                continue
            before = latest[key][1]
            if is_jump(plan.series_by_code(v.series), v.value, before):
                sub.problems.append(make_problem("jump-from-last-year", sub.path, sheet=v.sheet, cell=v.cell,
                                                 series=v.series, value=v.value, previous=before))
                sub.values[i] = dataclasses.replace(v, flags=v.flags + ("jump-from-last-year",))
    return subs


# --- a form given as cell values (an open workbook, e.g. in Excel through xlwings) -------------
def read_form_values(sheets: Mapping[str, list[list]], plan: Plan, *, name: str, previous: Previous | None = None,
                     year: int | None = None, agency: str | None = None) -> Submission:
    """Read a form from its sheets' values instead of a file: ``{sheet name: rows from A1}`` in tab order.

    Empty cells may be None or ""; error cells must be their text ("#DIV/0!"). ``name`` stands for
    the file in messages. There is no file, so no SHA-256 and no saved time.
    """
    from templates.intake.container import Opened, OpenResult

    opened = OpenResult(Opened("values", b"", _ValuesWorkbook(sheets)), None)
    try:
        return _read(Path(name), opened, plan, previous, year, agency)
    except Exception as exc:  # values that break a reader: a finding, as for a damaged file
        return Submission(name, None, None,
                          problems=[make_problem("corrupt-file", name, detail=f"{type(exc).__name__}: {exc}"[:120])])


class _ValuesWorkbook:
    """What the form reader needs of a calamine workbook, over plain values."""

    def __init__(self, sheets: Mapping[str, list[list]]):
        self._rows = {n: [["" if v is None else v for v in (row or [])] for row in (rows or [])]
                      for n, rows in sheets.items()}
        self.sheet_names = list(self._rows)

    def get_sheet_by_name(self, name: str) -> _ValuesSheet:
        return _ValuesSheet(self._rows[name])


class _ValuesSheet:
    def __init__(self, rows: list[list]):
        self._rows = rows

    def to_python(self, skip_empty_area: bool = True) -> list[list]:
        return self._rows
