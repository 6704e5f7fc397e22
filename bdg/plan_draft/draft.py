"""A decision's text → a draft plan (plan-file data) and a note per drafted cell."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from bdg.plan_draft import agencies as ag
from bdg.plan_draft import structure as st
from bdg.plan_draft.header import Header, header
from bdg.plan_draft.annex import Annex, AnnexTarget, AnnexValue, read_annex
from bdg.plan_draft.plan_data import plan_data
from bdg.plan_draft.series import REVIEW_PROPOSED, DraftNote, build_series
from bdg.plan_draft.targets import EVERY, SeriesText, parse_target
from bdg.plan_draft.text import DecisionText


@dataclass
class PlanDraft:
    data: dict
    notes: dict[tuple, DraftNote] = field(default_factory=dict)

    @property
    def series_count(self) -> int:
        return len(self.data["series"])

    @property
    def objective_count(self) -> int:
        return len(self.data["objectives"])

    def series_to_review(self) -> list[str]:
        """Codes of the series with at least one cell marked for review (proposed inputs aside)."""
        flagged = {loc[1] for loc, n in self.notes.items()
                   if n.review and loc[:1] == ("series",) and n.review != REVIEW_PROPOSED}
        return [s["code"] for i, s in enumerate(self.data["series"]) if i in flagged]

    @property
    def review_count(self) -> int:
        return sum(1 for n in self.notes.values() if n.review)


class NothingToDraft(ValueError):
    """The text has no objective with a target the draft can recognise."""


def draft_plan(doc: DecisionText) -> PlanDraft:
    annex = read_annex(doc.tables)
    blocks = st.objectives(doc) or _from_annex(annex)
    if not blocks:
        raise NothingToDraft(doc.origin)
    head = header(doc)
    assignments = st.assignments(doc)
    registry = ag.Registry()
    for a in assignments:
        registry.add(a.lead, a.source)
        for name in ag.split_names(a.coordinating):
            registry.add(name, a.source)
    parsed = [(t, parse_target(t.lines)) for b in blocks for t in b.targets]
    milestones = _milestones([s for _, texts in parsed for s in texts], head)
    notes: dict[tuple, DraftNote] = {}
    series: list[dict] = []
    for target, texts in parsed:
        _target_series(target, texts, annex, assignments, registry, milestones, series, notes)
    objectives = _objectives(blocks, annex, registry, notes)
    codes = registry.codes()
    for s in series:
        s["lead"] = codes.get(s["lead"], s["lead"])
        s["coordinating"] = [codes[k] for k in s.get("coordinating", []) if k in codes]
    for o in objectives:
        o["coordinating"] = [codes[k] for k in o["coordinating"] if k in codes]
    data = plan_data(head, milestones, registry, codes, assignments, objectives, series, notes)
    return PlanDraft(data, notes)


def _target_series(target: st.TargetBlock, texts: list[SeriesText], annex: Annex, assignments: list[st.Assignment],
                   registry: ag.Registry, milestones: list[int], series: list[dict],
                   notes: dict[tuple, DraftNote]) -> None:
    """The series of one target (1.1, or 1.1a, 1.1b…) appended to ``series``, their notes to ``notes``."""
    row = annex.targets.get((target.objective, target.number))
    annex_texts = parse_target(row.lines) if row and row.lines else []
    for i, text in enumerate(texts):
        code = f"{target.objective}.{target.number}" + (string.ascii_lowercase[i] if len(texts) > 1 else "")
        annex_text = annex_texts[i] if len(annex_texts) == len(texts) else None
        drafted = build_series(code, target.objective, target.number, text, annex_text, row,
                               _column(row, i, len(texts)), milestones)
        index = len(series)
        lead, lead_note = _lead(text, target.objective, target.number, i, len(texts), row, assignments, registry)
        drafted.data["lead"] = lead
        drafted.data["coordinating"], source = _coordinating(row, lead_note, assignments, registry)
        if source:
            drafted.notes[("coordinating",)] = DraftNote(source, None)
        series.append(drafted.data)
        for loc, note in drafted.notes.items():
            notes[("series", index, *loc)] = note
        notes[("series", index, "lead")] = lead_note
        if row is not None and annex_texts and len(annex_texts) != len(texts):
            notes[("series", index, "variants", 1)] = DraftNote(row.source, "Phụ lục chia chỉ tiêu này khác văn "
                                                                            "bản: so lại từng dãy")


def _from_annex(annex: Annex) -> list[st.ObjectiveBlock]:
    """Objectives and targets from the annex table alone, when the text lists none."""
    blocks: dict[int, st.ObjectiveBlock] = {}
    for (objective, number), row in sorted(annex.targets.items()):
        if objective not in blocks:
            a = annex.objectives.get(objective)
            title = a.title if a and a.title else f"Mục tiêu {objective}"
            blocks[objective] = st.ObjectiveBlock(objective, title, f"Phụ lục: {title}")
        blocks[objective].targets.append(st.TargetBlock(objective, number, row.lines, f"Phụ lục: {row.source}"))
    return list(blocks.values())


def _milestones(texts: list[SeriesText], header: Header) -> list[int]:
    years = sorted({m.year for s in texts for m in s.milestones if m.year != EVERY and not m.term})
    if header.period:
        years = [y for y in years if header.period[0] <= y <= header.period[1]] or [header.period[1]]
    return years or sorted({m.year for s in texts for m in s.milestones if m.year != EVERY})


def _column(row: AnnexTarget | None, i: int, count: int) -> dict[int | None, AnnexValue]:
    """The annex's value-column entries of the i-th of ``count`` series, by the column's year."""
    out: dict[int | None, AnnexValue] = {}
    for year, values in (row.values.items() if row is not None else ()):
        if len(values) == count:
            out[year] = values[i]
        elif values and count == 1:
            out[year] = values[0]
    return out


def _lead(text: SeriesText, objective: int, target: int, i: int, count: int, row: AnnexTarget | None,
          assignments: list[st.Assignment], registry: ag.Registry) -> tuple[str, DraftNote]:
    """The lead agency's key and the note saying where it came from."""
    if row is not None and row.leads:
        names = row.leads
        name = names[i] if len(names) == count else names[0]
        for n in ag.split_names(name) or [name]:
            registry.add(n, row.source)
        k = ag.key((ag.split_names(name) or [name])[0])
        unsure = len(names) not in (1, count) or len(ag.split_names(name)) > 1
        return k, DraftNote(f"Phụ lục, cột cơ quan chủ trì: {name}",
                            "Phụ lục ghi nhiều cơ quan chủ trì: chọn một" if unsure else None)
    exact = [a for a in assignments if (objective, target) in a.targets]
    by_objective = [a for a in assignments if objective in a.objectives]
    if len(exact) == 1:
        return ag.key(exact[0].lead), DraftNote(exact[0].source, None)
    candidates = exact or by_objective
    if len(candidates) == 1:
        return ag.key(candidates[0].lead), DraftNote(candidates[0].source, None)
    best = _closest(text, candidates or assignments)
    if best is None:
        return "", DraftNote(None, "văn bản không nói cơ quan nào chủ trì chỉ tiêu này: chọn cơ quan")
    return ag.key(best.lead), DraftNote(best.source, "cơ quan chủ trì suy ra từ nội dung nhiệm vụ được giao: "
                                                     "kiểm tra")


