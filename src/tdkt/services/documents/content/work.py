"""The agency's documents for the province's yearly TĐKT calendar (kế hoạch 01/KH-UBND 2026):
its own Kế hoạch công tác thi đua, khen thưởng of the year, and its báo cáo sơ kết 6 tháng and
tổng kết năm to Sở Nội vụ — the movements it ran, the awards it decided and how it carried out
the calendar, read from the database up to the report's date, never after it."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.plan_calendar import STATE_LABELS, TITLES_REVIEW, nothing_to_do, obligation_state
from tdkt.domain.review_assessment import ReviewAssessment, followup_lines, work_report_sections
from tdkt.domain.vietnamese import short_date
from tdkt.persistence.models import IssuedDocument, PlanObligation, Unit
from tdkt.services.documents.content.common import (
    Issuer,
    archive_line,
    head_of_agency,
    head_signature,
    header,
    leadership,
    province_names,
    require,
    signer,
)
from tdkt.services.documents.content.work_report import report_parts, require_assessment, running_movements

__all__ = ["work_document_context", "WORK_KINDS"]

#: what the calendar names (``PlanObligation.document``) → the kind of document issued
WORK_KINDS = {"ke_hoach_nam": "ke_hoach_cong_tac", "so_ket_6_thang": "bao_cao_cong_tac",
              "tong_ket_nam": "bao_cao_cong_tac"}
QUARTERS = ("I", "II", "III", "IV")


def _calendar(s: Session, ob: PlanObligation) -> list[PlanObligation]:
    """The obligations of the same calendar that this unit carries out, in the plan's order."""
    # by the last day each is due (the Kế hoạch due 29/01 before a task of Quý I), then the plan's order
    return sorted(s.scalars(select(PlanObligation).where(
        PlanObligation.plan_code == ob.plan_code, PlanObligation.owner_unit_id == ob.owner_unit_id)),
        key=lambda o: (o.due_by or date.max, o.quarter or 5, o.number))


def _when(o: PlanObligation) -> str:
    """The «Thời gian» of a task: its quarter and the last day it is due — «Quý I, chậm nhất ngày
    31/03/2026», «Quý I, chậm nhất ngày 29/01/2026» for an item with its own date —, as the reports
    reckon it; the quarter alone only for an item whose last day is not known."""
    quarter = f"Quý {QUARTERS[(o.quarter or 1) - 1]}"
    return f"{quarter}, chậm nhất ngày {short_date(o.due_by)}" if o.due_by else quarter


def _basis(o: PlanObligation) -> str:
    """The «Căn cứ» of a task in the agency's Kế hoạch: the province's item by its plan and mục
    («Kế hoạch số 01/KH-UBND ngày 04/01/2026, mục II.5»: the plan's issuer is named in the opening
    paragraph), the agency's own standing task by the law it rests on, as recorded."""
    reference, _, item = o.basis.rpartition(", mục ")
    if o.own or not reference:
        return o.basis
    return f"{reference.split(' của ')[0]}, mục {item}"


