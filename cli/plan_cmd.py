"""``bdg plan show``: the plan's catalogue as a table or as JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from bdg.catalogue import catalogue
from bdg.organisation import agency_spells, changes, former_text
from cli.common import PlanOption, app, console, warn_to_fill
from bdg.numbers import fmt_target
from bdg.plan_loader import load_plan

plan_app = typer.Typer(help="Xem kế hoạch: mục tiêu, chỉ tiêu, chỉ tiêu từng mốc, cơ quan chủ trì.",
                       no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("show", help="In danh mục mục tiêu và chỉ tiêu của kế hoạch (bảng, hoặc JSON với --json).")
def show(
    plan: PlanOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="In dạng JSON (có mô tả cấu trúc trong tài liệu).")] = False,
) -> None:
    p = load_plan(plan)
    warn_to_fill(p)
    if as_json:
        print(json.dumps(catalogue(p), ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{p.name}[/]")
    console.print(f"{p.decision.number} ngày {p.decision.date:%d/%m/%Y} — {p.decision.issuer}")
    console.print(f"Giai đoạn {p.period.start}–{p.period.end}; các mốc: "
                  f"{', '.join(map(str, p.milestones))}; hạn báo cáo hằng năm: "
                  f"{p.report_deadline.day:02d}/{p.report_deadline.month:02d}; "
                  f"cơ quan tổng hợp: {_coordinator(p)}")
    table = Table(show_lines=False, header_style="bold")
    table.add_column("Mã", no_wrap=True)
    table.add_column("Chỉ tiêu", min_width=24)
    table.add_column("Đơn vị tính", max_width=12)
    for m in p.milestones:
        table.add_column(f"Chỉ tiêu {m}", no_wrap=True)
    table.add_column("Chủ trì", max_width=14)
    table.add_column("Khác PL", no_wrap=True)
    for o in p.objectives:
        table.add_row("", f"[bold]Mục tiêu {o.number}: {o.title}[/]", *[""] * (len(p.milestones) + 3))
        for s in p.series_of(o.number):
            table.add_row(s.code, s.name, s.unit, *[fmt_target(s, s.target(m), unit=s.unit == "%") for m in p.milestones],
                          _lead(p, s), "có" if s.differences else "")
    console.print(table)
    differing = [s.code for s in p.series if s.differences]
    console.print(f"{len(p.objectives)} mục tiêu, {len({(s.objective, s.target_no) for s in p.series})} chỉ tiêu, "
                  f"{len(p.series)} dãy số liệu ({sum(s.is_qualitative for s in p.series)} định tính); "
                  f"{len(differing)} chỉ tiêu có Phụ lục khác văn bản: {', '.join(differing) or 'không'}.")
    moved = changes(p)
    if moved:
        console.print("[bold]Thay đổi tổ chức trong giai đoạn:[/]")
        for line in moved:
            console.print(f"  - {line}", markup=False)


def _coordinator(p) -> str:
    end = p.period.end
    former = former_text(p, agency_spells(p, p.coordinator), end, short=False)
    return p.agency_in(p.coordinator, end).name_in(end) + (f" ({former})" if former else "")


def _lead(p, s) -> str:
    """The series' lead at the end of the period and, if the duties changed hands, the former."""
    end = p.period.end
    former = former_text(p, p.lead_history(s), end)
    return p.agency(p.lead_in(s, end)).short_in(end) + (f" ({former})" if former else "")
