"""``bdg demo --plan`` with another plan: every output is of that plan, none of the bundled one."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook

from cli import main
from conftest import SECOND_PLAN


def _texts(path: Path) -> str:
    """The readable text of an output file: package parts of Office files, PDF text, plain text."""
    if path.suffix in (".xlsx", ".xlsm", ".xlam", ".docx"):
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    if path.suffix in (".py", ".txt", ".html", ".json", ".yaml", ".bas"):
        return path.read_text(encoding="utf-8", errors="replace")
    return ""


def test_demo_with_the_second_plan_does_not_leak_the_bundled_plan(tmp_path, capsys, plan, second_plan, soffice):
    out = tmp_path / "demo"
    assert main(["demo", "--plan", str(SECOND_PLAN), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Bỏ qua tệp xlwings Lite" not in printed
    files = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files) and any(p.name == "main.py" for p in files)
    leaks = {p.relative_to(out).as_posix(): what for p in files for what in (plan.name, plan.id,
                                                                            plan.decision.number)
             if what in _texts(p)}
    assert leaks == {}
    assert plan.name not in printed and plan.id not in printed
    main_py = (out / "addin" / "lite" / "main.py").read_text(encoding="utf-8")
    assert f"plan id: {second_plan.id}" in main_py
    checked = next((out / "addin").glob("*-da-kiem-tra.xlsx"))
    rows = CalamineWorkbook.from_path(str(checked)).get_sheet_by_name("Kết quả kiểm tra").to_python()
    codes = {str(r[4]) for r in rows[5:] if len(r) > 4}
    assert codes and "wrong-plan" not in codes  # checked against the demo's own plan
    control = CalamineWorkbook.from_path(str(out / "addin" / "excel" / "bdg-bang-dieu-khien.xlsm"))
    panel = "\n".join(str(v) for row in control.get_sheet_by_name("Bảng điều khiển").to_python() for v in row)
    assert f"ví dụ {min(second_plan.milestones)}" in panel and "ví dụ 2015" not in panel
