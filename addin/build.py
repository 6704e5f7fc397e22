"""Build the classic-xlwings Excel files from the sources kept in the repository.

* ``bdg.xlam`` — the add-in: a "Bình đẳng giới" ribbon tab whose buttons call the Python
  macros of :mod:`addin.macros` on the active workbook (a form or the master);
* ``bdg-bang-dieu-khien.xlsm`` — the same buttons in an ordinary macro workbook with a
  "Bảng điều khiển" sheet, for offices that cannot install add-ins.

Sources: ``addin/vba/*.bas`` (our VBA), xlwings' own ``xlwings_custom_addin.bas`` (RunPython,
taken from the installed xlwings so versions match; its config sheet renamed ``bdg.conf``)
and ``addin/ribbon/customUI.xml``. The VBA project (vbaProject.bin) is written with
``ms-ovba`` (streams compressed by :mod:`addin.ovba_compress`), embedded by XlsxWriter, then the ribbon part is added to the package.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import shutil
import sys
import tempfile
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bdg.errors import BdgError

HERE = Path(__file__).parent
VBA_DIR = HERE / "vba"
RIBBON_XML = HERE / "ribbon" / "customUI.xml"
PROJECT_NAME = "bdg"  # xlwings reads its settings from a "bdg.conf" sheet / %USERPROFILE%\.bdg\bdg.conf
CONF_SHEET = f"{PROJECT_NAME}.conf"
UDF_MODULES = "addin.functions"
ADDIN_NAME = "bdg.xlam"
WORKBOOK_NAME = "bdg-bang-dieu-khien.xlsm"

RIBBON_REL_TYPE = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XLAM_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
_DOC_GUID_WORKBOOK = "0002081900000000C000000000000046"
_DOC_GUID_SHEET = "0002082000000000C000000000000046"


class BuildError(BdgError):
    pass


@dataclass(frozen=True)
class VbaModule:
    name: str
    code: str  # as written to the project (CRLF line ends)


def vba_modules() -> list[VbaModule]:
    """The standard modules of the project: xlwings' RunPython module, then ours."""
    return [xlwings_module(), *(_module(p.read_text(encoding="ascii")) for p in sorted(VBA_DIR.glob("*.bas")))]


def xlwings_module() -> VbaModule:
    """xlwings' custom add-in module, reading its settings from ``bdg.conf``."""
    import importlib.util

    spec = importlib.util.find_spec("xlwings")  # its location only: importing xlwings takes seconds
    src = Path(spec.origin).parent / "xlwings_custom_addin.bas" if spec and spec.origin else Path("xlwings.bas")
    if not src.exists():
        raise BuildError(f"Không tìm thấy '{src.name}' trong gói xlwings đã cài. Hãy cài lại xlwings.")
    text = src.read_text(encoding="ascii", errors="strict")
    text, n = re.subn(r'(PROJECT_NAME As String = )"[^"]*"', rf'\1"{PROJECT_NAME}"', text)
    if n != 1:
        raise BuildError("Mô-đun VBA của xlwings có cấu trúc lạ (không thấy PROJECT_NAME); hãy dùng xlwings >= 0.33.")
    return _module(text)


def _module(text: str) -> VbaModule:
    text = text.replace("\r\n", "\n")
    m = re.match(r'Attribute VB_Name = "([^"]+)"', text)
    if not m:
        raise BuildError("Mỗi tệp .bas phải bắt đầu bằng dòng Attribute VB_Name = \"...\".")
    return VbaModule(m.group(1), text.replace("\n", "\r\n"))


