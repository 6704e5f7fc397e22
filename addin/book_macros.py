"""The macros that need only the open workbook's values — usable in xlwings Lite too.

*Kiểm tra biểu mẫu* works on the open form; *Tính mức đạt* works on the master file when there is
one (classic Excel, or a path in the control sheet), else on the open workbook's Số liệu.
:mod:`addin.macros` re-exports both with the file-based buttons.
"""

from __future__ import annotations

from addin import bookio, control
from addin.files import IN_LITE, master_path, plan_for, released
from addin.guard import Outcome, macro


def show_on_control(book, outcome: Outcome) -> None:
    control.report(book, outcome.title, outcome.lines, ok=outcome.ok, plan=outcome.plan)


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

    return run(book, plan_for(book, control.read(book)))


@macro("Tính mức đạt", show=show_on_control)
def attainment(book) -> Outcome:
    """Recompute attainment: in the master file when there is one, else in the open workbook."""
    ctl = control.read(book)
    plan = plan_for(book, ctl)
    year = ctl.year(required=False, plan=plan)
    from addin.summaries import attainment_lines

    if not IN_LITE and _has_master_file(book, ctl):
        from workbook.attainment_update import refresh_assessment

        master = master_path(book, ctl)
        with released(book, master) as reopened:
            assessments = refresh_assessment(master, plan, year=year)
        return Outcome("Tính mức đạt", attainment_lines(plan, assessments, year, where=str(master)),
                       book=reopened.book, plan=plan)
    from addin.in_book import refresh_in_book

    assessments = refresh_in_book(book, plan, year)
    return Outcome("Tính mức đạt", attainment_lines(plan, assessments, year, where=book.name), plan=plan)


def _has_master_file(book, ctl: control.Control) -> bool:
    here = bookio.local_path(book)
    return ctl.path("master") is not None or (here is not None and here.suffix.lower() == ".xlsx")
