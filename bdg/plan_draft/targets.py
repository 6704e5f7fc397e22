"""One target's text ("Chỉ tiêu 2: …") → the series it holds, with milestone values and doubts.

Everything is found with the phrasings of :mod:`bdg.plan_draft.patterns`. A doubt is a
Vietnamese sentence in ``reviews`` under the field it concerns ("direction", "targets", …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bdg.plan_draft import patterns as pt
from bdg.plan_draft.text import split_sentences

QUALITATIVE_TARGET = "Đạt"  # a qualitative target's proposed value (its wording says what "đạt" means)
EVERY = 0  # the milestone "year" of a value that holds every year ("Hằng năm …")


@dataclass
class Milestone:
    year: int  # EVERY for a yearly value
    value: float | str
    strict: bool = False
    wording: str = ""
    keep: bool = False  # "duy trì đến năm …"
    term: bool = False  # the last year of a term of office


@dataclass
class SeriesText:
    wording: str
    name: str = ""
    unit: str = ""
    percent: bool = False
    direction: str = "qualitative"
    milestones: list[Milestone] = field(default_factory=list)
    baseline: dict | None = None
    reviews: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)  # sentences of the target without a value


@dataclass
class _Event:
    start: int
    end: int
    kind: str  # "value" or "year"
    match: re.Match[str]
    year: int = 0
    keep: bool = False
    term: bool = False


def parse_number(text: str) -> float:
    """"22,33" → 22.33; "100.000" → 100000; "58.3" (a dot before 1–2 digits) → 58.3."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def _blank(text: str, rx: re.Pattern[str]) -> str:
    return rx.sub(lambda m: " " * len(m.group(0)), text)


def events(clause: str) -> list[_Event]:
    """Values and milestone years of a clause, in reading order."""
    masked = _blank(_blank(_blank(clause, pt.BASELINE_BRACKET), pt.BASELINE_COMPARED), pt.NOT_A_VALUE)
    found: list[_Event] = []
    for m in pt.TERM.finditer(masked):
        found.append(_Event(m.start(), m.end(), "year", m, int(m.group("year")), term=True))
    taken = [(e.start, e.end) for e in found]
    for m in pt.MILESTONE_YEAR.finditer(masked):
        if not any(a <= m.start() < b for a, b in taken):
            found.append(_Event(m.start(), m.end(), "year", m, int(m.group("year")), keep=bool(m.group("keep"))))
    for m in pt.EVERY_YEAR.finditer(masked):
        found.append(_Event(m.start(), m.end(), "year", m, EVERY))
    years = [(e.start, e.end) for e in found]
    for m in pt.VALUE.finditer(masked):
        if not any(a <= m.start() < b for a, b in years):
            found.append(_Event(m.start(), m.end(), "value", m))
    return sorted(found, key=lambda e: e.start)


def has_value(clause: str) -> bool:
    return any(e.kind == "value" for e in events(clause))


def _strictness(clause: str, event: _Event, previous_end: int) -> tuple[bool, str]:
    """(strict, evidence) for a value: "trên"/"dưới" right before it are strict."""
    before = clause[max(previous_end, event.start - 30):event.start]
    after = clause[event.end:event.end + 12]
    if pt.STRICT_ABOVE.search(before):
        return True, "above"
    if pt.STRICT_BELOW.search(before):
        return True, "below"
    if pt.ABOVE_AFTER.search(after) or pt.AT_LEAST_WORDS.search(before):
        return False, "above"
    if pt.AT_MOST_WORDS.search(before):
        return False, "below"
    return False, ""


def _unit(m: re.Match[str], previous: str) -> tuple[str, bool]:
    if m.group("percent"):
        return pt.UNIT_LABELS["percent"], True
    if m.group("times"):
        return pt.UNIT_LABELS["times"], False
    if m.group("boys"):
        return pt.UNIT_LABELS["boys"].format(den=m.group("boys_den")), False
    per = (m.group("per") or "").replace("trẻ em đẻ sống", "trẻ đẻ sống")
    if not per and previous:
        return previous, False  # "115/100" after "113 trẻ sơ sinh trai/100 …"
    return pt.UNIT_LABELS["per"].format(den=m.group("den"), per=per), False


