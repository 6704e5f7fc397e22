"""Broken plan files give one Vietnamese message naming the file, the field and the line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cli import main
from bdg.plan_loader import PlanFileError, bundled_plan_path, load_plan


def _broken(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(bundled_plan_path().read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _message(path: Path) -> str:
    with pytest.raises(PlanFileError) as info:
        load_plan(path)
    return str(info.value)


def test_missing_field(tmp_path):
    path = _broken(tmp_path, lambda d: d["series"][3].pop("unit"))
    msg = _message(path)
    assert "ke-hoach.yaml" in msg and "series[1.3].unit" in msg and "thiếu trường bắt buộc" in msg
    assert "dòng" in msg


def test_wrong_type(tmp_path):
    def mutate(d):
        d["period"]["start"] = "hai nghìn"
    msg = _message(_broken(tmp_path, mutate))
    assert "period.start" in msg and "phải là số nguyên" in msg and "'hai nghìn'" in msg


def test_unknown_agency(tmp_path):
    def mutate(d):
        d["series"][0]["lead"] = "SO_MA"
    msg = _message(_broken(tmp_path, mutate))
    assert "cơ quan chủ trì 'SO_MA' không có trong agencies" in msg and "1.1a" in msg


def test_duplicate_code(tmp_path):
    def mutate(d):
        d["series"][1]["code"] = d["series"][0]["code"]
    msg = _message(_broken(tmp_path, mutate))
    assert "mã '1.1a' bị trùng trong series" in msg


def test_line_number_points_at_the_field(tmp_path):
    path = _broken(tmp_path, lambda d: d["series"][5].update(direction="nhieu_hon"))
    msg = _message(path)
    line = int(msg.split("dòng ")[1].split(",")[0])
    assert "direction: nhieu_hon" in path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_not_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    assert "sai cú pháp YAML" in _message(bad)
    assert "Không tìm thấy tệp kế hoạch" in _message(tmp_path / "none.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("id: Bắc".encode("cp1258", errors="replace") + b"\xff\xfe")
    assert "UTF-8" in _message(latin)


def test_cli_shows_message_without_traceback(tmp_path, capsys):
    path = _broken(tmp_path, lambda d: d["series"][3].pop("unit"))
    assert main(["plan", "show", "--plan", str(path)]) == 2
    err = capsys.readouterr().err
    assert "thiếu trường bắt buộc" in err and "Traceback" not in err


def _line_of(path: Path, needle: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if i > after and needle in line)


def test_every_error_at_once_each_with_its_line_and_choices(tmp_path):
    """Duplicate code, unknown agency, milestone outside the period, target year that is not a
    milestone, duplicate unit and a misspelt direction: six problems, one message, six lines."""
    def mutate(d):
        d["series"][1]["code"] = d["series"][0]["code"]
        d["series"][2]["lead"] = "SO_MA"
        d["milestones"] = [2015, 2020, 2025]
        d["series"][4]["variants"][0]["targets"][2017] = {"value": 10}
        d["units"][2]["code"] = d["units"][1]["code"]
        d["series"][5]["direction"] = "nhieu_hon"
    path = _broken(tmp_path, mutate)
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    msg = _message(path)
    problems = [line for line in msg.splitlines() if line.startswith("  - ")]
    assert "có 6 lỗi" in msg and len(problems) == 6, msg
    assert all(line.startswith("  - dòng ") for line in problems), msg
    lines = {line.split("trường ")[1].split(":")[0]: int(line.split("dòng ")[1].split(",")[0]) for line in problems}
    text = path.read_text(encoding="utf-8").splitlines()
    dup = d["series"][0]["code"]
    unit = d["units"][1]["code"]
    expected = {
        f"'series[{dup}].code'": f"code: {dup}",
        f"'series[{d['series'][2]['code']}].lead'": "lead: SO_MA",
        "'milestones[2]'": "- 2025",
        f"'series[{d['series'][4]['code']}].variants[0].targets[2017]'": "2017:",
        f"'units[{unit}].code'": f"code: {unit}",
        f"'series[{d['series'][5]['code']}].direction'": "direction: nhieu_hon",
    }
    assert set(lines) == set(expected), msg
    for field, needle in expected.items():
        assert needle in text[lines[field] - 1], (field, text[lines[field] - 1])
    assert lines[f"'series[{dup}].code'"] > _line_of(path, f"code: {dup}")  # the repeat, not the first
    assert "mã 'SYT'" not in msg and "các mã hợp lệ: LDTBXH" in msg  # valid agency codes listed
    assert "các mốc: 2015, 2020, 2025" in msg  # valid milestones listed
    assert "at_least (đạt ít nhất)" in msg and "qualitative (định tính)" in msg  # valid directions listed
    assert "(gốc)" not in msg


def test_a_repeated_code_names_the_line_of_its_first_declaration(tmp_path):
    path = _broken(tmp_path, lambda d: d["units"][2].update(code=d["units"][1]["code"]))
    msg = _message(path)
    first = int(msg.split("lần khai báo đầu ở dòng ")[1].split()[0].rstrip(";."))
    assert f"code: {yaml.safe_load(path.read_text(encoding='utf-8'))['units'][1]['code']}" in \
        path.read_text(encoding="utf-8").splitlines()[first - 1]
    assert int(msg.split("dòng ")[1].split(",")[0]) > first
