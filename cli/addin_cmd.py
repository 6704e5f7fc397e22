"""``bdg addin build`` and ``bdg addin lite``: the Excel files and the xlwings Lite script."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import DEFAULT_MASTER, OptionalMasterOption, PlanOption, app, console, plan_in_use

addin_app = typer.Typer(
    help="Nút lệnh và hàm Excel (xlwings): tạo tệp add-in .xlam / .xlsm, hoặc tệp cho xlwings Lite.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(addin_app, name="addin")

OutOption = Annotated[Path, typer.Option("--out", help="Thư mục ghi kết quả.", file_okay=False)]


@addin_app.command("build", help="Tạo add-in Excel 'bdg.xlam' (thẻ 'Bình đẳng giới' trên thanh công cụ) và "
                                 "sổ điều khiển 'bdg-bang-dieu-khien.xlsm' từ mã nguồn VBA và XML trong "
                                 "phần mềm. Dùng với xlwings cổ điển (Excel trên Windows/macOS có Python). "
                                 "Với --master, sổ điều khiển ghi sẵn đường dẫn sổ tổng hợp và dùng kế hoạch "
                                 "gắn trong sổ.")
def build(
    out: OutOption = Path("addin-excel"),
    interpreter: Annotated[Optional[str], typer.Option(
        "--python", help="Đường dẫn Python (pythonw.exe) ghi vào trang bdg.conf. Mặc định: Python đang chạy "
                         "lệnh này nếu là Windows; nơi khác để trống (dùng 'python' trong PATH).")] = None,
    plan: PlanOption = None,
    master: OptionalMasterOption = None,
    with_excel: Annotated[bool, typer.Option(
        "--with-excel", help="Nhờ Excel trên máy này (Windows) tự biên dịch dự án VBA; nếu Excel từ chối thì "
                             "giải thích cách bật và dùng bản tạo không qua Excel.")] = False,
) -> None:
    from addin.build import build as build_files

    p = plan_in_use(plan, master, default_master=True)
    settings = {"master": str(master.resolve()) if master else "", "plan": str(plan.resolve()) if plan else ""}
    if with_excel:
        from addin.excel_build import build_with_excel

        built = build_with_excel(out, interpreter=interpreter)
        paths = built.paths
        for line in built.messages:
            console.print(line)
    else:
        paths = build_files(out, interpreter=interpreter, plan=p, settings=settings)
    for path in paths:
        console.print(f"Đã tạo: {path}")
    console.print("Cách cài và dùng: xem addin/README.md (mục 'xlwings cổ điển').")


@addin_app.command("lite", help="Xuất main.py và requirements.txt cho trình soạn thảo xlwings Lite "
                                "(Excel Microsoft 365 / 2021+ / Excel trên web, không cần cài Python).")
def lite(
    plan: PlanOption = None,
    out: OutOption = Path("addin-lite"),
    master: OptionalMasterOption = None,
) -> None:
    from addin.lite import export
    from workbook.plan_choice import choose_plan

    if master is None and plan is None and DEFAULT_MASTER.is_file():
        master = DEFAULT_MASTER
    for path in export(choose_plan(plan, master).source, out):
        console.print(f"Đã tạo: {path}")
    console.print("Chép nội dung hai tệp vào hai thẻ main.py và requirements.txt của xlwings Lite "
                  "(xem addin/README.md, mục 'xlwings Lite').")
