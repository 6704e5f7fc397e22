"""The plan as data: a decision's objectives, targets and series.

A plan file (YAML) is validated into these frozen models. Nothing here knows
about Excel or a command line; nothing here names a province, an agency or an
indicator code — those live in the plan files under ``bdg/plans``.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from bdg import organisation as org
from bdg.lookups import Remembered, remembered
from bdg.organisation import Agency, ReportingUnit, UnitRename  # noqa: F401 (part of the plan model)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Direction(str, Enum):
    """How a series' value is compared with its target."""

    AT_LEAST = "at_least"  # value >= target (or > when strict)
    AT_MOST = "at_most"  # value <= target (or < when strict)
    EACH_SEX_AT_LEAST = "each_sex_at_least"  # value is women's share; both sexes >= target
    REDUCE_BY_SHARE = "reduce_by_share"  # value is the % reduction from the baseline; >= target
    QUALITATIVE = "qualitative"  # the agency's own assessment against a wording

    @property
    def label(self) -> str:
        return DIRECTION_LABELS[self]


DIRECTION_LABELS = {
    Direction.AT_LEAST: "đạt ít nhất",
    Direction.AT_MOST: "không vượt quá",
    Direction.EACH_SEX_AT_LEAST: "mỗi giới đạt ít nhất",
    Direction.REDUCE_BY_SHARE: "giảm ít nhất (so với năm gốc)",
    Direction.QUALITATIVE: "định tính",
}


class Decision(_Model):
    number: str
    date: dt.date
    issuer: str
    title: str
    kind: str = ""  # "Quyết định", "Kế hoạch", …; empty: read from the number's symbol (QĐ, KH)


class Period(_Model):
    start: int
    end: int

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("năm kết thúc (end) phải không nhỏ hơn năm bắt đầu (start)")
        return self

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


class Deadline(_Model):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    def in_year(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)


class Objective(_Model):
    number: int
    title: str
    annex_title: str | None = None
    coordinating: list[str] = []
    coordinating_text: str | None = None
    note: str | None = None


class Target(_Model):
    """A target value for one milestone; ``strict`` for "trên"/"dưới" (no equality)."""

    value: float | str
    strict: bool = False
    wording: str | None = None


class Variant(_Model):
    source: Literal["text", "annex"]
    targets: dict[int, Target | None] = {}
    wording: str | None = None
    note: str | None = None


class Baseline(_Model):
    value: float | str | None = None
    period: str | None = None
    year: int | None = None
    source: str | None = None


class RawInput(_Model):
    key: str
    label: str
    kind: Literal["count", "decimal", "choice"] = "count"
    choices: list[str] = []

    @model_validator(mode="after")
    def _choices_only_for_choice(self) -> RawInput:
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"ô nhập '{self.key}' loại choice cần danh sách choices")
        return self


class Derivation(_Model):
    """How a series' value derives from its raw inputs.

    kinds: ``share`` = numerator / denominator × scale (shares, rates, ratios);
    ``reduction`` = (baseline − current) / baseline × 100;
    ``direct`` = the single input itself (a decimal or a choice).
    """

    kind: Literal["share", "reduction", "direct"]
    numerator: str | None = None
    denominator: str | None = None
    scale: float = 100.0
    current: str | None = None
    baseline: str | None = None
    input: str | None = None

    def input_keys(self) -> list[str]:
        keys = [self.numerator, self.denominator, self.current, self.baseline, self.input]
        return [k for k in keys if k]


class LeadChange(_Model):
    year: int
    agency: str


class PlausibleRange(_Model):
    min: float
    max: float


