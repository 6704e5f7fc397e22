"""Merge new submissions into the master's rows: superseding, ties, conflicts and import counts.

The rules (also in docs/consolidation.md):

* A file already in Nhật ký (same SHA-256) is a duplicate: nothing changes.
* A file whose figures and narratives equal those in force for its agency, unit and year is
  logged as unchanged and adds no rows (idempotent by content).
* For one series, unit and year, the rows of one agency are ordered by their submission:
  dated before undated, then report date (else last-saved time), then last-saved time, then
  time received. The last is in force (``Hiệu lực``); the others are kept as ``Đã thay thế``.
  So import order does not matter, a tie on the report date is settled by the later saved (then
  received) file and flagged, and an undated file never replaces a dated one (flagged).
* When two agencies have a row in force for the same series, unit and year, both become
  ``Xung đột`` and neither is used until someone marks the wrong one ``Đã thay thế``.
* Narratives follow the same order per agency, unit, year, objective and kind.

Counts follow DHIS2's import summary: *imported* (a value where none was in force), *updated*
(a different value now in force), *unchanged* (same value, or an older submission kept as
history) and *rejected* (values with errors, kept out of Số liệu and listed in Lỗi và cảnh báo).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from bdg.plan import Plan
from bdg.submission import Problem, Submission
from templates.intake.inbox import shown_name
from templates.intake.problems import is_not_accepted
from workbook import records as R
from workbook.layout import STATUS_ACTIVE, STATUS_CONFLICT, STATUS_SUPERSEDED
from workbook.rows import LogRow, NarrativeRow, ProblemRow, ValueRow, int_or_none, norm, text, time_or_none

RESULT_LABELS = {
    "imported": "Đã nhập",
    "partly-rejected": "Đã nhập, có giá trị bị từ chối",
    "unchanged": "Không thay đổi",
    "older": "Bản cũ hơn, lưu làm lịch sử",
    "rejected": "Bị từ chối",
    "empty": "Không có số liệu",
    "unreadable": "Không đọc được",
    "not-accepted": "Không nhận",  # a form of another plan, year, agency or unit (templates.intake.problems)
    "duplicate": "Đã nhập trước đó",
}
RESULT_CODES = {label: code for code, label in RESULT_LABELS.items()}
SUBMITTED = ("imported", "partly-rejected", "unchanged", "older", "rejected")  # results that count as a report
IMPORTED = ("imported", "partly-rejected", "unchanged", "older")  # content taken in: the file is known
_MIN = dt.datetime.min


@dataclass
class Entry:
    """One submission the master knows (a Nhật ký row), with what orders it among its group's."""

    sha: str
    file: str
    agency: str
    unit: str
    year: int | None
    report_time: dt.datetime | None
    saved_at: dt.datetime | None
    received_at: dt.datetime | None
    seq: int = 0

    def order(self) -> tuple:
        return (self.report_time is not None, self.report_time or _MIN, self.saved_at or _MIN,
                self.received_at or _MIN, self.seq)


@dataclass
class FileResult:
    """What happened to one file (one Nhật ký row)."""

    file: str
    sha256: str | None
    result: str
    agency: str | None = None
    unit: str | None = None
    year: int | None = None
    report_time: dt.datetime | None = None
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    conflicts: int = 0
    narratives: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return RESULT_LABELS[self.result]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    def flat(self) -> dict:
        return {"file": Path(self.file).name, "sha256": self.sha256, "agency": self.agency, "unit": self.unit,
                "year": self.year, "result": self.result, "imported": self.imported, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected, "conflicts": self.conflicts,
                "narratives": self.narratives, "errors": self.errors, "warnings": self.warnings}


@dataclass(frozen=True)
class Change:
    """A value whose in-force state changes: ``new``, ``update`` or ``conflict``."""

    kind: str
    code: str
    unit: str
    year: int
    agency: str
    old: object
    new: object
    file: str


