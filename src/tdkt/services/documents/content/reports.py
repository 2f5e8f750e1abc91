"""What goes into the agency's own documents beyond the decision: the Tờ trình (mẫu số 01) to
the province for the forms above the agency's authority, and the movement's báo cáo sơ kết /
tổng kết — counts by form, unit and state, and the awards made, read from the database, then the
Văn phòng's đánh giá (ưu điểm, hạn chế, bài học, phương hướng, kiến nghị) as it entered it
(:mod:`tdkt.services.documents.assessment`): a report without it is refused, never written for it."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents.layout import subheading
from tdkt.domain.achievement_report import competition_period
from tdkt.domain.award_order import award_key, form_rank
from tdkt.domain.quota import awards_counted, movement_totals
from tdkt.domain.review_assessment import (
    ReviewAssessment,
    assessment_scope,
    assessment_sections,
    content_lines,
    earlier_unmet,
    missing_parts,
    missing_targets,
    target_lines,
)
from tdkt.domain.status import AWARDED, STATUS_LABELS, Step
from tdkt.domain.vietnamese import in_sentence, listed, named_line, percent_vn
from tdkt.domain.yearly_rating import PRIME_MINISTER_STANDARD
from tdkt.persistence.models import (
    AuditEntry,
    AwardRecord,
    Case,
    IssuedDocument,
    Movement,
    Person,
    ReviewAssessmentRow,
    Round,
)
from tdkt.services.documents.content.achievement import awards_received
from tdkt.services.documents.content.basis import basis_lines, party_plan_lines, plan_citation
from tdkt.services.documents.content.common import (
    archive_line,
    common_checks,
    decree_of,
    document_form,
    form_name,
    head_of_agency,
    head_signature,
    header,
    issuer,
    leadership,
    province_names,
    require,
    signer,
)
from tdkt.services.documents.content.decision import counted_kinds, detail_column
from tdkt.services.documents.content.dossier import (
    collectives_first,
    form_of,
    kinds_column,
    kinds_text,
    linked_document,
    nominee_rows,
)
from tdkt.services.documents.content.dossier_history import Figures, dossier_history
from tdkt.services.documents.content.initiatives import initiative_facts
from tdkt.services.documents.content.yearly_record import prime_minister_record

__all__ = ["province_submission_context", "summary_context", "submitted", "nominees", "scope_cases", "history_text",
           "return_reasons", "history_parts", "timing_parts", "timeliness_weakness", "report_state", "state_rows",
           "totalled", "repeats"]

#: "(qua Sở Nội vụ)" after an authority in the plan: the route, not whom a Tờ trình addresses
_THROUGH = re.compile(r"\s*\(qua [^()]*\)")

#: a dossier in these states never reached the Văn phòng (unless its audit shows a submission)
_UNSUBMITTED = frozenset({"submit_dossier", "not_submitted", "withdrawn"})


def province_submission_context(s: Session, cases: list[Case], reference: str, day: date,
                                deputy: Person | None = None) -> dict[str, Any]:
    """Tờ trình of the agency to the authority deciding a higher form (the plan's ``decided_by``:
    Chủ tịch UBND tỉnh), through Sở Nội vụ, listing the nominees the council proposed. A form the
    Thủ tướng decides goes to the Chủ tịch UBND tỉnh too, who submits it to the Thủ tướng."""
    cases = collectives_first(cases)
    org, movement = issuer(s, cases[0].agency_id), cases[0].movement
    head = head_of_agency(s, org.code)
    forms = movement.plan.award_forms
    ubnd, snv = province_names(s)
    onward = [c for c in cases if c.award_form in forms and forms[c.award_form].authority == "prime_minister"]
    # the authority itself is addressed; the route through Sở Nội vụ is said in the nơi nhận
    deciders = sorted({(f"Chủ tịch {ubnd}" if c in onward else _THROUGH.sub("", forms[c.award_form].decided_by))
                       if c.award_form in forms else "" for c in cases})
    then = "trình Thủ tướng Chính phủ " if onward and len(onward) == len(cases) else ""
    checks = common_checks(org, head, movement, day) + [(all(deciders), "người quyết định khen thưởng (kế hoạch)")]
    for c in cases:
        checks += [(bool(c.nominee_name), f"tên người/tập thể được đề nghị (hồ sơ {c.id})"),
                   (bool(form_name(movement, c.award_form)), f"tên hình thức khen thưởng (hồ sơ {c.id})")]
    # a Bằng khen of the Thủ tướng: the record meeting its standard, from the data, or no Tờ trình
    records = [(c, *prime_minister_record(s, c, awards_received(s, c, day), day)) for c in onward]
    checks += [(shown, text) for _, shown, text in records]
    require("Tờ trình đề nghị khen thưởng", checks)
    assert head is not None  # checked above
    _, decree = document_form(movement, "to_trinh", day)
    recipient = "; ".join(deciders)
    form, whom = form_of(cases), kinds_text(cases)
    council = linked_document(s, "bien_ban_hoi_dong", [c.id for c in cases])
    otherwise = f"có thành tích xuất sắc trong {in_sentence(movement.name)}"
    summaries = listed([named_line(c.nominee_name, (c.achievements.strip().splitlines()
                                                    or (c.achievement_report or {}).get("results") or [otherwise])[0])
                        for c in cases])
    return header(org, reference, day) | {
        "kind_title": "TỜ TRÌNH",
        "excerpt": f"Về việc đề nghị {form} cho {whom} có thành tích xuất sắc trong {in_sentence(movement.name)}",
        "recipient": recipient,
        "body": [
            *basis_lines(movement, day),
            *([f"Căn cứ Biên bản họp xét số {council.reference} ngày {council.issued_on:%d/%m/%Y} của Hội đồng "
               f"Thi đua - Khen thưởng {org.name};"] if council else []),
            *party_plan_lines(movement),
            f"{org.name} kính trình {recipient} xem xét, {then}{form} cho {counted_kinds(cases)} có thành tích "
            f"xuất sắc trong {in_sentence(movement.name)}, cụ thể như sau:",
        ],
        "rows": nominee_rows(s, cases, with_unit=True, outside=True),
        "columns": ["STT", kinds_column(cases), detail_column(cases, "Chức vụ, đơn vị công tác"), "Hình thức đề nghị"],
        "body_after": ["Tóm tắt thành tích:", *summaries,
                       *([f"Đối chiếu {PRIME_MINISTER_STANDARD}:",
                          *listed([named_line(c.nominee_name, text) for c, _, text in records])] if records else []),
                       "(Có hồ sơ đề nghị khen thưởng: Biên bản họp xét, Báo cáo thành tích mẫu số 08 kèm theo.)",
                       f"{org.name} kính trình {recipient} xem xét, {then}quyết định./."],
        "recipients": ["Như trên;", f"{snv} (để thẩm định);", f"{leadership(org.name)};",
                       archive_line(s, org)],
        "signer": signer(head_signature(head, deputy)), "decree": decree,
        "inputs": {"deputy_id": deputy.id if deputy else None},
    }


def summary_context(s: Session, movement: Movement, round_number: int | None, reference: str, day: date,
                    deputy: Person | None = None, review: str | None = None) -> dict[str, Any]:
    """Báo cáo sơ kết (one round) or tổng kết (the whole movement), or the plan's own sơ kết /
    tổng kết (``review``: its kind) over the rounds the plan names for it; signed by the Trưởng
    ban, or by a deputy for them (KT. TRƯỞNG BAN). The period reported ends on ``day``, its data cut-off."""
    org = issuer(s, movement.agency_id)
    head = head_of_agency(s, org.code)
    rnd = None
    stage = movement.plan.review(review) if review else None
    if round_number is not None:
        rnd = s.scalars(select(Round).where(Round.movement_id == movement.id, Round.number == round_number)).first()
    cases = scope_cases(s, movement, round_number, review)
    entered = s.scalars(select(ReviewAssessmentRow.content).where(
        ReviewAssessmentRow.movement_id == movement.id,
        ReviewAssessmentRow.scope == assessment_scope(round_number, review))).one_or_none()
    require("Báo cáo sơ kết, tổng kết", common_checks(org, head, movement, day)
            + [(bool(cases), "hồ sơ đề nghị khen thưởng của phong trào"),
               (round_number is None or rnd is not None, f"đợt {round_number} của phong trào"),
               (review is None or stage is not None, f"{review} trong kế hoạch của phong trào")]
            + [(False, part) for part in missing_parts(entered)]
            + [(False, part) for part in missing_targets(entered, len(movement.plan.targets))])
    assert entered is not None  # checked above
    assessment = ReviewAssessment.from_record(entered)
    start = _start(movement, stage.rounds if stage else [round_number] if round_number else [], day)
    assert head is not None  # checked above
    awarded = [c for c in cases if c.status in AWARDED]
    records = {r.case_id: r for r in s.scalars(select(AwardRecord).where(
        AwardRecord.case_id.in_([c.id for c in awarded])))}
    # the figures are read on ``day`` (the report's data cut-off): the period reported ends there,
    # one date for both — never a period ending on one day beside figures «đến ngày» another
    period = (start, day)
    proposed = submitted(s, cases)  # a dossier never submitted is no proposal
    figures = dossier_history(s, cases, day).figures({c.id for c in proposed}, {c.id for c in cases})
    by_form = Counter(c.award_form for c in proposed)
    won_form = Counter(c.award_form for c in awarded)
    forms = movement.plan.award_forms  # the highest level first (Thủ tướng, tỉnh, cơ quan)
    rows = [[str(n), form_name(movement, f) or f, str(by_form[f]), str(won_form[f])]
            for n, f in enumerate(sorted(by_form, key=lambda f: form_rank(forms, f)), start=1)]
    rows = totalled(rows, 2)
    units = sorted({c.unit.name for c in proposed})
    by_unit = totalled([[str(n), u, str(len(nominees([c for c in proposed if c.unit.name == u], "collective"))),
                          str(len(nominees([c for c in proposed if c.unit.name == u], "individual"))),
                          str(sum(c.unit.name == u for c in awarded))] for n, u in enumerate(units, start=1)], 2)
    # a dossier never submitted is not reported; the head by the title the report signs with
    by_state = state_rows(proposed, head.title or "Trưởng ban")
    ranked = sorted(awarded, key=lambda c: award_key(forms, c.award_form, c.nominee_kind))
    # a tập thể's unit is the agency it belongs to, never its own name again
    awards = [[str(n), c.nominee_name, org.name if c.unit.name == c.nominee_name else c.unit.name,
               form_name(movement, c.award_form), _cited(records[c.id]) if c.id in records else ""]
              for n, c in enumerate(ranked, start=1)]
    title = f"Sơ kết đợt {rnd.number}" if rnd else stage.label if stage else "Tổng kết"  # the round's name is
    # the software's label ("Đợt 1 — chào mừng …"): the trích yếu says "Sơ kết đợt 1 phong trào …"
    word = "sơ kết" if rnd or (stage and stage.kind == "so_ket") else "tổng kết"
    # the plan's chỉ tiêu: a number of awards with what the database counts, any other with the
    # result the Văn phòng entered — never a figure the software made up
    quotas = [f"- {q.wording}: đã khen thưởng {awards_counted(q, [(c.nominee_kind, c.award_form) for c in awarded])}."
              for q in movement_totals(movement.plan)]
    # a tổng kết says what became of each chỉ tiêu the plan's sơ kết found not met
    so_ket = (s.scalars(select(ReviewAssessmentRow.content).where(
        ReviewAssessmentRow.movement_id == movement.id, ReviewAssessmentRow.scope == "so_ket")).one_or_none()
        if word == "tổng kết" and movement.plan.review("so_ket") is not None else None)
    targets, contents_ = movement.plan.targets, movement.plan.contents
    quotas += target_lines([t.wording for t in targets], assessment.targets, earlier_unmet(so_ket),
                           _so_ket_report(s, movement, day) if so_ket else None,
                           closes=[t.measured_until for t in targets], day=day)
    # the plan's nội dung thi đua: a line of result each, as entered, or that none was
    # the sáng kiến under the nội dung about them: the count the dossiers' reports give, no more
    facts, claims = initiative_facts(movement, proposed, assessment, day)
    require("Báo cáo sơ kết, tổng kết", claims)
    contents = content_lines([c.wording for c in contents_], assessment.contents, facts,
                             closes=[c.measured_until for c in contents_], day=day)
    numbers = iter(range(5 if awards else 4, 20))
    sign = head_signature(head, deputy)
    ubnd, snv = province_names(s)
    return header(org, reference, day) | {
        "kind_title": "BÁO CÁO", "excerpt": f"{title} {in_sentence(movement.name)}",
        "body": [
            f"Thực hiện {plan_citation(movement.plan, org.name)}, "
            f"{org.name} báo cáo {word}"
            + (f" giai đoạn từ ngày {period[0]:%d/%m/%Y} đến ngày {period[1]:%d/%m/%Y}" if stage else "")
            + " như sau:",
            {"text": "I. KẾT QUẢ THỰC HIỆN", "bold": True},
            proposals_text(proposed, cases, len(units), len(awarded)) + " " + history_text(figures),
            subheading("1. Theo hình thức khen thưởng:"),
        ],
        "rows": rows, "columns": ["STT", "Hình thức khen thưởng", "Số hồ sơ đề nghị", "Số được khen thưởng"],
        "grids": [{"key": "by_unit", "title": "2. Theo phòng, đơn vị:", "rows": by_unit,
                   "columns": ["STT", "Phòng, đơn vị", "Tập thể", "Cá nhân", "Lượt được khen thưởng"]},
                  {"key": "by_state", "title": "3. Theo trạng thái hồ sơ:", "rows": by_state,
                   "columns": ["STT", "Trạng thái hồ sơ", "Số hồ sơ"]},
                  {"key": "awards", "title": "4. Các tập thể, cá nhân đã được khen thưởng:" if awards else "",
                   "rows": awards,
                   "columns": ["STT", "Tập thể / cá nhân", "Đơn vị", "Hình thức", "Số, ngày quyết định"]}],
        # the cut-off of the tables (the dossiers' figures) said right after them, before the chỉ
        # tiêu and nội dung the Văn phòng entered, which it does not cover — in every report, a
        # sơ kết or tổng kết of several years the first (11th reading: 406/BC, 241/BC)
        "body_after": [{"text": "Số liệu tổng hợp từ hồ sơ đề nghị khen thưởng của các phòng, "
                                f"đơn vị đến ngày {day:%d/%m/%Y}.", "italic": True},
                       *([subheading(f"{next(numbers)}. Thực hiện chỉ tiêu của Kế hoạch:"), *quotas]
                         if quotas else []),
                       *([subheading(f"{next(numbers)}. Thực hiện nội dung thi đua của Kế hoạch:"), *contents]
                         if contents else []),
                       *assessment_sections(assessment, timeliness_weakness(figures)),
                       closing_line(title, movement.name, org.name)],
        "recipients": [f"{ubnd} (b/c);", f"{snv};", f"{leadership(org.name)};",
                       f"Các phòng, đơn vị thuộc {leadership(org.name).removeprefix('Lãnh đạo ')};",
                       archive_line(s, org)],
        "signer": signer(sign), "decree": decree_of(movement, day),
        "inputs": {"round_number": round_number, "deputy_id": deputy.id if deputy else None, "review": review},
        "totals": {"cases": len(proposed), "awarded": len(awarded), "units": len(units),
                   "not_submitted": len(cases) - len(proposed), "returned": figures.returned, "late": figures.untimely,
                   "refused_late": figures.refused_late, "refused_early": figures.refused_early},
        "period": [period[0].isoformat(), period[1].isoformat()],
    }


def closing_line(title: str, movement_name: str, org_name: str) -> str:
    """«Trên đây là báo cáo sơ kết đợt 1 phong trào …»: the report named as its trích yếu names it
    (``title``: «Sơ kết đợt 1», «Sơ kết giai đoạn …», «Tổng kết»), the round included."""
    return f"Trên đây là báo cáo {title[:1].lower() + title[1:]} {in_sentence(movement_name)} của {org_name}./."


def _so_ket_report(s: Session, movement: Movement, day: date) -> str | None:
    """«Báo cáo số 406/BC-BQLKKTCK ngày 23/12/2027»: the plan's báo cáo sơ kết issued by ``day``,
    which a tổng kết cites for a chỉ tiêu it found not met; None when none was issued."""
    for doc in s.scalars(select(IssuedDocument).where(
            IssuedDocument.movement_id == movement.id, IssuedDocument.kind == "bao_cao_tong_ket",
            IssuedDocument.reference != "", IssuedDocument.issued_on <= day).order_by(IssuedDocument.issued_on.desc())):
        if (doc.data.get("inputs") or {}).get("review") == "so_ket":
            return f"Báo cáo số {doc.reference} ngày {doc.issued_on:%d/%m/%Y}"
    return None


def scope_cases(s: Session, movement: Movement, round_number: int | None, review: str | None) -> list[Case]:
    """The dossiers a report covers: a round's (``round_number``), the rounds the plan's sơ kết /
    tổng kết (``review``) reviews, or the whole movement's."""
    query = select(Case).where(Case.movement_id == movement.id).order_by(Case.id)
    stage = movement.plan.review(review) if review else None
    if round_number is not None:
        query = query.join(Round, Round.id == Case.round_id).where(Round.number == round_number)
    elif stage is not None and stage.rounds:
        query = query.join(Round, Round.id == Case.round_id).where(Round.number.in_(stage.rounds))
    return list(s.scalars(query))


