"""The attainment rules written out in Vietnamese, for the master's Hướng dẫn sheet and the
report's method note. Examples are built from the plan's own targets and checked through
:mod:`bdg.attainment` itself, so the text cannot drift from the implementation."""

from __future__ import annotations

from bdg.attainment import is_met, qualitative_choices, targeted_milestones
from bdg.numbers import fmt_number, fmt_target
from bdg.organisation import years_text
from bdg.plan import Direction, Plan, Series, Target
from bdg.status import STATUS_LABELS, Status

Line = tuple[str, str]  # (style, text); style is "heading" or "body"

_RULES = {
    Direction.AT_LEAST: "đạt khi giá trị ≥ chỉ tiêu; chỉ tiêu ghi “trên” thì giá trị phải > chỉ tiêu "
                        "(bằng chỉ tiêu là chưa đạt)",
    Direction.AT_MOST: "đạt khi giá trị ≤ chỉ tiêu; chỉ tiêu ghi “dưới” thì giá trị phải < chỉ tiêu "
                       "(bằng chỉ tiêu là chưa đạt)",
    Direction.EACH_SEX_AT_LEAST: "giá trị là tỷ lệ nữ, tỷ lệ nam = 100% − tỷ lệ nữ; đạt khi cả tỷ lệ nữ "
                                 "và tỷ lệ nam đều ≥ chỉ tiêu",
    Direction.REDUCE_BY_SHARE: "giá trị là mức giảm so với năm gốc = (số năm gốc − số năm nay) ÷ số năm gốc "
                               "× 100; đạt khi mức giảm ≥ chỉ tiêu",
    Direction.QUALITATIVE: "cơ quan chủ trì tự đánh giá bằng một lựa chọn trong biểu mẫu; đạt khi câu trả "
                           "lời đúng như chỉ tiêu",
}


