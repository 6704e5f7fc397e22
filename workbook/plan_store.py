"""The plan a master was made for, kept inside the master itself.

``bdg init`` writes the plan file's full text into a very hidden sheet (:data:`PLAN_SHEET`),
one line of YAML per row, with the plan id and the text's SHA-256 above it; so a master
carries its plan wherever it is copied and every command can take the plan from it.
Rows are found by their labels, never by position. A sheet survives what a master goes
through: openpyxl saves, the consolidation's streamed writes (:mod:`workbook.package` keeps
every sheet it does not rebuild) and a round trip through LibreOffice (checked by a test);
the hash tells when the text did not survive intact.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bdg.errors import BdgError
from bdg.plan import Plan
from bdg.plan_loader import PlanFileError, PlanSource, normalise_text, parse_plan, plan_sha256

if TYPE_CHECKING:  # reading the embedded plan needs no openpyxl; only embedding does (a Workbook given)
    from openpyxl.workbook import Workbook

PLAN_SHEET = "bdg_ke_hoach"
NOTE = ("Kế hoạch gắn trong sổ tổng hợp (bdg). Đừng sửa tay trang này; sửa kế hoạch bằng lệnh: "
        "bdg plan update --master SỔ.xlsx TỆP_KẾ_HOẠCH.yaml")
LABEL_ID = "Mã kế hoạch"
LABEL_SHA = "SHA-256"
LABEL_LINES = "Số dòng"
LABEL_TEXT = "Nội dung tệp kế hoạch (YAML), mỗi dòng một hàng:"
CELL_LIMIT = 32_000  # a longer line continues in the next columns of its row (Excel: 32,767 per cell)


class EmbeddedPlanError(BdgError):
    """The plan sheet of a master is damaged (edited by hand, or not copied whole)."""


@dataclass(frozen=True)
class StoredPlan:
    """What the plan sheet holds (before the text is validated)."""

    plan_id: str
    sha256: str
    text: str


def embed_plan(wb: Workbook, text: str, plan_id: str) -> None:
    """Write (or replace) the plan sheet of ``wb`` with ``text``; it is very hidden and last."""
    text = normalise_text(text)
    if PLAN_SHEET in wb.sheetnames:
        wb.remove(wb[PLAN_SHEET])
    ws = wb.create_sheet(PLAN_SHEET)
    ws.sheet_state = "veryHidden"
    lines = text.split("\n")
    for r, row in enumerate([[NOTE], [LABEL_ID, plan_id], [LABEL_SHA, plan_sha256(text)],
                             [LABEL_LINES, len(lines)], [LABEL_TEXT]], start=1):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    first = 6
    for i, line in enumerate(lines):
        for c, start in enumerate(range(0, len(line), CELL_LIMIT), start=1):
            cell = ws.cell(row=first + i, column=c, value=line[start:start + CELL_LIMIT])
            cell.data_type = "s"  # text, even when a line starts with "="
    ws.column_dimensions["A"].width = 100


def plan_as_text(plan: Plan) -> str:
    """A plan's data as YAML, for a plan that comes without its file's text."""
    import yaml

    data = plan.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def stored_from_rows(rows: list[list], where: str) -> StoredPlan:
    """The plan sheet's content from its values (as calamine or xlwings read them)."""
    labels: dict[str, int] = {}
    for r, row in enumerate(rows):
        label = _text(row[0]) if row else ""
        if label in (LABEL_ID, LABEL_SHA, LABEL_LINES, LABEL_TEXT) and label not in labels:
            labels[label] = r
    if len(labels) < 4:
        raise EmbeddedPlanError(code="embedded-plan-damaged", place=where, detail="thiếu các dòng nhãn")
    plan_id = _text(_at(rows[labels[LABEL_ID]], 1))
    sha = _text(_at(rows[labels[LABEL_SHA]], 1))
    try:
        count = int(float(_at(rows[labels[LABEL_LINES]], 1)))
    except (TypeError, ValueError):
        count = -1
    body = rows[labels[LABEL_TEXT] + 1: labels[LABEL_TEXT] + 1 + max(count, 0)]
    lines = ["".join(_text(v, strip=False) for v in row) for row in body]
    lines += [""] * (count - len(lines))  # trailing empty rows are not read back
    text = "\n".join(lines)
    if count < 0 or plan_sha256(text) != sha:
        raise EmbeddedPlanError(code="embedded-plan-damaged", place=where,
                                detail="mã SHA-256 không khớp nội dung")
    return StoredPlan(plan_id, sha, text)


def read_stored(path: Path) -> StoredPlan | None:
    """The plan sheet of the master at ``path``, or None for a master made before plans were embedded."""
    from workbook.state import open_master

    wb = open_master(path)
    if PLAN_SHEET not in wb.sheet_names:
        return None
    rows = wb.get_sheet_by_name(PLAN_SHEET).to_python(skip_empty_area=False)
    return stored_from_rows(rows, f"sổ tổng hợp '{path}'")


def source_from_stored(stored: StoredPlan, where: str) -> PlanSource:
    """Validate a stored plan; its id must be the one recorded beside it."""
    try:
        plan: Plan = parse_plan(stored.text, f"gắn trong {where}")
    except PlanFileError as exc:
        raise EmbeddedPlanError(code="embedded-plan-invalid", place=where, detail=exc.message) from None
    if plan.id != stored.plan_id:
        raise EmbeddedPlanError(code="embedded-plan-damaged", place=where,
                                detail=f"mang mã '{plan.id}' nhưng trang kế hoạch ghi '{stored.plan_id}'")
    return PlanSource(plan, stored.text, where)


def embedded_plan(path: Path) -> PlanSource | None:
    """The validated plan embedded in the master at ``path`` (None for an older master)."""
    stored = read_stored(Path(path))
    return None if stored is None else source_from_stored(stored, f"sổ tổng hợp '{path}'")


def _at(row: list, i: int):
    return row[i] if i < len(row) else None


def _text(value, strip: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if strip else str(value)
