"""The Party's award of the province (Giấy khen của Ban Thường vụ Đảng ủy UBND tỉnh, plan 001 mục
IV.2.2) through its own route via the services: after the Ban's council, the Bí thư of the Ban's
Đảng ủy signs the Đảng ủy's Tờ trình (the Party's form, its own series), the Văn phòng Đảng ủy UBND
tỉnh appraises, the Ban Thường vụ Đảng ủy UBND tỉnh decides — never Sở Nội vụ, the Hội đồng TĐKT
tỉnh or the Chủ tịch UBND tỉnh. And the register: a Party decision numbered on paper takes a Party
number in the Đảng ủy's series, confirmed by its Bí thư. Both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tdkt.domain.party import party_date
from tdkt.domain.status import AWARDED, NOT_AWARDED, STATUS_LABELS, Step, level_for
from tdkt.errors import Forbidden, InvalidInput, NotFound, WrongState
from tdkt.persistence.models import (
    Attachment,
    AuditEntry,
    AwardRecord,
    Case,
    HumanTask,
    IssuedDocument,
    RegisteredDocument,
    Unit,
)
from tdkt.runtime import Runtime
from tdkt.scenario.organisation import load_large_organisation
from tdkt.services.documents.party_province import issue_party_submission, sign_party_submission_document
from tdkt.services.documents.province import sign_submission_document
from tdkt.services.documents.register import Registration, approve_registration, kind_of, register_document
from tdkt.services.movements.launch import launch_movement
from tdkt.services.movements.plans import load_seed_movements
from tdkt.services.nominations.attachments import attach_document, documents_required
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import province_steps as province_route
from tdkt.services.route import steps as route
from tdkt.views.notices import notices
from tdkt.views.worklist import actionable
from tests.integration.probes import SIGNED_SCAN, council_approves, docx_text, party_meeting_held, party_members

pytestmark = pytest.mark.both_databases

MOVEMENT = "thi-dua-dac-biet-dai-hoi-dang-2025"
BTV = "giay_khen_btv_dang_uy_ubnd_tinh"
BI_THU, VP_DANG_UY, BAN_THUONG_VU = "pho.truongban", "vpdu.chuyenvien", "btv.danguytinh"


@pytest.fixture
def party_rt(rt: Runtime) -> Runtime:
    """Plan 001 launched on the scenario's organisation: the Ban's Đảng ủy (ĐUKTCK) and its Bí
    thư, the Đảng ủy UBND tỉnh's Văn phòng and Ban Thường vụ."""
    rt.clock = lambda: datetime(2025, 8, 20, 3, tzinfo=UTC)
    load_large_organisation(rt)
    launch_movement(rt, "vp.thamdinh", next(d for d in load_seed_movements() if d.code == MOVEMENT))
    return rt


