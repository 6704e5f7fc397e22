"""Where the shipped report templates live (templates/report/, data files users may edit)."""

from __future__ import annotations

from pathlib import Path

import templates.report

TEMPLATE_DIR = Path(templates.report.__file__).resolve().parent
DOCX_TEMPLATE = TEMPLATE_DIR / "bao-cao.docx"
HTML_TEMPLATE = TEMPLATE_DIR / "bao-cao.html.j2"
