"""From a decision's file to a report with no plan file written by hand: the seed decision is drafted
into a plan workbook, a master is made from it, its agencies' forms are filled and consolidated, and
the annual report is built — every step through the command a plan officer types."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from bdg.plan_loader import parse_plan
from cli import main
from templates.forms.sample import fill_form, sample_fill
from templates.plan_book.source import read_plan_book

SEED = Path(__file__).parent / "data" / "decision_1000_qd_ubnd_2011.txt"
YEAR = 2015


def test_decision_to_master_to_report(tmp_path, capsys):
    book = tmp_path / "ke-hoach.xlsx"
    assert main(["plan", "draft", str(SEED), "--out", str(book)]) == 0
    master = tmp_path / "so-tong-hop.xlsx"
    assert main(["init", "--plan", str(book), "--out", str(master)]) == 0
    assert main(["forms", "--year", str(YEAR), "--master", str(master), "--out", str(tmp_path / "forms")]) == 0
    plan = parse_plan(read_plan_book(book).text, str(book))
    blank = sorted(p.name for p in (tmp_path / "forms").rglob(f"{YEAR}_*.xlsx"))
    expected = [f"{YEAR}_{a.code}_{u.code}.xlsx" for a in plan.lead_agencies_in(YEAR) for u in plan.form_units(a.code, YEAR)]
    assert blank and set(expected) <= set(blank)

    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    filled = []
    for agency in plan.lead_agencies_in(YEAR):
        unit = plan.province_unit.code
        if not plan.form_series(agency.code, unit, YEAR):
            continue
        fill = sample_fill(plan, YEAR, agency.code, unit)
        filled.append(fill_form(inbox / f"{YEAR}_{agency.code}_{unit}.xlsx", plan, YEAR, agency.code, unit,
                                fill.inputs, report_date=dt.date(YEAR, 11, 5), sources=fill.sources,
                                narratives=fill.narratives))
    assert filled
    assert main(["consolidate", str(inbox), "--master", str(master)]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert f"{len(filled)} tệp" in said

    reports = tmp_path / "bao-cao"
    assert main(["report", "--master", str(master), "--year", str(YEAR), "--format", "docx",
                 "--out", str(reports)]) == 0
    [docx] = list(reports.glob("*.docx"))
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert plan.decision.number in text  # the drafted decision is the report's legal basis
    assert plan.objectives[0].title[:40] in text