def work_document_context(s: Session, ob: PlanObligation, org: Issuer, agency_id: int, reference: str,
                          day: date) -> dict[str, Any]:
    """The document ``ob`` asks of the agency ``org``, dated ``day``."""
    head = head_of_agency(s, org.code)
    require("văn bản thực hiện kế hoạch công tác", [
        (bool(org.name), "tên cơ quan ban hành"), (bool(org.place), "địa danh"),
        (bool(org.abbreviation), "chữ viết tắt tên cơ quan (ký hiệu)"),
        (head is not None, "người giữ vai trò Trưởng ban (người ký)"),
        (ob.due_by is not None, f"thời hạn của nhiệm vụ số {ob.number}")])
    assert head is not None and ob.due_by is not None  # checked above
    year, plan = ob.due_by.year, ob.basis.split(", mục")[0].split(" của ")[0]  # "Kế hoạch số 01/KH-UBND ngày …"
    unit = s.get(Unit, ob.owner_unit_id)
    ubnd, snv = province_names(s)
    own = _calendar(s, ob)
    common = header(org, reference, day) | {
        "signer": signer(head_signature(head)), "decree": "",
        "inputs": {"obligation_id": ob.id}, "obligation": {"plan": ob.plan_code, "number": ob.number},
    }
    if ob.document == "ke_hoach_nam":
        return _spelled_out(common | {
            "kind_title": "KẾ HOẠCH", "excerpt": f"Công tác thi đua, khen thưởng năm {year}",
            "body": [f"Thực hiện {plan} của {ubnd} về công tác thi đua, khen thưởng năm {year}, {org.name} xây "
                     f"dựng Kế hoạch công tác thi đua, khen thưởng năm {year} như sau:",
                     {"text": "I. MỤC ĐÍCH, YÊU CẦU", "bold": True},
                     "Triển khai kịp thời các nhiệm vụ của kế hoạch của tỉnh thuộc trách nhiệm của cơ quan"
                     + ("; tổ chức các nhiệm vụ thi đua, khen thưởng thường xuyên hằng năm của cơ quan (phát động "
                        "phong trào thi đua, đăng ký thi đua, bình xét danh hiệu thi đua)"
                        if any(o.own for o in own) else "")
                     + "; khen thưởng chính xác, công khai, minh bạch, kịp thời, đúng thành tích, đúng đối tượng.",
                     {"text": "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN", "bold": True}],
            # the agency's own part of each item of the province's and its own standing tasks, each
            # with its basis and its last day; the Kế hoạch is not among its own contents
            "rows": [[str(n), o.task, _basis(o), _when(o), unit.name if unit else ""]
                     for n, o in enumerate([o for o in own if o.id != ob.id], start=1)],
            "columns": ["STT", "Nội dung", "Căn cứ", "Thời gian", "Thực hiện"],
            "body_after": [{"text": "III. TỔ CHỨC THỰC HIỆN", "bold": True},
                           f"{unit.name if unit else 'Văn phòng'} là đầu mối tham mưu, theo dõi, đôn đốc và tổng "
                           f"hợp, báo cáo kết quả thực hiện Kế hoạch này về {snv} theo thời hạn quy định./."],
            "recipients": [f"{snv} (b/c);", f"{leadership(org.name)};", "Các phòng, đơn vị trực thuộc;",
                           archive_line(s, org)],
            "period": [date(year, 1, 1).isoformat(), day.isoformat()],
        })
    half = ob.document == "so_ket_6_thang"
    end = min(day, date(year, 6, 30) if half else date(year, 12, 31))
    start = date(year, 1, 1)
    assessment = require_assessment(ob)  # the đánh giá, phương hướng, kiến nghị: entered, never written here
    # the agency's own plan of the year, which lists the tasks the report reports on: cited with
    # the province's it carries out («Kế hoạch số 01/KH-BQLKKTCK ngày 26/01/2026 (triển khai Kế
    # hoạch số 01/KH-UBND …)»); the province's alone while the agency has issued none
    tasks_plan = _own_plan(s, own, day)
    subject = f"về công tác thi đua, khen thưởng năm {year}"
    cited = (f"{tasks_plan} của {org.name} {subject} (triển khai {plan} của {ubnd} {subject})"
             if tasks_plan else f"{plan} của {ubnd} {subject}")
    # the period's obligations — due by its end (whatever became of them), done by the report's
    # date, and this report's own — with where each stands on the report's date; the rest is ahead
    listed = [o for o in own if o.id == ob.id or (o.due_by is not None and o.due_by <= end)
              or (o.done_on is not None and o.done_on <= day)]
    ahead = [o for o in own if o not in listed and o.due_by is not None]
    # the movements the agency launched itself in the period: none, and a task carried out through
    # them had nothing to do («Không phát sinh»), whatever was recorded for it
    launched = sum(m.plan.owner == "agency" for m in running_movements(s, agency_id, start, end))
    # — unless the Văn phòng recorded it done in the period: each row says what the record holds
    idle = {o.id for o in listed if o.id != ob.id and nothing_to_do(o.document, launched)
            and not (o.done_on is not None and o.done_on <= end)}
    rows = [[str(n), o.task, _when(o), *(_idle_result(start, end) if o.id in idle
                                          else _result(o, day, o.id == ob.id))]
            for n, o in enumerate(listed, start=1)]
    states = Counter("none" if o.id in idle else _state(o, day, o.id == ob.id) for o in listed)
    overdue = [o for o in listed if o.id not in idle and _state(o, day, o.id == ob.id) == "overdue"]
    stage = (f"Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year} và phương hướng, nhiệm vụ 6 tháng "
             f"cuối năm {year}" if half else
             f"Tổng kết công tác thi đua, khen thưởng năm {year}, phương hướng, nhiệm vụ năm {year + 1}")
    # one period (its end for the results); the data's date said once, when it is another day
    # a bình xét of danh hiệu thi đua recorded done in the period: its row tells what was decided
    titles = any(o.document == TITLES_REVIEW and o.done_on is not None and start <= o.done_on <= day
                 for o in listed)
    parts = report_parts(s, org, agency_id, start, end,
                         f"thực hiện các nhiệm vụ {_tasks_of(plan, tasks_plan, listed)} trong kỳ: {_tally(states)}",
                         bool(rows), head.title or "Trưởng ban", titles_recorded=titles)
    # what became of each phương hướng the agency's previous report of the year set
    previous = _previous_report(s, own, ob, day)
    # what the calendar still asks, after what the Văn phòng entered for the time ahead: each task
    # once — an overdue one to be done at once, without the quarter of a year already reported
    still = [*(f"- Thực hiện ngay nhiệm vụ còn tồn đọng (hạn ngày {short_date(o.due_by)}): {o.task}."
               for o in overdue if o.due_by is not None),
             *(f"- {_when(o)}: {_ahead(o, launched)}." for o in ahead)]
    return _spelled_out(common | {
        "kind_title": "BÁO CÁO", "excerpt": stage, "recipient": snv,
        "body": [f"Thực hiện {cited}, {org.name} báo cáo "
                 f"kết quả công tác thi đua, khen thưởng từ ngày {short_date(start)} đến ngày {short_date(end)} "
                 "như sau:",
                 *parts["situation"],
                 {"text": "II. KẾT QUẢ THỰC HIỆN", "bold": True},
                 *([parts["tasks_title"]] if parts["tasks_title"] else [])],
        "rows": rows, "columns": ["STT", "Nhiệm vụ theo kế hoạch", "Thời hạn", "Tình trạng", "Kết quả thực hiện"],
        "grids": parts["grids"],  # every part, numbered; one with nothing in the period says so, no table
        "body_after": [*([{"text": f"Số liệu tổng hợp đến ngày {short_date(day)}.", "italic": True}]
                         if day != end else []),
                       *(followup_lines(previous[0], previous[1], assessment.followups) if previous else []),
                       *work_report_sections(assessment, still),
                       f"Trên đây là báo cáo {stage[:1].lower() + stage[1:]} của {org.name}./."],
        "recipients": ["Như trên;", f"{leadership(org.name)};", archive_line(s, org)],  # Kính gửi: Sở Nội vụ
        "totals": {**parts["totals"], "due": len(listed), "overdue": len(overdue), "states": dict(states)},
        "period": [start.isoformat(), end.isoformat()],
    })


