"""Shared fixtures (the shipped plan, the second test plan, LibreOffice, every kind of written file),
Hypothesis profiles, and the order pytest-xdist hands the modules out in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# xlwings' remote engine (the Excel add-in's tests) needs a licence key before xlwings is imported;
# PolyForm Noncommercial covers use by government institutions.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
# pytest-xdist's workers start with COLUMNS and LINES set (80 × 24): the CLI's console would fix its
# width on import, and a test that sets COLUMNS itself would still get 80 columns.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)

from bdg import office  # noqa: E402
from bdg.plan_loader import load_plan  # noqa: E402
from scheduling import long_modules_first  # noqa: E402

# Hypothesis profiles: "ci" unless HYPOTHESIS_PROFILE (or --hypothesis-profile) names another. No
# deadline: on a loaded 2-core machine one slow example is noise, not a failure. A test's own
# @settings(max_examples=...) still wins over the profile's.
# Both build on Hypothesis's own CI profile (derandomized, no example database, no too-slow health
# check), which it loads by itself when CI is set: a CI run is reproducible.
settings.register_profile("ci", settings.get_profile("ci"), max_examples=100, deadline=None, print_blob=True)
settings.register_profile("thorough", settings.get_profile("ci"), max_examples=1000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

HERE = Path(__file__).parent
SECOND_PLAN = HERE / "data" / "plan_second.yaml"


@pytest.fixture(scope="session")
def plan():
    return load_plan()


@pytest.fixture(scope="session")
def second_plan():
    return load_plan(SECOND_PLAN)


@pytest.fixture(scope="session")
def soffice():
    """LibreOffice headless; skipped locally when missing, a failure under CI (CI=true)."""
    if not office.available():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing under CI: the install step in .ci/run is broken.")
        pytest.skip("LibreOffice is not installed")
    return office


@pytest.fixture(scope="session")
def office_files(plan, tmp_path_factory):
    """Every kind of file bdg writes, built once per run for all workers (see tests/office_files.py)."""
    from built_once import built_once
    from office_files import build

    return built_once(tmp_path_factory, "office-files", lambda folder: build(plan, folder))


# --- the order xdist hands modules out in: see tests/scheduling.py ------------------------------
def pytest_collection_modifyitems(items):
    long_modules_first(items)
