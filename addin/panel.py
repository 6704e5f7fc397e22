"""The macro-free path: each ribbon button as a double-clickable command file.

Where macros are forbidden, the control-panel workbook (``bdg-bang-dieu-khien.xlsm``) still
holds the settings — its "Bảng điều khiển" sheet is read here as a plain file, no macro runs —
and one ``.cmd`` file per button, next to it, runs ``bdg run-panel ACTION --panel FILE``: the
command line on the folders named in the panel, then opens the result. This module turns a
panel's settings into the arguments of the ``bdg`` command (the same operations the buttons
run) and writes the command files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from addin import control
from addin.control import Control, SettingError
from addin.files import folder_setting, master_path
from addin.summaries import report_kind

CHECK_REPORT = "ket-qua-kiem-tra.xlsx"


@dataclass(frozen=True)
class PanelAction:
    key: str  # the ACTION of ``bdg run-panel``
    label: str  # the ribbon button's label
    file_name: str  # the command file


ACTIONS: tuple[PanelAction, ...] = (
    PanelAction("check", "Kiểm tra biểu mẫu", "bdg - Kiểm tra.cmd"),
    PanelAction("consolidate", "Tổng hợp", "bdg - Tổng hợp.cmd"),
    PanelAction("attainment", "Tính mức đạt", "bdg - Tính mức đạt.cmd"),
    PanelAction("report", "Xuất báo cáo", "bdg - Xuất báo cáo.cmd"),
    PanelAction("forms", "Tạo biểu mẫu", "bdg - Tạo biểu mẫu.cmd"),
)
BY_KEY = {a.key: a for a in ACTIONS}


@dataclass(frozen=True)
class PanelRun:
    """One button's work: the ``bdg`` arguments, the folders to create first, what to open after."""

    action: PanelAction
    args: list[str]
    opens: Path
    folders: tuple[Path, ...] = ()


def read_panel(path: Path) -> Control:
    """The settings of a control-panel workbook file (.xlsm/.xlsx), read without running anything."""
    from openpyxl import load_workbook

    path = Path(path)
    if not path.is_file():
        raise SettingError(f"Không tìm thấy sổ điều khiển '{path}'. Hãy để tệp lệnh (.cmd) cùng thư mục với "
                           "sổ điều khiển, hoặc chạy lại 'bdg setup'.")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — any unreadable file gets the same advice
        raise SettingError(f"Không đọc được sổ điều khiển '{path}' ({type(exc).__name__}). Hãy mở tệp trong "
                           "Excel, lưu lại đúng loại .xlsm rồi chạy lại.") from None
    try:
        if control.SHEET not in book.sheetnames:
            raise SettingError(f"Sổ '{path.name}' không có trang '{control.SHEET}'. Hãy dùng sổ điều khiển do "
                               "bdg tạo (bdg setup hoặc bdg addin build).")
        rows = [list(r) for r in book[control.SHEET].iter_rows(values_only=True)]
    finally:
        book.close()
    return control.from_rows(rows)


def plan_run(action: str, panel: Path) -> PanelRun:
    """What ``bdg run-panel ACTION --panel PANEL`` runs, from the panel's settings."""
    if action not in BY_KEY:
        raise SettingError(f"Không có việc '{action}'. Chọn một trong: {', '.join(BY_KEY)}.")
    panel = Path(panel).resolve()
    ctl = read_panel(panel)
    book = _PanelFile(panel)
    plan = ctl.path("plan")
    plan_args = ["--plan", str(plan if plan.is_absolute() else panel.parent / plan)] if plan else []
    year = ctl.year(required=False)
    year_args = ["--year", str(year)] if year else []
    act = BY_KEY[action]
    if action == "check":
        inbox = folder_setting(book, ctl, "inbox")
        out = folder_setting(book, ctl, "out", default=panel.parent, must_exist=False)
        result = out / CHECK_REPORT
        return PanelRun(act, ["check", str(inbox), "--xlsx-report", str(result), *plan_args], result, (out,))
    if action == "forms":
        year = ctl.year()
        out = folder_setting(book, ctl, "out", default=_master_folder(book, ctl, panel), must_exist=False)
        out = out / f"bieu-mau-{year}"
        agency = ["--agency", ctl.text("agency")] if ctl.text("agency") else []
        return PanelRun(act, ["forms", "--year", str(year), "--out", str(out), *agency, *plan_args], out)
    master = master_path(book, ctl)
    if not master.is_file():
        raise SettingError(f"Không tìm thấy sổ tổng hợp '{master}' ({ctl.where('master')}). Hãy sửa đường dẫn "
                           "trong sổ điều khiển rồi chạy lại.")
    if action == "consolidate":
        inbox = folder_setting(book, ctl, "inbox")
        return PanelRun(act, ["consolidate", str(inbox), "--master", str(master), *plan_args], master)
    if action == "attainment":
        return PanelRun(act, ["attainment", "--master", str(master), *year_args, *plan_args], master)
    kind = report_kind(ctl)
    year = ctl.year(required=kind == "annual")
    out = folder_setting(book, ctl, "out", default=master.parent, must_exist=False)
    year_args = ["--year", str(year)] if year else []
    return PanelRun(act, ["report", "--master", str(master), "--kind", kind, "--out", str(out), *year_args,
                          *plan_args], out, (out,))


def _master_folder(book, ctl: Control, panel: Path) -> Path:
    try:
        return master_path(book, ctl).parent
    except SettingError:
        return panel.parent


class _PanelFile:
    """The panel file standing for "the open workbook" in :mod:`addin.files` (a local file, no Excel)."""

    app = SimpleNamespace(engine=SimpleNamespace(name="file"))

    def __init__(self, path: Path):
        self.fullname = str(path)
        self.name = path.name


# --- the command files ----------------------------------------------------------------------

def batch_quote(text: str) -> str:
    """``text`` as one argument of a .cmd line: in double quotes, ``%`` doubled (Windows paths hold no ``"``)."""
    if '"' in text:
        raise ValueError(f"a Windows path cannot contain a double quote: {text!r}")
    return '"' + text.replace("%", "%%") + '"'


def command_file_text(action: PanelAction, python: str, panel_name: str) -> str:
    """A .cmd file: UTF-8 (code page 65001 switched on before any non-ASCII line), CRLF line ends."""
    lines = [
        "@echo off",
        "chcp 65001 >nul",
        f"rem bdg - {action.label}: không cần macro; đọc thiết lập ở trang Bảng điều khiển của {panel_name}.",
        f"title bdg - {action.label}",
        'cd /d "%~dp0"',
        f'{batch_quote(python)} -m cli run-panel {action.key} --panel "%~dp0{panel_name.replace("%", "%%")}"',
        "echo.",
        "pause",
    ]
    return "\r\n".join(lines) + "\r\n"


def write_command_files(folder: Path, python: str, panel_name: str) -> list[Path]:
    """One command file per button in ``folder`` (next to the control panel ``panel_name``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for action in ACTIONS:
        path = folder / action.file_name
        path.write_bytes(command_file_text(action, python, panel_name).encode("utf-8"))
        paths.append(path)
    return paths
