"""``bdg report``: write the annual report or the mid-term / final review from the master."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import DEFAULT_MASTER, MasterOption, PlanOption, app, console, err_console
from bdg.errors import BdgError
from bdg.plan_loader import load_plan

KIND_HELP = "Loại báo cáo: annual (báo cáo năm), midterm (sơ kết giữa kỳ), final (tổng kết cả giai đoạn)."


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise BdgError(f"Ngày '{text}' không đúng dạng ngày/tháng/năm (ví dụ 05/11/2020).")


@app.command("report", help="Lập báo cáo tổng hợp (Word, PDF, HTML) theo thể thức Nghị định 30/2020/NĐ-CP "
                            "từ sổ tổng hợp: báo cáo năm, sơ kết hoặc tổng kết.")
def report(
    year: Annotated[Optional[int], typer.Option("--year", help="Năm báo cáo (sơ kết, tổng kết: năm mốc; "
                                                "bỏ trống thì lấy mốc của kế hoạch).")] = None,
    kind: Annotated[str, typer.Option("--kind", help=KIND_HELP)] = "annual",
    formats: Annotated[Optional[str], typer.Option("--format", help="Các định dạng, cách nhau bởi dấu phẩy: docx, "
                                                   "pdf, html (mặc định cả ba; PDF cần LibreOffice).")] = None,
    out: Annotated[Path, typer.Option("--out", help="Thư mục ghi báo cáo.", file_okay=False)] = Path("bao-cao"),
    template: Annotated[Optional[Path], typer.Option("--template", help="Mẫu Word (.docx) riêng của đơn vị, "
                                                     "sửa từ templates/report/bao-cao.docx.",
                                                     dir_okay=False)] = None,
    html_template: Annotated[Optional[Path], typer.Option("--html-template", help="Mẫu HTML (Jinja2) riêng.",
                                                          dir_okay=False)] = None,
    settings: Annotated[Optional[Path], typer.Option("--settings", help="Tệp YAML thay các mục của phần report "
                                                     "trong kế hoạch (người ký, nơi nhận, số hiệu…).",
                                                     dir_okay=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Ngày ký (ngày/tháng/năm); bỏ trống để điền "
                                                "tay.")] = None,
    number: Annotated[Optional[str], typer.Option("--number", help="Số văn bản (phần trước "
                                                  "'/BC-…'); bỏ trống để điền tay.")] = None,
    no_charts: Annotated[bool, typer.Option("--no-charts", help="Không vẽ biểu đồ (lập bản nháp nhanh hơn).")] = False,
    master: MasterOption = DEFAULT_MASTER,
    plan: PlanOption = None,
) -> None:
    from report_builder.build import make_report
    from report_builder.settings import load_settings

    p = load_plan(plan)
    # PDF asked for by name must be made; by default it is skipped (with a note) without LibreOffice
    result = make_report(p, master, kind=kind, year=year, formats=formats or "docx,pdf,html", out_dir=out,
                         template=template, html_template=html_template, settings=load_settings(p, settings) if settings else None,
                         when=parse_date(date), number=number, require_pdf=formats is not None,
                         charts=not no_charts)
    s = result.scope
    what = f"báo cáo năm {s.year}" if not s.review else f"{s.kind.label} giai đoạn {s.start} - {s.year}"
    console.print(f"Đã lập {what} từ sổ '{master}':", soft_wrap=True)
    for path in result.paths:
        console.print(f"  {path}", soft_wrap=True, markup=False)
    for note in result.notes:
        err_console.print(f"Lưu ý: {note}")
