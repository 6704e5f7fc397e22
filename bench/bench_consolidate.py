"""Benchmark: consolidate 1,000 and 10,000 generated forms into a fresh master, against a naive loop.

Run: ``make bench-consolidate`` (or ``python bench/bench_consolidate.py [--sizes 1000 10000]
[--naive-sizes 1000 10000] [--work DIR]``).

Forms: the sample generator writes the bundled plan's filled forms for 2011–2020 (one
province's worth, ~400 files). Each district-level form is then replicated for copies of its
district — ``TXBK`` → ``TXBK001``, ``TXBK002``… — by rewriting the unit code in the form's
hidden metadata (one shared string), so every copy is a distinct agency, unit and year with
its own SHA-256: many provinces' worth of agency-years. The benchmark plan is the bundled plan
with those district copies added as reporting units (nothing else changes).

Each measurement runs in its own process (so peak memory is its own), timed from the call to
the master on disk: ``fast`` is :func:`workbook.consolidate.consolidate` with ``assess=False``
(intake in worker processes, archive, merge, tracking, one atomic write); ``assess`` the same
with attainment recomputed in the same write (as ``bdg consolidate`` does; its cost grows with
units × series × years, not with forms: the benchmark plan has ~265 units); ``naive`` loads each
form with openpyxl, appends its rows to the master's Số liệu sheet and saves once.
Peak memory is the largest resident set (``ru_maxrss``) of the main process and of any worker.
Target: 10,000 forms in <= 30 s and <= 1 GiB on 2 cores.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

TARGET_SECONDS, TARGET_BYTES = 30.0, 1 << 30
ONE_MORE_SECONDS = 1.0  # one more form into a 10,000-form master
ONE_MORE = 4  # forms timed one at a time after the big run (the last one without the write index)
ROOT = Path(__file__).resolve().parent.parent


# --- forms and plan -----------------------------------------------------------------------------
def bench_plan(copies: int):
    """The bundled plan with ``copies`` copies of each district (codes ``<district><nnn>``)."""
    from bdg.plan_loader import load_plan

    plan = load_plan()
    # a copy keeps its district's names (and renamings): the form's visible unit heading, which intake
    # checks against the metadata, still names the district; only the hidden unit code changes
    extra = [d.model_copy(update={"code": f"{d.code}{k:03d}"}) for k in range(1, copies + 1) for d in plan.districts]
    return plan.model_copy(update={"units": list(plan.units) + extra})


def make_forms(work: Path, total: int) -> tuple[list[Path], int]:
    """``total`` distinct forms under ``work``; returns (paths, district copies needed)."""
    from bdg.plan_loader import load_plan
    from templates.forms.sample import make_sample_forms

    plan = load_plan()
    base_dir = work / "base"
    base = sorted(base_dir.glob("*.xlsx")) if base_dir.exists() else []
    if not base:
        base = sorted(make_sample_forms(plan, plan.period.years, base_dir))
    districts = {u.code for u in plan.districts}
    district_forms = [p for p in base if p.stem.split("_")[2] in districts]
    need = max(0, total - len(base))
    copies = -(-need // len(district_forms)) if need else 0
    out = work / f"forms-{total}"
    listing = out / "files.txt"
    if listing.exists():
        return [Path(x) for x in listing.read_text().split("\n") if x], copies
    out.mkdir(parents=True, exist_ok=True)
    paths = list(base)
    for k in range(need):
        src = district_forms[k % len(district_forms)]
        copy_no = k // len(district_forms) + 1
        year, agency, unit = src.stem.split("_")
        dst = out / f"{year}_{agency}_{unit}{copy_no:03d}.xlsx"
        _with_unit(src, dst, unit, f"{unit}{copy_no:03d}")
        paths.append(dst)
    listing.write_text("\n".join(map(str, paths)))
    return paths, copies


def _with_unit(src: Path, dst: Path, old: str, new: str) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                data, n = re.subn(rf"<t>{re.escape(old)}</t>".encode(), f"<t>{new}</t>".encode(), data)
                assert n == 1, f"unit code not found once in {src}"
            zout.writestr(info, data)
    dst.write_bytes(buf.getvalue())


# --- one measurement (in its own process) ----------------------------------------------------------
def measure(mode: str, work: Path, n: int, forms: int) -> dict:
    from workbook.master import create_master

    paths, copies = make_forms(work, forms)
    plan = bench_plan(copies)
    folder = Path(tempfile.mkdtemp(prefix=f"{mode}-", dir=work))
    master = folder / "master.xlsx"
    create_master(plan, master)
    if mode == "one-more":
        return one_more(master, paths, n, plan)
    start = time.perf_counter()
    if mode in ("fast", "assess"):
        from workbook.consolidate import consolidate

        result = consolidate(master, paths[:n], plan, assess=mode == "assess")
        extra = {"values": result.totals["imported"], "rejected": result.totals["rejected"],
                 "assessed": result.assessed}
    else:
        extra = {"values": naive(master, paths[:n])}
    seconds = time.perf_counter() - start
    kib = 1 if sys.platform != "darwin" else 1 / 1024
    return {"mode": mode, "forms": n, "seconds": seconds,
            "peak_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 * kib,
            "peak_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 * kib,
            "master_bytes": master.stat().st_size, **extra}


def one_more(master: Path, paths: list[Path], n: int, plan) -> dict:
    """``n`` forms consolidated (not timed), then each of the next forms alone, as ``bdg consolidate``
    runs it (attainment included): the first through the write index the full run left, the last
    with the index removed first (the cost of a master edited in Excel, or of the code before it)."""
    from workbook import write_index
    from workbook.consolidate import consolidate

    consolidate(master, paths[:n], plan, assess=True)
    times, values = [], 0
    for k, path in enumerate(paths[n: n + ONE_MORE]):
        if k == ONE_MORE - 1:
            write_index.forget(master)
        start = time.perf_counter()
        result = consolidate(master, [path], plan, assess=True)
        times.append(time.perf_counter() - start)
        assert result.written and result.totals["imported"] > 0, result.totals
        values += result.totals["imported"]
    kib = 1 if sys.platform != "darwin" else 1 / 1024
    return {"mode": "one-more", "forms": n, "seconds": max(times[:-1]), "times": times,
            "peak_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 * kib,
            "peak_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 * kib,
            "master_bytes": master.stat().st_size, "values": values}


def naive(master: Path, paths: list[Path]) -> int:
    """Load each form with openpyxl and append its value rows to Số liệu; save once at the end."""
    from openpyxl import load_workbook

    from workbook.layout import DATA

    book = load_workbook(master)
    ws = book[DATA.name]
    rows = 0
    for path in paths:
        form = load_workbook(path, data_only=True)
        meta = {r[0]: r[1] for r in form["bdg_meta"].iter_rows(values_only=True) if r[0]}
        for row in form["Biểu mẫu"].iter_rows(values_only=True):
            key = row[0]
            if isinstance(key, str) and key.startswith("bdg:series:"):
                ws.append([None, key.split(":", 2)[2], None, meta.get("year"), meta.get("unit"), None,
                           meta.get("agency")] + [v for v in row[1:] if v is not None][:8] + [None, None, str(path)])
                rows += 1
        form.close()
    book.save(master)
    return rows


# --- the run ---------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--naive-sizes", type=int, nargs="*", default=[1000],
                        help="sizes for the naive loop (~40-70 ms per form: 10000 takes minutes)")
    parser.add_argument("--assess-sizes", type=int, nargs="*", default=[1000, 10000],
                        help="sizes also timed with attainment recomputed in the same write")
    parser.add_argument("--one-more-sizes", type=int, nargs="*", default=[10000],
                        help="masters of these many forms, each followed by forms consolidated one at a time")
    parser.add_argument("--work", type=Path, help="folder for generated forms (kept; default: a temporary one)")
    parser.add_argument("--measure", choices=["fast", "assess", "naive", "one-more"], help=argparse.SUPPRESS)
    parser.add_argument("-n", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--forms", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.work, args.n, args.forms or args.n)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bdg-bench-consolidate-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        biggest = max(args.sizes + args.naive_sizes + args.assess_sizes + [n + ONE_MORE for n in args.one_more_sizes])
        paths, copies = make_forms(work, biggest)
        print(f"bdg consolidation benchmark — {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f}; "
              f"{len(paths)} forms generated in {time.perf_counter() - start:.1f} s "
              f"(sample forms 2011–2020 + {copies} copies of each district)")
        more = {n + ONE_MORE for n in args.one_more_sizes}
        for size in sorted(set(args.sizes) | set(args.naive_sizes) | set(args.assess_sizes) | more):
            make_forms(work, size)
        rows = []
        for mode, sizes in (("fast", args.sizes), ("assess", args.assess_sizes), ("naive", args.naive_sizes),
                            ("one-more", args.one_more_sizes)):
            for n in sorted(sizes):
                rows.append(_run(mode, work, n))
                _print(rows[-1])
        return _summary(rows)


def _run(mode: str, work: Path, n: int) -> dict:
    forms = n + ONE_MORE if mode == "one-more" else n
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", mode, "-n", str(n), "--work", str(work),
           "--forms", str(forms)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{mode} {n} failed:\n{out.stderr[-2000:]}")
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "load": os.getloadavg()[0]}


def _print(r: dict) -> None:
    if r["mode"] == "one-more":
        shown = ", ".join(f"{t:.2f}" for t in r["times"][:-1])
        print(f"  one more form into a {r['forms']}-form master: {shown} s through the write index; "
              f"{r['times'][-1]:.2f} s without it  peak {r['peak_main'] / 2**20:.0f} MiB  (load {r['load']:.1f})")
        return
    print(f"  {r['mode']:6} {r['forms']:6d} forms: {r['seconds']:7.1f} s  {r['forms'] / r['seconds']:7.0f} forms/s  "
          f"peak {r['peak_main'] / 2**20:6.0f} MiB (worker {r['peak_worker'] / 2**20:4.0f} MiB)  "
          f"master {r['master_bytes'] / 2**20:5.1f} MiB  {r['values']} values  (load {r['load']:.1f})")


def _summary(rows: list[dict]) -> int:
    by = {(r["mode"], r["forms"]): r for r in rows}
    ok = True
    fast = sorted(r["forms"] for r in rows if r["mode"] == "fast")
    if len(fast) >= 2:
        a, b = by[("fast", fast[0])], by[("fast", fast[-1])]
        print(f"  growth {fast[0]}→{fast[-1]} forms ({fast[-1] / fast[0]:.0f}x): time x{b['seconds'] / a['seconds']:.1f}, "
              f"peak memory x{b['peak_main'] / a['peak_main']:.1f}")
    for n in fast:
        if ("naive", n) in by:
            print(f"  {n} forms: naive loop / bdg = {by[('naive', n)]['seconds'] / by[('fast', n)]['seconds']:.1f}x")
    if ("fast", 10000) in by:
        r = by[("fast", 10000)]
        peak = max(r["peak_main"], r["peak_worker"])
        ok = r["seconds"] <= TARGET_SECONDS and peak <= TARGET_BYTES
        print(f"  target 10000 forms <= {TARGET_SECONDS:.0f} s and <= 1 GiB: {r['seconds']:.1f} s, "
              f"{peak / 2**20:.0f} MiB  {'OK' if ok else 'ABOVE TARGET'}")
    for r in rows:
        if r["mode"] == "one-more" and r["forms"] == 10000:
            fast = r["seconds"] <= ONE_MORE_SECONDS
            ok = ok and fast
            print(f"  target one more form into a 10000-form master <= {ONE_MORE_SECONDS:.0f} s: slowest "
                  f"{r['seconds']:.2f} s  {'OK' if fast else 'ABOVE TARGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
