"""The Hướng dẫn sheet of an agency form: who fills it, by when, how, and whom to ask."""

from __future__ import annotations

from bdg.plan import Plan
from bdg.submission import NARRATIVE_LABELS
from templates import form_layout as L


def form_guide_lines(plan: Plan, year: int, agency: str, unit: str, *, sample: bool = False) -> list[tuple[str, str]]:
    """(style, text) lines; style is "title", "heading", "body" or "warning"."""
    who = plan.agency(agency).name_in(year)
    where = plan.unit(unit).name_in(year)
    coordinator = plan.agency_in(plan.coordinator, year).name_in(year)
    deadline = plan.deadline(year)
    lines: list[tuple[str, str]] = [("title", f"HƯỚNG DẪN ĐIỀN BIỂU BÁO CÁO NĂM {year}")]
    if sample:
        lines.append(("warning", f"{L.SAMPLE_LABEL}. Tệp này chỉ dùng để chạy thử phần mềm."))
    names = "; ".join(NARRATIVE_LABELS.values())
    lines += [
        ("body", plan.name),
        ("body", f"Căn cứ: Quyết định số {plan.decision.number} ngày {plan.decision.date:%d/%m/%Y} "
                 f"của {plan.decision.issuer}."),
        ("heading", "1. Ai điền, nộp cho ai, khi nào"),
        ("body", f"• Cơ quan điền: {who}."),
        ("body", f"• Số liệu của: {where}, năm {year}."),
        ("body", f"• Gửi về {coordinator} trước ngày {deadline:%d/%m/%Y}, dưới dạng tệp Excel "
                 "(.xlsx, .xls) hoặc LibreOffice (.ods). Giữ nguyên tên tệp hoặc đặt tên dễ nhận biết."),
        ("heading", f"2. Cách điền trang '{L.FORM_SHEET}'"),
        ("body", "• Ô nền trắng là ô cần nhập; ô nền xám (tên chỉ tiêu, chỉ tiêu kế hoạch, giá trị tự tính) "
                 "đã khóa, không sửa."),
        ("body", f"• {L.REPORT_DATE_LABEL}: ngày ký báo cáo, dạng ngày/tháng/năm (ví dụ {deadline:%d/%m/%Y})."),
        ("body", "• Ô ghi 'số nguyên' (số người, số cơ quan, số ca…): chỉ nhập số nguyên không âm, "
                 "không gõ chữ, đơn vị hay dấu %."),
        ("body", "• Ô ghi 'số thập phân': phần thập phân dùng dấu phẩy, ví dụ 2,5."),
        ("body", "• Ô ghi 'chọn từ danh sách': bấm mũi tên bên phải ô và chọn một dòng."),
        ("body", f"• Cột 'Số liệu năm {year}' ở dòng tên chỉ tiêu tự tính (tỷ lệ, tỷ số) khi đã nhập đủ các "
                 "số liệu bên dưới; không gõ đè lên ô này."),
        ("body", "• Chưa có số liệu thì để trống ô (không ghi 0) và ghi lý do ở cột 'Ghi chú'."),
        ("body", "• Cột 'Nguồn số liệu': ghi nguồn (báo cáo thống kê, điều tra, hồ sơ quản lý…)."),
        ("body", f"• Cuối mỗi mục tiêu có ba ô thuyết minh ({names}): viết ngắn gọn, "
                 "có thể xuống dòng trong ô bằng Alt+Enter."),
        ("body", "• Có thể chèn thêm dòng, đổi tên trang tính, thêm trang tính khác; không xóa dòng chỉ tiêu, "
                 "không sao chép biểu của năm khác hay cơ quan khác."),
        ("heading", "3. Khi gửi về"),
        ("body", "Phần mềm kiểm tra từng ô và gửi lại danh sách lỗi (nếu có) kèm tên trang tính, địa chỉ ô "
                 "và cách sửa. Sửa đúng ô được nêu rồi gửi lại tệp."),
        ("heading", "4. Liên hệ"),
        ("body", f"Mọi thắc mắc xin liên hệ {coordinator} (cơ quan thường trực về bình đẳng giới của tỉnh)."),
    ]
    return lines
