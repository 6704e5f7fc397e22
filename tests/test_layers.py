"""The import map: layers point downwards only, and no module imports itself back through others.

The contracts live in pyproject.toml ([tool.importlinter]): cli > addin > report_builder > workbook >
templates > bdg; templates' forms, intake and report templates are independent; the domain imports no
spreadsheet, document or terminal library; the core no front door.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bdg", "templates", "workbook", "report_builder", "addin", "cli")


def test_import_contracts_are_kept():
    exe = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(exe), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_no_import_cycles_between_modules():
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    cycles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycles.add(" → ".join((module, *chain)))
    assert not cycles, sorted(cycles)
