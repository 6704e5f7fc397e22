"""The Vietnamese sentence behind each attainment status — with the numbers a reader needs
to check it by hand (the comparison, the straight-path formula, the recent pace)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bdg.numbers import fmt_number as _fmt_number
from bdg.numbers import fmt_target
from bdg.plan import Direction, Plan, Series, Target
from bdg.status import Status, unscore


@dataclass(frozen=True)
class Context:
    plan: Plan
    series: Series
    year: int
    value: object
    milestone: int | None
    target: Target | None
    start: object  # bdg.attainment.Start | None
    expected: float | None  # on the value scale
    upper: bool  # each_sex_at_least: the women's share started above 50%
    previous: tuple[int, object] | None  # the latest earlier (year, value)
    note: str | None = None
    points: tuple = ()  # (year, score) corners of the expected path


@lru_cache(maxsize=8192)
def fmt_number(value: float, decimals: int = 2) -> str:
    """:func:`bdg.numbers.fmt_number`, cached: the same figures recur in every sentence."""
    return _fmt_number(value, decimals)


def explain(ctx: Context, status, detail: dict) -> str:
    y = ctx.year
    if status is Status.NO_DATA:
        if detail.get("no_target"):
            return f"Năm {y}: {_value_text(ctx)}; Kế hoạch không đặt chỉ tiêu nên không đánh giá được."
        if detail.get("not_number"):
            return f"Năm {y}: giá trị “{ctx.value}” không phải là số nên chưa đánh giá được."
        return f"Năm {y}: chưa có số liệu." + (f" {ctx.note}" if ctx.note else "")
    if ctx.series.is_qualitative:
        return _qualitative(ctx, status, detail)
    head = f"Năm {y}: {_value_text(ctx)}; {_target_text(ctx)}"
    label = status.label
    if status is Status.MET:
        return f"{head}; {_comparison(ctx, True)} → {label}."
    if detail.get("milestone_reached"):
        return f"{head}; {_comparison(ctx, False)}. {_milestone_reached(ctx)} → {label}."
    path = _path_text(ctx)
    if status is Status.ON_TRACK:
        return f"{head}. {path}; giá trị năm {y} bằng hoặc tốt hơn lộ trình → {label}."
    behind = f"{head}. {path}; giá trị năm {y} kém hơn lộ trình"
    if detail.get("moving_away"):
        py, pv = ctx.previous
        return f"{behind} và kém hơn năm {py} ({_n(ctx, pv)}), tức là xa dần chỉ tiêu → {label}."
    if "projected" in detail:
        pace = _pace_text(ctx, detail)
        proj = _n(ctx, detail["projected"])
        if detail.get("too_slow"):
            return (f"{behind}; giữ tốc độ từ năm {detail['since']} đến nay ({pace}) thì đến năm "
                    f"{ctx.milestone} chỉ ước đạt {proj}, không đạt chỉ tiêu → {label}.")
        return (f"{behind} nhưng giữ tốc độ từ năm {detail['since']} đến nay ({pace}) thì đến năm "
                f"{ctx.milestone} ước đạt {proj}, đủ để đạt chỉ tiêu → {label}.")
    return f"{behind} → {label}."


def _milestone_reached(ctx: Context) -> str:
    if ctx.milestone is not None:
        return f"Năm {ctx.year} là năm mốc mà chưa đạt chỉ tiêu, nên đánh giá là không đạt"
    return "Đã qua mốc cuối của Kế hoạch mà chưa đạt chỉ tiêu, nên đánh giá là không đạt"


def _n(ctx: Context, value) -> str:
    """A number as shown (2 decimals, Vietnamese), with % for percentage series."""
    text = fmt_number(float(value), 2)
    return f"{text}%" if ctx.series.unit == "%" else text


def _value_text(ctx: Context) -> str:
    v = float(ctx.value)
    d = ctx.series.direction
    if d is Direction.EACH_SEX_AT_LEAST:
        return f"tỷ lệ nữ {_n(ctx, v)}, tỷ lệ nam {_n(ctx, 100.0 - v)}"
    if d is Direction.REDUCE_BY_SHARE:
        return f"mức giảm so với năm gốc {_n(ctx, v)}"
    unit = "" if ctx.series.unit == "%" else f" {ctx.series.unit}".replace(" /", "/")
    return f"giá trị {_n(ctx, v)}{unit}"


def _target_text(ctx: Context) -> str:
    target = fmt_target(ctx.series, ctx.target)
    if ctx.milestone is None:
        return f"chỉ tiêu mốc cuối là {target}"
    return f"chỉ tiêu năm {ctx.milestone} là {target}"


def _op(ctx: Context) -> str:
    strict = bool(ctx.target and ctx.target.strict)
    if ctx.series.direction is Direction.AT_MOST:
        return "<" if strict else "≤"
    return ">" if strict else "≥"


def _comparison(ctx: Context, met: bool) -> str:
    v, t = float(ctx.value), float(ctx.target.value)
    op = _op(ctx)
    if ctx.series.direction is Direction.EACH_SEX_AT_LEAST:
        if met:
            return f"tỷ lệ nữ và tỷ lệ nam đều {op} {_n(ctx, t)}"
        low, share = ("nữ", v) if v <= 100.0 - v else ("nam", 100.0 - v)
        return f"tỷ lệ {low} chỉ {_n(ctx, share)}, không thỏa mãn {op} {_n(ctx, t)}"
    lhs = f"mức giảm {_n(ctx, v)}" if ctx.series.direction is Direction.REDUCE_BY_SHARE else _n(ctx, v)
    return f"{lhs} {op} {_n(ctx, t)}" if met else f"{lhs} không thỏa mãn {op} {_n(ctx, t)}"


def _path_text(ctx: Context) -> str:
    points = list(ctx.points)
    segment = next(((a, b) for a, b in zip(points, points[1:]) if a[0] <= ctx.year <= b[0]), None)
    if segment is None or ctx.expected is None:
        return "Chưa dựng được lộ trình"
    (y0, s0), (y1, s1) = segment
    a, b = unscore(ctx.series, s0, ctx.upper), unscore(ctx.series, s1, ctx.upper)
    if y0 == ctx.start.year:
        origin = {"baseline": "số liệu gốc", "first": "năm đầu có số liệu, dùng làm điểm xuất phát",
                  "reduction": "năm gốc, mức giảm bằng 0"}[ctx.start.kind]
        frm = f"{_n(ctx, a)} năm {y0} ({origin})"
    else:
        frm = f"chỉ tiêu {_n(ctx, a)} năm {y0}"
    each_sex = ctx.series.direction is Direction.EACH_SEX_AT_LEAST
    what = "tỷ lệ nữ theo lộ trình" if each_sex else "lộ trình"
    to = f"{_n(ctx, b)} (tức tỷ lệ nam {_n(ctx, 100.0 - b)})" if each_sex and ctx.upper else _n(ctx, b)
    return (f"Lộ trình thẳng từ {frm} đến chỉ tiêu {to} năm {y1}: {what} năm {ctx.year} = "
            f"{fmt_number(a)} + ({fmt_number(b)} − {fmt_number(a)}) × ({ctx.year} − {y0}) / ({y1} − {y0}) "
            f"= {_n(ctx, ctx.expected)}")


def _pace_text(ctx: Context, detail: dict) -> str:
    since, before = detail["since"], float(detail["since_value"])
    per_year = (float(ctx.value) - before) / (ctx.year - since)
    if not per_year:
        return "không thay đổi"
    word = "tăng" if per_year > 0 else "giảm"
    unit = "điểm %" if ctx.series.unit == "%" else ctx.series.unit
    return f"{word} {fmt_number(abs(per_year), 2)} {unit} mỗi năm, từ {_n(ctx, before)}"


def _qualitative(ctx: Context, status, detail: dict) -> str:
    said = f"Năm {ctx.year}: cơ quan tự đánh giá “{ctx.value}”"
    target = f"“{ctx.target.value}”"
    if status is Status.MET:
        return f"{said}, đúng như chỉ tiêu {target} → {status.label}."
    if detail.get("milestone_reached"):
        return f"{said}, chưa bằng chỉ tiêu {target}. {_milestone_reached(ctx)} → {status.label}."
    if detail.get("worst"):
        choices = " / ".join(detail.get("choices", ()))
        return f"{said}, là mức thấp nhất trong các lựa chọn ({choices}) → {status.label}."
    if detail.get("moving_away"):
        py, pv = ctx.previous
        return f"{said}, kém hơn năm {py} (“{pv}”) → {status.label}."
    extra = " (câu trả lời không có trong danh sách lựa chọn của biểu mẫu)" if detail.get("unknown_answer") else ""
    return f"{said}, chưa bằng chỉ tiêu {target}{extra} → {status.label}."
