"""What the report reads besides figures: agencies' narratives and who reported when."""

from __future__ import annotations

import datetime as dt

from bdg.submission import NARRATIVE_LABELS
from report_builder import narratives as nar
from report_builder.reporting import year_reporting
from workbook.layout import STATUS_ACTIVE, STATUS_SUPERSEDED
from workbook.rows import NarrativeRow, ValueRow


def rec(year, agency, objective, kind, text, status=STATUS_ACTIVE, unit="TINH"):
    return NarrativeRow.from_record({"year": year, "agency": agency, "unit_code": unit, "objective": objective,
                                     "kind": NARRATIVE_LABELS.get(kind, kind), "text": text, "status": status})


def test_near_identical_proposals_merge_and_name_every_agency(plan):
    records = [
        rec(2020, "SYT", 4, "proposals", "Đề nghị bổ sung kinh phí cho công tác truyền thông."),
        rec(2020, "SNV", 1, "proposals", "- đề nghị bổ sung kinh phí cho công tác truyền thông"),
        rec(2020, "STP", 7, "proposals", "Đề nghị bổ sung kinh phí cho công tác truyền thông!"),
        rec(2020, "STP", 7, "proposals", "Đề nghị tổ chức tập huấn về lồng ghép giới."),
        rec(2020, "SYT", 4, "proposals", "Nội dung cũ", status=STATUS_SUPERSEDED),
        rec(2019, "SYT", 4, "proposals", "Năm trước"),
    ]
    notes = nar.collect(plan, records, {2020})
    merged = [i.render() for i in nar.pick(notes, "proposals")]
    assert merged == ["Đề nghị bổ sung kinh phí cho công tác truyền thông (Sở Nội vụ, Sở Y tế, Sở Tư pháp).",
                      "Đề nghị tổ chức tập huấn về lồng ghép giới (Sở Tư pháp)."]


def test_narrative_lines_keep_special_characters_and_name_districts(plan):
    text = 'Phối hợp "A & B" <tăng cường>\n=SUM(A1) là chữ\n\n• Dòng ba'
    notes = nar.collect(plan, [rec(2020, "SYT", 4, "results", text, unit="BABE")], {2020})
    items = nar.pick(notes, "results", 4)
    assert [i.text for i in items] == ['Phối hợp "A & B" <tăng cường>', "=SUM(A1) là chữ", "Dòng ba"]
    assert items[0].who == ["Sở Y tế (Huyện Ba Bể)"]
    more = nar.collect(plan, [rec(2020, "SYT", 4, "results", "Cùng một câu.", unit=u)
                              for u in ("BABE", "NARI", "TINH")] +
                       [rec(2020, "SNV", 1, "results", "Cùng một câu", unit="NARI")], {2020})
    assert nar.pick(more, "results")[0].render() == "Cùng một câu (Sở Nội vụ (Huyện Na Rì), Sở Y tế)."
    assert nar.kind_of("Khó khăn, hạn chế") == "difficulties" and nar.kind_of("results") == "results"


def _submission(plan, year, agency, unit, day, timeliness=None):
    return {"year": year, "agency": agency, "unit_code": unit, "submitted": "Có",
            "submitted_at": dt.datetime.combine(day, dt.time(9)), "timeliness": timeliness}


def test_late_missing_and_incomplete_agencies(plan):
    deadline = plan.deadline(2018)
    rows = []
    for a in plan.lead_agencies:
        if a.code == "SGDDT":
            continue  # did not report
        units = plan.form_units(a.code)
        if a.code == "SYT":
            units = units[:3]  # some districts missing
        for u in units:
            late = a.code == "SNV"
            rows.append(_submission(plan, 2018, a.code, u.code, deadline + dt.timedelta(days=3 if late else -2)))
    # a later correction does not make an on-time report late
    rows.append(_submission(plan, 2018, "STP", "TINH", deadline + dt.timedelta(days=20)))
    yr = year_reporting(plan, 2018, rows, [])
    assert [a.code for a in yr.missing] == ["SGDDT"]
    assert [a.code for a in yr.late] == ["SNV"]
    assert [a.code for a in yr.incomplete] == ["SYT"]
    assert "STP" in [a.code for a in yr.on_time]
    from report_builder.overall import reporting_lines

    syt = next(a for a in yr.incomplete if a.code == "SYT")
    line = next(t for t in reporting_lines(plan, [yr]) if t.startswith(syt.name))
    missing = [u for u in plan.form_units("SYT")[3:]]
    assert plan.province_unit.name not in line  # the province is no unit that "did not report"
    assert all(u.name in line for u in missing if u.level == "district"), line
    if any(u.level == "province" for u in missing):
        assert "báo cáo chung của cơ quan (cấp tỉnh)" in line


def test_reporting_falls_back_on_data_rows(plan):
    deadline = plan.deadline(2016)
    data = [ValueRow.from_record(r) for r in (
        {"year": 2016, "agency": "STP", "unit_code": "TINH", "report_date": deadline + dt.timedelta(days=1)},
        {"year": 2016, "agency": "SNV", "unit_code": "TINH", "report_date": deadline})]
    yr = year_reporting(plan, 2016, [], data)
    assert [a.code for a in yr.late] == ["STP"]
    assert "SNV" in [a.code for a in yr.on_time]
    assert len(yr.missing) == len(plan.lead_agencies) - 2
