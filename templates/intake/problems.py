"""The problem catalogue: every code intake can report, its severity and its Vietnamese message.

A message says what is wrong and what to do. Placeholders: ``{file}``, ``{sheet}``, ``{cell}``,
``{series}``, ``{value}`` and the extras each code documents. ``error`` rejects the value (or the
whole file for file-level codes); ``warning`` keeps it and flags it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bdg.numbers import fmt_shown, fmt_year
from bdg.reorganised import series_moved
from bdg.submission import Problem, Severity


@dataclass(frozen=True)
class Entry:
    severity: Severity
    template: str
    years: tuple[str, ...] = ()  # placeholders that hold a year: shown 2015, never grouped as 2.015
    skipped: str = ""  # for a file that is not read at all (not a spreadsheet): why, in a few words


CATALOGUE: dict[str, Entry] = {
    # --- the file itself ----------------------------------------------------------------------
    "file-not-found": Entry("error", "Không tìm thấy tệp '{file}'. Hãy kiểm tra lại đường dẫn."),
    "cannot-read-file": Entry("error", "Không mở được tệp '{file}' ({detail}). Hãy đóng tệp nếu đang mở, "
                                       "kiểm tra quyền truy cập rồi thử lại."),
    "not-a-spreadsheet": Entry("error", "Tệp '{file}' không phải bảng tính Excel hoặc LibreOffice ({detail}) nên "
                                        "không được đọc. Hãy gửi lại biểu mẫu dạng .xlsx, .xls hoặc .ods.",
                               skipped="không phải bảng tính: hãy gửi tệp Excel"),
    "xlsb-workbook": Entry("error", "Tệp '{file}' là sổ làm việc nhị phân của Excel (.xlsb){named}; phần mềm không "
                                    "đọc dạng này nên tệp không được đọc. Hãy mở tệp trong Excel, lưu lại dạng .xlsx "
                                    "(Tệp → Lưu thành → Sổ làm việc Excel) rồi gửi lại.",
                           skipped="sổ nhị phân .xlsb: lưu lại dạng .xlsx, Tệp → Lưu thành → Sổ làm việc Excel"),
    "archive-file": Entry("error", "Tệp '{file}' là tệp nén ({kind}){named}{contents}; phần mềm không mở tệp nén nên "
                                   "các biểu mẫu bên trong chưa được đọc. Hãy giải nén, đặt các biểu mẫu vào thư mục "
                                   "nhận rồi chạy lại.",
                          skipped="tệp nén: hãy giải nén các biểu mẫu vào thư mục rồi chạy lại"),
    "excel-owner-file": Entry("warning", "Tệp '{file}' là tệp tạm của Excel — tệp đang mở: biểu mẫu '{form}' đang "
                                         "được mở trong Excel hoặc LibreOffice (hoặc chương trình đã bị tắt đột ngột). "
                                         "Tệp tạm không chứa số liệu nên không được đọc, và biểu mẫu chỉ được đọc "
                                         "theo lần lưu cuối. Hãy đóng Excel rồi chạy lại; nếu tệp tạm vẫn còn khi "
                                         "không mở tệp nào, có thể xóa nó.",
                              skipped="tệp tạm của Excel — tệp đang mở; hãy đóng Excel rồi chạy lại"),
    "empty-archive": Entry("error", "Tệp nén '{file}' không chứa tệp nào. Hãy nén lại các biểu mẫu (hoặc gửi thẳng "
                                    "các tệp Excel) rồi gửi lại.",
                           skipped="tệp nén rỗng: hãy gửi lại các biểu mẫu"),
    "unsafe-archive-member": Entry("error", "Tệp nén '{archive}' chứa '{member}': {why}, nên tệp đó không được mở, để "
                                            "đảm bảo an toàn. Hãy giải nén, đặt các biểu mẫu vào thư mục nhận rồi "
                                            "chạy lại (hoặc nén lại chỉ các biểu mẫu).",
                                   skipped="tên không an toàn trong tệp nén: hãy giải nén rồi chạy lại"),
    "folder-not-read": Entry("error", "'{file}' {why} nên các tệp trong đó không được đọc. Hãy chép các biểu mẫu "
                                      "vào thư mục nhận (hoặc cấp quyền đọc thư mục) rồi chạy lại.",
                             skipped="thư mục không đọc được: hãy chép biểu mẫu vào thư mục nhận"),
    "extension-mismatch": Entry("warning", "Tệp '{file}' mang đuôi {suffix} nhưng nội dung là {what}; tệp đã được "
                                           "đọc theo nội dung. Excel sẽ báo sai định dạng khi mở tệp này: hãy đổi đuôi "
                                           "tệp thành {expected} (hoặc mở tệp và Lưu thành đúng dạng)."),
    "corrupt-file": Entry("error", "Tệp '{file}' bị hỏng, không đọc được ({detail}). Hãy mở tệp trong Excel, "
                                   "lưu lại (Lưu thành .xlsx) rồi gửi lại."),
    "password-protected": Entry("error", "Tệp '{file}' được đặt mật khẩu nên không đọc được. Hãy mở tệp, bỏ mật "
                                         "khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu: để "
                                         "trống) rồi gửi lại."),
    "file-too-large": Entry("error", "Tệp '{file}' quá lớn ({size} MB, giới hạn {limit} MB). Biểu mẫu bình "
                                     "thường chỉ vài chục KB: hãy xóa ảnh, trang tính thừa rồi gửi lại."),
    "sheet-too-large": Entry("error", "Tệp '{file}', trang '{sheet}': có dữ liệu ở tận ô {cell}, vùng cần đọc quá lớn "
                                      "({size} ô, giới hạn {limit} ô) nên tệp không được đọc. Hãy xóa các hàng, cột "
                                      "thừa (chọn từ sau bảng số liệu đến ô {cell}, bấm Xóa) rồi lưu và gửi lại."),
    "reader-crashed": Entry("error", "Tệp '{file}': chương trình đọc tệp bị dừng đột ngột ({detail}) nên tệp không "
                                     "được đọc; các tệp khác vẫn được xử lý. Hãy mở tệp trong Excel, xóa các ô và trang "
                                     "tính thừa, lưu lại rồi gửi lại."),
    "internal-error": Entry("error", "Tệp '{file}': lỗi nội bộ của phần mềm khi đọc tệp ({detail}); tệp KHÔNG bị coi "
                                     "là hỏng và sẽ được đọc lại ở lần chạy sau. Chi tiết lỗi đã ghi vào '{log}': hãy "
                                     "gửi tệp này cho người hỗ trợ kỹ thuật."),
    "zip-bomb": Entry("error", "Tệp '{file}' khi giải nén lớn bất thường ({detail}) nên không được mở để đảm bảo "
                               "an toàn. Hãy dùng biểu mẫu gốc và gửi lại."),
    # --- is it our form, for this plan, year and agency? -----------------------------------------
    "not-a-form": Entry("error", "Tệp '{file}' không phải biểu mẫu do phần mềm tạo (không có thông tin nhận "
                                 "dạng biểu mẫu). Hãy điền số liệu vào biểu mẫu được gửi kèm và gửi lại."),
    "wrong-plan": Entry("error", "Tệp '{file}' là biểu mẫu của kế hoạch khác ('{value}', cần '{expected}'). "
                                 "Hãy dùng biểu mẫu của kế hoạch này."),
    "form-version-mismatch": Entry("error", "Tệp '{file}' là biểu mẫu phiên bản {value}, phiên bản hiện hành là "
                                            "{expected}. Hãy chép số liệu sang biểu mẫu mới được gửi kèm và gửi lại."),
    "year-outside-period": Entry("error", "Tệp '{file}' là biểu mẫu năm {value}, nằm ngoài giai đoạn của kế hoạch "
                                          "({expected}). Hãy dùng biểu mẫu đúng năm.", years=("value", "expected")),
    "wrong-year": Entry("error", "Tệp '{file}' là biểu mẫu năm {value}, nhưng đang thu số liệu năm {expected}."
                                 "{renamed} Hãy điền biểu mẫu năm {expected} và gửi lại.",
                        years=("value", "expected")),
    "year-cell-mismatch": Entry("error", "Trang '{sheet}', ô {cell}: năm báo cáo ghi {value} nhưng biểu mẫu được "
                                         "tạo cho năm {expected}. Không sửa năm trên biểu cũ: hãy dùng biểu mẫu "
                                         "năm {value}.{renamed}", years=("value", "expected")),
    "wrong-agency": Entry("error", "Tệp '{file}' là biểu mẫu của {agency} (mã {value}), nhưng đang kiểm tra biểu "
                                   "của {expected_agency} (mã {expected}). Hãy kiểm tra lại tệp được gửi."),
    "unknown-agency": Entry("error", "Tệp '{file}' ghi cơ quan '{agency}' không chủ trì chỉ tiêu nào của kế hoạch "
                                     "trong năm {expected}. Hãy dùng biểu mẫu được gửi cho cơ quan mình.",
                            years=("expected",)),
    "agency-not-reporting": Entry("error", "Tệp '{file}' không được tổng hợp. {reason} Hãy ghi số liệu vào biểu mẫu "
                                           "năm {year} nêu trên rồi gửi lại.", years=("year",)),
    "unknown-unit": Entry("error", "Tệp '{file}' ghi đơn vị báo cáo '{unit}' không có trong biểu mẫu năm {year} của "
                                   "{agency}. Hãy dùng biểu mẫu được gửi cho đơn vị mình.", years=("year",)),
    "unit-not-reporting": Entry("error", "Tệp '{file}' không được tổng hợp. {reason} Hãy ghi số liệu vào biểu mẫu "
                                         "năm {year} nêu trên rồi gửi lại.", years=("year",)),
    "series-moved": Entry("error", "Tệp '{file}' không được tổng hợp. {reason} Hãy ghi số liệu vào biểu mẫu năm {year} "
                                   "nêu trên rồi gửi lại.", years=("year",)),
    "missing-form-sheet": Entry("error", "Tệp '{file}' không còn trang biểu mẫu có số liệu (trang '{expected}' "
                                         "đã bị xóa hoặc thay). Hãy dùng lại biểu mẫu gốc và gửi lại."),
    "several-form-sheets": Entry("error", "Tệp '{file}' có {count} trang biểu mẫu ({value}); không biết trang nào là "
                                          "số liệu thật nên không nhận trang nào. Hãy giữ lại một trang đã điền, xóa "
                                          "các trang sao chép còn lại rồi gửi lại."),
    "identity-mismatch": Entry("error", "Trang '{sheet}', ô {cell}: {what} ghi '{value}' nhưng biểu mẫu được tạo cho "
                                        "'{expected}'. Không sửa tiêu đề biểu mẫu của đơn vị khác: hãy dùng biểu mẫu "
                                        "được gửi cho '{value}' (hoặc ghi lại đúng '{expected}') rồi gửi lại."),
    "sample-data": Entry("warning", "Tệp '{file}' là DỮ LIỆU MẪU (chỉ để chạy thử), không phải số liệu thật. "
                                    "Không tổng hợp tệp này vào sổ thật."),
    # --- rows ------------------------------------------------------------------------------------
    "missing-row": Entry("error", "Trang '{sheet}': không tìm thấy dòng '{value}' của chỉ tiêu {series} (dòng đã "
                                  "bị xóa). Hãy chép lại dòng đó từ biểu mẫu gốc hoặc điền biểu mẫu mới."),
    "duplicate-row": Entry("error", "Trang '{sheet}': chỉ tiêu {series} có {count} dòng '{value}' (các ô {cells}). "
                                    "Hãy xóa dòng thừa, chỉ giữ một dòng cho mỗi số liệu."),
    "unexpected-row": Entry("warning", "Trang '{sheet}', ô {cell}: dòng của chỉ tiêu {series} không thuộc biểu mẫu "
                                       "này nên không được đọc. {reason}"),
    # --- cells -----------------------------------------------------------------------------------
    "text-in-number-cell": Entry("error", "Trang '{sheet}', ô {cell} ({label}, chỉ tiêu {series}): '{value}' không "
                                          "phải là số. Hãy chỉ nhập số (ví dụ 1234 hoặc 22,5), ghi chú thì ghi ở "
                                          "cột 'Ghi chú'."),
    "excel-error": Entry("error", "Trang '{sheet}', ô {cell} ({label}, chỉ tiêu {series}) đang báo lỗi {value}. "
                                  "Hãy nhập số liệu trực tiếp (không dùng công thức lỗi) rồi gửi lại."),
    "negative-number": Entry("error", "Trang '{sheet}', ô {cell} ({label}, chỉ tiêu {series}): số âm {value}. "
                                      "Số liệu này không thể âm; hãy nhập lại."),
    "not-whole-number": Entry("error", "Trang '{sheet}', ô {cell} ({label}, chỉ tiêu {series}): {value} không phải "
                                       "số nguyên. Đây là số đếm (người, cơ quan, ca…): hãy nhập số nguyên."),
    "number-too-large": Entry("error", "Trang '{sheet}', ô {cell} ({label}, chỉ tiêu {series}): {value} lớn bất "
                                       "thường (tối đa {limit}). Hãy kiểm tra lại số đã nhập."),
    "uncached-formula": Entry("error", "Trang '{sheet}', ô {cell} ({label}, chỉ tiêu {series}): ô có công thức nhưng "
                                       "tệp không lưu kết quả của công thức (tệp do phần mềm khác tạo ra), nên không "
                                       "biết giá trị. Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại; "
                                       "hoặc nhập số trực tiếp vào ô."),
    "parts-do-not-add-up": Entry("error", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): {parts} cộng lại được "
                                          "{read}, khác {total} ({value}). Hãy kiểm tra lại các số đã nhập."),
    "impossible-value": Entry("error", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): giá trị tính từ số liệu đầu vào "
                                       "là {value}{unit}, không thể xảy ra ({detail}). Hãy kiểm tra lại các số đã nhập."),
    "text-too-long": Entry("warning", "Trang '{sheet}', ô {cell}: nội dung dài {count} ký tự, quá giới hạn một ô Excel "
                                      "({limit} ký tự). Sổ tổng hợp chỉ ghi được {limit} ký tự đầu; toàn văn vẫn giữ "
                                      "trong tệp gốc được lưu ở thư mục luu-tru. Nên rút gọn, hoặc gửi phần dài trong "
                                      "văn bản kèm theo."),
    "long-narrative": Entry("warning", "Trang '{sheet}', ô {cell}: thuyết minh dài {count} ký tự, hơn một ô Excel "
                                       "chứa được ({limit} ký tự). Sổ tổng hợp vẫn giữ trọn văn bản: phần sau được ghi "
                                       "tiếp ở dòng kế tiếp của trang Thuyết minh (cột Phần ghi 1, 2…) và báo cáo ghép "
                                       "lại đầy đủ. Không cần sửa; nếu muốn dễ đọc trong Excel, có thể rút gọn."),
    "invalid-choice": Entry("error", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): '{value}' không có trong danh "
                                     "sách. Hãy chọn một trong: {choices}."),
    "numerator-exceeds-denominator": Entry("error", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): {numerator} "
                                                    "({value}) lớn hơn {denominator} ({other}). Hãy kiểm tra lại, có "
                                                    "thể hai ô bị nhập đảo chỗ."),
    "share-over-100": Entry("error", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): tỷ lệ {value}% vượt quá 100%. "
                                     "Hãy kiểm tra lại số liệu."),
    "ambiguous-separator": Entry("warning", "Trang '{sheet}', ô {cell} ({label}, chỉ tiêu {series}): '{value}' có "
                                            "thể hiểu hai cách; đã đọc là {read} ({how}). Nếu sai, hãy nhập lại số "
                                            "không có dấu phân cách hàng nghìn, phần thập phân dùng dấu phẩy."),
    "ambiguous-percent": Entry("warning", "Trang '{sheet}', ô {cell} ({label}, chỉ tiêu {series}): '{value}' có thể "
                                          "là {value}% hoặc {read}%; theo đơn vị tính (%) đã đọc là {read}%. Nếu sai, "
                                          "hãy nhập rõ, ví dụ 22,33%."),
    "out-of-range": Entry("warning", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): giá trị {value} nằm ngoài "
                                     "khoảng hợp lý {low} – {high}. Hãy kiểm tra lại số liệu đầu vào."),
    "zero-denominator": Entry("warning", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): {denominator} bằng 0 nên "
                                         "không tính được giá trị; được coi là chưa có số liệu."),
    "missing-value": Entry("warning", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): chưa nhập {value}; chỉ tiêu "
                                      "được coi là chưa có số liệu. Nếu có số liệu, hãy nhập và gửi lại."),
    "formula-mismatch": Entry("warning", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): ô giá trị hiển thị {value} "
                                         "nhưng tính từ số liệu đầu vào được {read}. Đã dùng {read}; đừng gõ đè lên "
                                         "ô công thức."),
    "jump-from-last-year": Entry("warning", "Trang '{sheet}', ô {cell} (chỉ tiêu {series}): giá trị {value} thay đổi "
                                            "bất thường so với năm trước ({previous}). Hãy kiểm tra lại; nếu đúng, "
                                            "ghi lý do ở cột 'Ghi chú'."),
    "missing-report-date": Entry("warning", "Trang '{sheet}', ô {cell}: chưa ghi ngày báo cáo; sẽ dùng thời điểm "
                                            "lưu tệp. Hãy ghi ngày báo cáo (ngày/tháng/năm)."),
    # --- a plan workbook (templates.plan_book) ---------------------------------------------------------
    "not-a-plan-book": Entry("error", "Tệp '{file}' không phải tệp kế hoạch của bdg (không có trang '{expected}' "
                                      "với các cột của phần mềm). Hãy dùng tệp do lệnh bdg plan export hoặc bdg "
                                      "plan draft tạo ra."),
    "plan-book-cell": Entry("error", "{sheet}!{cell}{label}: {detail} — hãy sửa ô này."),
    "plan-book-sheet": Entry("error", "Trang '{sheet}': {detail} — hãy sửa trang này."),
    "plan-book-plan": Entry("error", "Kế hoạch: {detail} — hãy sửa rồi lưu lại tệp."),
    "invalid-report-date": Entry("warning", "Trang '{sheet}', ô {cell}: ngày báo cáo '{value}' không hợp lệ "
                                            "({detail}); sẽ dùng thời điểm lưu tệp. Hãy ghi ngày dạng ngày/tháng/năm."),
}


LABELS: dict[str, str] = {  # a short Vietnamese name shown next to each code
    "internal-error": "Lỗi nội bộ của phần mềm",
    "reader-crashed": "Trình đọc tệp bị dừng",
    "sheet-too-large": "Trang tính quá lớn",
    "several-form-sheets": "Nhiều trang biểu mẫu",
    "identity-mismatch": "Tiêu đề khác thông tin biểu mẫu",
    "number-too-large": "Số lớn bất thường",
    "impossible-value": "Giá trị không thể xảy ra",
    "parts-do-not-add-up": "Các phần không khớp tổng",
    "uncached-formula": "Công thức chưa có kết quả",
    "text-too-long": "Nội dung quá dài",
    "long-narrative": "Thuyết minh dài hơn một ô",
    "file-not-found": "Không tìm thấy tệp",
    "cannot-read-file": "Không mở được tệp",
    "not-a-spreadsheet": "Không phải bảng tính",
    "xlsb-workbook": "Sổ nhị phân .xlsb",
    "archive-file": "Tệp nén",
    "excel-owner-file": "Tệp tạm của Excel",
    "extension-mismatch": "Đuôi tệp sai định dạng",
    "folder-not-read": "Thư mục không đọc được",
    "empty-archive": "Tệp nén rỗng",
    "unsafe-archive-member": "Tên không an toàn trong tệp nén",
    "corrupt-file": "Tệp bị hỏng",
    "password-protected": "Tệp có mật khẩu",
    "file-too-large": "Tệp quá lớn",
    "zip-bomb": "Tệp nén bất thường",
    "not-a-form": "Không phải biểu mẫu",
    "wrong-plan": "Biểu mẫu của kế hoạch khác",
    "form-version-mismatch": "Phiên bản biểu mẫu cũ",
    "year-outside-period": "Năm ngoài giai đoạn",
    "wrong-year": "Sai năm báo cáo",
    "year-cell-mismatch": "Năm ghi khác năm biểu mẫu",
    "wrong-agency": "Sai cơ quan",
    "unknown-agency": "Cơ quan không có trong kế hoạch",
    "unknown-unit": "Đơn vị không có trong biểu mẫu",
    "agency-not-reporting": "Cơ quan không báo cáo năm này",
    "unit-not-reporting": "Đơn vị không báo cáo năm này",
    "series-moved": "Chỉ tiêu do cơ quan khác chủ trì năm này",
    "missing-form-sheet": "Thiếu trang biểu mẫu",
    "sample-data": "Dữ liệu mẫu",
    "missing-row": "Thiếu dòng",
    "duplicate-row": "Dòng bị trùng",
    "unexpected-row": "Dòng không thuộc biểu mẫu",
    "text-in-number-cell": "Chữ trong ô số",
    "excel-error": "Ô báo lỗi công thức",
    "negative-number": "Số âm",
    "not-whole-number": "Không phải số nguyên",
    "invalid-choice": "Giá trị ngoài danh sách",
    "numerator-exceeds-denominator": "Tử số lớn hơn mẫu số",
    "share-over-100": "Tỷ lệ vượt 100%",
    "ambiguous-separator": "Dấu phân cách chưa rõ",
    "ambiguous-percent": "Tỷ lệ phần trăm chưa rõ",
    "out-of-range": "Ngoài khoảng hợp lý",
    "zero-denominator": "Mẫu số bằng 0",
    "missing-value": "Chưa nhập số liệu",
    "formula-mismatch": "Ô công thức bị sửa",
    "jump-from-last-year": "Thay đổi bất thường",
    "missing-report-date": "Thiếu ngày báo cáo",
    "invalid-report-date": "Ngày báo cáo sai",
    "not-a-plan-book": "Không phải tệp kế hoạch",
    "plan-book-cell": "Ô sai trong tệp kế hoạch",
    "plan-book-sheet": "Trang sai trong tệp kế hoạch",
    "plan-book-plan": "Kế hoạch chưa đúng",
}


OTHER_FORM = "Chỉ tiêu đó do cơ quan khác (hoặc cấp khác) báo cáo."


def elsewhere(plan, series: str, agency: str, year: int) -> str:
    """Why a series' row does not belong on ``agency``'s form of ``year``: the agency leading it then
    and whose form carries it (a lead change), else :data:`OTHER_FORM`."""
    found = next((s for s in plan.series if s.code == series), None)
    return (series_moved(plan, found, agency, year) if found else "") or OTHER_FORM


def labelled(code: str) -> str:
    """A code as people read it: ``Chữ trong ô số (text-in-number-cell)``."""
    return f"{LABELS[code]} ({code})"

SKIPPED_CODES = frozenset(code for code, entry in CATALOGUE.items() if entry.skipped)
# A form read, then not taken: it belongs to another plan, year, agency or reporting unit (a unit merged
# away, an agency whose duties passed on …). Shown as "Không nhận", never as a file that could not be read.
NOT_ACCEPTED_CODES = frozenset({"wrong-plan", "form-version-mismatch", "year-outside-period", "wrong-year",
                                "agency-not-reporting", "unit-not-reporting", "unknown-agency", "unknown-unit",
                                "wrong-agency"})
NOT_ACCEPTED_STATUS = "Không nhận"


def is_not_accepted(sub) -> bool:
    """A form bdg read but does not take (see :data:`NOT_ACCEPTED_CODES`)."""
    return not sub.readable and any(p.code in NOT_ACCEPTED_CODES for p in sub.problems)


def skip_reason(code: str) -> str:
    """Why a file was not read, in a few words (for a summary line); "" for a code that reads the file."""
    return CATALOGUE[code].skipped


def severity(code: str) -> Severity:
    return CATALOGUE[code].severity


def make_problem(code: str, file: str | Path, *, sheet: str | None = None, cell: str | None = None,
                 series: str | None = None, value: object = None, other_cells: tuple[str, ...] = (),
                 **params) -> Problem:
    """A :class:`~bdg.submission.Problem` with its message filled from the catalogue."""
    entry = CATALOGUE[code]
    name = Path(file).name if file else ""
    shown = fmt_shown(value)
    fields = {"file": name, "sheet": sheet or "", "cell": cell or "", "series": series or "", "value": shown,
              **{k: fmt_shown(v) for k, v in params.items()}}
    for key in entry.years:
        fields[key] = fmt_year(params.get(key, value) if key != "value" else value)
    message = entry.template.format_map(_Missing(fields))
    return Problem(code=code, severity=entry.severity, message=message, file=str(file), sheet=sheet, cell=cell,
                   series=series, value=value, other_cells=tuple(other_cells))



class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"
