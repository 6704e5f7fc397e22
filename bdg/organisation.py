"""Agencies and reporting units that change within a plan's period.

Like DHIS2's organisation units with their opening and closing dates, an agency or a reporting
unit is valid from its ``from`` year to its ``until`` year (both included, both optional), may be
renamed from a year on (a name per period), and may have successors: the agency that takes over
its duties, the unit(s) it was merged or split into. Years are *reporting* years: a level of
government abolished on 1 July 2025 has ``until: 2024`` when its successors report for 2025.

Which agency leads a series in a year follows the successor chain from the series' own lead
(:func:`lead_in`); which units report in a year are those valid that year (:func:`units_in`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# The functions below take the plan (bdg.plan.Plan) and its series (bdg.plan.Series); this module is
# imported by bdg.plan, so it names them only as types here, without importing them back.
Plan = Any
Series = Any

LEVEL_LABELS = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}


class _Dated(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    valid_from: int | None = Field(default=None, alias="from")
    valid_until: int | None = Field(default=None, alias="until")

    @model_validator(mode="after")
    def _ordered(self):
        if self.valid_from is not None and self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError(f"năm 'until' ({self.valid_until}) nhỏ hơn năm 'from' ({self.valid_from})")
        return self

    def valid_in(self, year: int | None) -> bool:
        """Whether it exists in ``year`` (always, when ``year`` is None)."""
        if year is None:
            return True
        return (self.valid_from is None or year >= self.valid_from) and (
            self.valid_until is None or year <= self.valid_until)

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_until is not None


class UnitRename(BaseModel):
    """A new name from ``year`` on (and, for an agency, a new short name)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int
    name: str
    short: str | None = None


def _renamed(name: str, renames: list[UnitRename], year: int | None, attr: str = "name") -> str:
    if year is None:
        return name
    for rename in sorted(renames, key=lambda r: r.year):
        if year >= rename.year and getattr(rename, attr):
            name = getattr(rename, attr)
    return name


class Agency(_Dated):
    code: str
    name: str
    short: str | None = None
    renamed: list[UnitRename] = []
    successor: str | None = None  # the agency its duties pass to after its ``until`` year

    @property
    def short_name(self) -> str:
        return self.short or self.name

    def name_in(self, year: int | None) -> str:
        return _renamed(self.name, self.renamed, year)

    def short_in(self, year: int | None) -> str:
        short = self.short_name
        for rename in sorted(self.renamed, key=lambda r: r.year):
            if year is not None and year >= rename.year:
                short = rename.short or rename.name
        return short


class ReportingUnit(_Dated):
    code: str
    name: str
    level: Literal["province", "district", "commune"]
    renamed: list[UnitRename] = []
    successors: list[str] = []  # the unit(s) it was merged into or split into after ``until``

    def name_in(self, year: int | None) -> str:
        return _renamed(self.name, self.renamed, year)

    @property
    def local(self) -> bool:
        """Below the province (district or commune): reports by-unit series."""
        return self.level != "province"


# --- a plan's organisations over time --------------------------------------------------------------

def agency_in(plan: Plan, code: str, year: int | None) -> Agency:
    """The agency doing ``code``'s duties in ``year``: itself, or its successor's successor…"""
    agency, seen = plan.agency(code), {code}
    while year is not None and not agency.valid_in(year) and agency.successor and agency.successor not in seen:
        seen.add(agency.successor)
        agency = plan.agency(agency.successor)
    return agency


def lead_in(plan: Plan, series: Series, year: int | None) -> str:
    """The agency leading ``series`` in ``year``: the last of its ``lead_changes`` up to that year
    (else its own lead), followed along successors while closed."""
    code = series.lead
    for change in sorted(series.lead_changes, key=lambda c: c.year):
        if year is not None and year >= change.year:
            code = change.agency
    return agency_in(plan, code, year).code


def names_known(plan: Plan, year: int) -> list[dict[str, tuple[str, ...]]]:
    """[{agency code: every name and short name it goes by}, {unit code: every name}]: the name in
    force in ``year`` first, then the original and every rename."""
    return [{a.code: (a.name_in(year), a.name, a.short_in(year), a.short or "",
                      *(n for r in a.renamed for n in (r.name, r.short or ""))) for a in plan.agencies},
            {u.code: (u.name_in(year), u.name, *(r.name for r in u.renamed)) for u in plan.units}]


