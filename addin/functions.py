"""Custom functions for any Excel cell (``=BDG_MUCDAT(22,5; 20)``), over :mod:`bdg.attainment`.

The same module serves classic xlwings (UDF Modules = ``addin.functions``, Windows), xlwings
Lite and xlwings Server (``@xw.func``). The functions are named as Excel shows them, in
capitals, because classic xlwings calls them by their Python name. They never raise: a
problem comes back as a Vietnamese text starting with "Lỗi:" in the cell.

Numbers are written as in the plan (22,33 for 22,33%); a cell formatted as % gives Excel's
fraction (0,2233) — ratios such as % of target are the same either way.
"""

from __future__ import annotations

import functools
import os

import xlwings as xw

from bdg.attainment import assess_series, judged_target, pct_of_target
from bdg.numbers import fmt_target, round_half_up
from bdg.plan import DIRECTION_LABELS, Derivation, Direction, Plan, RawInput, Series, Target, Variant

ERROR = "Lỗi: "
_SYMBOLS = {
    ">=": (Direction.AT_LEAST, False), "≥": (Direction.AT_LEAST, False), ">": (Direction.AT_LEAST, True),
    "<=": (Direction.AT_MOST, False), "≤": (Direction.AT_MOST, False), "<": (Direction.AT_MOST, True),
}
_WORDS = {
    "it nhat": Direction.AT_LEAST, "ít nhất": Direction.AT_LEAST, "tối thiểu": Direction.AT_LEAST,
    "không vượt quá": Direction.AT_MOST, "tối đa": Direction.AT_MOST, "khong vuot qua": Direction.AT_MOST,
    "mỗi giới": Direction.EACH_SEX_AT_LEAST, "giảm": Direction.REDUCE_BY_SHARE,
    "định tính": Direction.QUALITATIVE,
}


class _Bad(ValueError):
    """A bad argument: its text becomes the cell's "Lỗi: …" message."""


@functools.lru_cache(maxsize=4)
def _plan(path: str | None = None) -> Plan:
    from templates.plan_book.source import read_plan_source

    return read_plan_source(path or os.environ.get("BDG_PLAN") or None).plan