def method_lines(plan: Plan) -> list[Line]:
    """The rules, section by section, with examples from the plan's own numbers."""
    milestones = ", ".join(str(m) for m in sorted(plan.milestones))
    met, risk = STATUS_LABELS[Status.MET], STATUS_LABELS[Status.AT_RISK]
    missed = STATUS_LABELS[Status.NOT_MET]
    trajectory = ", ".join(f"“{STATUS_LABELS[s]}”" for s in (Status.ON_TRACK, Status.BEHIND, Status.AT_RISK))
    lines: list[Line] = [
        ("heading", "5. Cách đánh giá mức đạt chỉ tiêu (trang Đánh giá và Biểu đồ)"),
        ("body", "Trang Đánh giá và Biểu đồ được tính lại sau mỗi lần tổng hợp số liệu, hoặc bằng lệnh "
                 "bdg attainment. Cột Giải thích ghi các con số đã dùng cho từng năm để có thể kiểm tra "
                 "lại bằng tay theo các quy tắc dưới đây."),
        ("body", "• Trang Đánh giá: bảng chỉ tiêu × năm (số liệu toàn tỉnh), mỗi chỉ tiêu hai dòng: giá trị và "
                 "trạng thái, tô màu theo trạng thái; bên dưới là bảng tổng hợp theo mục tiêu."),
        ("body", "• Trang Đánh giá chi tiết: mỗi dòng một chỉ tiêu, một đơn vị (toàn tỉnh và từng đơn vị cấp "
                 "huyện có số liệu), một năm: giá trị, chỉ tiêu mốc, giá trị theo lộ trình, % chỉ tiêu, tiến bộ "
                 "so với gốc, trạng thái và lời giải thích; có thể lọc, sắp xếp."),
        ("body", "• Trang Biểu đồ: mỗi chỉ tiêu định lượng một biểu đồ đường: giá trị toàn tỉnh, chỉ tiêu và lộ "
                 "trình theo năm, nhóm theo mục tiêu."),
        ("body", "@ Số liệu dùng để đánh giá: chỉ các dòng có trạng thái “Hiệu lực” trong trang Số liệu. "
                 "Giá trị được tính lại từ số liệu đầu vào theo công thức của chỉ tiêu (ví dụ tỷ lệ = tử số "
                 "÷ mẫu số × 100); nếu thiếu số liệu đầu vào thì dùng cột Giá trị. Giá trị được làm tròn "
                 "đến 2 chữ số thập phân (như hiển thị) trước khi so sánh."),
    ]
    if any(s.by_district for s in plan.series):
        counts = {y: len(plan.local_units(y)) for y in plan.period.years}
        if len(set(counts.values())) == 1:
            n = f"cả {counts[plan.period.start]} đơn vị cấp huyện"
        else:  # the units change within the period (merged units, a level that ends or begins)
            n = "tất cả đơn vị cấp dưới hoạt động trong năm đó (" + "; ".join(
                f"{years_text(first, last)}: {count}" for first, last, count in _spells(counts)) + " đơn vị)"
        lines.append(("body", (
            "@ Số liệu toàn tỉnh của chỉ tiêu báo cáo theo đơn vị cấp huyện: cộng số liệu đầu vào của các "
            "đơn vị rồi tính lại theo công thức, không lấy trung bình cộng các tỷ lệ. Ví dụ: đơn vị A có "
            "30/100, đơn vị B có 10/300 → toàn tỉnh (30 + 10) ÷ (100 + 300) × 100 = 10%, không phải "
            "(30% + 3,33%) ÷ 2 = 16,67%. Chỉ tính khi "
            f"{n} đã báo cáo năm đó; nếu còn thiếu, giá trị toàn tỉnh để trống (Chưa có "
            "số liệu) và cột Giải thích ghi số đơn vị đã báo cáo.")))
    lines += [
        ("body", f"@ Chỉ tiêu để so sánh: chỉ tiêu đang áp dụng (văn bản Kế hoạch hoặc Phụ lục, xem trang "
                 f"Chỉ tiêu) của mốc gần nhất từ năm đó trở đi (các mốc: {milestones}). Mốc nào Kế hoạch "
                 "không đặt chỉ tiêu thì chuyển sang mốc sau có chỉ tiêu; sau mốc cuối thì so với chỉ tiêu "
                 "của mốc cuối."),
        ("body", "@ Đạt chỉ tiêu hay không, theo cách đánh giá của từng chỉ tiêu:"),
    ]
    for direction in Direction:
        if any(s.direction is direction for s in plan.series):
            lines.append(("body", f"   • {direction.label}: {_RULES[direction]}.{_example(plan, direction)}"))
    strict = _strict_example(plan)
    if strict:
        lines.append(("body", f"   • {strict}"))
    lines += [
        ("body", "@ % chỉ tiêu: loại “đạt ít nhất” và “giảm ít nhất”: giá trị ÷ chỉ tiêu × 100; loại "
                 "“không vượt quá”: chỉ tiêu ÷ giá trị × 100 (giá trị bằng hoặc thấp hơn chỉ tiêu cho kết "
                 "quả từ 100% trở lên); loại “mỗi giới”: tỷ lệ của giới thấp hơn ÷ chỉ tiêu × 100."),
        ("body", "@ Điểm xuất phát: số liệu gốc của Kế hoạch (cột Số liệu gốc của trang Chỉ tiêu) nếu có; "
                 "nếu Kế hoạch không nêu số liệu gốc thì lấy giá trị của năm đầu tiên có số liệu làm điểm "
                 "xuất phát (năm đó được coi là đúng lộ trình); chỉ tiêu loại “giảm ít nhất” xuất phát từ "
                 "mức giảm 0% ở năm gốc."),
        ("body", "@ Giá trị theo lộ trình: đường thẳng từ điểm xuất phát đến chỉ tiêu của mốc thứ nhất, rồi "
                 "từ chỉ tiêu đó đến chỉ tiêu của mốc sau. Lộ trình năm N = A + (B − A) × (N − năm A) ÷ "
                 "(năm B − năm A), trong đó A, B là hai đầu của đoạn chứa năm N. Chỉ tiêu “trên/dưới” "
                 "dùng chính con số của chỉ tiêu làm đích. Loại “mỗi giới” tính lộ trình trên tỷ lệ của "
                 f"giới thấp hơn.{_path_example(plan)}"),
        ("body", "@ Tiến bộ so với gốc (%): (giá trị − điểm xuất phát) ÷ (chỉ tiêu − điểm xuất phát) × 100; "
                 "để trống khi điểm xuất phát đã đạt chỉ tiêu."),
        ("body", f"@ Quy tắc chung: tại năm mốc, và sau mốc cuối, chỉ tiêu chỉ có hai kết quả: “{met}” "
                 f"hoặc “{missed}”. Các trạng thái {trajectory} nói về chặng đường tới một mốc, nên chỉ "
                 f"dùng cho các năm trước mốc đó{_before_example(plan)}."),
        ("body", "@ Trạng thái của mỗi năm, xét lần lượt từ trên xuống, gặp điều kiện nào trước thì lấy "
                 "trạng thái đó:"),
        ("body", f"   1) {STATUS_LABELS[Status.NO_DATA]}: năm đó chưa có giá trị (hoặc Kế hoạch không đặt "
                 "chỉ tiêu để so sánh)."),
        ("body", f"   2) {met}: giá trị đã đạt chỉ tiêu của mốc đang xét (theo quy tắc đạt ở trên)."),
        ("body", f"   3) {missed}: năm đó là năm mốc (hoặc đã qua mốc cuối) mà chưa đạt chỉ tiêu."),
        ("body", f"   4) {STATUS_LABELS[Status.ON_TRACK]}: giá trị bằng hoặc tốt hơn giá trị theo lộ trình "
                 "của năm đó (tốt hơn là cao hơn; riêng loại “không vượt quá” là thấp hơn)."),
        ("body", f"   5) {risk}: kém hơn lộ trình và kém hơn năm gần nhất trước đó có số liệu (xa dần chỉ "
                 "tiêu); hoặc kém hơn lộ trình và nếu giữ tốc độ gần đây thì đến năm mốc vẫn chưa đạt. "
                 "Tốc độ gần đây = (giá trị năm nay − giá trị năm gần nhất trước đó có số liệu) ÷ (số năm "
                 "giữa hai năm); nếu chưa có năm trước thì tính từ điểm xuất phát. Ước tính năm mốc = giá "
                 "trị năm nay + tốc độ × (năm mốc − năm nay)."),
        ("body", f"   6) {STATUS_LABELS[Status.BEHIND]}: các trường hợp còn lại (kém hơn lộ trình nhưng "
                 "giữ tốc độ gần đây thì vẫn đạt chỉ tiêu vào năm mốc)."),
    ]
    if any(s.is_qualitative for s in plan.series):
        lines.append(("body", f"   Chỉ tiêu định tính: câu trả lời đúng như chỉ tiêu → {met}; năm mốc mà "
                              f"chưa đúng như chỉ tiêu → {missed}; trước năm mốc, chọn mức "
                              f"thấp nhất trong biểu mẫu, hoặc kém hơn năm trước → {risk}; còn lại → "
                              f"{STATUS_LABELS[Status.BEHIND]}.{_qualitative_example(plan)}"))
    lines.append(("body", "@ Tổng hợp theo mục tiêu: đếm số chỉ tiêu (số liệu toàn tỉnh) của mỗi mục tiêu "
                          "theo từng trạng thái trong năm được chọn."))
    return _lettered(lines)


