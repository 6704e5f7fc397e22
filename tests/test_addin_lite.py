"""`bdg addin lite`: main.py runs on its own (no bdg installed, no python-calamine), as in xlwings Lite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from addin import lite, macros
from addin.check import RESULT_SHEET
from addin_helpers import make_bad_form, make_master_with_data, run_macro
from addin.remote import payload_from_file
from cli import main

# Emulates xlwings Lite: the server-side decorators, no bdg on the path (main.py brings its own
# copy), and python-calamine missing (it is not installable in Pyodide).
LITE_RUNNER = textwrap.dedent("""
    import asyncio, importlib.util, json, os, sys
    from importlib.machinery import PathFinder

    class NoCalamine:
        def find_spec(self, name, path=None, target=None):
            if name == "python_calamine":
                bundle = [p for p in sys.path if os.path.basename(p).startswith("bdg-")]
                spec = PathFinder.find_spec(name, bundle)
                if spec is None:
                    raise ModuleNotFoundError(name)
                return spec
            return None

    sys.meta_path.insert(0, NoCalamine())
    spec = importlib.util.spec_from_file_location("main", sys.argv[1])
    main = importlib.util.module_from_spec(spec)
    sys.modules["main"] = main
    spec.loader.exec_module(main)

    import xlwings as xw
    from xlwings.server import custom_functions_call, custom_functions_meta, custom_scripts_call, custom_scripts_meta

    out = {"scripts": [s["function_name"] for s in custom_scripts_meta(main)],
           "functions": [f["name"] for f in custom_functions_meta(main)["functions"]], "runs": {}}
    for script, payload_file in json.loads(sys.argv[2]).items():
        with open(payload_file, encoding="utf-8") as fh:
            book = xw.Book(json=json.load(fh))
        asyncio.run(custom_scripts_call(main, script, typehint_to_value={xw.Book: book}))
        out["runs"][script] = book.json()["actions"]
    data = {"func_name": "BDG_CHITIEU", "args": [[["1.2"]], [[2015.0]], [[True]]], "caller_address": "A1",
            "version": xw.__version__, "client": "Office.js", "runtime": "1.4"}
    out["chitieu"] = asyncio.run(custom_functions_call(data, main))
    roots = ("bdg", "addin", "templates", "workbook", "python_calamine")
    out["modules"] = {n: getattr(m, "__file__", None) for n, m in sys.modules.items() if n.split(".")[0] in roots}
    print(json.dumps(out, ensure_ascii=False, default=str))
""")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("lite")
    assert main(["addin", "lite", "--out", str(out)]) == 0
    return out


def test_requirements_pin_what_was_tested(exported):
    import xlwings

    reqs = (exported / "requirements.txt").read_text().split()
    assert f"xlwings=={xlwings.__version__}" in reqs
    assert {"pydantic", "pyyaml"} <= set(reqs)
    assert not any(r.startswith(("bdg", "python-calamine", "python_calamine")) for r in reqs)


def test_bundle_holds_only_sources_the_lite_scripts_need():
    files = lite.bundled_modules()
    assert "templates/intake/read.py" in files and "bdg/attainment.py" in files and "addin/functions.py" in files
    assert not any(p.startswith(("report_builder/", "cli/")) for p in files)
    assert "workbook/consolidate.py" not in files and "addin/macros.py" not in files


def test_main_py_runs_alone_like_in_xlwings_lite(plan, exported, tmp_path):
    form = make_bad_form(plan, tmp_path / "form.xlsx")
    master = make_master_with_data(plan, tmp_path / "master.xlsx")
    payloads = {}
    for script, path in (("kiem_tra_bieu_mau", form), ("tinh_muc_dat", master)):
        payloads[script] = tmp_path / f"{script}.json"
        payloads[script].write_text(json.dumps(payload_from_file(path), ensure_ascii=False, default=str))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BDG_PLAN")}
    env.update(XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial")
    proc = subprocess.run([sys.executable, "-I", "-c", LITE_RUNNER, str(exported / "main.py"),
                           json.dumps({k: str(v) for k, v in payloads.items()})],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout)
    assert out["scripts"] == ["kiem_tra_bieu_mau", "tinh_muc_dat"]
    assert set(out["functions"]) == {"BDG_MUCDAT", "BDG_TRANGTHAI", "BDG_CHITIEU", "BDG_DANHGIA"}
    assert out["chitieu"] == [[f"≥ {plan.series_by_code('1.2').target(2015).value:g}%"]]
    # nothing came from the installed bdg: every module of ours was loaded from the bundle
    bundle_dirs = {os.path.dirname(f).split(os.sep + "bdg-")[0] for f in out["modules"].values() if f}
    assert all("/bdg-" in f for f in out["modules"].values() if f), out["modules"]
    assert len(bundle_dirs) == 1
    assert "python_calamine" in out["modules"]  # the stand-in, since the real one was blocked
    # the scripts did exactly what the macros do on the same workbooks
    for script, macro, path in (("kiem_tra_bieu_mau", macros.check_form, form),
                                ("tinh_muc_dat", macros.attainment, master)):
        direct = run_macro(macro, path).actions
        lite_actions = out["runs"][script]
        strip = lambda actions: [a for a in actions if a["func"] != "setValues" or not _has_time(a)]  # noqa: E731
        assert strip(lite_actions) == strip(direct)
    assert any(a["func"] == "addSheet" and a["args"][1] == RESULT_SHEET for a in out["runs"]["kiem_tra_bieu_mau"])


def _has_time(action) -> bool:
    """The control sheet's result line carries the time of the run."""
    return any(isinstance(v, str) and " — " in v for row in action["values"] for v in row)
