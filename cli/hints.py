"""How to fix an expected error on the command line: the option (or command) to use, per error code.

The core's message (:data:`bdg.errors.CATALOGUE`) says what is wrong; the sentence here is added
after it by :func:`hint`. Placeholders are the error's parameters.
"""

from __future__ import annotations

from bdg.errors import BdgError

HINTS: dict[str, str] = {
    "master-missing": "Tạo sổ bằng lệnh: bdg init --out {master} (hoặc chọn sổ khác với --master).",
    "master-unreadable": "Hoặc chọn sổ khác với --master.",
    "not-a-master": "Hãy chọn đúng sổ tổng hợp với --master.",
    "master-exists": "Dùng --force để tạo lại (bản cũ sẽ được sao lưu), hoặc chọn tên tệp khác với --out.",
    "master-not-xlsx": "Hãy chọn tên tệp .xlsx với --out.",
    "master-plan-mismatch": "Hãy chọn đúng tệp kế hoạch bằng --plan.",
    "plan-not-embedded-unknown": "Hãy chỉ tệp kế hoạch bằng --plan TỆP.yaml; để không phải gõ --plan nữa, gắn kế "
                                 "hoạch vào sổ một lần: bdg plan update --master {master} TỆP_KẾ_HOẠCH.yaml",
    "plan-other-than-master": "Bỏ tệp kế hoạch (--plan) để dùng kế hoạch của sổ, hoặc chọn đúng sổ tổng hợp bằng "
                              "--master.",
    "plan-differs-from-master": "Bỏ tệp kế hoạch (--plan) để dùng kế hoạch của sổ; muốn sửa kế hoạch của sổ thì "
                                "dùng: bdg plan update --master SỔ.xlsx {plan_file} --dry-run",
    "embedded-plan-damaged": "Lệnh: bdg plan update --master SỔ.xlsx TỆP_KẾ_HOẠCH.yaml",
    "embedded-plan-invalid": "Lệnh: bdg plan update --master SỔ.xlsx TỆP_KẾ_HOẠCH.yaml",
    "plan-update-other-id": "Tạo sổ mới: bdg init --plan {plan_file} --out SỔ_MỚI.xlsx",
    "plan-update-orphans": "Hoặc dùng --force nếu chắc chắn: các giá trị đó vẫn nằm trong trang Số liệu nhưng không "
                           "được tính nữa.",
    "plan-export-exists": "Dùng --force để ghi đè, hoặc chọn tên tệp khác với --out.",
    "plan-export-suffix": "Hãy chọn tên tệp .xlsx hoặc .yaml với --out.",
    "year-outside-period": "Hãy chọn năm khác với --year.",
    "no-forms-found": "Hãy kiểm tra lại đường dẫn thư mục hoặc tệp.",
    "agency-not-lead": "Hãy sửa mã cơ quan ở --agency.",
    "report-kind-invalid": "Chọn một trong: annual (báo cáo năm), midterm (sơ kết giữa kỳ), final (tổng kết) "
                           "với --kind.",
    "report-year-missing": "Hãy chọn năm với --year, ví dụ: --year {end}.",
    "midterm-without-milestone": "Hãy dùng --kind final (tổng kết).",
    "midterm-year": "Hãy chọn một trong các năm đó với --year (hoặc bỏ --year).",
    "final-year": "Dùng --year {end} (hoặc bỏ --year).",
    "report-format-invalid": "Ví dụ: --format docx,pdf.",
}


def hint(err: BdgError) -> str | None:
    template = HINTS.get(err.code)
    return template.format(**err.params) if template else None
