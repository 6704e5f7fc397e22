"""Every file in an inbox is accounted for: read, named with why it was not read, or silently fine.

The inbox is built by code (tests/inbox_files.py): good forms beside an .xlsb package, a PDF, a
picture, a CSV named .xlsx, a web page named .xls, a Word document, Excel's and LibreOffice's owner
files, zip archives (of forms, nested, with path-traversal names, a bomb), and the files that are
silently fine. The same batch goes through ``bdg check`` (console, JSON, .xlsx report) and
``bdg consolidate``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import string
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import inbox_files
from cli import main
from office_checks import audit_findings, package_findings
from templates.intake.inbox import walk
from templates.intake.problem_report import is_skipped, summary_line
from templates.intake.problems import SKIPPED_CODES
from templates.intake.read import check_paths, read_form
from tests.forms_helpers import codes
from workbook.consolidate import consolidate


@pytest.fixture(scope="module")
def inbox(plan, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hop-thu")
    return folder, inbox_files.build(plan, folder)


def _rel(folder: Path, path: str) -> str:
    return Path(path).relative_to(folder).as_posix()


def _named(expected: dict[str, str]) -> dict[str, str]:
    """What the check result holds: every file and archive member but the silently fine ones."""
    return {name: what for name, what in expected.items() if what not in ("silent", "opened")}


def _shown(name: str) -> str:
    """How results name a file: its own name, or from its zip archive on for an archive member."""
    return name if ".zip/" in name else Path(name).name


def _on_disk(expected: dict[str, str]) -> list[str]:
    """The files of the folder itself (an archive, not its members) the walk must list."""
    return sorted(n for n, w in expected.items() if w != "silent" and ".zip/" not in n)


# --- the walk -------------------------------------------------------------------------------------
def test_the_walk_lists_every_file_but_the_silently_fine_ones(inbox):
    folder, expected = inbox
    found = walk([folder])
    assert sorted(_rel(folder, str(f)) for f in found.files) == _on_disk(expected)
    assert sorted(_rel(folder, str(f)) for f in found.silent) == sorted(n for n, w in expected.items() if w == "silent")


def test_the_callers_own_file_is_silently_fine(tmp_path):
    for name in ("so-tong-hop.xlsx", ".so-tong-hop.x1y2.xlsx.tmp", "a.xlsx", ".a.x1y2.xlsx.tmp"):
        (tmp_path / name).write_bytes(b"x")
    found = walk([tmp_path], own=[tmp_path / "so-tong-hop.xlsx"])
    assert [f.name for f in found.files] == [".a.x1y2.xlsx.tmp", "a.xlsx"]
    assert [f.name for f in found.silent] == [".so-tong-hop.x1y2.xlsx.tmp", "so-tong-hop.xlsx"]


NAMES = st.sampled_from(["a.xlsx", "b.xls", "c.ods", "d.pdf", "~$a.xlsx", ".~lock.a.xlsx#", ".DS_Store", "Thumbs.db",
                         "desktop.ini", "e.zip", "f.xlsb", "g", "h.txt", "0" * 64 + ".xlsx", "s.20260101-080000-000000.xlsx",
                         ".x.xlsx.bdg-lock"])
FOLDERS = st.sampled_from(["", "luu-tru", "sao-luu", "con", "con/chau", "luu-tru/con"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(FOLDERS, NAMES, st.binary(max_size=40)), max_size=12, unique_by=lambda t: t[:2]))
def test_every_file_is_either_read_or_silently_fine_exactly_once(tmp_path_factory, entries):
    folder = tmp_path_factory.mktemp("ngau-nhien")
    made = set()
    for sub, name, data in entries:
        path = folder / sub / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        made.add(path)
    found = walk([folder, folder])  # the same folder twice: every file still once
    assert sorted(found.files + found.silent) == sorted(made)
    assert not set(found.files) & set(found.silent)
    bdg_own = {p for p in made if p.name in (".DS_Store", "Thumbs.db", "desktop.ini", ".x.xlsx.bdg-lock")
               or (p.parent.name == "luu-tru" and p.name == "0" * 64 + ".xlsx")
               or (p.parent.name == "sao-luu" and p.name == "s.20260101-080000-000000.xlsx")}
    assert set(found.silent) == bdg_own


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(string.ascii_lowercase, min_size=1, max_size=6),
                          st.sampled_from([".xlsx", ".xls", ".pdf", ".zip", ".jpg", ""]),
                          st.binary(max_size=200)), max_size=6, unique_by=lambda t: t[:2]))
def test_every_file_read_is_in_the_check_result_once(plan, tmp_path_factory, entries):
    folder = tmp_path_factory.mktemp("ngau-nhien-doc")
    made = set()
    for stem, suffix, data in entries:
        (folder / (stem + suffix)).write_bytes(data)
        made.add(str(folder / (stem + suffix)))
    subs = check_paths([folder], plan, workers=0)  # in this process: random bytes of 200 at most
    assert sorted(s.path for s in subs) == sorted(made)
    assert all(s.problems for s in subs)  # none of these is a form: each is named with why


def test_a_linked_folder_is_named_not_followed_nor_dropped(plan, tmp_path):
    outside = tmp_path / "ngoai"
    outside.mkdir()
    inbox_files.good_forms(plan, outside, 1)
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    (inbox / "lien-ket").symlink_to(outside, target_is_directory=True)
    sub, = check_paths([inbox], plan, workers=0)
    assert codes(sub) == {"folder-not-read"} and is_skipped(sub)
    assert "'lien-ket' là lối tắt (liên kết) tới một thư mục khác" in sub.problems[0].message


# --- each case, read on its own -------------------------------------------------------------------
def test_each_file_is_named_with_its_own_code(plan, inbox):
    folder, expected = inbox
    subs = {_rel(folder, s.path): s for s in check_paths([folder], plan)}
    assert set(subs) == set(_named(expected))
    for name, what in _named(expected).items():
        sub = subs[name]
        if what == "form":
            assert sub.values and not sub.errors, name
        else:
            assert codes(sub) == {what}, name
            assert f"{Path(name).name}'" in sub.problems[0].message, name


def test_xlsb_says_how_to_save_as_xlsx_and_names_a_wrong_extension(plan, inbox):
    folder, _ = inbox
    own = read_form(folder / "2014_SYT.xlsb", plan).problems[0].message
    assert "lưu lại dạng .xlsx (Tệp → Lưu thành → Sổ làm việc Excel)" in own and "dù mang đuôi" not in own
    renamed = read_form(folder / "doi-ten.xlsx", plan).problems[0].message
    assert "(.xlsb), dù mang đuôi .xlsx" in renamed


def test_extension_and_content_are_both_named(plan, inbox):
    folder, _ = inbox
    assert "đuôi .xlsx nhưng nội dung là tệp văn bản (CSV)" in read_form(folder / "so-lieu.xlsx", plan).problems[0].message
    assert "đuôi .xls nhưng nội dung là trang web (HTML)" in read_form(folder / "trang-web.xls", plan).problems[0].message
    assert "đây là tệp PDF" in read_form(folder / "bao-cao.pdf", plan).problems[0].message
    assert "đây là ảnh JPEG" in read_form(folder / "anh-chup.jpg", plan).problems[0].message
    assert "văn bản Word (.docx)" in read_form(folder / "cong-van.docx", plan).problems[0].message
    misnamed = read_form(folder / "mo-rong-sai.xls", plan)
    assert misnamed.values and not misnamed.errors
    assert [p.code for p in misnamed.warnings][:1] == ["extension-mismatch"]
    assert "mang đuôi .xls nhưng nội dung là sổ Excel .xlsx" in misnamed.problems[0].message


def test_owner_files_are_called_excel_temporary_files(plan, inbox):
    folder, expected = inbox
    form = next(n for n, w in expected.items() if w == "form" and "/" not in n and n.endswith(".xlsx"))
    for name in (f"~${form}", f".~lock.{form}#"):
        p = read_form(folder / name, plan).problems[0]
        assert p.severity == "warning" and "tệp tạm của Excel — tệp đang mở" in p.message
        assert "hãy đóng excel rồi chạy lại" in p.message.lower() and f"'{form}'" in p.message


def test_forms_inside_zip_archives_are_read_within_bounds(plan, inbox):
    folder, expected = inbox
    before = sorted(Path("/").glob("etc/2014_SYT.xlsx")) + sorted(Path("/tmp").glob("tuyet-doi.xlsx"))
    subs = {_rel(folder, s.path): s for s in check_paths([folder], plan)}
    for name in ("bieu-mau-nen.zip/gui-so/2014_SYT.xlsx", "long-nhau.zip/trong.zip/2014_SYT.xlsx",
                 "vuot-thu-muc.zip/ok/2014_SYT.xlsx"):
        assert subs[name].values and not subs[name].errors and subs[name].sha256, name
    climbing = subs["vuot-thu-muc.zip/../../etc/2014_SYT.xlsx"].problems[0].message
    assert "Tệp nén 'vuot-thu-muc.zip' chứa '../../etc/2014_SYT.xlsx': tên trỏ ra ngoài thư mục giải nén (../)" in climbing
    assert "đường dẫn tuyệt đối" in subs["vuot-thu-muc.zip/tmp/tuyet-doi.xlsx"].problems[0].message
    assert sorted(Path("/").glob("etc/2014_SYT.xlsx")) + sorted(Path("/tmp").glob("tuyet-doi.xlsx")) == before
    deep = subs["ba-tang.zip/a.zip/b.zip"].problems[0].message
    assert "tệp nén (zip): 1 tệp, trong đó 1 bảng tính hoặc tệp nén (2014_SYT.xlsx)" in deep
    assert "hãy giải nén" in deep.lower()
    bomb = subs["bom.zip"].problems[0]
    assert bomb.code == "zip-bomb" and "gấp 10" in bomb.message and "lần dung lượng nén" in bomb.message
    assert subs["bom-goi.xlsx"].problems[0].code == "zip-bomb"
    assert "(11,0 MB từ 11 KB nén, gấp 10" in subs["bom-goi.xlsx"].problems[0].message
    assert "tệp nén (RAR)" in subs["nen.rar"].problems[0].message
    assert not any(s.path.startswith(tempfile.gettempdir() + "/bdg-zip-") for s in subs.values())


def test_links_encrypted_members_and_a_budget_shared_with_nested_archives(plan, tmp_path, monkeypatch):
    import stat
    import zipfile

    from templates.intake import unzip

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        link = zipfile.ZipInfo("lien-ket.xlsx")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
        z.writestr("mat-khau.xlsx", b"x")
    (tmp_path / "la.zip").write_bytes(_encrypted(buf.getvalue(), "mat-khau.xlsx"))
    monkeypatch.setattr(unzip, "MAX_MEMBERS", 3)  # the outer archive and the one inside share it
    inner = inbox_files.zip_of({f"{i}.txt": b"x" for i in range(2)})
    (tmp_path / "dem.zip").write_bytes(inbox_files.zip_of({"a.txt": b"x", "trong.zip": inner}))
    subs = {_rel(tmp_path, s.path): s for s in check_paths([tmp_path], plan, workers=0)}
    assert "là liên kết (symlink)" in subs["la.zip/lien-ket.xlsx"].problems[0].message
    assert codes(subs["la.zip/mat-khau.xlsx"]) == {"password-protected"}
    assert codes(subs["dem.zip/trong.zip/1.txt"]) == {"zip-bomb"}  # the fourth member of the one budget
    assert codes(subs["dem.zip/trong.zip/0.txt"]) == {"not-a-spreadsheet"}


def _encrypted(data: bytes, name: str) -> bytes:
    """The zip with ``name`` marked encrypted (general purpose bit 0, in its local and central headers)."""
    import struct

    out = bytearray(data)
    central = out.index(b"PK\x01\x02")
    while central != -1:
        length = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46:central + 46 + length].decode() == name:
            out[central + 8] |= 0x1
            out[struct.unpack_from("<I", out, central + 42)[0] + 6] |= 0x1
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def test_an_archive_member_over_the_size_limit_is_not_unpacked(plan, tmp_path):
    from templates.intake.container import Limits

    (tmp_path / "lon.zip").write_bytes(inbox_files.zip_of({"to.xlsx": bytes(4000), "nho.txt": b"x"}))
    subs = {_rel(tmp_path, s.path): s for s in check_paths([tmp_path], plan, limits=Limits(max_bytes=3500))}
    assert codes(subs["lon.zip/to.xlsx"]) == {"file-too-large"}
    assert codes(subs["lon.zip/nho.txt"]) == {"not-a-spreadsheet"}


def test_packages_that_are_not_plain_archives_are_not_called_archives(plan, tmp_path):
    def made(name, members):
        (tmp_path / name).write_bytes(inbox_files.zip_of(members))
        return read_form(tmp_path / name, plan).problems[0]

    types = b'<Types><Override PartName="/book/wb.xml" ContentType="application/vnd.openxmlformats-officedocument.' \
            b'spreadsheetml.sheet.main+xml"/></Types>'
    odd = made("la.xlsx", {"[Content_Types].xml": types, "book/wb.xml": b"<workbook/>"})
    assert odd.code == "corrupt-file" and "không có phần xl/workbook.xml" in odd.message
    other = made("khac.xlsx", {"[Content_Types].xml": b"<Types/>", "visio/document.xml": b"<x/>"})
    assert other.code == "not-a-spreadsheet" and "tài liệu Office" in other.message
    sealed = made("mat-khau.ods", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                   "META-INF/manifest.xml": b"<manifest:encryption-data/>", "content.xml": b"x"})
    assert sealed.code == "password-protected"


@pytest.mark.parametrize("text, what", [("a,b,c\n1,2,3\n", "tệp văn bản (CSV)"), ("a;b\n1;2\n", "tệp văn bản (CSV)"),
                                        ("fn main() {\n    let x = f(a, b);\n}\n", "tệp văn bản")])
def test_text_is_called_csv_only_when_its_lines_split_alike(plan, tmp_path, text, what):
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    assert f"đây là {what})" in read_form(tmp_path / "t.txt", plan).problems[0].message


# --- the batch through the front doors --------------------------------------------------------------
def test_check_names_every_file_in_console_json_and_report(plan, inbox, tmp_path, capsys):
    folder, expected = inbox
    report = tmp_path / "ket-qua.xlsx"
    assert main(["check", str(folder), "--xlsx-report", str(report)]) == 1  # the zip bomb is an error
    out = "".join(capsys.readouterr().out.split())  # names hold no spaces; the console wraps lines
    for name in (n for n, w in _named(expected).items() if w != "form"):
        assert _shown(name) in out, name  # each file not read, without asking
    assert main(["check", str(folder), "--all"]) == 1
    out = capsys.readouterr().out
    for name in _named(expected):
        assert _shown(name) in "".join(out.split()), name
    for name in (n for n, w in expected.items() if w == "silent"):
        assert Path(name).name not in out, name
    skipped = [n for n, w in expected.items() if w in SKIPPED_CODES]
    assert f"bỏ qua {len(skipped)} tệp: " in " ".join(out.split())

    assert main(["check", str(folder), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert sorted(_rel(folder, f["file"]) for f in data["files"]) == sorted(_named(expected))
    assert sorted(_rel(folder, f["file"]) for f in data["skipped"]) == sorted(skipped)
    assert data["summary"]["skipped"] == len(skipped)
    assert data["summary"]["checked"] == len(_named(expected)) - len(skipped)
    assert all(f["reason"] and f["code"] in SKIPPED_CODES for f in data["skipped"])

    wb = openpyxl.load_workbook(report, read_only=True)
    try:
        summary = [[c for c in row if c] for row in wb["Tóm tắt"].iter_rows(values_only=True)]
        detail = " ".join(str(c) for row in wb["Chi tiết"].iter_rows(values_only=True) for c in row if c)
    finally:
        wb.close()
    listed = {row[0]: row for row in summary[3:]}
    for name in _named(expected):
        assert _shown(name) in listed, name
        assert expected[name] == "form" or _shown(name) in detail, name  # a row with what to do
    assert all("Bỏ qua" in listed[_shown(n)] for n in skipped)
    assert str(summary[2][0]).startswith(f"Bỏ qua {len(skipped)} tệp: ")
    assert package_findings(report) == []


@pytest.mark.office
def test_the_check_report_with_skipped_files_passes_openxml_audit(plan, inbox, tmp_path):
    folder, _ = inbox
    report = tmp_path / "ket-qua.xlsx"
    main(["check", str(folder), "--xlsx-report", str(report)])
    assert audit_findings(report) == []


def test_exit_codes_say_what_happened(plan, tmp_path, capsys):
    form, = inbox_files.good_forms(plan, tmp_path, 1)
    assert main(["check", str(tmp_path)]) == 0
    report = tmp_path / "ket-qua.xlsx"
    assert main(["check", str(tmp_path), "--xlsx-report", str(report)]) == 0
    assert main(["check", str(tmp_path), "--xlsx-report", str(report)]) == 0  # its own report is not read
    report.unlink()
    (tmp_path / "bao-cao.pdf").write_bytes(inbox_files.tiny_pdf())
    assert main(["check", str(tmp_path)]) == 3  # no error, but a file not read
    form.unlink()
    assert main(["check", str(tmp_path)]) == 2  # nothing readable
    out = " ".join(capsys.readouterr().out.split())
    assert "bỏ qua 1 tệp: bao-cao.pdf (không phải bảng tính: hãy gửi tệp Excel)" in out
    (tmp_path / "bao-cao.pdf").unlink()
    (tmp_path / "Thumbs.db").write_bytes(b"x")
    assert main(["check", str(tmp_path)]) == 2
    assert "Không tìm thấy biểu mẫu nào" in capsys.readouterr().err


def test_summary_counts_skipped_files_apart_from_errors(plan, inbox):
    folder, expected = inbox
    subs = check_paths([folder], plan)
    line = summary_line(subs)
    skipped = [s for s in subs if is_skipped(s)]
    assert len(skipped) == sum(w in SKIPPED_CODES for w in expected.values())
    assert f"Đã kiểm tra {len(subs) - len(skipped)} tệp" in line and f"bỏ qua {len(skipped)} tệp" in line


def test_consolidate_imports_every_form_and_names_every_other_file(plan, inbox, tmp_path, capsys):
    source, expected = inbox
    folder = tmp_path / "hop-thu"
    shutil.copytree(source, folder)
    master = folder / "so-tong-hop.xlsx"  # the master inside the inbox: its own files are silently fine
    assert main(["init", "--out", str(master)]) == 0
    capsys.readouterr()
    assert main(["consolidate", str(folder), "--master", str(master)]) == 1  # the zip bomb: unreadable
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    for name, what in _named(expected).items():
        assert _shown(name) in "".join(out.split()), name
    assert "so-tong-hop.xlsx:" not in out  # the master is not read as a form
    skipped = [n for n, w in expected.items() if w in SKIPPED_CODES]
    assert f"Bỏ qua {len(skipped)} tệp" in flat
    result = consolidate(master, [folder], plan)  # again: the forms are known, the others named again
    forms = sorted(n for n, w in expected.items() if w == "form")
    assert sorted(_rel(folder, f.file) for f in result.files if f.result == "duplicate") == forms
    assert sorted(_rel(folder, s.path) for s in result.skipped) == sorted(skipped)
    assert not result.written and result.exit_code == 1
    archived = {p.stem for p in (folder / "luu-tru").iterdir()}
    assert {f.sha256 for f in result.files if f.result == "duplicate"} <= archived
    on_disk = [n for n in skipped if ".zip/" not in n]
    assert not {hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in on_disk} & archived


def test_consolidate_exit_code_3_when_all_is_imported_but_a_file_was_skipped(plan, tmp_path, capsys):
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    inbox_files.good_forms(plan, inbox, 1)
    (inbox / "2014_SYT.xlsb").write_bytes(inbox_files.xlsb_package())
    master = tmp_path / "so-tong-hop.xlsx"
    assert main(["init", "--out", str(master)]) == 0
    capsys.readouterr()
    assert main(["consolidate", str(inbox), "--master", str(master)]) == 3
    out = " ".join(capsys.readouterr().out.split())
    assert "• Tệp '2014_SYT.xlsb' là sổ làm việc nhị phân của Excel (.xlsb)" in out
    assert not any(p.suffix == ".xlsb" for p in (tmp_path / "luu-tru").iterdir())  # never archived
    os.remove(inbox / "2014_SYT.xlsb")
    assert main(["consolidate", str(inbox), "--master", str(master)]) == 0


def test_a_zipped_form_is_imported_once_with_its_archive_named_as_source(plan, tmp_path, monkeypatch):
    from workbook.state import read_master

    scratch = tmp_path / "tam"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where members are unpacked during the run

    loose = tmp_path / "rieng"
    loose.mkdir()
    form, = inbox_files.good_forms(plan, loose, 1)
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    (inbox / "ho-so.zip").write_bytes(inbox_files.zip_of({f"so-y-te/{form.name}": form.read_bytes()}))
    master = tmp_path / "so-tong-hop.xlsx"
    assert main(["init", "--out", str(master)]) == 0
    first = consolidate(master, [inbox], plan)
    shown = str(inbox / "ho-so.zip" / "so-y-te" / form.name)
    assert [(f.file, f.result) for f in first.files] == [(shown, "imported")] and first.exit_code == 0
    state = read_master(master)
    assert [r.file for r in state.log] == [shown]  # provenance: the archive and the path inside it
    assert {r.source_file for r in state.data} == {f"ho-so.zip/so-y-te/{form.name}"}
    sha = hashlib.sha256(form.read_bytes()).hexdigest()
    assert (tmp_path / "luu-tru" / f"{sha}.xlsx").read_bytes() == form.read_bytes()  # the form, not the zip
    again = consolidate(master, [inbox], plan)  # idempotent: the same zip again changes nothing
    assert [f.result for f in again.files] == ["duplicate"] and not again.written
    loose_run = consolidate(master, [loose], plan)  # nor does the same form sent unzipped
    assert [f.result for f in loose_run.files] == ["duplicate"] and not loose_run.written
    assert len(read_master(master).log) == 1
    assert not list(scratch.iterdir())  # unpacked copies removed


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a file name that is not UTF-8 needs a Linux file system")
def test_a_file_name_that_is_not_utf8_is_shown_printable_and_the_form_still_imported(plan, tmp_path, capsys):
    """A form copied from an old system keeps bytes that are not UTF-8 in its name: it is read, shown with
    U+FFFD for those bytes in the console, JSON, the .xlsx report and Nhật ký, and archived from the real file."""
    folder = tmp_path / "hop-thu"
    folder.mkdir()
    (tmp_path / "forms").mkdir()
    form, = inbox_files.good_forms(plan, tmp_path / "forms", count=1)
    odd = Path(os.fsdecode(bytes(folder) + b"/bi\xeau-m\xe2u.xlsx"))  # Latin-1 bytes, not UTF-8
    shutil.copyfile(form, odd)
    assert main(["check", str(folder), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.encode("utf-8", "surrogateescape").decode("utf-8"))
    assert [Path(f["file"]).name for f in result["files"]] == ["bi\ufffdu-m\ufffdu.xlsx"]
    report = tmp_path / "ket-qua.xlsx"
    assert main(["check", str(folder), "--xlsx-report", str(report)]) == 0
    assert package_findings(report) == [] and audit_findings(report) == []
    master = tmp_path / "so-tong-hop.xlsx"
    assert main(["init", "--out", str(master)]) == 0
    assert main(["consolidate", str(folder), "--master", str(master)]) == 0
    from workbook.state import read_master

    assert [Path(row.file).name for row in read_master(master).log] == ["bi\ufffdu-m\ufffdu.xlsx"]
    assert len(list((tmp_path / "luu-tru").iterdir())) == 1  # the bytes archived from the real file


def _lzma_zip(members: dict[str, bytes], damage: str | None = None) -> bytes:
    """A zip archive with LZMA members; ``damage``: the member whose compressed bytes are spoilt."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_LZMA) as z:
        for name, data in members.items():
            z.writestr(name, data)
    raw = bytearray(buf.getvalue())
    if damage is not None:
        with zipfile.ZipFile(io.BytesIO(bytes(raw))) as z:
            info = z.getinfo(damage)
        start = info.header_offset + 30 + len(info.filename.encode()) + 4 + 5  # past the header and LZMA props
        end = info.header_offset + 30 + len(info.filename.encode()) + info.compress_size
        raw[start:end] = b"\xff" * (end - start)
    return bytes(raw)


