"""``bdg plan update``: replace the plan a master carries by a corrected version of it.

A correction (a typo, a target changed by a later decision) goes in through one operation that
shows what changes, validates the new file, refuses another plan (its id differs) and, unless
told otherwise, any change that would leave stored values without their series, unit or year;
then it rewrites Chỉ tiêu, the plan sheet and the assessment, records the change in Nhật ký and
saves the master atomically with a backup. A dry run does the checks and writes nothing.
An older master (no plan embedded) gets its plan embedded the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bdg.errors import BdgError
from bdg.plan import Plan
from bdg.plan_diff import plan_differences
from bdg.plan_loader import PlanSource, bundled_plan_for_id
from templates.plan_book.source import read_plan_source
from workbook.layout import LOG, NAME_PLAN_ID
from workbook.master import master_identity
from workbook.plan_store import embedded_plan
from workbook.storage import atomic_write, check_writable

RESULT_LABEL = "Cập nhật kế hoạch"
ORPHANS_SHOWN = 10


class PlanUpdateError(BdgError):
    pass


@dataclass
class PlanUpdate:
    master: Path
    plan_id: str
    changes: list[str]  # readable differences, one per line
    orphans: list[str] = field(default_factory=list)  # what stored values would lose
    embedded_before: bool = True  # False: an older master, the plan is embedded for the first time
    dry_run: bool = False
    written: bool = False
    backup: Path | None = None

    @property
    def nothing_to_do(self) -> bool:
        return not self.changes and self.embedded_before


def update_plan(master: Path, new_file: Path, *, dry_run: bool = False, force: bool = False,
                now: dt.datetime | None = None) -> PlanUpdate:
    master = Path(master)
    if not master.is_file():
        raise PlanUpdateError(code="master-missing", master=master)
    recorded = master_identity(master).get(NAME_PLAN_ID)
    new = read_plan_source(new_file)  # validated: a broken file stops here with every problem listed
    if new.plan.id != recorded:
        raise PlanUpdateError(code="plan-update-other-id", master=master, master_plan=recorded,
                              plan_file=new_file, given_plan=new.plan.id)
    old = embedded_plan(master)
    before = old.plan if old else _bundled(recorded)
    changes = plan_differences(before, new.plan) if before else ["(Không có kế hoạch cũ để so sánh.)"]
    result = PlanUpdate(master, new.plan.id, changes, _orphans(master, new.plan), old is not None, dry_run)
    if result.orphans and not force:
        raise PlanUpdateError(code="plan-update-orphans", master=master,
                              orphans="\n".join(f"  - {o}" for o in result.orphans))
    if dry_run or result.nothing_to_do:
        return result
    check_writable(master)
    from workbook.archive import master_lock

    with master_lock(master):
        result.backup = atomic_write(master, lambda tmp: _write(master, tmp, new, result, now))
    result.written = True
    return result


def _bundled(plan_id: str | None) -> Plan | None:
    path = bundled_plan_for_id(plan_id)
    return read_plan_source(path).plan if path else None


def _orphans(master: Path, plan: Plan) -> list[str]:
    """Stored values whose series, reporting unit or year the new plan no longer has."""
    from workbook.state import read_master

    codes, units, years = {s.code for s in plan.series}, {u.code for u in plan.units}, set(plan.period.years)
    lost: Counter = Counter()
    for row in read_master(master, ("data",)).data:
        code, unit, year = row.key
        if code and code not in codes:
            lost[f"chỉ tiêu {code} (không còn trong kế hoạch)"] += 1
        elif unit and unit not in units:
            lost[f"đơn vị {unit} (không còn trong kế hoạch)"] += 1
        elif year is not None and year not in years:
            lost[f"năm {year} (ngoài giai đoạn {plan.period.start}–{plan.period.end})"] += 1
    lines = [f"{what}: {n} giá trị" for what, n in sorted(lost.items())]
    return lines[:ORPHANS_SHOWN] + ([f"... và {len(lines) - ORPHANS_SHOWN} nhóm khác"]
                                    if len(lines) > ORPHANS_SHOWN else [])


def _write(master: Path, tmp: Path, new: PlanSource, result: PlanUpdate, now: dt.datetime | None) -> None:
    from workbook.attainment_update import refresh_workbook
    from workbook.master import _subtitle, write_catalogue
    from workbook.package import Table, load_without, save_with_tables
    from workbook.plan_store import embed_plan
    from workbook.state import read_master

    state = read_master(master, tables=("data", "log"))
    records = [row.record() for row in state.log]
    records.append(log_record(new, result, now or dt.datetime.now().replace(microsecond=0)))
    wb = load_without(master, [LOG.name])
    write_catalogue(wb, new.plan)
    embed_plan(wb, new.text, new.plan.id)
    refresh_workbook(wb, new.plan, state=state)
    save_with_tables(wb, [Table(state.layout("log"), records, _subtitle(new.plan))], tmp)


def log_record(new: PlanSource, result: PlanUpdate, now: dt.datetime) -> dict:
    """The Nhật ký row of a plan update: the file, its hash and what changed."""
    what = "gắn kế hoạch vào sổ" if not result.embedded_before else f"{len(result.changes)} thay đổi"
    message = f"Kế hoạch '{new.plan.id}': {what}. " + "; ".join(result.changes)
    if result.orphans:
        message += " Số liệu không còn được tính: " + "; ".join(result.orphans)
    return {"time": now, "file": new.origin, "sha256": new.sha256, "result": RESULT_LABEL, "message": message}
