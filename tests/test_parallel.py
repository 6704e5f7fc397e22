"""Worker processes: one start-method choice (bdg.parallel), and the parallel intake run under spawn too.

Linux defaults to fork; macOS and Windows use spawn, so the parallel consolidation is run here
once under ``BDG_MP_START=spawn`` (what a Mac or a Windows PC does) and compared with a serial run.
The charts' pool is run under spawn in tests/test_report_render.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bdg import parallel
from bdg.errors import BdgError
from templates import form_layout as L
from templates.forms.sample import fill_form, sample_fill
from tests.consolidate_helpers import master, tables
from workbook.archive import archive_folder
from workbook.consolidate import consolidate

YEAR = 2013
NOW = dt.datetime(2014, 1, 10, 8, 0)


@pytest.mark.parametrize("platform, expected", [("linux", "fork"), ("darwin", "spawn"), ("win32", "spawn")])
def test_fork_only_where_it_is_safe(monkeypatch, platform, expected):
    monkeypatch.delenv(parallel.ENV, raising=False)
    monkeypatch.setattr(parallel.sys, "platform", platform)
    monkeypatch.setattr(parallel.multiprocessing, "get_all_start_methods",
                        lambda: ["spawn"] if platform == "win32" else ["fork", "spawn", "forkserver"])
    assert parallel.start_method() == expected


def test_the_start_method_can_be_chosen_and_a_wrong_one_is_named(monkeypatch):
    monkeypatch.setenv(parallel.ENV, "spawn")
    assert parallel.mp_context().get_start_method() == "spawn"
    monkeypatch.setenv(parallel.ENV, "song-song")
    with pytest.raises(BdgError, match="BDG_MP_START='song-song' không hợp lệ"):
        parallel.start_method()


@pytest.fixture(scope="module")
def forms(plan, tmp_path_factory):
    """Province and district forms of one year (enough for several workers)."""
    box = tmp_path_factory.mktemp("inbox")
    units = [plan.province_unit.code] + [u.code for u in plan.districts[:2]]
    for agency in [a.code for a in plan.lead_agencies][:4]:
        for unit in units:
            fill = sample_fill(plan, YEAR, agency, unit)
            if not fill.inputs:
                continue
            fill_form(box / L.file_name(YEAR, agency, unit), plan, YEAR, agency, unit, fill.inputs,
                      report_date=dt.date(YEAR, 11, 2), sources=fill.sources, narratives=fill.narratives)
    return box


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_parallel_consolidation_equals_the_serial_one(plan, tmp_path, forms, monkeypatch, start):
    if start not in parallel.multiprocessing.get_all_start_methods():
        pytest.skip(f"{start} does not exist on this platform")
    monkeypatch.setenv(parallel.ENV, start)
    (tmp_path / "mot").mkdir(), (tmp_path / "nhieu").mkdir()
    serial, parallel_ = master(plan, tmp_path / "mot"), master(plan, tmp_path / "nhieu")
    one = consolidate(serial, [forms], plan, now=NOW, workers=1, assess=False)
    many = consolidate(parallel_, [forms], plan, now=NOW, workers=2, assess=False)
    assert len(many.files) == len(one.files) >= 4
    assert many.totals == one.totals and many.totals["imported"] > 0
    assert tables(parallel_) == tables(serial)
    assert sorted(p.name for p in archive_folder(parallel_).iterdir()) == \
        sorted(p.name for p in archive_folder(serial).iterdir())
