"""A decision's text as the draft reads it: paragraphs in order, and the tables (the annex).

Readers of .docx/.pdf files live in a higher layer; this module only builds the model from what
they extracted and from plain text (.txt files, a PDF's text layer).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bdg.plan_draft import patterns as pt

Table = list[list[str]]  # rows of cells, each cell's text (lines joined with "\n")

# Old-style tone placement → the placement used in the plan files ("uỷ" → "ủy", "hoà" → "hòa").
_TONES = {"uỷ": "ủy", "uý": "úy", "uỳ": "ùy", "uỹ": "ũy", "uỵ": "ụy", "oà": "òa", "oá": "óa", "oả": "ỏa",
          "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe"}
# Not after "q": in "quý", "quỹ" the "u" belongs to the consonant and the mark already sits on the vowel.
_TONE_RX = re.compile(r"(?<![q])(?:" + "|".join(_TONES) + r")(?![a-zà-ỹđ])", re.IGNORECASE)
_DASHES = re.compile(r"[‐‑‒–—−]")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u200b]+")


def clean(text: str) -> str:
    """NFC, one kind of dash and space, tone marks placed one way, no surrounding spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _TONE_RX.sub(lambda m: _match_case(m.group(0), _TONES[m.group(0).lower()]), text)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def _match_case(found: str, replacement: str) -> str:
    return replacement.upper() if found.isupper() else (replacement[0].upper() + replacement[1:]
                                                        if found[0].isupper() else replacement)


@dataclass
class DecisionText:
    paragraphs: list[str]
    tables: list[Table] = field(default_factory=list)
    origin: str = ""  # the file it came from, for messages

    @property
    def size(self) -> int:
        return sum(map(len, self.paragraphs)) + sum(len(c) for t in self.tables for r in t for c in r)


def from_plain_text(text: str, origin: str = "", wrapped: bool = False) -> DecisionText:
    """Paragraphs and tab-separated tables from plain text.

    ``wrapped``: lines are visual lines (a PDF's text layer) and are joined back into paragraphs;
    a new paragraph starts at a heading, a bullet or a numbered item.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tabbed = [i for i, line in enumerate(lines) if "\t" in line]
    tables: list[Table] = []
    if tabbed:
        first, last = tabbed[0], tabbed[-1]
        tables.append(_tab_rows("\n".join(lines[first:last + 1])))
        lines = lines[:first] + lines[last + 1:]
    paragraphs = [clean(line) for line in lines]
    paragraphs = [p for p in paragraphs if p]
    if wrapped:
        paragraphs = _unwrap(paragraphs)
    return DecisionText(paragraphs, [t for t in tables if t], origin)


def _tab_rows(block: str) -> Table:
    rows = re.split(r"\n[ \u00a0]*\n(?=[ \u00a0]*\t)", block)
    table = []
    for row in rows:
        cells = ["\n".join(c for c in (clean(line) for line in cell.split("\n")) if c) for cell in row.split("\t")]
        if any(cells):
            table.append(cells)
    return table



def _unwrap(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and not pt.PARAGRAPH_START.match(line) and not _ends_block(out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _ends_block(previous: str) -> bool:
    """A heading in capitals or a line ending a sentence does not continue on the next line."""
    letters = [c for c in previous if c.isalpha()]
    return (bool(letters) and all(c.isupper() for c in letters)) or previous.endswith((":", "."))


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in pt.SENTENCE_END.split(text) if s.strip()]


def is_annex_table(table: Table) -> bool:
    """A table of targets (the annex), as opposed to a header or signature table."""
    return sum(bool(pt.TARGET_NAMED.match(line)) for row in table for cell in row
               for line in cell.split("\n")[:1]) >= 1
