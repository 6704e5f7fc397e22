"""Opening an untrusted spreadsheet file safely: size and zip-bomb limits, encrypted containers,
corrupt or foreign files, sheets reaching too far (:mod:`templates.intake.extent`) — each a finding,
never an exception — then python-calamine on the bytes.

Also reads what calamine does not give: the file's last-saved time (``docProps/core.xml``,
ODF ``meta.xml``, OLE summary information), where error values (#DIV/0!…) sit and which formulas
were saved without a result, since calamine reads both as an empty string.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import lzma
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from templates.intake.content import OLE_DOCUMENTS, foreign_finding, foreign_zip, member, named_content
from templates.intake.extent import CellFacts, Extent, XlsxSheets, ods_extents, xls_extents, xlsx_cell_facts, \
    xlsx_sheets
from templates.intake.package import Package

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
XLSB_TYPE = b"application/vnd.ms-excel.sheet.binary.macroEnabled.main"


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024  # a form is tens of KB
    max_unzipped: int = 200 * 1024 * 1024
    max_ratio: float = 200.0  # uncompressed / compressed, over the whole package
    max_members: int = 5000
    max_cells: int = 500_000  # one sheet's grid, A1 to its last cell (a form: ~400; ~45 bytes each in memory)
    max_total_cells: int = 2_000_000  # all sheets together


@dataclass
class Opened:
    kind: str  # "xlsx" (also .xlsm), "ods" or "xls"
    data: bytes
    workbook: pc.CalamineWorkbook
    saved_at: dt.datetime | None = None
    zip: zipfile.ZipFile | None = None
    sheets: XlsxSheets | None = None  # .xlsx: each sheet's member, extent and XML, read once


@dataclass
class OpenResult:
    opened: Opened | None
    sha256: str | None
    findings: list[tuple[str, dict]] = field(default_factory=list)


def open_spreadsheet(path: Path, limits: Limits = Limits()) -> OpenResult:
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return OpenResult(None, None, [("file-not-found", {})])
    except OSError as exc:
        return OpenResult(None, None, [("cannot-read-file", {"detail": exc.strerror or type(exc).__name__})])
    if size > limits.max_bytes:
        return OpenResult(None, None, [("file-too-large", {"size": mb(size), "limit": mb(limits.max_bytes)})])
    try:
        data = path.read_bytes()
    except OSError as exc:
        return OpenResult(None, None, [("cannot-read-file", {"detail": exc.strerror or type(exc).__name__})])
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        return OpenResult(None, digest, [("corrupt-file", {"detail": "tệp rỗng"})])
    if data.startswith(ZIP_MAGIC):
        kind, archive, finding = _open_zip(data, limits)
    elif data.startswith(OLE_MAGIC):
        kind, archive, finding = _open_ole(data)
    else:
        kind, archive, finding = None, None, foreign_finding(data)
    if finding:
        return OpenResult(None, digest, [named_content(path, finding)])
    finding, sheets = _too_far(kind, archive, limits)
    if finding:
        return OpenResult(None, digest, [finding])
    try:
        workbook = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        return OpenResult(None, digest, [("password-protected", {})])
    except Exception as exc:  # calamine's own errors: the package is damaged
        return OpenResult(None, digest, [("corrupt-file", {"detail": _short(exc)})])
    return OpenResult(Opened(kind, data, workbook, _saved_at(kind, data, archive), archive, sheets), digest)


def _open_zip(data: bytes, limits: Limits):
    try:
        archive = Package(data)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        return None, None, ("corrupt-file", {"detail": _short(exc)})
    bomb = bomb_detail(infos, limits, limits.max_members)
    if bomb:
        return None, None, ("zip-bomb", {"detail": bomb})
    names = {i.filename for i in infos}
    if "EncryptedPackage" in names:
        return None, None, ("password-protected", {})
    if "xl/workbook.xml" in names:
        return "xlsx", archive, None
    mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    if mimetype == ODS_MIME:
        if b"encryption-data" in member(archive, names, "META-INF/manifest.xml"):
            return None, None, ("password-protected", {})
        return "ods", archive, None
    types = member(archive, names, "[Content_Types].xml")
    if "xl/workbook.bin" in names or XLSB_TYPE in types:
        return None, None, ("xlsb-workbook", {})
    return None, None, foreign_zip(infos, names, mimetype, types)


def _open_ole(data: bytes):
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:
        return None, None, ("corrupt-file", {"detail": _short(exc)})
    streams = {"/".join(s) for s in ole.listdir()}
    streams |= {s.capitalize() for s in streams if "/" not in s}  # stream names are case-insensitive (WORKBOOK)
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        return None, None, ("password-protected", {})
    if "Workbook" in streams or "Book" in streams:
        return "xls", ole, None
    what = next((w for stream, w in OLE_DOCUMENTS if stream in streams), "tệp Office nhưng không phải bảng tính")
    ole.close()
    return None, None, ("not-a-spreadsheet", {"what": what})


# --- how far the sheets reach -------------------------------------------------------------------
def bomb_detail(infos: list[zipfile.ZipInfo], limits: Limits, max_members: int) -> str | None:
    """What makes a zip a bomb, in words (too many members, too large unpacked, too high a ratio), or None:
    the one rule for a spreadsheet package and for a zip archive of forms."""
    unzipped = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if len(infos) > max_members:
        return f"{len(infos)} phần bên trong, giới hạn {max_members}"
    if unzipped > limits.max_unzipped:
        return f"{mb(unzipped)} MB, giới hạn {mb(limits.max_unzipped)} MB"
    if unzipped > 10 * 1024 * 1024 and unzipped / packed > limits.max_ratio:
        return (f"{mb(unzipped)} MB từ {_size(packed)} nén, gấp {unzipped // packed} lần dung lượng nén; "
                f"giới hạn {limits.max_ratio:g} lần")
    return None


def is_read_error(exc: BaseException) -> bool:
    """An error of reading the file itself (zip, XML, calamine, OS): a file problem, not a bug of bdg."""
    from xml.etree.ElementTree import ParseError
    from xml.parsers.expat import ExpatError

    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # xlwings Lite reads no files, and has no defusedxml
        DefusedXmlException = ParseError  # noqa: N806
    calamine_error = getattr(pc, "CalamineError", ParseError)  # (the Lite stand-in has none)
    if isinstance(exc, (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, EOFError, OSError,
                        struct.error,
                        ParseError, ExpatError, DefusedXmlException, UnicodeDecodeError, NotImplementedError,
                        calamine_error)):
        return True
    if isinstance(exc, KeyError):  # zipfile: "There is no item named … in the archive"
        return "archive" in str(exc)
    if isinstance(exc, RuntimeError):  # zipfile: an encrypted member
        return any(w in str(exc).lower() for w in ("password", "encrypted"))
    return False


def _too_far(kind: str, archive, limits: Limits) -> tuple[tuple[str, dict] | None, XlsxSheets | None]:
    """A sheet whose grid would be too big to build, found before calamine builds it (None: all fine),
    and for .xlsx what was read of the sheets on the way (:class:`~templates.intake.extent.XlsxSheets`)."""
    sheets = None
    try:
        if kind == "xlsx":
            sheets = xlsx_sheets(archive, limits.max_cells)
            extents: dict[str, Extent] = sheets.extents
        else:
            extents = {"ods": ods_extents, "xls": xls_extents}[kind](archive)
    except Exception as exc:
        if is_read_error(exc):
            return ("corrupt-file", {"detail": _short(exc)}), None
        raise
    total = 0
    for name, extent in extents.items():
        total += extent.cells
        if extent.cells > limits.max_cells or total > limits.max_total_cells:
            limit = limits.max_cells if extent.cells > limits.max_cells else limits.max_total_cells
            return ("sheet-too-large", {"sheet": name, "cell": extent.far_cells(), "size": extent.cells,
                                        "limit": limit}), None
    return None, sheets


# --- last-saved time --------------------------------------------------------------------------
_W3CDTF = re.compile(rb"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>")
_ODF_DATE = re.compile(rb"<dc:date>([^<]+)</dc:date>")


def _saved_at(kind: str, data: bytes, archive) -> dt.datetime | None:
    try:
        if kind == "xlsx":
            m = _W3CDTF.search(archive.read("docProps/core.xml"))
            return _iso(m.group(1).decode()) if m else None
        if kind == "ods":
            m = _ODF_DATE.search(archive.read("meta.xml"))
            return _iso(m.group(1).decode()) if m else None
        if kind == "xls":
            meta = archive.get_metadata()
            return meta.last_saved_time
    except Exception:  # a missing or odd property is not a problem of the data
        return None
    return None


def _iso(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(dt.timezone.utc).replace(tzinfo=None)


# --- error cells and formulas without a result --------------------------------------------------
class LazyFacts:
    """What calamine reads as '' although the cell is not empty — error values and formulas saved
    without a result — for one sheet, worked out on first look-up only (most forms never need it)."""

    def __init__(self, opened: Opened, sheet: str):
        self._opened, self._sheet, self._facts = opened, sheet, None

    def _get(self) -> CellFacts:
        if self._facts is None:
            self._facts = cell_facts(self._opened, self._sheet)
        return self._facts

    @property
    def errors(self) -> dict[tuple[int, int], str]:
        return self._get().errors

    @property
    def uncached(self) -> set[tuple[int, int]]:
        return self._get().uncached


def cell_facts(opened: Opened, sheet: str) -> CellFacts:
    """Error cells {(row0, col0): "#DIV/0!"} (xlsx and ods) and uncached formula cells (xlsx) of ``sheet``."""
    try:
        if opened.kind == "xlsx":
            sheets = opened.sheets or xlsx_sheets(opened.zip)
            xml = sheets.sheet_xml(opened.zip, sheet)
            return xlsx_cell_facts(xml) if xml is not None else CellFacts({}, set())
        if opened.kind == "ods":
            from templates.intake.ods_errors import ods_errors

            return CellFacts(ods_errors(opened.zip.read("content.xml"), sheet), set())
    except Exception as exc:  # damaged parts: the values calamine read stand
        if not is_read_error(exc):
            raise
    return CellFacts({}, set())


def error_cells(opened: Opened, sheet: str) -> dict[tuple[int, int], str]:
    return cell_facts(opened, sheet).errors


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _size(n: int) -> str:
    return f"{mb(n)} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")
