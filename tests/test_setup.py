"""`bdg setup` on a Windows, macOS and Linux computer made of temporary folders and a registry in memory."""

from __future__ import annotations

import filecmp
import sys
from pathlib import Path

import pytest
from excel_fakes import FakeApp

from addin import build as B
from addin.excel_build import build_with_excel
from addin.install import (
    LIBREOFFICE_HELP,
    MAC_DATA,
    MAC_SCRIPTS,
    MAC_STARTUP,
    OFFICE_KEY,
    Host,
    excel_versions,
    portable_path,
    remove_mark_of_the_web,
    setup,
)
from addin.panel import ACTIONS
from cli import main

OPTIONS = rf"{OFFICE_KEY}\16.0\Excel\Options"
SOLVER = r'/R "C:\Program Files\Microsoft Office\root\Office16\Library\SOLVER\SOLVER.XLAM"'


class MemoryRegistry:
    """The registry as keys → values; a key exists once it has a value or a subkey."""

    def __init__(self, values: dict[str, dict[str, str]]):
        self.data = {k: dict(v) for k, v in values.items()}

    def subkeys(self, path):
        prefix = path + "\\"
        return sorted({k[len(prefix):].split("\\")[0] for k in self.data if k.startswith(prefix)})

    def values(self, path):
        return dict(self.data.get(path, {}))

    def set_value(self, path, name, value):
        self.data.setdefault(path, {})[name] = value


def _windows(tmp_path, *, registry=None, soffice=None, running=False, app=None, encoding="cp1252") -> Host:
    profile = tmp_path / "Users" / "an"
    scripts = profile / "bdg" / ".venv" / "Scripts"
    scripts.mkdir(parents=True)
    (scripts / "python.exe").write_bytes(b"")
    (scripts / "pythonw.exe").write_bytes(b"")
    env = {"USERPROFILE": str(profile), "APPDATA": str(profile / "AppData" / "Roaming"),
           "LOCALAPPDATA": str(profile / "AppData" / "Local")}
    registry = registry if registry is not None else MemoryRegistry({OPTIONS: {"OPEN": SOLVER}})
    app = app or FakeApp()

    def excel_build(out, interpreter):
        return build_with_excel(out, interpreter=interpreter, platform="win32", app_factory=lambda: app)

    return Host("win32", profile, env, scripts / "python.exe", registry, lambda: soffice, lambda: running,
                excel_build, encoding)


def _conf(path: Path) -> dict[str, str]:
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.decode("ascii").split("\r\n")
    return {k.strip('"'): v.strip('"') for k, v in (line.split(",", 1) for line in lines if line)}


def test_windows_setup_installs_ticks_configures_and_sums_up(tmp_path):
    host = _windows(tmp_path, soffice=r"C:\Program Files\LibreOffice\program\soffice.exe")
    folder = host.home / "Documents" / "bdg"
    xlwings_conf = host.home / ".xlwings" / "xlwings.conf"
    xlwings_conf.parent.mkdir()
    xlwings_conf.write_bytes(b'"LICENSE_KEY","noncommercial"\r\n"INTERPRETER_WIN","C:\\old\\pythonw.exe"\r\n')
    result = setup(host, folder)
    steps = {s.what: s for s in result.steps}
    assert all(s.ok for s in result.steps), [(s.what, s.lines) for s in result.steps]
    # the add-in Excel compiled, copied into the user's add-ins folder and ticked in the registry
    assert "add-in do Excel tự biên dịch" in steps
    installed = host.home / "AppData" / "Roaming" / "Microsoft" / "AddIns" / B.ADDIN_NAME
    assert filecmp.cmp(installed, folder / B.ADDIN_NAME, shallow=False)
    assert host.registry.values(OPTIONS) == {"OPEN": SOLVER, "OPEN1": f'/R "{installed}"'}
    assert "Đã bật add-in cho Excel 2016/2019/2021/Microsoft 365" in steps["add-in trong Excel"].lines[-1]
    # xlwings' settings: the add-in's own file and xlwings' file point at this venv's pythonw.exe
    pythonw = str(host.python.with_name("pythonw.exe"))  # (no %USERPROFILE% here: the paths are not C:\…)
    assert _conf(host.home / ".bdg" / "bdg.conf") == {"UDF MODULES": B.UDF_MODULES, "INTERPRETER_WIN": pythonw}
    assert _conf(xlwings_conf) == {"LICENSE_KEY": "noncommercial", "INTERPRETER_WIN": pythonw}
    # the control panel and one command file per button, in the folder
    assert (folder / B.WORKBOOK_NAME).is_file()
    assert sorted(p.name for p in folder.glob("*.cmd")) == sorted(a.file_name for a in ACTIONS)
    assert result.summary() == ("Tóm tắt — dùng được: dòng lệnh bdg, add-in do Excel tự biên dịch, add-in trong "
                                "Excel, cấu hình xlwings, tệp lệnh không cần macro, LibreOffice (xuất PDF); "
                                "không thiếu gì.")


