"""Zip archives in an inbox: their forms are read as if they were in the folder, within bounds.

Offices often send a zipped folder. A plain zip archive (not an Office or OpenDocument package,
which are zips too) found by :func:`templates.intake.inbox.walk` is unpacked into a temporary
folder, and each member is read like a file of the inbox under the name
``archive.zip/inner/path.xlsx`` (its provenance: that name is what the master logs). Nothing is
written outside the temporary folder: a member is written under a numbered folder by its last
name part only.

Bounds (a member refused is named with why; an archive over a bound is refused whole as a zip bomb):
members (:data:`MAX_MEMBERS`) and total unpacked size (``Limits.max_unzipped``), one budget for an
archive and every archive inside it; compression ratio (``Limits.max_ratio``); each member's size (``Limits.max_bytes``, also
enforced while unpacking, whatever the archive claims), nesting (:data:`MAX_DEPTH`: a zip inside a
zip is opened, one level deeper is named as an archive), names climbing out (``../``), absolute
names, symbolic links and encrypted members.
"""

from __future__ import annotations

import contextlib
import dataclasses
import lzma
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from bdg.files import printable_name
from bdg.submission import Submission
from templates.intake.container import ZIP_MAGIC, Limits, bomb_detail, mb
from templates.intake.content import printable
from templates.intake.inbox import is_silently_fine
from templates.intake.problems import make_problem

MAX_MEMBERS = 500
MAX_DEPTH = 2  # the archive itself, and an archive inside it
CHUNK = 1 << 20


@dataclass
class Unpacked:
    """The inbox's files in order: each is to be read (``disk`` → ``shown``) or already refused."""

    items: list[tuple[Path, str] | Submission] = field(default_factory=list)
    _names: set[str] = field(default_factory=set)

    def add(self, disk: Path, shown: str) -> None:
        """A file to read, shown as ``shown`` — made unique (``name (2).xlsx``), since the bytes archived
        for a result are looked up by the name it is shown under."""
        stem, dot, suffix = shown.rpartition(".") if "." in Path(shown).name else (shown, "", "")
        unique, n = shown, 1
        while unique in self._names:
            n += 1
            unique = f"{stem} ({n}){dot}{suffix}"
        self._names.add(unique)
        self.items.append((disk, unique))

    @property
    def disk_files(self) -> list[Path]:
        return [item[0] for item in self.items if isinstance(item, tuple)]

    @property
    def sources(self) -> dict[str, Path]:
        """Shown name → the file on disk holding its bytes (a member's unpacked copy, else itself)."""
        return {shown: disk for disk, shown in (i for i in self.items if isinstance(i, tuple))}

    def shown(self, read: list[Submission]) -> list[Submission]:
        """The submissions read from :attr:`disk_files`, renamed as shown, with the refused ones in place."""
        it, out = iter(read), []
        for item in self.items:
            if isinstance(item, Submission):
                out.append(item)
                continue
            sub, (disk, name) = next(it), item
            out.append(sub if str(disk) == name else renamed(sub, name))
        return out


def renamed(sub: Submission, name: str) -> Submission:
    old = Path(sub.path).name
    problems = [dataclasses.replace(p, file=name, message=p.message.replace(old, Path(name).name))
                for p in sub.problems]
    return dataclasses.replace(sub, path=name, problems=problems)


@contextlib.contextmanager
def unpacked(files: list[Path], limits: Limits = Limits()) -> Iterator[Unpacked]:
    """The files with every plain zip archive among them replaced by its members (unpacked until the
    block ends)."""
    with tempfile.TemporaryDirectory(prefix="bdg-zip-") as tmp:
        out, counter = Unpacked(), iter(range(1 << 30))
        for f in files:
            if is_archive(f, limits):  # one budget for an archive and all it holds, nested ones included
                budget = _Budget(limits.max_unzipped, MAX_MEMBERS)
                _unpack(f, printable_name(str(f)), Path(tmp), limits, 1, out, counter, budget)
            else:  # a name that is not UTF-8 is shown (and stored) printable; its bytes are read from ``f``
                out.add(f, printable_name(str(f)))
        yield out


def is_archive(path: Path, limits: Limits = Limits()) -> bool:
    """A zip that is no package (no ``[Content_Types].xml``, no ODF ``mimetype``), small enough to open."""
    try:
        if not path.is_file() or path.stat().st_size > limits.max_bytes:
            return False
        with open(path, "rb") as fh:
            if fh.read(4) != ZIP_MAGIC:
                return False
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return False  # the reader names it
    return "[Content_Types].xml" not in names and "mimetype" not in names and not \
        any(n.startswith(("xl/", "word/", "ppt/", "META-INF/")) for n in names)


