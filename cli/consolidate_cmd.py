"""``bdg consolidate``: import filled forms into the master workbook (front door only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.common import DEFAULT_MASTER, MasterOption, PlanOption, app, console, err_console
from bdg.numbers import fmt_number
from bdg.plan_loader import load_plan

DETAIL_LIMIT = 40  # files listed one by one; beyond this only the noteworthy ones
CHANGE_LIMIT = 30
PROBLEM_LIMIT = 20


@app.command(
    "consolidate",
    help="Nhập các biểu mẫu đã điền vào sổ tổng hợp. INBOX là tệp hoặc thư mục (tìm cả thư mục con). "
         "Giá trị có lỗi bị từ chối, có cảnh báo vẫn được nhập và đánh dấu; tệp đã nhập không nhập lại; "
         "bản nộp mới hơn thay thế bản cũ (bản cũ được giữ làm lịch sử). Mã thoát: 0 = nhập hết, "
         "1 = có tệp hoặc giá trị bị từ chối, 2 = không đọc được gì.")
def consolidate_command(
    inbox: Annotated[list[Path], typer.Argument(help="Tệp biểu mẫu hoặc thư mục chứa biểu mẫu.")],
    master: MasterOption = DEFAULT_MASTER,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ cho biết sẽ thay đổi gì, không ghi gì.")] = False,
    plan: PlanOption = None,
) -> None:
    from workbook.consolidate import consolidate

    p = load_plan(plan)
    with _progress() as bar:
        result = consolidate(master, inbox, p, dry_run=dry_run, progress=bar)
    print_summary(result)
    raise typer.Exit(result.exit_code)


class _progress:
    """A progress bar on stderr (only on a terminal): reading the forms, then writing the master."""

    def __enter__(self):
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=err_console, transient=True, disable=not err_console.is_terminal)
        self.bar.__enter__()
        self.tasks: dict[str, int] = {}
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            label = "Đọc biểu mẫu" if stage == "read" else "Ghi sổ tổng hợp"
            self.tasks[stage] = self.bar.add_task(label, total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)


def print_summary(result) -> None:
    for line in summary_lines(result):
        console.print(line, highlight=False, markup=False)


def summary_lines(result, detail_limit: int = DETAIL_LIMIT) -> list[str]:
    """The import summary as printed: files (or only the noteworthy ones), totals, errors, what was written."""
    files, lines = result.files, []
    shown = files if len(files) <= detail_limit else [f for f in files if _noteworthy(f)]
    if len(shown) < len(files) and shown:
        lines.append(f"Các tệp cần chú ý ({len(shown)}/{len(files)} tệp; xem đủ trong trang Nhật ký):")
    for f in shown:
        who = ", ".join(str(x) for x in (f.agency, f.unit, f.year) if x)
        counts = (f"nhập mới {f.imported}, cập nhật {f.updated}, không đổi {f.unchanged}, bị từ chối {f.rejected}"
                  + (f"; {f.narratives} đoạn thuyết minh" if f.narratives else "")
                  if f.result not in ("duplicate", "unreadable") else "")
        tail = f" ({counts})" if counts else ""
        lines.append(f"  {Path(f.file).name}{f' [{who}]' if who else ''}: {f.label}{tail}")
    t = result.totals
    lines.append(f"Tổng cộng {t['files']} tệp: nhập mới {t['imported']}, cập nhật {t['updated']}, không đổi "
                 f"{t['unchanged']}, bị từ chối {t['rejected']} giá trị; {t['narratives']} đoạn thuyết minh mới.")
    extras = [(t["files_duplicate"], "tệp đã nhập trước đó (bỏ qua)"), (t["files_older"], "tệp cũ hơn bản đang dùng"),
              (t["files_unreadable"], "tệp không đọc được"), (t["files_rejected"], "tệp bị từ chối cả"),
              (t["conflicts"], "giá trị xung đột giữa các cơ quan")]
    said = [f"{n} {what}" for n, what in extras if n]
    if said:
        lines.append("Trong đó: " + "; ".join(said) + ".")
    lines += _problem_lines(files)
    if result.dry_run:
        return lines + _change_lines(result.changes) + ["Chạy thử (--dry-run): chưa ghi gì vào sổ tổng hợp."]
    if not result.written:
        return lines + ["Không có gì mới: sổ tổng hợp giữ nguyên."]
    lines.append(f"Đã ghi sổ tổng hợp: {result.master}")
    if result.backup:
        lines.append(f"  Bản trước được sao lưu: {result.backup}")
    if result.archived:
        lines.append(f"  Đã lưu {result.archived} tệp nhận được vào thư mục '{result.master.parent / 'luu-tru'}'.")
    lines.append("  Đã tính lại trang Đánh giá." if result.assessed else f"  {result.assessment_note}")
    return lines


def _noteworthy(f) -> bool:
    return f.result not in ("imported", "duplicate") or bool(f.rejected or f.conflicts)


def _problem_lines(files) -> list[str]:
    errors = [(f, p) for f in files if f.result != "duplicate" for p in f.problems if p.severity == "error"]
    if not errors:
        return []
    lines = [f"Lỗi ({len(errors)}), giá trị có lỗi không được nhập:"]
    lines += [f"  • {Path(f.file).name}: {p.message}" for f, p in errors[:PROBLEM_LIMIT]]  # messages name the cell
    if len(errors) > PROBLEM_LIMIT:
        lines.append(f"  … và {len(errors) - PROBLEM_LIMIT} lỗi khác (xem trang Lỗi và cảnh báo).")
    return lines


def _change_lines(changes) -> list[str]:
    if not changes:
        return ["Không có giá trị nào thay đổi."]
    lines = [f"Sẽ thay đổi {len(changes)} giá trị:"]
    words = {"new": "Mới", "update": "Cập nhật", "conflict": "Xung đột"}
    for c in changes[:CHANGE_LIMIT]:
        old = f"{_show(c.old)} → " if c.old is not None else ""
        lines.append(f"  • {words[c.kind]}: chỉ tiêu {c.code}, {c.unit}, năm {c.year} ({c.agency}): {old}{_show(c.new)}")
    if len(changes) > CHANGE_LIMIT:
        lines.append(f"  … và {len(changes) - CHANGE_LIMIT} thay đổi khác.")
    return lines


def _show(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt_number(value, 2)
    return "(trống)" if value is None else str(value)


__all__ = ["consolidate_command", "print_summary", "summary_lines", "DEFAULT_MASTER"]