def _pair(clause: str, found: list[_Event]) -> tuple[list[Milestone], list[str], str, bool]:
    """Milestones from the events; also the evidence words, the unit and whether a value was left over."""
    milestones: list[Milestone] = []
    evidence: list[str] = []
    unit, percent, leftover = "", False, False
    years_first = bool(found) and found[0].kind == "year"
    pending_years: list[_Event] = []
    pending_value: Milestone | None = None
    previous_end = 0
    for e in found:
        if e.kind == "value":
            strict, ev = _strictness(clause, e, previous_end)
            evidence.append(ev)
            u, pc = _unit(e.match, unit)
            unit, percent = unit or u, percent or pc
            shown = clause[e.start:e.end].strip()
            shown = f"{'trên' if ev == 'above' else 'dưới'} {shown}" if strict else shown
            value = Milestone(0, parse_number(e.match.group("number")), strict, shown)
            if years_first:
                if pending_years:
                    milestones += [_at(value, y) for y in pending_years]
                    pending_years = []
                else:
                    leftover = True
            else:
                if pending_value is not None:
                    leftover = True
                pending_value = value
        else:
            if years_first:
                pending_years.append(e)
            elif pending_value is not None:
                milestones.append(_at(pending_value, e))
                pending_value = None
            elif e.keep and milestones:
                milestones.append(_at(milestones[-1], e))
        previous_end = e.end
    if years_first and pending_years and milestones and all(y.keep for y in pending_years):
        milestones += [_at(milestones[-1], y) for y in pending_years]
    if pending_value is not None:
        leftover = True
    return milestones, evidence, unit, leftover or not (percent or unit)


def _at(value: Milestone, year: _Event) -> Milestone:
    wording = value.wording
    if year.keep:
        wording = f"duy trì {wording}"
    return Milestone(year.year, value.value, value.strict, wording, year.keep, year.term)


def _direction(clause: str, evidence: list[str]) -> tuple[str, str | None]:
    """The series' direction and, when unsure, why."""
    masked = _blank(clause, pt.BASELINE_BRACKET)
    for direction, rx in pt.DIRECTION_PHRASES:
        if rx.search(masked):
            if direction == "at_most" and "above" in evidence:
                return direction, "câu vừa có từ chỉ mức trần vừa có \"trên/từ … trở lên\""
            return direction, None
    if "below" in evidence:
        return "at_most", None
    if pt.REDUCTION_WORD.search(_blank(masked, pt.NOT_A_REDUCTION)):
        return "at_least", "câu có chữ \"giảm\" nhưng không rõ là giảm xuống một mức hay giảm một tỷ lệ"
    return "at_least", None


def _baseline(clause: str) -> dict | None:
    m = pt.BASELINE_BRACKET.search(clause)
    if m:
        period = re.sub(r"\s*-\s*", " - ", m.group("period"))
        year = int(re.search(pt.YEAR, period).group(0))
        return {"value": parse_number(m.group("number")), "period": period, "year": year,
                "source": m.group(0).strip("() ")}
    m = pt.BASELINE_COMPARED.search(clause)
    if m:
        return {"period": m.group("period"), "year": int(m.group("year")), "source": m.group(0)}
    return None


def subject(clause: str, unit: str = "") -> str:
    """The indicator a clause measures ("Tỷ lệ nữ làm chủ doanh nghiệp"), or "" when it only adds milestones."""
    text = pt.BASELINE_BRACKET.sub("", clause).strip(" .;,")
    text = pt.NAME_LEAD_WORDS.sub("", text)
    found = events(text)
    if found and found[0].kind == "year" and found[0].start < 3 + len(re.match(r"^\W*", text).group(0)):
        last = max(e.end for e in found)
        tail = pt.NAME_TAIL_LEAD.sub("", pt.ABOVE_AFTER.sub("", text[last:]).strip(" ,.;")).strip()
        tail = pt.NAME_TAIL_VERB.sub("", tail)
        if len(tail) < 4:
            return ""
        if unit == "%" and not pt.NAME_IS_RATIO.match(tail):
            return f"Tỷ lệ {tail}"
        return _capital(tail)
    m = pt.NAME_END.search(text)
    head = text[:m.start()] if m else text
    head = pt.NAME_VERBS.sub("", head.strip(" ,")).strip()
    values = [e for e in found if e.kind == "value"]
    if pt.VERB_ONLY.match(head) and values:  # "Giảm 10% số vụ bạo lực …": the indicator follows the value
        rest = text[values[0].end:]
        cut = pt.NAME_END.search(rest)
        head = (rest[:cut.start()] if cut else rest).strip(" ,")
    if pt.NAME_NONE.match(head) or len(head) < 4:
        return ""
    return _capital(head)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def parse_target(lines: list[str]) -> list[SeriesText]:
    """The series of one target; ``lines``: its paragraphs (sub-items start with "+")."""
    items = _items(lines)
    series: list[SeriesText] = []
    orphans: list[str] = []
    for item in items:
        for clause in _clauses(item):
            if not has_value(clause):
                (series[-1].extra if series else orphans).append(clause)
                continue
            draft = parse_clause(clause)
            if series and not draft.name:
                _merge(series[-1], draft)
            else:
                series.append(draft)
    if not series:
        return [qualitative(" ".join(lines).strip())]
    if orphans:
        series[0].extra[:0] = orphans
    return series


