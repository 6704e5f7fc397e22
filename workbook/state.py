"""Reading the master workbook's tables back as records (via the layouts, by header text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook

from bdg.errors import BdgError
from workbook.layout import ASSESSMENT, DATA, LOG, NARRATIVES, PROBLEMS, SUBMISSIONS, SheetLayout
from workbook.sheets import read_records


@dataclass
class MasterState:
    path: Path
    data: list[dict] = field(default_factory=list)  # Số liệu
    narratives: list[dict] = field(default_factory=list)  # Thuyết minh
    assessment: list[dict] = field(default_factory=list)  # Đánh giá
    submissions: list[dict] = field(default_factory=list)  # Tiến độ nộp
    log: list[dict] = field(default_factory=list)  # Nhật ký
    problems: list[dict] = field(default_factory=list)  # Lỗi và cảnh báo


_TABLES: tuple[tuple[str, SheetLayout], ...] = (
    ("data", DATA), ("narratives", NARRATIVES), ("assessment", ASSESSMENT),
    ("submissions", SUBMISSIONS), ("log", LOG), ("problems", PROBLEMS),
)


def read_master(path: Path, tables: tuple[str, ...] | None = None) -> MasterState:
    """Every table of the master as lists of dicts keyed by column key (plus ``_row``).

    ``tables`` names the attributes to read (e.g. ``("data", "log")``); by default all of them.
    """
    path = Path(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except FileNotFoundError:
        raise BdgError(code="master-missing", master=path) from None
    except Exception:
        raise BdgError(code="master-unreadable", master=path) from None
    state = MasterState(path)
    for attr, layout in _TABLES:
        if tables is not None and attr not in tables:
            continue
        if layout.name not in wb.sheet_names:
            continue  # an older master without this sheet: treat as empty
        rows = wb.get_sheet_by_name(layout.name).to_python(skip_empty_area=False)
        setattr(state, attr, read_records(rows, layout, required=("code",) if "code" in layout.keys else ()))
    return state
