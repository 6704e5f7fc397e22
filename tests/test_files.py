"""The one atomic-replace helper (bdg.files) and the one sheet → part lookup (bdg.ooxml)."""

from __future__ import annotations

import os
import re
import stat
import zipfile

import openpyxl
import pytest
from defusedxml import EntitiesForbidden

from bdg import files
from bdg.files import FileInUseError, replacing, temp_name_pattern
from bdg.ooxml import sheet_parts
from report_builder.render_html import render_html


def _leftovers(folder, target):
    return sorted(p.name for p in folder.glob(temp_name_pattern(target)))


def test_replacing_writes_new_content_and_keeps_permissions(tmp_path):
    target = tmp_path / "bao-cao.html"
    target.write_text("cũ", encoding="utf-8")
    os.chmod(target, 0o640)
    with replacing(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_text("mới", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "mới"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path, target) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "so.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(ValueError):
        with replacing(target) as tmp:
            tmp.write_bytes(b"half")
            raise ValueError("writer failed")
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path, target) == []


def test_a_target_open_elsewhere_is_a_clear_message(tmp_path, monkeypatch):
    """On Windows, replacing a file open in Word or Excel raises PermissionError."""
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Access is denied", str(src), None, str(dst))

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(FileInUseError) as err:
        with replacing(target) as tmp:
            tmp.write_bytes(b"new")
    assert isinstance(err.value, PermissionError) and err.value.filename == str(target)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path, target) == []


def test_render_html_leaves_no_temporary_when_it_cannot_replace(tmp_path, monkeypatch):
    template = tmp_path / "mau" / "bao-cao.html"
    template.parent.mkdir()
    template.write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    out = tmp_path / "ra" / "bao-cao.html"
    assert render_html({"title": "Báo cáo"}, out, template).read_text(encoding="utf-8") == "<h1>Báo cáo</h1>"

    def refuse(src, dst):
        raise PermissionError(13, "Access is denied", str(src), None, str(dst))

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(FileInUseError):
        render_html({"title": "Lần hai"}, out, template)
    assert [p.name for p in out.parent.iterdir()] == ["bao-cao.html"]
    assert out.read_text(encoding="utf-8") == "<h1>Báo cáo</h1>"


# --- sheet name → package part --------------------------------------------------------------------
def _book(path):
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    wb.create_sheet("Số liệu & <ghi chú>")
    wb.create_sheet("Nhật ký")
    wb.save(path)
    return path


def _rewrite(path, part, edit):
    with zipfile.ZipFile(path) as src:
        items = [(i, src.read(i.filename)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            dst.writestr(info, edit(data) if info.filename == part else data)


def test_sheet_parts_of_a_workbook_openpyxl_wrote(tmp_path):
    with zipfile.ZipFile(_book(tmp_path / "a.xlsx")) as z:
        parts = sheet_parts(z)
        assert parts == {"Hướng dẫn": "xl/worksheets/sheet1.xml", "Số liệu & <ghi chú>": "xl/worksheets/sheet2.xml",
                         "Nhật ký": "xl/worksheets/sheet3.xml"}
        assert all(p in z.namelist() for p in parts.values())


def test_sheet_parts_does_not_depend_on_attribute_order_or_prefix(tmp_path):
    """Other writers put r:id before name, use another prefix and absolute targets."""
    path = _book(tmp_path / "b.xlsx")
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()

    def reorder(data):
        text = data.decode()
        return re.sub(r'<sheet xmlns:r="([^"]*)" name="([^"]*)" sheetId="(\d+)" state="visible" r:id="([^"]*)"/>',
                      r'<sheet rel:id="\4" sheetId="\3" xmlns:rel="\1" name="\2"/>', text).encode()

    def absolute(data):
        return data.replace(b'Target="worksheets/', b'Target="/xl/worksheets/')

    assert 'r:id="' in book
    _rewrite(path, "xl/workbook.xml", reorder)
    _rewrite(path, "xl/_rels/workbook.xml.rels", absolute)
    with zipfile.ZipFile(path) as z:
        assert b'<sheet rel:id="rId2" sheetId="2" xmlns:rel=' in z.read("xl/workbook.xml")
        assert sheet_parts(z)["Nhật ký"] == "xl/worksheets/sheet3.xml"
        assert sheet_parts(z)["Số liệu & <ghi chú>"] == "xl/worksheets/sheet2.xml"


def test_sheet_parts_refuses_entity_expansion(tmp_path):
    path = _book(tmp_path / "c.xlsx")

    def bomb(data):
        head = b'<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        return head + data.replace(b'name="Nh', b'name="&b;Nh', 1)

    _rewrite(path, "xl/workbook.xml", bomb)
    with zipfile.ZipFile(path) as z, pytest.raises(EntitiesForbidden):
        sheet_parts(z)
