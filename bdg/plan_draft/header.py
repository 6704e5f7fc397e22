"""The decision's own particulars: number, date, issuer, title, period, yearly report deadline.

Citations of other documents ("Căn cứ Quyết định số 1/QĐ-TTg …") are skipped, and stronger
evidence wins over weaker: the "Số:" line over a mention in the text, the place-and-date line
under the national motto over any other date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bdg.plan_draft import patterns as pt
from bdg.plan_draft.text import DecisionText, clean

MAX_TITLE = 300  # a longer paragraph is body text, not the title


@dataclass
class Header:
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    province: str | None = None
    title: str | None = None
    period: tuple[int, int] | None = None
    deadline: tuple[int, int] | None = None  # (month, day)
    sources: dict[str, str] = field(default_factory=dict)


def _first(paragraphs: list[str], patterns: list[re.Pattern[str]]) -> tuple[re.Match[str], str] | None:
    """The first match of the strongest pattern that matches at all."""
    for rx in patterns:
        for p in paragraphs:
            m = rx.search(p)
            if m:
                return m, p
    return None


def header(doc: DecisionText) -> Header:
    h = Header()
    own = [p for p in doc.paragraphs if not pt.CITATION.match(p)]
    found = _first(own, pt.DECISION_NUMBER)
    if found:
        h.number, h.sources["number"] = found[0].group("number").replace(" ", ""), found[1]
    places = [p for p in own if pt.PLACE_DATE.search(p)]
    _date(h, places + ([h.sources["number"]] if found else []) + own)
    top = own[:20]
    heads = [f"{a} {b}" for a, b in zip(top, top[1:]) if a.isupper() and b.isupper()]  # a header on two lines
    found = _first(heads + ([h.sources["number"]] if "number" in h.sources else []) + own, pt.ISSUER)
    if found:
        h.issuer, h.province = _issuer(found[0].group("issuer"), found[0].group("province"))
        h.sources["issuer"] = found[1]
    elif places:
        h.province = pt.PLACE_DATE.search(places[0]).group("place")
        if h.number and "UBND" in h.number.upper():
            h.issuer = f"Ủy ban nhân dân tỉnh {h.province}"  # read from the number's symbol: marked for review
    _title(h, doc.paragraphs)
    found = _first(([h.sources["title"]] if "title" in h.sources else []) + own, [pt.PERIOD])
    if found:
        m = found[0]
        start, end = int(m.group("start")), int(m.group("outlook") or m.group("end"))
        h.period = (min(start, end), max(start, end))
        if start <= end:  # a reversed period is kept in order but left without a source: marked for review
            h.sources["period"] = found[1]
    found = _first(own, [pt.REPORT_DEADLINE])
    if found and 1 <= int(found[0].group("month")) <= 12 and 1 <= int(found[0].group("day")) <= 31:
        h.deadline, h.sources["deadline"] = (int(found[0].group("month")), int(found[0].group("day"))), found[1]
    return h


def _date(h: Header, paragraphs: list[str]) -> None:
    for p in paragraphs:
        for rx in pt.DECISION_DATE:
            m = rx.search(p)
            if m:
                try:
                    h.date = dt.date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
                except ValueError:
                    continue
                h.sources["date"] = p
                return


def _title(h: Header, paragraphs: list[str]) -> None:
    for p in paragraphs:
        if len(p) > MAX_TITLE or pt.CITATION.match(p) and not pt.TITLE[0].match(p):
            continue
        for rx in pt.TITLE:
            m = rx.search(p)
            if m:
                title = clean(m.group("title")).rstrip(" .")
                if not title.lower().startswith("kế hoạch"):
                    title = f"Kế hoạch {title[:1].lower()}{title[1:]}"
                h.title, h.sources["title"] = title, p
                return


def _issuer(issuer: str, province: str) -> tuple[str, str]:
    province = " ".join(w.capitalize() for w in province.split()) if province.isupper() else province.strip()
    body = issuer[: issuer.lower().rfind(province.lower())].strip() if province else issuer
    body = body.replace("UBND", "Ủy ban nhân dân")
    body = body[:1].upper() + body[1:].lower()
    return f"{body} {province}".strip(), province
