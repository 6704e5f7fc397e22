"""Drafting a plan from a decision's text, by rules over the text (no network, no model).

``draft_plan(DecisionText) -> PlanDraft``: plan-file data (as ``yaml.safe_load`` of a plan file
gives) and, per drafted cell, a :class:`DraftNote` (its source sentence, and why a person should
check it). The phrasings recognised are all in :mod:`bdg.plan_draft.patterns`.
"""

from bdg.plan_draft.draft import NothingToDraft, PlanDraft, draft_plan
from bdg.plan_draft.series import DraftNote
from bdg.plan_draft.text import DecisionText, from_plain_text

__all__ = ["DecisionText", "DraftNote", "NothingToDraft", "PlanDraft", "draft_plan", "from_plain_text"]
