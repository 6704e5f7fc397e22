"""The report's header and signature settings: the plan's ``report`` block, optionally
overridden by a small YAML file (any subset of its fields), e.g.::

    signer_name: Nguyễn Văn A
    recipients: [UBND tỉnh (b/c);, Lưu VT.]
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from bdg.errors import BdgError
from bdg.plan import Plan, ReportSettings


def load_settings(plan: Plan, path: Path | None = None) -> ReportSettings:
    if path is None:
        return plan.report
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise BdgError(code="report-settings-missing", path=path) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise BdgError(code="report-settings-not-yaml", path=path, detail=str(exc).strip()) from None
    if not isinstance(data, dict):
        raise BdgError(code="report-settings-not-mapping", path=path)
    fields = set(ReportSettings.model_fields)
    unknown = sorted(set(data) - fields)
    if unknown:
        raise BdgError(code="report-settings-unknown", path=path, unknown=", ".join(unknown),
                       fields=", ".join(sorted(fields)))
    try:
        return ReportSettings(**{**plan.report.model_dump(), **data})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise BdgError(code="report-settings-invalid", path=path, detail=problems) from None
