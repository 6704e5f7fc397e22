"""Cross-references inside a plan: codes that must be unique or known, years that must fit.

:func:`reference_issues` works on plain data (a plan file's YAML as loaded, or a validated
plan's ``model_dump()``), tolerates parts that are malformed (they are reported elsewhere) and
returns EVERY problem it finds, each with the location of the offending field, so that the
loader can give one message with every line to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    loc: tuple  # path to the field, e.g. ("series", 3, "lead")
    message: str  # Vietnamese, says what is wrong and the valid choices
    first: tuple | None = None  # for a repeated code: where it was declared first


class PlanIssues(ValueError):
    """Raised by the plan's validator with every cross-reference problem it found."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(i.message for i in issues))
        self.issues = issues


def reference_issues(data: Mapping) -> list[Issue]:
    issues: list[Issue] = []
    agencies = _codes(data, "agencies", "code", issues)
    _codes(data, "units", "code", issues)
    objectives = _codes(data, "objectives", "number", issues)
    _codes(data, "series", "code", issues)
    known = _choices(agencies)
    coordinator = data.get("coordinator")
    if agencies and coordinator is not None and coordinator not in agencies:
        issues.append(Issue(("coordinator",), f"cơ quan điều phối '{coordinator}' không có trong danh sách "
                                              f"agencies; các mã hợp lệ: {known}"))
    issues += _milestone_issues(data)
    units = [u for _, u in _items(data, "units")]
    if units and sum(u.get("level") == "province" for u in units) != 1:
        issues.append(Issue(("units",), "cần đúng một đơn vị cấp tỉnh (level: province) trong units"))
    for i, o in _items(data, "objectives"):
        for j, code in _listed(o, "coordinating"):
            if agencies and code not in agencies:
                issues.append(Issue(("objectives", i, "coordinating", j),
                                    f"mục tiêu {o.get('number')}: cơ quan phối hợp '{code}' không có trong "
                                    f"agencies; các mã hợp lệ: {known}"))
    milestones = [m for m in data.get("milestones") or [] if isinstance(m, int)]
    for i, s in _items(data, "series"):
        issues += _series_issues(i, s, agencies, known, objectives, milestones)
    issues += _successor_issues(data, agencies, known)
    return issues


def _successor_issues(data: Mapping, agencies: dict, known: str) -> list[Issue]:
    """Successors and later leads that name no declared agency or unit (bdg.organisation checks the rest)."""
    out = []
    for i, a in _items(data, "agencies"):
        successor = a.get("successor")
        if agencies and successor is not None and successor not in agencies:
            out.append(Issue(("agencies", i, "successor"), f"cơ quan {a.get('code')}: cơ quan kế nhiệm '{successor}' "
                                                           f"không có trong agencies; các mã hợp lệ: {known}"))
        elif successor is not None and successor == a.get("code"):
            out.append(Issue(("agencies", i, "successor"), f"cơ quan {a.get('code')}: cơ quan kế nhiệm không thể là "
                                                           "chính nó"))
    units = {u.get("code") for _, u in _items(data, "units")}
    for i, u in _items(data, "units"):
        for j, code in _listed(u, "successors"):
            if code not in units or code == u.get("code"):
                out.append(Issue(("units", i, "successors", j), f"đơn vị {u.get('code')}: đơn vị kế nhiệm '{code}' "
                                                                "không có trong units"))
    for i, s in _items(data, "series"):
        for j, change in _listed(s, "lead_changes"):
            agency = change.get("agency") if isinstance(change, Mapping) else None
            if agencies and agency is not None and agency not in agencies:
                out.append(Issue(("series", i, "lead_changes", j, "agency"),
                                 f"chỉ tiêu {s.get('code')}: lead_changes năm {change.get('year')}: cơ quan "
                                 f"'{agency}' không có trong agencies; các mã hợp lệ: {known}"))
    return out


def _series_issues(i: int, s: Mapping, agencies: dict, known: str, objectives: dict,
                   milestones: list[int]) -> list[Issue]:
    code, out = s.get("code"), []
    lead = s.get("lead")
    if agencies and lead is not None and lead not in agencies:
        out.append(Issue(("series", i, "lead"), f"chỉ tiêu {code}: cơ quan chủ trì '{lead}' không có trong "
                                                f"agencies; các mã hợp lệ: {known}"))
    for j, other in _listed(s, "coordinating"):
        if agencies and other not in agencies:
            out.append(Issue(("series", i, "coordinating", j),
                             f"chỉ tiêu {code}: cơ quan phối hợp '{other}' không có trong agencies; "
                             f"các mã hợp lệ: {known}"))
    objective = s.get("objective")
    if objectives and objective is not None and objective not in objectives:
        out.append(Issue(("series", i, "objective"), f"chỉ tiêu {code}: mục tiêu {objective} không có trong "
                                                     f"objectives; các mục tiêu có: {_choices(objectives)}"))
    for k, variant in _listed(s, "variants"):
        targets = variant.get("targets") if isinstance(variant, Mapping) else None
        for year in targets if isinstance(targets, Mapping) else ():
            if milestones and year not in milestones:
                out.append(Issue(("series", i, "variants", k, "targets", year),
                                 f"chỉ tiêu {code}: năm {year} không phải là mốc của kế hoạch; các mốc: "
                                 f"{', '.join(map(str, milestones))}"))
    return out


def _milestone_issues(data: Mapping) -> list[Issue]:
    period = data.get("period")
    start = period.get("start") if isinstance(period, Mapping) else None
    end = period.get("end") if isinstance(period, Mapping) else None
    if not (isinstance(start, int) and isinstance(end, int)):
        return []
    return [Issue(("milestones", i), f"mốc {m} nằm ngoài giai đoạn {start}–{end} (period)")
            for i, m in _listed(data, "milestones") if isinstance(m, int) and not start <= m <= end]


def _codes(data: Mapping, what: str, key: str, issues: list[Issue]) -> dict:
    """{code: index of its first item}; each repeated code becomes an issue at the repeat."""
    first: dict = {}
    for i, item in _items(data, what):
        code = item.get(key)
        if code is None:
            continue
        if code in first:
            issues.append(Issue((what, i, key), f"mã '{code}' bị trùng trong {what}", (what, first[code], key)))
        else:
            first[code] = i
    return first


def _items(data: Mapping, what: str) -> list[tuple[int, Mapping]]:
    return [(i, item) for i, item in _listed(data, what) if isinstance(item, Mapping)]


def _listed(data, what: str) -> list[tuple[int, object]]:
    value = data.get(what) if isinstance(data, Mapping) else None
    return list(enumerate(value)) if isinstance(value, list) else []


def _choices(codes: dict) -> str:
    return ", ".join(str(c) for c in codes)
