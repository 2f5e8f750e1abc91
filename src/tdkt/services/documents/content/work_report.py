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

from tdkt.documents.layout import subheading
from tdkt.domain.award_order import form_rank
from tdkt.domain.movement import AwardForm
from tdkt.domain.organisation import UnitKind
from tdkt.domain.review_assessment import WORK_REPORT_REQUIRED, ReviewAssessment, missing_parts
from tdkt.domain.vietnamese import short_date
from tdkt.persistence.models import AwardRecord, Case, DocumentCase, IssuedDocument, Movement, PlanObligation, Unit
from tdkt.services.documents.content.basis import plan_named
from tdkt.services.documents.content.common import Issuer, require
from tdkt.services.documents.content.dossier_history import Figures, dossier_history
from tdkt.services.documents.content.reports import history_parts, state_rows
from tdkt.services.documents.withdraw import WITHDRAWN
from tdkt.services.people.agencies import agency_units

__all__ = ["report_parts", "where_entered", "running_movements"]


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
                 has_tasks: bool, head: str = "Thủ trưởng cơ quan", *, titles_recorded: bool = False) -> dict[str, Any]:
    """I. Đặc điểm, tình hình and the parts of II. Kết quả for ``start``..``end`` — the same for
    the sơ kết 6 tháng and the tổng kết năm: the calendar's tasks (their table given by the
    caller), the movements launched or under way (each by its plan's số and ngày, and its own
    báo cáo sơ kết / tổng kết), the dossiers received and what came of them, the awards decided
    (the highest form first, each decision by số and ngày) and the Tờ trình sent up to the
    province. Every part is said, numbered in that order; one with nothing in the period says so
    in its title, with its zero, and shows no table. ``head``: the agency's head as the report
    names them where it signs («Trưởng ban»); ``titles_recorded``: a bình xét of danh hiệu thi đua
    is recorded done in the period, its row (part 1) saying what was decided."""
    units = agency_units(s, agency_id)
    # its phòng, đơn vị: not the agency itself, nor its Đảng ủy (a Party organisation, not a unit of the agency)
    own = [u for u in s.scalars(select(Unit).where(Unit.id.in_(units)))
           if not u.is_agency and u.kind != UnitKind.PARTY.value]
    staff = sum(u.staff_count for u in own)
    movements = running_movements(s, agency_id, start, end)
    query = select(AwardRecord, Movement).join(Movement, Movement.id == AwardRecord.movement_id)
    awards = [(a, m) for a, m in s.execute(query.where(Movement.agency_id == agency_id, AwardRecord.unit_id.in_(units),
                                   AwardRecord.decided_on >= start, AwardRecord.decided_on <= end)).all()]
    decided = Counter(a.movement_id for a, _ in awards)
    runs = [[str(n), plan_named(m.plan, org.name), f"{m.plan.starts_on:%d/%m/%Y} - {m.plan.ends_on:%d/%m/%Y}",
             str(decided[m.id]), _own_reports(s, m, end)]
            for n, m in enumerate(movements, start=1)]
    received, figures, outcomes = _received(s, agency_id, start, end, head)
    won = _awards(awards)
    sent = _submissions(s, org, start, end)
    period = f"từ ngày {short_date(start)} đến ngày {short_date(end)}"
    back, after = history_parts(figures)
    kinds = Counter(c.nominee_kind for c in received)
    titles = [t for t, shown in (
        (tasks_title, has_tasks),
        (f"phong trào thi đua được phát động, triển khai trong kỳ ({len(runs)} phong trào)" if runs else
         f"phong trào thi đua: {period}, cơ quan không có phong trào thi đua nào được phát động, triển khai.", True),
        (f"hồ sơ đề nghị khen thưởng tiếp nhận trong kỳ: {len(received)} hồ sơ ({kinds['collective']} tập thể, "
         f"{kinds['individual']} cá nhân); {back}; {after}; kết quả xử lý" if received else
         f"hồ sơ đề nghị khen thưởng: {period}, Văn phòng không tiếp nhận hồ sơ đề nghị khen thưởng nào.", True),
        (f"khen thưởng ({len(awards)} lượt tập thể, cá nhân được khen thưởng trong kỳ, hình thức cao nhất trước)"
         if won else f"khen thưởng: {period}, không có quyết định khen thưởng nào của cơ quan (0 tập thể, 0 cá "
         f"nhân được khen thưởng){_year_end_titles(start, titles_recorded)}.", True),
        (f"đề nghị cấp trên khen thưởng ({len(sent)} tờ trình)" if sent else
         f"đề nghị cấp trên khen thưởng: {period}, cơ quan không có tờ trình đề nghị cấp trên khen thưởng.", True))
              if shown]
    numbered = iter(_numbered(titles))

    def title(rows: list[list[str]]) -> str:  # a part with rows introduces its table with «:»
        return next(numbered) + (":" if rows else "")
    situation = (f"{org.name} có {len(own)} phòng, đơn vị trực thuộc"
                 + (f" với {staff} công chức, viên chức, người lao động" if staff else "") + ".")
    return {
        "situation": [{"text": "I. ĐẶC ĐIỂM, TÌNH HÌNH", "bold": True}, situation],
        "tasks_title": subheading(next(numbered) + ":") if has_tasks else None,
        # each part in order; its title said even when it has no row (templates_build: the title
        # shown when set, the table when it has rows)
        "grids": [{"key": "movements", "rows": runs, "title": title(runs),
                   "columns": ["STT", "Phong trào thi đua (kế hoạch phát động, triển khai)", "Thời gian thực hiện",
                               "Được khen thưởng trong kỳ", "Báo cáo sơ kết, tổng kết (số, ngày)"]},
                  {"key": "dossiers", "rows": outcomes, "title": title(outcomes),
                   "columns": ["STT", "Kết quả xử lý hồ sơ", "Số hồ sơ"]},
                  {"key": "awards", "rows": won, "title": title(won),
                   "columns": ["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Quyết định (số, ngày)"]},
                  {"key": "submissions", "rows": sent, "title": title(sent),
                   "columns": ["STT", "Tờ trình (số, ngày)", "Nội dung", "Tập thể", "Cá nhân"]}],
        "totals": {"movements": len(movements), "awards": len(awards), "submissions": len(sent),
                   "received": len(received), "returned": figures.returned, "late": figures.untimely},
    }


