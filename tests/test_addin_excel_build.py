"""`bdg addin build --with-excel`: the calls made to Excel (a recording stand-in), the files, the fallback."""

from __future__ import annotations

import zipfile

import pytest
from excel_fakes import FakeApp
from python_calamine import CalamineWorkbook

from addin import build as B
from addin import control
from addin.excel_build import TRUST_HELP, XL_OPENXML_ADDIN, XL_OPENXML_MACRO_WORKBOOK, build_with_excel
from addin.panel import read_panel
from cli import main

PYTHONW = r"C:\Users\Nguyễn Văn An\bdg\.venv\Scripts\pythonw.exe"


def _sheets(path):
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_excel_imports_the_modules_saves_each_file_in_its_format_and_quits(tmp_path):
    app = FakeApp()
    built = build_with_excel(tmp_path, interpreter=PYTHONW, platform="win32", app_factory=lambda: app)
    assert built.by_excel and built.paths == [tmp_path / B.ADDIN_NAME, tmp_path / B.WORKBOOK_NAME]
    modules = [f"{m.name}.bas" for m in B.vba_modules()]
    per_book = [("add_book",), ("vbproject",), *(("import", m) for m in modules)]
    xlam, xlsm = f"~excel-{B.ADDIN_NAME}", f"~excel-{B.WORKBOOK_NAME}"
    assert app.calls == [
        *per_book,
        ("rename", "Trang_tính1", B.CONF_SHEET), ("write", B.CONF_SHEET, "A1"), ("delete", "Trang_tính2"),
        ("save_as", xlam, XL_OPENXML_ADDIN), ("close",),
        *per_book,
        ("rename", "Trang_tính1", B.CONF_SHEET), ("write", B.CONF_SHEET, "A1"), ("delete", "Trang_tính2"),
        ("add_sheet", control.SHEET, B.CONF_SHEET), ("write", control.SHEET, "A1"),
        ("save_as", xlsm, XL_OPENXML_MACRO_WORKBOOK), ("close",),
        ("quit",),
    ]
    assert (XL_OPENXML_ADDIN, XL_OPENXML_MACRO_WORKBOOK) == (55, 52)
    assert app.display_alerts is False
    # Excel imported the very files left in vba/ for the manual fallback, with the sources' text
    imported = app.books_made[0].imported
    assert [p.parent for p in imported] == [tmp_path / "vba"] * len(modules)
    assert [p.read_bytes() for p in imported] == [m.code.encode("ascii") for m in B.vba_modules()]
    assert not list(tmp_path.glob("~excel-*"))  # Excel's own saves are replaced by the finished files


@pytest.mark.parametrize("name", [B.ADDIN_NAME, B.WORKBOOK_NAME])
def test_the_ribbon_is_added_to_the_package_excel_saved(tmp_path, name):
    build_with_excel(tmp_path, interpreter=PYTHONW, platform="win32", app_factory=FakeApp)
    with zipfile.ZipFile(tmp_path / name) as z:
        rels = z.read("_rels/.rels").decode()
        ribbon = z.read("customUI/customUI.xml")
        assert z.testzip() is None
    assert B.RIBBON_REL_TYPE in rels and 'Target="customUI/customUI.xml"' in rels
    assert ribbon == B.RIBBON_XML.read_bytes()


def test_the_sheets_excel_saved_hold_the_settings_and_the_control_panel(tmp_path):
    build_with_excel(tmp_path, interpreter=PYTHONW, platform="win32", app_factory=FakeApp)
    addin = _sheets(tmp_path / B.ADDIN_NAME)
    assert list(addin) == [B.CONF_SHEET]
    assert [tuple(r) for r in addin[B.CONF_SHEET]] == [("INTERPRETER_WIN", PYTHONW), ("UDF MODULES", B.UDF_MODULES)]
    panel = _sheets(tmp_path / B.WORKBOOK_NAME)
    assert list(panel) == [control.SHEET, B.CONF_SHEET]
    labels = [row[0] for row in panel[control.SHEET]]
    assert labels[0] == control.TITLE and control.RESULT_TITLE in labels
    assert all(s.label in labels for s in control.SETTINGS)
    settings = read_panel(tmp_path / B.WORKBOOK_NAME)  # the macro-free path reads the same sheet
    assert settings.present and set(settings.rows) == {s.key for s in control.SETTINGS}


def test_a_refused_vba_project_explains_the_trust_setting_and_falls_back(tmp_path):
    app = FakeApp(refuse_vba=True)
    built = build_with_excel(tmp_path, interpreter=PYTHONW, platform="win32", app_factory=lambda: app)
    assert not built.by_excel
    assert built.messages[0].startswith(TRUST_HELP)
    text = " ".join(built.messages)
    for words in ("File → Options → Trust Center → Trust Center Settings", "Macro Settings",
                  "Trust access to the VBA project object model", "có thể tắt lại",
                  "(Excel báo: Programmatic access to Visual Basic Project is not trusted", "bước dự phòng"):
        assert words in text
    assert app.calls == [("add_book",), ("vbproject",), ("close",), ("quit",)]
    # the files built without Excel: ms-ovba's project inside, the ribbon too
    assert built.paths == [tmp_path / B.ADDIN_NAME, tmp_path / B.WORKBOOK_NAME]
    for path in built.paths:
        with zipfile.ZipFile(path) as z:
            assert {"xl/vbaProject.bin", "customUI/customUI.xml"} <= set(z.namelist())


def test_without_windows_or_excel_the_files_built_without_excel_are_written(tmp_path):
    def no_app():
        raise AssertionError("Excel must not be started off Windows")

    mac = build_with_excel(tmp_path / "mac", interpreter=None, platform="darwin", app_factory=no_app)
    assert not mac.by_excel and "không phải Windows" in mac.messages[0]
    assert all(p.is_file() for p in mac.paths)

    def missing():
        raise OSError("Excel is not installed")

    win = build_with_excel(tmp_path / "win", interpreter=PYTHONW, platform="win32", app_factory=missing)
    assert not win.by_excel and "Không mở được Excel qua xlwings (OSError: Excel is not installed)" in win.messages[0]
    assert [p.name for p in win.paths] == [B.ADDIN_NAME, B.WORKBOOK_NAME]


def test_cli_with_excel_on_linux_says_why_and_still_writes_the_files(tmp_path, capsys):
    assert main(["addin", "build", "--with-excel", "--out", str(tmp_path)]) == 0
    out = " ".join(capsys.readouterr().out.split())  # the console wraps long lines
    assert "máy này không phải Windows" in out and "Đã tạo:" in out
    assert (tmp_path / B.ADDIN_NAME).is_file() and (tmp_path / B.WORKBOOK_NAME).is_file()
