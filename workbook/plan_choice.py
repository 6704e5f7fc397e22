"""Which plan a command uses: the master's own, a file given with ``--plan``, or the bundled one.

The rule every front door follows (:func:`choose_plan`):

* a master that carries its plan (made by ``bdg init`` since plans are embedded) decides: its
  plan is used; a ``--plan`` file is only accepted when it is that very plan, and refused
  naming both plan ids when it is another;
* an older master (only the plan id recorded) uses the ``--plan`` file if its id matches, else
  the bundled plan of that id, and says how to embed the plan so ``--plan`` is never needed again;
* without a master: the ``--plan`` file, else the bundled plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bdg.errors import BdgError
from bdg.plan import Plan
from bdg.plan_loader import PlanSource, bundled_plan_for_id
from templates.plan_book.source import read_plan_source
from workbook.layout import NAME_PLAN_ID


class PlanMismatchError(BdgError):
    """The ``--plan`` given is not the plan the master was made for."""


@dataclass(frozen=True)
class PlanChoice:
    source: PlanSource
    where: str  # "master" (embedded), "file" (--plan), "bundled"
    note: str | None = None  # to show the user (an older master without its plan)

    @property
    def plan(self) -> Plan:
        return self.source.plan


def choose_plan(plan_path: Path | None, master: Path | None) -> PlanChoice:
    """The plan to use for ``master`` (None or missing: no master) and an optional ``--plan`` file."""
    if master is None or not Path(master).is_file():
        return PlanChoice(read_plan_source(plan_path), "file" if plan_path else "bundled")
    from workbook.identity import master_identity
    from workbook.plan_store import embedded_plan  # openpyxl-free to read, but only needed with a master

    master = Path(master)
    recorded = master_identity(master).get(NAME_PLAN_ID)
    embedded = embedded_plan(master)
    if embedded is not None:
        if plan_path is not None:
            check_same_plan(plan_path, embedded, f"sổ tổng hợp '{master}'", master)
        return PlanChoice(embedded, "master")
    if plan_path is not None:
        given = read_plan_source(plan_path)
        _refuse_other(given, recorded, master)
        return PlanChoice(given, "file", _older(master, f"tệp '{plan_path}'",
                                                f"bdg plan update --master {master} {plan_path}"))
    bundled = bundled_plan_for_id(recorded)
    if bundled is None:
        raise PlanMismatchError(code="plan-not-embedded-unknown", master=master, plan_id=recorded)
    return PlanChoice(read_plan_source(bundled), "bundled",
                      _older(master, "kế hoạch kèm theo phần mềm", f"bdg plan update --master {master} {bundled}"))


def check_same_plan(plan_path: Path, embedded: PlanSource, where: str, master: Path | None = None) -> None:
    """A plan file given beside a master that carries its plan must be that very plan."""
    given = read_plan_source(plan_path)
    if given.plan.id != embedded.plan.id:
        raise PlanMismatchError(code="plan-other-than-master", place=f"{where[0].upper()}{where[1:]}",
                                master_plan=embedded.plan.id, plan_file=plan_path, given_plan=given.plan.id)
    if given.plan.model_dump() != embedded.plan.model_dump():  # the values, not where each was read
        raise PlanMismatchError(code="plan-differs-from-master", plan_file=plan_path, plan_id=given.plan.id,
                                place=where)


def _refuse_other(given: PlanSource, master_plan_id: str | None, master: Path) -> None:
    if given.plan.id != master_plan_id:
        raise PlanMismatchError(code="plan-other-than-master", place=f"Sổ tổng hợp '{master}'",
                                master_plan=master_plan_id, plan_file=given.origin, given_plan=given.plan.id)


def _older(master: Path, used: str, command: str) -> str:
    return (f"Sổ tổng hợp '{master}' chưa gắn kế hoạch (sổ lập bằng phiên bản cũ); đang dùng {used}. "
            f"Để gắn kế hoạch vào sổ (từ đó không cần --plan): {command}")
