"""The figures a report speaks of: province values and their assessments, looked up by year.

Values come from the master's active data (:func:`workbook.observations.active_observations`,
which also sums district inputs into province values) and statuses from
:func:`bdg.attainment.assess_all`; this module only indexes them. The report never decides a
status itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bdg.plan import Plan
from report_builder.sentences import Point, has_value


@dataclass
class Facts:
    plan: Plan
    observations: list = field(default_factory=list)  # bdg.attainment.Observation
    assessments: list = field(default_factory=list)  # bdg.attainment.Assessment

    def __post_init__(self) -> None:
        province = self.plan.province_unit.code
        self._values: dict[tuple[str, int], Any] = {}
        self._notes: dict[tuple[str, int], str] = {}
        for o in self.observations:
            if o.unit != province:
                continue
            if has_value(o.value):
                self._values[(o.code, int(o.year))] = o.value
            elif getattr(o, "note", None):
                self._notes[(o.code, int(o.year))] = o.note
        self._assessed: dict[tuple[str, int], Any] = {}
        for a in self.assessments:
            if a.unit == province:
                self._assessed[(a.code, int(a.year))] = a
                if has_value(a.value):
                    self._values.setdefault((a.code, int(a.year)), a.value)

    def assessment(self, code: str, year: int):
        return self._assessed.get((code, year))

    def value(self, code: str, year: int):
        return self._values.get((code, year))

    def note(self, code: str, year: int) -> str | None:
        """Why a province value is missing (e.g. districts still to report), when known."""
        return self._notes.get((code, year))

    def previous(self, code: str, year: int) -> Point | None:
        """The latest value before ``year`` within the plan's period."""
        for y in range(year - 1, self.plan.period.start - 1, -1):
            if (code, y) in self._values:
                return y, self._values[(code, y)]
        return None

    def first(self, code: str, start: int, end: int) -> Point | None:
        """The earliest value in [start, end]."""
        for y in range(start, end + 1):
            if (code, y) in self._values:
                return y, self._values[(code, y)]
        return None

    def years_with_data(self) -> list[int]:
        return sorted({y for _, y in self._values})


def load_facts(plan: Plan, state) -> Facts:
    """Facts from a master's state, through the shared observation and attainment rules."""
    from bdg.attainment import assess_all
    from workbook.observations import active_observations

    observations = active_observations(state, plan)
    return Facts(plan, observations, assess_all(plan, observations))
