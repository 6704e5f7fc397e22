"""No file takes a batch down: a reader that aborts the process, an internal error of bdg, a run that
does not commit. ``bdg check FOLDER`` and ``bdg consolidate`` report every other file normally."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from cli import main
from bdg.submission import Submission
from consolidate_helpers import master, rows
from templates.forms.sample import fill_form, sample_fill
from templates.intake import isolate
from templates.intake import read as intake
from workbook import consolidate as C
from workbook.archive import archive_folder
from workbook.consolidate import consolidate
from workbook.state import read_master

YEAR = 2014
NOW = dt.datetime(2015, 1, 10, 9, 0)


def _forms(plan, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for agency in ("SGDDT", "STP"):
        fill = sample_fill(plan, YEAR, agency, "TINH")
        out.append(fill_form(folder / f"{agency}.xlsx", plan, YEAR, agency, "TINH", fill.inputs,
                             report_date=dt.date(YEAR, 11, 2)))
    return out


@pytest.fixture()
def aborting(monkeypatch):
    """The reader of any file named *abort* kills its process outright, as calamine does on a huge grid."""
    real = intake.read_with

    def read_with(path, options):
        if "abort" in Path(path).name:
            os.abort()
        return real(path, options)
    monkeypatch.setattr(intake, "read_with", read_with)


def test_check_folder_survives_a_reader_that_aborts(plan, tmp_path, aborting, capsys):
    inbox = tmp_path / "inbox"
    _forms(plan, inbox)
    bad = fill_form(inbox / "abort.xlsx", plan, YEAR, "SYT", "TINH", report_date=dt.date(YEAR, 11, 2))
    assert main(["check", str(inbox), "--all", "--json"]) == 1
    out = capsys.readouterr().out
    subs = {Path(s.path).name: s for s in intake.check_paths([inbox], plan)}
    assert [p.code for p in subs["abort.xlsx"].problems] == ["reader-crashed"]
    assert "tín hiệu 6" in subs["abort.xlsx"].problems[0].message and subs["abort.xlsx"].sha256 is None
    assert subs["SGDDT.xlsx"].values and subs["STP.xlsx"].values and not subs["STP.xlsx"].errors
    assert "reader-crashed" in out and "SGDDT.xlsx" in out and "STP.xlsx" in out and bad.name in out


def test_check_a_single_aborting_file_is_a_message_not_a_crash(plan, tmp_path, aborting, capsys):
    bad = fill_form(tmp_path / "abort.xlsx", plan, YEAR, "SYT", "TINH")
    assert main(["check", str(bad)]) == 2
    out = " ".join(capsys.readouterr().out.split())
    assert "abort.xlsx" in out and "dừng đột ngột" in out and "Traceback" not in out


@pytest.mark.parametrize("workers", [1, 3])
def test_consolidate_imports_the_good_files_beside_an_aborting_one(plan, tmp_path, aborting, workers):
    inbox = tmp_path / "inbox"
    good = _forms(plan, inbox)
    fill_form(inbox / "abort.xlsx", plan, YEAR, "SYT", "TINH", report_date=dt.date(YEAR, 11, 2))
    m = master(plan, tmp_path)
    result = consolidate(m, [inbox], plan, now=NOW, workers=workers, assess=False)
    by_file = {Path(f.file).name: f.result for f in result.files}
    assert by_file == {"SGDDT.xlsx": "imported", "STP.xlsx": "imported", "abort.xlsx": "unreadable"}
    assert result.written and result.exit_code == 1
    logged = {Path(r["file"]).name for r in rows(m, "log")}
    assert logged == {g.name for g in good}  # the crashed file is not taken as received …
    assert sorted(p.name.split(".")[0] for p in archive_folder(m).iterdir()) == sorted(
        r["sha256"] for r in rows(m, "log"))
    result = consolidate(m, [inbox], plan, now=NOW, assess=False)  # … and is tried again next run
    assert {Path(f.file).name: f.result for f in result.files}["abort.xlsx"] == "unreadable"


def test_consolidate_cli_survives_an_aborting_reader(plan, tmp_path, aborting, capsys):
    inbox = tmp_path / "inbox"
    _forms(plan, inbox)
    fill_form(inbox / "abort.xlsx", plan, YEAR, "SYT", "TINH")
    m = master(plan, tmp_path)
    assert main(["consolidate", str(inbox), "--master", str(m)]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "abort.xlsx" in out and "SGDDT.xlsx" in out and "Đã ghi sổ tổng hợp" in out
    assert "BrokenProcessPool" not in out and "Traceback" not in out


def test_an_internal_error_is_not_a_damaged_file_and_the_file_imports_next_run(plan, tmp_path, monkeypatch):
    logs = tmp_path / "logs"
    monkeypatch.setenv("BDG_LOG_DIR", str(logs))
    inbox = tmp_path / "inbox"
    _forms(plan, inbox)
    m = master(plan, tmp_path)

    def broken(ctx, s):
        raise RuntimeError("lỗi lập trình giả định")
    with monkeypatch.context() as patch:
        patch.setattr(intake, "read_series", broken)
        sub = intake.read_form(inbox / "STP.xlsx", plan)
        assert [p.code for p in sub.problems] == ["internal-error"] and sub.sha256 is None
        message = sub.problems[0].message
        log = next(logs.iterdir())
        assert str(log) in message and "KHÔNG bị coi là hỏng" in message and "hỏng, không đọc được" not in message
        assert "RuntimeError: lỗi lập trình giả định" in log.read_text(encoding="utf-8")
        assert "STP.xlsx" in log.read_text(encoding="utf-8")
        result = consolidate(m, [inbox], plan, now=NOW, assess=False)
        assert {f.result for f in result.files} == {"unreadable"} and not result.written
        assert rows(m, "log") == [] and not archive_folder(m).exists()
    result = consolidate(m, [inbox], plan, now=NOW, assess=False)
    assert {Path(f.file).name: f.result for f in result.files} == {"SGDDT.xlsx": "imported", "STP.xlsx": "imported"}
    assert result.exit_code == 0


def test_a_run_that_does_not_commit_archives_and_logs_nothing(plan, tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    _forms(plan, inbox)
    m = master(plan, tmp_path)

    def disk_full(path, write):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(C, "atomic_write", disk_full)
    with pytest.raises(OSError):
        consolidate(m, [inbox], plan, now=NOW, assess=False)
    assert not archive_folder(m).exists() and rows(m, "log") == []


def test_a_rejected_file_and_its_copies_are_judged_again_not_already_imported(plan, tmp_path):
    s = plan.series_by_code("3.1")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bad = fill_form(inbox / "sai.xlsx", plan, YEAR, s.lead, "TINH", {s.code: {"literate": "nhiều", "total": 10}},
                    report_date=dt.date(YEAR, 11, 2))
    (inbox / "sai-ban-sao.xlsx").write_bytes(bad.read_bytes())
    m = master(plan, tmp_path)
    first = consolidate(m, [inbox], plan, now=NOW, assess=False)
    assert [f.result for f in first.files] == ["rejected", "rejected"]
    assert len(rows(m, "log")) == 1
    again = consolidate(m, [inbox], plan, now=NOW, assess=False)
    assert [f.result for f in again.files] == ["rejected", "rejected"]  # never "Đã nhập trước đó"
    assert len(rows(m, "log")) == 1 and not again.written  # judged the same: nothing new to write
    assert len(read_master(m).log) == 1


def _slow_or_quick(path, options):
    if "cham" in Path(path).name:
        time.sleep(60)
    return Submission(str(path), "sha", None)


def test_a_reader_that_hangs_is_stopped_and_the_others_finish(tmp_path):
    paths = [tmp_path / n for n in ("a.xlsx", "cham.xlsx", "b.xlsx", "c.xlsx")]
    start = time.monotonic()
    subs = isolate.read_isolated(paths, _slow_or_quick, None, workers=2, timeout=1.0)
    assert time.monotonic() - start < 30
    assert [s.path for s in subs] == [str(p) for p in paths]
    assert [[p.code for p in s.problems] for s in subs] == [[], ["reader-crashed"], [], []]
    assert "quá 1 giây" in subs[1].problems[0].message and subs[1].sha256 is None
