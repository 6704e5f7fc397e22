"""Reading what a clerk typed into one input cell: numbers in either convention, percent signs,
Excel error values, dates — as a value plus findings (problem codes with their parameters).

Vietnamese writes ``1.234,5``; English ``1,234.5``. When both separators appear the last one is
the decimal mark. A lone separator followed by exactly three digits (``1.234``, ``1,234``) could
be either: for counts only the thousands reading is a whole number, so it is taken; for decimals
the form's own convention (comma = decimal) decides and the reading is flagged.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field

from bdg.numbers import fmt_shown

EXCEL_ERRORS = ("#DIV/0!", "#VALUE!", "#REF!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                "#GETTING_DATA")
_LO_ERROR = re.compile(r"^Err:\d{3}$")
_NUMBER = re.compile(r"^[+-]?[\d.,]*\d[\d.,]*$")
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
MAX_NUMBER = 1_000_000_000  # largest accepted; no count or decimal on a form comes near: a typo, or a number that is not one


@dataclass
class Reading:
    value: float | str | None
    findings: list[tuple[str, dict]] = field(default_factory=list)

    def add(self, code: str, **params) -> Reading:
        self.findings.append((code, params))
        return self


def is_excel_error(text: object) -> bool:
    return isinstance(text, str) and (text.strip().upper() in EXCEL_ERRORS or bool(_LO_ERROR.match(text.strip())))


def read_number(raw: object, kind: str, *, percent: bool = False, plausible: tuple[float, float] | None = None
                ) -> Reading:
    """Read a count or decimal cell. ``percent``: the input is itself a share in % (unit %)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Reading(None)
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return Reading(None).add("text-in-number-cell")
    if is_excel_error(raw):
        return Reading(None).add("excel-error")
    had_percent = False
    if isinstance(raw, (int, float)):
        if math.isnan(raw) or math.isinf(raw):
            return Reading(None).add("excel-error")
        value = float(raw)
        reading = Reading(value)
    else:
        text = _SPACES.sub("", str(raw))
        if text.endswith("%"):
            had_percent, text = True, text[:-1]
        if not _NUMBER.match(text):
            return Reading(None).add("text-in-number-cell")
        reading = _parse_text(text, kind)
        if reading.value is None:
            return reading
        value = reading.value
        if had_percent and not percent:
            return Reading(None).add("text-in-number-cell")
    if abs(value) > MAX_NUMBER:
        return Reading(None).add("number-too-large", limit=MAX_NUMBER)
    if percent and not had_percent:
        value = _decide_percent(value, reading, plausible)
    reading.value = value
    return _check_number(reading, kind)


def _parse_text(text: str, kind: str) -> Reading:
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("+-")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        whole, _, frac = text.rpartition(decimal)
        if text.count(decimal) > 1 or not _grouped(whole, thousands):
            return Reading(None).add("text-in-number-cell")
        return Reading(sign * float(whole.replace(thousands, "") + "." + frac))
    sep = "." if dots else "," if commas else ""
    if not sep:
        return Reading(sign * float(text))
    count = dots or commas
    head, _, tail = text.partition(sep)
    if count > 1:  # only grouping: 1.234.567 or 1,234,567
        return Reading(sign * float(text.replace(sep, ""))) if _grouped(text, sep) else \
            Reading(None).add("text-in-number-cell")
    if len(tail) == 3 and head and head != "0":
        thousands = sign * float(head + tail)
        if kind == "count":
            return Reading(thousands)
        decimal = sign * float(head + "." + tail)
        if sep == ",":  # the form's convention: comma is the decimal mark
            return Reading(decimal).add("ambiguous-separator", read=_show_plain(decimal),
                                        how="dấu phẩy là dấu thập phân")
        return Reading(thousands).add("ambiguous-separator", read=_show_plain(thousands),
                                      how="dấu chấm phân cách hàng nghìn")
    return Reading(sign * float(f"{head or '0'}.{tail}"))


def _grouped(text: str, sep: str) -> bool:
    parts = text.split(sep)
    return bool(parts[0]) and len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def _decide_percent(value: float, reading: Reading, plausible: tuple[float, float] | None) -> float:
    """A % input of 0,2233 may mean 22,33 %: decided by the unit, flagged when both readings fit."""
    if not 0 < abs(value) <= 1:
        return value
    low, high = plausible or (0.0, 100.0)
    as_fraction = value * 100
    raw_fits, fraction_fits = low <= value <= high, low <= as_fraction <= high
    if fraction_fits and raw_fits:
        reading.add("ambiguous-percent", read=_show_plain(as_fraction))
        return as_fraction
    return as_fraction if fraction_fits else value


def _check_number(reading: Reading, kind: str) -> Reading:
    value = reading.value
    if value is None:
        return reading
    if value < 0:
        reading.add("negative-number")
    elif kind == "count" and not float(value).is_integer():
        reading.add("not-whole-number")
    return reading


def read_choice(raw: object, choices: list[str]) -> Reading:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Reading(None)
    if is_excel_error(raw):
        return Reading(None).add("excel-error")
    text = same_text(raw)
    for choice in choices:
        if text == same_text(choice):
            return Reading(choice)
    return Reading(None).add("invalid-choice", choices="; ".join(choices))


def same_text(value: object) -> str:
    """Text as compared: Unicode NFC (keyboards may type decomposed diacritics), spaces collapsed, case folded."""
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return unicodedata.normalize("NFC", text.casefold())


def read_date(raw: object) -> tuple[dt.date | None, str | None]:
    """A report date from a date cell, an Excel serial number or text dd/mm/yyyy; (date, problem detail)."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 20000 < raw < 80000:  # an Excel serial day number left unformatted
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(raw)), None
        return None, "không phải ngày"
    text = str(raw).strip()
    m = re.match(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", text)
    if m:
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1])), None
        except ValueError:
            return None, "ngày hoặc tháng không tồn tại"
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])), None
        except ValueError:
            return None, "ngày hoặc tháng không tồn tại"
    return None, "không đúng dạng ngày/tháng/năm"


def _show_plain(value: float) -> str:
    from bdg.numbers import fmt_plain

    return fmt_plain(value, 4)