def timing_parts(f: Figures) -> list[str]:
    """The submissions not on time — received late (extended), refused after the deadline,
    refused before the window —, each with its count; none when all came on time."""
    again = ("" if not f.early_resubmitted else ", sau đó đã nộp lại trong thời gian nhận hồ sơ"
             if f.early_resubmitted == f.refused_early else f", {f.early_resubmitted} hồ sơ sau đó đã nộp lại")
    timing = [f"{f.late} hồ sơ nộp sau thời hạn (được gia hạn)" if f.late else "",
              f"{f.refused_late} hồ sơ nộp sau thời hạn, không được tiếp nhận" if f.refused_late else "",
              f"{f.refused_early} hồ sơ nộp trước thời gian nhận hồ sơ, không được tiếp nhận{again}"
              if f.refused_early else ""]
    return [p for p in timing if p]


def timeliness_weakness(f: Figures) -> list[str]:
    """The hạn chế the figures show of the hồ sơ's timeliness, with its count («Việc gửi hồ sơ
    đề nghị khen thưởng chưa bảo đảm thời gian quy định: 1 hồ sơ nộp sau thời hạn, không được
    tiếp nhận») — a fact the report states in its own line, never left to a hạn chế about
    something else; none when every hồ sơ came on time."""
    parts = timing_parts(f)
    return [f"Việc gửi hồ sơ đề nghị khen thưởng chưa bảo đảm thời gian quy định: {'; '.join(parts)}."] if parts else []