class Series(_Model):
    code: str
    objective: int
    target_no: int
    name: str
    unit: str
    direction: Direction
    lead: str
    coordinating: list[str] = []
    baseline: Baseline = Baseline()
    variants: list[Variant]
    in_force: Literal["text", "annex"] = "text"
    inputs: list[RawInput]
    derivation: Derivation
    range: PlausibleRange | None = None
    by_district: bool = False
    percent: bool = False  # the value is a share in % (so 0,2233 may mean 22,33 %)
    note: str | None = None
    # from a year on, another agency leads this series (when its lead's duties split between
    # several successors); otherwise the lead's ``successor`` takes over once it closes
    lead_changes: list[LeadChange] = []

    @field_validator("variants")
    @classmethod
    def _text_variant_first(cls, variants: list[Variant]) -> list[Variant]:
        sources = [v.source for v in variants]
        if "text" not in sources:
            raise ValueError("cần một phương án 'text' (theo nội dung Kế hoạch)")
        if len(set(sources)) != len(sources):
            raise ValueError("mỗi nguồn (text/annex) chỉ được khai báo một lần")
        return variants

    @model_validator(mode="after")
    def _consistent(self) -> Series:
        keys = [i.key for i in self.inputs]
        if len(set(keys)) != len(keys):
            raise ValueError(f"chỉ tiêu {self.code}: trùng khóa ô nhập")
        for key in self.derivation.input_keys():
            if key not in keys:
                raise ValueError(f"chỉ tiêu {self.code}: công thức dùng ô nhập '{key}' không có trong inputs")
        if self.in_force not in {v.source for v in self.variants}:
            raise ValueError(f"chỉ tiêu {self.code}: in_force='{self.in_force}' không có phương án tương ứng")
        return self

    def variant(self, source: str) -> Variant | None:
        return next((v for v in self.variants if v.source == source), None)

    @property
    def variant_in_force(self) -> Variant:
        variant = self.variant(self.in_force)
        assert variant is not None  # guaranteed by validation
        return variant

    def target(self, milestone: int) -> Target | None:
        """The target in force for a milestone year, or None when the plan sets none."""
        return self.variant_in_force.targets.get(milestone)

    @property
    def differences(self) -> list[Variant]:
        """Variants other than the one in force that say something different."""
        in_force = self.variant_in_force
        return [v for v in self.variants if v.source != in_force.source and _differs(v, in_force)]

    @property
    def is_qualitative(self) -> bool:
        return self.direction is Direction.QUALITATIVE


def _differs(a: Variant, b: Variant) -> bool:
    years = set(a.targets) | set(b.targets)
    values = any(_target_key(a.targets.get(y)) != _target_key(b.targets.get(y)) for y in years)
    return values or bool(a.note)


def _target_key(t: Target | None) -> tuple | None:
    return None if t is None else (t.value, t.strict)


class ReportChange(_Model):
    """Report settings that change from ``year`` on (e.g. the issuing body after a reorganisation)."""

    year: int
    parent_body: str | None = None
    issuing_body: str | None = None
    number_suffix: str | None = None
    place: str | None = None
    signer_title: str | None = None
    signer_role: str | None = None
    signer_name: str | None = None
    recipients: list[str] | None = None


class ReportSettings(_Model):
    """What the report header, number line and signature block say."""

    parent_body: str
    issuing_body: str
    number_suffix: str
    place: str
    signer_title: str
    signer_role: str
    signer_name: str
    recipients: list[str] = []
    changes: list[ReportChange] = []

    def in_year(self, year: int | None) -> ReportSettings:
        """The settings in force for a report on ``year`` (later changes apply on top)."""
        data = self.model_dump(exclude={"changes"})
        for change in sorted(self.changes, key=lambda c: c.year):
            if year is not None and year >= change.year:
                data.update(change.model_dump(exclude={"year"}, exclude_none=True))
        return ReportSettings(**data)


