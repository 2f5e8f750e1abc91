"""The agency's báo cáo sơ kết 6 tháng / tổng kết năm công tác thi đua, khen thưởng to Sở Nội vụ
(the province's calendar, kế hoạch 01/KH-UBND 2026): I. đặc điểm, tình hình; II. kết quả — the
calendar's tasks, the movements run, the awards decided (each decision by số and ngày, the
highest form first), the proposals sent up to the province (each Tờ trình by số and ngày) —,
all counted from the database up to the report's date; then III. đánh giá (ưu điểm, hạn chế,
nguyên nhân), IV. phương hướng and V. kiến nghị as the Văn phòng entered them
(:mod:`tdkt.services.documents.work_assessment`): refused until they are, never written for it."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.award_order import form_rank
from tdkt.domain.movement import AwardForm
from tdkt.domain.review_assessment import WORK_REPORT_REQUIRED, ReviewAssessment, missing_parts
from tdkt.domain.vietnamese import short_date
from tdkt.persistence.models import AwardRecord, Case, DocumentCase, IssuedDocument, Movement, PlanObligation, Unit
from tdkt.services.documents.content.common import Issuer, require
from tdkt.services.people.agencies import agency_units

__all__ = ["report_parts", "where_entered"]


def where_entered(ob: PlanObligation) -> str:
    """Where the Văn phòng enters the report's đánh giá, as a refusal names it."""
    return (f"Văn phòng nhập tại trang Lịch công tác, nhiệm vụ số {ob.number}, hoặc lệnh tdkt documents "
            f"obligation-assessment {ob.plan_code} {ob.number}")


def require_assessment(ob: PlanObligation) -> ReviewAssessment:
    """The đánh giá entered for ``ob``'s report; refused naming every part missing and where."""
    require("báo cáo sơ kết, tổng kết công tác thi đua, khen thưởng",
            [(False, part) for part in missing_parts(ob.assessment, WORK_REPORT_REQUIRED, where_entered(ob))])
    assert ob.assessment is not None  # checked above
    return ReviewAssessment.from_record(ob.assessment)


def _numbered(titles: list[str]) -> list[str]:
    """"1. …", "2. …" — or, for one part alone, no number: a list of one is not numbered."""
    if len(titles) == 1:
        return [titles[0][:1].upper() + titles[0][1:]]
    return [f"{n}. {t[:1].upper()}{t[1:]}" for n, t in enumerate(titles, start=1)]