class Merge:
    """The master's rows in memory; :meth:`add` merges submissions into them.

    Rows are frozen (:mod:`workbook.rows`): the indexes hold positions in :attr:`data` and
    :attr:`narratives`, and settling a group replaces its rows with their new status.
    """

    def __init__(self, plan: Plan, data: list[ValueRow], narratives: list[NarrativeRow], log: list[LogRow],
                 problems: list[ProblemRow], now: dt.datetime):
        self.plan, self.now = plan, now
        self.look = R.Lookup(plan)
        self.data, self.narratives, self.log, self.problems = list(data), list(narratives), list(log), list(problems)
        self.changes: list[Change] = []
        self.by_key: dict[tuple, list[int]] = defaultdict(list)  # positions in self.data
        self.by_sha: dict[str, list[int]] = defaultdict(list)
        self.narr_by_key: dict[tuple, list[int]] = defaultdict(list)  # positions in self.narratives
        self.narr_by_sha: dict[str, list[int]] = defaultdict(list)
        for i, row in enumerate(self.data):
            self.by_key[row.key].append(i)
            self.by_sha[row.sha256].append(i)
        for i, row in enumerate(self.narratives):
            self.narr_by_key[row.key].append(i)
            self.narr_by_sha[row.sha256].append(i)
        self.entries: dict[str, Entry] = {}
        self.groups: dict[tuple, list[Entry]] = defaultdict(list)
        self.known: set[str] = set(self.by_sha) | set(self.narr_by_sha)
        self.logged: dict[str, tuple] = {}  # sha → (agency, unit, year) of every logged file
        self.judged: set[str] = set()  # logged but not imported (rejected, unreadable, empty)
        for i, row in enumerate(self.log):
            year = int_or_none(row.year)
            if RESULT_CODES.get(row.result) in IMPORTED:
                self.known.add(row.sha256)
            else:  # a rejected or unreadable file is read and judged again, logged again only if imported
                self.judged.add(row.sha256)
            self.logged[row.sha256] = (row.agency or None, row.unit_code or None, year)
            if RESULT_CODES.get(row.result) in SUBMITTED:
                self._remember(Entry(row.sha256, text(row.file), row.agency, row.unit_code, year,
                                     time_or_none(row.report_date), time_or_none(row.saved_at),
                                     time_or_none(row.time), i))
        self.known.discard("")

    # --- the run -------------------------------------------------------------------------
    def add(self, subs: list[Submission]) -> list[FileResult]:
        """Merge submissions (older first, whatever their order); one result per submission, in order."""
        results: list[FileResult | None] = [None] * len(subs)
        fresh = []
        first: dict[str, int] = {}  # sha → the first submission of this run carrying it
        copies: list[tuple[int, str]] = []
        for i, sub in enumerate(subs):
            if sub.sha256 is None and not sub.readable:  # not found or not readable at all: nothing received
                results[i] = self._result(sub, None, "unreadable")
                continue
            sha = sub.sha256 or R.content_sha(sub)
            if sha in first:
                copies.append((i, sha))
                continue
            if sha in self.known:
                results[i] = self._result(sub, sha, "duplicate")
                continue
            first[sha] = i
            if not sub.readable:
                refused = "not-accepted" if is_not_accepted(sub) else "unreadable"
                results[i] = self._logged(sub, sha, self._result(sub, sha, refused))
                continue
            m = sub.meta
            entry = Entry(sha, str(sub.path), m.agency, m.unit, m.year, sub.report_time, m.saved_at, self.now,
                          len(self.log) + i)
            fresh.append((entry, i, sub))
        for entry, i, sub in sorted(fresh, key=lambda t: t[0].order()):
            results[i] = self._merge(sub, entry)
        for i, sha in copies:  # a byte-identical copy: imported once; a rejected one is just as rejected
            original = results[first[sha]]
            imported = original is not None and original.result in IMPORTED
            results[i] = self._result(subs[i], sha, "duplicate" if imported else original.result)
        self.known.update(sha for sha, i in first.items() if results[i] is not None and results[i].result in IMPORTED)
        return results  # type: ignore[return-value]

    def _merge(self, sub: Submission, entry: Entry) -> FileResult:
        sha = entry.sha
        res = self._result(sub, sha, "imported")
        file_errors = [p for p in sub.errors if not p.series]
        res.rejected = len({p.series for p in sub.errors if p.series})
        values = [] if file_errors else [v for v in sub.values if v.value is not None]
        narrs = [] if file_errors else list(sub.narratives)
        if file_errors:
            res.notes.append(file_errors[0].message)
        if not values and not narrs:
            res.result = "rejected" if sub.errors else "empty"
            self._remember(entry)
            return self._logged(sub, sha, res)
        name = shown_name(sub.path)  # a form from a zip archive: the archive named too
        new_values = [R.value_record(self.look, sub, v, sha=sha, received_at=self.now, file_name=name)
                      for v in values]
        new_narrs = [R.narrative_record(sub, n, sha=sha, file_name=name) for n in narrs]
        winner = self._group_winner(entry)
        self._remember(entry)
        if winner is not None and self._same_content(winner, new_values, new_narrs):
            res.result, res.unchanged = "unchanged", len(new_values)
            res.notes.append(f"Số liệu và thuyết minh giống hệt tệp đã nhập '{Path(winner.file).name}'.")
            return self._logged(sub, sha, res)
        before = {row.key: self._in_force(row.key) for row in new_values}
        first = len(self.data)
        for row in new_values:
            self.by_key[row.key].append(len(self.data))
            self.by_sha[sha].append(len(self.data))
            self.data.append(row)
        for key in before:
            self._settle(key)
        first_narr = len(self.narratives)
        for row in new_narrs:
            self.narr_by_key[row.key].append(len(self.narratives))
            self.narr_by_sha[sha].append(len(self.narratives))
            self.narratives.append(row)
        for key in {row.key for row in new_narrs}:
            self._settle_narratives(key)
        res.narratives = sum(row.status == STATUS_ACTIVE for row in self.narratives[first_narr:])
        self._count(res, self.data[first:], before, entry)
        return self._logged(sub, sha, res)

    def _count(self, res: FileResult, new_values: list[ValueRow], before: dict, entry: Entry) -> None:
        for row in new_values:
            key = row.key
            old = before[key]
            if row.status == STATUS_SUPERSEDED:
                res.unchanged += 1
                continue
            if old is None:
                res.imported += 1
                kind = "new"
            elif old == row.figures():
                res.unchanged += 1
                kind = None
            else:
                res.updated += 1
                kind = "update"
            if row.status == STATUS_CONFLICT:
                res.conflicts += 1
                kind = "conflict"
            if kind:
                self.changes.append(Change(kind, key[0], key[1], key[2], entry.agency,
                                           None if old is None else old[1], norm(row.value), entry.file))
        if new_values and all(row.status == STATUS_SUPERSEDED for row in new_values):
            res.result = "older"
            res.notes.append("Tệp có ngày báo cáo cũ hơn bản đang dùng nên được lưu làm lịch sử.")
        elif res.imported + res.updated == 0 and res.narratives == 0:
            res.result = "unchanged"
        elif res.rejected:
            res.result = "partly-rejected"
        if res.rejected:
            res.notes.insert(0, f"{res.rejected} chỉ tiêu bị từ chối do lỗi (xem trang Lỗi và cảnh báo).")
        if res.conflicts:
            res.notes.append(f"{res.conflicts} giá trị xung đột với số liệu của cơ quan khác.")
        notes = {row.resolution for row in new_values if row.resolution}
        res.notes.extend(sorted(notes)[:2])

    # --- ordering and settling -----------------------------------------------------------
    def _order(self, row: ValueRow | NarrativeRow) -> tuple:
        entry = self.entries.get(row.sha256)
        if entry is not None:
            return entry.order()
        report = time_or_none(getattr(row, "report_date", None))
        return (report is not None, report or _MIN, _MIN, time_or_none(getattr(row, "received_at", None)) or _MIN, -1)

    def _entry(self, row: ValueRow) -> Entry:
        return self.entries.get(row.sha256) or Entry(row.sha256, text(row.source_file), row.agency, "", None,
                                                     time_or_none(row.report_date), None,
                                                     time_or_none(row.received_at))

    def _in_force(self, key: tuple) -> tuple | None:
        active = [self.data[i] for i in self.by_key.get(key, ()) if self.data[i].status == STATUS_ACTIVE]
        return active[-1].figures() if active else None

    def _settle(self, key: tuple) -> None:
        by_agency: dict[str, list[int]] = defaultdict(list)
        for i in self.by_key[key]:
            by_agency[self.data[i].agency].append(i)
        winners = []
        for positions in by_agency.values():
            positions.sort(key=lambda i: self._order(self.data[i]))
            rows = [self.data[i] for i in positions]
            last = len(rows) - 1
            for n, i in enumerate(positions):
                self._set(i, STATUS_SUPERSEDED if n < last else STATUS_ACTIVE,
                          self._why(rows[n], rows[n + 1] if n < last else None, rows[n - 1] if n else None))
            winners.append(positions[-1])
        if len(winners) > 1:
            names = ", ".join(self._agency_name(self.data[i].agency) for i in winners)
            code, unit, year = key
            note = (f"Xung đột: {names} cùng báo cáo chỉ tiêu {code}, đơn vị {unit}, năm {year}; chưa giá trị nào "
                    "được dùng. Hãy xác định số liệu đúng rồi đổi Trạng thái của dòng sai thành "
                    f"'{STATUS_SUPERSEDED}'.")
            for i in winners:
                self._set(i, STATUS_CONFLICT, "\n".join(x for x in (self.data[i].resolution, note) if x))

    def _set(self, i: int, status: str, resolution: str | None) -> None:
        row = self.data[i]
        if row.status != status or row.resolution != resolution:
            self.data[i] = replace(row, status=status, resolution=resolution)

    def _settle_narratives(self, key: tuple) -> None:
        positions = sorted(self.narr_by_key[key], key=lambda i: self._order(self.narratives[i]))
        for n, i in enumerate(positions):
            status = STATUS_SUPERSEDED if n < len(positions) - 1 else STATUS_ACTIVE
            if self.narratives[i].status != status:
                self.narratives[i] = replace(self.narratives[i], status=status)

    def _why(self, row: ValueRow, newer: ValueRow | None, older: ValueRow | None) -> str | None:
        """The resolution note of one row, given the row after it (if superseded) and before it."""
        me = self._entry(row)
        if newer is not None:
            other = self._entry(newer)
            if me.report_time is None and other.report_time is not None:
                return ("Không có ngày báo cáo (và thời điểm lưu tệp) nên không thay thế được bản có ngày báo cáo "
                        f"(tệp '{Path(other.file).name}'). Nếu đây là bản mới hơn, hãy ghi ngày báo cáo vào biểu "
                        "mẫu và gửi lại.")
            if me.report_time is not None and me.report_time == other.report_time:
                return (f"Cùng ngày báo cáo {_show(me.report_time)} với tệp '{Path(other.file).name}'; "
                        f"dùng tệp đó vì {_tie_reason(other, me)}.")
            return f"Được thay thế bởi tệp '{Path(other.file).name}' (ngày báo cáo {_show(other.report_time)})."
        if older is not None:
            other = self._entry(older)
            if me.report_time is None:
                return "Không có ngày báo cáo (và thời điểm lưu tệp): dùng bản nhận vào sổ sau cùng."
            if me.report_time == other.report_time:
                return (f"Cùng ngày báo cáo {_show(me.report_time)} với tệp '{Path(other.file).name}'; "
                        f"dùng tệp này vì {_tie_reason(me, other)}.")
            return None
        if me.report_time is None:
            return "Không có ngày báo cáo (và thời điểm lưu tệp)."
        return None

    def _remember(self, entry: Entry) -> None:
        self.entries[entry.sha] = entry
        self.groups[(entry.agency, entry.unit, entry.year)].append(entry)

    def _group_winner(self, entry: Entry) -> Entry | None:
        """The newest submission of the entry's agency, unit and year that has rows."""
        candidates = [e for e in self.groups.get((entry.agency, entry.unit, entry.year), ())
                      if self.by_sha.get(e.sha) or self.narr_by_sha.get(e.sha)]
        return max(candidates, key=Entry.order, default=None)

    def _same_content(self, winner: Entry, values: list[ValueRow], narrs: list[NarrativeRow]) -> bool:
        mine = ({r.key: r.figures() for r in values}, {r.key: norm(r.text) for r in narrs})
        theirs = ({self.data[i].key: self.data[i].figures() for i in self.by_sha.get(winner.sha, ())},
                  {self.narratives[i].key: norm(self.narratives[i].text) for i in self.narr_by_sha.get(winner.sha, ())})
        return mine == theirs

    # --- rows of Nhật ký and Lỗi và cảnh báo ------------------------------------------------
    def _result(self, sub: Submission, sha: str | None, result: str) -> FileResult:
        m = sub.meta
        who = (m.agency, m.unit, m.year) if m else self.logged.get(sha, (None, None, None))
        res = FileResult(str(sub.path), sha, result, *who, sub.report_time, problems=list(sub.problems))
        if result in ("unreadable", "not-accepted") and sub.problems:
            res.notes.append(sub.problems[0].message)
        return res

    def _logged(self, sub: Submission, sha: str, res: FileResult) -> FileResult:
        if sha in self.judged and res.result not in IMPORTED:
            return res  # judged the same way before: already in Nhật ký, nothing new to write
        m = sub.meta
        self.log.append(LogRow(
            time=self.now, file=str(sub.path), sha256=sha or "", agency=res.agency or "", unit_code=res.unit or "",
            year=res.year, result=res.label, imported=res.imported, updated=res.updated, unchanged=res.unchanged,
            rejected=res.rejected, message=" ".join(res.notes) or None, report_date=sub.report_time,
            saved_at=m.saved_at if m else None, errors=res.errors, warnings=res.warnings))
        self.problems.extend(R.problem_record(sub, p, sha=sha, received_at=self.now) for p in sub.problems)
        return res

    def _agency_name(self, code: str) -> str:
        found = next((a for a in self.plan.agencies if a.code == code), None)
        return found.name if found else code


def _tie_reason(newer: Entry, older: Entry) -> str:
    if newer.saved_at and older.saved_at and newer.saved_at != older.saved_at:
        return f"tệp được lưu sau ({_show(newer.saved_at)})"
    return "tệp được nhận vào sổ sau"


def _show(moment: dt.datetime | None) -> str:
    if moment is None:
        return "(không có)"
    return f"{moment:%d/%m/%Y}" if moment.time() == dt.time() else f"{moment:%d/%m/%Y %H:%M}"
