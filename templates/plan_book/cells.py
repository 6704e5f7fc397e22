"""One cell of a plan workbook read as the plan's value, by its column's kind (:mod:`templates.plan_book.layout`).

:func:`read_cell` returns ``(value, None)``, or ``(None, reason)`` with a Vietnamese reason when the
cell cannot be that kind of value; an empty cell is ``(None, None)``.
"""

from __future__ import annotations

import datetime as dt
import re

from templates.intake.cell_values import read_date, read_number, same_text

# text a person meant as a number (digits, separators, spaces, a sign, a trailing %): read as one or refused
_NUMBERISH = re.compile(r"^\s*[+-]?[\d.,\s\u00a0\u202f]*\d[\d.,\s\u00a0\u202f]*%?\s*$")
# what the intake flags that a plan cannot take (a negative or fractional value is the plan rules' to judge)
_REFUSED = {"text-in-number-cell", "excel-error", "number-too-large"}
_SPLIT = re.compile(r"[,;\n]")


def read_cell(raw: object, kind: str, choices: dict | None = None) -> tuple[object, str | None]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if isinstance(raw, str):
        raw = raw.strip()
    if choices is not None:
        return _choice(raw, choices)
    reader = _READERS.get(kind, _text)
    return reader(raw)


def plain_number(value: float) -> int | float:
    """A whole float as an int (2025.0 → 2025), so that a plan file shows what a person typed."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def text_of(raw: object) -> str:
    if isinstance(raw, bool):
        return "có" if raw else "không"
    if isinstance(raw, float):
        return str(plain_number(raw))
    if isinstance(raw, dt.datetime):
        return f"{raw:%d/%m/%Y}" if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return f"{raw:%d/%m/%Y}"
    return str(raw)


def _text(raw: object) -> tuple[object, str | None]:
    return text_of(raw), None


def _int(raw: object) -> tuple[object, str | None]:
    number, reason = _read(raw, "count")
    if reason is None and float(number).is_integer():
        return int(number), None
    return None, f"phải là số nguyên (đang là '{text_of(raw)}')"


def _number(raw: object) -> tuple[object, str | None]:
    number, reason = _read(raw, "decimal")
    return (plain_number(float(number)), None) if reason is None else (None, reason)


def _read(raw: object, kind: str, shown: object = None) -> tuple[float | None, str | None]:
    """A number by the intake's one rule for numbers typed either way (1.234,5 or 1,234.5);
    ``shown``: what the cell holds, for the reason (default ``raw``)."""
    reading = read_number(raw, kind)
    typed = text_of(raw if shown is None else shown)
    refused = {code for code, _ in reading.findings} & _REFUSED
    if reading.value is None or refused:
        if "excel-error" in refused:
            return None, f"đang báo lỗi công thức '{typed}': hãy ghi số vào ô"
        if "number-too-large" in refused:
            return None, f"là số lớn bất thường (đang là '{typed}')"
        return None, f"phải là số (đang là '{typed}'); phần thập phân dùng dấu phẩy, ví dụ 1,7"
    return reading.value, None


def _value(raw: object) -> tuple[object, str | None]:
    """A number when the cell holds one (also typed as text, with or without %), else the text (a
    qualitative target). Text that looks like a number but cannot be read as one is a problem, not text."""
    if isinstance(raw, str):
        if not _NUMBERISH.match(raw):
            return raw, None
        number, reason = _read(raw.strip().removesuffix("%"), "decimal", shown=raw)
        return (plain_number(float(number)), None) if reason is None else (None, reason)
    number, reason = _number(raw)
    return (number, None) if reason is None else (text_of(raw), None)


def _date(raw: object) -> tuple[object, str | None]:
    day, _ = read_date(raw.strip() if isinstance(raw, str) else raw)
    if day is not None:
        return day, None
    return None, f"phải là ngày dạng ngày/tháng/năm, ví dụ 31/12/2021 (đang là '{text_of(raw)}')"


def _codes(raw: object) -> tuple[object, str | None]:
    return [part.strip() for part in _SPLIT.split(text_of(raw)) if part.strip()], None


def _years(raw: object) -> tuple[object, str | None]:
    parts = [part.strip() for part in _SPLIT.split(text_of(raw)) if part.strip()]
    years = [int(p) for p in parts if p.isdigit()]
    if len(years) != len(parts):
        return None, f"phải là các năm cách nhau bằng dấu phẩy, ví dụ 2025, 2030 (đang là '{text_of(raw)}')"
    return years, None


def _lines(raw: object) -> tuple[object, str | None]:
    return [line.strip() for line in text_of(raw).splitlines() if line.strip()], None


def _choice(raw: object, choices: dict) -> tuple[object, str | None]:
    if isinstance(raw, bool) and True in choices.values():
        return raw, None
    text = same_text(text_of(raw))
    for label, value in choices.items():
        if text in (same_text(label), same_text(value)):
            return value, None
    return None, f"'{text_of(raw)}' không có trong danh sách (chọn một trong: {'; '.join(choices)})"


_READERS = {"text": _text, "int": _int, "year": _int, "number": _number, "value": _value, "date": _date,
            "codes": _codes, "years": _years, "lines": _lines}
