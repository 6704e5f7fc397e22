"""One error boundary for both front doors: coded errors, their catalogue, the translation of any exception."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from addin import hints as addin_hints
from bdg import errors
from bdg.errors import CATALOGUE, BdgError, translate
from cli import hints as cli_hints

ROOT = Path(__file__).resolve().parents[1]
CORE = ("bdg", "templates", "workbook", "report_builder")
CLI_WORDS = re.compile(r"(?<![\w-])--[a-z]|\bbdg (init|forms|check|consolidate|status|attainment|report|"
                       r"addin|demo|plan)\b")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _sample(code: str) -> BdgError:
    return BdgError(code=code, **{name: f"<{name}>" for name in _placeholders(CATALOGUE[code].template)})


def test_every_code_has_a_message_and_the_message_names_no_front_door():
    for code, entry in CATALOGUE.items():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", code), code
        err = _sample(code)
        assert err.code == code and err.message and err.fix == entry.fix
        assert all(f"<{name}>" in err.message for name in _placeholders(entry.template))
        assert not CLI_WORDS.search(entry.template), (code, entry.template)


def _raised_texts(path: Path) -> list[tuple[int, str]]:
    """The string literals inside every ``raise …(…)`` and every ``code="…"`` of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for sub in ast.walk(node.exc):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    found.append((node.lineno, sub.value))
    return found


def test_no_core_module_tells_the_user_to_use_a_command_line_option():
    offenders = [f"{path.relative_to(ROOT)}:{line}: {text}"
                 for folder in CORE for path in sorted((ROOT / folder).rglob("*.py"))
                 for line, text in _raised_texts(path) if CLI_WORDS.search(text)]
    assert offenders == []


def test_every_code_raised_anywhere_is_in_the_catalogue():
    used = set()
    for folder in (*CORE, "cli", "addin"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                name = getattr(node.func, "id", getattr(node.func, "attr", "")) if isinstance(node, ast.Call) else ""
                if name.endswith("Error"):  # BdgError and its subclasses
                    used |= {k.value.value for k in node.keywords if k.arg == "code" and isinstance(k.value, ast.Constant)}
    assert used and used <= set(CATALOGUE)


@pytest.mark.parametrize("door", [cli_hints.HINTS, addin_hints.HINTS], ids=["cli", "addin"])
def test_each_front_door_says_how_to_fix_every_code_that_needs_a_setting(door):
    needing = {code for code, entry in CATALOGUE.items() if entry.fix}
    assert needing <= set(door), needing - set(door)
    assert set(door) <= set(CATALOGUE)
    for code, template in door.items():  # a hint uses only the error's own parameters (and the place)
        assert _placeholders(template) <= _placeholders(CATALOGUE[code].template) | {"where"}, code


def test_the_command_line_names_the_option_and_excel_the_cell(plan):
    from addin import control

    err = BdgError(code="master-plan-mismatch", master="so.xlsx", found="khac", expected=plan.id)
    cli = translate(err, hint=cli_hints.hint).message
    assert cli.startswith(err.message) and "--plan" in cli

    class Book:  # no control sheet: the add-in names where the setting will be
        sheets = []

    excel = translate(err, hint=addin_hints.hint_for(Book())).message
    row = 4 + [s.key for s in control.SETTINGS].index("plan")
    assert excel.startswith(err.message) and "--" not in excel
    assert f"ô B{row}" in excel and "Tệp kế hoạch" in excel and control.SHEET in excel


def test_expected_errors_are_not_logged(tmp_path, monkeypatch):
    monkeypatch.setenv("BDG_LOG_DIR", str(tmp_path))
    shown = translate(_sample("report-year-missing"))
    assert shown.exit_code == 2 and shown.log is None and not list(tmp_path.iterdir())


def test_os_errors_and_interruption(tmp_path, monkeypatch):
    monkeypatch.setenv("BDG_LOG_DIR", str(tmp_path))
    locked = translate(PermissionError(13, "Permission denied", "C:/so/master.xlsx"))
    assert "'C:/so/master.xlsx'" in locked.message and "đang mở trong Excel" in locked.message
    missing = translate(FileNotFoundError(2, "No such file", "bieu-mau.xlsx"))
    assert "Không tìm thấy tệp hoặc thư mục 'bieu-mau.xlsx'" in missing.message
    stop = translate(KeyboardInterrupt())
    assert (stop.message, stop.exit_code) == (errors.INTERRUPTED, 130)
    assert not list(tmp_path.iterdir())


def _boom() -> None:
    raise ZeroDivisionError("chia cho 0 ở chỗ không ngờ")


def test_an_unexpected_error_leaves_its_traceback_in_a_log(tmp_path, monkeypatch):
    monkeypatch.setenv("BDG_LOG_DIR", str(tmp_path))
    monkeypatch.delenv("BDG_DEBUG", raising=False)
    try:
        _boom()
    except ZeroDivisionError as exc:
        shown = translate(exc, context="bdg thử")
    assert shown.exit_code == 2 and shown.log is not None and shown.log.parent == tmp_path
    assert "Lỗi không mong đợi" in shown.message and str(shown.log) in shown.message
    text = shown.log.read_text(encoding="utf-8")
    assert "Traceback" in text and "_boom" in text and "bdg thử" in text and "chia cho 0" in text


def test_bdg_debug_reraises(tmp_path, monkeypatch):
    monkeypatch.setenv("BDG_LOG_DIR", str(tmp_path))
    monkeypatch.setenv("BDG_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        try:
            _boom()
        except ZeroDivisionError as exc:
            translate(exc)
    assert translate(_sample("final-year")).exit_code == 2  # expected errors are still translated
