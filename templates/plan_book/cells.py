"""One cell of a plan workbook read as the plan's value, by its column's kind (:mod:`templates.plan_book.layout`).

:func:`read_cell` returns ``(value, None)``, or ``(None, reason)`` with a Vietnamese reason when the
cell cannot be that kind of value; an empty cell is ``(None, None)``.
"""

from __future__ import annotations

import datetime as dt
import re

EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_DATE_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
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
    number, reason = _number(raw)
    if reason is None and isinstance(number, int):
        return number, None
    return None, f"phải là số nguyên (đang là '{text_of(raw)}')"


def _number(raw: object) -> tuple[object, str | None]:
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.datetime, dt.timedelta)):
        return None, f"phải là số (đang là '{text_of(raw)}')"
    if isinstance(raw, (int, float)):
        return plain_number(float(raw)), None
    text = str(raw).replace("\u00a0", "").replace(" ", "")
    if _NUMBER.match(text):
        return plain_number(float(text.replace(",", "."))), None
    return None, f"phải là số (đang là '{raw}'); phần thập phân dùng dấu phẩy, ví dụ 1,7"


def _value(raw: object) -> tuple[object, str | None]:
    """A number when the cell holds one (also typed as text), else the text (a qualitative target)."""
    number, reason = _number(raw)
    return (number, None) if reason is None else (text_of(raw), None)


def _date(raw: object) -> tuple[object, str | None]:
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 1 <= raw < 80000:
        return EXCEL_EPOCH + dt.timedelta(days=int(raw)), None
    text = str(raw)
    m, iso = _DATE_DMY.match(text), _DATE_ISO.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), None
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))), None
    except ValueError:
        pass
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
    text = text_of(raw).strip().casefold()
    for label, value in choices.items():
        if text in (label.casefold(), str(value).casefold()):
            return value, None
    return None, f"'{text_of(raw)}' không có trong danh sách; hãy chọn một trong: {'; '.join(choices)}"


_READERS = {"text": _text, "int": _int, "number": _number, "value": _value, "date": _date, "codes": _codes,
            "years": _years, "lines": _lines}
