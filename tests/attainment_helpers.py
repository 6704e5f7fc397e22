"""Test masters for attainment, built by code: a fresh master with Số liệu rows appended."""

from __future__ import annotations

from pathlib import Path

from bdg.derive import derive
from bdg.plan import Plan
from workbook.layout import DATA, STATUS_ACTIVE
from workbook.master import build_master
from workbook.sheets import append_rows


def data_row(plan: Plan, code: str, unit: str, year: int, inputs: list, *, status: str = STATUS_ACTIVE,
             agency: str | None = None, value=None) -> dict:
    """One Số liệu record: inputs in the order of the series' inputs; value derived unless given."""
    s = plan.series_by_code(code)
    named = {spec.key: v for spec, v in zip(s.inputs, inputs)}
    row = {
        "record_id": f"{code}-{unit}-{year}", "code": code, "series_name": s.name, "year": year,
        "unit_code": unit, "unit_name": plan.unit(unit).name_in(year), "agency": agency or s.lead,
        "inputs_desc": "; ".join(spec.label for spec in s.inputs),
        "value": value if value is not None else derive(s, named), "status": status,
        "source_file": "kiem-thu.xlsx",
    }
    for i, v in enumerate(inputs, start=1):
        row[f"input_{i}"] = v
    return row


def write_master(path: Path, plan: Plan, rows: list[dict]) -> Path:
    wb = build_master(plan)
    append_rows(wb[DATA.name], DATA, rows)
    wb.save(path)
    return path


def share_inputs(value: float, total: int = 1000) -> list:
    """Numerator/denominator giving ``value`` % exactly (for share series with two inputs)."""
    return [round(value * total / 100), total]
