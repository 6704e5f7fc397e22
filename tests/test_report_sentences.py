"""Generated sentences and report scope: numbers, units, statuses, missing data, kinds."""

from __future__ import annotations

import pytest

from bdg.attainment import Assessment, Status
from bdg.errors import BdgError
from report_builder.scope import ReportKind, make_scope
from report_builder.sentences import annual_sentence, change_clause, review_sentence


def assessment(code, year, value, *, milestone=2015, pct=None, status=Status.BEHIND, met=None):
    return Assessment(code, "TINH", year, value, milestone, None, None, pct, None, met or {}, status, "")


def test_share_sentence_reads_like_the_example(plan):
    s = plan.series_by_code("1.1a")
    text = annual_sentence(s, 2014, assessment("1.1a", 2014, 18.5, pct=92.5), (2013, 17.3))
    assert text == ("Tỷ lệ nữ tham gia cấp ủy Đảng đạt 18,5%, tăng 1,2 điểm phần trăm so với năm 2013 (17,3%), "
                    "bằng 92,5% chỉ tiêu năm 2015 (chậm tiến độ).")


def test_change_in_units_for_a_rate_and_words_for_a_fall(plan):
    s = plan.series_by_code("4.2")  # /100.000 trẻ đẻ sống, the lower the better
    text = annual_sentence(s, 2016, assessment("4.2", 2016, 55.25, milestone=2020, pct=94.1,
                                               status=Status.ON_TRACK), (2015, 58.75))
    assert text.startswith("Tỷ lệ tử vong bà mẹ liên quan đến thai sản là 55,25/100.000 trẻ đẻ sống, "
                           "giảm 3,5/100.000 trẻ đẻ sống so với năm 2015")
    assert "điểm phần trăm" not in text
    assert text.endswith("bằng 94,1% chỉ tiêu năm 2020 (đúng tiến độ).")


def test_change_is_computed_on_the_figures_as_shown(plan):
    s = plan.series_by_code("2.2")
    # 10,125 shows as 10,13 (half-up) and 10,004 as 10: the change a reader checks is 0,13
    assert change_clause(s, 10.125, (2012, 10.004)) == "tăng 0,13 điểm phần trăm so với năm 2012 (10%)"
    assert change_clause(s, 10.001, (2012, 10.004)) == "không thay đổi so với năm 2012 (10%)"
    assert change_clause(s, 10.0, None) is None


def test_missing_value_reads_chua_co_so_lieu_never_none(plan):
    s = plan.series_by_code("3.1")
    for a in (None, assessment("3.1", 2020, None, status=Status.NO_DATA), assessment("3.1", 2020, float("nan"))):
        text = annual_sentence(s, 2020, a, None)
        assert text == f"{s.name}: chưa có số liệu năm 2020."
        assert "None" not in text and "nan" not in text
    with_previous = annual_sentence(s, 2020, None, (2018, 81.456), note="Mới có 5/8 đơn vị báo cáo.")
    assert with_previous == (f"{s.name}: chưa có số liệu năm 2020; mới có 5/8 đơn vị báo cáo; "
                             "số liệu gần nhất: năm 2018 đạt 81,46%.")


def test_qualitative_and_targetless_milestones(plan):
    q = plan.series_by_code("7.3")
    text = annual_sentence(q, 2016, assessment("7.3", 2016, "Đã bố trí một phần", milestone=2020), (2015, "Chưa bố trí"))
    assert text == (f"{q.name}: Đã bố trí một phần, năm 2015 là Chưa bố trí, chỉ tiêu năm 2020: Đã bố trí đủ "
                    "(chậm tiến độ).")
    s = plan.series_by_code("1.1a")  # the plan's text sets no 2015 target for this series
    assert "Kế hoạch không đặt chỉ tiêu năm 2015" in annual_sentence(s, 2013, assessment("1.1a", 2013, 16.4), None)


def test_review_sentence_gives_each_milestone_verdict(plan):
    s = plan.series_by_code("1.2")
    text = review_sentence(s, 2020, 92.5, (2011, 55.0), [(2020, Status.MET), (2015, Status.NOT_MET)])
    assert text == ("Tỷ lệ Ủy ban nhân dân các cấp có lãnh đạo chủ chốt là nữ năm 2020 đạt 92,5%, tăng 37,5 điểm "
                    "phần trăm so với năm 2011 (55%); so với chỉ tiêu năm 2020 (> 90%): đạt/vượt chỉ tiêu; "
                    "so với chỉ tiêu năm 2015 (≥ 70%): không đạt.")
    missing = review_sentence(s, 2015, None, None, [(2015, Status.NO_DATA)], latest=(2014, 66.0))
    assert missing == (f"{s.name}: chưa có số liệu năm 2015 (số liệu gần nhất: năm 2014 đạt 66%); "
                       "so với chỉ tiêu năm 2015 (≥ 70%): chưa có số liệu.")
    untargeted = review_sentence(plan.series_by_code("1.1a"), 2015, 17.0, None, [(2015, None)],
                                 towards="chỉ tiêu năm 2020: ≥ 20% (chậm tiến độ)")
    assert untargeted.endswith("; Kế hoạch không đặt chỉ tiêu năm 2015; chỉ tiêu năm 2020: ≥ 20% (chậm tiến độ).")


def test_scopes_of_the_three_kinds(plan):
    annual = make_scope(plan, "annual", 2017)
    assert (annual.annex_years, annual.judged, annual.file_stem) == ((2016, 2017), (), "bao-cao-nam-2017")
    assert make_scope(plan, "annual", 2013).annex_years == (2011, 2012, 2013)
    mid = make_scope(plan, ReportKind.MIDTERM)
    assert (mid.year, mid.start, mid.judged, mid.span) == (2015, 2011, (2015,), 5)
    assert mid.file_stem == "bao-cao-so-ket-2011-2015"
    final = make_scope(plan, "final")
    assert (final.year, final.judged, len(final.annex_years)) == (2020, (2015, 2020), 10)


@pytest.mark.parametrize("kind, year, words", [
    ("annual", 2030, "nằm ngoài giai đoạn 2011 - 2020"),
    ("annual", None, "--year"),
    ("midterm", 2017, "mốc giữa kỳ"),
    ("final", 2015, "--year 2020"),
    ("yearly", 2015, "annual"),
])
def test_scope_errors_are_vietnamese_messages(plan, kind, year, words):
    with pytest.raises(BdgError, match=words):
        make_scope(plan, kind, year)
