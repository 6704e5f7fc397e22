"""The plan draft's phrase rules, one phrasing at a time (bdg.plan_draft.patterns / targets)."""

from __future__ import annotations

import pytest

from bdg.plan_draft import agencies as ag
from bdg.plan_draft.targets import EVERY, parse_number, parse_target
from bdg.plan_draft.text import clean, from_plain_text


def one(text: str):
    [series] = parse_target([text])
    return series


def values(series) -> dict:
    return {m.year: (m.value, m.strict) for m in series.milestones}


@pytest.mark.parametrize("text, number", [("22,33", 22.33), ("100.000", 100000), ("58,3", 58.3), ("02", 2),
                                          ("1,5", 1.5)])
def test_vietnamese_numbers(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text, expected", [
    ("Tỷ lệ nữ đạt trên 35% vào năm 2030", {2030: (35, True)}),
    ("Tỷ lệ nữ đạt từ 30% trở lên vào năm 2025", {2025: (30, False)}),
    ("Tỷ lệ phá thai giảm xuống dưới 25/100 trẻ đẻ sống vào năm 2030", {2030: (25, True)}),
    ("Tỷ số giới tính khi sinh không vượt quá 111 bé trai/100 bé gái vào năm 2025", {2025: (111, False)}),
])
def test_strictness(text, expected):
    assert values(one(text)) == expected


@pytest.mark.parametrize("text, direction", [
    ("Tỷ lệ nữ làm chủ doanh nghiệp đạt 10% vào năm 2015", "at_least"),
    ("Hằng năm bảo đảm ít nhất 40% cho mỗi giới trong số người được tạo việc làm", "each_sex_at_least"),
    ("Đến năm 2025 giảm 30% số sản phẩm mang định kiến giới so với năm 2020", "reduce_by_share"),
    ("Giảm tỷ lệ tử vong mẹ xuống 42/100.000 trẻ đẻ sống vào năm 2025", "at_most"),
    ("Tỷ lệ hộ nghèo không vượt quá 5% vào năm 2030", "at_most"),
    ("Rút ngắn khoảng cách thời gian làm việc nhà của nữ so với nam xuống 1,5 lần vào năm 2030", "at_most"),
    ("Đến năm 2025 tỉnh bố trí đủ cán bộ làm công tác bình đẳng giới", "qualitative"),
])
def test_directions(text, direction):
    assert one(text).direction == direction


@pytest.mark.parametrize("text, unit", [
    ("Tỷ lệ nữ đạt 40% vào năm 2025", "%"),
    ("Khoảng cách giảm xuống 2 lần vào năm 2025", "lần"),
    ("Tỷ lệ tử vong mẹ xuống 58,3/100.000 trẻ đẻ sống vào năm 2015", "/100.000 trẻ đẻ sống"),
    ("Tỷ lệ tử vong mẹ xuống 58,3/100.000 trẻ em đẻ sống vào năm 2015", "/100.000 trẻ đẻ sống"),
    ("Tỷ số giới tính khi sinh không vượt quá 113 trẻ sơ sinh trai/100 trẻ sơ sinh gái vào năm 2015",
     "trẻ trai/100 trẻ gái"),
])
def test_units(text, unit):
    assert one(text).unit == unit


def test_a_ratio_without_its_words_keeps_the_first_values_unit():
    s = one("Tỷ số giới tính khi sinh không vượt quá 113 trẻ sơ sinh trai/100 trẻ sơ sinh gái vào năm 2015 và "
            "115/100 vào năm 2020")
    assert s.unit == "trẻ trai/100 trẻ gái" and values(s) == {2015: (113, False), 2020: (115, False)}


@pytest.mark.parametrize("text, baseline", [
    ("Tỷ lệ nữ cấp ủy nhiệm kỳ 2016 - 2020 từ 20% trở lên (nhiệm kỳ 2011-2015 đạt 16%)",
     {"value": 16, "period": "nhiệm kỳ 2011 - 2015", "year": 2011}),
    ("Giảm tỷ số tử vong mẹ xuống 42/100.000 trẻ đẻ sống vào năm 2025 (năm 2020 là 58/100.000)",
     {"value": 58, "period": "năm 2020", "year": 2020}),
    ("Tăng tỷ lệ phụ nữ mang thai được xét nghiệm HIV lên 40% vào năm 2015 so với năm 2010",
     {"period": "năm 2010", "year": 2010}),
])
def test_baselines(text, baseline):
    found = one(text).baseline
    assert {k: found[k] for k in baseline} == baseline
    assert ("value" in found) == ("value" in baseline)


