"""Vietnamese number formatting (22,33%; 58,3/100.000), rounded half-up as Excel shows."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from bdg.plan import Direction, Series, Target

LOCALE = "vi_VN"
NO_DATA = "chưa có số liệu"


def round_half_up(value: float, decimals: int) -> float:
    """Round like Excel's ROUND (half away from zero), not Python's banker's rounding."""
    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(q, rounding=ROUND_HALF_UP))


def fmt_number(value: float | int | None, decimals: int = 2, *, keep_zeros: bool = False) -> str:
    """``1234567.5`` → ``1.234.567,5``; ``None``/NaN → "chưa có số liệu"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + ("0" if keep_zeros else "#") * decimals if decimals else "")
    return format_decimal(rounded, format=pattern, locale=LOCALE)


def fmt_shown(value, decimals: int = 4, *, empty: str = "") -> str:
    """Any cell value as a Vietnamese reader sees it: numbers ``22,5`` / ``1.234``, text as is, None → ``empty``."""
    if value is None:
        return empty
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and math.isnan(value):
        return NO_DATA
    if float(value).is_integer() and abs(value) < 1e15:  # counts: the common case, without babel's cost
        return f"{int(value):,}".replace(",", ".")
    return fmt_number(value, decimals)


def fmt_value(series: Series, value, decimals: int = 2) -> str:
    """A series value with its unit: ``22,33%``, ``58,3/100.000 trẻ đẻ sống``, ``1,8 lần``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    if isinstance(value, str):
        return value
    number = fmt_number(value, decimals)
    return f"{number}%" if series.unit == "%" else f"{number} {series.unit}".replace(" /", "/")


def fmt_target(series: Series, target: Target | None, *, unit: bool = True) -> str:
    """A target as a reader expects it: ``≥ 20%``, ``> 90%``, ``≤ 113 trẻ trai/100 trẻ gái``."""
    if target is None:
        return "—"
    if isinstance(target.value, str):
        return target.value
    value = fmt_value(series, target.value) if unit else fmt_number(target.value)
    sign = {
        Direction.AT_LEAST: ">" if target.strict else "≥",
        Direction.AT_MOST: "<" if target.strict else "≤",
        Direction.EACH_SEX_AT_LEAST: "mỗi giới ≥",
        Direction.REDUCE_BY_SHARE: "giảm ≥",
    }.get(series.direction, "")
    return f"{sign} {value}".strip()
