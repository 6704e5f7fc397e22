"""Values a province must set itself, marked ``!can_dien`` in a plan file.

A starting plan (e.g. the 2021–2030 one built from the national strategy) carries placeholders
for what only a province knows — its name, its decision's number and date, its units, baselines.
Each is tagged in the YAML::

    province: !can_dien "(tên tỉnh)"
    date: !can_dien 2021-12-31
    baseline: {value: !can_dien ~, ...}

The tag changes nothing in the value (a date stays a date, ``~`` stays empty), so the plan loads
and can be tried out; the loader lists every tagged value that remains, and the command line says
which (:func:`warning`). Filling a value means writing the province's own and deleting the tag.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

TAG = "!can_dien"


@dataclass(frozen=True)
class ToFill:
    """One value still to be filled: where it is (field path, line) and its placeholder.

    For a plan read from a workbook, ``cell`` names the cell (``Chỉ tiêu!H5``) and ``placeholder``
    holds why a person should check it (the row's "Cần xem lại" line).
    """

    field: str
    line: int
    placeholder: str
    cell: str | None = None


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it: ~10× faster
    """PyYAML's safe loader that reads a ``!can_dien`` value as if it had no tag."""


def _untagged(loader: _Loader, node: yaml.Node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    tag = "tag:yaml.org,2002:str" if node.style in ("'", '"') else loader.resolve(
        yaml.ScalarNode, node.value, (True, False))
    plain = yaml.ScalarNode(tag, node.value, node.start_mark, node.end_mark, node.style)
    return loader.construct_object(plain, deep=True)


_Loader.add_constructor(TAG, _untagged)


def parse(text: str) -> tuple[object, yaml.Node | None]:
    """The data and the node tree of a plan file's text (``!can_dien`` values read as plain),
    from one parse: the data is constructed from the node tree."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()


def marked(root: yaml.Node | None) -> list[tuple[list, int, str]]:
    """Every ``!can_dien`` value as (location as keys/indices, line, placeholder), in file order."""
    out: list[tuple[list, int, str]] = []

    def walk(node: yaml.Node, loc: list) -> None:
        if node.tag == TAG:
            out.append((loc, node.start_mark.line + 1, _text(node)))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, [*loc, str(key.value)])
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                walk(value, [*loc, i])

    if root is not None:
        walk(root, [])
    return out


def _text(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.value not in ("~", "null", "") else "(để trống)"
    return "(danh sách)" if isinstance(node, yaml.SequenceNode) else "(bảng)"


def warning(items: list[ToFill], source: str) -> str | None:
    """The Vietnamese warning listing what remains to be filled, or None when nothing does."""
    if not items:
        return None
    if any(i.cell for i in items):
        return _review_warning(items, source)
    lines = [f"Kế hoạch '{source}' còn {len(items)} giá trị tỉnh phải tự điền (đánh dấu {TAG}):"]
    lines += [f"  - dòng {i.line}, trường '{i.field}': đang là {i.placeholder}" for i in items]
    lines.append(f"Hãy điền giá trị của tỉnh vào tệp kế hoạch rồi xóa chữ {TAG} ở từng dòng "
                 "(xem docs/plan.md, mục Bắt đầu kế hoạch 2021–2030).")
    return "\n".join(lines)


def _review_warning(items: list[ToFill], source: str) -> str:
    lines = [f"Kế hoạch '{source}' còn {len(items)} giá trị cần xem lại (cột 'Cần xem lại' của tệp kế hoạch):"]
    lines += [f"  - {i.cell}: {i.placeholder}" for i in items]
    lines.append("Kiểm tra từng giá trị trong tệp kế hoạch, sửa nếu cần, rồi xóa dòng lý do trong ô 'Cần xem lại' "
                 "(xem trang Hướng dẫn của tệp).")
    return "\n".join(lines)
