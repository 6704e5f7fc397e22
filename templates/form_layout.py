"""The agency form, declared once: sheet names, keys, columns, metadata and narrative kinds.

The generator (:mod:`templates.forms.generate`) writes what is declared here and the intake
(:mod:`templates.intake.read`) finds it again by the same keys, so the two cannot drift.

How intake finds things (never by position):

* the **metadata** sheet (very hidden) holds ``key | value`` rows under the marker
  :data:`META_MARKER`; intake looks for the marker in every sheet, so a renamed tab still works;
* the **form** sheet has a hidden *key column*: its cell in the hidden *column-key row* holds
  :data:`COLUMNS_MARKER`, the other cells of that row name each column (``code``, ``value``…),
  and the other cells of the key column name each row (:func:`series_key`, :func:`input_key`,
  :func:`narrative_key`, :data:`REPORT_DATE_KEY`…). Inserted rows or columns, sorted rows,
  renamed tabs and extra sheets therefore change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from bdg.submission import NARRATIVE_LABELS

FORM_KIND = "bdg-agency-form"

# --- sheets ---------------------------------------------------------------------------------
GUIDE_SHEET = "Hướng dẫn"
FORM_SHEET = "Biểu mẫu"
META_SHEET = "bdg_meta"

# --- metadata (hidden sheet, rows of key | value) ---------------------------------------------
META_MARKER = "bdg:meta"
META_KIND = "kind"
META_PLAN_ID = "plan_id"
META_FORM_VERSION = "form_version"
META_AGENCY = "agency"
META_UNIT = "unit"
META_YEAR = "year"
META_SAMPLE = "sample"  # "1" on sample data (dữ liệu mẫu)
META_KEYS = (META_KIND, META_PLAN_ID, META_FORM_VERSION, META_AGENCY, META_UNIT, META_YEAR, META_SAMPLE)

# --- the form sheet's keys ------------------------------------------------------------------
KEY_PREFIX = "bdg:"
COLUMNS_MARKER = "bdg:columns"
REPORT_DATE_KEY = "bdg:report_date"
YEAR_KEY = "bdg:year"
AGENCY_KEY = "bdg:agency"
UNIT_KEY = "bdg:unit"
SAMPLE_KEY = "bdg:sample"


def series_key(code: str) -> str:
    return f"bdg:series:{code}"


def input_key(code: str, input_key_: str) -> str:
    return f"bdg:input:{code}:{input_key_}"


def objective_key(number: int) -> str:
    return f"bdg:objective:{number}"


def narrative_key(objective: int, kind: str) -> str:
    return f"bdg:narrative:{objective}:{kind}"


def parse_row_key(text: object) -> tuple[str, ...] | None:
    """``"bdg:input:1.1a:women"`` → ``("input", "1.1a", "women")``; None for anything else.

    Series codes may hold dots but never colons; the last part of an input key is the input key.
    """
    if not isinstance(text, str) or not text.startswith(KEY_PREFIX):
        return None
    parts = tuple(text[len(KEY_PREFIX):].split(":"))
    kind = parts[0]
    if kind == "series" and len(parts) == 2:
        return parts
    if kind == "input" and len(parts) == 3:
        return parts
    if kind == "narrative" and len(parts) == 3 and parts[1].isdigit() and parts[2] in NARRATIVE_KINDS:
        return parts
    if kind == "objective" and len(parts) == 2:
        return parts
    if kind in ("report_date", "year", "agency", "unit", "sample", "columns") and len(parts) == 1:
        return parts
    return None


# --- the form sheet's columns ---------------------------------------------------------------
@dataclass(frozen=True)
class FormColumn:
    key: str
    header: str
    width: float


def form_columns(milestones: list[int], year: int) -> tuple[FormColumn, ...]:
    """The form's columns as written (after the hidden key column)."""
    return (
        FormColumn("code", "Mã chỉ tiêu", 9),
        FormColumn("label", "Chỉ tiêu / Số liệu cần nhập", 52),
        FormColumn("unit", "Đơn vị tính", 13),
        FormColumn("baseline", "Số liệu gốc", 14),
        *(FormColumn(target_column(m), f"Chỉ tiêu {m}", 13) for m in milestones),
        FormColumn("value", f"Số liệu năm {year}", 16),
        FormColumn("source", "Nguồn số liệu", 24),
        FormColumn("note", "Ghi chú", 24),
    )


def target_column(milestone: int) -> str:
    return f"target_{milestone}"


def column_key(key: str) -> str:
    return f"bdg:col:{key}"


def parse_column_key(text: object) -> str | None:
    if isinstance(text, str) and text.startswith("bdg:col:"):
        return text[len("bdg:col:"):]
    return None


# --- narratives -----------------------------------------------------------------------------
NARRATIVE_KINDS: tuple[str, ...] = tuple(NARRATIVE_LABELS)  # results, difficulties, proposals
NARRATIVE_COLUMN = "unit"  # a narrative's text starts in this column (merged to the last one)

# --- labels shown on the form -----------------------------------------------------------------
SAMPLE_LABEL = "DỮ LIỆU MẪU — không phải số liệu thật"
REPORT_DATE_LABEL = "Ngày báo cáo"
DATE_FORMAT = "dd/mm/yyyy"
INPUT_FORMATS = {"count": "#,##0", "decimal": "#,##0.00", "choice": "@"}
VALUE_FORMAT = "#,##0.00"


def file_name(year: int, agency: str, unit: str) -> str:
    """Readable file name of one form, e.g. ``2015_SYT_TINH.xlsx``."""
    return f"{year}_{agency}_{unit}.xlsx"
