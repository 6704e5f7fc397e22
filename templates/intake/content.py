"""What a file is by its content, when it is not a spreadsheet intake reads — and what its name says.

A file is judged by its bytes, never by its extension: an .xlsx that is really a CSV or a web page
(Excel's "Save as web page"), a PDF, a picture, a Word document, an Excel Binary Workbook (.xlsb),
a zip archive. Each finding names both what the name says and what the content is, so the clerk
knows what to send instead. An archive reaching this module is not opened (a RAR or 7z one, or a zip
nested deeper than :mod:`templates.intake.unzip` goes): only its directory is listed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

FORM_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SPREADSHEET_SUFFIXES = (*FORM_SUFFIXES, ".xlsb", ".xltx", ".xltm", ".xlt", ".csv")
KIND_SUFFIXES = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls",), "ods": (".ods",)}
KIND_NAMES = {"xlsx": "sổ Excel .xlsx", "xls": "sổ Excel 97–2003 (.xls)", "ods": "bảng tính OpenDocument (.ods)"}
OLE_DOCUMENTS = (("WordDocument", "văn bản Word (.doc)"), ("PowerPoint Document", "bản trình chiếu PowerPoint (.ppt)"))
ZIP_DOCUMENTS = (("word/document.xml", "văn bản Word (.docx)"), ("ppt/presentation.xml",
                                                                 "bản trình chiếu PowerPoint (.pptx)"))
ODF_DOCUMENTS = {b"application/vnd.oasis.opendocument.text": "văn bản OpenDocument (.odt)",
                 b"application/vnd.oasis.opendocument.presentation": "bản trình chiếu OpenDocument (.odp)"}
MAGIC = (  # (leading bytes, what it is)
    (b"%PDF", "tệp PDF"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG"),
    (b"GIF8", "ảnh GIF"),
    (b"BM", "ảnh BMP"),
    (b"II*\x00", "ảnh TIFF"),
    (b"MM\x00*", "ảnh TIFF"),
    (b"{\\rtf", "văn bản RTF"),
)
ARCHIVES = ((b"Rar!\x1a\x07", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x1f\x8b", "gzip"))
LISTED = 5  # names of an archive's members shown in the message
CONTENT_TYPES_LIMIT = 1 << 20  # a package's small parts read whole


def foreign_finding(data: bytes) -> tuple[str, dict]:
    """The finding for bytes that are neither a zip package nor an OLE file."""
    for magic, kind in ARCHIVES:
        if data.startswith(magic):
            return "archive-file", {"kind": kind, "contents": ""}
    return "not-a-spreadsheet", {"what": describe(data)}


def describe(data: bytes) -> str:
    """What the bytes are, in Vietnamese ("tệp PDF", "trang web (HTML)…")."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            return what
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<?mso-application progid=\"excel.sheet\"" in head or b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "bảng tính XML 2003 của Excel"
    if head.startswith(b"mime-version:"):
        return "trang web lưu thành một tệp (MHT)"
    if head.startswith(b"<") and any(tag in head for tag in (b"<html", b"<table", b"<!doctype")):
        return "trang web (HTML), như Excel ghi khi chọn Lưu thành → Trang web"
    if looks_like_text(data[:4096]):
        return "tệp văn bản (CSV)" if _looks_like_csv(head) else "tệp văn bản"
    return "dữ liệu nhị phân không phải bảng tính"


def foreign_zip(infos: list[zipfile.ZipInfo], names: set[str], mimetype: bytes = b"",
                types: bytes = b"") -> tuple[str, dict]:
    """A zip that is no spreadsheet package intake reads: another Office document, an Excel package laid
    out unusually (no ``xl/workbook.xml``), or an archive (its members listed)."""
    for part, what in ZIP_DOCUMENTS:
        if part in names:
            return "not-a-spreadsheet", {"what": what}
    if mimetype in ODF_DOCUMENTS:
        return "not-a-spreadsheet", {"what": ODF_DOCUMENTS[mimetype]}
    if b"spreadsheetml" in types:
        return "corrupt-file", {"detail": "sổ Excel không theo cấu trúc thường gặp: không có phần xl/workbook.xml"}
    if types or mimetype:
        return "not-a-spreadsheet", {"what": "tài liệu Office nhưng không phải bảng tính"}
    return "archive-file", {"kind": "zip", "contents": archive_contents(infos)}


