"""``bdg setup``: set bdg up for Excel on this computer (Windows, macOS) and say what works."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import app, console


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return (documents if documents.is_dir() else Path.home()) / "bdg"


@app.command("setup", help="Cài bdg cho Excel trên máy này: tạo add-in (Excel tự biên dịch khi được phép), "
                           "chép vào thư mục add-in và bật trong Excel, ghi cấu hình xlwings trỏ tới Python này, "
                           "tạo sổ điều khiển và các tệp lệnh không cần macro, kiểm tra LibreOffice; cuối cùng "
                           "tóm tắt những gì dùng được và còn thiếu.")
def setup(
    folder: Annotated[Optional[Path], typer.Option(
        "--folder", help="Thư mục đặt sổ điều khiển và các tệp lệnh. Mặc định: Documents\\bdg.",
        file_okay=False)] = None,
    with_excel: Annotated[bool, typer.Option(
        "--with-excel/--without-excel", help="Nhờ Excel tự biên dịch add-in (cần bật 'Trust access to the VBA "
                                             "project object model'); nếu không được thì dùng bản tạo sẵn.")] = True,
) -> None:
    from addin.install import Host, setup as run_setup

    folder = folder or default_folder()
    result = run_setup(Host.current(), folder, with_excel=with_excel)
    for step in result.steps:
        mark = {True: "[green]✓[/]", False: "[red]✗[/]", None: "-"}[step.ok]
        console.print(f"{mark} {step.what}")
        for line in step.lines:
            console.print(f"    {line}")
    console.print(result.summary())
