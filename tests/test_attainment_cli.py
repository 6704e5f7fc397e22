"""``bdg attainment``: recompute in the master, print the year's table and objective summary."""

from __future__ import annotations

from attainment_helpers import mixed_rows, write_master
from cli import main
from workbook.state import read_master


def test_attainment_command(tmp_path, plan, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "220")  # one table row per line
    master = write_master(tmp_path / "so.xlsx", plan, mixed_rows(plan))
    assert main(["attainment", "--master", str(master), "--year", "2013"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Mức đạt chỉ tiêu năm 2013" in out
    assert "112 trẻ trai/100 trẻ gái" in out and "≤ 113 trẻ trai/100 trẻ gái (2015)" in out
    assert "100,9%" in out and "Đạt/vượt chỉ tiêu" in out  # 113 ÷ 112
    assert "82,5%" in out and "Có nguy cơ không đạt" in out
    assert "Tổng hợp theo mục tiêu năm 2013" in out
    # the totals row: 1 met, 0 on track, 2 behind, 1 at risk, 0 not met (2013 is no milestone), the rest without data
    assert f"Cộng │ 1 │ 0 │ 2 │ 1 │ 0 │ {len(plan.series) - 4} │" in out
    assert read_master(master).assessment  # the master was written


def test_default_year_is_the_latest_with_data(tmp_path, plan, capsys):
    master = write_master(tmp_path / "so.xlsx", plan, mixed_rows(plan))
    assert main(["attainment", "--master", str(master)]) == 0
    assert "Mức đạt chỉ tiêu năm 2013" in capsys.readouterr().out


def test_clear_messages(tmp_path, plan, capsys):
    master = write_master(tmp_path / "so.xlsx", plan, [])
    assert main(["attainment", "--master", str(master), "--year", "2030"]) == 2
    err = capsys.readouterr().err
    assert "Năm 2030 nằm ngoài giai đoạn" in err and "Traceback" not in err
    assert main(["attainment", "--master", str(tmp_path / "khong-co.xlsx")]) == 2
    assert "Không tìm thấy sổ tổng hợp" in capsys.readouterr().err
