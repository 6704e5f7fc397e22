"""Benchmark: intake (read + validate) per form, against python-calamine's raw read of the same
file and against pandas.read_excel(engine="openpyxl"), in one run over generated sample forms.

Run: ``make bench-intake`` (or ``python bench/bench_intake.py [--forms N] [--repeat R]``).
Raw calamine read = open the workbook from its path and read every sheet's values.
Target: intake <= 2.5 x raw calamine.
"""

from __future__ import annotations

import argparse
import statistics
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
        intake = per_form(lambda p: read_form(p, plan), paths, args.repeat)
        raw = per_form(raw_calamine, paths, args.repeat)
        pandas = per_form(pandas_openpyxl, paths, max(1, args.repeat // 2))
        size = statistics.mean(p.stat().st_size for p in paths) / 1024
    print(f"bdg intake benchmark — {len(paths)} sample forms (mean {size:.1f} KB), best of {args.repeat} passes")
    print(f"  sample forms generated: {made * 1000:8.2f} ms/form")
    print(f"  intake (read + validate): {intake:8.2f} ms/form")
    print(f"  raw python-calamine read: {raw:8.2f} ms/form")
    print(f"  pandas.read_excel(openpyxl): {pandas:8.2f} ms/form")
    ratio = intake / raw
    print(f"  intake / raw calamine = {ratio:.2f}x (target <= {TARGET}x)  "
          f"{'OK' if ratio <= TARGET else 'ABOVE TARGET'}")
    print(f"  pandas+openpyxl / intake = {pandas / intake:.1f}x")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
