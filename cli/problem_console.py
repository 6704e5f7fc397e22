"""The console rendering of intake problems (rich tables grouped by file) for ``bdg check``."""

from __future__ import annotations


from rich.table import Table
from rich.text import Text

from bdg.submission import SEVERITY_LABELS, Submission
from templates.intake.inbox import shown_name
from templates.intake.problem_report import file_status, summary_line


def console_renderables(submissions: list[Submission], *, show_ok: bool = False) -> list:
    """rich renderables: per file a heading and a table of its problems; then the summary."""
    out: list = []
    for sub in submissions:
        if not sub.problems and not show_ok:
            continue
        status = file_status(sub)
        style = {"Đạt": "green", "Có cảnh báo": "yellow"}.get(status, "red")
        who = f" — {sub.meta.agency}, {sub.meta.unit}, năm {sub.meta.year}" if sub.meta else ""
        out.append(Text.assemble(("Tệp: ", "bold"), (shown_name(sub.path), "bold"), who, "  ", (status, style)))
        if not sub.problems:
            continue
        table = Table(show_lines=False, expand=True, header_style="bold", box=None, padding=(0, 1))
        table.add_column("Mức độ", no_wrap=True)
        table.add_column("Ô", no_wrap=True)
        table.add_column("Nội dung và cách sửa (mã)", ratio=1)
        for p in sub.problems:
            label = SEVERITY_LABELS[p.severity]
            table.add_row(Text(label, "red" if p.severity == "error" else "yellow"),
                          f"{p.sheet}!{', '.join(p.cells)}" if p.cell else "—",
                          Text.assemble(p.message, (f" [{p.code}]", "dim")))
        out.append(table)
    out.append(Text(summary_line(submissions), style="bold"))
    return out
