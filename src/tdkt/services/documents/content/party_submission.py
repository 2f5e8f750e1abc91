"""The Đảng ủy's Tờ trình to the Ban Thường vụ Đảng ủy UBND tỉnh (tờ trình đề nghị khen thưởng của
Đảng ở cấp tỉnh, kế hoạch seed 001 mục IV.2.2), in the Party's form (Hướng dẫn 36-HD/VPTW): issued
by the agency's Party organisation under the higher Party committee, "ĐẢNG CỘNG SẢN VIỆT NAM" in
place of quốc hiệu, numbered in the organisation's series of its Tờ trình (``01-TTr/ĐUKTCK``), "Kính gửi: Ban
Thường vụ Đảng ủy …", signed "T/M ĐẢNG ỦY / BÍ THƯ" by its Bí thư — never the Trưởng ban, never to
the Chủ tịch UBND tỉnh or through Sở Nội vụ. Its căn cứ are the Party's (the Điều lệ Đảng, the Party
rule on khen thưởng the committee applies, its Quy chế làm việc of the nhiệm kỳ, "Thực hiện" the
Party's plan), never the state plan. It says only what the record holds: the Đảng ủy's meeting
that approved its nominees, by its Biên bản's số and ngày (refused without them), the proposals
on file — each nominee's phòng, đơn vị by its Tờ trình and the agency's council by its Biên bản,
by số and ngày — and in its hồ sơ only the documents the dossiers have (the Đảng ủy's own Biên
bản first, as a Party dossier holds it, then those Tờ trình and Biên bản). Its nơi nhận names,
after «Như trên», the office the route sends the dossier to for thẩm định (the Văn phòng Đảng ủy
UBND tỉnh), as the state's Tờ trình names the Sở Nội vụ."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.party import party_date
from tdkt.domain.vietnamese import in_sentence, listed, named_line, same_body_as
from tdkt.persistence.models import Attachment, Case, DocumentCase, IssuedDocument
from tdkt.services.documents.content.common import (
    appraising_office,
    decree_of,
    form_name,
    issuer,
    nominee_rows,
    party_issuer,
    require,
)
from tdkt.services.documents.content.decision import (
    by_party,
    counted_kinds,
    detail_column,
    kinds_column,
    kinds_text,
)
from tdkt.services.documents.content.party import (
    collective_of,
    council_minutes,
    party_bases,
    party_checks,
    party_header,
    party_secretary,
    proposals_line,
    require_meeting_before,
    unit_proposals,
)
from tdkt.services.documents.content.party_meeting import approving_meeting, meeting_citation

__all__ = ["party_submission_context", "TEMPLATE"]

#: the template of the Party's Tờ trình (:mod:`tdkt.documents.template_specs`)
TEMPLATE = "to_trinh_dang"


def party_submission_context(s: Session, cases: list[Case], reference: str, day: date,
                             meeting_on: date | None = None) -> dict[str, Any]:
    """Tờ trình of the Đảng ủy to the body deciding the Party's award of the province (the plan's
    ``decided_by``: Ban Thường vụ Đảng ủy UBND tỉnh), listing the nominees the committee agreed
    to propose at its meeting (of ``meeting_on`` when given), cited by its Biên bản. Its căn cứ are the
    Party's (:func:`party_bases`, with the Party rule); it considers the proposal of the agency's
    council by its Biên bản; its hồ sơ names only what the dossiers hold (that Biên bản, each
    nominee's báo cáo thành tích) and the Đảng ủy's own Biên bản — never a paper the record has not."""
    movement = cases[0].movement
    require("Tờ trình của Đảng ủy", [(by_party(movement, cases), "hình thức khen thưởng của Đảng (Tờ trình của "
                                                                 "Đảng ủy chỉ đề nghị khen thưởng của Đảng)")])
    org, agency = party_issuer(s, cases[0].agency_id), issuer(s, cases[0].agency_id)
    secretary = party_secretary(s, org.code)
    forms = movement.plan.award_forms
    deciders = sorted({forms[c.award_form].decided_by if c.award_form in forms else "" for c in cases})
    checks = [(bool(org.parent), "tên đảng bộ cấp trên"), (bool(org.place), "địa danh"),
              (bool(org.abbreviation), "ký hiệu của tổ chức đảng"),
              (all(deciders), "cấp quyết định khen thưởng (kế hoạch)"),
              (secretary is not None, f"người giữ vai trò Bí thư của {org.name} (người ký)"),
              *party_checks(org, day, rule=True)]
    checks += [(bool(c.nominee_name), f"tên người/tập thể được đề nghị (hồ sơ {c.id})") for c in cases]
    require("Tờ trình của Đảng ủy đề nghị khen thưởng", checks)
    assert secretary is not None  # checked above
    recipient = "; ".join(deciders)
    names = sorted({form_name(movement, c.award_form) for c in cases})
    form = names[0] if len(names) == 1 else "Giấy khen"
    collective = collective_of(org.name)
    require_meeting_before(org, meeting_on, day)
    meeting, party_minutes = approving_meeting(s, org, cases, meeting_on, day)
    minutes = council_minutes(s, cases, agency)
    grounds = [line.rstrip(";,") for line in party_bases(movement, org, day, rule=True)]
    grounds.append(f"Căn cứ {meeting_citation(org, meeting, party_minutes)}")
    grounds += [f"Xét đề nghị của {line}" for line in proposals_line(s, cases, agency)]
    # the cấp ủy's own Biên bản first, as a Party dossier holds it (Tờ trình, Biên bản họp xét, …)
    filed = [f"Biên bản số {party_minutes.reference}, ngày {party_date(party_minutes.issued_on)} "
             f"của Hội nghị {org.name}"]
    filed += [f"{what} của {unit}" for unit, what in unit_proposals(s, cases)]
    filed += [f"{what} của {council}" for council, what in minutes]
    if _all_reported(s, cases):
        filed.append(f"báo cáo thành tích của {kinds_text(cases)}")
    achieved = f"có thành tích xuất sắc trong {in_sentence(movement.name)}"
    summaries = listed([named_line(c.nominee_name, (c.achievements.strip().splitlines() or [achieved])[0])
                        for c in cases])
    body: list[Any] = [
        *({"text": f"- {line}{',' if n == len(grounds) else ';'}"} for n, line in enumerate(grounds, start=1)),
        {"text": f"{org.name} kính trình {recipient} xem xét, tặng {form} cho {counted_kinds(cases)} {achieved}, "
                 "cụ thể như sau:"},
    ]
    return party_header(org, reference, day) | {
        "template": TEMPLATE,
        "kind_title": "TỜ TRÌNH",
        "excerpt": f"về việc đề nghị tặng {form} cho {kinds_text(cases)} {achieved}",
        "recipient": recipient,
        "body": body,
        "rows": nominee_rows(s, cases, agency.name, party=True),
        "columns": ["STT", kinds_column(cases), detail_column(cases, "Chức vụ, đơn vị công tác"), "Hình thức đề nghị"],
        "body_after": [{"text": "Tóm tắt thành tích:"}, *({"text": line} for line in summaries),
                       *([{"text": f"(Có hồ sơ đề nghị khen thưởng kèm theo: {'; '.join(filed)}.)"}] if filed else []),
                       {"text": f"{org.name} kính trình {recipient} xem xét, quyết định./."}],
        # the Văn phòng named as the Kính gửi names its Đảng ủy («Đảng ủy Ủy ban nhân dân tỉnh»): one form
        "recipients": ["Như trên,", *([f"{same_body_as(office, recipient)} (để thẩm định),"]
                                      if (office := appraising_office(s)) else []),
                       f"Lưu Văn phòng {collective.capitalize()}."],
        "signer": {"authority_line": f"T/M {collective}", "title_line": "BÍ THƯ", "name": secretary.full_name},
        "decree": decree_of(movement, day), "inputs": {"meeting_on": meeting.held_on.isoformat(),
                                                                      "meeting_id": meeting.id},
    }


def _all_reported(s: Session, cases: list[Case]) -> bool:
    """Every dossier holds its báo cáo thành tích (uploaded, or made here)."""
    ids = {c.id for c in cases}
    uploaded = set(s.scalars(select(Attachment.case_id).where(
        Attachment.case_id.in_(ids), Attachment.kind.like("bao_cao_thanh_tich%"))))
    made = set(s.scalars(select(DocumentCase.case_id).join(
        IssuedDocument, IssuedDocument.id == DocumentCase.document_id).where(
        DocumentCase.case_id.in_(ids), IssuedDocument.kind == "bao_cao_thanh_tich")))
    return ids <= uploaded | made
