"""Sample filled forms (dữ liệu mẫu) — deterministic, labelled as sample data on every form.

* :func:`make_sample_forms` writes filled forms for every agency, reporting unit and year, with
  report dates mostly before the deadline and a few late, a few agencies missing in some years,
  and (``mistakes=True``) a few typical clerk mistakes.
* :func:`fill_form` writes one filled form from plain values — the helper tests use.
* :func:`replicate_forms` copies forms changing only their last-saved time (``docProps/core.xml``),
  a fast way to make thousands of distinct files for benchmarks: no workbook is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bdg.plan import Plan
from templates import form_layout as L
from templates.forms.generate import FormFill, build_form
from templates.forms.sample_values import sample_inputs

DEFAULT_SEED = 2011
MISSING_SHARE = 0.04  # share of agency-unit-years with no form at all
LATE_SHARE = 0.08  # share of forms dated after the deadline
MISTAKE_SHARE = 0.07  # share of forms with one clerk mistake (mistakes=True)
MISTAKES = ("text-in-number", "negative", "swapped", "blank-series", "extra-zero", "text-separator",
            "no-report-date")


@dataclass(frozen=True)
class SampleForm:
    """What the generator decided for one form (the tests and demos may want to know)."""

    year: int
    agency: str
    unit: str
    report_date: dt.date | None
    mistake: str | None
    path: Path


def make_sample_forms(plan: Plan, years: Iterable[int], out_dir: Path, seed: int = DEFAULT_SEED,
                      mistakes: bool = True) -> list[Path]:
    """Write filled sample forms for every agency, unit and year; return their paths."""
    return [f.path for f in sample_forms(plan, years, out_dir, seed=seed, mistakes=mistakes)]


def sample_forms(plan: Plan, years: Iterable[int], out_dir: Path, seed: int = DEFAULT_SEED,
                 mistakes: bool = True) -> list[SampleForm]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for year in years:
        for agency in plan.lead_agencies_in(year):
            for unit in plan.form_units(agency.code, year):
                rng = random.Random(f"{seed}:form:{year}:{agency.code}:{unit.code}")
                if rng.random() < MISSING_SHARE:
                    continue
                fill = sample_fill(plan, year, agency.code, unit.code, seed)
                mistake = None
                if mistakes and rng.random() < MISTAKE_SHARE:
                    mistake = rng.choice(MISTAKES)
                    _apply_mistake(mistake, plan, fill, rng)
                report_date = _report_date(plan, year, rng)
                fill.report_date = None if mistake == "no-report-date" else report_date
                saved_at = dt.datetime.combine(report_date, dt.time(8)) + dt.timedelta(minutes=rng.randint(0, 540))
                path = out_dir / L.file_name(year, agency.code, unit.code)
                build_form(plan, year, agency.code, unit.code, path, fill=fill, sample=True, saved_at=saved_at)
                made.append(SampleForm(year, agency.code, unit.code, fill.report_date, mistake, path))
    return made


def sample_fill(plan: Plan, year: int, agency: str, unit: str, seed: int = DEFAULT_SEED) -> FormFill:
    """The correct sample figures, sources and narratives of one form (no mistakes)."""
    series = plan.form_series(agency, unit, year)
    inputs = {s.code: sample_inputs(plan, s, unit, year, seed) for s in series}
    sources = {s.code: f"Số liệu thống kê năm {year} của {plan.agency(agency).short_in(year)} (dữ liệu mẫu)"
               for s in series}
    narratives = {}
    for number in sorted({s.objective for s in series}):
        codes = ", ".join(s.code for s in series if s.objective == number)
        narratives[(number, "results")] = (f"[Dữ liệu mẫu] Năm {year}, {plan.agency(agency).short_in(year)} đã triển "
                                           f"khai các hoạt động của Mục tiêu {number} (chỉ tiêu {codes}).")
        narratives[(number, "difficulties")] = "[Dữ liệu mẫu] Nguồn lực và số liệu tách biệt theo giới còn hạn chế."
        narratives[(number, "proposals")] = "[Dữ liệu mẫu] Đề nghị bổ sung kinh phí và tập huấn cho cán bộ."
    return FormFill(inputs=inputs, sources=sources, narratives=narratives)


def fill_form(path: Path, plan: Plan, year: int, agency: str, unit: str,
              inputs: Mapping[str, Mapping[str, object]] | None = None, *, report_date: object = None,
              sources: Mapping[str, str] | None = None, notes: Mapping[str, str] | None = None,
              narratives: Mapping[tuple[int, str], str] | None = None, cached: Mapping[str, object] | None = None,
              sample: bool = False, saved_at: dt.datetime | None = None) -> Path:
    """Write a filled form: ``inputs`` maps series code → input key → what the clerk typed."""
    fill = FormFill(inputs=dict(inputs or {}), report_date=report_date, sources=dict(sources or {}),
                    notes=dict(notes or {}), narratives=dict(narratives or {}), cached=dict(cached or {}))
    path = Path(path)
    build_form(plan, year, agency, unit, path, fill=fill, sample=sample, saved_at=saved_at)
    return path


# --- mistakes and dates ---------------------------------------------------------------------
def _apply_mistake(kind: str, plan: Plan, fill: FormFill, rng: random.Random) -> None:
    numeric = [code for code, values in fill.inputs.items()
               if plan.series_by_code(code).derivation.kind == "share"]
    if not numeric or kind == "no-report-date":
        return
    code = rng.choice(sorted(numeric))
    d = plan.series_by_code(code).derivation
    values = dict(fill.inputs[code])
    if kind == "text-in-number":
        values[d.numerator] = f"khoảng {values[d.numerator]}"
    elif kind == "negative":
        values[d.numerator] = -abs(values[d.numerator]) - 1
    elif kind == "swapped":
        values[d.numerator], values[d.denominator] = values[d.denominator] + 1, values[d.numerator]
    elif kind == "blank-series":
        values = {}
    elif kind == "extra-zero":
        values[d.numerator] = values[d.numerator] * 10
    elif kind == "text-separator":
        values[d.denominator] = f"{values[d.denominator]:,.0f}".replace(",", ".") if values[d.denominator] >= 1000 \
            else f"{values[d.denominator]}"
    fill.inputs = {**fill.inputs, code: values}


def _report_date(plan: Plan, year: int, rng: random.Random) -> dt.date:
    deadline = plan.deadline(year)
    if rng.random() < LATE_SHARE:
        return deadline + dt.timedelta(days=rng.randint(1, 35))
    return deadline - dt.timedelta(days=rng.randint(1, 40))


# --- many distinct files, fast --------------------------------------------------------------------
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def copy_with_saved_at(src: Path, dst: Path, saved_at: dt.datetime) -> Path:
    """Copy a form, changing only its last-saved time (``docProps/core.xml``)."""
    stamp = saved_at.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            zout.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    Path(dst).write_bytes(out.getvalue())
    return Path(dst)


def replicate_forms(paths: list[Path], out_dir: Path, total: int) -> list[Path]:
    """``total`` distinct files made by copying ``paths`` round-robin, each with a later saved time.

    Copy k of a form reads as a resubmission of it, k minutes after the original's saved time.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for k in range(total):
        src = Path(paths[k % len(paths)])
        copy_no = k // len(paths)
        dst = out_dir / f"{src.stem}__{copy_no:04d}{src.suffix}"
        base = _saved_at(src) or dt.datetime(2000, 1, 1)
        made.append(copy_with_saved_at(src, dst, base + dt.timedelta(minutes=copy_no)))
    return made


def _saved_at(path: Path) -> dt.datetime | None:
    with zipfile.ZipFile(path) as z:
        m = _MODIFIED.search(z.read("docProps/core.xml"))
    if not m:
        return None
    text = m.group(0)[len(m.group(1)):-len(m.group(2))].decode()
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
