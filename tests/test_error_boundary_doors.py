"""Both front doors behind the one boundary: every command and every button, an injected bug each time."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

from addin import macros
from addin_helpers import make_good_form, run_macro, set_control
from cli import COMMAND_MODULES, _register, app, main

BUG = "lỗi cài sẵn để thử"
SEED_DECISION = Path(__file__).parent / "data" / "decision_1000_qd_ubnd_2011.txt"


class InjectedBug(RuntimeError):
    pass


def _bug(*args, **kwargs):
    raise InjectedBug(BUG)


@pytest.fixture
def logs(tmp_path, monkeypatch):
    folder = tmp_path / "nhat-ky-loi"
    monkeypatch.setenv("BDG_LOG_DIR", str(folder))
    monkeypatch.delenv("BDG_DEBUG", raising=False)
    return folder


@pytest.fixture(scope="module")
def master(plan, tmp_path_factory):
    from workbook.master import create_master

    path = tmp_path_factory.mktemp("so") / "master.xlsx"
    create_master(plan, path)
    return path


# (command words, module whose attribute is the operation, attribute)
COMMANDS = {
    "init": (["init", "--out", "{tmp}/moi.xlsx"], "workbook.master", "create_master"),  # imported when run
    "plan show": (["plan", "show", "--json"], "cli.plan_cmd", "catalogue"),
    "plan update": (["plan", "update", "{tmp}/ke-hoach.yaml", "--master", "{master}", "--dry-run"],
                    "workbook.plan_update", "update_plan"),
    "plan export": (["plan", "export", "--plan", "khung-tinh-2021-2030", "--out", "{tmp}/ke-hoach.xlsx"],
                    "templates.plan_book.source", "export_plan"),
    "plan draft": (["plan", "draft", str(SEED_DECISION), "--out", "{tmp}/ke-hoach-nhap.xlsx"],
                   "templates.decision_draft", "draft_plan"),
    "forms": (["forms", "--year", "2013", "--out", "{tmp}/bm"], "templates.forms.generate", "write_forms"),
    "check": (["check", "{form}"], "templates.intake.read", "check_paths"),
    "consolidate": (["consolidate", "{form}", "--master", "{master}"], "workbook.consolidate", "consolidate"),
    "status": (["status", "--master", "{master}"], "workbook.tracking", "year_status"),
    "attainment": (["attainment", "--master", "{master}"], "workbook.attainment_update", "refresh_assessment"),
    "report": (["report", "--master", "{master}", "--year", "2013", "--out", "{tmp}/bc"], "report_builder.build",
               "make_report"),
    "addin build": (["addin", "build", "--out", "{tmp}/ai"], "addin.build", "build"),
    "addin lite": (["addin", "lite", "--out", "{tmp}/lite"], "addin.lite", "export"),
    "demo": (["demo", "--out", "{tmp}/demo"], "cli.demo_cmd", "stage_forms"),
    "setup": (["setup", "--folder", "{tmp}/setup", "--without-excel"], "addin.install", "setup"),
    "run-panel": (["run-panel", "check", "--panel", "{tmp}/panel.xlsm", "--no-open"], "addin.panel", "plan_run"),
}


def _command_names() -> set[str]:
    _register()
    names = {c.name for c in app.registered_commands}
    for group in app.registered_groups:
        names |= {f"{group.name} {c.name}" for c in group.typer_instance.registered_commands}
    return names


def test_every_command_is_covered():
    assert _command_names() == set(COMMANDS)
    assert all(importlib.import_module(f"cli.{m}") for m in COMMAND_MODULES)


@pytest.fixture
def command_args(plan, master, tmp_path):
    work = tmp_path / "master.xlsx"
    shutil.copy(master, work)
    form = make_good_form(plan, tmp_path / "bieu-mau.xlsx")

    def args(words: list[str]) -> list[str]:
        return [w.format(tmp=tmp_path, master=work, form=form) for w in words]

    return args


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_bug_in_any_command_gives_a_message_and_a_log(name, command_args, logs, monkeypatch, capsys):
    words, module, attr = COMMANDS[name]
    target = importlib.import_module(module)
    if name == "demo":  # the demo runs its stages from a list
        monkeypatch.setattr(target, "STAGES", [target.stage_master, _bug])
    else:
        monkeypatch.setattr(target, attr, _bug)
    assert main(command_args(words)) == 2
    err = capsys.readouterr().err
    (log,) = list(logs.iterdir())
    assert "Lỗi không mong đợi" in err and "InjectedBug" in err and str(log) in " ".join(err.split())
    assert "Traceback" not in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and f"InjectedBug: {BUG}" in text and f"bdg {words[0]}" in text


def test_bdg_debug_shows_the_traceback_instead(command_args, logs, monkeypatch):
    import workbook.consolidate

    monkeypatch.setenv("BDG_DEBUG", "1")
    monkeypatch.setattr(workbook.consolidate, "consolidate", _bug)
    with pytest.raises(InjectedBug):
        main(command_args(COMMANDS["consolidate"][0]))
    assert not logs.exists()


def test_an_interrupted_command_says_so(command_args, logs, monkeypatch, capsys):
    import workbook.consolidate

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(workbook.consolidate, "consolidate", interrupt)
    assert main(command_args(COMMANDS["consolidate"][0])) == 130
    assert "Đã dừng theo yêu cầu." in capsys.readouterr().err


# --- the add-in's buttons ------------------------------------------------------------------------

def _panel(master, tmp_path, **settings):
    panel = tmp_path / "panel.xlsx"
    shutil.copy(master, panel)
    return set_control(panel, {"master": master, **settings})


BUTTONS = {  # button → (module, operation, control settings)
    "check_form": ("templates.intake.read", "read_form_values", None),
    "consolidate": ("workbook.consolidate", "consolidate", {"inbox": "{inbox}"}),
    "attainment": ("workbook.attainment_update", "refresh_assessment", {"year": 2013}),
    "report": ("report_builder.build", "make_report", {"year": 2013, "out": "{tmp}/bc"}),
    "make_forms": ("templates.forms.generate", "write_forms", {"year": 2013, "out": "{tmp}"}),
}


@pytest.fixture
def button_book(plan, master, tmp_path):
    work = tmp_path / "master.xlsx"
    shutil.copy(master, work)
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    form = make_good_form(plan, inbox / "bieu-mau.xlsx")

    def book(settings):
        if settings is None:
            return form
        values = {k: (v.format(inbox=inbox, tmp=tmp_path) if isinstance(v, str) else v) for k, v in settings.items()}
        return _panel(work, tmp_path, **values)

    return book


@pytest.mark.parametrize("button", sorted(BUTTONS))
def test_a_bug_behind_any_button_gives_a_message_and_a_log(button, button_book, logs, monkeypatch):
    module, attr, settings = BUTTONS[button]
    monkeypatch.setattr(importlib.import_module(module), attr, _bug)
    run = run_macro(getattr(macros, button), button_book(settings))
    assert run.outcome.failed and not run.outcome.ok
    (log,) = list(logs.iterdir())
    assert run.outcome.log == log
    alert = run.alerts()[0]
    assert "Lỗi không mong đợi" in alert and "InjectedBug" in alert and str(log) in alert
    assert "Traceback" not in alert
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and f"InjectedBug: {BUG}" in text and f".{button})" in text


def test_bdg_debug_raises_out_of_a_button(button_book, logs, monkeypatch):
    import templates.intake.read

    monkeypatch.setenv("BDG_DEBUG", "1")
    monkeypatch.setattr(templates.intake.read, "read_form_values", _bug)
    with pytest.raises(InjectedBug):
        run_macro(macros.check_form, button_book(None))


def test_a_locked_master_gets_the_same_message_from_both_doors(plan, button_book, master, tmp_path, logs,
                                                               monkeypatch, capsys):
    """Excel holds the master open (Windows): replacing it raises PermissionError naming the file."""
    import os

    work = tmp_path / "master.xlsx"
    replace = os.replace

    def locked(src, dst):
        if os.path.samefile(os.path.dirname(dst), work.parent) and os.path.basename(dst) == work.name:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    panel = button_book({"inbox": "{inbox}"})
    run = run_macro(macros.consolidate, panel)
    assert main(["consolidate", str(tmp_path / "nhan"), "--master", str(work)]) == 2
    cli = " ".join(capsys.readouterr().err.split())
    excel = run.outcome.lines[0]
    assert f"'{work}'" in excel and "đang mở trong Excel" in excel
    assert cli == f"Lỗi: {excel}"
    assert not logs.exists()  # not a bug: nothing to send
