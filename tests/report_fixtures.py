"""Build master workbooks for the report tests directly from the layouts (no intake needed).

Values come from the sample-data generator's inputs and the one derivation rule, narratives and
submission rows are written as consolidation writes them (Vietnamese kind labels, statuses).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bdg.derive import derive
from bdg.plan import Plan
from bdg.submission import NARRATIVE_LABELS
from templates.forms.sample_values import sample_inputs
from workbook.layout import DATA, NARRATIVES, STATUS_ACTIVE, STATUS_SUPERSEDED, SUBMISSIONS
from workbook.master import build_master
from workbook.sheets import append_rows

TRICKY = 'Phối hợp "Sở A & Sở B" <tăng cường> truyền thông'
FORMULA_LIKE = "=SUM(A1:A3) không phải công thức"


def data_rows(plan: Plan, years: list[int], seed: int = 7, skip: set[tuple[str, int]] = frozenset()) -> list[dict]:
    rows = []
    for year in years:
        for s in plan.series:
            if (s.code, year) in skip:
                continue
            units = plan.districts if s.by_district else [plan.province_unit]
            for unit in units:
                inputs = sample_inputs(plan, s, unit.code, year, seed)
                cells = {f"input_{i}": inputs.get(spec.key) for i, spec in enumerate(s.inputs, start=1)}
                rows.append({
                    "record_id": f"{s.code}-{unit.code}-{year}", "code": s.code, "series_name": s.name,
                    "year": year, "unit_code": unit.code, "unit_name": unit.name_in(year), "agency": s.lead,
                    "inputs_desc": "; ".join(i.label for i in s.inputs), **cells,
                    "value": derive(s, inputs), "status": STATUS_ACTIVE,
                    "report_date": dt.datetime(year, 11, 1), "received_at": dt.datetime(year, 11, 2, 9, 0),
                })
    return rows


def narrative_rows(plan: Plan, year: int) -> list[dict]:
    label = NARRATIVE_LABELS
    rows = [
        {"year": year, "agency": "SYT", "unit_code": plan.province_unit.code, "objective": 4,
         "kind": label["results"], "text": f"- {TRICKY}\n{FORMULA_LIKE}", "status": STATUS_ACTIVE},
        {"year": year, "agency": "SYT", "unit_code": plan.province_unit.code, "objective": 4,
         "kind": label["proposals"], "text": "Đề nghị bổ sung kinh phí cho công tác truyền thông.",
         "status": STATUS_ACTIVE},
        {"year": year, "agency": "SNV", "unit_code": plan.province_unit.code, "objective": 1,
         "kind": label["proposals"], "text": "Đề nghị bổ sung kinh phí cho công tác truyền thông",
         "status": STATUS_ACTIVE},
        {"year": year, "agency": "STP", "unit_code": plan.province_unit.code, "objective": 7,
         "kind": label["difficulties"], "text": "Thiếu cán bộ chuyên trách.", "status": STATUS_ACTIVE},
        {"year": year, "agency": "STP", "unit_code": plan.province_unit.code, "objective": 7,
         "kind": label["difficulties"], "text": "Nội dung đã bị thay thế.", "status": STATUS_SUPERSEDED},
    ]
    return rows


def submission_rows(plan: Plan, year: int, late: str | None = None, missing: str | None = None) -> list[dict]:
    rows = []
    for agency in plan.lead_agencies:
        if agency.code == missing:
            continue
        for unit in plan.form_units(agency.code):
            day = plan.deadline(year) + dt.timedelta(days=5 if agency.code == late else -9)
            rows.append({"year": year, "agency": agency.code, "agency_name": agency.name, "unit_code": unit.code,
                         "unit_name": unit.name_in(year), "submitted": "Có",
                         "submitted_at": dt.datetime.combine(day, dt.time()), "deadline": plan.deadline(year)})
    return rows


def make_master(plan: Plan, path: Path, years: list[int], *, narratives_year: int | None = None,
                late: str | None = None, missing: str | None = None,
                skip: set[tuple[str, int]] = frozenset()) -> Path:
    wb = build_master(plan)
    append_rows(wb[DATA.name], DATA, data_rows(plan, years, skip=skip))
    if narratives_year:
        append_rows(wb[NARRATIVES.name], NARRATIVES, narrative_rows(plan, narratives_year))
    append_rows(wb[SUBMISSIONS.name], SUBMISSIONS,
                [r for y in years for r in submission_rows(plan, y, late=late, missing=missing)])
    wb.save(path)
    return Path(path)
