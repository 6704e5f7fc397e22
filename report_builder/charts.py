"""Charts of value against target, one picture per objective (PNG bytes, Vietnamese labels).

Drawn with matplotlib's object API on the Agg canvas (no display) at print resolution
(:data:`DPI`), in the body's serif family — Times New Roman where installed, else its metric
twin Liberation Serif — at sizes close to the body text. Each numeric series of the objective
gets a panel: the province's values by year, the baseline, the milestone targets (stars; their
wording, with ≥ or ≤, under the panel's title) and the expected path, drawn only where it moves
towards the target: a target the baseline already meets is a floor to keep, not a decline to
expect. :func:`text_boxes` gives the drawn text's boxes, so a test can check that nothing is
clipped or overlaps.
"""

from __future__ import annotations

import io
import math
import os
import textwrap
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache

from matplotlib import font_manager, rc_context
from PIL import Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bdg.attainment import score
from bdg.numbers import fmt_number, fmt_target
from bdg.parallel import mp_context
from bdg.plan import Objective, Plan, Series
from report_builder.annex import unit_text
from report_builder.facts import Facts
from report_builder.scope import Scope
from report_builder.sentences import is_number

DPI = 300  # crisp in print
PALETTE = 64  # colours in the saved picture
WIDTH_IN = 6.1  # the picture's width in the document (155 mm): text sizes below are as printed
ROW_IN = 2.75
SERIF = ("Times New Roman", "Liberation Serif")
SIZES = {"title": 10.5, "label": 10, "tick": 9.5, "legend": 10.5}
COLOURS = {"value": "#1f4e79", "expected": "#7f7f7f", "target": "#c00000", "baseline": "#548235"}


@dataclass(frozen=True)
class Chart:
    objective: int
    png: bytes
    caption: str


@lru_cache(maxsize=1)
def serif_family() -> str:
    """Times New Roman when installed, else Liberation Serif (same metrics), else matplotlib's serif."""
    for name in SERIF:
        try:
            font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
            return name
        except ValueError:
            continue
    return "serif"


def style() -> dict:
    return {"font.family": serif_family(), "font.size": SIZES["label"], "axes.titlesize": SIZES["title"],
            "axes.labelsize": SIZES["label"], "xtick.labelsize": SIZES["tick"], "ytick.labelsize": SIZES["tick"],
            "legend.fontsize": SIZES["legend"]}


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


# Layout in inches, worked out from the text sizes instead of measured (measuring every text costs
# more than drawing): a test checks the drawn boxes never overlap or leave the picture.
LEFT_IN, RIGHT_IN, GAP_IN = 0.78, 0.12, 0.2  # left: tick labels and unit; gap between the two columns
AXES_IN, TICKS_IN, LEGEND_IN = 1.55, 0.3, 0.32
LINE_IN = SIZES["title"] * 1.25 / 72
CHAR_IN = SIZES["title"] * 0.52 / 72  # a generous average width of a serif letter


def _title(plan: Plan, s: Series, years: list[int], width_in: float) -> str:
    chars = max(20, int(width_in / CHAR_IN))
    name = textwrap.fill(f"{s.code}. {s.name}", chars)
    return name + "\n" + textwrap.fill(target_text(plan, s, years), chars)


def draw_objective(plan: Plan, facts: Facts, scope: Scope, objective: Objective) -> Figure | None:
    """The figure of one objective (not yet saved), or None when there is nothing to draw."""
    shown = shown_series(plan, facts, scope, objective)
    if not shown:
        return None
    years = chart_years(plan, scope)
    cols = 1 if len(shown) == 1 else 2
    col_in = (WIDTH_IN - GAP_IN * (cols - 1)) / cols
    titles = [_title(plan, s, years, col_in) for s in shown]
    rows = [list(range(i, min(i + cols, len(shown)))) for i in range(0, len(shown), cols)]
    heads = [max(titles[i].count("\n") + 1 for i in row) * LINE_IN + 0.1 for row in rows]
    height = sum(h + AXES_IN + TICKS_IN for h in heads) + LEGEND_IN
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    FigureCanvasAgg(fig)
    top = height
    for row, head in zip(rows, heads):
        for c, i in enumerate(row):
            x = c * (col_in + GAP_IN)
            fig.text(x / WIDTH_IN, (top - 0.04) / height, titles[i], ha="left", va="top",
                     fontsize=SIZES["title"])
            rect = ((x + LEFT_IN) / WIDTH_IN, (top - head - AXES_IN) / height,
                    (col_in - LEFT_IN - RIGHT_IN) / WIDTH_IN, AXES_IN / height)
            _panel(fig.add_axes(rect), plan, facts, scope, shown[i], years)
        top -= head + AXES_IN + TICKS_IN
    handles, labels = [], []
    for ax in fig.axes:  # one legend entry per kind of mark, whichever panel has it
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=len(labels),
               frameon=False, borderaxespad=0.1, handlelength=1.6, columnspacing=1.2)
    return fig


