"""One table sheet's XML part, its rows deflated in segments that a later write may copy as they are.

:func:`table_entry` takes the sheet XML openpyxl wrote (title, headers and one styled prototype
row) and the table's records, and returns the zip entry: the XML before the prototype row, the
records' rows, the XML after it — each deflated on its own (:mod:`workbook.zipraw`). Rows are
written without ``r`` attributes (rows and cells follow one another, as the format allows), so a
row inserted or added shifts nothing after it: a segment of rows equal to one of the previous
write is copied from the previous package byte for byte, whatever its new position. Only the
segments holding a changed, added or removed row are rendered and deflated again, which makes
the cost of a write follow what changed, not the size of the table.

Strings are written inline (``t="inlineStr"``, never a formula, whatever they start with).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from templates import text_fit
from workbook import zipraw
from workbook.layout import SheetLayout
from workbook.narrative_parts import MAX_CELL_UNITS, fit_cell

SEGMENT_ROWS = 256  # rows deflated together: what one changed row costs to write again
MAX_ROW_HEIGHT = 409  # points: the tallest row Excel allows (a longer text scrolls inside its cell)


@dataclass
class Segment:
    """Rows written together: their records (as tuples in layout order) and where their bytes are."""

    rows: list[tuple]
    offset: int  # of the deflated bytes within the entry's data
    length: int
    size: int  # inflated length
    crc: int
    blob: bytes | None = field(default=None, repr=False, compare=False)  # the rows as stored in the index


@dataclass
class TableIndex:
    """What a later write of the same sheet may reuse: its columns, style ids and row segments."""

    keys: tuple[str, ...]
    styles: tuple[str, ...]
    segments: list[Segment] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple]:
        return [r for s in self.segments for r in s.rows]


def table_entry(name: str, date_time: tuple, xml: bytes, layout: SheetLayout, records: Sequence[dict | tuple],
                previous: TableIndex | None = None, previous_data: bytes | None = None,
                external_attr: int = 0) -> tuple[zipraw.Entry, TableIndex]:
    """The sheet's zip entry and its index; segments of ``previous`` (whose deflated entry data is
    ``previous_data``) are copied where the same rows come again."""
    proto = layout.header_row + 1
    text = xml.decode("utf-8")
    m = re.search(rf'<row r="{proto}"[^>]*?(?:/>|>.*?</row>)', text, flags=re.S)
    if m is None:
        raise RuntimeError(f"prototype row missing in sheet {layout.name}")
    found = dict(re.findall(rf'<c r="([A-Z]+){proto}"[^>]*?\bs="(\d+)"', m.group(0)))
    keys = tuple(layout.keys)
    styles = tuple(found.get(get_column_letter(i), "0") for i in range(1, len(keys) + 1))
    last = layout.header_row + len(records)
    head = re.sub(r'<dimension ref="[^"]*"\s*/>',
                  f'<dimension ref="A1:{get_column_letter(len(keys))}{max(last, layout.header_row)}"/>',
                  text[: m.start()], count=1)
    rows = [rec if type(rec) is tuple else tuple(map(rec.get, keys)) for rec in records]
    if previous is None or previous_data is None or previous.keys != keys or previous.styles != styles:
        previous, previous_data = None, b""
    render = _Renderer(layout, styles)
    entry = zipraw.Entry(name, date_time, [zipraw.deflate(head.encode("utf-8"))], external_attr)
    index = TableIndex(keys, styles)
    offset = len(entry.pieces[0].data)
    for item in _plan(rows, previous.segments if previous else []):
        if isinstance(item, Segment):
            piece = zipraw.Piece(previous_data[item.offset: item.offset + item.length], item.size, item.crc)
            chunk, blob = item.rows, item.blob
        else:
            piece, chunk, blob = zipraw.deflate(render(item).encode("utf-8")), item, None
        entry.pieces.append(piece)
        index.segments.append(Segment(chunk, offset, len(piece.data), piece.size, piece.crc, blob))
        offset += len(piece.data)
    entry.pieces.append(zipraw.deflate(text[m.end():].encode("utf-8"), last=True))
    return entry, index


def _plan(rows: list[tuple], old: list[Segment]) -> list:
    """The rows as a sequence of old segments to copy and lists of new rows to render."""
    out: list = []
    pending: list[tuple] = []

    def flush():
        if pending and out and isinstance(out[-1], Segment) and len(out[-1].rows) < SEGMENT_ROWS:
            pending[:0] = out.pop().rows  # rows added after a short segment join it: segments stay full
        for i in range(0, len(pending), SEGMENT_ROWS):
            out.append(pending[i: i + SEGMENT_ROWS])
        pending.clear()

    first: dict[tuple, list[int]] = {}
    try:
        for k, seg in enumerate(old):
            if seg.rows:
                first.setdefault(seg.rows[0], []).append(k)
    except TypeError:  # a cell value that cannot be hashed: render everything
        first = {}
    i, j, n = 0, 0, len(rows)
    while i < n:
        hit = None
        try:
            candidates = first.get(rows[i]) if first else None
        except TypeError:
            candidates = None
        for k in candidates or ():
            if k >= j and rows[i: i + len(old[k].rows)] == old[k].rows:
                hit = k
                break
        if hit is None:
            pending.append(rows[i])
            i += 1
            continue
        flush()
        out.append(old[hit])
        i += len(old[hit].rows)
        j = hit + 1
    flush()
    return out


class _Renderer:
    """Rows of records (tuples in layout order) as sheet XML, each cell with its column's style."""

    def __init__(self, layout: SheetLayout, styles: tuple[str, ...]) -> None:
        self.starts = [f'<c s="{s}"' for s in styles]
        self.wrapped = [(i, c.width) for i, c in enumerate(layout.columns) if c.wrap]
        self.strings: dict[str, str] = {}
        self.others: dict[object, str] = {}  # dates and the like, repeated on many rows
        self.lines: dict[tuple[str, float], int] = {}

    def __call__(self, rows: list[tuple]) -> str:
        chunk: list[str] = []
        for row in rows:
            height = self._height(row)
            chunk.append(f'<row ht="{height}" customHeight="1">' if height else "<row>")
            for start, value in zip(self.starts, row):
                kind = type(value)
                if kind is str:
                    if not value:
                        chunk.append(f"{start}/>")
                        continue
                    body = self.strings.get(value)
                    if body is None:
                        body = self.strings[value] = text_body(value)
                    chunk.append(start + body)
                elif value is None:
                    chunk.append(f"{start}/>")
                elif kind is float or kind is int:
                    if kind is float and not math.isfinite(value):
                        chunk.append(f"{start}/>")
                    else:
                        chunk.append(f"{start}><v>{value!r}</v></c>")
                else:
                    body = self.others.get(value)
                    if body is None:
                        body = self.others[value] = _other_body(value)
                    chunk.append(start + body)
            chunk.append("</row>")
        return "".join(chunk)

    def _height(self, row: tuple) -> float | None:
        """The height a row's wrapped text needs (None: one line, the sheet's default)."""
        most = 1
        for i, width in self.wrapped:
            value = row[i] if i < len(row) else None
            if value is None or value == "":
                continue
            text = value if isinstance(value, str) else str(value)
            n = self.lines.get((text, width))
            if n is None:
                n = self.lines[(text, width)] = text_fit.wrapped_lines(text, width)
            most = max(most, n)
        return min(text_fit.row_height(most), MAX_ROW_HEIGHT) if most > 1 else None


_CR = {"\r": "&#13;"}  # XML reads a bare CR as LF: written as a reference, a CR (of CR LF) comes back as it was


def text_body(value: str) -> str:
    """What follows a text cell's style: an inline string (never a formula), at most one cell's worth."""
    text = fit_cell(ILLEGAL_CHARACTERS_RE.sub("", value), MAX_CELL_UNITS)
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() or "\n" in text else ""
    return f' t="inlineStr"><is><t{space}>{escape(text, _CR)}</t></is></c>'


def _other_body(value) -> str:
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):  # subclasses (numpy, IntEnum…)
        return f"><v>{float(value)!r}</v></c>" if math.isfinite(float(value)) else "/>"
    if isinstance(value, (dt.datetime, dt.date)):
        return f"><v>{to_excel(value)!r}</v></c>"
    return text_body(str(value))