def test_setup_again_reuses_its_registry_entry_and_keeps_the_filled_panel(tmp_path):
    from openpyxl import load_workbook

    from addin.panel import read_panel

    host = _windows(tmp_path)
    setup(host, tmp_path / "bdg")
    panel = tmp_path / "bdg" / B.WORKBOOK_NAME
    wb = load_workbook(panel, keep_vba=True)
    ws = wb["Bảng điều khiển"]
    row = next(r for r in ws.iter_rows(min_col=1, max_col=2) if r[0].value == "Năm báo cáo")
    row[1].value = 2015
    wb.save(panel)
    again = setup(host, tmp_path / "bdg")
    opens = host.registry.values(OPTIONS)
    assert sorted(opens) == ["OPEN", "OPEN1"] and opens["OPEN"] == SOLVER
    assert read_panel(panel).year() == 2015
    assert any("Giữ nguyên sổ điều khiển" in line for line in again.steps[1].lines)


def test_the_mark_of_the_web_is_removed_from_every_file_setup_installs(tmp_path):
    host = _windows(tmp_path)
    folder = tmp_path / "bdg"
    folder.mkdir()
    addins = host.home / "AppData" / "Roaming" / "Microsoft" / "AddIns"
    addins.mkdir(parents=True)
    # an NTFS alternate data stream is named "file:Zone.Identifier"; off Windows it is a sibling file so named
    marks = [Path(f"{folder / B.ADDIN_NAME}:Zone.Identifier"), Path(f"{addins / B.ADDIN_NAME}:Zone.Identifier"),
             Path(f"{folder / ACTIONS[0].file_name}:Zone.Identifier")]
    for mark in marks:
        mark.write_text("[ZoneTransfer]\r\nZoneId=3\r\n")
    untouched = tmp_path / "khac.xlsx:Zone.Identifier"
    untouched.write_text("[ZoneTransfer]\r\nZoneId=3\r\n")
    result = setup(host, folder)
    assert not any(m.exists() for m in marks) and untouched.exists()
    assert any("Zone.Identifier" in line for s in result.steps for line in s.lines)
    assert remove_mark_of_the_web(folder / B.ADDIN_NAME) is False  # nothing left to remove


def test_a_refused_vba_project_still_installs_the_files_built_without_excel(tmp_path):
    host = _windows(tmp_path, app=FakeApp(refuse_vba=True))
    result = setup(host, tmp_path / "bdg")
    step = next(s for s in result.steps if s.what.startswith("add-in ("))
    assert step.ok and any("Trust access to the VBA project object model" in line for line in step.lines)
    assert "add-in trong Excel" in result.summary()


def test_without_libreoffice_setup_says_how_to_install_it(tmp_path):
    result = setup(_windows(tmp_path), tmp_path / "bdg")
    step = result.steps[-1]
    assert step.ok is False and LIBREOFFICE_HELP["win"] in step.lines[0] and "không có PDF" in step.lines[0]
    assert result.summary().endswith("; còn thiếu: LibreOffice (xuất PDF).")


def test_an_open_excel_or_no_excel_leaves_the_registry_alone(tmp_path):
    running = _windows(tmp_path / "a", running=True)
    result = setup(running, tmp_path / "a" / "bdg")
    step = next(s for s in result.steps if s.what == "add-in trong Excel")
    assert step.ok is False and "Excel đang mở" in step.lines[-1]
    assert running.registry.values(OPTIONS) == {"OPEN": SOLVER}
    none = _windows(tmp_path / "b", registry=MemoryRegistry({}))
    result = setup(none, tmp_path / "b" / "bdg")
    step = next(s for s in result.steps if s.what == "add-in trong Excel")
    assert step.ok is False and "Chưa thấy Excel" in step.lines[-1] and "Browse" in step.lines[-1]
    assert "còn thiếu: add-in trong Excel, LibreOffice (xuất PDF)" in result.summary()


