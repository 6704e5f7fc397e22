"""``bdg plan draft``: a decision's file → a draft plan workbook (or plan file) with a note per cell."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bdg.errors import BdgError
from bdg.files import replacing
from bdg.plan_draft import NothingToDraft, PlanDraft, draft_plan
from templates.decision_reader import read_decision

OUT_KINDS = (".xlsx", ".yaml", ".yml")


@dataclass(frozen=True)
class DraftResult:
    out: Path
    objectives: int
    series: int
    to_review: list[str]  # codes of the series with a cell to check
    reviews: int  # every cell marked for review, plan-level ones included


def draft_decision(decision: str | Path, out: str | Path) -> DraftResult:
    out = Path(out)
    if out.suffix.lower() not in OUT_KINDS:
        raise BdgError(code="plan-export-suffix", out=out)
    doc = read_decision(decision)
    try:
        draft = draft_plan(doc)
    except NothingToDraft:
        raise BdgError(code="decision-no-targets", path=str(decision)) from None
    if out.suffix.lower() == ".xlsx":
        from templates.plan_book import CellNote, write_plan_book

        write_plan_book(draft.data, out, {loc: CellNote(n.source, n.review) for loc, n in draft.notes.items()})
        reviews = _marked_cells(out, draft.review_count)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        with replacing(out) as tmp:  # the old file stays until the new one is whole
            tmp.write_text(draft_yaml(draft), encoding="utf-8")
        reviews = draft.review_count
    return DraftResult(out, draft.objective_count, draft.series_count, draft.series_to_review(), reviews)


def _marked_cells(book: Path, fallback: int) -> int:
    """How many cells of the written workbook carry a review mark: the count ``bdg plan show`` lists (a note
    about a list marks each of its rows). A draft that does not read back as a plan yet keeps the notes' count."""
    from templates.plan_book.source import PlanBookError, read_plan_book

    try:
        return len(read_plan_book(book).plan.to_fill)
    except PlanBookError:
        return fallback


def draft_yaml(draft: PlanDraft) -> str:
    """The draft as a plan file: values to check tagged ``!can_dien``, every reason as a comment on top."""
    from templates.plan_book.yaml_text import plan_yaml

    marked = [loc for loc, n in draft.notes.items() if n.review and _is_scalar(draft.data, loc)]
    lines = ["# BẢN NHÁP lập từ văn bản bằng bdg plan draft: hãy xem lại các mục dưới đây rồi xóa dấu !can_dien."]
    for loc, n in draft.notes.items():
        if n.review:
            lines.append(f"# - {_where(draft.data, loc)}: {n.review}")
    return "\n".join(lines) + "\n" + plan_yaml(draft.data, marked)


def _value_at(data, loc: tuple):
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _is_scalar(data, loc: tuple) -> bool:
    value = _value_at(data, loc)
    return value is not None and not isinstance(value, (dict, list))


def _where(data, loc: tuple) -> str:
    if loc[:1] == ("series",) and len(loc) > 1:
        code = _value_at(data, ("series", loc[1], "code"))
        rest = ".".join(str(p) for p in loc[2:])
        return f"chỉ tiêu {code}" + (f" ({rest})" if rest else "")
    return ".".join(str(p) for p in loc)
