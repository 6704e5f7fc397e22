"""What a consolidation reads and recomputes when the master's write index is valid
(:mod:`workbook.write_index`): the tables from the index, the assessment of the touched series only.

Both give what the full path gives (``tests/test_consolidate_incremental.py`` builds one master
incrementally and one at once and compares them cell for cell); whenever the index cannot be
used, the callers take the full path.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path

from bdg.attainment import Assessment, Observation, assess_all
from bdg.plan import Plan
from workbook import write_index
from workbook.layout import ASSESSMENT
from workbook.observations import active_observations
from workbook.rows import ValueRow
from workbook.state import TABLES, MasterState, join_narrative_parts, read_master


@contextmanager
def paused_gc(keep: bool = False):
    """No cyclic garbage collection while tens of thousands of plain rows are built: they hold no
    cycles, and each collection would walk them all again (it doubles the time of building them).
    ``keep``: the rows built live for the whole run, so later collections leave them out too
    (:func:`gc.freeze`; refcounting still frees them; :func:`gc.unfreeze` when the run ends)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if enabled:
            gc.enable()


def read_state(master: Path, plan: Plan, tables: tuple[str, ...]) -> tuple[MasterState, write_index.WriteIndex | None]:
    """The master's tables, from its write index when that describes the master as it is."""
    with paused_gc(keep=True):
        return _read_state(master, plan, tables)


def _read_state(master: Path, plan: Plan, tables: tuple[str, ...]):
    index = write_index.load(master, plan)
    state = MasterState(Path(master))
    if index is not None:
        for attr in tables:
            layout, row_type = TABLES[attr]
            table = index.tables.get(layout.name)
            if table is None or row_type is None or table.keys != tuple(layout.keys):
                index = None
                break
            rows = _rows(row_type, table.keys, table.rows, layout.header_row + 1)
            index.cells.update((id(r), (r, c)) for r, c in zip(rows, table.rows))
            setattr(state, attr, join_narrative_parts(rows) if attr == "narratives" else rows)
    if index is None:
        return read_master(master, tables), None
    return state, index


def _rows(row_type, keys: tuple[str, ...], cells: list[tuple], first: int) -> list:
    """Typed rows from the cells bdg wrote (its own values: nothing to convert, unlike cells a user typed)."""
    pick = itemgetter(*[keys.index(name) for name, _ in row_type.cells()])
    return [row_type(*pick(c), (), first + n) for n, c in enumerate(cells)]


def assess_all_series(plan: Plan, data: list[ValueRow]) -> tuple[list[Assessment], dict[str, list[Observation]]]:
    """Every assessment, and the province's observations by series (for the index)."""
    observations = active_observations(MasterState(Path(""), data=data), plan)
    return assess_all(plan, observations), _province(plan, observations)


def assess_touched(plan: Plan, data: list[ValueRow], touched: set[tuple], index: write_index.WriteIndex | None):
    """(assessments, Đánh giá chi tiết rows, province observations) recomputing only the series, units
    and years a run touched (``touched``: (series, unit, year) of its new rows); None when the index
    lacks what the rest needs (then every series is assessed).

    A touched unit's series is assessed again over all its years (progress runs from the baseline);
    the province's value of a touched series is derived again for the touched years only (a
    by-district value sums that year's districts), its other years come from the index. The
    assessments returned hold the touched (series, unit) pairs and the province of every series:
    all that Đánh giá and Biểu đồ draw. Every other row of Đánh giá chi tiết is the index's, in the
    order :func:`bdg.attainment.assess_all` gives (series as the plan lists them, units, years).
    """
    table = index.tables.get(ASSESSMENT.name) if index is not None else None
    if table is None or index.province is None or table.keys != tuple(ASSESSMENT.keys):
        return None
    province_unit = plan.province_unit.code
    years: dict[str, set] = defaultdict(set)
    pairs = set()
    for code, unit, year in touched:
        years[code].add(year)
        pairs |= {(code, unit), (code, province_unit)}
    rows = [r for r in data if r.code in years and ((r.code, r.unit_code) in pairs or r.year in years[r.code])]
    observations = active_observations(MasterState(Path(""), data=rows), plan)
    province = {code: obs for code, obs in index.province.items() if code not in years}
    for code in years:
        province[code] = sorted([o for o in index.province.get(code, []) if o.year not in years[code]]
                                + [o for o in observations if o.code == code and o.unit == province_unit
                                   and o.year in years[code]], key=lambda o: o.year)
    mine = [o for o in observations if (o.code, o.unit) in pairs and o.unit != province_unit]
    assessments = assess_all(plan, mine + [o for obs in province.values() for o in obs])
    from workbook.assessment_sheet import assessment_record

    code_at, unit_at = table.keys.index("code"), table.keys.index("unit_code")
    old: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in table.rows:
        old[(row[code_at], row[unit_at])].append(row)
    new: dict[tuple[str, str], list] = defaultdict(list)
    for a in assessments:
        if (a.code, a.unit) in pairs:
            new[(a.code, a.unit)].append(assessment_record(plan, a))
    order = {u.code: i for i, u in enumerate(plan.units)}
    units_of: dict[str, set[str]] = defaultdict(set)
    for code, unit in list(old) + list(new):
        units_of[code].add(unit)
    out: list = []
    for s in plan.series:
        for unit in sorted(units_of.get(s.code, ()), key=lambda u: order.get(u, len(order))):
            out.extend(new.get((s.code, unit), []) if (s.code, unit) in pairs else old.get((s.code, unit), []))
    return assessments, out, province


def _province(plan: Plan, observations: list[Observation]) -> dict[str, list[Observation]]:
    unit = plan.province_unit.code
    out: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        if o.unit == unit:
            out[o.code].append(o)
    return dict(out)


def tracking_rows(plan: Plan, log: list, new: int, now, index: write_index.WriteIndex | None) -> tuple[list, tuple]:
    """Tiến độ nộp rows, and (date, years) for the index. A year's rows follow from that year's
    Nhật ký rows and whether its deadline has passed: on the same day as the indexed run, only the
    years of the ``log[new:]`` rows are tracked again, the others are the index's rows."""
    from workbook.layout import SUBMISSIONS
    from workbook.rows import int_or_none
    from workbook.tracking import track, tracked_years

    table = index.tables.get(SUBMISSIONS.name) if index is not None else None
    if (table is None or index.tracking is None or index.tracking[0] != now.date()
            or table.keys != tuple(SUBMISSIONS.keys)):
        years = tracked_years(plan, log, now)
        return [t.record() for t in track(plan, log, now, years)], (now.date(), tuple(years))
    period = set(plan.period.years)
    touched = {int_or_none(r.year) for r in log[new:]} & period
    years = sorted(set(index.tracking[1]) | touched)
    year_at = table.keys.index("year")
    old: dict[int, list] = defaultdict(list)
    for row in table.rows:
        old[row[year_at]].append(row)
    fresh: dict[int, list] = defaultdict(list)
    mine = [r for r in log if int_or_none(r.year) in touched]
    for t in track(plan, mine, now, sorted(touched)):
        fresh[t.year].append(t.record())
    return [r for y in years for r in (fresh[y] if y in touched else old.get(y, []))], (now.date(), tuple(years))

