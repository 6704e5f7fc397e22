"""The report's short method annex, in plain Vietnamese for a reader who has no workbook.

It says how a verdict is decided and works one example through the one attainment
implementation (:func:`bdg.attainment.assess_series`), so the example cannot contradict the
statuses in the report. The full technical rules stay in the master's Hướng dẫn sheet
(:mod:`bdg.attainment_method`).
"""

from __future__ import annotations

from bdg.attainment import assess_series, targeted_milestones
from bdg.numbers import fmt_number, fmt_target, round_half_up
from bdg.plan import Direction, Plan, Series
from bdg.status import Status


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _n(series: Series, value: float) -> str:
    text = fmt_number(value, 2)
    return f"{text}%" if series.unit == "%" else text


def method_note(plan: Plan) -> list[str]:
    """A few paragraphs: what is compared, the verdict at a milestone, the words before it, an example."""
    milestones = ", ".join(str(m) for m in sorted(plan.milestones))
    L = {st: st.label for st in Status}
    lines = [
        "Số liệu dùng trong báo cáo là số liệu toàn tỉnh do các cơ quan chủ trì báo cáo. Với chỉ tiêu "
        "báo cáo theo từng huyện, các số đầu vào của các huyện được cộng lại rồi mới tính tỷ lệ của toàn "
        "tỉnh (không lấy trung bình cộng các tỷ lệ); khi còn huyện chưa báo cáo thì ghi chưa có số liệu.",
        "Mỗi giá trị được so với chỉ tiêu của Kế hoạch theo đúng yêu cầu của chỉ tiêu đó: chỉ tiêu “từ … "
        "trở lên” đạt khi giá trị bằng hoặc cao hơn; chỉ tiêu “không quá …” đạt khi giá trị bằng hoặc "
        "thấp hơn; chỉ tiêu ghi “trên …” hoặc “dưới …” thì giá trị bằng chỉ tiêu là chưa đạt; chỉ tiêu "
        "“mỗi giới ít nhất …” đạt khi cả tỷ lệ nữ và tỷ lệ nam đều đạt mức đó. Số được làm tròn đến hai "
        "chữ số thập phân trước khi so sánh.",
        f"Tại năm mốc của Kế hoạch ({milestones}) và sau mốc cuối, mỗi chỉ tiêu chỉ có một trong hai kết "
        f"luận: “{L[Status.MET]}” hoặc “{L[Status.NOT_MET]}”.",
        "Ở các năm trước một mốc, giá trị được so với lộ trình: đường thẳng nối số liệu gốc (hoặc năm "
        "đầu có số liệu) với chỉ tiêu của mốc. "
        f"“{L[Status.ON_TRACK]}”: bằng hoặc tốt hơn lộ trình. "
        f"“{L[Status.BEHIND]}”: kém lộ trình, nhưng nếu giữ nhịp thay đổi gần đây thì vẫn kịp đạt vào năm mốc. "
        f"“{L[Status.AT_RISK]}”: kém lộ trình và kém hơn năm trước, hoặc giữ nhịp gần đây thì không kịp. "
        f"“{L[Status.NO_DATA]}”: năm đó chưa có số liệu để đánh giá.",
    ]
    example = worked_example(plan)
    if example:
        lines.append(example)
    return lines


def _example_series(plan: Plan) -> tuple[Series, int, float, float, int] | None:
    """A series rising to a target ("đạt ít nhất"), with a baseline some years before a milestone."""
    for s in plan.series:
        b = s.baseline
        if s.direction is not Direction.AT_LEAST or not isinstance(b.value, (int, float)):
            continue
        y0 = b.year or plan.baseline_year
        for m, t in targeted_milestones(plan, s):
            if isinstance(t.value, (int, float)) and not t.strict and t.value > b.value and m - y0 >= 3:
                return s, m, float(b.value), float(t.value), y0
    return None


def worked_example(plan: Plan) -> str | None:
    """One series worked through: the path value of a year, a value below it, the verdicts at the milestone."""
    found = _example_series(plan)
    if found is None:
        return None
    s, m, base, target, y0 = found
    year = y0 + (m - y0) // 2
    path = base + (target - base) * (year - y0) / (m - y0)
    below = round_half_up(base + (path - base) * 0.5, 1)  # half-way to the path value: behind it
    missed = round_half_up(target - max(0.5, (target - base) / 10), 1)
    units = plan.province_unit.code

    def status(y: int, v: float) -> str:
        a = next(a for a in assess_series(plan, s, units, {y: v}) if a.year == y)
        return a.status.label

    t = plan.series_by_code(s.code).target(m)
    return (f"Ví dụ, chỉ tiêu {s.code} ({_lower(s.name)}): số liệu gốc {_n(s, base)} (năm {y0}), chỉ tiêu "
            f"năm {m} là {fmt_target(s, t)}. Lộ trình năm {year} = {fmt_number(base)} + ({fmt_number(target)} "
            f"− {fmt_number(base)}) × ({year} − {y0}) : ({m} − {y0}) = {_n(s, path)}. Nếu năm {year} đạt "
            f"{_n(s, below)} (thấp hơn lộ trình) thì là “{status(year, below)}”. Đến năm {m}, đạt "
            f"{_n(s, target)} trở lên là “{status(m, target)}”, còn {_n(s, missed)} là “{status(m, missed)}”.")