def _items(lines: list[str]) -> list[str]:
    subs = [pt.SUB_ITEM.match(line) for line in lines]
    if any(subs):
        head = " ".join(line for line, m in zip(lines, subs) if not m).strip()
        items = [m.group("text") for m in subs if m]
        return ([head] if has_value(head) else []) + items
    return split_sentences(" ".join(lines))


def _clauses(sentence: str) -> list[str]:
    """Semicolon-separated clauses, a clause without a value joined to the one after it."""
    parts = _split_outside_brackets(sentence)
    out: list[str] = []
    carry = ""
    for part in parts:
        part = f"{carry}; {part}" if carry else part
        carry = ""
        if has_value(part) or part is parts[-1]:
            out.append(part)
        else:
            carry = part
    if carry:
        out.append(carry)
    return out


def _split_outside_brackets(sentence: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(sentence):
        depth += (ch == "(") - (ch == ")")
        if ch == ";" and depth == 0:
            parts.append(sentence[start:i].strip())
            start = i + 1
    parts.append(sentence[start:].strip())
    return [p for p in parts if p]


def parse_clause(clause: str) -> SeriesText:
    clause = clause.strip().rstrip(".;")
    found = events(clause)
    milestones, evidence, unit, leftover = _pair(clause, found)
    percent = unit == "%"
    draft = SeriesText(wording=clause, unit=unit, percent=percent, milestones=milestones)
    draft.direction, doubt = _direction(clause, evidence)
    if doubt:
        draft.reviews["direction"] = doubt
    if any(m.strict and ev == "below" for m, ev in zip(milestones, evidence)) and draft.direction == "at_least":
        draft.reviews["direction"] = "có giá trị \"dưới …\" trong một chỉ tiêu cần đạt ít nhất"
    draft.name = subject(clause, unit)
    if draft.direction == "reduce_by_share" and draft.name:
        rest = pt.REDUCTION_NAME_DROP.sub("", draft.name)
        draft.name = f"Mức giảm {rest[:1].lower()}{rest[1:]}"
    population = pt.EACH_SEX_POPULATION.search(clause)
    if draft.direction == "each_sex_at_least" and population and milestones:
        draft.name = f"Tỷ lệ nữ trong {population.group('population')} (mỗi giới ít nhất {milestones[0].wording})"
    draft.baseline = _baseline(clause)
    if leftover or not milestones:
        draft.reviews["targets"] = "câu có con số không gắn với năm mốc nào: kiểm tra giá trị từng mốc"
    years = [m.year for m in milestones if m.year]
    if len(years) != len(set(years)):
        draft.reviews["targets"] = "cùng một năm mốc có hai giá trị"
    if any(m.term for m in milestones):
        draft.reviews.setdefault("term", "mốc theo nhiệm kỳ: giá trị tính cho năm cuối nhiệm kỳ")
    return draft


def _merge(into: SeriesText, more: SeriesText) -> None:
    """A clause that only adds milestones ("…; đến năm 2030 đạt 75%") joins the series before it."""
    into.wording = f"{into.wording}; {more.wording}"
    into.milestones += more.milestones
    into.reviews.update({k: v for k, v in more.reviews.items() if k != "direction"})
    into.unit = into.unit or more.unit
    into.percent = into.percent or more.percent


def qualitative(wording: str) -> SeriesText:
    wording = wording.strip().rstrip(".;")
    found = [e for e in events(wording) if e.kind == "year"]
    milestones = [Milestone(e.year, QUALITATIVE_TARGET, wording=wording, keep=e.keep) for e in found]
    name = pt.QUALITATIVE_NAME_DROP.sub("", wording)
    return SeriesText(wording=wording, name=_capital(name), unit="đánh giá", direction="qualitative",
                      milestones=milestones,
                      reviews={"direction": "chỉ tiêu không có con số: đề xuất đánh giá định tính",
                               "targets": "ghi mức cần đạt bằng lời cho từng mốc"})
