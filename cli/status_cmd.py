"""``bdg status``: who has not reported, or reported late, for a year (front door only)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import DEFAULT_MASTER, MasterOption, PlanOption, app, console, plan_in_use
from bdg.errors import BdgError


@app.command("status", help="Cho biết cơ quan nào chưa nộp hoặc nộp trễ báo cáo của một năm (theo Nhật ký "
                            "của sổ tổng hợp; hạn nộp theo kế hoạch).")
def status(
    year: Annotated[Optional[int], typer.Option("--year", help="Năm báo cáo. Mặc định: năm gần nhất đã có "
                                                               "biểu mẫu nộp về.")] = None,
    master: MasterOption = DEFAULT_MASTER,
    plan: PlanOption = None,
) -> None:
    from workbook.consolidate import check_master
    from workbook.state import read_master
    from workbook.tracking import latest_year, year_status

    p = plan_in_use(plan, Path(master))
    if year is not None and year not in p.period.years:
        raise BdgError(code="year-outside-period", year=year, start=p.period.start, end=p.period.end)
    check_master(master, p, dry_run=True)
    log = read_master(master, tables=("log",)).log
    now = dt.datetime.now()
    y = year if year is not None else latest_year(p, log, now)
    for line in status_lines(year_status(p, log, y, now)):
        console.print(line, highlight=False)


def status_lines(ys) -> list[str]:
    """The report of one year, as printed (also used by the demo)."""
    items = ys.expected
    lines = [f"Tình hình nộp báo cáo năm {ys.year} (hạn nộp {ys.deadline:%d/%m/%Y}): "
             f"{len(items)} biểu phải nộp; đúng hạn {len(ys.on_time)}, trễ hạn {len(ys.late)}, "
             f"chưa nộp {len(ys.missing)}" + (f", chưa đến hạn {len(ys.pending)}" if ys.pending else "") + "."]
    if ys.missing:
        lines.append("Chưa nộp:")
        lines += [f"  • {name}: {units}" for name, units in _by_agency(ys.missing, ys.expected)]
    if ys.late:
        lines.append("Nộp trễ hạn:")
        lines += [f"  • {t.agency_name} — {t.unit_name}: nộp ngày {t.submitted_at:%d/%m/%Y}, trễ {t.days_late} ngày"
                  for t in ys.late]
    if ys.with_errors:
        lines.append("Bản đang dùng còn lỗi (giá trị có lỗi chưa được nhập):")
        lines += [f"  • {t.agency_name} — {t.unit_name}: {t.errors} lỗi (tệp {Path(t.file or '').name})"
                  for t in ys.with_errors]
    if ys.stray:
        lines.append(f"Biểu của cơ quan, đơn vị không báo cáo năm {ys.year} (không thuộc các biểu phải nộp):")
        lines += [f"  • {t.agency_name} — {t.unit_name}: {t.stray}" for t in ys.stray]
    if not ys.missing and not ys.late:
        lines.append("Các cơ quan đã nộp đủ và đúng hạn." if not ys.pending else
                     "Chưa có cơ quan nào trễ hạn (hạn nộp chưa đến).")
    return lines


def _by_agency(missing, items) -> list[tuple[str, str]]:
    expected = defaultdict(int)
    for t in items:
        expected[t.agency] += 1
    grouped: dict[str, list] = defaultdict(list)
    for t in missing:
        grouped[t.agency].append(t)
    out = []
    for ts in grouped.values():
        if len(ts) == expected[ts[0].agency] and len(ts) > 1:
            units = f"cả {len(ts)} đơn vị"
        else:
            units = ", ".join(t.unit_name for t in ts)
        out.append((ts[0].agency_name, units))
    return out


__all__ = ["status", "status_lines", "DEFAULT_MASTER"]
