"""Render the report as one self-contained HTML page (jinja2, autoescaped; charts inlined)."""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape

from bdg.errors import BdgError
from bdg.files import replacing
from report_builder.charts import Chart
from report_builder.paths import HTML_TEMPLATE


def with_data_uris(value):
    """The context with every :class:`Chart` turned into a ``data:image/png`` URI ("" when absent)."""
    if isinstance(value, Chart):
        return "data:image/png;base64," + base64.b64encode(value.png).decode("ascii")
    if isinstance(value, dict):
        return {k: ("" if v is None and k == "chart" else with_data_uris(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [with_data_uris(v) for v in value]
    return value


def render_html_text(context: dict, template: Path | None = None) -> str:
    template = Path(template or HTML_TEMPLATE)
    if not template.exists():
        raise BdgError(code="html-template-missing", template=template)
    env = Environment(loader=FileSystemLoader(str(template.parent)), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True))
    try:
        return env.get_template(template.name).render(**with_data_uris(context))
    except TemplateError as exc:
        raise BdgError(code="html-template-error", template=template, detail=exc.message) from None


def render_html(context: dict, out: Path, template: Path | None = None) -> Path:
    text = render_html_text(context, template)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return out
