"""Opening an untrusted spreadsheet file safely: size and zip-bomb limits, encrypted containers,
corrupt or foreign files — each a finding, never an exception — then python-calamine on the bytes.

Also reads what calamine does not give: the file's last-saved time (``docProps/core.xml``,
ODF ``meta.xml``, OLE summary information) and where error values (#DIV/0!…) sit, since
calamine reads an error cell as an empty string.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from bdg.ooxml import sheet_parts

FORM_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024  # a form is tens of KB
    max_unzipped: int = 200 * 1024 * 1024
    max_ratio: float = 200.0  # uncompressed / compressed, over the whole package
    max_members: int = 5000


@dataclass
class Opened:
    kind: str  # "xlsx" (also .xlsm), "ods" or "xls"
    data: bytes
    workbook: pc.CalamineWorkbook
    saved_at: dt.datetime | None = None
    zip: zipfile.ZipFile | None = None


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
        return OpenResult(None, None, [("file-too-large", {"size": _mb(size), "limit": _mb(limits.max_bytes)})])
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
        kind, archive, finding = None, None, ("not-a-spreadsheet", {"detail": _what(path, data)})
    if finding:
        return OpenResult(None, digest, [finding])
    try:
        workbook = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        return OpenResult(None, digest, [("password-protected", {})])
    except Exception as exc:  # calamine's own errors: the package is damaged
        return OpenResult(None, digest, [("corrupt-file", {"detail": _short(exc)})])
    return OpenResult(Opened(kind, data, workbook, _saved_at(kind, data, archive), archive), digest)


def _open_zip(data: bytes, limits: Limits):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        return None, None, ("corrupt-file", {"detail": _short(exc)})
    unzipped = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if len(infos) > limits.max_members or unzipped > limits.max_unzipped or (
            unzipped > 10 * 1024 * 1024 and unzipped / packed > limits.max_ratio):
        return None, None, ("zip-bomb", {"size": _mb(unzipped), "limit": _mb(limits.max_unzipped)})
    names = {i.filename for i in infos}
    if "EncryptedPackage" in names:
        return None, None, ("password-protected", {})
    if "xl/workbook.xml" in names:
        return "xlsx", archive, None
    if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIME:
        return "ods", archive, None
    if "xl/workbook.bin" in names:
        return None, None, ("not-a-spreadsheet", {"detail": "tệp .xlsb (sổ nhị phân) chưa được hỗ trợ"})
    return None, None, ("not-a-spreadsheet", {"detail": "tệp nén nhưng không phải bảng tính"})


def _open_ole(data: bytes):
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:
        return None, None, ("corrupt-file", {"detail": _short(exc)})
    streams = {"/".join(s) for s in ole.listdir()}
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        return None, None, ("password-protected", {})
    if "Workbook" in streams or "Book" in streams:
        return "xls", ole, None
    return None, None, ("not-a-spreadsheet", {"detail": "tệp Office nhưng không phải bảng tính"})


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


# --- error cells -------------------------------------------------------------------------------
_ERR_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?t="e"[^>]*>(?:<f[^>]*>.*?</f>|<f[^>]*/>)?\s*<v>([^<]*)</v>', re.S)


class LazyErrors:
    """:func:`error_cells`, computed on first look-up only (most forms never need it)."""

    def __init__(self, opened: Opened, sheet: str):
        self._opened, self._sheet, self._cells = opened, sheet, None

    def _get(self) -> dict[tuple[int, int], str]:
        if self._cells is None:
            self._cells = error_cells(self._opened, self._sheet)
        return self._cells

    def __contains__(self, key) -> bool:
        return key in self._get()

    def __getitem__(self, key) -> str:
        return self._get()[key]


def error_cells(opened: Opened, sheet: str) -> dict[tuple[int, int], str]:
    """Cells of ``sheet`` whose value is an error: {(row0, col0): "#DIV/0!"} (xlsx and ods)."""
    try:
        if opened.kind == "xlsx":
            return _xlsx_errors(opened.zip, sheet)
        if opened.kind == "ods":
            from templates.intake.ods_errors import ods_errors

            return ods_errors(opened.zip.read("content.xml"), sheet)
    except Exception:  # damaged parts: the values calamine read stand
        return {}
    return {}


def _xlsx_errors(archive: zipfile.ZipFile, sheet: str) -> dict[tuple[int, int], str]:
    part = sheet_parts(archive).get(sheet)
    if part is None:
        return {}
    xml = archive.read(part)
    if b't="e"' not in xml:
        return {}
    return {(int(r) - 1, _col(c.decode())): v.decode() for c, r, v in _ERR_CELL.findall(xml)}


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _what(path: Path, data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "đây là tệp PDF"
    if head.startswith(b"<") and (b"<html" in head or b"<table" in head or b"<!doctype" in head):
        return "đây là trang web (HTML) mang đuôi bảng tính"
    if path.suffix.lower() == ".csv" or b"," in head or b";" in head:
        return "đây là tệp văn bản"
    return "không nhận ra định dạng"


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")