def _safe(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        try:
            return fn(*args)
        except _Bad as exc:
            return f"{ERROR}{exc}"
        except Exception as exc:  # noqa: BLE001 — a cell shows a message, never a traceback
            from addin.guard import user_message

            return f"{ERROR}{user_message(exc, context=f'hàm {fn.__name__}{args!r}')}"
    return wrapper


def _number(value, what: str, *, required: bool = True) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _Bad(f"thiếu {what}.")
        return None
    if isinstance(value, bool):
        raise _Bad(f"{what} phải là số (đang là {value}).")
    if isinstance(value, (int, float)):
        return float(value)
    from templates.intake.cell_values import read_number

    reading = read_number(value, "decimal")
    if reading.value is None or isinstance(reading.value, str):
        raise _Bad(f"{what} phải là số (đang là '{value}').")
    return float(reading.value)


def _year(value, what: str = "năm") -> int:
    number = _number(value, what)
    if not number.is_integer() or not 1900 < number < 2200:
        raise _Bad(f"{what} phải là một năm có bốn chữ số (đang là '{value}').")
    return int(number)


def parse_direction(value) -> tuple[Direction, bool]:
    """A direction from what a user types: ``at_least``, ``đạt ít nhất``, ``≥``, ``<`` … (strict?)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Direction.AT_LEAST, False
    text = " ".join(str(value).split()).casefold()
    if text in _SYMBOLS:
        return _SYMBOLS[text]
    for direction in Direction:
        if text in (direction.value, DIRECTION_LABELS[direction].casefold()):
            return direction, False
    for word, direction in _WORDS.items():
        if word in text:
            return direction, False
    choices = "; ".join(f"'{d.value}' hoặc '{DIRECTION_LABELS[d]}'" for d in Direction)
    raise _Bad(f"không hiểu cách đánh giá '{value}'. Dùng ≥, >, ≤, <, hoặc {choices}.")


def _adhoc_series(direction: Direction, targets: dict[int, Target], baseline: float | None,
                  baseline_year: int | None) -> Series:
    """A series built from a cell's arguments, so the plan's own rules judge it."""
    return Series(
        code="?", objective=0, target_no=0, name="(tự nhập)", unit="", direction=direction, lead="?",
        baseline={"value": baseline, "year": baseline_year},
        variants=[Variant(source="text", targets=targets)],
        inputs=[RawInput(key="value", label="Giá trị", kind="decimal")],
        derivation=Derivation(kind="direct", input="value"),
    )


def _series(code) -> Series:
    plan = _plan()
    text = "" if code is None else str(code).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]  # Excel sends the code 2 typed as a number as 2.0
    try:
        return plan.series_by_code(text)
    except StopIteration:
        raise _Bad(f"kế hoạch không có chỉ tiêu mã '{text}'. Xem các mã ở trang Chỉ tiêu.") from None


# --- the functions -----------------------------------------------------------------------------

@xw.func
@xw.arg("value", doc="Giá trị thực hiện (số, ví dụ 22,5)")
@xw.arg("target", doc="Chỉ tiêu (số, ví dụ 20)")
@xw.arg("direction", doc="Cách đánh giá: ≥ (mặc định), ≤, 'mỗi giới', 'giảm'")
@_safe
def BDG_MUCDAT(value, target, direction=None):  # noqa: N802 — Excel's name
    """Mức đạt so với chỉ tiêu (%): giá trị ÷ chỉ tiêu × 100; với 'không vượt quá' là chỉ tiêu ÷ giá trị × 100."""
    d, strict = parse_direction(direction)
    if d is Direction.QUALITATIVE:
        raise _Bad("chỉ tiêu định tính không tính được phần trăm.")
    v, t = _number(value, "giá trị"), _number(target, "chỉ tiêu")
    pct = pct_of_target(_adhoc_series(d, {}, None, None), v, Target(value=t, strict=strict))
    if pct is None:
        raise _Bad("không tính được (chỉ tiêu bằng 0, hoặc giá trị bằng 0 khi đánh giá 'không vượt quá').")
    return round_half_up(pct, 2)


@xw.func
@xw.arg("value", doc="Giá trị thực hiện của năm đánh giá")
@xw.arg("baseline", doc="Số liệu gốc (năm gốc); để trống nếu không có")
@xw.arg("target", doc="Chỉ tiêu phải đạt ở năm mốc")
@xw.arg("year", doc="Năm đánh giá (bốn chữ số)")
@xw.arg("milestone", doc="Năm mốc của chỉ tiêu (mặc định: năm đánh giá)")
@xw.arg("direction", doc="Cách đánh giá: ≥ (mặc định), >, ≤, <, 'mỗi giới', 'giảm', 'định tính'")
@xw.arg("baseline_year", doc="Năm của số liệu gốc (mặc định: năm gốc của kế hoạch)")
@_safe
def BDG_TRANGTHAI(value, baseline, target, year, milestone=None, direction=None, baseline_year=None):  # noqa: N802
    """Trạng thái: Đạt/vượt chỉ tiêu, Đúng tiến độ, Chậm tiến độ, Có nguy cơ không đạt, Không đạt, Chưa có số liệu.

    Tại năm mốc (năm đánh giá = năm mốc) chỉ có Đạt/vượt chỉ tiêu hoặc Không đạt."""
    d, strict = parse_direction(direction)
    y = _year(year, "năm đánh giá")
    m = _year(milestone, "năm mốc") if milestone not in (None, "") else y
    if m < y:
        raise _Bad(f"năm mốc {m} phải không trước năm đánh giá {y}.")
    plan = _plan()
    b_year = _year(baseline_year, "năm gốc") if baseline_year not in (None, "") else plan.baseline_year
    b_year = min(b_year, y)
    if d is Direction.QUALITATIVE:
        t: object = str(target).strip()
        v: object = None if value in (None, "") else str(value).strip()
        b = None
    else:
        t, b = _number(target, "chỉ tiêu"), _number(baseline, "số liệu gốc", required=False)
        v = _number(value, "giá trị", required=False)
    series = _adhoc_series(d, {m: Target(value=t, strict=strict)}, b, b_year)
    adhoc = plan.model_copy(update={"period": plan.period.model_copy(update={"start": b_year, "end": m}),
                                    "milestones": [m], "series": [series]})
    found = [a for a in assess_series(adhoc, series, plan.province_unit.code, {y: v}) if a.year == y]
    return found[0].status.label


@xw.func
@xw.arg("code", doc="Mã chỉ tiêu trong kế hoạch (cột Mã của trang Chỉ tiêu)")
@xw.arg("year", doc="Năm: cho chỉ tiêu của năm mốc gần nhất từ năm này trở đi")
@xw.arg("as_text", doc="TRUE: trả về dạng chữ (ví dụ \"≥ 70%\") thay vì con số")
@_safe
def BDG_CHITIEU(code, year, as_text=False):  # noqa: N802
    """Chỉ tiêu đang áp dụng của kế hoạch cho một mã chỉ tiêu và năm (năm mốc gần nhất trở đi)."""
    series = _series(code)
    milestone, target = judged_target(_plan(), series, _year(year))
    if target is None:
        raise _Bad(f"chỉ tiêu {series.code} không đặt mục tiêu cho năm {int(year)} hoặc các năm mốc sau đó.")
    if as_text in (True, 1, "TRUE", "true", "Đúng", "đúng"):
        return fmt_target(series, target)
    return target.value


@xw.func
@xw.arg("code", doc="Mã chỉ tiêu trong kế hoạch (cột Mã của trang Chỉ tiêu)")
@xw.arg("year", doc="Năm của giá trị")
@xw.arg("value", doc="Giá trị thực hiện của năm đó")
@_safe
def BDG_DANHGIA(code, year, value):  # noqa: N802
    """Trạng thái của một chỉ tiêu trong kế hoạch với giá trị của một năm (theo số liệu gốc và lộ trình)."""
    series, plan = _series(code), _plan()
    y = _year(year)
    if not plan.period.start <= y <= plan.period.end:
        raise _Bad(f"năm {y} nằm ngoài giai đoạn {plan.period.start}–{plan.period.end} của kế hoạch.")
    v = (None if value in (None, "") else str(value).strip()) if series.is_qualitative else \
        _number(value, "giá trị", required=False)
    found = [a for a in assess_series(plan, series, plan.province_unit.code, {y: v}) if a.year == y]
    return found[0].status.label


FUNCTIONS = (BDG_MUCDAT, BDG_TRANGTHAI, BDG_CHITIEU, BDG_DANHGIA)
