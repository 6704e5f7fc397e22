"""The plan workbook, declared once: its sheets, their columns and the closed choices of each.

The writer (:mod:`templates.plan_book.write`) writes what is declared here and the reader
(:mod:`templates.plan_book.read`) finds it again by the same keys, so the two cannot drift.

How the reader finds things (never by position): every table sheet has a hidden *column-key row*
whose first cell holds :data:`COLUMNS_MARKER` and whose other cells name each column
(``bdg:col:lead``…); a row belongs to the table when any of its declared cells is filled. Rows of
the child tables (variants, inputs, derivations, lead changes, renames) name their parent by its
code in a cell. The "Kế hoạch" sheet holds ``field | label | value`` rows keyed by the hidden
first column (``decision.number``…). Inserted, moved or sorted rows and columns change nothing.

A value to check is written in the row's "Cần xem lại" cell as ``<column header>: <why>`` (one
line per cell); the reader turns each line back into a mark on that cell's field.
"""

from __future__ import annotations

from dataclasses import dataclass

from bdg.organisation import LEVEL_LABELS
from bdg.plan import DIRECTION_LABELS

PLAN_BOOK_KIND = "bdg-plan-book"
PLAN_BOOK_VERSION = 1

GUIDE_SHEET = "Hướng dẫn"
META_SHEET = "bdg_meta"
LISTS_SHEET = "bdg_lists"
META_MARKER = "bdg:meta"
COLUMNS_MARKER = "bdg:columns"
FIELDS_MARKER = "bdg:fields"
COL_PREFIX = "bdg:col:"

REVIEW = "review"  # the column (or field cell) listing what a person should check
SOURCE = "source_text"  # the sentences of the decision a row's values were taken from
REVIEW_HEADER = "Cần xem lại"
SOURCE_HEADER = "Nguồn trong văn bản"
WHOLE_ROW = "Cả dòng"  # a review line about the whole row
TO_FILL_REASON = "giá trị tạm, tỉnh phải tự điền"

FIRST_DATA_ROW = 2  # 0-based: row 0 holds the column keys (hidden), row 1 the headings
MAX_ROWS = 2000  # rows a dropdown list reaches on the sheet it lists

# --- closed choices: what a cell shows → what the plan stores ----------------------------------
YES_NO = {"có": True, "không": False}
DIRECTIONS = {label: d.value for d, label in DIRECTION_LABELS.items()}
LEVELS = {label: level for level, label in LEVEL_LABELS.items()}
SOURCES = {"văn bản": "text", "phụ lục": "annex"}
INPUT_KINDS = {"số nguyên": "count", "số thập phân": "decimal", "chọn từ danh sách": "choice"}
DERIVATION_KINDS = {"tỷ lệ": "share", "mức giảm": "reduction", "trực tiếp": "direct"}
OWNERS = {"cơ quan": "agencies", "đơn vị": "units"}

# a column's kind says how a cell is read: text, int, year (an int within the plan's period), number,
# value (a number, else text), date, bool (có/không), choice (from ``choices``), codes (comma-separated),
# years (comma-separated), lines (one per line)


@dataclass(frozen=True)
class Column:
    key: str  # the field inside the row's item, dotted for nested ones: "baseline.value"
    header: str
    width: float
    kind: str = "text"
    prompt: str = ""  # the input message Excel shows on the cell (≤ 255 characters)
    choices: dict | None = None  # for kind "choice": label shown → value stored
    dropdown: str | None = None  # codes listed on another sheet: "agencies", "objectives", "series"

    @property
    def path(self) -> tuple:
        return tuple(int(p) if p.isdigit() else p for p in self.key.split("."))


@dataclass(frozen=True)
class Table:
    name: str  # the sheet's name (≤ 31 characters)
    title: str  # what the sheet holds, for the Hướng dẫn sheet
    columns: tuple[Column, ...]
    parent: str | None = None  # the column naming the parent item ("series", "owner"…), if a child table
    landscape: bool = True

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True)
class Field:
    key: str  # dotted path from the plan's root: "decision.number"
    label: str
    kind: str = "text"
    prompt: str = ""
    choices: dict | None = None
    dropdown: str | None = None

    @property
    def path(self) -> tuple:
        return tuple(self.key.split("."))


