"""``bdg init``: build a new master workbook from the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import DEFAULT_MASTER, PlanOption, app, console, warn_to_fill


@app.command("init", help="Tạo sổ tổng hợp (.xlsx) mới theo kế hoạch: Hướng dẫn, Chỉ tiêu, Số liệu, "
                          "Đánh giá, Tiến độ nộp, Nhật ký; kế hoạch được gắn vào sổ.")
def init(
    plan: PlanOption = None,
    out: Annotated[Path, typer.Option("--out", help="Đường dẫn sổ tổng hợp sẽ tạo.", dir_okay=False)] = DEFAULT_MASTER,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè sổ đã có (bản cũ được sao lưu).")] = False,
) -> None:
    from templates.plan_book.source import read_plan_source
    from workbook.master import create_master

    source = read_plan_source(plan)
    warn_to_fill(source.plan)
    backup = create_master(source.plan, out, force=force, text=source.text)
    console.print(f"Đã tạo sổ tổng hợp: {out}")
    console.print(f"Kế hoạch '{source.plan.id}' ({source.plan.name}) đã được gắn vào sổ: các lệnh có --master "
                  f"{out} dùng kế hoạch này, không cần --plan.")
    if backup:
        console.print(f"Bản cũ đã được sao lưu: {backup}")
