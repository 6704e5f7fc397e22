"""Vietnamese number formatting (22,33%; 58,3/100.000), rounded half-up as Excel shows."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

from babel.numbers import format_decimal

from bdg.plan import Direction, Series, Target

LOCALE = "vi_VN"
NO_DATA = "chưa có số liệu"
_WIDE = Context(prec=1000)  # enough digits for any float (1e308) or a typed 28-digit whole number


def round_half_up(value: float, decimals: int) -> float:
    """Round like Excel's ROUND (half away from zero), not Python's banker's rounding."""
    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(q, rounding=ROUND_HALF_UP, context=_WIDE))


def fmt_number(value: float | int | None, decimals: int = 2, *, keep_zeros: bool = False) -> str:
    """``1234567.5`` → ``1.234.567,5``; ``None``/NaN → "chưa có số liệu". Never raises, whatever the size."""
    exact = _decimal(value)
    if exact is None:
        return _special(value)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_WIDE)
    pattern = "#,##0" + ("." + ("0" if keep_zeros else "#") * decimals if decimals else "")
    with localcontext(_WIDE):  # babel quantizes again in the current context
        return format_decimal(rounded, format=pattern, locale=LOCALE)


def fmt_plain(value: float | int | None, decimals: int = 4) -> str:
    """A number with no thousands grouping and a decimal comma, so it reads one way only:
    ``1234`` → ``1234``; ``1.234`` → ``1,234``; ``2015`` → ``2015``. Never raises."""
    exact = _decimal(value)
    if exact is None:
        return _special(value)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_WIDE)
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def fmt_year(value: object) -> str:
    """A year as written on a form: ``2015`` (never ``2.015``); other values as they are."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)) and math.isfinite(value) and float(value).is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _decimal(value) -> Decimal | None:
    """The exact decimal of an int or a finite float (None for None, NaN, ±inf, non-numbers)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, (float, Decimal)):
        if not math.isfinite(value):
            return None
        return Decimal(repr(float(value))) if isinstance(value, float) else value
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return Decimal(repr(number)) if math.isfinite(number) else None


def _special(value) -> str:
    if value is None or _is_nan(value):
        return NO_DATA
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return str(value)


def _is_nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


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
    if value is None or _is_nan(value):
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
