"""``bdg attainment``: recompute attainment in the master and print it for one year."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from bdg.attainment import STATUS_ORDER, Status, latest_year_with_data, objective_summary
from cli.common import DEFAULT_MASTER, MasterOption, PlanOption, app, console
from bdg.numbers import fmt_number, fmt_target, fmt_value
from bdg.plan_loader import load_plan

STATUS_STYLE = {
    Status.MET: "bold green",
    Status.ON_TRACK: "blue",
    Status.BEHIND: "yellow",
    Status.AT_RISK: "red",
    Status.NOT_MET: "bold red",
    Status.NO_DATA: "dim",
}


@app.command("attainment", help="Đánh giá mức đạt chỉ tiêu từ số liệu trong sổ tổng hợp: tính lại, ghi vào "
                                "trang Đánh giá, Đánh giá chi tiết và Biểu đồ của sổ, rồi in bảng kết quả "
                                "toàn tỉnh và tổng hợp theo mục tiêu của một năm.")
def attainment(
    year: Annotated[Optional[int], typer.Option(
        "--year", help="Năm cần in kết quả (và tổng hợp theo mục tiêu trong sổ). Mặc định: năm gần nhất có "
                       "số liệu.")] = None,
    master: MasterOption = DEFAULT_MASTER,
    plan: PlanOption = None,
) -> None:
    from workbook.attainment_update import refresh_assessment

    p = load_plan(plan)
    result = refresh_assessment(Path(master), p, year=year)
    shown = year if year is not None else latest_year_with_data(p, result)
    province = p.province_unit.code
    rows = [a for a in result if a.unit == province and a.year == shown]

    table = Table(title=f"Mức đạt chỉ tiêu năm {shown} — {p.province_unit.name_in(shown)}",
                  header_style="bold", show_lines=False)
    for name, kwargs in (("Mã", {}), ("Chỉ tiêu", {"max_width": 48}), ("Giá trị", {"justify": "right"}),
                         ("Chỉ tiêu mốc", {}), ("% chỉ tiêu", {"justify": "right"}), ("Trạng thái", {})):
        table.add_column(name, **kwargs)
    for a in rows:
        s = p.series_by_code(a.code)
        target = fmt_target(s, a.target) + (f" ({a.milestone})" if a.milestone else "")
        pct = "" if a.pct_of_target is None else f"{fmt_number(a.pct_of_target, 1)}%"
        table.add_row(a.code, s.name, fmt_value(s, a.value), target, pct,
                      f"[{STATUS_STYLE[a.status]}]{a.status.label}[/]")
    console.print(table)

    summary = objective_summary(p, result, shown)
    by_objective = Table(title=f"Tổng hợp theo mục tiêu năm {shown} (số chỉ tiêu)", header_style="bold")
    by_objective.add_column("Mục tiêu")
    for st in STATUS_ORDER:
        by_objective.add_column(f"[{STATUS_STYLE[st]}]{st.label}[/]", justify="right")
    for number, counts in summary.items():
        by_objective.add_row(str(number), *[str(counts[st]) for st in STATUS_ORDER])
    by_objective.add_row("Cộng", *[str(sum(c[st] for c in summary.values())) for st in STATUS_ORDER],
                         style="bold")
    console.print(by_objective)
    console.print(f"Đã cập nhật sổ tổng hợp '{master}': trang Đánh giá, Đánh giá chi tiết và Biểu đồ. "
                  "Cách đánh giá: trang Hướng dẫn, mục 5.")
