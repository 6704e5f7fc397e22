"""How bdg starts worker processes (intake of many forms, report charts): one choice for every pool.

``fork`` is the cheapest (workers share the parent's memory) and is used on Linux. On macOS a
forked child may crash in system frameworks the parent has touched (the Objective-C runtime,
AppleScript as classic xlwings uses it) — Python itself defaults to ``spawn`` there — and
Windows has no fork at all: both use ``spawn``. ``BDG_MP_START=spawn`` (or ``forkserver``,
``fork``) overrides the choice; the tests use it to run the parallel paths under ``spawn`` on Linux.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from multiprocessing.context import BaseContext

from bdg.errors import BdgError

ENV = "BDG_MP_START"


def start_method() -> str:
    """The start method for worker processes on this platform (or as ``BDG_MP_START`` says)."""
    methods = multiprocessing.get_all_start_methods()
    chosen = os.environ.get(ENV, "").strip()
    if chosen:
        if chosen not in methods:
            raise BdgError(f"Biến môi trường {ENV}='{chosen}' không hợp lệ. "
                           f"Hãy dùng một trong: {', '.join(methods)} (hoặc bỏ biến này).")
        return chosen
    return "fork" if sys.platform.startswith("linux") and "fork" in methods else "spawn"


def mp_context() -> BaseContext:
    """The multiprocessing context every bdg process pool is created with."""
    return multiprocessing.get_context(start_method())
