"""Where the file-based operations find their files, and how an open master is let go meanwhile.

The core writes the master FILE (atomically, with a backup). In classic Excel the master may be
the very workbook the button was clicked in; Excel locks an open file, so the macro saves and
closes it, lets the core write, then opens it again. Under the remote engine (xlwings Lite,
xlwings Server, tests) the workbook is only values: the master's path comes from the
"Bảng điều khiển" sheet, and in xlwings Lite there is no access to files at all.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from addin import bookio
from addin.control import Control, SettingError
from bdg.errors import BdgError
from bdg.plan import Plan

IN_LITE = sys.platform == "emscripten"  # xlwings Lite runs Python in the browser (Pyodide)


class NoFileAccess(BdgError):
    pass


def require_files(what: str, command: str) -> None:
    """Stop early in xlwings Lite, which cannot read or write the office's files."""
    if IN_LITE:
        raise NoFileAccess(
            f"{what} cần đọc, ghi tệp trên máy tính; xlwings Lite (chạy trong Excel, không cài Python) "
            f"không làm được việc này. Hãy dùng add-in bdg.xlam (xlwings cổ điển) hoặc dòng lệnh: {command}")


_CHOSEN: contextvars.ContextVar[Plan | None] = contextvars.ContextVar("bdg_plan", default=None)


@contextlib.contextmanager
def using_plan(plan: Plan):
    """Run macros with ``plan`` whatever the workbook says (``bdg demo`` with its own plan)."""
    token = _CHOSEN.set(plan)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def plan_for(book, control: Control) -> Plan:
    """The plan a macro uses, as the command line chooses it (:mod:`workbook.plan_choice`):

    the plan embedded in the open workbook (a master), else in the master file the control
    sheet names; a plan file in the control sheet must be that same plan. Without a master:
    the control sheet's plan file, else $BDG_PLAN (xlwings Lite), else the plan shipped with bdg.
    """
    from templates.plan_book.source import read_plan_source

    chosen = _CHOSEN.get()
    if chosen is not None:
        return chosen
    path = control.path("plan")
    own = _own_plan(book)
    if own is not None:
        if path is not None:
            from workbook.plan_choice import check_same_plan

            check_same_plan(path, own, f"sổ đang mở '{book.name}'")
        return own.plan
    master = _master_file(book, control)
    if master is not None:
        from workbook.plan_choice import choose_plan

        return choose_plan(path, master).plan
    return read_plan_source(path or os.environ.get("BDG_PLAN") or None).plan


def _own_plan(book):
    """The plan embedded in the open workbook itself (read from its values: any engine)."""
    from workbook.plan_store import PLAN_SHEET, source_from_stored, stored_from_rows

    sheet = bookio.find_sheet(book, PLAN_SHEET)
    if sheet is None:
        return None
    where = f"sổ đang mở '{book.name}'"
    return source_from_stored(stored_from_rows(bookio.values(sheet), where), where)


def _master_file(book, control: Control) -> Path | None:
    """The master file the control sheet names (an existing file), outside xlwings Lite."""
    if IN_LITE:
        return None
    try:
        path = master_path(book, control)
    except SettingError:
        return None
    return path if path.is_file() and path.suffix.lower() == ".xlsx" else None


def master_path(book, control: Control) -> Path:
    """The master: the control sheet's path (relative to the open file), else the open file itself."""
    here = bookio.local_path(book)
    path = control.path("master")
    if path is not None:
        if not path.is_absolute() and here is not None:
            path = here.parent / path
        return path
    if here is not None and here.suffix.lower() == ".xlsx":
        return here
    raise SettingError(
        f"Chưa biết sổ tổng hợp ở đâu. Hãy điền đường dẫn đầy đủ của sổ (.xlsx) vào {control.where('master')} "
        "rồi bấm lại nút lệnh (hoặc mở chính sổ tổng hợp rồi bấm nút).")


def folder_setting(book, control: Control, key: str, *, default: Path | None = None, must_exist: bool = True) -> Path:
    path = control.path(key)
    here = bookio.local_path(book)
    if path is not None and not path.is_absolute() and here is not None:
        path = here.parent / path
    path = path or default
    if path is None:
        raise SettingError(f"Hãy điền đường dẫn thư mục vào {control.where(key)} rồi bấm lại nút lệnh.")
    if must_exist and not path.is_dir():
        raise SettingError(f"Không tìm thấy thư mục '{path}' ({control.where(key)}). Hãy kiểm tra lại đường dẫn.")
    return path


@dataclass
class Released:
    """Filled after the block: the master opened again in Excel (classic), else None."""

    book: object = None


@contextlib.contextmanager
def released(book, master: Path):
    """Classic Excel: if the open book is ``master``, save and close it while the core writes it."""
    here = bookio.local_path(book)
    holder = Released()
    if here is None or not _same(here, master):
        yield holder
        return
    app = book.app
    book.save()
    book.close()
    try:
        yield holder
    finally:
        holder.book = app.books.open(str(master))


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
