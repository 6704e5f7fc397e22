"""Where the figures of an agency or a reporting unit go in a year it does not report, in words a
clerk knows: names and years, never codes alone.

"Huyện Hòa Bình đã sáp nhập vào Huyện Đồng Ẩm từ năm 2023: số liệu năm 2023 báo cáo trong biểu
mẫu của Huyện Đồng Ẩm." Each function returns one such sentence (ending with a full stop), or ""
when the agency or unit does report that year — intake (so the add-in's check), ``bdg forms``,
``bdg status`` and ``bdg plan update`` say the same thing through them. The cases are those :mod:`bdg.organisation` models: a unit
closed (merged into another, split, its area passed to units of another level, or its whole level
ended), renamed, or not yet existing; an agency closed with its duties passed on, not yet
existing, or no longer leading a series (a lead change).
"""

from __future__ import annotations

from bdg.organisation import LEVEL_LABELS, ReportingUnit, names_text, units_reporting_before, units_taking_over


def _forms_of(names: list[str], year: int) -> str:
    return f"số liệu năm {year} báo cáo trong biểu mẫu của {names_text(names)}."


# --- reporting units -------------------------------------------------------------------------------

def unit_absence(plan, code: str, year: int) -> str:
    """Why unit ``code`` has no form in ``year`` and whose form carries its figures ("" if it has)."""
    unit = plan.unit(code)
    if unit.valid_in(year):
        return ""
    if unit.valid_from is not None and year < unit.valid_from:
        return _not_yet(plan, unit, year)
    return _closed(plan, unit, year)


def _not_yet(plan, unit: ReportingUnit, year: int) -> str:
    start = unit.valid_from
    before = [u.name_in(year) for u in units_reporting_before(plan, unit.code, year)]
    said = f"{unit.name_in(start)} báo cáo từ năm {start}"
    if not before:
        return f"{said}: năm {year} chưa có biểu mẫu của đơn vị này."
    return f"{said}: {_forms_of(before, year)}"


def _closed(plan, unit: ReportingUnit, year: int) -> str:
    last, since = unit.valid_until, unit.valid_until + 1
    name = unit.name_in(last)
    direct = [plan.unit(c) for c in unit.successors]
    takers = [u.name_in(year) for u in units_taking_over(plan, unit.code, year)]
    level_ended = not any(u.level == unit.level and u.valid_in(since) for u in plan.units)
    if direct and all(u.level == unit.level for u in direct):
        joined = names_text([u.name_in(since) for u in direct])
        said = (f"{name} đã sáp nhập vào {joined} từ năm {since}" if len(direct) == 1 else
                f"{name} đã chia tách thành {joined} từ năm {since}")
    elif level_ended:
        said = f"{LEVEL_LABELS[unit.level].capitalize()} đã kết thúc từ năm {since} ({name} báo cáo đến năm {last})"
    elif direct:
        said = f"Địa bàn của {name} do {names_text([u.name_in(since) for u in direct])} báo cáo từ năm {since}"
    else:
        said = f"{name} chỉ báo cáo đến năm {last}"
    if not takers:
        takers = _level_units(plan, unit, year)
    if not takers:
        return f"{said}: năm {year} không có biểu mẫu của đơn vị này."
    return f"{said}: {_forms_of(takers, year)}"


def _level_units(plan, unit: ReportingUnit, year: int) -> list[str]:
    """Whom to name when a closed unit lists no successor: the units that report in its place."""
    local = [u for u in plan.units if u.local and u.valid_in(year)]
    if unit.local and local:
        levels = sorted({u.level for u in local}, key=list(LEVEL_LABELS).index)
        return [f"các đơn vị {LEVEL_LABELS[level]}" for level in levels]
    return []


def renamed_since(plan, kind: str, code: str, first: int, year: int) -> str:
    """When a unit (``kind`` "unit") or agency ("agency") was renamed after ``first`` up to ``year``
    (a form of ``first`` sent for ``year``): the rename and whose form to use, else ""."""
    thing = plan.unit(code) if kind == "unit" else plan.agency(code)
    renames = [r for r in sorted(thing.renamed, key=lambda r: r.year) if first < r.year <= year]
    if not renames:
        return ""
    since = renames[-1].year
    old, new = thing.name_in(first), thing.name_in(year)
    return (f"{old} đã đổi tên thành {new} từ năm {since}: số liệu năm {year} báo cáo trong biểu mẫu năm "
            f"{year} của {new}.")


