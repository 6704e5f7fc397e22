"""Where a worksheet lives inside an .xlsx/.xlsm package (plain zip and XML, parsed with defusedxml).

Both the master writer (:mod:`workbook.package`) and the intake (:mod:`templates.intake.container`)
need the part of a sheet by its tab name. It is package structure, not spreadsheet semantics:
two small XML files inside a zip, read with the standard library and defusedxml (which refuses
entity expansion and external references in files that come from outside). So it lives in the
lowest layer, which both can import and which stays free of spreadsheet libraries.
"""

from __future__ import annotations

import posixpath
import zipfile

from defusedxml import ElementTree

_OFFICE_DOCUMENT = "/officeDocument"  # the end of the main part's relationship type (transitional or strict)


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part name inside the package (``xl/worksheets/sheet3.xml``).

    Attribute order, namespace prefixes and the Strict namespaces do not matter. Raises
    ``KeyError`` (a part is missing) or an XML parse error for a damaged package.
    """
    book = _main_part(archive)
    targets = _relationships(archive, book)
    out = {}
    for el in ElementTree.fromstring(archive.read(book)).iter():
        if _local(el.tag) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id" and k.startswith("{")), None)
        name = el.attrib.get("name")
        if name is not None and rid in targets:
            out[name] = targets[rid]
    return out


def _main_part(archive: zipfile.ZipFile) -> str:
    """The workbook part named by the package's root relationships (``xl/workbook.xml`` as a rule)."""
    try:
        root = _relationships(archive, "", types=(_OFFICE_DOCUMENT,))
    except KeyError:
        return "xl/workbook.xml"
    return next(iter(root.values()), "xl/workbook.xml")


def _relationships(archive: zipfile.ZipFile, part: str, types: tuple[str, ...] = ()) -> dict[str, str]:
    """Relationship id → target part name (resolved against ``part``'s folder); internal targets only."""
    folder, name = posixpath.split(part)
    rels = ElementTree.fromstring(archive.read(posixpath.join(folder, "_rels", f"{name}.rels")))
    out = {}
    for el in rels.iter():
        if _local(el.tag) != "Relationship" or el.attrib.get("TargetMode") == "External":
            continue
        if types and not el.attrib.get("Type", "").endswith(types):
            continue
        target = el.attrib.get("Target", "")
        out[el.attrib.get("Id")] = (target.lstrip("/") if target.startswith("/")
                                    else posixpath.normpath(posixpath.join(folder, target)))
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