def test_a_baseline_in_brackets_is_not_a_milestone():
    assert values(one("Tỷ lệ nữ cấp ủy nhiệm kỳ 2016 - 2020 từ 20% trở lên (nhiệm kỳ 2011-2015 đạt 16%)")) == {
        2020: (20, False)}


@pytest.mark.parametrize("text, expected", [
    # years first, a value after each
    ("Đến năm 2015, đạt 70% và đến năm 2020 đạt trên 90% Ủy ban nhân dân các cấp có lãnh đạo chủ chốt là nữ",
     {2015: (70, False), 2020: (90, True)}),
    # values first, each followed by its year
    ("Tỷ lệ nữ làm chủ doanh nghiệp đạt 10% vào năm 2015 và từ 30% trở lên vào năm 2020",
     {2015: (10, False), 2020: (30, False)}),
    # one value kept over two milestones, also with the seed's own typo "Đến vào năm"
    ("Đến vào năm 2015 và duy trì đến năm 2020 có 100% cán bộ được tập huấn", {2015: (100, False),
                                                                              2020: (100, False)}),
    # the strategy's style, a second clause that only adds a milestone
    ("Tỷ lệ nữ giám đốc đạt từ 27% trở lên vào năm 2025; đến năm 2030 đạt từ 30% trở lên",
     {2025: (27, False), 2030: (30, False)}),
    ("Đến năm 2025 đạt 60% xã có câu lạc bộ; đến năm 2030 đạt 75%", {2025: (60, False), 2030: (75, False)}),
    # a yearly value
    ("Hằng năm, bảo đảm ít nhất 40% cho mỗi giới", {EVERY: (40, False)}),
])
def test_milestone_values(text, expected):
    assert values(one(text)) == expected


def test_numbers_that_are_not_values_are_ignored():
    s = one("Tỷ lệ lao động nữ nông thôn dưới 45 tuổi được đào tạo nghề đạt 25% vào năm 2015")
    assert values(s) == {2015: (25, False)} and s.direction == "at_least"
    s = one("Đến năm 2020 đạt 90% các Sở có lãnh đạo chủ chốt là nữ nếu ở cơ quan đó có tỷ lệ 30% trở lên nữ")
    assert values(s) == {2020: (90, False)} and not s.reviews


def test_several_series_in_one_target():
    two_sentences = parse_target(["Tỷ lệ nữ thạc sỹ đạt 40% vào năm 2015 và 50% vào năm 2020. Tỷ lệ nữ tiến sỹ "
                                  "đạt 10% vào năm 2015 và 20% vào năm 2020."])
    assert [s.name for s in two_sentences] == ["Tỷ lệ nữ thạc sỹ", "Tỷ lệ nữ tiến sỹ"]
    semicolon = parse_target(["Tỷ lệ nữ cấp ủy nhiệm kỳ 2016 - 2020 từ 20% trở lên; tỷ lệ nữ đại biểu Hội đồng "
                              "nhân dân nhiệm kỳ 2016 - 2020 đạt từ 25% trở lên"])
    assert [values(s) for s in semicolon] == [{2020: (20, False)}, {2020: (25, False)}]
    sub_items = parse_target(["+ Đến năm 2025 đạt 80% số nạn nhân được hỗ trợ.", "+ Đến năm 2025 đạt 70% số người "
                                                                                  "gây bạo lực được tư vấn."])
    assert len(sub_items) == 2


def test_a_semicolon_inside_a_name_does_not_split_it():
    [s] = parse_target(["Tỷ lệ nữ ở vùng nông thôn nghèo; vùng dân tộc thiểu số được vay vốn đạt 80% vào năm 2015"])
    assert values(s) == {2015: (80, False)} and s.name.startswith("Tỷ lệ nữ ở vùng nông thôn nghèo; vùng")


def test_a_sentence_without_a_number_goes_to_the_note():
    [s] = parse_target(["Đến năm 2015, giảm 60% sản phẩm mang định kiến giới. Tăng thời lượng phát sóng các "
                        "chương trình về bình đẳng giới."])
    assert s.direction == "reduce_by_share" and s.extra == ["Tăng thời lượng phát sóng các chương trình về bình "
                                                             "đẳng giới."]


