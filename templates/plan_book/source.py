"""A plan from a plan workbook or a plan file, and the conversion between the two.

:func:`read_plan_source` is what every front door calls for ``--plan``: a ``.yaml`` file goes to
:func:`bdg.plan_loader.read_plan_file`; a workbook is read in a worker process, bounded like an
agency form (:mod:`templates.intake.container`, :mod:`templates.intake.isolate`: a hostile file
never crashes or hangs bdg), checked by the plan's own rules with every problem at its cell, and
becomes the text of a plan file — what a master embeds — with its review marks as ``!can_dien``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from pathlib import Path

from bdg import plan_fill
from bdg.files import replacing
from bdg.plan_loader import PlanFileError, PlanSource, bundled_plan_path, parse_plan, read_plan_file
from bdg.submission import Problem, Submission
from templates.intake.container import Limits, open_spreadsheet
from templates.intake.isolate import read_isolated
from templates.intake.problems import make_problem
from templates.plan_book import layout as L
from templates.plan_book.check import in_order, located_problems
from templates.plan_book.items import dig
from templates.plan_book.read import Mark, Reading, read_values
from templates.plan_book.yaml_text import plan_yaml

if TYPE_CHECKING:
    from templates.plan_book.write import CellNote

BOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
YAML_SUFFIXES = (".yaml", ".yml")
LIMITS = Limits(max_bytes=10 * 1024 * 1024, max_cells=400_000, max_total_cells=1_500_000)
TIMEOUT = 120.0  # seconds: a plan workbook reads in well under one


class PlanBookError(PlanFileError):
    """A plan workbook that cannot be used; ``problems`` holds each problem with its sheet and cell."""

    def __init__(self, message: str, problems: list[Problem]):
        super().__init__(message)
        self.problems = problems


def is_plan_book(path: str | Path) -> bool:
    return Path(path).suffix.lower() in BOOK_SUFFIXES


def read_plan_source(path: str | Path | None = None) -> PlanSource:
    """The plan in a plan file (.yaml) or a plan workbook (.xlsx, .xlsm, .xls, .ods); the bundled plan for None."""
    if path is None or not is_plan_book(path):
        return read_plan_file(path)
    return read_plan_book(Path(path))


def read_plan_book(path: Path, *, workers: int = 1) -> PlanSource:
    """A plan workbook's plan (raises :class:`PlanBookError` listing every problem at its cell)."""
    return _read_book(path, workers=workers)[0]


def _read_book(path: Path, *, workers: int = 1) -> tuple[PlanSource, Reading]:
    """A plan workbook's plan and what was read from its cells (review marks, sources)."""
    result = read_isolated([path], read_book_job, None, workers=workers, timeout=TIMEOUT)[0]
    errors = [p for p in result.problems if p.severity == "error"]
    reading = getattr(result, "reading", None)
    if errors or reading is None:
        lines = [p.message for p in errors] or ["không đọc được tệp"]
        header = f"Tệp kế hoạch '{path}' có {len(lines)} lỗi (sửa hết rồi chạy lại):"
        raise PlanBookError("\n".join([header, *(f"  - {line}" for line in lines)]), errors)
    text = plan_yaml(reading.data, [m.loc for m in reading.marks])
    plan = parse_plan(text, str(path))
    plan._to_fill = tuple(_to_fill(reading, m) for m in reading.marks)
    return PlanSource(plan, text, str(path)), reading


@dataclass
class BookResult(Submission):
    reading: Reading | None = None


def read_book_job(path: Path, options: object = None) -> Submission:
    """Read one plan workbook (in a worker): never raises, everything wrong is a problem."""
    opened = open_spreadsheet(path, LIMITS)
    result = BookResult(str(path), opened.sha256, None)
    if opened.opened is None:
        result.problems = [make_problem(code, path, **params) for code, params in opened.findings]
        return result
    workbook = opened.opened.workbook
    sheets = {name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
              for name in workbook.sheet_names}
    if not _is_book(sheets):
        result.problems = [make_problem("not-a-plan-book", path, expected=L.PLAN_SHEET)]
        return result
    reading = read_values(sheets)
    result.problems = [_problem(path, where, reason) for where, reason in in_order(located_problems(reading))]
    result.reading = reading
    return result