def _count_part(count: int, again: int, what: str, done: str, undone: str) -> str:
    """«1 hồ sơ được yêu cầu bổ sung (đơn vị đã bổ sung, được xét)», «2 hồ sơ bị trả lại (1 hồ sơ
    đơn vị nộp lại, được xét; 1 hồ sơ đơn vị không nộp lại)»; "" when none."""
    if not count:
        return ""
    if again in (0, count):
        return f"{count} hồ sơ {what} ({done if again else undone})"
    return f"{count} hồ sơ {what} ({again} hồ sơ {done}; {count - again} hồ sơ {undone})"


def history_parts(f: Figures) -> tuple[str, str]:
    """The dossiers returned — those completed and appraised again apart from those never
    submitted again — and the submissions not on time — received late, refused after the
    deadline, refused before the window —, said even when none: the figures an ưu điểm
    «đúng quy trình», «đúng thời hạn» rests on."""
    back = "; ".join(filter(None, [_count_part(f.supplemented, f.resubmitted - f.sent_back_resubmitted,
                                                "được yêu cầu bổ sung", "đơn vị đã bổ sung, được xét",
                                                "đơn vị chưa bổ sung"),
                                    _count_part(f.sent_back, f.sent_back_resubmitted, "bị trả lại",
                                                "đơn vị nộp lại, được xét", "đơn vị không nộp lại")])) \
        or "không có hồ sơ phải bổ sung hoặc bị trả lại"
    timing = timing_parts(f)
    after = "; ".join(timing) if f.late or f.refused_late else "; ".join(["không có hồ sơ nộp sau thời hạn", *timing])
    return back, after


