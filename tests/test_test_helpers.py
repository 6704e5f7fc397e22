"""The helpers that make the test run fast must not make it pass: files built once are built again
after a failure, the module order keeps every test, and one openxml-audit run still names each file."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import office_checks
from built_once import built_once
from scheduling import long_modules_first


class Factory:
    def __init__(self, base: Path):
        self.base = base

    def getbasetemp(self) -> Path:
        return self.base


def test_files_are_built_once_and_a_failed_build_is_tried_again(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    calls = []

    def failing(folder):
        calls.append(folder)
        raise RuntimeError("hỏng")

    def build(folder):
        calls.append(folder)
        (folder / "a.txt").write_text("a", encoding="utf-8")
        return {"a": folder / "a.txt"}

    factory = Factory(tmp_path)
    with pytest.raises(RuntimeError, match="hỏng"):
        built_once(factory, "files", failing)
    first = built_once(factory, "files", build)
    again = built_once(factory, "files", build)
    assert first == again == {"a": calls[1] / "a.txt"} and first["a"].read_text(encoding="utf-8") == "a"
    assert len(calls) == 2 and calls[0] != calls[1]  # the failed attempt's folder is not reused


def test_workers_share_the_run_folder(tmp_path, monkeypatch):
    gw0, gw1 = tmp_path / "popen-gw0", tmp_path / "popen-gw1"
    gw0.mkdir(), gw1.mkdir()
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    made = built_once(Factory(gw0), "files", lambda folder: {"x": folder})
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    assert built_once(Factory(gw1), "files", lambda folder: pytest.fail("built twice")) == made
    assert made["x"].parent == tmp_path


def _item(nodeid, *fixtures):
    return SimpleNamespace(nodeid=nodeid, fixturenames=list(fixtures))


def test_long_modules_go_first_whole_and_in_order():
    items = [_item("tests/test_a.py::one"), _item("tests/test_b.py::one"), _item("tests/test_b.py::two", "soffice"),
             _item("tests/test_c.py::one", "office_files"), _item("tests/test_a.py::two"),
             _item("tests/test_d.py::one")]
    ordered = list(items)
    long_modules_first(ordered)
    assert [i.nodeid for i in ordered] == ["tests/test_c.py::one", "tests/test_b.py::one", "tests/test_b.py::two",
                                           "tests/test_a.py::one", "tests/test_a.py::two", "tests/test_d.py::one"]


def test_one_audit_run_names_each_file(tmp_path, monkeypatch):
    (tmp_path / "a.xlsx").write_bytes(b"a")
    (tmp_path / "b.docx").write_bytes(b"b")
    files = {"book": tmp_path / "a.xlsx", "report": tmp_path / "b.docx"}
    bad = {"type": "schema", "severity": "error", "description": "Unexpected element 'x' found", "part_uri": "/p"}
    monkeypatch.setattr(office_checks, "_run", lambda target, *o: [{"file": str(target / "book.xlsx"),
                                                                      "errors": [bad]}])
    found = office_checks.audit_all(files, tmp_path / "audit")
    assert found["book"] == [office_checks._describe(bad)]
    assert found["report"] == ["severity=error; description=openxml-audit did not report on this file"]
    failed = {"errors": [{"severity": "error", "description": "openxml-audit failed (exit 1): boom"}]}
    monkeypatch.setattr(office_checks, "_run", lambda target, *o: failed)
    found = office_checks.audit_all(files, tmp_path / "audit2")
    assert set(found) == {"book", "report"} and all("failed (exit 1)" in f[0] for f in found.values())
