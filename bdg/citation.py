"""How a report or a guide cites the plan's decision: "Quyết định số <số>/QĐ-UBND ngày <ngày>
của Ủy ban nhân dân tỉnh <tỉnh> về việc phê duyệt Kế hoạch …", or "Kế hoạch số <số>/KH-UBND …".

A plan may be issued by a decision ("phê duyệt", "ban hành") or be a numbered plan itself; the
kind comes from the plan file (``decision.kind``) or, when absent, from the number's symbol
(QĐ, KH, …), as Nghị định 30/2020 spells document kinds.
"""

from __future__ import annotations

from bdg.plan import Decision

KINDS = {"QĐ": "Quyết định", "KH": "Kế hoạch", "NQ": "Nghị quyết", "CT": "Chỉ thị", "HD": "Hướng dẫn"}
DEFAULT_KIND = "Quyết định"
_NAMED_BY_TITLE = {"Kế hoạch"}  # a plan's own title follows its number directly ("Kế hoạch số … thực hiện …")


def decision_kind(decision: Decision) -> str:
    """The kind of document: the plan file's ``kind``, else from the number's symbol, else a decision."""
    given = (getattr(decision, "kind", "") or "").strip()
    if given:
        return given[:1].upper() + given[1:]
    symbol = decision.number.split("/", 1)[1].split("-", 1)[0] if "/" in decision.number else ""
    return KINDS.get(symbol.strip().upper(), DEFAULT_KIND)


def citation(decision: Decision) -> str:
    """The document as a sentence cites it (no final full stop)."""
    kind = decision_kind(decision)
    title = " ".join(decision.title.split())
    own = title[:len(kind)].casefold() == kind.casefold()
    about = title[len(kind):].strip() if own else title
    d = decision.date
    head = f"{kind} số {decision.number} ngày {d.day:02d}/{d.month:02d}/{d.year} của {decision.issuer}"
    if not about:
        return head
    if kind in _NAMED_BY_TITLE:
        return f"{head} {about}" if own else f"{head} về {about}"
    if about.casefold().startswith("về "):
        return f"{head} {about}"
    return f"{head} về việc {about}" if own else f"{head} về {about}"
