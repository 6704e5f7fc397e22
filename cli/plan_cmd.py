"""``bdg plan show``: the plan's catalogue as a table or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from bdg.catalogue import catalogue
from bdg.organisation import agency_spells, changes, former_text
from cli.common import DEFAULT_MASTER, MasterOption, PlanOption, app, console, plan_in_use, warn_to_fill
from bdg.numbers import fmt_target

plan_app = typer.Typer(help="Xem kế hoạch (mục tiêu, chỉ tiêu, chỉ tiêu từng mốc, cơ quan chủ trì) và sửa kế hoạch "
                            "gắn trong sổ tổng hợp.",
                       no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("show", help="In danh mục mục tiêu và chỉ tiêu của kế hoạch (bảng, hoặc JSON với --json).")
def show(
    plan: PlanOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="In dạng JSON (có mô tả cấu trúc trong tài liệu).")] = False,
    master: Annotated[Optional[Path], typer.Option("--master", help="Xem kế hoạch gắn trong sổ tổng hợp này.",
                                                   dir_okay=False)] = None,
) -> None:
    p = plan_in_use(plan, master)
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


@plan_app.command("update", help="Sửa kế hoạch gắn trong sổ tổng hợp bằng tệp kế hoạch đã sửa (cùng mã 'id'): "
                                 "in các thay đổi, kiểm tra tệp mới, ghi lại trang Chỉ tiêu và Đánh giá, ghi vào "
                                 "Nhật ký; sổ cũ được sao lưu. Cũng dùng để gắn kế hoạch vào sổ lập bằng phiên "
                                 "bản cũ.")
def update(
    new_file: Annotated[Path, typer.Argument(help="Tệp kế hoạch đã sửa (.xlsx hoặc .yaml).", dir_okay=False,
                                             show_default=False)],
    master: MasterOption = DEFAULT_MASTER,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ in các thay đổi, không ghi gì.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Vẫn cập nhật dù có số liệu đã nhập không còn được tính "
                                                        "(chỉ tiêu, đơn vị hay năm bị bỏ).")] = False,
) -> None:
    from workbook.plan_update import update_plan

    result = update_plan(Path(master), new_file, dry_run=dry_run, force=force)
    if not result.embedded_before:
        console.print(f"Sổ tổng hợp '{master}' chưa gắn kế hoạch; kế hoạch '{result.plan_id}' từ tệp '{new_file}' "
                      "sẽ được gắn vào sổ.", markup=False)
    if result.changes:
        console.print(f"Các thay đổi so với kế hoạch trong sổ ({len(result.changes)}):", markup=False)
        for line in result.changes:
            console.print(f"  • {line}", markup=False)
    elif result.embedded_before:
        console.print("Tệp kế hoạch không khác kế hoạch trong sổ: không có gì để cập nhật.")
    for line in result.orphans:
        console.print(f"Cảnh báo: số liệu không còn được tính — {line}", markup=False)
    if result.dry_run:
        console.print("Chạy thử (--dry-run): chưa ghi gì vào sổ tổng hợp.")
    elif result.written:
        console.print(f"Đã cập nhật sổ tổng hợp '{master}': trang Chỉ tiêu, kế hoạch gắn trong sổ, Đánh giá; "
                      "đã ghi vào Nhật ký.", markup=False)
        if result.backup:
            console.print(f"Bản cũ đã được sao lưu: {result.backup}", markup=False)


@plan_app.command("export", help="Chuyển kế hoạch giữa hai dạng: tệp bảng tính (.xlsx, sửa bằng Excel hoặc "
                                 "LibreOffice) và tệp YAML (.yaml). Nhận cả tên kế hoạch kèm theo phần mềm, ví dụ "
                                 "khung-tinh-2021-2030.")
def export(
    plan: Annotated[Path, typer.Option("--plan", help="Kế hoạch cần chuyển: tệp .xlsx hoặc .yaml, hoặc tên kế hoạch "
                                                      "kèm theo phần mềm.", dir_okay=False, show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="Tệp ghi ra: .xlsx (bảng tính) hoặc .yaml.", dir_okay=False,
                                      show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
) -> None:
    from bdg.errors import BdgError
    from templates.plan_book.source import export_plan

    if out.exists() and not force:
        raise BdgError(code="plan-export-exists", out=out)
    export_plan(plan, out)
    console.print(f"Đã ghi kế hoạch ra: {out}", markup=False)
    if out.suffix.lower() == ".xlsx":
        console.print("Mở tệp bằng Excel hoặc LibreOffice để sửa (xem trang Hướng dẫn); kiểm tra bằng: bdg plan show "
                      f"--plan {out}", markup=False)


@plan_app.command("draft", help="Lập bản nháp kế hoạch từ văn bản Quyết định/Kế hoạch (.docx, .pdf, .txt): mục tiêu, "
                                "chỉ tiêu, giá trị từng mốc, cơ quan chủ trì, Phụ lục; mỗi ô ghi câu nguồn và đánh "
                                "dấu chỗ cần xem lại.")
def draft(
    decision: Annotated[Path, typer.Argument(help="Văn bản Quyết định hoặc Kế hoạch (.docx, .pdf có lớp chữ, .txt).",
                                             dir_okay=False, show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="Tệp kết quả: sổ kế hoạch .xlsx (mở bằng Excel) hoặc .yaml.",
                                      dir_okay=False)] = Path("ke-hoach.xlsx"),
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có (mất các chỗ đã sửa trong tệp đó).")] = False,
) -> None:
    from bdg.errors import BdgError
    from templates.decision_draft import draft_decision

    if out.exists() and not force:
        raise BdgError(code="plan-export-exists", out=out)
    result = draft_decision(decision, out)
    console.print(f"Đã lập bản nháp '{result.out}' từ '{decision}': {result.objectives} mục tiêu, {result.series} "
                  f"dãy số liệu; {len(result.to_review)} dãy có ô cần xem lại"
                  f"{': ' + ', '.join(result.to_review) if result.to_review else ''} "
                  f"({result.reviews} ô đánh dấu cả thảy).", markup=False, soft_wrap=True)
    plan_option = f"--plan {result.out}"
    if result.out.suffix.lower() == ".xlsx":
        console.print(f"Bước tiếp theo: mở tệp trong Excel, xem các ô tô màu, rồi bdg init {plan_option}", markup=False,
                      soft_wrap=True)  # a path is never broken inside
    else:
        console.print(f"Bước tiếp theo: xem các giá trị đánh dấu !can_dien trong tệp, rồi bdg init {plan_option}",
                      markup=False, soft_wrap=True)
