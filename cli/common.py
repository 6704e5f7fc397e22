"""Shared pieces of the command line: the app, consoles and common options."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

app = typer.Typer(
    name="bdg",
    help="bdg — theo dõi Kế hoạch bình đẳng giới bằng Excel: kế hoạch, biểu mẫu, kiểm tra, "
         "tổng hợp, đánh giá mức đạt và báo cáo.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False)

PlanOption = Annotated[
    Optional[Path],
    typer.Option("--plan", help="Tệp kế hoạch (YAML). Mặc định: kế hoạch kèm theo phần mềm.",
                 dir_okay=False),
]
MasterOption = Annotated[
    Path,
    typer.Option("--master", help="Sổ tổng hợp (.xlsx).", dir_okay=False),
]
DEFAULT_MASTER = Path("master.xlsx")


def warn_to_fill(plan) -> None:
    """Say which values a starting plan still needs from the province (``!can_dien``)."""
    from bdg.plan_fill import warning

    text = warning(list(plan.to_fill), plan.id)
    if text:
        err_console.print(f"Cảnh báo: {text}", soft_wrap=True, markup=False)