def _approved(rt: Runtime, form: str, nominees: tuple[str, ...] = ("Vi Thị Hồng",)) -> list[int]:
    """Dossiers of the Phòng Quản lý Đầu tư through the Văn phòng and the Ban's council."""
    party_members(rt, "qldt.canbo", nominees)  # a Party award goes to a member
    ids = [create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, n, form, nominee_gender="female"))
           for n in nominees]
    for case_id in ids:
        with rt.uow() as uow:
            required = documents_required(uow.session.get(Case, case_id), rt.tasks[Step.SUBMIT_DOSSIER])
        for kind, _ in required:
            attach_document(rt, "qldt.canbo", case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
        route.submit_dossier(rt, "qldt.canbo", case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_approves(rt, ids)
    return ids


def _ready(rt: Runtime, case_id: int) -> list[tuple[str, str, str | None]]:
    with rt.uow() as uow:
        return [tuple(r) for r in uow.session.execute(
            select(HumanTask.task_name, HumanTask.candidate_role, Unit.code)
            .outerjoin(Unit, Unit.id == HumanTask.candidate_unit_id)
            .where(HumanTask.case_id == case_id, HumanTask.state == "ready"))]


def _status(rt: Runtime, case_id: int) -> str:
    with rt.uow() as uow:
        return uow.session.get(Case, case_id).status


def _inbox(rt: Runtime, username: str, case_id: int) -> list[str]:
    return [t.task_name for t in actionable(rt, username) if t.case_id == case_id]


def test_the_ban_thuong_vu_giay_khen_goes_the_partys_own_route_to_the_ban_thuong_vu(party_rt):
    rt = party_rt
    [case_id] = _approved(rt, BTV)

    # the Đảng ủy's Tờ trình: its Bí thư's, never the Trưởng ban's
    assert _ready(rt, case_id) == [("sign_party_submission", "bi_thu_dang_uy", "DANG_UY_BQL")]
    assert _inbox(rt, BI_THU, case_id) == ["sign_party_submission"] and _inbox(rt, "truongban", case_id) == []
    assert STATUS_LABELS[_status(rt, case_id)].startswith("Chờ Bí thư Đảng ủy ký Tờ trình")
    today = rt.now().astimezone(rt.settings.tz).date()
    with pytest.raises(InvalidInput, match="sau ngày ban hành văn bản"):  # the Đảng ủy met before it proposes
        issue_party_submission(rt, "vp.thamdinh", [case_id], today + timedelta(days=1))
    met = today - timedelta(days=2)
    with pytest.raises(InvalidInput, match="Chưa có biên bản hội nghị.*tdkt documents party-meeting"):
        issue_party_submission(rt, "vp.thamdinh", [case_id], met)  # the meeting has no record
    _, minutes = party_meeting_held(rt, [case_id], met, absent={"ckhn.doipho": "đi công tác"})  # written up today
    tt = issue_party_submission(rt, "vp.thamdinh", [case_id], met)
    assert tt.reference == "01-TTr/ĐUKTCK" and tt.kind == "to_trinh_dang"
    # its căn cứ and hồ sơ are the Party's: the Đảng ủy's meeting, never the state council nor a state mẫu
    text = docx_text(tt.path)
    party = "Đảng ủy Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
    # no proposal on file here (no unit's Tờ trình, no council's Biên bản): none is cited, never a chi bộ's
    assert (f"- Căn cứ kết quả họp xét khen thưởng của {party} tại Hội nghị ngày {party_date(met)} (Biên bản số "
            f"{minutes}, ngày {party_date(today)}),") in text
    assert "Xét đề nghị của" not in text
    # the cấp ủy's Biên bản first among the papers sent (the Văn phòng Đảng ủy UBND tỉnh appraises it)
    papers = f"(Có hồ sơ đề nghị khen thưởng kèm theo: Biên bản số {minutes}, ngày {party_date(today)} của Hội nghị"
    assert f"{papers} {party}" in text
    # sent, after «Như trên», to the office the route sends it to for thẩm định
    # named in the form the Kính gửi names its Đảng ủy (13th review: «Ban Thường vụ Đảng ủy Ủy ban nhân dân
    # tỉnh» above, «Văn phòng Đảng ủy UBND tỉnh Lạng Sơn» below)
    kinh_gui = next(line for line in text.splitlines() if line.startswith("Kính gửi: "))
    assert kinh_gui == "Kính gửi: Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh", kinh_gui
    assert "- Văn phòng Đảng ủy Ủy ban nhân dân tỉnh (để thẩm định)," in text
    assert "Hội đồng Thi đua" not in text and "mẫu số" not in text.lower()
    # resting on the Party's texts (the Điều lệ Đảng, the term's Quy chế), carrying out the Party's plan
    for wanted in ("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "nhiệm kỳ 2025 - 2030;",
                   "- Thực hiện Kế hoạch số 26-KH/ĐU, ngày 03-6-2025 của Đảng ủy Ủy ban nhân dân tỉnh"):
        assert wanted in text, wanted
    assert "Căn cứ Kế hoạch" not in text and "/KH-" not in text
    with pytest.raises(Forbidden, match="Bí thư Đảng ủy"):
        sign_party_submission_document(rt, "truongban", tt.id)
    with pytest.raises(NotFound):  # the state's signing path does not take it either
        sign_submission_document(rt, "truongban", tt.id)
    assert _status(rt, case_id) == "sign_party_submission"
    # the Văn phòng was told to draft it, the Bí thư told to sign it
    assert any("Lập văn bản: Ký Tờ trình đề nghị Ban Thường vụ" in n.subject for n in notices(rt, "vp.thamdinh"))
    assert any(tt.reference in n.subject for n in notices(rt, BI_THU))
    assert sign_party_submission_document(rt, BI_THU, tt.id) == [case_id]
    assert any("Văn phòng Đảng ủy UBND tỉnh thẩm định" in n.subject for n in notices(rt, VP_DANG_UY))

    # the Đảng ủy UBND tỉnh's Văn phòng: Sở Nội vụ has no say
    assert _ready(rt, case_id) == [("party_province_appraise", "van_phong_dang_uy_tinh", None)]
    assert level_for(_status(rt, case_id)) == "party_province"
    assert _inbox(rt, VP_DANG_UY, case_id) == ["party_province_appraise"]
    assert _inbox(rt, "snv.chuyenvien", case_id) == []
    with pytest.raises(Forbidden):
        province_route.party_province_appraise(rt, "snv.chuyenvien", case_id, accept=True)
    province_route.party_province_appraise(rt, VP_DANG_UY, case_id, accept=True)

    # the Ban Thường vụ decides, its number in the Party's form; never the Chủ tịch UBND tỉnh
    assert _ready(rt, case_id) == [("party_province_decide", "ban_thuong_vu_dang_uy_tinh", None)]
    assert _inbox(rt, "chutich.ubndtinh", case_id) == []
    with pytest.raises(Forbidden):
        province_route.party_province_decide(rt, "chutich.ubndtinh", case_id, decision_number="125-QĐ/ĐU")
    with pytest.raises(InvalidInput) as refused:
        province_route.party_province_decide(rt, BAN_THUONG_VU, case_id, decision_number="2150/QĐ-UBND")
    assert "thể thức văn bản của Đảng" in refused.value.message_vi and "125-QĐ/ĐU" in refused.value.message_vi
    assert _status(rt, case_id) == "party_province_decide"
    result = province_route.party_province_decide(rt, BAN_THUONG_VU, case_id, decision_number="125-QĐ/ĐU")
    assert result.to_status == "party_province_decided" and "party_province_decided" in AWARDED
    assert STATUS_LABELS["party_province_decided"] == "Ban Thường vụ Đảng ủy UBND tỉnh đã quyết định khen thưởng"

    with rt.uow() as uow:
        s = uow.session
        award = s.scalars(select(AwardRecord).where(AwardRecord.case_id == case_id)).one()
        assert (award.award_form, award.decision_number) == (BTV, "125-QĐ/ĐU")
        events = [a.event for a in s.scalars(select(AuditEntry).where(
            AuditEntry.case_id == case_id, AuditEntry.from_status.is_not(None)).order_by(AuditEntry.id))]
        assert events[-3:] == ["sign_party_submission", "party_province_appraise", "party_province_decide"]
        assert not {"sign_submission", "province_appraise", "province_council_decide", "province_decide"} & set(events)
        filed = s.scalars(select(Attachment).where(Attachment.case_id == case_id,
                                                   Attachment.kind == "to_trinh_dang_uy")).one()
        assert filed.sha256 == tt.sha256


def test_the_van_phong_dang_uy_ubnd_tinh_returns_a_dossier_only_with_a_reason(party_rt):
    rt = party_rt
    [case_id] = _approved(rt, BTV)
    party_meeting_held(rt, [case_id])
    tt = issue_party_submission(rt, "vp.thamdinh", [case_id])
    sign_party_submission_document(rt, BI_THU, tt.id)
    with pytest.raises(InvalidInput, match="Lý do: bắt buộc"):
        province_route.party_province_appraise(rt, VP_DANG_UY, case_id, accept=False)
    assert _status(rt, case_id) == "party_province_appraise"
    result = province_route.party_province_appraise(rt, VP_DANG_UY, case_id, accept=False,
                                                    reason="Thiếu xác nhận của chi bộ nơi sinh hoạt")
    assert result.to_status == "party_province_rejected" and "party_province_rejected" in NOT_AWARDED
    assert _ready(rt, case_id) == []
    with rt.uow() as uow:
        assert uow.session.scalars(select(AwardRecord).where(AwardRecord.case_id == case_id)).all() == []


def test_the_ban_thuong_vu_may_decide_not_to_award_only_with_its_reason(party_rt):
    rt = party_rt
    [case_id] = _approved(rt, BTV)
    party_meeting_held(rt, [case_id])
    tt = issue_party_submission(rt, "vp.thamdinh", [case_id])
    sign_party_submission_document(rt, BI_THU, tt.id)
    province_route.party_province_appraise(rt, VP_DANG_UY, case_id, accept=True)
    with pytest.raises(InvalidInput, match="Lý do không khen thưởng: bắt buộc"):
        province_route.party_province_decide(rt, BAN_THUONG_VU, case_id, awarded=False)
    with pytest.raises(InvalidInput, match="Số Quyết định của Ban Thường vụ Đảng ủy UBND tỉnh: bắt buộc"):
        province_route.party_province_decide(rt, BAN_THUONG_VU, case_id)
    assert _status(rt, case_id) == "party_province_decide"  # refusals changed nothing
    result = province_route.party_province_decide(rt, BAN_THUONG_VU, case_id, awarded=False,
                                                  note="Đồng chí chưa đủ thời gian công tác theo quy định")
    assert result.to_status == "party_province_not_approved" and "party_province_not_approved" in NOT_AWARDED
    assert STATUS_LABELS[result.to_status] == "Ban Thường vụ Đảng ủy UBND tỉnh không khen thưởng"
    assert level_for(result.to_status) == "party_province" and _ready(rt, case_id) == []
    with rt.uow() as uow:
        assert uow.session.scalars(select(AwardRecord).where(AwardRecord.case_id == case_id)).all() == []


def test_the_partys_tờ_trình_is_refused_for_a_state_award(party_rt):
    rt = party_rt
    [case_id] = _approved(rt, "bang_khen_chu_tich_ubnd_tinh", ("Nông Đức Thắng",))
    with pytest.raises(WrongState, match="Bí thư Đảng ủy ký Tờ trình"):
        issue_party_submission(rt, "vp.thamdinh", [case_id])


def test_a_party_decision_numbered_on_paper_enters_the_dang_uys_register_with_a_party_number(party_rt):
    rt = party_rt
    ids = _approved(rt, "giay_khen_dang_uy", ("Vi Thị Hồng", "Nông Đức Thắng"))
    today = rt.now().astimezone(rt.settings.tz).date()
    assert kind_of("05-QĐ/ĐUKTCK") == "quyet_dinh" and kind_of("03-TTr/ĐUKTCK") == "to_trinh_dang"

    # the state's number for a Party award is refused, saying the Party's form
    with pytest.raises(InvalidInput) as refused:
        register_document(rt, "vp.thamdinh", Registration("quyet_dinh", "05/QĐ-BQLKKTCK", today, ids, "ky.pdf",
                                                          SIGNED_SCAN))
    assert "thể thức văn bản của Đảng" in refused.value.message_vi and "ĐUKTCK" in refused.value.message_vi
    reg_id = register_document(rt, "vp.thamdinh", Registration("quyet_dinh", "05-QĐ/ĐUKTCK", today, ids,
                                                               "quyet-dinh-dang-uy.pdf", SIGNED_SCAN))
    with rt.uow() as uow:
        row = uow.session.get(RegisteredDocument, reg_id)
        assert (row.issuer, row.reference, row.number) == ("DANG_UY_BQL/QĐ", "05-QĐ/ĐUKTCK", 5)

    # the Trưởng ban does not confirm the Đảng ủy's decision; its Bí thư does
    with pytest.raises(Forbidden, match="Bí thư Đảng ủy"):
        approve_registration(rt, "truongban", reg_id)
    assert sorted(approve_registration(rt, BI_THU, reg_id)) == sorted(ids)
    with rt.uow() as uow:
        s = uow.session
        assert set(s.scalars(select(Case.status).where(Case.id.in_(ids)))) == {"decision_signed"}
        assert set(s.scalars(select(AwardRecord.decision_number).where(AwardRecord.case_id.in_(ids)))) == {
            "05-QĐ/ĐUKTCK"}
    # the number is taken in the Đảng ủy's series: the same number again is refused
    [other] = _approved(rt, "giay_khen_dang_uy", ("Hà Văn Tuấn",))
    with pytest.raises(WrongState, match="đã được dùng"):
        register_document(rt, "vp.thamdinh", Registration("quyet_dinh", "05-QĐ/ĐUKTCK", today, [other],
                                                          "ky-lai.pdf", SIGNED_SCAN))


def test_the_dang_uys_tờ_trình_signed_on_paper_is_registered_and_confirmed_by_its_bí_thư(party_rt):
    rt = party_rt
    [case_id] = _approved(rt, BTV)
    today = rt.now().astimezone(rt.settings.tz).date()
    reg_id = register_document(rt, "vp.thamdinh", Registration("to_trinh_dang", "03-TTr/ĐUKTCK", today, [case_id],
                                                               "to-trinh-dang-uy.pdf", SIGNED_SCAN))
    approve_registration(rt, BI_THU, reg_id)
    assert _ready(rt, case_id) == [("party_province_appraise", "van_phong_dang_uy_tinh", None)]
    with rt.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.case_id == case_id, AuditEntry.event == "sign_party_submission")).one()
        assert entry.detail["party_submission_number"] == "03-TTr/ĐUKTCK"


