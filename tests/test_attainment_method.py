"""The rules as written for readers (Hướng dẫn, report): examples agree with the implementation."""

from __future__ import annotations

from bdg.attainment import STATUS_LABELS
from bdg.attainment_method import method_lines


def test_method_text(plan):
    lines = method_lines(plan)
    assert lines[0] == ("heading", "5. Cách đánh giá mức đạt chỉ tiêu (trang Đánh giá và Biểu đồ)")
    text = "\n".join(t for _, t in lines)
    # examples from the plan's own targets, with verdicts computed by bdg.attainment
    assert "≤ 113 trẻ trai/100 trẻ gái: 112 → đạt; 113 → đạt; 114 → chưa đạt." in text
    assert "< 52/100.000 trẻ đẻ sống: 52 → chưa đạt; 51,5 → đạt." in text
    assert "tỷ lệ nữ 65% (nam chỉ 35%) → chưa đạt" in text
    assert "lộ trình năm 2015 = 16 + (20 − 16) × (2015 − 2011) ÷ (2020 − 2011) = 17,78%" in text
    assert "(30 + 10) ÷ (100 + 300) × 100 = 10%" in text
    for label in STATUS_LABELS.values():
        assert label in text
    # the milestone rule: a verdict at a milestone, trajectory words only before it
    assert "tại năm mốc, và sau mốc cuối, chỉ tiêu chỉ có hai kết quả: “Đạt/vượt chỉ tiêu” hoặc “Không đạt”" in text
    assert "(ví dụ năm 2013 so với mốc 2015)" in text
    assert "Không đạt: năm đó là năm mốc (hoặc đã qua mốc cuối) mà chưa đạt chỉ tiêu." in text
    # Vietnamese list letters: a, b, c, d, đ, e, g, h, i, k, l (no f, no j)
    letters = [t.split(")")[0] for _, t in lines if len(t) > 2 and t[1] == ")"]
    assert letters == list("abcdđeghikl")


def test_method_text_without_districts(plan):
    flat = plan.model_copy(update={"series": [s.model_copy(update={"by_district": False}) for s in plan.series]})
    text = "\n".join(t for _, t in method_lines(flat))
    assert "cộng số liệu đầu vào" not in text
    letters = [t.split(")")[0] for _, t in method_lines(flat) if len(t) > 2 and t[1] == ")"]
    assert letters == list("abcdđeghik")
