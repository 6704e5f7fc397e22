"""Files a session fixture builds once per test run, even when pytest-xdist runs several workers.

Each xdist worker is its own process with its own session fixtures. :func:`built_once` lets the
first worker that needs the files build them (under a file lock) and the others wait for them and
reuse them, as pytest-xdist's documentation suggests. Only for files the tests read and never change.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               build: Callable[[Path], dict[str, Path]]) -> dict[str, Path]:
    """``build(folder)`` run once per test run; its {key: path} shared by every worker.

    Each attempt builds in a new folder: a build that fails leaves no half-built files to a worker
    that tries after it (that worker builds again and meets the same failure itself).
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the workers' base folders sit side by side in this run's folder
    manifest = root / f"{name}.json"
    with FileLock(str(root / f"{name}.lock")):
        if not manifest.exists():
            files = build(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=root)))
            manifest.write_text(json.dumps({key: str(path) for key, path in files.items()}), encoding="utf-8")
        return {key: Path(path) for key, path in json.loads(manifest.read_text(encoding="utf-8")).items()}