#: the names of documents a report writes with a capital wherever they stand («Báo cáo thành
#: tích»): a reason starting with one keeps it, as the same name does later in the sentence
_DOCUMENT_NAMES = ("Báo cáo thành tích", "Tờ trình", "Biên bản", "Quyết định", "Giấy khen", "Bằng khen", "Kế hoạch")


def _in_sentence(reason: str) -> str:
    """A recorded reason after a colon: its first letter lowered unless it starts with a
    document's name (one capitalisation for one term in one sentence)."""
    return reason if reason.startswith(_DOCUMENT_NAMES) else reason[:1].lower() + reason[1:]


def return_reasons(f: Figures) -> str:
    """Why the dossiers came back, as the Văn phòng recorded it: what units were asked to bổ
    sung («Nội dung yêu cầu bổ sung: …») apart from why a dossier was sent back («Lý do trả lại hồ
    sơ: Báo cáo thành tích không đúng mẫu số 08 …») — a request to complete is no reason for a
    return; a report says it as the record says it, never a cause of its own; "" when none came back."""
    said = [r.rstrip(" .;") for r in f.reasons if r.strip() and r not in f.asked]
    # «Nội dung yêu cầu bổ sung: số liệu …», not «…: bổ sung số liệu …»
    asked = [re.sub(r"^bổ sung\s+", "", r.rstrip(" .;"), flags=re.IGNORECASE) for r in f.asked if r.strip()]
    return " ".join(filter(None, [
        f"Nội dung yêu cầu bổ sung: {'; '.join(_in_sentence(r) for r in asked)}." if asked else "",
        f"Lý do trả lại hồ sơ: {'; '.join(_in_sentence(r) for r in said)}." if said else ""]))


