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
from dataclasses import dataclass, field
from pathlib import Path

from bdg.plan import Plan
from bdg.submission import Problem, Submission
from workbook import records as R
from workbook.layout import STATUS_ACTIVE, STATUS_CONFLICT, STATUS_SUPERSEDED

RESULT_LABELS = {
    "imported": "Đã nhập",
    "partly-rejected": "Đã nhập, có giá trị bị từ chối",
    "unchanged": "Không thay đổi",
    "older": "Bản cũ hơn, lưu làm lịch sử",
    "rejected": "Bị từ chối",
    "empty": "Không có số liệu",
    "unreadable": "Không đọc được",
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
    """The master's rows in memory; :meth:`add` merges submissions into them."""

    def __init__(self, plan: Plan, data: list[dict], narratives: list[dict], log: list[dict],
                 problems: list[dict], now: dt.datetime):
        self.plan, self.now = plan, now
        self.look = R.Lookup(plan)
        self.data, self.narratives, self.log, self.problems = data, narratives, log, problems
        self.changes: list[Change] = []
        self.by_key: dict[tuple, list[dict]] = defaultdict(list)
        self.by_sha: dict[str, list[dict]] = defaultdict(list)
        self.narr_by_key: dict[tuple, list[dict]] = defaultdict(list)
        self.narr_by_sha: dict[str, list[dict]] = defaultdict(list)
        for rec in data:
            self.by_key[R.key_of(rec)].append(rec)
            self.by_sha[R.text(rec.get("sha256"))].append(rec)
        for rec in narratives:
            self.narr_by_key[R.narrative_key(rec)].append(rec)
            self.narr_by_sha[R.text(rec.get("sha256"))].append(rec)
        self.entries: dict[str, Entry] = {}
        self.groups: dict[tuple, list[Entry]] = defaultdict(list)
        self.known: set[str] = set(self.by_sha) | set(self.narr_by_sha)
        self.logged: dict[str, tuple] = {}  # sha → (agency, unit, year) of every logged file
        self.judged: set[str] = set()  # logged but not imported (rejected, unreadable, empty)
        for i, row in enumerate(log):
            sha = R.text(row.get("sha256"))
            if RESULT_CODES.get(R.text(row.get("result"))) in IMPORTED:
                self.known.add(sha)
            else:  # a rejected or unreadable file is read and judged again, logged again only if imported
                self.judged.add(sha)
            self.logged[sha] = (R.text(row.get("agency")) or None, R.text(row.get("unit_code")) or None,
                                R.year_of(row.get("year")))
            if RESULT_CODES.get(R.text(row.get("result"))) in SUBMITTED:
                self._remember(Entry(sha, R.text(row.get("file")), R.text(row.get("agency")),
                                     R.text(row.get("unit_code")), R.year_of(row.get("year")),
                                     R.when(row.get("report_date")), R.when(row.get("saved_at")),
                                     R.when(row.get("time")), i))
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
                results[i] = self._logged(sub, sha, self._result(sub, sha, "unreadable"))
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
        name = Path(sub.path).name
        new_values = [R.value_record(self.look, sub, v, sha=sha, received_at=self.now, file_name=name)
                      for v in values]
        new_narrs = [R.narrative_record(sub, n, sha=sha, file_name=name) for n in narrs]
        winner = self._group_winner(entry)
        self._remember(entry)
        if winner is not None and self._same_content(winner, new_values, new_narrs):
            res.result, res.unchanged = "unchanged", len(new_values)
            res.notes.append(f"Số liệu và thuyết minh giống hệt tệp đã nhập '{Path(winner.file).name}'.")
            return self._logged(sub, sha, res)
        before = {R.key_of(rec): self._in_force(R.key_of(rec)) for rec in new_values}
        for rec in new_values:
            self.data.append(rec)
            self.by_key[R.key_of(rec)].append(rec)
            self.by_sha[sha].append(rec)
        for key in before:
            self._settle(key)
        for rec in new_narrs:
            self.narratives.append(rec)
            self.narr_by_key[R.narrative_key(rec)].append(rec)
            self.narr_by_sha[sha].append(rec)
        for key in {R.narrative_key(rec) for rec in new_narrs}:
            self._settle_narratives(key)
        res.narratives = sum(rec["status"] == STATUS_ACTIVE for rec in new_narrs)
        self._count(res, new_values, before, entry)
        return self._logged(sub, sha, res)

    def _count(self, res: FileResult, new_values: list[dict], before: dict, entry: Entry) -> None:
        for rec in new_values:
            key = R.key_of(rec)
            old = before[key]
            if rec["status"] == STATUS_SUPERSEDED:
                res.unchanged += 1
                continue
            if old is None:
                res.imported += 1
                kind = "new"
            elif old == R.figures(rec):
                res.unchanged += 1
                kind = None
            else:
                res.updated += 1
                kind = "update"
            if rec["status"] == STATUS_CONFLICT:
                res.conflicts += 1
                kind = "conflict"
            if kind:
                self.changes.append(Change(kind, key[0], key[1], key[2], entry.agency,
                                           None if old is None else old[1], R.norm(rec.get("value")), entry.file))
        if new_values and all(rec["status"] == STATUS_SUPERSEDED for rec in new_values):
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
        notes = {rec["resolution"] for rec in new_values if rec.get("resolution")}
        res.notes.extend(sorted(notes)[:2])

    # --- ordering and settling -----------------------------------------------------------
    def _order(self, rec: dict) -> tuple:
        entry = self.entries.get(R.text(rec.get("sha256")))
        if entry is not None:
            return entry.order()
        report = R.when(rec.get("report_date"))
        return (report is not None, report or _MIN, _MIN, R.when(rec.get("received_at")) or _MIN, -1)

    def _entry(self, rec: dict) -> Entry:
        sha = R.text(rec.get("sha256"))
        return self.entries.get(sha) or Entry(sha, R.text(rec.get("source_file")), R.text(rec.get("agency")), "",
                                              None, R.when(rec.get("report_date")), None,
                                              R.when(rec.get("received_at")))

    def _in_force(self, key: tuple) -> tuple | None:
        active = [r for r in self.by_key.get(key, ()) if R.text(r.get("status")) == STATUS_ACTIVE]
        return R.figures(active[-1]) if active else None

    def _settle(self, key: tuple) -> None:
        by_agency: dict[str, list[dict]] = defaultdict(list)
        for rec in self.by_key[key]:
            by_agency[R.text(rec.get("agency"))].append(rec)
        winners = []
        for recs in by_agency.values():
            recs.sort(key=self._order)
            for i, rec in enumerate(recs):
                rec["status"] = STATUS_SUPERSEDED if i < len(recs) - 1 else STATUS_ACTIVE
                rec["resolution"] = self._why(rec, recs[i + 1] if i < len(recs) - 1 else None,
                                             recs[i - 1] if i else None)
            winners.append(recs[-1])
        if len(winners) > 1:
            names = ", ".join(self._agency_name(R.text(w.get("agency"))) for w in winners)
            code, unit, year = key
            for w in winners:
                w["status"] = STATUS_CONFLICT
                note = (f"Xung đột: {names} cùng báo cáo chỉ tiêu {code}, đơn vị {unit}, năm {year}; chưa giá trị nào "
                        "được dùng. Hãy xác định số liệu đúng rồi đổi Trạng thái của dòng sai thành "
                        f"'{STATUS_SUPERSEDED}'.")
                w["resolution"] = "\n".join(x for x in (w.get("resolution"), note) if x)

    def _settle_narratives(self, key: tuple) -> None:
        recs = sorted(self.narr_by_key[key], key=self._order)
        for i, rec in enumerate(recs):
            rec["status"] = STATUS_SUPERSEDED if i < len(recs) - 1 else STATUS_ACTIVE

    def _why(self, rec: dict, newer: dict | None, older: dict | None) -> str | None:
        """The resolution note of one row, given the row after it (if superseded) and before it."""
        me = self._entry(rec)
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

    def _same_content(self, winner: Entry, values: list[dict], narrs: list[dict]) -> bool:
        mine = ({R.key_of(r): R.figures(r) for r in values},
                {R.narrative_key(r): R.norm(r.get("text")) for r in narrs})
        theirs = ({R.key_of(r): R.figures(r) for r in self.by_sha.get(winner.sha, ())},
                  {R.narrative_key(r): R.norm(r.get("text")) for r in self.narr_by_sha.get(winner.sha, ())})
        return mine == theirs

    # --- rows of Nhật ký and Lỗi và cảnh báo ------------------------------------------------
    def _result(self, sub: Submission, sha: str | None, result: str) -> FileResult:
        m = sub.meta
        who = (m.agency, m.unit, m.year) if m else self.logged.get(sha, (None, None, None))
        res = FileResult(str(sub.path), sha, result, *who, sub.report_time, problems=list(sub.problems))
        if result == "unreadable" and sub.problems:
            res.notes.append(sub.problems[0].message)
        return res

    def _logged(self, sub: Submission, sha: str, res: FileResult) -> FileResult:
        if sha in self.judged and res.result not in IMPORTED:
            return res  # judged the same way before: already in Nhật ký, nothing new to write
        m = sub.meta
        self.log.append({
            "time": self.now, "file": str(sub.path), "sha256": sha, "agency": res.agency, "unit_code": res.unit,
            "year": res.year, "result": res.label, "imported": res.imported, "updated": res.updated,
            "unchanged": res.unchanged, "rejected": res.rejected, "message": " ".join(res.notes) or None,
            "report_date": sub.report_time, "saved_at": m.saved_at if m else None,
            "errors": res.errors, "warnings": res.warnings,
        })
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