def vba_project(modules: list[VbaModule], sheet_codenames: list[str]) -> bytes:
    """vbaProject.bin holding ThisWorkbook, one document module per sheet, and ``modules``."""
    from ms_ovba.Models.Entities.doc_module import DocModule
    from ms_ovba.Models.Entities.reference import Reference
    from ms_ovba.Models.Entities.reference_registered import ReferenceRegistered
    from ms_ovba.Models.Entities.std_module import StdModule
    from ms_ovba.Models.Fields.libid_reference import LibidReference
    from ms_ovba.vbaProject import VbaProject
    from ms_ovba.Views.project_ole_file import ProjectOleFile

    with tempfile.TemporaryDirectory(prefix="bdg-vba-") as tmp, _library_leaks(), _cwd(tmp), _spec_compression():
        project = VbaProject()
        project.project_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "bdg-vba-project")).upper() + "}"
        for name, guid in [("ThisWorkbook", _DOC_GUID_WORKBOOK)] + [(s, _DOC_GUID_SHEET) for s in sheet_codenames]:
            path = Path(tmp) / f"{name}.cls"
            path.write_text(_doc_module_source(name), encoding="ascii")
            doc = DocModule(name)
            doc.add_file(str(path))
            doc.add_guid(uuid.UUID(guid))
            doc.normalize_file()
            project.add_module(doc)
        for module in modules:
            path = Path(tmp) / f"{module.name}.bas"
            path.write_bytes(module.code.replace("\r\n", "\n").encode("ascii"))
            std = StdModule(module.name)
            std.add_file(str(path))
            std.normalize_file()
            project.add_module(std)
        stdole = LibidReference(uuid.UUID("0002043000000000C000000000000046"), "2.0", "0",
                                "C:\\Windows\\System32\\stdole2.tlb", "OLE Automation")
        project.add_reference(Reference(ReferenceRegistered(stdole), "stdole"))
        ProjectOleFile.write_file(project)
        return (Path(tmp) / "vbaProject.bin").read_bytes()


def _doc_module_source(name: str) -> str:
    return ("VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1  'True\nEND\n"
            f'Attribute VB_Name = "{name}"\nAttribute VB_GlobalNameSpace = False\n'
            "Attribute VB_Creatable = False\nAttribute VB_PredeclaredId = True\nAttribute VB_Exposed = True\n")


@contextlib.contextmanager
def _spec_compression():
    """Use :mod:`addin.ovba_compress` for every stream: ms-ovba's own compressor garbles long modules."""
    from ms_ovba_compression.ms_ovba import MsOvba

    from addin.ovba_compress import compress

    original = MsOvba.compress
    MsOvba.compress = lambda self, data: compress(bytes(data))
    try:
        yield
    finally:
        MsOvba.compress = original


