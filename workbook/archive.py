"""Received files kept beside the master, named by their SHA-256, and the master's run lock."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from workbook.storage import MasterBusyError

ARCHIVE_DIR = "luu-tru"
STALE_TEMP_SECONDS = 600


def archive_folder(master: Path) -> Path:
    return Path(master).parent / ARCHIVE_DIR


def archive_path(master: Path, sha256: str, source: Path) -> Path:
    """``luu-tru/<sha256><suffix>`` beside the master (suffix as received, lower case)."""
    return archive_folder(master) / f"{sha256}{Path(source).suffix.lower()}"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def archive(master: Path, source: Path, sha256: str) -> Path | None:
    """Copy ``source`` into the archive unless a copy is there already; return the archive path.

    The copy goes through a temporary name and a rename, so a crash never leaves a partial
    file under the final name. Returns None when the source is gone (nothing to keep).
    """
    source = Path(source)
    target = archive_path(master, sha256, source)
    if target.exists():
        return target
    if not source.is_file():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


# --- one consolidation at a time ----------------------------------------------------------------
def lock_path(master: Path) -> Path:
    master = Path(master)
    return master.with_name(f".{master.name}.bdg-lock")


@contextmanager
def master_lock(master: Path):
    """Hold an exclusive lock beside the master for a whole run (released even on a crash).

    Two runs writing one master at once would lose one run's rows; the second one stops
    with a clear message instead.
    """
    path = lock_path(master)
    fh = open(path, "a+b")
    try:
        if not _try_lock(fh):
            raise MasterBusyError(f"Sổ tổng hợp '{master}' đang được một lần tổng hợp khác ghi vào. "
                                  "Hãy chờ lần đó xong rồi chạy lại.")
        _remove_stale_temps(Path(master))
        yield
    finally:
        fh.close()  # closing releases the lock


def _try_lock(fh) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _remove_stale_temps(master: Path) -> None:
    """Temporary files a killed run left beside the master (never the master itself)."""
    now = time.time()
    for tmp in master.parent.glob(f".{master.stem}.*{master.suffix}.tmp"):
        try:
            if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                tmp.unlink()
        except OSError:
            pass
