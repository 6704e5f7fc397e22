"""Checks an Office file must pass before Excel or Word will open it without complaint.

:func:`package_findings` reads the zip container and the Open Packaging Conventions parts
itself: every local header agrees with its central directory entry (names, method, CRC, sizes,
ZIP64 extra fields — present only where an entry needs them), [Content_Types].xml gives every
part a type, and every internal relationship points at a part that exists.
:func:`audit_findings` runs openxml-audit (the Open XML SDK's schema and semantic rules);
:func:`audit_all` does it for many files in one run.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

from defusedxml import ElementTree

LOCAL_SIG = b"PK\x03\x04"
ZIP64_TAG = 0x0001
ZIP32_MAX = 0xFFFFFFFF
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# openpyxl writes <font> children in an order the ISO schema allows (xsd:choice) but the SDK's
# schema (a sequence) does not: schema-version noise, the one rule filtered out.
FONT_ORDER = re.compile(r"/(?:\w+:)?font(?:\[\d+\])?$")


def package_findings(path: Path) -> list[str]:
    """Every problem of the zip container and of the package's content types and relationships."""
    data = Path(path).read_bytes()
    out: list[str] = []
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        for info in infos:
            out += [f"{info.filename}: {m}" for m in _header_findings(data, info)]
        names = {i.filename for i in infos if not i.is_dir()}
        out += _content_type_findings(z, names)
        out += _relationship_findings(z, names)
        if "word/settings.xml" in names:
            out += _compatibility_findings(z.read("word/settings.xml"))
    return out


