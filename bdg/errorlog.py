"""Where an unexpected error leaves its traceback, so a user has something to send for support.

Front doors and the intake call :func:`record` for any exception that is not an expected
:class:`bdg.errors.BdgError`; the user is then shown the path of the file written. The folder is
``BDG_LOG_DIR`` when set, else the user's log folder (``%LOCALAPPDATA%\\bdg\\logs`` on Windows,
``~/Library/Logs/bdg`` on macOS, ``$XDG_STATE_HOME/bdg/logs`` or ``~/.local/state/bdg/logs``
elsewhere). Writing the log never raises: if no folder is writable, the system's temporary
folder is used.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

ENV_DIR = "BDG_LOG_DIR"
ENV_DEBUG = "BDG_DEBUG"


def debug_enabled() -> bool:
    """``BDG_DEBUG=1``: front doors re-raise unexpected errors instead of translating them."""
    return os.environ.get(ENV_DEBUG, "").strip() not in ("", "0", "false", "False")


def log_dir() -> Path:
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "bdg" / "logs"
    if sys.platform == "darwin":
        return home / "Library" / "Logs" / "bdg"
    state = os.environ.get("XDG_STATE_HOME")
    return (Path(state) if state else home / ".local" / "state") / "bdg" / "logs"


def record(exc: BaseException, context: str = "") -> Path:
    """Write ``exc``'s traceback (and ``context``: the command, the file being read) to a new log file."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    body = f"bdg {stamp}\n{context}\n\n{text}" if context else f"bdg {stamp}\n\n{text}"
    for folder in (log_dir(), Path(tempfile.gettempdir()) / "bdg-logs"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"loi-{stamp}-{os.getpid()}.log"
            path.write_text(body, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path(os.devnull)
