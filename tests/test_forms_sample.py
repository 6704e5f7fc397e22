"""Sample filled forms (dữ liệu mẫu): deterministic, labelled, plausible and varied, with a few
typical clerk mistakes, late reports and missing agencies; and fast copies for benchmarks."""

from __future__ import annotations

import hashlib

import pytest
import python_calamine as pc

from bdg.derive import derive
from templates import form_layout as L
from templates.intake.container import open_spreadsheet
from templates.intake.read import check_paths
from templates.forms.sample import make_sample_forms, replicate_forms, sample_forms
from templates.forms.sample_values import behaviour_of, sample_inputs

YEARS = range(2011, 2015)


@pytest.fixture(scope="module")
def made(tmp_path_factory, plan):
    out = tmp_path_factory.mktemp("sample")
    return sample_forms(plan, YEARS, out)


def test_deterministic(plan, made, tmp_path):
    again = make_sample_forms(plan, [2012], tmp_path)
    first = {f.path.name: f.path.read_bytes() for f in made if f.year == 2012}
    assert {p.name: p.read_bytes() for p in again} == first


def test_labelled_as_sample_everywhere(made):
    for f in made[:5]:
        wb = pc.CalamineWorkbook.from_path(f.path)
        form = " ".join(str(v) for row in wb.get_sheet_by_name(L.FORM_SHEET).to_python() for v in row)
        guide = " ".join(str(v) for row in wb.get_sheet_by_name(L.GUIDE_SHEET).to_python() for v in row)
        assert "DỮ LIỆU MẪU" in form and "DỮ LIỆU MẪU" in guide
        meta = dict((r[0], r[1]) for r in wb.get_sheet_by_name(L.META_SHEET).to_python()[1:])
        assert meta[L.META_SAMPLE] == 1


def test_values_follow_the_sample_inputs(plan, made):
    subs = check_paths([f.path for f in made if f.mistake is None], plan)
    assert all(sub.readable and not sub.errors for sub in subs)
    checked = 0
    for sub in subs:
        for v in sub.values:
            s = plan.series_by_code(v.series)
            expected = derive(s, sample_inputs(plan, s, v.unit, v.year, 2011))
            assert v.value == (pytest.approx(expected) if isinstance(expected, float) else expected)
            checked += 1
    assert checked > 100


def test_varied_outcomes_mistakes_late_and_missing(plan, made):
    assert len({behaviour_of(s, 2011) for s in plan.series}) == 3
    possible = sum(len(plan.form_units(a.code)) for a in plan.lead_agencies) * len(YEARS)
    assert 0 < possible - len(made) < possible * 0.15  # some agencies missing in some years
    late = [f for f in made if f.report_date and f.report_date > plan.deadline(f.year)]
    assert 0 < len(late) < len(made) * 0.2
    mistaken = [f for f in made if f.mistake]
    assert mistaken and len(mistaken) < len(made) * 0.2
    subs = {s.path: s for s in check_paths([f.path for f in mistaken], plan)}
    flagged = [f for f in mistaken if f.mistake not in ("text-separator",)
               and len(subs[str(f.path)].problems) > 1]
    assert flagged  # mistakes are caught (besides the sample-data warning)


def test_replicas_differ_only_in_saved_time(plan, made, tmp_path):
    sources = [f.path for f in made[:3]]
    copies = replicate_forms(sources, tmp_path, 7)
    assert len(copies) == 7 and len({hashlib.sha256(p.read_bytes()).hexdigest() for p in copies}) == 7
    first, fourth = (open_spreadsheet(copies[0]).opened, open_spreadsheet(copies[3]).opened)
    assert (fourth.saved_at - first.saved_at).total_seconds() == 60
    subs = check_paths(copies, plan)
    assert [len(s.values) for s in subs[:3]] == [len(s.values) for s in subs[3:6]]
