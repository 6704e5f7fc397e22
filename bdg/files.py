"""Replacing a file atomically: write a temporary file beside it, flush it to disk, then rename.

The one implementation behind every file bdg writes in place (the master, archived forms,
reports): a reader sees either the old file or the new one, never half of one, and a failed
write leaves neither a broken target nor a stray temporary file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ARCHIVE_DIR = "luu-tru"  # beside the master: every received file, named by its SHA-256
BACKUP_DIR = "sao-luu"  # beside the master: its previous versions, ``<name>.<timestamp>.xlsx``
LOCK_SUFFIX = ".bdg-lock"  # ``.<master name>.bdg-lock``: the master's run lock
INDEX_SUFFIX = ".bdg-index"  # ``.<master name>.bdg-index``: what the last consolidation wrote (workbook.write_index)


class FileInUseError(PermissionError):
    """The target (or its folder) cannot be written: open in another program, or no permission.
    A PermissionError naming the target, so the one error boundary translates it like any other."""


def printable_name(name: str) -> str:
    """A file name as text that can be shown and stored: bytes of a name that are not UTF-8 (a file
    copied from an old system or unpacked with another code page; Python keeps them as lone
    surrogates) become U+FFFD, as a file manager shows them. The file itself keeps its real name."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in name)


def temp_name_pattern(target: Path) -> str:
    """The glob that matches the temporary files :func:`replacing` makes for ``target``."""
    target = Path(target)
    return f".{target.stem}.*{target.suffix}.tmp"


@contextmanager
def replacing(target: Path, *, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block ends without error, replace ``target``.

    The block writes the new content to the yielded path. On success the file gets the target's
    permissions (or the default ones for a new file), is fsynced (with its folder) when
    ``durable``, and renamed over ``target``. On any error the temporary file is removed and the
    error propagates; a :class:`PermissionError` (on Windows: the target is open in Excel or
    Word) becomes a :class:`FileInUseError` (a PermissionError) naming the target, not the temp.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f"{target.suffix}.tmp", dir=folder)
        os.close(fd)
        tmp = Path(name)
        yield tmp
        os.chmod(tmp, (target.stat().st_mode & 0o777) if target.exists() else 0o666 & ~_umask())
        if durable:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, target)
        tmp = None
        if durable:
            _fsync_dir(folder)
    except PermissionError as exc:  # the error boundary says "open in Excel?": name the target, not the temp
        raise FileInUseError(exc.errno, exc.strerror, str(target)) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
