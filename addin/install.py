"""``bdg setup``: put bdg into the office's Excel on this computer, and say what works.

On Windows: build the add-in (by Excel itself when it can, see :mod:`addin.excel_build`), copy
``bdg.xlam`` into the user's add-ins folder (%APPDATA%\\Microsoft\\AddIns) and tick it for Excel
(the ``OPEN``/``OPENn`` values of HKCU\\Software\\Microsoft\\Office\\<version>\\Excel\\Options, which
Excel reads at start), write xlwings' settings with this Python (the add-in's own
``%USERPROFILE%\\.bdg\\bdg.conf`` and xlwings' ``%USERPROFILE%\\.xlwings\\xlwings.conf``), put the
control panel and its macro-free command files in a folder, remove the Mark of the Web
(the ``Zone.Identifier`` stream) from every file installed, and check LibreOffice (PDF).
On macOS the same where classic xlwings runs: the add-in in Excel's start-up folder, xlwings'
AppleScript, the settings file. Elsewhere: Excel is not available; the command line and
LibreOffice are. Everything the computer provides (platform, folders, registry, Excel builder,
LibreOffice finder) comes in through :class:`Host`, so each branch can be tested anywhere.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Protocol

from addin import build as B
from addin.panel import write_command_files

OFFICE_KEY = r"HKCU\Software\Microsoft\Office"
EXCEL_APP_PATH = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\excel.exe"
EXCEL_NAMES = {"16.0": "2016/2019/2021/Microsoft 365", "15.0": "2013", "14.0": "2010"}
MAC_GROUP = "Library/Group Containers/UBF8T346G9.Office/User Content.localized"
MAC_STARTUP = f"{MAC_GROUP}/Startup.localized/Excel"
MAC_SCRIPTS = "Library/Application Scripts/com.microsoft.Excel"
MAC_DATA = "Library/Containers/com.microsoft.Excel/Data"  # what "path to home folder" gives sandboxed Excel
LIBREOFFICE_HELP = {
    "win": "tải bộ cài tại https://vi.libreoffice.org/download/tai-ve-libreoffice/ (hoặc chạy "
           "'winget install TheDocumentFoundation.LibreOffice'), cài với các lựa chọn mặc định",
    "mac": "tải tại https://vi.libreoffice.org/download/tai-ve-libreoffice/ (hoặc 'brew install --cask libreoffice')",
    "other": "sudo apt-get install --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui "
             "fonts-liberation2",
}


class Registry(Protocol):
    """The few registry operations setup needs (paths start with HKCU\\ or HKLM\\)."""

    def subkeys(self, path: str) -> list[str]: ...
    def values(self, path: str) -> dict[str, str]: ...
    def set_value(self, path: str, name: str, value: str) -> None: ...


@dataclass
class Host:
    """This computer as setup sees it; :meth:`current` for the real one, tests build their own."""

    platform: str
    home: Path
    env: Mapping[str, str]
    python: Path  # the interpreter bdg is installed in (python.exe, for command files)
    registry: Registry | None = None
    find_soffice: Callable[[], str | None] = lambda: None
    excel_running: Callable[[], bool] = lambda: False
    build: Callable[..., object] | None = None  # (out_dir, interpreter=) -> ExcelBuild; None: by Excel if possible
    conf_encoding: str = "ascii"  # how VBA's Input # reads the settings file: the ANSI code page

    @classmethod
    def current(cls) -> Host:
        from bdg.office import find_soffice

        registry = WinRegistry() if sys.platform.startswith("win") else None
        encoding = "mbcs" if sys.platform.startswith("win") else "utf-8"
        return cls(sys.platform, Path.home(), dict(os.environ), Path(sys.executable), registry, find_soffice,
                   _excel_running, None, encoding)

    @property
    def windows(self) -> bool:
        return self.platform.startswith("win")

    @property
    def mac(self) -> bool:
        return self.platform == "darwin"

    def folder(self, variable: str, *default: str) -> Path:
        value = self.env.get(variable)
        return Path(value) if value else self.home.joinpath(*default)

    def interpreter(self) -> str:
        """The windowless interpreter Excel should start (pythonw.exe next to python.exe on Windows)."""
        if self.windows:
            windowless = self.python.with_name("pythonw.exe")
            return str(windowless if windowless.exists() else self.python)
        return str(self.python)


@dataclass
class Step:
    what: str  # short Vietnamese name, used in the summary line
    ok: bool | None  # True works, False missing, None not applicable here
    lines: list[str] = field(default_factory=list)


@dataclass
class SetupResult:
    steps: list[Step]
    installed: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        works = [s.what for s in self.steps if s.ok]
        missing = [s.what for s in self.steps if s.ok is False]
        text = "Tóm tắt — dùng được: " + (", ".join(works) or "chưa có gì")
        return text + ("; còn thiếu: " + ", ".join(missing) + "." if missing else "; không thiếu gì.")


def setup(host: Host, folder: Path, *, with_excel: bool = True) -> SetupResult:
    """Install bdg for Excel on ``host``; the control panel and its command files go into ``folder``."""
    result = SetupResult([Step("dòng lệnh bdg", True, [f"Python: {host.python}"])])
    if not (host.windows or host.mac):
        result.steps.append(Step("Excel", False, [
            "Máy này không chạy Windows hay macOS nên không có Excel để cài add-in. Dùng dòng lệnh bdg; "
            "biểu mẫu và sổ tổng hợp mở được bằng LibreOffice Calc."]))
        result.steps.append(libreoffice_step(host))
        return result
    folder = Path(folder)
    panel = folder / B.WORKBOOK_NAME
    filled = panel.read_bytes() if panel.is_file() else None  # the user's settings survive a second setup
    built = _build(host, folder, with_excel)
    lines = [*built.messages, *(f"Đã tạo: {p}" for p in built.paths if p != panel or filled is None)]
    if filled is not None:
        panel.write_bytes(filled)
        lines.append(f"Giữ nguyên sổ điều khiển đã có cùng các thiết lập đã điền: {panel} (muốn bản mới: đổi tên "
                     "tệp đó rồi chạy lại).")
    result.steps.append(Step("add-in do Excel tự biên dịch" if built.by_excel else "add-in (bản tạo không qua Excel)",
                             True, lines))
    result.installed += built.paths
    if host.windows:
        result.steps.append(_install_windows(host, folder / B.ADDIN_NAME, result))
    else:
        result.steps.append(_install_mac(host, folder / B.ADDIN_NAME, result))
    result.steps.append(write_settings(host, result))
    if host.windows:
        python = str(host.python.with_name("python.exe")) if host.python.name.lower() == "pythonw.exe" \
            else str(host.python)
        commands = write_command_files(folder, python, B.WORKBOOK_NAME)
        result.installed += commands
        result.steps.append(Step("tệp lệnh không cần macro", True, [
            f"Trong {folder}: {', '.join(p.name for p in commands)} — bấm đúp để chạy; thiết lập ở trang "
            f"'Bảng điều khiển' của {B.WORKBOOK_NAME}."]))
        cleared = [p for p in result.installed if remove_mark_of_the_web(p)]
        if cleared:
            result.steps[-1].lines.append(f"Đã gỡ dấu 'tải từ Internet' (Zone.Identifier) khỏi {len(cleared)} tệp.")
    result.steps.append(libreoffice_step(host))
    return result


def _build(host: Host, folder: Path, with_excel: bool):
    from addin.excel_build import ExcelBuild, build_with_excel

    if host.build is not None:
        return host.build(folder, interpreter=host.interpreter())
    if with_excel and host.windows:
        return build_with_excel(folder, interpreter=host.interpreter(), platform=host.platform)
    return ExcelBuild(B.build(folder, interpreter=host.interpreter()), False, [])


# --- Windows -------------------------------------------------------------------------------

def _install_windows(host: Host, addin: Path, result: SetupResult) -> Step:
    target_dir = host.folder("APPDATA", "AppData", "Roaming") / "Microsoft" / "AddIns"
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / addin.name
    try:
        shutil.copyfile(addin, target)
    except PermissionError:
        return Step("add-in trong Excel", False, [
            f"Không chép được add-in vào '{target}': tệp đang được Excel dùng. Hãy đóng Excel rồi chạy lại "
            "'bdg setup'."])
    result.installed.append(target)
    lines = [f"Đã chép add-in vào thư mục add-in của Excel: {target}"]
    versions = excel_versions(host.registry) if host.registry else []
    if not versions:
        return Step("add-in trong Excel", False, lines + [
            "Chưa thấy Excel trên máy này (hoặc Excel chưa chạy lần nào). Hãy cài/mở Excel một lần, đóng lại "
            "rồi chạy lại 'bdg setup'; hoặc trong Excel: File → Options → Add-ins → Manage: Excel Add-ins → "
            f"Go… → Browse… → chọn '{target}'."])
    if host.excel_running():
        return Step("add-in trong Excel", False, lines + [
            "Excel đang mở: Excel ghi lại danh sách add-in khi đóng và sẽ xóa mục vừa thêm. Hãy đóng mọi cửa "
            "sổ Excel rồi chạy lại 'bdg setup'."])
    for version in versions:
        register_addin(host.registry, version, target)
    names = ", ".join(EXCEL_NAMES.get(v, f"phiên bản {v}") for v in versions)
    return Step("add-in trong Excel", True, lines + [
        f"Đã bật add-in cho Excel {names}: mở Excel sẽ thấy thẻ 'Bình đẳng giới'."])


def excel_versions(registry: Registry) -> list[str]:
    """Office versions with Excel settings for this user ("16.0" is Excel 2016, 2019, 2021 and 365)."""
    found = []
    for name in registry.subkeys(OFFICE_KEY):
        if name.replace(".", "").isdigit() and "Excel" in registry.subkeys(f"{OFFICE_KEY}\\{name}"):
            found.append(name)
    if not found and registry.values(EXCEL_APP_PATH):  # installed, never started: 16.0 since Excel 2016
        found.append("16.0")
    return sorted(found, key=lambda v: float(v), reverse=True)


def register_addin(registry: Registry, version: str, path: Path) -> str:
    """Tick the add-in: an ``OPEN``/``OPENn`` value naming it (reusing the one that names it already)."""
    key = f"{OFFICE_KEY}\\{version}\\Excel\\Options"
    current = registry.values(key)
    value = f'/R "{path}"'
    name = next((n for n, v in current.items() if n.upper().startswith("OPEN") and path.name.lower() in v.lower()),
                None)
    if name is None:
        taken = {n.upper() for n in current}
        name = next(n for n in ["OPEN", *(f"OPEN{i}" for i in range(1, 1000))] if n not in taken)
    registry.set_value(key, name, value)
    return name


def remove_mark_of_the_web(path: Path) -> bool:
    """Delete the ``Zone.Identifier`` alternate data stream that marks a file as downloaded."""
    try:
        os.remove(f"{path}:Zone.Identifier")
        return True
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return False


class WinRegistry:
    """:class:`Registry` over ``winreg`` (Windows only)."""

    def _open(self, path: str, write: bool = False):
        import winreg

        hive, _, sub = path.partition("\\")
        root = {"HKCU": winreg.HKEY_CURRENT_USER, "HKLM": winreg.HKEY_LOCAL_MACHINE}[hive]
        if write:
            return winreg.CreateKeyEx(root, sub, 0, winreg.KEY_READ | winreg.KEY_WRITE)
        return winreg.OpenKey(root, sub)

    def subkeys(self, path: str) -> list[str]:
        import winreg

        try:
            with self._open(path) as key:
                return [winreg.EnumKey(key, i) for i in range(winreg.QueryInfoKey(key)[0])]
        except OSError:
            return []

    def values(self, path: str) -> dict[str, str]:
        import winreg

        try:
            with self._open(path) as key:
                pairs = (winreg.EnumValue(key, i) for i in range(winreg.QueryInfoKey(key)[1]))
                return {name: str(value) for name, value, _ in pairs}
        except OSError:
            return {}

    def set_value(self, path: str, name: str, value: str) -> None:
        import winreg

        with self._open(path, write=True) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)


def _excel_running() -> bool:
    if not sys.platform.startswith("win"):
        return False
    import subprocess

    try:
        out = subprocess.run(["tasklist", "/FI", "IMAGENAME eq EXCEL.EXE", "/NH"], capture_output=True,
                             text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "excel.exe" in out.lower()


# --- macOS -----------------------------------------------------------------------------------

def _install_mac(host: Host, addin: Path, result: SetupResult) -> Step:
    startup = host.home / MAC_STARTUP
    startup.mkdir(parents=True, exist_ok=True)
    target = startup / addin.name
    shutil.copyfile(addin, target)
    result.installed.append(target)
    lines = [f"Đã chép add-in vào thư mục khởi động của Excel: {target}"]
    script = _xlwings_applescript()
    if script is not None:  # classic xlwings on macOS runs Python through this AppleScript
        scripts = host.home / MAC_SCRIPTS
        scripts.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(script, scripts / script.name)
        result.installed.append(scripts / script.name)
        lines.append(f"Đã chép {script.name} vào {scripts}.")
    lines.append("Thoát hẳn Excel (Cmd-Q) rồi mở lại để thấy thẻ 'Bình đẳng giới'. Trên Mac cần làm thêm bước "
                 "dự phòng nhập Dictionary.cls (addin/README.md, mục macOS).")
    return Step("add-in trong Excel", True, lines)


def _xlwings_applescript() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    if not spec or not spec.origin:
        return None
    return next(iter(sorted(Path(spec.origin).parent.glob("xlwings-*.applescript"))), None)


# --- xlwings settings ------------------------------------------------------------------------

def settings_files(host: Host) -> list[Path]:
    """The add-in's own settings file (PROJECT_NAME "bdg"), then xlwings' user settings file."""
    if host.mac:
        return [host.home / MAC_DATA / f"{B.PROJECT_NAME}.conf", host.home / ".xlwings" / "xlwings.conf"]
    profile = host.folder("USERPROFILE")
    return [profile / f".{B.PROJECT_NAME}" / f"{B.PROJECT_NAME}.conf", profile / ".xlwings" / "xlwings.conf"]


def write_settings(host: Host, result: SetupResult) -> Step:
    """Point both settings files at this Python, keeping every other line the user has there."""
    interpreter = portable_path(host.interpreter(), host.env) if host.windows else host.interpreter()
    key = "INTERPRETER_WIN" if host.windows else "INTERPRETER_MAC"
    rows = {**dict(B.conf_rows()), key: interpreter}
    lines = []
    for path in settings_files(host):
        entries = rows if path.name.startswith(B.PROJECT_NAME) else {key: interpreter}
        text = _merge_conf(_read_conf(path), entries)
        try:
            data = text.encode(host.conf_encoding)
        except UnicodeEncodeError:
            return Step("cấu hình xlwings", False, [
                f"Đường dẫn Python '{host.interpreter()}' có ký tự mà Excel không đọc được từ tệp cấu hình. "
                "Hãy cài Python vào một thư mục tên không dấu (ví dụ C:\\Python311) rồi chạy lại."])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        result.installed.append(path)
        lines.append(f"Đã ghi {path} ({key} = {interpreter}).")
    return Step("cấu hình xlwings", True, lines)


def portable_path(path: str, env: Mapping[str, str]) -> str:
    """``path`` with the longest matching user folder written as %VARIABLE% (xlwings expands it)."""
    best = None
    for var in ("LOCALAPPDATA", "APPDATA", "USERPROFILE"):
        root = env.get(var)
        if root and path.lower().startswith(root.rstrip("\\").lower() + "\\"):
            if best is None or len(root) > len(env[best]):
                best = var
    return path if best is None else f"%{best}%" + path[len(env[best].rstrip("\\")):]


def _read_conf(path: Path) -> list[str]:
    if not path.is_file():
        return []
    raw = path.read_bytes()
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    return []


def _merge_conf(lines: list[str], entries: dict[str, str]) -> str:
    """xlwings' settings file: one ``"KEY","value"`` per line; ``entries`` replace lines with their key."""
    keys = {k.upper() for k in entries}
    kept = [line for line in lines if line.strip() and _conf_key(line) not in keys]
    kept += [f'"{k}","{v}"' for k, v in entries.items()]
    return "\r\n".join(kept) + "\r\n"


def _conf_key(line: str) -> str:
    return line.split(",", 1)[0].strip().strip('"').upper()


# --- LibreOffice -----------------------------------------------------------------------------

def libreoffice_step(host: Host) -> Step:
    found = host.find_soffice()
    if found:
        return Step("LibreOffice (xuất PDF)", True, [f"LibreOffice: {found}"])
    how = LIBREOFFICE_HELP["win" if host.windows else "mac" if host.mac else "other"]
    return Step("LibreOffice (xuất PDF)", False, [
        f"Chưa có LibreOffice: báo cáo vẫn được lập dạng Word và HTML nhưng không có PDF. Cách cài: {how}; "
        "rồi chạy lại 'bdg setup' để kiểm tra."])
