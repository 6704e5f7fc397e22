"""Build a new master workbook from a plan, and read its identity and catalogue back."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName

from bdg.errors import BdgError
from bdg.numbers import fmt_number, fmt_target
from bdg.organisation import years_text
from bdg.plan import Plan, Series
from workbook import styles
from workbook.guide import write_guide
# a master's identity is read without openpyxl (workbook.identity); still importable from here
from workbook.identity import MasterVersionError, NotAMasterError, check_layout_version, master_identity  # noqa: F401
from workbook.layout import (
    DATA, LAYOUT_VERSION, MASTER_KIND, MASTER_SHEETS, NAME_KIND, NAME_LAYOUT_VERSION, NAME_PLAN_ID,
    catalogue_layout,
)
from workbook.sheets import init_sheet
from workbook.storage import atomic_write, check_writable


class MasterExistsError(BdgError):
    code = "master-exists"


def create_master(plan: Plan, path: Path, *, force: bool = False, text: str | None = None) -> Path | None:
    """Write a new master workbook; refuse to replace one unless ``force`` (then back it up).

    The plan is embedded in the master (:mod:`workbook.plan_store`): ``text`` is the plan file's
    YAML as given; without it, the plan's data written as YAML.
    """
    path = Path(path)
    if path.exists() and not force:
        raise MasterExistsError(code="master-exists", master=path)
    if path.suffix.lower() != ".xlsx":
        raise BdgError(code="master-not-xlsx", name=path.name)
    check_writable(path)
    wb = build_master(plan, text)
    return atomic_write(path, wb.save)


def build_master(plan: Plan, text: str | None = None) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for layout in MASTER_SHEETS:
        if layout.key == "guide":
            write_guide(wb.create_sheet(layout.name), plan)
        elif layout.key == "catalogue":
            write_catalogue(wb, plan)
        elif layout.key == "data":
            init_sheet(wb, _data_layout(plan), subtitle=_subtitle(plan))
        else:
            init_sheet(wb, layout, subtitle=_subtitle(plan))
    for name, value in ((NAME_PLAN_ID, plan.id), (NAME_LAYOUT_VERSION, str(LAYOUT_VERSION)),
                        (NAME_KIND, MASTER_KIND)):
        wb.defined_names[name] = DefinedName(name, attr_text=f'"{value}"')
    from workbook.plan_store import embed_plan, plan_as_text

    embed_plan(wb, text if text is not None else plan_as_text(plan), plan.id)
    wb.properties.title = f"Sổ tổng hợp — {plan.name}"
    wb.properties.creator = "bdg"
    wb.active = 0
    return wb


def _subtitle(plan: Plan) -> str:
    return f"{plan.name} ({plan.decision.number} ngày {plan.decision.date:%d/%m/%Y})"


def _data_layout(plan: Plan):
    """Số liệu with as many input columns as the plan's widest series needs (at least 3)."""
    return DATA  # three input columns cover every series of the shipped plans


def write_catalogue(wb: Workbook, plan: Plan) -> None:
    layout = catalogue_layout(plan.milestones, _leads_change(plan))
    ws = init_sheet(wb, layout, subtitle=_subtitle(plan))
    ws.auto_filter.ref = None
    col = {key: i for i, key in enumerate(layout.keys, start=1)}
    ncols = len(layout.columns)
    ws.cell(row=2, column=1).value = (
        f"Phụ lục kèm theo Quyết định số {plan.decision.number} ngày {plan.decision.date:%d/%m/%Y} "
        f"của {plan.decision.issuer}. Ô tô vàng: Phụ lục ghi khác văn bản Kế hoạch (xem ghi chú của ô).")
    row = layout.header_row + 1
    for o in plan.objectives:
        ws.cell(row=row, column=col["stt"], value=o.number)
        title = f"Mục tiêu {o.number}: {o.title}"
        ws.cell(row=row, column=col["name"], value=title)
        if o.annex_title and o.annex_title != o.title:
            ws.cell(row=row, column=col["name"]).comment = Comment(
                f"Phụ lục ghi: {o.annex_title}", "bdg", width=300, height=120)
        ws.cell(row=row, column=col["coordinating"],
                value=o.coordinating_text or ", ".join(plan.agency(c).name for c in o.coordinating))
        for c in range(1, ncols + 1):
            cell = ws.cell(row=row, column=c)
            cell.font, cell.fill, cell.border, cell.alignment = styles.BOLD, styles.GROUP_FILL, styles.BOX, styles.WRAP
        row += 1
        for s in plan.series_of(o.number):
            _series_row(ws, plan, s, row, col)
            row += 1
    styles.fit_row_heights(ws, first_row=layout.header_row)


