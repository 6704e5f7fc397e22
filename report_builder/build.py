"""Write a report from a master workbook: .docx (docxtpl), .html (jinja2), .pdf (LibreOffice).

:func:`make_report` is the one operation the front doors call. PDF is made from the .docx by
LibreOffice headless (a private profile per run, output checked); when LibreOffice is not
installed the other formats are still written and a Vietnamese note says why there is no PDF.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bdg import office
from bdg.errors import BdgError
from bdg.plan import Plan, ReportSettings
from report_builder.context import build_context
from report_builder.facts import load_facts
from report_builder.render_docx import render_docx
from report_builder.scope import ReportKind, Scope, make_scope
from workbook.identity import master_identity
from workbook.state import read_master
from workbook.layout import NAME_PLAN_ID

FORMATS = ("docx", "pdf", "html")
NO_OFFICE = ("Chưa cài LibreOffice nên chưa tạo được bản PDF; các bản khác đã được tạo. "
             "Cài LibreOffice (gói libreoffice-writer) rồi chạy lại lệnh để có bản PDF, "
             "hoặc mở tệp .docx bằng Word và chọn Lưu thành PDF.")


@dataclass
class ReportResult:
    scope: Scope
    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Vietnamese notes for the user (e.g. no PDF)


def parse_formats(text: str | list[str] | tuple[str, ...]) -> list[str]:
    items = text.split(",") if isinstance(text, str) else list(text)
    wanted = [i.strip().lower().lstrip(".") for i in items if i and i.strip()]
    bad = [w for w in wanted if w not in FORMATS]
    if bad or not wanted:
        raise BdgError(code="report-format-invalid", formats=", ".join(bad) or text)
    return list(dict.fromkeys(wanted))


def check_master(plan: Plan, master: Path) -> None:
    ident = master_identity(Path(master))
    found = ident.get(NAME_PLAN_ID)
    if found and found != plan.id:
        raise BdgError(code="master-plan-mismatch", master=master, found=found, expected=plan.id)


def latest_report_year(plan: Plan, master: Path) -> int:
    """The latest year with any province value in the master (the period's first year if none)."""
    from bdg.attainment import latest_year_with_data

    facts = load_facts(plan, read_master(Path(master)))
    return latest_year_with_data(plan, facts.assessments)


def make_report(plan: Plan, master: Path, *, kind: ReportKind | str = ReportKind.ANNUAL, year: int | None = None,
                formats: list[str] | str = FORMATS, out_dir: Path = Path("."), template: Path | None = None,
                html_template: Path | None = None, settings: ReportSettings | None = None,
                when: dt.date | None = None, number: str | None = None, require_pdf: bool = False,
                charts: bool = True) -> ReportResult:
    """Build one report; ``require_pdf`` turns a missing LibreOffice into an error."""
    formats = parse_formats(formats)
    scope = make_scope(plan, kind, year)
    check_master(plan, master)
    state = read_master(Path(master))
    facts = load_facts(plan, state)
    context = build_context(plan, facts, state, scope, settings, when=when, number=number, charts=charts)
    out_dir = Path(out_dir)
    result = ReportResult(scope)
    stem = scope.file_stem
    docx = None
    if "docx" in formats:
        docx = render_docx(context, out_dir / f"{stem}.docx", template)
        result.paths.append(docx)
    if "pdf" in formats:
        if not office.available():
            if require_pdf:
                raise BdgError(NO_OFFICE)
            result.notes.append(NO_OFFICE)
        elif docx is not None:
            result.paths += office.convert(docx, "pdf", out_dir)
        else:
            with tempfile.TemporaryDirectory(prefix="bdg-report-") as tmp:
                source = render_docx(context, Path(tmp) / f"{stem}.docx", template)
                result.paths += office.convert(source, "pdf", out_dir)
    if "html" in formats:
        from report_builder.render_html import render_html  # only what HTML needs, when asked for

        result.paths.append(render_html(context, out_dir / f"{stem}.html", html_template))
    return result