def test_doubts_are_marked():
    assert "targets" in one("Tỷ lệ nữ đạt 40% và 50%").reviews  # values without a milestone
    assert "term" in one("Tỷ lệ nữ đại biểu nhiệm kỳ 2021 - 2026 đạt 30%").reviews
    assert "direction" in one("Đến năm 2025 tỉnh bố trí đủ cán bộ").reviews


@pytest.mark.parametrize("a, b", [("Sở Giáo dục - Đào tạo", "Sở Giáo dục và Đào tạo"),
                                  ("Ban Tổ chức tỉnh ủy", "Ban Tổ chức Tỉnh ủy"),
                                  ("Đài Phát thanh - Truyền hình", "Đài Phát thanh - Truyền hình tỉnh"),
                                  ("Sở Lao động-Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội")])
def test_agency_names_compare_without_spelling(a, b):
    assert ag.key(clean(a)) == ag.key(clean(b))


def test_agency_codes_and_lists():
    assert ag.propose_code("Sở Y tế") == "SYT"
    assert ag.propose_code("Sở Thông tin và Truyền thông") == "STTTT"
    assert ag.split_names("Sở Tư pháp; Hội Liên hiệp phụ nữ; Liên đoàn lao động và các cơ quan, ban, ngành") == [
        "Sở Tư pháp", "Hội Liên hiệp phụ nữ", "Liên đoàn lao động"]
    assert ag.split_names("Sở Tài chính và Sở Kế hoạch và Đầu tư, các Sở, ngành liên quan") == [
        "Sở Tài chính", "Sở Kế hoạch và Đầu tư"]


def test_tone_marks_are_placed_one_way_without_touching_other_syllables():
    assert clean("Tỉnh uỷ, hoà bình, đoàn thể, khoảng cách") == "Tỉnh ủy, hòa bình, đoàn thể, khoảng cách"
    assert clean("quý I, Quỹ hỗ trợ, QUỸ VÌ PHỤ NỮ, Quý vị") == "quý I, Quỹ hỗ trợ, QUỸ VÌ PHỤ NỮ, Quý vị"
    assert clean("Thuý, Quỳnh, UỶ BAN") == "Thúy, Quỳnh, ỦY BAN"


def test_a_pdf_text_layer_is_joined_back_into_paragraphs():
    doc = from_plain_text("- Chỉ tiêu 1: Tỷ lệ nữ đạt 40% vào\nnăm 2025.\n- Chỉ tiêu 2: Tỷ lệ nam đạt 30%\n",
                          wrapped=True)
    assert doc.paragraphs == ["- Chỉ tiêu 1: Tỷ lệ nữ đạt 40% vào năm 2025.", "- Chỉ tiêu 2: Tỷ lệ nam đạt 30%"]


def test_other_layouts_of_objectives_targets_and_annex():
    """Targets as bare bullets, "Chỉ tiêu 2.1", "Mục tiêu 1." headings, an annex with a column per year."""
    from bdg.plan_draft import draft_plan

    doc = from_plain_text("Số: 7/KH-UBND\nHà Giang, ngày 5 tháng 3 năm 2022\nII. MỤC TIÊU CỤ THỂ\n"
                          "Mục tiêu 1. Nâng cao vị thế của phụ nữ trong lĩnh vực chính trị\n"
                          "- Đến năm 2025 có 50% và đến năm 2030 có 60% xã có lãnh đạo chủ chốt là nữ.\n"
                          "- Tỷ lệ nữ đại biểu Hội đồng nhân dân đạt 30% vào năm 2025 và trên 35% vào năm 2030.\n"
                          "Mục tiêu 2. Bảo đảm bình đẳng giới trong lĩnh vực y tế\n"
                          "Chỉ tiêu 2.1: Tỷ số giới tính khi sinh không vượt quá 110 trẻ trai/100 trẻ gái vào năm 2030.\n"
                          "III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì thực hiện Mục tiêu 1.\n"
                          "2. Sở Y tế chủ trì, phối hợp với Hội Liên hiệp Phụ nữ tỉnh tổ chức thực hiện Mục tiêu 2.\n")
    doc.tables.append([["TT", "Nội dung", "Năm 2025", "Năm 2030", "Cơ quan chủ trì", "Cơ quan phối hợp"],
                       ["", "- Chỉ tiêu 2: Tỷ lệ nữ đại biểu Hội đồng nhân dân", "30%", "trên 40%", "Sở Nội vụ", ""]])
    draft = draft_plan(doc)
    data = draft.data
    names = {a["code"]: a["name"] for a in data["agencies"]}
    got = {s["code"]: (s["direction"], names[s["lead"]], {y: (t["value"], bool(t.get("strict")))
                                                         for y, t in s["variants"][0]["targets"].items()})
           for s in data["series"]}
    assert got == {"1.1": ("at_least", "Sở Nội vụ", {2025: (50, False), 2030: (60, False)}),
                   "1.2": ("at_least", "Sở Nội vụ", {2025: (30, False), 2030: (35, True)}),
                   "2.1": ("at_most", "Sở Y tế", {2030: (110, False)})}
    annex = data["series"][1]["variants"][1]
    assert annex["targets"] == {2025: {"value": 30}, 2030: {"value": 40, "strict": True}}
    assert "năm 2030: Phụ lục ghi trên 40, văn bản ghi trên 35" in annex["note"]
    assert data["decision"]["issuer"] == "Ủy ban nhân dân tỉnh Hà Giang"  # from the number's symbol and place
    assert draft.notes[("decision", "issuer")].review and draft.notes[("period",)].review
    assert data["period"] == {"start": 2022, "end": 2030}


