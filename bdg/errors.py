"""The one error boundary: errors meant for the user, their catalogue, and the translation of any exception.

An expected error is a :class:`BdgError` with a stable code (English kebab-case) and parameters;
its Vietnamese message says what is wrong, from :data:`CATALOGUE`. How to fix it depends on the
front door (an option on the command line, a cell of the control panel in Excel): an entry names
the setting concerned (``fix``), and each front door keeps its own hint per code
(``cli/hints.py``, ``addin/hints.py``). A message in the catalogue never names a command-line
option or a button.

:func:`translate` turns ANY exception into what a front door shows: a Vietnamese message, an exit
code and — for an unexpected error — the path of the log file holding its traceback
(:func:`bdg.errorlog.record`). With ``BDG_DEBUG=1`` an unexpected error is re-raised instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bdg import errorlog


@dataclass(frozen=True)
class Entry:
    template: str  # Vietnamese: what is wrong; placeholders are the error's parameters
    fix: str | None = None  # the setting a user changes to fix it: "plan", "year", "master", …


CATALOGUE: dict[str, Entry] = {
    # --- the master workbook ----------------------------------------------------------------------
    "master-missing": Entry("Không tìm thấy sổ tổng hợp '{master}'.", "master"),
    "master-unreadable": Entry("Không đọc được sổ tổng hợp '{master}': tệp hỏng hoặc không phải .xlsx. "
                               "Hãy khôi phục từ thư mục sao lưu (sao-luu) bên cạnh sổ.", "master"),
    "not-a-master": Entry("Tệp '{master}' không phải sổ tổng hợp của bdg (thiếu tên xác định '{name}').",
                          "master"),
    "master-exists": Entry("Sổ tổng hợp '{master}' đã có.", "force"),
    "master-changed-during-run": Entry("Sổ tổng hợp '{master}' đã được lưu lại (trong Excel hay chương trình khác) "
                                       "trong lúc đang tổng hợp, nên phần mềm không ghi đè để khỏi mất phần vừa lưu. "
                                       "Hãy đóng sổ trong Excel rồi tổng hợp lại: các biểu mẫu sẽ được đọc lại."),
    "master-not-xlsx": Entry("Sổ tổng hợp phải có đuôi .xlsx (đang là '{name}').", "master"),
    "master-plan-mismatch": Entry("Sổ tổng hợp '{master}' được lập theo kế hoạch '{found}', không phải kế hoạch "
                                  "đang dùng ('{expected}').", "plan"),
    # --- the plan a master carries ----------------------------------------------------------------
    "plan-not-embedded-unknown": Entry("Sổ tổng hợp '{master}' được lập theo kế hoạch '{plan_id}' nhưng chưa gắn tệp "
                                       "kế hoạch (sổ lập bằng phiên bản cũ), và phần mềm không kèm kế hoạch này.",
                                       "plan"),
    "plan-other-than-master": Entry("{place} được lập theo kế hoạch '{master_plan}', còn tệp '{plan_file}' là kế "
                                    "hoạch '{given_plan}'.", "plan"),
    "plan-differs-from-master": Entry("Tệp kế hoạch '{plan_file}' cùng mã '{plan_id}' nhưng khác nội dung với kế "
                                      "hoạch gắn trong {place}.", "plan"),
    "embedded-plan-damaged": Entry("Kế hoạch gắn trong {place} bị hỏng ({detail}): phải gắn lại kế hoạch từ tệp gốc."),
    "embedded-plan-invalid": Entry("Kế hoạch gắn trong {place} có lỗi:\n{detail}\nPhải gắn lại kế hoạch đúng."),
    "plan-update-other-id": Entry("Không đổi được kế hoạch của sổ: sổ tổng hợp '{master}' được lập theo kế hoạch "
                                  "'{master_plan}', còn tệp '{plan_file}' là kế hoạch '{given_plan}'. Chỉ sửa được "
                                  "kế hoạch đang dùng (giữ nguyên mã 'id'); kế hoạch khác cần một sổ tổng hợp mới."),
    "plan-export-exists": Entry("Tệp '{out}' đã có (có thể là bản đã xem lại)."),  # plan export and plan draft
    "plan-export-suffix": Entry("Tệp ghi ra '{out}' phải có đuôi .xlsx (kế hoạch dạng bảng tính) hoặc .yaml."),  # export, draft
    "plan-update-orphans": Entry("Kế hoạch mới sẽ bỏ rơi số liệu đã có trong sổ '{master}':\n{orphans}\nHãy sửa tệp "
                                 "kế hoạch (giữ các mã chỉ tiêu, đơn vị và giai đoạn đang có số liệu)."),
    # --- a decision's text, read to draft a plan (bdg plan draft) ---------------------------------
    "decision-missing": Entry("Không tìm thấy văn bản '{path}'. Hãy kiểm tra lại đường dẫn và tên tệp."),
    "decision-kind": Entry("Tệp '{path}' ({kind}) không phải loại văn bản đọc được: cần tệp Word .docx, PDF có "
                           "lớp chữ .pdf hoặc văn bản .txt. Hãy mở văn bản rồi lưu lại dưới dạng .docx."),
    "decision-unreadable": Entry("Không đọc được văn bản '{path}' ({detail}): tệp hỏng hoặc không đúng định dạng. "
                                 "Hãy mở tệp trong Word, lưu lại dưới dạng .docx (hoặc xuất .pdf) rồi chạy lại."),
    "decision-not-text": Entry("Tệp '{path}' không phải văn bản chữ (có vẻ là tệp nhị phân). Hãy dùng bản Word "
                               ".docx hoặc bản PDF của văn bản."),
    "decision-too-large": Entry("Văn bản '{path}' quá lớn ({size}; giới hạn {limit}). Hãy chỉ giữ phần Quyết "
                                "định, Kế hoạch và Phụ lục rồi chạy lại."),
    "decision-no-text": Entry("Văn bản '{path}' không có chữ đọc được (bản PDF chụp, scan?). Hãy dùng bản Word "
                              ".docx hoặc bản PDF có lớp chữ."),
    "decision-no-targets": Entry("Không tìm thấy mục tiêu và chỉ tiêu nào trong '{path}': văn bản cần có phần "
                                 "\"Mục tiêu cụ thể\" với các dòng \"1. …\" hoặc \"Mục tiêu 1: …\" và \"- Chỉ tiêu 1: "
                                 "…\". Hãy kiểm tra đó là văn bản Kế hoạch (không phải công văn gửi kèm)."),
    # --- what to work on ----------------------------------------------------------------------------
    "year-outside-period": Entry("Năm {year} nằm ngoài giai đoạn của kế hoạch ({start}–{end}).", "year"),
    "no-forms-found": Entry("Không tìm thấy biểu mẫu nào để đọc (thư mục trống, hoặc chỉ có tệp hệ thống và tệp "
                            "riêng của phần mềm) trong: {paths}.", "inbox"),
    "agency-not-lead": Entry("Cơ quan '{agency}' không chủ trì chỉ tiêu nào của kế hoạch trong năm {year}.{moved} "
                             "Các mã hợp lệ: {codes}.", "agency"),
    # --- the report -------------------------------------------------------------------------------
    "report-kind-invalid": Entry("Loại báo cáo '{kind}' không hợp lệ.", "report_kind"),
    "report-year-missing": Entry("Cần chọn năm báo cáo (trong giai đoạn {start}–{end}).", "year"),
    "midterm-without-milestone": Entry("Kế hoạch không có mốc giữa kỳ nên không lập được báo cáo sơ kết.",
                                       "report_kind"),
    "midterm-year": Entry("Báo cáo sơ kết lập tại một mốc giữa kỳ của kế hoạch ({milestones}), "
                          "không phải năm {year}.", "year"),
    "final-year": Entry("Báo cáo tổng kết lập cho cả giai đoạn {start} - {end}, không phải năm {year}.", "year"),
    "report-format-invalid": Entry("Định dạng '{formats}' không hợp lệ. Chọn trong: docx, pdf, html.", "format"),
    "report-template-missing": Entry("Không tìm thấy mẫu báo cáo '{template}'."),
    "report-template-not-docx": Entry("Mẫu báo cáo '{template}' phải là tệp Word .docx (không dùng .doc hay .dotx)."),
    "report-template-unreadable": Entry("Không mở được mẫu báo cáo '{template}': tệp hỏng hoặc không phải .docx."),
    "report-template-unknown-field": Entry("Mẫu báo cáo '{template}' dùng một mục không có trong báo cáo "
                                           "({detail}). Các mục có sẵn: {fields}."),
    "report-template-syntax": Entry("Mẫu báo cáo '{template}' có thẻ sai: {detail}. "
                                    "Kiểm tra các cặp {{{{ }}}} và {{% %}} trong mẫu."),
    "report-output-locked": Entry("Không ghi được '{path}': tệp đang mở trong Word? Hãy đóng tệp rồi chạy lại."),
    "html-template-missing": Entry("Không tìm thấy mẫu HTML '{template}'."),
    "html-template-error": Entry("Mẫu HTML '{template}' có lỗi: {detail}."),
    "report-settings-missing": Entry("Không tìm thấy tệp thiết lập báo cáo '{path}'."),
    "report-settings-not-yaml": Entry("Tệp thiết lập báo cáo '{path}' không đúng định dạng YAML: {detail}"),
    "report-settings-not-mapping": Entry("Tệp thiết lập báo cáo '{path}' phải là các dòng 'tên: giá trị'."),
    "report-settings-unknown": Entry("Tệp thiết lập báo cáo '{path}' có mục không dùng được: {unknown}. "
                                     "Các mục hợp lệ: {fields}."),
    "report-settings-invalid": Entry("Tệp thiết lập báo cáo '{path}' có giá trị sai ({detail})."),
}

GENERIC_CODE = "message"  # a BdgError built from free text (subclasses may name their own code)


class BdgError(Exception):
    """An error meant for the user: ``BdgError(code="…", **params)`` (or free text, for older call sites).

    ``message`` is the Vietnamese text of what is wrong; a front door adds how to fix it
    (:func:`translate` with its ``hint``).
    """

    code = GENERIC_CODE
    exit_code = 2

    def __init__(self, message: str | None = None, /, *, code: str | None = None, **params: object):
        if code is not None:
            self.code = code
            message = CATALOGUE[code].template.format(**params)
        elif message is None:
            raise TypeError("BdgError needs a message or a catalogue code")
        super().__init__(message)
        self.message = message
        self.params = params

    @property
    def fix(self) -> str | None:
        entry = CATALOGUE.get(self.code)
        return entry.fix if entry else None

    def __str__(self) -> str:
        return self.message


# --- the boundary: any exception → what a front door shows ------------------------------------------

INTERRUPTED = "Đã dừng theo yêu cầu."
EXIT_INTERRUPTED = 130
EXIT_FAILED = 2


@dataclass(frozen=True)
class Translation:
    message: str  # Vietnamese, one paragraph
    exit_code: int
    log: Path | None = None  # the traceback's file, for an unexpected error

    @property
    def unexpected(self) -> bool:
        return self.log is not None


Hint = Callable[[BdgError], "str | None"]


def translate(exc: BaseException, *, hint: Hint | None = None, context: str = "") -> Translation:
    """The Vietnamese message, exit code and (unexpected errors only) log path for ``exc``.

    ``hint(err)`` is the front door's "how to fix it" for a :class:`BdgError`. An unexpected
    error's traceback is written with :func:`bdg.errorlog.record` (``context``: the command or
    macro); with ``BDG_DEBUG=1`` it is re-raised instead.
    """
    if isinstance(exc, BdgError):
        extra = hint(exc) if hint is not None else None
        return Translation(f"{exc.message} {extra}" if extra else exc.message, exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        return Translation(INTERRUPTED, EXIT_INTERRUPTED)
    if isinstance(exc, PermissionError):
        return Translation(f"Không đọc hoặc ghi được tệp '{_filename(exc)}': tệp đang mở trong Excel (hoặc Word), "
                           "hoặc không có quyền truy cập. Hãy đóng tệp, kiểm tra quyền truy cập rồi làm lại.",
                           EXIT_FAILED)
    if isinstance(exc, FileNotFoundError):
        return Translation(f"Không tìm thấy tệp hoặc thư mục '{_filename(exc)}'. Hãy kiểm tra lại đường dẫn.",
                           EXIT_FAILED)
    if errorlog.debug_enabled():
        raise exc
    log = errorlog.record(exc, context)
    return Translation(f"Lỗi không mong đợi ({type(exc).__name__}: {exc}). Chi tiết lỗi đã được ghi vào tệp "
                       f"'{log}': hãy gửi tệp này cùng tệp đang dùng cho bộ phận kỹ thuật.", EXIT_FAILED, log)


def _filename(exc: OSError) -> str:
    return str(exc.filename or exc.filename2 or "")
