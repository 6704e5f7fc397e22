"""The Hướng dẫn sheet of a plan workbook: what each sheet holds, how to fill it, how to use the file."""

from __future__ import annotations

from collections.abc import Mapping

from templates.plan_book import layout as L


def guide_lines(data: Mapping) -> list[tuple[str, str]]:
    """(style, text) lines; style is "title", "heading" or "body"."""
    name = data.get("name") if isinstance(data.get("name"), str) else ""
    lines: list[tuple[str, str]] = [("title", "HƯỚNG DẪN SỬ DỤNG TỆP KẾ HOẠCH")]
    if name:
        lines.append(("body", name))
    lines += [
        ("body", "Tệp này là kế hoạch bình đẳng giới của tỉnh dưới dạng bảng tính: phần mềm bdg đọc tệp để lập "
                 "sổ tổng hợp, biểu mẫu gửi các cơ quan, đánh giá mức đạt và báo cáo. Sửa tệp bằng Excel hoặc "
                 "LibreOffice, không cần viết tệp YAML."),
        ("heading", "1. Các trang tính"),
        ("body", f"• {L.PLAN_SHEET}: số, ngày, cơ quan ban hành văn bản; giai đoạn, các mốc, hạn báo cáo; phần đầu "
                 "và phần ký của báo cáo."),
    ]
    lines += [("body", f"• {t.name}: {t.title}.") for t in L.TABLES]
    lines += [
        ("heading", "2. Cách điền"),
        ("body", "• Mỗi dòng là một mục (một cơ quan, một chỉ tiêu…). Được chèn dòng, xóa dòng, sắp xếp lại "
                 "các dòng: phần mềm nhận các mục theo mã ghi trong ô, không theo vị trí."),
        ("body", "• Các trang Mốc chỉ tiêu, Số liệu nhập, Cách tính, Đổi chủ trì ghi mã chỉ tiêu ở cột đầu để "
                 "biết dòng thuộc chỉ tiêu nào; trang Đổi tên ghi loại (cơ quan/đơn vị) và mã."),
        ("body", "• Ô có mũi tên bên phải: bấm và chọn trong danh sách (cách đánh giá, cấp đơn vị, có/không, "
                 "mã cơ quan lấy từ trang Cơ quan…). Chọn một ô để xem lời nhắc cách điền."),
        ("body", "• Ô ghi nhiều mã (cơ quan phối hợp, đơn vị kế nhiệm): các mã cách nhau bằng dấu phẩy. Ô ghi "
                 "nhiều dòng (nơi nhận, danh sách chọn): xuống dòng trong ô bằng Alt+Enter."),
        ("body", "• Số thập phân dùng dấu phẩy theo cách gõ của máy (ví dụ 1,7). Ngày dạng ngày/tháng/năm."),
        ("body", "• Trên trang Mốc chỉ tiêu, mỗi mốc có ba cột: giá trị chỉ tiêu; 'trên/dưới' (chọn có khi văn "
                 "bản ghi 'trên', 'dưới' — không tính bằng); cách văn bản ghi (ví dụ 'khoảng 60%'). Khi Phụ lục "
                 "ghi khác nội dung văn bản, thêm một dòng 'phụ lục' cho chỉ tiêu đó."),
        ("body", "• Không sửa hai dòng đầu của mỗi trang (dòng tiêu đề và dòng ẩn chứa mã cột)."),
        ("heading", f"3. Cột '{L.REVIEW_HEADER}' và '{L.SOURCE_HEADER}'"),
        ("body", f"• Ô nền vàng là giá trị cần người kiểm tra: lý do ghi ở cột '{L.REVIEW_HEADER}' của dòng, "
                 "mỗi ô một dòng dạng 'Tên cột: lý do'; di chuột vào ô để xem ghi chú."),
        ("body", "• Kiểm tra xong (đã sửa, hoặc giá trị đã đúng): xóa dòng lý do đó trong ô "
                 f"'{L.REVIEW_HEADER}' (xóa cả ô nếu đã kiểm tra hết dòng). Màu vàng tự hết. Lệnh bdg plan show "
                 "liệt kê những giá trị còn cần xem lại."),
        ("body", f"• Cột '{L.SOURCE_HEADER}' ghi câu trong văn bản mà giá trị được lấy ra (khi kế hoạch được "
                 "lập tự động từ văn bản bằng lệnh bdg plan draft); chỉ để đối chiếu."),
        ("heading", "4. Dùng tệp"),
        ("body", "• Kiểm tra tệp: bdg plan show --plan ke-hoach.xlsx (in danh mục chỉ tiêu, hoặc mọi lỗi kèm "
                 "trang và ô cần sửa)."),
        ("body", "• Lập sổ tổng hợp: bdg init --plan ke-hoach.xlsx. Kế hoạch được gắn vào sổ; sau này sửa kế "
                 "hoạch trong tệp này rồi chạy bdg plan update ke-hoach.xlsx --master master.xlsx."),
        ("body", "• Chuyển sang tệp YAML (cho người phát triển): bdg plan export --plan ke-hoach.xlsx "
                 "--out ke-hoach.yaml."),
    ]
    return lines
