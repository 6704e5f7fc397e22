"""Agencies named in a decision: one entry per agency however it is spelt, with a proposed code."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bdg.plan_draft import patterns as pt


def key(name: str) -> str:
    """A spelling-free key: "Sở Giáo dục - Đào tạo" and "Sở Giáo dục và Đào tạo" share one."""
    text = unicodedata.normalize("NFC", name).lower()
    text = pt.AGENCY_KEY_DROP.sub(" ", text)
    return " ".join(text.split())


def split_names(text: str) -> list[str]:
    """The agencies of a list ("Sở Tư pháp; Hội Liên hiệp phụ nữ và các ngành liên quan")."""
    parts = pt.AGENCY_LIST_SPLIT.split(text)
    names: list[str] = []
    for part in parts:
        part = part.strip(" .")
        for piece in _split_and(part):
            if (pt.AGENCY_START.match(piece) and not pt.AGENCY_GENERIC.search(piece) and len(piece) <= 90
                    and len(piece.split()) >= 2):
                names.append(piece)
    return names


def _split_and(part: str) -> list[str]:
    """ "Sở Tài chính và Sở Nội vụ" → two names; "Sở Kế hoạch và Đầu tư" stays one."""
    pieces = pt.AGENCY_AND.split(part)
    return [p.strip() for p in pieces if p.strip()]


def propose_code(name: str) -> str:
    """Initials without diacritics: "Sở Y tế" → SYT, "Sở Lao động - Thương binh và Xã hội" → SLDTBXH."""
    words = [w for w in re.split(r"[\s\-–,&]+", name) if w and w.lower() not in {"và", "của"}]
    initials = "".join(_ascii(w[0]) for w in words if w[0].isalpha())
    return initials.upper() or "CQ"


def _ascii(letter: str) -> str:
    if letter in "đĐ":
        return "D"
    return unicodedata.normalize("NFD", letter)[0]


@dataclass
class Registry:
    """Agencies in order of first mention; names are kept as first spelt in the body text."""

    names: dict[str, str] = field(default_factory=dict)  # key → name
    sources: dict[str, str] = field(default_factory=dict)  # key → the sentence it was found in

    def add(self, name: str, source: str) -> str:
        k = key(name)
        if k not in self.names:
            self.names[k] = name
            self.sources[k] = source
        return k

    def codes(self) -> dict[str, str]:
        """key → a unique proposed code."""
        out: dict[str, str] = {}
        used: set[str] = set()
        for k, name in self.names.items():
            code = base = propose_code(name)
            n = 2
            while code in used:
                code, n = f"{base}{n}", n + 1
            used.add(code)
            out[k] = code
        return out
