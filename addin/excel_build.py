"""``bdg addin build --with-excel``: let Excel itself compile the add-in's VBA project.

The VBA project written on Linux (:mod:`addin.build`) passes every structural check we can run,
but Excel may still open such a project without enabling it. On a machine with Excel, this
module drives Excel through xlwings instead: a new workbook, the ``.bas`` modules imported into
its VBA project (``VBProject.VBComponents.Import``), the settings sheets written, saved by Excel
as .xlam (``FileFormat=55``) and .xlsm (``FileFormat=52``) — so Excel compiles the project — then
the ribbon part added to the saved package (:func:`addin.build.add_ribbon`).

Excel lets a program touch a VBA project only when "Trust access to the VBA project object
model" is ticked; when it is not (or there is no Excel), the files built without Excel are
written instead and the result says why.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from addin import build as B
from addin import control

XL_OPENXML_ADDIN = 55  # xlOpenXMLAddIn: .xlam
XL_OPENXML_MACRO_WORKBOOK = 52  # xlOpenXMLWorkbookMacroEnabled: .xlsm

TRUST_HELP = (
    "Excel chưa cho phép chương trình ghi vào dự án VBA. Bật một lần: trong Excel chọn File → Options → "
    "Trust Center → Trust Center Settings… → Macro Settings → đánh dấu 'Trust access to the VBA project "
    "object model' → OK, đóng Excel rồi chạy lại lệnh. Sau khi tạo xong add-in có thể tắt lại mục này.")
FALLBACK_NOTE = ("Đã dùng bản add-in tạo không qua Excel (dự án VBA ghi bằng phần mềm). Nếu thẻ 'Bình đẳng "
                 "giới' có mà nút không chạy, làm bước dự phòng trong addin/README.md.")


class VbaAccessRefused(Exception):
    """Excel refused access to a workbook's VBA project (the Trust Center setting is off)."""


@dataclass
class ExcelBuild:
    paths: list[Path]
    by_excel: bool  # True: Excel compiled the project; False: the files built without Excel
    messages: list[str] = field(default_factory=list)


def build_with_excel(out_dir: Path, *, interpreter: str | None = None, platform: str = sys.platform,
                     app_factory: Callable[[], object] | None = None) -> ExcelBuild:
    """Write bdg.xlam and the control-panel .xlsm saved by Excel; fall back to :func:`addin.build.build`."""
    out_dir = Path(out_dir)
    interpreter = interpreter if interpreter is not None else B.default_interpreter()
    if not platform.startswith("win"):
        return _fallback(out_dir, interpreter, "Excel chỉ được điều khiển để tạo add-in trên Windows; "
                                               "máy này không phải Windows.")
    try:
        app = (app_factory or _excel_app)()
    except Exception as exc:  # noqa: BLE001 — no Excel, or xlwings cannot reach it
        return _fallback(out_dir, interpreter, f"Không mở được Excel qua xlwings ({type(exc).__name__}: {exc}).")
    try:
        app.display_alerts = False  # no "replace the file?" or compatibility prompts in a hidden Excel
        sources = write_sources(out_dir)
        paths = [
            _save_by_excel(app, sources, out_dir / B.ADDIN_NAME, XL_OPENXML_ADDIN, interpreter, panel=False),
            _save_by_excel(app, sources, out_dir / B.WORKBOOK_NAME, XL_OPENXML_MACRO_WORKBOOK, interpreter,
                           panel=True),
        ]
    except VbaAccessRefused as exc:
        return _fallback(out_dir, interpreter, f"{TRUST_HELP} (Excel báo: {exc})")
    except Exception as exc:  # noqa: BLE001 — whatever Excel refused, the Linux-built files still work
        return _fallback(out_dir, interpreter, f"Excel không tạo được add-in ({excel_says(exc)}).")
    finally:
        _quit(app)
    return ExcelBuild(paths, True, ["Excel đã tự biên dịch dự án VBA của add-in và sổ điều khiển."])


def write_sources(out_dir: Path) -> list[Path]:
    """The modules as .bas files in ``out_dir/vba`` (what Excel imports; also the manual fallback)."""
    folder = Path(out_dir) / "vba"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for module in B.vba_modules():
        path = folder / f"{module.name}.bas"
        path.write_bytes(module.code.encode("ascii"))
        paths.append(path)
    return paths


def _excel_app():
    import xlwings as xw

    return xw.App(visible=False, add_book=False)


def _save_by_excel(app, sources: list[Path], target: Path, file_format: int, interpreter: str | None, *,
                   panel: bool) -> Path:
    saved = target.with_name(f"~excel-{target.name}")
    saved.unlink(missing_ok=True)
    book = app.books.add()
    try:
        try:
            components = book.api.VBProject.VBComponents
        except Exception as exc:  # noqa: BLE001 — COM reports the refusal as a generic error
            raise VbaAccessRefused(excel_says(exc)) from None
        for source in sources:
            components.Import(str(source.resolve()))
        _write_sheets(book, interpreter, panel=panel)
        book.api.SaveAs(str(saved.resolve()), FileFormat=file_format)
    finally:
        book.close()
    B.add_ribbon(saved, target)
    saved.unlink(missing_ok=True)
    return target


def _write_sheets(book, interpreter: str | None, *, panel: bool) -> None:
    """The settings sheet ``bdg.conf`` (and the control sheet first, for the .xlsm); nothing else."""
    first = book.sheets[0]
    extra = [s for s in book.sheets if s.name != first.name]  # a new book may start with several sheets
    first.name = B.CONF_SHEET
    first.range("A1").value = [list(row) for row in B.conf_rows(interpreter)]
    for sheet in extra:
        sheet.delete()
    if panel:
        sheet = book.sheets.add(control.SHEET, before=first)
        sheet.range("A1").value = control.template_rows()


def excel_says(exc: BaseException) -> str:
    """Excel's own words from a COM error (pywintypes.com_error: excepinfo[2]), else the exception."""
    info = getattr(exc, "excepinfo", None)
    if isinstance(info, tuple) and len(info) > 2 and info[2]:
        return str(info[2]).strip()
    return f"{type(exc).__name__}: {exc}"


def _fallback(out_dir: Path, interpreter: str | None, why: str) -> ExcelBuild:
    return ExcelBuild(B.build(out_dir, interpreter=interpreter), False, [why, FALLBACK_NOTE])


def _quit(app) -> None:
    try:
        app.quit()
    except Exception:  # noqa: BLE001 — Excel already gone
        pass
