"""Read a plan file (YAML) into a validated :class:`~bdg.plan.Plan`.

Every failure becomes a :class:`PlanFileError` whose message is Vietnamese and
lists every problem of the file at once, each with its field, its line and, where
there is a choice, the valid values — never a traceback.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from bdg import plan_fill
from bdg.errors import BdgError
from bdg.plan import Direction, Plan
from bdg.plan_checks import PlanIssues, reference_issues

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


@dataclass(frozen=True)
class PlanSource:
    """A validated plan with the exact text it was read from and where that text came from."""

    plan: Plan
    text: str
    origin: str  # a file path, or a description such as "sổ tổng hợp 'master.xlsx'"

    @property
    def sha256(self) -> str:
        return plan_sha256(self.text)


def plan_sha256(text: str) -> str:
    """The SHA-256 of a plan's text (UTF-8, line ends as ``\\n``): what a master records."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def normalise_text(text: str) -> str:
    """A plan's text as a master keeps it: ``\\n`` line ends, no byte-order mark."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def bundled_plan_path(name: str = DEFAULT_PLAN) -> Path:
    return Path(str(resources.files("bdg.plans").joinpath(name)))


_ID_LINE = re.compile(r"^id:\s*(?:!\S+\s+)?['\"]?([^'\"#\s]+)", re.M)  # a tag such as !can_dien may precede


def bundled_plan_for_id(plan_id: str | None) -> Path | None:
    """The plan file shipped with bdg whose ``id`` is ``plan_id`` (read from its ``id:`` line)."""
    if not plan_id:
        return None
    for path in sorted(Path(str(resources.files("bdg.plans"))).glob("*.yaml")):
        m = _ID_LINE.search(path.read_text(encoding="utf-8"))
        if m and m.group(1) == plan_id:
            return path
    return None


def load_plan(path: str | Path | None = None) -> Plan:
    """Load and validate a plan file; the bundled plan when ``path`` is None."""
    return read_plan_file(path).plan


def read_plan_file(path: str | Path | None = None) -> PlanSource:
    """A plan file's validated plan and text; the bundled plan when ``path`` is None."""
    path = Path(path) if path else bundled_plan_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFileError(f"Không tìm thấy tệp kế hoạch '{path}'. Kiểm tra lại đường dẫn.") from None
    except IsADirectoryError:
        raise PlanFileError(f"'{path}' là một thư mục, không phải tệp kế hoạch (.yaml).") from None
    except UnicodeDecodeError:
        raise PlanFileError(f"Tệp kế hoạch '{path}' không phải văn bản UTF-8. Hãy lưu lại với mã UTF-8.") from None
    except OSError as exc:
        raise PlanFileError(f"Không đọc được tệp kế hoạch '{path}': {exc.strerror}.") from None
    return PlanSource(parse_plan(text, str(path)), text, str(path))


def parse_plan(text: str, origin: str) -> Plan:
    """Validate a plan's YAML text; ``origin`` names it in messages (a file, a master workbook)."""
    try:
        data, root = plan_fill.parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        raise PlanFileError(f"Tệp kế hoạch '{origin}' sai cú pháp YAML{where}: {getattr(exc, 'problem', exc)}.") from None
    if not isinstance(data, dict):
        raise PlanFileError(f"Tệp kế hoạch '{origin}' phải là một bảng YAML (khóa: giá trị) ở cấp ngoài cùng.")
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanFileError(_describe(origin, _problems(exc, data, root), root)) from None
    plan._to_fill = tuple(plan_fill.ToFill(_field_path(loc, root), line, text)
                          for loc, line, text in plan_fill.marked(root))
    return plan


def field_problems(exc: ValidationError, data: dict) -> list[tuple[list, str, tuple | None]]:
    """Every problem as (location, reason, where a repeated code was first declared): the fields
    pydantic refused, then every cross-reference. Also used for plans read from a workbook.

    The plan's cross-reference check runs only once every field is valid; when some are not,
    it is run here on the raw data so that one message still lists every problem.
    """
    fields, references = [], []
    for err in exc.errors():
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        error = err.get("ctx", {}).get("error") if err["type"] == "value_error" else None
        if isinstance(error, PlanIssues):
            references += error.issues
        else:
            fields.append((loc, _reason(err), None))
    if fields and not references:
        references = reference_issues(data)
    return fields + [(list(i.loc), i.message, i.first) for i in references]


def _problems(exc: ValidationError, data: dict, root: yaml.Node | None) -> list[tuple[list, str]]:
    out = []
    for loc, reason, first in field_problems(exc, data):
        line = _line_of(list(first), root) if first else None
        out.append((loc, reason + (f"; lần khai báo đầu ở dòng {line}" if line else "")))
    return out


def _describe(origin: str, problems: list[tuple[list, str]], root: yaml.Node | None) -> str:
    located = sorted(((_line_of(loc, root), loc, reason) for loc, reason in problems),
                     key=lambda p: p[0] or 0)
    lines = [f"Tệp kế hoạch '{origin}' có {len(problems)} lỗi (sửa hết rồi chạy lại):"]
    for line, loc, reason in located:
        field = _field_path(loc, root)
        where = f"dòng {line}, " if line else ""
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
    if kind in {"enum", "literal_error"}:
        return f"{text} (đang là {err.get('input')!r}); giá trị hợp lệ: {_choices(err)}"
    return text


def _choices(err: dict) -> str:
    """The values an enum or literal field accepts, with the Vietnamese meaning of directions."""
    expected = str(err.get("ctx", {}).get("expected", ""))
    values = re.findall(r"'([^']*)'", expected) or [expected]
    labels = {d.value: d.label for d in Direction}
    if set(values) <= set(labels):
        return ", ".join(f"{v} ({labels[v]})" for v in values)
    return ", ".join(values)


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
    """The line of the field at ``loc`` (its key's line in a mapping), else of its nearest parent."""
    node, last = root, None
    for part in loc:
        key = _key_node(node, part)
        node = _child(node, part)
        if node is None:
            break
        last = key if key is not None else node
    return last.start_mark.line + 1 if last is not None else None


def _key_node(node: yaml.Node | None, key) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if str(k.value) == str(key):
                return k
    return None


def _child(node: yaml.Node | None, key) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        return node.value[key] if 0 <= key < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if str(k.value) == str(key):
                return v
    return None