def _compatibility_findings(settings: bytes) -> list[str]:
    """Word opens a document whose compatibilityMode is below 15 in "[Compatibility Mode]"."""
    m = re.search(rb'w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings)
    if m is None or int(m.group(1)) < 15:
        return [f"word/settings.xml: compatibilityMode {m.group(1).decode() if m else 'missing'} "
                "(Word shows [Compatibility Mode]; 15 is current)"]
    return []


def _extras(raw: bytes) -> dict[int, bytes]:
    out, i = {}, 0
    while i + 4 <= len(raw):
        tag, size = struct.unpack("<HH", raw[i:i + 4])
        out[tag] = raw[i + 4:i + 4 + size]
        i += 4 + size
    return out


def _header_findings(data: bytes, info: zipfile.ZipInfo) -> list[str]:
    at = info.header_offset
    if data[at:at + 4] != LOCAL_SIG:
        return ["no local header at the central directory's offset"]
    (_, _, flags, method, _, _, crc, csize, usize, nlen, xlen) = struct.unpack("<4sHHHHHIIIHH", data[at:at + 30])
    name = data[at + 30:at + 30 + nlen]
    local_extra = _extras(data[at + 30 + nlen:at + 30 + nlen + xlen])
    central_extra = _extras(info.extra)
    out = []
    if name.decode("utf-8" if flags & 0x800 else "cp437") != info.filename:
        out.append("local header names another file")
    if method != info.compress_type:
        out.append(f"compression method {method} in the local header, {info.compress_type} in the central directory")
    if (ZIP64_TAG in local_extra) != (ZIP64_TAG in central_extra):
        where = "local header" if ZIP64_TAG in local_extra else "central directory"
        out.append(f"ZIP64 extra field only in the {where}")
    needs64 = max(info.file_size, info.compress_size, info.header_offset) >= ZIP32_MAX
    if not needs64 and (ZIP64_TAG in local_extra or ZIP64_TAG in central_extra):
        out.append("ZIP64 extra field on an entry that does not need it")
    if flags & 0x08:  # sizes follow the data in a descriptor
        if (crc, csize, usize) != (0, 0, 0) and (crc, csize, usize) != (info.CRC, info.compress_size, info.file_size):
            out.append("local header's CRC or sizes differ from the central directory")
    elif ZIP64_TAG not in local_extra and (crc, csize, usize) != (info.CRC, info.compress_size, info.file_size):
        out.append(f"local header says CRC {crc:08x}, sizes {csize}/{usize}; central directory "
                   f"{info.CRC:08x}, {info.compress_size}/{info.file_size}")
    elif ZIP64_TAG in local_extra:
        big = struct.unpack("<QQ", local_extra[ZIP64_TAG][:16]) if len(local_extra[ZIP64_TAG]) >= 16 else None
        if big != (info.file_size, info.compress_size):
            out.append("local ZIP64 sizes differ from the central directory")
    return out


def _content_type_findings(z: zipfile.ZipFile, names: set[str]) -> list[str]:
    if "[Content_Types].xml" not in names:
        return ["[Content_Types].xml is missing"]
    root = ElementTree.fromstring(z.read("[Content_Types].xml"))
    defaults = {e.get("Extension", "").lower() for e in root.iter(f"{CT}Default")}
    overrides = {e.get("PartName", "").lstrip("/").lower() for e in root.iter(f"{CT}Override")}
    out = []
    for name in sorted(names - {"[Content_Types].xml"}):
        ext = posixpath.basename(name).rpartition(".")[2].lower()
        if name.lower() not in overrides and ext not in defaults:
            out.append(f"{name}: no content type in [Content_Types].xml")
    lowered = {n.lower() for n in names}
    out += [f"[Content_Types].xml names a missing part /{p}" for p in sorted(overrides - lowered)]
    return out


def _relationship_findings(z: zipfile.ZipFile, names: set[str]) -> list[str]:
    out = []
    for rels in sorted(n for n in names if n.endswith(".rels")):
        folder, file = posixpath.split(rels)
        source_dir = posixpath.dirname(folder)  # "xl/_rels/workbook.xml.rels" → "xl"
        root = ElementTree.fromstring(z.read(rels))
        if file != ".rels" and posixpath.join(source_dir, file[:-5]) not in names:
            out.append(f"{rels}: relationships of a missing part")
        for rel in root.iter(f"{RELS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "").split("#")[0]
            if not target:
                continue
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(source_dir, target))
            if part not in names:
                out.append(f"{rels}: {rel.get('Id')} points at missing part {part}")
    return out


def audit_findings(path: Path) -> list[str]:
    """openxml-audit's findings for ``path`` (errors and warnings), without two that are not defects:

    * the schema-version rule on child order inside ``<font>`` (see FONT_ORDER);
    * the app-compatibility warning that a sheet holds inline strings: Excel moves them into a
      shared-strings table the next time it saves the file (a silent rewrite, not a repair).
      openpyxl writes every string inline and so does the master's fast table writer.
    """
    return _kept(_errors(_run(path)))


def audit_all(files: dict[str, Path], folder: Path) -> dict[str, list[str]]:
    """:func:`audit_findings` of every file in one openxml-audit run (one start-up, not one per file).

    Each file is copied into ``folder`` (new or empty) as ``KEY.EXT`` and the folder audited as a
    whole; a file the run does not report on gets a finding saying so.
    """
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for key, path in files.items():
        copy = folder / f"{key}{Path(path).suffix}"
        shutil.copyfile(path, copy)
        names[copy.name] = key
    report = _run(folder, "--recursive")
    if isinstance(report, dict) and "file" not in report:  # the run itself failed
        return {key: _kept(_errors(report)) for key in files}
    found = {Path(r.get("file", "")).name: _errors(r) for r in (report if isinstance(report, list) else [report])}
    missing = [{"severity": "error", "description": "openxml-audit did not report on this file"}]
    return {key: _kept(found.get(name, missing)) for name, key in names.items()}


def _kept(errors: list[dict]) -> list[str]:
    return [_describe(e) for e in errors if not _font_order(e) and not _inline_strings(e)]


def _inline_strings(error: dict) -> bool:
    return (error.get("severity") == "warning" and error.get("type") == "semantic"
            and "inline-string cell(s)" in str(error.get("description", "")))


def _run(target: Path, *options: str) -> list | dict:
    """openxml-audit's JSON report on ``target``, or one error entry when it gives none."""
    proc = subprocess.run([str(Path(sys.executable).parent / "openxml-audit"), str(target), *options, "-o", "json"],
                          capture_output=True, text=True, timeout=900)
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {"errors": [{"severity": "error", "description": f"openxml-audit failed (exit {proc.returncode}): "
                                                                f"{proc.stderr.strip()[-500:]}"}]}


def _errors(report) -> list[dict]:
    if isinstance(report, list):
        return [e for r in report for e in _errors(r)]
    return list(report.get("errors", []))


FONT_CHILDREN = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color",
                 "name", "family", "charset", "scheme")


def _font_order(error: dict) -> bool:
    """True for the SDK's child-order complaint inside a styles part's <font> (see FONT_ORDER)."""
    return (error.get("type") == "schema" and str(error.get("part_uri", "")).endswith("/styles.xml")
            and bool(FONT_ORDER.search(str(error.get("path", ""))))
            and re.fullmatch(r"Unexpected element '(\w+)' found", str(error.get("description", ""))) is not None
            and re.fullmatch(r"Unexpected element '(\w+)' found",
                             str(error.get("description", ""))).group(1) in FONT_CHILDREN)


def _describe(error: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in error.items() if v not in (None, "", [], {}))
