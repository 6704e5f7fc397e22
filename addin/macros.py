"""The Excel buttons: each macro is a function of an ``xw.Book``, a thin adapter over the core.

Called from VBA as ``RunPython("import addin.macros as m; m.check_form()")`` (the book is then
the active workbook), from xlwings Lite / Server through the ``@script`` entry points of the
exported main.py, and from tests with a remote-engine book. Every macro catches every error and
shows a Vietnamese message (a sheet in the workbook and an alert), never a traceback.

======================  =====================  ===============================================
Button                  Function               Core operation
======================  =====================  ===============================================
Kiểm tra biểu mẫu       :func:`check_form`     templates.intake.read.read_form_values
Tổng hợp                :func:`consolidate`    workbook.consolidate.consolidate
Tính mức đạt            :func:`attainment`     workbook.attainment_update.refresh_assessment
Xuất báo cáo            :func:`report`         report_builder.build.make_report
Tạo biểu mẫu            :func:`make_forms`     templates.forms.generate.write_forms
======================  =====================  ===============================================
"""

from __future__ import annotations

from pathlib import Path

from addin import bookio, control
from addin.book_macros import attainment, check_form, show_on_control  # noqa: F401 — buttons
from addin.files import folder_setting, master_path, plan_for, released, require_files
from addin.guard import Outcome, macro


@macro("Tổng hợp", show=show_on_control)
def consolidate(book, folder: str | None = None) -> Outcome:
    """Import every form of the inbox folder (setting or ``folder``) into the master."""
    from workbook.consolidate import consolidate as core_consolidate

    require_files("Tổng hợp", "bdg consolidate --master SỔ.xlsx THƯ_MỤC_BIỂU_MẪU")
    ctl = control.read(book)
    plan = plan_for(book, ctl)
    inbox = Path(folder) if folder else folder_setting(book, ctl, "inbox")
    master = master_path(book, ctl)
    with released(book, master) as reopened:
        result = core_consolidate(master, [inbox], plan)
    from addin.summaries import consolidation_lines

    ok, lines = consolidation_lines(result)
    title = ("Tổng hợp: hoàn tất" if ok else
             "Tổng hợp: hoàn tất, có tệp bị bỏ qua (không phải biểu mẫu)" if result.exit_code == 3 else
             "Tổng hợp: hoàn tất, có tệp hoặc giá trị bị từ chối")
    return Outcome(title, lines, ok=ok, book=reopened.book, plan=plan)


@macro("Xuất báo cáo", show=show_on_control)
def report(book, year: int | None = None) -> Outcome:
    """Write the report (docx, pdf when LibreOffice is installed, html) for the year in the settings."""
    from report_builder.build import make_report

    from addin.summaries import report_kind

    require_files("Xuất báo cáo", "bdg report --master SỔ.xlsx --year NĂM")
    ctl = control.read(book)
    plan = plan_for(book, ctl)
    master = master_path(book, ctl)
    kind = report_kind(ctl)
    year = year or ctl.year(required=kind == "annual", plan=plan)
    out = folder_setting(book, ctl, "out", default=master.parent, must_exist=False)
    out.mkdir(parents=True, exist_ok=True)
    result = make_report(plan, master, kind=kind, year=year, out_dir=out)
    lines = [f"Đã ghi báo cáo vào thư mục: {out}"] + [f"- {p.name}" for p in result.paths] + list(result.notes)
    return Outcome("Xuất báo cáo", lines, plan=plan)


@macro("Tạo biểu mẫu", show=show_on_control)
def make_forms(book, year: int | None = None) -> Outcome:
    """Write the agencies' forms for the year in the settings (one agency if the setting names one)."""
    from templates.forms.generate import write_forms

    require_files("Tạo biểu mẫu", "bdg forms --year NĂM --out THƯ_MỤC")
    ctl = control.read(book)
    plan = plan_for(book, ctl)
    year = year or ctl.year(plan=plan)
    base = _default_out(book, ctl)
    out = folder_setting(book, ctl, "out", default=base, must_exist=False) / f"bieu-mau-{year}"
    paths = write_forms(plan, year, out, agency=ctl.text("agency"))
    lines = [f"Đã tạo {len(paths)} biểu mẫu năm {year} trong thư mục: {out}"]
    lines += [f"- {p.name}" for p in paths[:20]]
    if len(paths) > 20:
        lines.append(f"... và {len(paths) - 20} tệp khác.")
    return Outcome("Tạo biểu mẫu", lines, plan=plan)


def _default_out(book, ctl: control.Control) -> Path | None:
    try:
        return master_path(book, ctl).parent
    except control.SettingError:
        here = bookio.local_path(book)
        return here.parent if here else None
