"""Benchmark: how long a command takes in a fresh process (interpreter start and imports included),
as a clerk clicking a button or typing a command waits for it — against ``python -c pass``.

Run: ``make bench-latency`` (or ``python bench/bench_latency.py [--repeat R] [--work DIR]``).

Fixtures, built by code and not timed: one sample filled form (``templates.forms.sample``) and the
demo master (the sample forms of the whole period consolidated, as ``make demo`` and
``bench_report.py`` build it). Timed, each the best of ``--repeat`` runs, each run a new process
started from an empty folder:

- ``bdg check FORM`` (target <= 1 s),
- ``bdg status --year Y --master M``,
- ``bdg report --year Y --format docx --master M`` (target <= 3 s; charts included).

Each command's own imports are also listed from ``python -X importtime`` (the largest top-level
modules and their cumulative import time). Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"check": 1.0, "report": 3.0}  # seconds, fresh process
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def bdg_command() -> list[str]:
    """``bdg`` as the entry point runs it (``cli.run``), from the source tree this file is in."""
    return [sys.executable, "-m", "cli"]


def fixtures(work: Path) -> tuple[Path, Path, int]:
    """(one filled form, the demo master, the latest year with data)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_report import demo_master

    from bdg.attainment import assess_all, latest_year_with_data
    from bdg.plan_loader import load_plan
    from workbook.observations import active_observations
    from workbook.state import read_master

    plan = load_plan()
    master = demo_master(work)
    form = sorted((work / "bieu-mau").rglob("*.xlsx"))[0]
    year = latest_year_with_data(plan, assess_all(plan, active_observations(read_master(master), plan)))
    return form, master, year


def fresh(args: list[str], cwd: Path, repeat: int, env: dict[str, str]) -> tuple[float, float, int]:
    """Best wall time and best CPU time (the process and its workers) of ``repeat`` fresh runs of
    ``args`` (seconds), and the first exit code other than 0 (else 0): every run must succeed, since a
    failed run can be fast. CPU time says more than wall time on a busy machine."""
    best, best_cpu, code = float("inf"), float("inf"), 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        best = min(best, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cpu = min(best_cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:  # the fixtures are correct: every command must succeed
            print(done.stderr, file=sys.stderr)
            code = code or done.returncode
    return best, best_cpu, code


def import_profile(args: list[str], cwd: Path, env: dict[str, str], top: int = 6) -> list[tuple[str, float]]:
    """The ``top`` largest top-level imports of one run (module, cumulative seconds)."""
    done = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=cwd, env=env, capture_output=True,
                          text=True)
    found = []
    for line in done.stderr.splitlines():
        m = IMPORT_LINE.match(line)
        if m and len(m.group(3)) == 1:  # one space: imported by the program itself
            found.append((m.group(4), int(m.group(2)) / 1e6))
    return sorted(found, key=lambda x: -x[1])[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, help="keep the fixtures in this folder")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bdg-latency-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        form, master, year = fixtures(work)
        empty = work / "chay"  # no master.xlsx here: check takes the bundled plan
        empty.mkdir(exist_ok=True)
        env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
        bdg = bdg_command()
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "check": [*bdg, "check", str(form)],
            "status": [*bdg, "status", "--year", str(year), "--master", str(master)],
            "report": [*bdg, "report", "--year", str(year), "--format", "docx", "--master", str(master),
                       "--out", str(work / "bao-cao")],
        }
        timed = {name: fresh(cmd, empty, args.repeat, env) for name, cmd in cases.items()}
        imports = {name: import_profile(cmd[1:], empty, env)
                   for name, cmd in cases.items() if name != "python -c pass"}
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    base = timed["python -c pass"][0]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"bdg latency benchmark — fresh processes, best of {args.repeat}, {os.cpu_count()} cores, "
          f"load average {load:.2f}")
    above = False
    for name, (seconds, cpu, code) in timed.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  OK" if seconds <= target else "  ABOVE TARGET")
        above |= target is not None and seconds > target
        above |= code != 0
        extra = f" (+{seconds - base:.2f} s over python -c pass)" if name != "python -c pass" else ""
        limit = f", target <= {target:.0f} s" if target else ""
        print(f"  {name:16} {seconds:6.2f} s{extra}{limit}{verdict}  (CPU {cpu:.2f} s)  exit {code}")
        if name in imports:
            print("      largest imports: " + ", ".join(f"{m} {s:.2f} s" for m, s in imports[name]))
    return 1 if above else 0


if __name__ == "__main__":
    sys.exit(main())
