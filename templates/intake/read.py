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
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from bdg.plan import Plan
from bdg.submission import FormMeta, Narrative, Problem, Submission
from templates import form_layout as L
from templates.intake.cell_values import read_date
from templates.intake.container import LazyFacts, Limits, is_read_error, open_spreadsheet
from templates.intake.content import extension_finding
from templates.intake.inbox import is_owner_file, owned_form, walk
from templates.intake.identity import as_int, heading_problems, meta_identity
from templates.intake.isolate import internal_error, read_isolated
from templates.intake.locate import FormSheet, find_form_sheets, find_meta
from templates.intake.problems import elsewhere, make_problem
from templates.intake.unzip import unpacked
from templates.intake.validate import CELL_TEXT_LIMIT, SeriesContext, is_jump, read_series, text_length

Previous = Mapping[tuple[str, str, int], object]


def read_form(path: Path | str, plan: Plan, *, previous: Previous | None = None, year: int | None = None,
              agency: str | None = None, limits: Limits = Limits()) -> Submission:
    """Read one filled form. ``year``/``agency``: what is being collected (forms for others are rejected).

    Never raises. Only errors of reading the file (zip, XML, calamine, OS) become file problems; any
    other exception is a fault of bdg: an ``internal-error`` whose traceback goes to a log file, with
    no SHA-256 (so the file is never taken as received and is read again next time).
    """
    path = Path(path)
    if path.is_dir() and (path.is_symlink() or not os.access(path, os.R_OK | os.X_OK)):  # the walk lists these
        why = "là lối tắt (liên kết) tới một thư mục khác" if path.is_symlink() else "là thư mục không mở được"
        return Submission(str(path), None, None, problems=[make_problem("folder-not-read", path, why=why)])
    if path.exists() and not path.is_file() and not path.is_dir():  # a named pipe, a socket, a device: would block
        return Submission(str(path), None, None, problems=[make_problem("cannot-read-file", path,
                                                                        detail="không phải tệp thông thường")])
    if is_owner_file(path):  # may be locked while the form is open: not opened at all
        return Submission(str(path), None, None, problems=[make_problem("excel-owner-file", path,
                                                                        form=owned_form(path))])
    try:
        opened = open_spreadsheet(path, limits)
        if opened.opened is None:
            return Submission(str(path), opened.sha256, None,
                              problems=[make_problem(code, path, **params) for code, params in opened.findings])
        sub = _read(path, opened, plan, previous, year, agency)
        named = extension_finding(path, opened.opened.kind)
        if named:
            sub.problems.insert(0, make_problem(named[0], path, **named[1]))
        return sub
    except Exception as exc:
        if is_read_error(exc):  # a damaged part calamine or the zip reader could not read
            return Submission(str(path), _sha(path), None,
                              problems=[make_problem("corrupt-file", path, detail=_detail(exc))])
        return internal_error(path, exc)


def check_paths(paths: Iterable[Path | str], plan: Plan, *, previous: Previous | None = None,
                year: int | None = None, agency: str | None = None, limits: Limits = Limits(),
                workers: int | None = None, own: Iterable[Path | str] = ()) -> list[Submission]:
    """Read every file under the given files and folders (recursively; only the silently fine files of
    :mod:`templates.intake.inbox` left out): forms are read — also inside zip archives
    (:mod:`templates.intake.unzip`, named ``archive.zip/inner/form.xlsx``) — every other file named by what it is.

    Besides ``previous``, values read in the same batch for the year before serve for the
    jump check, so checking several years at once also catches sudden changes. ``own``: the
    caller's files that are silently fine (the master, when it sits in the folder).
    """
    with unpacked(expand_paths(paths, own=own), limits) as inbox:  # forms inside zip archives too
        subs = read_paths(inbox.disk_files, plan, previous=previous, year=year, agency=agency, limits=limits,
                          workers=workers)
        subs = inbox.shown(subs)
    return batch_jumps(subs, plan, previous or {})


def read_paths(files: list[Path], plan: Plan, *, previous: Previous | None = None, year: int | None = None,
               agency: str | None = None, limits: Limits = Limits(), workers: int | None = None,
               progress=None) -> list[Submission]:
    """:func:`read_form` for each file, each in a worker process (:mod:`templates.intake.isolate`), so
    a file whose reader dies costs only that file; ``progress(done, total)`` as files are read."""
    options = (plan, dict(previous or {}), year, agency, limits)
    return read_isolated(files, read_with, options, workers=workers, progress=progress)


def read_with(path: Path, options) -> Submission:
    """:func:`read_form` with ``options`` = (plan, previous, year, agency, limits): what a worker runs."""
    plan, previous, year, agency, limits = options
    return read_form(path, plan, previous=previous, year=year, agency=agency, limits=limits)


def expand_paths(paths: Iterable[Path | str], *, own: Iterable[Path | str] = ()) -> list[Path]:
    """Every file to read under the given files and folders (:func:`templates.intake.inbox.walk`):
    all but the silently fine ones, whatever their extension, sorted, once each."""
    return walk(paths, own=own).files


# --- one workbook --------------------------------------------------------------------------
def _read(path: Path, opened, plan: Plan, previous, year: int | None, agency: str | None) -> Submission:
    sub = Submission(str(path), opened.sha256, None)
    wb = opened.opened.workbook
    found = find_meta(wb)
    if found is None or found[1].get(L.META_KIND) != L.FORM_KIND:
        sub.problems.append(make_problem("not-a-form", path))
        return sub
    meta_sheet, meta = found
    identity = meta_identity(path, plan, meta, year, agency)
    if isinstance(identity, Problem):
        sub.problems.append(identity)
        return sub
    form_year, form_agency, form_unit = identity
    if as_int(meta.get(L.META_SAMPLE)) == 1:
        sub.problems.append(make_problem("sample-data", path))
    base_meta = FormMeta(plan.id, plan.form_version, form_agency, form_unit, form_year,
                         saved_at=opened.opened.saved_at)
    sheets = find_form_sheets(wb, skip={meta_sheet})
    if not sheets:
        sub.meta = base_meta
        sub.problems.append(make_problem("missing-form-sheet", path, expected=L.FORM_SHEET))
        return sub
    if len(sheets) > 1:
        sub.problems.append(make_problem("several-form-sheets", path, count=len(sheets),
                                         value=", ".join(f"'{s.name}'" for s in sheets)))
        return sub
    sheet = sheets[0]
    mismatch = heading_problems(path, plan, sheet, form_year, form_agency, form_unit)
    if mismatch:
        sub.problems.extend(mismatch)
        return sub
    report_date = _report_date(path, sheet, form_year, sub.problems)
    sub.meta = dataclasses.replace(base_meta, report_date=report_date)
    ctx = SeriesContext(str(path), sheet, LazyFacts(opened.opened, sheet.name), form_unit, form_year, previous,
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
                                             series=key[1], reason=elsewhere(plan, key[1], form_agency, form_year)))
    sub.narratives = _narratives(sheet, sorted({s.objective for s in series}))
    for n in sub.narratives:
        if text_length(n.text) > CELL_TEXT_LIMIT:
            sub.problems.append(make_problem("long-narrative", path, sheet=n.sheet, cell=n.cell,
                                             count=text_length(n.text), limit=CELL_TEXT_LIMIT))
    return sub


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


def _sha(path: Path) -> str | None:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:120] if text else type(exc).__name__


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
    except Exception as exc:  # there is no file to be damaged: whatever breaks here is a fault of bdg
        return internal_error(name, exc)


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