def _agency(key: str, header: str, prompt: str, width: float = 14) -> Column:
    return Column(key, header, width, "text", prompt, dropdown="agencies")


# --- the "Kế hoạch" sheet: one value per field -------------------------------------------------
PLAN_SHEET = "Kế hoạch"
FIELDS: tuple[Field, ...] = (
    Field("id", "Mã kế hoạch (id)", prompt="Mã ngắn, không dấu, không khoảng trắng (ví dụ bk-bdg-2021-2030). "
                                           "Sổ tổng hợp và biểu mẫu nhận kế hoạch bằng mã này."),
    Field("name", "Tên kế hoạch"),
    Field("province", "Tỉnh"),
    Field("decision.kind", "Loại văn bản", prompt="Quyết định, Kế hoạch…; để trống: suy ra từ ký hiệu số "
                                                  "(QĐ, KH)."),
    Field("decision.number", "Số văn bản", prompt="Ví dụ 1234/QĐ-UBND."),
    Field("decision.date", "Ngày ban hành", "date", "Ngày/tháng/năm, ví dụ 31/12/2021."),
    Field("decision.issuer", "Cơ quan ban hành"),
    Field("decision.title", "Trích yếu văn bản"),
    Field("period.start", "Năm bắt đầu giai đoạn", "int"),
    Field("period.end", "Năm kết thúc giai đoạn", "int"),
    Field("milestones", "Các mốc đánh giá (năm)", "years",
          "Các năm mốc, cách nhau bằng dấu phẩy (ví dụ 2025, 2030). Trang Mốc chỉ tiêu có một nhóm cột cho mỗi mốc."),
    Field("baseline_year", "Năm gốc (số liệu gốc)", "int"),
    Field("coordinator", "Cơ quan tổng hợp (mã)", prompt="Mã cơ quan thường trực tổng hợp báo cáo, chọn từ "
                                                         "trang Cơ quan.", dropdown="agencies"),
    Field("report_deadline.day", "Hạn báo cáo hằng năm: ngày", "int"),
    Field("report_deadline.month", "Hạn báo cáo hằng năm: tháng", "int"),
    Field("form_version", "Phiên bản biểu mẫu", "int",
          "Tăng thêm 1 khi đổi cấu trúc biểu mẫu giữa chừng (biểu cũ sẽ bị từ chối)."),
    Field("report.parent_body", "Báo cáo: cơ quan chủ quản (dòng trên)"),
    Field("report.issuing_body", "Báo cáo: cơ quan ban hành báo cáo"),
    Field("report.number_suffix", "Báo cáo: ký hiệu số (ví dụ /BC-SLĐTBXH)"),
    Field("report.place", "Báo cáo: địa danh"),
    Field("report.signer_title", "Báo cáo: thẩm quyền ký (KT. GIÁM ĐỐC…)"),
    Field("report.signer_role", "Báo cáo: chức vụ người ký"),
    Field("report.signer_name", "Báo cáo: họ và tên người ký"),
    Field("report.recipients", "Báo cáo: nơi nhận (mỗi nơi một dòng)", "lines",
          "Mỗi nơi nhận một dòng (Alt+Enter để xuống dòng trong ô)."),
)
# the report block's texts may be empty (no signer's role…): a blank cell there is "" once the block has a value
EMPTY_TEXT_OK = ("report.parent_body", "report.issuing_body", "report.number_suffix", "report.place",
                 "report.signer_title", "report.signer_role", "report.signer_name")
FIELD_COLUMNS = ("field", "label", "value", REVIEW, SOURCE)
FIELD_WIDTHS = {"label": 40, "value": 62, REVIEW: 34, SOURCE: 34}
FIELD_HEADERS = {"label": "Mục", "value": "Giá trị", REVIEW: REVIEW_HEADER, SOURCE: SOURCE_HEADER}

_CODE_PROMPT = "Mã ngắn, không dấu (ví dụ SYT). Các trang khác gọi cơ quan bằng mã này."
_YEAR_FROM = "Năm báo cáo đầu tiên (để trống: từ đầu giai đoạn)."
_YEAR_UNTIL = "Năm báo cáo cuối cùng (để trống: đến hết giai đoạn)."

