"""Look-ups a plan answers once: intake asks the same ones (the lead agencies of a year, the units
and series of a form, the names a heading may use) for every form it reads.

A plan is frozen, so an answer never changes; :meth:`bdg.plan.Plan.model_copy` (a copy with other
fields) starts with none. The answers are kept beside the plan's fields, never part of what the
plan is: two equal plans stay equal whatever each has been asked.
"""

from __future__ import annotations

import functools


class Remembered(dict):
    """The answers one plan keeps: equal to any other such store, so plans compare by their fields."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Remembered)

    __hash__ = None  # type: ignore[assignment]


def remembered(method):
    """A method of a frozen model answered once per model (in its ``_lookups``); each caller gets its
    own list, so no caller can change what the next one is told."""
    @functools.wraps(method)
    def look_up(self, *args, **kwargs):
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        if key not in self._lookups:
            self._lookups[key] = tuple(method(self, *args, **kwargs))
        return list(self._lookups[key])
    return look_up
