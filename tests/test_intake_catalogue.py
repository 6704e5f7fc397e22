"""The problem catalogue: every code has a Vietnamese message and a severity, every code is used
by the code that reads forms, and messages fill their placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import templates
from templates.intake.problems import CATALOGUE, make_problem

SOURCES = [p for p in Path(templates.__file__).parent.rglob("*.py") if p.name != "problems.py"]
KNOWN_FIELDS = {"file", "sheet", "cell", "series", "value"}
VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạèẻẽéẹìỉĩíịòỏõóọùủũúụỳỷỹýỵ]", re.IGNORECASE)


def test_every_code_has_a_vietnamese_message_and_severity():
    assert CATALOGUE
    for code, entry in CATALOGUE.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code
        assert entry.severity in ("error", "warning")
        assert VIETNAMESE.search(entry.template), code
        assert "Hãy" in entry.template or "hãy" in entry.template or entry.severity == "warning", code


def test_every_code_is_used_and_every_used_code_is_catalogued():
    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    used = set(re.findall(r'"([a-z0-9]+(?:-[a-z0-9]+)+)"', text))
    unused = [code for code in CATALOGUE if f'"{code}"' not in text]
    assert not unused, f"codes never emitted: {unused}"
    emitted = {u for u in used if re.search(rf'(make_problem|add|problem)\(\s*"{u}"|\("{u}", \{{', text)}
    assert emitted <= set(CATALOGUE), emitted - set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_messages_fill_every_placeholder(code):
    fields = {f for _, f, _, _ in string.Formatter().parse(CATALOGUE[code].template) if f}
    extras = {f: f"<{f}>" for f in fields - KNOWN_FIELDS}
    p = make_problem(code, "/tmp/bieu.xlsx", sheet="Biểu mẫu", cell="H12", series="1.1a", value=12, **extras)
    assert "?" not in p.message.replace("NAME?", "")
    assert p.code == code and p.severity == CATALOGUE[code].severity and p.file == "/tmp/bieu.xlsx"
    for f in extras:
        assert f"<{f}>" in p.message


def test_the_codes_that_mean_not_accepted_are_catalogued_errors_that_read_the_file():
    from templates.intake.problems import NOT_ACCEPTED_CODES, SKIPPED_CODES

    assert NOT_ACCEPTED_CODES <= set(CATALOGUE) and not NOT_ACCEPTED_CODES & SKIPPED_CODES
    assert {CATALOGUE[code].severity for code in NOT_ACCEPTED_CODES} == {"error"}