@dataclass
class _Budget:
    """What an archive may still unpack, nested archives included: bytes and members."""

    bytes: int
    members: int


def _unpack(path: Path, shown: str, tmp: Path, limits: Limits, depth: int, out: Unpacked, counter,
            budget: _Budget) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            infos = [i for i in z.infolist() if not i.is_dir() and not _beside_the_point(i.filename)]
            if not infos:
                out.items.append(_refused(shown, "empty-archive"))
                return
            bomb = bomb_detail(infos, limits, MAX_MEMBERS)
            if bomb:
                out.items.append(_refused(shown, "zip-bomb", detail=bomb))
                return
            for info in infos:
                _member(z, info, shown, tmp, limits, depth, out, counter, budget)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, zlib.error,
            lzma.LZMAError) as exc:
        out.items.append(_refused(shown, "corrupt-file", detail=str(exc)[:120] or type(exc).__name__))


def _beside_the_point(name: str) -> bool:
    """What an archiver adds that no one sent, as the walk passes it over in a folder: macOS's
    ``__MACOSX/`` resource forks, ``.DS_Store``, ``Thumbs.db`` …"""
    name = name.replace("\\", "/")
    return name.startswith("__MACOSX/") or is_silently_fine(Path(PurePosixPath(name).name))


def _member(z: zipfile.ZipFile, info: zipfile.ZipInfo, base: str, tmp: Path, limits: Limits, depth: int,
            out: Unpacked, counter, budget: _Budget) -> None:
    name = info.filename.replace("\\", "/")
    shown = f"{base}/{printable(name, None)}"
    why = _unsafe(info, name)
    if why:
        out.items.append(_refused(shown, "unsafe-archive-member", archive=Path(base).name, member=printable(name, None),
                                  why=why))
        return
    if info.flag_bits & 0x1:
        out.items.append(_refused(shown, "password-protected"))
        return
    if info.file_size > limits.max_bytes:
        out.items.append(_refused(shown, "file-too-large", size=mb(info.file_size), limit=mb(limits.max_bytes)))
        return
    budget.members -= 1
    if budget.members < 0 or info.file_size > budget.bytes:
        out.items.append(_refused(shown, "zip-bomb", detail=f"tệp nén và các tệp nén bên trong vượt {MAX_MEMBERS} "
                                                            f"tệp hoặc {mb(limits.max_unzipped)} MB"))
        return
    folder = tmp / str(next(counter))
    folder.mkdir()
    # a fixed name with the member's suffix: never outside the folder, never too long or unusable on this
    # system; results are shown under the member's own name (:meth:`Unpacked.shown`)
    target = folder / f"tep-trong-nen{_suffix(name)}"
    try:
        written = _copy(z, info, target, min(limits.max_bytes, budget.bytes))
        if written is None:
            out.items.append(_refused(shown, "file-too-large", size=f"> {mb(limits.max_bytes)}",
                                      limit=mb(limits.max_bytes)))
            return
        budget.bytes -= written
    except (OSError, zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, NotImplementedError,
            RuntimeError) as exc:
        out.items.append(_refused(shown, "corrupt-file", detail=str(exc)[:120] or type(exc).__name__))
        return
    if depth < MAX_DEPTH and is_archive(target, limits):
        _unpack(target, shown, tmp, limits, depth + 1, out, counter, budget)
    else:
        out.add(target, shown)


def _suffix(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if len(suffix) <= 8 and suffix[1:].isalnum() else ""


def _copy(z: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, cap: int) -> int | None:
    """Unpack one member, stopping past ``cap`` bytes whatever its header says: bytes written (None: too large)."""
    written = 0
    with z.open(info) as src, open(target, "wb") as dst:
        while block := src.read(CHUNK):
            written += len(block)
            if written > cap:
                return None
            dst.write(block)
    return written


def _unsafe(info: zipfile.ZipInfo, name: str) -> str | None:
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "tên là đường dẫn tuyệt đối"
    if ".." in parts:
        return "tên trỏ ra ngoài thư mục giải nén (../)"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "là liên kết (symlink) chứ không phải tệp"
    return None


def _refused(shown: str, code: str, **params) -> Submission:
    return Submission(shown, None, None, problems=[make_problem(code, shown, **params)])


