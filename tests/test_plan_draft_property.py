"""Any text made of the phrasings the draft knows, in any order: a valid plan or NothingToDraft, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bdg.plan import Plan
from bdg.plan_draft import NothingToDraft, draft_plan, from_plain_text

PIECES = ["II. MỤC TIÊU CỤ THỂ", "IV. TỔ CHỨC THỰC HIỆN", "PHỤ LỤC", "Mục tiêu 1:", "a) Mục tiêu 2: Y tế",
          "1.", "- Chỉ tiêu 1:", "+", "Tỷ lệ nữ", "đạt", "trên", "dưới", "từ", "trở lên", "không vượt quá",
          "40%", "1,5 lần", "58,3/100.000 trẻ đẻ sống", "113 trẻ sơ sinh trai/100 trẻ sơ sinh gái", "115/100",
          "vào năm 2025", "đến năm 2030", "duy trì đến năm 2030", "nhiệm kỳ 2021 - 2026", "Hằng năm", "giảm",
          "xuống", "so với năm 2020", "(năm 2020 là 30%)", "(", ")", ";", ".", ",", "mỗi giới", "nếu",
          "Sở Y tế chủ trì, phối hợp với", "Ban Tổ chức Tỉnh ủy", "thực hiện Mục tiêu 1", "\n", "\t", "Số: 5/KH-UBND",
          "ngày 31 tháng 2 năm 2021", "giai đoạn 2030 - 2021", "Chỉ tiêu 99:"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80), st.booleans())
def test_any_arrangement_drafts_or_says_nothing_found(pieces, wrapped):
    text = " ".join(pieces).replace(" \n ", "\n")
    try:
        draft = draft_plan(from_plain_text(text, "x.txt", wrapped=wrapped))
    except NothingToDraft:
        return
    assert draft.data["series"] and all(s["code"] for s in draft.data["series"])
    Plan(**draft.data)  # what a person reviews is a plan bdg can use as drafted
