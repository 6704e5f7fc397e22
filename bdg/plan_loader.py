"""Read a plan file (YAML) into a validated :class:`~bdg.plan.Plan`.

Every failure becomes a :class:`PlanFileError` whose message is Vietnamese and
names the file, the field and its line — never a traceback.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from bdg import plan_fill
from bdg.errors import BdgError
from bdg.plan import Plan

DEFAULT_PLAN = "bac-kan-2011-2020.yaml"

_PYDANTIC_VI = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép (có thể gõ sai tên trường)",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "string_type": "phải là chuỗi ký tự",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "list_type": "phải là một danh sách",
    "dict_type": "phải là một bảng (khóa: giá trị)",
    "model_type": "phải là một bảng (khóa: giá trị)",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "literal_error": "giá trị không hợp lệ",
    "enum": "giá trị không hợp lệ",
    "greater_than_equal": "giá trị quá nhỏ",
    "less_than_equal": "giá trị quá lớn",
}


class PlanFileError(BdgError):
    """A plan file that cannot be used, with a Vietnamese explanation."""


def bundled_plan_path(name: str = DEFAULT_PLAN) -> Path:
    return Path(str(resources.files("bdg.plans").joinpath(name)))


def load_plan(path: str | Path | None = None) -> Plan:
    """Load and validate a plan file; the bundled plan when ``path`` is None."""
    path = Path(path) if path else bundled_plan_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFileError(f"Không tìm thấy tệp kế hoạch '{path}'. Kiểm tra lại đường dẫn.") from None
    except UnicodeDecodeError:
        raise PlanFileError(f"Tệp kế hoạch '{path}' không phải văn bản UTF-8. Hãy lưu lại với mã UTF-8.") from None
    except OSError as exc:
        raise PlanFileError(f"Không đọc được tệp kế hoạch '{path}': {exc.strerror}.") from None
    try:
        data, root = plan_fill.parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        raise PlanFileError(f"Tệp kế hoạch '{path}' sai cú pháp YAML{where}: {getattr(exc, 'problem', exc)}.") from None
    if not isinstance(data, dict):
        raise PlanFileError(f"Tệp kế hoạch '{path}' phải là một bảng YAML (khóa: giá trị) ở cấp ngoài cùng.")
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanFileError(_describe(path, exc, root)) from None
    plan._to_fill = tuple(plan_fill.ToFill(_field_path(loc, root), line, text)
                          for loc, line, text in plan_fill.marked(root))
    return plan


def _describe(path: Path, exc: ValidationError, root: yaml.Node | None) -> str:
    lines = [f"Tệp kế hoạch '{path}' có {exc.error_count()} lỗi:"]
    for err in exc.errors():
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        field = _field_path(loc, root)
        line = _line_of(loc, root)
        where = f"dòng {line}, " if line else ""
        reason = _reason(err)
        lines.append(f"  - {where}trường '{field or '(gốc)'}': {reason}")
    return "\n".join(lines)


def _reason(err: dict) -> str:
    kind = err["type"]
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    text = _PYDANTIC_VI.get(kind)
    if text is None:
        return err["msg"]
    if kind in {"int_parsing", "float_parsing", "string_type", "int_type", "float_type"}:
        return f"{text} (đang là {err.get('input')!r})"
    return text


def _field_path(loc: list, root: yaml.Node | None) -> str:
    parts: list[str] = []
    node = root
    for part in loc:
        if isinstance(part, int):
            label = f"[{part}]"
            child = _child(node, part)
            code = _child(child, "code") or _child(child, "number")
            if isinstance(code, yaml.ScalarNode):
                label = f"[{code.value}]"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(part))
        node = _child(node, part)
    return "".join(parts)


def _line_of(loc: list, root: yaml.Node | None) -> int | None:
    node, last = root, None
    for part in loc:
        node = _child(node, part)
        if node is None:
            break
        last = node
    return last.start_mark.line + 1 if last is not None else None


def _child(node: yaml.Node | None, key) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        return node.value[key] if 0 <= key < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if str(k.value) == str(key):
                return v
    return None
