"""Submission tracking: who reported for a year, when, on time or late, who is missing —
in Tiến độ nộp and through ``bdg status``."""

from __future__ import annotations

import datetime as dt

from cli import main
from consolidate_helpers import master, rows, submission
from workbook.consolidate import consolidate_submissions
from workbook.state import read_master
from workbook.tracking import LATE, MISSING, NOT_DUE, ON_TIME, track, year_status

YEAR = 2013
AFTER = dt.datetime(YEAR + 1, 2, 1, 8, 0)  # well after the deadline


def _reports(plan, tmp_path):
    """SGDDT on time; STP late; SNV on time for the province, missing for every district;
    SYT corrected late after an on-time first report."""
    d = lambda day, month=11: dt.date(YEAR, month, day)  # noqa: E731
    subs = [
        submission(plan, tmp_path, "sgd.xlsx", "SGDDT", "TINH", YEAR, {"3.1": [80, 100]}, report_date=d(1)),
        submission(plan, tmp_path, "stp.xlsx", "STP", "TINH", YEAR, {"7.1": [3, 12]}, report_date=d(20)),
        submission(plan, tmp_path, "snv.xlsx", "SNV", "TINH", YEAR, {"3.2a": [30, 100]}, report_date=d(30, 10)),
        submission(plan, tmp_path, "syt-1.xlsx", "SYT", "TINH", YEAR, {"4.3": [50, 100]}, report_date=d(9)),
        submission(plan, tmp_path, "syt-2.xlsx", "SYT", "TINH", YEAR, {"4.3": [55, 100]}, report_date=d(25)),
    ]
    m = master(plan, tmp_path)
    consolidate_submissions(m, subs, plan, now=AFTER, assess=False)
    return m


def test_tiến_độ_nộp_shows_who_reported_when_and_who_is_missing(plan, tmp_path):
    m = _reports(plan, tmp_path)
    sheet = {(r["agency"], r["unit_code"]): r for r in rows(m, "submissions") if int(r["year"]) == YEAR}
    expected = {(a.code, u.code) for a in plan.lead_agencies for u in plan.form_units(a.code)}
    assert set(sheet) == expected  # every expected form, once
    sgd, stp, syt = sheet[("SGDDT", "TINH")], sheet[("STP", "TINH")], sheet[("SYT", "TINH")]
    assert (sgd["submitted"], sgd["timeliness"], sgd["submitted_at"].day) == ("Có", ON_TIME, 1)
    assert (stp["timeliness"], stp["days_late"], stp["deadline"].timetuple()[:3]) == (LATE, 10, (YEAR, 11, 10))
    assert (syt["timeliness"], syt["times"], syt["source_file"].endswith("syt-2.xlsx")) == (ON_TIME, 2, True)
    district = sheet[("SNV", plan.districts[0].code)]
    assert (district["submitted"], district["timeliness"], district["agency_name"]) == ("Chưa", MISSING,
                                                                                        plan.agency("SNV").name)
    assert district["unit_name"] == plan.districts[0].name_in(YEAR)
    # the years before the first report are tracked too: everything missing there
    assert {r["timeliness"] for r in rows(m, "submissions") if int(r["year"]) == YEAR - 1} == {MISSING}


def test_year_status_lists_missing_and_late(plan, tmp_path):
    m = _reports(plan, tmp_path)
    ys = year_status(plan, read_master(m, ("log",)).log, YEAR, AFTER)
    assert [(t.agency, t.unit) for t in ys.late] == [("STP", "TINH")]
    missing = {(t.agency, t.unit) for t in ys.missing}
    assert ("SNV", plan.districts[-1].code) in missing and ("SGDDT", "TINH") not in missing
    assert len(ys.missing) + len(ys.on_time) + len(ys.late) == len(ys.items)


def test_a_year_not_yet_due_is_pending_not_missing(plan, tmp_path):
    m = _reports(plan, tmp_path)
    before_deadline = dt.datetime(YEAR, 11, 2)
    items = track(plan, read_master(m, ("log",)).log, before_deadline, [YEAR])
    assert {t.timeliness for t in items if not t.submitted} == {NOT_DUE}


def test_bdg_status_prints_missing_and_late_agencies_by_full_name(plan, tmp_path, capsys):
    m = _reports(plan, tmp_path)
    assert main(["status", "--year", str(YEAR), "--master", str(m)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"Tình hình nộp báo cáo năm {YEAR} (hạn nộp 10/11/{YEAR})" in out
    assert "Chưa nộp: •" in out and f"• {plan.agency('BTCTU').name}: cả {len(plan.form_units('BTCTU'))} đơn vị" in out
    assert f"{plan.agency('SNV').name}: {', '.join(u.name_in(YEAR) for u in plan.districts)}" in out
    assert f"Nộp trễ hạn: • {plan.agency('STP').name} — {plan.province_unit.name}: nộp ngày 20/11/{YEAR}, trễ 10 ngày" in out
    assert plan.agency("SGDDT").name not in out  # on time: not listed
    assert main(["status", "--year", "1999", "--master", str(m)]) == 2
    assert "ngoài giai đoạn" in capsys.readouterr().err