def _is_book(sheets: dict) -> bool:
    meta = sheets.get(L.META_SHEET) or []
    if meta and meta[0] and meta[0][0] == L.META_MARKER:
        return any(row and row[0] == "kind" and len(row) > 1 and row[1] == L.PLAN_BOOK_KIND for row in meta)
    return any(rows and any(r and r[0] == L.FIELDS_MARKER for r in rows[:20]) for rows in sheets.values())


def _problem(path: Path, where, reason: str) -> Problem:
    if where is None:
        return make_problem("plan-book-plan", path, detail=reason)
    if where.cell is None:
        return make_problem("plan-book-sheet", path, sheet=where.sheet, detail=reason)
    label = f" ({where.label})" if where.label else ""
    return make_problem("plan-book-cell", path, sheet=where.sheet, cell=where.cell, label=label, detail=reason)


def _to_fill(reading: Reading, mark: Mark) -> plan_fill.ToFill:
    """A review mark as a value still to fill: its field named as in a plan file, its cell, its reason."""
    label = f" ({mark.where.label})" if mark.where.label else ""
    return plan_fill.ToFill(field_name(reading.data, mark.loc), 0, mark.reason, f"{mark.where}{label}")


def field_name(data: dict, loc: tuple) -> str:
    """A location as the plan file's messages name it: ``series[1.1].variants[0].targets.2025``."""
    parts, node = [], data
    for part in loc:
        in_list = isinstance(node, list)
        node = dig(node, (part,))
        if isinstance(part, int) and in_list:
            code = node.get("code", node.get("number")) if isinstance(node, dict) else None
            parts.append(f"[{code if code is not None else part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


# --- conversion ------------------------------------------------------------------------------------
def export_plan(source: str | Path, out: Path) -> Path:
    """Write the plan in ``source`` (a plan file, a plan workbook, or a bundled plan's name) as ``out``:
    a workbook for .xlsx, a plan file for .yaml."""
    source_path = _bundled(source)
    out = Path(out)
    if out.suffix.lower() in YAML_SUFFIXES:
        plan = read_plan_source(source_path)
        out.parent.mkdir(parents=True, exist_ok=True)
        with replacing(out) as tmp:  # the old file stays until the new one is whole
            tmp.write_text(plan.text, encoding="utf-8")
        return out
    if out.suffix.lower() != ".xlsx":
        raise PlanFileError(code="plan-export-suffix", out=out)
    sources: dict[tuple, str] = {}
    if is_plan_book(source_path):  # a broken plan stops here, every problem listed
        plan, reading = _read_book(source_path)
        sources = reading.sources
    else:
        plan = read_plan_source(source_path)
    reasons = {t.field: t.placeholder for t in plan.plan.to_fill if t.cell}  # a workbook's own reasons
    data, notes = book_data(plan.text, reasons, sources)
    from templates.plan_book.write import write_plan_book  # the writer's libraries only when writing

    return write_plan_book(data, out, notes)


def book_data(text: str, reasons: dict[str, str] | None = None, sources: dict[tuple, str] | None = None
              ) -> tuple[dict, dict[tuple, CellNote]]:
    """A plan file's data and, for each ``!can_dien`` value, a review note (its reason from ``reasons``,
    by field name, else "giá trị tạm, tỉnh phải tự điền"); ``sources`` (by location: a workbook's
    "Nguồn trong văn bản" cells) become the notes' sources."""
    from templates.plan_book.write import CellNote

    data, root = plan_fill.parse(text)
    notes = {tuple(loc): CellNote(source=source) for loc, source in (sources or {}).items()}
    for loc, _, _ in plan_fill.marked(root):
        key = tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in loc)
        review = (reasons or {}).get(field_name(data, key), L.TO_FILL_REASON)
        notes[key] = CellNote(source=notes[key].source if key in notes else None, review=review)
    return data, notes


def _bundled(source: str | Path) -> Path:
    """A path as given, or the bundled plan of that name (``khung-tinh-2021-2030.yaml`` or without suffix)."""
    path = Path(source)
    if path.exists() or path.parent != Path("."):
        return path
    for name in (path.name, f"{path.name}.yaml"):
        candidate = bundled_plan_path(name)
        if candidate.is_file():
            return candidate
    return path
