"""The one table of statuses a report speaks from: every status word and every count in it.

Built once per report from the assessments (:func:`bdg.attainment.assess_all`, through
:class:`~report_builder.facts.Facts`); sections II and III, the tasks, the annex and the HTML
all read it, so a series carries the same word on every page. A milestone's verdict is the
status of the milestone year itself — at a milestone a target is met or not
(:data:`bdg.status.VERDICTS`) — so a review's verdicts and its status counts cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bdg.numbers import fmt_target, fmt_value
from bdg.plan import Plan, Series
from bdg.status import STATUS_ORDER, Status
from report_builder.facts import Facts
from report_builder.scope import Scope
from report_builder.sentences import has_value, lower_first

CONCERNS = (Status.NOT_MET, Status.AT_RISK)  # what section III.2 lists, worst first


@dataclass(frozen=True)
class Row:
    series: Series
    status: Status  # at the year of the report (the closing milestone of a review)
    milestone: int | None  # the milestone that status looks towards (None after the last one)
    target: object  # bdg.plan.Target | None, the target in force at that milestone
    value: object  # the province value of the year, or None
    verdicts: dict[int, Status | None] = field(default_factory=dict)  # judged milestone → verdict

    @property
    def code(self) -> str:
        return self.series.code

    @property
    def word(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class StatusTable:
    plan: Plan
    scope: Scope
    rows: tuple[Row, ...]

    def row(self, code: str) -> Row:
        return next(r for r in self.rows if r.code == code)

    def of(self, series: list[Series] | None = None) -> list[Row]:
        if series is None:
            return list(self.rows)
        codes = {s.code for s in series}
        return [r for r in self.rows if r.code in codes]

    def by_status(self, series: list[Series] | None = None) -> list[tuple[Status, list[Row]]]:
        """(status, rows) for each status present, in the vocabulary's order."""
        rows = self.of(series)
        return [(st, found) for st in STATUS_ORDER if (found := [r for r in rows if r.status is st])]

    def by_verdict(self, milestone: int, series: list[Series] | None = None) -> list[tuple[Status, list[Row]]]:
        """(verdict, rows) at a judged milestone, for the series that have a target there."""
        rows = [r for r in self.of(series) if r.verdicts.get(milestone) is not None]
        return [(st, found) for st in STATUS_ORDER if (found := [r for r in rows if r.verdicts[milestone] is st])]

    def untargeted(self, milestone: int, series: list[Series] | None = None) -> list[Row]:
        return [r for r in self.of(series) if milestone in r.verdicts and r.verdicts[milestone] is None]

    def with_status(self, *statuses: Status) -> list[Row]:
        return [r for r in self.rows if r.status in statuses]


def verdict(facts: Facts, s: Series, milestone: int) -> Status | None:
    """The verdict at a milestone: the status of that year (None when the plan sets no target)."""
    if s.target(milestone) is None:
        return None
    a = facts.assessment(s.code, milestone)
    status = getattr(a, "status", None) or Status.NO_DATA
    return status if status in (Status.MET, Status.NOT_MET) else Status.NO_DATA


def build_table(plan: Plan, facts: Facts, scope: Scope) -> StatusTable:
    rows = []
    for s in plan.series:
        a = facts.assessment(s.code, scope.year)
        rows.append(Row(
            s, getattr(a, "status", None) or Status.NO_DATA, getattr(a, "milestone", None),
            getattr(a, "target", None), facts.value(s.code, scope.year),
            {m: verdict(facts, s, m) for m in scope.judged}))
    return StatusTable(plan, scope, tuple(rows))


# --- wording shared by the sections ---------------------------------------------------------

def codes_text(rows: list[Row]) -> str:
    """"chỉ tiêu 1.1a" for one, "3 chỉ tiêu (1.1a, 1.2, 2.1)" for several."""
    codes = [r.code for r in rows]
    return f"chỉ tiêu {codes[0]}" if len(codes) == 1 else f"{len(codes)} chỉ tiêu ({', '.join(codes)})"


def tally(groups: list[tuple[Status, list[Row]]]) -> str:
    """"Đạt/vượt chỉ tiêu: 5 chỉ tiêu (…); Không đạt: chỉ tiêu 4.2"."""
    return "; ".join(f"{st.label}: {codes_text(rows)}" for st, rows in groups)


def target_of(row: Row) -> str:
    """The series' own target the status looks towards: "chỉ tiêu năm 2020: ≥ 25%"."""
    if row.target is None:
        return "Kế hoạch không đặt chỉ tiêu"
    when = f"năm {row.milestone}" if row.milestone is not None else "mốc cuối"
    return f"chỉ tiêu {when}: {fmt_target(row.series, row.target)}"


def concern_line(row: Row, year: int) -> str:
    s = row.series
    shown = fmt_value(s, row.value) if has_value(row.value) else lower_first(Status.NO_DATA.label)
    return f"{s.code}. {s.name}: năm {year} {shown}; {target_of(row)} ({lower_first(row.word)})."


def concern_title(table: StatusTable) -> str:
    """"Các chỉ tiêu không đạt" / "… có nguy cơ không đạt" — after what the list holds."""
    present = [st for st in CONCERNS if table.with_status(st)]
    if not present:
        present = [Status.NOT_MET if table.scope.year in table.plan.milestones else Status.AT_RISK]
    return "Các chỉ tiêu " + " hoặc ".join(lower_first(st.label) for st in present)


def concern_lines(table: StatusTable) -> list[str]:
    rows = [r for st in CONCERNS for r in table.with_status(st)]
    if not rows:
        return [f"Không có chỉ tiêu nào {lower_first(concern_title(table).removeprefix('Các chỉ tiêu '))}."]
    return [concern_line(r, table.scope.year) for r in rows]
