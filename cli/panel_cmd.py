"""``bdg run-panel``: one button of the control panel, without macros (called by the .cmd files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.common import app, console

ACTIONS_HELP = "check (Kiểm tra), consolidate (Tổng hợp), attainment (Tính mức đạt), report (Xuất báo cáo), " \
               "forms (Tạo biểu mẫu)."


@app.command("run-panel", help="Làm việc của một nút lệnh trên các thư mục ghi ở trang 'Bảng điều khiển' của sổ "
                               "điều khiển, không cần macro, rồi mở kết quả. Các tệp lệnh .cmd do 'bdg setup' "
                               "tạo gọi lệnh này.")
def run_panel(
    action: Annotated[str, typer.Argument(help=f"Việc cần làm: {ACTIONS_HELP}", show_default=False)],
    panel: Annotated[Path, typer.Option("--panel", help="Sổ điều khiển (bdg-bang-dieu-khien.xlsm).",
                                        dir_okay=False)],
    open_result: Annotated[bool, typer.Option("--open/--no-open", help="Mở kết quả khi xong.")] = True,
) -> None:
    from addin.panel import plan_run

    from cli import main

    run = plan_run(action, panel)
    for folder in run.folders:
        folder.mkdir(parents=True, exist_ok=True)
    console.print(f"{run.action.label}: bdg {' '.join(run.args)}")
    code = main(run.args)
    if run.opens.exists():
        console.print(f"Kết quả: {run.opens}")
        if open_result:
            _open(run.opens)
    raise typer.Exit(code)


def _open(path: Path) -> None:
    """Show a file or folder with the program the system associates with it."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined]  # noqa: S606
        else:
            subprocess.Popen(["open" if sys.platform == "darwin" else "xdg-open", str(path)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        console.print(f"(Không tự mở được; hãy mở '{path}' bằng tay.)")
