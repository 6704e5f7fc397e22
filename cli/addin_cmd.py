"""``bdg addin build`` and ``bdg addin lite``: the Excel files and the xlwings Lite script."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import PlanOption, app, console

addin_app = typer.Typer(
    help="Nút lệnh và hàm Excel (xlwings): tạo tệp add-in .xlam / .xlsm, hoặc tệp cho xlwings Lite.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(addin_app, name="addin")

OutOption = Annotated[Path, typer.Option("--out", help="Thư mục ghi kết quả.", file_okay=False)]


@addin_app.command("build", help="Tạo add-in Excel 'bdg.xlam' (thẻ 'Bình đẳng giới' trên thanh công cụ) và "
                                 "sổ điều khiển 'bdg-bang-dieu-khien.xlsm' từ mã nguồn VBA và XML trong "
                                 "phần mềm. Dùng với xlwings cổ điển (Excel trên Windows/macOS có Python).")
def build(
    out: OutOption = Path("addin-excel"),
    interpreter: Annotated[Optional[str], typer.Option(
        "--python", help="Đường dẫn Python (pythonw.exe) ghi vào trang bdg.conf. Mặc định: Python đang chạy "
                         "lệnh này nếu là Windows; nơi khác để trống (dùng 'python' trong PATH).")] = None,
    with_excel: Annotated[bool, typer.Option(
        "--with-excel", help="Nhờ Excel trên máy này (Windows) tự biên dịch dự án VBA; nếu Excel từ chối thì "
                             "giải thích cách bật và dùng bản tạo không qua Excel.")] = False,
) -> None:
    from addin.build import build as build_files

    if with_excel:
        from addin.excel_build import build_with_excel

        built = build_with_excel(out, interpreter=interpreter)
        paths = built.paths
        for line in built.messages:
            console.print(line)
    else:
        paths = build_files(out, interpreter=interpreter)
    for path in paths:
        console.print(f"Đã tạo: {path}")
    console.print("Cách cài và dùng: xem addin/README.md (mục 'xlwings cổ điển').")


@addin_app.command("lite", help="Xuất main.py và requirements.txt cho trình soạn thảo xlwings Lite "
                                "(Excel Microsoft 365 / 2021+ / Excel trên web, không cần cài Python).")
def lite(
    plan: PlanOption = None,
    out: OutOption = Path("addin-lite"),
) -> None:
    from addin.lite import export

    for path in export(plan, out):
        console.print(f"Đã tạo: {path}")
    console.print("Chép nội dung hai tệp vào hai thẻ main.py và requirements.txt của xlwings Lite "
                  "(xem addin/README.md, mục 'xlwings Lite').")
