"""Every kind of file bdg writes, built once through the same front doors a user takes.

``build(plan, folder)`` returns {kind: path}: the master fresh from ``bdg init`` and after a
consolidation (with attainment, charts, tracking), a blank province form and a blank district
form, a filled sample form, the form the add-in's *Kiểm tra biểu mẫu* marked, the
``bdg check --xlsx-report`` file (with a file it did not read), the add-in's .xlam and .xlsm, the plan
workbook of ``bdg plan export`` and one .docx per report kind.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from addin_helpers import make_bad_form, run_macro, replay_to
from inbox_files import tiny_pdf
from cli import main

YEARS = [2014, 2015]  # two years of sample forms: enough for charts, lateness and a milestone
NOW = dt.datetime(2016, 3, 1, 9, 0)

REPORT_KINDS = ("annual", "midterm", "final")


def build(plan, folder: Path) -> dict[str, Path]:
    from addin import macros
    from report_builder.build import make_report
    from templates.forms.generate import write_forms
    from templates.forms.sample import make_sample_forms
    from workbook.consolidate import consolidate

    folder = Path(folder)
    files: dict[str, Path] = {}
    fresh = folder / "init" / "master.xlsx"
    fresh.parent.mkdir()
    assert main(["init", "--out", str(fresh)]) == 0
    files["master-init"] = fresh

    forms = write_forms(plan, max(YEARS), folder / "forms")
    province = plan.province_unit.code
    files["form-blank-province"] = next(p for p in forms if p.stem.endswith(f"_{province}"))
    files["form-blank-district"] = next(p for p in forms if not p.stem.endswith(f"_{province}"))

    inbox = folder / "inbox"
    filled = make_sample_forms(plan, YEARS, inbox)
    files["form-filled"] = next(p for p in filled if p.stem.endswith(f"_{province}"))

    master = folder / "master" / "master.xlsx"
    shutil.copytree(fresh.parent, master.parent)
    consolidate(master, [inbox], plan, now=NOW)
    files["master-consolidated"] = master

    (folder / "check").mkdir()
    bad = make_bad_form(plan, folder / "check" / "bad.xlsx", year=max(YEARS))
    run = run_macro(macros.check_form, bad)
    files["form-checked-addin"] = folder / "check" / "bad-da-kiem-tra.xlsx"
    replay_to(run, bad, files["form-checked-addin"])
    report = folder / "check" / "kiem-tra.xlsx"
    pdf = folder / "check" / "bao-cao.pdf"  # a file not read: a row of its own in the report
    pdf.write_bytes(tiny_pdf())
    assert main(["check", str(bad), str(pdf), "--xlsx-report", str(report)]) == 1
    files["check-report"] = report

    addin = folder / "addin"
    assert main(["addin", "build", "--out", str(addin)]) == 0
    files["addin-xlam"] = next(addin.glob("*.xlam"))
    files["addin-xlsm"] = next(addin.glob("*.xlsm"))

    book = folder / "plan" / "ke-hoach.xlsx"  # the plan workbook, with review marks (comments, conditional fills)
    assert main(["plan", "export", "--plan", "khung-tinh-2021-2030", "--out", str(book)]) == 0
    files["plan-book"] = book

    for kind in REPORT_KINDS:
        result = make_report(plan, master, kind=kind, year=max(YEARS) if kind == "annual" else None,
                             formats="docx", out_dir=folder / "reports", when=NOW.date())
        files[f"report-{kind}"] = result.paths[0]

    draft = folder / "draft" / "ke-hoach.xlsx"  # a plan workbook drafted from a decision: notes and review marks
    assert main(["plan", "draft", str(Path(__file__).parent / "data" / "decision_1000_qd_ubnd_2011.txt"),
                 "--out", str(draft)]) == 0
    files["plan-draft"] = draft
    return files