def lead_history(plan: Plan, series: Series) -> list[tuple[str, int, int]]:
    """The series' leads over the period as (agency code, first year, last year), oldest first."""
    return _spells(plan, lambda year: lead_in(plan, series, year))


def agency_spells(plan: Plan, code: str) -> list[tuple[str, int, int]]:
    """Who does ``code``'s duties over the period, as (agency code, first year, last year)."""
    return _spells(plan, lambda year: agency_in(plan, code, year).code)


def _spells(plan: Plan, who) -> list[tuple[str, int, int]]:
    spells: list[tuple[str, int, int]] = []
    for year in plan.period.years:
        code_now = who(year)
        if spells and spells[-1][0] == code_now:
            spells[-1] = (code_now, spells[-1][1], year)
        else:
            spells.append((code_now, year, year))
    return spells


def former_text(plan: Plan, spells: list[tuple[str, int, int]], year: int, short: bool = True) -> str:
    """"trước năm 2025: Sở LĐTBXH" when, in ``spells`` (:func:`agency_spells`, :func:`lead_history`),
    another agency did the duties before ``year``; "" when none did."""
    now = next((c for c, first, last in spells if first <= year <= last), None)
    before = [(c, first, last) for c, first, last in spells if last < year and c != now]
    if not before:
        return ""
    if len(before) == 1:
        return f"trước năm {before[0][2] + 1}: {_name(plan.agency(before[0][0]), before[0][2], short)}"
    names = ", ".join(f"{_name(plan.agency(c), last, short)} {years_text(first, last)}" for c, first, last in before)
    return f"trước năm {before[-1][2] + 1}: {names}"


def _name(agency: Agency, year: int, short: bool) -> str:
    return agency.short_in(year) if short else agency.name_in(year)


def changes(plan: Plan) -> list[str]:
    """The plan's organisational changes within its period, one Vietnamese sentence each."""
    lines: list[str] = []
    end = plan.period.end
    for a in plan.agencies:
        for r in sorted(a.renamed, key=lambda r: r.year):
            lines.append(f"Từ năm {r.year}, {a.name_in(r.year - 1)} đổi tên thành {r.name}.")
        if a.valid_until is not None and a.valid_until < end:
            after = a.valid_until + 1
            if a.successor:
                lines.append(f"Từ năm {after}, nhiệm vụ của {a.name_in(a.valid_until)} chuyển sang "
                             f"{plan.agency(a.successor).name_in(after)}.")
            else:
                lines.append(f"{a.name_in(a.valid_until)} báo cáo đến năm {a.valid_until}.")
        if a.valid_from is not None and a.valid_from > plan.period.start and not _is_successor(plan, a.code):
            lines.append(f"{a.name_in(a.valid_from)} bắt đầu từ năm {a.valid_from}.")
    for s in plan.series:
        for change in sorted(s.lead_changes, key=lambda c: c.year):
            if plan.period.start < change.year <= end:
                lines.append(f"Từ năm {change.year}, chỉ tiêu {s.code} do "
                             f"{plan.agency_in(change.agency, change.year).name_in(change.year)} chủ trì.")
    for u in plan.units:
        for r in sorted(u.renamed, key=lambda r: r.year):
            lines.append(f"Từ năm {r.year}, {u.name_in(r.year - 1)} đổi tên thành {r.name}.")
    for level in ("district", "commune"):
        units = [u for u in plan.units if u.level == level]
        if not units:
            continue
        untils = [u.valid_until for u in units]
        froms = [u.valid_from for u in units]
        if all(y is not None and y < end for y in untils):
            lines.append(f"Các đơn vị {LEVEL_LABELS[level]} báo cáo đến năm {max(untils)} (cấp này kết thúc).")
        if all(y is not None and y > plan.period.start for y in froms):
            lines.append(f"Các đơn vị {LEVEL_LABELS[level]} báo cáo từ năm {min(froms)} (cấp mới).")
    for u in plan.units:
        if u.valid_until is not None and u.valid_until < end and u.successors:
            after = u.valid_until + 1
            names = ", ".join(plan.unit(c).name_in(after) for c in u.successors)
            if len(u.successors) == 1 and plan.unit(u.successors[0]).level == u.level:
                lines.append(f"Từ năm {after}, {u.name_in(u.valid_until)} sáp nhập vào {names}.")
            else:
                lines.append(f"Từ năm {after}, địa bàn của {u.name_in(u.valid_until)} do {names} báo cáo.")
    return lines