def _coordinating(row: AnnexTarget | None, lead: DraftNote, assignments: list[st.Assignment],
                  registry: ag.Registry) -> tuple[list[str], str | None]:
    """Keys of the coordinating agencies: the annex row's column, else the lead's own assignment."""
    if row is not None and row.coordinating:
        text, source = row.coordinating, row.source
    else:
        own = next((a for a in assignments if a.source == lead.source), None)
        if own is None or not own.coordinating:
            return [], None
        text, source = own.coordinating, own.source
    keys = [registry.add(name, source) for name in ag.split_names(text)]
    return list(dict.fromkeys(keys)), source


def _words(text: str) -> set[str]:
    words = re.findall(r"[\wÀ-ỹ]+", text.lower())
    return {f"{a} {b}" for a, b in zip(words, words[1:])}


def _closest(text: SeriesText, assignments: list[st.Assignment]) -> st.Assignment | None:
    wanted = _words(text.wording)
    scored = [(len(wanted & _words(a.task)), -n, a) for n, a in enumerate(assignments)]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: s[:2])[2] if scored else (assignments[0] if assignments else None)


def _objectives(blocks: list[st.ObjectiveBlock], annex: Annex, registry: ag.Registry,
                notes: dict[tuple, DraftNote]) -> list[dict]:
    out = []
    for i, b in enumerate(blocks):
        o: dict = {"number": b.number, "title": b.title, "coordinating": []}
        notes[("objectives", i, "title")] = DraftNote(b.source, None)
        a = annex.objectives.get(b.number)
        if a is not None:
            if a.title and ag.key(a.title) != ag.key(b.title):
                o["annex_title"] = a.title
            if a.coordinating:
                o["coordinating_text"] = a.coordinating
                o["coordinating"] = [registry.add(n, a.coordinating) for n in ag.split_names(a.coordinating)]
                notes[("objectives", i, "coordinating")] = DraftNote(a.coordinating, None)
        out.append(o)
    return out