def test_excel_versions_found_in_the_registry():
    reg = MemoryRegistry({rf"{OFFICE_KEY}\15.0\Excel\Options": {}, rf"{OFFICE_KEY}\16.0\Excel\Security": {},
                          rf"{OFFICE_KEY}\16.0\Word\Options": {}, rf"{OFFICE_KEY}\Common\General": {}})
    assert excel_versions(reg) == ["16.0", "15.0"]
    installed_never_started = MemoryRegistry(
        {r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\excel.exe": {"": r"C:\...\EXCEL.EXE"}})
    assert excel_versions(installed_never_started) == ["16.0"]


def test_settings_name_the_user_folder_by_variable_when_the_name_has_vietnamese_letters():
    env = {"USERPROFILE": r"C:\Users\Nguyễn Văn An", "LOCALAPPDATA": r"C:\Users\Nguyễn Văn An\AppData\Local",
           "APPDATA": r"C:\Users\Nguyễn Văn An\AppData\Roaming"}
    assert portable_path(r"C:\Users\Nguyễn Văn An\bdg\.venv\Scripts\pythonw.exe", env) == \
        r"%USERPROFILE%\bdg\.venv\Scripts\pythonw.exe"
    assert portable_path(r"C:\Users\Nguyễn Văn An\AppData\Local\Programs\Python\Python311\pythonw.exe", env) == \
        r"%LOCALAPPDATA%\Programs\Python\Python311\pythonw.exe"
    assert portable_path(r"D:\Python311\pythonw.exe", env) == r"D:\Python311\pythonw.exe"


def test_a_python_path_excel_cannot_read_is_reported(tmp_path):
    host = _windows(tmp_path)
    host.python = tmp_path / "Phần mềm" / "python.exe"  # outside the user folder, not in the ANSI code page
    host.python.parent.mkdir()
    result = setup(host, tmp_path / "bdg")
    step = next(s for s in result.steps if s.what == "cấu hình xlwings")
    assert step.ok is False and "tên không dấu" in step.lines[0]


def test_macos_setup_uses_excels_startup_folder_and_xlwings_applescript(tmp_path):
    host = Host("darwin", tmp_path, {}, tmp_path / "venv" / "bin" / "python", None, lambda: None, lambda: False,
                None, "utf-8")
    result = setup(host, tmp_path / "bdg")
    assert (tmp_path / MAC_STARTUP / B.ADDIN_NAME).is_file()
    assert list((tmp_path / MAC_SCRIPTS).glob("xlwings-*.applescript"))
    conf = (tmp_path / MAC_DATA / "bdg.conf").read_text()
    assert f'"INTERPRETER_MAC","{host.python}"' in conf
    assert not list((tmp_path / "bdg").glob("*.cmd"))
    assert LIBREOFFICE_HELP["mac"] in result.steps[-1].lines[0]


def test_linux_setup_explains_there_is_no_excel_and_reports_libreoffice(tmp_path, capsys):
    host = Host("linux", tmp_path, {}, tmp_path / "python", None, lambda: "/usr/bin/soffice")
    result = setup(host, tmp_path / "bdg")
    assert not (tmp_path / "bdg").exists()
    assert [(s.what, s.ok) for s in result.steps] == [("dòng lệnh bdg", True), ("Excel", False),
                                                     ("LibreOffice (xuất PDF)", True)]
    assert result.summary() == ("Tóm tắt — dùng được: dòng lệnh bdg, LibreOffice (xuất PDF); còn thiếu: Excel.")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="this computer is the Linux case")
def test_the_setup_command_on_this_computer(tmp_path, capsys):
    assert main(["setup", "--folder", str(tmp_path / "bdg")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "không chạy Windows hay macOS" in out and out.split("Tóm tắt")[-1].startswith(" — dùng được: dòng lệnh bdg")


# --- the one command of the README --------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "setup-windows.ps1"
ONE_LINE = r"powershell -ExecutionPolicy Bypass -File scripts\setup-windows.ps1"


def test_the_windows_script_makes_the_venv_installs_with_constraints_then_runs_bdg_setup():
    raw = SCRIPT.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Windows PowerShell 5.1 reads a BOM-less script as ANSI
    assert b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8-sig")
    steps = ["Unblock-File", "-m venv $Venv", '-m pip install', '-c (Join-Path $Root "constraints.txt") -e $Root',
             '$SetupArgs = @("setup")', '"Scripts\\bdg.exe") @SetupArgs', "exit $LASTEXITCODE"]
    positions = [text.index(step) for step in steps]
    assert positions == sorted(positions)
    assert ONE_LINE in text
    assert text.count("$LASTEXITCODE -ne 0") == 2  # venv and pip failures stop with a Vietnamese message
    assert "-ge 311)" in text  # the pinned numpy and pandas need Python 3.11
    for option, flag in (("$Folder", '"--folder"'), ("$WithoutExcel", '"--without-excel"')):
        assert f"if ({option}) {{ $SetupArgs += " in text and flag in text


def test_the_readme_sets_windows_up_in_one_line_and_links_the_office_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = readme.split("\n## ")[0]
    assert first_screen.index("make demo") < first_screen.index("make test") < first_screen.index("docs/cai-dat.md")
    install = readme.split("## Cài đặt")[1].split("\n## ")[0]
    assert ONE_LINE in install
    guide = (ROOT / "docs" / "cai-dat.md").read_text(encoding="utf-8")
    assert guide.startswith("# Cài đặt trên máy văn phòng") and ONE_LINE in guide
    for words in ("Windows 10", "Windows 11", "Excel 2016", "2019", "2021", "Microsoft 365", "LibreOffice",
                  "Unblock", "Trusted Location", "Trust access to the VBA project object model"):
        assert words in guide, words


def test_libreoffice_is_looked_for_where_its_installers_put_it():
    from bdg.office import standard_locations

    env = {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)",
           "ProgramW6432": r"C:\Program Files"}
    assert [str(p).replace("/", "\\") for p in standard_locations("win32", env)] == [
        r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"]
    assert standard_locations("darwin", {}) == [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    assert standard_locations("linux", env) == []
