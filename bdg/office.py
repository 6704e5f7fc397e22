"""LibreOffice headless conversions (xlsx→pdf, docx→pdf, xlsx→xls/ods, recalculation).

Each call uses its own private profile (parallel runs sharing one lose files) and checks
that the output exists and is new, because ``soffice`` exits 0 even when a conversion fails:
an output left by an earlier run is removed first (or, for a file converted onto itself,
must have changed). LibreOffice is found through ``BDG_SOFFICE``, then PATH, then where its
installers put it on Windows (Program Files) and macOS (/Applications).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bdg.errors import BdgError

CANDIDATES = ("soffice", "libreoffice")


class OfficeError(BdgError):
    pass


def find_soffice() -> str | None:
    """``BDG_SOFFICE``, else ``soffice``/``libreoffice`` on PATH, else the installers' usual places."""
    override = os.environ.get("BDG_SOFFICE")
    if override:
        return override if Path(override).exists() or shutil.which(override) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    for path in standard_locations():  # Windows and macOS installers do not put soffice on the PATH
        if path.is_file():
            return str(path)
    return None


def standard_locations(platform: str | None = None, env: dict[str, str] | None = None) -> list[Path]:
    """Where LibreOffice's installers put soffice on Windows and macOS (nothing to add elsewhere)."""
    platform = platform or sys.platform
    env = os.environ if env is None else env
    if platform.startswith("win"):
        roots = [env.get(k) for k in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
        return [Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in dict.fromkeys(roots) if r]
    if platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return []


def available() -> bool:
    return find_soffice() is not None


def convert(src: Path | list[Path], to: str, outdir: Path, *, timeout: int = 180,
            infilter: str | None = None) -> list[Path]:
    """Convert one or more files with ``soffice --convert-to TO``; return the output paths.

    ``to`` is a filter spec such as ``pdf``, ``xlsx``, ``ods``, ``xls`` or ``csv:...``;
    ``infilter`` forces the import filter (e.g. ``Calc MS Excel 2007 VBA XML`` for an .xlam).
    """
    exe = find_soffice()
    if exe is None:
        raise OfficeError("Chưa cài LibreOffice nên không chuyển đổi được tệp (ví dụ sang PDF). "
                          "Hãy cài LibreOffice rồi chạy lại.")
    sources = [Path(s) for s in (src if isinstance(src, list) else [src])]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    ext = to.split(":", 1)[0]
    outputs = [outdir / f"{s.stem}.{ext}" for s in sources]
    before = {o: _stamp(o) for o in outputs}
    for o in outputs:  # a file left by an earlier run must not pass for this run's output
        if before[o] is not None and not any(_same(o, s) for s in sources):
            o.unlink()  # a PermissionError (open in a viewer) reaches the error boundary, naming the file
            before[o] = None
    with tempfile.TemporaryDirectory(prefix="bdg-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation={Path(profile).resolve().as_uri()}", "--headless", "--norestore",
               "--nolockcheck", *([f"--infilter={infilter}"] if infilter else []),
               "--convert-to", to, "--outdir", str(outdir), *map(str, sources)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice chuyển đổi quá {timeout} giây và đã bị dừng.") from None
    missing = [o for o in outputs if _stamp(o) in (None, before[o])]
    if missing:
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()[-1:] or [""]
        raise OfficeError(f"LibreOffice không tạo được {', '.join(m.name for m in missing)}. {detail[0]}".strip())
    return outputs


def _stamp(path: Path) -> tuple | None:
    """What tells one version of a file from another (None when there is no file)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