AGENCIES = Table("Cơ quan", "các cơ quan (mã, tên, tên ngắn, thời gian hoạt động, cơ quan kế nhiệm)", (
    Column("code", "Mã cơ quan", 12, prompt=_CODE_PROMPT),
    Column("name", "Tên cơ quan", 40),
    Column("short", "Tên ngắn", 18, prompt="Tên ngắn dùng trong bảng (để trống: như tên)."),
    Column("from", "Từ năm", 9, "year", _YEAR_FROM),
    Column("until", "Đến năm", 9, "year", _YEAR_UNTIL),
    _agency("successor", "Cơ quan kế nhiệm", "Mã cơ quan nhận nhiệm vụ sau năm 'Đến năm' (chọn từ danh sách)."),
))
UNITS = Table("Đơn vị", "các đơn vị báo cáo (tỉnh, huyện, xã), thời gian báo cáo và đơn vị kế nhiệm", (
    Column("code", "Mã đơn vị", 12, prompt="Mã ngắn, không dấu (ví dụ TINH, HUYEN1)."),
    Column("name", "Tên đơn vị", 36),
    Column("level", "Cấp", 12, "choice", "Chọn cấp tỉnh, cấp huyện hoặc cấp xã. Cần đúng một đơn vị cấp tỉnh.",
           choices=LEVELS),
    Column("from", "Từ năm", 9, "year", _YEAR_FROM),
    Column("until", "Đến năm", 9, "year", _YEAR_UNTIL),
    Column("successors", "Đơn vị kế nhiệm", 22, "codes",
           "Mã các đơn vị sáp nhập vào hoặc chia thành, cách nhau bằng dấu phẩy."),
))
RENAMES = Table("Đổi tên", "các lần đổi tên cơ quan hoặc đơn vị (từ năm nào, tên mới)", (
    Column("owner", "Loại", 11, "choice", "Cơ quan hay đơn vị được đổi tên.", choices=OWNERS),
    Column("code", "Mã", 12, prompt="Mã cơ quan (trang Cơ quan) hoặc mã đơn vị (trang Đơn vị)."),
    Column("year", "Từ năm", 9, "year", "Năm báo cáo đầu tiên dùng tên mới."),
    Column("name", "Tên mới", 40),
    Column("short", "Tên ngắn mới", 18, prompt="Chỉ cho cơ quan; để trống nếu không đổi."),
), parent="code")
OBJECTIVES = Table("Mục tiêu", "các mục tiêu của kế hoạch", (
    Column("number", "Số mục tiêu", 9, "int", "Số thứ tự của mục tiêu trong văn bản (1, 2, 3…)."),
    Column("title", "Tên mục tiêu", 50),
    Column("annex_title", "Tên trong Phụ lục (nếu khác)", 30),
    Column("coordinating", "Cơ quan phối hợp (mã)", 20, "codes",
           "Mã các cơ quan phối hợp, cách nhau bằng dấu phẩy (trang Cơ quan)."),
    Column("coordinating_text", "Cơ quan phối hợp (như văn bản ghi)", 30),
    Column("note", "Ghi chú", 30),
))
SERIES = Table("Chỉ tiêu", "các chỉ tiêu (dãy số liệu): tên, đơn vị tính, cách so với chỉ tiêu, cơ quan chủ trì, "
                           "số liệu gốc", (
    Column("code", "Mã chỉ tiêu", 9, prompt="Theo số thứ tự trong văn bản: mục tiêu.chỉ tiêu (1.1), thêm chữ "
                                            "khi một chỉ tiêu có nhiều dãy số liệu (1.1a, 1.1b)."),
    Column("objective", "Mục tiêu", 8, "int", "Số mục tiêu (trang Mục tiêu).", dropdown="objectives"),
    Column("target_no", "Chỉ tiêu số", 8, "int", "Số thứ tự chỉ tiêu trong mục tiêu."),
    Column("name", "Tên chỉ tiêu", 44),
    Column("unit", "Đơn vị tính", 10, prompt="Ví dụ %, lần, người, /100.000 trẻ đẻ sống."),
    Column("direction", "Cách đánh giá", 18, "choice", "Số liệu so với chỉ tiêu thế nào: đạt ít nhất, không vượt "
                                                       "quá, mỗi giới đạt ít nhất, giảm ít nhất so với năm gốc, "
                                                       "định tính.", choices=DIRECTIONS),
    _agency("lead", "Cơ quan chủ trì", "Mã cơ quan chủ trì, chọn từ trang Cơ quan."),
    Column("coordinating", "Cơ quan phối hợp", 16, "codes", "Mã các cơ quan phối hợp, cách nhau bằng dấu phẩy."),
    Column("baseline.value", "Số liệu gốc", 11, "value", "Giá trị năm gốc (số; hoặc chữ nếu là nhận định)."),
    Column("baseline.period", "Gốc (thời kỳ)", 12, prompt="Ví dụ: năm 2020, giai đoạn 2016-2020."),
    Column("baseline.year", "Gốc (năm)", 8, "int"),
    Column("baseline.source", "Gốc (nguồn)", 18),
    Column("in_force", "Theo", 10, "choice", "Chỉ tiêu đánh giá theo nội dung văn bản hay theo Phụ lục (khi hai "
                                             "nơi ghi khác nhau). Để trống: văn bản.", choices=SOURCES),
    Column("range.min", "Hợp lý từ", 9, "number", "Giá trị nhỏ nhất hợp lý (kiểm tra số liệu nộp về)."),
    Column("range.max", "Hợp lý đến", 9, "number", "Giá trị lớn nhất hợp lý."),
    Column("by_district", "Theo đơn vị cấp dưới", 10, "bool", "có: mỗi huyện/xã báo cáo riêng; không: cả tỉnh.",
           choices=YES_NO),
    Column("percent", "Là tỷ lệ %", 8, "bool", "có: giá trị là tỷ lệ phần trăm.", choices=YES_NO),
    Column("note", "Ghi chú", 24),
))
VARIANTS = Table("Mốc chỉ tiêu", "chỉ tiêu từng mốc theo văn bản và theo Phụ lục (khi khác nhau)", (
    Column("series", "Mã chỉ tiêu", 9, prompt="Mã chỉ tiêu (trang Chỉ tiêu).", dropdown="series"),
    Column("source", "Theo", 10, "choice", "văn bản: nội dung Kế hoạch; phụ lục: bảng Phụ lục (nếu khác).",
           choices=SOURCES),
    Column("wording", "Văn bản ghi", 44, prompt="Câu chỉ tiêu như văn bản ghi."),
    Column("note", "Ghi chú khác biệt", 20),
), parent="series")
TARGET_PARTS = (  # the columns of each milestone on the VARIANTS sheet
    ("value", "Chỉ tiêu {m}", 10, "value", "Giá trị chỉ tiêu năm {m} (số; hoặc chữ cho chỉ tiêu định tính). "
                                           "Để trống: không đặt chỉ tiêu cho mốc này."),
    ("strict", "Trên/dưới {m}", 9, "bool", "có: văn bản ghi 'trên'/'dưới' (không tính bằng); không: 'ít nhất', "
                                            "'không quá'."),
    ("wording", "Văn bản ghi {m}", 16, "text", "Cách văn bản ghi chỉ tiêu mốc này, nếu khác số (ví dụ 'khoảng 60%')."),
)
INPUTS = Table("Số liệu nhập", "các số liệu đầu vào cơ quan chủ trì nhập trên biểu mẫu", (
    Column("series", "Mã chỉ tiêu", 9, prompt="Mã chỉ tiêu (trang Chỉ tiêu).", dropdown="series"),
    Column("key", "Khóa", 16, prompt="Tên ngắn không dấu của số liệu (ví dụ women, total); công thức ở trang "
                                     "Cách tính dùng khóa này."),
    Column("label", "Tên số liệu trên biểu mẫu", 50),
    Column("kind", "Loại", 16, "choice", "số nguyên (đếm), số thập phân, hoặc chọn từ danh sách.", choices=INPUT_KINDS),
    Column("choices", "Danh sách chọn", 30, "lines", "Chỉ cho loại 'chọn từ danh sách': mỗi lựa chọn một dòng."),
), parent="series")
DERIVATIONS = Table("Cách tính", "cách tính giá trị mỗi chỉ tiêu từ số liệu nhập", (
    Column("series", "Mã chỉ tiêu", 9, prompt="Mã chỉ tiêu (trang Chỉ tiêu).", dropdown="series"),
    Column("kind", "Cách tính", 12, "choice", "tỷ lệ: tử số / mẫu số × hệ số; mức giảm: (gốc − hiện tại) / gốc × "
                                              "100; trực tiếp: lấy luôn số liệu nhập.",
           choices=DERIVATION_KINDS),
    Column("numerator", "Tử số (khóa)", 14),
    Column("denominator", "Mẫu số (khóa)", 14),
    Column("scale", "Hệ số", 9, "number", "Để trống: 100 (phần trăm); 1 cho tỷ số; 100000 cho /100.000."),
    Column("current", "Hiện tại (khóa)", 14),
    Column("baseline", "Năm gốc (khóa)", 14),
    Column("input", "Số liệu (khóa)", 14),
), parent="series")
LEAD_CHANGES = Table("Đổi chủ trì", "từ năm nào một chỉ tiêu do cơ quan khác chủ trì", (
    Column("series", "Mã chỉ tiêu", 9, prompt="Mã chỉ tiêu (trang Chỉ tiêu).", dropdown="series"),
    Column("year", "Từ năm", 9, "year", "Năm báo cáo đầu tiên áp dụng thay đổi."),
    _agency("agency", "Cơ quan chủ trì mới", "Mã cơ quan, chọn từ trang Cơ quan."),
), parent="series", landscape=False)
REPORT_CHANGES = Table("Thay đổi báo cáo", "thay đổi phần đầu và phần ký của báo cáo từ một năm", (
    Column("year", "Từ năm", 9, "year", "Năm báo cáo đầu tiên áp dụng thay đổi."),
    Column("parent_body", "Cơ quan chủ quản", 22),
    Column("issuing_body", "Cơ quan ban hành báo cáo", 24),
    Column("number_suffix", "Ký hiệu số", 14),
    Column("place", "Địa danh", 14),
    Column("signer_title", "Thẩm quyền ký", 16),
    Column("signer_role", "Chức vụ", 16),
    Column("signer_name", "Người ký", 18),
    Column("recipients", "Nơi nhận (mỗi nơi một dòng)", 30, "lines"),
))
TABLES: tuple[Table, ...] = (AGENCIES, UNITS, RENAMES, OBJECTIVES, SERIES, VARIANTS, INPUTS, DERIVATIONS,
                             LEAD_CHANGES, REPORT_CHANGES)

