"""Consolidation: import agency forms into the master workbook.

:func:`consolidate` reads every form under the given paths through the intake and merges
them; :func:`consolidate_submissions` merges submissions already read. Both:

1. check the master before any work (it exists, belongs to the plan, is not open in Excel);
2. hold a lock beside the master for the whole run, read its tables, merge in memory
   (:mod:`workbook.merge`), rebuild Tiến độ nộp (:mod:`workbook.tracking`);
3. write the whole new master to a temporary file (attainment recomputed in the same
   write unless ``assess=False``), fsync it, keep a backup of the
   old one and replace it (:func:`workbook.storage.atomic_write`) — the master is always
   either the old or the new one, whatever happens;
4. only then copy every file now logged into ``luu-tru/<sha256>.<ext>`` beside the master, so a
   run that did not commit leaves neither log rows nor archived copies.

Forms are read each in a worker process (:mod:`templates.intake.isolate`): a file whose reader
dies costs only that file. A file counts as received only when its content was imported: files
rejected, unreadable or hit by an internal error are read again by the next run.
A dry run does steps 1–2 only and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
import gc
import zipfile
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from bdg.errors import BdgError
from bdg.plan import Plan
from bdg.submission import Submission
from workbook.archive import archive, file_sha256, master_lock
from workbook.attainment_update import refresh_workbook
from workbook.layout import (
    ASSESSMENT, ASSESSMENT_VIEW, CHARTS, DATA, GUIDE, NAME_PLAN_ID, STATUS_ACTIVE, STATUS_CONFLICT, STATUS_SUPERSEDED,
    SUBMISSIONS,
)
from workbook.master import master_identity
from workbook.merge import IMPORTED, RESULT_CODES, Change, FileResult, Merge
from workbook import write_index
from workbook.assessment_sheet import assessment_record
from workbook.incremental import assess_all_series, assess_touched, paused_gc, read_state, tracking_rows
from workbook.narrative_parts import split_cells
from workbook.rows import NarrativeRow, ValueRow, norm, text
from workbook.state import MasterState
from workbook.write_index import WriteIndex
from workbook.storage import atomic_write, check_writable

Progress = Callable[[str, int, int], None]  # (stage "read" | "write", done, total)


@dataclass
class ConsolidationResult:
    master: Path
    files: list[FileResult]
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    backup: Path | None = None
    archived: int = 0
    assessed: bool = False  # attainment recomputed in the same write
    skipped: list[Submission] = field(default_factory=list)  # files not read: no spreadsheet bdg reads

    @property
    def totals(self) -> dict[str, int]:
        t = {k: sum(getattr(f, k) for f in self.files)
             for k in ("imported", "updated", "unchanged", "rejected", "conflicts", "narratives")}
        t["files"] = len(self.files)
        t["files_skipped"] = len(self.skipped)
        for code in ("duplicate", "unreadable", "not-accepted", "rejected", "empty", "older"):
            t[f"files_{code.replace('-', '_')}"] = sum(f.result == code for f in self.files)
        return t

    @property
    def exit_code(self) -> int:
        """0 all imported; 1 some files or values rejected; 2 nothing readable; 3 all imported, but files
        in the inbox skipped (not spreadsheets bdg reads: each is named in the summary)."""
        if not self.files or all(f.result in ("unreadable", "not-accepted") for f in self.files):
            return 2
        if any(f.rejected or f.result in ("unreadable", "not-accepted", "rejected") for f in self.files):
            return 1
        return 3 if self.skipped else 0

    def flatten(self, keys: list[str]) -> list[list]:
        return [[f.flat()[k] for k in keys] for f in self.files]


# --- the two entry points -------------------------------------------------------------------
def consolidate(master_path: Path, inputs: Iterable[Path | str], plan: Plan, *, dry_run: bool = False,
                now: dt.datetime | None = None, progress: Progress | None = None,
                workers: int | None = None, assess: bool = True) -> ConsolidationResult:
    """Import every form found in ``inputs`` (files or folders, searched recursively).

    ``now``: the time received (default: now); ``progress(stage, done, total)``: called as forms
    are read and the master written; ``workers``: intake processes (default: by file count);
    ``assess``: recompute attainment in the same write (default).
    """
    from templates.intake.problem_report import is_skipped
    from templates.intake.read import expand_paths
    from templates.intake.unzip import unpacked

    master = Path(master_path)
    check_master(master, plan, dry_run=dry_run)
    inputs = list(inputs)
    files = expand_paths(inputs, own=[master])  # the master's backups, archive and lock are silently fine
    if not files:
        shown = ", ".join(str(p) for p in inputs) or "(không có)"
        raise BdgError(code="no-forms-found", paths=shown)
    with nullcontext() if dry_run else master_lock(master), _unfrozen(), unpacked(files) as inbox:  # zips too
        files = inbox.disk_files
        state, index, seen = _read(master, plan)
        known = _known_files(files, state)
        todo = [f for f in files if f not in known]
        read = iter(read_forms(todo, plan, previous=active_values(state.data), progress=progress,
                               workers=workers))
        subs = inbox.shown([Submission(str(f), known[f], None) if f in known else next(read) for f in files])
        skipped = [s for s in subs if is_skipped(s)]  # named in the summary, never logged nor archived
        result = _apply(master, state, index, [s for s in subs if not is_skipped(s)], plan, dry_run=dry_run,
                        now=now, progress=progress, assess=assess, sources=inbox.sources, seen=seen)
        result.skipped = skipped
        return result


def consolidate_submissions(master_path: Path, submissions: list[Submission], plan: Plan, *,
                            dry_run: bool = False, now: dt.datetime | None = None,
                            progress: Progress | None = None, assess: bool = True) -> ConsolidationResult:
    """Merge submissions already read by the intake (the core of :func:`consolidate`)."""
    master = Path(master_path)
    check_master(master, plan, dry_run=dry_run)
    with nullcontext() if dry_run else master_lock(master), _unfrozen():
        state, index, seen = _read(master, plan)
        return _apply(master, state, index, list(submissions), plan, dry_run=dry_run, now=now, progress=progress,
                      assess=assess, seen=seen)


def check_master(master: Path, plan: Plan, *, dry_run: bool = False) -> None:
    """Stop before any work: no master, another plan's master, open in Excel, or not writable."""
    if not master.exists():
        raise BdgError(code="master-missing", master=master)
    identity = master_identity(master)
    if identity.get(NAME_PLAN_ID) != plan.id:
        raise BdgError(code="master-plan-mismatch", master=master, found=identity.get(NAME_PLAN_ID),
                       expected=plan.id)
    if not dry_run:
        check_writable(master)


