"""Where a worksheet lives inside an .xlsx/.xlsm package (plain zip and XML).

Both the master writer (:mod:`workbook.package`) and the intake (:mod:`templates.intake.container`)
need the part of a sheet by its tab name. It is package structure, not spreadsheet semantics:
two small XML files inside a zip, read with the standard library. So it lives in the lowest layer,
which both can import and which stays free of spreadsheet libraries.

The files come from outside, so they are parsed as defusedxml parses them (entity declarations and
external references refused with defusedxml's own exceptions), but straight on expat: only the start
tags are looked at and no element tree is built, which makes the lookup several times cheaper than
``defusedxml.ElementTree`` — it runs once for every form read. Relationship parts are boilerplate
(every file one program writes has the same bytes there): each distinct one is parsed once.
"""

from __future__ import annotations

import functools
import posixpath
import zipfile
from xml.parsers import expat

from defusedxml import EntitiesForbidden, ExternalReferenceForbidden

_OFFICE_DOCUMENT = "/officeDocument"  # the end of the main part's relationship type (transitional or strict)
Tags = list[tuple[str, dict[str, str]]]  # (local tag name, {attribute name: value}) in document order


def sheet_parts(archive: zipfile.ZipFile, book: str | None = None) -> dict[str, str]:
    """Sheet name → its part name inside the package (``xl/worksheets/sheet3.xml``), for the workbook
    part ``book`` (default: the one the package's root relationships name).

    Attribute order, namespace prefixes and the Strict namespaces do not matter. Raises
    ``KeyError`` (a part is missing), an XML parse error for a damaged package, or defusedxml's
    ``EntitiesForbidden``/``ExternalReferenceForbidden`` for a hostile one.
    """
    book = book or _main_part(archive)
    targets = _relationships(archive, book)
    out = {}
    for _, attrs in start_tags(archive.read(book), "sheet"):
        rid = next((v for k, v in attrs.items() if k.startswith("{") and _local(k) == "id"), None)
        name = attrs.get("name")
        if name is not None and rid in targets:
            out[name] = targets[rid]
    return out


def start_tags(xml: bytes, local_name: str) -> Tags:
    """The elements of one local name, with their attributes (namespaced ones as ``{uri}name``), defused."""
    found: Tags = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.endswith(local_name) and _local(tag) == local_name:
            found.append((local_name, _clark(attrs)))

    parser = _defused_parser()
    parser.StartElementHandler = start
    parser.Parse(xml, True)
    return found


def defined_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """The workbook-level defined names (not those of one sheet) → their text, as written in the
    workbook part (a constant keeps its quotes: ``"2"``)."""
    names: dict[str, str] = {}
    current: list = []  # [name, text pieces] while inside a workbook-level <definedName>

    def start(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "definedName" and "localSheetId" not in attrs and "name" in attrs:
            current[:] = [attrs["name"], []]

    def text(data: str) -> None:
        if current:
            current[1].append(data)

    def end(tag: str) -> None:
        if current and _local(tag) == "definedName":
            names.setdefault(current[0], "".join(current[1]))
            current.clear()

    parser = _defused_parser()
    parser.StartElementHandler, parser.CharacterDataHandler, parser.EndElementHandler = start, text, end
    parser.Parse(archive.read(_main_part(archive)), True)
    return names


def _defused_parser():
    """An expat parser (namespaces as ``uri}name``) that refuses what defusedxml refuses."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.EntityDeclHandler = _entity_declared
    parser.UnparsedEntityDeclHandler = _unparsed_entity_declared
    parser.ExternalEntityRefHandler = _external_reference
    return parser


def _clark(attrs: dict[str, str]) -> dict[str, str]:
    """expat names a namespaced attribute ``uri}name``; ElementTree's ``{uri}name`` is kept."""
    if not any("}" in k for k in attrs):
        return attrs
    return {("{" + k if "}" in k else k): v for k, v in attrs.items()}


def _entity_declared(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)


def _unparsed_entity_declared(name, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)


def _external_reference(context, base, sysid, pubid):
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def workbook_parts(archive: zipfile.ZipFile) -> list[str]:
    """Every workbook part a reader may take: ``xl/workbook.xml`` (python-calamine 0.9 reads it
    whatever the package says) and the part the root relationships name (Excel, newer calamine),
    once when they are the same. A file from outside is bounded by both."""
    names = set(archive.namelist())
    return list(dict.fromkeys(p for p in ("xl/workbook.xml", _main_part(archive)) if p in names))


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
    return dict(_parsed_relationships(archive.read(posixpath.join(folder, "_rels", f"{name}.rels")), folder, types))


@functools.lru_cache(maxsize=256)  # relationship parts are boilerplate: the same bytes in every file of one writer
def _parsed_relationships(xml: bytes, folder: str, types: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    out = {}
    for _, attrs in start_tags(xml, "Relationship"):
        if attrs.get("TargetMode") == "External":
            continue
        if types and not attrs.get("Type", "").endswith(types):
            continue
        target = attrs.get("Target", "")
        out[attrs.get("Id")] = (target.lstrip("/") if target.startswith("/")
                                else posixpath.normpath(posixpath.join(folder, target)))
    return tuple(out.items())


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
