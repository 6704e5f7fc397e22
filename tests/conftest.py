"""Shared fixtures: the shipped plan, the second test plan, and LibreOffice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bdg import office
from bdg.plan_loader import load_plan

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
