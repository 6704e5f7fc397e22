"""How far each sheet's data really reaches, read from the file's own parts before any cell grid
is built — and which cells hold formulas that were saved without a result.

python-calamine builds a dense grid from A1 to the last cell holding a value: one value typed at
XFD1048576 asks it for 17 billion cells and aborts the whole process (no exception to catch);
J1048576 costs half a gigabyte. So the extent is taken from the cells themselves, never from the
``<dimension>`` a file declares (it may lie): the worksheet XML of an .xlsx (streamed, any size),
the table rows of an .ods ``content.xml`` (repeats counted, not expanded) and the cell records of an
.xls BIFF stream. A sheet whose grid would exceed :attr:`Limits.max_cells` is refused by name.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from bdg.ooxml import sheet_parts, workbook_parts

CHUNK = 1 << 20


@dataclass(frozen=True)
class Extent:
    rows: int  # 1-based: the last row holding something
    cols: int
    far: tuple[tuple[int, int], ...] = ()  # (row0, col0) of the cells that set the last row and column

    @property
    def cells(self) -> int:
        return self.rows * self.cols

    def far_cells(self) -> str:
        """The cell(s) that stretch the grid: one when it sets both the last row and column."""
        whole = [(r, c) for r, c in self.far if r == self.rows - 1 and c == self.cols - 1]
        return a1(*whole[0]) if whole else " và ".join(dict.fromkeys(a1(r, c) for r, c in self.far))


def a1(row0: int, col0: int) -> str:
    letters, n = "", col0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row0 + 1}"


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


class _Reach:
    """The running last row and column of cells seen, and which cells set them."""

    def __init__(self) -> None:
        self.row, self.col, self.row_cell, self.col_cell = -1, -1, (0, 0), (0, 0)

    def see(self, row: int, col: int) -> None:
        if row > self.row:
            self.row, self.row_cell = row, (row, col)
        if col > self.col:
            self.col, self.col_cell = col, (row, col)

    def extent(self) -> Extent:
        if self.row < 0:
            return Extent(0, 0)
        return Extent(self.row + 1, self.col + 1, (self.row_cell, self.col_cell))


# --- .xlsx / .xlsm --------------------------------------------------------------------------------
_R_ATTR = re.compile(rb'\br="\$?([A-Za-z]{0,3})\$?(\d*)"')


KEEP_XML = 4 * CHUNK  # the sheet XML kept for the cell facts, all sheets together (a form's: ~12 KB)


@dataclass
class XlsxSheets:
    """One read of each sheet of an .xlsx package: where it lives, how far it reaches, and the XML
    of the small ones, kept so that the cell facts (:func:`xlsx_cell_facts`) never read it again."""

    parts: dict[str, str]  # sheet name → the member that holds it (as named inside the zip)
    extents: dict[str, Extent]
    xml: dict[str, bytes]  # member → its XML, for members up to CHUNK while KEEP_XML lasts

    def sheet_xml(self, archive: zipfile.ZipFile, sheet: str) -> bytes | None:
        part = self.parts.get(sheet)
        if part is None:
            return None
        return self.xml[part] if part in self.xml else archive.read(part)


def xlsx_sheets(archive: zipfile.ZipFile, max_cells: int | None = None) -> XlsxSheets:
    """Each sheet's extent, from one read of its XML. A quick count of every cell reference comes first;
    only a sheet that looks larger than ``max_cells`` is walked exactly (formatted but empty cells do
    not count, as for calamine). The sheets of every workbook part a reader may take are bounded
    (:func:`bdg.ooxml.workbook_parts`: a package may name a decoy), and members are matched as
    python-calamine matches them, ignoring case and with ``\\`` read as ``/``: no sheet calamine can
    open escapes the bound."""
    members = {name.replace("\\", "/").lower(): name for name in archive.namelist()}
    found, by_part = XlsxSheets({}, {}, {}), {}
    for book in workbook_parts(archive):
        for name, target in sheet_parts(archive, book).items():
            part = members.get(target.lower())
            if part is None:
                continue
            found.parts.setdefault(name, part)  # the cell facts follow xl/workbook.xml, as calamine does
            if part not in by_part:
                by_part[part] = _xlsx_extent(archive, part, max_cells, found.xml)
            extent = found.extents.get(name)
            if extent is None or by_part[part].cells > extent.cells:
                found.extents[name] = by_part[part]
    return found


def _xlsx_extent(archive: zipfile.ZipFile, part: str, max_cells: int | None, keep: dict[str, bytes]) -> Extent:
    extent = None
    if archive.getinfo(part).file_size <= CHUNK:  # a form's sheets: one read, no chunking
        xml = archive.read(part)
        extent = _quick(xml, 0, 0)
        if sum(map(len, keep.values())) + len(xml) <= KEEP_XML:
            keep[part] = xml
    else:
        extent = _xlsx_extent_quick(archive, part)
    if extent is None or (max_cells is not None and extent.cells > max_cells):
        extent = _xlsx_extent_in_order(archive, part)
    return extent


# a cell's start tag, with its reference when that is the first attribute (as every writer puts it)
_CELL_REF = re.compile(rb'<c(?=[\s>/])(?:\s+r="([A-Z]{1,3})(\d{1,7})")?')
_PREFIXED_CELL = re.compile(rb':c[\s>/]')


def _xlsx_extent_quick(archive: zipfile.ZipFile, part: str) -> Extent | None:
    """The farthest cell references of a large member, read in chunks (see :func:`_quick`)."""
    rows, cols = 0, 0
    with archive.open(part) as fh:
        rest = b""
        while True:
            chunk = fh.read(CHUNK)
            buf = rest + chunk
            cut = buf.rfind(b"<") if chunk else len(buf)  # a tag cut by the chunk waits for the next one
            cut = len(buf) if cut < 0 else cut
            found = _quick(buf[:cut], rows, cols)
            if found is None:
                return None
            rows, cols = found.rows, found.cols
            rest = buf[cut:]
            if not chunk:
                break
            if len(rest) > CHUNK * 4:  # a "tag" that never closes: nothing more to find in it
                rest = rest[-CHUNK:]
    return Extent(rows, cols)


def _quick(xml: bytes, rows: int, cols: int) -> Extent | None:
    """The farthest cell references, empty cells included; None (walk it exactly) when some cell
    has no reference first, or cells carry a namespace prefix."""
    refs = _CELL_REF.findall(xml)
    if _PREFIXED_CELL.search(xml):
        return None
    if refs:
        letters, digits = zip(*refs)
        if b"" in letters:
            return None
        rows = max(rows, max(map(int, set(digits))))
        widest = max(set(letters), key=lambda s: (len(s), s))  # A–Z only: longer is farther, then A < Z
        cols = max(cols, col_index(widest.decode()) + 1)
    return Extent(rows, cols)


_ROW_OR_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?(?:row\b([^>]*?)/?>|c\b([^>]*?)(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?c>))',
                          re.S)
_HOLDS = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?(?:v|is|f)\b')


def _xlsx_extent_in_order(archive: zipfile.ZipFile, part: str) -> Extent:
    """Exact: rows and cells walked in order (a cell without ``r`` follows the one before it); a cell
    counts only when it holds a value, an inline string or a formula — not when it is only formatted."""
    reach = _Reach()
    row, col = -1, -1
    with archive.open(part) as fh:
        rest = b""
        while True:
            chunk = fh.read(CHUNK)
            buf = rest + chunk
            end = buf.rfind(b"</row>") if chunk else -1  # whole rows only: a cell cut by the chunk waits
            cut = len(buf) if not chunk else (end + 6 if end >= 0 else 0)
            for m in _ROW_OR_CELL.finditer(buf, 0, cut):
                row_attrs, cell_attrs, body = m.groups()
                ref = _R_ATTR.search(row_attrs if row_attrs is not None else cell_attrs)
                if row_attrs is not None:
                    row = int(ref.group(2)) - 1 if ref and ref.group(2) else row + 1
                    col = -1
                    continue
                if ref and ref.group(1):
                    col = col_index(ref.group(1).decode())
                    row = int(ref.group(2)) - 1 if ref.group(2) else row
                else:
                    col += 1
                if body and _HOLDS.search(body):
                    reach.see(max(row, 0), col)
            rest = buf[cut:]
            if not chunk:
                break
            if len(rest) > CHUNK * 8:  # no row ever closes: not a worksheet worth reading
                raise ParseError(f"{part}: no row ends in {len(rest)} bytes")
    return reach.extent()


# --- .ods ------------------------------------------------------------------------------------------
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def ods_extents(archive: zipfile.ZipFile) -> dict[str, Extent]:
    from defusedxml.ElementTree import iterparse

    out: dict[str, Extent] = {}
    name, reach, row = None, _Reach(), 0
    cell_tags = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")
    with archive.open("content.xml") as fh:
        for event, el in iterparse(fh, events=("start", "end")):
            tag = el.tag
            if tag == f"{_TABLE}table":
                if event == "start":
                    name, reach, row = el.get(f"{_TABLE}name"), _Reach(), 0
                else:
                    out[name or ""] = reach.extent()
                    el.clear()
                continue
            if tag != f"{_TABLE}table-row" or event != "end":
                continue
            repeat_rows = int(el.get(f"{_TABLE}number-rows-repeated", "1") or 1)
            col, last = 0, -1
            for cell in el:
                if cell.tag not in cell_tags:
                    continue
                repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1") or 1)
                if cell.get(f"{_OFFICE}value-type") is not None or any(True for _ in cell.iter(f"{_TEXT}p")):
                    last = col + repeat - 1
                col += repeat
            if last >= 0:
                reach.see(row + repeat_rows - 1, last)
            row += repeat_rows
            el.clear()
    return out


# --- .xls (BIFF8) ----------------------------------------------------------------------------------
_BOUNDSHEET, _BOF, _EOF = 0x0085, 0x0809, 0x000A
_CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0006, 0x0205, 0x00D6}  # NUMBER RK LABELSST LABEL FORMULA BOOLERR RSTRING
_MULRK = 0x00BD


def xls_extents(ole) -> dict[str, Extent]:
    stream = "Workbook" if ole.exists("Workbook") else "Book"
    data = ole.openstream(stream).read()
    sheets = []
    for rtype, body, _ in _records(data, 0):
        if rtype == _BOUNDSHEET and len(body) >= 8:
            offset, kind = struct.unpack_from("<I", body)[0], body[5]
            if kind == 0:  # a worksheet (not a chart or macro sheet)
                sheets.append((_xls_name(body[6:]), offset))
        elif rtype == _EOF:
            break
    return {name: _xls_extent(data, offset) for name, offset in sheets}


def _xls_extent(data: bytes, offset: int) -> Extent:
    reach = _Reach()
    for rtype, body, _ in _records(data, offset):
        if rtype == _EOF:
            break
        if rtype in _CELLS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            reach.see(row, col)
        elif rtype == _MULRK and len(body) >= 6:
            row, = struct.unpack_from("<H", body)
            last, = struct.unpack_from("<H", body, len(body) - 2)
            reach.see(row, last)
    return reach.extent()


def _records(data: bytes, pos: int):
    while pos + 4 <= len(data):
        rtype, size = struct.unpack_from("<HH", data, pos)
        yield rtype, data[pos + 4: pos + 4 + size], pos
        pos += 4 + size


def _xls_name(body: bytes) -> str:
    if len(body) < 2:
        return ""
    count, flags = body[0], body[1]
    raw = body[2: 2 + count * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", errors="replace")


# --- formulas saved without a result, and error values (.xlsx) --------------------------------------
_ERR_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>]*?t="e"[^>]*>(?:<f[^>]*>[^<]*</f>|<f[^>]*/>)?\s*<v>([^<]*)</v>')
_UNCACHED = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"([^>]*)>(?:<f\b[^>]*>[^<]*</f>|<f\b[^>]*/>)(<v\s*/>|<v></v>)?</c>')


@dataclass
class CellFacts:
    errors: dict[tuple[int, int], str]  # (row0, col0) → "#DIV/0!"
    uncached: set[tuple[int, int]]  # formula cells with no saved result


def xlsx_cell_facts(xml: bytes) -> CellFacts:
    errors = {(int(r) - 1, col_index(c.decode())): v.decode() for c, r, v in _ERR_CELL.findall(xml)} \
        if b't="e"' in xml else {}
    uncached = {(int(r) - 1, col_index(c.decode())) for c, r, attrs, v in _UNCACHED.findall(xml)
                if not (v and b't="str"' in attrs)}  # a formula whose cached result is the empty text
    return CellFacts(errors, uncached)