def form_absence(plan, agency: str, unit: str, year: int) -> str:
    """Why there is no form of (``agency``, ``unit``) in ``year``, when the plan's organisations say
    so (the agency's or the unit's change, or a lead change); "" otherwise (unknown codes included)."""
    if agency in {a.code for a in plan.agencies}:
        said = agency_absence(plan, agency, year)
        if said:
            return said
        if unit in {u.code for u in plan.units}:
            return unit_absence(plan, unit, year) or form_moved(plan, agency, unit, year)
    return ""


# --- agencies and the series they lead -------------------------------------------------------------

def agency_absence(plan, code: str, year: int) -> str:
    """Why agency ``code`` has no form in ``year`` and whose forms carry its series ("" if it has
    one, or if it never leads a series: then there is nothing to say but that)."""
    agency = plan.agency(code)
    if any(plan.lead_in(s, year) == code for s in plan.series):
        return ""
    if agency.valid_from is not None and year < agency.valid_from:
        start = agency.valid_from
        return f"{agency.name_in(start)} báo cáo từ năm {start}: {_takers(plan, code, start, year)}"
    if agency.valid_until is not None and year > agency.valid_until:
        last, since = agency.valid_until, agency.valid_until + 1
        name = agency.name_in(last)
        said = (f"{name} đã chuyển nhiệm vụ sang {plan.agency(agency.successor).name_in(since)} từ năm {since}"
                if agency.successor else f"{name} chỉ báo cáo đến năm {last}")
        return f"{said}: {_takers(plan, code, last, year)}"
    moved = [s for s in plan.series if any(plan.lead_in(s, y) == code for y in plan.period.years)]
    return " ".join(series_moved(plan, s, code, year) for s in moved)


def _takers(plan, code: str, when: int, year: int) -> str:
    """Whose forms of ``year`` carry the series agency ``code`` leads in ``when``."""
    mine = [s for s in plan.series if plan.lead_in(s, when) == code]
    by_lead: dict[str, list[str]] = {}
    for s in mine:
        by_lead.setdefault(plan.lead_in(s, year), []).append(s.code)
    if not by_lead:
        return f"năm {year} không có biểu mẫu của cơ quan này."
    if len(by_lead) == 1:
        return _forms_of([plan.agency(next(iter(by_lead))).name_in(year)], year)
    return _forms_of([f"{plan.agency(a).name_in(year)} ({_series_text(codes)})" for a, codes in by_lead.items()],
                     year)


def _series_text(codes: list[str]) -> str:
    return f"chỉ tiêu {names_text(codes)}"


def form_moved(plan, agency: str, unit: str, year: int) -> str:
    """When ``agency`` has a form for ``unit`` in other years but not in ``year`` (the series it
    would carry are led by others that year): by whom, and whose form carries them ("" if none)."""
    local = plan.unit(unit).local
    mine = [s for s in plan.series if s.by_district == local
            and any(plan.lead_in(s, y) == agency for y in plan.period.years)]
    return " ".join(filter(None, (series_moved(plan, s, agency, year) for s in mine)))


def series_moved(plan, series, agency: str, year: int) -> str:
    """When ``series`` is led in ``year`` by another agency than ``agency``: since when, by whom, and
    whose form carries it ("" when ``agency`` leads it that year)."""
    lead = plan.lead_in(series, year)
    if lead == agency:
        return ""
    since = next(first for code, first, last in plan.lead_history(series) if first <= year <= last)
    name = plan.agency(lead).name_in(year)
    said = (f"Chỉ tiêu {series.code} do {name} chủ trì từ năm {since}" if since > plan.period.start else
            f"Chỉ tiêu {series.code} do {name} chủ trì")
    return f"{said}: {_forms_of([name], year)}"


__all__ = ["agency_absence", "form_absence", "form_moved", "renamed_since", "series_moved", "unit_absence"]
