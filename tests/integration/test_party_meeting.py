"""The Đảng ủy's meeting on Party awards through its services: the Văn phòng records it (the
committee read from «Chức vụ trong Đảng», the chair, the vote on each dossier) and issues its
Biên bản; bad input is refused with every problem named and nothing written; a nominee the meeting
did not approve is refused in the Tờ trình that would name him."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select

from tdkt.errors import InvalidInput
from tdkt.persistence.models import AuditEntry, IssuedDocument, PartyMeeting, PartyMeetingMember
from tdkt.services.documents.party_meeting import PartyMeetingInput, issue_party_minutes, record_party_meeting
from tdkt.services.documents.party_province import issue_party_submission
from tests.integration.probes import docx_text
from tests.integration.test_party_province_route import BTV, _approved, party_rt  # noqa: F401 — the fixture

TODAY = date(2025, 8, 20)


def _meeting(votes: dict[int, tuple[int, int]], **changed: object) -> PartyMeetingInput:
    base: dict[str, object] = {"held_on": TODAY, "opened_at": time(8), "closed_at": time(9, 30),
                               "place": "Phòng họp Đảng ủy", "clerk": "hd.thuky", "votes": votes, "absent": {}}
    return PartyMeetingInput(**(base | changed))  # type: ignore[arg-type]


def _nothing_written(rt) -> None:
    with rt.uow() as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(PartyMeeting)) == 0
        assert s.scalar(select(func.count()).select_from(PartyMeetingMember)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.event == "party_meeting_recorded")) == 0


@pytest.mark.parametrize(("changed", "why"), [
    ({"absent": {"qlqh.canbo": "ốm"}}, "qlqh.canbo không phải đảng ủy viên"),
    ({"absent": {"ckhn.doipho": " "}}, "chưa ghi lý do vắng mặt của Chu Văn Tuấn"),
    ({"absent": {"ckhn.doipho": "ốm", "congdoan.chutich": "nghỉ phép", "qldt.truongphong": "đi học"}},
     "có mặt 4/7 đảng ủy viên, chưa đủ hai phần ba"),
    ({"absent": {"pho.truongban": "đi công tác", "truongban": "họp tỉnh"}}, "không có người chủ trì hội nghị"),
    ({"held_on": date(2025, 8, 21)}, "ngày họp 21/08/2025 chưa đến"),
    ({"closed_at": time(7)}, "giờ kết thúc phải sau giờ bắt đầu"),
    ({"place": ""}, "chưa ghi địa điểm họp"),
    ({"clerk": "khong.co"}, "không có người ghi biên bản «khong.co»"),
    ({"clerk": "ckhn.doipho", "absent": {"ckhn.doipho": "ốm"}}, "thư ký Chu Văn Tuấn được ghi là vắng mặt"),
])
def test_a_meeting_with_bad_input_is_refused_naming_it_and_nothing_is_written(party_rt, changed, why):  # noqa: F811
    rt = party_rt
    [case_id] = _approved(rt, BTV)
    with pytest.raises(InvalidInput, match=f"Chưa ghi nhận được hội nghị Đảng ủy: .*{why}"):
        record_party_meeting(rt, "vp.thamdinh", _meeting({case_id: (7, 0)} if "absent" not in changed
                                                         else {case_id: (1, 0)}, **changed))
    _nothing_written(rt)


def test_a_vote_over_more_members_than_present_is_refused(party_rt):  # noqa: F811
    rt = party_rt
    [case_id] = _approved(rt, BTV)
    with pytest.raises(InvalidInput, match=r"Vi Thị Hồng \(hồ sơ \d+\): tổng số đồng ý và không "
                                           r"đồng ý \(7\) vượt số đảng ủy viên có mặt \(6\)"):
        record_party_meeting(rt, "vp.thamdinh", _meeting({case_id: (6, 1)}, absent={"ckhn.doipho": "ốm"}))
    _nothing_written(rt)


def test_a_phó_bí_thư_chairs_when_the_bí_thư_is_away_and_a_nominee_not_carried_is_refused_later(party_rt):  # noqa: F811
    rt = party_rt
    [case_id] = _approved(rt, BTV)
    meeting_id = record_party_meeting(rt, "vp.thamdinh", _meeting({case_id: (3, 3)},
                                                                  absent={"pho.truongban": "đi công tác tỉnh"}))
    with pytest.raises(InvalidInput, match="đã ghi nhận hội nghị"):  # one meeting a day, recorded once
        record_party_meeting(rt, "vp.thamdinh", _meeting({case_id: (6, 0)}))
    minutes = issue_party_minutes(rt, "vp.thamdinh", meeting_id)
    assert minutes.reference == "01-BB/ĐUKTCK" and minutes.kind == "bien_ban_dang"
    with pytest.raises(InvalidInput, match="đã có Biên bản số 01-BB/ĐUKTCK"):
        issue_party_minutes(rt, "vp.thamdinh", meeting_id)
    text = docx_text(minutes.path)
    for wanted in ("có mặt 6/7 đồng chí", "vắng 1 đồng chí: đồng chí Hoàng Văn Dũng, Bí thư Đảng ủy",
                   "(đi công tác tỉnh)", "Chủ trì: đồng chí Nguyễn Quốc Toàn, Phó Bí thư Đảng ủy",
                   "Thư ký: đồng chí Lương Văn Minh, Chánh Văn phòng.", "| 3/6 | 3/6 | Không thông qua",
                   "Hội nghị thống nhất thông qua 0/1 trường hợp", "CHỦ TRÌ HỘI NGHỊ", "THƯ KÝ HỘI NGHỊ"):
        assert wanted in text, wanted
    # 3 of 7 is not more than half of the committee: the Tờ trình naming the nominee is refused
    with pytest.raises(InvalidInput, match=f"không thông qua: .*\\(hồ sơ {case_id}\\)"):
        issue_party_submission(rt, "vp.thamdinh", [case_id])
    with rt.uow() as uow:
        assert uow.session.scalars(select(IssuedDocument.id).where(
            IssuedDocument.kind == "to_trinh_dang")).all() == []
