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
    typer.Option("--plan", help="Tệp kế hoạch (.xlsx hoặc .yaml). Mặc định: kế hoạch gắn trong sổ tổng hợp (từ lệnh bdg "
                                "init); không có sổ thì kế hoạch kèm theo phần mềm.", dir_okay=False),
]
MasterOption = Annotated[
    Path,
    typer.Option("--master", help="Sổ tổng hợp (.xlsx); dùng kế hoạch gắn trong sổ.", dir_okay=False),
]
OptionalMasterOption = Annotated[
    Optional[Path],
    typer.Option("--master", help="Sổ tổng hợp (.xlsx) để lấy kế hoạch gắn trong sổ. Mặc định: master.xlsx "
                                  "trong thư mục hiện tại nếu có.", dir_okay=False),
]
DEFAULT_MASTER = Path("master.xlsx")


def warn_to_fill(plan) -> None:
    """Say which values a starting plan still needs from the province (``!can_dien``)."""
    from bdg.plan_fill import warning

    text = warning(list(plan.to_fill), plan.id)
    if text:
        err_console.print(f"Cảnh báo: {text}", soft_wrap=True, markup=False)


def plan_in_use(plan: Path | None, master: Path | None, *, default_master: bool = False):
    """The plan a command uses (:func:`workbook.plan_choice.choose_plan`); notes go to stderr.

    ``default_master``: with neither --plan nor --master, take the plan of ./master.xlsx if present.
    """
    from workbook.plan_choice import choose_plan

    if master is None and plan is None and default_master and DEFAULT_MASTER.is_file():
        from workbook.identity import NotAMasterError

        try:
            choice = choose_plan(None, DEFAULT_MASTER)
        except NotAMasterError:  # a master.xlsx that is not bdg's: not ours to use
            choice = choose_plan(None, None)
    else:
        choice = choose_plan(plan, master)
    if choice.note:
        err_console.print(f"Lưu ý: {choice.note}", highlight=False, markup=False)
    return choice.plan
