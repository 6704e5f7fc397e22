"""``bdg report`` from the command line: outputs, options and Vietnamese errors."""

from __future__ import annotations

import pytest
from docx import Document

from cli import main
from report_fixtures import make_master


@pytest.fixture(scope="module")
def master(plan, tmp_path_factory):
    return make_master(plan, tmp_path_factory.mktemp("cli") / "master.xlsx", [2018, 2019], narratives_year=2019)


def text_of(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join(parts)


def test_report_writes_docx_and_html_with_date_number_and_settings(master, tmp_path, capsys):
    settings = tmp_path / "thiet-lap.yaml"
    settings.write_text("signer_name: Nguyễn Thị Hoa\nrecipients: [Như trên;, Lưu VT.]\n", encoding="utf-8")
    out = tmp_path / "out"
    rc = main(["report", "--year", "2019", "--master", str(master), "--out", str(out), "--format", "docx,html",
               "--date", "05/02/2020", "--number", "123", "--settings", str(settings), "--no-charts"])
    assert rc == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "Đã lập báo cáo năm 2019" in printed and "bao-cao-nam-2019.docx" in printed
    body = text_of(out / "bao-cao-nam-2019.docx")
    assert "Bắc Kạn, ngày 05 tháng 02 năm 2020" in body
    assert "Số: 123/BC-SLĐTBXH" in body
    assert "Nguyễn Thị Hoa" in body and "- Như trên;" in body and "- UBND tỉnh (b/c);" not in body
    assert (out / "bao-cao-nam-2019.html").read_text(encoding="utf-8").count("Nguyễn Thị Hoa") == 1


def test_midterm_review_by_default_at_the_first_milestone(master, tmp_path, capsys):
    rc = main(["report", "--kind", "midterm", "--master", str(master), "--out", str(tmp_path), "--format", "docx",
               "--no-charts"])
    assert rc == 0
    assert "Đã lập báo cáo sơ kết giai đoạn 2011 - 2015" in capsys.readouterr().out
    body = text_of(tmp_path / "bao-cao-so-ket-2011-2015.docx")
    assert "Sơ kết 5 năm thực hiện" in body and "Đánh giá mốc 2015" in body


def test_without_libreoffice_pdf_is_explained(master, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BDG_SOFFICE", str(tmp_path / "khong-co-soffice"))
    rc = main(["report", "--year", "2019", "--master", str(master), "--out", str(tmp_path), "--no-charts"])
    captured = capsys.readouterr()
    assert rc == 0 and "Chưa cài LibreOffice" in captured.err
    assert sorted(p.suffix for p in tmp_path.glob("bao-cao-nam-2019.*")) == [".docx", ".html"]
    rc = main(["report", "--year", "2019", "--master", str(master), "--out", str(tmp_path), "--format", "pdf",
               "--no-charts"])
    assert rc == 2 and "Chưa cài LibreOffice" in capsys.readouterr().err


@pytest.mark.parametrize("args, words", [
    (["--kind", "weekly", "--year", "2019"], "Loại báo cáo 'weekly' không hợp lệ"),
    (["--year", "2019", "--format", "doc"], "Định dạng 'doc' không hợp lệ"),
    (["--year", "2019", "--date", "2019-13-45"], "không đúng dạng ngày/tháng/năm"),
    (["--year", "2019", "--settings", "khong-co.yaml"], "Không tìm thấy tệp thiết lập"),
    (["--year", "2019", "--template", "khong-co.docx"], "Không tìm thấy mẫu báo cáo"),
])
def test_bad_options_give_one_vietnamese_line(master, tmp_path, capsys, args, words):
    rc = main(["report", "--master", str(master), "--out", str(tmp_path), "--no-charts", *args])
    err = capsys.readouterr().err
    assert rc == 2 and words in " ".join(err.split()) and "Traceback" not in err


def test_bad_settings_file_is_named(master, tmp_path, capsys):
    bad = tmp_path / "sai.yaml"
    bad.write_text("nguoi_ky: A\n", encoding="utf-8")
    rc = main(["report", "--year", "2019", "--master", str(master), "--settings", str(bad), "--no-charts"])
    err = " ".join(capsys.readouterr().err.split())
    assert rc == 2 and "nguoi_ky" in err and "signer_name" in err
