"""``bdg check``: validate filled forms; exit 0 (no errors), 1 (errors), 2 (nothing readable / usage)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import OptionalMasterOption, PlanOption, app, console, err_console, plan_in_use


@app.command("check", help="Kiểm tra biểu mẫu đã điền (.xlsx, .xlsm, .xls, .ods; tệp hoặc thư mục): "
                           "báo từng lỗi theo tệp, trang tính, ô và cách sửa. Mã thoát: 0 không có lỗi, "
                           "1 có lỗi, 2 không đọc được tệp nào.")
def check(
    paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục chứa biểu mẫu.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    xlsx_report: Annotated[Optional[Path], typer.Option("--xlsx-report", help="Ghi báo cáo kết quả kiểm tra "
                                                        "(.xlsx) để gửi lại cơ quan.", dir_okay=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="Chỉ nhận biểu mẫu của năm này.")] = None,
    agency: Annotated[Optional[str], typer.Option("--agency", help="Chỉ nhận biểu mẫu của cơ quan này (mã).")] = None,
    show_ok: Annotated[bool, typer.Option("--all", help="Liệt kê cả các tệp không có lỗi.")] = False,
    plan: PlanOption = None,
    master: OptionalMasterOption = None,
) -> None:
    from templates.intake.read import check_paths, expand_paths
    from cli.problem_console import console_renderables
    from templates.intake.problem_report import dumps, write_problem_report

    p = plan_in_use(plan, master, default_master=True)
    if not expand_paths(paths):
        err_console.print("Không tìm thấy biểu mẫu nào (.xlsx, .xlsm, .xls, .ods) trong các đường dẫn đã cho.")
        raise typer.Exit(2)
    submissions = check_paths(paths, p, year=year, agency=agency)
    if as_json:
        sys.stdout.write(dumps(submissions) + "\n")
    else:
        for item in console_renderables(submissions, show_ok=show_ok):
            console.print(item)
    if xlsx_report is not None:
        write_problem_report(submissions, xlsx_report)
        (err_console if as_json else console).print(f"Đã ghi báo cáo kết quả kiểm tra: {xlsx_report}")
    raise typer.Exit(exit_code(submissions))


def exit_code(submissions) -> int:
    if not any(s.readable for s in submissions):
        return 2
    return 1 if any(s.errors for s in submissions) else 0