def objective_chart(plan: Plan, facts: Facts, scope: Scope, objective: Objective, number: int) -> Chart | None:
    """A chart for one objective, or None when it has no numeric series or no value to show."""
    with rc_context(style()):
        fig = draw_objective(plan, facts, scope, objective)
        if fig is None:
            return None
        fig.canvas.draw()
    buf = io.BytesIO()
    picture = Image.frombuffer("RGBA", fig.canvas.get_width_height(), fig.canvas.buffer_rgba())
    # a small palette: the lines, marks and anti-aliased text need few colours; the file is a
    # quarter of the size of a full-colour one and as quick to write
    picture.convert("RGB").quantize(PALETTE, method=Image.Quantize.FASTOCTREE).save(
        buf, "png", compress_level=6, dpi=(DPI, DPI))
    caption = f"Biểu đồ {number}. Mục tiêu {objective.number}: kết quả thực hiện so với chỉ tiêu"
    return Chart(objective.number, buf.getvalue(), caption)


def _drawn_texts(fig: Figure) -> list:
    """Every text the figure draws: its own texts, each panel's labels and the tick labels inside
    the panel's range (matplotlib keeps, but does not draw, labels of ticks outside it), the legend."""
    texts = list(fig.texts)
    for ax in fig.axes:
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            texts += [t.label1 for t in axis.get_major_ticks() if low <= t.get_loc() <= high and t.label1.get_visible()]
    for legend in fig.legends:
        texts += legend.get_texts()
    return list({id(t): t for t in texts}.values())


def text_boxes(fig: Figure) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, (x0, y0, x1, y1) in pixels) of every visible, non-empty text the figure draws."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for t in _drawn_texts(fig):
        if not t.get_visible() or not str(t.get_text()).strip():
            continue
        box = t.get_window_extent(renderer)
        out.append((t.get_text(), (box.x0, box.y0, box.x1, box.y1)))
    return out


def improving(s: Series, points: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The expected path, never worse than it has been: where a target lies below what is already
    reached, the path stays level (a floor to keep) instead of sloping towards the worse value."""
    out, best = [], None
    for year, value in points:
        if best is None or score(s, value) >= score(s, best):
            best = value
        out.append((year, best))
    return out


def target_text(plan: Plan, s: Series, years: list[int]) -> str:
    parts = [f"{m}: {fmt_target(s, t)}" for m in plan.milestones
             if (t := s.target(m)) is not None and m <= years[-1]]
    return "Chỉ tiêu " + "; ".join(parts) if parts else "Kế hoạch không đặt chỉ tiêu"


def _panel(ax, plan: Plan, facts: Facts, scope: Scope, s: Series, years: list[int]) -> None:
    points = [(y, float(facts.value(s.code, y))) for y in years
              if y <= scope.year and is_number(facts.value(s.code, y))]
    expected = [(y, float(a.expected)) for y in years
                if (a := facts.assessment(s.code, y)) is not None and is_number(getattr(a, "expected", None))]
    if expected:
        ax.plot(*zip(*improving(s, expected)), linestyle="--", linewidth=1, color=COLOURS["expected"],
                label="Lộ trình dự kiến")
    if is_number(s.baseline.value) and s.baseline.year:
        ax.plot([s.baseline.year], [float(s.baseline.value)], marker="s", linestyle="none",
                color=COLOURS["baseline"], label="Số liệu gốc")
    if points:
        ax.plot(*zip(*points), marker="o", markersize=3.5, linewidth=1.6, color=COLOURS["value"],
                label="Thực hiện")
    for m in plan.milestones:
        t = s.target(m)
        if t is not None and is_number(t.value) and m <= years[-1]:
            ax.plot([m], [float(t.value)], marker="*", markersize=11, linestyle="none",
                    color=COLOURS["target"], label="Chỉ tiêu")
    unit = unit_text(s)
    ax.set_ylabel(unit if len(unit) < 14 else textwrap.fill(unit, 14), labelpad=2)
    # few ticks (each costs matplotlib several artists): the first year, the milestones, the last year
    ticks = sorted({years[0], years[-1], scope.year, *(m for m in plan.milestones if years[0] <= m <= years[-1])})
    ax.set_xticks(ticks, [str(y) for y in ticks])
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: fmt_number(y, 2)))
    ax.margins(y=0.12)
    ax.tick_params(pad=2)
    ax.grid(axis="y", linewidth=0.4, color="#d9d9d9")


_JOB: tuple | None = None  # (plan, facts, scope): inherited by forked workers, sent to spawned ones


def _share(plan: Plan, facts: Facts, scope: Scope) -> None:
    global _JOB
    _JOB = (plan, facts, scope)


def _draw(item: tuple[int, int]) -> Chart | None:
    plan, facts, scope = _JOB
    objective, number = item
    return objective_chart(plan, facts, scope, plan.objective(objective), number)


def _warm_up() -> None:
    """Load the font, the glyph cache and the number locale once, before the workers are forked."""
    with rc_context(style()):
        fig = Figure(figsize=(1, 1), dpi=20)
        FigureCanvasAgg(fig)
        fig.text(0.5, 0.5, f"Tỷ lệ {fmt_number(1.5)}%")
        fig.canvas.draw()


def _workers(jobs: int) -> int:
    """Processes to draw with: charts are CPU-bound (workers start as :func:`bdg.parallel.mp_context` says)."""
    if jobs < 3 or os.environ.get("BDG_CHART_WORKERS") == "1":
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
                with ProcessPoolExecutor(workers, mp_context=mp_context(), initializer=_share,
                                         initargs=_JOB) as pool:
                    charts = list(pool.map(_draw, items))
            except (OSError, BrokenProcessPool):
                charts = [_draw(i) for i in items]
        else:
            charts = [_draw(i) for i in items]
    finally:
        _JOB = None
    return {c.objective: c for c in charts if c is not None}
