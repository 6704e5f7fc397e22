"""The plan-level parts of a draft: decision, period, agencies, units, report settings."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from bdg.plan_draft import agencies as ag
from bdg.plan_draft import structure as st
from bdg.plan_draft.header import Header
from bdg.plan_draft.series import DraftNote

REVIEW_MISSING = "văn bản không nói: phần mềm đề xuất, hãy điền đúng"
REVIEW_CODE = "mã cơ quan do phần mềm đề xuất (chữ cái đầu): sửa nếu cần"


def slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def decision(header: Header, notes: dict[tuple, DraftNote]) -> dict:
    kind = "Kế hoạch" if header.number and "/KH" in header.number.upper() else "Quyết định"
    title = (header.title if kind == "Kế hoạch" else f"Quyết định phê duyệt {header.title}") if header.title else None
    out = {"number": header.number or "…/QĐ-UBND", "date": header.date or dt.date.today(),
           "issuer": header.issuer or "Ủy ban nhân dân tỉnh …", "title": title or "Kế hoạch thực hiện …"}
    for field in ("number", "date", "issuer", "title"):
        source = header.sources.get(field)
        notes[("decision", field)] = DraftNote(source, None if source else REVIEW_MISSING)
    return out


def plan_data(header: Header, milestones: list[int], registry: ag.Registry, codes: dict[str, str],
              assignments: list[st.Assignment], objectives: list[dict], series: list[dict],
              notes: dict[tuple, DraftNote]) -> dict:
    province = header.province or "…"
    first = min([*milestones, header.date.year] if header.date else milestones, default=dt.date.today().year)
    start, end = header.period or (first, max(milestones, default=first))
    end = max(end, *milestones) if milestones else end
    coordinator = codes.get(ag.key(assignments[0].lead)) if assignments else None
    agencies = [{"code": codes[k], "name": name, "short": name} for k, name in registry.names.items()]
    for i, k in enumerate(registry.names):
        notes[("agencies", i, "code")] = DraftNote(registry.sources.get(k), REVIEW_CODE)
        notes[("agencies", i, "name")] = DraftNote(registry.sources.get(k), None)
    if coordinator is None:
        agencies.append({"code": "CQTH", "name": "Cơ quan tổng hợp", "short": "Cơ quan tổng hợp"})
        coordinator = "CQTH"
        notes[("agencies", len(agencies) - 1, "name")] = DraftNote(None, REVIEW_MISSING)
    for s in series:
        if not s["lead"]:
            s["lead"] = coordinator
    notes[("coordinator",)] = DraftNote(assignments[0].source if assignments else None,
                                        "cơ quan được giao chủ trì đầu tiên trong phần Tổ chức thực hiện: kiểm tra")
    month, day = header.deadline or (12, 15)
    notes[("report_deadline",)] = DraftNote(header.sources.get("deadline"),
                                            None if header.deadline else REVIEW_MISSING)
    notes[("period",)] = DraftNote(header.sources.get("period"), None if "period" in header.sources else REVIEW_MISSING)
    notes[("milestones",)] = DraftNote(None, "các năm mốc lấy từ các chỉ tiêu: kiểm tra")
    notes[("units",)] = DraftNote(None, "văn bản không liệt kê đơn vị báo cáo: thêm các huyện, xã nếu có")
    notes[("report",)] = DraftNote(None, REVIEW_MISSING)
    coordinator_name = next((a["name"] for a in agencies if a["code"] == coordinator), "")
    data = {
        "id": slug(f"ke-hoach-bdg-{province}-{start}-{end}"),
        "name": header.title or f"Kế hoạch thực hiện bình đẳng giới tỉnh {province} giai đoạn {start} - {end}",
        "decision": decision(header, notes),
        "province": province,
        "period": {"start": start, "end": end},
        "milestones": milestones or [end],
        "baseline_year": start - 1,
        "coordinator": coordinator,
        "report_deadline": {"month": month, "day": day},
        "form_version": 1,
        "report": {
            "parent_body": f"UBND TỈNH {province.upper()}",
            "issuing_body": coordinator_name.upper(),
            "number_suffix": f"/BC-{coordinator}",
            "place": province,
            "signer_title": "KT. GIÁM ĐỐC",
            "signer_role": "PHÓ GIÁM ĐỐC",
            "signer_name": "(Họ và tên người ký)",
            "recipients": ["UBND tỉnh (b/c);", "Các sở, ban, ngành, đoàn thể tỉnh;", "Lưu VT."],
        },
        "agencies": agencies,
        "units": [{"code": "TINH", "name": f"Toàn tỉnh {province}", "level": "province"}],
        "objectives": objectives,
        "series": series,
    }
    notes[("baseline_year",)] = DraftNote(None, "năm gốc = năm trước năm đầu giai đoạn: kiểm tra")
    return data
