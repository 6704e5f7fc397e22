"""The in-memory package reader intake opens .xlsx files with: the same bytes as zipfile, the same refusals."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from templates.intake.package import Package

TEXT = "<sheetData>" + "<c r=\"A1\"><v>1</v></c>" * 200 + "</sheetData>"


def _zip(method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        z.writestr("xl/worksheets/sheet1.xml", TEXT)
        z.writestr("tên có dấu.xml", "đủ")
    return buf.getvalue()


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2])
def test_members_read_as_zipfile_reads_them(method):
    data = _zip(method)
    with Package(data) as pkg, zipfile.ZipFile(io.BytesIO(data)) as plain:
        for name in plain.namelist():
            assert pkg.read(name) == plain.read(name)
            assert pkg.read(pkg.getinfo(name)) == plain.read(name)


def _damage(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new, 1)


def test_a_damaged_member_is_refused_as_zipfile_refuses_it():
    data = bytearray(_zip(zipfile.ZIP_STORED))
    at = data.index(b"<v>1</v>")
    data[at + 3] = ord("2")  # the bytes changed, the CRC-32 in the directory did not
    with Package(bytes(data)) as pkg, pytest.raises(zipfile.BadZipFile):
        pkg.read("xl/worksheets/sheet1.xml")


def test_a_local_header_naming_another_member_is_refused():
    data = _damage(_zip(), b"xl/worksheets/sheet1.xml", b"xl/worksheets/sheet9.xml")  # the local header only
    with Package(data) as pkg, pytest.raises(zipfile.BadZipFile):
        pkg.read("xl/worksheets/sheet1.xml")


def test_a_member_inflating_beyond_its_declared_size_is_refused_without_inflating_it_all():
    data = bytearray(_zip())
    central = data.index(b"PK\x01\x02")  # the directory entry of the sheet: it now claims 10 bytes
    struct.pack_into("<L", data, central + 24, 10)
    with Package(bytes(data)) as pkg:
        assert pkg.getinfo("xl/worksheets/sheet1.xml").file_size == 10
        with pytest.raises(zipfile.BadZipFile):
            pkg.read("xl/worksheets/sheet1.xml")