def _series_row(ws, plan: Plan, s: Series, row: int, col: dict[str, int]) -> None:
    text = s.variant("text")
    annex = s.variant("annex")
    values = {
        "stt": f"{s.objective}.{s.target_no}",
        "code": s.code,
        "name": s.name,
        "unit": s.unit,
        "direction": s.direction.label,
        "baseline": _baseline(s),
        "in_force": "Văn bản Kế hoạch" if s.in_force == "text" else "Phụ lục",
        "annex": "; ".join(f"{y}: {fmt_target(s, t)}" for y, t in sorted(annex.targets.items())) if annex else "",
        "difference": "; ".join(v.note or "Phụ lục ghi khác văn bản" for v in s.differences),
        **_leads(plan, s),
        "coordinating": ", ".join(plan.agency(c).name for c in s.coordinating),
    }
    for m in plan.milestones:
        values[f"target_{m}"] = fmt_target(s, s.target(m))
    for key, value in values.items():
        cell = ws.cell(row=row, column=col[key], value=value)
        cell.font, cell.border, cell.alignment = styles.BODY, styles.BOX, styles.WRAP
    if s.differences:
        for m in plan.milestones:
            others = [(v, v.targets.get(m)) for v in s.differences]
            if any(_key(t) != _key(s.target(m)) for _, t in others):
                cell = ws.cell(row=row, column=col[f"target_{m}"])
                cell.fill = styles.DIFF_FILL
                said = "; ".join(f"{'Phụ lục' if v.source == 'annex' else 'Văn bản'} ghi {fmt_target(s, t)}"
                                 for v, t in others)
                cell.comment = Comment(f"Khác biệt: {said}. Đang áp dụng: {fmt_target(s, s.target(m))} "
                                       f"({'văn bản Kế hoạch' if s.in_force == 'text' else 'Phụ lục'}).",
                                       "bdg", width=320, height=110)
        diff = ws.cell(row=row, column=col["difference"])
        diff.fill = styles.DIFF_FILL
        ws.cell(row=row, column=col["code"]).fill = styles.DIFF_FILL
    _ = text


def _leads_change(plan: Plan) -> bool:
    return any(len(plan.lead_history(s)) > 1 for s in plan.series)


def _leads(plan: Plan, s: Series) -> dict[str, str]:
    """Who leads the series now (at the end of the period) and, if it changed, who led it before."""
    spells = plan.lead_history(s)
    code, first, _ = spells[-1]
    if len(spells) == 1:
        return {"lead": plan.agency(code).name_in(plan.period.end)}
    return {"lead": f"{plan.agency(code).name_in(plan.period.end)} (từ năm {first})",
            "former_lead": "; ".join(f"{plan.agency(c).name_in(last)} ({years_text(f, last)})"
                                     for c, f, last in spells[:-1])}


def _key(t):
    return None if t is None else (t.value, t.strict)


def _baseline(s: Series) -> str:
    b = s.baseline
    if b.value is None:
        return ""
    value = b.value if isinstance(b.value, str) else fmt_number(b.value) + ("%" if s.unit == "%" else "")
    return f"{value} ({b.period})" if b.period else value


def read_catalogue(path: Path, plan: Plan) -> list[dict]:
    """The Chỉ tiêu sheet's series rows as records (found by header text, keyed by series code)."""
    from python_calamine import CalamineWorkbook

    from workbook.sheets import read_records

    layout = catalogue_layout(plan.milestones, _leads_change(plan))
    with CalamineWorkbook.from_path(str(path)) as wb:
        rows = wb.get_sheet_by_name(layout.name).to_python(skip_empty_area=False)
    codes = {s.code for s in plan.series}
    return [r for r in read_records(rows, layout, required=("code", "name")) if str(r["code"]) in codes]