# where each table's items live in the plan ("owner" rows go to agencies or units by their kind)
TABLE_PATHS = {AGENCIES.name: ("agencies",), UNITS.name: ("units",), OBJECTIVES.name: ("objectives",),
               SERIES.name: ("series",), REPORT_CHANGES.name: ("report", "changes")}
CHILD_FIELDS = {VARIANTS.name: "variants", INPUTS.name: "inputs", LEAD_CHANGES.name: "lead_changes",
                RENAMES.name: "renamed"}
# the derivation is one mapping per series, not a list
SINGLE_CHILD = {DERIVATIONS.name: "derivation"}


def target_columns(milestones: list[int]) -> tuple[Column, ...]:
    return tuple(Column(f"targets.{m}.{part}", header.format(m=m), width, kind, prompt.format(m=m),
                        choices=YES_NO if kind == "bool" else None)
                 for m in milestones for part, header, width, kind, prompt in TARGET_PARTS)


def columns_of(table: Table, milestones: list[int]) -> tuple[Column, ...]:
    """The table's columns as written (the variants sheet has a group of columns per milestone)."""
    if table.name != VARIANTS.name:
        return table.columns
    return table.columns[:3] + target_columns(milestones) + table.columns[3:]


def column_key(key: str) -> str:
    return f"{COL_PREFIX}{key}"


def parse_column_key(text: object) -> str | None:
    if isinstance(text, str) and text.startswith(COL_PREFIX):
        return text[len(COL_PREFIX):]
    return None


def target_column(key: str) -> tuple[int, str] | None:
    """``"targets.2025.value"`` → ``(2025, "value")``; None for any other column."""
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "targets" and parts[1].isdigit() and parts[2] in {p[0] for p in TARGET_PARTS}:
        return int(parts[1]), parts[2]
    return None
