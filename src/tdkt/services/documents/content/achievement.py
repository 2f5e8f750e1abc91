"""Báo cáo thành tích (mẫu số 08 Phụ lục I of the decree the movement's plan names: NĐ 98/2023
or NĐ 152/2025) of an individual or a collective, from the case: who, where, which position,
the achievements the unit entered in the form's parts (:mod:`tdkt.domain.achievement_report`)
or wrote as text on the nomination — a report is refused while the unit has entered none: a
văn thư would not sign a Báo cáo thành tích without results — and the awards already recorded."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents.layout import Signature
from tdkt.domain.achievement_report import AchievementReport, report_sections
from tdkt.domain.vietnamese import short_date
from tdkt.persistence.models import AwardRecord, Case, Movement, Person, Unit
from tdkt.services.documents.content.basis import decree_check
from tdkt.services.documents.content.common import (
    document_form,
    form_name,
    head_of_agency,
    header,
    issuer,
    require,
    signer,
)
from tdkt.services.documents.content.dossier import position, role_holder, unit_issuer, upper_first

__all__ = ["achievement_context", "achievement_text", "award_history"]


def achievement_text(case: Case) -> list[str]:
    """The achievements the unit wrote as text on the nomination, a paragraph a line."""
    return [line.strip() for line in case.achievements.splitlines() if line.strip()]


def award_history(s: Session, case: Case) -> list[list[str]]:
    """The awards already decided for the nominee (by person, or by name for a collective)."""
    same = (AwardRecord.nominee_person_id == case.nominee_person_id if case.nominee_person_id
            else AwardRecord.nominee_unit_id == case.nominee_unit_id if case.nominee_unit_id
            else AwardRecord.nominee_key == case.nominee_key)
    records = s.scalars(select(AwardRecord).where(same, AwardRecord.case_id != case.id)
                        .order_by(AwardRecord.decided_on))
    rows = []
    for r in records:
        movement = s.get(Movement, r.movement_id)
        assert movement is not None  # a foreign key
        rows.append([str(r.year), form_name(movement, r.award_form) or r.award_form,
                     f"{r.decision_number}, ngày {short_date(r.decided_on)}"])
    return rows


def _collective_unit(s: Session, case: Case) -> Unit:
    """The unit a collective nominee is (its unit record), else the unit that nominated it."""
    return (s.get(Unit, case.nominee_unit_id) if case.nominee_unit_id else None) or case.unit


def achievement_context(s: Session, case: Case, day: date) -> dict[str, Any]:
    movement, unit = case.movement, case.unit
    org, agency = unit_issuer(s, unit), issuer(s, case.agency_id)
    head = role_holder(s, unit.id, "unit_head")
    chief = head_of_agency(s, agency.code)
    nominee = s.get(Person, case.nominee_person_id) if case.nominee_person_id else None
    individual = case.nominee_kind == "individual"
    # the nominee heads the unit: the agency's head confirms (cấp trên trực tiếp)
    confirmer = chief if (not individual or (nominee is not None and head is not None and nominee.id == head.id)) \
        else head
    template, decree = document_form(movement, "bao_cao_thanh_tich", day)
    structured = AchievementReport.from_record(case.achievement_report) if case.achievement_report else None
    if structured is not None and structured.period_until > day:
        structured = None  # a period after the report's own day is never claimed
    checks = [(structured is not None or bool(achievement_text(case)),
               f"thành tích do {unit.name or 'đơn vị'} nhập (mục II mẫu số 08: nhiệm vụ, kết quả đạt được) — ghi "
               f"tại trang hồ sơ số {case.id}, mục «Báo cáo thành tích»"),
              (bool(case.nominee_name), f"tên người/tập thể được đề nghị (hồ sơ {case.id})"),
              (bool(unit.name), "tên phòng, đơn vị"), (bool(org.parent), "tên cơ quan chủ quản"),
              (bool(org.place), "địa danh"),
              (bool(form_name(movement, case.award_form)), f"tên hình thức khen thưởng (hồ sơ {case.id})"),
              decree_check(day),
              (confirmer is not None, "thủ trưởng xác nhận báo cáo (thủ trưởng đơn vị / Trưởng ban)"),
              (confirmer is None or bool(confirmer.title), "chức vụ của thủ trưởng xác nhận báo cáo")]
    if individual:
        checks.append((bool(position(s, case)), f"chức vụ của {case.nominee_name or 'cá nhân'} (hồ sơ {case.id})"))
    else:
        checks.append((head is not None, f"thủ trưởng của {unit.name or 'đơn vị'} (người ký báo cáo)"))
    require("Báo cáo thành tích", checks)
    assert confirmer is not None  # checked above
    form = form_name(movement, case.award_form)
    achievements, source = ((report_sections(structured, not individual), "structured") if structured is not None
                             else (achievement_text(case), "case"))
    history = award_history(s, case)
    if individual:
        gender = {"female": "Nữ", "male": "Nam"}.get(case.nominee_gender or "")
        facts = [{"text": "I. SƠ LƯỢC LÝ LỊCH", "bold": True}, f"- Họ và tên: {case.nominee_name}",
                 *([f"- Giới tính: {gender}"] if gender else []),
                 *([f"- Năm sinh: {structured.born}"] if structured and structured.born else []),
                 *([f"- Quê quán: {structured.hometown}"] if structured and structured.hometown else []),
                 f"- Chức vụ: {position(s, case)}", f"- Đơn vị công tác: {unit.name}, {org.parent}",
                 *([f"- Trình độ chuyên môn, nghiệp vụ: {structured.qualification}"]
                   if structured and structured.qualification else [])]
        sign = Signature("Người báo cáo thành tích", case.nominee_name)
    else:
        assert head is not None  # checked above for a collective
        own = _collective_unit(s, case)
        facts = [{"text": "I. ĐẶC ĐIỂM, TÌNH HÌNH", "bold": True}, f"- Tên tập thể: {case.nominee_name}",
                 f"- Trực thuộc: {org.parent}",
                 *([f"- Số công chức, viên chức, người lao động: {own.staff_count}"] if own.staff_count else []),
                 f"- Thủ trưởng: {head.full_name}, {head.title}"]
        sign = Signature(head.title, head.full_name)
    confirm_title = ("XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ" if confirmer is head and individual
                     else "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP")
    return header(org, "", day) | {
        "kind_title": "BÁO CÁO THÀNH TÍCH",
        "excerpt": f"Đề nghị tặng {form} cho {'cá nhân' if individual else 'tập thể'} {case.nominee_name}",
        "form_note": f"{upper_first(template or 'mẫu số 08 Phụ lục I')} {decree}",
        "body": [{"text": f"Thành tích trong {movement.name}" + (f", đợt {case.round.number}"
                                                                   if len(case.plan.rounds) > 1 else ""),
                  "italic": True}, *facts,
                 {"text": "II. THÀNH TÍCH ĐẠT ĐƯỢC", "bold": True}, *achievements,
                 {"text": "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN", "bold": True},
                 *([] if history else ["Chưa có hình thức khen thưởng nào."])],
        "rows": history, "columns": ["Năm", "Hình thức khen thưởng", "Số, ngày quyết định"],
        "second_signer": {"title_line": confirm_title, "name": confirmer.full_name,
                          "position_line": (confirmer.title or "").upper()},
        "signer": signer(sign), "recipients": [], "decree": decree,
        "nominee_name": case.nominee_name, "achievements_source": source,
    }
