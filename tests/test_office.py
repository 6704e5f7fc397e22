"""Finding LibreOffice where its installers put it, and never taking an old output for a new one."""

from __future__ import annotations

import tempfile
from types import SimpleNamespace

import openpyxl
import pytest

from bdg import office


def _exe(path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    return path


@pytest.fixture
def no_path(monkeypatch, tmp_path):
    """No soffice on PATH and no BDG_SOFFICE: only the installers' places can find it."""
    monkeypatch.delenv("BDG_SOFFICE", raising=False)
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))


@pytest.mark.parametrize("variable", ["ProgramFiles", "ProgramFiles(x86)"])
def test_windows_program_files(no_path, monkeypatch, tmp_path, variable):
    monkeypatch.setattr(office, "sys", SimpleNamespace(platform="win32"))
    for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        monkeypatch.delenv(v, raising=False)
    assert office.find_soffice() is None
    exe = _exe(tmp_path / variable / "LibreOffice" / "program" / "soffice.exe")
    monkeypatch.setenv(variable, str(tmp_path / variable))
    assert office.find_soffice() == str(exe)


def test_linux_looks_on_path_only(no_path, monkeypatch):
    monkeypatch.setattr(office, "sys", SimpleNamespace(platform="linux"))
    assert office.standard_locations() == []
    assert office.find_soffice() is None


def _book(path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Số liệu"
    wb.save(path)
    return path


@pytest.mark.office
def test_a_failed_conversion_does_not_return_an_old_output(soffice, tmp_path):
    src = _book(tmp_path / "so.xlsx")
    out = tmp_path / "ra"
    out.mkdir()
    stale = out / "so.pdf"
    stale.write_bytes(b"%PDF-1.4 ban cu")
    with pytest.raises(office.OfficeError, match="không tạo được so.pdf"):
        office.convert(src, "pdf:khong_co_bo_loc_nay", out)  # LibreOffice exits 0 and writes nothing
    assert not stale.exists()
    stale.write_bytes(b"%PDF-1.4 ban cu")
    (pdf,) = office.convert(src, "pdf", out)
    assert pdf == stale and pdf.read_bytes() != b"%PDF-1.4 ban cu" and pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.office
def test_the_profile_is_a_proper_uri_even_under_a_vietnamese_folder(soffice, tmp_path, monkeypatch):
    """``file://`` + path is not a URI for a path with spaces or letters such as ư (nor on Windows)."""
    temp = tmp_path / "thư mục tạm"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    seen = []
    real = office.subprocess.run
    monkeypatch.setattr(office.subprocess, "run", lambda cmd, **kw: (seen.append(cmd), real(cmd, **kw))[1])
    (pdf,) = office.convert(_book(tmp_path / "so.xlsx"), "pdf", tmp_path / "ra")
    assert pdf.read_bytes().startswith(b"%PDF")
    (profile,) = [a for a in seen[0] if a.startswith("-env:UserInstallation=")]
    assert profile.startswith("-env:UserInstallation=file:///") and "th%C6%B0%20m%E1%BB%A5c" in profile
    assert any(temp.iterdir()) is False  # the private profile is gone
