"""The master is never left half-written: a consolidation killed (SIGKILL) at a random moment
leaves a master that opens and equals either the state before the run or the state after it.

A short loop runs by default; ``pytest -m slow`` runs the long one.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import shutil
import signal
import time
import zipfile
from pathlib import Path

import pytest

from consolidate_helpers import tables
from templates.forms.sample import make_sample_forms
from workbook.master import create_master, master_identity

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods() or not hasattr(signal, "SIGKILL"),
                                reason="needs fork and SIGKILL")
NOW = dt.datetime(2020, 12, 1, 10, 0)
SHORT, LONG = 10, 150


def _consolidate(master: str, inbox: str, marks=None) -> None:
    """The run in the child; ``marks`` (a shared array) receives when writing starts and ends."""
    from bdg.plan_loader import load_plan
    from workbook.consolidate import consolidate

    os.setpgrp()  # its own process group: a kill takes any intake workers with it

    def progress(stage, done, total):
        if marks is not None and stage == "write":
            marks[done] = time.perf_counter()

    consolidate(Path(master), [Path(inbox)], load_plan(), now=NOW, progress=progress)


@pytest.fixture(scope="module")
def setup(plan, tmp_path_factory):
    """A master holding 2018's forms (the state before) and an inbox of 2019's and corrected 2018 forms."""
    root = tmp_path_factory.mktemp("kill")
    before = root / "before"
    before.mkdir()
    master = before / "master.xlsx"
    create_master(plan, master)
    first = make_sample_forms(plan, [2018], root / "first", seed=1)
    _run_child(master, root / "first")
    inbox = root / "inbox"
    make_sample_forms(plan, [2018], inbox / "sua", seed=2)  # different figures: supersede or history
    make_sample_forms(plan, [2019], inbox, seed=1)
    for extra in sorted(inbox.glob("2019_*.xlsx"))[5:]:  # fewer files: shorter runs
        extra.unlink()
    after_dir = root / "after"
    shutil.copytree(before, after_dir)
    marks = multiprocessing.get_context("fork").Array("d", 2)
    start = time.perf_counter()
    _run_child(after_dir / "master.xlsx", inbox, marks=marks)
    duration = time.perf_counter() - start
    write = (marks[0] - start, marks[1] - start)  # when the child started and finished writing
    states = {"before": tables(master), "after": tables(after_dir / "master.xlsx")}
    assert states["before"] != states["after"] and len(first) > 30 and 0 < write[0] < write[1] <= duration
    return root, before, inbox, states, duration, write


def _run_child(master: Path, inbox: Path, kill_after: float | None = None, marks=None) -> bool:
    """Consolidate in a forked process; SIGKILL it after ``kill_after`` s. True if it was killed."""
    proc = multiprocessing.get_context("fork").Process(target=_consolidate, args=(str(master), str(inbox), marks))
    proc.start()
    if kill_after is None:
        proc.join()
        assert proc.exitcode == 0
        return False
    proc.join(kill_after)
    if proc.is_alive():
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:  # not yet its own group, or finished in between
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    proc.join()
    return proc.exitcode == -signal.SIGKILL


def _kill_loop(setup, kills: int, seed: int) -> dict[str, int]:
    root, before, inbox, states, duration, write = setup
    rng = random.Random(seed)
    seen = {"before": 0, "after": 0, "killed": 0}
    for k in range(kills):
        folder = root / f"run-{seed}-{k}"
        shutil.copytree(before, folder)
        master = folder / "master.xlsx"
        # every other kill lands while the master is being written (temporary file, fsync, backup, replace)
        at = rng.uniform(0, duration) if k % 2 else rng.uniform(write[0], write[1] + 0.25 * (write[1] - write[0]))
        if k == kills - 1:
            at = duration * 2  # once past the end: the run completes and the master must be the new one
        seen["killed"] += _run_child(master, inbox, kill_after=at)
        with zipfile.ZipFile(master) as z:
            assert z.testzip() is None
        assert master_identity(master)["bdg_kind"] == "master"  # opens as a workbook
        now = tables(master)
        state = next((name for name, s in states.items() if s == now), None)
        assert state is not None, f"kill {k}: the master is neither the state before nor after"
        seen[state] += 1
        shutil.rmtree(folder)
    return seen


def test_a_killed_consolidation_leaves_the_old_or_the_new_master(setup):
    seen = _kill_loop(setup, SHORT, seed=7)
    print(f"\nrun {setup[4]:.2f} s, writing {setup[5][0]:.2f}–{setup[5][1]:.2f} s")
    print(f"\n{SHORT} runs, {seen['killed']} killed while running: {seen['before']} before, {seen['after']} after")
    assert seen["before"] + seen["after"] == SHORT and seen["killed"] >= SHORT // 2 and seen["after"] >= 1


@pytest.mark.slow
def test_many_killed_consolidations(setup):
    seen = _kill_loop(setup, LONG, seed=11)
    print(f"\n{LONG} runs, {seen['killed']} killed while running: {seen['before']} before, {seen['after']} after")
    assert seen["before"] + seen["after"] == LONG and seen["before"] > 0 and seen["after"] > 0
