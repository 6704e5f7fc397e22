"""Writing and reading tabular sheets through their :class:`~workbook.layout.SheetLayout`."""

from __future__ import annotations

from copy import copy
from typing import TYPE_CHECKING

from workbook.layout import SheetLayout, locate

if TYPE_CHECKING:  # writing sheets needs openpyxl; reading records (the master's reader) does not
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


def init_sheet(wb: Workbook, layout: SheetLayout, subtitle: str | None = None) -> Worksheet:
    """Create (or reset) a sheet with its title, header row, filter, frozen panes and print set-up."""
    from openpyxl.utils import get_column_letter

    from workbook import styles

    if layout.name in wb.sheetnames:
        idx = wb.sheetnames.index(layout.name)
        wb.remove(wb[layout.name])
        ws = wb.create_sheet(layout.name, idx)
    else:
        ws = wb.create_sheet(layout.name)
    ws.cell(row=1, column=1, value=layout.title).font = styles.TITLE
    if subtitle:
        ws.cell(row=2, column=1, value=subtitle).font = styles.ITALIC
    styles.write_header(ws, layout.header_row, [c.header for c in layout.columns],
                        [c.width for c in layout.columns])
    styles.fit_row_heights(ws, layout.header_row, layout.header_row)
    last = get_column_letter(len(layout.columns))
    # by reference, not by cell: a cell object would be created and appended rows would start below it
    ws.freeze_panes = f"A{layout.header_row + 1}"
    ws.auto_filter.ref = f"A{layout.header_row}:{last}{layout.header_row}"
    styles.print_setup(ws, title_rows=f"{layout.header_row}:{layout.header_row}")
    set_print_area(ws, layout, layout.header_row)
    return ws


def set_print_area(ws: Worksheet, layout: SheetLayout, last_row: int) -> None:
    """Print the columns a person reads (``layout.print_columns``), down to the table's last row."""
    from openpyxl.utils import get_column_letter

    if layout.print_columns:
        ws.print_area = f"A1:{get_column_letter(layout.print_columns)}{max(last_row, layout.header_row)}"


def append_rows(ws: Worksheet, layout: SheetLayout, records: list[dict]) -> None:
    """Append records (dicts keyed by column key) below the sheet's last row, styled."""
    from openpyxl.utils import get_column_letter

    from workbook import styles

    formats = [c.number_format for c in layout.columns]
    wraps = [c.wrap for c in layout.columns]
    styled: list = [None] * len(formats)  # each column's style, set once then copied (much faster)
    for record in records:
        ws.append([record.get(key) for key in layout.keys])
        r = ws._current_row  # the row just appended (ws.max_row rescans every cell: quadratic)
        for i, (fmt, wrap) in enumerate(zip(formats, wraps), start=1):
            cell = ws.cell(row=r, column=i)
            if styled[i - 1] is not None:
                cell._style = copy(styled[i - 1])
                continue
            cell.font = styles.BODY
            cell.border = styles.BOX
            if fmt:
                cell.number_format = fmt
            cell.alignment = styles.WRAP if wrap else styles.TOP
            styled[i - 1] = copy(cell._style)
    last = get_column_letter(len(layout.columns))
    ws.auto_filter.ref = f"A{layout.header_row}:{last}{max(ws.max_row, layout.header_row)}"
    set_print_area(ws, layout, ws.max_row)


def read_records(rows: list[list], layout: SheetLayout, required: tuple[str, ...] | None = None) -> list[dict]:
    """Records below the header row, found by header text; blank rows are skipped.

    Each record also carries ``_row`` (1-based sheet row) for cell-precise messages.
    """
    header, cols = locate(rows, layout, required)
    out = []
    for r in range(header + 1, len(rows)):
        row = rows[r]
        rec = {key: (row[c] if c < len(row) else None) for key, c in cols.items()}
        if all(v in (None, "") for v in rec.values()):
            continue
        rec["_row"] = r + 1
        out.append(rec)
    return out