def test_the_dang_uys_register_numbers_each_tên_loại_from_01_through_its_term(party_rt):
    """Hướng dẫn 36-HD/VPTW mục II.1.3.1(a): "từ số 01 cho mỗi tên loại văn bản trong một nhiệm kỳ"."""
    rt = party_rt
    today = rt.now().astimezone(rt.settings.tz).date()
    decided = _approved(rt, "giay_khen_dang_uy", ("Vi Thị Hồng",))
    register_document(rt, "vp.thamdinh", Registration("quyet_dinh", "01-QĐ/ĐUKTCK", today, decided,
                                                      "quyet-dinh-dang-uy.pdf", SIGNED_SCAN))
    [first, second] = _approved(rt, BTV, ("Nông Đức Thắng", "Hà Văn Tuấn"))
    party_meeting_held(rt, [first])
    assert issue_party_submission(rt, "vp.thamdinh", [first]).reference == "01-TTr/ĐUKTCK"
    # a Tờ trình numbered by hand is checked against the Tờ trình's series, not the Quyết định's
    with pytest.raises(WrongState, match="(?s)Số 1 nhiệm kỳ 2025 - 2030 \\(sổ TTr\\).*01-TTr/ĐUKTCK"):
        register_document(rt, "vp.thamdinh", Registration("to_trinh_dang", "01-TTr/ĐUKTCK", today, [second],
                                                          "to-trinh.pdf", SIGNED_SCAN))
    reg_id = register_document(rt, "vp.thamdinh", Registration("to_trinh_dang", "02-TTr/ĐUKTCK", today, [second],
                                                               "to-trinh.pdf", SIGNED_SCAN))
    with rt.uow() as uow:
        assert uow.session.get(RegisteredDocument, reg_id).issuer == "DANG_UY_BQL/TTr"