def report_parts(s: Session, org: Issuer, agency_id: int, start: date, end: date, tasks_title: str,
                 has_tasks: bool, awards_always: bool = False) -> dict[str, Any]:
    """I. Đặc điểm, tình hình and the tables of II. Kết quả for ``start``..``end``: the body's
    part I, the tasks table's title and the grids, each numbered only when there are several.
    With ``awards_always`` (a tổng kết năm) the khen thưởng of the period is said even when
    nothing was decided: a paragraph (``notes``) with its zero counts, numbered last."""
    units = agency_units(s, agency_id)
    own = [u for u in s.scalars(select(Unit).where(Unit.id.in_(units))) if not u.is_agency]
    staff = sum(u.staff_count for u in own)
    movements = [m for m in s.scalars(select(Movement).where(Movement.agency_id == agency_id).order_by(Movement.id))
                 if m.plan.starts_on <= end and m.plan.ends_on >= start]
    query = select(AwardRecord, Movement).join(Movement, Movement.id == AwardRecord.movement_id)
    awards = [(a, m) for a, m in s.execute(query.where(Movement.agency_id == agency_id, AwardRecord.unit_id.in_(units),
                                   AwardRecord.decided_on >= start, AwardRecord.decided_on <= end)).all()]
    decided = Counter(a.movement_id for a, _ in awards)
    runs = [[str(n), m.name, f"{m.plan.starts_on:%d/%m/%Y} - {m.plan.ends_on:%d/%m/%Y}", str(decided[m.id])]
            for n, m in enumerate(movements, start=1)]
    won = _awards(awards)
    sent = _submissions(s, org, start, end)
    none_won = awards_always and not won
    titles = [t for t, shown in (
        (tasks_title, has_tasks),
        (f"phong trào thi đua được triển khai trong kỳ ({len(runs)} phong trào)", bool(runs)),
        (f"khen thưởng ({len(awards)} lượt tập thể, cá nhân được khen thưởng trong kỳ, hình thức cao nhất "
         "trước)", bool(won)),
        (f"đề nghị cấp trên khen thưởng ({len(sent)} tờ trình)", bool(sent)),
        (f"khen thưởng: từ ngày {short_date(start)} đến ngày {short_date(end)}, không có quyết định khen thưởng "
         "nào của cơ quan (0 tập thể, 0 cá nhân được khen thưởng).", none_won)) if shown]
    numbered = iter(_numbered(titles))
    situation = (f"{org.name} có {len(own)} phòng, đơn vị trực thuộc"
                 + (f" với {staff} công chức, viên chức, người lao động" if staff else "") + ".")
    return {
        "situation": [{"text": "I. ĐẶC ĐIỂM, TÌNH HÌNH", "bold": True}, situation],
        "tasks_title": next(numbered) + ":" if has_tasks else "",
        "grids": [{"key": "movements", "rows": runs, "title": next(numbered) + ":" if runs else "",
                   "columns": ["STT", "Phong trào thi đua", "Thời gian thực hiện", "Được khen thưởng trong kỳ"]},
                  {"key": "awards", "rows": won, "title": next(numbered) + ":" if won else "",
                   "columns": ["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Quyết định (số, ngày)"]},
                  {"key": "submissions", "rows": sent, "title": next(numbered) + ":" if sent else "",
                   "columns": ["STT", "Tờ trình (số, ngày)", "Nội dung", "Tập thể", "Cá nhân"]}],
        "notes": [next(numbered)] if none_won else [],
        "totals": {"movements": len(movements), "awards": len(awards), "submissions": len(sent)},
    }


def _awards(awards: list[tuple[AwardRecord, Movement]]) -> list[list[str]]:
    """A row a form — the highest level first — with its tập thể, cá nhân and the decisions that
    awarded it, each cited by số and ngày."""
    forms: dict[str, AwardForm] = {}
    for a, m in awards:
        if a.award_form in m.plan.award_forms:
            forms.setdefault(a.award_form, m.plan.award_forms[a.award_form])
    count: Counter[tuple[str, str]] = Counter((a.award_form, a.nominee_kind) for a, _ in awards)
    decisions: dict[str, set[tuple[date, str]]] = defaultdict(set)
    for a, _ in awards:
        decisions[a.award_form].add((a.decided_on, a.decision_number))
    ranked = sorted({a.award_form for a, _ in awards}, key=lambda f: form_rank(forms, f))
    return [[str(n), forms[f].name if f in forms else f, str(count[(f, "collective")]), str(count[(f, "individual")]),
             "; ".join(f"{number} ngày {short_date(day)}" if number else f"ngày {short_date(day)}"
                       for day, number in sorted(decisions[f]))]
            for n, f in enumerate(ranked, start=1)]


def _submissions(s: Session, org: Issuer, start: date, end: date) -> list[list[str]]:
    """The agency's Tờ trình to the province in the period, each by số and ngày, with the tập thể
    and cá nhân it proposed."""
    docs = list(s.scalars(select(IssuedDocument).where(
        IssuedDocument.kind == "to_trinh", IssuedDocument.issuer == org.code, IssuedDocument.issued_on >= start,
        IssuedDocument.issued_on <= end).order_by(IssuedDocument.issued_on, IssuedDocument.id)))
    rows = []
    for n, d in enumerate(docs, start=1):
        kinds = Counter(s.scalars(select(Case.nominee_kind).join(DocumentCase, DocumentCase.case_id == Case.id)
                                  .where(DocumentCase.document_id == d.id)))
        rows.append([str(n), f"{d.reference} ngày {short_date(d.issued_on)}", d.title,
                     str(kinds["collective"]), str(kinds["individual"])])
    return rows
