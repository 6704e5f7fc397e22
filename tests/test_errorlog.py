"""The traceback of an unexpected error is kept in a log file the user can send."""

from __future__ import annotations

from bdg import errorlog


def _boom():
    raise ValueError("giá trị hỏng")


def test_record_writes_the_traceback_to_the_log_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(errorlog.ENV_DIR, str(tmp_path / "logs"))
    try:
        _boom()
    except ValueError as exc:
        path = errorlog.record(exc, "bdg check hop-thu/")
    assert path.parent == tmp_path / "logs"
    text = path.read_text(encoding="utf-8")
    assert "bdg check hop-thu/" in text and "_boom" in text and "ValueError: giá trị hỏng" in text


def test_record_falls_back_when_the_folder_cannot_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(errorlog.ENV_DIR, str(blocker / "logs"))  # a folder under a file: mkdir fails
    path = errorlog.record(RuntimeError("x"))
    assert path.exists() and path.parent.name == "bdg-logs"


def test_debug_flag(monkeypatch):
    monkeypatch.delenv(errorlog.ENV_DEBUG, raising=False)
    assert not errorlog.debug_enabled()
    monkeypatch.setenv(errorlog.ENV_DEBUG, "1")
    assert errorlog.debug_enabled()
