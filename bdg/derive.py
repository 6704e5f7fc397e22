"""Deriving a series' value from its raw inputs — the one rule intake, consolidation and
attainment share (province values are derived again from summed district inputs)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bdg.plan import Series


def derive(series: Series, inputs: Mapping[str, float | str | None]) -> float | str | None:
    """The value from raw inputs, or None when an input is missing or a denominator is zero."""
    d = series.derivation
    if d.kind == "direct":
        value = inputs.get(d.input)
        return None if value in (None, "") else value
    if d.kind == "share":
        num, den = _num(inputs.get(d.numerator)), _num(inputs.get(d.denominator))
        if num is None or den is None or den == 0:
            return None
        return num / den * d.scale
    if d.kind == "reduction":
        cur, base = _num(inputs.get(d.current)), _num(inputs.get(d.baseline))
        if cur is None or base is None or base == 0:
            return None
        return (base - cur) / base * 100.0
    raise ValueError(f"unknown derivation {d.kind}")


def sum_inputs(series: Series, parts: Iterable[Mapping[str, float | str | None]]) -> dict[str, float | None]:
    """Add raw inputs across units (e.g. districts into the province); a key missing anywhere is None.

    For a ``reduction`` the baseline count is summed like the current count.
    """
    parts = list(parts)
    out: dict[str, float | None] = {}
    for spec in series.inputs:
        values = [_num(p.get(spec.key)) for p in parts]
        out[spec.key] = None if not values or any(v is None for v in values) else sum(values)
    return out


def _num(value) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None
