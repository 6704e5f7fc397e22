"""The write index beside the master: what bdg last wrote into it, so the next run costs what changes.

After every consolidation that writes the master, ``.<master name>.bdg-index`` (a hidden file
beside it, like the run lock) records, for each table sheet, its rows as written and where each
segment of rows lies in the package (:mod:`workbook.table_part`), and the province's observations
of each series (what Đánh giá and Biểu đồ are drawn from). The next run then

* reads the tables from the index instead of parsing tens of thousands of rows with calamine;
* copies every row segment that comes again from the master's deflated bytes as they are;
* assesses again only the series whose values it touched (:func:`assess_touched`).

The index is used only while it describes this very master: the CRC-32 and sizes of every part
of the package (read from the zip's central directory, nothing inflated) must be those recorded
when bdg wrote it, for the same plan and the same bdg layout. A master edited and saved in Excel or
LibreOffice, restored from a backup, or written by anything else, is read in full as before and
a new index is written with it. Losing the file costs one full read, nothing else. It holds
plain data only and is loaded with an unpickler that refuses every class but dates.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import pickle
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from bdg.attainment import Observation
from bdg.files import INDEX_SUFFIX, replacing
from bdg.plan import Plan
from workbook.layout import LAYOUT_VERSION
from workbook.table_part import Segment, TableIndex

FORMAT = 1


@dataclass
class WriteIndex:
    plan: str  # the plan's fingerprint
    entries: dict[str, tuple[int, int, int]]  # zip entry → (CRC-32, deflated size, size)
    tables: dict[str, TableIndex] = field(default_factory=dict)  # by sheet name
    province: dict[str, list[Observation]] | None = None  # series code → the province's observations
    tracking: tuple | None = None  # (date of the run, years) Tiến độ nộp was built for
    # id(row) → (row, its cells as written): rows read from the index and not changed since are
    # written from these cells again (the row is held, so its id is never another object's)
    cells: dict[int, tuple] = field(default_factory=dict)

    def cells_of(self, row) -> tuple | None:
        found = self.cells.get(id(row))
        return found[1] if found is not None and found[0] is row else None


def index_path(master: Path) -> Path:
    master = Path(master)
    return master.with_name(f".{master.name}{INDEX_SUFFIX}")


def plan_fingerprint(plan: Plan) -> str:
    """The plan, the layout and the code that wrote the index: another bdg (rules, texts, layout of
    a row changed) never reuses rows or assessments an older one wrote."""
    return hashlib.sha256(f"{LAYOUT_VERSION}:{FORMAT}:{code_version()}:".encode()
                          + plan.model_dump_json().encode()).hexdigest()


@functools.cache
def code_version() -> str:
    """A digest of the source of the packages whose output the master holds (the domain, the form
    layout and intake, the master's writers), read once per process."""
    import bdg
    import templates
    import workbook

    digest = hashlib.sha256()
    for package in (bdg, templates, workbook):
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*.py")):
            digest.update(path.relative_to(root.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(master: Path) -> dict[str, tuple[int, int, int]]:
    with zipfile.ZipFile(master) as z:
        return {i.filename: (i.CRC, i.compress_size, i.file_size) for i in z.infolist()}


def load(master: Path, plan: Plan) -> WriteIndex | None:
    """The index of this master as it is now, or None (absent, stale, damaged, another plan)."""
    path = index_path(master)
    try:
        with open(path, "rb") as f:
            raw = _Unpickler(f).load()
        if raw.get("format") != FORMAT or raw.get("plan") != plan_fingerprint(plan):
            return None
        if raw["entries"] != fingerprint(master):
            return None
        tables = {name: TableIndex(tuple(t["keys"]), tuple(t["styles"]),
                                   [Segment(_loads(blob), *where, blob=blob) for where, blob in t["segments"]])
                  for name, t in raw["tables"].items()}
        province = None if raw["province"] is None else {
            code: [Observation(*o) for o in obs] for code, obs in raw["province"].items()}
        tracking = raw.get("tracking")
        return WriteIndex(raw["plan"], raw["entries"], tables, province,
                          None if tracking is None else (tracking[0], tuple(tracking[1])))
    except (OSError, EOFError, KeyError, TypeError, ValueError, AttributeError, IndexError, zipfile.BadZipFile,
            pickle.UnpicklingError):
        return None


def save(master: Path, plan: Plan, tables: dict[str, TableIndex],
         province: dict[str, list[Observation]] | None, tracking: tuple | None = None) -> None:
    """Record what was just written into ``master`` (call once the master is in place)."""
    raw = {"format": FORMAT, "plan": plan_fingerprint(plan), "entries": fingerprint(master),
           "tables": {name: {"keys": t.keys, "styles": t.styles,
                             "segments": [((s.offset, s.length, s.size, s.crc), s.blob or _dumps(s.rows))
                                          for s in t.segments]}
                      for name, t in tables.items()},
           "province": None if province is None else {
               code: [(o.code, o.unit, o.year, o.value, o.inputs, o.agency, o.note) for o in obs]
               for code, obs in province.items()},
           "tracking": tracking}
    try:
        with replacing(index_path(master), durable=False) as tmp, open(tmp, "wb") as f:
            pickle.dump(raw, f, protocol=5)
    except OSError:  # no index: the next run reads the master in full
        forget(master)


def forget(master: Path) -> None:
    try:
        index_path(master).unlink(missing_ok=True)
    except OSError:
        pass


def raw_parts(master: Path, index: WriteIndex, parts: dict[str, str]) -> dict[str, tuple[TableIndex, bytes]]:
    """Each indexed table's index and its part's deflated bytes (``parts``: sheet name → part)."""
    from workbook.zipraw import raw_data

    out = {}
    with zipfile.ZipFile(master) as z:
        for name, table in index.tables.items():
            part = parts.get(name)
            if part is not None:
                out[name] = (table, raw_data(master, z.getinfo(part)))
    return out


def _dumps(rows: list[tuple]) -> bytes:
    return pickle.dumps(rows, protocol=5)


def _loads(blob: bytes) -> list[tuple]:
    return _Unpickler(io.BytesIO(blob)).load()


class _Unpickler(pickle.Unpickler):
    _ALLOWED = {("datetime", "datetime"): dt.datetime, ("datetime", "date"): dt.date,
                ("datetime", "time"): dt.time, ("datetime", "timedelta"): dt.timedelta}

    def find_class(self, module: str, name: str):
        found = self._ALLOWED.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not plain data")
        return found
