"""A property over real forms: whatever a clerk types into every input cell, intake never fails,
never stores a value other than the one in the cell, and names the cell whenever it refuses one."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from templates import form_layout as L
from templates.forms.sample import fill_form
from templates.intake.read import read_form
from tests.forms_helpers import input_cell

YEAR = 2016
AGENCY = "LDTBXH"  # its forms hold counts, hours-free shares, the parts of a total and a choice
REFUSE = object()  # the cell must be refused, by name
ANY = object()  # typed text intake may read or refuse: only "never raises" and "names the cell" apply

_counts = st.integers(min_value=0, max_value=10 ** 6)
_number_cells = st.one_of(
    st.none().map(lambda _: (None, None)),
    _counts.map(lambda n: (n, float(n))),
    _counts.map(lambda n: (f"{n:,}".replace(",", "."), float(n))),  # Vietnamese grouping: 1.234.567
    _counts.map(lambda n: (f"{n}", float(n))),
    st.integers(min_value=-10 ** 6, max_value=-1).map(lambda n: (n, REFUSE)),
    st.floats(min_value=0.01, max_value=10 ** 5, allow_nan=False).filter(lambda x: not x.is_integer())
    .map(lambda x: (x, REFUSE)),  # counts are whole
    st.sampled_from([1e10, 1e308, -1e308, "1000000000000000000000000000"]).map(lambda x: (x, REFUSE)),
    st.text(alphabet="abcxyzđăơ ?!#", min_size=1, max_size=12).filter(str.strip).map(lambda t: (t, REFUSE)),
    st.booleans().map(lambda b: (b, REFUSE)),
    st.text(max_size=20).map(lambda t: (t, ANY)),
)


def _choice_cells(choices: list[str]):
    forms = st.sampled_from(choices).flatmap(lambda c: st.sampled_from([
        (c, c), (unicodedata.normalize("NFD", c), c), (c.upper(), c), (f"  {c} ", c)]))
    return st.one_of(forms, st.none().map(lambda _: (None, None)),
                     st.text(alphabet="abcxyz 12", min_size=1, max_size=10).filter(str.strip)
                     .map(lambda t: (t, REFUSE)))


@pytest.mark.parametrize("unit", ["TINH", "BABE"])
def test_any_cell_contents_are_read_faithfully_or_refused_by_name(plan, tmp_path_factory, unit):
    series = plan.form_series(AGENCY, unit)
    cells = {(s.code, spec.key): (_choice_cells(spec.choices) if spec.kind == "choice" else _number_cells)
             for s in series for spec in s.inputs}
    folder = tmp_path_factory.mktemp("prop")
    layout = openpyxl.load_workbook(fill_form(folder / "blank.xlsx", plan, YEAR, AGENCY, unit))[L.FORM_SHEET]
    where = {key: input_cell(layout, *key).coordinate for key in cells}

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.fixed_dictionaries(cells))
    def check(typed):
        inputs: dict[str, dict] = {}
        for (code, key), (content, _) in typed.items():
            inputs.setdefault(code, {})[key] = content
        path = fill_form(Path(folder) / "f.xlsx", plan, YEAR, AGENCY, unit, inputs, report_date=dt.date(YEAR, 11, 1))
        sub = read_form(path, plan)
        assert sub.readable and not {"internal-error", "corrupt-file"} & {p.code for p in sub.problems}
        accepted = {v.series: v for v in sub.values}
        named = {p.cell for p in sub.errors}
        for s in series:
            expected = {spec.key: typed[(s.code, spec.key)][1] for spec in s.inputs}
            refused = [k for k, e in expected.items() if e is REFUSE]
            for key in refused:
                assert where[(s.code, key)] in named, (s.code, key, typed[(s.code, key)], sub.problems)
            if s.code not in accepted:
                own = {where[(s.code, spec.key)] for spec in s.inputs}
                assert own & named or any(p.series == s.code and p.severity == "error" for p in sub.problems)
                continue
            assert not refused
            for key, want in expected.items():
                if want is not ANY:
                    assert accepted[s.code].inputs[key] == want, (s.code, key, typed[(s.code, key)])

    check()