def active_values(data: list[ValueRow]) -> dict[tuple[str, str, int], object]:
    """Values in force by (series, unit, year): intake compares a new value with last year's."""
    out = {}
    for row in data:
        key = row.key
        if key[2] is not None and row.status == STATUS_ACTIVE:
            value = norm(row.value)
            if value is not None:
                out[key] = value
    return out


_TABLES = ("data", "narratives", "log", "problems")  # what consolidation reads and rewrites


def _read(master: Path, plan: Plan) -> tuple[MasterState, WriteIndex | None, dict | None]:
    """The tables consolidation rewrites (from the write index when it describes this master), and the
    package's entries as they were when read: the write checks that nothing saved the master since."""
    try:
        seen = write_index.fingerprint(master)
    except (OSError, zipfile.BadZipFile):
        seen = None  # read_state names what is wrong with the file
    state, index = read_state(master, plan, _TABLES)
    return state, index, seen


def _unchanged_since_read(master: Path, seen: dict | None) -> None:
    """Stop before writing when the master was saved by another program during the run: writing would
    lose what was saved there (and the row segments copied from the package would no longer fit it)."""
    if seen is not None and write_index.fingerprint(master) != seen:
        raise BdgError(code="master-changed-during-run", master=master)


@contextmanager
def _unfrozen():
    """The rows read (frozen out of garbage collection for the run) are ordinary objects again after it."""
    try:
        yield
    finally:
        gc.unfreeze()


