"""The agencies' own words (Thuyết minh sheet): grouped by objective and kind, duplicates merged.

A narrative record carries a year, an agency, a reporting unit, an objective (blank for a
general note) and a kind given by its Vietnamese label ("Kết quả nổi bật", "Khó khăn, hạn
chế", "Kiến nghị"). Identical or nearly identical texts from several agencies become one
item that names all of them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from bdg.plan import Plan
from bdg.submission import NARRATIVE_LABELS
from workbook.layout import STATUS_ACTIVE
from workbook.rows import NarrativeRow

GENERAL = 0  # objective number of a note that belongs to no objective
SIMILAR = 0.9  # difflib ratio above which two normalised texts count as the same proposal

_KIND_BY_LABEL = {_label.casefold(): _kind for _kind, _label in NARRATIVE_LABELS.items()}


Source = tuple[str, str | None]  # (agency's short name, district name or None for the province)


@dataclass
class Item:
    """One (merged) narrative: its text and who said it."""

    text: str
    sources: list[Source] = field(default_factory=list)

    @property
    def who(self) -> list[str]:
        """Agencies in order of appearance; a district named only when it is the agency's only source."""
        units: dict[str, list[str | None]] = {}
        for agency, unit in self.sources:
            units.setdefault(agency, []).append(unit)
        return [f"{agency} ({places[0]})" if len(places) == 1 and places[0] else agency
                for agency, places in units.items()]

    def render(self) -> str:
        """"Text (Sở A, Sở B)." — one sentence, the sources before the full stop; an agency the
        text already names is not named again ("Sở A đã …" from Sở A and Sở B → "(cùng báo cáo: Sở B)")."""
        text = self.text.rstrip(" .;:")
        text = text[:1].upper() + text[1:]
        said = normalise(text)
        who = [w for w in self.who if normalise(w.split(" (")[0]) not in said]
        if who:
            text += f" ({', '.join(who)})" if len(who) == len(self.who) else f" (cùng báo cáo: {', '.join(who)})"
        return text + "."


def kind_of(label) -> str:
    """The narrative kind ("results", …) of a Vietnamese label or of a kind key itself."""
    text = " ".join(str(label or "").split())
    return _KIND_BY_LABEL.get(text.casefold(), text if text in NARRATIVE_LABELS else text.casefold())


def objective_of(value) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return GENERAL


def source_of(plan: Plan, agency: str, unit_code, year: int | None = None) -> Source:
    """(agency's short name, district name) in ``year`` — the district only for a district's note."""
    codes = {a.code: a for a in plan.agencies}
    name = codes[agency].short_in(year) if agency in codes else str(agency or "").strip()
    units = {u.code: u for u in plan.units}
    unit = units.get(str(unit_code or "").strip())
    return name, (unit.name_in(year) if unit is not None and unit.local else None)


def clean_lines(text) -> list[str]:
    """A cell's text as lines, without bullets or blank lines (a leading "=" is kept)."""
    out = []
    for line in str(text or "").splitlines():
        line = re.sub(r"^\s*(?:[-–•+*]\s+)", "", line).strip()
        if line:
            out.append(line)
    return out


def collect(plan: Plan, rows: list[NarrativeRow], years: set[int]) -> dict[tuple[int, str], list[Item]]:
    """Active narratives (Thuyết minh rows) of the given years as {(objective, kind): merged items}."""
    raw: dict[tuple[int, str], list[tuple[str, Source]]] = {}
    for row in rows:
        if row.status and row.status != STATUS_ACTIVE:
            continue
        if row.year not in years:
            continue
        key = (objective_of(row.objective), kind_of(row.kind))
        who = source_of(plan, row.agency, row.unit_code, row.year)
        for line in clean_lines(row.text):
            raw.setdefault(key, []).append((line, who))
    return {key: merge(pairs) for key, pairs in raw.items()}


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def merge(pairs: list[tuple[str, Source | None]]) -> list[Item]:
    """Merge identical or nearly identical texts, keeping the first wording and every source."""
    items: list[Item] = []
    keys: list[str] = []
    for text, who in pairs:
        norm = normalise(text)
        for item, key in zip(items, keys):
            if norm == key or difflib.SequenceMatcher(None, norm, key, autojunk=False).ratio() >= SIMILAR:
                if who and who not in item.sources:
                    item.sources.append(who)
                break
        else:
            items.append(Item(text, [who] if who else []))
            keys.append(norm)
    return items


def pick(narratives: dict[tuple[int, str], list[Item]], kind: str,
         objective: int | None = None) -> list[Item]:
    """Items of one kind, for one objective or (``None``) for all objectives merged again."""
    if objective is not None:
        return list(narratives.get((objective, kind), []))
    pairs = [(item.text, who) for (obj, k), items in sorted(narratives.items()) if k == kind
             for item in items for who in (item.sources or [None])]
    return merge(pairs)
