"""The plan's catalogue as plain data (the documented JSON of ``bdg plan show --json``).

Shape (version 1)::

    {"format": "bdg-plan-catalogue", "version": 1,
     "plan": {"id", "name", "province", "decision": {"number", "date", "issuer", "title"},
              "period": {"start", "end"}, "milestones": [..], "baseline_year",
              "coordinator": {"code", "name"}, "report_deadline": "DD/MM"},
     "agencies": [{"code", "name", "short", "from", "until", "successor",
                   "renamed": [{"year", "name", "short"}]}],
     "units": [{"code", "name", "level", "renamed": [{"year", "name"}], "from", "until",
                "successors": [code]}],
     "changes": ["<organisational change within the period, one Vietnamese sentence>"],
     "to_fill": [{"field", "line", "placeholder"}]   (values marked !can_dien; from a plan workbook:
                                                      line 0, "placeholder" the reason to check it,
                                                      and "cell", e.g. "Chỉ tiêu!H3 (Cơ quan chủ trì)"),
     "objectives": [{"number", "title", "annex_title", "coordinating": [{"code", "name"}],
                     "coordinating_text"}],
     "series": [{"code", "objective", "target_no", "name", "unit", "direction",
                 "direction_label", "baseline": {"value", "period"},
                 "targets": {"<year>": value in force | null}, "in_force": "text" | "annex",
                 "variants": [{"source": "text" | "annex", "targets": {"<year>": value | null},
                               "wording", "note"}],
                 "differs": bool, "lead": {"code", "name"} (as declared),
                 "leads": [{"code", "name", "from", "until"}] (who leads it in which years),
                 "by_district": bool,
                 "inputs": [{"key", "label", "kind"}], "range": {"min", "max"} | null}]}

Target values are numbers, or text for a qualitative series; "strict" targets ("trên 90%",
"dưới 52") appear in the variants as {"value", "strict": true}.
"""

from __future__ import annotations

from bdg.organisation import changes
from bdg.plan import Plan, Series, Target

FORMAT = "bdg-plan-catalogue"
VERSION = 1


def catalogue(plan: Plan) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "plan": {
            "id": plan.id,
            "name": plan.name,
            "province": plan.province,
            "decision": {
                "number": plan.decision.number,
                "date": plan.decision.date.isoformat(),
                "issuer": plan.decision.issuer,
                "title": plan.decision.title,
            },
            "period": {"start": plan.period.start, "end": plan.period.end},
            "milestones": list(plan.milestones),
            "baseline_year": plan.baseline_year,
            "coordinator": _agency(plan, plan.coordinator),
            "report_deadline": f"{plan.report_deadline.day:02d}/{plan.report_deadline.month:02d}",
        },
        "agencies": [{"code": a.code, "name": a.name, "short": a.short_name, "from": a.valid_from,
                      "until": a.valid_until, "successor": a.successor,
                      "renamed": [{"year": r.year, "name": r.name, "short": r.short} for r in a.renamed]}
                     for a in plan.agencies],
        "units": [
            {"code": u.code, "name": u.name, "level": u.level,
             "renamed": [{"year": r.year, "name": r.name} for r in u.renamed],
             "from": u.valid_from, "until": u.valid_until, "successors": list(u.successors)}
            for u in plan.units
        ],
        "changes": changes(plan),
        "to_fill": [{"field": i.field, "line": i.line, "placeholder": i.placeholder,
                     **({"cell": i.cell} if i.cell else {})} for i in plan.to_fill],
        "objectives": [
            {
                "number": o.number,
                "title": o.title,
                "annex_title": o.annex_title,
                "coordinating": [_agency(plan, c) for c in o.coordinating],
                "coordinating_text": o.coordinating_text,
            }
            for o in plan.objectives
        ],
        "series": [_series(plan, s) for s in plan.series],
    }


def _series(plan: Plan, s: Series) -> dict:
    return {
        "code": s.code,
        "objective": s.objective,
        "target_no": s.target_no,
        "name": s.name,
        "unit": s.unit,
        "direction": s.direction.value,
        "direction_label": s.direction.label,
        "baseline": {"value": s.baseline.value, "period": s.baseline.period},
        "targets": {str(m): _value(s.target(m)) for m in plan.milestones},
        "in_force": s.in_force,
        "variants": [
            {
                "source": v.source,
                "targets": {str(y): _target(t) for y, t in sorted(v.targets.items())},
                "wording": v.wording,
                "note": v.note,
            }
            for v in s.variants
        ],
        "differs": bool(s.differences),
        "lead": _agency(plan, s.lead),
        "leads": [{**_agency(plan, code), "from": first, "until": last}
                  for code, first, last in plan.lead_history(s)],
        "by_district": s.by_district,
        "inputs": [{"key": i.key, "label": i.label, "kind": i.kind} for i in s.inputs],
        "range": {"min": s.range.min, "max": s.range.max} if s.range else None,
    }


def _agency(plan: Plan, code: str) -> dict:
    return {"code": code, "name": plan.agency(code).name}


def _value(t: Target | None):
    return None if t is None else t.value


def _target(t: Target | None):
    if t is None:
        return None
    if t.strict:
        return {"value": t.value, "strict": True}
    return t.value