class Plan(_Model):
    id: str
    name: str
    decision: Decision
    province: str
    period: Period
    milestones: list[int]
    baseline_year: int
    coordinator: str
    report_deadline: Deadline
    agencies: list[Agency]
    units: list[ReportingUnit]
    objectives: list[Objective]
    series: list[Series]
    report: ReportSettings
    form_version: int = 1
    # values still marked "!can_dien" in the file it was loaded from (bdg.plan_fill.ToFill)
    _to_fill: tuple = PrivateAttr(default=())
    _lookups: dict = PrivateAttr(default_factory=Remembered)  # see bdg.lookups

    @model_validator(mode="after")
    def _references(self) -> Plan:
        from bdg.plan_checks import PlanIssues, reference_issues  # every problem at once, located

        issues = reference_issues(self.model_dump())
        if issues:
            raise PlanIssues(issues)
        return self

    @model_validator(mode="after")
    def _organisations(self) -> Plan:
        problems = org.check(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def to_fill(self) -> tuple:
        """The values a province still has to fill in (a starting plan's placeholders)."""
        return self._to_fill

    def model_copy(self, *, update=None, deep: bool = False) -> Plan:
        """A copy (with ``update`` applied) that does not share the remembered look-ups."""
        copied = super().model_copy(update=update, deep=deep)
        copied._lookups = Remembered()
        return copied

    # --- look-ups -----------------------------------------------------------------
    def agency(self, code: str) -> Agency:
        return next(a for a in self.agencies if a.code == code)

    def unit(self, code: str) -> ReportingUnit:
        return next(u for u in self.units if u.code == code)

    def objective(self, number: int) -> Objective:
        return next(o for o in self.objectives if o.number == number)

    def series_by_code(self, code: str) -> Series:
        return next(s for s in self.series if s.code == code)

    def series_of(self, objective: int) -> list[Series]:
        return [s for s in self.series if s.objective == objective]

    @property
    def province_unit(self) -> ReportingUnit:
        return next(u for u in self.units if u.level == "province")

    @property
    def districts(self) -> list[ReportingUnit]:
        return [u for u in self.units if u.level == "district"]

    @property
    def lead_agencies(self) -> list[Agency]:
        """Every agency that leads a series in some year of the period (declared or successor)."""
        leads = {org.lead_in(self, s, y) for s in self.series for y in self.period.years} | {s.lead for s in self.series}
        return [a for a in self.agencies if a.code in leads]

    # --- organisations over time (bdg.organisation): ``year=None`` ignores validity -------------
    def agency_in(self, code: str, year: int | None) -> Agency:
        """The agency doing ``code``'s duties in ``year`` (its successor once it has closed)."""
        return org.agency_in(self, code, year)

    def lead_in(self, series: Series, year: int | None) -> str:
        """The code of the agency leading ``series`` in ``year``."""
        return org.lead_in(self, series, year)

    def lead_history(self, series: Series) -> list[tuple[str, int, int]]:
        return org.lead_history(self, series)

    def units_in(self, year: int | None) -> list[ReportingUnit]:
        return org.units_in(self, year)

    def local_units(self, year: int | None) -> list[ReportingUnit]:
        """Units below the province reporting in ``year`` (districts; communes once they report)."""
        return org.local_units(self, year)

    @remembered
    def lead_agencies_in(self, year: int | None) -> list[Agency]:
        if year is None:
            leads = {s.lead for s in self.series}
        else:
            leads = {self.lead_in(s, year) for s in self.series}
        return [a for a in self.agencies if a.code in leads]

    def deadline(self, year: int) -> dt.date:
        return self.report_deadline.in_year(year)

    def next_milestone(self, year: int) -> int | None:
        return next((m for m in sorted(self.milestones) if m >= year), None)

    @remembered
    def form_units(self, agency: str, year: int | None = None) -> list[ReportingUnit]:
        """The reporting units an agency fills a form for in ``year`` (province, and local units if any)."""
        own = [s for s in self.series if self._leads(s, agency, year)]
        units: list[ReportingUnit] = []
        if any(not s.by_district for s in own):
            units.append(self.province_unit)
        if any(s.by_district for s in own):
            units.extend(self.local_units(year))
        return units

    @remembered
    def form_series(self, agency: str, unit: str, year: int | None = None) -> list[Series]:
        """The series on an agency's form for one reporting unit (and year)."""
        local = self.unit(unit).local
        return [s for s in self.series if self._leads(s, agency, year) and s.by_district == local]

    @remembered
    def names_known(self, year: int) -> list[dict[str, tuple[str, ...]]]:
        """[{agency code: its names}, {unit code: its names}] a form heading may use in ``year``."""
        return org.names_known(self, year)

    def _leads(self, series: Series, agency: str, year: int | None) -> bool:
        return (series.lead if year is None else self.lead_in(series, year)) == agency

