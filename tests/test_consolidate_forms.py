"""Consolidation of real generated forms, through ``bdg consolidate``: folders searched
recursively, the printed summary, exit codes, dry run, and the master opened in LibreOffice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import python_calamine as pc

from cli import main
from consolidate_helpers import master, rows
from templates import form_layout as L
from templates.forms.sample import fill_form, sample_fill
from workbook.layout import DATA, LOG, PROBLEMS, STATUS_ACTIVE, STATUS_SUPERSEDED, SUBMISSIONS
from workbook.state import read_master

YEAR = 2014


def form(plan, folder: Path, agency: str, unit: str, *, day: int, inputs=None, name=None, saved_hour=9) -> Path:
    fill = sample_fill(plan, YEAR, agency, unit)
    folder.mkdir(parents=True, exist_ok=True)
    return fill_form(folder / (name or L.file_name(YEAR, agency, unit)), plan, YEAR, agency, unit,
                     inputs or fill.inputs, report_date=dt.date(YEAR, 11, day), sources=fill.sources,
                     narratives=fill.narratives, saved_at=dt.datetime(YEAR, 11, day, saved_hour))


@pytest.fixture
def inbox(plan, tmp_path):
    """Province forms of two agencies in nested folders; one of them sent a correction later."""
    box = tmp_path / "inbox"
    form(plan, box / "so-gd", "SGDDT", "TINH", day=3)
    form(plan, box / "so-tp" / "lan-1", "STP", "TINH", day=5)
    s = plan.series_by_code("7.1")
    corrected = {**sample_fill(plan, YEAR, "STP", "TINH").inputs,
                 "7.1": {s.derivation.numerator: 5, s.derivation.denominator: 12}}
    form(plan, box / "so-tp" / "lan-2", "STP", "TINH", day=20, inputs=corrected)
    return box


def test_consolidate_a_folder_prints_the_summary_and_updates_the_master(plan, tmp_path, inbox, capsys):
    m = master(plan, tmp_path)
    assert main(["consolidate", str(inbox), "--master", str(m)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"{YEAR}_SGDDT_TINH.xlsx" in out and "Đã nhập" in out
    assert "Tổng cộng 3 tệp: nhập mới 5, cập nhật 1, không đổi 3, bị từ chối 0 giá trị" in out
    assert "Đã ghi sổ tổng hợp" in out and "Đã tính lại trang Đánh giá" in out
    state = read_master(m)
    seven = [(r.status, r.input_1) for r in state.data if r.code == "7.1"]
    assert sorted(seven) == sorted([(STATUS_SUPERSEDED, sample_fill(plan, YEAR, "STP", "TINH").inputs["7.1"][
        plan.series_by_code("7.1").derivation.numerator]), (STATUS_ACTIVE, 5)])
    assert {r["code"] for r in state.assessment} >= {"3.1", "7.1"}  # attainment ran in the same write
    assert len(list((tmp_path / "luu-tru").iterdir())) == 3
    # again: nothing new
    assert main(["consolidate", str(inbox), "--master", str(m)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "3 tệp đã nhập trước đó" in out and "sổ tổng hợp giữ nguyên" in out


def test_rejected_values_give_exit_code_1_and_are_named_by_cell(plan, tmp_path, capsys):
    m = master(plan, tmp_path)
    s = plan.series_by_code("3.1")
    path = form(plan, tmp_path / "in", "SGDDT", "TINH", day=4,
                inputs={"3.1": {s.derivation.numerator: "khoảng 80", s.derivation.denominator: 100}})
    assert main(["consolidate", str(path), "--master", str(m)]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "bị từ chối 1 giá trị" in out and "khoảng 80" in out and "ô H" in out
    assert rows(m) == [] and rows(m, "problems")[0]["problem"] == "text-in-number-cell"


def test_nothing_readable_gives_exit_code_2(plan, tmp_path, capsys):
    m = master(plan, tmp_path)
    junk = tmp_path / "in" / "ghi-chu.xlsx"
    junk.parent.mkdir()
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["consolidate", str(junk.parent), "--master", str(m)]) == 2
    assert "Không đọc được" in capsys.readouterr().out
    assert main(["consolidate", str(tmp_path / "khong-co.xlsx"), "--master", str(m)]) == 2
    assert "Không tìm thấy tệp 'khong-co.xlsx'" in capsys.readouterr().out
    (tmp_path / "trong").mkdir()
    assert main(["consolidate", str(tmp_path / "trong"), "--master", str(m)]) == 2
    err = capsys.readouterr().err
    assert "Không tìm thấy biểu mẫu nào" in err and "Traceback" not in err
    assert len(rows(m, "log")) == 1  # only the file that was received


def test_a_missing_master_is_a_clear_message(plan, tmp_path, inbox, capsys):
    assert main(["consolidate", str(inbox), "--master", str(tmp_path / "chua-co.xlsx")]) == 2
    assert "bdg init" in capsys.readouterr().err


def test_dry_run_prints_the_changes_and_writes_nothing(plan, tmp_path, inbox, capsys):
    m = master(plan, tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir()), m.read_bytes()
    assert main(["consolidate", str(inbox), "--master", str(m), "--dry-run"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Chạy thử: chưa ghi gì" in out and "Mới: chỉ tiêu 3.1" in out and "Cập nhật: chỉ tiêu 7.1" in out
    assert (sorted(p.name for p in tmp_path.iterdir()), m.read_bytes()) == before


@pytest.mark.office
def test_libreoffice_opens_the_consolidated_master_and_shows_the_statuses(plan, tmp_path, inbox, soffice):
    m = master(plan, tmp_path)
    late = form(plan, tmp_path / "late", "SYT", "TINH", day=25)
    assert main(["consolidate", str(inbox), str(late), "--master", str(m)]) == 0
    (again,) = soffice.convert(m, "xlsx", tmp_path / "lo")
    book = pc.CalamineWorkbook.from_path(str(again))

    def column(sheet, header):
        values = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        at = next(i for i, row in enumerate(values) if header in row)
        col = values[at].index(header)
        return [row[col] for row in values[at + 1:] if any(c not in ("", None) for c in row)]

    assert sorted(set(column(DATA.name, DATA.column("status").header))) == sorted({STATUS_ACTIVE, STATUS_SUPERSEDED})
    timeliness = column(SUBMISSIONS.name, SUBMISSIONS.column("timeliness").header)
    assert {"Đúng hạn", "Trễ hạn", "Chưa nộp"} <= set(timeliness)
    assert set(column(LOG.name, LOG.column("result").header)) == {"Đã nhập"}
    assert column(PROBLEMS.name, PROBLEMS.column("severity").header) == []
    received = column(DATA.name, DATA.column("received_at").header)
    assert all(isinstance(x, dt.datetime) for x in received)  # still dates after LibreOffice
    assessed = column("Đánh giá chi tiết", "Trạng thái")
    assert assessed and all(isinstance(x, str) and x for x in assessed)
