"""The agency's documents for the province's yearly TĐKT calendar (kế hoạch 01/KH-UBND 2026):
its own Kế hoạch công tác thi đua, khen thưởng of the year, and its báo cáo sơ kết 6 tháng and
tổng kết năm to Sở Nội vụ — the movements it ran, the awards it decided and how it carried out
the calendar, read from the database up to the report's date, never after it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.plan_calendar import STATE_LABELS, obligation_state
from tdkt.persistence.models import AwardRecord, Movement, PlanObligation, Unit
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
from tdkt.services.people.agencies import agency_units

__all__ = ["work_document_context", "WORK_KINDS"]

#: what the calendar names (``PlanObligation.document``) → the kind of document issued
WORK_KINDS = {"ke_hoach_nam": "ke_hoach_cong_tac", "so_ket_6_thang": "bao_cao_cong_tac",
              "tong_ket_nam": "bao_cao_cong_tac"}
QUARTERS = ("I", "II", "III", "IV")


def _calendar(s: Session, ob: PlanObligation) -> list[PlanObligation]:
    """The obligations of the same calendar that this unit carries out, in the plan's order."""
    return list(s.scalars(select(PlanObligation).where(
        PlanObligation.plan_code == ob.plan_code, PlanObligation.owner_unit_id == ob.owner_unit_id)
        .order_by(PlanObligation.quarter, PlanObligation.number)))


def _when(o: PlanObligation) -> str:
    return f"{o.due_on:%d/%m/%Y}" if o.due_on else f"Quý {QUARTERS[(o.quarter or 1) - 1]}"


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
        return common | {
            "kind_title": "KẾ HOẠCH", "excerpt": f"Công tác thi đua, khen thưởng năm {year}",
            "body": [f"Thực hiện {plan} của {ubnd} về công tác thi đua, khen thưởng năm {year}, {org.name} xây "
                     f"dựng Kế hoạch công tác thi đua, khen thưởng năm {year} như sau:",
                     {"text": "I. MỤC ĐÍCH, YÊU CẦU", "bold": True},
                     "Triển khai kịp thời các nhiệm vụ của kế hoạch của tỉnh thuộc trách nhiệm của cơ quan; "
                     "khen thưởng chính xác, công khai, minh bạch, kịp thời, đúng thành tích, đúng đối tượng.",
                     {"text": "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN", "bold": True}],
            # the agency's own part of each item; the Kế hoạch is not among its own contents
            "rows": [[str(n), o.task, _when(o), unit.name if unit else ""]
                     for n, o in enumerate([o for o in own if o.id != ob.id], start=1)],
            "columns": ["STT", "Nội dung", "Thời gian", "Thực hiện"],
            "body_after": [{"text": "III. TỔ CHỨC THỰC HIỆN", "bold": True},
                           f"{unit.name if unit else 'Văn phòng'} là đầu mối tham mưu, theo dõi, đôn đốc và tổng "
                           f"hợp, báo cáo kết quả thực hiện Kế hoạch này về {snv} theo thời hạn quy định./."],
            "recipients": [f"{snv} (b/c);", f"{leadership(org.name)};", "Các phòng, đơn vị trực thuộc;",
                           archive_line(s, org)],
            "period": [date(year, 1, 1).isoformat(), day.isoformat()],
        }
    half = ob.document == "so_ket_6_thang"
    end = min(day, date(year, 6, 30) if half else date(year, 12, 31))
    start = date(year, 1, 1)
    units = agency_units(s, agency_id)
    movements = [m for m in s.scalars(select(Movement).where(Movement.agency_id == agency_id).order_by(Movement.id))
                 if m.plan.starts_on <= end and m.plan.ends_on >= start]
    awards = [(a, m) for a, m in s.execute(
        select(AwardRecord, Movement).join(Movement, Movement.id == AwardRecord.movement_id)
        .where(Movement.agency_id == agency_id, AwardRecord.unit_id.in_(units),
               AwardRecord.decided_on >= start, AwardRecord.decided_on <= end)).all()]
    # the period's obligations — due by its end (whatever became of them), done by the report's
    # date, and this report's own — with where each stands on the report's date; the rest is ahead
    listed = [o for o in own if o.id == ob.id or (o.due_by is not None and o.due_by <= end)
              or (o.done_on is not None and o.done_on <= day)]
    ahead = [o for o in own if o not in listed and o.due_by is not None]
    rows = [[str(n), o.task, _when(o), *_result(o, day, o.id == ob.id)] for n, o in enumerate(listed, start=1)]
    states = Counter(_state(o, day, o.id == ob.id) for o in listed)
    overdue = [o for o in listed if _state(o, day, o.id == ob.id) == "overdue"]
    stage = (f"Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year} và phương hướng, nhiệm vụ 6 tháng "
             f"cuối năm {year}" if half else
             f"Tổng kết công tác thi đua, khen thưởng năm {year}, phương hướng, nhiệm vụ năm {year + 1}")
    grids = _grids(movements, awards)
    return common | {
        "kind_title": "BÁO CÁO", "excerpt": stage, "recipient": snv,
        "body": [f"Thực hiện {plan} của {ubnd} về công tác thi đua, khen thưởng năm {year}, {org.name} báo cáo "
                 f"kết quả từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y} như sau:",
                 {"text": "I. KẾT QUẢ THỰC HIỆN", "bold": True},
                 f"1. Thực hiện các nhiệm vụ của {plan} trong kỳ, tính đến ngày {day:%d/%m/%Y}: "
                 f"{_tally(states)}:"],
        "rows": rows, "columns": ["STT", "Nhiệm vụ theo kế hoạch", "Thời hạn", "Tình trạng", "Kết quả thực hiện"],
        "grids": grids,  # each shown, numbered, only when it has rows: nothing is said of what has none
        "body_after": [{"text": "II. PHƯƠNG HƯỚNG, NHIỆM VỤ", "bold": True},
                       *(f"- {_when(o)} (quá hạn, thực hiện ngay): {o.task}." for o in overdue),
                       *(f"- {_when(o)}: {o.task}." for o in ahead),
                       *([] if ahead else [f"- Triển khai Kế hoạch công tác thi đua, khen thưởng năm {year + 1} khi "
                                           f"{ubnd} ban hành."]),
                       f"Số liệu tổng hợp đến ngày {day:%d/%m/%Y}./."],
        "recipients": ["Như trên;", f"{leadership(org.name)};", archive_line(s, org)],  # Kính gửi: Sở Nội vụ
        "totals": {"movements": len(movements), "awards": len(awards), "due": len(listed),
                   "overdue": len(overdue), "states": dict(states)},
        "period": [start.isoformat(), end.isoformat()],
    }


