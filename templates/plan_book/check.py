"""Check a plan workbook's data with the plan's own rules and put every problem at its cell.

There is one validation of a plan: the plan model (:class:`bdg.plan.Plan`, its field rules and its
cross-references in :mod:`bdg.plan_checks`). Its findings carry the location of the field in the
plan; :func:`located_problems` turns each into the sheet and cell that hold that field, with the
words of the workbook (a sheet's name rather than a YAML list's).
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from bdg.plan import Plan
from bdg.plan_loader import field_problems
from templates.plan_book import layout as L
from templates.plan_book.read import Reading, Where

# the plan file's list names, as a plan workbook calls them
_WORDS = {"danh sách agencies": f"trang '{L.AGENCIES.name}'", "agencies": f"trang '{L.AGENCIES.name}'",
          "units": f"trang '{L.UNITS.name}'", "objectives": f"trang '{L.OBJECTIVES.name}'",
          "series": f"trang '{L.SERIES.name}'", "inputs": f"trang '{L.INPUTS.name}'",
          "variants": f"trang '{L.VARIANTS.name}'", "period": "giai đoạn (trang Kế hoạch)",
          "lead_changes": f"trang '{L.LEAD_CHANGES.name}'", "(level: province)": "(cột 'Cấp')",
          "một phương án 'text' (theo nội dung Kế hoạch)": "một dòng 'văn bản' (cột 'Theo') cho chỉ tiêu này",
          **{f"năm {word} ({f.key.split('.')[1]})": f"'{f.label}'"  # the period's two cells, by their labels
             for f in L.FIELDS for word, key in (("bắt đầu", "period.start"), ("kết thúc", "period.end"))
             if f.key == key}}
_WORD = re.compile("|".join(re.escape(w) if not w.isalpha() and "_" not in w else rf"\b{w}\b"
                            for w in sorted(_WORDS, key=len, reverse=True)))
# what a missing part means in a workbook
_MISSING = {"variants": f"chưa có dòng nào ở trang '{L.VARIANTS.name}' cho chỉ tiêu này",
            "inputs": f"chưa có dòng nào ở trang '{L.INPUTS.name}' cho chỉ tiêu này",
            "derivation": f"chưa có dòng nào ở trang '{L.DERIVATIONS.name}' cho chỉ tiêu này",
            "agencies": f"trang '{L.AGENCIES.name}' chưa có cơ quan nào",
            "units": f"trang '{L.UNITS.name}' chưa có đơn vị nào",
            "objectives": f"trang '{L.OBJECTIVES.name}' chưa có mục tiêu nào",
            "series": f"trang '{L.SERIES.name}' chưa có chỉ tiêu nào",
            "report": "phần báo cáo (trang Kế hoạch) chưa điền"}


def located_problems(reading: Reading) -> list[tuple[Where | None, str]]:
    """Every problem of the workbook: its unreadable cells, then everything the plan's rules refuse."""
    problems = list(reading.problems)
    problems += [(Where(name), "thiếu trang này (đã bị xóa hoặc đổi hẳn cấu trúc); chép lại trang từ tệp kế hoạch gốc")
                 for name in reading.missing_sheets]
    gone = {field for name, field in {**L.CHILD_FIELDS, **L.SINGLE_CHILD}.items() if name in reading.missing_sheets}
    try:
        Plan.model_validate(reading.data)
    except ValidationError as exc:
        for loc, reason, first in field_problems(exc, reading.data):
            loc = tuple(loc)
            if loc in reading.unreadable:
                continue  # already said: the cell could not be read (left out, so seen as empty)
            if reading.missing_sheets and (reading.where(loc) is None or (loc and loc[-1] in gone)):
                continue  # said once: the sheet is missing
            declared = reading.where(first) if first else None
            if declared is not None:
                reason += f"; lần khai báo đầu ở ô {declared}"
            problems.append((reading.where(loc), _words(_missing(loc, reason))))
    return problems


def _missing(loc: tuple, reason: str) -> str:
    if reason.startswith("thiếu trường bắt buộc") and loc:
        return _MISSING.get(str(loc[-1]), "chưa điền (ô bắt buộc)")
    return reason


def _words(text: str) -> str:
    return _WORD.sub(lambda m: _WORDS[m.group(0)], text)


def in_order(problems: list[tuple[Where | None, str]]) -> list[tuple[Where | None, str]]:
    """Problems sheet by sheet in the workbook's order, then row by row, then column by column."""
    return sorted(problems, key=_order)


def _order(problem: tuple[Where | None, str]) -> tuple:
    where = problem[0]
    if where is None:
        return (-1, 0, 0, "")
    sheets = (L.PLAN_SHEET, *(t.name for t in L.TABLES))
    index = sheets.index(where.sheet) if where.sheet in sheets else len(sheets)
    m = re.match(r"([A-Z]+)(\d+)", where.cell or "")
    return (index, int(m.group(2)) if m else 0, len(m.group(1)) if m else 0, m.group(1) if m else "")
