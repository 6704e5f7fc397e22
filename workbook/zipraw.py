"""Writing a zip package from pieces already deflated, and reading an entry's deflated bytes back.

The master's big table sheets are deflated in independent pieces (each ends on a byte boundary
with an empty stored block, as zlib's ``Z_SYNC_FLUSH`` leaves it, and starts with no history), so
the pieces of rows that did not change can be copied from the previous package as they are:
concatenated, they are one valid deflate stream. :mod:`zipfile` cannot write an entry from bytes
already compressed, so this module writes the package's headers itself (plain zip, no ZIP64: a
master never comes near 4 GiB; a larger one raises :class:`ValueError` rather than write a broken
file). The whole entry's CRC-32 is combined from its pieces' CRCs (:func:`crc32_combine`, as
zlib's ``crc32_combine``), so no piece is decompressed to be copied.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_LIMIT = 0xFFFFFFFF
_DEFLATED = 8


@dataclass
class Piece:
    """Part of an entry: its deflated bytes, the length and CRC-32 of what they inflate to."""

    data: bytes
    size: int
    crc: int


def deflate(text: bytes, *, last: bool = False, level: int = 1) -> Piece:
    """``text`` deflated on its own (no history); ``last`` ends the stream, else it ends on a sync flush."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = c.compress(text) + c.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
    return Piece(data, len(text), zlib.crc32(text))


@dataclass
class Entry:
    """One zip entry made of pieces (the last one ends the deflate stream)."""

    name: str
    date_time: tuple
    pieces: list[Piece] = field(default_factory=list)
    external_attr: int = 0

    @property
    def size(self) -> int:
        return sum(p.size for p in self.pieces)

    @property
    def crc(self) -> int:
        crc = 0
        for p in self.pieces:
            crc = crc32_combine(crc, p.crc, p.size)
        return crc


def whole(name: str, date_time: tuple, data: bytes, external_attr: int = 0) -> Entry:
    """An entry of ``data`` deflated in one piece."""
    return Entry(name, date_time, [deflate(data, last=True, level=6 if len(data) < 1 << 20 else 1)], external_attr)


def write(target: Path, entries: Iterable[Entry]) -> None:
    """Write the package: each entry's local header and pieces, then the central directory."""
    central, offset = [], 0
    with open(target, "wb") as out:
        for e in entries:
            name = e.name.encode("utf-8")
            flags = 0 if e.name.isascii() else 0x800
            data_size, size, crc = sum(len(p.data) for p in e.pieces), e.size, e.crc
            if max(data_size, size, offset) >= _LIMIT:
                raise ValueError(f"zip entry {e.name} or its offset is beyond 4 GiB")
            time, date = _dos(e.date_time)
            head = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, _DEFLATED, time, date, crc, data_size, size,
                               len(name), 0)
            out.write(head + name)
            for p in e.pieces:
                out.write(p.data)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, _DEFLATED, time, date, crc,
                                       data_size, size, len(name), 0, 0, 0, 0, e.external_attr, offset) + name)
            offset += len(head) + len(name) + data_size
        directory = b"".join(central)
        if len(central) >= 0xFFFF or offset + len(directory) >= _LIMIT:
            raise ValueError("zip package beyond 65,535 entries or 4 GiB")
        out.write(directory)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0))


def raw_data(path: Path, info) -> bytes:
    """The deflated bytes of the entry ``info`` (a :class:`zipfile.ZipInfo`) of the package at ``path``."""
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        head = f.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise ValueError(f"no local header for {info.filename}")
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        f.seek(info.header_offset + 30 + name_len + extra_len)
        data = f.read(info.compress_size)
    if len(data) != info.compress_size:
        raise ValueError(f"entry {info.filename} is cut short")
    return data


def _dos(date_time: tuple) -> tuple[int, int]:
    y, mo, d, h, mi, s = (list(date_time) + [0] * 6)[:6]
    y = max(1980, min(2107, y))
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


# --- CRC-32 of two pieces joined, from their CRCs (zlib's crc32_combine, over GF(2)) ----------------
def _times(matrix: list[int], vector: int) -> int:
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _square(matrix: list[int]) -> list[int]:
    return [_times(matrix, matrix[n]) for n in range(32)]


def _zero_operators() -> list[list[int]]:
    """operators[k] appends 2**k zero bytes to a CRC."""
    one_bit = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit
    m = _square(_square(_square(one_bit)))  # eight zero bits: one byte
    ops = []
    for _ in range(64):
        ops.append(m)
        m = _square(m)
    return ops


_OPS: list[list[int]] = []


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The CRC-32 of A+B from crc32(A), crc32(B) and len(B)."""
    if len2 <= 0:
        return crc1
    if not _OPS:
        _OPS.extend(_zero_operators())
    k = 0
    while len2:
        if len2 & 1:
            crc1 = _times(_OPS[k], crc1)
        len2 >>= 1
        k += 1
    return crc1 ^ crc2
