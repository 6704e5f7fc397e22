"""What a report covers: its kind (annual, mid-term or final review), year and columns.

An annual report looks at one year; a review looks back over the plan's period up to a
milestone and judges each series at that milestone (mid-term: an intermediate milestone,
final: the end of the period).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bdg.errors import BdgError
from bdg.plan import Plan


class ReportKind(str, Enum):
    ANNUAL = "annual"
    MIDTERM = "midterm"
    FINAL = "final"

    @property
    def label(self) -> str:
        return {"annual": "báo cáo năm", "midterm": "báo cáo sơ kết", "final": "báo cáo tổng kết"}[self.value]


@dataclass(frozen=True)
class Scope:
    kind: ReportKind
    year: int  # the year reported on (annual) or the milestone closing the review
    start: int  # first year of the period under review
    judged: tuple[int, ...]  # milestones whose verdicts the report gives (reviews only)
    annex_years: tuple[int, ...]  # the years whose values the annex table shows

    @property
    def review(self) -> bool:
        return self.kind is not ReportKind.ANNUAL

    @property
    def span(self) -> int:
        return self.year - self.start + 1

    @property
    def file_stem(self) -> str:
        if self.kind is ReportKind.ANNUAL:
            return f"bao-cao-nam-{self.year}"
        word = "so-ket" if self.kind is ReportKind.MIDTERM else "tong-ket"
        return f"bao-cao-{word}-{self.start}-{self.year}"


def parse_kind(text: str) -> ReportKind:
    try:
        return ReportKind(text.strip().lower())
    except ValueError:
        raise BdgError(code="report-kind-invalid", kind=text) from None


def make_scope(plan: Plan, kind: ReportKind | str = ReportKind.ANNUAL, year: int | None = None) -> Scope:
    """Check the year against the plan and work out what the report covers."""
    kind = parse_kind(kind) if isinstance(kind, str) else kind
    p = plan.period
    milestones = sorted(plan.milestones)
    if kind is ReportKind.ANNUAL:
        if year is None:
            raise BdgError(code="report-year-missing", start=p.start, end=p.end)
        _within(plan, year)
        earlier = [m for m in milestones if m < year]
        stage_start = earlier[-1] + 1 if earlier else p.start
        first = max(p.start, min(stage_start, year - 1))
        return Scope(kind, year, p.start, (), tuple(range(first, year + 1)))
    if kind is ReportKind.MIDTERM:
        inner = [m for m in milestones if m < p.end]
        if not inner:
            raise BdgError(code="midterm-without-milestone")
        year = inner[0] if year is None else year
        if year not in inner:
            raise BdgError(code="midterm-year", milestones=", ".join(map(str, inner)), year=year)
        judged = tuple(m for m in milestones if m <= year)
        return Scope(kind, year, p.start, judged, tuple(range(p.start, year + 1)))
    year = p.end if year is None else year
    if year != p.end:
        raise BdgError(code="final-year", start=p.start, end=p.end, year=year)
    return Scope(kind, year, p.start, tuple(milestones), tuple(range(p.start, year + 1)))


def _within(plan: Plan, year: int) -> None:
    p = plan.period
    if not p.start <= year <= p.end:
        raise BdgError(code="year-outside-period", year=year, start=p.start, end=p.end)
