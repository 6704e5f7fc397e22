"""What changes between two versions of one plan, in Vietnamese lines a person can check.

Used by ``bdg plan update`` before a corrected plan replaces the one a master carries: names,
the decision, period and milestones, agencies, reporting units, objectives and, per series,
its name, unit, direction, lead agency, baseline and targets.
"""

from __future__ import annotations

from bdg.numbers import fmt_target
from bdg.plan import Plan, Series


def plan_differences(old: Plan, new: Plan) -> list[str]:
    """One line per difference (empty when the two plans say the same)."""
    lines: list[str] = []
    _same(lines, "Tên kế hoạch", old.name, new.name)
    _same(lines, "Văn bản", f"{old.decision.number} ngày {old.decision.date:%d/%m/%Y}",
          f"{new.decision.number} ngày {new.decision.date:%d/%m/%Y}")
    _same(lines, "Giai đoạn", f"{old.period.start}–{old.period.end}", f"{new.period.start}–{new.period.end}")
    _same(lines, "Các mốc", ", ".join(map(str, old.milestones)), ", ".join(map(str, new.milestones)))
    _same(lines, "Hạn báo cáo", f"{old.report_deadline.day:02d}/{old.report_deadline.month:02d}",
          f"{new.report_deadline.day:02d}/{new.report_deadline.month:02d}")
    _same(lines, "Cơ quan tổng hợp", old.coordinator, new.coordinator)
    _named(lines, "Cơ quan", {a.code: a.name for a in old.agencies}, {a.code: a.name for a in new.agencies})
    _named(lines, "Đơn vị báo cáo", {u.code: u.name for u in old.units}, {u.code: u.name for u in new.units})
    _named(lines, "Mục tiêu", {o.number: o.title for o in old.objectives}, {o.number: o.title for o in new.objectives})
    before = {s.code: s for s in old.series}
    after = {s.code: s for s in new.series}
    for code in after.keys() - before.keys():
        lines.append(f"Chỉ tiêu {code}: thêm mới — {after[code].name}")
    for code in before.keys() - after.keys():
        lines.append(f"Chỉ tiêu {code}: bỏ — {before[code].name}")
    for code in [c for c in after if c in before]:
        lines += _series_changes(old, new, before[code], after[code])
    rest = old.model_dump(exclude={"series", "agencies", "units", "objectives"})
    if not lines and rest != new.model_dump(exclude={"series", "agencies", "units", "objectives"}):
        lines.append("Các mục khác của kế hoạch (phần báo cáo, năm gốc, phiên bản biểu mẫu…) có thay đổi.")
    if not lines and old != new:
        lines.append("Có thay đổi nhỏ khác (ghi chú, cách diễn đạt, ô nhập…) — xem tệp kế hoạch.")
    return lines


def _series_changes(old_plan: Plan, new_plan: Plan, a: Series, b: Series) -> list[str]:
    out: list[str] = []
    head = f"Chỉ tiêu {a.code}"
    for label, x, y in (("tên", a.name, b.name), ("đơn vị tính", a.unit, b.unit),
                        ("cách so sánh", a.direction.label, b.direction.label),
                        ("cơ quan chủ trì", _agency(old_plan, a.lead), _agency(new_plan, b.lead)),
                        ("giá trị gốc", _baseline(a), _baseline(b)),
                        ("áp dụng", a.in_force, b.in_force)):
        if x != y:
            out.append(f"{head}, {label}: '{x}' → '{y}'")
    for m in sorted(set(old_plan.milestones) | set(new_plan.milestones)):
        x, y = _target(a, m), _target(b, m)
        if x != y:
            out.append(f"{head}, chỉ tiêu năm {m}: {x or '(không có)'} → {y or '(không có)'}")
    if not out and a != b:
        out.append(f"{head}: thay đổi khác (ghi chú, ô nhập, công thức, phạm vi hợp lý…)")
    return out


def _same(lines: list[str], label: str, old, new) -> None:
    if old != new:
        lines.append(f"{label}: '{old}' → '{new}'")


def _named(lines: list[str], label: str, old: dict, new: dict) -> None:
    for key in new.keys() - old.keys():
        lines.append(f"{label} {key}: thêm mới — {new[key]}")
    for key in old.keys() - new.keys():
        lines.append(f"{label} {key}: bỏ — {old[key]}")
    for key in [k for k in new if k in old and old[k] != new[k]]:
        lines.append(f"{label} {key}: '{old[key]}' → '{new[key]}'")


def _agency(plan: Plan, code: str) -> str:
    return next((a.name for a in plan.agencies if a.code == code), code)


def _target(s: Series, milestone: int) -> str:
    target = s.target(milestone)
    return fmt_target(s, target) if target is not None else ""


def _baseline(s: Series) -> str:
    b = s.baseline
    return "" if b.value is None else f"{b.value}" + (f" ({b.period})" if b.period else "")
