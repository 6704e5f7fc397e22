"""Reading numbers as clerks type them: both separator conventions, percent signs, errors, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from templates.intake.cell_values import read_choice, read_date, read_number


@pytest.mark.parametrize("raw, kind, value, codes", [
    ("22,33", "decimal", 22.33, []),
    ("22.33", "decimal", 22.33, []),
    ("1.234,5", "decimal", 1234.5, []),
    ("1,234.5", "decimal", 1234.5, []),
    ("1.234.567", "count", 1234567, []),
    ("1,234,567", "count", 1234567, []),
    ("1.234", "count", 1234, []),
    ("1,234", "count", 1234, []),
    ("1.234", "decimal", 1234, ["ambiguous-separator"]),
    ("1,234", "decimal", 1.234, ["ambiguous-separator"]),
    ("0,234", "decimal", 0.234, []),
    ("1 234", "count", 1234, []),
    ("-7", "count", -7, ["negative-number"]),
    ("2,5", "count", 2.5, ["not-whole-number"]),
    ("12abc", "count", None, ["text-in-number-cell"]),
    ("1.23.4", "count", None, ["text-in-number-cell"]),
    ("1,2.3,4", "decimal", None, ["text-in-number-cell"]),
    ("25%", "count", None, ["text-in-number-cell"]),
    ("#N/A", "count", None, ["excel-error"]),
    ("Err:502", "count", None, ["excel-error"]),
    (True, "count", None, ["text-in-number-cell"]),
    (dt.date(2015, 1, 1), "count", None, ["text-in-number-cell"]),
    (float("nan"), "decimal", None, ["excel-error"]),
    ("", "count", None, []),
    (None, "count", None, []),
])
def test_read_number(raw, kind, value, codes):
    reading = read_number(raw, kind)
    assert reading.value == (pytest.approx(value) if value is not None else None)
    assert [c for c, _ in reading.findings] == codes


@pytest.mark.parametrize("raw, value, codes", [
    ("22,33%", 22.33, []),
    ("22,33 %", 22.33, []),
    (0.2233, 22.33, ["ambiguous-percent"]),
    (0.5, 50.0, ["ambiguous-percent"]),
    (35, 35.0, []),
    (0, 0.0, []),
])
def test_read_percent(raw, value, codes):
    reading = read_number(raw, "decimal", percent=True, plausible=(0, 100))
    assert reading.value == pytest.approx(value)
    assert [c for c, _ in reading.findings] == codes


@given(st.integers(min_value=0, max_value=10**9))
def test_whole_numbers_round_trip_in_both_conventions(n):
    vietnamese = f"{n:,}".replace(",", ".")
    english = f"{n:,}"
    assert read_number(vietnamese, "count").value == n
    assert read_number(english, "count").value == n
    assert read_number(str(n), "count").findings == []


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_decimals_with_a_comma_mark(d):
    text = f"{d:,.2f}".replace(",", " ").replace(".", ",")
    assert read_number(text, "decimal").value == pytest.approx(float(d))


def test_read_date_and_choice():
    assert read_date("05/11/2015") == (dt.date(2015, 11, 5), None)
    assert read_date("2015-11-05") == (dt.date(2015, 11, 5), None)
    assert read_date(42313) == (dt.date(2015, 11, 5), None)
    assert read_date(dt.datetime(2015, 11, 5, 9)) == (dt.date(2015, 11, 5), None)
    assert read_date("31/02/2015")[0] is None and read_date("hôm qua")[1]
    assert read_choice(" đã BỐ TRÍ đủ ", ["Đã bố trí đủ", "Chưa bố trí"]).value == "Đã bố trí đủ"
    assert [c for c, _ in read_choice("có", ["Đã bố trí đủ"]).findings] == ["invalid-choice"]