def _own_plan(s: Session, own: list[PlanObligation], day: date) -> str:
    """The agency's own Kế hoạch công tác of the year as a report cites it («Kế hoạch số
    01/KH-BQLKKTCK ngày 26/01/2026»), when it was issued by ``day``; "" otherwise."""
    made = next((o for o in own if o.document == "ke_hoach_nam" and o.document_id is not None), None)
    doc = s.get(IssuedDocument, made.document_id) if made is not None else None
    if doc is None or doc.issued_on > day or not doc.reference:
        return ""
    return f"Kế hoạch số {doc.reference} ngày {short_date(doc.issued_on)}"


def _tasks_of(plan: str, tasks_plan: str, listed: list[PlanObligation]) -> str:
    """Whose the reported tasks are, counted by the plan each belongs to: the agency's own Kế
    hoạch lists its tasks, not the drafting of itself, which the province's plan asks — «của Kế
    hoạch số 01/KH-UBND … giao cho cơ quan (3 nhiệm vụ tại Kế hoạch số 01/KH-BQLKKTCK … và việc
    xây dựng Kế hoạch này)»; the province's alone while the agency has issued none."""
    drafting = [o for o in listed if o.document == "ke_hoach_nam"]
    # the agency's own standing tasks are its own, not the province's
    given = f"của {plan} giao cho cơ quan" + (" và nhiệm vụ thường xuyên của cơ quan"
                                              if any(o.own for o in listed) else "")
    if not tasks_plan:
        return given
    if not drafting:
        return f"của {tasks_plan} (triển khai {plan})"
    return f"{given} ({len(listed) - len(drafting)} nhiệm vụ tại {tasks_plan} và việc xây dựng Kế hoạch này)"


