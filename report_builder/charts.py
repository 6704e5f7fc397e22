"""Charts of value against target, one picture per objective (PNG bytes, Vietnamese labels).

Drawn with matplotlib's object API on the Agg canvas (no display, no global pyplot state);
DejaVu Sans, matplotlib's own font, has every Vietnamese letter. Each numeric series of the
objective gets a small panel: the province's values by year, the expected trajectory from
its assessment, the baseline and the milestone targets in force.
"""

from __future__ import annotations

import io
import math
import multiprocessing as mp
import os
import textwrap
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bdg.numbers import fmt_number, fmt_target
from bdg.plan import Objective, Plan, Series
from report_builder.facts import Facts
from report_builder.scope import Scope
from report_builder.sentences import is_number

DPI = 120
WIDTH_IN = 6.3  # about 160 mm, the text width of a portrait A4 page
ROW_IN = 2.3
COLOURS = {"value": "#1f4e79", "expected": "#7f7f7f", "target": "#c00000", "baseline": "#548235"}


@dataclass(frozen=True)
class Chart:
    objective: int
    png: bytes
    caption: str


def chart_years(plan: Plan, scope: Scope) -> list[int]:
    end = scope.year
    if not scope.review:
        end = max(end, plan.next_milestone(scope.year) or end)
    return list(range(plan.period.start, end + 1))


def shown_series(plan: Plan, facts: Facts, scope: Scope, objective: Objective) -> list[Series]:
    """The objective's numeric series that have at least one value to draw."""
    years = [y for y in chart_years(plan, scope) if y <= scope.year]
    return [s for s in plan.series_of(objective.number)
            if not s.is_qualitative and any(is_number(facts.value(s.code, y)) for y in years)]


def objective_chart(plan: Plan, facts: Facts, scope: Scope, objective: Objective, number: int) -> Chart | None:
    """A chart for one objective, or None when it has no numeric series or no value to show."""
    shown = shown_series(plan, facts, scope, objective)
    if not shown:
        return None
    years = chart_years(plan, scope)
    cols = 1 if len(shown) == 1 else 2
    rows = math.ceil(len(shown) / cols)
    height = ROW_IN * rows + 0.5
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    FigureCanvasAgg(fig)
    for i, s in enumerate(shown):
        _panel(fig.add_subplot(rows, cols, i + 1), plan, facts, scope, s, years)
    handles, labels = [], []
    for ax in fig.axes:  # one legend entry per kind of mark, whichever panel has it
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=7, frameon=False)
    fig.subplots_adjust(left=0.09, right=0.98, top=1 - 0.55 / height, bottom=0.55 / height,
                        wspace=0.25, hspace=0.55 * 2.3 / ROW_IN)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
    caption = f"Biểu đồ {number}. Mục tiêu {objective.number}: kết quả thực hiện so với chỉ tiêu"
    return Chart(objective.number, buf.getvalue(), caption)


def _panel(ax, plan: Plan, facts: Facts, scope: Scope, s: Series, years: list[int]) -> None:
    points = [(y, float(facts.value(s.code, y))) for y in years
              if y <= scope.year and is_number(facts.value(s.code, y))]
    expected = [(y, float(a.expected)) for y in years
                if (a := facts.assessment(s.code, y)) is not None and is_number(getattr(a, "expected", None))]
    if expected:
        ax.plot(*zip(*expected), linestyle="--", linewidth=1, color=COLOURS["expected"], label="Lộ trình dự kiến")
    if is_number(s.baseline.value) and s.baseline.year:
        ax.plot([s.baseline.year], [float(s.baseline.value)], marker="s", linestyle="none",
                color=COLOURS["baseline"], label="Số liệu gốc")
    if points:
        ax.plot(*zip(*points), marker="o", markersize=3.5, linewidth=1.6, color=COLOURS["value"],
                label="Thực hiện")
    for m in plan.milestones:
        t = s.target(m)
        if t is not None and is_number(t.value) and m <= years[-1]:
            ax.plot([m], [float(t.value)], marker="*", markersize=10, linestyle="none",
                    color=COLOURS["target"], label="Chỉ tiêu")
            ax.annotate(fmt_target(s, t), (m, float(t.value)), textcoords="offset points", xytext=(0, 6),
                        ha="center", fontsize=6.5, color=COLOURS["target"])
    # an explicit y keeps matplotlib from measuring every tick label to place the title
    ax.set_title(textwrap.fill(f"{s.code}. {s.name}", 48), fontsize=7.5, y=1.0, pad=4)
    ax.set_ylabel(s.unit if len(s.unit) < 16 else textwrap.fill(s.unit, 14), fontsize=7)
    ax.tick_params(labelsize=6.5)
    # few ticks (each costs matplotlib several artists): the first year, the milestones, the last year
    ticks = sorted({years[0], years[-1], scope.year, *(m for m in plan.milestones if years[0] <= m <= years[-1])})
    ax.set_xticks(ticks, [str(y) for y in ticks])
    ax.yaxis.set_major_locator(MaxNLocator(nbins=3))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: fmt_number(y, 2)))
    ax.margins(y=0.25)


_JOB: tuple | None = None  # (plan, facts, scope) shared with forked workers


def _draw(item: tuple[int, int]) -> Chart | None:
    plan, facts, scope = _JOB
    objective, number = item
    return objective_chart(plan, facts, scope, plan.objective(objective), number)


def _warm_up() -> None:
    """Load the font, the glyph cache and the number locale once, before the workers are forked."""
    fig = Figure(figsize=(1, 1), dpi=20)
    FigureCanvasAgg(fig)
    fig.text(0.5, 0.5, f"Tỷ lệ {fmt_number(1.5)}%", fontsize=7)
    fig.canvas.draw()


def _workers(jobs: int) -> int:
    """Processes to draw with: charts are CPU-bound; fork (cheap, shares the data) where available."""
    if jobs < 3 or "fork" not in mp.get_all_start_methods() or os.environ.get("BDG_CHART_WORKERS") == "1":
        return 1
    return max(1, min(os.cpu_count() or 1, 4, jobs))


def build_charts(plan: Plan, facts: Facts, scope: Scope) -> dict[int, Chart]:
    """Charts keyed by objective number, numbered in the order they appear."""
    global _JOB
    items, number = [], 0
    for o in plan.objectives:
        if shown_series(plan, facts, scope, o):
            number += 1
            items.append((o.number, number))
    _JOB = (plan, facts, scope)
    try:
        workers = _workers(len(items))
        if workers > 1:
            _warm_up()
            try:
                with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
                    charts = list(pool.map(_draw, items))
            except (OSError, BrokenProcessPool):
                charts = [_draw(i) for i in items]
        else:
            charts = [_draw(i) for i in items]
    finally:
        _JOB = None
    return {c.objective: c for c in charts if c is not None}