def _is_successor(plan: Plan, code: str) -> bool:
    return any(a.successor == code for a in plan.agencies)


def years_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def units_taking_over(plan: Plan, code: str, year: int) -> list[ReportingUnit]:
    """The units reporting in ``year`` for the area of unit ``code`` once it has closed: its
    successors, or theirs when those have closed too (a district merged, then the level ended)."""
    found: list[ReportingUnit] = []
    seen, todo = {code}, list(plan.unit(code).successors)
    while todo:
        unit = plan.unit(todo.pop(0))
        if unit.code in seen:
            continue
        seen.add(unit.code)
        if unit.valid_in(year):
            found.append(unit)
        elif unit.valid_until is not None and year > unit.valid_until:
            todo.extend(unit.successors)
    return found


def units_reporting_before(plan: Plan, code: str, year: int) -> list[ReportingUnit]:
    """The units reporting in ``year`` for the area of unit ``code`` before it exists: the units
    whose successors (followed along) it is."""
    return [u for u in plan.units if u.code != code and u.valid_in(year)
            and code in {t.code for t in units_taking_over(plan, u.code, plan.unit(code).valid_from or year)}]


def names_text(names: list[str]) -> str:
    """"A", "A và B", "A, B và C"."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}" if names else ""


def units_in(plan: Plan, year: int | None) -> list[ReportingUnit]:
    return [u for u in plan.units if u.valid_in(year)]


def local_units(plan: Plan, year: int | None) -> list[ReportingUnit]:
    """The units below the province that report in ``year`` (districts, later communes)."""
    return [u for u in plan.units if u.local and u.valid_in(year)]


def check(plan: Plan) -> list[str]:
    """Cross-reference problems of the plan's agencies and units over time (Vietnamese)."""
    problems: list[str] = []
    agencies = {a.code: a for a in plan.agencies}
    units = {u.code for u in plan.units}
    for a in plan.agencies:
        if a.successor is not None and a.successor not in agencies:
            problems.append(f"cơ quan {a.code}: cơ quan kế nhiệm '{a.successor}' không có trong agencies")
        elif a.successor == a.code:
            problems.append(f"cơ quan {a.code}: cơ quan kế nhiệm không thể là chính nó")
    for s in plan.series:
        for change in s.lead_changes:
            if change.agency not in agencies:
                problems.append(f"chỉ tiêu {s.code}: lead_changes năm {change.year}: cơ quan '{change.agency}' "
                                "không có trong agencies")
    for u in plan.units:
        for code in u.successors:
            if code not in units or code == u.code:
                problems.append(f"đơn vị {u.code}: đơn vị kế nhiệm '{code}' không có trong units")
    if problems:
        return problems
    for s in plan.series:
        for year in plan.period.years:
            lead = agency_in(plan, s.lead, year)
            if not lead.valid_in(year):
                problems.append(f"chỉ tiêu {s.code}: năm {year} không có cơ quan chủ trì (cơ quan "
                                f"'{lead.code}' không còn hoạt động và không có cơ quan kế nhiệm — thêm "
                                "'successor' cho cơ quan đó)")
                break
    coordinator = plan.coordinator
    for year in plan.period.years:
        if coordinator in agencies and not agency_in(plan, coordinator, year).valid_in(year):
            problems.append(f"cơ quan điều phối '{coordinator}': năm {year} không có cơ quan nào thay thế "
                            "(thêm 'successor')")
            break
    for year in plan.period.years:
        if any(s.by_district for s in plan.series) and not local_units(plan, year):
            problems.append(f"năm {year} không có đơn vị cấp huyện hoặc cấp xã nào hoạt động, nhưng có chỉ "
                            "tiêu báo cáo theo đơn vị (by_district)")
            break
    return problems
