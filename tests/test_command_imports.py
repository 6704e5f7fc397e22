"""A command in a fresh process imports only what it uses: ``bdg check`` draws no chart, writes no
Word or Excel file, so it must not pay for matplotlib, python-docx, docxtpl, XlsxWriter or openpyxl
(the add-in's "Kiểm tra" button goes through the same path); a Word report needs no HTML renderer
and no openpyxl. Checked in a subprocess that prints the modules it ended up with (not timed)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from templates.forms.sample import fill_form, sample_fill

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("matplotlib", "docx", "docxtpl", "xlsxwriter", "openpyxl", "numpy", "PIL")
PRINT_MODULES = "import json, sys; print(json.dumps(sorted(m for m in sys.modules if '.' not in m)))"


def _modules_after(code: str, cwd: Path) -> set[str]:
    done = subprocess.run([sys.executable, "-c", f"{code}\n{PRINT_MODULES}"], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "", "MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_bdg_check_imports_no_document_chart_or_writer_library(plan, tmp_path):
    year, agency, unit = 2016, plan.lead_agencies[0].code, plan.province_unit.code
    fill = sample_fill(plan, year, agency, unit)
    form = fill_form(tmp_path / "bieu-mau.xlsx", plan, year, agency, unit, fill.inputs,
                     report_date=dt.date(year, 11, 1))
    code = ("import cli, contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    code = cli.main(['check', {str(form)!r}])\n"
            "assert code in (0, 1), code")
    loaded = _modules_after(code, tmp_path)
    assert {"cli", "templates", "python_calamine"} <= loaded  # the check did run
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_report_builder_loads_no_html_renderer_and_no_openpyxl(tmp_path):
    loaded = _modules_after("import report_builder.build, report_builder", tmp_path)
    assert "docxtpl" in loaded  # the Word renderer is what it is for
    assert not loaded & {"openpyxl", "xlsxwriter"}, sorted(loaded & {"openpyxl", "xlsxwriter"})
    code = "import report_builder.build, sys; print(int('report_builder.render_html' in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "", "MPLBACKEND": "Agg"})
    assert done.stdout.strip() == "0", done.stderr
