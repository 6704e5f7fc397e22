"""``bdg forms``: write the yearly Excel forms for the agencies."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import PlanOption, app, console, warn_to_fill
from bdg.plan_loader import load_plan


@app.command("forms", help="Tạo biểu mẫu Excel (.xlsx) năm Y cho các cơ quan chủ trì: mỗi cơ quan một tệp, "
                           "thêm một tệp cho mỗi huyện, thành phố nếu chỉ tiêu báo cáo theo địa bàn.")
def forms(
    year: Annotated[int, typer.Option("--year", help="Năm báo cáo, ví dụ 2015.")],
    agency: Annotated[Optional[str], typer.Option("--agency", help="Chỉ tạo cho một cơ quan (mã, ví dụ SYT).")] = None,
    out: Annotated[Path, typer.Option("--out", help="Thư mục ghi biểu mẫu.", file_okay=False)] = Path("bieu-mau"),
    plan: PlanOption = None,
) -> None:
    from templates.forms.generate import write_forms

    p = load_plan(plan)
    warn_to_fill(p)
    paths = write_forms(p, year, out, agency=agency)
    console.print(f"Đã tạo {len(paths)} biểu mẫu năm {year} trong '{out}':")
    for path in paths:
        console.print(f"  {path.name}")
    console.print(f"Gửi mỗi tệp cho cơ quan tương ứng; hạn nộp {p.deadline(year):%d/%m/%Y}.")