def _year_end_titles(start: date, recorded: bool = False) -> str:
    """What a period from the year's first day with no award says of the year before's titles,
    which an agency decides in quý I (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Giấy khen): that
    none was decided either — the reason is the Văn phòng's đánh giá —, or, when the calendar
    records the bình xét done in the period (``recorded``), where its result is told (part 1);
    "" for a period starting later."""
    if (start.month, start.day) != (1, 1):
        return ""
    if recorded:
        return "; kết quả bình xét, công nhận danh hiệu thi đua nêu tại mục 1"
    return (f", kể cả danh hiệu thi đua (Lao động tiên tiến, Chiến sĩ thi đua cơ sở) và Giấy khen cho thành tích "
            f"năm {start.year - 1}")


def running_movements(s: Session, agency_id: int, start: date, end: date) -> list[Movement]:
    """The agency's movements — its own and the province's it carries out — running at some day
    of ``start``..``end``."""
    return [m for m in s.scalars(select(Movement).where(Movement.agency_id == agency_id).order_by(Movement.id))
            if m.plan.starts_on <= end and m.plan.ends_on >= start]


def _own_reports(s: Session, m: Movement, end: date) -> str:
    """The movement's own báo cáo sơ kết / tổng kết issued by ``end``, each by số and ngày — or
    that none is issued yet."""
    docs = s.scalars(select(IssuedDocument).where(
        IssuedDocument.kind == "bao_cao_tong_ket", IssuedDocument.movement_id == m.id,
        IssuedDocument.status != WITHDRAWN, IssuedDocument.issued_on <= end)
        .order_by(IssuedDocument.issued_on, IssuedDocument.id))
    cited = [f"{d.reference} ngày {short_date(d.issued_on)} "
             f"({'sơ kết' if d.title.lower().startswith('sơ kết') else 'tổng kết'})" for d in docs]
    return "; ".join(cited) or "Chưa ban hành báo cáo sơ kết, tổng kết"


def _received(s: Session, agency_id: int, start: date, end: date,
              head: str) -> tuple[list[Case], Figures, list[list[str]]]:
    """The dossiers the Văn phòng received (first submitted) in the period, how many of them were
    returned for bổ sung or late, and a row per state they stand in (as a report words it), with
    its Tổng cộng."""
    cases = list(s.scalars(select(Case).where(Case.agency_id == agency_id).order_by(Case.id)))
    history = dossier_history(s, cases, end)
    received = [c for c in cases if c.id in history.received_on and start <= history.received_on[c.id] <= end]
    rows = state_rows(received, head)
    return received, history.figures({c.id for c in received}, {c.id for c in cases}, start), rows


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
