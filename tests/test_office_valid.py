"""Every kind of file bdg writes passes an independent package check and openxml-audit.

openxml-audit carries the Open XML SDK's schemas and semantic rules. Two of its findings are not
defects and are filtered in tests/office_checks.py: child order inside openpyxl's ``<font>`` (which
the ISO schema allows) and the warning that sheets hold inline strings (Excel moves them into a
shared-strings table on its next save). Any other finding, error or warning, fails.
"""

from __future__ import annotations

import zipfile

import pytest

from office_checks import audit_all, package_findings
from office_files import REPORT_KINDS

KINDS = ["master-init", "master-consolidated", "form-blank-province", "form-blank-district", "form-filled",
         "form-checked-addin", "check-report", "addin-xlam", "addin-xlsm", "plan-book", "plan-draft"]
REPORTS = [f"report-{k}" for k in REPORT_KINDS]


@pytest.mark.parametrize("kind", KINDS + REPORTS)
def test_package_is_sound(office_files, kind):
    assert package_findings(office_files[kind]) == []


@pytest.fixture(scope="module")
def audited(office_files, tmp_path_factory):
    """openxml-audit's findings for every kind, from one run over all the files."""
    return audit_all({kind: office_files[kind] for kind in KINDS + REPORTS}, tmp_path_factory.mktemp("audit"))


@pytest.mark.office
@pytest.mark.parametrize("kind", KINDS + REPORTS)
def test_openxml_audit_finds_nothing(audited, kind):
    assert audited[kind] == []


def test_big_table_sheets_carry_no_zip64_fields(office_files):
    """The master's streamed table sheets: local and central headers alike, no ZIP64 (CPython issue 103861)."""
    with zipfile.ZipFile(office_files["master-consolidated"]) as z:
        big = max(z.infolist(), key=lambda i: i.file_size)
    assert big.filename.startswith("xl/worksheets/") and big.file_size > 100_000
    assert package_findings(office_files["master-consolidated"]) == []


def test_the_checks_catch_what_they_are_for(tmp_path, office_files):
    """The package checks report a force_zip64 entry, a part without a content type and a dangling link."""
    src = office_files["form-blank-province"]
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rX" Type="t" Target="nowhere.xml"/>'
                                    b"</Relationships>")
            if info.filename.startswith("xl/worksheets/sheet1"):
                with out.open(info.filename, "w", force_zip64=True) as f:
                    f.write(data)
            else:
                out.writestr(info.filename, data)
        out.writestr("xl/extra.bin", b"x")
    found = "\n".join(package_findings(bad))
    assert "ZIP64 extra field only in the local header" in found
    assert "xl/extra.bin: no content type" in found
    assert "points at missing part xl/nowhere.xml" in found
