"""Cell formats of the agency form (XlsxWriter), matching the master workbook's look."""

from __future__ import annotations

from templates import xlsx_print

FONT = "Times New Roman"
HEADER_FILL = "#D9E1F2"
GROUP_FILL = "#F2F2F2"
LOCKED_FILL = "#EDEDED"
BORDER_COLOR = "#808080"
SAMPLE_COLOR = "#C00000"
HINT_COLOR = "#595959"
INPUT_FORMATS = {"count": "#,##0", "decimal": "#,##0.00", "choice": "@"}


class Formats:
    """The formats one workbook uses (XlsxWriter formats belong to a workbook)."""

    def __init__(self, wb):
        base = {"font_name": FONT, "font_size": 12, "valign": "vcenter"}
        box = {"border": 1, "border_color": BORDER_COLOR}

        def add(**props):
            return wb.add_format({**base, **props})

        self.title = add(bold=True, font_size=14)
        self.bold = add(bold=True)
        self.italic = add(italic=True)
        self.wrap = add(text_wrap=True, valign="top")
        self.sample = add(bold=True, font_color=SAMPLE_COLOR)
        self.bold_center = add(bold=True, align="center")
        self.italic_center = add(italic=True, align="center")
        self.label_right = add(bold=True, align="right")
        self.header = add(bold=True, bg_color=HEADER_FILL, align="center", text_wrap=True, **box)
        self.group = add(bold=True, bg_color=GROUP_FILL, text_wrap=True, **box)
        self.box = add(**box)
        self.bold_box = add(bold=True, text_wrap=True, **box)
        self.box_wrap = add(text_wrap=True, **box)
        self.hint = add(italic=True, font_size=11, font_color=HINT_COLOR, text_wrap=True, **box)
        self.locked = add(bg_color=LOCKED_FILL, text_wrap=True, **box)
        self.locked_bold = add(bold=True, bg_color=LOCKED_FILL, text_wrap=True, **box)
        self.year = add(bold=True, bg_color=LOCKED_FILL, align="center", **box)
        self.value = add(bold=True, bg_color=LOCKED_FILL, num_format="#,##0.00", **box)
        self.value_text = add(bold=True, bg_color=LOCKED_FILL, text_wrap=True, **box)
        self.input_date = add(locked=False, num_format="dd/mm/yyyy", align="center", **box)
        self.input_text = add(locked=False, text_wrap=True, valign="top", num_format="@", **box)
        self._inputs = {kind: add(locked=False, num_format=nf, **box) for kind, nf in INPUT_FORMATS.items()}

    def input_for(self, kind: str):
        return self._inputs[kind]

    @staticmethod
    def print_setup(ws, *, landscape: bool, repeat_row: int | None = None) -> None:
        """A4, fit to page width, page numbers in the footer."""
        xlsx_print.a4(ws, landscape=landscape, repeat_row=repeat_row, font=FONT)
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