def history_text(f: Figures) -> str:
    """:func:`history_parts` as the sentence after what the units proposed."""
    back, after = history_parts(f)
    return " ".join(filter(None, [f"Trong quá trình tiếp nhận, thẩm định: {back}; {after}.", return_reasons(f)]))


def submitted(s: Session, cases: list[Case]) -> list[Case]:
    """The dossiers the units submitted (đề nghị): those past the submission step, or that went
    through it before being withdrawn; one still waiting, or closed unsubmitted, is no proposal."""
    went = set(s.scalars(select(AuditEntry.case_id).where(
        AuditEntry.case_id.in_([c.id for c in cases]), AuditEntry.event == Step.SUBMIT_DOSSIER)))
    return [c for c in cases if c.id in went or c.status not in _UNSUBMITTED]


def nominees(cases: list[Case], kind: str) -> set[str]:
    """The distinct tập thể or cá nhân of ``cases``: one nominated in several years is one."""
    return {c.nominee_key or c.nominee_name for c in cases if c.nominee_kind == kind}


def repeats(cases: list[Case]) -> str:
    """Who was proposed more than once, as counted: «có 1 tập thể được đề nghị 2 lượt, 2 cá nhân
    được đề nghị 3 lượt» — only the kinds and numbers that occur; "" when no one was."""
    times = Counter((c.nominee_kind, c.nominee_key or c.nominee_name) for c in cases)
    groups = Counter((kind, n) for (kind, _), n in times.items() if n > 1)
    words = {"collective": "tập thể", "individual": "cá nhân"}
    parts = [f"{groups[(kind, n)]} {words[kind]} được đề nghị {n} lượt"
             for kind, n in sorted(groups, key=lambda g: (g[0] != "collective", g[1]))]
    return "có " + ", ".join(parts) if parts else ""


