"""Reading a decision's file (.docx, .pdf text layer, .txt) into the text the plan draft works on.

Bounded: the file's size, a .docx's unpacked size, a PDF's pages and the text's length have limits,
and every failure is a :class:`bdg.errors.BdgError` with a Vietnamese message naming the file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bdg.errors import BdgError
from bdg.plan_draft.text import DecisionText, clean, from_plain_text, is_annex_table

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx's parts, unpacked (no zip bomb)
MAX_PDF_PAGES = 400
MAX_CHARS = 3_000_000
KINDS = (".docx", ".pdf", ".txt")


def read_decision(path: str | Path) -> DecisionText:
    path = Path(path)
    if not path.is_file():
        raise BdgError(code="decision-missing", path=str(path))
    kind = path.suffix.lower()
    if kind not in KINDS:
        raise BdgError(code="decision-kind", path=str(path), kind=path.suffix or "(không có đuôi)")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BdgError(code="decision-too-large", path=str(path), size=_mb(size), limit=_mb(MAX_FILE_BYTES))
    reader = {".docx": _docx, ".pdf": _pdf, ".txt": _txt}[kind]
    try:
        doc = reader(path)
    except BdgError:
        raise
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, RecursionError) as exc:
        raise BdgError(code="decision-unreadable", path=str(path), detail=type(exc).__name__) from exc
    except Exception as exc:  # a parser's own error on a damaged file (pypdf, lxml)
        raise BdgError(code="decision-unreadable", path=str(path), detail=type(exc).__name__) from exc
    if doc.size > MAX_CHARS:
        raise BdgError(code="decision-too-large", path=str(path), size=f"{doc.size:,} ký tự".replace(",", "."),
                       limit=f"{MAX_CHARS:,} ký tự".replace(",", "."))
    if not any(p.strip() for p in doc.paragraphs) and not doc.tables:
        raise BdgError(code="decision-no-text", path=str(path))
    return doc


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _txt(path: Path) -> DecisionText:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        if b"\x00" in raw[:65536]:
            raise BdgError(code="decision-not-text", path=str(path))
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:  # saved as "ANSI" on a Vietnamese Windows: code page 1258
            text = raw.decode("cp1258", errors="replace")
    controls = sum(1 for c in text[:65536] if c == "\ufffd" or (ord(c) < 32 and c not in "\t\r\n\f"))
    if controls > max(10, len(text[:65536]) // 50):
        raise BdgError(code="decision-not-text", path=str(path))
    return from_plain_text(text, str(path))


def _docx(path: Path) -> DecisionText:
    with zipfile.ZipFile(path) as z:
        if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED_BYTES:
            raise BdgError(code="decision-too-large", path=str(path), size="(giải nén) quá lớn",
                           limit=_mb(MAX_UNPACKED_BYTES))
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    paragraphs: list[str] = []
    tables = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs += [line for line in (clean(t) for t in Paragraph(child, document).text.split("\n")) if line]
        elif tag == "tbl":
            rows = _rows(Table(child, document))
            if is_annex_table(rows):
                tables.append(rows)
            else:  # a header table (issuer, number, date) or a list: read as paragraphs
                paragraphs += [line for row in rows for cell in row for line in cell.split("\n") if line]
    return DecisionText(paragraphs, tables, str(path))


def _rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(line for line in (clean(p.text) for p in cell.paragraphs) if line))
        rows.append(cells)
    return rows


def _pdf(path: Path) -> DecisionText:
    from pypdf import PdfReader

    with path.open("rb") as f:
        reader = PdfReader(f)
        if reader.is_encrypted and not reader.decrypt(""):
            raise BdgError(code="decision-unreadable", path=str(path), detail="tệp PDF có mật khẩu")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise BdgError(code="decision-too-large", path=str(path), size=f"{len(reader.pages)} trang",
                           limit=f"{MAX_PDF_PAGES} trang")
        pages = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_CHARS:
                raise BdgError(code="decision-too-large", path=str(path), size=f"hơn {MAX_CHARS:,} ký tự"
                               .replace(",", "."), limit=f"{MAX_CHARS:,} ký tự".replace(",", "."))
            pages.append(text)
    return from_plain_text("\n".join(pages).replace("\t", " "), str(path), wrapped=True)
