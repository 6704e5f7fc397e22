"""Received files kept beside the master, named by their SHA-256, and the master's run lock."""

from __future__ import annotations

import hashlib
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from bdg.files import ARCHIVE_DIR, LOCK_SUFFIX, replacing, temp_name_pattern
from workbook.storage import MasterBusyError

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
    if not source.is_file() or file_sha256(source) != sha256:
        return None  # gone, or changed since it was read: its bytes are not the ones logged
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target, durable=False) as tmp:
        shutil.copyfile(source, tmp)
    return target


# --- one consolidation at a time ----------------------------------------------------------------
def lock_path(master: Path) -> Path:
    master = Path(master)
    return master.with_name(f".{master.name}{LOCK_SUFFIX}")


@contextmanager
def master_lock(master: Path):
    """Hold an exclusive lock beside the master for a whole run (released even on a crash).

    Two runs writing one master at once would lose one run's rows; the second one stops
    with a clear message instead. The lock is the operating system's (``filelock``: flock on
    POSIX, msvcrt on Windows), so a killed run releases it with its process.
    """
    lock = FileLock(lock_path(master), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise MasterBusyError(f"Sổ tổng hợp '{master}' đang được một lần tổng hợp khác ghi vào. "
                              "Hãy chờ lần đó xong rồi chạy lại.") from None
    try:
        _remove_stale_temps(Path(master))
        yield
    finally:
        lock.release()


def _remove_stale_temps(master: Path) -> None:
    """Temporary files a killed run left beside the master (never the master itself)."""
    now = time.time()
    for tmp in master.parent.glob(temp_name_pattern(master)):
        try:
            if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                tmp.unlink()
        except OSError:
            pass
