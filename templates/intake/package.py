"""A zip package held in memory whose small members are read straight from its bytes.

Intake reads seven small members of every .xlsx form (relationships, workbook, each sheet, core
properties). :meth:`zipfile.ZipFile.read` costs ~25 µs per member, mostly the machinery of a
streamed, seekable reader; a form's members are a few KB each and the whole file is already in
memory. :class:`Package` checks what ``zipfile`` checks — the local header's signature and name
against the central directory, the size and the CRC-32 of what comes out — and inflates the
member in one call, never beyond its declared size. Anything unusual (encryption, another
compression method, large members) goes through ``zipfile`` itself.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

_HEADER = struct.Struct(zipfile.structFileHeader)  # the local file header, as zipfile reads it
_NAME_LENGTH, _EXTRA_LENGTH = 10, 11  # its fields: file name length, extra field length
_FLAGS_ZIPFILE_HANDLES = 0x1 | 0x20 | 0x40  # encrypted, patched data, strong encryption
_UTF8_NAME = 0x800
DIRECT_MAX = 1 << 20  # members up to this size are inflated in one call


class Package(zipfile.ZipFile):
    """``zipfile.ZipFile`` over bytes in memory, with a direct :meth:`read` of small members."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._data = data

    def read(self, name, pwd=None) -> bytes:
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        if (pwd or info.flag_bits & _FLAGS_ZIPFILE_HANDLES or info.file_size > DIRECT_MAX
                or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)):
            return super().read(name, pwd)
        raw = self._raw(info)
        if info.compress_type == zipfile.ZIP_STORED:
            out = raw[:info.file_size + 1]
        else:
            out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, info.file_size + 1)
        if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
            raise zipfile.BadZipFile(f"Bad CRC-32 or size for file {info.filename!r}")
        return out

    def _raw(self, info: zipfile.ZipInfo) -> bytes:
        start = info.header_offset
        header = self._data[start:start + _HEADER.size]
        if len(header) != _HEADER.size:
            raise zipfile.BadZipFile("Truncated file header")
        fields = _HEADER.unpack(header)
        if fields[0] != zipfile.stringFileHeader:
            raise zipfile.BadZipFile("Bad magic number for file header")
        name_end = start + _HEADER.size + fields[_NAME_LENGTH]
        name = self._data[start + _HEADER.size:name_end]
        encoding = "utf-8" if fields[3] & _UTF8_NAME else (self.metadata_encoding or "cp437")
        if name.decode(encoding, errors="replace") != info.orig_filename:
            raise zipfile.BadZipFile(f"File name in directory {info.orig_filename!r} and header {name!r} differ.")
        body = name_end + fields[_EXTRA_LENGTH]
        return self._data[body:body + info.compress_size]
