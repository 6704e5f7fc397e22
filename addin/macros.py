"""The Excel buttons: each macro is a function of an ``xw.Book``, a thin adapter over the core.

Called from VBA as ``RunPython("import addin.macros as m; m.check_form()")`` (the book is then
the active workbook), from xlwings Lite / Server through the ``@script`` entry points of the
exported main.py, and from tests with a remote-engine book. Every macro catches every error and
shows a Vietnamese message (a sheet in the workbook and an alert), never a traceback.

======================  =====================  ===============================================
Button                  Function               Core operation
======================  =====================  ===============================================
Kiểm tra biểu mẫu       :func:`check_form`     templates.intake.read_form_values
Tổng hợp                :func:`consolidate`    workbook.consolidate.consolidate
Tính mức đạt            :func:`attainment`     workbook.attainment_update.refresh_assessment
Xuất báo cáo            :func:`report`         report_builder.build.make_report
Tạo biểu mẫu            :func:`make_forms`     templates.forms.write_forms
======================  =====================  ===============================================
"""

from __future__ import annotations

from pathlib import Path

from addin import bookio, control
from addin.files import folder_setting, master_path, plan_for, released, require_files
from addin.guard import Outcome, macro


def _show_on_control(book, outcome: Outcome) -> None:
    control.report(book, outcome.title, outcome.lines, ok=outcome.ok)


def _show_check(book, outcome: Outcome) -> None:
    """A successful check wrote its own sheet; a failed one says why on that sheet."""
    if not outcome.failed:
        return
    from addin.check import RESULT_SHEET

    sheet, created = bookio.ensure_sheet(book, RESULT_SHEET)
    if not created:
        sheet.clear()
    bookio.write_rows(sheet, "A1", [[outcome.title], *[[line] for line in outcome.lines]])
    sheet["A1"].color = bookio.ERROR_FILL


@macro("Kiểm tra biểu mẫu", show=_show_check)
def check_form(book) -> Outcome:
    """Check the open form; mark its problem cells and list them on "Kết quả kiểm tra"."""
    from addin.check import run

    return run(book, plan_for(control.read(book)))


@macro("Tổng hợp", show=_show_on_control)
def consolidate(book, folder: str | None = None) -> Outcome:
    """Import every form of the inbox folder (setting or ``folder``) into the master."""
    from workbook.consolidate import consolidate as core_consolidate

    require_files("Tổng hợp", "bdg consolidate --master SỔ.xlsx THƯ_MỤC_BIỂU_MẪU")
    ctl = control.read(book)
    plan = plan_for(ctl)
    inbox = Path(folder) if folder else folder_setting(book, ctl, "inbox")
    master = master_path(book, ctl)
    with released(book, master) as reopened:
        result = core_consolidate(master, [inbox], plan)
    from addin.summaries import consolidation_lines

    ok, lines = consolidation_lines(result, master, inbox)
    return Outcome("Tổng hợp", lines, ok=ok, book=reopened.book)


@macro("Tính mức đạt", show=_show_on_control)
def attainment(book) -> Outcome:
    """Recompute attainment: in the master file when there is one, else in the open workbook."""
    ctl = control.read(book)
    plan = plan_for(ctl)
    year = ctl.year(required=False)
    from addin.summaries import attainment_lines

    if _has_master_file(book, ctl):
        from workbook.attainment_update import refresh_assessment

        master = master_path(book, ctl)
        with released(book, master) as reopened:
            assessments = refresh_assessment(master, plan, year=year)
        return Outcome("Tính mức đạt", attainment_lines(plan, assessments, year, where=str(master)),
                       book=reopened.book)
    from addin.in_book import refresh_in_book

    assessments = refresh_in_book(book, plan, year)
    return Outcome("Tính mức đạt", attainment_lines(plan, assessments, year, where=book.name))


@macro("Xuất báo cáo", show=_show_on_control)
def report(book, year: int | None = None) -> Outcome:
    """Write the report (docx, pdf when LibreOffice is installed, html) for the year in the settings."""
    from report_builder.build import make_report

    from addin.summaries import report_kind

    require_files("Xuất báo cáo", "bdg report --master SỔ.xlsx --year NĂM")
    ctl = control.read(book)
    plan = plan_for(ctl)
    kind = report_kind(ctl)
    year = year or ctl.year(required=kind == "annual")
    master = master_path(book, ctl)
    out = folder_setting(book, ctl, "out", default=master.parent, must_exist=False)
    out.mkdir(parents=True, exist_ok=True)
    result = make_report(plan, master, kind=kind, year=year, out_dir=out)
    lines = [f"Đã ghi báo cáo vào thư mục: {out}"] + [f"- {p.name}" for p in result.paths] + list(result.notes)
    return Outcome("Xuất báo cáo", lines)


@macro("Tạo biểu mẫu", show=_show_on_control)
def make_forms(book, year: int | None = None) -> Outcome:
    """Write the agencies' forms for the year in the settings (one agency if the setting names one)."""
    from templates.forms import write_forms

    require_files("Tạo biểu mẫu", "bdg forms --year NĂM --out THƯ_MỤC")
    ctl = control.read(book)
    plan = plan_for(ctl)
    year = year or ctl.year()
    base = _default_out(book, ctl)
    out = folder_setting(book, ctl, "out", default=base, must_exist=False) / f"bieu-mau-{year}"
    paths = write_forms(plan, year, out, agency=ctl.text("agency"))
    lines = [f"Đã tạo {len(paths)} biểu mẫu năm {year} trong thư mục: {out}"]
    lines += [f"- {p.name}" for p in paths[:20]]
    if len(paths) > 20:
        lines.append(f"... và {len(paths) - 20} tệp khác.")
    return Outcome("Tạo biểu mẫu", lines)


def _has_master_file(book, ctl: control.Control) -> bool:
    here = bookio.local_path(book)
    return ctl.path("master") is not None or (here is not None and here.suffix.lower() == ".xlsx")


def _default_out(book, ctl: control.Control) -> Path | None:
    try:
        return master_path(book, ctl).parent
    except control.SettingError:
        here = bookio.local_path(book)
        return here.parent if here else None