def test_a_damaged_member_an_empty_zip_and_look_alike_names_never_stop_the_batch(plan, tmp_path, capsys):
    """A zip with a damaged LZMA member, an empty zip, two members of the same name, a member name too long for
    the file system, macOS's __MACOSX folder and a named pipe — beside a good form, which is still imported; each
    other file is named, each form archived under its own SHA-256."""
    folder = tmp_path / "hop-thu"
    folder.mkdir()
    (tmp_path / "forms").mkdir()
    first, second = inbox_files.good_forms(plan, tmp_path / "forms", count=2)
    shutil.copyfile(first, folder / first.name)
    good = second.read_bytes()
    (folder / "hong.zip").write_bytes(_lzma_zip({"a.xlsx": good, "b.txt": b"x" * 5000}, damage="b.txt"))
    with zipfile.ZipFile(folder / "rong.zip", "w") as z:  # folders only, no file
        z.writestr(zipfile.ZipInfo("bieu-mau/"), b"")
    long_name = "bieu-mau-" + "dài" * 100 + ".xlsx"
    (folder / "trung-ten.zip").write_bytes(inbox_files.zip_of({
        "bm/bieu.xlsx": good, "__MACOSX/bm/._bieu.xlsx": b"\x00\x05\x16\x07", long_name: good}))
    with zipfile.ZipFile(folder / "trung-ten.zip", "a") as z:  # a second member of the same name, other bytes
        with pytest.warns(UserWarning, match="Duplicate name"):
            z.writestr("bm/bieu.xlsx", first.read_bytes())
    os.mkfifo(folder / "ong-dan.xlsx")
    assert main(["check", str(folder), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    by_name = {f["file"].split("hop-thu/")[-1]: f for f in result["files"]}
    assert by_name["hong.zip/b.txt"]["problems"][0]["code"] == "corrupt-file"
    assert by_name["hong.zip/a.xlsx"]["readable"]
    assert by_name["rong.zip"]["problems"][0]["code"] == "empty-archive"
    assert {"trung-ten.zip/bm/bieu.xlsx", "trung-ten.zip/bm/bieu (2).xlsx"} <= set(by_name)
    assert by_name[f"trung-ten.zip/{long_name}"]["readable"]
    assert not any("__MACOSX" in name for name in by_name)
    assert by_name["ong-dan.xlsx"]["problems"][0]["code"] == "cannot-read-file"
    master = tmp_path / "so-tong-hop.xlsx"
    assert main(["init", "--out", str(master)]) == 0
    assert main(["consolidate", str(folder), "--master", str(master)]) == 1
    archived = list((tmp_path / "luu-tru").iterdir())
    assert archived and all(hashlib.sha256(p.read_bytes()).hexdigest() == p.stem for p in archived)
