"""Báo cáo thành tích (mẫu số 08 Phụ lục I of the decree the movement's plan names: NĐ 98/2023
or NĐ 152/2025) of an individual or a collective, from the case: who, where, which position,
the achievements the unit entered in the form's parts (:mod:`tdkt.domain.achievement_report`)
and the awards already recorded. Every part of the mẫu for its kind (cá nhân / tập thể) is
printed; a part not entered refuses the report, naming it and where to enter it (a văn thư signs
no Báo cáo thành tích with an empty or invented part), as does a line claiming a month or a day
after the report's date, or a Party figure its period does not allow (more kỳ sinh hoạt chi bộ
than months…). The period is the round's competition window up to the report's date; a
movement named after its year rewards that year (:func:`report_period`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents.layout import Signature
from tdkt.domain.achievement_report import (
    NONE_RECEIVED,
    PERSON_FIELDS,
    AchievementReport,
    award_rows,
    awards_decided_by,
    closing_round,
    confirmed_by_agency_head,
    later_claims,
    report_period,
    report_sections,
    unfinished_message,
    unfinished_periods,
)
from tdkt.domain.line_breaks import whole_name
from tdkt.domain.movement import names_its_period
from tdkt.domain.party_member import party_claims_beyond, regular_meetings
from tdkt.domain.report_figures import figure_faults, outside_period
from tdkt.domain.vietnamese import common_nouns, in_sentence, long_date, short_date
from tdkt.persistence.models import AwardRecord, Case, Movement, Person, Unit
from tdkt.services.documents.content.basis import decree_check
from tdkt.services.documents.content.common import (
    document_form,
    form_name,
    head_of_agency,
    header,
    issuer,
    province_names,
    require,
    signer,
)
from tdkt.services.documents.content.decision import by_party
from tdkt.services.documents.content.dossier import position, role_holder, unit_issuer
from tdkt.services.documents.content.party_record import PartyRecord, party_record
from tdkt.services.documents.content.yearly_record import rating_part

__all__ = ["achievement_context", "award_history", "awards_received"]


def award_history(s: Session, case: Case, day: date) -> list[list[str]]:
    """The awards decided for the nominee (by person, or by name for a collective) on or before
    ``day``, as rows of section III: năm, hình thức, the decision by số and ngày and the cơ quan
    that issued it. A report lists no award decided after its own date."""
    same = (AwardRecord.nominee_person_id == case.nominee_person_id if case.nominee_person_id
            else AwardRecord.nominee_unit_id == case.nominee_unit_id if case.nominee_unit_id
            else AwardRecord.nominee_key == case.nominee_key)
    records = s.scalars(select(AwardRecord).where(same, AwardRecord.case_id != case.id,
                                                  AwardRecord.decided_on <= day)
                        .order_by(AwardRecord.decided_on))
    rows = []
    for r in records:
        movement = s.get(Movement, r.movement_id)
        assert movement is not None  # a foreign key
        by = _issued_by(s, movement, r.award_form)
        rows.append([str(r.year), form_name(movement, r.award_form) or r.award_form,
                     f"{r.decision_number} ngày {short_date(r.decided_on)}" + (f" của {by}" if by else "")])
    return rows


def awards_received(s: Session, case: Case, day: date) -> list[list[str]]:
    """Every row of mục III for a report dated ``day``: the awards the unit entered and those the
    system recorded, each decided on or before ``day``, by year."""
    entered = AchievementReport.from_record(case.achievement_report).awards if case.achievement_report else []
    return sorted(award_rows(awards_decided_by(entered, day)) + award_history(s, case, day),
                  key=lambda r: r[0] or "0")  # by year, stable


def _issued_by(s: Session, movement: Movement, award_form: str) -> str:
    """Whose decision gave ``award_form``: the agency (or its Đảng ủy, for a Party form), the Chủ
    tịch UBND tỉnh (a Bằng khen or Cờ thi đua of the province is the Chủ tịch's decision, not
    the UBND's: «Quyết định số 2718/QĐ-UBND … của Chủ tịch UBND tỉnh Lạng Sơn»), or the Thủ
    tướng Chính phủ."""
    form = movement.plan.award_forms.get(award_form)
    if form is None:
        return ""
    if form.authority == "prime_minister":
        return "Thủ tướng Chính phủ"
    if form.authority == "province":
        return f"Chủ tịch {province_names(s)[0]}"
    return form.decided_by if form.by_party else issuer(s, movement.agency_id).name


def _collective_unit(s: Session, case: Case) -> Unit:
    """The unit a collective nominee is (its unit record), else the unit that nominated it."""
    return (s.get(Unit, case.nominee_unit_id) if case.nominee_unit_id else None) or case.unit


def _party_confirmation(party: PartyRecord | None, case: Case, day: date) -> dict[str, Any]:
    """A Party body's xác nhận (HD 36-HD/VPTW): the sentence the body confirms with, its date, and
    «T/M CHI BỘ» (or «T/M CHI ỦY», «T/M ĐẢNG ỦY») above «BÍ THƯ»; nothing for the state's."""
    if party is None:
        return {}
    whom = f"đồng chí {case.nominee_name}" if case.nominee_kind == "individual" else f"tập thể {case.nominee_name}"
    return {"authority_line": party.authority_line,
            "lines": [f"{party.body} xác nhận nội dung báo cáo thành tích của {whom} là đúng sự thật.",
                      long_date(day).capitalize()]}


def _where(case: Case, unit: Unit) -> str:
    return f"{unit.name or 'đơn vị'} ghi tại trang hồ sơ số {case.id}, mục «Báo cáo thành tích»"


def achievement_context(s: Session, case: Case, day: date) -> dict[str, Any]:
    movement, unit = case.movement, case.unit
    org, agency = unit_issuer(s, unit), issuer(s, case.agency_id)
    head = role_holder(s, unit.id, "unit_head")
    chief = head_of_agency(s, agency.code)
    nominee = s.get(Person, case.nominee_person_id) if case.nominee_person_id else None
    individual = case.nominee_kind == "individual"
    award = movement.plan.award_forms.get(case.award_form)
    heads_unit = nominee is not None and head is not None and nominee.id == head.id
    # the agency's head confirms as cấp trên trực tiếp (:func:`confirmed_by_agency_head`)
    confirmer = chief if confirmed_by_agency_head(award.authority if award else "agency", individual, heads_unit) \
        else head
    period = report_period(case.plan, case.round.number, day)
    # a Party award: the member's Party record, confirmed by the chi bộ or the cấp ủy
    party = party_record(s, case, period[0], day) if by_party(movement, [case]) else None
    if party is not None:
        confirmer = party.confirmer
    _, decree = document_form(movement, "bao_cao_thanh_tich", day)
    structured = AchievementReport.from_record(case.achievement_report) if case.achievement_report else None
    history = award_history(s, case, day)
    rating = rating_part(s, case, award.authority if award else "agency", day)
    gender = {"female": "Nữ", "male": "Nam"}.get(case.nominee_gender or "")
    checks = [(structured is not None,
               f"Báo cáo thành tích theo các mục của mẫu số 08 (thành tích do {_where(case, unit)}; thành tích "
               "ghi một dòng trên đề nghị không thay được các mục của mẫu)")]
    if structured is not None:
        missing = structured.missing(not individual, bool(history))
        checks.append((not missing, f"các mục của mẫu số 08 chưa nhập: {', '.join(missing)} — {_where(case, unit)}"))
        late = later_claims(structured.lines(), day)
        checks.append((not late, f"thành tích sau ngày lập báo cáo ({day:%d/%m/%Y}), phải bỏ hoặc sửa: "
                                  + "; ".join(f"«{x}»" for x in late)))
        unfinished = unfinished_periods(structured.lines(), day)
        checks.append((not unfinished, unfinished_message(unfinished, day)))
        # figures a văn thư can believe (:func:`~tdkt.domain.report_figures.figure_faults`)
        faults = figure_faults(structured.duties, structured.results,
                               (award.authority if award else "agency") != "agency")
        checks.append((not faults, "số liệu của Báo cáo thành tích phải sửa: " + "; ".join(faults)))
        other = outside_period(structured.results, *period)
        checks.append((not other, f"số liệu ngoài thời gian báo cáo ({period[0]:%d/%m/%Y} - {period[1]:%d/%m/%Y}), "
                                   "ghi số liệu của thời gian báo cáo hoặc ghi rõ «(số liệu chung của … )»: "
                                   + "; ".join(f"«{x}»" for x in other)))
        beyond = party_claims_beyond(structured.lines(), *period)
        checks.append((not beyond, f"số liệu sinh hoạt Đảng vượt quá thời gian báo cáo "
                                    f"({regular_meetings(*period)} tháng, mỗi tháng một kỳ sinh hoạt chi bộ), "
                                    "phải sửa: " + "; ".join(f"«{x}»" for x in beyond)))
    checks += [(period[0] <= period[1], f"thời gian thi đua của đợt bắt đầu ngày {period[0]:%d/%m/%Y}, sau ngày "
                                        f"lập báo cáo ({day:%d/%m/%Y})"),
               (bool(case.nominee_name), f"tên người/tập thể được đề nghị (hồ sơ {case.id})"),
               (bool(unit.name), "tên phòng, đơn vị"), (bool(org.parent), "tên cơ quan chủ quản"),
               (bool(org.place), "địa danh"),
               (bool(form_name(movement, case.award_form)), f"tên hình thức khen thưởng (hồ sơ {case.id})"),
               decree_check(day)]
    checks += party.checks if party is not None else [
        (confirmer is not None, "thủ trưởng xác nhận báo cáo (thủ trưởng đơn vị / Trưởng ban)"),
        (confirmer is None or bool(confirmer.title), "chức vụ của thủ trưởng xác nhận báo cáo")]
    if individual:
        checks += [(bool(position(s, case)), f"chức vụ của {case.nominee_name or 'cá nhân'} (hồ sơ {case.id})"),
                   (bool(gender), f"giới tính của {case.nominee_name or 'cá nhân'} (hồ sơ {case.id})")]
    else:
        checks.append((head is not None, f"thủ trưởng của {unit.name or 'đơn vị'} (người ký báo cáo)"))
    checks += rating.checks
    require("Báo cáo thành tích", checks)
    assert confirmer is not None and structured is not None  # checked above
    form = form_name(movement, case.award_form)
    closing = closing_round(case.plan, case.round.number)
    awards = awards_received(s, case, day)
    if individual:
        facts: list[dict[str, Any] | str] = [
            {"text": "I. SƠ LƯỢC LÝ LỊCH", "bold": True}, f"- Họ và tên: {case.nominee_name}",
            f"- {PERSON_FIELDS[0][1]}: {structured.born}", f"- Giới tính: {gender}",
            *(f"- {label}: {getattr(structured, key)}" for key, label in PERSON_FIELDS[1:3]),
            f"- Đơn vị công tác: {unit.name}, {org.parent}", f"- Chức vụ: {position(s, case)}",
            *(party.lines if party is not None else []),
            *(f"- {label}: {getattr(structured, key)}" for key, label in PERSON_FIELDS[3:])]
        sign = Signature("Người báo cáo thành tích", case.nominee_name)
    else:
        assert head is not None  # checked above for a collective
        own = _collective_unit(s, case)
        facts = [{"text": "I. ĐẶC ĐIỂM, TÌNH HÌNH", "bold": True}, f"- Tên tập thể: {case.nominee_name}",
                 f"- Trực thuộc: {org.parent}",
                 *([f"- Số công chức, viên chức, người lao động: {own.staff_count}"] if own.staff_count else []),
                 f"- Thủ trưởng: {head.full_name}, {head.title}", *(party.lines if party is not None else []),
                 *(f"- {common_nouns(x)}" for x in structured.situation)]
        sign = Signature(head.title, head.full_name)
    confirm_title = (party.confirm_title if party is not None
                     else "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ" if confirmer is head and individual
                     else "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP")
    # the Party body's Bí thư confirms as its Bí thư, the state's head by his chức vụ
    confirm_position = "BÍ THƯ" if party is not None else (confirmer.title or "").upper()
    return header(org, "", day) | {
        "kind_title": "BÁO CÁO THÀNH TÍCH",
        # a person's name never split across the title's lines
        "excerpt": f"Đề nghị tặng {form} cho {'cá nhân' if individual else 'tập thể'} "
                   f"{whole_name(case.nominee_name) if individual else case.nominee_name}",
        "body": [{"text": f"Thành tích trong {in_sentence(movement.name)}" + (
                      ("" if names_its_period(movement.name) else " (tổng kết phong trào)") if closing
                      else case.plan.award_period(case.round.number)  # «, năm 2027»
                      or (f", đợt {case.round.number}" if len(case.plan.rounds) > 1 else "")),
                  "italic": True}, *facts,
                 {"text": "II. THÀNH TÍCH ĐẠT ĐƯỢC", "bold": True},
                 # the year's rating the form's standard names, under kết quả thực hiện nhiệm vụ
                 *report_sections(structured, not individual, period, rating.lines),
                 {"text": "III. CÁC DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐÃ NHẬN", "bold": True},
                 # one form, the mẫu's: the table of every award, entered or recorded; nothing else
                 *([] if awards else [f"{NONE_RECEIVED}."])],
        "rows": awards,
        "columns": ["Năm", "Danh hiệu thi đua, hình thức khen thưởng", "Số, ngày quyết định; cơ quan ban hành"],
        "second_signer": {"title_line": confirm_title, "name": confirmer.full_name,
                          "position_line": confirm_position, **_party_confirmation(party, case, day)},
        "signer": signer(sign), "recipients": [], "decree": decree,
        "nominee_name": case.nominee_name, "achievements_source": "structured",
    }
