"""``bdg check``: validate filled forms; exit 0 (no errors), 1 (errors), 2 (nothing readable / usage),
3 (no errors, but files in the folder skipped: not spreadsheets bdg reads)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import OptionalMasterOption, PlanOption, app, console, err_console, plan_in_use


@app.command("check", help="Kiểm tra biểu mẫu đã điền (.xlsx, .xlsm, .xls, .ods; tệp hoặc thư mục): "
                           "báo từng lỗi theo tệp, trang tính, ô và cách sửa; mọi tệp khác trong thư mục (PDF, "
                           "ảnh, .xlsb, tệp nén, tệp tạm của Excel…) được nêu tên kèm lý do không đọc. Mã thoát: "
                           "0 không có lỗi, 1 có lỗi, 2 không đọc được tệp nào, 3 không có lỗi nhưng có tệp bị "
                           "bỏ qua.")
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
    from bdg.errors import BdgError
    from templates.intake.read import check_paths, expand_paths
    from cli.problem_console import console_renderables
    from templates.intake.problem_report import dumps, exit_code, write_problem_report

    p = plan_in_use(plan, master, default_master=True)
    own = [f for f in (master, xlsx_report) if f is not None]  # bdg's own files, should they sit in the folder
    if not expand_paths(paths, own=own):
        raise BdgError(code="no-forms-found", paths=", ".join(str(p) for p in paths))
    submissions = check_paths(paths, p, year=year, agency=agency, own=own)
    if as_json:
        sys.stdout.write(dumps(submissions) + "\n")
    else:
        for item in console_renderables(submissions, show_ok=show_ok):
            console.print(item)
    if xlsx_report is not None:
        write_problem_report(submissions, xlsx_report)
        (err_console if as_json else console).print(f"Đã ghi báo cáo kết quả kiểm tra: {xlsx_report}")
    raise typer.Exit(exit_code(submissions))

