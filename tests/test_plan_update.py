"""``bdg plan update``: a corrected plan goes into the master after a diff, with a Nhật ký row."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from cli import main
from conftest import SECOND_PLAN
from bdg.plan_loader import bundled_plan_path, load_plan
from templates.forms.sample import make_sample_forms
from workbook.consolidate import consolidate
from workbook.master import read_catalogue
from workbook.plan_store import embedded_plan
from workbook.plan_update import RESULT_LABEL
from workbook.state import read_master


def _run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, " ".join((out.out + out.err).split())


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def filled_master(tmp_path_factory, second_plan):
    root = tmp_path_factory.mktemp("update")
    master = root / "so.xlsx"
    assert main(["init", "--plan", str(SECOND_PLAN), "--out", str(master)]) == 0
    consolidate(master, [make_sample_forms(second_plan, [2021, 2022], root / "hop-thu")[0].parent], second_plan)
    return master


@pytest.fixture()
def master(filled_master, tmp_path):
    return Path(shutil.copy(filled_master, tmp_path / "so.xlsx"))


def _corrected(tmp_path: Path, second_plan) -> tuple[Path, str, str]:
    """The second plan with one agency renamed and one 2025 target changed."""
    series = next(s for s in second_plan.series if s.target(2025) is not None and not isinstance(
        s.target(2025).value, str))
    text = SECOND_PLAN.read_text(encoding="utf-8").replace('"Sở Y tế"', '"Sở Y tế tỉnh Mẫu"')
    old = f"{{2025: {{value: {series.target(2025).value:g}}}"
    assert old in text, old
    text = text.replace(old, "{2025: {value: 41}", 1)
    path = tmp_path / "ke-hoach-sua.yaml"
    path.write_text(text, encoding="utf-8")
    return path, series.code, text


def test_dry_run_shows_the_difference_and_writes_nothing(master, tmp_path, capsys, second_plan):
    new, code, _ = _corrected(tmp_path, second_plan)
    before = _sha(master)
    rc, out = _run(capsys, "plan", "update", new, "--master", master, "--dry-run")
    assert rc == 0, out
    assert "Cơ quan SOYTE: 'Sở Y tế' → 'Sở Y tế tỉnh Mẫu'" in out
    assert f"Chỉ tiêu {code}, chỉ tiêu năm 2025:" in out and "41" in out
    assert "chưa ghi gì" in out
    assert _sha(master) == before
    assert not (master.parent / "sao-luu").exists()


def test_update_records_in_the_log_and_survives_reopening(master, tmp_path, capsys, second_plan):
    new, code, text = _corrected(tmp_path, second_plan)
    rc, out = _run(capsys, "plan", "update", new, "--master", master)
    assert rc == 0, out
    assert "Đã cập nhật sổ tổng hợp" in out and "sao lưu" in out
    assert list((master.parent / "sao-luu").glob("so.*.xlsx"))
    embedded = embedded_plan(master)
    assert embedded.text == text and embedded.plan == load_plan(new)
    log = read_master(master, tables=("log",)).log
    last = log[-1]
    assert last.result == RESULT_LABEL and last.file == str(new)
    assert "Sở Y tế tỉnh Mẫu" in last.message and last.sha256 == embedded.sha256
    row = next(r for r in read_catalogue(master, embedded.plan) if r["code"] == code)
    assert "41" in str(row["target_2025"])
    assert len(read_master(master, tables=("data",)).data) > 0  # stored values kept
    rc, out = _run(capsys, "attainment", "--year", 2022, "--master", master)
    assert rc == 0, out
    rc, out = _run(capsys, "plan", "update", new, "--master", master)
    assert rc == 0 and "không có gì để cập nhật" in out
    assert len(read_master(master, tables=("log",)).log) == len(log)


def test_another_plan_id_is_refused(master, capsys, plan, second_plan):
    before = _sha(master)
    rc, out = _run(capsys, "plan", "update", bundled_plan_path(), "--master", master)
    assert rc == 2
    assert f"'{second_plan.id}'" in out and f"'{plan.id}'" in out and "bdg init --plan" in out
    assert _sha(master) == before


def test_dropping_a_series_with_values_is_refused_unless_forced(master, tmp_path, capsys, second_plan):
    import yaml

    data = yaml.safe_load(SECOND_PLAN.read_text(encoding="utf-8"))
    stored = {r.code for r in read_master(master, tables=("data",)).data}
    dropped = next(s["code"] for s in data["series"] if s["code"] in stored)
    data["series"] = [s for s in data["series"] if s["code"] != dropped]
    new = tmp_path / "bot.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = _sha(master)
    rc, out = _run(capsys, "plan", "update", new, "--master", master)
    assert rc == 2
    assert f"chỉ tiêu {dropped} (không còn trong kế hoạch)" in out and "--force" in out
    assert _sha(master) == before
    rc, out = _run(capsys, "plan", "update", new, "--master", master, "--force")
    assert rc == 0, out
    assert f"Chỉ tiêu {dropped}: bỏ" in out and "Cảnh báo" in out
    assert dropped not in {s.code for s in embedded_plan(master).plan.series}


def test_a_broken_new_plan_is_refused_with_its_problems(master, tmp_path, capsys):
    new = tmp_path / "hong.yaml"
    new.write_text(SECOND_PLAN.read_text(encoding="utf-8").replace("lead: SOYTE", "lead: SOYTEE"), encoding="utf-8")
    before = _sha(master)
    rc, out = _run(capsys, "plan", "update", new, "--master", master)
    assert rc == 2 and "SOYTEE" in out and "dòng" in out
    assert _sha(master) == before
