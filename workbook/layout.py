"""Sheet layouts of the master workbook — the one source of truth for writers and readers.

A layout names a sheet and its columns: an English ``key`` for code and a Vietnamese
``header`` for people. Writers put the headers in one row; readers find that row and
each column by its header text (:func:`locate`), never by position, so a user may sort,
filter, insert rows or move columns without breaking anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bdg.errors import BdgError


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float = 14
    number_format: str | None = None
    wrap: bool = False


@dataclass(frozen=True)
class SheetLayout:
    key: str
    name: str  # the sheet's tab name, in Vietnamese
    title: str  # the sheet's first-row title
    columns: tuple[Column, ...] = field(default_factory=tuple)
    header_row: int = 3  # 1-based row of the Vietnamese headers when written
    # the leading columns a person reads on paper (the print area); the technical ones after them
    # (hashes, record ids, source cells) stay on screen only. None: every column.
    print_columns: int | None = None

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def col_index(self, key: str) -> int:
        """1-based column index as *written* (readers must use :func:`locate`)."""
        return self.keys.index(key) + 1


class LayoutError(BdgError):
    """A sheet whose header row cannot be found: the user broke or removed it."""


def locate(rows: list[list], layout: SheetLayout, required: tuple[str, ...] | None = None,
           scan: int = 30) -> tuple[int, dict[str, int]]:
    """Find the header row and the 0-based column of every key in a sheet's values.

    ``rows`` are the sheet's cell values (as calamine or openpyxl return them).
    Returns ``(header_row_index_0_based, {key: column_index_0_based})``; columns whose
    header is missing are left out unless ``required`` names them.
    """
    headers = {_norm(c.header): c.key for c in layout.columns}
    need = set(required if required is not None else layout.keys)
    best: tuple[int, dict[str, int]] | None = None
    for r, row in enumerate(rows[:scan]):
        found = {}
        for c, value in enumerate(row):
            key = headers.get(_norm(value))
            if key and key not in found:
                found[key] = c
        if found and (best is None or len(found) > len(best[1])):
            best = (r, found)
    if best is None or not need <= set(best[1]):
        missing = sorted(need - set(best[1] if best else {}))
        names = ", ".join(f"'{layout.column(k).header}'" for k in missing)
        raise LayoutError(
            f"Trang tính '{layout.name}' thiếu cột tiêu đề {names}. "
            "Đừng xóa hoặc đổi tên các ô tiêu đề; nếu lỡ xóa, hãy khôi phục từ bản sao lưu."
        )
    return best


def _norm(value) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""


# --- the master workbook's sheets ---------------------------------------------------------

GUIDE = SheetLayout("guide", "Hướng dẫn", "HƯỚNG DẪN SỬ DỤNG SỔ TỔNG HỢP")

CATALOGUE = SheetLayout(
    "catalogue",
    "Chỉ tiêu",
    "DANH MỤC MỤC TIÊU, CHỈ TIÊU",
    (
        Column("stt", "STT", 6),
        Column("code", "Mã chỉ tiêu", 9, wrap=True),
        Column("name", "Mục tiêu / Chỉ tiêu", 44, wrap=True),
        Column("unit", "Đơn vị tính", 12, wrap=True),
        Column("direction", "Cách đánh giá", 12, wrap=True),
        Column("baseline", "Số liệu gốc", 12, wrap=True),
        # milestone columns ("target_<year>") are inserted here by the builder from the plan
        Column("in_force", "Căn cứ áp dụng", 12, wrap=True),
        Column("annex", "Phụ lục ghi", 16, wrap=True),
        Column("difference", "Khác biệt giữa Phụ lục và văn bản", 26, wrap=True),
        Column("lead", "Cơ quan chủ trì", 16, wrap=True),
        Column("coordinating", "Cơ quan phối hợp", 22, wrap=True),
    ),
    header_row=4,
)

# One row per reported value: what a person reads first (and prints), then the raw inputs and the
# provenance. Input columns ("input_1".."input_N") follow "unit_code".
DATA = SheetLayout(
    "data",
    "Số liệu",
    "SỐ LIỆU BÁO CÁO (MỖI DÒNG MỘT GIÁ TRỊ)",
    (
        Column("code", "Mã chỉ tiêu", 9),
        Column("series_name", "Tên chỉ tiêu", 34, wrap=True),
        Column("series_unit", "Đơn vị tính", 10, wrap=True),
        Column("year", "Năm", 7, "0"),
        Column("unit_name", "Đơn vị báo cáo", 16, wrap=True),
        Column("agency", "Cơ quan báo cáo", 12, wrap=True),
        Column("inputs_desc", "Số liệu đầu vào", 36, wrap=True),
        Column("value", "Giá trị", 11, "#,##0.00", wrap=True),  # a qualitative value is text
        Column("status", "Trạng thái", 12, wrap=True),
        Column("flags", "Cảnh báo", 28, wrap=True),
        Column("report_date", "Ngày báo cáo", 12, "dd/mm/yyyy"),
        # on screen only
        Column("record_id", "Mã bản ghi", 18),
        Column("unit_code", "Mã đơn vị", 15),
        Column("input_1", "Đầu vào 1", 11, "General"),
        Column("input_2", "Đầu vào 2", 11, "General"),
        Column("input_3", "Đầu vào 3", 11, "General"),
        Column("data_source", "Nguồn số liệu", 20, wrap=True),
        Column("note", "Ghi chú", 20, wrap=True),
        Column("resolution", "Xử lý khi tổng hợp", 36, wrap=True),  # tie, missing date, conflict
        Column("received_at", "Thời điểm nhận", 18, "dd/mm/yyyy hh:mm"),
        Column("source_file", "Tệp nguồn", 24),
        Column("source_cell", "Ô nguồn", 16),
        Column("sha256", "SHA-256 tệp", 18),
    ),
    print_columns=11,
)

NARRATIVES = SheetLayout(
    "narratives",
    "Thuyết minh",
    "THUYẾT MINH CỦA CÁC CƠ QUAN (KẾT QUẢ, KHÓ KHĂN, KIẾN NGHỊ)",
    (
        Column("year", "Năm", 7, "0"),
        Column("agency", "Cơ quan báo cáo", 14),
        Column("unit_code", "Mã đơn vị", 15),
        Column("objective", "Mục tiêu", 9, "0"),
        Column("kind", "Nội dung", 18),
        Column("text", "Thuyết minh", 80, wrap=True),
        Column("status", "Trạng thái", 13),
        Column("source_file", "Tệp nguồn", 24),
        Column("sha256", "SHA-256 tệp", 18),
        Column("source_cell", "Ô nguồn", 16),
        # a text longer than one cell holds goes on over several rows, numbered 1, 2…; readers join them
        Column("part", "Phần", 7, "0"),
    ),
    print_columns=7,
)

# The readable view: series × year (value and status), colour-coded, and the objective summary.
# Milestone target and year columns are added after these by workbook.assessment_sheet.
ASSESSMENT_VIEW = SheetLayout(
    "assessment_view",
    "Đánh giá",
    "ĐÁNH GIÁ MỨC ĐẠT CHỈ TIÊU (TOÀN TỈNH)",
    (
        Column("code", "Mã", 7),
        Column("name", "Chỉ tiêu", 36, wrap=True),
        Column("unit", "Đơn vị tính", 10, wrap=True),
        Column("row_kind", "Nội dung", 10),
    ),
    header_row=6,
)

# One row per series, reporting unit and year (the long table readers and filters use).
ASSESSMENT = SheetLayout(
    "assessment",
    "Đánh giá chi tiết",
    "ĐÁNH GIÁ MỨC ĐẠT CHỈ TIÊU THEO ĐƠN VỊ VÀ NĂM",
    (
        Column("code", "Mã chỉ tiêu", 9),
        Column("series_name", "Tên chỉ tiêu", 34, wrap=True),
        Column("unit_name", "Đơn vị", 16, wrap=True),
        Column("year", "Năm", 7, "0"),
        Column("value", "Giá trị", 11, "#,##0.00", wrap=True),  # a qualitative value is text
        Column("milestone", "Mốc", 7, "0"),
        Column("target", "Chỉ tiêu mốc", 12, wrap=True),
        Column("expected", "Giá trị theo lộ trình", 12, "#,##0.00"),
        Column("pct_of_target", "% chỉ tiêu", 10, "#,##0.0"),
        Column("progress", "Tiến bộ so với gốc (%)", 12, "#,##0.0"),
        Column("status", "Trạng thái", 14, wrap=True),
        Column("explanation", "Giải thích", 46, wrap=True),
        # on screen only
        Column("unit_code", "Mã đơn vị", 15),
    ),
    print_columns=12,
)

SUBMISSIONS = SheetLayout(
    "submissions",
    "Tiến độ nộp",
    "TIẾN ĐỘ NỘP BÁO CÁO CỦA CÁC CƠ QUAN",
    (
        Column("year", "Năm", 7, "0"),
        Column("agency", "Mã cơ quan", 12),
        Column("agency_name", "Cơ quan", 30, wrap=True),
        Column("unit_code", "Mã đơn vị", 15),
        Column("unit_name", "Đơn vị", 18, wrap=True),
        Column("submitted", "Đã nộp", 9),
        Column("submitted_at", "Ngày nộp", 12, "dd/mm/yyyy"),
        Column("deadline", "Hạn nộp", 12, "dd/mm/yyyy"),
        Column("timeliness", "Đúng hạn / Trễ hạn", 14),
        Column("errors", "Số lỗi", 8, "0"),
        Column("warnings", "Số cảnh báo", 10, "0"),
        Column("source_file", "Tệp", 26, wrap=True),
        Column("days_late", "Số ngày trễ", 9, "0"),
        Column("times", "Số lần nộp", 9, "0"),
    ),
)

LOG = SheetLayout(
    "log",
    "Nhật ký",
    "NHẬT KÝ NHẬP SỐ LIỆU",
    (
        Column("time", "Thời điểm", 20, "dd/mm/yyyy hh:mm:ss"),
        Column("file", "Tệp", 30, wrap=True),
        Column("agency", "Cơ quan", 12),
        Column("unit_code", "Đơn vị", 15),
        Column("year", "Năm", 7, "0"),
        Column("result", "Kết quả", 16, wrap=True),
        Column("imported", "Nhập mới", 9, "0"),
        Column("updated", "Cập nhật", 9, "0"),
        Column("unchanged", "Không đổi", 9, "0"),
        Column("rejected", "Bị từ chối", 9, "0"),
        Column("errors", "Số lỗi", 8, "0"),
        Column("warnings", "Số cảnh báo", 10, "0"),
        Column("message", "Ghi chú", 46, wrap=True),
        # on screen only; report date and save time order submissions of one agency, unit and year
        Column("report_date", "Ngày báo cáo", 18, "dd/mm/yyyy hh:mm"),
        Column("saved_at", "Thời điểm lưu tệp", 18, "dd/mm/yyyy hh:mm"),
        Column("sha256", "SHA-256", 20),
    ),
    print_columns=13,
)

# Every problem intake found in a received file (rejected values are kept here, not in Số liệu).
PROBLEMS = SheetLayout(
    "problems",
    "Lỗi và cảnh báo",
    "LỖI VÀ CẢNH BÁO TRONG CÁC TỆP ĐÃ NHẬN",
    (
        Column("file", "Tệp", 26, wrap=True),
        Column("agency", "Cơ quan", 12),
        Column("unit_code", "Đơn vị", 15),
        Column("year", "Năm", 7, "0"),
        Column("severity", "Mức độ", 10),
        Column("problem_label", "Loại lỗi", 20, wrap=True),
        Column("sheet", "Trang", 11, wrap=True),
        Column("cell", "Ô", 7),
        Column("series", "Chỉ tiêu", 9),
        Column("value", "Giá trị đã đọc", 14, wrap=True),
        Column("message", "Nội dung và cách sửa", 56, wrap=True),
        # on screen only
        Column("problem", "Mã lỗi", 26),
        Column("time", "Thời điểm nhận", 20, "dd/mm/yyyy hh:mm:ss"),
        Column("sha256", "SHA-256", 20),
    ),
    print_columns=11,
)

MASTER_SHEETS: tuple[SheetLayout, ...] = (GUIDE, CATALOGUE, DATA, NARRATIVES, ASSESSMENT_VIEW, ASSESSMENT,
                                          SUBMISSIONS, LOG, PROBLEMS)

# Native line charts of value against target, written after every assessment (not a table).
CHARTS = SheetLayout("charts", "Biểu đồ", "BIỂU ĐỒ GIÁ TRỊ SO VỚI CHỈ TIÊU (TOÀN TỈNH)")

# Defined names that carry the master's identity (keys live in names, never positions).
NAME_PLAN_ID = "bdg_plan_id"
NAME_LAYOUT_VERSION = "bdg_layout_version"
NAME_KIND = "bdg_kind"
MASTER_KIND = "master"
LAYOUT_VERSION = 1


def milestone_column(year: int) -> Column:
    return Column(f"target_{year}", f"Chỉ tiêu {year}", 11, wrap=True)


FORMER_LEAD = Column("former_lead", "Cơ quan chủ trì trước đây", 16, wrap=True)


def catalogue_layout(milestones: list[int], former_leads: bool = False) -> SheetLayout:
    """The Chỉ tiêu layout with one target column per milestone, after the baseline, and — for a
    plan where a series' lead changes within the period — who led it before, after the lead."""
    cols = list(CATALOGUE.columns)
    at = CATALOGUE.keys.index("baseline") + 1
    cols[at:at] = [milestone_column(m) for m in milestones]
    if former_leads:
        at = [c.key for c in cols].index("lead") + 1
        cols[at:at] = [FORMER_LEAD]
    return replace(CATALOGUE, columns=tuple(cols))

# Values of Số liệu's "Trạng thái" column (written by consolidation, read by attainment and report).
STATUS_ACTIVE = "Hiệu lực"  # the value in force for its series, unit and year
STATUS_SUPERSEDED = "Đã thay thế"  # replaced by a newer submission; kept as history
STATUS_CONFLICT = "Xung đột"  # two agencies reported the same series, unit and year: neither wins
