"""``bdg demo``: run the whole yearly cycle on sample data into one folder.

Each stage is a function ``(ctx) -> list[str]`` returning lines to print; stages run in order.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Callable

import typer

from cli.common import PlanOption, app, console
from bdg.plan import Plan
from bdg.plan_loader import PlanSource
from templates.plan_book.source import read_plan_source


@dataclass
class DemoContext:
    source: PlanSource
    out: Path
    made: list[Path] = field(default_factory=list)

    @property
    def plan(self) -> Plan:
        return self.source.plan

    @property
    def master(self) -> Path:
        return self.out / "master.xlsx"


def stage_plan_book(ctx: DemoContext) -> list[str]:
    """The plan as the workbook a plan officer edits; the master is then made from that workbook."""
    from templates.plan_book.source import book_data
    from templates.plan_book.write import write_plan_book

    data, notes = book_data(ctx.source.text)
    book = write_plan_book(data, ctx.out / "ke-hoach.xlsx", notes)
    ctx.source = read_plan_source(book)  # the Excel way: every later stage uses the plan read back from it
    ctx.made.append(book)
    return [f"Sổ kế hoạch (mở bằng Excel để xem, sửa): {book}"]


def stage_master(ctx: DemoContext) -> list[str]:
    from workbook.master import create_master

    create_master(ctx.plan, ctx.master, force=True, text=ctx.source.text)
    ctx.made.append(ctx.master)
    p = ctx.plan
    differing = [s.code for s in p.series if s.differences]
    return [
        f"Kế hoạch: {p.name} ({p.decision.number})",
        f"  {len(p.objectives)} mục tiêu, {len({(s.objective, s.target_no) for s in p.series})} chỉ tiêu, "
        f"{len(p.series)} dãy số liệu; {len(p.lead_agencies)} cơ quan chủ trì; {len(p.units)} đơn vị báo cáo.",
        f"  Phụ lục ghi khác văn bản ở {len(differing)} chỉ tiêu" + (f": {', '.join(differing)}." if differing else "."),
        f"Đã tạo sổ tổng hợp: {ctx.master}",
    ]


def stage_forms(ctx: DemoContext) -> list[str]:
    """Blank forms for one year, sample filled forms for the whole period, and their check."""
    from templates.intake.read import check_paths
    from templates.intake.problem_report import summary
    from templates.forms.sample import make_sample_forms
    from templates.forms.generate import write_forms

    p = ctx.plan
    year = min(p.milestones)
    forms = write_forms(p, year, ctx.out / "forms" / str(year))
    inbox = ctx.out / "inbox"
    filled = make_sample_forms(p, p.period.years, inbox)
    ctx.made.extend([ctx.out / "forms" / str(year), inbox])
    subs = check_paths([inbox], p)
    s = summary(subs)
    sample = sum(p.code == "sample-data" for sub in subs for p in sub.problems)
    return [
        f"Đã tạo {len(forms)} biểu mẫu năm {year}: {ctx.out / 'forms' / str(year)}",
        f"Đã tạo {len(filled)} biểu mẫu đã điền (dữ liệu mẫu, {p.period.start}–{p.period.end}): {inbox}",
        f"Kiểm tra (bdg check {inbox}): {s['files']} tệp, {s['readable']} đọc được; {s['errors']} lỗi ở "
        f"{s['files_with_errors']} tệp, {s['warnings']} cảnh báo (trong đó {sample} "
        f"cảnh báo 'dữ liệu mẫu'); {s['values']} giá trị hợp lệ.",
    ]


def stage_consolidate(ctx: DemoContext) -> list[str]:
    """Consolidate the sample forms of the whole period into the master; who was late or missing."""
    import datetime as dt

    from workbook.consolidation_summary import summary_lines
    from cli.status_cmd import status_lines
    from workbook.consolidate import consolidate
    from workbook.state import read_master
    from workbook.tracking import latest_year, year_status

    inbox = ctx.out / "inbox"
    result = consolidate(ctx.master, [inbox], ctx.plan)
    ctx.made.append(ctx.master.parent / "luu-tru")
    log = read_master(ctx.master, tables=("log",)).log
    year = latest_year(ctx.plan, log, dt.datetime.now())
    return ([f"Tổng hợp (bdg consolidate {inbox} --master {ctx.master}):"]
            + ["  " + line for line in summary_lines(result, detail_limit=0)]
            + [f"Tiến độ nộp (bdg status --year {year}):"]
            + ["  " + line for line in status_lines(year_status(ctx.plan, log, year, dt.datetime.now()))])


def stage_attainment(ctx: DemoContext) -> list[str]:
    """Attainment as consolidation left it in the master: the latest year and each milestone."""
    from bdg.attainment import STATUS_ORDER, assess_all, latest_year_with_data, objective_summary
    from workbook.observations import active_observations
    from workbook.state import read_master

    p = ctx.plan
    assessments = assess_all(p, active_observations(read_master(ctx.master, tables=("data",)), p))
    year = latest_year_with_data(p, assessments)
    counts = {st: sum(c[st] for c in objective_summary(p, assessments, year).values()) for st in STATUS_ORDER}
    province = [a for a in assessments if a.unit == p.province_unit.code and a.year == p.period.end]
    met = {m: sum(a.met.get(m) is True for a in province) for m in p.milestones}
    return [
        f"Đánh giá mức đạt (bdg attainment --master {ctx.master}), năm {year}: "
        + "; ".join(f"{st.label}: {n}" for st, n in counts.items()) + ".",
        "  Số chỉ tiêu đạt ở các mốc: " + "; ".join(f"năm {m}: {n}/{len(p.series)}" for m, n in met.items()) + ".",
        "  Xem trong sổ tổng hợp: trang Đánh giá (tô màu theo trạng thái), Đánh giá chi tiết (lời giải thích "
        "từng năm), Biểu đồ; cách đánh giá ở trang Hướng dẫn, mục 5.",
    ]


def stage_addin(ctx: DemoContext) -> list[str]:
    """The Excel add-in files, the xlwings Lite script, and one run of Kiểm tra biểu mẫu."""
    from addin.demo import stage_addin as run

    lines, made = run(ctx.source, ctx.out, ctx.out / "inbox", ctx.master)
    ctx.made.extend(made)
    return lines


def stage_reports(ctx: DemoContext) -> list[str]:
    """The annual report for the latest year with data and the mid-term review (docx, pdf, html)."""
    from bdg import office
    from bdg.errors import BdgError
    from report_builder.build import NO_OFFICE, latest_report_year, make_report

    out, lines, docs = ctx.out / "reports", [], []
    for kind, year in (("annual", latest_report_year(ctx.plan, ctx.master)), ("midterm", None)):
        try:
            result = make_report(ctx.plan, ctx.master, kind=kind, year=year, formats="docx,html", out_dir=out)
        except BdgError as exc:
            lines.append(f"Chưa lập được báo cáo ({kind}): {exc.message}")
            continue
        docs.append(result.paths[0])
        ctx.made.extend(result.paths)
        s = result.scope
        lines.append(f"{'Báo cáo năm ' + str(s.year) if not s.review else f'Báo cáo sơ kết {s.start} - {s.year}'}: "
                     f"{result.paths[0].stem}.docx, .html")
    if docs and office.available():  # one LibreOffice run for both PDFs
        ctx.made.extend(office.convert(docs, "pdf", out))
        lines.append(f"Bản PDF (LibreOffice): {', '.join(d.stem + '.pdf' for d in docs)}")
    elif docs:
        lines.append(f"Lưu ý: {NO_OFFICE}")
    return lines + [f"Các báo cáo trong: {out}"]


STAGES: list[Callable[[DemoContext], list[str]]] = [stage_plan_book, stage_master, stage_forms, stage_consolidate, stage_attainment,
                                                   stage_addin, stage_reports]


@app.command("demo", help="Chạy thử cả chu trình hằng năm trên dữ liệu mẫu (dữ liệu mẫu) vào một thư mục.")
def demo(
    plan: PlanOption = None,
    out: Annotated[Path, typer.Option("--out", help="Thư mục kết quả (sẽ được làm mới).")] = Path("demo-output"),
) -> None:
    ctx = DemoContext(read_plan_source(plan), out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for stage in STAGES:
        for line in stage(ctx):
            console.print(line)
    console.print(f"\n[bold]Xong.[/] Các tệp đã tạo trong '{out}':")
    for path in sorted({p for p in ctx.made}):
        console.print(f"  {path}")