def _grids(movements: list[Movement], awards: list[tuple[AwardRecord, Movement]]) -> list[dict[str, Any]]:
    """The movements run in the period and the awards decided in it, each a table whose heading
    counts its own rows; a table without rows is not shown, nor anything said of it."""
    decided = Counter(a.movement_id for a, _ in awards)
    runs = [[str(n), m.name, f"{m.plan.starts_on:%d/%m/%Y} - {m.plan.ends_on:%d/%m/%Y}", str(decided[m.id])]
            for n, m in enumerate(movements, start=1)]
    forms = Counter((m.plan.award_forms[a.award_form].name if a.award_form in m.plan.award_forms else a.award_form,
                     a.nominee_kind) for a, m in awards)
    names = sorted({f for f, _ in forms})
    won = [[str(n), f, str(forms[(f, "collective")]), str(forms[(f, "individual")])]
           for n, f in enumerate(names, start=1)]
    number = iter(range(2, 5))
    return [{"key": "movements", "rows": runs,
             "title": f"{next(number)}. Phong trào thi đua được triển khai trong kỳ ({len(runs)} phong trào):"
             if runs else "",
             "columns": ["STT", "Phong trào thi đua", "Thời gian thực hiện", "Được khen thưởng trong kỳ"]},
            {"key": "awards", "rows": won,
             "title": f"{next(number)}. Khen thưởng: {len(awards)} tập thể, cá nhân được khen thưởng trong kỳ:"
             if won else "",
             "columns": ["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân"]}]


def _tally(states: Counter[str]) -> str:
    """"4 nhiệm vụ, trong đó 3 đã thực hiện đúng hạn, 1 thực hiện chậm so với kế hoạch" (of the rows)."""
    parts = [f"{states[k]} {STATE_LABELS[k].lower()}" for k in ("done", "late", "overdue", "open") if states[k]]
    return f"{sum(states.values())} nhiệm vụ" + (", trong đó " + ", ".join(parts) if parts else "")


def _state(o: PlanObligation, day: date, this: bool) -> str:
    """Where ``o`` stands on ``day``; this report's own obligation is done by it, on its date."""
    return obligation_state(o.due_by, day if this else o.done_on, day)


def _result(o: PlanObligation, day: date, this: bool) -> list[str]:
    """(Tình trạng, Kết quả thực hiện) of ``o`` on ``day``: its state, with the day it was done,
    and what was done — the note the Văn phòng recorded, or the document made for it."""
    state = _state(o, day, this)
    done = day if this else o.done_on
    when = f" (ngày {done:%d/%m/%Y})" if done and state in ("done", "late") else ""
    what = "Báo cáo này" if this else (o.done_note or "") if state in ("done", "late") else ""
    return [STATE_LABELS[state] + when, what]
