"""``bdg init``: build a new master workbook from the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import DEFAULT_MASTER, PlanOption, app, console, warn_to_fill
from bdg.plan_loader import load_plan
from workbook.master import create_master


@app.command("init", help="Tạo sổ tổng hợp (.xlsx) mới theo kế hoạch: Hướng dẫn, Chỉ tiêu, Số liệu, "
                          "Đánh giá, Tiến độ nộp, Nhật ký.")
def init(
    plan: PlanOption = None,
    out: Annotated[Path, typer.Option("--out", help="Đường dẫn sổ tổng hợp sẽ tạo.", dir_okay=False)] = DEFAULT_MASTER,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè sổ đã có (bản cũ được sao lưu).")] = False,
) -> None:
    p = load_plan(plan)
    warn_to_fill(p)
    backup = create_master(p, out, force=force)
    console.print(f"Đã tạo sổ tổng hợp: {out}")
    if backup:
        console.print(f"Bản cũ đã được sao lưu: {backup}")
