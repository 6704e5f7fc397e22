"""The command line: Vietnamese help on every command, the documented JSON, init."""

from __future__ import annotations

import json
import re

import pytest
import typer

from cli import _register, main
from cli.common import app

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)


def _commands():
    """Every command path, including those of sub-apps, as lists of words."""
    _register()
    group = typer.main.get_command(app)
    paths = []

    def walk(cmd, prefix):
        for name, sub in getattr(cmd, "commands", {}).items():
            paths.append(prefix + [name])
            walk(sub, prefix + [name])

    walk(group, [])
    return paths


def test_every_command_has_vietnamese_help(capsys):
    paths = _commands()
    assert ["init"] in paths and ["plan", "show"] in paths
    for path in paths:
        assert main([*path, "--help"]) == 0, path
        out = capsys.readouterr().out
        assert VIETNAMESE.search(out), f"bdg {' '.join(path)} --help is not in Vietnamese"


def test_top_level_help(capsys):
    assert main(["--help"]) == 0
    assert "bình đẳng giới" in capsys.readouterr().out


def test_plan_show_table(capsys):
    assert main(["plan", "show"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "25 dãy số liệu" in out and "7.4" in out and "≤ 58,3" in out


def test_plan_show_json_shape(capsys, plan):
    assert main(["plan", "show", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "bdg-plan-catalogue" and doc["version"] == 1
    assert doc["plan"]["decision"]["number"] == "1000/QĐ-UBND"
    assert doc["plan"]["milestones"] == [2015, 2020]
    assert doc["plan"]["report_deadline"] == "10/11"
    assert [o["number"] for o in doc["objectives"]] == list(range(1, 8))
    assert all({"number", "title", "coordinating"} <= set(o) for o in doc["objectives"])
    assert len(doc["series"]) == 25
    by_code = {s["code"]: s for s in doc["series"]}
    s = by_code["4.2"]
    assert set(s) >= {"code", "objective", "name", "unit", "direction", "baseline", "targets", "variants", "lead"}
    assert s["targets"] == {"2015": 58.3, "2020": 52.0}
    assert s["direction"] == "at_most" and s["lead"]["code"] == "SYT"
    assert [v["source"] for v in s["variants"]] == ["text", "annex"]
    assert s["variants"][1]["targets"]["2015"] == 60 and s["variants"][1]["note"]
    assert s["variants"][0]["targets"]["2020"] == {"value": 52, "strict": True}
    assert by_code["1.1a"]["baseline"] == {"value": 16.0, "period": "nhiệm kỳ 2011 - 2015"}
    assert by_code["1.1a"]["targets"]["2015"] is None
    assert by_code["7.3"]["direction"] == "qualitative"


def test_init_and_second_plan(tmp_path, capsys):
    from tests.conftest import SECOND_PLAN

    out = tmp_path / "m.xlsx"
    assert main(["init", "--out", str(out)]) == 0
    assert out.exists()
    assert main(["init", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["init", "--out", str(out), "--force"]) == 0
    second = tmp_path / "s.xlsx"
    assert main(["init", "--plan", str(SECOND_PLAN), "--out", str(second)]) == 0
    capsys.readouterr()
    assert main(["plan", "show", "--plan", str(SECOND_PLAN), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["plan"]["milestones"] == [2025, 2030]
    assert {s["direction"] for s in doc["series"]} == {
        "at_least", "at_most", "each_sex_at_least", "reduce_by_share", "qualitative"}


@pytest.mark.parametrize("argv", [["nonexistent-command"], ["init", "--bogus"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