def _before_example(plan: Plan) -> str:
    first = min(plan.milestones, default=None)
    if first is None or first <= plan.period.start:
        return ""
    return f" (ví dụ năm {max(plan.period.start, first - 2)} so với mốc {first})"


_LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese list letters (no f, j, w, z)


def _lettered(lines: list[Line]) -> list[Line]:
    """Replace each section's "@" marker with the next Vietnamese list letter: a), b) … d), đ), e)…"""
    out, n = [], 0
    for style, text in lines:
        if text.startswith("@ "):
            text = f"{_LETTERS[n]}) {text[2:]}"
            n += 1
        out.append((style, text))
    return out


def _name(series: Series) -> str:
    return f"{series.code} – {series.name[:1].lower()}{series.name[1:]}"


# --- examples from the plan's own numbers ---------------------------------------------------

def _first_target(plan: Plan, direction: Direction, strict: bool | None = None) -> tuple[Series, int, Target] | None:
    for s in plan.series:
        if s.direction is not direction:
            continue
        for m, t in targeted_milestones(plan, s):
            if strict is None or t.strict == strict:
                return s, m, t
    return None


def _n(series: Series, value: float) -> str:
    text = fmt_number(value, 2)
    return f"{text}%" if series.unit == "%" else text


def _verdict(series: Series, value, target: Target) -> str:
    return "đạt" if is_met(series, value, target) else "chưa đạt"


