"""The Hướng dẫn (how to use) sheet of the master workbook."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from bdg import organisation as org
from bdg.attainment_method import method_lines
from bdg.citation import citation
from bdg.organisation import former_text
from bdg.plan import Plan
from workbook import styles


def guide_lines(plan: Plan) -> list[tuple[str, str]]:
    """(style, text) lines; style is "title", "heading" or "body"."""
    deadline = f"{plan.report_deadline.day:02d}/{plan.report_deadline.month:02d}"
    coordinator = plan.agency_in(plan.coordinator, plan.period.end).name_in(plan.period.end)
    former = former_text(plan, org.agency_spells(plan, plan.coordinator), plan.period.end, short=False)
    coordinator += f" ({former})" if former else ""
    lines = [
        ("title", "HƯỚNG DẪN SỬ DỤNG SỔ TỔNG HỢP"),
        ("body", plan.name),
        ("body", f"Căn cứ: {citation(plan.decision)}."),
        ("heading", "1. Sổ này dùng để làm gì"),
        ("body", f"{coordinator} dùng sổ này để tổng hợp số liệu các cơ quan chủ trì báo cáo hằng năm "
                 f"(trước ngày {deadline}), theo dõi ai đã nộp, đánh giá mức đạt từng chỉ tiêu và lập báo cáo."),
        ("heading", "2. Các trang tính"),
        ("body", "• Chỉ tiêu: danh mục mục tiêu, chỉ tiêu như Phụ lục của Kế hoạch; ô tô vàng là chỗ Phụ lục "
                 "ghi khác văn bản Kế hoạch (xem ghi chú của ô và cột 'Khác biệt')."),
        ("body", "• Số liệu: mỗi dòng là một giá trị do một cơ quan báo cáo, kèm nguồn gốc (tệp, ô, thời điểm nhận)."),
        ("body", "• Thuyết minh: kết quả nổi bật, khó khăn, kiến nghị của các cơ quan theo từng mục tiêu. Một "
                 "thuyết minh dài hơn một ô Excel (32.767 ký tự) được ghi tiếp ở dòng kế tiếp, cột Phần ghi 1, 2…"),
        ("body", "• Đánh giá: mức đạt của từng chỉ tiêu theo năm, tô màu theo trạng thái."),
        ("body", "• Tiến độ nộp: cơ quan nào đã nộp, đúng hạn hay trễ hạn, còn thiếu."),
        ("body", "• Nhật ký: mỗi lần nhập một tệp biểu mẫu (tệp, mã băm, kết quả)."),
        ("body", "• Lỗi và cảnh báo: các lỗi, cảnh báo tìm thấy trong tệp đã nhận (giá trị có lỗi không được nhập)."),
        ("heading", "3. Quy trình hằng năm"),
        ("body", "1) Tạo biểu mẫu cho các cơ quan: bdg forms --year <năm>"),
        ("body", "2) Các cơ quan điền biểu mẫu trong Excel hoặc LibreOffice và gửi về."),
        ("body", "3) Kiểm tra biểu mẫu: bdg check <thư mục>"),
        ("body", "4) Tổng hợp vào sổ này: bdg consolidate <thư mục> --master <sổ tổng hợp>"),
        ("body", "5) Lập báo cáo: bdg report --year <năm>"),
        ("heading", "4. Lưu ý"),
        ("body", "• Không xóa hoặc đổi tên các ô tiêu đề cột; có thể sắp xếp, lọc, chèn dòng, chèn cột."),
        ("body", "• Đóng sổ trong Excel trước khi chạy lệnh tổng hợp. Mỗi lần ghi, bản cũ được sao lưu vào "
                 "thư mục 'sao-luu' bên cạnh sổ."),
    ]
    changes = org.changes(plan)
    if changes:  # forms, Tiến độ nộp and province values of each year follow the organisations of that year
        lines.append(("body", "• Thay đổi tổ chức trong giai đoạn (biểu mẫu, Tiến độ nộp và số liệu toàn tỉnh "
                              "của mỗi năm theo cơ quan, đơn vị của năm đó; số liệu cũ giữ tên của năm báo cáo):"))
        lines += [("body", f"   – {line}") for line in changes]
    return lines + method_lines(plan)  # the attainment rules, so a reader can check a status by hand


def write_guide(ws: Worksheet, plan: Plan) -> None:
    fonts = {"title": styles.TITLE, "heading": styles.BOLD, "body": styles.BODY}
    ws.column_dimensions["A"].width = 96  # within a portrait A4 page at 100 %
    for r, (style, text) in enumerate(guide_lines(plan), start=1):
        cell = ws.cell(row=r, column=1, value=text)
        cell.font = fonts.get(style, styles.BODY)
        cell.alignment = styles.WRAP
    styles.fit_row_heights(ws)
    styles.print_setup(ws, landscape=False)
    ws.print_options.horizontalCentered = False
