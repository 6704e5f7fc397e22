"""Benchmark: intake (read + validate) per form, against python-calamine's raw read of the same
file and against pandas.read_excel(engine="openpyxl"), in one run over generated sample forms;
then the worst cases (a value typed far outside the form), each read in a fresh process, with
that process's peak memory.

Run: ``make bench-intake`` (or ``python bench/bench_intake.py [--forms N] [--repeat R]``).
Raw calamine read = open the workbook from its path and read every sheet's values. Intake and the raw
read are timed form by form in turn (side by side), so that both meet the same load.
Targets: intake <= 2.5 x raw calamine; peak memory of a process reading any one file <= 150 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import python_calamine as pc

from bdg.plan_loader import load_plan
from templates.intake.read import read_form
from templates.forms.sample import make_sample_forms

TARGET = 2.5
MEMORY_BOUND_MB = 150  # peak resident memory of one process reading one file, whatever the file holds
# cells where a stray value is typed on the form sheet: the measured cases, then the worst
STRAY = ("J20000", "J50000", "J1048576", "Z1048576", "XFD5000", "XFD1048576")
CHILD = """
import resource, sys, time
from bdg.plan_loader import load_plan
from templates.intake.read import read_form
plan = load_plan()
start = time.perf_counter()
sub = read_form(sys.argv[1], plan) if len(sys.argv) > 1 else None
took = (time.perf_counter() - start) * 1000
try:  # this process's own peak (ru_maxrss may carry the parent's across fork and exec)
    peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
codes = ",".join(sorted({p.code for p in sub.errors})) if sub else ""
print(f"{took:.1f}|{peak}|{codes}|{len(sub.values) if sub else 0}")
"""


def raw_calamine(path: Path) -> int:
    wb = pc.CalamineWorkbook.from_path(str(path))
    return sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)


def pandas_openpyxl(path: Path) -> int:
    frames = pd.read_excel(path, sheet_name=None, engine="openpyxl", header=None)
    return sum(len(f) for f in frames.values())


def per_form(fn, paths: list[Path], repeat: int) -> float:
    """Best of ``repeat`` passes over all forms, in ms per form."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for p in paths:
            fn(p)
        times.append((time.perf_counter() - start) / len(paths) * 1000)
    return min(times)


def side_by_side(first, second, paths: list[Path], repeat: int) -> tuple[float, float, float, float]:
    """``first`` and ``second`` timed on each form in turn, so both meet the same load on a shared
    machine: (first, second) in ms per form, wall clock then this process's CPU time, each the best
    of ``repeat`` passes."""
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = [0.0, 0.0], [0.0, 0.0]
        for p in paths:
            for i, fn in enumerate((first, second)):
                start, start_cpu = time.perf_counter(), time.process_time()
                fn(p)
                w[i] += time.perf_counter() - start
                c[i] += time.process_time() - start_cpu
        wall.append([x / len(paths) * 1000 for x in w])
        cpu.append([x / len(paths) * 1000 for x in c])
    return (min(x[0] for x in wall), min(x[1] for x in wall), min(x[0] for x in cpu), min(x[1] for x in cpu))


def worst_cases(plan, folder: Path) -> list[tuple[str, Path | None]]:
    """A normal filled form, the same form with one stray value at each of :data:`STRAY`, and 1e308 typed."""
    import openpyxl

    from templates import form_layout as L
    from templates.forms.sample import fill_form, sample_fill

    unit = plan.province_unit.code
    agency = plan.lead_agencies[0].code
    fill = sample_fill(plan, 2016, agency, unit)
    base = fill_form(folder / "normal.xlsx", plan, 2016, agency, unit, fill.inputs, report_date=dt.date(2016, 11, 1))
    cases: list[tuple[str, Path | None]] = [("(imports only, no file)", None), ("normal form", base)]
    for cell in STRAY:
        wb = openpyxl.load_workbook(base)
        wb[L.FORM_SHEET][cell] = "x"
        wb.save(folder / f"stray-{cell}.xlsx")
        cases.append((f"stray value at {cell}", folder / f"stray-{cell}.xlsx"))
    s = next(x for x in plan.form_series(agency, unit) if x.derivation.kind == "share")
    huge = {**fill.inputs, s.code: {s.derivation.numerator: 1e308, s.derivation.denominator: 10}}
    cases.append(("1e308 in a count cell", fill_form(folder / "huge.xlsx", plan, 2016, agency, unit, huge,
                                                     report_date=dt.date(2016, 11, 1))))
    return cases


