"""Running the add-in's macros on real .xlsx files through xlwings' remote engine."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from openpyxl import load_workbook  # noqa: E402

from addin.remote import payload_from_file, remote_book, replay  # noqa: E402
from templates.forms.sample import fill_form, sample_fill  # noqa: E402

AGENCY = "LDTBXH"  # an agency whose form has share series and a qualitative one


@dataclass
class Run:
    outcome: object
    actions: list[dict]
    payload: dict

    def of(self, func: str) -> list[dict]:
        return [a for a in self.actions if a["func"] == func]

    def sheet_index(self, name: str) -> int:
        names = [s["name"] for s in self.payload["sheets"]]
        added = [a["args"][1] for a in self.of("addSheet")]
        return (names + added).index(name) if name in names + added else -1

    def alerts(self) -> list[str]:
        return [a["args"][0] for a in self.of("alert")]

    def written(self, sheet: str) -> list[list]:
        """Every row written with setValues on ``sheet`` (in order)."""
        index = self.sheet_index(sheet)
        return [row for a in self.of("setValues") if a["sheet_position"] == index for row in a["values"]]


def run_macro(macro, path: Path, *args) -> Run:
    payload = payload_from_file(path)
    book = remote_book(payload)
    outcome = macro(book, *args)
    return Run(outcome, book.json()["actions"], payload)


def a1(row0: int, col0: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col0 + 1)}{row0 + 1}"


def make_good_form(plan, path: Path, year: int = 2013, agency: str = AGENCY) -> Path:
    unit = plan.form_units(agency)[0].code
    fill = sample_fill(plan, year, agency, unit)
    return fill_form(path, plan, year, agency, unit, fill.inputs, report_date=dt.date(year, 11, 5),
                     sources=fill.sources, narratives=fill.narratives)


def make_bad_form(plan, path: Path, year: int = 2013, agency: str = AGENCY) -> Path:
    """Text in a number cell, a negative count and no report date (two errors, one warning)."""
    unit = plan.form_units(agency)[0].code
    fill = sample_fill(plan, year, agency, unit)
    inputs = {code: dict(values) for code, values in fill.inputs.items()}
    shares = [s.code for s in plan.form_series(agency, unit) if s.derivation.kind == "share"]
    first, second = plan.series_by_code(shares[0]), plan.series_by_code(shares[1])
    inputs[first.code][first.derivation.numerator] = "khoảng 12"
    inputs[second.code][second.derivation.numerator] = -5
    return fill_form(path, plan, year, agency, unit, inputs, report_date=None, sources=fill.sources)


def make_swapped_form(plan, path: Path, year: int = 2013, agency: str = AGENCY) -> Path:
    """Text in a number cell, a decimal count, a negative count, a swapped numerator/denominator pair and
    no report date: four errors (one naming two cells) and one warning."""
    unit = plan.form_units(agency)[0].code
    fill = sample_fill(plan, year, agency, unit)
    inputs = {code: dict(values) for code, values in fill.inputs.items()}
    shares = [plan.series_by_code(s.code) for s in plan.form_series(agency, unit) if s.derivation.kind == "share"]
    first, second, third = shares[:3]
    inputs[first.code][first.derivation.numerator] = "khoảng 12"
    inputs[second.code][second.derivation.numerator] = 22.5
    inputs[second.code][second.derivation.denominator] = -5
    d = third.derivation
    values = inputs[third.code]
    values[d.numerator], values[d.denominator] = values[d.denominator], values[d.numerator]
    assert values[d.numerator] > values[d.denominator]
    return fill_form(path, plan, year, agency, unit, inputs, report_date=None, sources=fill.sources)


def replay_to(run: Run, src: Path, dst: Path) -> list[dict]:
    return replay(run.actions, src, dst)


def fills_and_notes(path: Path, sheet: str) -> dict[str, tuple[str | None, str | None]]:
    """{cell: (fill colour RRGGBB or None, note text or None)} of cells with either, via openpyxl."""
    ws = load_workbook(path)[sheet]
    out = {}
    for row in ws.iter_rows():
        for c in row:
            fill = None
            if c.fill is not None and c.fill.fill_type == "solid":
                rgb = c.fill.fgColor.rgb if c.fill.fgColor.type == "rgb" else None
                if not rgb or rgb in ("00000000",):
                    rgb = c.fill.bgColor.rgb if c.fill.bgColor.type == "rgb" else None
                fill = rgb[-6:].upper() if isinstance(rgb, str) else None
            note = c.comment.text if c.comment else None
            if fill or note:
                out[c.coordinate] = (fill, note)
    return out


def make_master_with_data(plan, path: Path, years=(2012, 2013)) -> Path:
    """A master whose Số liệu holds active province values (written through the layout, as consolidation does)."""
    from bdg.derive import derive
    from templates.forms.sample_values import sample_inputs
    from workbook.layout import DATA, STATUS_ACTIVE
    from workbook.master import create_master
    from workbook.sheets import append_rows

    create_master(plan, path)
    wb = load_workbook(path)
    province = plan.province_unit
    records = []
    for s in plan.series:
        if s.by_district:
            continue
        for year in years:
            inputs = sample_inputs(plan, s, province.code, year, 2011)
            rec = {"record_id": f"{s.code}-{year}", "code": s.code, "series_name": s.name, "year": year,
                   "unit_code": province.code, "unit_name": province.name, "agency": s.lead,
                   "inputs_desc": "; ".join(i.label for i in s.inputs), "value": derive(s, inputs),
                   "status": STATUS_ACTIVE, "received_at": dt.datetime(year, 11, 1, 9, 0)}
            for i, spec in enumerate(s.inputs, start=1):
                rec[f"input_{i}"] = inputs.get(spec.key)
            records.append(rec)
    append_rows(wb[DATA.name], DATA, records)
    wb.save(path)
    return path


def set_control(path: Path, settings: dict[str, object]) -> Path:
    """Add the add-in's "Bảng điều khiển" sheet with these settings (key → value) to a workbook file."""
    from addin import control

    wb = load_workbook(path)
    ws = wb.create_sheet(control.SHEET)
    ws.append([control.TITLE])
    ws.append([])
    ws.append(list(control.HEADER))
    for s in control.SETTINGS:
        ws.append([s.label, None if settings.get(s.key) is None else str(settings[s.key]), s.help])
    ws.append([])
    ws.append([control.RESULT_TITLE])
    wb.save(path)
    return path