def _previous_report(s: Session, own: list[PlanObligation], ob: PlanObligation,
                     day: date) -> tuple[str, list[str]] | None:
    """The agency's previous báo cáo công tác of the calendar (its sơ kết 6 tháng, for the tổng kết
    năm), issued before ``day``, as cited («Báo cáo số 02/BC-BQLKKTCK ngày 22/06/2026»), with the
    phương hướng, nhiệm vụ it set as entered; None when there is none."""
    earlier = [o for o in own if o.id != ob.id and o.document in WORK_KINDS and WORK_KINDS[o.document] ==
               "bao_cao_cong_tac" and o.document_id is not None and o.assessment]
    docs = [(d, o) for o in earlier if (d := s.get(IssuedDocument, o.document_id)) is not None
            and d.reference and d.issued_on < day]
    if not docs:
        return None
    doc, o = max(docs, key=lambda pair: pair[0].issued_on)
    assert o.assessment is not None  # filtered above
    return (f"Báo cáo số {doc.reference} ngày {short_date(doc.issued_on)}",
            ReviewAssessment.from_record(o.assessment).directions)


def _ahead(o: PlanObligation, launched: int) -> str:
    """A task still ahead as the report's phương hướng lists it: one carried out through the
    agency's own movements, when it has launched none, only if one is launched — never a plan
    to review movements the report says do not exist."""
    if nothing_to_do(o.document, launched):
        return f"{o.task} (khi cơ quan phát động phong trào thi đua)"
    return o.task


#: the abbreviation the calendar's tasks use («công tác TĐKT»), spelled out at its first use (NĐ 30/2020)
ABBREVIATION = ("thi đua, khen thưởng", "TĐKT")


def _spelled_out(context: dict[str, Any]) -> dict[str, Any]:
    """A document whose tasks say «TĐKT» spells it out at its first use, as NĐ 30/2020/NĐ-CP asks:
    «… Kế hoạch công tác thi đua, khen thưởng (TĐKT) năm 2026 …» in its opening paragraph (the
    agency's own words there, after the province's plan it cites)."""
    words, short = ABBREVIATION
    body = list(context["body"])
    rest = str([body[1:], context.get("rows"), context.get("grids"), context.get("body_after")])
    if short in rest and f"({short})" not in body[0] and words in body[0]:
        head, _, tail = body[0].rpartition(words)
        body[0] = f"{head}{words} ({short}){tail}"
    return context | {"body": body}


def _tally(states: Counter[str]) -> str:
    """"4 nhiệm vụ, trong đó 3 đã thực hiện đúng hạn, 1 thực hiện chậm so với kế hoạch" (of the rows);
    "cả 4 nhiệm vụ đều đã thực hiện đúng hạn" when all stand alike, not "4 nhiệm vụ, trong đó 4 …"."""
    parts = [f"{states[k]} {STATE_LABELS[k].lower()}" for k in ("done", "late", "overdue", "open", "none")
             if states[k]]
    alike = [k for k in states if states[k]]
    if len(alike) == 1 and states[alike[0]] > 1:
        return f"cả {states[alike[0]]} nhiệm vụ đều {STATE_LABELS[alike[0]].lower()}"
    return f"{sum(states.values())} nhiệm vụ" + (", trong đó " + ", ".join(parts) if parts else "")


def _state(o: PlanObligation, day: date, this: bool) -> str:
    """Where ``o`` stands on ``day``; this report's own obligation is done by it, on its date."""
    return obligation_state(o.due_by, day if this else o.done_on, day)


def _idle_result(start: date, end: date) -> list[str]:
    """(Tình trạng, Kết quả thực hiện) of a task carried out through the agency's own movements
    when it launched none in the period and nothing is recorded of it: nothing to do, and why."""
    return [STATE_LABELS["none"], f"Từ ngày {short_date(start)} đến ngày {short_date(end)}, cơ quan không phát động "
                                  "phong trào thi đua nào"]


def _result(o: PlanObligation, day: date, this: bool) -> list[str]:
    """(Tình trạng, Kết quả thực hiện) of ``o`` on ``day``: its state, with the day it was done,
    and what was done — the note the Văn phòng recorded, or the document made for it."""
    state = _state(o, day, this)
    done = day if this else o.done_on
    when = f" (ngày {short_date(done)})" if done and state in ("done", "late") else ""
    what = "Báo cáo này" if this else (o.done_note or "") if state in ("done", "late") else ""
    if not what and o.due_by is not None:  # never an empty cell: what is known, its state and date
        what = (f"Chưa có kết quả; quá hạn từ ngày {short_date(o.due_by + timedelta(days=1))}"
                if state == "overdue" else
                f"Chưa có kết quả; hạn ngày {short_date(o.due_by)}" if state == "open" else "Đã thực hiện")
    return [STATE_LABELS[state] + when, what]