def _known_files(files: list[Path], state: MasterState) -> dict[Path, str]:
    """Files whose content the master already has (not read again); empty for a new master.

    Only imported content counts: a file logged as rejected or unreadable is read again (after the
    clerk's fix, or bdg's), and so is a byte-identical copy of it.
    """
    from templates.intake.container import Limits

    known = {r.sha256 for rows in (state.data, state.narratives) for r in rows}
    known |= {r.sha256 for r in state.log if RESULT_CODES.get(r.result) in IMPORTED}
    known.discard("")
    if not known:
        return {}
    out = {}
    too_large = Limits().max_bytes  # never a form (intake names it): not worth hashing a video
    for f in files:
        try:  # only regular files: reading a named pipe would block the run (intake names it)
            sha = file_sha256(f) if f.is_file() and f.stat().st_size <= too_large else None
        except OSError:
            continue  # intake reports it
        if sha in known:
            out[f] = sha
    return out


# --- reading the forms ------------------------------------------------------------------------
def read_forms(files: list[Path], plan: Plan, *, previous: dict | None = None, progress: Progress | None = None,
               workers: int | None = None) -> list[Submission]:
    """Read forms through the intake, each in a worker process whose death costs only its file."""
    from templates.intake import read as intake

    previous = previous or {}
    report = (lambda done, total: progress("read", done, total)) if progress else None
    subs = intake.read_paths(files, plan, previous=previous, workers=workers, progress=report)
    return intake.batch_jumps(subs, plan, previous)


# --- merging and writing ----------------------------------------------------------------------
def _apply(master: Path, state: MasterState, index: WriteIndex | None, subs: list[Submission], plan: Plan, *,
           dry_run: bool, now: dt.datetime | None, progress: Progress | None, assess: bool,
           sources: dict[str, Path] | None = None, seen: dict | None = None) -> ConsolidationResult:
    """Merge, write the master and, once it is written, archive the files it now logs (``sources``: where
    the bytes of a file shown under another name are, e.g. a form unpacked from a zip archive)."""
    now = now or dt.datetime.now().replace(microsecond=0)
    with paused_gc():
        merge = Merge(plan, state.data, state.narratives, state.log, state.problems, now)
    log_before, data_before = len(merge.log), len(merge.data)
    files = merge.add(subs)
    result = ConsolidationResult(master, files, merge.changes, dry_run=dry_run)
    if dry_run or len(merge.log) == log_before:
        return result  # a dry run, or every file already imported: nothing to write
    if progress:
        progress("write", 0, 1)
    tracking, tracked = tracking_rows(plan, merge.log, log_before, now, index)
    layouts = {name: state.layout(name) for name in _TABLES}
    touched = {row.key for row in merge.data[data_before:]}  # (series, unit, year) of the values this run changed
    written: dict = {}
    result.backup = atomic_write(master, lambda tmp: written.update(
        _write(master, tmp, plan, merge, tracking, result, assess, layouts, index, touched, seen)))
    result.written = True
    write_index.save(master, plan, written["tables"], written["province"], tracked)
    logged = {row.sha256 for row in merge.log[log_before:]}
    sources = sources or {}
    for f in files:
        source = sources.get(f.file, Path(f.file))
        if f.result != "duplicate" and f.sha256 in logged and source.is_file():
            result.archived += archive(master, source, f.sha256) is not None
    if progress:
        progress("write", 1, 1)
    return result


def _write(master: Path, tmp: Path, plan: Plan, merge: Merge, tracking: list[dict],
           result: ConsolidationResult, assess: bool, layouts: dict, index: WriteIndex | None,
           touched: set[tuple], seen: dict | None = None) -> dict:
    """Write the new master to ``tmp``: the tables (row segments that come again copied from the
    master's package), and the assessment of the touched series (of every series without an index)."""
    from workbook.package import Table, load_without, save_with_tables

    from workbook.tracking import highlight_late_and_missing

    # the sheets the assessment rewrites anyway (Hướng dẫn carries its method) are not parsed first
    assessment_sheets = [GUIDE.name, ASSESSMENT_VIEW.name, ASSESSMENT.name, CHARTS.name] if assess else []
    with paused_gc():
        data, problems = _records(merge.data, index), _records(merge.problems, index)
        _add_labels(plan, data, problems)
        tables = [Table(layouts["data"], data, _subtitle(plan), extra=_status_choices),
                  Table(layouts["narratives"], narrative_records(merge.narratives, index), _subtitle(plan)),
                  Table(SUBMISSIONS, tracking, _deadline_note(plan), extra=highlight_late_and_missing),
                  Table(layouts["log"], _records(merge.log, index), _subtitle(plan)),
                  Table(layouts["problems"], problems, _subtitle(plan), index=10_000)]
    wb = load_without(master, [t.layout.name for t in tables] + assessment_sheets)
    province = None
    if assess:
        done = assess_touched(plan, merge.data, touched, index)
        if done is None:
            assessments, province = assess_all_series(plan, merge.data)
            rows = [assessment_record(plan, a) for a in assessments]
        else:
            assessments, rows, province = done
        refresh_workbook(wb, plan, assessments=assessments, table=False)
        tables.insert(2, assessment_table(wb, plan, rows))
        result.assessed = True
    _unchanged_since_read(master, seen)
    previous = write_index.raw_parts(master, index, _sheet_parts(master)) if index is not None else None
    return {"tables": save_with_tables(wb, tables, tmp, previous), "province": province}


