"""Generate the yearly agency forms (.xlsx, no macros) from the plan and :mod:`templates.form_layout`.

One form per lead agency and reporting unit (``plan.form_units``): a Hướng dẫn sheet, the form
sheet (locked labels and targets, unlocked input cells with native data validation, a live
formula for each derived value, data-source, note and narrative cells) and a very hidden
metadata sheet that intake checks. Written with XlsxWriter (fast, and reproducible bytes: the
zip entries carry a fixed time and ``docProps/core.xml`` the given ``saved_at``).

:func:`build_form` can also write a *filled* form (:class:`FormFill`) the way Excel saves it —
with the cached result of each formula — which is what the sample-data generator uses.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from bdg.derive import derive
from bdg.errors import BdgError
from bdg.numbers import fmt_number, fmt_target
from bdg.plan import Plan, RawInput, Series
from bdg.reorganised import agency_absence
from bdg.submission import NARRATIVE_LABELS
from templates import form_layout as L
from templates import text_fit
from templates.forms.formats import Formats
from templates.forms.guide import form_guide_lines

DEFAULT_SAVED_AT = dt.datetime(2000, 1, 1)
GUIDE_WIDTH = 96  # the Hướng dẫn column: within a portrait A4 page at 100 %


@dataclass(frozen=True)
class Formula:
    """A formula typed into a cell, with the result a spreadsheet app would have cached."""

    text: str
    cached: object = ""


@dataclass
class FormFill:
    """What a clerk typed. ``inputs`` maps series code → input key → value (number, text, date,
    :class:`Formula`); ``cached`` overrides the cached result of a series' derived-value formula
    (default: what Excel computes from the numeric inputs)."""

    inputs: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    report_date: object = None
    sources: Mapping[str, str] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    narratives: Mapping[tuple[int, str], str] = field(default_factory=dict)
    cached: Mapping[str, object] = field(default_factory=dict)


def write_forms(plan: Plan, year: int, out_dir: Path, agency: str | None = None) -> list[Path]:
    """Write one blank .xlsx per agency and reporting unit for ``year``; return the paths written."""
    if not plan.period.start <= year <= plan.period.end:
        raise BdgError(code="year-outside-period", year=year, start=plan.period.start, end=plan.period.end)
    codes = [a.code for a in plan.lead_agencies_in(year)]
    if agency is not None:
        if agency not in codes:
            reason = agency_absence(plan, agency, year) if agency in {a.code for a in plan.agencies} else ""
            moved = f" {reason}" if reason else ""
            raise BdgError(code="agency-not-lead", agency=agency, year=year, moved=moved, codes=", ".join(codes))
        codes = [agency]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for code in codes:
        for unit in plan.form_units(code, year):
            path = out_dir / L.file_name(year, code, unit.code)
            build_form(plan, year, code, unit.code, path)
            written.append(path)
    return written


def build_form(plan: Plan, year: int, agency: str, unit: str, target: Path | io.BytesIO, *,
               fill: FormFill | None = None, sample: bool = False,
               saved_at: dt.datetime | None = None) -> Path | io.BytesIO:
    """Write one form (blank, or filled with ``fill``) to a path or a BytesIO."""
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
               "strings_to_urls": False}
    wb = xlsxwriter.Workbook(str(target) if isinstance(target, Path) else target, options)
    fmt = Formats(wb)
    _write_guide(wb, fmt, plan, year, agency, unit, sample)
    ws = wb.add_worksheet(L.FORM_SHEET)
    _FormSheet(ws, fmt, plan, year, agency, unit, sample, fill or FormFill()).write()
    ws.activate()
    _write_meta(wb, plan, year, agency, unit, sample)
    wb.set_properties({
        "title": f"Biểu báo cáo năm {year} — {plan.agency(agency).name_in(year)}",
        "subject": plan.name,
        "author": "bdg",
        "keywords": "dữ liệu mẫu" if sample else "",
        "created": saved_at or DEFAULT_SAVED_AT,
    })
    wb.close()
    return target


def excel_result(series: Series, inputs: Mapping[str, object]) -> object:
    """What the form's live formula shows for these cell contents ("" when it shows nothing)."""
    if series.derivation.kind == "direct":
        value = inputs.get(series.derivation.input)
        return "" if value in (None, "") else value
    numeric = {k: v for k, v in inputs.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    value = derive(series, numeric)
    return "" if value is None else value


def derived_formula(s: Series, refs: Mapping[str, str]) -> str:
    """The live formula showing the derived value — the same rule as :func:`bdg.derive.derive`.

    ``refs`` maps each input key to its cell (A1).
    """
    d = s.derivation
    if d.kind == "direct":
        return f'=IF({refs[d.input]}="","",{refs[d.input]})'
    if d.kind == "share":
        n, den = refs[d.numerator], refs[d.denominator]
        return f'=IF(AND(ISNUMBER({n}),ISNUMBER({den})),IF({den}<>0,{n}/{den}*{_num(d.scale)},""),"")'
    cur, base = refs[d.current], refs[d.baseline]
    return f'=IF(AND(ISNUMBER({cur}),ISNUMBER({base})),IF({base}<>0,({base}-{cur})/{base}*100,""),"")'


# --- the form sheet ---------------------------------------------------------------------------
class _FormSheet:
    def __init__(self, ws, fmt: Formats, plan: Plan, year: int, agency: str, unit: str, sample: bool,
                 fill: FormFill):
        self.ws, self.fmt, self.plan, self.year = ws, fmt, plan, year
        self.agency, self.unit, self.sample, self.fill = agency, unit, sample, fill
        self.columns = L.form_columns(plan.milestones, year)
        self.col = {c.key: i for i, c in enumerate(self.columns, start=1)}  # column 0 is the key column
        self.last = len(self.columns)

    def write(self) -> None:
        ws, fmt, col = self.ws, self.fmt, self.col
        ws.write_string(0, 0, L.COLUMNS_MARKER)
        for c in self.columns:
            ws.write_string(0, col[c.key], L.column_key(c.key))
            ws.set_column(col[c.key], col[c.key], c.width)
        ws.set_row(0, None, None, {"hidden": True})
        ws.set_column(0, 0, 4, None, {"hidden": True})
        row = self._heading(1)
        header_row = row
        for c in self.columns:
            ws.write_string(row, col[c.key], c.header, fmt.header)
        ws.set_row(row, 33)
        row += 1
        series = self.plan.form_series(self.agency, self.unit, self.year)
        for number in sorted({s.objective for s in series}):
            row = self._objective(number, [s for s in series if s.objective == number], row)
        row += 1
        ws.write_string(row, col["label"], "NGƯỜI LẬP BIỂU", fmt.bold_center)
        ws.write_string(row, col["value"], "THỦ TRƯỞNG CƠ QUAN", fmt.bold_center)
        ws.write_string(row + 1, col["label"], "(Ký, ghi rõ họ tên; số điện thoại)", fmt.italic_center)
        ws.write_string(row + 1, col["value"], "(Ký tên, đóng dấu)", fmt.italic_center)
        ws.freeze_panes(header_row + 1, col["label"])
        fmt.print_setup(ws, landscape=True, repeat_row=header_row)
        ws.print_area(1, 1, row + 4, self.last)
        # format_cells and objects: the Excel add-in's check colours problem cells and adds notes
        ws.protect("", {"insert_rows": True, "format_columns": True, "format_rows": True,
                        "format_cells": True, "objects": True,
                        "select_locked_cells": True, "select_unlocked_cells": True})

    def _heading(self, row: int) -> int:
        ws, fmt, col, plan, year = self.ws, self.fmt, self.col, self.plan, self.year
        lines = [
            (None, f"BIỂU BÁO CÁO SỐ LIỆU THỰC HIỆN KẾ HOẠCH BÌNH ĐẲNG GIỚI NĂM {year}", fmt.title),
            (None, f"{plan.name} ({plan.decision.number})", fmt.italic),
            (L.AGENCY_KEY, f"Cơ quan báo cáo: {plan.agency(self.agency).name_in(year)}", fmt.bold),
            (L.UNIT_KEY, f"Đơn vị báo cáo (địa bàn): {plan.unit(self.unit).name_in(year)}", fmt.bold),
        ]
        if self.sample:
            lines.append((L.SAMPLE_KEY, L.SAMPLE_LABEL, fmt.sample))
        for key, text, style in lines:
            if key:
                ws.write_string(row, 0, key)
            ws.write_string(row, col["code"], text, style)
            row += 1
        ws.write_string(row, 0, L.YEAR_KEY)
        ws.write_string(row, col["label"], "Năm báo cáo", fmt.label_right)
        ws.write_number(row, col["value"], year, fmt.year)
        row += 1
        deadline = plan.deadline(year)
        ws.write_string(row, 0, L.REPORT_DATE_KEY)
        ws.write_string(row, col["label"], f"{L.REPORT_DATE_LABEL} (ngày/tháng/năm; hạn nộp {deadline:%d/%m/%Y})",
                        fmt.label_right)
        _write_value(ws, row, col["value"], self.fill.report_date, fmt.input_date)
        ws.data_validation(row, col["value"], row, col["value"], {
            "validate": "date", "criteria": "between",
            "minimum": dt.date(year, 1, 1), "maximum": dt.date(year + 1, 12, 31), "ignore_blank": True,
            "input_title": L.REPORT_DATE_LABEL,
            "input_message": f"Nhập ngày ký báo cáo, dạng ngày/tháng/năm (ví dụ {deadline:%d/%m/%Y}).",
            "error_title": "Ngày không hợp lệ",
            "error_message": f"Hãy nhập một ngày trong năm {year} hoặc {year + 1}, dạng ngày/tháng/năm."})
        return row + 2

    def _objective(self, number: int, series: list[Series], row: int) -> int:
        ws, fmt, col, last = self.ws, self.fmt, self.col, self.last
        objective = self.plan.objective(number)
        ws.write_string(row, 0, L.objective_key(number))
        title = f"Mục tiêu {number}: {objective.title}"
        ws.merge_range(row, col["code"], row, last, title, fmt.group)
        ws.set_row(row, text_fit.height_for(title, sum(c.width for c in self.columns), bold=True))
        row += 1
        for s in series:
            row = self._series(s, row)
        for kind in L.NARRATIVE_KINDS:
            ws.write_string(row, 0, L.narrative_key(number, kind))
            ws.write_blank(row, col["code"], None, fmt.box)
            ws.write_string(row, col["label"], f"{NARRATIVE_LABELS[kind]} (Mục tiêu {number})", fmt.bold_box)
            text = self.fill.narratives.get((number, kind))
            first = col[L.NARRATIVE_COLUMN]
            ws.merge_range(row, first, row, last, "", fmt.input_text)
            if text:
                ws.write_string(row, first, text, fmt.input_text)
            ws.set_row(row, 66)
            row += 1
        return row

    def _series(self, s: Series, row: int) -> int:
        ws, fmt, col, plan = self.ws, self.fmt, self.col, self.plan
        ws.write_string(row, 0, L.series_key(s.code))
        ws.write_string(row, col["code"], s.code, fmt.locked_bold)
        ws.write_string(row, col["label"], s.name, fmt.locked_bold)
        ws.write_string(row, col["unit"], s.unit, fmt.locked)
        ws.write_string(row, col["baseline"], _baseline(s), fmt.locked)
        for m in plan.milestones:
            ws.write_string(row, col[L.target_column(m)], fmt_target(s, s.target(m)), fmt.locked)
        letter_col = col["value"]
        refs = {spec.key: xl_rowcol_to_cell(row + 1 + i, letter_col) for i, spec in enumerate(s.inputs)}
        typed = dict(self.fill.inputs.get(s.code, {}))
        cached = self.fill.cached.get(s.code, excel_result(s, {k: _plain(v) for k, v in typed.items()}))
        ws.write_formula(row, col["value"], derived_formula(s, refs),
                         fmt.value_text if s.is_qualitative else fmt.value, cached)
        _write_value(ws, row, col["source"], self.fill.sources.get(s.code), fmt.input_text)
        _write_value(ws, row, col["note"], self.fill.notes.get(s.code), fmt.input_text)
        ws.set_row(row, self._height({"code": (s.code, True), "label": (s.name, True), "unit": (s.unit, False),
                                      "baseline": (_baseline(s), False),
                                      "source": (self.fill.sources.get(s.code) or "", False),
                                      "note": (self.fill.notes.get(s.code) or "", False),
                                      **{L.target_column(m): (fmt_target(s, s.target(m)), False)
                                         for m in plan.milestones}}))
        row += 1
        for spec in s.inputs:
            ws.write_string(row, 0, L.input_key(s.code, spec.key))
            for key in ("code", "baseline", *(L.target_column(m) for m in plan.milestones)):
                ws.write_blank(row, col[key], None, fmt.box)
            ws.write_string(row, col["label"], f"   – {spec.label}", fmt.box_wrap)
            ws.write_string(row, col["unit"], _input_unit(spec), fmt.hint)
            _write_value(ws, row, col["value"], typed.get(spec.key), fmt.input_for(spec.kind))
            ws.write_blank(row, col["source"], None, fmt.box)
            ws.write_blank(row, col["note"], None, fmt.box)
            ws.data_validation(row, col["value"], row, col["value"], _validation(s, spec))
            ws.set_row(row, self._height({"label": (f"   – {spec.label}", False),
                                          "unit": (_input_unit(spec), False)}, hint_size=11))
            row += 1
        return row


    def _height(self, cells: dict[str, tuple[str, bool]], hint_size: float = 12) -> float:
        """The row height that shows every wrapped cell whole ({column key: (text, bold)})."""
        widths = {c.key: c.width for c in self.columns}
        return max(text_fit.height_for(text, widths[key], hint_size if key == "unit" else 12, bold)
                   for key, (text, bold) in cells.items())


def _validation(s: Series, spec: RawInput) -> dict:
    short = spec.label if len(spec.label) <= 60 else spec.label[:57] + "…"
    if spec.kind == "choice":
        rule = {"validate": "list", "source": list(spec.choices)}
        prompt = f"Chọn một trong: {'; '.join(spec.choices)}."
        error = "Hãy chọn một giá trị trong danh sách (bấm mũi tên bên phải ô)."
    elif spec.kind == "decimal":
        rule = {"validate": "decimal", "criteria": ">=", "value": 0}
        prompt = f"{short}: nhập một số không âm; phần thập phân dùng dấu phẩy (ví dụ 2,5)."
        error = "Ô này chỉ nhận số không âm (ví dụ 2,5). Không gõ chữ, đơn vị hay dấu %."
    else:
        rule = {"validate": "integer", "criteria": ">=", "value": 0}
        prompt = f"{short}: nhập số nguyên không âm (số người, số cơ quan…), không gõ chữ hay dấu %."
        error = "Ô này chỉ nhận số nguyên không âm (ví dụ 125). Không gõ chữ, dấu thập phân hay dấu %."
    rule.update({"ignore_blank": True, "input_title": f"Chỉ tiêu {s.code}"[:32], "input_message": prompt[:255],
                 "error_title": "Giá trị không hợp lệ", "error_message": error[:255], "error_type": "stop"})
    return rule


# --- the other sheets -----------------------------------------------------------------------
def _write_guide(wb, fmt: Formats, plan: Plan, year: int, agency: str, unit: str, sample: bool) -> None:
    ws = wb.add_worksheet(L.GUIDE_SHEET)
    ws.set_column(0, 0, GUIDE_WIDTH)
    styles = {"title": fmt.title, "heading": fmt.bold, "body": fmt.wrap, "warning": fmt.sample}
    sizes = {"title": (14, True), "heading": (12, True), "body": (12, False), "warning": (12, True)}
    for r, (style, text) in enumerate(form_guide_lines(plan, year, agency, unit, sample=sample)):
        ws.write_string(r, 0, text, styles[style])
        size, bold = sizes[style]
        if style in ("body", "title") or text_fit.wrapped_lines(text, GUIDE_WIDTH, size, bold) > 1:
            ws.set_row(r, text_fit.height_for(text, GUIDE_WIDTH, size, bold))
    fmt.print_setup(ws, landscape=False)
    ws.protect("")


def meta_rows(plan: Plan, year: int, agency: str, unit: str, sample: bool) -> list[tuple[str, object]]:
    return [
        (L.META_KIND, L.FORM_KIND),
        (L.META_PLAN_ID, plan.id),
        (L.META_FORM_VERSION, plan.form_version),
        (L.META_AGENCY, agency),
        (L.META_UNIT, unit),
        (L.META_YEAR, year),
        (L.META_SAMPLE, 1 if sample else 0),
    ]


def _write_meta(wb, plan: Plan, year: int, agency: str, unit: str, sample: bool) -> None:
    ws = wb.add_worksheet(L.META_SHEET)
    ws.write_string(0, 0, L.META_MARKER)
    ws.write_string(0, 1, "Thông tin nhận dạng biểu mẫu — không sửa")
    for r, (key, value) in enumerate(meta_rows(plan, year, agency, unit, sample), start=1):
        ws.write_string(r, 0, key)
        ws.write(r, 1, value)
    ws.very_hidden()
    ws.protect("")


# --- small helpers --------------------------------------------------------------------------
def _write_value(ws, row: int, col: int, value, cell_format) -> None:
    if value is None:
        ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, Formula):
        ws.write_formula(row, col, value.text, cell_format, value.cached)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, cell_format)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, cell_format)
    elif isinstance(value, (dt.date, dt.datetime)):
        ws.write_datetime(row, col, value, cell_format)
    else:
        ws.write_string(row, col, str(value), cell_format)


def _plain(value):
    return value.cached if isinstance(value, Formula) else value


def _input_unit(spec: RawInput) -> str:
    return {"count": "số nguyên", "decimal": "số thập phân", "choice": "chọn từ danh sách"}[spec.kind]


def _baseline(s: Series) -> str:
    b = s.baseline
    if b.value is None:
        return ""
    if isinstance(b.value, str):
        return b.value
    text = fmt_number(b.value) + ("%" if s.unit == "%" else "")
    return f"{text} ({b.period})" if b.period else text


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))
