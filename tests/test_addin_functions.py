"""The BDG_ custom functions: the core's attainment answers, also through xlwings' call path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from addin.functions import BDG_CHITIEU, BDG_DANHGIA, BDG_MUCDAT, BDG_TRANGTHAI, ERROR, parse_direction
from bdg.attainment import STATUS_LABELS, assess_series, judged_target, pct_of_target
from bdg.numbers import fmt_target, round_half_up
from bdg.attainment import Status
from bdg.plan import Direction

ROOT = Path(__file__).resolve().parents[1]


def test_mucdat_is_the_cores_percent_of_target(plan):
    for s in plan.series:
        if s.is_qualitative or s.direction is Direction.EACH_SEX_AT_LEAST:
            continue
        for m in plan.milestones:
            t = s.target(m)
            if t is None or not isinstance(t.value, (int, float)) or t.value == 0:
                continue
            value = float(t.value) * 0.9 + 1
            expected = round_half_up(pct_of_target(s, value, t), 2)
            assert BDG_MUCDAT(value, t.value, s.direction.value) == expected


def test_mucdat_reads_what_users_type():
    assert BDG_MUCDAT(22.5, 20) == 112.5
    assert BDG_MUCDAT("22,5", "20") == 112.5
    assert BDG_MUCDAT(60, 52, "≤") == round_half_up(52 / 60 * 100, 2)
    assert BDG_MUCDAT(60, 52, "không vượt quá") == BDG_MUCDAT(60, 52, "at_most")
    assert BDG_MUCDAT("khoảng 5", 20).startswith(ERROR)
    assert BDG_MUCDAT(5, 0).startswith(ERROR)
    assert "cách đánh giá" in BDG_MUCDAT(5, 10, "hơn")


def test_chitieu_is_the_target_in_force_at_the_next_milestone(plan):
    for s in plan.series:
        for year in (plan.period.start, plan.milestones[0], plan.period.end):
            m, t = judged_target(plan, s, year)
            got = BDG_CHITIEU(s.code, year)
            if t is None:
                assert got.startswith(ERROR)
            else:
                assert got == t.value
                assert BDG_CHITIEU(s.code, float(year), True) == fmt_target(s, t)
    assert BDG_CHITIEU("không-có", 2015).startswith(ERROR)


def test_danhgia_is_the_cores_status_for_a_plan_series(plan):
    province = plan.province_unit.code
    for s in plan.series[:12]:
        t = s.target(plan.milestones[-1])
        if t is None or not isinstance(t.value, (int, float)):
            continue
        for value in (float(t.value), float(t.value) / 2):
            a = [x for x in assess_series(plan, s, province, {2014: value}) if x.year == 2014][0]
            assert BDG_DANHGIA(s.code, 2014, value) == a.status.label


def test_trangthai_uses_the_straight_path_from_the_baseline():
    # baseline 16 (2010) → target 20 (2020): expected 17,2 in 2013
    assert BDG_TRANGTHAI(18, 16, 20, 2013, 2020) == Status.ON_TRACK.label
    assert BDG_TRANGTHAI(21, 16, 20, 2013, 2020) == "Đạt/vượt chỉ tiêu"
    assert BDG_TRANGTHAI(16.5, 16, 20, 2018, 2020) == "Có nguy cơ không đạt"
    assert BDG_TRANGTHAI(None, 16, 20, 2013, 2020) == "Chưa có số liệu"
    assert BDG_TRANGTHAI(20, 16, 20, 2020, 2020, ">") == "Không đạt"  # "trên 20%" is strict; at the milestone: a verdict
    assert BDG_TRANGTHAI(50, 60, 52, 2014, 2015, "≤") in STATUS_LABELS.values()
    assert BDG_TRANGTHAI(1, 2, 3, 2016, 2015).startswith(ERROR)


def test_direction_words():
    assert parse_direction(None) == (Direction.AT_LEAST, False)
    assert parse_direction(">") == (Direction.AT_LEAST, True)
    assert parse_direction("mỗi giới đạt ít nhất") == (Direction.EACH_SEX_AT_LEAST, False)
    assert parse_direction("giảm") == (Direction.REDUCE_BY_SHARE, False)


SERVER_SCRIPT = textwrap.dedent("""
    import asyncio, json, sys
    import xlwings as xw
    from xlwings.server import custom_functions_call, custom_functions_meta
    import addin.functions as module

    calls = json.loads(sys.stdin.read())
    out = {"meta": custom_functions_meta(module), "results": []}
    for name, args in calls:
        data = {"func_name": name, "args": args, "caller_address": "Sheet1!B2", "version": xw.__version__,
                "client": "Office.js", "runtime": "1.4", "culture_info_name": "vi-VN", "date_format": "dd/MM/yyyy"}
        out["results"].append(asyncio.run(custom_functions_call(data, module)))
    print(json.dumps(out, ensure_ascii=False))
""")


def _excel_args(*values):
    """What Excel sends for each argument: a 2-D array (a single cell is [[v]]); whole numbers as floats."""
    return [[[float(v) if isinstance(v, int) and not isinstance(v, bool) else v]] for v in values]


def test_functions_through_xlwings_custom_functions_call(plan):
    s = next(s for s in plan.series if s.target(plan.milestones[0]) is not None and not s.is_qualitative)
    calls = [
        ("BDG_MUCDAT", _excel_args(22.5, 20, None)),
        ("BDG_MUCDAT", _excel_args("22,5", 20)),  # optional argument left out
        ("BDG_TRANGTHAI", _excel_args(18, 16, 20, 2013, 2020, None, None)),
        ("BDG_CHITIEU", _excel_args(s.code, plan.milestones[0], None)),
        ("BDG_CHITIEU", _excel_args(s.code, plan.milestones[0], True)),
        ("BDG_DANHGIA", _excel_args(s.code, 2013, "x")),
    ]
    env = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial",
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", SERVER_SCRIPT], input=json.dumps(calls), capture_output=True,
                          text=True, env=env, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    results = [r[0][0] for r in out["results"]]
    assert results[0] == results[1] == BDG_MUCDAT(22.5, 20)
    assert results[2] == BDG_TRANGTHAI(18, 16, 20, 2013, 2020)
    assert results[3] == s.target(plan.milestones[0]).value
    assert results[4] == fmt_target(s, s.target(plan.milestones[0]))
    assert results[5].startswith(ERROR) and "'x'" in results[5]
    meta = {f["name"]: f for f in out["meta"]["functions"]}
    assert set(meta) == {"BDG_MUCDAT", "BDG_TRANGTHAI", "BDG_CHITIEU", "BDG_DANHGIA"}
    assert meta["BDG_MUCDAT"]["description"].startswith("Mức đạt")
    params = [p["name"] for p in meta["BDG_TRANGTHAI"]["parameters"]]
    assert params[:4] == ["value", "baseline", "target", "year"]
    assert all(p["description"] for f in meta.values() for p in f["parameters"])


@pytest.mark.parametrize("bad", [True, "abc", 1e9])
def test_bad_years_are_messages_not_errors(bad):
    assert BDG_CHITIEU("1.2", bad).startswith(ERROR)
