"""Where each row of a plan workbook's tables comes from in the plan's data, and where it goes back.

A plan's data is the plain mapping of its file (what ``yaml.safe_load`` gives). :func:`rows_of`
lists a table's rows as (location, row item): the location is the item's path in the plan in the
style of :class:`bdg.plan_checks.Issue` ``loc`` (``("series", 3, "variants", 0)``); a child row's
item also names its parent (``series`` = the series' code, ``owner`` and ``code`` for a rename).
Reading puts rows back with :func:`place`.
"""

from __future__ import annotations

from collections.abc import Mapping

from templates.plan_book import layout as L

Loc = tuple


def listed(data, *path) -> list:
    """The list at ``path`` in ``data``, [] when any part is missing or not a list."""
    value = dig(data, path)
    return value if isinstance(value, list) else []


def dig(data, path) -> object:
    for part in path:
        if isinstance(data, Mapping):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def rows_of(data: Mapping, table: L.Table) -> list[tuple[Loc, Mapping]]:
    """The rows a table shows for this plan: (the item's location in the plan, the row's item)."""
    name = table.name
    if name in L.TABLE_PATHS:
        path = L.TABLE_PATHS[name]
        return [(path + (i,), item) for i, item in enumerate(listed(data, *path)) if isinstance(item, Mapping)]
    if name == L.RENAMES.name:
        out = []
        for owner, what in L.OWNERS.items():
            for i, item in enumerate(listed(data, what)):
                for k, rename in enumerate(listed(item, "renamed")):
                    if isinstance(rename, Mapping):
                        out.append(((what, i, "renamed", k), {"owner": what, "code": dig(item, ("code",)),
                                                              **rename}))
        return out
    out = []
    for i, series in enumerate(listed(data, "series")):
        if not isinstance(series, Mapping):
            continue
        code = series.get("code")
        if name in L.SINGLE_CHILD:
            child = series.get(L.SINGLE_CHILD[name])
            if isinstance(child, Mapping):
                out.append((("series", i, L.SINGLE_CHILD[name]), {"series": code, **child}))
            continue
        for k, child in enumerate(listed(series, L.CHILD_FIELDS[name])):
            if isinstance(child, Mapping):
                out.append((("series", i, L.CHILD_FIELDS[name], k), {"series": code, **child}))
    return out


def set_path(item: dict, path: tuple, value) -> None:
    """``item[a][b] = value`` for ``path == (a, b)``, making the mappings on the way."""
    for part in path[:-1]:
        item = item.setdefault(part, {})
    item[path[-1]] = value