def _example(plan: Plan, direction: Direction) -> str:
    if direction is Direction.QUALITATIVE:
        return ""
    found = _first_target(plan, direction, strict=False)
    if found is None:
        return ""
    s, m, t = found
    tv = float(t.value)
    head = f" Ví dụ {_name(s)}, chỉ tiêu năm {m} {fmt_target(s, t)}:"
    if direction is Direction.EACH_SEX_AT_LEAST:
        good, bad = 50.0 + (50.0 - tv) / 2, 100.0 - tv + 5
        return (f"{head} tỷ lệ nữ {_n(s, good)} (nam {_n(s, 100 - good)}) → {_verdict(s, good, t)}; "
                f"tỷ lệ nữ {_n(s, bad)} (nam chỉ {_n(s, 100 - bad)}) → {_verdict(s, bad, t)}.")
    worse = tv + 1 if direction is Direction.AT_MOST else tv - 1
    better = tv - 1 if direction is Direction.AT_MOST else tv + 1
    return (f"{head} {_n(s, better)} → {_verdict(s, better, t)}; {_n(s, tv)} → {_verdict(s, tv, t)}; "
            f"{_n(s, worse)} → {_verdict(s, worse, t)}.")


def _strict_example(plan: Plan) -> str | None:
    for direction in (Direction.AT_MOST, Direction.AT_LEAST):
        found = _first_target(plan, direction, strict=True)
        if found:
            s, m, t = found
            tv = float(t.value)
            near = tv - 0.5 if direction is Direction.AT_MOST else tv + 0.5
            return (f"Chỉ tiêu “trên/dưới”, ví dụ {_name(s)}, chỉ tiêu năm {m} "
                    f"{fmt_target(s, t)}: {_n(s, tv)} → {_verdict(s, tv, t)}; {_n(s, near)} → "
                    f"{_verdict(s, near, t)}.")
    return None


def _path_example(plan: Plan) -> str:
    for s in plan.series:
        b = s.baseline
        if s.is_qualitative or b.value is None or isinstance(b.value, str):
            continue
        y0 = b.year or plan.baseline_year
        later = [(m, t) for m, t in targeted_milestones(plan, s) if m > y0 + 1]
        if not later:
            continue
        m, t = later[0]
        a, tv = float(b.value), float(t.value)
        n = y0 + (m - y0) // 2
        e = a + (tv - a) * (n - y0) / (m - y0)
        return (f" Ví dụ {_name(s)}: số liệu gốc {_n(s, a)} năm {y0}, chỉ tiêu năm {m} "
                f"là {_n(s, tv)}: lộ trình năm {n} = {fmt_number(a)} + ({fmt_number(tv)} − {fmt_number(a)}) "
                f"× ({n} − {y0}) ÷ ({m} − {y0}) = {_n(s, e)}.")
    return ""


def _qualitative_example(plan: Plan) -> str:
    s = next((s for s in plan.series if s.is_qualitative and qualitative_choices(s)), None)
    if s is None:
        return ""
    choices = " / ".join(f"“{c}”" for c in qualitative_choices(s))
    return f" Ví dụ {s.code}: các lựa chọn theo thứ tự từ tốt nhất: {choices}."


def _spells(counts: dict[int, int]) -> list[tuple[int, int, int]]:
    """Consecutive years with the same count, as (first, last, count)."""
    out: list[tuple[int, int, int]] = []
    for year, count in sorted(counts.items()):
        if out and out[-1][2] == count and out[-1][1] == year - 1:
            out[-1] = (out[-1][0], year, count)
        else:
            out.append((year, year, count))
    return out
