"""The "Bảng điều khiển" sheet: where a master workbook keeps the add-in's settings and results.

Settings are rows of *label | value | explanation*; a setting is found by its label text in
column A (never by position), so rows may be moved. Below them the macros write what their
last run did. The sheet is added to the open workbook the first time a macro needs it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from addin import bookio
from bdg.errors import BdgError
from bdg.plan import Plan

SHEET = "Bảng điều khiển"
TITLE = "BẢNG ĐIỀU KHIỂN — CÁC NÚT LỆNH BÌNH ĐẲNG GIỚI"
HEADER = ("Mục", "Giá trị", "Giải thích")
RESULT_TITLE = "KẾT QUẢ LẦN CHẠY GẦN NHẤT"
RESULT_ROWS = 40  # rows cleared below the result title before each run


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("master", "Sổ tổng hợp",
            "Đường dẫn đầy đủ đến sổ tổng hợp (.xlsx). Để trống nếu chính tệp này là sổ tổng hợp."),
    Setting("inbox", "Thư mục biểu mẫu đã nhận",
            "Thư mục chứa các biểu mẫu các cơ quan gửi về (dùng cho nút Tổng hợp)."),
    Setting("year", "Năm báo cáo",
            "Năm của số liệu cần đánh giá, báo cáo hoặc tạo biểu mẫu (một năm trong giai đoạn của kế hoạch)."),
    Setting("report_kind", "Loại báo cáo",
            "Hằng năm, Giữa kỳ hoặc Cuối kỳ. Để trống: báo cáo hằng năm."),
    Setting("out", "Thư mục kết quả",
            "Nơi ghi báo cáo và biểu mẫu. Để trống: thư mục chứa sổ tổng hợp."),
    Setting("agency", "Cơ quan (mã)",
            "Chỉ tạo biểu mẫu cho một cơ quan (mã trong trang Chỉ tiêu). Để trống: mọi cơ quan."),
    Setting("plan", "Tệp kế hoạch",
            "Thường để trống: dùng kế hoạch gắn trong sổ tổng hợp (hoặc kế hoạch kèm theo phần mềm khi chưa có "
            "sổ). Chỉ điền đường dẫn tệp kế hoạch (.xlsx hoặc .yaml) khi cần dùng tệp khác."),
)
_BY_KEY = {s.key: s for s in SETTINGS}
SETTING_KEYS = frozenset(_BY_KEY)


def place(key: str) -> str:
    """Where a setting is, in words, without its row: "mục 'Năm báo cáo' của trang 'Bảng điều khiển'"."""
    return f"mục '{_BY_KEY[key].label}' của trang '{SHEET}'"


class SettingError(BdgError):
    code = "setting"


@dataclass
class Control:
    """The settings read from a workbook's control sheet (empty when the sheet is missing)."""

    values: dict[str, object]
    rows: dict[str, int]  # key → 1-based row, for messages
    present: bool

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        return text or None

    def where(self, key: str) -> str:
        label = _BY_KEY[key].label
        if not self.present:  # the macro adds the sheet, with the settings in their usual rows
            row = 4 + [s.key for s in SETTINGS].index(key)
            return f"mục '{label}' (ô B{row}) của trang '{SHEET}' (vừa được thêm vào sổ này)"
        row = self.rows.get(key)
        cell = f" (ô B{row})" if row else ""
        return f"mục '{label}'{cell} của trang '{SHEET}'"

    def path(self, key: str) -> Path | None:
        text = self.text(key)
        return Path(text.strip('"')).expanduser() if text else None

    def year(self, required: bool = True, plan: Plan | None = None) -> int | None:
        """The year setting; ``plan`` gives the example and the range the messages name."""
        value = self.values.get("year")
        within = f" (từ {plan.period.start} đến {plan.period.end}, ví dụ {example_year(plan)})" if plan else ""
        if value in (None, ""):
            if required:
                raise SettingError(f"Chưa có năm báo cáo. Hãy điền năm{within} vào {self.where('year')} "
                                   "rồi bấm lại nút lệnh.")
            return None
        try:
            year = int(float(str(value).strip().replace(",", ".")))
        except ValueError:
            raise SettingError(f"Năm báo cáo '{value}' không phải là một năm. Hãy sửa {self.where('year')} "
                               f"thành một năm có bốn chữ số{within}.") from None
        if not 1900 < year < 2200:
            raise SettingError(f"Năm báo cáo '{value}' không hợp lệ. Hãy sửa {self.where('year')}{within}.")
        return year