def in_fresh_process(path: Path | None) -> tuple[float, float, float, str]:
    """(file KB, read ms, peak RSS MB of the whole process, outcome) of one read in a new interpreter."""
    size = path.stat().st_size / 1024 if path else float("nan")
    args = [sys.executable, "-c", CHILD] + ([str(path)] if path else [])
    done = subprocess.run(args, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    parts = done.stdout.strip().split("|")
    if done.returncode != 0 or len(parts) != 4:
        return size, float("nan"), float("nan"), f"PROCESS DIED (exit {done.returncode})"
    took, peak, errors, values = parts
    outcome = errors or (f"{values} values" if path else "")
    return size, float(took), int(peak) / 1024, outcome


def isolated_per_form(paths: list[Path], plan, repeat: int) -> float:
    """``check_paths`` (each file read in a worker process) in ms per form."""
    from templates.intake.read import check_paths

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        check_paths(paths, plan)
        times.append((time.perf_counter() - start) / len(paths) * 1000)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=200, help="how many sample forms to time")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    plan = load_plan()
    with tempfile.TemporaryDirectory(prefix="bdg-bench-") as tmp:
        start = time.perf_counter()
        every = make_sample_forms(plan, plan.period.years, Path(tmp))
        made = (time.perf_counter() - start) / len(every)
        paths = (every * (args.forms // len(every) + 1))[: args.forms]
        for p in paths[:5]:  # warm caches and imports
            read_form(p, plan), raw_calamine(p), pandas_openpyxl(p)
        intake, raw, intake_cpu, raw_cpu = side_by_side(lambda p: read_form(p, plan), raw_calamine, paths,
                                                        args.repeat)
        pandas = per_form(pandas_openpyxl, paths, max(1, args.repeat // 2))
        isolated = isolated_per_form(paths, plan, max(1, args.repeat // 2))
        size = statistics.mean(p.stat().st_size for p in paths) / 1024
        worst = [(label, path, *in_fresh_process(path)) for label, path in worst_cases(plan, Path(tmp))]
    print(f"bdg intake benchmark — {len(paths)} sample forms (mean {size:.1f} KB), best of {args.repeat} passes")
    print(f"  sample forms generated: {made * 1000:8.2f} ms/form")
    print(f"  intake (read + validate): {intake:8.2f} ms/form  (CPU {intake_cpu:.2f})")
    print(f"  raw python-calamine read: {raw:8.2f} ms/form  (CPU {raw_cpu:.2f})")
    print(f"  pandas.read_excel(openpyxl): {pandas:8.2f} ms/form")
    ratio = intake / raw
    print(f"  intake / raw calamine = {ratio:.2f}x (target <= {TARGET}x)  "
          f"{'OK' if ratio <= TARGET else 'ABOVE TARGET'}; in CPU time {intake_cpu / raw_cpu:.2f}x; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"  pandas+openpyxl / intake = {pandas / intake:.1f}x")
    print(f"  bdg check's way (each file in a worker process, {os.cpu_count()} cores): {isolated:8.2f} ms/form")
    print(f"\nworst cases, each read by read_form in a fresh process (peak RSS of that process, bound "
          f"{MEMORY_BOUND_MB} MB):")
    print(f"  {'file':28} {'size KB':>8} {'read ms':>8} {'peak MB':>8}  result")
    above = False
    for label, _, size_kb, took, peak, outcome in worst:
        verdict = "OK" if peak <= MEMORY_BOUND_MB else "ABOVE BOUND"
        above |= not peak <= MEMORY_BOUND_MB
        print(f"  {label:28} {size_kb:8.1f} {took:8.1f} {peak:8.1f}  {verdict}  {outcome}")
    return 0 if ratio <= TARGET and not above else 1


if __name__ == "__main__":
    sys.exit(main())
