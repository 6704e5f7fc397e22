"""`bdg addin build`: the .xlam/.xlsm built on Linux from the VBA and ribbon sources in the repo."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from addin import build as B
from addin import control
from addin.ovba_compress import compress
from cli import main

# oletools' parser grammar uses deprecated pyparsing names; it is imported inside the tests.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def decompress_stream(data):
    from oletools.olevba import decompress_stream as decompress

    return decompress(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("addin-excel")
    assert main(["addin", "build", "--out", str(out), "--python", r"C:\Python311\pythonw.exe"]) == 0
    return {p.suffix: p for p in out.iterdir() if p.is_file()}


def _code_lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").split("\n")
    return [line for line in lines if not line.startswith("Attribute VB_")]


def test_both_files_are_written(built):
    assert set(built) == {".xlam", ".xlsm"}
    assert built[".xlam"].name == B.ADDIN_NAME and built[".xlsm"].name == B.WORKBOOK_NAME
    # the modules as .bas files too, for importing by hand should Excel refuse the built project
    sources = built[".xlam"].parent / "vba"
    assert sorted(p.name for p in sources.iterdir()) == sorted(f"{m.name}.bas" for m in B.vba_modules())


@pytest.mark.parametrize("suffix, main_type", [(".xlam", B.XLAM_TYPE), (".xlsm", B.XLSM_TYPE)])
def test_package_has_ribbon_vba_and_the_right_content_type(built, suffix, main_type):
    with zipfile.ZipFile(built[suffix]) as z:
        names = set(z.namelist())
        assert {"customUI/customUI.xml", "xl/vbaProject.bin"} <= names
        rels = z.read("_rels/.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        ribbon = z.read("customUI/customUI.xml").decode("utf-8")
    assert B.RIBBON_REL_TYPE in rels and 'Target="customUI/customUI.xml"' in rels
    assert main_type in types
    assert 'label="Bình đẳng giới"' in ribbon
    for label in ("Kiểm tra biểu mẫu", "Tổng hợp", "Tính mức đạt", "Xuất báo cáo", "Tạo biểu mẫu"):
        assert f'label="{label}"' in ribbon


def test_every_ribbon_callback_is_a_sub_of_the_vba_project(built):
    import re

    with zipfile.ZipFile(built[".xlam"]) as z:
        ribbon = z.read("customUI/customUI.xml").decode("utf-8")
    callbacks = set(re.findall(r'onAction="([A-Za-z]+)"', ribbon))
    code = "\n".join(m.code for m in B.vba_modules())
    assert callbacks and all(f"Public Sub {c}(control As Object)" in code for c in callbacks)
    # each plain macro runs the Python macro of the same purpose
    for py in ("check_form", "consolidate", "attainment", "report", "make_forms"):
        assert f'RunBdg "{py}"' in code


@pytest.mark.parametrize("suffix", [".xlam", ".xlsm"])
def test_vba_project_decodes_back_to_the_sources(built, suffix):
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(built[suffix]))
    try:
        decoded = {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()
    modules = B.vba_modules()
    assert [m.name for m in modules] == ["xlwings", "BdgMacros"]
    for m in modules:
        assert _code_lines(decoded[m.name]) == _code_lines(m.code)
    # the RunPython module reads its settings from the bdg.conf sheet, not xlwings.conf
    assert 'PROJECT_NAME As String = "bdg"' in decoded["xlwings"]
    sheets = ["ThisWorkbook", "Sheet1"] + (["Sheet2"] if suffix == ".xlsm" else [])
    assert all(s in decoded for s in sheets)


def test_conf_sheet_holds_only_keys_with_values():
    assert B.conf_rows(None) == [("UDF MODULES", "addin.functions")]
    assert B.conf_rows(r"C:\Py\pythonw.exe")[0] == ("INTERPRETER_WIN", r"C:\Py\pythonw.exe")
    assert B.conf_rows("/usr/local/bin/python3")[0] == ("INTERPRETER_MAC", "/usr/local/bin/python3")


def test_control_workbook_lists_every_setting(built):
    wb = CalamineWorkbook.from_path(str(built[".xlsm"]))
    assert wb.sheet_names == [control.SHEET, B.CONF_SHEET]
    rows = wb.get_sheet_by_name(control.SHEET).to_python()
    labels = [r[0] for r in rows if r]
    assert all(s.label in labels for s in control.SETTINGS)
    conf = wb.get_sheet_by_name(B.CONF_SHEET).to_python()
    assert conf[0][:2] == ["INTERPRETER_WIN", r"C:\Python311\pythonw.exe"]


@pytest.mark.office
def test_libreoffice_opens_both_files_with_their_macros(built, soffice, tmp_path):
    sources = [tmp_path / "addin.xlam", tmp_path / "control.xlsm"]
    sources[0].write_bytes(built[".xlam"].read_bytes())
    sources[1].write_bytes(built[".xlsm"].read_bytes())
    outputs = soffice.convert(sources, "ods", tmp_path / "ods", infilter="Calc MS Excel 2007 VBA XML")
    for ods in outputs:
        with zipfile.ZipFile(ods) as z:
            basic = z.read("Basic/VBAProject/BdgMacros.xml").decode("utf-8")
            assert "RunPython" in basic and "Sub OnBdgCheckForm" in basic
            assert "Basic/VBAProject/xlwings.xml" in z.namelist()
        conf = CalamineWorkbook.from_path(str(ods)).get_sheet_by_name(B.CONF_SHEET).to_python()
        assert ["UDF MODULES", "addin.functions"] in [r[:2] for r in conf]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=9000) | st.text(alphabet="Sub End()\r\n 'ab1=", max_size=20000).map(str.encode))
def test_vba_compression_round_trips_through_an_independent_decompressor(data):
    try:
        packed = compress(data)
    except ValueError:  # an incompressible final chunk: refused, never silently wrong
        return
    assert decompress_stream(bytearray(packed)) == data


def test_vba_compression_compresses_source_code():
    text = "".join(m.code for m in B.vba_modules()).encode("ascii")
    packed = compress(text)
    assert len(packed) < len(text) * 0.6
    assert decompress_stream(bytearray(packed)) == text
