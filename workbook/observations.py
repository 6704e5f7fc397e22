"""The master's active values as attainment observations, with province values rebuilt from
the districts' raw inputs (summed, then derived again — never an average of rates)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from bdg.attainment import Observation, has_value, number
from bdg.derive import derive, sum_inputs
from bdg.organisation import LEVEL_LABELS
from bdg.plan import Plan, Series
from workbook.layout import STATUS_ACTIVE
from workbook.rows import text


def active_observations(state, plan: Plan) -> list[Observation]:
    """Số liệu rows (``state.data``, :class:`workbook.rows.ValueRow`) whose status is "Hiệu lực",
    plus province values of by-district series.

    A row's value is derived again from its inputs (the one rule, :func:`bdg.derive.derive`);
    the value cell is used only when the inputs cannot give one. Rows naming a series, unit or
    year the plan does not know are skipped. Should two active rows share a series, unit and
    year, the one received last wins (consolidation keeps only one active).

    For a by-district series, the province value of a year exists when every unit below the
    province valid that year (districts, or communes once the district level has ended; a unit
    merged into another no longer counts) reported complete inputs: the inputs are summed and
    derived again. Otherwise a province observation without value carries a note naming the
    units still missing (a province row reported directly, if any, is used instead).
    """
    series = {s.code: s for s in plan.series}
    units = {u.code for u in plan.units}
    years = set(plan.period.years)
    chosen: dict[tuple[str, str, int], tuple[tuple, Observation]] = {}
    for row in state.data:
        if row.status != STATUS_ACTIVE:
            continue
        code, unit, year = row.key
        s = series.get(code)
        if s is None or unit not in units or year not in years:
            continue
        inputs = {spec.key: _cell(x) for spec, x in zip(s.inputs, row.inputs)}
        value = derive(s, inputs)
        if value is None:
            value = _cell(row.value)
        obs = Observation(code, unit, year, value if has_value(value) else None, inputs, row.agency or None)
        order = (_stamp(row.received_at), row.row)
        key = (code, unit, year)
        if key not in chosen or order >= chosen[key][0]:
            chosen[key] = (order, obs)
    observations = [obs for _, obs in chosen.values()]
    return observations + _province_values(plan, observations)


def _province_values(plan: Plan, observations: list[Observation]) -> list[Observation]:
    province = plan.province_unit.code
    by_key: dict[tuple[str, int], dict[str, Observation]] = defaultdict(dict)
    direct: set[tuple[str, int]] = set()
    for o in observations:
        if o.unit == province:
            if has_value(o.value):
                direct.add((o.code, o.year))
        else:
            by_key[(o.code, o.year)][o.unit] = o
    out = []
    for s in plan.series:
        if not s.by_district:
            continue
        for year in plan.period.years:
            reported = by_key.get((s.code, year), {})
            districts = [u.code for u in plan.local_units(year)]
            if not reported or not districts:
                continue
            complete = [u for u in districts if u in reported and _complete(s, reported[u])]
            if len(complete) == len(districts) and s.derivation.kind != "direct":
                inputs = sum_inputs(s, [reported[u].inputs for u in districts])
                agencies = {reported[u].agency for u in districts}
                out.append(Observation(s.code, province, year, derive(s, inputs), inputs,
                                       agencies.pop() if len(agencies) == 1 else None))
            elif (s.code, year) not in direct:
                out.append(Observation(s.code, province, year, None, None, None,
                                       _missing_note(plan, s, year, complete)))
    return out


def _complete(series: Series, obs: Observation) -> bool:
    inputs = obs.inputs or {}
    return all(number(inputs.get(spec.key)) is not None for spec in series.inputs)


def _missing_note(plan: Plan, series: Series, year: int, complete: list[str]) -> str:
    districts = plan.local_units(year)
    level = " hoặc ".join(dict.fromkeys(LEVEL_LABELS[u.level] for u in districts))
    if series.derivation.kind == "direct":
        return f"Chỉ tiêu này không cộng được từ số liệu {level} nên chưa có số liệu toàn tỉnh."
    missing = [u.name_in(year) for u in districts if u.code not in complete]
    return (f"Mới có {len(complete)}/{len(districts)} đơn vị {level} báo cáo đủ số liệu đầu vào năm {year} "
            f"(còn thiếu: {', '.join(missing)}) nên chưa tính được số liệu toàn tỉnh.")


# --- cell values as calamine/openpyxl return them --------------------------------------------

def _cell(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    n = number(value)
    return n if n is not None else None


def _stamp(value) -> tuple:
    if isinstance(value, dt.datetime):
        return (1, value.isoformat())
    if isinstance(value, dt.date):
        return (1, dt.datetime.combine(value, dt.time()).isoformat())
    return (0, text(value))