def test_the_case_page_and_the_inbox_name_the_party_bodies(party_rt):
    from tests.integration.web_support import Browser

    rt = party_rt
    [case_id] = _approved(rt, BTV)
    party_meeting_held(rt, [case_id])
    tt = issue_party_submission(rt, "vp.thamdinh", [case_id])
    sign_party_submission_document(rt, BI_THU, tt.id)
    page = Browser(rt, VP_DANG_UY).get(f"/cases/{case_id}")
    assert page.status_code == 200, page.text[:400]
    for wanted in ("Chờ Văn phòng Đảng ủy UBND tỉnh thẩm định", "Cấp tỉnh (Ban Thường vụ Đảng ủy UBND tỉnh)"):
        assert wanted in page.text, wanted
    assert "Chủ tịch UBND tỉnh" not in page.text and "Sở Nội vụ thẩm định" not in page.text
    inbox = Browser(rt, VP_DANG_UY).get("/queue")
    assert inbox.status_code == 200 and "Văn phòng Đảng ủy UBND tỉnh thẩm định hồ sơ" in inbox.text


def test_on_the_decisions_page_the_văn_phòng_drafts_and_the_bí_thư_signs_the_đảng_ủys_tờ_trình(party_rt):
    from tests.integration.web_support import Browser

    rt = party_rt
    [case_id] = _approved(rt, BTV)
    office = Browser(rt, "vp.thamdinh")
    page = office.get("/decisions")
    assert page.status_code == 200 and "Tờ trình của Đảng ủy đề nghị Ban Thường vụ Đảng ủy UBND tỉnh" in page.text
    refused = office.post("/decisions/party-submissions", {"case": str(case_id)})
    assert refused.status_code >= 400 and "Chưa có biên bản hội nghị" in refused.text  # nothing on record
    party_meeting_held(rt, [case_id])
    drafted = office.post("/decisions/party-submissions", {"case": str(case_id)})
    assert drafted.status_code == 303, drafted.text[:600]
    with rt.uow() as uow:
        doc = uow.session.scalars(select(IssuedDocument).where(IssuedDocument.kind == "to_trinh_dang")).one()
        doc_id, reference = doc.id, doc.reference
    assert reference == "01-TTr/ĐUKTCK"
    head = Browser(rt, "truongban")
    assert "Chờ Bí thư Đảng ủy ký" in head.get("/decisions").text
    assert head.get(f"/decisions/{doc_id}/sign-party-submission").status_code == 403
    secretary = Browser(rt, BI_THU)
    assert f'href="/decisions/{doc_id}/sign-party-submission"' in secretary.get("/decisions").text
    confirm = secretary.get(f"/decisions/{doc_id}/sign-party-submission")
    assert confirm.status_code == 200 and "ĐẢNG CỘNG SẢN VIỆT NAM" in confirm.text and "T/M ĐẢNG ỦY" in confirm.text
    done = secretary.post(f"/decisions/{doc_id}/sign-party-submission", {"confirm": "yes", "read": "yes"})
    assert done.status_code == 303, done.text[:600]
    assert _ready(rt, case_id) == [("party_province_appraise", "van_phong_dang_uy_tinh", None)]
