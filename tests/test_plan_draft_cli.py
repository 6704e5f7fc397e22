"""``bdg plan draft``: the written draft, and a clear Vietnamese message for every bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bdg.plan_loader import load_plan, parse_plan
from cli import main
from templates import decision_reader

SEED = Path(__file__).parent / "data" / "decision_1000_qd_ubnd_2011.txt"


def test_draft_to_a_plan_workbook(tmp_path, capsys):
    from templates.plan_book.source import read_plan_book

    out = tmp_path / "ke-hoach.xlsx"
    assert main(["plan", "draft", str(SEED), "--out", str(out)]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "7 mục tiêu, 25 dãy số liệu" in said and "12 dãy có ô cần xem lại" in said
    assert f"mở tệp trong Excel, xem các ô tô màu, rồi bdg init --plan {out}" in said
    plan = parse_plan(read_plan_book(out).text, str(out))  # the workbook reads back as a plan
    assert len(plan.series) == 25 and plan.to_fill  # review marks survive as values to fill
    from office_checks import audit_findings, package_findings

    assert package_findings(out) == [] and audit_findings(out) == []


def test_draft_to_a_plan_file(tmp_path, capsys):
    out = tmp_path / "ke-hoach.yaml"
    assert main(["plan", "draft", str(SEED), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# BẢN NHÁP") and "# - chỉ tiêu 6.2b (variants.1.targets.2020)" in text
    plan = load_plan(out)
    assert plan.decision.number == "1000/QĐ-UBND" and len(plan.series) == 25 and plan.to_fill


def _bad(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


BAD = {
    "empty": ("rong.txt", b"", "không có chữ đọc được"),
    "garbage": ("lung-tung.txt", "Biên bản họp tổ dân phố về vệ sinh môi trường.\n".encode() * 50,
                "Không tìm thấy mục tiêu và chỉ tiêu nào"),
    "binary": ("nhi-phan.txt", bytes(range(256)) * 64, "không phải văn bản chữ"),
    "fake-docx": ("gia.docx", b"PK\x03\x04 not really a zip", "Không đọc được văn bản"),
    "fake-pdf": ("gia.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", "Không đọc được văn bản"),
    "old-word": ("cu.doc", b"\xd0\xcf\x11\xe0", "không phải loại văn bản đọc được"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_decisions_get_a_clear_message(case, tmp_path, capsys):
    name, content, message = BAD[case]
    path = _bad(tmp_path, name, content)
    out = tmp_path / "ke-hoach.xlsx"
    assert main(["plan", "draft", str(path), "--out", str(out)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert message in err and name in err, err
    assert "Traceback" not in err and "Lỗi không mong đợi" not in err
    assert not out.exists()


def test_a_huge_decision_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(decision_reader, "MAX_FILE_BYTES", 1024)
    path = _bad(tmp_path, "qua-lon.txt", SEED.read_bytes())
    assert main(["plan", "draft", str(path), "--out", str(tmp_path / "x.xlsx")]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "quá lớn" in err and "qua-lon.txt" in err


def test_a_huge_text_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(decision_reader, "MAX_CHARS", 10_000)
    assert main(["plan", "draft", str(SEED), "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "quá lớn" in capsys.readouterr().err


def test_missing_decision_and_wrong_output(tmp_path, capsys):
    assert main(["plan", "draft", str(tmp_path / "khong-co.docx"), "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "Không tìm thấy văn bản" in capsys.readouterr().err
    assert main(["plan", "draft", str(SEED), "--out", str(tmp_path / "x.csv")]) == 2
    assert "phải có đuôi .xlsx" in " ".join(capsys.readouterr().err.split())


@pytest.mark.skipif(os.name == "nt", reason="permissions")
def test_the_draft_never_reads_anything_but_the_decision(tmp_path, capsys, monkeypatch):
    """No network, no model: the draft works with sockets disabled."""
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the plan draft opened a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    assert main(["plan", "draft", str(SEED), "--out", str(tmp_path / "k.yaml")]) == 0


def test_an_existing_file_is_not_overwritten(tmp_path, capsys):
    out = tmp_path / "ke-hoach.xlsx"
    out.write_bytes(b"reviewed")
    assert main(["plan", "draft", str(SEED), "--out", str(out)]) == 2
    assert "đã có" in capsys.readouterr().err and out.read_bytes() == b"reviewed"
    assert main(["plan", "draft", str(SEED), "--out", str(out), "--force"]) == 0


def test_a_docx_that_unpacks_too_large_is_refused(tmp_path, capsys, monkeypatch):
    from decision_fixtures import build_docx

    monkeypatch.setattr(decision_reader, "MAX_UNPACKED_BYTES", 10_000)
    path = build_docx(tmp_path / "bom.docx")
    assert main(["plan", "draft", str(path), "--out", str(tmp_path / "x.xlsx")]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "quá lớn" in err and "bom.docx" in err


def _cp1258(text: str) -> bytes:
    """Text as Notepad saves it as "ANSI" on a Vietnamese Windows (tone marks as combining characters)."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        out += unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)).encode("cp1258")
        out += tones.encode("cp1258")
    return out


def test_a_text_file_in_the_windows_vietnamese_code_page(tmp_path):
    from bdg.plan_draft import draft_plan

    path = _bad(tmp_path, "ansi.txt", _cp1258(SEED.read_text(encoding="utf-8")))
    draft = draft_plan(decision_reader.read_decision(path))
    assert draft.series_count == 25 and draft.data["decision"]["issuer"] == "Ủy ban nhân dân tỉnh Bắc Kạn"


def _fail_midway(monkeypatch):
    """The workbook's writer stops after a few parts of the file (a full disk, a crash)."""
    import zipfile

    import xlsxwriter.workbook

    class Failing(zipfile.ZipFile):
        parts = 0

        def writestr(self, *args, **kwargs):
            Failing.parts += 1
            if Failing.parts > 3:
                raise OSError(28, "No space left on device")
            return super().writestr(*args, **kwargs)

    monkeypatch.setattr(xlsxwriter.workbook, "ZipFile", Failing)


def test_a_failed_forced_draft_keeps_the_reviewed_workbook(tmp_path, monkeypatch):
    from bdg.files import temp_name_pattern

    out = tmp_path / "ke-hoach.xlsx"
    out.write_bytes(b"reviewed")
    monkeypatch.setenv("BDG_LOG_DIR", str(tmp_path / "logs"))  # the unexpected error's log
    _fail_midway(monkeypatch)
    assert main(["plan", "draft", str(SEED), "--out", str(out), "--force"]) != 0
    assert out.read_bytes() == b"reviewed"
    assert list(tmp_path.glob(temp_name_pattern(out))) == []


@pytest.mark.parametrize("name", ["ke-hoach.xlsx", "ke-hoach.yaml"])
def test_a_draft_open_in_excel_is_a_clear_message(tmp_path, capsys, monkeypatch, name):
    """On Windows, replacing a file open in Excel raises PermissionError."""
    from bdg import files

    out = tmp_path / name
    out.write_bytes(b"reviewed")

    def refuse(src, dst):
        raise PermissionError(13, "Access is denied", str(src), None, str(dst))

    monkeypatch.setattr(files.os, "replace", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    assert main(["plan", "draft", str(SEED), "--out", str(out), "--force"]) != 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"'{out}'" in err and "đang mở trong Excel" in err and "Lỗi không mong đợi" not in err
    assert out.read_bytes() == b"reviewed" and [p.name for p in tmp_path.iterdir()] == [name]
