"""A plan's data as the text of a plan file (YAML), values still to check tagged ``!can_dien``.

A master embeds its plan as this text, whichever form the plan came in; the tag keeps a review
mark of the workbook (:class:`templates.plan_book.read.Mark`) as a value still to fill
(:mod:`bdg.plan_fill`), and exporting that text to a workbook marks the cell again.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping

import yaml

from bdg.plan_fill import TAG

HEADER = ("# Kế hoạch xuất từ tệp kế hoạch dạng bảng tính (bdg plan export). Cấu trúc: docs/plan.md.\n"
          "# Giá trị đánh dấu !can_dien là giá trị còn cần xem lại hoặc tỉnh phải tự điền.\n")


class _Marked:
    def __init__(self, value: object):
        self.value = value


class _Dumper(yaml.SafeDumper):
    def choose_scalar_style(self) -> str:
        """A tagged number, date or empty value stays plain (``!can_dien 60``), so it reads back as itself."""
        if self.event.tag == TAG and self.event.style is None:
            if self.analysis is None:
                self.analysis = self.analyze_scalar(self.event.value)
            if not self.analysis.multiline and self.analysis.allow_block_plain and not self.flow_level:
                return ""
        return super().choose_scalar_style()


def _represent_marked(dumper: _Dumper, marked: _Marked) -> yaml.Node:
    node = dumper.represent_data(marked.value)
    node.tag = TAG
    if isinstance(marked.value, str):
        node.style = '"'  # a quoted scalar stays text when the tag is read as no tag
    return node


def _represent_date(dumper: _Dumper, value: dt.date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(_Marked, _represent_marked)
_Dumper.add_representer(dt.date, _represent_date)


def plan_yaml(data: Mapping, marked: Iterable[tuple] = ()) -> str:
    """The YAML text of ``data``, each value at a location in ``marked`` tagged ``!can_dien``."""
    marked = {tuple(loc) for loc in marked}
    data = _with_empty(data, marked)
    tagged = _tag(data, marked, ())
    body = yaml.dump(tagged, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110,
                     default_flow_style=False)
    return HEADER + body


def _with_empty(data: Mapping, marked: set[tuple]) -> Mapping:
    """A copy of ``data`` where a marked value left empty is there as ``null`` (so the mark has a place),
    when the mapping that would hold it exists — never a milestone target (no target differs from null)."""
    out = copy.deepcopy(dict(data))
    for loc in marked:
        parent = out
        for part in loc[:-1]:
            parent = parent.get(part) if isinstance(parent, Mapping) else (
                parent[part] if isinstance(parent, list) and isinstance(part, int) and part < len(parent) else None)
        if isinstance(parent, dict) and loc[-1] not in parent and "targets" not in loc:
            parent[loc[-1]] = None
    return out


def _tag(value: object, marked: set[tuple], loc: tuple) -> object:
    if isinstance(value, Mapping):
        out: object = {k: _tag(v, marked, loc + (k,)) for k, v in value.items()}
    elif isinstance(value, list):
        out = [_tag(v, marked, loc + (i,)) for i, v in enumerate(value)]
    else:
        out = value
    return _Marked(out) if loc in marked else out
