"""What is in an inbox: every file under the folders given, each either to be read or silently fine.

Nothing else is left out: every other file, whatever its name or extension, is read and judged by
its content (:mod:`templates.intake.container`), so a PDF, a picture, an Excel Binary Workbook or a
zip archive is named in the result with what to do, never dropped without a word.

Silently fine (documented in docs/forms-and-intake.md), and only these:

* the operating systems' folder files ``.DS_Store``, ``Thumbs.db``, ``desktop.ini``;
* bdg's own files when the master sits in the inbox: the files bdg names in its archive folder
  ``luu-tru/`` (``<SHA-256>.<ext>``) and backup folder ``sao-luu/`` (``<name>.<timestamp>.xlsx``),
  the master's run lock ``.<name>.bdg-lock`` and write index ``.<name>.bdg-index``, and the files the caller names as its own (the master)
  with the temporary files bdg writes beside them (``.<stem>.*.xlsx.tmp``).
  A clerk's file put in one of those folders is not bdg's: it is read like any other.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bdg.files import ARCHIVE_DIR, BACKUP_DIR, INDEX_SUFFIX, LOCK_SUFFIX, temp_name_pattern

SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
OWNER_PREFIXES = ("~$", ".~lock.")  # Excel's owner file of an open workbook; LibreOffice's lock file
_ARCHIVED = re.compile(r"[0-9a-f]{64}(\.[0-9a-z]+)?")
_BACKUP = re.compile(r".+\.\d{8}-\d{6}-\d{6}\.xlsx")
# the master's run lock, its write index and the index's temporary file while it is written
_OWN_SUFFIXES = (LOCK_SUFFIX, INDEX_SUFFIX, INDEX_SUFFIX + ".tmp")


@dataclass
class Inbox:
    """The files to read (in order, once each) and the silently fine ones (never read, never shown)."""

    files: list[Path] = field(default_factory=list)
    silent: list[Path] = field(default_factory=list)


def walk(paths: Iterable[Path | str], *, own: Iterable[Path | str] = ()) -> Inbox:
    """Every file under ``paths`` (folders searched recursively, files named directly kept whatever
    their name), sorted per folder given; ``own``: files of the caller's that are silently fine."""
    own = [Path(p) for p in own]
    mine = {_key(p) for p in own}
    temps = [temp_name_pattern(p) for p in own]  # what a killed run of bdg may leave beside its master
    inbox, seen = Inbox(), set()
    for p in map(Path, paths):
        found = sorted(_files_under(p)) if p.is_dir() else [p]
        for f in found:
            if f in seen:
                continue
            seen.add(f)
            fine = _key(f) in mine or is_silently_fine(f) or any(fnmatch.fnmatchcase(f.name, t) for t in temps)
            (inbox.silent if fine else inbox.files).append(f)
    return inbox


def is_silently_fine(path: Path) -> bool:
    """A file no one sent: the system's folder files and bdg's own (archive, backups, run lock, index)."""
    name = path.name
    if name.lower() in SYSTEM_FILES or (name.startswith(".") and name.endswith(_OWN_SUFFIXES)):
        return True
    folder = path.parent.name
    return (folder == ARCHIVE_DIR and _ARCHIVED.fullmatch(name) is not None) or \
        (folder == BACKUP_DIR and _BACKUP.fullmatch(name) is not None)


def is_owner_file(path: Path | str) -> bool:
    """Excel's ``~$name.xlsx`` or LibreOffice's ``.~lock.name#``: written while a form is open."""
    return Path(path).name.startswith(OWNER_PREFIXES)


def owned_form(path: Path | str) -> str:
    """The name of the form an owner file belongs to (as the owner file spells it)."""
    name = Path(path).name
    if name.startswith(".~lock."):
        return name[len(".~lock."):].rstrip("#")
    return name[2:]


def shown_name(path: Path | str) -> str:
    """A file's name as results show it: its own name, or for a member of a zip archive the path from
    the archive on (``hop-thu.zip/so-y-te/2016_SYT.xlsx``)."""
    parts = Path(path).parts
    for i, part in enumerate(parts[:-1]):
        if part.lower().endswith(".zip") and not Path(*parts[:i + 1]).is_dir():
            return "/".join(parts[i:])
    return parts[-1] if parts else str(path)


def _files_under(folder: Path) -> list[Path]:
    """Every file below ``folder``; a link to a folder, or a folder that cannot be listed, is listed
    itself (and reported when read), never followed or dropped."""
    out: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=lambda exc: out.append(Path(exc.filename))):
        base = Path(root)
        out += [base / d for d in dirs if (base / d).is_symlink()]
        out += [base / f for f in files]
    return out


def _key(path: Path) -> str:
    try:
        return os.path.normcase(str(path.resolve()))
    except OSError:
        return os.path.normcase(str(path.absolute()))