def proposals_text(proposed: list[Case], cases: list[Case], units: int, awarded: int) -> str:
    """What the units proposed: the dossiers, the distinct tập thể and cá nhân (and how many
    nominations, lượt, when one was proposed more than once), what was awarded, and apart the
    dossiers opened but never submitted."""
    collectives, individuals = len(nominees(proposed, "collective")), len(nominees(proposed, "individual"))
    repeated = repeats(proposed)
    whom = (f"{len(proposed)} lượt hồ sơ cho {collectives} tập thể và {individuals} cá nhân ({repeated})"
            if repeated else f"{len(proposed)} hồ sơ ({collectives} tập thể, {individuals} cá nhân)")
    # a dossier opened but never submitted is the units' own affair, not the report's
    return (f"Các phòng, đơn vị đã đề nghị {whom} của {units} phòng, đơn vị; đã quyết định khen thưởng {awarded} lượt "
            f"({percent_vn(awarded, len(proposed))}).")


#: a dossier's state as a report to the province writes it, not as the software's worklist does
_REPORT_STATES = {"decision_signed": "Được khen thưởng theo quyết định của {head}",
                  "province_decided": "Được Chủ tịch UBND tỉnh quyết định khen thưởng",
                  "central_decided": "Được Thủ tướng Chính phủ quyết định khen thưởng",
                  "dossier_rejected": "Văn phòng trả lại hồ sơ, đơn vị không nộp lại",
                  "not_approved": "Hội đồng Thi đua - Khen thưởng không đề nghị khen thưởng",
                  "party_province_decided": "Được Ban Thường vụ Đảng ủy UBND tỉnh quyết định khen thưởng",
                  Step.CENTRAL_DECIDE: "Đang chờ Thủ tướng Chính phủ xem xét"}


