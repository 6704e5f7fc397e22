"""The annex table: per target its own wording, its value column, lead and coordinating agencies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bdg.plan_draft import patterns as pt
from bdg.plan_draft.targets import parse_number
from bdg.plan_draft.text import Table


@dataclass
class AnnexValue:
    value: float
    label: str
    text: str
    strict: bool = False


@dataclass
class AnnexTarget:
    objective: int
    number: int
    lines: list[str]  # the wording (sub-items "+ …" each on a line)
    values: dict[int | None, list[AnnexValue]]  # per value column: its year, or None when the header names none
    leads: list[str]  # one per line of the lead column
    coordinating: str
    source: str


@dataclass
class AnnexObjective:
    number: int
    title: str
    coordinating: str


@dataclass
class Annex:
    targets: dict[tuple[int, int], AnnexTarget] = field(default_factory=dict)
    objectives: dict[int, AnnexObjective] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.targets)


def read_annex(tables: list[Table]) -> Annex:
    annex = Annex()
    for table in tables:
        _read_table(table, annex)
    return annex


def _roles(table: Table) -> tuple[dict[str, int], dict[int, int | None], int]:
    """Column roles (content, lead, coordinating), the value columns with their years, the first data row."""
    for r, row in enumerate(table[:3]):
        roles: dict[str, int] = {}
        values: dict[int, int | None] = {}
        for c, cell in enumerate(row):
            for role, rx in pt.ANNEX_COLUMNS:
                if len(cell) < 60 and rx.search(cell) and (role == "value" or role not in roles):
                    if role == "value":
                        year = re.search(pt.YEAR, cell)
                        values[c] = int(year.group(0)) if year else None
                    else:
                        roles[role] = c
                    break
        if {"content", "lead"} <= roles.keys():
            return roles, values, r + 1
    width = max(len(row) for row in table)
    content = max(range(width), key=lambda c: sum(bool(_target_or_objective(row[c])) for row in table
                                                      if c < len(row)))
    return {"content": content, "lead": content + 2, "coordinating": content + 3}, {content + 1: None}, 0


def _target_or_objective(cell: str) -> re.Match[str] | None:
    return pt.TARGET_NAMED.match(cell) or pt.OBJECTIVE_NAMED.match(cell)


def _cell(row: list[str], roles: dict[str, int], role: str) -> str:
    c = roles.get(role)
    return row[c].strip() if c is not None and c < len(row) else ""


def _read_table(table: Table, annex: Annex) -> None:
    roles, value_columns, first = _roles(table)
    objective = 1
    for row in table[first:]:
        content = _cell(row, roles, "content")
        lines = [line.strip() for line in content.split("\n") if line.strip()]
        if not lines:
            continue
        named = pt.OBJECTIVE_NAMED.match(lines[0])
        target = pt.TARGET_NAMED.match(lines[0])
        if named:
            objective = int(named.group("number"))
            annex.objectives[objective] = AnnexObjective(objective, named.group("title").strip(" ."),
                                                         _cell(row, roles, "coordinating") or _last(row))
        elif target:
            first_text = target.group("text").strip()
            wording = ([first_text] if first_text else []) + lines[1:]
            values = {year: _values(row[c] if c < len(row) else "") for c, year in value_columns.items()}
            leads = [line for line in _cell(row, roles, "lead").split("\n") if line.strip()]
            key = (objective, int(target.group("number")))
            annex.targets[key] = AnnexTarget(key[0], key[1], wording, values, leads,
                                             _cell(row, roles, "coordinating"), "\n".join(lines))
        elif objective not in annex.objectives and pt.AGENCY_START.match(_last(row) or ""):
            annex.objectives[objective] = AnnexObjective(objective, "", _last(row))


def _last(row: list[str]) -> str:
    return next((c for c in reversed(row) if c.strip()), "")


def _values(cell: str) -> list[AnnexValue]:
    out = []
    for m in pt.ANNEX_VALUE.finditer(cell):
        label = (m.group("label") or "").strip(" -\n")
        strict = bool(pt.ANNEX_STRICT.search(m.group(0)) or pt.ANNEX_STRICT.search(cell[max(0, m.start() - 8):m.start()]))
        label = pt.ANNEX_STRICT.sub("", label).strip()
        out.append(AnnexValue(parse_number(m.group("value")), label, m.group(0).strip(), strict))
    return out