def test_objectives_lettered_a_b_c():
    from bdg.plan_draft import draft_plan

    doc = from_plain_text("II. MỤC TIÊU\n1. Mục tiêu chung\nThu hẹp khoảng cách giới.\n2. Mục tiêu cụ thể\n"
                          "a) Tăng cường sự tham gia của phụ nữ\n- Chỉ tiêu 1: Tỷ lệ nữ đạt 30% vào năm 2025.\n"
                          "b) Bảo đảm bình đẳng giới trong y tế\n- Chỉ tiêu 1: Tỷ lệ phá thai giảm xuống 20/100 trẻ đẻ "
                          "sống vào năm 2025.\nđ) Nâng cao năng lực\n- Chỉ tiêu 1: Hằng năm có 100% cán bộ được tập "
                          "huấn.\nIII. NHIỆM VỤ\n")
    data = draft_plan(doc).data
    assert [(o["number"], o["title"]) for o in data["objectives"]] == [
        (1, "Tăng cường sự tham gia của phụ nữ"), (2, "Bảo đảm bình đẳng giới trong y tế"), (5, "Nâng cao năng lực")]
    assert [s["code"] for s in data["series"]] == ["1.1", "2.1", "5.1"]


def test_sub_part_headings_are_not_objectives():
    from bdg.plan_draft import draft_plan

    doc = from_plain_text("II. MỤC TIÊU, CHỈ TIÊU\n1. Mục tiêu chung\nThu hẹp khoảng cách giới.\n"
                          "2. Mục tiêu cụ thể\na) Tăng cường sự tham gia của phụ nữ\n"
                          "- Chỉ tiêu 1: Tỷ lệ nữ đạt 30% vào năm 2025.\nIII. NHIỆM VỤ\n")
    data = draft_plan(doc).data
    assert [(o["number"], o["title"]) for o in data["objectives"]] == [(1, "Tăng cường sự tham gia của phụ nữ")]


def test_targets_only_in_the_annex_table():
    from bdg.plan_draft import draft_plan

    doc = from_plain_text("Số: 9/KH-UBND\nII. MỤC TIÊU\nChi tiết tại Phụ lục kèm theo.\n")
    doc.tables.append([["STT", "Nội dung", "Chỉ tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp"],
                       ["1", "Mục tiêu 1: Bình đẳng giới trong lĩnh vực chính trị", "", "", ""],
                       ["", "- Chỉ tiêu 1: Tỷ lệ nữ đại biểu đạt 30% vào năm 2025 và 35% vào năm 2030", "30%",
                        "Sở Nội vụ", ""],
                       ["", "- Chỉ tiêu 2: Giảm thời gian làm việc nhà của phụ nữ xuống 1,7 lần so với nam giới "
                            "vào năm 2025 và 1,4 lần vào năm 2030", "1,7 lần", "Sở Lao động - Thương binh và Xã hội",
                        ""]])
    data = draft_plan(doc).data
    assert [o["title"] for o in data["objectives"]] == ["Bình đẳng giới trong lĩnh vực chính trị"]
    got = {s["code"]: (s["direction"], s["unit"], {y: t["value"] for y, t in s["variants"][0]["targets"].items()})
           for s in data["series"]}
    assert got == {"1.1": ("at_least", "%", {2025: 30, 2030: 35}), "1.2": ("at_most", "lần", {2025: 1.7, 2030: 1.4})}
