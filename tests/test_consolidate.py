"""Consolidation rules on submissions built in the tests: provenance, idempotency, superseding
with history, ties and missing dates, conflicts, rejected values, archive, log and dry run."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path

import pytest

from bdg.errors import BdgError
from bdg.submission import Problem, Submission
from consolidate_helpers import NOW, by_status, master, rows, submission, tables
from workbook.archive import archive_path, master_lock
from workbook.consolidate import consolidate_submissions
from workbook.layout import STATUS_ACTIVE, STATUS_CONFLICT, STATUS_SUPERSEDED
from workbook.master import create_master
from workbook.state import read_master
from workbook.storage import MasterBusyError

A, S, C = STATUS_ACTIVE, STATUS_SUPERSEDED, STATUS_CONFLICT
KEY = ("3.1", "TINH", 2012)


def run(path, subs, plan, **kw):
    kw.setdefault("now", NOW)
    kw.setdefault("assess", False)
    return consolidate_submissions(path, subs, plan, **kw)


def literacy(plan, tmp_path, name, literate, *, date=None, saved=None, agency="SGDDT", narratives=None):
    return submission(plan, tmp_path, name, agency, "TINH", 2012, {"3.1": [literate, 100]},
                      report_date=date, saved_at=saved, narratives=narratives)


def test_values_land_with_provenance(plan, tmp_path):
    m = master(plan, tmp_path)
    sub = submission(plan, tmp_path, "2012_STP_TINH.xlsx", "STP", "TINH", 2012,
                     {"6.2a": [30, 40], "7.1": [3, 12]}, report_date=dt.date(2012, 11, 2),
                     saved_at=dt.datetime(2012, 11, 2, 15, 5))
    result = run(m, [sub], plan)
    assert result.flatten(["file", "agency", "unit", "year", "result", "imported", "updated", "unchanged",
                           "rejected"]) == [["2012_STP_TINH.xlsx", "STP", "TINH", 2012, "imported", 2, 0, 0, 0]]
    assert result.exit_code == 0 and result.written
    data = {r["code"]: r for r in rows(m)}
    r = data["6.2a"]
    spec = plan.series_by_code("6.2a").inputs
    assert r["inputs_desc"] == f"{spec[0].label} = 30; {spec[1].label} = 40"
    assert (r["input_1"], r["input_2"], r["value"]) == (30, 40, 75)
    assert (r["unit_code"], r["unit_name"], int(r["year"]), r["agency"]) == ("TINH", plan.unit("TINH").name, 2012, "STP")
    assert (r["status"], r["source_file"], r["source_cell"], r["sha256"]) == (A, "2012_STP_TINH.xlsx", "Biểu mẫu!H10",
                                                                            sub.sha256)
    assert r["received_at"] == NOW and r["report_date"].timetuple()[:3] == (2012, 11, 2)
    assert r["series_name"] == plan.series_by_code("6.2a").name and r["data_source"] == "Thống kê"
    assert len({r["record_id"] for r in data.values()}) == 2


def test_the_same_file_twice_changes_nothing(plan, tmp_path):
    m = master(plan, tmp_path)
    sub = literacy(plan, tmp_path, "a.xlsx", 80, date=dt.date(2012, 11, 1))
    run(m, [sub], plan)
    before = m.read_bytes()
    backups = sorted((tmp_path / "sao-luu").iterdir())
    again = run(m, [sub, sub], plan, now=NOW + dt.timedelta(days=1))
    assert [f.result for f in again.files] == ["duplicate", "duplicate"]
    assert again.files[0].agency == "SGDDT" and not again.written and again.exit_code == 0
    assert m.read_bytes() == before and sorted((tmp_path / "sao-luu").iterdir()) == backups


def test_the_same_content_in_another_file_adds_no_rows(plan, tmp_path):
    m = master(plan, tmp_path)
    run(m, [literacy(plan, tmp_path, "a.xlsx", 80, date=dt.date(2012, 11, 1))], plan)
    resaved = literacy(plan, tmp_path, "a-resaved.xlsx", 80, date=dt.date(2012, 11, 1),
                       saved=dt.datetime(2012, 11, 3, 8))
    result = run(m, [resaved], plan)
    assert result.flatten(["result", "imported", "updated", "unchanged"]) == [["unchanged", 0, 0, 1]]
    assert by_status(m)[KEY] == [(A, 80, "SGDDT", "a.xlsx")]
    assert [r["result"] for r in rows(m, "log")] == ["Đã nhập", "Không thay đổi"]


def test_a_newer_submission_supersedes_and_history_stays_whatever_the_import_order(plan, tmp_path):
    subs = [literacy(plan, tmp_path, f"v{i}.xlsx", v, date=d) for i, (v, d) in
            enumerate([(80, dt.date(2012, 11, 1)), (85, dt.date(2012, 11, 5)), (83, dt.date(2012, 11, 3))])]
    outcomes = set()
    for k, order in enumerate(itertools.permutations(subs)):
        folder = tmp_path / f"m{k}"
        folder.mkdir()
        m = master(plan, folder)
        for sub in order:  # one file per run
            run(m, [sub], plan)
        state = sorted((r["source_file"], r["status"], r["value"]) for r in rows(m))
        outcomes.add(tuple(state))
    assert outcomes == {(("v0.xlsx", S, 80), ("v1.xlsx", A, 85), ("v2.xlsx", S, 83))}
    data = {r["source_file"]: r for r in rows(m)}
    # each superseded row names the submission that replaced it
    assert "'v2.xlsx' (ngày báo cáo 03/11/2012)" in data["v0.xlsx"]["resolution"]
    assert "'v1.xlsx' (ngày báo cáo 05/11/2012)" in data["v2.xlsx"]["resolution"]


def test_counts_follow_the_import_summary(plan, tmp_path):
    m = master(plan, tmp_path)
    old = literacy(plan, tmp_path, "old.xlsx", 80, date=dt.date(2012, 11, 1))
    new = literacy(plan, tmp_path, "new.xlsx", 85, date=dt.date(2012, 11, 5))
    first = run(m, [new], plan)
    second = run(m, [old], plan)  # older than what is in force: history only
    assert first.flatten(["result", "imported"]) == [["imported", 1]]
    assert second.flatten(["result", "imported", "updated", "unchanged"]) == [["older", 0, 0, 1]]
    (tmp_path / "one-run").mkdir()
    m2 = master(plan, tmp_path / "one-run")
    both = run(m2, [new, old], plan)  # one run: still ordered by report date
    assert both.flatten(["file", "result", "imported", "updated"]) == [["new.xlsx", "imported", 0, 1],
                                                                      ["old.xlsx", "imported", 1, 0]]
    assert by_status(m2)[KEY] == by_status(m)[KEY][::-1]
    log = rows(m, "log")
    assert [(r["result"], r["imported"], r["updated"], r["unchanged"], r["rejected"]) for r in log] == [
        ("Đã nhập", 1, 0, 0, 0), ("Bản cũ hơn, lưu làm lịch sử", 0, 0, 1, 0)]


def test_a_tie_on_the_report_date_is_flagged_and_the_later_saved_file_wins(plan, tmp_path):
    day = dt.date(2012, 11, 2)
    early = literacy(plan, tmp_path, "early.xlsx", 80, date=day, saved=dt.datetime(2012, 11, 2, 9))
    late = literacy(plan, tmp_path, "late.xlsx", 82, date=day, saved=dt.datetime(2012, 11, 2, 16))
    for name, order in (("a", [late, early]), ("b", [early, late])):
        (tmp_path / name).mkdir()
        m = master(plan, tmp_path / name)
        for sub in order:
            run(m, [sub], plan)
        data = {r["source_file"]: r for r in rows(m)}
        assert (data["late.xlsx"]["status"], data["early.xlsx"]["status"]) == (A, S)
        for r in data.values():
            assert "Cùng ngày báo cáo 02/11/2012" in r["resolution"] and "lưu sau" in r["resolution"]
    assert any("Cùng ngày báo cáo" in (r["message"] or "") for r in rows(m, "log"))


def test_a_missing_date_is_flagged_and_never_replaces_a_dated_submission(plan, tmp_path):
    m = master(plan, tmp_path)
    dated = literacy(plan, tmp_path, "dated.xlsx", 80, date=dt.date(2012, 11, 1))
    undated = literacy(plan, tmp_path, "undated.xlsx", 90)
    run(m, [dated], plan)
    result = run(m, [undated], plan, now=NOW + dt.timedelta(days=3))
    assert result.files[0].result == "older"
    data = {r["source_file"]: r for r in rows(m)}
    assert (data["dated.xlsx"]["status"], data["undated.xlsx"]["status"]) == (A, S)
    assert "Không có ngày báo cáo" in data["undated.xlsx"]["resolution"]
    alone = tmp_path / "alone"
    alone.mkdir()
    m2 = master(plan, alone)
    run(m2, [undated], plan)
    (r,) = rows(m2)
    assert r["status"] == A and "Không có ngày báo cáo" in r["resolution"]


def test_two_agencies_reporting_the_same_series_is_a_conflict(plan, tmp_path):
    m = master(plan, tmp_path)
    own = literacy(plan, tmp_path, "sgd.xlsx", 80, date=dt.date(2012, 11, 1))
    other = literacy(plan, tmp_path, "snv.xlsx", 70, date=dt.date(2012, 11, 2), agency="SNV")
    run(m, [own], plan)
    result = run(m, [other], plan)
    assert result.flatten(["conflicts", "updated"]) == [[1, 1]]
    assert sorted(by_status(m)[KEY]) == [(C, 70, "SNV", "snv.xlsx"), (C, 80, "SGDDT", "sgd.xlsx")]
    for r in rows(m):
        assert plan.agency("SNV").name in r["resolution"] and plan.agency("SGDDT").name in r["resolution"]
    # neither wins: nothing in force for attainment
    from workbook.observations import active_observations
    assert not [o for o in active_observations(read_master(m), plan) if (o.code, o.unit, o.year) == KEY]


def test_rejected_values_stay_out_and_their_problems_are_kept(plan, tmp_path):
    m = master(plan, tmp_path)
    error = Problem("text-in-number-cell", "error", "Trang 'Biểu mẫu', ô H16: 'khoảng 5' không phải là số.",
                    "f.xlsx", "Biểu mẫu", "H16", "7.1", "khoảng 5")
    warning = Problem("out-of-range", "warning", "Giá trị nằm ngoài khoảng hợp lý.", "f.xlsx", "Biểu mẫu", "H10",
                      "6.2a", 99)
    sub = submission(plan, tmp_path, "f.xlsx", "STP", "TINH", 2012, {"6.2a": [39, 40]},
                     report_date=dt.date(2012, 11, 2), problems=[error, warning],
                     flags={"6.2a": ("out-of-range",)})
    result = run(m, [sub], plan)
    assert result.flatten(["result", "imported", "rejected", "errors", "warnings"]) == [
        ["partly-rejected", 1, 1, 1, 1]]
    assert result.exit_code == 1
    (r,) = rows(m)
    assert r["code"] == "6.2a" and r["flags"] == warning.message
    problems = rows(m, "problems")
    assert [(p["severity"], p["problem"], p["cell"], p["series"], p["value"], p["message"]) for p in problems] == [
        ("Lỗi", "text-in-number-cell", "H16", "7.1", "khoảng 5", error.message),
        ("Cảnh báo", "out-of-range", "H10", "6.2a", "99", warning.message)]
    (log,) = rows(m, "log")
    assert (log["rejected"], log["errors"], log["warnings"]) == (1, 1, 1) and "từ chối" in log["message"]


def test_an_unreadable_file_is_logged_but_adds_nothing(plan, tmp_path):
    m = master(plan, tmp_path)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    sub = Submission(str(bad), "0" * 64, None, problems=[
        Problem("not-a-spreadsheet", "error", "Tệp 'bad.xlsx' không phải bảng tính.", str(bad))])
    result = run(m, [sub], plan)
    assert result.flatten(["result"]) == [["unreadable"]] and result.exit_code == 2
    assert rows(m) == [] and [r["result"] for r in rows(m, "log")] == ["Không đọc được"]
    assert rows(m, "log")[0]["message"] == "Tệp 'bad.xlsx' không phải bảng tính."


def test_narratives_are_superseded_with_their_submission(plan, tmp_path):
    m = master(plan, tmp_path)
    old = literacy(plan, tmp_path, "old.xlsx", 80, date=dt.date(2012, 11, 1),
                   narratives={(3, "results"): "Bản cũ.", (3, "proposals"): "Đề nghị A."})
    new = literacy(plan, tmp_path, "new.xlsx", 81, date=dt.date(2012, 11, 4), narratives={(3, "results"): "Bản mới."})
    run(m, [new, old], plan)
    got = sorted((r["kind"], r["text"], r["status"], r["source_file"]) for r in rows(m, "narratives"))
    assert got == [("Kiến nghị", "Đề nghị A.", A, "old.xlsx"), ("Kết quả nổi bật", "Bản cũ.", S, "old.xlsx"),
                   ("Kết quả nổi bật", "Bản mới.", A, "new.xlsx")]


def test_every_file_is_archived_by_its_hash_and_logged(plan, tmp_path):
    m = master(plan, tmp_path)
    subs = [literacy(plan, tmp_path, "a.xlsx", 80, date=dt.date(2012, 11, 1), saved=dt.datetime(2012, 11, 1, 10)),
            submission(plan, tmp_path, "b.xlsx", "STP", "TINH", 2012, {"7.1": [3, 12]}, report_date=dt.date(2012, 11, 20))]
    result = run(m, subs, plan)
    assert result.archived == 2
    for sub in subs:
        copy = archive_path(m, sub.sha256, sub.path)
        assert copy.parent.name == "luu-tru" and copy.name == f"{sub.sha256}.xlsx"
        assert copy.read_bytes() == Path(sub.path).read_bytes()
    log = rows(m, "log")
    assert [(os.path.basename(r["file"]), r["sha256"], r["agency"], r["unit_code"], r["year"], r["result"],
             r["imported"], r["updated"], r["unchanged"], r["rejected"], r["time"]) for r in log] == [
        ("a.xlsx", subs[0].sha256, "SGDDT", "TINH", 2012, "Đã nhập", 1, 0, 0, 0, NOW),
        ("b.xlsx", subs[1].sha256, "STP", "TINH", 2012, "Đã nhập", 1, 0, 0, 0, NOW)]
    assert log[0]["saved_at"] == dt.datetime(2012, 11, 1, 10)


def test_a_dry_run_writes_nothing(plan, tmp_path):
    m = master(plan, tmp_path)
    run(m, [literacy(plan, tmp_path, "old.xlsx", 80, date=dt.date(2012, 11, 1))], plan)
    new = literacy(plan, tmp_path, "new.xlsx", 85, date=dt.date(2012, 11, 5))
    other = submission(plan, tmp_path, "stp.xlsx", "STP", "TINH", 2012, {"7.1": [3, 12]})
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run(m, [new, other], plan, dry_run=True)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert not result.written and result.dry_run
    assert sorted((c.kind, c.code, c.old, c.new) for c in result.changes) == [
        ("new", "7.1", None, 25.0), ("update", "3.1", 80.0, 85.0)]


def test_an_open_master_stops_before_any_work(plan, tmp_path):
    m = master(plan, tmp_path)
    (tmp_path / "~$master.xlsx").write_bytes(b"")
    before = m.read_bytes()
    with pytest.raises(MasterBusyError, match="đang được mở"):
        run(m, [literacy(plan, tmp_path, "a.xlsx", 80)], plan)
    assert m.read_bytes() == before and not (tmp_path / "luu-tru").exists()


def test_a_second_run_waits_for_no_one(plan, tmp_path):
    m = master(plan, tmp_path)
    with master_lock(m):
        with pytest.raises(MasterBusyError, match="lần tổng hợp khác"):
            run(m, [literacy(plan, tmp_path, "a.xlsx", 80)], plan)


def test_a_master_of_another_plan_is_refused(plan, tmp_path):
    other = plan.model_copy(update={"id": "another-plan"})
    path = tmp_path / "other.xlsx"
    create_master(other, path)
    with pytest.raises(BdgError, match="another-plan"):
        run(path, [literacy(plan, tmp_path, "a.xlsx", 80)], plan)


def test_nothing_consolidation_owns_is_lost_across_runs(plan, tmp_path):
    m = master(plan, tmp_path)
    run(m, [literacy(plan, tmp_path, "a.xlsx", 80, date=dt.date(2012, 11, 1), narratives={(3, "results"): "x"})],
        plan)
    first = tables(m)
    run(m, [submission(plan, tmp_path, "b.xlsx", "STP", "TINH", 2013, {"7.1": [3, 12]})], plan)
    second = tables(m)
    for table in ("data", "narratives", "problems"):
        assert second[table][: len(first[table])] == first[table]
    assert second["log"][0] == first["log"][0] and len(second["log"]) == 2


def test_a_users_own_column_and_row_order_survive_the_next_run(plan, tmp_path):
    from openpyxl import load_workbook

    from workbook.layout import DATA
    m = master(plan, tmp_path)
    run(m, [submission(plan, tmp_path, "a.xlsx", "STP", "TINH", 2012, {"6.2a": [30, 40], "7.1": [3, 12]},
                       report_date=dt.date(2012, 11, 2))], plan)
    wb = load_workbook(m)
    ws = wb[DATA.name]
    ws.insert_cols(3)  # a column of the user's own, in the middle
    ws.cell(DATA.header_row, 3, "Ghi chú của phòng")
    first, second = DATA.header_row + 1, DATA.header_row + 2
    ws.cell(first, 3, "đã gọi điện xác minh")
    for c in range(1, ws.max_column + 1):  # the user sorts: swap the two rows
        a, b = ws.cell(first, c), ws.cell(second, c)
        a.value, b.value = b.value, a.value
    wb.save(m)
    order = [r["code"] for r in rows(m)]
    run(m, [submission(plan, tmp_path, "b.xlsx", "STP", "TINH", 2013, {"7.1": [3, 12]})], plan)
    data = rows(m)
    assert [r["code"] for r in data[:2]] == order and data[2]["year"] == 2013
    kept = read_master(m, ("data",))
    assert kept.layout("data").columns[-1].header == "Ghi chú của phòng"
    assert [r.extra_value("Ghi chú của phòng") for r in kept.data] == ["", "đã gọi điện xác minh", ""]
