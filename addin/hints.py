"""How to fix an expected error in Excel: the cell of the control panel sheet to change, per error code.

The core's message (:data:`bdg.errors.CATALOGUE`) says what is wrong; the sentence here is added
after it. ``{where}`` is the place of the setting the error names (its ``fix``) on the
"Bảng điều khiển" sheet, e.g. "mục 'Năm báo cáo' (ô B6) của trang 'Bảng điều khiển'"; the other
placeholders are the error's parameters.
"""

from __future__ import annotations

from addin import control
from bdg.errors import BdgError

HINTS: dict[str, str] = {
    "master-missing": "Hãy kiểm tra đường dẫn ở {where} (hoặc mở chính sổ tổng hợp rồi bấm nút); nếu chưa có sổ, "
                      "hãy tạo sổ tổng hợp trước.",
    "master-unreadable": "Hoặc ghi đường dẫn sổ khác vào {where}.",
    "not-a-master": "Hãy ghi đường dẫn đúng sổ tổng hợp vào {where} (hoặc mở chính sổ tổng hợp rồi bấm nút).",
    "master-exists": "Hãy chọn tên tệp khác.",
    "master-not-xlsx": "Hãy ghi đường dẫn một tệp .xlsx vào {where}.",
    "master-plan-mismatch": "Hãy ghi đúng tệp kế hoạch vào {where} (để trống: kế hoạch kèm theo phần mềm).",
    "plan-not-embedded-unknown": "Hãy ghi tệp kế hoạch của sổ vào {where}, rồi nhờ cán bộ kỹ thuật gắn kế hoạch "
                                 "vào sổ một lần.",
    "plan-other-than-master": "Hãy để trống {where} để dùng kế hoạch của sổ, hoặc chọn đúng sổ tổng hợp.",
    "plan-differs-from-master": "Hãy để trống {where} để dùng kế hoạch của sổ; muốn sửa kế hoạch của sổ, hãy nhờ "
                                "cán bộ kỹ thuật cập nhật kế hoạch.",
    "embedded-plan-damaged": "Hãy nhờ cán bộ kỹ thuật gắn lại kế hoạch từ tệp gốc.",
    "embedded-plan-invalid": "Hãy nhờ cán bộ kỹ thuật gắn lại kế hoạch từ tệp gốc.",
    "year-outside-period": "Hãy sửa {where} thành một năm trong giai đoạn đó rồi bấm lại nút lệnh.",
    "no-forms-found": "Hãy chép các biểu mẫu nhận được vào thư mục ở {where} rồi bấm lại nút lệnh.",
    "agency-not-lead": "Hãy sửa mã cơ quan ở {where} (để trống: mọi cơ quan).",
    "report-kind-invalid": "Hãy ghi một trong: Hằng năm, Giữa kỳ, Cuối kỳ vào {where}.",
    "report-year-missing": "Hãy điền năm (ví dụ {end}) vào {where} rồi bấm lại nút lệnh.",
    "midterm-without-milestone": "Hãy ghi 'Cuối kỳ' vào {where}.",
    "midterm-year": "Hãy ghi một trong các năm đó vào {where} (hoặc để trống).",
    "final-year": "Hãy ghi {end} vào {where} (hoặc để trống).",
    "report-format-invalid": "Nút Xuất báo cáo ghi cả ba định dạng: hãy bấm lại nút lệnh.",
}


def hint_for(book):
    """The ``hint`` for :func:`bdg.errors.translate`: it reads the control sheet of ``book`` when needed."""

    def hint(err: BdgError) -> str | None:
        template = HINTS.get(err.code)
        if template is None:
            return None
        where = ""
        if "{where}" in template and err.fix in control.SETTING_KEYS:
            try:
                where = control.read(book).where(err.fix)
            except Exception:  # noqa: BLE001 — a hint must never hide the error itself
                where = control.place(err.fix)
        return template.format(where=where, **err.params)

    return hint
