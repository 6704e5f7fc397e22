"""The order in which pytest-xdist hands out test modules (``--dist loadfile --no-loadscope-reorder``).

xdist gives each worker whole modules, in collection order. The modules that open LibreOffice are
the longest, so they go first: those using ``office_files`` (the longest chain: every kind of file
built, then printed and audited), then those using ``soffice``, then the rest in collection order.
The run then ends on short modules instead of one worker finishing a long one alone.
"""

from __future__ import annotations

import pytest

LONG = ("office_files", "soffice")  # fixtures that make a module long, longest first


def long_modules_first(items: list[pytest.Item]) -> None:
    """Reorder ``items`` in place by :data:`LONG`; a module's tests stay together and in order."""
    rank: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        used = [i for i, name in enumerate(LONG) if name in getattr(item, "fixturenames", ())]
        rank[module] = min([rank.get(module, len(LONG)), *used])
    items.sort(key=lambda item: rank[item.nodeid.split("::", 1)[0]])  # a stable sort