def example_year(plan: Plan) -> int:
    """The year the add-in's texts give as an example: the plan's first milestone."""
    return min(plan.milestones) if plan.milestones else plan.period.start


def setting_help(setting: Setting, plan: Plan | None) -> str:
    """A setting's explanation, with an example taken from the plan in use."""
    if setting.key == "year" and plan is not None:
        return (f"Năm của số liệu cần đánh giá, báo cáo hoặc tạo biểu mẫu, từ {plan.period.start} đến "
                f"{plan.period.end} (ví dụ {example_year(plan)}).")
    return setting.help


def read(book) -> Control:
    """Read the control sheet's settings from the book's values (any engine)."""
    sheet = bookio.find_sheet(book, SHEET)
    if sheet is None:
        return Control({}, {}, False)
    return from_rows(bookio.values(sheet))


def from_rows(sheet_rows) -> Control:
    """The settings among a control sheet's rows of values (from any reader: xlwings, openpyxl…)."""
    labels = {_norm(s.label): s.key for s in SETTINGS}
    values: dict[str, object] = {}
    rows: dict[str, int] = {}
    for r, row in enumerate(sheet_rows, start=1):
        if not row:
            continue
        key = labels.get(_norm(row[0]))
        if key and key not in rows:
            rows[key] = r
            values[key] = row[1] if len(row) > 1 else None
    return Control(values, rows, True)


def ensure(book, control: Control, plan: Plan | None = None):
    """The control sheet, created with its labels when the workbook has none yet."""
    sheet, created = bookio.ensure_sheet(book, SHEET)
    if created:
        bookio.write_rows(sheet, "A1", template_rows(plan))
        sheet["A1"].font.bold = True
        bookio.bold(sheet, 3, len(HEADER))
        control.rows.update({s.key: 4 + i for i, s in enumerate(SETTINGS)})
        control.present = True
    return sheet


def template_rows(plan: Plan | None = None) -> list[list]:
    """A new control sheet from A1: title, header, one row per setting (value empty), result title.

    ``plan``: the plan in use, whose years the explanations give as examples.
    """
    rows: list[list] = [[TITLE, None, None], [None, None, None], list(HEADER)]
    rows += [[s.label, None, setting_help(s, plan)] for s in SETTINGS]
    rows += [[None, None, None], [RESULT_TITLE, None, None]]
    return rows


def _result_row(book) -> int:
    """The row under the result title (found by its text)."""
    sheet = bookio.find_sheet(book, SHEET)
    for r, row in enumerate(bookio.values(sheet) if sheet else [], start=1):
        if row and _norm(row[0]) == _norm(RESULT_TITLE):
            return r + 1
    return 4 + len(SETTINGS) + 2


def report(book, title: str, lines: list[str], *, ok: bool, plan: Plan | None = None) -> None:
    """Write a run's outcome under the result title of the control sheet (creating the sheet)."""
    control = read(book)
    first = _result_row(book) if control.present else 4 + len(SETTINGS) + 2
    sheet = ensure(book, control, plan)
    bookio.clear_rows(sheet, first, first + RESULT_ROWS, 2)
    stamp = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
    rows = [[f"{title} — {stamp}", "Thành công" if ok else "Không thực hiện được"]]
    rows += [[line] for line in lines[:RESULT_ROWS - 1]]
    bookio.write_rows(sheet, f"A{first}", rows)
    sheet.range((first, 1), (first, 2)).color = bookio.OK_FILL if ok else bookio.ERROR_FILL


def _norm(value) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""
