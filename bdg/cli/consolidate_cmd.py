"""``bdg consolidate``: import filled forms into the master workbook (front door only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bdg.cli.common import DEFAULT_MASTER, MasterOption, PlanOption, app, console, err_console
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
    files = result.files
    shown = files if len(files) <= DETAIL_LIMIT else [f for f in files if _noteworthy(f)]
    if len(shown) < len(files) and shown:
        console.print(f"Các tệp cần chú ý ({len(shown)}/{len(files)} tệp; xem đủ trong trang Nhật ký):")
    for f in shown:
        who = ", ".join(str(x) for x in (f.agency, f.unit, f.year) if x)
        counts = (f"nhập mới {f.imported}, cập nhật {f.updated}, không đổi {f.unchanged}, bị từ chối {f.rejected}"
                  + (f"; {f.narratives} đoạn thuyết minh" if f.narratives else "")
                  if f.result not in ("duplicate", "unreadable") else "")
        tail = f" ({counts})" if counts else ""
        console.print(f"  {Path(f.file).name}{f' [{who}]' if who else ''}: {f.label}{tail}", highlight=False,
                      markup=False)
    t = result.totals
    console.print(f"Tổng cộng {t['files']} tệp: nhập mới {t['imported']}, cập nhật {t['updated']}, không đổi "
                  f"{t['unchanged']}, bị từ chối {t['rejected']} giá trị; {t['narratives']} đoạn thuyết minh mới.")
    extras = [(t["files_duplicate"], "tệp đã nhập trước đó (bỏ qua)"), (t["files_older"], "tệp cũ hơn bản đang dùng"),
              (t["files_unreadable"], "tệp không đọc được"), (t["files_rejected"], "tệp bị từ chối cả"),
              (t["conflicts"], "giá trị xung đột giữa các cơ quan")]
    said = [f"{n} {what}" for n, what in extras if n]
    if said:
        console.print("Trong đó: " + "; ".join(said) + ".")
    _print_problems(files)
    if result.dry_run:
        _print_changes(result.changes)
        console.print("[bold]Chạy thử (--dry-run): chưa ghi gì vào sổ tổng hợp.[/]")
        return
    if not result.written:
        console.print("Không có gì mới: sổ tổng hợp giữ nguyên.")
        return
    console.print(f"Đã ghi sổ tổng hợp: {result.master}")
    if result.backup:
        console.print(f"  Bản trước được sao lưu: {result.backup}")
    if result.archived:
        console.print(f"  Đã lưu {result.archived} tệp nhận được vào thư mục '{result.master.parent / 'luu-tru'}'.")
    console.print("  Đã tính lại trang Đánh giá." if result.assessed else f"  {result.assessment_note}")


def _noteworthy(f) -> bool:
    return f.result not in ("imported", "duplicate") or bool(f.rejected or f.conflicts)


def _print_problems(files) -> None:
    errors = [(f, p) for f in files if f.result != "duplicate" for p in f.problems if p.severity == "error"]
    if not errors:
        return
    console.print(f"[bold]Lỗi ({len(errors)}), giá trị có lỗi không được nhập:[/]")
    for f, p in errors[:PROBLEM_LIMIT]:  # messages name the sheet and cell themselves
        console.print(f"  • {Path(f.file).name}: {p.message}", highlight=False, markup=False)
    if len(errors) > PROBLEM_LIMIT:
        console.print(f"  … và {len(errors) - PROBLEM_LIMIT} lỗi khác (xem trang Lỗi và cảnh báo).")


def _print_changes(changes) -> None:
    if not changes:
        console.print("Không có giá trị nào thay đổi.")
        return
    console.print(f"[bold]Sẽ thay đổi {len(changes)} giá trị:[/]")
    words = {"new": "Mới", "update": "Cập nhật", "conflict": "Xung đột"}
    for c in changes[:CHANGE_LIMIT]:
        old = f"{_show(c.old)} → " if c.old is not None else ""
        console.print(f"  • {words[c.kind]}: chỉ tiêu {c.code}, {c.unit}, năm {c.year} ({c.agency}): "
                      f"{old}{_show(c.new)}", highlight=False)
    if len(changes) > CHANGE_LIMIT:
        console.print(f"  … và {len(changes) - CHANGE_LIMIT} thay đổi khác.")


def _show(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt_number(value, 2)
    return "(trống)" if value is None else str(value)


__all__ = ["consolidate_command", "print_summary", "DEFAULT_MASTER"]