@contextlib.contextmanager
def _library_leaks():
    """ms-ovba 0.0.1 (with ms_cfb 0.0.6) leaves the module sources and its scratch files open.

    Collect them before the temporary folder is removed (Windows cannot delete an open file); their
    ResourceWarnings are the library's, so they are ignored here and only here.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            yield
        finally:
            gc.collect()


@contextlib.contextmanager
def _cwd(path: str):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def conf_rows(interpreter: str | None = None) -> list[tuple[str, str]]:
    """The ``bdg.conf`` sheet: only keys with a value (an empty key would hide the user's own file)."""
    rows = [("UDF MODULES", UDF_MODULES)]
    if interpreter:
        key = "INTERPRETER_WIN" if re.match(r"^[A-Za-z]:\\|^\\\\", interpreter) else "INTERPRETER_MAC"
        rows.insert(0, (key, interpreter))
    return rows


def default_interpreter() -> str | None:
    """On Windows, the Python running this build (its pythonw.exe); elsewhere unknown."""
    if not sys.platform.startswith("win"):
        return None
    exe = Path(sys.executable)
    windowless = exe.with_name("pythonw.exe")
    return str(windowless if windowless.exists() else exe)


def build(out_dir: Path, *, interpreter: str | None = None, plan=None, settings: dict[str, str] | None = None
          ) -> list[Path]:
    """Write ``bdg.xlam`` and ``bdg-bang-dieu-khien.xlsm`` into ``out_dir``; return their paths.

    ``plan`` gives the control sheet's examples; ``settings`` ({setting key: value}, e.g. the
    master's path) are filled in the control sheet of the .xlsm.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    interpreter = interpreter if interpreter is not None else default_interpreter()
    modules = vba_modules()
    ribbon = RIBBON_XML.read_bytes()
    addin = _write(out_dir / ADDIN_NAME, modules, ribbon, interpreter, control_sheet=False, as_addin=True)
    book = _write(out_dir / WORKBOOK_NAME, modules, ribbon, interpreter, control_sheet=True, as_addin=False,
                  plan=plan, settings=settings or {})
    sources = out_dir / "vba"  # for the manual fallback in Excel: Alt+F11, File > Import File…
    sources.mkdir(exist_ok=True)
    for module in modules:
        (sources / f"{module.name}.bas").write_bytes(module.code.encode("ascii"))
    return [addin, book]


def _write(path: Path, modules: list[VbaModule], ribbon: bytes, interpreter: str | None, *,
           control_sheet: bool, as_addin: bool, plan=None, settings: dict[str, str] | None = None) -> Path:
    import xlsxwriter

    from addin import control

    sheets = ([control.SHEET] if control_sheet else []) + [CONF_SHEET]
    codenames = [f"Sheet{i}" for i in range(1, len(sheets) + 1)]
    vba = vba_project(modules, codenames)
    with tempfile.TemporaryDirectory(prefix="bdg-xl-") as tmp:
        tmp_xlsm = Path(tmp) / "book.xlsm"
        wb = xlsxwriter.Workbook(str(tmp_xlsm))
        wb.set_vba_name("ThisWorkbook")
        bold = wb.add_format({"bold": True})
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        for name, codename in zip(sheets, codenames):
            ws = wb.add_worksheet(name)
            ws.set_vba_name(codename)
            if name == CONF_SHEET:
                for r, (key, value) in enumerate(conf_rows(interpreter)):
                    ws.write_string(r, 0, key)
                    ws.write_string(r, 1, value)
                ws.set_column(0, 0, 22)
                ws.set_column(1, 1, 60)
            else:
                _write_control(ws, bold, wrap, plan, settings or {})
        wb.add_vba_project(_Stream(vba), is_stream=True)
        wb.set_properties({"title": "Bình đẳng giới — nút lệnh Excel", "author": "bdg"})
        wb.close()
        _finish_package(tmp_xlsm, path, ribbon, as_addin=as_addin)
    return path


def _write_control(ws, bold, wrap, plan, settings: dict[str, str]) -> None:
    from addin import control

    ws.write_string(0, 0, control.TITLE, bold)
    for c, text in enumerate(control.HEADER):
        ws.write_string(2, c, text, bold)
    for r, setting in enumerate(control.SETTINGS, start=3):
        ws.write_string(r, 0, setting.label)
        if settings.get(setting.key):
            ws.write_string(r, 1, settings[setting.key])
        ws.write_string(r, 2, control.setting_help(setting, plan), wrap)
    ws.write_string(3 + len(control.SETTINGS) + 1, 0, control.RESULT_TITLE, bold)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 48)
    ws.set_column(2, 2, 70)


class _Stream:
    """XlsxWriter reads the VBA project from a stream (``is_stream=True``)."""

    def __init__(self, data: bytes):
        import io

        self._io = io.BytesIO(data)

    def read(self, *args):
        return self._io.read(*args)

    def getvalue(self):
        return self._io.getvalue()


def add_ribbon(src: Path, dst: Path) -> None:
    """Copy the package ``src`` (saved by Excel, say) to ``dst`` with the ribbon part added."""
    _finish_package(Path(src), Path(dst), RIBBON_XML.read_bytes(), as_addin=False)


def _finish_package(src: Path, dst: Path, ribbon: bytes, *, as_addin: bool) -> None:
    """Add the ribbon part (and, for an add-in, its content type) to the OOXML package."""
    tmp = dst.with_name(f".{dst.name}.tmp")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "_rels/.rels":
                rel = (f'<Relationship Id="bdgRibbon" Type="{RIBBON_REL_TYPE}" '
                       'Target="customUI/customUI.xml"/>')
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml" and as_addin:
                if XLSM_TYPE.encode() not in data:
                    raise BuildError("XlsxWriter không ghi đúng loại nội dung .xlsm; không tạo được .xlam.")
                data = data.replace(XLSM_TYPE.encode(), XLAM_TYPE.encode())
            zout.writestr(item, data)
        zout.writestr("customUI/customUI.xml", ribbon)
    shutil.move(tmp, dst)