def _records(rows: list, index: WriteIndex | None) -> list:
    """Each row's cells: as the index holds them for a row read from it and not changed, else its record."""
    if index is None:
        return [r.record() for r in rows]
    cells = index.cells_of
    return [cells(r) or r.record() for r in rows]


def narrative_records(rows: list[NarrativeRow], index: WriteIndex | None = None) -> list:
    """Thuyết minh rows as written: a text longer than a cell holds goes on over the next rows,
    its parts numbered in "Phần" (:func:`workbook.state.join_narrative_parts` joins them again)."""
    out = []
    for row in rows:
        cells = index.cells_of(row) if index is not None else None
        if cells is not None:
            out.append(cells)
            continue
        rec = row.record()
        parts = split_cells(rec["text"]) if isinstance(rec.get("text"), str) else [rec.get("text")]
        if len(parts) == 1:
            out.append(rec)
            continue
        out.extend({**rec, "text": part, "part": n} for n, part in enumerate(parts, start=1))
    return out


def _sheet_parts(master: Path) -> dict[str, str]:
    import zipfile

    from bdg.ooxml import sheet_parts

    with zipfile.ZipFile(master) as z:
        return sheet_parts(z)


def assessment_table(wb, plan: Plan, rows: list) -> "Table":
    """Đánh giá chi tiết as a streamed table (one row per series, unit and year)."""
    from workbook.assessment_sheet import fresh_index, subtitle, table_status_rules
    from workbook.package import Table

    index = None if ASSESSMENT.name in wb.sheetnames else fresh_index(wb, ASSESSMENT)
    return Table(ASSESSMENT, rows, subtitle(plan), index=index, extra=table_status_rules)


def _add_labels(plan: Plan, data: list[dict], problems: list[dict]) -> None:
    """The columns people read beside the codes (rows written before they existed get them too):
    each value's unit of measure, each problem's Vietnamese name from the problem catalogue."""
    from templates.intake.problems import LABELS

    units = {s.code: s.unit for s in plan.series}
    data, problems = [r for r in data if type(r) is dict], [r for r in problems if type(r) is dict]
    for rec in data:
        if not rec.get("series_unit"):
            rec["series_unit"] = units.get(text(rec.get("code")))
    for rec in problems:
        if not rec.get("problem_label"):
            rec["problem_label"] = LABELS.get(text(rec.get("problem")))


def _status_choices(ws, first: int, last: int) -> None:
    """A drop-down of the three statuses on Trạng thái (to settle a conflict by hand)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    col = get_column_letter(DATA.col_index("status"))
    dv = DataValidation(type="list", formula1=f'"{STATUS_ACTIVE},{STATUS_SUPERSEDED},{STATUS_CONFLICT}"',
                        allow_blank=True, showErrorMessage=True, errorTitle="Trạng thái",
                        error=f"Chọn {STATUS_ACTIVE}, {STATUS_SUPERSEDED} hoặc {STATUS_CONFLICT}.")
    dv.add(f"{col}{first}:{col}{last}")
    ws.add_data_validation(dv)


def _subtitle(plan: Plan) -> str:
    return f"{plan.name} ({plan.decision.number} ngày {plan.decision.date:%d/%m/%Y})"


def _deadline_note(plan: Plan) -> str:
    d = plan.report_deadline
    return (f"Hạn nộp báo cáo hằng năm: trước ngày {d.day:02d}/{d.month:02d}. Trang này được lập lại sau mỗi lần "
            "tổng hợp, theo Nhật ký.")

