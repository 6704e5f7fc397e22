"""The one status vocabulary of attainment, and the way back from the score scale to values.

Kept apart from :mod:`bdg.attainment` (which decides a status) and
:mod:`bdg.attainment_explain` (which words it) so that both import it and neither imports
the other.

At a milestone, or after the last one, a target is met or it is not: the verdicts are
:attr:`Status.MET` and :attr:`Status.NOT_MET`. The trajectory words (on track, behind, at
risk) describe only years *before* the milestone they look towards.
"""

from __future__ import annotations

from enum import Enum

from bdg.plan import Direction, Series


class Status(str, Enum):
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    AT_RISK = "at_risk"
    NOT_MET = "not_met"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def rank(self) -> int:
        """Higher is better; NO_DATA ranks lowest (it is not a judgement)."""
        return _RANK[self]

    @property
    def is_trajectory(self) -> bool:
        """A word about the way towards a later milestone (never used at or after it)."""
        return self in TRAJECTORY


STATUS_LABELS = {
    Status.MET: "Đạt/vượt chỉ tiêu",
    Status.ON_TRACK: "Đúng tiến độ",
    Status.BEHIND: "Chậm tiến độ",
    Status.AT_RISK: "Có nguy cơ không đạt",
    Status.NOT_MET: "Không đạt",
    Status.NO_DATA: "Chưa có số liệu",
}
STATUS_ORDER = tuple(STATUS_LABELS)
TRAJECTORY = (Status.ON_TRACK, Status.BEHIND, Status.AT_RISK)
VERDICTS = (Status.MET, Status.NOT_MET)  # the only judgements at or after a milestone
_RANK = {Status.MET: 5, Status.ON_TRACK: 4, Status.BEHIND: 3, Status.AT_RISK: 2, Status.NOT_MET: 1,
         Status.NO_DATA: 0}


def unscore(series: Series, s: float, upper: bool = False) -> float:
    """Back from the higher-is-better score to the value scale (``upper``: women's share above 50%)."""
    if series.direction is Direction.AT_MOST:
        return -s
    if series.direction is Direction.EACH_SEX_AT_LEAST and upper:
        return 100.0 - s
    return s
