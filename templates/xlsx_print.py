"""Print set-up shared by every sheet bdg writes with XlsxWriter (forms and check reports): A4, one page
wide, page numbers centred in the footer, optional repeated header row."""

from __future__ import annotations

A4 = 9  # XlsxWriter's paper code


def a4(ws, *, landscape: bool, repeat_row: int | None = None, font: str | None = None) -> None:
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_footer(f'&C&"{font}"Trang &P / &N' if font else "&CTrang &P / &N")
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)