def state_rows(cases: list[Case], head: str = "Thủ trưởng cơ quan") -> list[list[str]]:
    """A row per state ``cases`` stand in, in the route's order, as a report words it — an award
    by who decided it: the Đảng ủy's Giấy khen apart from the ``head``'s (the agency's head by
    the title the report gives them elsewhere, «Trưởng ban») —, with its Tổng cộng."""
    order = {k: i for i, k in enumerate(STATUS_LABELS)}
    states = Counter((order.get(c.status, len(order)), c.status, _decider(c)) for c in cases)
    return totalled([[str(n), report_state(key[1], key[2], head), str(states[key])]
                     for n, key in enumerate(sorted(states), start=1)], 2)


def _decider(case: Case) -> str:
    """Who decided an award the agency signed that its Thủ trưởng did not: the Đảng ủy of a Party form."""
    form = case.movement.plan.award_forms.get(case.award_form)
    return form.decided_by if case.status == "decision_signed" and form is not None and form.by_party else ""


def report_state(status: str, decider: str = "", head: str = "Thủ trưởng cơ quan") -> str:
    """``status`` as a report words it: a waiting state «Đang chờ …», an outcome by whom (``decider``
    when not the agency's ``head``)."""
    if decider:
        return f"Được khen thưởng theo quyết định của {decider}"
    if status in _REPORT_STATES:
        return _REPORT_STATES[status].format(head=head)
    label = STATUS_LABELS.get(status, status)
    return "Đang chờ" + label.removeprefix("Chờ") if label.startswith("Chờ ") else label


def totalled(rows: list[list[str]], first: int) -> list[list[str]]:
    """``rows`` with a «Tổng cộng» row summing each figure column from ``first`` (none for no row)."""
    if not rows:
        return rows
    sums = [str(sum(int(r[i]) for r in rows)) for i in range(first, len(rows[0]))]
    return [*rows, ["", "Tổng cộng", *sums]]


def _cited(record: AwardRecord) -> str:
    """A decision as a document cites it (NĐ 30/2020, Phụ lục I): số, ký hiệu and its date."""
    return f"{record.decision_number} ngày {record.decided_on:%d/%m/%Y}" if record.decision_number else ""


def _start(movement: Movement, rounds: list[int], day: date) -> date:
    """The first day competed in ``rounds`` (all of them when empty), never after ``day``: a
    report's period runs from it to the report's own data cut-off."""
    plan = movement.plan
    chosen = [r for r in plan.rounds if not rounds or r.number in rounds]
    start = min((r.competes_from for r in chosen if r.competes_from), default=plan.starts_on)
    end = max((r.competes_until for r in chosen if r.competes_until), default=plan.ends_on)
    # a plan counted "từ ngày phát động" starts on its own date, as its Báo cáo thành tích do
    start = competition_period(start, end, plan.starts_on, plan.ends_on, plan.signed_on, plan.period_wording, day)[0]
    return min(start, day)
