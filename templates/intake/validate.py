"""Reading and checking one series on a form: its input rows, the derived value, and the problems.

Errors reject the series' value (it is left out of the submission); warnings keep it, listed in
``ReportedValue.flags``. The value is always derived here from the raw inputs with
:func:`bdg.derive.derive`; a cached formula result that disagrees is a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bdg.derive import derive
from bdg.numbers import NO_DATA, fmt_number
from bdg.plan import Series
from bdg.submission import Problem, ReportedValue
from templates.intake.cell_values import is_excel_error, read_choice, read_number, same_text
from templates.intake.locate import FormSheet
from templates.intake.problems import make_problem

CELL_TEXT_LIMIT = 32_767  # what one Excel cell holds, counted in UTF-16 units (an emoji counts 2)
PARTS = (("women", "men"), ("boys", "girls"), ("female", "male"))  # inputs that add up to the input "total"
TOTAL = "total"
JUMP_RELATIVE = 0.5  # a change of more than half of last year's value …
JUMP_RANGE_SHARE = 0.1  # … and of more than a tenth of the plausible range (or of 10 without one)
TOLERANCE = 1e-9


@dataclass
class SeriesContext:
    file: str
    sheet: FormSheet
    facts: object  # .errors {(row0, col0): "#DIV/0!"} and .uncached {(row0, col0)}: see container.LazyFacts
    unit: str
    year: int
    previous: Mapping[tuple[str, str, int], object] | None = None
    empty_reads_as_zero: bool = False  # .xls: calamine reads a formula's empty-text result as 0


def read_series(ctx: SeriesContext, s: Series) -> tuple[ReportedValue | None, list[Problem]]:
    sheet = ctx.sheet
    problems: list[Problem] = []

    def problem(code: str, row: int | None, column: str = "value", *, also: tuple[int, ...] = (),
                **params) -> Problem:
        p = make_problem(code, ctx.file, sheet=sheet.name, cell=None if row is None else sheet.a1(row, column),
                         series=s.code, other_cells=tuple(sheet.a1(r, column) for r in also), **params)
        problems.append(p)
        return p

    series_row = _one_row(ctx, s, ("series", s.code), "dòng chỉ tiêu", problem)
    input_rows = {spec.key: _one_row(ctx, s, ("input", s.code, spec.key), spec.label, problem) for spec in s.inputs}
    if series_row is None or any(r is None for r in input_rows.values()):
        return None, problems

    inputs: dict[str, float | str | None] = {}
    raws: dict[str, object] = {}
    for spec in s.inputs:
        row = input_rows[spec.key]
        raw = sheet.cell(row, "value")
        col = sheet.columns.get("value")
        if raw is None and col is not None and (row, col) in ctx.facts.errors:
            raw = ctx.facts.errors[(row, col)]
        if raw is None and col is not None and (row, col) in ctx.facts.uncached:
            problem("uncached-formula", row, label=spec.label)
            inputs[spec.key] = raws[spec.key] = None
            continue
        if spec.kind == "choice":
            reading = read_choice(raw, spec.choices)
        else:
            percent = spec.kind == "decimal" and s.percent and s.derivation.kind == "direct"
            plausible = (s.range.min, s.range.max) if s.range else None
            reading = read_number(raw, spec.kind, percent=percent, plausible=plausible)
        for code, params in reading.findings:
            problem(code, row, value=raw, label=spec.label, **params)
        inputs[spec.key] = reading.value
        raws[spec.key] = raw
    if any(p.severity == "error" for p in problems):
        return None, problems

    value = derive(s, inputs)
    first_row = input_rows[s.inputs[0].key]
    d = s.derivation
    if _parts_differ(s, inputs, input_rows, problem):
        return None, problems
    if d.kind == "share" and (s.percent or s.unit == "%"):
        num, den = inputs.get(d.numerator), inputs.get(d.denominator)
        if isinstance(num, float) and isinstance(den, float) and num > den:
            problem("numerator-exceeds-denominator", input_rows[d.numerator], also=(input_rows[d.denominator],),
                    value=num, other=den,
                    numerator=_label(s, d.numerator),
                    denominator=_label(s, d.denominator))
            problem("impossible-value", series_row, value=value, unit="%",
                    detail=f"một tỷ lệ phần trăm không thể quá 100%, vì {_label(s, d.numerator)} lớn hơn "
                           f"{_label(s, d.denominator)}")
            return None, problems
    if d.kind == "direct" and s.percent and isinstance(value, float) and value > 100:
        problem("share-over-100", first_row, value=value)
        return None, problems

    missing = [spec for spec in s.inputs if inputs.get(spec.key) is None]
    if missing:
        problem("missing-value", input_rows[missing[0].key], value=", ".join(m.label for m in missing))
    elif value is None and d.kind in ("share", "reduction"):
        den_key = d.denominator if d.kind == "share" else d.baseline
        problem("zero-denominator", input_rows[den_key], value=0, denominator=_label(s, den_key))
    if isinstance(value, float):
        _check_range(s, value, series_row, problem)
        _check_jump(ctx, s, value, series_row, problem)
    mirrored = raws.get(d.input) if d.kind == "direct" else None  # the formula just shows the typed cell
    # a number typed as text: the form's ISNUMBER() shows nothing (an .xls reads that as 0), bdg reads the number
    typed_as_text = d.kind != "direct" and any(isinstance(raws.get(k), str) for k in d.input_keys())
    _check_cached(sheet, s, value, series_row, problem, ctx.empty_reads_as_zero, mirrored, typed_as_text)
    if any(p.severity == "error" for p in problems):
        return None, problems
    source, note = _text(sheet.cell(series_row, "source")), _text(sheet.cell(series_row, "note"))
    for column, text in (("source", source), ("note", note)):
        if text and text_length(text) > CELL_TEXT_LIMIT:
            problem("text-too-long", series_row, column, count=text_length(text), limit=CELL_TEXT_LIMIT)
    flags = tuple(dict.fromkeys(p.code for p in problems))
    return ReportedValue(
        series=s.code, unit=ctx.unit, year=ctx.year, inputs=inputs, value=value, sheet=sheet.name,
        cell=sheet.a1(first_row, "value"), data_source=source, note=note, flags=flags,
    ), problems


def _parts_differ(s: Series, inputs: dict, input_rows: dict, problem) -> bool:
    """Parts typed beside their total (women and men beside all) must add up to it."""
    if TOTAL not in inputs:
        return False
    for parts in PARTS:
        values = [inputs.get(k) for k in parts]
        total = inputs.get(TOTAL)
        if not all(k in inputs for k in parts) or not all(isinstance(v, float) for v in (*values, total)):
            continue
        added = sum(values)
        if abs(added - total) > TOLERANCE * max(1.0, abs(total)):
            problem("parts-do-not-add-up", input_rows[TOTAL], value=total, read=added,
                    parts=" + ".join(_label(s, k) for k in parts), total=_label(s, TOTAL))
            return True
    return False


def text_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _one_row(ctx: SeriesContext, s: Series, key: tuple[str, ...], what: str, problem) -> int | None:
    rows = ctx.sheet.keys.get(key, [])
    if not rows:
        problem("missing-row", None, value=what)
        return None
    if len(rows) > 1:
        cells = ", ".join(ctx.sheet.a1(r, "value") for r in rows)
        problem("duplicate-row", rows[1], also=(rows[0], *rows[2:]), value=what, count=len(rows), cells=cells)
        return None
    return rows[0]


def _check_range(s: Series, value: float, row: int, problem) -> None:
    if s.range and not s.range.min <= value <= s.range.max:
        problem("out-of-range", row, value=value, low=s.range.min, high=s.range.max)


def _check_jump(ctx: SeriesContext, s: Series, value: float, row: int, problem) -> None:
    before = (ctx.previous or {}).get((s.code, ctx.unit, ctx.year - 1))
    if is_jump(s, value, before):
        problem("jump-from-last-year", row, value=value, previous=before)


def is_jump(s: Series, value: float, before: object) -> bool:
    """A change from last year's value beyond the threshold (both relative and absolute)."""
    if not isinstance(before, (int, float)) or isinstance(before, bool):
        return False
    floor = JUMP_RANGE_SHARE * ((s.range.max - s.range.min) if s.range else 100)
    return abs(value - before) > max(JUMP_RELATIVE * abs(before), floor)


def _check_cached(sheet: FormSheet, s: Series, value, row: int, problem, empty_reads_as_zero: bool,
                  mirrored: object = None, typed_as_text: bool = False) -> None:
    """A formula result cached by Excel/LibreOffice must agree with what bdg derives."""
    cached = sheet.cell(row, "value")
    if cached is None or is_excel_error(cached) or (empty_reads_as_zero and value is None and cached == 0):
        return
    xls_zero = empty_reads_as_zero and cached == 0 and not isinstance(cached, bool)
    if xls_zero and (typed_as_text or isinstance(value, str)):  # .xls: text results of formulas read as 0
        return
    if mirrored is not None and cached == mirrored:
        return
    if isinstance(cached, (int, float)) and not isinstance(cached, bool):
        if isinstance(value, float) and abs(cached - value) <= TOLERANCE * max(1.0, abs(value)):
            return
    elif isinstance(value, str) and same_text(cached) == same_text(value):
        return
    shown = NO_DATA if value is None else value if isinstance(value, str) else fmt_number(value, 4)
    problem("formula-mismatch", row, value=cached, read=shown)


def _label(s: Series, key: str) -> str:
    return next(i.label for i in s.inputs if i.key == key)


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
