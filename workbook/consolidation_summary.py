"""What a consolidation did, in Vietnamese lines: the one summary both front doors show.

``bdg consolidate`` prints these lines; the add-in's *Tổng hợp* button writes them on the control
sheet. The few words that depend on the front door (how to recompute attainment) are passed in.
"""

from __future__ import annotations


from bdg.numbers import fmt_shown
from templates.intake.inbox import shown_name

DETAIL_LIMIT = 40  # files listed one by one; beyond this only the noteworthy ones
CHANGE_LIMIT = 30
PROBLEM_LIMIT = 20
CHANGE_WORDS = {"new": "Mới", "update": "Cập nhật", "conflict": "Xung đột"}


def summary_lines(result, *, how_to_assess: str = "", detail_limit: int = DETAIL_LIMIT) -> list[str]:
    """The import summary of a :class:`workbook.consolidate.ConsolidationResult`: files (or only the
    noteworthy ones), totals, errors, what was written. ``how_to_assess``: the front door's words for
    recomputing attainment, shown when the run did not."""
    files, lines = result.files, []
    shown = files if len(files) <= detail_limit else [f for f in files if _noteworthy(f)]
    if len(shown) < len(files) and shown:
        lines.append(f"Các tệp cần chú ý ({len(shown)}/{len(files)} tệp; xem đủ trong trang Nhật ký):")
    for f in shown:
        who = ", ".join(str(x) for x in (f.agency, f.unit, f.year) if x)
        counts = (f"nhập mới {f.imported}, cập nhật {f.updated}, không đổi {f.unchanged}, bị từ chối {f.rejected}"
                  + (f"; {f.narratives} đoạn thuyết minh" if f.narratives else "")
                  if f.result not in ("duplicate", "unreadable", "not-accepted") else "")
        tail = f" ({counts})" if counts else ""
        lines.append(f"  {shown_name(f.file)}{f' [{who}]' if who else ''}: {f.label}{tail}")
    lines += skipped_lines(getattr(result, "skipped", []))
    t = result.totals
    lines.append(f"Tổng cộng {t['files']} tệp: nhập mới {t['imported']}, cập nhật {t['updated']}, không đổi "
                 f"{t['unchanged']}, bị từ chối {t['rejected']} giá trị; {t['narratives']} đoạn thuyết minh mới.")
    extras = [(t["files_duplicate"], "tệp đã nhập trước đó (không nhập lại)"), (t["files_older"], "tệp cũ hơn bản đang dùng"),
              (t["files_unreadable"], "tệp không đọc được"),
              (t["files_not_accepted"], "tệp không nhận (biểu mẫu của năm, cơ quan hoặc đơn vị khác)"),
              (t["files_rejected"], "tệp bị từ chối cả"),
              (t["conflicts"], "giá trị xung đột giữa các cơ quan")]
    said = [f"{n} {what}" for n, what in extras if n]
    if said:
        lines.append("Trong đó: " + "; ".join(said) + ".")
    lines += _problem_lines(files)
    if result.dry_run:
        return lines + _change_lines(result.changes) + ["Chạy thử: chưa ghi gì vào sổ tổng hợp."]
    if not result.written:
        return lines + ["Không có gì mới: sổ tổng hợp giữ nguyên."]
    lines.append(f"Đã ghi sổ tổng hợp: {result.master}")
    if result.backup:
        lines.append(f"  Bản trước được sao lưu: {result.backup}")
    if result.archived:
        lines.append(f"  Đã lưu {result.archived} tệp nhận được vào thư mục '{result.master.parent / 'luu-tru'}'.")
    lines.append("  Đã tính lại trang Đánh giá." if result.assessed else
                 " ".join(["  Trang Đánh giá chưa được tính lại.", how_to_assess]).rstrip())
    return lines


def skipped_lines(skipped) -> list[str]:
    """Every file of the inbox that was not read (no spreadsheet bdg reads), each with why and what to do."""
    if not skipped:
        return []
    lines = [f"Bỏ qua {len(skipped)} tệp, không đọc vì không phải bảng tính đọc được (chưa nhập, không lưu vào "
             "luu-tru):"]
    return lines + [f"  • {_member_prefix(s.path)}{s.problems[0].message}" for s in skipped]


def _member_prefix(path: str) -> str:
    """A member of a zip archive is named from its archive on (its message names the file only)."""
    shown = shown_name(path)
    return f"{shown}: " if "/" in shown else ""


def _noteworthy(f) -> bool:
    return f.result not in ("imported", "duplicate") or bool(f.rejected or f.conflicts)


def _problem_lines(files) -> list[str]:
    errors = [(f, p) for f in files if f.result != "duplicate" for p in f.problems if p.severity == "error"]
    if not errors:
        return []
    lines = [f"Lỗi ({len(errors)}), giá trị có lỗi không được nhập:"]
    lines += [f"  • {shown_name(f.file)}: {p.message}" for f, p in errors[:PROBLEM_LIMIT]]  # messages name the cell
    if len(errors) > PROBLEM_LIMIT:
        lines.append(f"  … và {len(errors) - PROBLEM_LIMIT} lỗi khác (xem trang Lỗi và cảnh báo).")
    return lines


def _change_lines(changes) -> list[str]:
    if not changes:
        return ["Không có giá trị nào thay đổi."]
    lines = [f"Sẽ thay đổi {len(changes)} giá trị:"]
    for c in changes[:CHANGE_LIMIT]:
        old = f"{fmt_shown(c.old, 2, empty='(trống)')} → " if c.old is not None else ""
        lines.append(f"  • {CHANGE_WORDS[c.kind]}: chỉ tiêu {c.code}, {c.unit}, năm {c.year} ({c.agency}): "
                     f"{old}{fmt_shown(c.new, 2, empty='(trống)')}")
    if len(changes) > CHANGE_LIMIT:
        lines.append(f"  … và {len(changes) - CHANGE_LIMIT} thay đổi khác.")
    return lines
