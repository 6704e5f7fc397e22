"""Whose form is this? The hidden metadata (plan, version, year, agency, unit) checked against the
plan and what is being collected, and the visible headings checked against the metadata.

A clerk may copy a form and retype its visible headings for another district; the hidden metadata
still names the first one. Storing the figures under either would be wrong without a word, so a
visible agency, unit or year heading that names something else than the metadata is an error.
Headings are compared as a person reads them: Unicode NFC, spaces collapsed, case and Vietnamese
diacritics ignored (``Ba Be`` is ``Ba Bể``), and a heading left empty claims nothing.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from bdg.plan import Plan
from bdg.reorganised import agency_absence, form_moved, renamed_since, unit_absence
from bdg.submission import Problem
from templates import form_layout as L
from templates.intake.locate import FormSheet
from templates.intake.problems import make_problem


def meta_identity(path: Path, plan: Plan, meta: dict, year: int | None, agency: str | None):
    """(year, agency, unit) from the metadata, or the Problem that rejects the file."""
    plan_id = str(meta.get(L.META_PLAN_ID) or "")
    if plan_id != plan.id:
        return make_problem("wrong-plan", path, value=plan_id, expected=plan.id)
    version = as_int(meta.get(L.META_FORM_VERSION))
    if version != plan.form_version:
        return make_problem("form-version-mismatch", path, value=meta.get(L.META_FORM_VERSION),
                            expected=plan.form_version)
    form_year = as_int(meta.get(L.META_YEAR))
    if form_year is None or not plan.period.start <= form_year <= plan.period.end:
        return make_problem("year-outside-period", path, value=meta.get(L.META_YEAR),
                            expected=f"{plan.period.start}–{plan.period.end}")
    form_agency = str(meta.get(L.META_AGENCY) or "")
    form_unit = str(meta.get(L.META_UNIT) or "")
    agencies, units = {a.code for a in plan.agencies}, {u.code for u in plan.units}
    if year is not None and form_year != year:
        renamed = " ".join(filter(None, (renamed_since(plan, kind, code, form_year, year) for kind, code, known
                                         in (("agency", form_agency, agencies), ("unit", form_unit, units))
                                         if code in known)))
        return make_problem("wrong-year", path, value=form_year, expected=year, renamed=_spaced(renamed))
    if form_agency not in {a.code for a in plan.lead_agencies_in(form_year)}:
        return _agency_refused(path, plan, form_agency, form_year)
    if agency is not None and form_agency != agency:
        return make_problem("wrong-agency", path, value=form_agency, expected=agency,
                            agency=_agency_name(plan, form_agency, form_year),
                            expected_agency=_agency_name(plan, agency, form_year))
    if form_unit not in {u.code for u in plan.form_units(form_agency, form_year)}:
        return _unit_refused(path, plan, form_agency, form_unit, form_year)
    return form_year, form_agency, form_unit


def _agency_refused(path: Path, plan: Plan, agency: str, year: int) -> Problem:
    """An agency without a form in ``year``: closed, not yet existing or its series led by others
    (named, with whose forms carry them), else unknown."""
    reason = agency_absence(plan, agency, year) if agency in {a.code for a in plan.agencies} else ""
    if reason:
        return make_problem("agency-not-reporting", path, value=agency, year=year, reason=reason)
    return make_problem("unknown-agency", path, value=agency, expected=str(year),
                        agency=_agency_name(plan, agency, year))


def _unit_refused(path: Path, plan: Plan, agency: str, unit: str, year: int) -> Problem:
    """A unit without a form of ``agency`` in ``year``: closed or not yet existing, or the series it
    would carry led by another agency that year (named, with whose forms carry them), else unknown."""
    known = unit in {u.code for u in plan.units}
    gone = unit_absence(plan, unit, year) if known else ""
    if gone:
        return make_problem("unit-not-reporting", path, value=unit, year=year, reason=gone)
    moved = form_moved(plan, agency, unit, year) if known else ""
    if moved:
        return make_problem("series-moved", path, value=unit, year=year, reason=moved)
    return make_problem("unknown-unit", path, value=unit, expected=agency, year=year,
                        unit=plan.unit(unit).name_in(year) if known else unit,
                        agency=_agency_name(plan, agency, year))


def _agency_name(plan: Plan, code: str, year: int) -> str:
    """An agency as a clerk knows it: its name that year ("Sở Nội vụ"); a code the plan lacks as is."""
    return plan.agency(code).name_in(year) if code in {a.code for a in plan.agencies} else code


def _spaced(sentence: str) -> str:
    return f" {sentence}" if sentence else ""


def heading_problems(path: Path, plan: Plan, sheet: FormSheet, year: int, agency: str, unit: str) -> list[Problem]:
    """The visible year, agency and unit headings of the form sheet against the metadata."""
    problems = []
    rows = sheet.keys.get(("year",), [])
    if rows:
        shown = as_int(sheet.cell(rows[0], "value"))
        if shown is not None and shown != year:
            renamed = " ".join(filter(None, (renamed_since(plan, kind, code, year, shown) for kind, code in
                                             (("agency", agency), ("unit", unit)))))
            problems.append(make_problem("year-cell-mismatch", path, sheet=sheet.name, cell=sheet.a1(rows[0], "value"),
                                         value=shown, expected=year, renamed=_spaced(renamed)))
    agencies, units = plan.names_known(year)
    for key, what, own, names in (("agency", "cơ quan báo cáo", agency, agencies), ("unit", "đơn vị báo cáo", unit, units)):
        for row in sheet.keys.get((key,), [])[:1]:
            column, text = _heading_text(sheet, row)
            if text is None or _agrees(_folded(text), own, names):
                continue
            shown = text.split(":", 1)[1].strip() if ":" in text else text
            problems.append(make_problem("identity-mismatch", path, sheet=sheet.name, cell=sheet.a1(row, column),
                                         value=shown, what=what, expected=names[own][0]))
    return problems


_GENERIC = ("toan tinh ", "tinh ", "huyen ", "thi xa ", "thanh pho ", "quan ")


def _agrees(text: str, own: str, names: dict[str, tuple[str, ...]]) -> bool:
    """The heading names ``own`` (in full; or by its bare name when it names no other one in full)."""
    if any(_folded(n) in text for n in names[own] if n):
        return True
    if any(_folded(n) in text for code, ns in names.items() if code != own for n in ns if n):
        return False
    return any(_bare(_folded(n)) in text for n in names[own] if n)


def _bare(name: str) -> str:
    for word in _GENERIC:
        if name.startswith(word):
            return name[len(word):]
    return name


def _heading_text(sheet: FormSheet, row: int) -> tuple[str, str | None]:
    """The first text cell of a heading row after the key column: (column key, text)."""
    by_index = {c: k for k, c in sheet.columns.items()}
    cells = sheet.rows[row] if row < len(sheet.rows) else []
    for c in range(sheet.key_col + 1, len(cells)):
        value = cells[c]
        if isinstance(value, str) and value.strip():
            return by_index.get(c, "code"), value
    return "code", None


@functools.lru_cache(maxsize=4096)  # the plan's names, folded again for every form otherwise
def _folded(text: str) -> str:
    """Text as a reader compares it: no diacritics (đ → d), no case, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
