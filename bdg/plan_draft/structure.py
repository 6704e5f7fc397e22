"""The parts of a decision: its objectives with their targets, and the assignments (who leads what)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bdg.plan_draft import patterns as pt
from bdg.plan_draft.targets import has_value
from bdg.plan_draft.text import DecisionText


@dataclass
class TargetBlock:
    objective: int
    number: int
    lines: list[str]
    source: str  # the target's paragraph, as written


@dataclass
class ObjectiveBlock:
    number: int
    title: str
    source: str
    targets: list[TargetBlock] = field(default_factory=list)


@dataclass
class Assignment:
    lead: str
    coordinating: str
    task: str
    source: str
    objectives: set[int] = field(default_factory=set)
    targets: set[tuple[int, int]] = field(default_factory=set)


def _annex_start(paragraphs: list[str]) -> int:
    return next((i for i, p in enumerate(paragraphs) if pt.ANNEX_HEADING.match(p)), len(paragraphs))


def _part(paragraphs: list[str], opens, end: int) -> tuple[int, int] | None:
    """The paragraphs of the part whose heading matches ``opens``, up to the next roman heading."""
    for i, p in enumerate(paragraphs[:end]):
        heading = pt.ROMAN_HEADING.match(p)
        title = heading.group("title") if heading else p
        if len(p) < 90 and opens.search(title):
            stop = next((j for j in range(i + 1, end) if pt.ROMAN_HEADING.match(paragraphs[j])
                         and pt.AFTER_OBJECTIVES_PART.search(paragraphs[j])), end)
            return i + 1, stop
    return None


def objectives(doc: DecisionText) -> list[ObjectiveBlock]:
    paragraphs = doc.paragraphs
    end = _annex_start(paragraphs)
    part = _part(paragraphs, pt.OBJECTIVES_PART, end)
    if part is None:
        first = next((i for i, p in enumerate(paragraphs[:end]) if pt.OBJECTIVE_NAMED.match(p)), None)
        if first is None:
            return []
        stop = next((j for j in range(first, end) if pt.ROMAN_HEADING.match(paragraphs[j])), end)
        part = (first, stop)
    body = paragraphs[part[0]:part[1]]
    for heading in pt.OBJECTIVE_HEADINGS:  # the first style whose headings hold targets
        found = _objectives_by(body, heading)
        if found:
            return found
    return []


def _objectives_by(body: list[str], heading) -> list[ObjectiveBlock]:
    found: list[ObjectiveBlock] = []
    for p in body:
        m = heading.match(p)
        if m and pt.SUB_PART.match(m.group("title")):  # "1. Mục tiêu chung", "2. Mục tiêu cụ thể"
            found.append(ObjectiveBlock(0, "", p))  # a boundary, dropped below (it holds no target)
        elif m and not pt.TARGET_NAMED.match(p):
            number = m.group("number")
            number = int(number) if number.isdigit() else pt.LETTERS.index(number.lower()) + 1
            found.append(ObjectiveBlock(number, m.group("title").strip(" .:"), p))
        elif found:
            _add_to_objective(found[-1], p)
    return [o for o in found if o.targets and o.number]


def _add_to_objective(objective: ObjectiveBlock, paragraph: str) -> None:
    """A paragraph under an objective: a new target ("- Chỉ tiêu N: …", or a bullet with a value when the
    objective's targets are bare bullets), else the continuation of the target before it."""
    named = pt.TARGET_NAMED.match(paragraph)
    if named:
        text = named.group("text").strip()
        objective.targets.append(TargetBlock(objective.number, int(named.group("number")),
                                             [text] if text else [], paragraph))
        return
    bullet = pt.BULLET.match(paragraph)
    if bullet and not pt.SUB_ITEM.match(paragraph) and has_value(bullet.group("text")):
        if not objective.targets or _numbered_by_bullets(objective):
            number = len(objective.targets) + 1
            objective.targets.append(TargetBlock(objective.number, number, [bullet.group("text")], paragraph))
            return
    if objective.targets:
        objective.targets[-1].lines.append(paragraph)
        objective.targets[-1].source += "\n" + paragraph


def _numbered_by_bullets(objective: ObjectiveBlock) -> bool:
    return all(not pt.TARGET_NAMED.match(t.source.split("\n")[0]) for t in objective.targets)


def assignments(doc: DecisionText) -> list[Assignment]:
    paragraphs = doc.paragraphs
    end = _annex_start(paragraphs)
    start = next((i for i, p in enumerate(paragraphs[:end])
                  if pt.ROMAN_HEADING.match(p) and pt.ASSIGNMENT_PART.search(p)), None)
    found: list[Assignment] = []
    for p in paragraphs[start + 1 if start is not None else 0:end]:
        m = pt.ASSIGNMENT.match(p)
        if not m or not pt.AGENCY_START.match(m.group("lead").strip()):
            continue
        item = Assignment(m.group("lead").strip(), (m.group("coordinating") or "").strip(" ,"), m.group("task"), p)
        for t in pt.ASSIGNED_TARGET.finditer(p):
            objective, target = t.group("objective") or t.group("objective2"), t.group("target") or t.group("target2")
            item.targets.add((int(objective), int(target)))
        for o in pt.ASSIGNED_OBJECTIVES.finditer(p):
            item.objectives.update(int(n) for n in _numbers(o.group("numbers")))
        found.append(item)
    return found


def _numbers(text: str) -> list[str]:
    return [n for n in text.replace("và", ",").split(",") if n.strip().isdigit()]
