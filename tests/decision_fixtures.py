"""A 2021–2030 provincial plan in the national strategy's phrasing, built by code as .docx.

Not the seed decision's phrasing: "Mục tiêu N:" headings under "a)", "Đến năm 2025 đạt …; đến năm
2030 …", terms of office, a header table, an assignment section naming objectives, and a small
annex table with a header row (covering objectives 1–2 only; one value differs from the text).
"""

from __future__ import annotations

from pathlib import Path

HEADER = [("ỦY BAN NHÂN DÂN\nTỈNH MẪU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
          ("Số: 125/KH-UBND", "Mẫu, ngày 20 tháng 9 năm 2021")]

BODY = [
    "KẾ HOẠCH",
    "Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030 trên địa bàn tỉnh Mẫu",
    "Căn cứ Quyết định số 1/QĐ-TTg ngày 03 tháng 3 năm 2021 của Thủ tướng Chính phủ phê duyệt Chiến lược "
    "quốc gia về bình đẳng giới giai đoạn 2021 - 2030;",
    "Thực hiện Kế hoạch số 40/KH-UBND ngày 15 tháng 4 năm 2021 của Ủy ban nhân dân tỉnh Mẫu về công tác "
    "bình đẳng giới,",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Cụ thể hóa các mục tiêu của Chiến lược quốc gia phù hợp với điều kiện của tỉnh.",
    "II. MỤC TIÊU",
    "1. Mục tiêu chung",
    "Tiếp tục thu hẹp khoảng cách giới, tạo điều kiện, cơ hội để phụ nữ và nam giới tham gia, thụ hưởng bình đẳng.",
    "2. Mục tiêu cụ thể",
    "a) Mục tiêu 1: Tăng cường sự tham gia bình đẳng của phụ nữ vào các vị trí lãnh đạo, quản lý",
    "- Chỉ tiêu 1: Tỷ lệ nữ đại biểu Hội đồng nhân dân tỉnh đạt từ 30% trở lên nhiệm kỳ 2021 - 2026 và trên "
    "35% nhiệm kỳ 2026 - 2031.",
    "- Chỉ tiêu 2: Đến năm 2025 đạt 60% và đến năm 2030 đạt 75% cơ quan quản lý nhà nước, chính quyền địa "
    "phương các cấp có lãnh đạo chủ chốt là nữ.",
    "b) Mục tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế, lao động, việc làm",
    "- Chỉ tiêu 1: Tỷ lệ lao động nữ làm công việc có hưởng lương đạt 50% vào năm 2025 và khoảng 60% vào "
    "năm 2030.",
    "- Chỉ tiêu 2: Tỷ lệ nữ giám đốc, chủ doanh nghiệp, hợp tác xã đạt từ 27% trở lên vào năm 2025; đến năm "
    "2030 đạt từ 30% trở lên.",
    "- Chỉ tiêu 3: Hằng năm, bảo đảm ít nhất 40% mỗi giới trong tổng số người được hỗ trợ tạo việc làm.",
    "c) Mục tiêu 3: Bảo đảm bình đẳng giới trong tiếp cận dịch vụ chăm sóc sức khỏe",
    "- Chỉ tiêu 1: Tỷ số giới tính khi sinh không vượt quá 111 bé trai/100 bé gái vào năm 2025 và 109 bé "
    "trai/100 bé gái vào năm 2030.",
    "- Chỉ tiêu 2: Giảm tỷ số tử vong mẹ xuống còn 42/100.000 trẻ đẻ sống vào năm 2025 và dưới 30/100.000 "
    "trẻ đẻ sống vào năm 2030 (năm 2020 là 58/100.000).",
    "d) Mục tiêu 4: Bảo đảm bình đẳng giới trong gia đình, từng bước xóa bỏ bạo lực trên cơ sở giới",
    "- Chỉ tiêu 1: Giảm 10% số vụ bạo lực trên cơ sở giới vào năm 2025 và giảm 20% vào năm 2030 so với năm 2020.",
    "- Chỉ tiêu 2: Đến năm 2025 đạt 80% và đến năm 2030 đạt 90% số nạn nhân bạo lực gia đình được phát hiện "
    "được tư vấn, hỗ trợ; tỷ lệ người gây bạo lực gia đình được tư vấn đạt 70% vào năm 2025 và 80% vào năm 2030.",
    "đ) Mục tiêu 5: Nâng cao năng lực quản lý nhà nước về bình đẳng giới",
    "- Chỉ tiêu 1: Đến năm 2025 và duy trì đến năm 2030 có 100% cán bộ làm công tác bình đẳng giới được tập "
    "huấn nghiệp vụ ít nhất một lần.",
    "- Chỉ tiêu 2: Hằng năm tổ chức đối thoại chính sách về bình đẳng giới ở cấp tỉnh.",
    "III. NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy đảng, chính quyền đối với công tác bình đẳng giới.",
    "2. Đẩy mạnh truyền thông nâng cao nhận thức về bình đẳng giới.",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với Sở Tài chính, Sở Kế hoạch và Đầu tư tổ chức "
    "triển khai Kế hoạch, thực hiện Mục tiêu 2; theo dõi, tổng hợp và báo cáo kết quả thực hiện hằng năm "
    "(trước ngày 15 tháng 12) gửi Ủy ban nhân dân tỉnh.",
    "2. Sở Y tế chủ trì, phối hợp với Hội Liên hiệp Phụ nữ tỉnh thực hiện Mục tiêu 3.",
    "3. Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Công an tỉnh, Sở Tư pháp thực hiện các chỉ tiêu "
    "của Mục tiêu 4.",
    "4. Sở Nội vụ chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy thực hiện Mục tiêu 1 và Mục tiêu 5.",
    "5. Ủy ban nhân dân các huyện, thành phố xây dựng kế hoạch thực hiện tại địa phương.",
    "PHỤ LỤC",
    "CHỈ TIÊU THỰC HIỆN KẾ HOẠCH",
]

ANNEX = [
    ("TT", "Nội dung mục tiêu, chỉ tiêu", "Chỉ tiêu đến năm 2025", "Cơ quan chủ trì", "Cơ quan phối hợp"),
    ("1", "Mục tiêu 1: Tăng cường sự tham gia bình đẳng của phụ nữ vào các vị trí lãnh đạo, quản lý", "", "",
     "Sở Nội vụ; Hội Liên hiệp Phụ nữ tỉnh"),
    ("", "- Chỉ tiêu 1: Tỷ lệ nữ đại biểu Hội đồng nhân dân tỉnh đạt từ 30% trở lên nhiệm kỳ 2021 - 2026 và "
         "trên 35% nhiệm kỳ 2026 - 2031", "30%", "Sở Nội vụ", "Ban Tổ chức Tỉnh ủy"),
    ("", "- Chỉ tiêu 2: Đến năm 2025 đạt 60% và đến năm 2030 đạt 75% cơ quan quản lý nhà nước, chính quyền "
         "địa phương các cấp có lãnh đạo chủ chốt là nữ", "60%", "Ban Tổ chức Tỉnh ủy", "Sở Nội vụ"),
    ("2", "Mục tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế, lao động, việc làm", "", "",
     "Cục Thống kê tỉnh"),
    ("", "- Chỉ tiêu 1: Tỷ lệ lao động nữ làm công việc có hưởng lương đạt 50% vào năm 2025 và 60% vào năm 2030",
     "50%", "Sở Lao động - Thương binh và Xã hội", "Cục Thống kê tỉnh"),
    ("", "- Chỉ tiêu 2: Tỷ lệ nữ giám đốc, chủ doanh nghiệp, hợp tác xã đạt từ 27% trở lên vào năm 2025 và từ "
         "30% trở lên vào năm 2030", "25%", "Sở Kế hoạch và Đầu tư", "Liên minh Hợp tác xã tỉnh"),
    ("", "- Chỉ tiêu 3: Hằng năm, bảo đảm ít nhất 40% mỗi giới trong tổng số người được hỗ trợ tạo việc làm",
     "40%", "Sở Lao động - Thương binh và Xã hội", ""),
]

# What a reader of the text expects: code → (direction, {milestone: (value, strict)}, lead's name).
EXPECTED = {
    "1.1": ("at_least", {2025: (30, False), 2030: (35, True)}, "Sở Nội vụ"),
    "1.2": ("at_least", {2025: (60, False), 2030: (75, False)}, "Ban Tổ chức Tỉnh ủy"),
    "2.1": ("at_least", {2025: (50, False), 2030: (60, False)}, "Sở Lao động - Thương binh và Xã hội"),
    "2.2": ("at_least", {2025: (27, False), 2030: (30, False)}, "Sở Kế hoạch và Đầu tư"),
    "2.3": ("each_sex_at_least", {2025: (40, False), 2030: (40, False)}, "Sở Lao động - Thương binh và Xã hội"),
    "3.1": ("at_most", {2025: (111, False), 2030: (109, False)}, "Sở Y tế"),
    "3.2": ("at_most", {2025: (42, False), 2030: (30, True)}, "Sở Y tế"),
    "4.1": ("reduce_by_share", {2025: (10, False), 2030: (20, False)}, "Sở Văn hóa, Thể thao và Du lịch"),
    "4.2a": ("at_least", {2025: (80, False), 2030: (90, False)}, "Sở Văn hóa, Thể thao và Du lịch"),
    "4.2b": ("at_least", {2025: (70, False), 2030: (80, False)}, "Sở Văn hóa, Thể thao và Du lịch"),
    "5.1": ("at_least", {2025: (100, False), 2030: (100, False)}, "Sở Nội vụ"),
    "5.2": ("qualitative", {}, "Sở Nội vụ"),
}
# Without the annex table (a PDF's text layer keeps no table), leads come from the assignments.
EXPECTED_LEADS_FROM_TEXT = {"1.1": "Sở Nội vụ", "1.2": "Sở Nội vụ", "2.1": "Sở Lao động - Thương binh và Xã hội",
                            "2.2": "Sở Lao động - Thương binh và Xã hội",
                            "2.3": "Sở Lao động - Thương binh và Xã hội"}


def build_docx(path: Path) -> Path:
    import docx
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    header = document.add_table(rows=len(HEADER), cols=2)
    for r, cells in enumerate(HEADER):
        for c, text in enumerate(cells):
            header.cell(r, c).text = text
    for text in BODY:
        document.add_paragraph(text)
    annex = document.add_table(rows=len(ANNEX), cols=len(ANNEX[0]))
    annex.style = "Table Grid"
    for r, cells in enumerate(ANNEX):
        for c, text in enumerate(cells):
            annex.cell(r, c).text = text
    document.save(str(path))
    return path
