"""A master carries its plan: after ``bdg init --plan``, every command given --master uses it."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from bdg.plan_loader import bundled_plan_path, load_plan
from cli import main
from conftest import SECOND_PLAN
from templates.forms.sample import make_sample_forms
from workbook.plan_store import PLAN_SHEET, embedded_plan


def _run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out + out.err


def _leaks(text: str, bundled) -> list[str]:
    return [what for what in (bundled.name, bundled.id, bundled.decision.number) if what in text]


@pytest.fixture(scope="module")
def second_master(tmp_path_factory, second_plan):
    """A master made with the second plan and the sample forms of its first five years."""
    root = tmp_path_factory.mktemp("second")
    master = root / "so-tong-hop.xlsx"
    assert main(["init", "--plan", str(SECOND_PLAN), "--out", str(master)]) == 0
    inbox = root / "hop-thu"
    make_sample_forms(second_plan, range(2021, 2026), inbox)
    return master, inbox


def test_init_embeds_the_plan_text_and_hash(second_master):
    master, _ = second_master
    text = SECOND_PLAN.read_text(encoding="utf-8")
    embedded = embedded_plan(master)
    assert embedded.text == text
    assert embedded.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert embedded.plan == load_plan(SECOND_PLAN)
    assert load_workbook(master, read_only=True)[PLAN_SHEET].sheet_state == "veryHidden"


def test_whole_cycle_without_plan_uses_the_embedded_plan(second_master, tmp_path, capsys, plan, second_plan):
    src, inbox = second_master
    master = shutil.copy(src, tmp_path / "so.xlsx")
    said = []

    code, out = _run(capsys, "status", "--year", 2025, "--master", master)
    assert code == 0, out
    assert "năm 2025 (hạn nộp 05/12/2025)" in out and "ngoài giai đoạn" not in out
    said.append(out)

    code, out = _run(capsys, "forms", "--year", 2025, "--master", master, "--out", tmp_path / "bieu-mau")
    assert code == 0, out
    names = sorted(p.name for p in (tmp_path / "bieu-mau").glob("*.xlsx"))
    assert names and all(n.startswith("2025_") for n in names)
    assert {n.split("_")[1] for n in names} == {a.code for a in second_plan.lead_agencies_in(2025)}
    said.append(out)

    code, out = _run(capsys, "check", inbox, "--master", master, "--json")
    assert code == 1, out  # the sample forms carry a few typical mistakes
    codes = {p["code"] for f in json.loads(out)["files"] for p in f["problems"]}
    assert "wrong-plan" not in codes and "sample-data" in codes
    said.append(out)

    code, out = _run(capsys, "consolidate", inbox, "--master", master)
    assert code in (0, 1), out
    assert "Đã ghi sổ tổng hợp" in out
    assert embedded_plan(master).plan == second_plan  # kept by the streamed write
    said.append(out)

    code, out = _run(capsys, "attainment", "--year", 2025, "--master", master)
    assert code == 0, out
    assert "Mức đạt chỉ tiêu năm 2025" in out and second_plan.province_unit.name in out
    said.append(out)

    code, out = _run(capsys, "report", "--year", 2025, "--master", master, "--format", "docx,html",
                     "--out", tmp_path / "bao-cao", "--no-charts")
    assert code == 0, out
    said.append(out)
    docx = next((tmp_path / "bao-cao").glob("*.docx"))
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    said.append(text)
    said.append(next((tmp_path / "bao-cao").glob("*.html")).read_text(encoding="utf-8"))
    assert second_plan.province in text
    assert _leaks("\n".join(said), plan) == []


def test_a_plan_other_than_the_masters_is_refused_naming_both(second_master, capsys, plan, second_plan):
    master, inbox = second_master
    for argv in (["status", "--year", 2025], ["forms", "--year", 2025], ["check", inbox],
                 ["attainment"], ["report", "--year", 2025], ["consolidate", inbox, "--dry-run"]):
        code, out = _run(capsys, *argv, "--master", master, "--plan", bundled_plan_path())
        assert code == 2, (argv, out)
        flat = " ".join(out.split())
        assert f"'{second_plan.id}'" in flat and f"'{plan.id}'" in flat, argv
        assert "Traceback" not in out
    code, out = _run(capsys, "status", "--year", 2025, "--master", master, "--plan", SECOND_PLAN)
    assert code == 0, out  # the very plan of the master is accepted


def test_same_id_other_content_is_refused_and_points_to_plan_update(second_master, tmp_path, capsys):
    master, _ = second_master
    changed = tmp_path / "sua.yaml"
    changed.write_text(SECOND_PLAN.read_text(encoding="utf-8").replace("Sở Y tế", "Sở Y tế tỉnh"), encoding="utf-8")
    code, out = _run(capsys, "status", "--master", master, "--plan", changed)
    assert code == 2
    assert "khác nội dung" in out and "bdg plan update" in " ".join(out.split())


def test_an_older_master_uses_the_bundled_plan_of_its_id_and_says_how_to_embed(plan, tmp_path, capsys):
    master = tmp_path / "cu.xlsx"
    assert main(["init", "--out", str(master)]) == 0
    wb = load_workbook(master)
    del wb[PLAN_SHEET]  # as made before plans were embedded: only the plan id
    wb.save(master)
    capsys.readouterr()
    code, out = _run(capsys, "status", "--year", 2015, "--master", master)
    assert code == 0, out
    flat = " ".join(out.split())
    assert "chưa gắn kế hoạch" in flat and f"bdg plan update --master {master}" in flat
    code, out = _run(capsys, "plan", "update", bundled_plan_path(), "--master", master)
    assert code == 0, out
    assert embedded_plan(master).plan == plan
    code, out = _run(capsys, "status", "--year", 2015, "--master", master)
    assert code == 0 and "chưa gắn kế hoạch" not in out


def test_an_older_master_of_a_plan_not_shipped_needs_plan_once(second_master, tmp_path, capsys):
    master = Path(shutil.copy(second_master[0], tmp_path / "cu.xlsx"))
    wb = load_workbook(master)
    del wb[PLAN_SHEET]
    wb.save(master)
    code, out = _run(capsys, "status", "--master", master)
    assert code == 2 and "--plan" in out and "bdg plan update" in " ".join(out.split())
    code, out = _run(capsys, "status", "--year", 2025, "--master", master, "--plan", SECOND_PLAN)
    assert code == 0 and "chưa gắn kế hoạch" in " ".join(out.split())


def test_embedded_plan_survives_a_libreoffice_round_trip(second_master, tmp_path, soffice, capsys, second_plan):
    master, _ = second_master
    src = Path(shutil.copy(master, tmp_path / "so.xlsx"))
    out_dir = tmp_path / "lo"
    [converted] = soffice.convert([src], "xlsx", out_dir)
    assert converted.exists()
    embedded = embedded_plan(converted)
    assert embedded.text == SECOND_PLAN.read_text(encoding="utf-8")
    assert embedded.plan == second_plan
    code, out = _run(capsys, "attainment", "--year", 2025, "--master", converted)  # an openpyxl save after LO
    assert code == 0, out
    assert embedded_plan(converted).plan == second_plan


def test_forms_and_check_take_the_plan_of_master_xlsx_in_the_current_folder(second_master, tmp_path, capsys,
                                                                            monkeypatch, second_plan):
    shutil.copy(second_master[0], tmp_path / "master.xlsx")
    monkeypatch.chdir(tmp_path)
    code, out = _run(capsys, "forms", "--year", 2025, "--out", "bieu-mau")
    assert code == 0, out
    assert {p.name.split("_")[1] for p in (tmp_path / "bieu-mau").glob("*.xlsx")} == \
        {a.code for a in second_plan.lead_agencies_in(2025)}
    code, out = _run(capsys, "check", "bieu-mau", "--json")
    assert "wrong-plan" not in out
    (tmp_path / "master.xlsx").unlink()
    Workbook().save(tmp_path / "master.xlsx")  # not a bdg master: ignored, the bundled plan is used
    code, out = _run(capsys, "forms", "--year", 2015, "--out", "khac")
    assert code == 0, out


def test_plan_show_reads_the_masters_plan(second_master, capsys, second_plan):
    capsys.readouterr()
    code, out = _run(capsys, "plan", "show", "--master", second_master[0], "--json")
    assert code == 0, out
    assert json.loads(out)["plan"]["id"] == second_plan.id


def test_the_starting_plan_is_embedded_with_its_values_to_fill(tmp_path, capsys):
    from workbook.plan_choice import choose_plan

    starting = bundled_plan_path("khung-tinh-2021-2030.yaml")
    master = tmp_path / "so.xlsx"
    assert main(["init", "--plan", str(starting), "--out", str(master)]) == 0
    embedded = embedded_plan(master)
    assert "!can_dien" in embedded.text and embedded.plan.to_fill
    assert embedded.plan == load_plan(starting)
    wb = load_workbook(master)
    del wb[PLAN_SHEET]
    wb.save(master)
    choice = choose_plan(None, master)  # an older master of the starting plan finds the shipped file by its id
    assert choice.where == "bundled" and choice.plan == embedded.plan and "bdg plan update" in choice.note
