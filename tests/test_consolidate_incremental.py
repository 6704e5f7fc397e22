"""A master built one form at a time through the write index equals the same forms consolidated at
once into a fresh master, cell for cell on every sheet; and the index is used only while it
describes the master as it is."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from python_calamine import CalamineWorkbook

from bdg.submission import Problem
from consolidate_helpers import NOW, master, submission
from workbook import incremental, write_index
from workbook.consolidate import consolidate_submissions
from workbook.layout import ASSESSMENT, ASSESSMENT_VIEW

DISTRICTS = ["TXBK", "BABE", "BACHTHONG", "CHODON", "CHOMOI", "NARI", "NGANSON", "PACNAM"]
# The only cells that legitimately differ between two builds: the assessment sheets' subtitle says
# when the assessment was made ("Cập nhật lúc HH:MM ngày …", the clock at the write). Every hash,
# time received (the runs share ``now``) and every other cell is compared.
TIMESTAMPED = {(ASSESSMENT_VIEW.name, 1, 0), (ASSESSMENT.name, 1, 0)}


def forms(plan, folder):
    """Submissions in the order they arrive: districts of a by-district series (the province value is
    their sum), province forms, a correction that supersedes, a value rejected, a long narrative."""
    subs = []
    day = dt.date(2013, 10, 1)
    for n, unit in enumerate(DISTRICTS):
        for year in (2013, 2014):
            subs.append(submission(plan, folder, f"{year}_SYT_{unit}.xlsx", "SYT", unit, year,
                                   {"4.2": [3 + n, 1000 + 10 * n]}, report_date=day + dt.timedelta(days=2 * n + year - 2013),
                                   narratives={(4, "results"): f"Huyện {unit} năm {year}: đã làm tốt."}))
    subs.append(submission(plan, folder, "2013_SGDDT_TINH.xlsx", "SGDDT", "TINH", 2013, {"3.1": [960, 1000]},
                           report_date=dt.date(2013, 11, 2),
                           narratives={(3, "results"): "Kết quả 😀 " + "Xóa mù chữ cho phụ nữ. " * 1800}))
    problem = Problem(code="impossible-value", severity="error", message="Giá trị không thể xảy ra.",
                      file="x", sheet="Biểu mẫu", cell="H13", series="3.2a")
    subs.append(submission(plan, folder, "2013_SNV_TINH.xlsx", "SNV", "TINH", 2013, {"1.1b": [20, 100]},
                           report_date=dt.date(2013, 11, 3), problems=[problem]))
    subs.append(submission(plan, folder, "2013_SYT_BABE_sua.xlsx", "SYT", "BABE", 2013, {"4.2": [9, 1200]},
                           report_date=dt.date(2013, 12, 1)))  # a correction: supersedes BABE 2013
    subs.append(submission(plan, folder, "2013_SGDDT_TINH_sua.xlsx", "SGDDT", "TINH", 2013, {"3.1": [970, 1000]},
                           report_date=dt.date(2013, 12, 5)))
    return subs


def sheets(path):
    with CalamineWorkbook.from_path(str(path)) as wb:
        return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names}


def differences(a, b) -> list:
    """Every cell that differs between two masters (sheet, row, column, left, right), timestamps aside."""
    left, right = sheets(a), sheets(b)
    out = [("sheets", list(left), list(right))] if list(left) != list(right) else []
    for name in left:
        x, y = left[name], right.get(name, [])
        for r in range(max(len(x), len(y))):
            rx, ry = (x[r] if r < len(x) else []), (y[r] if r < len(y) else [])
            for c in range(max(len(rx), len(ry))):
                vx, vy = (rx[c] if c < len(rx) else ""), (ry[c] if c < len(ry) else "")
                if vx != vy and (name, r, c) not in TIMESTAMPED:
                    out.append((name, r + 1, c + 1, vx, vy))
    return out


@pytest.fixture(scope="module")
def built(plan, tmp_path_factory):
    """(master built at once, master built one form at a time through the index), built once per module."""
    folder = tmp_path_factory.mktemp("incremental")
    subs = forms(plan, folder)
    (folder / "at-once").mkdir()
    (folder / "one-by-one").mkdir()
    at_once = master(plan, folder / "at-once")
    consolidate_submissions(at_once, subs, plan, now=NOW)
    one_by_one = master(plan, folder / "one-by-one")
    consolidate_submissions(one_by_one, subs[:1], plan, now=NOW)
    full_reads = []
    real = incremental.read_master
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(incremental, "read_master", lambda *a, **k: full_reads.append(a) or real(*a, **k))
        for sub in subs[1:]:
            assert write_index.load(one_by_one, plan) is not None
            consolidate_submissions(one_by_one, [sub], plan, now=NOW)
    assert full_reads == []  # every later run read the master through its index
    return at_once, one_by_one


@pytest.fixture
def both(built, tmp_path):
    """A copy of the two masters (with the index and archive beside each) that a test may change."""
    copies = []
    for path in built:
        folder = tmp_path / path.parent.name
        shutil.copytree(path.parent, folder)
        copies.append(folder / path.name)
    return tuple(copies)


def test_one_form_at_a_time_equals_all_at_once_cell_for_cell(both):
    at_once, one_by_one = both
    assert differences(at_once, one_by_one) == []


def test_a_master_of_copied_segments_is_a_sound_package(both):
    import zipfile

    from office_checks import audit_findings, package_findings

    _, one_by_one = both
    with zipfile.ZipFile(one_by_one) as z:
        assert z.testzip() is None  # every entry inflates to its combined CRC-32 and size
    assert package_findings(one_by_one) == [] and audit_findings(one_by_one) == []


def test_the_comparison_sees_a_changed_cell(both, plan, tmp_path):
    at_once, one_by_one = both
    changed = tmp_path / "changed.xlsx"
    shutil.copy2(one_by_one, changed)
    consolidate_submissions(changed, [submission(plan, tmp_path, "2014_SYT_NARI_sua.xlsx", "SYT", "NARI", 2014,
                                                 {"4.2": [1, 900]}, report_date=dt.date(2015, 1, 5))], plan, now=NOW)
    found = {d[0] for d in differences(at_once, changed)}
    assert {"Số liệu", "Nhật ký", "Đánh giá chi tiết", "Tiến độ nộp"} <= found


def test_the_same_form_again_through_the_index_changes_nothing(both, plan, tmp_path):
    _, one_by_one = both
    before = one_by_one.read_bytes()
    result = consolidate_submissions(one_by_one, forms(plan, tmp_path)[-1:], plan, now=NOW)
    assert not result.written and one_by_one.read_bytes() == before


def test_an_index_that_no_longer_describes_the_master_is_not_used(both, plan, tmp_path):
    _, one_by_one = both
    assert write_index.load(one_by_one, plan) is not None
    from openpyxl import load_workbook

    wb = load_workbook(one_by_one)  # as a user's save in a spreadsheet program rewrites the package
    wb["Số liệu"]["R4"] = "sửa tay"  # Ghi chú of the first value
    wb.save(one_by_one)
    wb.close()
    assert write_index.load(one_by_one, plan) is None
    state, index = incremental.read_state(one_by_one, plan, ("data",))
    assert index is None and state.data[0].note == "sửa tay"


def test_a_damaged_or_foreign_index_is_ignored(both, plan, tmp_path, second_plan):
    _, one_by_one = both
    path = write_index.index_path(one_by_one)
    assert write_index.load(one_by_one, second_plan) is None  # another plan
    import pickle
    import os

    path.write_bytes(pickle.dumps({"format": 1, "plan": write_index.plan_fingerprint(plan),
                                   "payload": os.system}))  # a class the index never holds
    assert write_index.load(one_by_one, plan) is None
    path.write_bytes(b"not a pickle")
    assert write_index.load(one_by_one, plan) is None


def test_rows_added_one_run_at_a_time_keep_segments_full():
    from workbook.table_part import SEGMENT_ROWS, Segment, _plan

    old = [Segment([(i,) for i in range(SEGMENT_ROWS)], 0, 1, 1, 0), Segment([(SEGMENT_ROWS,)], 1, 1, 1, 0)]
    rows = [(i,) for i in range(SEGMENT_ROWS + 3)]
    plan = _plan(rows, old)
    assert plan[0] is old[0] and plan[1:] == [[(SEGMENT_ROWS,), (SEGMENT_ROWS + 1,), (SEGMENT_ROWS + 2,)]]
    changed = rows[:5] + [("changed",)] + rows[6:]
    plan = _plan(changed, old)
    assert plan == [changed[:SEGMENT_ROWS], changed[SEGMENT_ROWS:]]  # the changed segment rendered again


_CALLED: list = []


def _record_call(*args):  # what a hostile index would have the loader run
    _CALLED.append(args)
    return {}


class _Hostile:
    def __reduce__(self):
        return (_record_call, ("ran",))


def test_an_index_that_would_run_code_is_refused_before_anything_runs(both, plan):
    """A whole, valid-looking index whose payload calls a function: the loader refuses the class, the
    function never runs, and the run reads the master in full."""
    import pickle

    _, one_by_one = both
    path = write_index.index_path(one_by_one)
    with open(path, "rb") as f:
        raw = pickle.load(f)  # the real index, to keep every check but the hostile payload passing
    raw["tracking"] = _Hostile()
    path.write_bytes(pickle.dumps(raw))
    _CALLED.clear()
    assert write_index.load(one_by_one, plan) is None and _CALLED == []


def test_an_index_written_by_other_code_is_not_used(both, plan, monkeypatch):
    """Rows and assessments an older (or newer) bdg wrote are never reused: the code is in the fingerprint."""
    _, one_by_one = both
    assert write_index.load(one_by_one, plan) is not None
    monkeypatch.setattr(write_index, "code_version", lambda: "another bdg")
    assert write_index.load(one_by_one, plan) is None


def test_a_master_saved_elsewhere_during_the_run_is_not_overwritten(both, plan, tmp_path, monkeypatch):
    """Excel saves the master while forms are being read: bdg stops with a clear message, and the master
    on disk is the one Excel saved, whole (before, the copied row segments no longer fit it)."""
    import zipfile

    from bdg.errors import BdgError
    from openpyxl import load_workbook
    from workbook.merge import Merge

    _, one_by_one = both
    real_add = Merge.add

    def save_in_excel_meanwhile(self, subs):
        wb = load_workbook(one_by_one)
        wb["Số liệu"]["R4"] = "sửa trong Excel"
        wb.save(one_by_one)
        wb.close()
        return real_add(self, subs)

    monkeypatch.setattr(Merge, "add", save_in_excel_meanwhile)
    sub = submission(plan, tmp_path, "2014_SYT_NARI_sua.xlsx", "SYT", "NARI", 2014, {"4.2": [1, 900]},
                     report_date=dt.date(2015, 1, 5))
    with pytest.raises(BdgError) as stopped:
        consolidate_submissions(one_by_one, [sub], plan, now=NOW)
    assert stopped.value.code == "master-changed-during-run" and "Hãy đóng sổ trong Excel" in str(stopped.value)
    with zipfile.ZipFile(one_by_one) as z:
        assert z.testzip() is None
    wb = load_workbook(one_by_one, read_only=True)
    try:
        assert wb["Số liệu"]["R4"].value == "sửa trong Excel"
    finally:
        wb.close()


def test_a_narrative_with_windows_line_ends_comes_back_the_same_by_both_readers(plan, tmp_path):
    """CR LF kept as written, also where a part of a long text ends between CR and LF."""
    text = "a" * 32766 + "\r\n" + "Dòng thứ hai.\r\nDòng thứ ba."
    sub = submission(plan, tmp_path, "2013_SGDDT_TINH.xlsx", "SGDDT", "TINH", 2013, {"3.1": [960, 1000]},
                     report_date=dt.date(2013, 11, 2), narratives={(3, "results"): text})
    m = master(plan, tmp_path)
    consolidate_submissions(m, [sub], plan, now=NOW)
    from workbook.state import read_master

    assert [n.text for n in read_master(m).narratives if n.text.startswith("a")] == [text]  # the whole package
    state, index = incremental.read_state(m, plan, ("narratives",))
    assert index is not None and [n.text for n in state.narratives if n.text.startswith("a")] == [text]
