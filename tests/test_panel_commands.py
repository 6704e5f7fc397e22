"""The macro-free path: command files next to the control panel, and `bdg run-panel` on a real panel."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from addin_helpers import make_bad_form, make_good_form
from openpyxl import load_workbook

from addin import build as B
from addin import control
from addin.panel import ACTIONS, CHECK_REPORT, batch_quote, command_file_text, write_command_files
from cli import main
from workbook.state import read_master

PYTHON = r"C:\Users\Nguyễn Văn An\100% bdg\.venv\Scripts\python.exe"


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- the command files -----------------------------------------------------------------------

def test_one_command_file_per_ribbon_button(tmp_path):
    paths = write_command_files(tmp_path, PYTHON, B.WORKBOOK_NAME)
    assert [p.name for p in paths] == [a.file_name for a in ACTIONS]
    labels = {a.label for a in ACTIONS}
    ribbon = B.RIBBON_XML.read_text(encoding="utf-8")
    buttons = set(re.findall(r'label="([^"]+)"', ribbon)) - {"Bình đẳng giới", "Biểu mẫu", "Sổ tổng hợp", "Hàm",
                                                              "Nạp hàm BDG_"}
    assert labels == buttons  # every button that works on files or forms has its twin


def test_command_files_are_utf8_with_crlf_and_switch_the_code_page_first(tmp_path):
    for path in write_command_files(tmp_path, PYTHON, B.WORKBOOK_NAME):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")  # a BOM would break "@echo off"
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        lines = raw.decode("utf-8").split("\r\n")
        assert lines[:2] == ["@echo off", "chcp 65001 >nul"]
        first_non_ascii = next(i for i, line in enumerate(lines) if not line.isascii())
        assert first_non_ascii > 1  # cmd.exe reads every line after chcp as UTF-8
        assert lines[-2] == "pause"


def test_paths_with_spaces_vietnamese_letters_and_percent_are_quoted(tmp_path):
    action = ACTIONS[1]
    text = command_file_text(action, PYTHON, "sổ điều khiển.xlsm")
    run = next(line for line in text.split("\r\n") if "run-panel" in line)
    assert run == (r'"C:\Users\Nguyễn Văn An\100%% bdg\.venv\Scripts\python.exe" -m cli run-panel consolidate '
                   r'--panel "%~dp0sổ điều khiển.xlsm"')
    assert batch_quote(r"C:\a b\c") == r'"C:\a b\c"'
    with pytest.raises(ValueError):
        batch_quote('C:\\a"b')


def _as_cmd_would(line: str, folder: Path) -> list[str]:
    """The arguments cmd.exe passes for a line of our command files (quotes, %%, %~dp0)."""
    line = line.replace("%~dp0", str(folder) + "/").replace("%%", "%")
    return [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', line)]


# --- bdg run-panel on a control panel built by bdg --------------------------------------------

@pytest.fixture(scope="module")
def office(plan, tmp_path_factory):
    """An office folder with Vietnamese names: the control panel, a master, an inbox with two forms."""
    from workbook.master import create_master

    root = tmp_path_factory.mktemp("van phong") / "Sở LĐTBXH"
    root.mkdir()
    assert main(["addin", "build", "--out", str(root / "bdg"), "--python", r"C:\Python311\pythonw.exe"]) == 0
    master = root / "Sổ tổng hợp 2013.xlsx"
    create_master(plan, master)
    inbox = root / "Biểu mẫu đã nhận"
    inbox.mkdir()
    make_good_form(plan, inbox / "2013_LDTBXH_TINH.xlsx")
    make_bad_form(plan, inbox / "2013_BTCTU_TINH.xlsx", agency="BTCTU")
    return root


def _panel(office, tmp_path, settings: dict[str, object]) -> Path:
    """The built panel, copied and filled as a person would fill column B in Excel."""
    folder = tmp_path / "bảng điều khiển"
    folder.mkdir()
    panel = folder / B.WORKBOOK_NAME
    shutil.copyfile(office / "bdg" / B.WORKBOOK_NAME, panel)
    wb = load_workbook(panel, keep_vba=True)
    ws = wb[control.SHEET]
    labels = {s.label: s.key for s in control.SETTINGS}
    for row in ws.iter_rows(min_col=1, max_col=2):
        key = labels.get(row[0].value)
        if key in settings:
            row[1].value = settings[key]
    wb.save(panel)
    return panel


def _settings(office, **extra):
    return {"master": str(office / "Sổ tổng hợp 2013.xlsx"), "inbox": str(office / "Biểu mẫu đã nhận"),
            "year": 2013, **extra}


def test_the_command_file_line_runs_consolidate_on_the_panels_folders(plan, office, tmp_path, capsys):
    work = tmp_path / "w"
    work.mkdir()
    master = work / "Sổ tổng hợp 2013.xlsx"
    shutil.copyfile(office / "Sổ tổng hợp 2013.xlsx", master)
    panel = _panel(office, tmp_path, _settings(office, master=str(master)))
    cmd = write_command_files(panel.parent, PYTHON, B.WORKBOOK_NAME)[1]
    line = next(x for x in cmd.read_bytes().decode("utf-8").split("\r\n") if "run-panel" in x)
    args = _as_cmd_would(line, panel.parent)
    assert args[:3] == [PYTHON, "-m", "cli"]  # %% read back as %
    code = main([*args[3:], "--no-open"])
    out = _flat(capsys.readouterr().out)
    state = read_master(master)
    assert {r.agency for r in state.data} >= {"LDTBXH"} and len(state.log) == 2
    assert code == 1  # the bad form's values were refused, as `bdg consolidate` says with its exit code
    assert f"Kết quả: {master}" in out


def test_check_writes_the_problem_report_next_to_the_panel(office, tmp_path, capsys):
    panel = _panel(office, tmp_path, _settings(office))
    main(["run-panel", "check", "--panel", str(panel), "--no-open"])
    report = panel.parent / CHECK_REPORT
    assert report.is_file()
    book = load_workbook(report, read_only=True)
    rows = [r for ws in book.worksheets for r in ws.iter_rows(values_only=True)]
    book.close()
    assert any("2013_BTCTU_TINH.xlsx" in str(c) for r in rows for c in r if c)
    assert f"Kết quả: {report}" in _flat(capsys.readouterr().out)


def test_attainment_report_and_forms_use_the_year_and_output_folder(plan, office, tmp_path):
    work = tmp_path / "w"
    work.mkdir()
    master = work / "so.xlsx"
    shutil.copyfile(office / "Sổ tổng hợp 2013.xlsx", master)
    out = tmp_path / "kết quả"
    panel = _panel(office, tmp_path, _settings(office, master=str(master), out=str(out), agency="SYT"))
    assert main(["run-panel", "consolidate", "--panel", str(panel), "--no-open"]) in (0, 1)
    before = master.read_bytes()
    assert main(["run-panel", "attainment", "--panel", str(panel), "--no-open"]) == 0
    assert master.read_bytes() != before
    table = read_master(master).assessment
    assert len(table) == len(plan.series) * len(plan.period.years)
    assert main(["run-panel", "report", "--panel", str(panel), "--no-open"]) == 0
    assert list(out.glob("*.docx")) and list(out.glob("*.html"))
    assert main(["run-panel", "forms", "--panel", str(panel), "--no-open"]) == 0
    forms = sorted(p.name for p in (out / "bieu-mau-2013").iterdir())
    assert forms and all("SYT" in name for name in forms)


def test_a_missing_year_names_its_cell_and_a_missing_panel_its_file(office, tmp_path, capsys):
    panel = _panel(office, tmp_path, _settings(office, year=None))
    assert main(["run-panel", "forms", "--panel", str(panel), "--no-open"]) == 2
    err = _flat(capsys.readouterr().err)
    assert "Chưa có năm báo cáo" in err and "ô B6" in err and control.SHEET in err
    assert main(["run-panel", "report", "--panel", str(tmp_path / "không có.xlsm"), "--no-open"]) == 2
    assert "Không tìm thấy sổ điều khiển" in _flat(capsys.readouterr().err)
    assert main(["run-panel", "in", "--panel", str(panel), "--no-open"]) == 2
    assert "Không có việc 'in'" in _flat(capsys.readouterr().err)
