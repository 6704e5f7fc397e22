"""``bdg consolidate``: import filled forms into the master workbook (front door only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.common import DEFAULT_MASTER, MasterOption, PlanOption, app, console, err_console, plan_in_use
from workbook.consolidation_summary import summary_lines


@app.command(
    "consolidate",
    help="Nhập các biểu mẫu đã điền vào sổ tổng hợp. INBOX là tệp hoặc thư mục (tìm cả thư mục con). "
         "Giá trị có lỗi bị từ chối, có cảnh báo vẫn được nhập và đánh dấu; tệp đã nhập không nhập lại; "
         "bản nộp mới hơn thay thế bản cũ (bản cũ được giữ làm lịch sử); mọi tệp khác trong thư mục (PDF, "
         ".xlsb, tệp nén, tệp tạm của Excel…) được nêu tên kèm cách xử lý. Mã thoát: 0 = nhập hết, "
         "1 = có tệp hoặc giá trị bị từ chối, 2 = không đọc được gì, 3 = nhập hết nhưng có tệp bị bỏ qua.")
def consolidate_command(
    inbox: Annotated[list[Path], typer.Argument(help="Tệp biểu mẫu hoặc thư mục chứa biểu mẫu.")],
    master: MasterOption = DEFAULT_MASTER,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ cho biết sẽ thay đổi gì, không ghi gì.")] = False,
    plan: PlanOption = None,
) -> None:
    from workbook.consolidate import consolidate

    p = plan_in_use(plan, Path(master))
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


HOW_TO_ASSESS = "Hãy chạy: bdg attainment."


def print_summary(result) -> None:
    for line in summary_lines(result, how_to_assess=HOW_TO_ASSESS):
        console.print(line, highlight=False, markup=False)


__all__ = ["consolidate_command", "print_summary", "summary_lines", "DEFAULT_MASTER"]
