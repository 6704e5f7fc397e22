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


def mixed_rows(plan: Plan) -> list[dict]:
    """Số liệu rows giving every status in 2011–2013 (hand-computed in the tests that use them)."""
    rows = [
        data_row(plan, "2.2", "TINH", 2012, [12, 100]),  # ≥ 10% in 2015: met
        # 3.1 (no baseline; 90% in 2015): 80 → 83 on track; 82,5 moving away → at risk
        data_row(plan, "3.1", "TINH", 2011, [80, 100]),
        data_row(plan, "3.1", "TINH", 2012, [83, 100]),
        data_row(plan, "3.1", "TINH", 2013, [165, 200]),
        # 3.2a (40% in 2015): 30, 31, 34 — below the path (35) but +3/year reaches 40 → behind
        data_row(plan, "3.2a", "TINH", 2011, [30, 100]),
        data_row(plan, "3.2a", "TINH", 2012, [31, 100]),
        data_row(plan, "3.2a", "TINH", 2013, [34, 100]),
        data_row(plan, "7.3", "TINH", 2013, ["Đã bố trí một phần"]),  # qualitative: behind
    ]
    # 4.1 by district: 112 boys per 100 girls everywhere → province 112 ≤ 113: met
    rows += [data_row(plan, "4.1", u.code, 2013, [112, 100]) for u in plan.districts]
    # 1.1a by district: one district missing → no province value
    rows += [data_row(plan, "1.1a", u.code, 2013, [20, 100]) for u in plan.districts[:-1]]
    return rows
