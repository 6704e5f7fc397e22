"""One drafted series as plan data: variants, proposed inputs and derivation, and its notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from bdg.plan_draft.annex import AnnexTarget, AnnexValue
from bdg.plan_draft.targets import EVERY, SeriesText

REVIEW_PROPOSED = "phần mềm đề xuất (văn bản không nói): kiểm tra"


@dataclass(frozen=True)
class DraftNote:
    """Same fields as the plan workbook's cell note: where a value came from, and why to check it."""

    source: str | None = None
    review: str | None = None


@dataclass
class Drafted:
    data: dict
    notes: dict[tuple, DraftNote] = field(default_factory=dict)  # keys relative to the series


def targets_of(text: SeriesText, milestones: list[int]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for m in text.milestones:
        years = milestones if m.year == EVERY else [_milestone_for(m.year, milestones)]
        for year in years:
            target: dict = {"value": m.value}
            if m.strict:
                target["strict"] = True
            wording = f"{m.wording} (hằng năm)" if m.year == EVERY else m.wording
            if wording:
                target["wording"] = wording
            out.setdefault(year, target)
    return dict(sorted(out.items()))


def _milestone_for(year: int, milestones: list[int]) -> int:
    if year in milestones or not milestones:
        return year
    return min(milestones, key=lambda m: (abs(m - year), -m))  # a term's last year → the nearest milestone


def proposed_inputs(text: SeriesText) -> tuple[list[dict], dict, dict | None]:
    """Inputs, derivation and plausible range the text does not give, from its unit and direction."""
    subject = text.name[6:] if text.name.lower().startswith("tỷ lệ ") else text.name
    if text.direction == "qualitative":
        choices = ["Đạt", "Đạt một phần", "Chưa đạt"]
        return ([{"key": "assessment", "label": f"Tự đánh giá: {text.name}"[:200], "kind": "choice",
                  "choices": choices}], {"kind": "direct", "input": "assessment"}, None)
    if text.direction == "reduce_by_share":
        return ([{"key": "current", "label": f"Số {subject} trong năm"[:200]},
                 {"key": "base", "label": f"Số {subject} năm gốc"[:200]}],
                {"kind": "reduction", "current": "current", "baseline": "base"}, {"min": -100, "max": 100})
    if text.direction == "each_sex_at_least":
        return ([{"key": "women", "label": "Số nữ"}, {"key": "men", "label": "Số nam"},
                 {"key": "total", "label": "Tổng số"}],
                {"kind": "share", "numerator": "women", "denominator": "total"}, {"min": 0, "max": 100})
    if text.unit == "lần":
        return ([{"key": "women", "label": "Giá trị của nữ", "kind": "decimal"},
                 {"key": "men", "label": "Giá trị của nam", "kind": "decimal"}],
                {"kind": "share", "numerator": "women", "denominator": "men", "scale": 1}, {"min": 0, "max": 10})
    scale, top = _scale(text.unit)
    return ([{"key": "count", "label": f"Số {subject}"[:200]},
             {"key": "total", "label": _denominator(text.unit)}],
            {"kind": "share", "numerator": "count", "denominator": "total", "scale": scale},
            {"min": 0, "max": top})


def _scale(unit: str) -> tuple[float, float]:
    if unit.startswith("trẻ trai/"):
        return 100.0, 150
    if unit.startswith("/"):
        digits = unit[1:].split()[0].replace(".", "")
        scale = float(digits) if digits.isdigit() else 100.0
        return scale, scale
    return 100.0, 100


def _denominator(unit: str) -> str:
    if unit.startswith("trẻ trai/"):
        return "Số trẻ sơ sinh gái"
    if unit.startswith("/") and len(unit.split(maxsplit=1)) == 2:
        return f"Số {unit.split(maxsplit=1)[1]}"
    return "Tổng số (mẫu số)"


def build_series(code: str, objective: int, target_no: int, text: SeriesText, annex_text: SeriesText | None,
                 annex_row: AnnexTarget | None, column: dict[int | None, AnnexValue],
                 milestones: list[int]) -> Drafted:
    text_targets = targets_of(text, milestones)
    variants = [{"source": "text", "wording": text.wording, "targets": text_targets}]
    notes: dict[tuple, DraftNote] = {}
    review_targets = text.reviews.get("targets") or text.reviews.get("term")
    for year in text_targets:
        notes[("variants", 0, "targets", year)] = DraftNote(text.wording, review_targets)
    if annex_row is not None:
        variant, note_review = _annex_variant(text, text_targets, annex_text, annex_row, column, milestones)
        variants.append(variant)
        for year in variant["targets"]:
            notes[("variants", 1, "targets", year)] = DraftNote(annex_row.source, note_review)
    inputs, derivation, plausible = proposed_inputs(text)
    data = {"code": code, "objective": objective, "target_no": target_no, "name": text.name or text.wording[:120],
            "unit": text.unit or "đánh giá", "direction": text.direction, "lead": "", "variants": variants,
            "inputs": inputs, "derivation": derivation, "by_district": False}
    if text.percent:
        data["percent"] = True
    if plausible:
        data["range"] = plausible
    if text.baseline:
        data["baseline"] = text.baseline
        review = None if text.baseline.get("value") is not None else "văn bản nêu năm gốc nhưng không nêu số liệu"
        notes[("baseline",)] = DraftNote(text.baseline.get("source"), review)
    if text.extra:
        data["note"] = "Phần không có con số: " + " ".join(text.extra)
        notes[("note",)] = DraftNote(" ".join(text.extra), "phần này của chỉ tiêu không có con số: báo cáo bằng lời")
    notes[()] = DraftNote(text.wording, None)
    notes[("name",)] = DraftNote(text.wording, None if text.name else "không tách được tên chỉ tiêu: đặt tên ngắn")
    notes[("direction",)] = DraftNote(text.wording, text.reviews.get("direction"))
    notes[("unit",)] = DraftNote(text.wording, None if text.unit else "không rõ đơn vị tính")
    for part in ("inputs", "derivation", "range", "by_district"):
        notes[(part,)] = DraftNote(None, REVIEW_PROPOSED)
    return Drafted(data, notes)


def _annex_variant(text: SeriesText, text_targets: dict, annex_text: SeriesText | None, row: AnnexTarget,
                   columns: dict[int | None, AnnexValue], milestones: list[int]) -> tuple[dict, str | None]:
    """The annex's variant: its own wording's milestones, else its value columns; every difference noted."""
    targets = targets_of(annex_text, milestones) if annex_text and annex_text.milestones else {}
    differences = []
    for year, column in columns.items():
        year = year if year in milestones else (milestones[0] if milestones and year is None else year)
        if year is None:
            continue
        value = {"value": column.value} | ({"strict": True} if column.strict else {})
        if year not in targets:
            targets[year] = value
        elif _key(targets[year]) != _key(value):
            differences.append(f"cột chỉ tiêu của Phụ lục ghi {column.text}")
    targets = dict(sorted(targets.items()))
    for year in sorted(set(targets) | set(text_targets)):
        a, t = targets.get(year), text_targets.get(year)
        if _key(a) != _key(t):
            differences.append(f"năm {year}: Phụ lục ghi {_show(a, text.direction)}, văn bản ghi "
                               f"{_show(t, text.direction)}")
    variant: dict = {"source": "annex", "targets": targets}
    if annex_text is not None and annex_text.wording != text.wording:
        variant["wording"] = annex_text.wording
    if differences:
        variant["note"] = "Phụ lục khác văn bản: " + "; ".join(differences) + "."
    return variant, ("Phụ lục khác văn bản: chọn phương án áp dụng" if differences else None)


def _key(t: dict | None) -> tuple | None:
    return None if t is None else (t.get("value"), bool(t.get("strict")))


def _show(t: dict | None, direction: str) -> str:
    if t is None:
        return "không có"
    value = t["value"] if isinstance(t["value"], str) else f"{t['value']:g}".replace(".", ",")
    if not t.get("strict"):
        return value
    return f"dưới {value}" if direction == "at_most" else f"trên {value}"
