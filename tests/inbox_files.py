"""A hostile inbox, built by code: good forms beside every kind of file an officer receives by e-mail.

``build(plan, folder)`` writes the files and returns {relative path: expected}: ``"form"`` for a form
that must be read and imported, ``"silent"`` for a file that is silently fine, ``"opened"`` for a zip
archive (its members follow as ``archive.zip/inner/path``), else the problem code the file (or
member) must be named with. Nothing here is a copied binary: each file is made by its own format's
rules (a PDF with its cross-reference table, a JPEG through Pillow, a package with content types).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

from templates.forms.sample import fill_form, sample_fill

YEAR = 2014
XLSB_MAIN = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"


def good_forms(plan, folder: Path, count: int = 2) -> list[Path]:
    """``count`` correct forms of different agencies (province level)."""
    unit = plan.province_unit.code
    out = []
    for agency in [a.code for a in plan.lead_agencies][:count]:
        fill = sample_fill(plan, YEAR, agency, unit)
        out.append(fill_form(folder / f"{YEAR}_{agency}_{unit}.xlsx", plan, YEAR, agency, unit, fill.inputs,
                             narratives=fill.narratives, report_date=dt.date(YEAR, 11, 3)))
    return out


def build(plan, folder: Path) -> dict[str, str]:
    folder = Path(folder)
    (folder / "phong-ke-hoach").mkdir(parents=True)
    first, second = good_forms(plan, folder, 2)
    nested = folder / "phong-ke-hoach" / second.name
    second.rename(nested)
    form_bytes = first.read_bytes()
    expected = {first.name: "form", f"phong-ke-hoach/{second.name}": "form"}

    def put(name: str, data: bytes, what: str) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = what

    put("2014_SYT.xlsb", xlsb_package(), "xlsb-workbook")
    put("doi-ten.xlsx", xlsb_package(), "xlsb-workbook")  # an .xlsb renamed .xlsx: judged by content
    put("bao-cao.pdf", tiny_pdf(), "not-a-spreadsheet")
    put("anh-chup.jpg", tiny_jpeg(), "not-a-spreadsheet")
    put("so-lieu.xlsx", "Mã chỉ tiêu,Giá trị\n1.1a,22\n".encode(), "not-a-spreadsheet")  # CSV named .xlsx
    put("trang-web.xls", excel_web_page(), "not-a-spreadsheet")  # Excel's "Save as web page", named .xls
    put("cong-van.docx", docx_package(), "not-a-spreadsheet")
    put(f"~${first.name}", owner_file("nguyenvana"), "excel-owner-file")
    put(f".~lock.{first.name}#", b"Nguyen Van A,may-tinh,nva,03.12.2026 08:00,file:///home/nva/.config;\n",
        "excel-owner-file")
    # zip archives: their members are read as if in the folder, named archive.zip/inner/path
    put("bieu-mau-nen.zip", zip_of({"gui-so/2014_SYT.xlsx": form_bytes, "gui-so/ghi-chu.txt": b"x"}),
        "opened")
    expected |= {"bieu-mau-nen.zip/gui-so/2014_SYT.xlsx": "form", "bieu-mau-nen.zip/gui-so/ghi-chu.txt":
                 "not-a-spreadsheet"}
    put("long-nhau.zip", zip_of({"trong.zip": zip_of({"2014_SYT.xlsx": form_bytes})}), "opened")
    expected["long-nhau.zip/trong.zip/2014_SYT.xlsx"] = "form"
    put("ba-tang.zip", zip_of({"a.zip": zip_of({"b.zip": zip_of({"2014_SYT.xlsx": form_bytes})})}), "opened")
    expected["ba-tang.zip/a.zip/b.zip"] = "archive-file"  # nested too deep: named, not opened
    put("vuot-thu-muc.zip", zip_of({"../../etc/2014_SYT.xlsx": form_bytes, "/tmp/tuyet-doi.xlsx": form_bytes,
                                    "ok/2014_SYT.xlsx": form_bytes}), "opened")
    expected |= {"vuot-thu-muc.zip/../../etc/2014_SYT.xlsx": "unsafe-archive-member",
                 "vuot-thu-muc.zip/tmp/tuyet-doi.xlsx": "unsafe-archive-member",
                 "vuot-thu-muc.zip/ok/2014_SYT.xlsx": "form"}
    put("bom.zip", zip_of({"bieu.xlsx": bytes(11 * 1024 * 1024)}), "zip-bomb")  # refused whole, nothing unpacked
    put("bom-goi.xlsx", zip_bomb(), "zip-bomb")  # a package: refused by the reader
    put("nen.rar", b"Rar!\x1a\x07\x00" + bytes(40), "archive-file")
    put("mo-rong-sai.xls", form_bytes, "form")  # an .xlsx named .xls: read, with a warning naming both
    for name in (".DS_Store", "Thumbs.db", "phong-ke-hoach/desktop.ini"):
        put(name, b"\x00\x00\x00\x01Bud1", "silent")
    put(f"luu-tru/{hashlib.sha256(form_bytes).hexdigest()}.xlsx", form_bytes, "silent")  # bdg's archive copy
    put("sao-luu/so-tong-hop.20260101-080000-000000.xlsx", b"PK\x03\x04", "silent")  # bdg's backup
    put(".so-tong-hop.xlsx.bdg-lock", b"", "silent")
    put("luu-tru/cua-can-bo.xlsx", b"%PDF-1.4\n", "not-a-spreadsheet")  # a clerk's file in bdg's folder: named
    return expected


# --- the files ------------------------------------------------------------------------------------
def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2014, 11, 3, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def xlsb_package() -> bytes:
    """The parts of an Excel Binary Workbook: content types naming ``xl/workbook.bin`` as the binary
    workbook, the package relationship to it, a BIFF12 record stream as the part."""
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             f'<Override PartName="/xl/workbook.bin" ContentType="{XLSB_MAIN}"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="xl/workbook.bin" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument"/></Relationships>')
    begin_book, end_book = b"\x83\x01\x00", b"\x84\x01\x00"  # BrtBeginBook, BrtEndBook (BIFF12 records)
    return zip_of({"[Content_Types].xml": types.encode(), "_rels/.rels": rels.encode(),
                   "xl/workbook.bin": begin_book + end_book})


def docx_package() -> bytes:
    return zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def tiny_pdf() -> bytes:
    """A valid one-page PDF: objects, a cross-reference table with their offsets, a trailer."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    with Image.new("RGB", (8, 8), (200, 30, 30)) as image:
        image.save(buf, "JPEG")
    return buf.getvalue()


def excel_web_page() -> bytes:
    return ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head>'
            '<body><table><tr><td>Mã chỉ tiêu</td><td>1.1a</td></tr></table></body></html>').encode()


def owner_file(user: str) -> bytes:
    """Excel's owner file (165 bytes): the user's name as a byte string, then as UTF-16, padded."""
    name = user.encode("ascii")
    wide = user.encode("utf-16-le")
    padded = wide + " ".encode("utf-16-le") * ((108 - len(wide)) // 2)
    return (bytes([len(name)]) + name.ljust(53, b" ") + bytes([len(user), 0]) + padded)[:165]


def zip_bomb() -> bytes:
    """11 MB of zeros in a few KB: far above the compression ratio a form can have."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", bytes(11 * 1024 * 1024))
    return buf.getvalue()