def archive_contents(infos: list[zipfile.ZipInfo]) -> str:
    """``: 12 tệp, trong đó 3 bảng tính (a.xlsx, b/c.xls, d.ods)`` — names only, nothing extracted."""
    members = [i.filename for i in infos if not i.is_dir()]
    if not members:
        return ": tệp nén rỗng"
    sheets = [n for n in members if n.lower().endswith(SPREADSHEET_SUFFIXES + (".zip",))]
    text = f": {len(members)} tệp"
    if sheets:
        shown = ", ".join(printable(n) for n in sheets[:LISTED]) + (", …" if len(sheets) > LISTED else "")
        text += f", trong đó {len(sheets)} bảng tính hoặc tệp nén ({shown})"
    return text


def member(archive: zipfile.ZipFile, names: set[str], name: str) -> bytes:
    """A small package part (``[Content_Types].xml``, a manifest); empty when absent or unreasonably large."""
    if name not in names or archive.getinfo(name).file_size > CONTENT_TYPES_LIMIT:
        return b""
    return archive.read(name)


def named_content(path: Path, finding: tuple[str, dict]) -> tuple[str, dict]:
    """The finding with what the file's name says beside what its content is."""
    code, params = finding
    suffix = Path(path).suffix.lower()
    params = dict(params)
    if "what" in params:
        what = params.pop("what")
        params["detail"] = (f"đuôi {suffix} nhưng nội dung là {what}" if suffix in SPREADSHEET_SUFFIXES
                            else f"đây là {what}")
    expected = {"xlsb-workbook": (".xlsb",), "archive-file": (".zip", ".rar", ".7z", ".gz")}.get(code)
    if expected is not None:
        params["named"] = "" if suffix in expected else (f", dù mang đuôi {suffix}" if suffix else
                                                          ", dù tên tệp không có đuôi")
    return code, params


def extension_finding(path: Path, kind: str) -> tuple[str, dict] | None:
    """A spreadsheet whose extension says another format (read by its content all the same)."""
    suffix = Path(path).suffix.lower()
    if kind not in KIND_SUFFIXES or suffix in KIND_SUFFIXES[kind]:
        return None
    return "extension-mismatch", {"suffix": suffix or "(không có đuôi)", "what": KIND_NAMES[kind],
                                  "expected": KIND_SUFFIXES[kind][0]}


def looks_like_text(sample: bytes) -> bool:
    """Readable text (UTF-8, UTF-16 with a BOM, or a legacy code page without control bytes)."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut at the sample's end
            text = sample.decode("latin-1")
        else:
            text = sample[:exc.start].decode("utf-8")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls == 0 and "\x00" not in text


def _looks_like_csv(head: bytes) -> bool:
    """The first lines split by one separator into the same number of fields (one line: any separator)."""
    lines = [line for line in head.splitlines() if line.strip()][:5]
    if len(lines) > 1 and len(head) >= 1024:
        lines = lines[:-1]  # the last may be cut
    for sep in (b",", b";", b"\t"):
        counts = {line.count(sep) for line in lines}
        if len(counts) == 1 and counts.pop() > 0:
            return True
    return False


def printable(name: str, limit: int | None = 60) -> str:
    """A name as shown: characters that do not print become "?"; at most ``limit`` characters (None: all)."""
    text = "".join(ch if ch.isprintable() else "?" for ch in name)
    return text if limit is None or len(text) <= limit else "…" + text[-(limit - 1):]
