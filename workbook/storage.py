"""Saving the master workbook atomically, with bounded timestamped backups."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Callable

from bdg.errors import BdgError
from bdg.files import BACKUP_DIR, replacing

MAX_BACKUPS = 10


class MasterBusyError(BdgError):
    """The master is open in Excel/LibreOffice or cannot be written."""


def check_writable(path: Path) -> None:
    """Stop before any work when the master is open elsewhere or not writable."""
    path = Path(path)
    for lock in (path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")):
        if lock.exists():
            raise MasterBusyError(
                f"Sổ tổng hợp '{path}' đang được mở trong Excel hoặc LibreOffice (có tệp khóa '{lock.name}'). "
                "Hãy đóng sổ rồi chạy lại.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise MasterBusyError(f"Thư mục '{folder}' không tồn tại. Hãy tạo thư mục hoặc chọn đường dẫn khác.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise MasterBusyError(f"Không có quyền ghi vào '{path}'. Hãy kiểm tra quyền truy cập tệp và thư mục.")


def atomic_write(path: Path, write: Callable[[Path], None], *, backup: bool = True) -> Path | None:
    """Write through ``write(tmp_path)`` into a temporary file beside ``path``, fsync, then replace.

    The previous file (if any) is copied to ``sao-luu/<name>.<timestamp>.xlsx`` first; at most
    :data:`MAX_BACKUPS` backups are kept. Returns the backup's path, if one was made.
    """
    path = Path(path)
    with replacing(path) as tmp:
        write(tmp)
        return _backup(path) if backup and path.exists() else None


def _backup(path: Path) -> Path:
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}.{stamp}{path.suffix}"
    shutil.copy2(path, target)
    backups = sorted(folder.glob(f"{path.stem}.*{path.suffix}"))
    for old in backups[:-MAX_BACKUPS]:
        old.unlink(missing_ok=True)
    return target
